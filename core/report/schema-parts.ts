import { z } from 'zod';

/** The pieces the report's JSON schemas share: numbers, nullable ones, intervals, means with intervals, estimates. */
export const num = z.number();
export const maybe = num.nullable();
export const interval = { low: maybe, high: maybe };
export const meanCi = { n: num.int(), mean: maybe, sd: maybe, ...interval };
export const MeanCiSchema = z.strictObject(meanCi);

export const EstimateSchema = z.strictObject({ value: maybe, ...interval });

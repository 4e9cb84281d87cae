import type { z } from 'zod';
import type { Generator } from '../core/types/generator.js';
import { createSyntheticGenerator, SyntheticConfigSchema } from './synthetic.js';

export interface GeneratorType<S extends z.ZodType = z.ZodType> {
  schema: S;
  create(config: z.infer<S>): Generator;
  description: string;
  /** Draws test media instead of calling a model: labelled SYNTHETIC wherever it appears. */
  synthetic: boolean;
}

const define = <S extends z.ZodType>(t: GeneratorType<S>): GeneratorType => t as unknown as GeneratorType;

/** Every generator adapter, by its config `type`. A new adapter is one file plus one line here. */
export const GENERATOR_TYPES = {
  synthetic: define({
    schema: SyntheticConfigSchema,
    create: createSyntheticGenerator,
    synthetic: true,
    description: 'SYNTHETIC test images drawn from the prompt\'s expectations, with quality knobs; no API, no GPU',
  }),
} satisfies Record<string, GeneratorType>;

export type GeneratorTypeName = keyof typeof GENERATOR_TYPES;

import { z } from 'zod';
import { DIMENSIONS, type Dimension } from './dimensions.js';

const idList = z.array(z.string().min(1).max(200)).min(1).max(500).nullable();
const share = z.number().min(0).max(0.5);
const examplePair = z.strictObject({ low: z.string().min(1).max(200), high: z.string().min(1).max(200) });
const examplesShape = Object.fromEntries(DIMENSIONS.map((d) => [d, examplePair.optional()])) as Record<
  Dimension,
  z.ZodOptional<typeof examplePair>
>;

/**
 * What makes a study, from `loupe study create` or the coordinator page alike: both validate with
 * this schema, so a value one refuses the other refuses too, with the same field named.
 */
export const StudyCreateSchema = z.strictObject({
  runId: z.string().min(1).max(200),
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'expected letters, digits, ".", "-" or "_" (at most 100)')
    .optional(),
  name: z.string().min(1).max(200).optional(),
  mode: z.enum(['likert', 'pairwise']).default('likert'),
  raters: z.int().min(1).max(200).default(5),
  ratingsPerItem: z.int().min(1).max(50).default(5),
  goldRate: share.default(0.05),
  repeatRate: share.default(0.05),
  generators: idList.default(null),
  sets: idList.default(null),
  categories: idList.default(null),
  /** Items per generator x category; null takes every item. */
  perStratum: z.int().min(1).nullable().default(null),
  seed: z.string().min(1).max(200).optional(),
  /** The coordinator's own example generations (keys) per dimension, shown on the start page instead of picked ones. */
  examples: z.strictObject(examplesShape).default({}),
  /**
   * Adaptive allocation: every item gets `floor` raters up front, and the rest of `budget` (normal
   * items rated in all, the floor included) goes one item at a time where the ranking is still
   * undecided; null plans `ratingsPerItem` raters for every item up front.
   */
  adaptive: z
    .strictObject({
      floor: z.int().min(1).max(50).default(2),
      budget: z.int().min(1).max(10_000_000),
      /** Two generators closer than this (on the 5-point scale) are equal for the stop rule; 0 Elo points in arena studies. */
      tolerance: z.number().min(0).max(4).default(0.1),
      recomputeEvery: z.int().min(1).max(1000).default(10),
    })
    .nullable()
    .default(null),
});
export type StudyCreateRequest = z.output<typeof StudyCreateSchema>;

// What the browser client and the server share: request and response schemas, and the rating
// dimensions and choices (defined once in core/types, pure data the bundle can carry).
export * from './api-schemas.js';
export * from './study-create-schema.js';
export { CANNOT_RATE_REASONS, DIMENSIONS, PAIR_CHOICES, PAIR_VALUE } from '../../core/types/dimensions.js';
export type { CannotRateReason, Dimension, PairChoice } from '../../core/types/dimensions.js';
export { RATING_SCALE } from '../../core/types/rating-scale.js';
export type { DimensionWording, ScaleWording } from '../../core/types/rating-scale.js';

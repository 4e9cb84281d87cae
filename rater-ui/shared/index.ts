// What the browser client and the server share: request and response schemas, and the rating
// dimensions and choices (defined once in core/types, pure data the bundle can carry).
export * from './api-schemas.js';
export * from './study-create-schema.js';
export * from '../../core/types/dimensions.js';

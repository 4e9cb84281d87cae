export * from './prompt.js';
export * from './generator.js';
export * from './metric.js';
export * from './store.js';
export * from './media-store.js';
export * from './media-preview.js';
export * from './data-error.js';
export * from './dimensions.js';

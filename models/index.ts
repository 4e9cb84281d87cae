// The generators' public face: the registry of adapters, read only by the CLI's composition module.
export type { FolderInventory } from './folder-match.js';
export { GENERATOR_TYPES } from './registry.js';
export { SyntheticConfigSchema, syntheticTruth, type SyntheticConfig } from './synthetic/generator.js';

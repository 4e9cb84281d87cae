import { redactUrl } from '../store/index.js';
import type { Generator } from '../types/index.js';
import type { GeneratorConfig, LoupeConfig, StoreConfig } from './schema.js';

/** A generator entry as the run record keeps it: whether it draws test media is recorded, so the report need not know the adapters. */
export type StoredGeneratorConfig = GeneratorConfig & { synthetic: boolean };
export type StoredConfig = Omit<LoupeConfig, 'generators'> & { generators: StoredGeneratorConfig[] };

/** The config as a run record keeps it: a Postgres URL loses its password; each generator says whether it is synthetic. */
export function storedConfig(config: LoupeConfig, generators: ReadonlyMap<string, Pick<Generator, 'synthetic'>>): StoredConfig {
  const store = 'postgres' in config.store ? { postgres: redactUrl(config.store.postgres) } : config.store;
  return {
    ...config,
    store,
    generators: config.generators.map((g) => ({ ...g, synthetic: generators.get(g.id)?.synthetic ?? false })),
  };
}

/** The store as messages name it: the SQLite path as written, or the URL without its password. */
export function storeLabel(store: StoreConfig): string {
  return 'postgres' in store ? redactUrl(store.postgres) : store.sqlite;
}

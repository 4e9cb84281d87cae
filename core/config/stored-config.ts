import { redactUrl } from '../store/index.js';
import type { LoupeConfig, StoreConfig } from './schema.js';

/** The config as a run record keeps it: a Postgres URL loses its password. */
export function storedConfig(config: LoupeConfig): LoupeConfig {
  return 'postgres' in config.store ? { ...config, store: { postgres: redactUrl(config.store.postgres) } } : config;
}

/** The store as messages name it: the SQLite path as written, or the URL without its password. */
export function storeLabel(store: StoreConfig): string {
  return 'postgres' in store ? redactUrl(store.postgres) : store.sqlite;
}

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG_FILE, type LoadedConfig } from '../config/index.js';
import { configStoreSpec, describeSpec, openLabelledStore, parseStoreSpec } from '../store/index.js';
import type { MediaStore, Store } from '../types/index.js';
import { loadConfigFile, openWorkspace } from './compose.js';

export const BASELINE_STORE_FLAG = '--baseline-store';
export const BASELINE_STORE_HELP =
  "the baseline run is in another workspace's store: its folder or config file (its media come along), its SQLite file, or a Postgres URL; read as it is, never created or migrated";

/** Another workspace's store, opened to read its baseline run; its media when its config names them. */
export interface BaselineWorkspace {
  store: Store;
  /** null when it was named by its database alone (a SQLite file or a Postgres URL): no pictures of its media then. */
  media: MediaStore | null;
  /** The database, for messages: the SQLite file or the Postgres URL without its password. */
  where: string;
  close(): Promise<void>;
}

/**
 * Opens the store `--baseline-store` names: a workspace folder (its loupe.config.yaml), a config
 * file, a SQLite file (or sqlite:<file>), or a Postgres URL. Nothing there is created, migrated
 * or changed: a missing store, and one at another schema version, are refused with the reason.
 * null when it is the database of `own` (the candidate's config): one store, as without the flag.
 */
export async function openBaselineStore(given: string, own: LoadedConfig): Promise<BaselineWorkspace | null> {
  const label = `${BASELINE_STORE_FLAG} ${given}`;
  const path = given.trim().replace(/^sqlite:/, '');
  const isFolder = existsSync(path) && statSync(path).isDirectory();
  const configFile = isFolder ? join(path, DEFAULT_CONFIG_FILE) : /\.ya?ml$/i.test(path) ? path : null;
  if (configFile === null) {
    const spec = parseStoreSpec(given, label);
    if (describeSpec(spec) === configStoreWhere(own)) return null;
    if (spec.kind === 'sqlite' && !existsSync(spec.path)) throw new Error(`${label}: no such file or folder (${spec.path})`);
    const store = await openLabelledStore(given, label, { migrate: false });
    return { store, media: null, where: describeSpec(spec), close: () => store.close() };
  }
  if (!existsSync(configFile))
    throw new Error(
      isFolder
        ? `${label}: the folder has no ${DEFAULT_CONFIG_FILE}; name the workspace's config file, its SQLite file or its Postgres URL`
        : `${label}: no such config file`,
    );
  const loaded = loadConfigFile(configFile);
  const where = configStoreWhere(loaded);
  if (where === configStoreWhere(own)) return null;
  return { ...(await openWorkspace(loaded, { label: `${label}: store` })), where };
}

/** The database a config names, as messages show it. */
function configStoreWhere(loaded: LoadedConfig): string {
  return describeSpec(parseStoreSpec(configStoreSpec(loaded.config.store, loaded.resolvePath)));
}

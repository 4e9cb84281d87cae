import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE, DEFAULT_MEDIA_FOLDER, DEFAULT_SQLITE } from '../config/index.js';
import { openMediaStore } from '../media-store/index.js';
import { configStoreSpec, openStore } from '../store/index.js';
import type { LoadedConfig } from '../config/index.js';
import { loadConfigFile, openWorkspace, type Workspace } from './compose.js';

/** The config file and run a ratings or votes command works on. */
export interface Common {
  config: string;
  run?: string;
}

/** The run that ratings brought in without a config (and without --run) belong to. */
export const IMPORTED_RUN = 'imported';

/**
 * Opens the config's store and names the run to attach a study to (the config's run unless --run).
 * Ratings or votes from elsewhere need no evaluation: without a config file (the default name, not
 * found) the default store of this folder is used (SQLite in .loupe/), and the run is --run or
 * "imported".
 */
export async function openForStudy(
  options: Common,
): Promise<{ ws: Workspace; runId: string; configRunId: string | undefined; loaded: LoadedConfig | undefined }> {
  if (options.config === DEFAULT_CONFIG_FILE && !existsSync(options.config)) {
    const store = await openStore(
      configStoreSpec({ sqlite: DEFAULT_SQLITE }, (p) => resolve(p)),
      { label: 'store' },
    );
    const media = await openMediaStore({ folder: DEFAULT_MEDIA_FOLDER }, (p) => resolve(p));
    const runId = options.run ?? IMPORTED_RUN;
    return { ws: { store, media, close: () => store.close() }, runId, configRunId: undefined, loaded: undefined };
  }
  const loaded = loadConfigFile(options.config);
  const ws = await openWorkspace(loaded);
  return { ws, runId: options.run ?? loaded.config.run.id, configRunId: loaded.config.run.id, loaded };
}

/** Says that an import made its run as a placeholder, and how `loupe report` finds it. */
export function printPlaceholder(runId: string, configRunId: string | undefined, holds: string): void {
  const report =
    runId === configRunId
      ? '`loupe report` reports it'
      : `\`loupe report\` reports it when run.id in the config is "${runId}"${configRunId === undefined ? ' (no config here: `loupe ratings reliability` and `loupe report --study <id>` read it without one)' : ''}`;
  console.log(`Run "${runId}" did not exist: made it as a placeholder that holds ${holds} and no generations of its own; ${report}.`);
}

import type { LoadedConfig } from '../config/index.js';
import { processOwner, systemClock, type GenerateOptions, type PreparedRun } from '../run/index.js';
import { mediaProbe, type Workspace } from './compose.js';

/**
 * What `loupe generate` hands `generateAll` for a prepared run of a config: its workspace, its
 * generators, prompts and plan, the config's scheduler, this process as the owner of the claims,
 * the real clock and randomness. `extra` adds what a caller chooses (a retry of failures, the
 * budget, where progress goes); benchmarks and tests use the same, so they time and test what
 * the CLI runs.
 */
export function generateOptions(
  loaded: LoadedConfig,
  ws: Workspace,
  prepared: PreparedRun,
  signals: { stop: AbortSignal; abort: AbortSignal },
  extra: Pick<GenerateOptions, 'retryFailed' | 'budget' | 'onEvent'> = {},
): GenerateOptions {
  return {
    store: ws.store,
    media: ws.media,
    probe: mediaProbe,
    generators: prepared.generators,
    prompts: prepared.prompts,
    planned: prepared.planned,
    scheduler: loaded.config.scheduler,
    owner: processOwner(),
    stop: signals.stop,
    abort: signals.abort,
    clock: systemClock,
    random: Math.random,
    ...extra,
  };
}

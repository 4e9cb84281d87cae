import type { RunRecord, Store } from '../types/index.js';

/** What a placeholder run keeps as its config: what it holds, instead of generators and prompts. */
interface PlaceholderConfig {
  run: { id: string; description: string };
  placeholderFor: string;
}

/**
 * Opens a run that only holds ratings or votes of media made elsewhere (`loupe ratings import`,
 * `loupe arena import`) when the run does not exist yet. Returns whether it made one.
 */
export async function openPlaceholderRun(store: Store, runId: string, holds: string): Promise<boolean> {
  if (await store.getRun(runId)) return false;
  const config: PlaceholderConfig = {
    run: { id: runId, description: `placeholder for ${holds}: no generations of its own` },
    placeholderFor: holds,
  };
  await store.openRun(runId, config);
  return true;
}

/** A placeholder gets no generation plan from `loupe report` or `loupe score`; `loupe generate` plans into it as into any run. */
export function isPlaceholderRun(run: RunRecord | undefined): boolean {
  return typeof (run?.config as Partial<PlaceholderConfig> | undefined)?.placeholderFor === 'string';
}

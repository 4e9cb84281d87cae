import { hostname } from 'node:os';
import type { LoadedConfig } from '../config/load.js';
import type { Generator } from '../types/generator.js';
import type { MediaStore } from '../types/media-store.js';
import type { Prompt } from '../types/prompt.js';
import type { PlannedGeneration, RunRecord, Store } from '../types/store.js';
import { configStoreSpec, openStore } from '../store/index.js';
import { storedConfig } from '../config/stored-config.js';
import { openMediaStore } from '../media-store/open-media-store.js';
import { GENERATOR_TYPES } from '../../models/registry.js';
import { promptKey } from './generate.js';
import { planGenerations } from './plan.js';
import { resolvePromptSources, type SelectedSet } from './resolve-prompts.js';
import { ffmpegPath } from '../../metrics/video/ffmpeg-binaries.js';

export interface Workspace {
  store: Store;
  media: MediaStore;
  close(): Promise<void>;
}

/** Opens the store and media store a config names (SQLite and a folder by default). */
export async function openWorkspace(loaded: LoadedConfig): Promise<Workspace> {
  const store = await openStore(configStoreSpec(loaded.config.store, loaded.resolvePath), { label: 'store' });
  const media = await openMediaStore(loaded).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  return { store, media, close: () => store.close() };
}

export interface PreparedRun {
  run: RunRecord;
  resumed: boolean;
  sets: SelectedSet[];
  generators: Map<string, Generator>;
  prompts: Map<string, Prompt>;
  planned: PlannedGeneration[];
}

export type ResolvedRun = Omit<PreparedRun, 'run' | 'resumed'>;

/** Resolves prompts and generators and plans the generations, without touching the run record (queue workers). */
export async function resolveRun(loaded: LoadedConfig, ws: Workspace): Promise<ResolvedRun> {
  const { config } = loaded;
  const sets = await resolvePromptSources(loaded, ws.store);
  const generators = new Map(
    config.generators.map((g) => {
      const type = GENERATOR_TYPES[g.type as keyof typeof GENERATOR_TYPES];
      return [g.id, type.create(g, { resolvePath: loaded.resolvePath, ffmpegPath })] as const;
    }),
  );
  const planned = planGenerations({
    sets,
    generators: [...generators.values()],
    languages: config.languages,
    samples: config.samples,
    seed: config.seed,
  });
  const prompts = new Map(sets.flatMap(({ set }) => set.prompts.map((p) => [promptKey(set.id, p.id), p] as const)));
  return { sets, generators, prompts, planned };
}

/** Resolves prompts and generators, opens (or resumes) the run and records its plan (unless `plan` is false: a placeholder run being reported). */
export async function prepareRun(loaded: LoadedConfig, ws: Workspace, options: { plan?: boolean } = {}): Promise<PreparedRun> {
  const resolved = await resolveRun(loaded, ws);
  const { run, resumed } = await ws.store.openRun(loaded.config.run.id, storedConfig(loaded.config));
  if (options.plan ?? true) await ws.store.planGenerations(run.id, resolved.planned);
  return { run, resumed, ...resolved };
}

/** Names the claims of this process so that a resume can tell a dead owner from a live one. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/** Claims left by a process on this host that no longer exists (killed mid-run) go back to pending. */
export async function releaseDeadClaims(store: Store, runId: string): Promise<number> {
  const running = await store.listGenerations({ runId, status: 'running' });
  const owners = new Set(running.map((g) => g.claimedBy).filter((o): o is string => !!o));
  let released = 0;
  for (const owner of owners) {
    const [host, pid] = owner.split(':');
    if (host === hostname() && !isAlive(Number(pid))) released += await store.releaseClaims(owner);
  }
  return released;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

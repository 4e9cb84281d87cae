import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { SchedulerSchema } from '../../../core/config/schema.js';
import { FolderMediaStore } from '../../../core/media-store/folder-media-store.js';
import type { Clock } from '../../../core/run/clock.js';
import { generateAll } from '../../../core/run/generate.js';
import { planGenerations } from '../../../core/run/plan.js';
import type { RunEvent } from '../../../core/run/run-events.js';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import type { Generator } from '../../../core/types/generator.js';
import type { Prompt, PromptSet } from '../../../core/types/prompt.js';
import { fakeClock } from './fake-clock.js';
import { mediaProbe } from '../../../core/cli/compose.js';

/** A run of three prompts (a, b, c; images or clips) on one generator, in a temporary SQLite store and media folder. */

export const prompts: Prompt[] = ['a', 'b', 'c'].map((id) => ({
  id,
  category: 'scene',
  tags: [],
  text: { en: `prompt ${id}` },
  modality: 'both',
}));
const set: PromptSet = { id: 'set', version: 1, title: 'Set', description: '', license: 'CC0', prompts };
export const png = { bytes: new Uint8Array([137, 80, 78, 71, 1, 2, 3]), mime: 'image/png', width: 1, height: 1 };

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

export async function setup(
  generator: Generator,
  scheduler: Partial<ReturnType<typeof SchedulerSchema.parse>> = {},
  clock: Clock & Partial<{ sleeps: number[] }> = fakeClock(),
  budgetUsd?: number,
) {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-gen-'));
  dirs.push(dir);
  const store = await openSqliteStore(join(dir, 'db.sqlite'));
  const media = new FolderMediaStore(join(dir, 'media'));
  const planned = planGenerations({ sets: [{ set, prompts }], generators: [generator], languages: ['en'], samples: 1, seed: 1 });
  await store.openRun('r', {});
  await store.planGenerations('r', planned);
  const events: RunEvent[] = [];
  const run = () =>
    generateAll({
      store,
      media,
      probe: mediaProbe,
      planned,
      clock,
      random: () => 0.5,
      owner: 'me',
      generators: new Map([['g', generator]]),
      prompts: new Map(prompts.map((p) => [`set/${p.id}`, p])),
      scheduler: SchedulerSchema.parse({ baseDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 3, ...scheduler }),
      stop: new AbortController().signal,
      abort: new AbortController().signal,
      onEvent: (e) => events.push(e),
      budget: budgetUsd === undefined ? undefined : { runId: 'r', usd: budgetUsd },
    });
  return { store, media, planned, events, clock, run };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SchedulerSchema } from '../../../core/config/schema.js';
import { FolderMediaStore } from '../../../core/media-store/folder-media-store.js';
import type { Clock } from '../../../core/run/clock.js';
import { generateAll } from '../../../core/run/generate.js';
import { planGenerations } from '../../../core/run/plan.js';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import type { Prompt, PromptSet } from '../../../core/types/prompt.js';
import { createA1111Generator } from '../../../models/a1111.js';
import { sendJson, startFakeServer, tinyPng, type FakeServer } from '../../models/fake-server.js';
import { mediaProbe } from '../../../core/cli/compose.js';

/** A clock whose sleeps wait until the test moves time on. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (ms <= 0 || signal?.aborted) return resolve();
        sleepers.push({ at: now + ms, wake: resolve });
      }),
    advance(ms) {
      now += ms;
      for (const s of sleepers.filter((x) => x.at <= now)) {
        sleepers.splice(sleepers.indexOf(s), 1);
        s.wake();
      }
    },
  };
}

const prompts: Prompt[] = Array.from({ length: 8 }, (_, i) => ({
  id: `p${i}`,
  category: 'scene',
  tags: [],
  text: { en: `prompt ${i}` },
  modality: 'image',
}));
const set: PromptSet = { id: 'set', version: 1, title: 'Set', description: '', license: 'CC0', prompts };

let servers: FakeServer[] = [];
const dirs: string[] = [];
beforeAll(async () => {
  servers = await Promise.all([startFakeServer(), startFakeServer()]);
});
afterAll(() => Promise.all(servers.map((s) => s.close())));
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function run(clock: Clock, perGenerator: Record<string, { concurrency?: number; ratePerMinute?: number }>) {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-limits-'));
  dirs.push(dir);
  const store = await openSqliteStore(join(dir, 'db.sqlite'));
  const generators = servers.map((s, i) => createA1111Generator({ id: `g${i}`, type: 'a1111', baseUrl: s.url }));
  const planned = planGenerations({ sets: [{ set, prompts }], generators, languages: ['en'], samples: 1, seed: 1 });
  await store.openRun('r', {});
  await store.planGenerations('r', planned);
  const done = generateAll({
    store,
    media: new FolderMediaStore(join(dir, 'media')),
    probe: mediaProbe,
    planned,
    clock,
    random: () => 0.5,
    owner: 'me',
    generators: new Map(generators.map((g) => [g.id, g])),
    prompts: new Map(prompts.map((p) => [`set/${p.id}`, p])),
    scheduler: SchedulerSchema.parse({ concurrency: 8, perGenerator }),
    stop: new AbortController().signal,
    abort: new AbortController().signal,
  });
  return { done, store };
}

describe('per-generator limits, counted by the fake servers', () => {
  it('holds each generator to its own concurrency', async () => {
    // Each server answers only once as many requests as the limit allows are open, so a lane
    // that sent more would show it in maxInFlight; a lane that sent fewer would never finish.
    const png = (await tinyPng()).toString('base64');
    const limits = [3, 1];
    servers.forEach((s, i) => {
      const waiting: (() => void)[] = [];
      s.on('POST', '/sdapi/v1/txt2img', (_r, res) => {
        waiting.push(() => sendJson(res, 200, { images: [png] }));
        const remaining = 8 - (s.requests.length - waiting.length);
        if (waiting.length >= Math.min(limits[i]!, remaining)) waiting.splice(0).forEach((answer) => answer());
      });
    });
    const { done, store } = await run(manualClock(), { g0: { concurrency: 3 }, g1: { concurrency: 1 } });
    await done;
    expect((await store.listGenerations({ runId: 'r', status: 'done' })).length).toBe(16);
    expect(servers.map((s) => s.maxInFlight)).toEqual([3, 1]);
    await store.close();
  });

  it('starts no more requests per minute than each generator allows', async () => {
    const png = (await tinyPng()).toString('base64');
    const clock = manualClock();
    const arrivals: number[][] = [[], []];
    servers.forEach((s, i) => {
      s.requests.splice(0);
      s.on('POST', '/sdapi/v1/txt2img', (_r, res) => {
        arrivals[i]!.push(clock.now());
        sendJson(res, 200, { images: [png] });
      });
    });
    // g0: 600 a minute (one per 100 ms), g1: 120 a minute (one per 500 ms); both with room for 4 at once.
    const { done, store } = await run(clock, { g0: { ratePerMinute: 600, concurrency: 4 }, g1: { ratePerMinute: 120, concurrency: 4 } });
    for (let t = 0; t <= 4000; t += 100) {
      await Promise.all([
        servers[0]!.arrived('/sdapi/v1/txt2img', Math.min(8, t / 100 + 1)),
        servers[1]!.arrived('/sdapi/v1/txt2img', Math.min(8, Math.floor(t / 500) + 1)),
      ]);
      clock.advance(100);
    }
    await done;
    const gaps = (xs: number[]) => xs.slice(1).map((x, i) => x - xs[i]!);
    expect(arrivals[0]).toHaveLength(8);
    expect(arrivals[1]).toHaveLength(8);
    expect(Math.min(...gaps(arrivals[0]!))).toBeGreaterThanOrEqual(100);
    expect(Math.min(...gaps(arrivals[1]!))).toBeGreaterThanOrEqual(500);
    await store.close();
  });
});

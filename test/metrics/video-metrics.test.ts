import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metric, MetricResult } from '../../core/types/metric.js';
import { createVideoMetrics } from '../../metrics/video-metrics.js';
import { clipMaker, videoInput } from './video-clips.js';

const clips = clipMaker();
const paths: Record<string, string> = {};
let metrics: Metric[];
const byId: Record<string, MetricResult[]> = {};
const names = ['still', 'pan', 'flicker', 'black', 'corrupt', 'missing'] as const;

beforeAll(async () => {
  const bars = 'smptebars=size=160x120:rate=12:duration=2';
  paths.still = clips.make('still.mp4', bars);
  // 40 px/s at 12 fps, flow every 2nd frame: 6.67 px per pair on a 120-px shortest side.
  paths.pan = clips.make('pan.mp4', 'smptebars=size=320x120:rate=12:duration=2', "crop=160:120:x='t*40':y=0");
  paths.flicker = clips.make('flicker.mp4', bars, "eq=brightness='0.2*mod(n,2)':eval=frame");
  paths.black = clips.make('black.mp4', 'color=c=black:size=160x120:rate=12:duration=2');
  paths.corrupt = join(clips.dir, 'corrupt.mp4');
  writeFileSync(paths.corrupt, Buffer.alloc(4000, 7));
  paths.missing = join(clips.dir, 'missing.mp4');
  metrics = createVideoMetrics();
  const asked = { width: 160, height: 120, durationSec: 2, fps: 12 };
  for (const m of metrics) byId[m.id] = await m.score(names.map((n) => videoInput(paths[n]!, { asked })));
}, 300_000);
afterAll(async () => {
  for (const m of metrics) await m.dispose?.();
  clips.remove();
});

const value = (id: string, name: (typeof names)[number]) => byId[id]![names.indexOf(name)]!.value!;
const details = (id: string, name: (typeof names)[number]) => byId[id]![names.indexOf(name)]!.details;

describe('model-free video metrics on ffmpeg clips', () => {
  it('registers flicker, motion, checks and the per-frame technical measures, for videos only', () => {
    expect(metrics.map((m) => m.id)).toEqual([
      'flicker',
      'motion',
      'video-checks',
      'video-sharpness',
      'video-exposure',
      'video-colorfulness',
      'video-noise',
    ]);
    expect(metrics.every((m) => m.modalities.join() === 'video' && !m.appliesTo(videoInput('x').prompt, 'en', 'image'))).toBe(true);
  });

  it('flicker: a steady clip scores about 1, an alternating-brightness clip clearly less', () => {
    expect(value('flicker', 'still')).toBeGreaterThan(0.999);
    expect(value('flicker', 'flicker')).toBeLessThan(0.9);
    expect(value('flicker', 'pan')).toBeGreaterThan(value('flicker', 'flicker'));
    expect(details('flicker', 'flicker').meanAbsDiff).toBeCloseTo((1 - value('flicker', 'flicker')) * 255, 6);
  });

  it('motion: a pan measures its speed and is dynamic; a still clip is near 0 and static', () => {
    const expected = (6.67 * 256) / 120;
    expect(Math.abs(value('motion', 'pan') - expected)).toBeLessThan(0.25 * expected);
    expect(details('motion', 'pan')).toMatchObject({ dynamic: true, threshold: 6 });
    expect(value('motion', 'still')).toBeLessThan(0.1);
    expect(details('motion', 'still')).toMatchObject({ dynamic: false, pairsAbove: 0 });
    // Every metric records how it sampled: frames, rate, size.
    expect(details('motion', 'pan').sampling).toMatchObject({ frames: 24, fps: 12, width: 160, height: 120, flowEvery: 2 });
  });

  it('checks: a still clip is frozen, a black clip is black, and size or length unlike the request fails', async () => {
    expect(details('video-checks', 'pan').failed).toEqual([]);
    expect(value('video-checks', 'pan')).toBe(1);
    expect(details('video-checks', 'still').failed).toEqual(['frozen']);
    expect(value('video-checks', 'still')).toBeCloseTo(4 / 5, 12);
    expect(details('video-checks', 'black').failed).toEqual(['frozen', 'black']);
    const checks = metrics.find((m) => m.id === 'video-checks')!;
    const [r] = await checks.score([videoInput(paths.pan!, { asked: { width: 320, height: 240, durationSec: 5, fps: 24 } })]);
    expect(r!.details.failed).toEqual(['duration', 'resolution', 'fps']);
    const [none] = await checks.score([videoInput(paths.pan!)]);
    expect(Object.keys(none!.details.checks as object)).toEqual(['frozen', 'black']);
  });

  it('frame quality: mean over sampled frames with the worst frame; a black clip has exposure 0 and no colour', () => {
    expect(value('video-exposure', 'black')).toBe(0);
    expect(value('video-colorfulness', 'black')).toBe(0);
    expect(value('video-sharpness', 'still')).toBeGreaterThan(0);
    expect(details('video-sharpness', 'pan')).toMatchObject({ frames: 12, worst: expect.any(Number), worstAtSec: expect.any(Number) });
    expect(details('video-sharpness', 'pan').worst as number).toBeLessThanOrEqual(value('video-sharpness', 'pan'));
  });

  it('a file that cannot be decoded is an error result naming it, for every metric, and the batch goes on', () => {
    for (const m of metrics) {
      for (const name of ['corrupt', 'missing'] as const) {
        const r = byId[m.id]![names.indexOf(name)]!;
        expect(r.value).toBeNull();
        expect(r.error).toMatch(new RegExp(`cannot decode video .*${name}\\.mp4: `));
      }
      expect(byId[m.id]![names.indexOf('pan')]!.value).not.toBeNull();
    }
  });

  it("reads the next clip of a batch while one is measured, each result still its own clip's, in order", async () => {
    // A fresh set (nothing cached): a failing clip ahead, an image between, then the clips again.
    const fresh = createVideoMetrics();
    const flicker = fresh.find((m) => m.id === 'flicker')!;
    const image = { ...videoInput(paths.still!), modality: 'image' as const };
    const batch = [paths.missing!, paths.flicker!, null, paths.corrupt!, paths.still!].map((p) => (p ? videoInput(p) : image));
    const results = await flicker.score(batch);
    expect(results.map((r) => r.value)).toEqual([null, value('flicker', 'flicker'), null, null, value('flicker', 'still')]);
    expect(results[0]!.error).toMatch(/missing\.mp4/);
    expect(results[2]!.details).toMatchObject({ notApplicable: true });
    expect(results[3]!.error).toMatch(/corrupt\.mp4/);
    for (const m of fresh) await m.dispose?.();
  });
});

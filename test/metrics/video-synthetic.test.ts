import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metric, MetricInput } from '../../core/types/metric.js';
import type { Prompt } from '../../core/types/prompt.js';
import { createSyntheticGenerator } from '../../models/synthetic/generator.js';
import type { SyntheticVideo } from '../../models/synthetic/video.js';
import { findBuiltinSet } from '../../prompts/builtin.js';
import { createTemporalConsistency } from '../../metrics/video-clip.js';
import { createVideoMetrics } from '../../metrics/video-metrics.js';
import { TINY_CLIP } from './fixture-paths.js';
import { clipMaker } from './video-clips.js';

/** The synthetic generator's video knobs must move every video metric the way they imply. */
const clips = clipMaker();
const prompts = findBuiltinSet('video-motion')!.set.prompts.slice(0, 6);
const KNOBS: Record<string, Partial<SyntheticVideo>> = {
  base: {},
  flicker: { flicker: 0.8 },
  frozen: { frozenRate: 0.5 },
  still: { motion: 0 },
  jump: { jumpRate: 1 },
};
const inputs: Record<string, MetricInput[]> = {};
const metrics: Metric[] = [...createVideoMetrics(), createTemporalConsistency({ model: TINY_CLIP })];
const scores: Record<string, Record<string, number[]>> = {};

async function clip(variant: string, prompt: Prompt): Promise<MetricInput> {
  const gen = createSyntheticGenerator({ id: variant, type: 'synthetic', video: { width: 160, height: 160, ...KNOBS[variant] } });
  const r = await gen.generate(
    { prompt, language: 'en', text: prompt.text.en!, seed: 7, sample: 0, modality: 'video' },
    { signal: new AbortController().signal },
  );
  if (!r.ok) throw new Error(r.error.message);
  const path = join(clips.dir, `${variant}-${prompt.id}.mp4`);
  writeFileSync(path, r.media.bytes);
  return {
    path,
    mime: 'video/mp4',
    mediaHash: `${variant}-${prompt.id}`,
    modality: 'video',
    prompt,
    language: 'en',
    text: prompt.text.en!,
    asked: { width: 160, height: 160, durationSec: 2, fps: 8 },
  };
}

beforeAll(async () => {
  for (const variant of Object.keys(KNOBS)) {
    // Temporal consistency needs several prompts to rank (the tiny CLIP barely sees small objects); the pixel metrics need two.
    const some = variant === 'base' || variant === 'jump' ? prompts : prompts.slice(0, 2);
    inputs[variant] = await Promise.all(some.map((p) => clip(variant, p)));
  }
  for (const m of metrics) {
    scores[m.id] = {};
    for (const [variant, batch] of Object.entries(inputs)) scores[m.id]![variant] = (await m.score(batch)).map((r) => r.value!);
  }
}, 400_000);
afterAll(async () => {
  for (const m of metrics) await m.dispose?.();
  clips.remove();
});

/** Mean of a metric over the first `n` prompts of a variant. */
const mean = (id: string, variant: string, n = 2) => scores[id]![variant]!.slice(0, n).reduce((a, b) => a + b, 0) / n;

describe('synthetic video knobs rank as they imply', () => {
  it('flicker up: the flicker score goes down', () => {
    expect(mean('flicker', 'flicker')).toBeLessThan(mean('flicker', 'base') - 0.02);
    expect(mean('flicker', 'still')).toBeGreaterThan(0.999);
  });

  it('motion 0 or frozen frames: motion goes down, and a still clip is not dynamic', () => {
    expect(mean('motion', 'still')).toBeLessThan(0.05);
    expect(mean('motion', 'frozen')).toBeLessThan(mean('motion', 'base'));
    expect(mean('motion', 'base')).toBeGreaterThan(0.5);
  });

  it('frozen frames and still clips fail the frozen check; the base clips pass every check', () => {
    expect(scores['video-checks']!.base!.slice(0, 2)).toEqual([1, 1]);
    expect(scores['video-checks']!.frozen).toEqual([0.8, 0.8]);
    expect(scores['video-checks']!.still).toEqual([0.8, 0.8]);
  });

  it('objects that vanish and come back: temporal consistency goes down (tiny CLIP fixture)', () => {
    const base = scores['temporal-consistency']!.base!;
    const jump = scores['temporal-consistency']!.jump!;
    expect(mean('temporal-consistency', 'jump', prompts.length)).toBeLessThan(mean('temporal-consistency', 'base', prompts.length));
    expect(jump.filter((j, i) => j < base[i]!).length).toBeGreaterThanOrEqual(prompts.length - 1);
    // A still clip is perfectly consistent: the reason the report puts motion beside it.
    expect(mean('temporal-consistency', 'still')).toBeGreaterThan(0.9999);
  });
});

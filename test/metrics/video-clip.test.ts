import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Metric, MetricInput } from '../../core/types/metric.js';
import { createClipScore } from '../../metrics/clip-score.js';
import { imageEmbeddings } from '../../metrics/image/embedding-cache.js';
import { createTemporalConsistency, createVideoClipScore } from '../../metrics/video-clip.js';
import { TINY_CHINESE_CLIP, TINY_CLIP } from './fixture-paths.js';
import { clipMaker, videoInput } from './video-clips.js';

const clips = clipMaker();
const paths: Record<string, string> = {};
const made: Metric[] = [];
const use = (m: Metric) => (made.push(m), m);

beforeAll(() => {
  paths.moving = clips.make('moving.mp4', 'testsrc2=size=160x120:rate=12:duration=2');
  const box = 'drawbox=x=50:y=30:w=60:h=60:color=red:t=fill';
  paths.steady = clips.make('steady.mp4', 'color=c=gray:size=160x120:rate=12:duration=2', box);
  // The red box is gone between 0.5 s and 1.5 s, then comes back.
  paths.vanishing = clips.make('vanishing.mp4', 'color=c=gray:size=160x120:rate=12:duration=2', `${box}:enable='not(between(t,0.5,1.5))'`);
});
afterEach(async () => {
  for (const m of made.splice(0)) await m.dispose?.();
  imageEmbeddings.clear();
});
afterAll(() => clips.remove());

describe('CLIP video metrics (tiny CLIP fixtures)', () => {
  it('video-clip-score is the image clip-score of the sampled frames, averaged, with the worst frame', async () => {
    const metric = use(createVideoClipScore({ en: TINY_CLIP, zh: TINY_CHINESE_CLIP }));
    const text = 'red'; // a positive cosine with the tiny CLIP, so the comparison is not of zeros
    const [video] = await metric.score([videoInput(paths.moving!, { text })]);
    const frames = await clips.framesAsPng(paths.moving!, { fps: 4, width: 160, height: 120 });
    expect(frames).toHaveLength(8);
    const image = use(createClipScore({ en: TINY_CLIP, zh: TINY_CHINESE_CLIP }));
    const perFrame = (
      await image.score(frames.map((path): MetricInput => ({ ...videoInput(path, { text }), mime: 'image/png', modality: 'image' })))
    ).map((r) => r.value!);
    const mean = perFrame.reduce((a, b) => a + b, 0) / perFrame.length;
    expect(Math.min(...perFrame)).toBeGreaterThan(0);
    expect(video!.value!).toBeCloseTo(mean, 4);
    expect(video!.details.min).toBeCloseTo(Math.min(...perFrame), 4);
    expect(video!.details).toMatchObject({ model: TINY_CLIP, sampling: { frames: 8, fps: 4, width: 160, height: 120 } });
  });

  it('sends Chinese prompts to Chinese-CLIP, and an English-only model on Chinese text is null, not a number', async () => {
    const zh = use(createVideoClipScore({ en: TINY_CLIP, zh: TINY_CHINESE_CLIP }));
    const [r] = await zh.score([videoInput(paths.moving!, { text: '一个彩色的测试图案', language: 'zh' })]);
    expect(r!.value).toEqual(expect.any(Number));
    expect(r!.details.model).toBe(TINY_CHINESE_CLIP);
    const enOnly = use(createVideoClipScore({ en: TINY_CLIP, zh: TINY_CLIP }));
    const [na] = await enOnly.score([videoInput(paths.moving!, { text: '一个彩色的测试图案', language: 'zh' })]);
    expect(na!.value).toBeNull();
    expect(na!.error).toBeUndefined();
    expect(na!.details).toMatchObject({ notApplicable: true });
  });

  it('temporal consistency: a steady clip scores about 1, a clip whose object vanishes scores lower', async () => {
    const metric = use(createTemporalConsistency({ model: TINY_CLIP }));
    const [steady, vanishing] = await metric.score([videoInput(paths.steady!), videoInput(paths.vanishing!)]);
    expect(steady!.value!).toBeGreaterThan(0.999);
    expect(vanishing!.value!).toBeLessThan(steady!.value! - 0.02);
    expect(vanishing!.details.worstAtSec as number).toBeGreaterThanOrEqual(0.5);
    expect(vanishing!.details.sampling).toMatchObject({ frames: 8, fps: 4 });
  });

  it('a file that cannot be decoded is an error result naming it', async () => {
    const metric = use(createTemporalConsistency({ model: TINY_CLIP }));
    const [r, ok] = await metric.score([videoInput(join(clips.dir, 'nope.mp4')), videoInput(paths.steady!)]);
    expect(r!.value).toBeNull();
    expect(r!.error).toMatch(/cannot decode video .*nope\.mp4: file not found/);
    expect(ok!.value).not.toBeNull();
  });
});

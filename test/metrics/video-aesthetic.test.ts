import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAesthetic } from '../../metrics/aesthetic.js';
import { imageEmbeddings } from '../../metrics/image/embedding-cache.js';
import { createVideoAesthetic } from '../../metrics/video-aesthetic.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TINY_CLIP } from './fixture-paths.js';
import { seededLayers, writeMlpOnnx } from './mlp-onnx.js';
import { clipMaker, videoInput } from './video-clips.js';

const tempDir = useTempDir();
const clips = clipMaker();
afterAll(() => clips.remove());

describe('video-aesthetic (tiny CLIP and a tiny head)', () => {
  it('is the image aesthetic score of the sampled frames, averaged, with the worst frame; a bad file is an error naming it', async () => {
    const head = tempDir().dir;
    mkdirSync(join(head, 'onnx'));
    writeMlpOnnx(join(head, 'onnx', 'model.onnx'), seededLayers([16, 32, 8, 4, 2, 1], 7));
    const video = clips.make('moving.mp4', 'testsrc2=size=160x120:rate=12:duration=2');
    const metric = createVideoAesthetic({ clip: TINY_CLIP, head });
    const image = createAesthetic({ clip: TINY_CLIP, head });
    try {
      const [r, bad] = await metric.score([videoInput(video), videoInput(join(clips.dir, 'absent.mp4'))]);
      const frames = await clips.framesAsPng(video, { fps: 4, width: 160, height: 120 });
      const perFrame = (
        await image.score(frames.map((path) => ({ ...videoInput(path), mime: 'image/png', modality: 'image' as const })))
      ).map((x) => x.value!);
      expect(perFrame).toHaveLength(8);
      expect(r!.value!).toBeCloseTo(perFrame.reduce((a, b) => a + b, 0) / perFrame.length, 4);
      expect(r!.details.worst).toBeCloseTo(Math.min(...perFrame), 4);
      expect(r!.details.sampling).toMatchObject({ frames: 8, fps: 4, width: 160, height: 120 });
      expect(bad!.value).toBeNull();
      expect(bad!.error).toMatch(/cannot decode video .*absent\.mp4: file not found/);
    } finally {
      await metric.dispose?.();
      await image.dispose?.();
      imageEmbeddings.clear();
    }
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAesthetic, l2Normalise, runHead } from '../../metrics/aesthetic.js';
import { imageEmbeddings } from '../../metrics/image/embedding-cache.js';
import { ort } from '../../metrics/runtime/onnx-session.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { IMAGES, REFERENCE, TINY_CLIP } from './fixture-paths.js';
import { mlpByHand, writeTinyAestheticHead } from './mlp-onnx.js';

const tempDir = useTempDir();

function headFolder() {
  const folder = tempDir().dir;
  return { folder, layers: writeTinyAestheticHead(folder) };
}

describe('aesthetic head', () => {
  it('the ONNX MLP the project builds computes what a hand computation does', async () => {
    const { folder, layers } = headFolder();
    const session = await ort.InferenceSession.create(join(folder, 'onnx', 'model.onnx'));
    const x = Float32Array.from({ length: 16 }, (_, i) => (i % 3) - 1);
    const [y] = await runHead(session, [x]);
    expect(y).toBeCloseTo(mlpByHand(layers, Array.from(l2Normalise(x))), 5);
    // The input is normalised first: scaling the embedding changes nothing.
    const [y2] = await runHead(session, [x.map((v) => v * 40)]);
    expect(y2).toBeCloseTo(y!, 5);
    await session.release();
  });

  it('scores images through the CLIP image embedding, matching the head on the reference embedding', async () => {
    const { folder, layers } = headFolder();
    const metric = createAesthetic({ clip: TINY_CLIP, head: folder });
    try {
      const imgs = ['gradient_640x480.png', 'three_red_circles_512.png', 'gray_300x200.png'];
      const results = await metric.score(
        [...imgs, 'absent.png'].map((img) => ({
          path: `${IMAGES}/${img}`,
          mime: 'image/png',
          mediaHash: `aesthetic:${img}`,
          modality: 'image' as const,
          prompt: { id: 'p', category: 'scene', tags: [], text: { en: 'x' }, modality: 'image' as const },
          language: 'en' as const,
          text: 'x',
        })),
      );
      imgs.forEach((img, i) => {
        const byHand = mlpByHand(layers, Array.from(l2Normalise(Float32Array.from(REFERENCE['tiny-clip'].images[img]!.image_embeds))));
        expect(results[i]!.value!).toBeCloseTo(byHand, 4);
      });
      expect(new Set(results.slice(0, 3).map((r) => r.value)).size).toBe(3);
      expect(results[3]!.error).toMatch(/cannot read image .*absent\.png/);
      const p = (await metric.provenance()) as { head: { sha256: Record<string, string> }; clip: { model: string } };
      expect(p.head.sha256['onnx/model.onnx']).toMatch(/^[0-9a-f]{64}$/);
      expect(p.clip.model).toBe(TINY_CLIP);
    } finally {
      await metric.dispose?.();
      imageEmbeddings.clear();
    }
  });
});

// Checks the ViT builder (bench/vit-graph.ts) against a hand computation in float64: a small
// ViT of the same construction (2 layers, width 16, 2 heads, 64x64 input, patch 32) through
// ONNX Runtime and through the plain loops below, on one seeded image.
import * as ort from 'onnxruntime-node';
import { seededVit, vitOnnx, type VitShape, type VitWeights } from './vit-graph.js';

const SMALL: VitShape = { image: 64, patch: 32, width: 16, layers: 2, heads: 2, mlp: 24, proj: 8 };

type M = number[][];
const matmul = (a: M, w: Float32Array, n: number): M =>
  a.map((row) => Array.from({ length: n }, (_, j) => row.reduce((s, v, i) => s + v * w[i * n + j]!, 0)));
const addBias = (a: M, b: Float32Array): M => a.map((row) => row.map((v, j) => v + b[j]!));
const layerNorm = (a: M, g: Float32Array, b: Float32Array): M =>
  a.map((row) => {
    const mean = row.reduce((s, v) => s + v, 0) / row.length;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / row.length;
    return row.map((v, j) => ((v - mean) / Math.sqrt(variance + 1e-5)) * g[j]! + b[j]!);
  });

/** The image embedding of one CHW image, by hand. */
export function vitByHand(s: VitShape, w: VitWeights, pixels: Float32Array): number[] {
  const W = (name: string) => w.get(name)!.data;
  const d = s.width,
    g = s.image / s.patch,
    hd = d / s.heads,
    P = s.patch;
  const tokens: M = [Array.from(W('cls'))];
  for (let py = 0; py < g; py++)
    for (let px = 0; px < g; px++) {
      tokens.push(
        Array.from({ length: d }, (_, o) => {
          let sum = 0;
          for (let c = 0; c < 3; c++)
            for (let y = 0; y < P; y++)
              for (let x = 0; x < P; x++)
                sum += pixels[c * s.image * s.image + (py * P + y) * s.image + px * P + x]! * W('patch_w')[((o * 3 + c) * P + y) * P + x]!;
          return sum;
        }),
      );
    }
  let h = layerNorm(
    tokens.map((row, t) => row.map((v, j) => v + W('pos')[t * d + j]!)),
    W('pre_g'),
    W('pre_b'),
  );
  for (let l = 0; l < s.layers; l++) {
    const n1 = layerNorm(h, W(`l${l}_ln1_g`), W(`l${l}_ln1_b`));
    const [q, k, v] = (['q', 'k', 'v'] as const).map((m) => addBias(matmul(n1, W(`l${l}_${m}_w`), d), W(`l${l}_${m}_b`))) as [M, M, M];
    const ctx: M = h.map(() => new Array<number>(d).fill(0));
    for (let head = 0; head < s.heads; head++) {
      const off = head * hd;
      for (let i = 0; i < h.length; i++) {
        const scores = k.map((kr) => kr.slice(off, off + hd).reduce((sum, kv, j) => sum + kv * q[i]![off + j]!, 0) / Math.sqrt(hd));
        const max = Math.max(...scores);
        const e = scores.map((x) => Math.exp(x - max));
        const z = e.reduce((a, b) => a + b, 0);
        for (let t = 0; t < h.length; t++) for (let j = 0; j < hd; j++) ctx[i]![off + j]! += (e[t]! / z) * v[t]![off + j]!;
      }
    }
    const attn = addBias(matmul(ctx, W(`l${l}_o_w`), d), W(`l${l}_o_b`));
    h = h.map((row, i) => row.map((x, j) => x + attn[i]![j]!));
    const f = addBias(matmul(layerNorm(h, W(`l${l}_ln2_g`), W(`l${l}_ln2_b`)), W(`l${l}_fc1_w`), s.mlp), W(`l${l}_fc1_b`));
    const gl = f.map((row) => row.map((x) => x / (1 + Math.exp(-1.702 * x))));
    const m = addBias(matmul(gl, W(`l${l}_fc2_w`), d), W(`l${l}_fc2_b`));
    h = h.map((row, i) => row.map((x, j) => x + m[i]![j]!));
  }
  const pooled = layerNorm([h[0]!], W('post_g'), W('post_b'));
  return matmul(pooled, W('proj_w'), s.proj)[0]!;
}

/** Largest |onnx - hand| relative to the largest |hand|, over a batch of two seeded images. */
export async function checkVitGraph(): Promise<{ maxAbsDiff: number; maxAbs: number }> {
  const w = seededVit(SMALL, 7);
  const session = await ort.InferenceSession.create(vitOnnx(SMALL, w));
  const n = 3 * SMALL.image * SMALL.image;
  const batch = Float32Array.from({ length: 2 * n }, (_, i) => Math.sin(i * 0.37) * 1.5);
  const out = (await session.run({ pixel_values: new ort.Tensor('float32', batch, [2, 3, SMALL.image, SMALL.image]) })).image_embeds!;
  await session.release();
  let maxAbsDiff = 0,
    maxAbs = 0;
  for (let b = 0; b < 2; b++) {
    const hand = vitByHand(SMALL, w, batch.subarray(b * n, (b + 1) * n));
    hand.forEach((v, j) => {
      maxAbs = Math.max(maxAbs, Math.abs(v));
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(v - (out.data as Float32Array)[b * SMALL.proj + j]!));
    });
  }
  return { maxAbsDiff, maxAbs };
}

// A random-weight CLIP vision tower (ViT) as ONNX, opset 17, built with onnx-proto, for
// `bench:metrics`. Same graph as Hugging Face's CLIPVisionModelWithProjection: patch conv (no
// bias), class token, position embeddings, pre-layernorm, pre-LN blocks (attention, quick_gelu
// MLP), post-layernorm of the class token, projection (no bias). Input `pixel_values`
// [batch,3,S,S], output `image_embeds` [batch,proj]. Run as a script it writes ViT-B/32:
// `tsx bench/vit-graph.ts out.onnx [seed]`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import { mulberry32 } from '../core/types/seeded-random.js';

const { onnx } = onnxProto;

export interface VitShape {
  image: number;
  patch: number;
  width: number;
  layers: number;
  heads: number;
  mlp: number;
  proj: number;
}
export const VIT_B32: VitShape = { image: 224, patch: 32, width: 768, layers: 12, heads: 12, mlp: 3072, proj: 512 };

/** Every initializer by name: [dims, data]. */
export type VitWeights = Map<string, { dims: number[]; data: Float32Array }>;

/** Seeded weights (the project's mulberry32), uniform with std 0.02; layernorm gains near 1. */
export function seededVit(s: VitShape, seed: number): VitWeights {
  const next = mulberry32(seed);
  const rand = () => next() - 0.5;
  const w: VitWeights = new Map();
  const put = (name: string, dims: number[], scale = 0.02 * Math.sqrt(12), offset = 0) => {
    const data = new Float32Array(dims.reduce((x, y) => x * y, 1));
    for (let i = 0; i < data.length; i++) data[i] = offset + scale * rand();
    w.set(name, { dims, data });
  };
  const d = s.width,
    tokens = (s.image / s.patch) ** 2 + 1;
  put('patch_w', [d, 3, s.patch, s.patch]);
  put('cls', [1, 1, d]);
  put('pos', [1, tokens, d]);
  const ln = (p: string) => {
    put(`${p}_g`, [d], 0.2, 1);
    put(`${p}_b`, [d], 0.02);
  };
  ln('pre');
  for (let l = 0; l < s.layers; l++) {
    ln(`l${l}_ln1`);
    for (const m of ['q', 'k', 'v', 'o']) {
      put(`l${l}_${m}_w`, [d, d]);
      put(`l${l}_${m}_b`, [d]);
    }
    ln(`l${l}_ln2`);
    put(`l${l}_fc1_w`, [d, s.mlp]);
    put(`l${l}_fc1_b`, [s.mlp]);
    put(`l${l}_fc2_w`, [s.mlp, d]);
    put(`l${l}_fc2_b`, [d]);
  }
  ln('post');
  put('proj_w', [d, s.proj]);
  return w;
}

export function paramCount(w: VitWeights): number {
  let n = 0;
  for (const { data } of w.values()) n += data.length;
  return n;
}

/** Multiply-adds per image, times 2 (matmuls and the conv; softmax, norms, GELU left out). */
export function flopsPerImage(s: VitShape): number {
  const t = (s.image / s.patch) ** 2 + 1,
    d = s.width;
  const conv = (t - 1) * d * 3 * s.patch * s.patch;
  const block = t * d * d * 4 + 2 * t * t * d + 2 * t * d * s.mlp;
  return 2 * (conv + s.layers * block + d * s.proj);
}

/** The graph, encoded. Matmul weights are [in, out] (x @ W), as onnx MatMul takes them. */
export function vitOnnx(s: VitShape, w: VitWeights): Uint8Array {
  const F = onnx.TensorProto.DataType.FLOAT,
    I64 = onnx.TensorProto.DataType.INT64;
  const init: InstanceType<typeof onnx.TensorProto>[] = [];
  for (const [name, { dims, data }] of w)
    init.push(onnx.TensorProto.create({ name, dims, dataType: F, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }));
  const i64 = (name: string, v: number[]) => {
    init.push(onnx.TensorProto.create({ name, dims: [v.length], dataType: I64, int64Data: v }));
    return name;
  };
  const f32 = (name: string, v: number) => {
    init.push(onnx.TensorProto.create({ name, dims: [], dataType: F, floatData: [v] }));
    return name;
  };
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  let k = 0;
  const attr = (name: string, v: number | number[]) =>
    Array.isArray(v)
      ? onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: v })
      : Number.isInteger(v)
        ? onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: v })
        : onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f: v });
  const op = (opType: string, input: string[], attrs: Record<string, number | number[]> = {}, output = `t${k++}`) => {
    nodes.push(onnx.NodeProto.create({ opType, input, output: [output], attribute: Object.entries(attrs).map(([n, v]) => attr(n, v)) }));
    return output;
  };
  const d = s.width,
    hd = d / s.heads;
  const layerNorm = (x: string, p: string) => op('LayerNormalization', [x, `${p}_g`, `${p}_b`], { axis: -1, epsilon: 1e-5 });
  const linear = (x: string, p: string) => op('Add', [op('MatMul', [x, `${p}_w`]), `${p}_b`]);
  i64('shape_heads', [0, 0, s.heads, hd]);
  i64('shape_merge', [0, 0, d]);
  i64('shape_cls', [1, d]);
  i64('zero', [0]);
  f32('scale', 1 / Math.sqrt(hd));
  f32('gelu_k', 1.702);

  const patches = op('Conv', ['pixel_values', 'patch_w'], { kernel_shape: [s.patch, s.patch], strides: [s.patch, s.patch] });
  // [B,d,g,g] -> [B,d,g*g] -> [B,g*g,d]: patches in row-major order, as HF flattens them.
  const tokensIn = op('Transpose', [op('Reshape', [patches, i64('shape_patches', [0, d, -1])])], { perm: [0, 2, 1] });
  const batchDim = op('Shape', ['pixel_values'], { start: 0, end: 1 });
  const cls = op('Expand', ['cls', op('Concat', [batchDim, 'shape_cls'], { axis: 0 })]);
  let x = layerNorm(op('Add', [op('Concat', [cls, tokensIn], { axis: 1 }), 'pos']), 'pre');
  for (let l = 0; l < s.layers; l++) {
    const h = layerNorm(x, `l${l}_ln1`);
    const heads = (m: string, perm: number[]) => op('Transpose', [op('Reshape', [linear(h, `l${l}_${m}`), 'shape_heads'])], { perm });
    const q = heads('q', [0, 2, 1, 3]),
      kt = heads('k', [0, 2, 3, 1]),
      v = heads('v', [0, 2, 1, 3]);
    const p = op('Softmax', [op('Mul', [op('MatMul', [q, kt]), 'scale'])], { axis: -1 });
    const ctx = op('Reshape', [op('Transpose', [op('MatMul', [p, v])], { perm: [0, 2, 1, 3] }), 'shape_merge']);
    x = op('Add', [x, linear(ctx, `l${l}_o`)]);
    const f = linear(layerNorm(x, `l${l}_ln2`), `l${l}_fc1`);
    const g = op('Mul', [f, op('Sigmoid', [op('Mul', [f, 'gelu_k'])])]);
    x = op('Add', [x, linear(g, `l${l}_fc2`)]);
  }
  const pooled = layerNorm(op('Squeeze', [op('Gather', [x, 'zero'], { axis: 1 }), i64('one', [1])]), 'post');
  op('MatMul', [pooled, 'proj_w'], {}, 'image_embeds');

  const value = (name: string, dims: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: F, shape: { dim: dims.map((v) => (typeof v === 'number' ? { dimValue: v } : { dimParam: v })) } } },
    });
  const graph = onnx.GraphProto.create({
    name: 'clip-vision-random',
    node: nodes,
    initializer: init,
    input: [value('pixel_values', ['batch', 3, s.image, s.image])],
    output: [value('image_embeds', ['batch', s.proj])],
  });
  const model = onnx.ModelProto.create({ irVersion: 8, producerName: 'loupe-bench', opsetImport: [{ domain: '', version: 17 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, seed = '1'] = process.argv.slice(2);
  if (!out) throw new Error('usage: tsx bench/vit-graph.ts out.onnx [seed]');
  const w = seededVit(VIT_B32, Number(seed));
  writeFileSync(out, vitOnnx(VIT_B32, w));
  console.log(JSON.stringify({ params: paramCount(w), flops: flopsPerImage(VIT_B32) }));
}

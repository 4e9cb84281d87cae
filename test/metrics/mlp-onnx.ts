import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { mulberry32 } from '../../core/types/seeded-random.js';

const { onnx } = onnxProto;

export interface LinearLayer {
  /** Row-major [out, in], as torch.nn.Linear stores it. */
  weight: Float32Array;
  bias: Float32Array;
  in: number;
  out: number;
}

/** Seeded weights (mulberry32), so that a test can recompute the same layers by hand. */
export function seededLayers(dims: readonly number[], seed: number): LinearLayer[] {
  const next = mulberry32(seed);
  const rand = () => next() - 0.5;
  return dims.slice(1).map((out, i) => {
    const inDim = dims[i]!;
    return { in: inDim, out, weight: Float32Array.from({ length: out * inDim }, rand), bias: Float32Array.from({ length: out }, rand) };
  });
}

/**
 * The LAION aesthetic head's shape as ONNX (opset 17): Linear layers in a chain, no activation
 * (its Dropout layers are identities at inference). Input "embedding" [batch, in], output "score" [batch, 1].
 */
export function writeMlpOnnx(path: string, layers: readonly LinearLayer[]): void {
  const tensor = (name: string, dims: number[], data: Float32Array) =>
    onnx.TensorProto.create({
      name,
      dims,
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
    });
  const valueInfo = (name: string, dims: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType: onnx.TensorProto.DataType.FLOAT,
          shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
        },
      },
    });
  const nodes = layers.map((_, i) =>
    onnx.NodeProto.create({
      opType: 'Gemm',
      input: [i === 0 ? 'embedding' : `h${i}`, `w${i}`, `b${i}`],
      output: [i === layers.length - 1 ? 'score' : `h${i + 1}`],
      attribute: [onnx.AttributeProto.create({ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 })],
    }),
  );
  const graph = onnx.GraphProto.create({
    name: 'aesthetic-mlp',
    node: nodes,
    initializer: layers.flatMap((l, i) => [tensor(`w${i}`, [l.out, l.in], l.weight), tensor(`b${i}`, [l.out], l.bias)]),
    input: [valueInfo('embedding', ['batch', layers[0]!.in])],
    output: [valueInfo('score', ['batch', 1])],
  });
  const model = onnx.ModelProto.create({ irVersion: 8, producerName: 'loupe-test', opsetImport: [{ domain: '', version: 17 }], graph });
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
}

/** The same MLP by hand, in float64. */
export function mlpByHand(layers: readonly LinearLayer[], x: readonly number[]): number {
  let h = [...x];
  for (const l of layers)
    h = Array.from({ length: l.out }, (_, o) => l.bias[o]! + h.reduce((s, v, i) => s + v * l.weight[o * l.in + i]!, 0));
  return h[0]!;
}

/** The LAION head's shape scaled down to the tiny CLIP's 16-dimensional embedding, written as `<folder>/onnx/model.onnx`. */
export function writeTinyAestheticHead(folder: string): LinearLayer[] {
  mkdirSync(join(folder, 'onnx'), { recursive: true });
  const layers = seededLayers([16, 32, 8, 4, 2, 1], 7);
  writeMlpOnnx(join(folder, 'onnx', 'model.onnx'), layers);
  return layers;
}

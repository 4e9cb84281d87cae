// A q8 copy of an ONNX graph, rewritten the way ONNX Runtime's dynamic quantization
// (onnxruntime.quantization.quantize_dynamic, weight_type QInt8, per tensor) rewrites it: every
// MatMul whose second input is a 2-D float initializer (the linear layers, the projection) becomes
// DynamicQuantizeLinear of the activation (uint8, scale and zero point computed per call),
// MatMulInteger with the weight quantized to int8 (symmetric, zero point 0), and the int32 result
// cast back to float and scaled by activation scale * weight scale. Matmuls of two activations
// (attention) and everything else stay fp32. With no Python here, the bench and the tests make
// their q8 graphs with this instead of the onnxruntime tool.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type Tensor = onnxProto.onnx.ITensorProto;
type Node = onnxProto.onnx.INodeProto;

/** Symmetric per-tensor int8 as quantize_dynamic makes weights: scale = max|w| / 127, q = round(w / scale). */
export function quantizeInt8(w: Float32Array): { q: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
  const scale = max === 0 ? 1 : max / 127;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i]! / scale);
  return { q, scale };
}

function floats(t: Tensor): Float32Array | undefined {
  if (t.dataType !== onnx.TensorProto.DataType.FLOAT || t.dims?.length !== 2) return undefined;
  if (t.rawData && t.rawData.length > 0) return new Float32Array(new Uint8Array(t.rawData).slice().buffer);
  return t.floatData && t.floatData.length > 0 ? Float32Array.from(t.floatData) : undefined;
}

/** The graph with its weight MatMuls quantized; returns the encoded model and how many MatMuls changed. */
export function quantizeDynamic(model: Uint8Array): { bytes: Uint8Array; quantized: number } {
  const m = onnx.ModelProto.decode(model);
  const graph = m.graph!;
  const initializer = graph.initializer ?? [];
  const weights = new Map(initializer.map((t) => [t.name!, t]));
  const used = new Map<string, number>();
  for (const n of graph.node ?? []) for (const i of n.input ?? []) used.set(i, (used.get(i) ?? 0) + 1);
  const nodes: Node[] = [];
  const dropped = new Set<string>();
  let k = 0;
  const node = (opType: string, input: string[], output: string[], attribute: InstanceType<typeof onnx.AttributeProto>[] = []) =>
    nodes.push(onnx.NodeProto.create({ opType, input, output, attribute, name: `q8_${k++}` }));
  for (const n of graph.node ?? []) {
    const w = n.opType === 'MatMul' ? weights.get(n.input![1]!) : undefined;
    const data = w && floats(w);
    if (!w || !data) {
      nodes.push(n);
      continue;
    }
    const { q, scale } = quantizeInt8(data);
    const p = `${w.name}_q8`;
    initializer.push(
      onnx.TensorProto.create({
        name: `${p}_w`,
        dims: w.dims,
        dataType: onnx.TensorProto.DataType.INT8,
        rawData: new Uint8Array(q.buffer),
      }),
      onnx.TensorProto.create({ name: `${p}_scale`, dims: [], dataType: onnx.TensorProto.DataType.FLOAT, floatData: [scale] }),
      onnx.TensorProto.create({ name: `${p}_zp`, dims: [], dataType: onnx.TensorProto.DataType.INT8, rawData: new Uint8Array(1) }),
    );
    const x = `${n.output![0]}_x${k}`;
    node('DynamicQuantizeLinear', [n.input![0]!], [`${x}_q`, `${x}_scale`, `${x}_zp`]);
    node('MatMulInteger', [`${x}_q`, `${p}_w`, `${x}_zp`, `${p}_zp`], [`${x}_int`]);
    node(
      'Cast',
      [`${x}_int`],
      [`${x}_float`],
      [onnx.AttributeProto.create({ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: 1 })],
    );
    node('Mul', [`${x}_scale`, `${p}_scale`], [`${x}_step`]);
    node('Mul', [`${x}_float`, `${x}_step`], [n.output![0]!]);
    used.set(w.name!, used.get(w.name!)! - 1);
    if (used.get(w.name!) === 0) dropped.add(w.name!);
  }
  graph.node = nodes;
  graph.initializer = initializer.filter((t) => !dropped.has(t.name!));
  return { bytes: onnx.ModelProto.encode(m).finish(), quantized: k / 5 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) throw new Error('usage: tsx bench/dynamic-quantize.ts in.onnx out.onnx');
  const { bytes, quantized } = quantizeDynamic(readFileSync(input));
  writeFileSync(output, bytes);
  console.log(JSON.stringify({ quantized }));
}

import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { quantizeDynamic, quantizeInt8 } from '../../bench/dynamic-quantize.js';
import { mulberry32 } from '../../core/types/seeded-random.js';

const { onnx } = onnxProto;

/** Y = X @ W as one fp32 MatMul, W a [k, n] initializer. */
function matmulGraph(w: Float32Array, k: number, n: number): Uint8Array {
  const F = onnx.TensorProto.DataType.FLOAT;
  const value = (name: string, dims: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: F, shape: { dim: dims.map((v) => (typeof v === 'number' ? { dimValue: v } : { dimParam: v })) } } },
    });
  const graph = onnx.GraphProto.create({
    name: 'one-matmul',
    node: [onnx.NodeProto.create({ opType: 'MatMul', input: ['x', 'w'], output: ['y'] })],
    initializer: [onnx.TensorProto.create({ name: 'w', dims: [k, n], dataType: F, rawData: new Uint8Array(w.buffer) })],
    input: [value('x', ['rows', k])],
    output: [value('y', ['rows', n])],
  });
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

describe('quantizeDynamic', () => {
  it('turns a weight MatMul into DynamicQuantizeLinear + MatMulInteger whose output stays within the bound the two quantization steps give', async () => {
    const next = mulberry32(11);
    const [rows, k, n] = [5, 48, 7];
    const w = Float32Array.from({ length: k * n }, () => (next() - 0.5) * 0.4);
    const x = Float32Array.from({ length: rows * k }, () => (next() - 0.3) * 3);
    const { bytes, quantized } = quantizeDynamic(matmulGraph(w, k, n));
    expect(quantized).toBe(1);
    const ops = onnx.ModelProto.decode(bytes).graph!.node!.map((node) => node.opType);
    expect(ops).toContain('MatMulInteger');
    expect(ops).not.toContain('MatMul');

    const session = await ort.InferenceSession.create(bytes);
    const y = (await session.run({ x: new ort.Tensor('float32', x, [rows, k]) })).y!.data as Float32Array;
    await session.release();
    // Steps: the weight's s_w = max|w| / 127 (rounding error <= s_w / 2); the activation's
    // s_x = (max(x, 0) - min(x, 0)) / 255 over the whole tensor, error <= s_x (half a step, and up
    // to another half where the rounded zero point pushes the largest value past 255). So
    // |y - y_q| <= sum_i |x_i| s_w / 2 + |w_ij| s_x + s_x s_w / 2.
    const sw = quantizeInt8(w).scale;
    const sx = (Math.max(0, ...x) - Math.min(0, ...x)) / 255;
    let worst = 0,
      largest = 0;
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < n; j++) {
        let exact = 0,
          bound = 0;
        for (let i = 0; i < k; i++) {
          const xi = x[r * k + i]!,
            wij = w[i * n + j]!;
          exact += xi * wij;
          bound += (Math.abs(xi) * sw) / 2 + Math.abs(wij) * sx + (sx * sw) / 2;
        }
        const err = Math.abs(y[r * n + j]! - exact);
        expect(err, `y[${r}, ${j}]`).toBeLessThanOrEqual(bound + 1e-5);
        worst = Math.max(worst, err);
        largest = Math.max(largest, Math.abs(exact));
      }
    // Quantized for real: not the fp32 result, yet a few percent of the output's scale.
    expect(worst).toBeGreaterThan(1e-4);
    expect(worst).toBeLessThan(0.05 * largest);
  });
});

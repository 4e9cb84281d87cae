import { describe, expect, it } from 'vitest';
import { ort, sessionOptions } from '../../../metrics/runtime/onnx-session.js';
import { TINY_CLIP } from '../fixture-paths.js';

describe('ONNX Runtime session options', () => {
  it('lets ONNX Runtime choose its threads unless LOUPE_ORT_THREADS says how many', () => {
    expect(sessionOptions({}).intraOpNumThreads).toBeUndefined();
    expect(sessionOptions({ LOUPE_ORT_THREADS: '' }).intraOpNumThreads).toBeUndefined();
    expect(sessionOptions({ LOUPE_ORT_THREADS: '1' }).intraOpNumThreads).toBe(1);
    expect(sessionOptions({ LOUPE_ORT_THREADS: '12' }).intraOpNumThreads).toBe(12);
  });

  it('refuses a thread count that is not a whole number of at least 1, naming the variable', () => {
    for (const bad of ['0', '-2', 'two', '1.5']) {
      expect(() => sessionOptions({ LOUPE_ORT_THREADS: bad })).toThrow(
        `LOUPE_ORT_THREADS must be a whole number of threads of at least 1, got "${bad}"`,
      );
    }
  });

  it('gives the same embedding on one thread as with the default threads', async () => {
    const graph = `${TINY_CLIP}/onnx/vision_model.onnx`;
    const size = 224; // the tiny CLIP's input size
    const pixels = Float32Array.from({ length: 3 * size * size }, (_, i) => Math.sin(i) * 0.5);
    const run = async (options: ort.InferenceSession.SessionOptions) => {
      const session = await ort.InferenceSession.create(graph, options);
      const input = session.inputNames[0]!;
      const out = await session.run({ [input]: new ort.Tensor('float32', pixels, [1, 3, size, size]) });
      await session.release();
      return Array.from(out[session.outputNames[0]!]!.data as Float32Array);
    };
    const one = await run(sessionOptions({ LOUPE_ORT_THREADS: '1' }));
    const all = await run(sessionOptions({}));
    expect(one.length).toBeGreaterThan(0);
    one.forEach((v, i) => expect(v).toBeCloseTo(all[i]!, 5));
  });
});

import { Worker } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';

interface WireTensor {
  type: ort.Tensor.Type;
  data: ort.Tensor.DataType;
  dims: readonly number[];
}

interface Reply {
  id: number;
  error?: string;
  inputNames?: string[];
  outputNames?: string[];
  outputs?: Record<string, WireTensor>;
}

/**
 * The one worker thread that runs every ONNX Runtime session of the process (onnx-worker.mjs),
 * so that decoding and preprocessing on the main thread go on while a batch is inferred. It keeps
 * the process alive only while requests are pending, and a crash fails those requests and starts
 * a fresh thread at the next one.
 */
class OnnxThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  request(message: Record<string, unknown>): Promise<Reply> {
    const worker = this.start();
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./onnx-worker.mjs', import.meta.url));
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.error !== undefined) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const { reject } of this.pending.values()) reject(new Error(`the ONNX Runtime thread stopped: ${error.message}`));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }
}

const thread = new OnnxThread();

/** A session living in the ONNX Runtime thread: what Loupe's models call. */
export interface Session {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>>;
}

export async function createThreadSession(
  path: string,
  options: ort.InferenceSession.SessionOptions,
): Promise<Session & { release(): Promise<void> }> {
  const created = await thread.request({ op: 'create', path, options });
  return {
    inputNames: created.inputNames!,
    outputNames: created.outputNames!,
    async run(feeds) {
      // Inputs are copied (the caller may reuse its arrays); outputs come back transferred.
      const wire = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, { type: t.type, data: t.data, dims: t.dims }]));
      const reply = await thread.request({ op: 'run', path, feeds: wire });
      return Object.fromEntries(
        Object.entries(reply.outputs!).map(([name, t]) => [name, new ort.Tensor(t.type, t.data as Float32Array, t.dims)]),
      );
    },
    async release() {
      await thread.request({ op: 'release', path });
    },
  };
}

// The thread that runs ONNX Runtime for the process (see onnx-session.ts). onnxruntime-node's
// run() computes on the calling thread, so inference on the main thread would stop image decoding
// and preprocessing until it returns; here it runs beside them. Plain JavaScript, so that the
// worker needs no TypeScript loader.
import { parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';

const sessions = new Map();

async function handle(message) {
  const { op, path } = message;
  if (op === 'create') {
    const session = await ort.InferenceSession.create(path, message.options);
    sessions.set(path, session);
    return { reply: { inputNames: session.inputNames, outputNames: session.outputNames }, transfer: [] };
  }
  const session = sessions.get(path);
  if (!session) throw new Error(`no ONNX session is open for ${path}`);
  if (op === 'release') {
    sessions.delete(path);
    await session.release();
    return { reply: {}, transfer: [] };
  }
  const feeds = Object.fromEntries(Object.entries(message.feeds).map(([name, t]) => [name, new ort.Tensor(t.type, t.data, t.dims)]));
  const out = await session.run(feeds);
  const outputs = {};
  const transfer = [];
  for (const [name, t] of Object.entries(out)) {
    outputs[name] = { type: t.type, data: t.data, dims: t.dims };
    transfer.push(t.data.buffer);
  }
  return { reply: { outputs }, transfer };
}

parentPort.on('message', (message) => {
  handle(message).then(
    ({ reply, transfer }) => parentPort.postMessage({ id: message.id, ...reply }, transfer),
    (error) => parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});

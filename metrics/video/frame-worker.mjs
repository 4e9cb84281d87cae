// A thread that measures a clip's frames (frame-measures.ts: the frame measures, or the flow of the
// flow-sampled frames, by workerData.kind) while the main thread reads the next ones from ffmpeg,
// so that decoding and measuring overlap on two cores (see frame-thread.ts). Frames arrive in
// order, transferred, and are measured one after the other;
// each is acknowledged once its buffer is free again (a frame's quality is measured by libvips beside
// the next frames), which is how the main thread bounds the frames in flight, and its buffer goes
// back with the acknowledgement, for the main thread to read a later frame into.
// The measures are compiled beside this file in dist/ (npm run build); in the source tree they are
// TypeScript, loaded through tsx as bin/loupe.js loads the CLI.
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const compiled = new URL('./frame-measures.js', import.meta.url);
if (!existsSync(compiled)) (await import('tsx/esm/api')).register();
const { FlowMeasurer, FrameMeasurer } = await import(existsSync(compiled) ? compiled.href : './frame-measures.ts');

/** Per open clip: its measurer, the chain of frames being measured, and the first error. */
const clips = new Map();

function after(id, work) {
  const clip = clips.get(id);
  clip.chain = clip.chain.then(async () => {
    if (clip.error === undefined) await work(clip).catch((e) => (clip.error ??= messageOf(e)));
  });
  return clip.chain.then(() => clip);
}

const messageOf = (e) => (e instanceof Error ? e.message : String(e));

parentPort.on('message', (m) => {
  if (m.op === 'open') {
    const measurer = workerData.kind === 'flow' ? new FlowMeasurer() : new FrameMeasurer(m.flowEvery);
    clips.set(m.id, { measurer, chain: Promise.resolve(), error: undefined });
  } else if (m.op === 'frame') {
    const { buffer } = m.frame.rgb;
    // Acknowledged once the frame's buffer is free: its quality may still be measured after the next frames.
    let released = Promise.resolve();
    void after(m.id, async (clip) => void ({ released } = clip.measurer.add(m.frame))).then(async (clip) => {
      await released.catch((e) => (clip.error ??= messageOf(e)));
      parentPort.postMessage({ id: m.id, op: 'ack', error: clip.error, buffer }, [buffer]);
    });
  } else if (m.op === 'end') {
    void after(m.id, async (clip) => void (clip.results = await clip.measurer.results())).then((clip) => {
      clips.delete(m.id);
      parentPort.postMessage({ id: m.id, op: 'result', error: clip.error, results: clip.error === undefined ? clip.results : undefined });
    });
  } else if (m.op === 'drop') {
    void after(m.id, async () => {}).then(() => clips.delete(m.id));
  }
});

// A thread that measures a clip's frames (frame-measures.ts: the frame measures, or the flow of the
// flow-sampled frames, by workerData.kind) while the main thread reads the next ones from ffmpeg,
// so that decoding and measuring overlap on two cores (see frame-thread.ts). The frames lie in the
// frame memory shared with the main thread (workerData.memory, frame-memory.ts); a message names a
// frame's place, the frames of a clip arrive in order, and each slot is released back to the main
// thread once the measures are done reading it. The first failure of a clip is reported at once, so
// that the main thread stops reading it.
// The measures are compiled beside this file in dist/ (npm run build); in the source tree they are
// TypeScript, loaded through tsx as bin/loupe.js loads the CLI.
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const compiled = new URL('./frame-measures.js', import.meta.url);
if (!existsSync(compiled)) (await import('tsx/esm/api')).register();
const { createMeasurer } = await import(existsSync(compiled) ? compiled.href : './frame-measures.ts');
const { kind, memory } = workerData;

/** Per open clip: its measurer and its first error. */
const clips = new Map();

const messageOf = (e) => (e instanceof Error ? e.message : String(e));

function fail(id, clip, e) {
  if (clip.error !== undefined) return;
  clip.error = messageOf(e);
  parentPort.postMessage({ id, op: 'error', error: clip.error });
}

parentPort.on('message', (m) => {
  const clip = clips.get(m.id);
  if (m.op === 'open') {
    const release = (slot) => parentPort.postMessage({ id: m.id, op: 'release', slot });
    clips.set(m.id, { measurer: createMeasurer(kind, memory, m.flowEvery, release), error: undefined });
  } else if (m.op === 'frame' && clip && clip.error === undefined) {
    try {
      clip.measurer.add({ ...m.frame, rgb: new Uint8Array(memory.buffer, m.offset, m.length) });
    } catch (e) {
      fail(m.id, clip, e);
    }
  } else if (m.op === 'end' && clip) {
    clips.delete(m.id);
    const reply = (results, error) => parentPort.postMessage({ id: m.id, op: 'result', results, error });
    if (clip.error !== undefined) reply(undefined, clip.error);
    else
      clip.measurer.results().then(
        (r) => reply(r),
        (e) => reply(undefined, messageOf(e)),
      );
  } else if (m.op === 'drop') {
    clips.delete(m.id);
  }
});

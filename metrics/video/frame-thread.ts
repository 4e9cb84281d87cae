import { Worker } from 'node:worker_threads';
import type { FlowResults, FrameResults, MeasuredFrame } from './frame-measures.js';
import { frameMemory, type FrameSlots } from './frame-memory.js';

interface Reply<R> {
  id: number;
  op: 'release' | 'error' | 'result';
  error?: string;
  results?: R;
  /** With a release: the slot the thread is done reading. */
  slot?: number;
}

interface OpenClip<R> {
  slots: FrameSlots;
  error?: Error;
  done?: { resolve: (r: R) => void; reject: (e: Error) => void };
}

/** A clip being measured in a measuring thread: frames in, in order; the results at the end. */
export interface ClipSession<R> {
  /** Sends the frame (where it lies in the frame memory): the thread releases its slot when done with it. Throws the clip's first failure. */
  add(frame: MeasuredFrame): void;
  finish(): Promise<R>;
  /** Forgets the clip (after an error or an abort); safe after finish. */
  drop(): void;
}

/**
 * A worker thread (frame-worker.mjs) that measures the frames of every clip the process reads, one
 * kind of measure per thread, started at the first clip, reading the frames in the frame memory it
 * shares with this thread. It keeps the process alive only while a clip is open; a failure of a
 * clip stops its slots (so that the reading stops), and a crash fails the open clips and starts a
 * fresh thread at the next one.
 */
class FrameThread<R> {
  private worker: Worker | undefined;
  private readonly clips = new Map<number, OpenClip<R>>();
  private nextId = 1;

  constructor(private readonly kind: 'frames' | 'flow') {}

  open(flowEvery: number, slots: FrameSlots): ClipSession<R> {
    const worker = this.start();
    const id = this.nextId++;
    const clip: OpenClip<R> = { slots };
    if (this.clips.size === 0) worker.ref();
    this.clips.set(id, clip);
    worker.postMessage({ op: 'open', id, flowEvery });
    const close = () => {
      if (this.clips.delete(id) && this.clips.size === 0) worker.unref();
    };
    return {
      add: ({ rgb, ...frame }) => {
        if (clip.error) throw clip.error;
        worker.postMessage({ op: 'frame', id, frame, offset: rgb.byteOffset, length: rgb.length });
      },
      finish: () =>
        new Promise<R>((resolve, reject) => {
          if (clip.error) return reject(clip.error);
          clip.done = { resolve, reject };
          worker.postMessage({ op: 'end', id });
        }).finally(close),
      drop: () => {
        if (!this.clips.has(id)) return;
        worker.postMessage({ op: 'drop', id });
        close();
      },
    };
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // A young generation of 64 MB: the measures make many short-lived arrays, and fewer scavenges
    // of them cost about 2% of a 720p clip's time (bench/video.ts).
    const resourceLimits = { maxYoungGenerationSizeMb: 64 };
    const workerData = { kind: this.kind, memory: frameMemory().memory };
    const worker = new Worker(new URL('./frame-worker.mjs', import.meta.url), { workerData, resourceLimits });
    worker.unref();
    worker.on('message', (reply: Reply<R>) => {
      const clip = this.clips.get(reply.id);
      if (!clip) return;
      if (reply.op === 'release') return clip.slots.release(reply.slot!);
      if (reply.error !== undefined) this.failClip(clip, new Error(reply.error));
      else clip.done?.resolve(reply.results!);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const clip of this.clips.values()) this.failClip(clip, new Error(`the frame measuring thread stopped: ${error.message}`));
      this.clips.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private failClip(clip: OpenClip<R>, error: Error): void {
    clip.error ??= error;
    clip.slots.fail(clip.error);
    clip.done?.reject(clip.error);
  }
}

/** Frame differences, the black check and frame quality: every frame. */
export const frameThread = new FrameThread<FrameResults>('frames');
/** Optical flow: the flow-sampled frames, on a thread of its own so that the two measures overlap. */
export const flowThread = new FrameThread<FlowResults>('flow');

import { Worker } from 'node:worker_threads';
import type { FlowResults, FrameResults, MeasuredFrame } from './frame-measures.js';

/** Frames sent and not yet measured, per clip: enough to keep both threads busy, few enough to bound memory (a 720p frame is 2.8 MB). */
const IN_FLIGHT = 3;
/** Buffers kept for the next frames, per thread: those in flight and two more. */
const SPARE = IN_FLIGHT + 2;

interface Reply<R> {
  id: number;
  op: 'ack' | 'result';
  error?: string;
  results?: R;
  /** With an acknowledgement: the measured frame's buffer, handed back for the next frame. */
  buffer?: ArrayBuffer;
}

interface OpenClip<R> {
  inFlight: number;
  error?: Error;
  /** Woken by every acknowledgement (or failure). */
  wake?: () => void;
  done?: { resolve: (r: R) => void; reject: (e: Error) => void };
}

/** A clip being measured in the frame thread: frames in, in order; the results at the end. */
export interface ClipSession<R> {
  /** Hands the frame (and its buffer) over; waits while IN_FLIGHT frames are unmeasured. */
  add(frame: MeasuredFrame): Promise<void>;
  /** A buffer of `bytes` to read a frame into: one the thread has handed back (from this clip or an earlier one), else a new one. */
  buffer(bytes: number): Uint8Array;
  finish(): Promise<R>;
  /** Forgets the clip (after an error or an abort); safe after finish. */
  drop(): void;
}

/**
 * A worker thread (frame-worker.mjs) that measures the frames of every clip the process reads, one
 * kind of measure per thread, started at the first clip; it keeps the process alive only while a
 * clip is open, and a crash fails the open clips and starts a fresh thread at the next one.
 */
class FrameThread<R> {
  private worker: Worker | undefined;
  private readonly clips = new Map<number, OpenClip<R>>();
  private nextId = 1;
  /** Buffers of measured frames, the latest last, to read the next frames into: a run of short clips of one size allocates none after the first. */
  private readonly spare: ArrayBuffer[] = [];

  constructor(private readonly kind: 'frames' | 'flow') {}

  open(flowEvery: number): ClipSession<R> {
    const worker = this.start();
    const id = this.nextId++;
    const clip: OpenClip<R> = { inFlight: 0 };
    if (this.clips.size === 0) worker.ref();
    this.clips.set(id, clip);
    worker.postMessage({ op: 'open', id, flowEvery });
    const close = () => {
      if (this.clips.delete(id) && this.clips.size === 0) worker.unref();
    };
    return {
      add: async (frame) => {
        if (clip.error) throw clip.error;
        worker.postMessage({ op: 'frame', id, frame }, [frame.rgb.buffer as ArrayBuffer]);
        clip.inFlight++;
        while (clip.inFlight >= IN_FLIGHT && !clip.error) await new Promise<void>((wake) => (clip.wake = wake));
        if (clip.error) throw clip.error;
      },
      buffer: (bytes) => {
        const at = this.spare.findLastIndex((b) => b.byteLength === bytes);
        return at < 0 ? new Uint8Array(bytes) : new Uint8Array(this.spare.splice(at, 1)[0]!);
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
    const worker = new Worker(new URL('./frame-worker.mjs', import.meta.url), { workerData: { kind: this.kind }, resourceLimits });
    worker.unref();
    worker.on('message', (reply: Reply<R>) => {
      if (reply.buffer && this.spare.push(reply.buffer) > SPARE) this.spare.shift();
      const clip = this.clips.get(reply.id);
      if (!clip) return;
      if (reply.error !== undefined) clip.error ??= new Error(reply.error);
      if (reply.op === 'ack') clip.inFlight--;
      else if (clip.error) clip.done?.reject(clip.error);
      else clip.done?.resolve(reply.results!);
      clip.wake?.();
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const clip of this.clips.values()) {
        clip.error ??= new Error(`the frame measuring thread stopped: ${error.message}`);
        clip.done?.reject(clip.error);
        clip.wake?.();
      }
      this.clips.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }
}

/** Frame differences, the black check and frame quality: every frame. */
export const frameThread = new FrameThread<FrameResults>('frames');
/** Optical flow: the flow-sampled frames, copied, on a thread of its own so that the two measures overlap. */
export const flowThread = new FrameThread<FlowResults>('flow');

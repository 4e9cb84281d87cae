import { FRAME_MEMORY, sharedMemory, type WasmMemory } from './wasm-module.js';

/**
 * The memory every frame of a clip is read into from ffmpeg and measured in place: a WebAssembly
 * memory shared with both measuring threads, so that no frame is copied after the socket read (not
 * into the difference kernel, not for the flow thread, not by a transfer). Each clip has a region of
 * a few frame slots, handed out for reading and free again once every thread it was sent to is done
 * with it. Below FRAME_MEMORY.reserved lie the difference kernel's sums.
 */
export class FrameMemory {
  readonly memory: WasmMemory = sharedMemory();
  /** Free ranges [start, end) above the reserved bytes, in address order. */
  private readonly free: { start: number; end: number }[] = [];
  private top: number = FRAME_MEMORY.reserved;

  /** A region of `bytes` (a multiple of 16), growing the memory when no free range is large enough. */
  allocate(bytes: number): number {
    const at = this.free.findIndex((r) => r.end - r.start >= bytes);
    if (at >= 0) {
      const range = this.free[at]!;
      range.start += bytes;
      if (range.start === range.end) this.free.splice(at, 1);
      return range.start - bytes;
    }
    const start = this.top;
    const need = start + bytes - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / 65536));
    this.top += bytes;
    return start;
  }

  release(start: number, bytes: number): void {
    let at = this.free.findIndex((r) => r.start > start);
    if (at < 0) at = this.free.length;
    this.free.splice(at, 0, { start, end: start + bytes });
    // Joined with the neighbours it touches; a range that reaches the top gives its bytes back to it.
    const next = this.free[at + 1];
    if (next && next.start === start + bytes) this.free[at]!.end = this.free.splice(at + 1, 1)[0]!.end;
    const before = this.free[at - 1];
    if (before && before.end === start) before.end = this.free.splice(at, 1)[0]!.end;
    const last = this.free[this.free.length - 1];
    if (last && last.end === this.top) this.top = this.free.pop()!.start;
  }

  /** A byte view of `length` at `offset`: valid across growth (the memory never moves). */
  view(offset: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, offset, length);
  }

  /** The bytes given to regions now, for tests: the top of the used part. */
  usedBytes(): number {
    return this.top - FRAME_MEMORY.reserved;
  }
}

/** The process's frame memory, made at the first clip. */
let shared: FrameMemory | undefined;
export const frameMemory = (): FrameMemory => (shared ??= new FrameMemory());

/** One slot of a clip's region: where a frame is read and measured. */
export interface FrameSlot {
  index: number;
  offset: number;
  view: Uint8Array;
}

/**
 * A clip's slots in the frame memory. `acquire` hands out a free slot (waiting while all are in
 * use), `hold` says how many threads the frame in it was sent to, and each `release` is one of them
 * done. `fail` wakes the waiting with an error; `close` gives the region back.
 */
export class FrameSlots {
  private readonly slots: FrameSlot[];
  private readonly holders: number[];
  private readonly region: number;
  private readonly slotBytes: number;
  private waiting: { resolve: (s: FrameSlot) => void; reject: (e: Error) => void }[] = [];
  private error: Error | undefined;
  private closed = false;

  constructor(
    private readonly memory: FrameMemory,
    readonly frameBytes: number,
    count: number,
  ) {
    this.slotBytes = (frameBytes + 15) & ~15;
    this.region = memory.allocate(this.slotBytes * count);
    this.slots = Array.from({ length: count }, (_, index) => {
      const offset = this.region + index * this.slotBytes;
      return { index, offset, view: memory.view(offset, frameBytes) };
    });
    this.holders = new Array<number>(count).fill(-1);
  }

  /** A free slot for a frame of `bytes` (the clip's frame size). */
  acquire(bytes: number): Promise<FrameSlot> {
    if (bytes !== this.frameBytes) return Promise.reject(new Error(`a frame of ${bytes} bytes in slots of ${this.frameBytes}`));
    if (this.error) return Promise.reject(this.error);
    const at = this.holders.indexOf(-1);
    if (at >= 0) {
      this.holders[at] = 0;
      return Promise.resolve(this.slots[at]!);
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** The slot of a frame view handed out by acquire. */
  slotOf(view: Uint8Array): FrameSlot {
    const slot = this.slots[(view.byteOffset - this.region) / this.slotBytes];
    if (slot?.offset !== view.byteOffset) throw new Error(`no frame slot of this clip at ${view.byteOffset}`);
    return slot;
  }

  hold(slot: FrameSlot, threads: number): void {
    this.holders[slot.index] = threads;
    if (threads === 0) this.freed(slot.index);
  }

  release(index: number): void {
    if (this.holders[index]! > 0 && --this.holders[index]! === 0) this.freed(index);
  }

  fail(error: Error): void {
    this.error ??= error;
    for (const w of this.waiting.splice(0)) w.reject(this.error);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.fail(new Error('the clip is closed'));
    this.memory.release(this.region, this.slotBytes * this.slots.length);
  }

  private freed(index: number): void {
    const next = this.waiting.shift();
    if (next) next.resolve(this.slots[index]!);
    else this.holders[index] = -1;
  }
}

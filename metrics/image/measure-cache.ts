import type { MetricInput } from '../../core/types/index.js';

/**
 * One analysis per media file, shared by the metrics of one factory call so that media scored by
 * all of them is decoded once; least recently used entries go first. A failure is not remembered:
 * the file may be repaired or fetched again.
 */
export class MeasureCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(
    private readonly analyse: (path: string) => Promise<T>,
    private readonly capacity: number,
  ) {}

  get(input: MetricInput): Promise<T> {
    const key = `${input.mediaHash}\u0000${input.path}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // re-insert: Map order is the LRU order
      this.entries.set(key, hit);
      return hit;
    }
    const pending = this.analyse(input.path);
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    this.entries.set(key, pending);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return pending;
  }

  clear(): void {
    this.entries.clear();
  }
}

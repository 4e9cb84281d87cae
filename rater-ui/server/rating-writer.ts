import type { NewRating, Store } from '../../core/types/store.js';

interface Pending {
  rows: NewRating[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: submissions that arrive while a transaction is being written go into the next
 * one, so one fsync acknowledges many raters. Each caller's promise resolves only after the
 * transaction holding its rows has committed. If a batch fails, each submission is written on
 * its own, so one bad submission cannot sink the others.
 */
export class RatingWriter {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly store: Store) {}

  write(rows: NewRating[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    try {
      await this.store.addRatings(batch.flatMap((p) => p.rows));
      for (const p of batch) p.resolve();
    } catch {
      for (const p of batch) {
        try {
          await this.store.addRatings(p.rows);
          p.resolve();
        } catch (e) {
          p.reject(e);
        }
      }
    }
  }
}

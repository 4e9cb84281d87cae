import type { NewRating, RatingRecord, Store } from '../../core/types/index.js';

interface Pending {
  rows: NewRating[];
  resolve: (stored: RatingRecord[]) => void;
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
  /** A flush is scheduled or its transaction is being written: what arrives meanwhile waits for the next. */
  private busy = false;

  constructor(private readonly store: Store) {}

  /** Resolves with the stored rows (the earlier copies, for rows of a submission already stored). */
  write(rows: NewRating[]): Promise<RatingRecord[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      await this.commit(batch);
    } finally {
      if (this.queue.length > 0) setImmediate(() => void this.flush());
      else this.busy = false;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      const stored = await this.store.addRatings(batch.flatMap((p) => p.rows));
      let at = 0;
      for (const p of batch) p.resolve(stored.slice(at, (at += p.rows.length)));
    } catch {
      for (const p of batch) {
        try {
          p.resolve(await this.store.addRatings(p.rows));
        } catch (e) {
          p.reject(e);
        }
      }
    }
  }
}

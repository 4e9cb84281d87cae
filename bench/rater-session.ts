// One simulated rater, following the rating UI's own flow: the session names the item to rate;
// a submission's reply names the next one, whose media the rater then loads. A submission that
// got no reply (its server died) is sent again with the same id to a server picked anew: the
// server acknowledges a stored one again instead of storing it twice.
import type { SessionView } from '../rater-ui/shared/index.js';

/** What one rating took: the submission (to its acknowledgement) and loading the next item's media. */
export interface RatingTiming {
  submissionId: string;
  submitMs: number;
  /** null when the rater has no next item. */
  nextLoadMs: number | null;
}

let marker = 0;

export class RaterSession {
  private item: SessionView['item'] = null;

  constructor(
    private readonly token: string,
    private readonly urls: () => string[],
  ) {}

  get done(): boolean {
    return this.item === null;
  }

  /** Reads the session (first item); not measured. A server that is down is tried again, elsewhere. */
  async start(): Promise<void> {
    let res: Response | undefined;
    while (!res) res = await fetch(`${this.pick()}/api/r/${this.token}/session`).catch(() => undefined);
    if (!res.ok) throw new Error(`session of a bench rater: HTTP ${res.status} ${await res.text()}`);
    this.item = ((await res.json()) as SessionView).item;
  }

  /**
   * Rates the current item; `since` is when the rating was due (open loop: a late start counts).
   * Returns null when a server refused it (counted by the caller), after reading the session again.
   */
  async rate(since: number, onRefused: (why: string) => void): Promise<RatingTiming | null> {
    const m = ++marker;
    const submissionId = `bench-${process.pid}-${String(m).padStart(10, '0')}`;
    const now = Date.now();
    const body = JSON.stringify({
      kind: 'likert',
      assignmentId: this.item!.assignmentId,
      submissionId,
      shownAt: new Date(now - 1000).toISOString(),
      answeredAt: new Date(now).toISOString(),
      timeMs: 1000,
      watchedToEnd: null,
      scores: { 'text-image-consistency': 1 + (m % 5), realism: 3, 'visual-quality': 4, 'aesthetic-quality': 2 },
    });
    for (;;) {
      let res: Response;
      try {
        res = await fetch(`${this.pick()}/api/r/${this.token}/ratings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
      } catch {
        await new Promise((resolve) => setImmediate(resolve)); // that server is down: send it again elsewhere
        continue;
      }
      if (res.status !== 200) {
        onRefused(`${res.status} ${(await res.text()).slice(0, 80)}`);
        await this.start();
        return null;
      }
      const reply = (await res.json()) as { session: SessionView };
      const submitMs = performance.now() - since;
      this.item = reply.session.item;
      return { submissionId, submitMs, nextLoadMs: this.item ? await this.loadMedia(this.item) : null };
    }
  }

  private async loadMedia(item: NonNullable<SessionView['item']>): Promise<number> {
    const started = performance.now();
    for (const media of item.media) {
      let res: Response | undefined;
      while (!res) res = await fetch(`${this.pick()}${media.url}`).catch(() => undefined);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`media of a bench item: HTTP ${res.status}`);
    }
    return performance.now() - started;
  }

  private pick(): string {
    const all = this.urls();
    return all[Math.floor(Math.random() * all.length)]!;
  }
}

/** A showinfo line: frame number and presentation time, whatever ffmpeg's log prefix. */
export const SHOWINFO = /\[Parsed_showinfo_\d+ @ [^\]]+\] (?:\[info\] )?n:\s*(\d+) .*?pts_time:(-?[\d.e+-]+)(?:.*? s:(\d+)x(\d+))?/;

/**
 * Frame times parsed from showinfo on stderr. ffmpeg logs a frame before writing it to stdout, but
 * the two pipes are read independently, so a frame can arrive first; its time follows within a few
 * ticks. If it never does (a log format this parser does not know), `get` answers undefined after
 * `TIME_WAIT_MS` rather than blocking ffmpeg forever on a full stdout pipe.
 */
const TIME_WAIT_MS = 2_000;

export class FrameTimes {
  private readonly known = new Map<number, number>();
  private readonly waiting = new Map<number, (t: number | undefined) => void>();
  private closed = false;

  set(k: number, t: number): void {
    const resolve = this.waiting.get(k);
    if (resolve) resolve(t);
    else this.known.set(k, t);
  }

  get(k: number): Promise<number | undefined> {
    const t = this.known.get(k);
    this.known.delete(k);
    if (t !== undefined || this.closed) return Promise.resolve(t);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), TIME_WAIT_MS);
      const done = (value: number | undefined): void => {
        clearTimeout(timer);
        this.waiting.delete(k);
        resolve(value);
      };
      this.waiting.set(k, done);
    });
  }

  close(): void {
    this.closed = true;
    for (const done of [...this.waiting.values()]) done(undefined);
  }
}

// Simulated raters for the load benchmark, in two ways of arriving. Closed loop: each rater rates
// again as soon as its last rating is answered (what the servers can take: saturation throughput).
// Open loop: each rater rates once every `periodMs`, whatever the servers do (what a rater feels);
// a rating that is due while the last is still out waits for it, and its time counts from when it
// was due, so that a slow server cannot hide its queue.
import { RaterSession, type RatingTiming } from './rater-session.js';

export interface LoadResult {
  /** Submission ids the servers acknowledged with a 200. */
  acked: string[];
  refused: number;
  rps: number;
  submit: { p50: number; p99: number };
  nextLoad: { p50: number; p99: number };
  /** The servers' CPU milliseconds per acknowledged rating (its submission, the next item's media): null without `cpuMicros`. */
  cpuMsPerRating: number | null;
}

export interface Raters {
  tokens: string[];
  urls: () => string[];
  /** The servers' CPU time so far in microseconds; read when the sessions have started and when the phase ends. */
  cpuMicros?: () => Promise<number>;
}

/** Closed loop for `seconds` (times are performance.now() milliseconds); `onHalf` runs half way (the kill phase). */
export function runClosedLoop(raters: Raters, seconds: number, onHalf?: () => Promise<void>): Promise<LoadResult> {
  return runRaters(raters, seconds, onHalf, async (rater, end, record) => {
    while (performance.now() < end && !rater.done) record(await rater.rate(performance.now(), record.refused));
  });
}

/** Open loop: each rater rates every `periodMs`, starting at a random moment of its first period. */
export function runOpenLoop(raters: Raters, seconds: number, periodMs: number): Promise<LoadResult> {
  return runRaters(raters, seconds, undefined, async (rater, end, record) => {
    const start = performance.now() + Math.random() * periodMs;
    for (let k = 0; ; k++) {
      const due = start + k * periodMs;
      if (due >= end || rater.done) return;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      record(await rater.rate(due, record.refused));
    }
  });
}

type Recorder = ((t: RatingTiming | null) => void) & { refused: (why: string) => void };

async function runRaters(
  raters: Raters,
  seconds: number,
  onHalf: (() => Promise<void>) | undefined,
  drive: (rater: RaterSession, end: number, record: Recorder) => Promise<void>,
): Promise<LoadResult> {
  const sessions = raters.tokens.map((t) => new RaterSession(t, raters.urls));
  // Sessions start 50 at a time, so that a thousand raters do not all connect in the same instant.
  for (let i = 0; i < sessions.length; i += 50) await Promise.all(sessions.slice(i, i + 50).map((s) => s.start()));
  const timings: RatingTiming[] = [];
  const refusals = new Map<string, number>();
  const record = Object.assign((t: RatingTiming | null) => void (t && timings.push(t)), {
    refused: (why: string) => void refusals.set(why, (refusals.get(why) ?? 0) + 1),
  });
  const cpuBefore = await raters.cpuMicros?.();
  const started = performance.now();
  const end = started + seconds * 1000;
  const half = onHalf ? setTimeout(() => void onHalf(), (seconds * 1000) / 2) : undefined;
  await Promise.all(sessions.map((s) => drive(s, end, record)));
  clearTimeout(half);
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = await raters.cpuMicros?.();
  for (const [why, n] of refusals) console.log(`  refused ${n}x: ${why}`);
  return {
    acked: timings.map((t) => t.submissionId),
    refused: [...refusals.values()].reduce((a, b) => a + b, 0),
    rps: timings.length / elapsed,
    submit: percentiles(timings.map((t) => t.submitMs)),
    nextLoad: percentiles(timings.flatMap((t) => (t.nextLoadMs === null ? [] : [t.nextLoadMs]))),
    cpuMsPerRating: cpuBefore === undefined || cpuAfter === undefined ? null : (cpuAfter - cpuBefore) / 1000 / timings.length,
  };
}

function percentiles(values: number[]): { p50: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

// Simulated raters for the load benchmark: each submits, as fast as the servers answer, ratings
// of its own items to a server picked at random, and remembers what was acknowledged.

export interface LoadResult {
  /** Submission ids the servers acknowledged with a 200. */
  acked: string[];
  failed: number;
  rps: number;
  p50: number;
  p99: number;
}

let marker = 0;

export async function runLoad(
  urls: () => string[],
  raters: { token: string; assignments: string[] }[],
  seconds: number,
  onHalf?: () => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const acked: string[] = [];
  let failed = 0;
  const refused = new Map<string, number>();
  const end = Date.now() + seconds * 1000;
  const half = onHalf ? setTimeout(() => void onHalf(), (seconds * 1000) / 2) : undefined;
  await Promise.all(
    raters.map(async (r) => {
      for (let i = 0; Date.now() < end; i++) {
        const assignmentId = r.assignments[i % r.assignments.length]!;
        const m = ++marker;
        const submissionId = `bench-${String(m).padStart(10, '0')}`;
        const now = Date.now();
        const body = JSON.stringify({
          kind: 'likert',
          assignmentId,
          submissionId,
          shownAt: new Date(now - 1000).toISOString(),
          answeredAt: new Date(now).toISOString(),
          timeMs: 1000,
          watchedToEnd: null,
          scores: { 'text-image-consistency': 1 + (m % 5), realism: 3, 'visual-quality': 4, 'aesthetic-quality': 2 },
        });
        const all = urls();
        const url = all[Math.floor(Math.random() * all.length)]!;
        const t0 = performance.now();
        try {
          const res = await fetch(`${url}/api/r/${r.token}/ratings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          const buf = await res.arrayBuffer();
          if (res.status === 200) {
            latencies.push(performance.now() - t0);
            acked.push(submissionId);
          } else {
            failed++;
            const key = `${res.status} ${new TextDecoder().decode(buf).slice(0, 80)}`;
            refused.set(key, (refused.get(key) ?? 0) + 1);
          }
        } catch {
          failed++; // that server is down (the kill phase): not acknowledged, so not counted
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }),
  );
  clearTimeout(half);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  for (const [why, n] of refused) console.log(`  refused ${n}x: ${why}`);
  return { acked, failed, rps: latencies.length / seconds, p50: pct(50), p99: pct(99) };
}

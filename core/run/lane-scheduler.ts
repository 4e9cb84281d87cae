/**
 * Runs each lane's jobs (one lane per generator) with the lane's own concurrency; lanes run
 * side by side. Once `stop` aborts, no new job starts and the jobs in flight are awaited. (A
 * lane's rate limit is kept by its `RateLimiter`, for every request a job sends, retries included.)
 */
export async function runLanes<T>(
  lanes: ReadonlyMap<string, readonly T[]>,
  concurrencyOf: (lane: string) => number,
  job: (item: T, lane: string) => Promise<void>,
  stop: AbortSignal,
): Promise<void> {
  await Promise.all(
    [...lanes].map(async ([lane, items]) => {
      const concurrency = concurrencyOf(lane);
      let next = 0;
      const worker = async () => {
        while (!stop.aborted && next < items.length) {
          const item = items[next++];
          if (item === undefined) return;
          await job(item, lane);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    }),
  );
}

/** Items grouped into lanes by `laneOf`, each lane in the items' order, lanes in order of first appearance. */
export function groupIntoLanes<T>(items: readonly T[], laneOf: (item: T) => string): Map<string, T[]> {
  const lanes = new Map<string, T[]>();
  for (const item of items) {
    const lane = lanes.get(laneOf(item));
    if (lane) lane.push(item);
    else lanes.set(laneOf(item), [item]);
  }
  return lanes;
}

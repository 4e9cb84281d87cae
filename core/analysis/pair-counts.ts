/** Counts over all pairs of two paired samples, in O(n log n) (Knight 1966, as scipy.stats.kendalltau does). */
export interface PairCounts {
  pairs: number;
  concordant: number;
  discordant: number;
  /** Pairs tied in x (whatever y), in y (whatever x), and in both. */
  tiedX: number;
  tiedY: number;
  tiedBoth: number;
}

const tiePairs = (runs: number[]) => runs.reduce((a, t) => a + (t * (t - 1)) / 2, 0);

function runLengths<T>(xs: readonly T[], same: (a: T, b: T) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length;) {
    let j = i + 1;
    while (j < xs.length && same(xs[i]!, xs[j]!)) j++;
    out.push(j - i);
    i = j;
  }
  return out;
}

export function pairCounts(x: readonly number[], y: readonly number[]): PairCounts {
  const n = x.length;
  const idx = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!);
  const tiedX = tiePairs(runLengths(idx, (a, b) => x[a] === x[b]));
  const tiedBoth = tiePairs(runLengths(idx, (a, b) => x[a] === x[b] && y[a] === y[b]));
  // Sorted by x (then y), every strict inversion left in y is a discordant pair.
  let ys = idx.map((i) => y[i]!);
  let discordant = 0;
  let buf = new Array<number>(n);
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (ys[i]! <= ys[j]!) buf[k++] = ys[i++]!;
        else {
          discordant += mid - i;
          buf[k++] = ys[j++]!;
        }
      }
      while (i < mid) buf[k++] = ys[i++]!;
      while (j < hi) buf[k++] = ys[j++]!;
    }
    [ys, buf] = [buf, ys];
  }
  const tiedY = tiePairs(runLengths(ys, (a, b) => a === b));
  const pairs = (n * (n - 1)) / 2;
  return { pairs, concordant: pairs - tiedX - tiedY + tiedBoth - discordant, discordant, tiedX, tiedY, tiedBoth };
}

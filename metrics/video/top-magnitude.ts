/**
 * VBench dynamic degree's per-pair score of a flow field (optical-flow.ts): the mean of the largest
 * 5% of flow magnitudes, summed as a full sort would order them, without sorting them all.
 */
export function topMagnitudeMean(u: Float32Array, v: Float32Array, fraction = 0.05): number {
  const mags = new Float32Array(u.length);
  // Squares of float32 values are exact in a double and their sum is rounded once, so the square
  // root stored as float32 is Math.hypot's (many times slower in V8) unless it lies within a double's
  // rounding of a float32 boundary.
  for (let i = 0; i < u.length; i++) mags[i] = Math.sqrt(u[i]! * u[i]! + v[i]! * v[i]!);
  const cut = Math.max(1, Math.floor(mags.length * fraction));
  // The largest `cut` values to the end, then only those sorted: summed in the order a full sort gives them.
  selectAt(mags, mags.length - cut);
  return ascendingSum(mags.subarray(mags.length - cut)) / cut;
}

/**
 * The sum of float32 values, none negative, added in ascending order. Each is a whole multiple of
 * the smallest nonzero one's unit in the last place, so while the total stays below 2^53 such units
 * every partial sum, in any order, is exact: then the values are added as they lie. Otherwise
 * (values spread very widely) they are sorted first.
 */
function ascendingSum(values: Float32Array): number {
  let total = 0,
    smallest = Infinity;
  for (const x of values) {
    total += x;
    if (x > 0 && x < smallest) smallest = x;
  }
  // A sum at or past the bound cannot round back below it: the check is safe.
  if (total < 2 ** 53 * lastPlace(smallest)) return total;
  let sorted = 0;
  for (const x of values.sort()) sorted += x;
  return sorted;
}

const bits = new Float32Array(1);
const exponent = new Uint32Array(bits.buffer);

/** The unit in the last place of a float32 (2^-149 below the normal range; huge for Infinity, so no bound applies). */
function lastPlace(x: number): number {
  bits[0] = x;
  const e = (exponent[0]! >>> 23) & 0xff;
  return e === 0 ? 2 ** -149 : 2 ** (e - 150);
}

/**
 * Reorders `a` so that a[k] holds the value a full sort would put there, none larger before it and
 * none smaller after (Hoare's selection, as in Wirth's Algorithms + Data Structures). No NaN.
 */
function selectAt(a: Float32Array, k: number): void {
  let lo = 0,
    hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo,
      j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

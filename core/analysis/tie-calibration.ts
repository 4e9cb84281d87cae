/**
 * Pairwise accuracy with ties (acc_eq) and its tie calibration, after Deutsch, Foster and
 * Freitag (2023), "Ties Matter", and google-research/mt-metrics-eval `tau_optimization`: a
 * metric difference within epsilon counts as a metric tie; the calibrated accuracy is the
 * highest acc_eq over every candidate epsilon (0 and each distinct |metric difference|), the
 * smallest such epsilon reported. Pooled, the pairs are all item pairs; grouped, only pairs
 * within a group (one prompt), acc_eq averaged over groups with equal weight.
 *
 * The pairs are sorted once; a bootstrap replicate is a weight per item (how often its unit was
 * drawn), so each replicate re-optimises epsilon in one pass without sorting again.
 */

export interface TieCalibrated {
  /** acc_eq with epsilon 0 (only exact metric ties are ties). */
  atZero: number;
  /** The highest acc_eq over the candidate epsilons. */
  accuracy: number;
  epsilon: number;
}

export class PairSweep {
  private readonly a: Uint32Array;
  private readonly b: Uint32Array;
  private readonly diff: Float64Array;
  /** 1 when people tie on the pair; 1 when the signs of the two differences agree. */
  private readonly humanTie: Uint8Array;
  private readonly sameSign: Uint8Array;
  /** Grouped: the pairs in the group of each pair's first item. */
  private readonly groupPairs: Float64Array | null;
  private readonly items: number;

  /** `groups[i]` is item i's group (pairs are formed only within one); without it, every pair. */
  constructor(
    human: readonly number[],
    metric: readonly number[],
    private readonly groups?: readonly string[],
  ) {
    const pairs: [number, number][] = [];
    const byGroup = new Map<string, number[]>();
    human.forEach((_, i) => {
      const key = groups ? groups[i]! : '';
      const members = byGroup.get(key);
      if (members) members.push(i);
      else byGroup.set(key, [i]);
    });
    const perItemPairs = new Float64Array(human.length);
    for (const members of byGroup.values()) {
      for (let x = 0; x < members.length; x++) {
        perItemPairs[members[x]!] = (members.length * (members.length - 1)) / 2;
        for (let y = x + 1; y < members.length; y++) pairs.push([members[x]!, members[y]!]);
      }
    }
    const diffs = new Float64Array(pairs.length);
    pairs.forEach(([i, j], k) => (diffs[k] = Math.abs(metric[i]! - metric[j]!)));
    const order = Uint32Array.from(pairs.keys()).sort((p, q) => diffs[p]! - diffs[q]!);
    const n = pairs.length;
    this.a = new Uint32Array(n);
    this.b = new Uint32Array(n);
    this.diff = new Float64Array(n);
    this.humanTie = new Uint8Array(n);
    this.sameSign = new Uint8Array(n);
    order.forEach((p, k) => {
      const [i, j] = pairs[p]!;
      this.a[k] = i;
      this.b[k] = j;
      this.diff[k] = diffs[p]!;
      this.humanTie[k] = human[i] === human[j] ? 1 : 0;
      this.sameSign[k] = Math.sign(human[i]! - human[j]!) === Math.sign(metric[i]! - metric[j]!) ? 1 : 0;
    });
    this.groupPairs = groups ? perItemPairs : null;
    this.items = human.length;
  }

  /**
   * Each pair's weight under item weights `w` (a pair of copies counts once per pair of copies;
   * grouped, a group's pairs share its weight equally) and the total that acc_eq divides by.
   */
  private weigh(weights?: readonly number[]): { pw: Float64Array; total: number } {
    const w = weights ?? new Array<number>(this.items).fill(1);
    const n = this.a.length;
    const pw = new Float64Array(n);
    let total = 0;
    if (this.groupPairs) {
      const groups = this.groups!;
      const seen = new Set<string>();
      for (let k = 0; k < n; k++) {
        const i = this.a[k]!;
        pw[k] = w[i]! / this.groupPairs[i]!;
        if (!seen.has(groups[i]!)) total += w[i]!;
        seen.add(groups[i]!);
      }
    } else {
      // Pooled, an item drawn k times would add k(k-1)/2 pairs with its own copies, tied on both sides: they say
      // nothing about the metric and would lift every replicate's accuracy, so they are left out.
      let sum = 0;
      for (let i = 0; i < this.items; i++) {
        sum += w[i]!;
        total -= (w[i]! * (w[i]! - 1)) / 2;
      }
      total += (sum * (sum - 1)) / 2;
      for (let k = 0; k < n; k++) pw[k] = w[this.a[k]!]! * w[this.b[k]!]!;
    }
    return { pw, total };
  }

  /** Calibrated accuracy, item i weighted `weights[i]` times (default once); null when there is no pair. */
  run(weights?: readonly number[]): TieCalibrated | null {
    const { pw, total } = this.weigh(weights);
    const n = this.a.length;
    if (total <= 0) return null;
    let acc = 0;
    for (let k = 0; k < n; k++) acc += pw[k]! * this.sameSign[k]!;
    const atZero = acc;
    let best = acc;
    let epsilon = 0;
    // Each pair moves from "signs agree" to "people tie" once epsilon reaches its difference.
    for (let k = 0; k < n; k++) {
      acc += pw[k]! * (this.humanTie[k]! - this.sameSign[k]!);
      if ((k + 1 === n || this.diff[k + 1]! !== this.diff[k]!) && acc > best + 1e-12 * total) {
        best = acc;
        epsilon = this.diff[k]!;
      }
    }
    return { atZero: atZero / total, accuracy: best / total, epsilon };
  }

  /**
   * acc_eq at a given epsilon (a metric difference up to epsilon is a metric tie) as its two
   * parts, the agreeing weight and the total, so that held-out folds can be pooled.
   */
  at(epsilon: number, weights?: readonly number[]): { agree: number; total: number } {
    const { pw, total } = this.weigh(weights);
    let agree = 0;
    for (let k = 0; k < this.a.length; k++) agree += pw[k]! * (this.diff[k]! <= epsilon ? this.humanTie[k]! : this.sameSign[k]!);
    return { agree, total };
  }
}

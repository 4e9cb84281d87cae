import { spearman } from './rank-correlation.js';

/**
 * The human ceiling: how well one group of raters agrees with another on the item order. Each
 * item's ratings are split at random into two halves; the Spearman correlation of the two
 * halves' item means, averaged over many splits, is projected to the full panel with the
 * Spearman-Brown formula (a panel twice the size of a half). A metric's item-level Spearman
 * against the full panel's item means is the figure compared with it.
 */

/** Spearman-Brown: the reliability of a panel `factor` times larger than one of reliability r. */
export function spearmanBrown(r: number, factor = 2): number {
  return (factor * r) / (1 + (factor - 1) * r);
}

/**
 * One random split: each panel (the scores one item got, at least two) is shuffled and cut into
 * halves of floor(k/2) and the rest; the Spearman correlation of the half means across items,
 * not yet projected. Null when fewer than three items have two ratings, or a half is constant.
 */
export function splitHalfCorrelation(panels: readonly (readonly number[])[], random: () => number): number | null {
  const left: number[] = [];
  const right: number[] = [];
  for (const panel of panels) {
    if (panel.length < 2) continue;
    const shuffled = [...panel];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const half = Math.floor(shuffled.length / 2);
    left.push(mean(shuffled.slice(0, half)));
    right.push(mean(shuffled.slice(half)));
  }
  return left.length >= 3 ? spearman(left, right) : null;
}

/** The ceiling's point value: split-half Spearman averaged over `splits` random splits, then Spearman-Brown. */
export function humanCeiling(panels: readonly (readonly number[])[], random: () => number, splits = 100): number | null {
  const rs: number[] = [];
  for (let s = 0; s < splits; s++) {
    const r = splitHalfCorrelation(panels, random);
    if (r !== null) rs.push(r);
  }
  return rs.length > 0 ? spearmanBrown(mean(rs)) : null;
}

/** How many raters an item typically has (the median panel size of items with two or more). */
export function typicalPanel(panels: readonly (readonly number[])[]): number {
  const sizes = panels
    .map((p) => p.length)
    .filter((k) => k >= 2)
    .sort((a, b) => a - b);
  return sizes.length > 0 ? sizes[Math.floor(sizes.length / 2)]! : 0;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The four rating dimensions (ACR, 5-point), in the order the rater sees them. */
export const DIMENSIONS = ['text-image-consistency', 'realism', 'visual-quality', 'aesthetic-quality'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Pairwise votes; stored as numbers in the rating row (see RatingRecord). */
export const PAIR_CHOICES = ['A', 'B', 'tie'] as const;
export type PairChoice = (typeof PAIR_CHOICES)[number];
export const PAIR_VALUE: Readonly<Record<PairChoice, number>> = { A: 1, B: 2, tie: 0 };

export const CANNOT_RATE_REASONS = ['media-broken', 'does-not-load', 'other'] as const;
export type CannotRateReason = (typeof CANNOT_RATE_REASONS)[number];

import type { Dimension } from '../types/index.js';

/**
 * What a simulated rater can see of one generation of a synthetic generator: its knobs (see
 * models/synthetic/generator.ts and video.ts) and what it drew against what the prompt asked.
 * The caller (the composition root, which may read models/) fills it in.
 */
export interface SyntheticItem {
  /** Gaussian blur sigma in pixels. */
  blur: number;
  /** Standard deviation of the added noise, as a fraction of 255. */
  noise: number;
  /** Strength of the colour tint, 0-1. */
  colorCast: number;
  /** Whether the drawn text differs from the prompt's; null when the prompt asks for no text. */
  wrongText: boolean | null;
  /** How many objects the drawing has too many or too few; null when the prompt asks for no count. */
  countOff: number | null;
  /** The clip's faults (rates 0-1); null for an image. */
  video: { flicker: number; frozenRate: number; jumpRate: number } | null;
}

/** A flawless item's opinion on every dimension: good, not perfect, as people rate good media. */
export const FLAWLESS = 4.4;

/**
 * The latent opinion (1-5) a simulated rater holds of an item on each dimension: a flawless
 * item's 4.4 less what each fault costs on that dimension. The weights are a judgement, not data:
 * wrong text and wrong counts cost text-image consistency (the prompt asked for them); blur,
 * noise, flicker, stalls and vanishing objects cost visual quality and realism most; a colour
 * tint costs aesthetics and realism. Video rates count as their expected share of the clip.
 * Exported so that the documentation and the tests read the same numbers.
 */
export const FAULT_COSTS: Readonly<Record<Dimension, (i: SyntheticItem) => number>> = {
  'text-image-consistency': (i) =>
    (i.wrongText ? 2.0 : 0) +
    0.8 * Math.min(3, i.countOff ?? 0) +
    0.1 * i.blur +
    2 * i.noise +
    (i.video ? 1.0 * i.video.frozenRate + 1.2 * i.video.jumpRate : 0),
  realism: (i) =>
    0.3 * i.blur +
    8 * i.noise +
    1.2 * i.colorCast +
    (i.video ? 1.5 * i.video.flicker + 1.0 * i.video.frozenRate + 1.5 * i.video.jumpRate : 0),
  'visual-quality': (i) =>
    0.45 * i.blur +
    10 * i.noise +
    0.8 * i.colorCast +
    (i.video ? 2.0 * i.video.flicker + 1.5 * i.video.frozenRate + 0.8 * i.video.jumpRate : 0),
  'aesthetic-quality': (i) => 0.25 * i.blur + 6 * i.noise + 1.5 * i.colorCast + (i.video ? 1.0 * i.video.flicker : 0),
};

/** The item's latent opinion per dimension, kept within the 1-5 scale. */
export function knobOpinion(item: SyntheticItem): Record<Dimension, number> {
  const out = {} as Record<Dimension, number>;
  for (const [dimension, cost] of Object.entries(FAULT_COSTS) as [Dimension, (i: SyntheticItem) => number][])
    out[dimension] = Math.min(5, Math.max(1, FLAWLESS - cost(item)));
  return out;
}

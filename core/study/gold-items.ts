import { type GenerationRecord, PAIR_VALUE } from '../types/index.js';
import type { RatingUiConfig } from './study-config.js';

export type GoldSpec = RatingUiConfig['gold'][string];

/** Makes one gold item for a rater: the item (a key, or two joined by "|") and its known answer. */
export type GoldMaker = (raterId: string, exclude: ReadonlySet<string>, random: () => number) => { item: string; gold: GoldSpec } | null;

const pick = <T>(list: readonly T[], random: () => number): T | undefined => list[Math.floor(random() * list.length)];

/** Another prompt's generations in the same language: its media does not show this prompt. */
const otherPrompts = (all: readonly GenerationRecord[], g: GenerationRecord) =>
  all.filter((x) => x.language === g.language && (x.promptSetId !== g.promptSetId || x.promptId !== g.promptId));

/** Likert: media shown with another prompt's words; a careful rater scores its consistency low. */
export function likertGold(generations: readonly GenerationRecord[]): GoldMaker {
  return (_rater, exclude, random) => {
    // Media the rater does not see otherwise; when every item is theirs, one seen under its own prompt.
    const unseen = generations.filter((g) => !exclude.has(g.key));
    const media = pick(unseen.length > 0 ? unseen : generations, random);
    const text = media && pick(otherPrompts(generations, media), random);
    return media && text ? { item: media.key, gold: { textFrom: text.key, expect: { 'text-image-consistency': [1, 2] } } } : null;
  };
}

/**
 * Pairwise: a prompt's own media beside media made for another prompt, under the first prompt's
 * words; a careful rater picks the prompt's own side for consistency. The side is drawn at random.
 */
export function pairwiseGold(generations: readonly GenerationRecord[]): GoldMaker {
  return (_rater, exclude, random) => {
    const own = pick(generations, random);
    const decoy = own && pick(otherPrompts(generations, own), random);
    if (!own || !decoy) return null;
    const ownLeft = random() < 0.5;
    const item = ownLeft ? `${own.key}|${decoy.key}` : `${decoy.key}|${own.key}`;
    if (exclude.has(item)) return null;
    const side = ownLeft ? PAIR_VALUE.A : PAIR_VALUE.B;
    return { item, gold: { textFrom: own.key, expect: { 'text-image-consistency': [side, side] } } };
  };
}

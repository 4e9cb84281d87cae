import type { Language } from '../../core/types/index.js';
import { alternatives, judgeFailure, type JudgeAnswer, type JudgeFailure } from './judge-answer.js';

const YES = ['yes'];
const NO = ['no'];
/** Chinese templates ask for 是/否; a model that answers in English anyway is still read. */
const YES_ZH = [...YES, '是'];
const NO_ZH = [...NO, '否'];

export interface VqaScore {
  ok: true;
  /** P(yes) / (P(yes) + P(no)) over the answer's first token. */
  value: number;
  /** The summed probabilities of every listed variant (case, leading space) of yes and of no. */
  yesMass: number;
  noMass: number;
  /** When one side is missing from the list, its probability is below this (the least listed one). */
  unlistedBelow: number;
}

/**
 * VQAScore (Lin et al., ECCV 2024) from an endpoint's top log probabilities: the probability of
 * "yes" at the first answer token, with the case and whitespace variants of each word summed and
 * the two normalised against each other (an API lists only the top few tokens, so the mass outside
 * yes and no is unknown; normalising makes endpoints with different list lengths comparable).
 */
export function vqaScore(answer: JudgeAnswer, language: Language): VqaScore | JudgeFailure {
  if (!answer.tokens || answer.tokens.length === 0) {
    return judgeFailure('no-logprobs', 'the endpoint returned no log probabilities, so VQAScore cannot be computed');
  }
  const first = answer.tokens.find((t) => t.token.trim() !== '');
  if (!first) return judgeFailure('no-answer', 'the answer has only whitespace tokens');
  const options = alternatives(first);
  const [yesWords, noWords] = language === 'zh' ? [YES_ZH, NO_ZH] : [YES, NO];
  const mass = (words: string[]) => options.filter((o) => words.includes(normalise(o.token))).reduce((sum, o) => sum + o.p, 0);
  const yesMass = mass(yesWords);
  const noMass = mass(noWords);
  if (yesMass + noMass === 0) {
    return judgeFailure(
      'no-answer',
      `neither yes nor no is among the first token's options (${options.map((o) => JSON.stringify(o.token)).join(', ')})`,
    );
  }
  return { ok: true, value: yesMass / (yesMass + noMass), yesMass, noMass, unlistedBelow: Math.min(...options.map((o) => o.p)) };
}

/** " Yes", "YES", "yes." and "▁yes" are the same word. */
function normalise(token: string): string {
  return token
    .replace(/^[\s▁Ġ]+/u, '')
    .replace(/[\s.,!。，！]+$/u, '')
    .toLowerCase();
}

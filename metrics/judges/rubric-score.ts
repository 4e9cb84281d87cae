import { z } from 'zod';
import { alternatives, judgeFailure, type AnswerToken, type JudgeAnswer, type JudgeFailure } from './judge-answer.js';

/** What a rubric judge must answer: the JSON schema sent as the structured-output format. */
export const RUBRIC_ANSWER_SCHEMA = {
  type: 'object',
  properties: { score: { type: 'integer', minimum: 1, maximum: 5 }, reason: { type: 'string' } },
  required: ['score', 'reason'],
  additionalProperties: false,
} as const;

const RubricAnswerSchema = z.object({ score: z.number().int().min(1).max(5), reason: z.string() });

export interface RubricScore {
  ok: true;
  /** The digit the judge chose. */
  chosen: number;
  /** Sum of d * p(d) over the listed digits 1-5 at the score's position, normalised (G-Eval); null without log probabilities. */
  weighted: number | null;
  reason: string;
}

/** Reads `{"score": 1-5, "reason": "..."}`; the probability-weighted score where the digit's alternatives are listed. */
export function rubricScore(answer: JudgeAnswer): RubricScore | JudgeFailure {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return judgeFailure('malformed-json', `the answer is not JSON: "${answer.text.slice(0, 80)}"`);
  }
  const parsed = RubricAnswerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return judgeFailure(
      'malformed-json',
      `the answer does not follow the rubric schema (${issue.path.join('.') || 'answer'}: ${issue.message})`,
    );
  }
  const digit = answer.tokens ? digitToken(answer.tokens, answer.text) : null;
  return { ok: true, chosen: parsed.data.score, weighted: digit ? weightedDigit(digit) : null, reason: parsed.data.reason };
}

/** The token that carries the score's digit, found by its character offset in the answer. */
function digitToken(tokens: readonly AnswerToken[], text: string): AnswerToken | null {
  const match = /"score"\s*:\s*(\d)/.exec(text);
  if (!match || tokens.map((t) => t.token).join('') !== text) return null;
  const at = match.index + match[0].length - 1;
  let offset = 0;
  for (const t of tokens) {
    if (at >= offset && at < offset + t.token.length) return t.token.trim() === match[1] ? t : null;
    offset += t.token.length;
  }
  return null;
}

function weightedDigit(t: AnswerToken): number | null {
  let mass = 0;
  let sum = 0;
  for (const { token, p } of alternatives(t)) {
    const digit = token.trim();
    if (!/^[1-5]$/.test(digit)) continue;
    mass += p;
    sum += Number(digit) * p;
  }
  return mass > 0 ? sum / mass : null;
}

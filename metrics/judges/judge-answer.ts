import { z } from 'zod';

/** One generated token with the alternatives the endpoint listed (OpenAI's `logprobs.content[]`). */
const TokenSchema = z.object({
  token: z.string(),
  logprob: z.number(),
  top_logprobs: z.array(z.object({ token: z.string(), logprob: z.number() })).default([]),
});
export type AnswerToken = z.infer<typeof TokenSchema>;

/** The part of an OpenAI-compatible chat completion a judge reads; other fields are ignored. */
export const ChatCompletionSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullable().optional(), refusal: z.string().nullable().optional() }),
        logprobs: z
          .object({ content: z.array(TokenSchema).nullable().optional() })
          .nullable()
          .optional(),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).partial().optional(),
});

export const JUDGE_FAILURES = ['refusal', 'truncated', 'content-filter', 'malformed-json', 'no-logprobs', 'no-answer'] as const;
export type JudgeFailureCategory = (typeof JUDGE_FAILURES)[number];

export interface JudgeFailure {
  ok: false;
  category: JudgeFailureCategory;
  message: string;
}

export interface JudgeAnswer {
  ok: true;
  text: string;
  /** null when the endpoint sent no log probabilities. */
  tokens: AnswerToken[] | null;
  /** The model the endpoint says answered (it may differ from the one asked for). */
  model: string | null;
  usage: { inputTokens: number | null; outputTokens: number | null };
}

export const judgeFailure = (category: JudgeFailureCategory, message: string): JudgeFailure => ({ ok: false, category, message });

/**
 * Reads a chat completion body; what the judge said, or why it said nothing usable. `firstTokenOnly`:
 * the metric reads the first token alone (VQAScore asks for one), so an answer cut at the limit is whole.
 */
export function readJudgeAnswer(body: unknown, firstTokenOnly = false): JudgeAnswer | JudgeFailure {
  const parsed = ChatCompletionSchema.safeParse(body);
  if (!parsed.success) {
    const where = parsed.error.issues[0]!;
    return judgeFailure('malformed-json', `the answer is not a chat completion (${where.path.join('.') || 'body'}: ${where.message})`);
  }
  const choice = parsed.data.choices[0]!;
  if (choice.message.refusal) return judgeFailure('refusal', `the judge refused: ${choice.message.refusal}`);
  if (choice.finish_reason === 'content_filter') return judgeFailure('content-filter', 'the endpoint filtered the answer (content_filter)');
  const text = choice.message.content ?? '';
  if (choice.finish_reason === 'length' && !firstTokenOnly)
    return judgeFailure('truncated', `the answer was cut at the token limit: "${text.slice(0, 80)}"`);
  if (text.trim() === '') return judgeFailure('no-answer', 'the judge answered with no text');
  const usage = parsed.data.usage;
  return {
    ok: true,
    text,
    tokens: choice.logprobs?.content ?? null,
    model: parsed.data.model ?? null,
    usage: { inputTokens: usage?.prompt_tokens ?? null, outputTokens: usage?.completion_tokens ?? null },
  };
}

/** The chosen token and its listed alternatives, each exact token once, with its probability. */
export function alternatives(t: AnswerToken): { token: string; p: number }[] {
  const out = new Map(t.top_logprobs.map((o) => [o.token, o.logprob]));
  if (!out.has(t.token)) out.set(t.token, t.logprob);
  return [...out].map(([token, logprob]) => ({ token, p: Math.exp(logprob) }));
}

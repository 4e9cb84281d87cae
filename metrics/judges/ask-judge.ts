import type { JudgeClient, MetricInput, MetricResult } from '../../core/types/index.js';
import { chatRequest } from './chat-request.js';
import { estimateInputTokens } from './input-tokens.js';
import { readJudgeAnswer, type JudgeAnswer } from './judge-answer.js';
import type { JudgeMedia } from './judge-media.js';

export interface JudgeQuestion {
  /** The template's version, and which of its questions (`question-1:3`): part of the cache key. */
  template: string;
  text: string;
  /** Whether the metric reads log probabilities (asked for as many as the endpoint lists). */
  logprobs: boolean;
  jsonSchema?: { name: string; schema: object };
  maxTokens: number;
}

export type Asked = { ok: true; answer: JudgeAnswer; cached: boolean } | { ok: false; category: string; message: string };

/** Sends one question about one media item through the judge's transport and reads the answer. */
export async function askJudge(client: JudgeClient, input: MetricInput, media: JudgeMedia | null, q: JudgeQuestion): Promise<Asked> {
  const e = client.endpoint;
  const body = chatRequest({
    model: e.model,
    text: q.text,
    images: media?.frames ?? [],
    ...(media?.video === undefined ? {} : { video: media.video }),
    topLogprobs: q.logprobs ? e.topLogprobs : null,
    jsonSchema: q.jsonSchema,
    maxTokens: q.maxTokens,
    temperature: e.temperature,
    ...(e.seed === null ? {} : { seed: e.seed }),
  });
  const reply = await client.send({
    body,
    key: {
      template: q.template,
      text: q.text,
      mediaHash: media ? input.mediaHash : '',
      imageSide: e.maxImageSide,
      // A clip sent whole counts 0 frames; its words differ from the frames' (templates.ts), and so does the key.
      frames: media?.frames.length ?? 0,
    },
    generationKey: input.generationKey,
    estimatedInputTokens: estimateInputTokens(e, q.text, media?.sizes ?? []),
    maxOutputTokens: q.maxTokens,
  });
  if (!reply.ok) return reply;
  const answer = readJudgeAnswer(reply.body, q.maxTokens === 1);
  return answer.ok ? { ok: true, answer, cached: reply.cached } : answer;
}

/** A judge's failure as a stored score: no number, the reason and its category. */
export function failedScore(f: { category: string; message: string }, details: Record<string, unknown> = {}): MetricResult {
  return { value: null, details, error: f.message, category: f.category };
}

/** What every judge score records of the answer: the model the endpoint says answered, tokens, whether it came from the cache. */
export function answerDetails(a: { answer: JudgeAnswer; cached: boolean }): Record<string, unknown> {
  return { answeredBy: a.answer.model, usage: a.answer.usage, cached: a.cached };
}

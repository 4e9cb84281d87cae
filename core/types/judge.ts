import type { MetricInput } from './metric.js';
import type { GeneratedQuestion } from './store/prompt-questions.js';

/**
 * The seam between the judge metrics (metrics/judges/: a request built, an answer parsed) and the
 * transport that sends it (core/run: limits, retries, the ledger, the cache). A judge metric holds
 * a `JudgeClient` and never opens the store or a socket itself.
 */

/** What a judge metric needs to know of its endpoint to build requests and name its provenance. */
export interface JudgeEndpoint {
  /** The config's id for this judge. */
  id: string;
  /** The model asked for. */
  model: string;
  /** Where it answers (host and path, never a key), for provenance. */
  endpoint: string;
  /** Images are downscaled so that their longest side is at most this. */
  maxImageSide: number;
  /** A video is sent as this many frames, sampled uniformly by timestamp. */
  frames: number;
  /** How a video is sent: `frames` (JPEG frames, every endpoint), or `video-url` (the clip itself, for endpoints that take video input). */
  video: 'frames' | 'video-url';
  /** Alternatives per token asked for (0: the endpoint gives no log probabilities). */
  topLogprobs: number;
  temperature: number;
  seed: number | null;
  /** Requests in flight at once: the metric prepares media no faster than this. */
  concurrency: number;
  /**
   * How the provider counts an image's input tokens, where it publishes a rule (`openai-tiles`:
   * 85 + 170 per 512 px tile); null: estimated from the first answers' usage.
   */
  imageTokens: 'openai-tiles' | null;
}

/** What makes two calls the same answer: with the endpoint and model, the cache key. */
export interface JudgeCallKey {
  /** The template and its version (`vqascore-1`, `question-1:3`...). */
  template: string;
  /** The words sent, after filling the template. */
  text: string;
  /** sha256 of the media ('' for a text-only call). */
  mediaHash: string;
  imageSide: number;
  frames: number;
}

export interface JudgeCall {
  /** The OpenAI-compatible chat completions body (the transport sends it as is). */
  body: Record<string, unknown>;
  key: JudgeCallKey;
  /** The scored generation, under which the ledger records the paid request. */
  generationKey?: string;
  /** Input tokens the provider will count (text and images), for the cost before the answer; null: not known before. */
  estimatedInputTokens: number | null;
  /** The most output tokens asked for (the request's max_tokens). */
  maxOutputTokens: number;
}

/** Why a call has no answer: the transport's categories (rate-limit, server, context-too-long, over-budget...). */
export interface JudgeCallFailure {
  ok: false;
  category: string;
  message: string;
}

export type JudgeReply = { ok: true; body: unknown; cached: boolean } | JudgeCallFailure;

export interface JudgeClient {
  readonly endpoint: JudgeEndpoint;
  send(call: JudgeCall): Promise<JudgeReply>;
}

/** Which model wrote a prompt's questions, with which template: the provenance of generated questions. */
export interface QuestionGenerator {
  judge: string;
  model: string;
  template: string;
}

export type SourcedQuestions =
  { ok: true; questions: GeneratedQuestion[]; generatedBy: QuestionGenerator; cached: boolean } | JudgeCallFailure;

/**
 * Questions for a prompt that carries none of its own (DSG): written once per prompt by a
 * language model and kept beside the prompt set's version (core/run), so that every image of the
 * prompt, every judge and every later run answers the same questions.
 */
export interface QuestionSource {
  readonly generator: QuestionGenerator;
  questionsFor(input: Pick<MetricInput, 'prompt' | 'language' | 'text' | 'generationKey' | 'promptSet'>): Promise<SourcedQuestions>;
}

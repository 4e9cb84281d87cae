/** What one judge call asks: text, images as data URLs, and how the answer must come back. */
export interface JudgeAsk {
  model: string;
  text: string;
  /** data: URLs (already downscaled to the judge's maximum side), in order; a video's frames in time order. */
  images: readonly string[];
  /** A clip as a data: URL, sent as a `video_url` part, for endpoints that take video input. */
  video?: string;
  /** How many alternatives per token to ask for; null when the metric needs no log probabilities. */
  topLogprobs: number | null;
  /** Structured output: the answer must match this JSON schema. */
  jsonSchema?: { name: string; schema: object };
  maxTokens: number;
  temperature: number;
  seed?: number;
}

/** The body of an OpenAI-compatible `POST /chat/completions` request. */
export function chatRequest(a: JudgeAsk): Record<string, unknown> {
  return {
    model: a.model,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: a.text },
          ...a.images.map((url) => ({ type: 'image_url', image_url: { url } })),
          ...(a.video === undefined ? [] : [{ type: 'video_url', video_url: { url: a.video } }]),
        ],
      },
    ],
    max_tokens: a.maxTokens,
    temperature: a.temperature,
    ...(a.seed === undefined ? {} : { seed: a.seed }),
    ...(a.topLogprobs === null ? {} : { logprobs: true, top_logprobs: a.topLogprobs }),
    ...(a.jsonSchema
      ? { response_format: { type: 'json_schema', json_schema: { name: a.jsonSchema.name, schema: a.jsonSchema.schema, strict: true } } }
      : {}),
  };
}

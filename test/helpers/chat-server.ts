import { EventEmitter } from 'node:events';
import sharp from 'sharp';
import { sendJson, startFakeServer, type FakeServer, type Recorded } from '../models/fake-server.js';

/**
 * A local server that speaks OpenAI's chat completions with images (`POST /v1/chat/completions`),
 * answers with log probabilities and structured output as told, misbehaves on demand (429 with
 * Retry-After, 500, refusals, a body that is not JSON, no log probabilities, answers held until
 * released) and counts the answers it would bill.
 */

export interface Ask {
  text: string;
  /** Every image sent, decoded: a data URL that sharp cannot read fails the request with 400. */
  images: { width: number; height: number; format: string }[];
  /** Every clip sent in a `video_url` part, as its bytes (a URL that is not base64 video data fails with 400). */
  videos: Buffer[];
  body: Record<string, unknown>;
}

/** One generated token: its probability and the alternatives listed (token, probability). */
export interface FakeToken {
  token: string;
  p: number;
  top?: [string, number][];
}

export type ChatAction =
  | { answer: string; tokens?: FakeToken[] | null; refusal?: string; finish?: string; model?: string }
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { raw: string }
  /** Held without an answer until `release()` (a slow answer, or one on the wire when its client is killed). */
  | { hold: true };

export interface ChatServer {
  url: string;
  /** The base URL a judge's config takes. */
  baseUrl: string;
  requests: Recorded[];
  /** Requests answered 200 with a chat completion: what a provider bills. */
  billed: Ask[];
  /** How the next requests are answered; `n` counts the requests so far (0 first). */
  reply: (ask: Ask, n: number) => ChatAction;
  /** Answers every held request as `reply` now says. */
  release(): void;
  /** Resolves when `n` requests are held. */
  held(n: number): Promise<void>;
  close(): Promise<void>;
}

const ln = Math.log;

export async function startChatServer(): Promise<ChatServer> {
  const fake: FakeServer = await startFakeServer();
  const waiting: (() => void)[] = [];
  const events = new EventEmitter();
  let n = 0;
  const server: ChatServer = {
    url: fake.url,
    baseUrl: `${fake.url}/v1`,
    requests: fake.requests,
    billed: [],
    reply: () => ({ answer: 'Yes', tokens: [{ token: 'Yes', p: 0.9, top: [['No', 0.1]] }] }),
    release: () => waiting.splice(0).forEach((go) => go()),
    held: (count) =>
      new Promise((resolve) => {
        const check = () => {
          if (waiting.length < count) return;
          events.off('held', check);
          resolve();
        };
        events.on('held', check);
        check();
      }),
    close: () => fake.close(),
  };
  fake.on('POST', '/v1/chat/completions', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    let ask: Ask;
    try {
      ask = await readAsk(body);
    } catch (e) {
      return sendJson(res, 400, { error: { message: (e as Error).message, type: 'invalid_request_error' } });
    }
    let action = server.reply(ask, n++);
    while ('hold' in action) {
      await new Promise<void>((go) => {
        waiting.push(go);
        events.emit('held');
      });
      action = server.reply(ask, n - 1);
    }
    if ('status' in action)
      return sendJson(res, action.status, action.body ?? { error: { message: `status ${action.status}` } }, action.headers);
    if ('raw' in action) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(action.raw);
      return;
    }
    server.billed.push(ask);
    sendJson(res, 200, completion(action, body, ask));
  });
  return server;
}

async function readAsk(body: Record<string, unknown>): Promise<Ask> {
  type Part = { type: string; text?: string; image_url?: { url: string }; video_url?: { url: string } };
  const content = (body.messages as { content: Part[] }[])[0]!.content;
  const images = [];
  for (const part of content.filter((p) => p.type === 'image_url')) {
    const m = /^data:image\/\w+;base64,(.+)$/.exec(part.image_url!.url);
    if (!m) throw new Error('image_url is not a base64 data URL');
    const meta = await sharp(Buffer.from(m[1]!, 'base64')).metadata();
    images.push({ width: meta.width, height: meta.height, format: meta.format });
  }
  const videos = content
    .filter((p) => p.type === 'video_url')
    .map((part) => {
      const m = /^data:video\/mp4;base64,(.+)$/.exec(part.video_url!.url);
      if (!m) throw new Error('video_url is not a base64 MP4 data URL');
      return Buffer.from(m[1]!, 'base64');
    });
  return { text: content.find((p) => p.type === 'text')?.text ?? '', images, videos, body };
}

function completion(a: Extract<ChatAction, { answer: string }>, body: Record<string, unknown>, ask: Ask) {
  const tokens = a.tokens === undefined ? [{ token: a.answer, p: 1 }] : a.tokens;
  const wanted = body.logprobs === true;
  const content = tokens?.map((t) => ({
    token: t.token,
    logprob: ln(t.p),
    top_logprobs: [[t.token, t.p] as [string, number], ...(t.top ?? [])].map(([token, p]) => ({ token, logprob: ln(p) })),
  }));
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    model: a.model ?? 'fake-vl-2026-01',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: a.refusal ? null : a.answer, refusal: a.refusal ?? null },
        logprobs: wanted && content ? { content } : null,
        finish_reason: a.finish ?? 'stop',
      },
    ],
    usage: { prompt_tokens: 100 + 50 * ask.images.length, completion_tokens: tokens?.length ?? 1 },
  };
}

/** The answer of a yes/no question whose first token is yes with probability `pYes` among the listed alternatives. */
export function yesNo(pYes: number, extra: [string, number][] = []): ChatAction {
  const yes = pYes >= 0.5;
  return {
    answer: yes ? 'Yes' : 'No',
    tokens: [{ token: yes ? 'Yes' : 'No', p: yes ? pYes : 1 - pYes, top: [[yes ? 'No' : 'Yes', yes ? 1 - pYes : pYes], ...extra] }],
  };
}

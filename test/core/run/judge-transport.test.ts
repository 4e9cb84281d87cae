import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JudgeCall } from '../../../core/types/index.js';
import { startChatServer, type ChatServer } from '../../helpers/chat-server.js';
import { judgeAt } from '../../helpers/judge-client.js';

let server: ChatServer;
beforeEach(async () => void (server = await startChatServer()));
afterEach(() => server.close());

/** A text-only call (the chat server reads its words); `n` makes each call a different cache key. */
const call = (n: number): JudgeCall => ({
  body: { model: 'fake-vl', messages: [{ role: 'user', content: [{ type: 'text', text: `question ${n}` }] }], max_tokens: 1 },
  key: { template: 'test-1', text: `question ${n}`, mediaHash: '', imageSide: 768, frames: 0 },
  estimatedInputTokens: null,
  maxOutputTokens: 1,
});

describe("a judge's authorisation", () => {
  it("sends Azure OpenAI's api-key header and api-version query, and no Authorization header", async () => {
    const { client } = judgeAt(server.baseUrl, { provider: 'azure-openai', apiVersion: '2025-01-01-preview' }, { apiKey: 'azure-secret' });
    expect(await client.send(call(1))).toMatchObject({ ok: true, cached: false });
    const [sent] = server.requests;
    expect(sent!.path).toBe('/v1/chat/completions?api-version=2025-01-01-preview');
    expect(sent!.headers['api-key']).toBe('azure-secret');
    expect(sent!.headers.authorization).toBeUndefined();
  });

  it('sends a bearer token, and no api-key header, to an OpenAI-compatible endpoint', async () => {
    const { client } = judgeAt(server.baseUrl, { apiKeyEnv: 'ANY' }, { apiKey: 'bearer-secret' });
    expect(await client.send(call(1))).toMatchObject({ ok: true });
    const [sent] = server.requests;
    expect(sent!.path).toBe('/v1/chat/completions');
    expect(sent!.headers.authorization).toBe('Bearer bearer-secret');
    expect(sent!.headers['api-key']).toBeUndefined();
  });
});

describe("a judge's ratePerMinute", () => {
  it('spaces request starts 60000 / ratePerMinute ms apart though its concurrency would let them all start at once', async () => {
    // Time stands still: each start waits its whole reserved offset from t = 0.
    const slept: number[] = [];
    const clock = { slept, now: () => 0, sleep: async (ms: number) => void slept.push(ms) };
    const { client } = judgeAt(server.baseUrl, { ratePerMinute: 120, concurrency: 4 }, { clock });
    const replies = await Promise.all([1, 2, 3, 4].map((n) => client.send(call(n))));
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(slept).toEqual([0, 500, 1000, 1500]);
    expect(server.requests).toHaveLength(4);
  });

  it('counts a retry as a start: after a 429 the next request waits its turn behind it', async () => {
    // A clock that moves by what is slept: with one request at a time, `now` is the time each request starts.
    const starts: number[] = [];
    let now = 0;
    const clock = { slept: [] as number[], now: () => now, sleep: async (ms: number) => void (now += ms) };
    server.reply = (_ask, n) => {
      starts.push(now);
      return n === 0 ? { status: 429, headers: { 'retry-after': '0.2' } } : { answer: 'Yes' };
    };
    const { client } = judgeAt(server.baseUrl, { ratePerMinute: 60, concurrency: 1 }, { clock });
    expect((await client.send(call(1))).ok).toBe(true);
    expect((await client.send(call(2))).ok).toBe(true);
    // 0: the 429; 1000: its retry (Retry-After is sooner than the rate allows); 2000: the next call.
    expect(starts).toEqual([0, 1000, 2000]);
  });
});

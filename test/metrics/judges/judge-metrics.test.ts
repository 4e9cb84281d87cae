import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricInput, Prompt } from '../../../core/types/index.js';
import { createJudgeMetrics } from '../../../metrics/index.js';
import { startChatServer, yesNo, type ChatServer } from '../../helpers/chat-server.js';
import { judgeAt } from '../../helpers/judge-client.js';
import { lavfiClip } from '../video/decode-clips.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
let server: ChatServer;
beforeEach(async () => void (server = await startChatServer()));
afterEach(() => server.close());

const prompt: Prompt = {
  id: 'p1',
  category: 'scene',
  tags: [],
  text: { en: 'a red square', zh: '一个红色方块' },
  modality: 'image',
  expect: {
    questions: [
      { id: 1, text: { en: 'Is there a square?' }, parents: [] },
      { id: 2, text: { en: 'Is the square red?' }, parents: [1] },
      { id: 3, text: { en: 'Is the square large?' }, parents: [2] },
    ],
  },
};

async function input(language: 'zh' | 'en', width = 1600, height = 900): Promise<MetricInput> {
  const path = `${tempDir().dir}/red.png`;
  await sharp({ create: { width, height, channels: 3, background: '#d01010' } })
    .png()
    .toFile(path);
  return {
    path,
    mime: 'image/png',
    mediaHash: `hash-${width}x${height}`,
    modality: 'image',
    prompt,
    language,
    text: prompt.text[language]!,
  };
}

const metric = (id: string, fields: Record<string, unknown> = {}) => {
  const { client, clock } = judgeAt(server.baseUrl, fields);
  return { m: createJudgeMetrics(client).find((m) => m.id === id)!, clock };
};

describe('vqascore against a chat completions server', () => {
  it('is P(yes) over yes and no from the first token, sent as the en template with a downscaled image', async () => {
    server.reply = () =>
      yesNo(0.6, [
        [' yes', 0.1],
        ['The', 0.05],
      ]);
    const { m } = metric('vqascore');
    const [r] = await m.score([await input('en')]);
    // Yes 0.6 + " yes" 0.1 against No 0.4, by hand.
    expect(r!.value).toBeCloseTo(0.7 / 1.1, 12);
    expect(r!.details).toMatchObject({ answeredBy: 'fake-vl-2026-01', cached: false });
    const ask = server.billed[0]!;
    expect(ask.text).toBe('Does this figure show "a red square"? Please answer yes or no.');
    expect(ask.images).toEqual([{ width: 768, height: 432, format: 'jpeg' }]);
    expect(ask.body).toMatchObject({ logprobs: true, top_logprobs: 20, max_tokens: 1, temperature: 0 });
    expect(await m.provenance()).toMatchObject({ model: 'fake-vl', template: { version: 'vqascore-1' }, maxImageSide: 768 });
  });

  it('asks Chinese prompts with the zh template and reads 是/否', async () => {
    server.reply = () => ({ answer: '是', tokens: [{ token: '是', p: 0.72, top: [['否', 0.18]] }] });
    const { m } = metric('vqascore', { maxImageSide: 512 });
    const [r] = await m.score([await input('zh', 300, 600)]);
    expect(r!.value).toBeCloseTo(0.72 / 0.9, 12);
    expect(server.billed[0]!.text).toBe('这张图是否展示了“一个红色方块”？请回答是或否。');
    expect(server.billed[0]!.images).toEqual([{ width: 256, height: 512, format: 'jpeg' }]);
  });

  it('sends a video as the configured number of frames, downscaled to the side', async () => {
    server.reply = () => yesNo(0.6);
    const path = await lavfiClip(`${tempDir().dir}/clip.mp4`, 'testsrc2=size=320x240:rate=10', 2);
    const clip: MetricInput = { ...(await input('en')), path, mime: 'video/mp4', mediaHash: 'clip', modality: 'video' };
    const [r] = await metric('vqascore', { frames: 3, maxImageSide: 160 }).m.score([clip]);
    expect(r!.value).toBeCloseTo(0.6, 12);
    expect(server.billed[0]!.images).toEqual(Array.from({ length: 3 }, () => ({ width: 160, height: 120, format: 'jpeg' })));
  });

  it('sends a video as the clip itself to an endpoint that takes video: H.264 at the side, no audio, no metadata, and other words', async () => {
    server.reply = () => ({ answer: '{"score": 4, "reason": "smooth"}', tokens: null });
    const dir = tempDir().dir;
    const path = await lavfiClip(`${dir}/clip.mp4`, 'testsrc2=size=320x240:rate=10', 2);
    const clip: MetricInput = { ...(await input('en')), path, mime: 'video/mp4', mediaHash: 'clip', modality: 'video' };
    const { m } = metric('judge-visual-quality', { video: 'video-url', maxImageSide: 160 });
    const [r] = await m.score([clip]);
    expect(r!.value).toBe(4);
    const ask = server.billed[0]!;
    expect(ask.images).toEqual([]);
    expect(ask.videos).toHaveLength(1);
    expect(ask.text).toMatch(/^Rate the video generated from the description below/);
    writeFileSync(`${dir}/sent.mp4`, ask.videos[0]!);
    const probe = JSON.parse(
      execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', `${dir}/sent.mp4`], { encoding: 'utf8' }),
    ) as { streams: Record<string, unknown>[]; format: { duration: string; tags?: Record<string, string> } };
    expect(probe.streams.map((s) => [s.codec_type, s.codec_name, s.width, s.height])).toEqual([['video', 'h264', 160, 120]]);
    expect(Number(probe.format.duration)).toBeCloseTo(2, 1);
    expect(Object.keys(probe.format.tags ?? {}).filter((t) => /encoder|comment|title/i.test(t))).toEqual([]);
    expect(await m.provenance()).toMatchObject({ video: expect.stringMatching(/clip itself/) });
  });

  it('stores no log probabilities as the failure no-logprobs, never a number', async () => {
    server.reply = () => ({ answer: 'Yes', tokens: null });
    const [r] = await metric('vqascore').m.score([await input('en')]);
    expect(r).toMatchObject({ value: null, category: 'no-logprobs', error: /no log probabilities/ });
  });

  it('sends nothing to an endpoint whose preset lists no log probabilities', async () => {
    const [r] = await metric('vqascore', { provider: 'zhipu' }).m.score([await input('en')]);
    expect(r).toMatchObject({ value: null, category: 'no-logprobs' });
    expect(server.requests).toHaveLength(0);
  });

  it('gives each misbehaviour its category', async () => {
    const cases: [unknown, string][] = [
      [{ answer: '', refusal: 'I cannot help with that.' }, 'refusal'],
      [{ raw: '{"choices": [' }, 'malformed-json'],
      [{ status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens" } } }, 'context-too-long'],
      [{ status: 401 }, 'auth'],
    ];
    for (const [action, category] of cases) {
      server.reply = () => action as ReturnType<ChatServer['reply']>;
      const [r] = await metric('vqascore').m.score([await input('en')]);
      expect(r, category).toMatchObject({ value: null, category });
    }
  });

  it('retries a 429 after its Retry-After and a 500 with backoff, then scores', async () => {
    server.reply = (_ask, n) => (n === 0 ? { status: 429, headers: { 'retry-after': '7' } } : n === 1 ? { status: 500 } : yesNo(0.8));
    const { m, clock } = metric('vqascore');
    const [r] = await m.score([await input('en')]);
    expect(r!.value).toBeCloseTo(0.8, 12);
    expect(server.requests).toHaveLength(3);
    expect(server.billed).toHaveLength(1);
    // random() = 1: backoff is the full ceiling (10 ms, then 20 ms); Retry-After wins over it.
    expect(clock.slept).toEqual([7000, 20]);
  });
});

describe('judge-<dimension> rubric scores', () => {
  it('takes the chosen digit, the probability-weighted score beside it, and sends the JSON schema', async () => {
    const text = '{"score": 4, "reason": "red and square"}';
    const at = text.indexOf('4');
    server.reply = () => ({
      answer: text,
      tokens: [
        { token: text.slice(0, at), p: 1 },
        {
          token: '4',
          p: 0.5,
          top: [
            ['5', 0.3],
            ['3', 0.1],
            ['x', 0.1],
          ],
        },
        { token: text.slice(at + 1), p: 1 },
      ],
    });
    const [r] = await metric('judge-text-image-consistency').m.score([await input('en')]);
    expect(r!.value).toBe(4);
    // (4 x 0.5 + 5 x 0.3 + 3 x 0.1) / 0.9, by hand; "x" is not a digit.
    expect(r!.details).toMatchObject({ chosen: 4, reason: 'red and square', weighted: expect.closeTo(3.8 / 0.9, 12) });
    expect(server.billed[0]!.body).toMatchObject({ response_format: { type: 'json_schema', json_schema: { name: 'rubric_score' } } });
    expect(server.billed[0]!.text).toMatch(/^Rate the image .*Text-image consistency/is);
  });

  it('asks in Chinese for Chinese prompts, and an answer that is not the schema is malformed-json', async () => {
    server.reply = () => ({ answer: '4分' });
    const [r] = await metric('judge-aesthetic-quality').m.score([await input('zh')]);
    expect(r).toMatchObject({ value: null, category: 'malformed-json' });
    expect(server.billed[0]!.text).toMatch(/^请评价这张根据下面文字描述生成的图片/);
  });
});

describe('question-score', () => {
  it("asks each of the prompt's questions and applies DSG's dependency rule", async () => {
    const yes: Record<string, string> = { 'Is there a square?': 'yes', 'Is the square red?': 'No.', 'Is the square large?': 'Yes' };
    server.reply = (ask) => ({ answer: yes[ask.text.split('Question: ')[1]!]! });
    const { m } = metric('question-score');
    const [r] = await m.score([await input('en')]);
    // q2 answered no, so q3 (child of q2) counts as no though answered yes: 1 of 3; 2 of 3 without dependencies.
    expect(r!.value).toBeCloseTo(1 / 3, 12);
    expect(r!.details).toMatchObject({ withoutDependencies: 2 / 3 });
    expect((r!.details.answers as { id: number; answer: string }[]).map((a) => [a.id, a.answer])).toEqual([
      [1, 'yes'],
      [2, 'No.'],
      [3, 'Yes'],
    ]);
    expect(m.appliesTo({ ...prompt, expect: {} }, 'en', 'image')).toBe(false);
  });
});

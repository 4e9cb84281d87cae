import { describe, expect, it } from 'vitest';
import { chatRequest } from '../../../metrics/judges/chat-request.js';
import { readJudgeAnswer, type AnswerToken, type JudgeAnswer } from '../../../metrics/judges/judge-answer.js';
import { RUBRIC_ANSWER_SCHEMA, rubricScore } from '../../../metrics/judges/rubric-score.js';
import { answeredYes, rubricText } from '../../../metrics/judges/templates.js';
import { vqaScore } from '../../../metrics/judges/vqascore.js';

const ln = Math.log;
const token = (t: string, p: number, top: [string, number][] = []): AnswerToken => ({
  token: t,
  logprob: ln(p),
  top_logprobs: top.map(([tt, pp]) => ({ token: tt, logprob: ln(pp) })),
});
const answer = (text: string, tokens: AnswerToken[] | null): JudgeAnswer => ({
  ok: true,
  text,
  tokens,
  model: 'm',
  usage: { inputTokens: null, outputTokens: null },
});

describe('VQAScore from top log probabilities', () => {
  it('sums the variants of yes and of no and normalises over the two', () => {
    const a = answer('Yes', [
      token('Yes', 0.6, [
        ['Yes', 0.6],
        [' yes', 0.1],
        ['No', 0.2],
        ['The', 0.05],
      ]),
    ]);
    const r = vqaScore(a, 'en');
    expect(r.ok && [r.value, r.yesMass, r.noMass]).toEqual([0.7 / 0.9, 0.7, 0.2].map((x) => expect.closeTo(x, 12)));
  });

  it('reads 是 and 否 for Chinese templates only, and skips a leading whitespace token', () => {
    const tokens = [
      token('\n', 0.9),
      token('是', 0.5, [
        ['否', 0.3],
        ['Yes', 0.1],
        ['。', 0.05],
      ]),
    ];
    const zh = vqaScore(answer('是', tokens), 'zh');
    expect(zh.ok && zh.value).toBeCloseTo(0.6 / 0.9, 12);
    const en = vqaScore(answer('是', tokens), 'en');
    expect(en.ok && en.value).toBe(1);
    expect(en.ok && en.unlistedBelow).toBeCloseTo(0.05, 12);
  });

  it('is a failure of its own kind without log probabilities, or when neither word is listed', () => {
    expect(vqaScore(answer('Yes', null), 'en')).toMatchObject({ ok: false, category: 'no-logprobs' });
    expect(vqaScore(answer('Maybe', [token('Maybe', 0.9, [['Perhaps', 0.05]])]), 'en')).toMatchObject({
      ok: false,
      category: 'no-answer',
    });
  });
});

describe('rubric scores', () => {
  const text = '{"score": 4, "reason": "ok"}';
  const split = ['{"', 'score', '":', ' ', '4', ',', ' "', 'reason', '":', ' "', 'ok', '"}'];
  const tokens = split.map((t) =>
    t === '4'
      ? token('4', 0.5, [
          ['4', 0.5],
          ['5', 0.3],
          ['3', 0.1],
          [' 4', 0.05],
          ['x', 0.05],
        ])
      : token(t, 0.99),
  );

  it('weights the listed digits at the score position (G-Eval) beside the chosen digit', () => {
    const r = rubricScore(answer(text, tokens));
    expect(r).toMatchObject({ ok: true, chosen: 4, reason: 'ok' });
    expect(r.ok && r.weighted).toBeCloseTo((4 * 0.55 + 5 * 0.3 + 3 * 0.1) / 0.95, 12);
    expect(rubricScore(answer(text, null))).toMatchObject({ ok: true, chosen: 4, weighted: null });
  });

  it('refuses answers outside the schema with the reason', () => {
    expect(rubricScore(answer('I think 4', null))).toMatchObject({ ok: false, category: 'malformed-json' });
    expect(rubricScore(answer('{"score": 6, "reason": ""}', null))).toMatchObject({ ok: false, message: expect.stringMatching(/score/) });
  });

  it('puts the raters’ anchors in the rubric, in the prompt’s language, without flicker for a still', () => {
    const en = rubricText('visual-quality', 'en', 'image', 'a cat');
    expect(en).toMatch(/Image quality/);
    expect(en).toMatch(/5 = Excellent: Sharp and smooth, no flaws/);
    expect(en.split('\n')[0]).not.toMatch(/flicker/);
    expect(rubricText('realism', 'zh', 'video', '一只猫')).toMatch(/1 = 差: 明显虚假或严重变形/);
  });
});

describe('reading a chat completion', () => {
  const body = (choice: object, extra: object = {}) => ({ model: 'judge-v2', choices: [choice], ...extra });

  it('names why an answer is unusable', () => {
    expect(readJudgeAnswer({ nope: 1 })).toMatchObject({ ok: false, category: 'malformed-json', message: /choices/ });
    expect(readJudgeAnswer(body({ message: { content: null, refusal: 'I cannot' } }))).toMatchObject({ category: 'refusal' });
    expect(readJudgeAnswer(body({ message: { content: '{"sc' }, finish_reason: 'length' }))).toMatchObject({ category: 'truncated' });
    expect(readJudgeAnswer(body({ message: { content: '' }, finish_reason: 'content_filter' }))).toMatchObject({
      category: 'content-filter',
    });
  });

  it('keeps the model the endpoint reports, the usage and the tokens', () => {
    const r = readJudgeAnswer(
      body(
        { message: { content: 'Yes' }, logprobs: { content: [{ token: 'Yes', logprob: -0.1, top_logprobs: [] }] }, finish_reason: 'stop' },
        { usage: { prompt_tokens: 812, completion_tokens: 1 } },
      ),
    );
    expect(r).toMatchObject({ ok: true, text: 'Yes', model: 'judge-v2', usage: { inputTokens: 812, outputTokens: 1 } });
  });

  it('asks for log probabilities and a JSON schema only when the metric needs them', () => {
    const plain = chatRequest({
      model: 'm',
      text: 'q',
      images: ['data:image/png;base64,AA'],
      topLogprobs: null,
      maxTokens: 1,
      temperature: 0,
    });
    expect(plain).not.toHaveProperty('logprobs');
    expect(plain).not.toHaveProperty('response_format');
    const rubric = chatRequest({
      model: 'm',
      text: 'q',
      images: [],
      topLogprobs: 20,
      jsonSchema: { name: 'rubric', schema: RUBRIC_ANSWER_SCHEMA },
      maxTokens: 200,
      temperature: 0,
      seed: 7,
    });
    expect(rubric).toMatchObject({ logprobs: true, top_logprobs: 20, seed: 7, response_format: { type: 'json_schema' } });
  });
});

describe('yes/no answers to DSG questions', () => {
  it.each([
    ['Yes.', true],
    [' YES ', true],
    ['是。', true],
    ['yes, it does', false],
    ['no', false],
    ['', false],
  ])('%j counts as yes: %s', (text, yes) => expect(answeredYes(text)).toBe(yes));
});

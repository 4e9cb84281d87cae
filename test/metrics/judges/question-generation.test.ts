import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateQuestions } from '../../../metrics/judges/generate-questions.js';
import { readGeneratedQuestions } from '../../../metrics/judges/generated-questions.js';
import { startChatServer, type ChatServer } from '../../helpers/chat-server.js';
import { judgeAt } from '../../helpers/judge-client.js';

let server: ChatServer;
beforeEach(async () => void (server = await startChatServer()));
afterEach(() => server.close());

type Item = { id: number; category: string; tuple: string; question: string; parents: number[] };
const answer = (questions: Item[]) => JSON.stringify({ questions });
const item = (id: number, question: string, parents: number[] = [], category = 'entity'): Item => ({
  id,
  category,
  tuple: `${category} - x`,
  question,
  parents,
});

// DSG-1k's whoops_5 as the DSG authors decomposed it (dsg-1k-anns.csv), with DSG's 0 for "no parent".
const RUBIX = [
  { id: 1, category: 'entity', tuple: 'entity - whole (rubix cube)', question: 'Is there a rubix cube?', parents: [0] },
  { id: 2, category: 'attribute', tuple: 'attribute - color (rubix cube, purple)', question: 'Is the rubix cube purple?', parents: [1] },
  {
    id: 3,
    category: 'attribute',
    tuple: 'attribute - shape (rubix cube, ten squares)',
    question: 'Does the rubix cube have ten squares?',
    parents: [1],
  },
];

describe('question generation through a chat completions server', () => {
  it('asks with the en template as structured output, no image, and reads the questions with their dependencies', async () => {
    server.reply = () => ({ answer: answer(RUBIX) });
    const { client } = judgeAt(server.baseUrl);
    const got = await generateQuestions(client, { text: 'A rubix cube with ten squares of purple', language: 'en' });
    expect(got).toMatchObject({ ok: true, answeredBy: 'fake-vl-2026-01', cached: false });
    expect(got.ok && got.questions).toEqual([
      { id: 1, text: { en: 'Is there a rubix cube?' }, parents: [], category: 'entity', tuple: 'entity - whole (rubix cube)' },
      { id: 2, text: { en: 'Is the rubix cube purple?' }, parents: [1], category: 'attribute', tuple: RUBIX[1]!.tuple },
      { id: 3, text: { en: 'Does the rubix cube have ten squares?' }, parents: [1], category: 'attribute', tuple: RUBIX[2]!.tuple },
    ]);
    const ask = server.billed[0]!;
    expect(ask.images).toEqual([]);
    expect(ask.text).toMatch(
      /^Decompose the text-to-image prompt below into atomic semantic tuples, following the Davidsonian Scene Graph/,
    );
    expect(ask.text.endsWith('Prompt: "A rubix cube with ten squares of purple"')).toBe(true);
    expect(ask.body).toMatchObject({
      temperature: 0,
      response_format: { type: 'json_schema', json_schema: { name: 'dsg_questions', strict: true } },
    });
    expect(ask.body).not.toHaveProperty('logprobs');
  });

  it('asks Chinese prompts with the zh template and takes Chinese yes/no questions', async () => {
    const zh = [
      item(1, '图中有猫吗？'),
      item(2, '猫是黑色的吗？', [1], 'attribute'),
      item(3, '猫是否在桌子上？', [1, 4], 'relation'),
      item(4, '图中有桌子吗？'),
    ];
    server.reply = () => ({ answer: answer(zh) });
    const { client } = judgeAt(server.baseUrl);
    const got = await generateQuestions(client, { text: '桌子上有一只黑猫', language: 'zh' });
    expect(got.ok && got.questions.map((q) => [q.id, q.text.zh, q.parents])).toEqual([
      [1, '图中有猫吗？', []],
      [2, '猫是黑色的吗？', [1]],
      [3, '猫是否在桌子上？', [1, 4]],
      [4, '图中有桌子吗？', []],
    ]);
    expect(server.billed[0]!.text).toMatch(/^请按照 Davidsonian Scene Graph（DSG）的方法/);
    expect(server.billed[0]!.text.endsWith('提示词：“桌子上有一只黑猫”')).toBe(true);
  });

  it('keeps a transport failure and an answer that is no JSON as failures with their category', async () => {
    const { client } = judgeAt(server.baseUrl, { maxAttempts: 1 });
    server.reply = () => ({ status: 500 });
    expect(await generateQuestions(client, { text: 'a dog', language: 'en' })).toMatchObject({ ok: false, category: 'server' });
    server.reply = () => ({ answer: 'Sure! Here are the questions: 1. Is there a dog?' });
    expect(await generateQuestions(client, { text: 'a cat', language: 'en' })).toMatchObject({ ok: false, category: 'malformed-json' });
    server.reply = () => ({ answer: '{"questions": [', finish: 'length' });
    expect(await generateQuestions(client, { text: 'a bird', language: 'en' })).toMatchObject({ ok: false, category: 'truncated' });
  });
});

describe('readGeneratedQuestions', () => {
  const bad: [string, string, RegExp][] = [
    ['{"questions": []}', 'no-questions', /lists no questions/],
    ['{"items": []}', 'malformed-json', /questions: /],
    [answer([item(1, 'Is there a dog?'), item(1, 'Is there a cat?')]), 'duplicate-id', /question id 1 is used twice/],
    [answer([item(1, 'Is there a dog?'), item(2, 'Is the dog red?', [3])]), 'unknown-parent', /question 2 depends on question 3/],
    [answer([item(1, 'Is there a dog?', [2]), item(2, 'Is the dog red?', [1])]), 'dependency-cycle', /loop: 1 -> 2 -> 1/],
    [
      answer([item(1, 'Is there a dog?', [3]), item(2, 'Is the dog red?', [1]), item(3, 'Is the dog big?', [2])]),
      'dependency-cycle',
      /loop: 1 -> 3 -> 2 -> 1/,
    ],
    [answer([item(1, 'Is there a dog?'), item(2, 'What colour is the dog?', [1])]), 'not-yes-no', /question 2 is not a yes\/no question/],
    [answer([item(1, 'How many dogs are there?')]), 'not-yes-no', /"How many dogs are there\?"/],
  ];
  it.each(bad)('refuses %s as %s', (text, category, message) => {
    const got = readGeneratedQuestions(text, 'en');
    expect(got).toMatchObject({ ok: false, category });
    expect(!got.ok && got.message).toMatch(message);
  });

  it('refuses a Chinese question that asks for something other than yes or no', () => {
    expect(readGeneratedQuestions(answer([item(1, '图中有几只猫？')]), 'zh')).toMatchObject({ ok: false, category: 'not-yes-no' });
  });

  it('takes a question listed as its own parent as depending on nothing, as DSG-1k does', () => {
    const got = readGeneratedQuestions(answer([item(1, 'Is there a dog?', [1]), item(2, 'Am I a dog?', [0, 2, 1])]), 'en');
    expect(got.ok && got.questions.map((q) => q.parents)).toEqual([[], [1]]);
  });

  it("accepts the DSG authors' own decompositions of DSG-1k but the four with a loop or a missing question", () => {
    const rows = parse(readFileSync(join(import.meta.dirname, '../../../prompts/public/dsg-1k/dsg-1k-anns.csv')), {
      columns: true,
    }) as Record<string, string>[];
    const items = new Map<string, Item[]>();
    for (const r of rows) {
      // A few dependency cells hold words ("1, outside"); only the numbers are ids.
      const parents = r
        .dependency!.split(',')
        .map((d) => Number(d.trim()))
        .filter(Number.isInteger);
      const q = {
        id: Number(r.proposition_id),
        category: r.category_broad!,
        tuple: r.tuple!,
        question: r.question_natural_language!,
        parents,
      };
      items.set(r.item_id!, [...(items.get(r.item_id!) ?? []), q]);
    }
    const refused = [...items].flatMap(([id, qs]) => {
      const got = readGeneratedQuestions(answer(qs), 'en');
      return got.ok ? [] : [`${id}: ${got.message}`];
    });
    expect(items.size).toBe(1060);
    expect(refused).toEqual([
      'drawtext_45: the dependencies loop: 10 -> 11 -> 10',
      'tifa160_134: question 2 depends on question 1, which is not in the answer',
      'diffusiondb_16: the dependencies loop: 6 -> 11 -> 6',
      'localized_narratives_50: the dependencies loop: 12 -> 11 -> 12',
    ]);
  });

  it('accepts a diamond of dependencies (a relation on two entities that share a parent)', () => {
    const diamond = [
      item(1, 'Is there a table?'),
      item(2, 'Is there a cup?', [1]),
      item(3, 'Is there a plate?', [1]),
      item(4, 'Is the cup on the plate?', [2, 3]),
    ];
    expect(readGeneratedQuestions(answer(diamond), 'en')).toMatchObject({ ok: true });
  });
});

import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoredQuestionSource } from '../../../core/run/index.js';
import { openStore } from '../../../core/store/index.js';
import type { MetricInput, Store } from '../../../core/types/index.js';
import { createQuestionScoreMetric } from '../../../metrics/judges/question-score-metric.js';
import { generateQuestions } from '../../../metrics/judges/generate-questions.js';
import { startChatServer, type Ask, type ChatAction, type ChatServer } from '../../helpers/chat-server.js';
import { judgeAt } from '../../helpers/judge-client.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { planned, promptSet } from '../store/store-fixtures.js';

/**
 * question-score on a prompt without questions of its own (`c1`, "three red apples"): the fake
 * judge writes three DSG questions once, they are kept beside the set's version, and each image
 * answers them; a second scoring with a new transport and source on the same store sends nothing.
 */
const tempDir = useTempDir();
let server: ChatServer;
let store: Store;
beforeEach(async () => {
  server = await startChatServer();
  store = await openStore(join(tempDir().dir, 'loupe.db'));
  await store.putPromptSet(promptSet(), 'p.yaml');
  await store.openRun('run-1', {});
  await store.planGenerations('run-1', [
    planned('k1', { language: 'en', text: 'three red apples' }),
    planned('k2', { language: 'en', text: 'three red apples' }),
  ]);
});
afterEach(async () => {
  await store.close();
  await server.close();
});

const GENERATED = {
  questions: [
    { id: 1, category: 'entity', tuple: 'entity - whole (apples)', question: 'Are there apples?', parents: [0] },
    { id: 2, category: 'attribute', tuple: 'attribute - color (apples, red)', question: 'Are the apples red?', parents: [1] },
    { id: 3, category: 'attribute', tuple: 'attribute - count (apples, ==3)', question: 'Are there three apples?', parents: [1] },
  ],
};
// Image k1 (64 px): apples yes, red no, three yes. Image k2 (80 px): apples no, red yes, three yes.
const ANSWERS: Record<number, Record<string, string>> = {
  64: { 'Are there apples?': 'Yes', 'Are the apples red?': 'No', 'Are there three apples?': 'Yes' },
  80: { 'Are there apples?': 'No', 'Are the apples red?': 'Yes', 'Are there three apples?': 'yes.' },
};
const reply = (ask: Ask): ChatAction =>
  ask.body.response_format
    ? { answer: JSON.stringify(GENERATED) }
    : { answer: ANSWERS[ask.images[0]!.width]![ask.text.split('Question: ')[1]!]! };

async function inputs(): Promise<MetricInput[]> {
  const prompt = promptSet().prompts[0]!;
  return Promise.all(
    [
      ['k1', 64],
      ['k2', 80],
    ].map(async ([key, side]) => {
      const path = join(tempDir().dir, `${key}.png`);
      await sharp({ create: { width: side as number, height: side as number, channels: 3, background: '#c02020' } })
        .png()
        .toFile(path);
      return {
        path,
        mime: 'image/png',
        mediaHash: `hash-${key}`,
        modality: 'image' as const,
        prompt,
        language: 'en' as const,
        text: 'three red apples',
        generationKey: key as string,
        promptSet: { id: 'counting-basic', version: 1 },
      };
    }),
  );
}

/** `keep`: where the questions are kept (null: a process that died before storing them, its answers in the ledger). */
function questionScore(keep: Store | null = store) {
  const { client } = judgeAt(server.baseUrl, { concurrency: 4 }, { store });
  const source = new StoredQuestionSource({ judge: 'fake', model: 'fake-vl', template: 'dsg-questions-1' }, keep, (p) =>
    generateQuestions(client, p),
  );
  return createQuestionScoreMetric(client, source);
}

describe('question-score over generated questions', () => {
  it('generates once per prompt, stores the questions beside the set version, and scores by DSG arithmetic', async () => {
    server.reply = reply;
    const metric = questionScore();
    expect(metric.appliesTo(promptSet().prompts[0]!, 'en', 'image')).toBe(true);
    const [a, b] = await metric.score(await inputs());
    // k1: q1 yes, q2 no, q3 yes (parent q1 yes): 2 of 3. k2: q1 no, so q2 and q3 count as no: 0 of 3; 2 of 3 answered yes.
    expect(a).toMatchObject({ value: 2 / 3, details: { withoutDependencies: 2 / 3 } });
    expect(b).toMatchObject({ value: 0, details: { withoutDependencies: 2 / 3 } });
    expect(a!.details.questions).toEqual({ source: 'generated', judge: 'fake', model: 'fake-vl', template: 'dsg-questions-1' });
    expect((b!.details.answers as { id: number; question: string; answer: string }[]).map((x) => [x.id, x.question, x.answer])).toEqual([
      [1, 'Are there apples?', 'No'],
      [2, 'Are the apples red?', 'Yes'],
      [3, 'Are there three apples?', 'yes.'],
    ]);
    expect(await metric.provenance()).toMatchObject({ template: { version: 'question-1', questionGeneration: { model: 'fake-vl' } } });

    // One generation for the two images, then three questions per image.
    expect(server.billed.filter((x) => x.body.response_format)).toHaveLength(1);
    expect(server.billed).toHaveLength(7);
    const ledger = await store.listLedger({ generatorId: 'judge:fake' });
    expect(ledger.map((e) => e.phase)).toEqual(Array(7).fill('stored'));
    const stored = await store.listPromptQuestions({ promptSetId: 'counting-basic' });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ promptSetVersion: 1, promptId: 'c1', language: 'en', model: 'fake-vl', template: 'dsg-questions-1' });
    expect(stored[0]!.questions.map((q) => [q.id, q.text.en, q.parents])).toEqual([
      [1, 'Are there apples?', []],
      [2, 'Are the apples red?', [1]],
      [3, 'Are there three apples?', [1]],
    ]);
    expect((await store.getPromptSet('counting-basic', 1))?.set).toEqual(promptSet());

    // A new process on the same store: the questions from the store, the answers from the ledger.
    const again = await questionScore().score(await inputs());
    expect(again.map((r) => r.value)).toEqual([2 / 3, 0]);
    expect(server.requests).toHaveLength(7);
    // Questions not found stored (as after a stop between the answer and the store): the ledger answers the generation.
    expect((await questionScore(null).score(await inputs())).map((r) => r.value)).toEqual([2 / 3, 0]);
    expect(server.requests).toHaveLength(7);
  });

  it('keeps a generation whose dependencies loop as the failure of every image of the prompt, and stores nothing', async () => {
    const loop = { questions: [{ ...GENERATED.questions[0]!, parents: [2] }, GENERATED.questions[1]!] };
    server.reply = () => ({ answer: JSON.stringify(loop) });
    const results = await questionScore().score(await inputs());
    expect(results).toEqual(
      Array(2).fill(
        expect.objectContaining({
          value: null,
          category: 'dependency-cycle',
          error: 'generating questions: the dependencies loop: 1 -> 2 -> 1',
        }),
      ),
    );
    expect(server.requests).toHaveLength(1);
    expect(await store.listPromptQuestions({ promptSetId: 'counting-basic' })).toEqual([]);
  });
});

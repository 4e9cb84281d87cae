import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../core/store/index.js';
import { startChatServer, type Ask, type ChatAction, type ChatServer } from '../../helpers/chat-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runInProcess } from './run-in-process.js';

/**
 * `loupe prompts questions` ahead of a run, then `loupe score` with question-score on the same
 * store: the fake judge writes two questions per prompt text (zh questions for the zh template),
 * and answers the first yes and the second no on every image.
 */
const tempDir = useTempDir();
let server: ChatServer;
beforeEach(async () => void (server = await startChatServer()));
afterEach(() => server.close());

const zhAsk = (ask: Ask) => ask.text.startsWith('请按照');
const reply = (ask: Ask): ChatAction => {
  if (!ask.body.response_format) return { answer: /Is there a thing\?|有东西吗/.test(ask.text) ? 'Yes' : 'No' };
  const [q1, q2] = zhAsk(ask) ? ['图中有东西吗？', '东西是蓝色的吗？'] : ['Is there a thing?', 'Is the thing blue?'];
  const questions = [
    { id: 1, category: 'entity', tuple: 'entity - whole (thing)', question: q1, parents: [] },
    { id: 2, category: 'attribute', tuple: 'attribute - color (thing, blue)', question: q2, parents: [1] },
  ];
  return { answer: JSON.stringify({ questions }) };
};

function setup(extra = '', judge = '') {
  const t = tempDir();
  const config = t.write(
    'loupe.config.yaml',
    smallConfig({
      generators: '  - { id: good, type: synthetic, width: 64, height: 64 }',
      prompts: '  - { set: counting, ids: [count-001, count-002] }',
      extra: ['judges:', `  - { id: fake, baseUrl: "${server.baseUrl}", model: fake-vl${judge} }`, 'metrics: [question-score]', extra].join(
        '\n',
      ),
    }),
  );
  return { dir: t.dir, config };
}

describe('loupe prompts questions', () => {
  it('plans the calls that write questions and 8 questions a prompt until they are written, then the written ones', async () => {
    server.reply = reply;
    // Input tokens free, output at $1 per 1K: priced without a published image rule.
    const { config } = setup('', ', priceUsdPer1kInput: 0, priceUsdPer1kOutput: 1');
    const before = await runInProcess(['run', '--plan', '-c', config]);
    expect(before.code, before.stderr).toBe(0);
    // 2 prompts x 2 languages to write (2048 tokens at most each), then 8 questions x 4 images (8 tokens each): 4 x 2.048 + 32 x 0.008.
    expect(before.stdout).toContain(
      "Judge fake (question-score): 36 calls (4 write a prompt's questions), at most $8.45 (input tokens are free",
    );
    expect(server.requests).toHaveLength(0);

    expect((await runInProcess(['prompts', 'questions', '--set', 'counting', '-c', config])).code).toBe(0);
    const after = await runInProcess(['run', '--plan', '-c', config]);
    // Written: 2 questions for each of the 4 images.
    expect(after.stdout).toContain('Judge fake (question-score): 8 calls, at most $0.064');
  });

  it('generates each prompt text once with the template of its language, shows them, and a second call sends nothing', async () => {
    server.reply = reply;
    const { dir, config } = setup();
    const first = await runInProcess(['prompts', 'questions', '--set', 'counting', '-c', config, '--prompt', 'count-001']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('counting v1: questions by judge "fake" (fake-vl, template dsg-questions-1)');
    expect(first.stdout).toContain(
      'count-001 [zh]  2 questions, generated\n  1. 图中有东西吗？  entity - whole (thing)\n  2. 东西是蓝色的吗？  (after 1)',
    );
    expect(first.stdout).toContain('count-001 [en]  2 questions, generated\n  1. Is there a thing?');
    expect(first.stdout).toContain('2 prompt texts: 2 generated now, 0 stored before');
    expect(
      server.billed.map((a) => a.text.match(/“一只橘猫趴在窗台上晒太阳。”|"One orange cat lying on a windowsill in the sun."/)?.[0]),
    ).toEqual(expect.arrayContaining(['“一只橘猫趴在窗台上晒太阳。”', '"One orange cat lying on a windowsill in the sun."']));
    expect(server.billed.filter(zhAsk)).toHaveLength(1);

    const second = await runInProcess(['prompts', 'questions', '--set', 'counting', '-c', config, '--prompt', 'count-001', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(server.requests).toHaveLength(2);
    const shown = JSON.parse(second.stdout) as { prompts: { language: string; source: string; questions: unknown[] }[] };
    expect(shown.prompts.map((p) => [p.language, p.source, p.questions.length])).toEqual([
      ['zh', 'stored', 2],
      ['en', 'stored', 2],
    ]);

    // The run scores count-001 on the stored questions and generates count-002's once per language.
    expect((await runInProcess(['generate', '-c', config, '--quiet'])).code).toBe(0);
    const scored = await runInProcess(['score', '-c', config]);
    expect(scored.code, scored.stderr).toBe(0);
    expect(server.billed.filter((a) => a.body.response_format)).toHaveLength(4);
    const store = await openStore(join(dir, '.loupe/loupe.db'));
    try {
      const scores = await store.listScores({ runId: 'test-run' });
      // q1 yes, q2 (child of q1) no: 1 of 2 on each of the 4 images, by hand.
      expect(scores.map((s) => [s.metricId, s.value])).toEqual(Array(4).fill(['question-score', 0.5]));
      expect(scores[0]!.details.questions).toEqual({ source: 'generated', judge: 'fake', model: 'fake-vl', template: 'dsg-questions-1' });
      expect(
        (await store.listPromptQuestions({ promptSetId: 'counting', promptSetVersion: 1 })).map((q) => `${q.promptId}/${q.language}`),
      ).toEqual(['count-001/en', 'count-001/zh', 'count-002/en', 'count-002/zh']);
      // 2 generations ahead of the run had no generation to be recorded under; the run's 2 and its 8 answers did.
      expect(await store.listLedger({ generatorId: 'judge:fake' })).toHaveLength(10);
    } finally {
      await store.close();
    }

    // The report shows each image's answers to the generated questions beside it.
    expect((await runInProcess(['report', '-c', config])).code).toBe(0);
    const html = readFileSync(join(dir, 'reports/test-run/report.html'), 'utf8');
    expect(html).toContain('question-score: question-score questions generated by fake-vl (dsg-questions-1)');
    expect(html).toContain('✓ 1. Is there a thing? <i>Yes</i>');
    expect(html).toContain('✗ 2. Is the thing blue? <i>No</i>');
  });

  it('names a questionJudge or --judge that is not a judge, and fails with the category of a bad answer', async () => {
    const { config: badConfig } = setup('questionJudge: gpt');
    const bad = await runInProcess(['prompts', 'questions', '--set', 'counting', '-c', badConfig]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/questionJudge.*no judge has the id "gpt" \(judges: fake\)/s);

    const { config } = setup();
    const judge = await runInProcess(['prompts', 'questions', '--set', 'counting', '-c', config, '--judge', 'nope']);
    expect(judge.stderr).toMatch(/no judge "nope" in .*loupe.config.yaml \(judges: fake\)/);

    server.reply = () => ({
      answer: JSON.stringify({ questions: [{ id: 1, category: 'entity', tuple: 't', question: 'What is it?', parents: [] }] }),
    });
    const failed = await runInProcess([
      'prompts',
      'questions',
      '--set',
      'counting',
      '-c',
      config,
      '--prompt',
      'count-001',
      '--language',
      'en',
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('count-001 [en]  failed, not-yes-no: question 1 is not a yes/no question: "What is it?"');
  });
});

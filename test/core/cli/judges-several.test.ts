import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../core/store/index.js';
import { startChatServer, yesNo, type ChatServer } from '../../helpers/chat-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runInProcess } from './run-in-process.js';

/**
 * Two judges in one run, each on its own fake chat server that answers differently: every judge
 * metric has one id per judge, each with its own values, and the report's columns and its
 * agreement with (simulated) raters list both.
 */
const tempDir = useTempDir();
let a: ChatServer;
let b: ChatServer;
beforeEach(async () => {
  [a, b] = await Promise.all([startChatServer(), startChatServer()]);
});
afterEach(() => Promise.all([a.close(), b.close()]));

/** P(yes) by prompt: judge a rises with the text's length, judge b is its mirror, so the two never agree. */
const pA = (text: string) => 0.55 + (text.length % 7) * 0.05;
const pB = (text: string) => 1.45 - pA(text);
const promptOf = (text: string) => /"(.*)"/.exec(text)![1]!;

function workspace(metrics: string) {
  const t = tempDir();
  const judges = ['judges:', `  - { id: a, baseUrl: "${a.baseUrl}", model: vl-a }`, `  - { id: b, baseUrl: "${b.baseUrl}", model: vl-b }`];
  const extra = [...judges, `metrics: ${metrics}`, 'simulatedStudy: { raters: 3, seed: 5 }'].join('\n');
  const cfg = t.write(
    'loupe.config.yaml',
    smallConfig({ prompts: '  - { set: counting, sample: 3 }', extra }).replace('languages: [zh, en]', 'languages: [en]'),
  );
  return { ...t, cfg };
}

describe('several judges in one run', () => {
  it('scores every judge metric once per judge under <metric>@<judge>, each with its own values, and the report lists both', async () => {
    a.reply = (ask) => yesNo(pA(promptOf(ask.text)));
    b.reply = (ask) => yesNo(pB(promptOf(ask.text)));
    const t = workspace('[vqascore]');
    const r = await runInProcess(['run', '-q', '-c', t.cfg]);
    expect(r.code, r.stderr).toBe(0);
    // 3 prompts x 2 generators, each judge asked once per image.
    expect([a.billed.length, b.billed.length]).toEqual([6, 6]);

    const store = await openStore(join(t.dir, '.loupe/loupe.db'));
    try {
      const gens = new Map((await store.listGenerations({ runId: 'test-run' })).map((g) => [g.key, g]));
      const scores = await store.listScores({ runId: 'test-run' });
      expect(new Set(scores.map((s) => s.metricId))).toEqual(new Set(['vqascore@a', 'vqascore@b']));
      for (const s of scores) {
        const text = gens.get(s.generationKey)!.text;
        const p = s.metricId === 'vqascore@a' ? pA(text) : pB(text);
        expect(s.value, `${s.metricId} ${text}`).toBeCloseTo(p, 12);
        expect(s.provenance).toMatchObject({ judge: s.metricId.split('@')[1] });
      }
      expect((await store.listLedger({ generatorId: 'judge:b' })).length).toBe(6);
    } finally {
      await store.close();
    }

    const report = JSON.parse(readFileSync(join(t.dir, 'reports/test-run/report.json'), 'utf8'));
    const described = Object.fromEntries(report.metrics.map((m: { id: string; description: string }) => [m.id, m.description]));
    expect(described['vqascore@a']).toMatch(/^VQAScore: .*; judge a \(vl-a\)$/);
    expect(described['vqascore@b']).toMatch(/; judge b \(vl-b\)$/);
    for (const g of report.generators) expect(Object.keys(g.metrics)).toEqual(['vqascore@a', 'vqascore@b']);
    // The mirror: a generator's mean under b is 1.45 minus its mean under a.
    const good = report.generators.find((g: { id: string }) => g.id === 'good').metrics;
    expect(good['vqascore@b'].mean).toBeCloseTo(1.45 - good['vqascore@a'].mean, 12);
    const agreed = new Set(report.human[0].analysis.agreement.map((x: { metric: string }) => x.metric));
    expect(agreed).toEqual(new Set(['vqascore@a', 'vqascore@b']));
    expect(readFileSync(join(t.dir, 'reports/test-run/scores.csv'), 'utf8').split('\n')[0]).toContain('vqascore@a,vqascore@b');
  }, 300_000);

  it('selects one judge with <metric>@<judge>, and names the judges for an unknown one', async () => {
    const t = workspace('[vqascore@b]');
    const r = await runInProcess(['run', '--plan', '-c', t.cfg]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('Judge '))).toEqual([
      'Judge b (vqascore): 6 calls, at most $0.00 (input tokens are free; answers already in the ledger are not paid again).',
    ]);

    const bad = workspace('[sharpness, vqascore@c]');
    const refused = await runInProcess(['run', '--plan', '-c', bad.cfg]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad.cfg}:13: metrics[1]: unknown judge "c" in metric "vqascore@c"; judges: a, b`);
  });
});

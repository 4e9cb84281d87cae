import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startChatServer, type ChatServer } from '../../helpers/chat-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { startFakeServer, type FakeServer } from '../../models/fake-server.js';
import { runInProcess } from './run-in-process.js';

/**
 * The plan's budget check counts the judges: generation that fits run.budgetUsd alone, plus the
 * judging estimate, is over it, and `loupe run` refuses before any request reaches the generator
 * or the judge (neither server answers anything: a request would fail the run, not pass it).
 */
const tempDir = useTempDir();
let jobs: FakeServer;
let judge: ChatServer;
beforeEach(async () => {
  [jobs, judge] = await Promise.all([startFakeServer(), startChatServer()]);
});
afterEach(() => Promise.all([jobs.close(), judge.close()]));

const config = (budgetUsd: number, generator?: string) =>
  [
    `run: { id: judged-budget, budgetUsd: ${budgetUsd} }`,
    'prompts: [{ set: counting, sample: 3 }]',
    'languages: [en]',
    'generators:',
    `  - ${generator ?? `{ id: rep, type: async-job, preset: replicate, model: acme/flux, baseUrl: "${jobs.url}/v1", apiKeyEnv: HOME, pricePerRequestUsd: 0.03 }`}`,
    'judges:',
    // Azure's preset prices images by OpenAI's tile rule, so the estimate has a price before any answer.
    `  - { id: az, provider: azure-openai, baseUrl: "${judge.baseUrl}", model: gpt-4o, apiKeyEnv: HOME, priceUsdPer1kInput: 0, priceUsdPer1kOutput: 1 }`,
    'metrics: [vqascore, judge-realism]',
  ].join('\n');

describe('run.budgetUsd with judges', () => {
  it('adds the judging estimate to the plan, and `loupe run` refuses a run whose generation and judging pass the budget, sending nothing', async () => {
    // 3 images at $0.03 = $0.09 to make; judging 3 x (1 + 200) output tokens at $1 per 1K = $0.603 at most.
    const t = tempDir();
    const fits = await runInProcess(['run', '--plan', '-c', t.write('loupe.config.yaml', config(0.7))]);
    expect(fits.code, fits.stderr).toBe(0);
    expect(fits.stdout).toContain(
      'Budget $0.70 (run.budgetUsd): spent $0.00 + $0.09 to make + $0.603 judging = $0.693: fits the budget, $0.007 to spare.',
    );

    const cfg = t.write('loupe.config.yaml', config(0.5));
    const refused = await runInProcess(['run', '-q', '-c', cfg]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(
      'Not started: Budget $0.50 (run.budgetUsd): spent $0.00 + $0.09 to make + $0.603 judging = $0.693: over the budget by $0.193.',
    );
    expect(refused.stderr).toMatch(/Nothing was sent\. Raise run\.budgetUsd/);
    expect(jobs.requests).toHaveLength(0);
    expect(judge.requests).toHaveLength(0);
    // Refused before the run is recorded.
    const plan = await runInProcess(['run', '--plan', '-c', cfg]);
    expect(plan.stdout).toMatch(/^Plan of run "judged-budget" \(not started\)/);
  });

  it('leaves out what is already judged: a finished run planned again judges nothing and is not refused under a budget its judging once needed', async () => {
    const t = tempDir();
    // A generator that costs nothing: the judging once estimated at $0.603 is the whole budget question.
    const free = '{ id: syn, type: synthetic, width: 96, height: 96 }';
    const done = await runInProcess(['run', '-q', '-c', t.write('loupe.config.yaml', config(0.7, free))]);
    expect(done.code, done.stderr).toBe(0);
    const asked = judge.requests.length;
    expect(asked).toBe(6);

    // Its judging estimate is now nothing, under a budget of $0.10.
    const cfg = t.write('loupe.config.yaml', config(0.1, free));
    const plan = await runInProcess(['run', '--plan', '-c', cfg]);
    expect(plan.stdout).toContain('Judge az (vqascore, judge-realism): 0 calls (6 more already judged), at most $0.00');
    expect(plan.stdout).toMatch(
      /Budget \$0\.10 \(run\.budgetUsd\): spent \$0\.00 \+ \$0\.00 to make \+ \$0\.00 judging = \$0\.00: fits the budget/,
    );
    const again = await runInProcess(['run', '-q', '-c', cfg]);
    expect(again.code, again.stderr).toBe(0);
    expect(judge.requests).toHaveLength(asked);
  });
});

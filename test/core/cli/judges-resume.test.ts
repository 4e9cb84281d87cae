import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../core/store/index.js';
import { startChatServer, yesNo, type ChatServer } from '../../helpers/chat-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runCli, startCli } from './run-cli.js';

/**
 * Judged scoring through the real CLI: `loupe score` killed (SIGKILL) with two answered judge
 * requests and two on the wire, then resumed; then a second run on the same media. The fake
 * server counts what it billed, per question sent.
 */
const tempDir = useTempDir();
let server: ChatServer;
beforeEach(async () => void (server = await startChatServer()));
afterEach(async () => {
  server.release();
  await server.close();
});

const config = (runId: string) =>
  smallConfig({
    generators: '  - { id: good, type: synthetic, width: 96, height: 96 }',
    prompts: '  - { set: counting, sample: 4 }',
    extra: [
      'judges:',
      `  - { id: fake, baseUrl: "${server.baseUrl}", model: fake-vl, concurrency: 2, priceUsdPer1kInput: 0.01 }`,
      'metrics: [vqascore]',
    ].join('\n'),
  })
    .replace('id: test-run', `id: ${runId}`)
    .replace('languages: [zh, en]', 'languages: [en]');

const billedPerQuestion = () => {
  const n = new Map<string, number>();
  for (const b of server.billed) n.set(b.text, (n.get(b.text) ?? 0) + 1);
  return [...n.values()];
};

describe('judged scoring, killed and resumed', () => {
  it('pays once for every answered request, records the ones on the wire as unknown, and a second run pays nothing', async () => {
    const t = tempDir();
    t.write('loupe.config.yaml', config('judged'));
    expect((await runCli(['generate', '--quiet'], t.dir)).code).toBe(0);

    server.reply = (_ask, n) => (n < 2 ? yesNo(0.9) : { hold: true });
    const killed = startCli(['score'], t.dir);
    await server.held(2);
    killed.child.kill('SIGKILL');
    expect((await killed.done).signal).toBe('SIGKILL');

    server.reply = () => yesNo(0.9);
    const resumed = await runCli(['score'], t.dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    // 2 answered + 2 held at the kill + the 2 held ones sent again; each question answered (billed) once.
    expect(server.requests).toHaveLength(6);
    expect(billedPerQuestion()).toEqual([1, 1, 1, 1]);

    const store = await openStore(join(t.dir, '.loupe/loupe.db'));
    try {
      const ledger = await store.listLedger({ runId: 'judged', generatorId: 'judge:fake' });
      expect(ledger.map((e) => e.phase).sort()).toEqual(['stored', 'stored', 'stored', 'stored', 'unknown', 'unknown']);
      expect(ledger.find((e) => e.phase === 'unknown')!.message).toMatch(/sent without an answer/);
      // 150 input tokens (the server's usage for one image) at $0.01 per 1K.
      expect(ledger.filter((e) => e.phase === 'stored').map((e) => e.priceUsd)).toEqual([0.0015, 0.0015, 0.0015, 0.0015]);
      const scores = await store.listScores({ runId: 'judged' });
      expect(scores.map((s) => s.value)).toEqual([0.9, 0.9, 0.9, 0.9].map((v) => expect.closeTo(v, 12)));
      expect(JSON.stringify(ledger)).not.toContain('Bearer');
    } finally {
      await store.close();
    }

    // The same prompts, seeds and synthetic media in another run: every answer comes from the ledger.
    t.write('loupe.config.yaml', config('judged-again'));
    expect((await runCli(['generate', '--quiet'], t.dir)).code).toBe(0);
    const again = await runCli(['score'], t.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(server.requests).toHaveLength(6);
  });
});

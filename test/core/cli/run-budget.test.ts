import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { sendBytes, sendJson, startFakeServer, tinyPng, type FakeServer } from '../../models/fake-server.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDir();
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A Replicate-like service whose jobs all succeed; its creates are what it bills. */
async function jobs(): Promise<FakeServer> {
  const s = await startFakeServer();
  const png = await tinyPng();
  let n = 0;
  s.on('POST', '/v1/models/acme/flux/predictions', (_r, res) => sendJson(res, 201, { id: `j${n++}`, status: 'starting' }));
  s.on('GET', /^\/v1\/predictions\/j\d+$/, (_r, res) => sendJson(res, 200, { status: 'succeeded', output: [`${s.url}/out.png`] }));
  s.on('GET', '/out.png', (_r, res) => sendBytes(res, png, 'image/png'));
  return s;
}

const config = (url: string, budgetUsd: number) =>
  [
    `run: { id: budget, budgetUsd: ${budgetUsd} }`,
    'prompts: [{ set: counting, sample: 7 }]',
    'languages: [en]',
    'generators:',
    `  - { id: rep, type: async-job, preset: replicate, model: acme/flux, baseUrl: "${url}/v1", apiKeyEnv: HOME, pollIntervalMs: 5, pricePerRequestUsd: 0.03 }`,
    'scheduler: { concurrency: 2 }',
  ].join('\n');

describe('run.budgetUsd', () => {
  it('stops starting paid requests at the budget, exits 4 with a summary, and goes on when the budget is raised', async () => {
    const s = await jobs();
    servers.push(s);
    const t = tempDir();
    t.write('loupe.config.yaml', config(s.url, 0.1));
    const first = await runCli(['generate', '--quiet'], t.dir);
    expect(first.code, first.stderr).toBe(4);
    // $0.03 each: three fit in $0.10, the fourth would pass it.
    expect(first.stderr).toMatch(
      /Budget reached: \$0\.09 of run\.budgetUsd \$0\.10 is spent or on its way, and a rep request costs \$0\.03/,
    );
    const creates = () => s.requests.filter((r) => r.method === 'POST').length;
    expect(creates()).toBe(3);

    t.write('loupe.config.yaml', config(s.url, 1));
    const second = await runCli(['generate', '--quiet'], t.dir);
    expect(second.code, second.stderr).toBe(0);
    expect(creates()).toBe(7);
  });
});

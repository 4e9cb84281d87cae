import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { startBillingService, type BillingService, type Faults } from '../run/kill/billing-service.js';
import { runCli } from './run-cli.js';

/**
 * The scenarios through the real CLI, against a local service that bills OpenAI-style
 * requests when taken in and Replicate-style jobs when they complete: what it billed, per key,
 * after a run and its resume. Planned: 4 prompts x 2 generators, each billed once.
 */
const tempDir = useTempDir();
const services: BillingService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});

async function runTwice(faults: Faults, settings: { oa?: string; rep?: string; scheduler?: string }) {
  const service = await startBillingService(faults);
  services.push(service);
  const t = tempDir();
  t.write(
    'loupe.config.yaml',
    [
      'run: { id: pay-once }',
      'prompts: [{ set: counting, sample: 4 }]',
      'languages: [en]',
      'generators:',
      `  - { id: oa, type: openai-images, model: m, baseUrl: "${service.url}/v1", apiKeyEnv: HOME, responseFormat: url${settings.oa ?? ''} }`,
      `  - { id: rep, type: async-job, preset: replicate, model: acme/flux, baseUrl: "${service.url}/v1", apiKeyEnv: HOME, pollIntervalMs: 20${settings.rep ?? ''} }`,
      `scheduler: { concurrency: 2, baseDelayMs: 5, maxDelayMs: 10${settings.scheduler ?? ''} }`,
    ].join('\n'),
  );
  const first = await runCli(['generate', '--quiet'], t.dir);
  const second = await runCli(['generate', '--quiet'], t.dir);
  const billed = (protocol: string) => [...service.billed].filter(([k]) => k.startsWith(protocol)).map(([, n]) => n);
  return { first, second, openai: billed('openai:'), replicate: billed('replicate:') };
}

describe('paid once, through the CLI and a resume', () => {
  it('scenario 2: a job whose downloads keep failing is downloaded again on resume, not paid again', async () => {
    const r = await runTwice({ downloadFailures: 3 }, { rep: ', maxPollErrors: 1', oa: ', maxDownloadErrors: 1' });
    // The first run gives up on the downloads (exit 3), the resume downloads the same results.
    expect(r.first.code, r.first.stderr).toBe(3);
    expect(r.second.code, r.second.stderr).toBe(0);
    expect(r.replicate).toEqual([1, 1, 1, 1]);
  });

  it('scenario 4: jobs that outlast the scheduler timeout finish and are paid once', async () => {
    const r = await runTwice({ jobMs: 1_000 }, { scheduler: ', timeoutMs: 200, maxAttempts: 3' });
    expect(r.first.code, r.first.stderr).toBe(0);
    expect(r.replicate).toEqual([1, 1, 1, 1]);
  });

  it('scenario 6: an OpenAI URL whose download keeps failing is downloaded again on resume, while it is valid', async () => {
    const r = await runTwice({ downloadFailures: 3 }, { oa: ', maxDownloadErrors: 1', rep: ', maxPollErrors: 1' });
    expect(r.first.code, r.first.stderr).toBe(3);
    expect(r.second.code, r.second.stderr).toBe(0);
    expect(r.openai).toEqual([1, 1, 1, 1]);
  });
});

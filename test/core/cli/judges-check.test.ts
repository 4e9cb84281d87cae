import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startChatServer, yesNo, type ChatServer } from '../../helpers/chat-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDir();
let server: ChatServer;
beforeEach(async () => void (server = await startChatServer()));
afterEach(() => server.close());

function workspace(judges: string[]) {
  const t = tempDir();
  t.write('loupe.config.yaml', smallConfig({ extra: ['judges:', ...judges.map((j) => `  - ${j}`)].join('\n') }));
  return t;
}

describe('loupe judges check', () => {
  it('says in one line per judge whether it is reachable, sees the image and gives log probabilities', async () => {
    server.reply = (ask) => (ask.body.logprobs ? yesNo(0.95) : { answer: 'No', tokens: null });
    // A closed port: the chat server's own, once closed, is one nothing listens on.
    const closed = await startChatServer();
    await closed.close();
    const t = workspace([
      `{ id: local, baseUrl: "${server.baseUrl}", model: qwen-vl }`,
      `{ id: blind, baseUrl: "${server.baseUrl}", model: text-only, topLogprobs: 0 }`,
      `{ id: gone, baseUrl: "${closed.baseUrl}", model: m, maxAttempts: 1 }`,
      `{ id: keyless, provider: openai, model: gpt-4o, apiKeyEnv: LOUPE_TEST_NO_SUCH_KEY }`,
    ]);
    const r = await runCli(['judges', 'check'], t.dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('local: reachable (fake-vl-2026-01), image understanding: yes, log probabilities: yes (2 alternatives)');
    expect(lines[1]).toMatch(/^blind: reachable .*image understanding: no \(answered "No" to a red square\)/);
    expect(lines[2]).toMatch(/^gone: not reachable at 127\.0\.0\.1:\d+\/v1\/chat\/completions: \[network\]/);
    expect(lines[3]).toBe('keyless: judge "keyless": the environment variable LOUPE_TEST_NO_SUCH_KEY (judges[3].apiKeyEnv) is not set');
    expect(server.billed[0]!.images).toEqual([{ width: 64, height: 64, format: 'png' }]);
  });
});

describe('loupe metrics vqascore', () => {
  it('scores a file against a text with a configured judge, and names an unknown judge', async () => {
    server.reply = () => yesNo(0.75);
    const t = workspace([`{ id: local, baseUrl: "${server.baseUrl}", model: qwen-vl }`]);
    const image = `${t.dir}/cat.png`;
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#808080' } })
      .png()
      .toFile(image);
    const r = await runCli(['metrics', 'vqascore', '--judge', 'local', '--image', image, '--text', '一只猫'], t.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`${image}: vqascore 0.7500 (answered by fake-vl-2026-01)`);
    expect(server.billed[0]!.text).toBe('这张图是否展示了“一只猫”？请回答是或否。');
    const bad = await runCli(['metrics', 'vqascore', '--judge', 'nope', '--image', image, '--text', 'a cat'], t.dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/no judge "nope" in .*loupe\.config\.yaml \(judges: local\)/);
  });
});

describe('loupe run --plan with a judge', () => {
  const plan = async (judge: string) => {
    const t = tempDir();
    const config = smallConfig({
      generators: '  - { id: good, type: synthetic, width: 96, height: 96 }',
      prompts: '  - { set: counting, sample: 3 }',
      extra: `judges:\n  - ${judge}\nmetrics: [vqascore, judge-realism]`,
    }).replace('languages: [zh, en]', 'languages: [en]');
    t.write('loupe.config.yaml', config);
    const r = await runCli(['run', '--plan'], t.dir);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.split('\n').find((l) => l.startsWith('Judge '));
  };

  it('counts the calls and prices them at the judge prices; without a published image rule it says the price is unknown', async () => {
    // 3 planned images x (vqascore + judge-realism); input free, output $1 per 1K: 3 x 1 + 3 x 200 output tokens at most.
    expect(await plan('{ id: gpt, provider: openai, model: gpt-4o, priceUsdPer1kInput: 0, priceUsdPer1kOutput: 1 }')).toBe(
      "Judge gpt (vqascore, judge-realism): 6 calls, at most $0.603 (images at 768 px by OpenAI's tile rule; answers already in the ledger are not paid again).",
    );
    expect(await plan('{ id: qwen, provider: vllm, model: qwen-vl, priceUsdPer1kInput: 1 }')).toMatch(
      /^Judge qwen \(vqascore, judge-realism\): 6 calls, price unknown \(not priced until the first answers/,
    );
  });
});

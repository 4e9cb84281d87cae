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

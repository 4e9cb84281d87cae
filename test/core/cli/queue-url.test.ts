import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/free-port.js';
import { smallConfig } from './config-fixtures.js';
import { runInProcess } from './run-in-process.js';

describe('--queue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-queue-url-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a URL that is not redis:// as a usage error that names the option', async () => {
    for (const args of [
      ['worker', '--queue', 'http://127.0.0.1:6379'],
      ['run', '--queue', 'localhost'],
      ['status', '--queue', 'redis//x'],
    ]) {
      const result = await runInProcess(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/option '--queue <url>' argument .* is invalid.*write redis:\/\/host:port/);
    }
  });

  it('stops with the URL and the reason when Redis does not answer, instead of waiting for it', async () => {
    const config = join(dir, 'loupe.config.yaml');
    writeFileSync(config, smallConfig({ extra: `store: { sqlite: ${join(dir, 'loupe.db')} }\nmedia: { folder: ${join(dir, 'media')} }` }));
    const url = `redis://:secret@127.0.0.1:${await freePort()}`;
    for (const command of ['worker', 'run', 'status']) {
      const result = await runInProcess([command, '--config', config, '--queue', url]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/?: .*ECONNREFUSED/);
      expect(result.stderr).not.toContain('secret');
    }
  });
});

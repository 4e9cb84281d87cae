import { describe, expect, it } from 'vitest';
import { runInProcess } from './run-in-process.js';

describe('--queue', () => {
  it('refuses a URL that is not redis:// as a usage error that names the option', async () => {
    for (const args of [['worker', '--queue', 'http://127.0.0.1:6379'], ['run', '--queue', 'localhost'], ['status', '--queue', 'redis//x']]) {
      const result = await runInProcess(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/option '--queue <url>' argument .* is invalid.*write redis:\/\/host:port/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { runInProcess } from './run-in-process.js';

describe('loupe rate options', () => {
  it.each(['lots', '-1', '2.5', ''])('refuses a media cache size of "%s", naming the option', async (size) => {
    const r = await runInProcess(['rate', '--media-cache', size, '--config', '/nonexistent/loupe.config.yaml']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `option '--media-cache <MiB>' argument '${size}' is invalid. expected a whole number of MiB >= 0, got "${size}"`,
    );
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder per call, removed after the test. */
export function useTempDir(): () => { dir: string; write(name: string, text: string): string } {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-test-'));
    made.push(dir);
    return {
      dir,
      write(name, text) {
        const path = join(dir, name);
        writeFileSync(path, text);
        return path;
      },
    };
  };
}

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const BIN = fileURLToPath(new URL('../../bin/', import.meta.url));
const BUILT_MS = Date.parse('2026-01-01T00:00:00Z');

/** A layout with bin/, a build stamp and the given files, each with its modification time. */
async function layout(files: Record<string, number>, stamp = true) {
  const t = tempDir();
  mkdirSync(join(t.dir, 'bin'));
  copyFileSync(join(BIN, 'compiled-entry.js'), join(t.dir, 'bin', 'compiled-entry.js'));
  mkdirSync(join(t.dir, 'dist'));
  if (stamp)
    writeFileSync(
      join(t.dir, 'dist', 'build-stamp.json'),
      JSON.stringify({ startedMs: BUILT_MS, sources: ['core', 'metrics'], notSources: ['first-screen.png'] }),
    );
  for (const [file, ms] of Object.entries(files)) {
    mkdirSync(join(t.dir, file, '..'), { recursive: true });
    writeFileSync(join(t.dir, file), '');
    utimesSync(join(t.dir, file), ms / 1000, ms / 1000);
  }
  const { compiledEntry } = (await import(pathToFileURL(join(t.dir, 'bin', 'compiled-entry.js')).href)) as {
    compiledEntry: (argv: string[]) => string | null;
  };
  const compiled = pathToFileURL(join(t.dir, 'dist', 'core', 'cli', 'main.js')).href;
  return { entry: (...args: string[]) => compiledEntry(['node', 'loupe', ...args]), compiled };
}

describe('which code bin/loupe.js runs', () => {
  it('the build while every source is older than it, the sources once one is newer', async () => {
    const fresh = await layout({ 'core/cli/main.ts': BUILT_MS - 1000, 'metrics/video/probe.ts': BUILT_MS - 1000 });
    expect(fresh.entry('run')).toBe(fresh.compiled);
    const edited = await layout({ 'core/cli/main.ts': BUILT_MS - 1000, 'metrics/video/probe.ts': BUILT_MS + 1000 });
    expect(edited.entry('run')).toBeNull();
    // --help and --version load only the CLI room: an edit elsewhere does not hold them back.
    expect(edited.entry('--help')).toBe(edited.compiled);
    // tsc's build info, written by `npm run typecheck` after the build, is not a source.
    const checked = await layout({ 'core/cli/main.ts': BUILT_MS - 1000, 'metrics/web/tsconfig.tsbuildinfo': BUILT_MS + 1000 });
    expect(checked.entry('run')).toBe(checked.compiled);
    // Nor is a file the build names as not a source (the README's picture, retaken after a build).
    const pictured = await layout({ 'core/cli/main.ts': BUILT_MS - 1000, 'core/report/verdict/first-screen.png': BUILT_MS + 1000 });
    expect(pictured.entry('run')).toBe(pictured.compiled);
    const cliEdited = await layout({ 'core/cli/command-table.ts': BUILT_MS + 1000 });
    expect(cliEdited.entry('--version')).toBeNull();
  });

  it('the sources when no build finished, and the build in an installed package, which has no sources', async () => {
    expect((await layout({ 'core/cli/main.ts': BUILT_MS - 1000 }, false)).entry('run')).toBeNull();
    const installed = await layout({});
    expect(installed.entry('run')).toBe(installed.compiled);
  });

  it('says what to do, with no stack, when the sources must run and tsx is not installed', () => {
    const t = tempDir();
    mkdirSync(join(t.dir, 'bin'));
    for (const f of ['loupe.js', 'compiled-entry.js']) copyFileSync(join(BIN, f), join(t.dir, 'bin', f));
    t.write('package.json', JSON.stringify({ type: 'module' }));
    const run = spawnSync(process.execPath, [join(t.dir, 'bin', 'loupe.js'), 'run'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'loupe: dist/ is missing or older than the sources, and tsx (a development dependency) is not installed: ' +
        'run `npm install` and `npm run build` in the Loupe folder.',
    );
  });
});

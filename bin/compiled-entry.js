// Which code bin/loupe.js runs: the compiled dist/ when it is complete and not older than its
// sources, else the TypeScript sources through tsx (a clone before `npm run build`, or after an
// edit). So a stale build never runs: an edit since the build sends the run to the sources.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What `loupe --help` and `--version` load: the CLI room (main, the command table) and the version reader. */
const START_SOURCES = ['core/cli', 'core/types/package-version.ts'];

/**
 * The newest modification time of the sources under `path`; 0 where it is missing (an installed
 * package has no sources). tsc's `*.tsbuildinfo` is left out (`npm run typecheck` writes it after
 * the build), and so are the files the build names as not sources (the README's picture).
 */
function newestMtime(path, notSources) {
  const name = path.split('/').pop();
  if (!existsSync(path) || name.endsWith('.tsbuildinfo') || notSources.has(name)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry), notSources)));
}

/**
 * The URL of the compiled CLI's main module, or null when the sources must run. dist/build-stamp.json
 * is written last by `npm run build` and names the build's start and its source folders; when `argv`
 * is options alone (`--help`, `--version`), only what that start loads is compared, so that it stays fast.
 */
export function compiledEntry(argv) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(ROOT, 'dist', 'build-stamp.json'), 'utf8'));
  } catch {
    return null;
  }
  const optionsOnly = argv.slice(2).every((a) => a.startsWith('-'));
  const sources = optionsOnly ? START_SOURCES : stamp.sources;
  const notSources = new Set(stamp.notSources ?? []);
  if (sources.some((s) => newestMtime(join(ROOT, s), notSources) > stamp.startedMs)) return null;
  return new URL('../dist/core/cli/main.js', import.meta.url).href;
}

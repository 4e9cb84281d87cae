// `npm run build [out]`: the compiled JavaScript that bin/loupe.js runs, in dist/ with the source tree's
// layout. esbuild strips the types file by file (tsc --noEmit, run by `npm test`, does the
// checking, so a second full tsc pass would only repeat it); no bundling, because every module
// finds its data beside itself through import.meta.url (prompt sets, workers, the rater UI
// bundle), and the CLI's dynamic imports keep start-up lazy without a bundler's chunks.
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeBuiltinSummaries } from '../prompts/index.js';
import { ensureBundle } from '../rater-ui/server/build-ui.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** dist/ beside the sources; another folder for a package staged elsewhere (the tarball test). */
const OUT = resolve(process.argv[2] ?? join(ROOT, 'dist'));
/** The folders compiled into dist/; everything in them that is not TypeScript is data and is copied. */
const ROOMS = ['core', 'models', 'metrics', 'prompts', 'rater-ui/server', 'rater-ui/shared'];
/** What the build reads: bin/loupe.js runs dist/ only while none of these is newer than the build. */
const SOURCES = [...ROOMS, 'rater-ui/web'];
/** Files of the rooms that are neither code nor run-time data (the README's picture of the verdict): not copied, and no reason to run the sources when newer. */
const NOT_SHIPPED = new Set(['tsconfig.json', 'tsconfig.tsbuildinfo', 'first-screen.png']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const startedMs = Date.now();
rmSync(OUT, { recursive: true, force: true });
const files = ROOMS.flatMap((room) => filesUnder(join(ROOT, room)));
const code = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
await build({
  entryPoints: code,
  outdir: OUT,
  outbase: ROOT,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  tsconfig: join(ROOT, 'tsconfig.json'),
  logLevel: 'warning',
});
const data = files.filter((f) => !f.endsWith('.ts') && !NOT_SHIPPED.has(f.split('/').pop()!));
for (const file of data) {
  const to = join(OUT, relative(ROOT, file));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(file, to);
}
// Every built-in prompt set validated once, here: `loupe prompts list` reads their summaries while the data keeps this hash.
const sets = writeBuiltinSummaries(join(OUT, 'prompts', 'builtin-summaries.json'));
// The browser client of the rating UI, bundled where the compiled server looks for it.
const ui = await ensureBundle();
mkdirSync(join(OUT, 'rater-ui', 'dist'), { recursive: true });
copyFileSync(join(ui.dir, 'app.js'), join(OUT, 'rater-ui', 'dist', 'app.js'));

// Written last, through a rename: a build stopped half-way leaves no stamp, and bin/loupe.js runs the sources.
const stamp = join(OUT, 'build-stamp.json');
writeFileSync(`${stamp}.tmp`, JSON.stringify({ startedMs, sources: SOURCES, notSources: [...NOT_SHIPPED] }, null, 2) + '\n');
renameSync(`${stamp}.tmp`, stamp);
console.log(
  `loupe build: ${code.length} modules, ${data.length} data files and ${sets} prompt set summaries into ${relative(process.cwd(), OUT) || '.'}/`,
);

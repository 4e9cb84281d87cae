import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RATER_UI = fileURLToPath(new URL('..', import.meta.url));
/** The bundle's folder (git-ignored): built on the server's first start, or by `npm run build:ui`. */
export const ASSETS_DIR = join(RATER_UI, 'dist');
/** What the bundle is built from: the client, the shared schemas, and the core/types files they bridge to. */
const SOURCES = [
  join(RATER_UI, 'web'),
  join(RATER_UI, 'shared'),
  ...['dimensions.ts', 'rating-scale.ts', 'study-request.ts'].map((f) => join(RATER_UI, '..', 'core', 'types', f)),
];

function newestSource(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

function bundleTime(): number | null {
  try {
    return statSync(join(ASSETS_DIR, 'app.js')).mtimeMs;
  } catch {
    return null;
  }
}

/** Bundles the Lit client with esbuild when the bundle is missing or older than its sources. */
export async function ensureBundle(force = false): Promise<{ built: boolean; dir: string }> {
  const built = bundleTime();
  // An installed package (npm run build's dist/) ships the bundle without the client's sources: nothing to rebuild from.
  const shipped = !existsSync(join(RATER_UI, 'web'));
  if (!force && built !== null && (shipped || built >= Math.max(...SOURCES.map(newestSource)))) return { built: false, dir: ASSETS_DIR };
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [join(RATER_UI, 'web', 'main.ts')],
    outfile: join(ASSETS_DIR, 'app.js'),
    write: false,
    bundle: true,
    format: 'esm',
    // Lit's legacy decorators need the tsconfig flags (experimentalDecorators, useDefineForClassFields: false).
    tsconfig: join(RATER_UI, 'web', 'tsconfig.json'),
    target: 'es2022',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Written aside, then renamed: another server starting at the same time never serves half a file.
  await mkdir(ASSETS_DIR, { recursive: true });
  const partial = join(ASSETS_DIR, `app.js.${process.pid}.tmp`);
  await writeFile(partial, out.outputFiles[0]!.contents);
  await rename(partial, join(ASSETS_DIR, 'app.js'));
  return { built: true, dir: ASSETS_DIR };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { dir } = await ensureBundle(true);
  console.log(`rater UI bundled into ${dir}`);
}

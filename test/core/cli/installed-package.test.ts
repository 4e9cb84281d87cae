import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const root = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

/** What the rating server does at its start: find the browser bundle, or build it when its sources are newer. */
const UI_CHECK = `const m = await import('./node_modules/loupe/dist/rater-ui/server/build-ui.js'); console.log(JSON.stringify(await m.ensureBundle()));`;

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} in ${cwd} exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/**
 * What `npm pack` gives, installed into an empty folder as a user would, then `loupe init --yes`
 * and `loupe run` there. The package is built into a staging copy (not this clone's dist/, which
 * other tests run meanwhile). This machine's npm cache holds no registry metadata, so the install
 * is offline and finds loupe's dependencies as links to this clone's node_modules (--ignore-scripts:
 * npm runs a linked folder's `prepare`): it proves the tarball's own files are enough to run (the
 * compiled code, the prompt sets, the rater UI bundle, the schema), not that the registry resolves
 * the dependency ranges.
 */
describe('the npm package', () => {
  it('installs from its tarball into an empty folder, where loupe init --yes and loupe run write a report', () => {
    const t = tempDir();
    const stage = join(t.dir, 'stage');
    mkdirSync(stage);
    for (const f of ['package.json', 'README.md', 'loupe.config.schema.json']) copyFileSync(join(root, f), join(stage, f));
    cpSync(join(root, 'bin'), join(stage, 'bin'), { recursive: true });
    sh(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/build.ts'), join(stage, 'dist')], root);
    sh('npm', ['pack', '--ignore-scripts', '--pack-destination', t.dir], stage);
    const tarball = join(t.dir, `loupe-${pkg.version}.tgz`);
    const listing = sh('tar', ['tzf', tarball], t.dir).stdout.split('\n');
    for (const f of [
      'package/bin/loupe.js',
      'package/dist/core/cli/main.js',
      'package/dist/rater-ui/dist/app.js',
      'package/loupe.config.schema.json',
    ])
      expect(listing).toContain(f);
    expect(listing).toContain('package/dist/prompts/sets/counting.yaml');
    expect(listing).toContain('package/dist/prompts/builtin-summaries.json');
    expect(listing.filter((f) => /^package\/dist\/prompts\/public\/[^/]+\/LICENSE$/.test(f)).length).toBe(
      readdirSync(join(root, 'prompts/public')).length,
    );
    expect(listing.some((f) => f.endsWith('.ts'))).toBe(false);

    const app = join(t.dir, 'app');
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    writeFileSync(join(app, 'package.json'), '{ "name": "an-evaluation", "private": true }\n');
    for (const dep of Object.keys(pkg.dependencies)) {
      mkdirSync(join(app, 'node_modules', dep, '..'), { recursive: true });
      symlinkSync(join(root, 'node_modules', dep), join(app, 'node_modules', dep));
    }
    const offline = { ONNXRUNTIME_NODE_INSTALL: 'skip', npm_config_audit: 'false', npm_config_fund: 'false' };
    sh('npm', ['install', '--offline', '--no-save', '--ignore-scripts', tarball], app, offline);
    expect(existsSync(join(app, 'node_modules/loupe/dist/core/cli/main.js'))).toBe(true);

    // The rating UI serves the bundle that ships (esbuild, a development tool, is not installed here).
    const ui = sh(process.execPath, ['--input-type=module', '-e', UI_CHECK], app);
    expect(JSON.parse(ui.stdout)).toEqual({ built: false, dir: join(app, 'node_modules/loupe/dist/rater-ui/dist') });

    const init = sh('npx', ['--offline', 'loupe', 'init', '--yes'], app, { LOUPE_DEBUG: '1' });
    // The installed package runs its compiled code, never the sources through tsx.
    expect(init.stderr).toContain(`running file://${join(app, 'node_modules/loupe/dist/core/cli/main.js')}`);
    expect(readFileSync(join(app, 'loupe.config.yaml'), 'utf8')).toContain('type: synthetic');
    const run = sh('npx', ['--offline', 'loupe', 'run', '--quiet'], app);
    expect(run.stdout.trim()).toBe(join(app, 'reports/first-evaluation/report.html'));
    const report = JSON.parse(readFileSync(join(app, 'reports/first-evaluation/report.json'), 'utf8'));
    expect(report.generators.map((g: { id: string }) => g.id).sort()).toEqual(['synth-careful', 'synth-sloppy']);
  });
});

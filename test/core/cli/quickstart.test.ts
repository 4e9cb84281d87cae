import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDir();
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the quickstart (npm run quickstart)', () => {
  it('runs the README main job on the shipped config and prints the report path', async () => {
    const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.quickstart as string;
    // The script runs the default config file, which is the shipped loupe.config.yaml.
    expect(script).toMatch(/node bin\/loupe\.js run$/);
    const t = tempDir();
    copyFileSync(join(root, 'loupe.config.yaml'), join(t.dir, 'loupe.config.yaml'));
    const r = await runCli(['run', '--quiet'], t.dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(join(t.dir, 'reports/quickstart/report.html'));
    const data = JSON.parse(readFileSync(join(t.dir, 'reports/quickstart/report.json'), 'utf8'));
    expect(data.anySynthetic).toBe(true);
    expect(data.generators).toHaveLength(3);
    const sharp = Object.fromEntries(
      data.generators.map((g: { id: string; metrics: Record<string, { mean: number }> }) => [g.id, g.metrics.sharpness!.mean]),
    );
    // The knobs imply the order: blur makes synth-sloppy the least sharp.
    expect(sharp['synth-careful']).toBeGreaterThan(sharp['synth-sloppy']);
    // Video knobs: synth-sloppy's clips flicker, synth-noisy's freeze; synth-careful's move most.
    const video = (metric: string, id: string) => data.generators.find((g: { id: string }) => g.id === id).metrics[metric].mean as number;
    expect(video('flicker', 'synth-careful')).toBeGreaterThan(video('flicker', 'synth-sloppy'));
    expect(video('video-checks', 'synth-careful')).toBeGreaterThan(video('video-checks', 'synth-noisy'));
    expect(video('motion', 'synth-careful')).toBeGreaterThan(video('motion', 'synth-sloppy'));
    const html = readFileSync(join(t.dir, 'reports/quickstart/report.html'), 'utf8');
    expect(html).toContain('<h2>Video</h2>');

    // The simulated study: labelled, the careless rater screened out, rankings with rank ranges.
    expect(r.stderr).toContain('SIMULATED RATERS: study "simulated-raters"');
    expect(html).toContain('<span class="badge">SIMULATED RATERS</span>');
    const [human] = data.human;
    expect(human.study.source).toBe('simulated');
    expect(human.analysis.screenedOut).toEqual(['rater-random']);
    expect(human.analysis.dimensions.map((d: { dimension: string }) => d.dimension)).toHaveLength(4);
    // Laplacian sharpness rewards noise: synth-noisy is the "sharpest" by far, while the raters, who see the
    // noise, find it the least realistic. Nothing tells the analysis so; it flags sharpness from the numbers.
    expect(sharp['synth-noisy']).toBeGreaterThan(10 * sharp['synth-careful']);
    const realism = human.analysis.dimensions.find((d: { dimension: string }) => d.dimension === 'realism');
    expect(realism.ranking.at(-1).id).toBe('synth-noisy');
    const sharpRealism = human.analysis.agreement.find(
      (a: { metric: string; dimension: string }) => a.metric === 'sharpness' && a.dimension === 'realism',
    );
    expect(sharpRealism.flagged).toBe(true);
    // The whole quickstart in one test: 216 generations, scoring, a 5,232-rating study and its analysis (no timing asserted).
  }, 900_000);
});

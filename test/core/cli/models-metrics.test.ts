import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { pullModel } from '../../../metrics/runtime/weights-download.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { IMAGES, REFERENCE, TINY_CHINESE_CLIP, TINY_CLIP } from '../../metrics/fixture-paths.js';
import { startHubServer } from '../../metrics/runtime/hub-server.js';
import { smallConfig } from './config-fixtures.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDir();
const saved = { LOUPE_CACHE: process.env.LOUPE_CACHE, HF_ENDPOINT: process.env.HF_ENDPOINT };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** A cache folder holding the tiny fixtures under the registry's default CLIP ids. */
async function cacheWithTinyClip(): Promise<string> {
  const cache = tempDir().dir;
  await pullModel('Xenova/clip-vit-base-patch32', { env: { LOUPE_CACHE: cache }, from: TINY_CLIP });
  await pullModel('Xenova/chinese-clip-vit-base-patch16', { env: { LOUPE_CACHE: cache }, from: TINY_CHINESE_CLIP });
  return cache;
}

describe('loupe metrics clip-score', () => {
  it('prints the documented JSON, with the reference token ids and cosines', async () => {
    const ref = REFERENCE['tiny-clip'];
    const images = ['gradient_640x480.png', 'tiny_16x16.png'];
    const texts = [ref.prompts[0]!, ref.prompts[2]!, ref.prompts.at(-1)!];
    const r = await runCli(
      [
        'metrics',
        'clip-score',
        '--model',
        TINY_CLIP,
        '--image',
        ...images.map((i) => join(IMAGES, i)),
        '--text',
        ...texts.map((t) => t.text),
        '--json',
      ],
      tempDir().dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['model', 'images', 'texts', 'cos', 'clipScore']);
    expect(out.model).toBe(TINY_CLIP);
    expect(out.images).toEqual(images.map((i) => join(IMAGES, i)));
    expect(out.texts).toEqual(texts.map((t) => ({ text: t.text, inputIds: t.input_ids })));
    texts.forEach((t, i) => images.forEach((img, j) => expect(Math.abs(out.cos[i][j] - t.cos[img]!)).toBeLessThan(0.002)));
    expect(out.clipScore[0][0]).toBeCloseTo(texts[0]!.clipscore_torchmetrics[images[0]!]!, 0);
    // The second text is Chinese and tiny-clip reads English only: no score.
    expect(out.clipScore[1]).toEqual([null, null]);
  });

  it('names the model, the missing file and the command when a hub id is not in the cache', async () => {
    process.env.LOUPE_CACHE = tempDir().dir;
    const r = await runCli(
      [
        'metrics',
        'clip-score',
        '--model',
        'Xenova/chinese-clip-vit-base-patch16',
        '--image',
        join(IMAGES, 'rgba_256.png'),
        '--text',
        '熊猫',
      ],
      tempDir().dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /model "Xenova\/chinese-clip-vit-base-patch16" is not available: .*config\.json is missing; fetch it with `loupe models pull Xenova\/chinese-clip-vit-base-patch16`/,
    );
  });
});

describe('loupe models', () => {
  it('pulls from HF_ENDPOINT, lists the registry with cache state, and verifies what is present', async () => {
    const server = await startHubServer({ repos: { 'Xenova/clip-vit-base-patch32': TINY_CLIP } });
    process.env.LOUPE_CACHE = tempDir().dir;
    process.env.HF_ENDPOINT = server.endpoint;
    const pull = await runCli(['models', 'pull', 'Xenova/clip-vit-base-patch32'], tempDir().dir).finally(() => server.close());
    expect(pull.code).toBe(0);
    expect(pull.stderr).toMatch(/onnx\/vision_model\.onnx done/);
    expect(pull.stderr).toMatch(
      new RegExp(`Xenova/clip-vit-base-patch32: 6 files, [0-9.]+ MB, from ${server.endpoint}/Xenova/clip-vit-base-patch32`),
    );
    const list = await runCli(['models', 'list', '--json'], tempDir().dir);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { id: string; state: string; licence: string }[];
    expect(rows.map((m) => [m.id, m.state])).toContainEqual(['Xenova/clip-vit-base-patch32', 'present']);
    expect(rows.map((m) => [m.id, m.state])).toContainEqual(['Xenova/owlvit-base-patch32', 'absent']);
    expect(rows.every((m) => m.licence.length > 0)).toBe(true);
    const ok = await runCli(['models', 'verify'], tempDir().dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok {2}Xenova\/clip-vit-base-patch32/m);
    const missing = await runCli(['models', 'verify', 'Xenova/owlvit-base-patch32'], tempDir().dir);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/FAILED {2}Xenova\/owlvit-base-patch32[\s\S]*loupe models pull Xenova\/owlvit-base-patch32/);
  });
});

describe('loupe run with model-backed metrics', () => {
  const config = smallConfig({ prompts: '  - { set: text-rendering, sample: 2 }', extra: 'metrics: [sharpness, clip-score]' });

  it('skips clip-score with a one-line notice when its model is absent, and still finishes', async () => {
    process.env.LOUPE_CACHE = tempDir().dir;
    const t = tempDir();
    t.write('loupe.config.yaml', config);
    const r = await runCli(['run', '--quiet'], t.dir);
    expect(r.code).toBe(0);
    const notices = r.stderr.split('\n').filter((l) => l.startsWith('clip-score: skipped'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/loupe models pull Xenova\/clip-vit-base-patch32/);
  });

  it('scores every image with the model from the cache, Chinese prompts with Chinese-CLIP', async () => {
    process.env.LOUPE_CACHE = await cacheWithTinyClip();
    const t = tempDir();
    t.write('loupe.config.yaml', config);
    const r = await runCli(['run', '--quiet'], t.dir);
    expect(r.code).toBe(0);
    const db = new Database(join(t.dir, '.loupe/loupe.db'), { readonly: true });
    const rows = db
      .prepare(
        "SELECT s.value, s.details, s.provenance, g.language FROM scores s JOIN generations g ON g.key = s.generation_key WHERE s.metric_id = 'clip-score'",
      )
      .all() as { value: number | null; details: string; provenance: string; language: string }[];
    db.close();
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(row.value).toBeTypeOf('number');
      expect(JSON.parse(row.details).model).toBe(
        row.language === 'zh' ? 'Xenova/chinese-clip-vit-base-patch16' : 'Xenova/clip-vit-base-patch32',
      );
      expect(JSON.parse(row.provenance).en.sha256['onnx/vision_model.onnx']).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(readFileSync(join(t.dir, 'reports/test-run/report.html'), 'utf8')).toContain('clip-score');
  });
});

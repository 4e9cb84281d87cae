import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { launchChromium } from '../../rater-ui/web/browser.js';
import { BIG, CLIPS, IMAGES, runOverBadFiles } from './bad-files-run.js';

/** Where the screenshots of the report go (git-ignored), to be looked at by a person. */
const SHOTS = fileURLToPath(new URL('../../../reports/report/', import.meta.url));

/** The files this test broke: each must be listed as a failure under its own name. */
const BROKEN = [
  IMAGES.html,
  IMAGES.cutJpeg,
  IMAGES.empty,
  IMAGES.onePixel,
  CLIPS.empty,
  CLIPS.cutInData,
  CLIPS.cutBeforeIndex,
  CLIPS.audio,
  CLIPS.m4a,
  CLIPS.png,
];
/** A media store path: its files are named by their sha256. */
const STORE_PATH = /[0-9a-f]{64}|\.loupe\/media/;

type Row = Record<string, string>;
const csv = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true }) as Row[];

let dir: string;
let run: Awaited<ReturnType<typeof runOverBadFiles>>;
let report: {
  failures: { file: string | null; category: string; metricId: string | null; message: string }[];
  generations: {
    file: string | null;
    status: string;
    width: number | null;
    height: number | null;
    durationSec: number | null;
    scores: Record<string, number | null>;
    details: Record<string, Record<string, unknown>>;
  }[];
  generators: { id: string; metrics: Record<string, { low: number | null; high: number | null }> }[];
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-bad-files-'));
  run = await runOverBadFiles(dir);
  const json = join(run.reportDir, 'report.json');
  // A run that wrote no report fails here with what it printed, not with a missing file alone.
  if (!existsSync(json)) throw new Error(`loupe run exited with ${run.code} and wrote no report; it printed:\n${run.stderr.slice(-4000)}`);
  report = JSON.parse(readFileSync(json, 'utf8'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a folder run over bad files', () => {
  it('lists every broken file in report.json under its own name, with where it failed and why', () => {
    expect(run.code).not.toBe(0); // generations failed
    const byFile = new Map<string, typeof report.failures>();
    for (const f of report.failures) byFile.set(f.file!, [...(byFile.get(f.file!) ?? []), f]);
    expect([...byFile.keys()].sort()).toEqual([...BROKEN].sort());
    for (const f of report.failures) {
      expect(f.category).toBe('decode'); // each file is there but cannot be read as what it should be
      expect(f.message).not.toMatch(STORE_PATH);
      expect(f.message.length).toBeGreaterThan(10);
    }
    expect(byFile.get(CLIPS.cutBeforeIndex)![0]!.message).toContain('moov atom not found');
    expect(byFile.get(CLIPS.audio)![0]!.message).toContain('no video stream (only audio)');
    expect(byFile.get(CLIPS.m4a)![0]!.message).toContain('no video stream (only audio)');
    expect(byFile.get(CLIPS.png)![0]!.message).toContain('got image/png');
    // A folder's file is named as the user gave it (relative to the folder), never by a temporary absolute path.
    for (const f of report.failures) expect(f.message).not.toContain(dir);
    expect(byFile.get(IMAGES.cutJpeg)![0]!.message).toContain('damaged or truncated');
    // The clip whose index is whole probes but cannot be decoded: each video metric failed on it, naming the user's file.
    const cut = byFile.get(CLIPS.cutInData)!;
    expect(cut.map((f) => f.metricId).sort()).toEqual(['flicker', 'motion', 'video-checks']);
    for (const f of cut) expect(f.message).toMatch(new RegExp(`^cannot decode video ${CLIPS.cutInData}: `));
    // Validated by the JSON Schema written beside it.
    const schema = z.fromJSONSchema(JSON.parse(readFileSync(join(run.reportDir, 'report.schema.json'), 'utf8')));
    expect(schema.safeParse(report).error).toBeUndefined();
  });

  it('tells an error from "does not apply" in scores.csv, and lists every failure in failures.csv', () => {
    const rows = new Map(csv(join(run.reportDir, 'scores.csv')).map((r) => [r.file!, r]));
    expect(rows.size).toBe(Object.keys(IMAGES).length + Object.keys(CLIPS).length);
    const cut = rows.get(CLIPS.cutInData)!;
    expect([cut.status, cut.flicker, cut.flicker_status, cut.motion_status, cut['video-checks_status']]).toEqual([
      'done',
      '',
      'error',
      'error',
      'error',
    ]);
    // A 1x1 image is stored (it is an image) but too small to measure: an error per metric, never a blank "does not apply".
    const dot = rows.get(IMAGES.onePixel)!;
    expect([dot.status, dot.sharpness, dot.sharpness_status, dot.exposure_status]).toEqual(['done', '', 'error', 'error']);
    for (const f of report.failures.filter((x) => x.file === IMAGES.onePixel))
      expect(f.message).toMatch(new RegExp(`^cannot read image ${IMAGES.onePixel}: 1x1 is smaller than the 8x8 minimum`));
    for (const name of BROKEN.filter((f) => f !== CLIPS.cutInData && f !== IMAGES.onePixel)) {
      expect(rows.get(name), name).toMatchObject({ status: 'failed', failure: 'decode', error_category: 'invalid-output' });
      expect(rows.get(name)!.error_message).not.toMatch(STORE_PATH);
    }
    expect(rows.get(IMAGES.good)!.sharpness_status).toBe('scored');
    const failures = csv(join(run.reportDir, 'failures.csv'));
    expect(failures).toHaveLength(report.failures.length);
    expect(new Set(failures.map((f) => f.file))).toEqual(new Set(BROKEN));
  });

  it('shows the failures by kind in the HTML, in English and Chinese, with the user file names', () => {
    for (const [file, heading] of [
      ['report.html', 'File cannot be read'],
      ['report.zh.html', '文件无法读取'],
    ] as const) {
      const html = readFileSync(join(run.reportDir, file), 'utf8');
      const section = html.slice(
        html.indexOf('<section id="failures">'),
        html.indexOf('</section>', html.indexOf('<section id="failures">')),
      );
      expect(section).toContain(heading);
      for (const name of BROKEN) expect(section, `${file}: ${name}`).toContain(name);
      expect(section).not.toMatch(STORE_PATH);
      expect(html).toContain('href="#failures"');
    }
  });

  it('records the real size and length of the folder clips, counts still clips by the motion verdict and keeps flicker in [0, 1]', () => {
    const of = (name: string) => report.generations.find((g) => g.file === name)!;
    expect(of(CLIPS.moving)).toMatchObject({ status: 'done', width: 320, height: 240 });
    expect(of(CLIPS.still)).toMatchObject({ status: 'done', width: 160, height: 120 });
    expect(of(CLIPS.moving).durationSec).toBeCloseTo(2, 1);
    expect(of(IMAGES.big)).toMatchObject({ status: 'done', width: BIG.width, height: BIG.height });
    // Clips with a motion score, and the verdict each recorded.
    const verdicts = report.generations.flatMap((g) => (typeof g.scores.motion === 'number' ? [g.details.motion!.dynamic] : []));
    expect(verdicts).toHaveLength(2);
    const still = verdicts.filter((d) => d === false).length;
    expect(still).toBe(1); // the gray clip
    const html = readFileSync(join(run.reportDir, 'report.html'), 'utf8');
    expect(html).toMatch(new RegExp(`<tr><th>clips</th><td class="num">${verdicts.length}</td><td class="num">${still}</td>`));
    // The gallery shows the still clip's verdict and the checks it failed, as its scores recorded them.
    const stillCell = html.slice(html.indexOf(`alt="clips: the file ${CLIPS.still}"`)).split('</td>')[0]!;
    expect(stillCell).toContain('still (not dynamic)');
    expect(stillCell).toContain(`checks failed: ${(of(CLIPS.still).details['video-checks']!.failed as string[]).join(', ')}`);
    const flicker = report.generators.find((g) => g.id === 'clips')!.metrics.flicker!;
    expect(flicker.low).toBeGreaterThanOrEqual(0);
    expect(flicker.high).toBeLessThanOrEqual(1);
  });

  it('shows the failures section in Chromium (screenshots for a person to look at)', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      for (const [language, file] of [
        ['en', 'report.html'],
        ['zh', 'report.zh.html'],
      ] as const) {
        await page.goto(`file://${join(run.reportDir, file)}`);
        const section = page.locator('#failures');
        await expect(section.locator('h3.failure-kind').count()).resolves.toBe(1);
        await expect(section.locator('tbody tr').count()).resolves.toBe(BROKEN.length);
        await section.screenshot({ path: join(SHOTS, `failures-${language}.png`) });
      }
    } finally {
      await browser.close();
    }
  });
});

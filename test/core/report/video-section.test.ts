import { describe, expect, it } from 'vitest';
import { meanCi } from '../../../core/analysis/mean-ci.js';
import type { ReportData } from '../../../core/report/report-data.js';
import { videoSection } from '../../../core/report/video-section.js';

const info = (id: string, range: [number, number]) => ({
  id,
  version: '1',
  description: `${id} <desc>`,
  direction: 'higher-is-better' as const,
  range,
  provenance: {},
});

type Verdicts = Record<string, boolean | null>;
/** The motion metric's verdicts as it records them: frozen clips are not dynamic, moving ones are. */
const VERDICTS: Verdicts = { f1: false, f2: false, m1: true, m2: true };

/**
 * Two generators of two clips each: `frozen` never moves (motion 0) and so looks perfect on
 * consistency and flicker. Each motion score carries the details the motion metric writes.
 */
function data(verdicts: Verdicts = VERDICTS, threshold = 6): ReportData {
  const clips: { key: string; generatorId: string; scores: Record<string, number> }[] = [
    { key: 'f1', generatorId: 'frozen', scores: { motion: 0.1, 'temporal-consistency': 1, flicker: 1 } },
    { key: 'f2', generatorId: 'frozen', scores: { motion: 0.2, 'temporal-consistency': 1, flicker: 1 } },
    { key: 'm1', generatorId: 'moving', scores: { motion: 14, 'temporal-consistency': 0.95, flicker: 0.97 } },
    { key: 'm2', generatorId: 'moving', scores: { motion: 9, 'temporal-consistency': 0.9, flicker: 0.96 } },
    { key: 'i1', generatorId: 'images', scores: { sharpness: 100 } },
  ];
  const summary = (gen: string, id: string) => ({
    ...meanCi(clips.filter((c) => c.generatorId === gen).map((c) => c.scores[id] ?? null)),
    notApplicable: 0,
    errors: 0,
  });
  const ids = ['motion', 'temporal-consistency', 'flicker'];
  return {
    metrics: [info('flicker', [0, 1]), info('motion', [0, 512]), info('sharpness', [0, 1e6]), info('temporal-consistency', [0, 1])],
    generators: ['frozen', 'moving', 'images'].map((id) => ({ id, metrics: Object.fromEntries(ids.map((m) => [m, summary(id, m)])) })),
    generations: clips.map((c) => ({ ...c, details: c.key in verdicts ? { motion: { dynamic: verdicts[c.key], threshold } } : {} })),
  } as unknown as ReportData;
}

const still = (html: string, generator: string) =>
  html.match(new RegExp(`<tr><th>${generator}</th><td class="num">(\\d+)</td><td class="num">(\\d+)</td>`))!.slice(1);

describe('the report video section', () => {
  it('shows motion first and marks consistency and flicker of a mostly still generator', () => {
    const html = videoSection(data());
    const heads = [...html.matchAll(/<th title="[^"]*">([\w-]+) /g)].map((m) => m[1]);
    expect(heads).toEqual(['motion', 'temporal-consistency', 'flicker']);
    expect(html).toContain('&lt;desc&gt;');
    const rows = Object.fromEntries([...html.matchAll(/<tr><th>(\w+)<\/th>(<td.*?)<\/tr>/g)].map((m) => [m[1], m[2]!]));
    expect(Object.keys(rows)).toEqual(['frozen', 'moving']); // no row for an image-only generator
    // frozen: 2 clips, both still; its two flattered scores carry the warning, motion does not.
    expect(rows.frozen!.match(/<td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/)!.slice(1)).toEqual(['2', '2']);
    expect(rows.frozen!.match(/⚠/g)).toHaveLength(2);
    expect(rows.moving!.match(/<td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/)!.slice(1)).toEqual(['2', '0']);
    expect(rows.moving).not.toContain('⚠');
    expect(html).toContain('move more than 6');
  });

  it("counts a clip as still by its motion score's own dynamic verdict, not by its mean motion", () => {
    // m2 moves a lot on average (9, above the threshold of 6) in a few pairs only: the metric says it is not dynamic.
    // f1 barely moves on average (0.1) but in enough pairs: the metric says it is dynamic. f2 has no pair to judge (null).
    const html = videoSection(data({ f1: true, f2: null, m1: true, m2: false }, 10));
    expect(still(html, 'moving')).toEqual(['2', '1']);
    expect(still(html, 'frozen')).toEqual(['2', '0']);
    expect(html).toContain('move more than 10');
  });

  it('writes its words in Chinese for the Chinese report, and is empty when no video was scored', () => {
    expect(videoSection(data(), 'zh')).toContain('<h2>视频</h2>');
    const none = data();
    none.metrics = none.metrics.filter((m) => m.id === 'sharpness');
    expect(videoSection(none)).toBe('');
  });
});

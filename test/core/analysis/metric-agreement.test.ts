import { describe, expect, it } from 'vitest';
import { metricAgreement, type AgreementRow } from '../../../core/analysis/metric-agreement.js';
import { mulberry32 } from '../../../core/types/seeded-random.js';

// Four systems of known order, 30 prompts; the human MOS is quality plus noise.
function rows(metricOf: (quality: number, noise: number) => number): AgreementRow[] {
  const random = mulberry32(11);
  const out: AgreementRow[] = [];
  const quality: Record<string, number> = { s1: 4.2, s2: 3.6, s3: 3.0, s4: 2.2 };
  for (let p = 0; p < 30; p++)
    for (const [system, q] of Object.entries(quality)) {
      const item = q + (random() - 0.5) * 1.2;
      out.push({ item: `${system}/p${p}`, system, unit: `p${p}`, human: item + (random() - 0.5) * 0.6, metric: metricOf(item, random()) });
    }
  return out;
}

describe('metricAgreement', () => {
  it('does not flag a metric that follows quality', () => {
    const a = metricAgreement(
      rows((q, n) => q * 0.1 + n * 0.05),
      { seed: 1, iterations: 200 },
    );
    expect(a.systemTau.value).toBe(1);
    expect(a.itemSpearman.value!).toBeGreaterThan(0.6);
    expect(a.itemSpearman.low!).toBeGreaterThan(0);
    expect(a.flagged).toBe(false);
    expect(a.reasons).toEqual([]);
  });

  it('flags a reversed metric, and takes lower-is-better metrics the right way round', () => {
    const reversed = rows((q) => -q);
    const a = metricAgreement(reversed, { seed: 1, iterations: 200 });
    expect(a.systemTau.value).toBe(-1);
    expect(a.flagged).toBe(true);
    expect(a.reasons.join(' ')).toMatch(/below the bar 0.5/);
    expect(a.reasons.join(' ')).toMatch(/is below zero: the metric orders generators against people/);
    expect(metricAgreement(reversed, { direction: 'lower-is-better', seed: 1, iterations: 200 }).flagged).toBe(false);
  });

  it('flags a metric unrelated to quality, saying the interval reaches zero', () => {
    const a = metricAgreement(
      rows((_, n) => n),
      { seed: 1, iterations: 200 },
    );
    expect(a.flagged).toBe(true);
    expect(a.reasons.some((r) => /reaches zero/.test(r))).toBe(true);
  });

  it('lists the items where metric and raters disagree most', () => {
    const data = rows((q) => q);
    data[5] = { ...data[5]!, metric: -10 };
    const a = metricAgreement(data, { seed: 1, iterations: 50, worst: 3 });
    expect(a.disagreements).toHaveLength(3);
    expect(a.disagreements[0]!.item).toBe(data[5]!.item);
    expect(a.disagreements[0]!.metricRank).toBe(1);
  });
});

describe('metricAgreement against the human ceiling', () => {
  // 200 items, one system, five raters each: latent quality plus rater noise.
  const random = mulberry32(21);
  const quality = Array.from({ length: 200 }, () => 1 + random() * 4);
  const panels = quality.map((q) => Array.from({ length: 5 }, () => q + (random() - 0.5) * 2));
  const rowsOf = (metric: (q: number, i: number) => number): AgreementRow[] =>
    quality.map((q, i) => ({
      item: `i${i}`,
      system: 'only',
      unit: `i${i}`,
      human: panels[i]!.reduce((a, b) => a + b, 0) / 5,
      metric: metric(q, i),
      ratings: panels[i]!,
    }));

  it('a metric that knows the latent quality reaches the ceiling; one with a trace of it is weak', () => {
    const strong = metricAgreement(
      rowsOf((q) => q),
      { seed: 1, iterations: 200 },
    );
    expect(strong.ceiling!.panel).toBe(5);
    expect(strong.ofCeiling!.high!).toBeGreaterThanOrEqual(1);
    expect(strong.flags).toEqual([]);
    const weak = metricAgreement(
      rowsOf((q) => q * 0.15 + random() * 4),
      { seed: 1, iterations: 200 },
    );
    expect(weak.itemSpearman.low!).toBeGreaterThan(0);
    expect(weak.flags).toEqual(['below-ceiling']);
    expect(weak.reasons[0]).toMatch(
      /^weak: item-level Spearman 0\.\d\d is 0\.\d\d of the human ceiling 0\.\d\d .*clearly below 0\.5 of it$/,
    );
    expect(
      metricAgreement(
        rowsOf((q) => q * 0.15 + random() * 4),
        { seed: 1, iterations: 200, minCeilingFraction: 0.1 },
      ).flags,
    ).toEqual([]);
  });

  it('with one system there is no system-level verdict, and without single ratings no ceiling', () => {
    const a = metricAgreement(
      rowsOf((q) => q).map(({ ratings: _, ...r }) => r),
      { seed: 1, iterations: 50 },
    );
    expect([a.systems, a.systemTau.value, a.ceiling, a.ofCeiling, a.flags]).toEqual([1, null, null, null, []]);
  });
});

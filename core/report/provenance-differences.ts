import type { ScoreRecord } from '../types/index.js';

/** A setting of a metric that differs between two runs: their numbers may not be comparable. */
export interface ProvenanceDifference {
  metric: string;
  /** `version`, or a dotted path into the metric's provenance (`decoder`, `sha256.detectionPath: ...`, `precision`). */
  field: string;
  /** The values the run's scores carry, joined by " | " when they are several; null when none carries the field. */
  baseline: string | null;
  candidate: string | null;
}

/**
 * Every (metric, field) whose values differ between the two runs' scores: metric version,
 * weights sha256, precision, preprocessing, decoder, thresholds, whatever the metric records.
 * Every score counts, not one per metric, so a run scored half with one model and half with
 * another shows both.
 */
export function provenanceDifferences(baseline: readonly ScoreRecord[], candidate: readonly ScoreRecord[]): ProvenanceDifference[] {
  const [a, b] = [settings(baseline), settings(candidate)];
  const out: ProvenanceDifference[] = [];
  for (const metric of [...a.keys()].filter((m) => b.has(m)).sort()) {
    const [fa, fb] = [a.get(metric)!, b.get(metric)!];
    for (const field of [...new Set([...fa.keys(), ...fb.keys()])].sort()) {
      const [va, vb] = [joined(fa.get(field)), joined(fb.get(field))];
      if (va !== vb) out.push({ metric, field, baseline: va, candidate: vb });
    }
  }
  return out;
}

/** Per metric, per field, the set of values its scores carry. */
function settings(scores: readonly ScoreRecord[]): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const s of scores) {
    const fields = out.get(s.metricId) ?? new Map<string, Set<string>>();
    out.set(s.metricId, fields);
    for (const [field, value] of Object.entries({ version: s.metricVersion, ...flatten(s.provenance) })) {
      const values = fields.get(field) ?? new Set<string>();
      fields.set(field, values.add(value));
    }
  }
  return out;
}

const joined = (values: Set<string> | undefined) => (values ? [...values].sort().join(' | ') : null);

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { [prefix]: JSON.stringify(value) };
  return Object.assign({}, ...Object.entries(value).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
}

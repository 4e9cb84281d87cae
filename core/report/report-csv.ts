import type { ReportData } from './report-data.js';

function cell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per generation with one column per metric, for spreadsheets. */
export function renderScoresCsv(data: ReportData): string {
  const synthetic = new Map(data.generators.map((g) => [g.id, g.synthetic]));
  const metricIds = data.metrics.map((m) => m.id);
  const header = ['generator', 'synthetic', 'prompt_set', 'prompt_id', 'category', 'language', 'sample', 'seed', 'status', 'error_category', 'media_sha256', 'latency_ms', ...metricIds];
  const rows = data.generations.map((g) => [
    g.generatorId, synthetic.get(g.generatorId) ? 'yes' : 'no', `${g.promptSetId}@${g.promptSetVersion}`, g.promptId, g.category, g.language,
    g.sample, g.seed, g.status, g.errorCategory, g.mediaHash, g.latencyMs, ...metricIds.map((m) => g.scores[m]),
  ]);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

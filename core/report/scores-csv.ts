import type { ReportData } from './report-data.js';
import { cell } from './report-csv.js';

/** A metric's cell status in scores.csv: why a value is blank is never left to guess. */
type ScoreStatus = 'scored' | 'not_applicable' | 'error' | '';

/**
 * One row per generation, for spreadsheets and pandas: each metric has a numeric column (blank
 * when there is no number) and a `<metric>_status` column that says why: `scored`,
 * `not_applicable` (the metric does not apply, by design), `error` (it failed: the reason is in
 * failures.csv), or empty (not scored: the generation is not done, or scoring has not run).
 * `file` is the user's own file for a folder generator; `failure` says where a failed generation
 * broke (generate or decode) and `error_message` why. Line by line (each with its newline), for
 * a file written as it is made.
 */
export function* scoresCsvLines(data: ReportData): Generator<string> {
  const synthetic = new Map(data.generators.map((g) => [g.id, g.synthetic]));
  const metricIds = data.metrics.map((m) => m.id);
  const failedScores = new Set(data.failures.flatMap((f) => (f.metricId ? [`${f.generationKey}\t${f.metricId}`] : [])));
  const failedGenerations = new Map(data.failures.flatMap((f) => (f.metricId ? [] : [[f.generationKey, f] as const])));
  const status = (key: string, metricId: string, scores: Record<string, number | null>): ScoreStatus => {
    if (failedScores.has(`${key}\t${metricId}`)) return 'error';
    if (!(metricId in scores)) return '';
    return scores[metricId] === null ? 'not_applicable' : 'scored';
  };
  const header = [
    'generator',
    'synthetic',
    'prompt_set',
    'prompt_id',
    'category',
    'language',
    'sample',
    'seed',
    'file',
    'status',
    'failure',
    'error_category',
    'error_message',
    'media_sha256',
    'latency_ms',
    'cost_usd',
    ...metricIds,
    ...metricIds.map((m) => `${m}_status`),
  ];
  yield csvLine(header);
  for (const g of data.generations) {
    const failed = failedGenerations.get(g.key);
    yield csvLine([
      g.generatorId,
      synthetic.get(g.generatorId) ? 'yes' : 'no',
      `${g.promptSetId}@${g.promptSetVersion}`,
      g.promptId,
      g.category,
      g.language,
      g.sample,
      g.seed,
      g.file,
      g.status,
      failed?.category,
      g.errorCategory,
      failed?.message,
      g.mediaHash,
      g.latencyMs,
      g.costUsd,
      ...metricIds.map((m) => g.scores[m]),
      ...metricIds.map((m) => status(g.key, m, g.scores)),
    ]);
  }
}

const csvLine = (values: readonly unknown[]) => `${values.map(cell).join(',')}\n`;

/** failures.csv: every failure of report.json's `failures`, one row each (a file a metric could not read is one row per metric). */
export function renderFailuresCsv(data: ReportData): string {
  const header = ['category', 'generator', 'prompt_id', 'language', 'sample', 'file', 'request', 'metric', 'error_category', 'message'];
  const rows = data.failures.map((f) => [
    f.category,
    f.generatorId,
    f.promptId,
    f.language,
    f.sample,
    f.file,
    f.request,
    f.metricId,
    f.errorCategory,
    f.message,
  ]);
  return [header, ...rows].map(csvLine).join('');
}

import type { MetricDescription, Store } from '../types/index.js';
import type { AnalysisOptions } from '../analysis/index.js';
import { buildReportData, type ReportData } from './report-data.js';
import { compareRunData, type RunComparison } from './run-comparison.js';
import { provenanceDifferences } from './provenance-differences.js';

/** A run and the store that holds it; `where` names that store (a file, a URL without password) when it is another workspace's. */
export interface StoredRun {
  store: Store;
  runId: string;
  where?: string;
}

/**
 * Reads two runs, of one store or of two, and compares them (candidate minus baseline). An
 * unknown run id is refused with the runs its store holds; the candidate's report data may be
 * given already built (the report of that run).
 */
export async function compareRuns(
  runs: { baseline: StoredRun; candidate: StoredRun & { data?: ReportData } },
  metrics: readonly MetricDescription[],
  analysis: AnalysisOptions = {},
): Promise<RunComparison> {
  const { baseline, candidate } = runs;
  for (const { store, runId, where } of [baseline, candidate]) {
    const known = (await store.listRuns()).map((r) => r.id);
    if (!known.includes(runId))
      throw new Error(
        `no run "${runId}" in the store${where ? ` ${where}` : ''}; it holds ${known.length ? known.map((k) => `"${k}"`).join(', ') : 'no run'}`,
      );
  }
  if (baseline.store === candidate.store && baseline.runId === candidate.runId)
    throw new Error(`run "${baseline.runId}" compared with itself: give a baseline run and a different run`);
  const before = await buildReportData(baseline.store, baseline.runId, metrics, analysis);
  const after = candidate.data ?? (await buildReportData(candidate.store, candidate.runId, metrics, analysis));
  const provenance = provenanceDifferences(
    await baseline.store.listScores({ runId: baseline.runId }),
    await candidate.store.listScores({ runId: candidate.runId }),
  );
  const compared = compareRunData(before, after);
  return { ...compared, baseline: { ...compared.baseline, ...(baseline.where ? { store: baseline.where } : {}) }, provenance };
}

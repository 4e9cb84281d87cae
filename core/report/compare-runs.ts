import type { MetricDescription, Store } from '../types/index.js';
import type { AnalysisOptions } from '../analysis/index.js';
import { buildReportData, type ReportData } from './report-data.js';
import { compareRunData, type RunComparison } from './run-comparison.js';
import { provenanceDifferences } from './provenance-differences.js';

/**
 * Reads two runs of one store and compares them (candidate minus baseline). An unknown run id
 * is refused with the runs the store holds; `candidate` may be given as data already built
 * (the report of that run).
 */
export async function compareRuns(
  store: Store,
  runs: { baseline: string; candidate: string | ReportData },
  metrics: readonly MetricDescription[],
  analysis: AnalysisOptions = {},
): Promise<RunComparison> {
  const known = (await store.listRuns()).map((r) => r.id);
  const candidateId = typeof runs.candidate === 'string' ? runs.candidate : runs.candidate.run.id;
  for (const id of [runs.baseline, candidateId])
    if (!known.includes(id))
      throw new Error(`no run "${id}" in the store; it holds ${known.length ? known.map((k) => `"${k}"`).join(', ') : 'no run'}`);
  if (runs.baseline === candidateId)
    throw new Error(`run "${runs.baseline}" compared with itself: give a baseline run and a different run`);
  const baseline = await buildReportData(store, runs.baseline, metrics, analysis);
  const candidate = typeof runs.candidate === 'string' ? await buildReportData(store, runs.candidate, metrics, analysis) : runs.candidate;
  const provenance = provenanceDifferences(
    await store.listScores({ runId: runs.baseline }),
    await store.listScores({ runId: candidateId }),
  );
  return { ...compareRunData(baseline, candidate), provenance };
}

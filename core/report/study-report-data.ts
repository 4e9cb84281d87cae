import { DataError, type Store } from '../types/index.js';
import type { AnalysisOptions, Reliability } from '../analysis/index.js';
import { buildHumanData, isPlaceholderRun, studyReliability, type HumanStudyReport } from '../study/index.js';

/** What a report of one study's human data cannot show, and why (the HTML says it in words). */
export type NotAvailable = 'run' | 'generations' | 'metrics' | 'rankings';

export interface StudyReportData {
  study: { id: string; runId: string; name: string; mode: 'likert' | 'pairwise'; createdAt: string };
  generatedAt: string;
  /** run: the run is a placeholder for imported data; generations: it has none; metrics: nothing scored them; rankings: no rating names a generator. */
  notAvailable: NotAvailable[];
  /** Rater agreement and BT.500 screening per dimension, from items and raters alone (likert studies; empty for votes). */
  reliability: Reliability[];
  /** The study analysed as `loupe report` analyses it, without metrics: rankings where the ratings name generators, or arena scores. */
  human: HumanStudyReport;
}

/** One study's human data alone, for a report that needs no config and no run of generations. */
export async function buildStudyReportData(store: Store, studyId: string, analysis: AnalysisOptions = {}): Promise<StudyReportData> {
  const study = (await store.listStudies()).find((s) => s.id === studyId);
  if (!study) {
    const known = (await store.listStudies()).map((s) => s.id);
    throw DataError.one(`study "${studyId}"`, {
      message: `no such study in the store; ${known.length ? `it has ${known.join(', ')}` : 'import ratings with `loupe ratings import`'}`,
    });
  }
  const run = await store.getRun(study.runId);
  const generations = await store.listGenerations({ runId: study.runId });
  const scored = (await store.listScores({ runId: study.runId })).length > 0;
  // Human data alone: the generations give items their generator and prompt, never their metric scores.
  const human = (
    await buildHumanData(
      store,
      study.runId,
      generations.map((g) => ({ ...g, scores: {} })),
      [],
      analysis,
    )
  ).find((h) => h.study.id === studyId)!;
  const ranked = human.analysis ? human.analysis.dimensions.some((d) => d.ranking.length > 0) : (human.arena ?? []).length > 0;
  const notAvailable: NotAvailable[] = [
    ...(isPlaceholderRun(run) ? (['run'] as const) : []),
    ...(generations.length === 0 ? (['generations'] as const) : []),
    ...(scored ? [] : (['metrics'] as const)),
    ...(ranked ? [] : (['rankings'] as const)),
  ];
  return {
    study: { id: study.id, runId: study.runId, name: study.name, mode: study.mode, createdAt: study.createdAt },
    generatedAt: new Date().toISOString(),
    notAvailable,
    reliability: study.mode === 'likert' ? (await studyReliability(store, studyId)).dimensions : [],
    human,
  };
}

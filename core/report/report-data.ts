import { languageGaps, type LanguageGap } from './language-gaps.js';
import { z } from 'zod';
import { type Store, type GenerationRecord, type ScoreRecord, type RunRecord, type MetricDescription } from '../types/index.js';
import { groupBy, meanCi, metricRankRanges, type MeanCi, type AnalysisOptions } from '../analysis/index.js';
import { buildHumanData, type HumanStudyReport } from '../study/index.js';
import { buildSpend, spendLine, type Spend } from './report-spend.js';
import { buildLedger, type LedgerReport } from './report-ledger.js';
import { buildFailures, type ReportFailure } from './report-failures.js';
import { userFile } from './media-names.js';
import { compositionSummaries, type CompositionSummary } from './composition-tasks.js';
import { buildVerdict } from './verdict/verdict-data.js';
import { promptFacts } from './verdict/prompt-facts.js';
import type { Verdict } from './verdict/verdict-schema.js';
import type { RunComparison } from './run-comparison.js';

export interface MetricSummary extends MeanCi {
  /** Generations the metric does not apply to (null by design), and ones it failed to read. */
  notApplicable: number;
  errors: number;
  /** The rank range among generators by this metric (joint bootstrap over prompts); null without a score. */
  rank: string | null;
}

export interface GeneratorSummary {
  id: string;
  type: string;
  synthetic: boolean;
  planned: number;
  done: number;
  failed: number;
  pending: number;
  failures: Record<string, number>;
  meanLatencyMs: number | null;
  /** The stored cost of the done generations, in US dollars. */
  costUsd: number;
  /** Done generations with no stored cost: costUsd is a lower bound when any. */
  costUnknown: number;
  metrics: Record<string, MetricSummary>;
  /** Metric means per prompt category and per language. */
  byCategory: Record<string, Record<string, MeanCi>>;
  byLanguage: Record<string, Record<string, MeanCi>>;
}

/** A generation with its scores, and each score's details as its metric recorded them (OCR text read, checks failed, the motion verdict...). */
export type ReportGeneration = GenerationRecord & {
  /** The file the user gave (folder generator), as they named it; null for generated media. */
  file: string | null;
  scores: Record<string, number | null>;
  details: Record<string, Record<string, unknown>>;
};

export interface MetricInfo {
  id: string;
  version: string;
  description: string;
  direction: MetricDescription['direction'];
  range: readonly [number, number];
  provenance: Record<string, unknown>;
}

export interface ReportData {
  run: { id: string; status: RunRecord['status']; createdAt: string; description?: string };
  generatedAt: string;
  anySynthetic: boolean;
  metrics: MetricInfo[];
  generators: GeneratorSummary[];
  /** Every generation that failed to generate, decode or score, with the user's name for it (see report-failures.ts). */
  failures: ReportFailure[];
  generations: ReportGeneration[];
  /** What the run's done generations cost, in all and per prompt set (per generator: `generators[].costUsd`). */
  spend: Spend;
  /** The ledger of paid requests: what was sent and may bill, per generator and row by row (empty for runs made before it). */
  ledger: LedgerReport;
  /** The human studies made from this run (simulated, imported or from the rater UI), analysed. */
  human: HumanStudyReport[];
  /** Prompt sets not generated in every language the run asked for (English-only suites). */
  languageGaps: LanguageGap[];
  /** GenEval-style pass rates per generator and task, when the composition metric scored the run. */
  composition: CompositionSummary[];
  /** The first screen: rankings with rank ranges, metrics to trust and flagged, the breakdowns labs report. */
  verdict: Verdict;
  /** This run against a baseline run (`loupe report --baseline`). */
  comparison?: RunComparison;
}

/** Everything the report shows, gathered from the store in one pass. */
export async function buildReportData(
  store: Store,
  runId: string,
  metrics: readonly MetricDescription[],
  analysis: AnalysisOptions = {},
): Promise<ReportData> {
  const run = await store.getRun(runId);
  if (!run) throw new Error(`no run "${runId}" in the store: start it with \`loupe run\` or \`loupe generate\``);
  const generations = await store.listGenerations({ runId });
  const scores = await store.listScores({ runId });
  const ledger = await store.listLedger({ runId });
  const config = readRunConfig(run);
  const entries = new Map((config.generators ?? []).map((g) => [g.id, g]));
  const scoresByKey = groupBy(scores, (s) => s.generationKey);
  const metricIds = [...new Set(scores.map((s) => s.metricId))].sort();
  const known = new Map(metrics.map((m) => [m.id, m]));
  const rangeOf = (metricId: string) => known.get(metricId)?.range;

  const generators = [...groupBy(generations, (g) => g.generatorId)].map(([id, gens]) => {
    const entry = entries.get(id);
    const type = entry?.type ?? gens[0]!.generatorType;
    const done = gens.filter((g) => g.status === 'done');
    const failed = gens.filter((g) => g.status === 'failed');
    const own = (list: readonly GenerationRecord[]) => scoresByMetric(list, scoresByKey);
    const all = own(gens);
    const latencies = done.map((g) => g.latencyMs ?? 0);
    const spent = spendLine(gens);
    return {
      id,
      type,
      // Runs recorded before the flag was stored: the synthetic adapter was the only one.
      synthetic: entry?.synthetic ?? type === 'synthetic',
      planned: gens.length,
      done: done.length,
      failed: failed.length,
      pending: gens.length - done.length - failed.length,
      failures: countBy(failed, (g) => g.errorCategory ?? 'unknown'),
      meanLatencyMs: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : null,
      costUsd: spent.costUsd,
      costUnknown: spent.costUnknown,
      metrics: Object.fromEntries(metricIds.map((m) => [m, summarize(all.get(m) ?? [], rangeOf(m))])),
      byCategory: breakdown(gens, metricIds, (g) => g.category, own, rangeOf),
      byLanguage: breakdown(gens, metricIds, (g) => g.language, own, rangeOf),
    } satisfies GeneratorSummary;
  });

  const provenance = new Map(scores.map((s) => [s.metricId, s] as const));
  const metricInfos = metricIds.map((id) => {
    const m = known.get(id);
    const s = provenance.get(id)!;
    return {
      id,
      version: s.metricVersion,
      description: m?.description ?? '',
      direction: m?.direction ?? 'higher-is-better',
      range: m?.range ?? [-Number.MAX_VALUE, Number.MAX_VALUE],
      provenance: s.provenance,
    } satisfies MetricInfo;
  });
  const units = new Map(
    metricInfos.length === 0
      ? []
      : generations.map((g) => [g.key, { generator: g.generatorId, unit: `${g.promptSetId}/${g.promptId}/${g.language}` }]),
  );
  for (const m of metricInfos) {
    const values = scores.flatMap((s) =>
      s.metricId === m.id && s.value !== null && units.has(s.generationKey) ? [{ ...units.get(s.generationKey)!, value: s.value }] : [],
    );
    for (const r of metricRankRanges(values, { direction: m.direction, seed: analysis.seed, iterations: analysis.iterations }))
      generators.find((g) => g.id === r.id)!.metrics[m.id]!.rank = r.label;
  }
  // Each record becomes its report row in place: one object per generation, not two.
  const scored: ReportGeneration[] = generations.map((g) => {
    const own = scoresByKey.get(g.key) ?? [];
    return Object.assign(g, {
      file: userFile(g),
      scores: Object.fromEntries(own.map((s) => [s.metricId, s.value])),
      details: Object.fromEntries(own.map((s) => [s.metricId, s.details])),
    });
  });
  const human = await buildHumanData(store, runId, scored, metricInfos, analysis);
  const verdictInput = { human, generators, metrics: metricInfos, generations: scored };
  return {
    run: { id: run.id, status: run.status, createdAt: run.createdAt, description: config.run?.description },
    generatedAt: new Date().toISOString(),
    anySynthetic: generators.some((g) => g.synthetic),
    metrics: metricInfos,
    generators,
    failures: buildFailures(generations, scores, ledger),
    generations: scored,
    spend: buildSpend(generations),
    ledger: buildLedger(
      ledger,
      generations,
      generators.map((g) => g.id),
    ),
    human,
    languageGaps: languageGaps(generations, config.languages ?? []),
    composition: compositionSummaries(
      scored,
      generators.map((g) => g.id),
    ),
    verdict: buildVerdict(verdictInput, await promptFacts(store, generations)),
  };
}

function summarize(rows: ScoreRecord[], range: Range | undefined): MetricSummary {
  return {
    ...meanCi(
      rows.map((r) => r.value),
      { range },
    ),
    notApplicable: rows.filter((r) => r.value === null && !r.error).length,
    errors: rows.filter((r) => r.error).length,
    rank: null,
  };
}

function breakdown(
  gens: GenerationRecord[],
  metricIds: string[],
  keyOf: (g: GenerationRecord) => string,
  own: (list: readonly GenerationRecord[]) => Map<string, ScoreRecord[]>,
  rangeOf: (metricId: string) => Range | undefined,
): Record<string, Record<string, MeanCi>> {
  const groups = [...groupBy(gens, keyOf)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(
    groups.map(([k, list]) => {
      const scores = own(list);
      const cell = (m: string) =>
        meanCi(
          (scores.get(m) ?? []).map((s) => s.value),
          { range: rangeOf(m) },
        );
      return [k, Object.fromEntries(metricIds.map((m) => [m, cell(m)]))];
    }),
  );
}

/** The scores of some generations per metric, in the generations' order. */
function scoresByMetric(gens: readonly GenerationRecord[], scoresByKey: ReadonlyMap<string, ScoreRecord[]>): Map<string, ScoreRecord[]> {
  const out = new Map<string, ScoreRecord[]>();
  for (const g of gens) {
    for (const s of scoresByKey.get(g.key) ?? []) {
      const list = out.get(s.metricId);
      if (list) list.push(s);
      else out.set(s.metricId, [s]);
    }
  }
  return out;
}

type Range = MetricDescription['range'];

function countBy<T>(items: readonly T[], keyOf: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[keyOf(item)] = (out[keyOf(item)] ?? 0) + 1;
  return out;
}

/**
 * What the report reads of a run's stored config (core/config/stored-config.ts writes it): its
 * description and each generator's type and synthetic flag. Placeholder runs of imported data
 * store none of it; a config that does not fit names the run instead of being read as it is.
 */
const StoredRunConfigSchema = z.looseObject({
  run: z.looseObject({ description: z.string().optional() }).optional(),
  languages: z.array(z.string()).optional(),
  generators: z.array(z.looseObject({ id: z.string(), type: z.string(), synthetic: z.boolean().optional() })).optional(),
});

function readRunConfig(run: RunRecord): z.infer<typeof StoredRunConfigSchema> {
  const parsed = StoredRunConfigSchema.safeParse(run.config ?? {});
  if (!parsed.success) throw new Error(`run "${run.id}": its stored config does not parse: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

import { judgeTarget, wantsJudgeMetric, type JudgeConfig, type LoadedConfig } from '../config/index.js';
import { judgeLedgerId, type JudgingEstimate, type ResolvedRun } from '../run/index.js';
import { formatUsd, type Store } from '../types/index.js';
import {
  estimateInputTokens,
  judgeCallTexts,
  judgeMetricId,
  JUDGE_METRIC_IDS,
  JUDGE_METRIC_VERSIONS,
  QUESTION_GENERATION_MAX_TOKENS,
} from '../../metrics/index.js';
import { plannedQuestions, type PlannedQuestions } from './planned-questions.js';

/** The most output tokens each judge metric asks for (its max_tokens): the estimate is an upper bound. */
const OUTPUT_TOKENS = (metricId: string) => (metricId === 'vqascore' ? 1 : metricId === 'question-score' ? 8 : 200);

/** What one judge would be asked for the run's plan, and at most what it costs. */
export interface JudgeCost {
  judgeId: string;
  /** The judge metrics selected for this judge, by plain id. */
  metricIds: string[];
  calls: number;
  /** Of the calls, those that write a prompt's questions (question-score's prompts without their own). */
  writes: number;
  /** Calls left out because their generation already has this metric version's score (a resume pays nothing for them). */
  judged: number;
  /** null: not priced (input tokens have a price, but no published image rule and no answer in the ledger yet says how many an image takes). */
  usd: number | null;
  /** How the calls were priced. */
  how: string;
}

/**
 * The judges' part of `loupe run --plan`: calls for every planned generation and each judge's
 * selected metrics, priced at the judge's prices. Image tokens follow the provider's published
 * rule where there is one (images taken at the full `maxImageSide`, an upper bound), else the mean
 * input tokens of the answers already in the ledger; with neither, the calls are counted but not
 * priced, unless input tokens are free. A planned generation that already has the metric's
 * score at its version (a resume, or another run of the same generations) is not asked again and
 * not counted; the rest is an upper bound, as answers already in the ledger are not paid again.
 * question-score's prompts without questions count the calls that write them (on the judge that
 * writes questions) and the questions already written, else 8 each (planned-questions.ts).
 */
export async function judgeCosts(loaded: LoadedConfig, resolved: ResolvedRun, store: Store): Promise<JudgeCost[]> {
  const wanted = loaded.config.metrics;
  const questions = await plannedQuestions(loaded, resolved, store);
  const costs: JudgeCost[] = [];
  for (const judge of loaded.config.judges) {
    const ids = JUDGE_METRIC_IDS.filter((id) => wantsJudgeMetric(wanted, id, judge.id));
    const writes = judge.id === questions?.judgeId ? questions.toWrite : [];
    if (ids.length > 0 || writes.length > 0) {
      costs.push(await judgeCost(judge, ids, resolved, store, { judgeCount: loaded.config.judges.length, questions, writes }));
    }
  }
  return costs;
}

/** The generations that already have the metric's score at its version, by key. */
async function alreadyJudged(store: Store, metricId: string, version: string): Promise<Set<string>> {
  const scores = await store.listScores({ metricId });
  return new Set(scores.filter((s) => s.metricVersion === version).map((s) => s.generationKey));
}

async function judgeCost(
  judge: JudgeConfig,
  ids: string[],
  resolved: ResolvedRun,
  store: Store,
  { judgeCount, questions, writes }: { judgeCount: number; questions: PlannedQuestions | null; writes: readonly string[] },
): Promise<JudgeCost> {
  const provider = judgeTarget(judge).imageTokens;
  const seen = (await store.listLedger({ generatorId: judgeLedgerId(judge.id) })).flatMap((e) =>
    e.phase === 'stored' && typeof e.detail?.inputTokens === 'number' ? [e.detail.inputTokens] : [],
  );
  const meanSeen = seen.length > 0 ? seen.reduce((a, b) => a + b, 0) / seen.length : null;
  const judged = new Map(
    await Promise.all(
      ids.map(async (id) => [id, await alreadyJudged(store, judgeMetricId(id, judge.id, judgeCount), JUDGE_METRIC_VERSIONS[id]!)] as const),
    ),
  );
  const price = (input: number, output: number) => (input * judge.priceUsdPer1kInput + output * judge.priceUsdPer1kOutput) / 1000;
  let calls = writes.length;
  let skipped = 0;
  // A text-only call: its words by the tile rule where the provider has one, else what an image call took (more than enough).
  let usd = writes.reduce(
    (sum, text) => sum + price(estimateInputTokens({ imageTokens: provider }, text, []) ?? meanSeen ?? 0, QUESTION_GENERATION_MAX_TOKENS),
    0,
  );
  for (const g of resolved.planned) {
    const prompt = resolved.prompts.get(`${g.promptSetId}/${g.promptId}`)!;
    const side = { width: judge.maxImageSide, height: judge.maxImageSide };
    // A clip sent whole has no published token rule: priced from the answers in the ledger.
    const clip = g.modality === 'video' && judge.video === 'video-url';
    const sizes = Array.from({ length: g.modality === 'video' ? judge.frames : 1 }, () => side);
    for (const id of ids) {
      const texts = judgeCallTexts(id, prompt, g.language, g.modality, g.text, questions?.questionsFor(g, prompt));
      if (judged.get(id)!.has(g.key)) {
        skipped += texts.length;
        continue;
      }
      for (const text of texts) {
        calls++;
        const input = (clip ? null : estimateInputTokens({ imageTokens: provider }, text, sizes)) ?? meanSeen ?? 0;
        usd += price(input, OUTPUT_TOKENS(id));
      }
    }
  }
  const how = provider
    ? `images at ${judge.maxImageSide} px by OpenAI's tile rule`
    : meanSeen !== null
      ? `${Math.round(meanSeen)} input tokens a call, the mean of ${seen.length} answers in the ledger`
      : judge.priceUsdPer1kInput === 0
        ? 'input tokens are free'
        : 'not priced until the first answers say how many tokens an image takes';
  const priced = provider !== null || meanSeen !== null || judge.priceUsdPer1kInput === 0;
  return { judgeId: judge.id, metricIds: ids, calls, writes: writes.length, judged: skipped, usd: priced ? usd : null, how };
}

/** The judges' estimate as the budget check counts it. */
export function judgingEstimate(costs: readonly JudgeCost[]): JudgingEstimate {
  return { usd: costs.reduce((sum, c) => sum + (c.usd ?? 0), 0), unpriced: costs.some((c) => c.usd === null && c.calls > 0) };
}

/** One judge's line of the plan. */
export function judgePlanLine(c: JudgeCost): string {
  const price = c.usd === null ? 'price unknown' : `at most ${formatUsd(c.usd)}`;
  const notes = [
    ...(c.writes > 0 ? [`${c.writes} write a prompt's questions`] : []),
    ...(c.judged > 0 ? [`${c.judged} more already judged`] : []),
  ];
  const what = c.metricIds.length > 0 ? c.metricIds.join(', ') : 'question writing';
  return `Judge ${c.judgeId} (${what}): ${c.calls} calls${notes.length > 0 ? ` (${notes.join('; ')})` : ''}, ${price} (${c.how}; answers already in the ledger are not paid again).`;
}

import type { GenerationRecord, LedgerEntry, ScoreRecord } from '../types/index.js';
import { userFile, withUserName } from './media-names.js';

/**
 * Where a generation failed: `generate` (the generator delivered nothing: refused, timed out, a
 * server error), `decode` (there is a file but it cannot be read as the media it should be:
 * empty, cut short, another type), `score` (a metric failed on media it could read).
 */
export const FAILURE_CATEGORIES = ['generate', 'decode', 'score'] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

export interface ReportFailure {
  generationKey: string;
  generatorId: string;
  promptId: string;
  language: string;
  sample: number;
  /** The file the user gave (folder generator), as they named it; null for generated media. */
  file: string | null;
  /** The provider's job or request id, from the generation or the ledger; null when none was recorded. */
  request: string | null;
  category: FailureCategory;
  /** The generator's own category (timeout, refused, invalid-output...) for a failed generation; the metric's (a judge's refusal, no-logprobs...) for a score, null when it gave none. */
  errorCategory: string | null;
  /** The metric that failed; null when the generation itself failed. */
  metricId: string | null;
  /** Why, with the media store's path replaced by the user's name. */
  message: string;
}

/** What metrics say when they cannot open or decode the file (metrics/ and core/run write these). */
const UNREADABLE = /^(cannot decode video|cannot read image|media \S+ is missing)/;

/** Every failure of the run: failed generations first, then failed scores, each in generation order. */
export function buildFailures(
  generations: readonly GenerationRecord[],
  scores: readonly ScoreRecord[],
  ledger: readonly LedgerEntry[],
): ReportFailure[] {
  const jobIds = new Map(ledger.flatMap((e) => (e.jobId === null ? [] : [[e.generationKey, e.jobId] as const])));
  const errors = scores.filter((s) => s.error !== null);
  // Only the generations of failed scores are looked up: a run's 160,000 others need no index.
  const wanted = new Set(errors.map((s) => s.generationKey));
  const order = new Map<string, number>();
  const byKey = new Map<string, GenerationRecord>();
  generations.forEach((g, i) => {
    if (!wanted.has(g.key)) return;
    order.set(g.key, i);
    byKey.set(g.key, g);
  });
  const base = (g: GenerationRecord) => ({
    generationKey: g.key,
    generatorId: g.generatorId,
    promptId: g.promptId,
    language: g.language,
    sample: g.sample,
    file: userFile(g),
    request: g.providerIds?.jobId ?? g.providerIds?.requestId ?? jobIds.get(g.key) ?? null,
  });
  const failed = generations
    .filter((g) => g.status === 'failed')
    .map((g): ReportFailure => ({
      ...base(g),
      category: g.errorCategory === 'invalid-output' ? 'decode' : 'generate',
      errorCategory: g.errorCategory ?? 'unknown',
      metricId: null,
      message: g.errorMessage ?? '',
    }));
  const scored = errors
    .filter((s) => byKey.has(s.generationKey))
    .sort((a, b) => order.get(a.generationKey)! - order.get(b.generationKey)! || (a.metricId < b.metricId ? -1 : 1))
    .map((s): ReportFailure => {
      const g = byKey.get(s.generationKey)!;
      const message = withUserName(s.error!, g);
      const errorCategory = typeof s.details?.errorCategory === 'string' ? s.details.errorCategory : null;
      return { ...base(g), category: UNREADABLE.test(s.error!) ? 'decode' : 'score', errorCategory, metricId: s.metricId, message };
    });
  return [...failed, ...scored];
}

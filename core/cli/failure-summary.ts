import type { GenerationRecord } from '../types/index.js';

/**
 * `loupe run` and `loupe generate` exit with this when a generation of the run ended failed
 * (refused, bad request, timed out ...): not 1 (a crash), 2 (bad configuration or data) or 130
 * (interrupted), so that a script can tell "finished, with failures" from the others.
 */
export const EXIT_GENERATIONS_FAILED = 3;

/**
 * `loupe run` and `loupe generate` exit with this when run.budgetUsd stopped new paid requests before every generation was made,
 * and `loupe run` when the plan's generation and judging estimate is over it before anything starts.
 */
export const EXIT_OVER_BUDGET = 4;

export const EXIT_CODES_HELP = `
Exit codes:
  0    every planned generation is made
  1    an unexpected error (the message says what; LOUPE_DEBUG=1 prints the stack)
  2    bad configuration or data (the message names the file, line and field)
  ${EXIT_GENERATIONS_FAILED}    the run finished, but some generations ended failed (the summary names the
       first message of each kind; the report lists them all)
  ${EXIT_OVER_BUDGET}    run.budgetUsd was reached: no new paid request started, some generations are not made
       (raise the budget and run again to go on); \`loupe run\` exits with it before
       sending anything when the plan's generation and judging estimate is over the budget
  130  interrupted; run the same command again to resume`;

/**
 * One line per failure category: how many, and the first message, so that a user sees what to fix
 * without opening the report. `failed` are the run's failed generations, of `total` planned.
 */
export function failureSummary(failed: readonly GenerationRecord[], total: number): string | null {
  if (failed.length === 0) return null;
  const byCategory = new Map<string, { count: number; first: GenerationRecord }>();
  for (const g of failed) {
    const category = g.errorCategory ?? 'unknown';
    const seen = byCategory.get(category);
    if (seen) seen.count++;
    else byCategory.set(category, { count: 1, first: g });
  }
  const lines = [...byCategory].map(
    ([category, { count, first }]) =>
      `  ${category} ${count}: ${first.generatorId} on ${first.promptId} (${first.language}): ${first.errorMessage ?? '(no message)'}`,
  );
  return [`${failed.length} of ${total} generations ended failed:`, ...lines].join('\n');
}

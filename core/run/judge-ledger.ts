import type { LedgerEntry, Store } from '../types/index.js';

/** The ledger's name for a judge's requests, beside the generators' ids. */
export const judgeLedgerId = (judgeId: string): string => `judge:${judgeId}`;

/**
 * A judge's answered requests, by cache key (the ledger row's `jobId`): the answer a second run or
 * a resume reads instead of paying again, from any run of this store. Rows still `sending` were
 * on the wire when their process stopped; they become unknown outcomes when the call is sent again.
 */
export interface JudgeHistory {
  answers: Map<string, unknown>;
  left: Map<string, LedgerEntry>;
  /** Input tokens per call seen in the answers, for the estimate where no published rule applies. */
  inputTokens: number[];
}

export async function readJudgeHistory(store: Store, judgeId: string): Promise<JudgeHistory> {
  const history: JudgeHistory = { answers: new Map(), left: new Map(), inputTokens: [] };
  for (const row of await store.listLedger({ generatorId: judgeLedgerId(judgeId) })) {
    if (row.jobId === null) continue;
    if (row.phase === 'stored' && row.detail && 'answer' in row.detail) {
      history.answers.set(row.jobId, row.detail.answer);
      const tokens = row.detail.inputTokens;
      if (typeof tokens === 'number') history.inputTokens.push(tokens);
    } else if (row.phase === 'sending') history.left.set(row.jobId, row);
  }
  return history;
}

/** Marks a request an earlier process sent without seeing its answer: the service may have billed it. */
export async function settleLeftJudgeRequest(store: Store, left: LedgerEntry): Promise<void> {
  await store.updateLedgerEntry(left.id, {
    phase: 'unknown',
    message: `sent without an answer (last written ${left.updatedAt}); sent again, the service may have billed both`,
  });
}

import type { CoordinatorLinkStore } from './store/coordinator-link.js';
import type { GenerationStore } from './store/generations.js';
import type { LedgerStore } from './store/ledger.js';
import type { PromptSetStore } from './store/prompt-sets.js';
import type { PromptQuestionStore } from './store/prompt-questions.js';
import type { RatingStore } from './store/ratings.js';
import type { RunStore } from './store/runs.js';
import type { ScoreStore } from './store/scores.js';
import type { StudyStore } from './store/studies.js';

export * from './store/prompt-sets.js';
export * from './store/runs.js';
export * from './store/generations.js';
export * from './store/scores.js';
export * from './store/studies.js';
export * from './store/ratings.js';
export * from './store/ledger.js';
export * from './store/coordinator-link.js';
export * from './store/prompt-questions.js';

/**
 * Everything Loupe keeps, behind one asynchronous interface so that SQLite (one machine)
 * and Postgres (a team) are interchangeable. One interface per entity, in `store/`; every
 * implementation passes the contract suite in test/core/store/store-contract.ts.
 */
export interface Store
  extends
    PromptSetStore,
    RunStore,
    GenerationStore,
    LedgerStore,
    ScoreStore,
    StudyStore,
    RatingStore,
    CoordinatorLinkStore,
    PromptQuestionStore {
  readonly kind: string;
  close(): Promise<void>;
  schemaVersion(): Promise<number>;
}

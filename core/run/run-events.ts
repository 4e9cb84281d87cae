import { type GenerationError, type PlannedGeneration } from '../types/index.js';

/** What a run reports while it works; the CLI turns these into a progress bar and a summary. */
export type RunEvent =
  | { type: 'generate-start'; total: number; todo: number }
  | { type: 'done'; item: PlannedGeneration; latencyMs: number; costUsd?: number }
  | { type: 'failed'; item: PlannedGeneration; error: GenerationError }
  | { type: 'retry'; item: PlannedGeneration; attempt: number; delayMs: number; error: GenerationError }
  | { type: 'skipped'; item: PlannedGeneration; reason: string }
  | { type: 'over-budget'; item: PlannedGeneration; spentUsd: number; priceUsd: number; budgetUsd: number }
  | { type: 'generate-end'; stopped: boolean; overBudget?: boolean }
  | { type: 'score-start'; metricId: string; todo: number }
  | { type: 'scored'; metricId: string; count: number; errors: number }
  | { type: 'score-end'; stopped: boolean };

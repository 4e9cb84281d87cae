// The run's public face: planning, generating, scoring and resuming, for the CLI and the queue.
export { askedMediaOf } from './asked-media.js';
export { liveClaimOwners, processOwner, releaseDeadClaims, type ClaimOwner } from './claims.js';
export { systemClock, type Clock } from './clock.js';
export {
  checkBudget,
  emptyCostLine,
  planCosts,
  type BudgetCheck,
  type CostLine,
  type CostPlan,
  type GeneratorCostLine,
  type JudgingEstimate,
} from './cost-plan.js';
export {
  generateAll,
  generateOne,
  limitsFor,
  needsWork,
  plannedToMake,
  type GenerateOneOptions,
  type GenerateOptions,
} from './generate.js';
export { planGenerations, samplesText } from './plan.js';
export { StartSpacer, type RateLimiter } from './rate-limit.js';
export { prepareRun, resolveRun, type PreparedRun, type ResolvedRun } from './prepare-run.js';
export { resolvePromptSources } from './resolve-prompts.js';
export type { RunEvent } from './run-events.js';
export { scoreBatch, scoreRun } from './score.js';
export { checkWritableFolders } from './writable-folders.js';
export { JudgeTransport, type JudgeTransportOptions } from './judge-transport.js';
export { judgeLedgerId } from './judge-ledger.js';
export { StoredQuestionSource, type GenerateQuestions } from './prompt-questions.js';

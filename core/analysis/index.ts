// Statistics' public face: what the study, report and rater server use of core/analysis.
export { MIN_GROUP_ITEMS, type GroupAgreement } from './agreement-by-group.js';
export { type Vote } from './bradley-terry.js';
export { arenaBootstrap, arenaScores, type ArenaScore } from './arena-scores.js';
export { groupBy } from './group-by.js';
export { krippendorffAlpha } from './krippendorff-alpha.js';
export { reliability, type Reliability } from './reliability.js';
export { meanCi, type MeanCi } from './mean-ci.js';
export { wilsonInterval } from './wilson-interval.js';
export { metricAgreement, type Agreement, type AgreementRow, type Calibrated, type Estimate } from './metric-agreement.js';
export { metricRankRanges } from './metric-rank-ranges.js';
export {
  analyzeStudy,
  type AnalysisOptions,
  type MetricColumn,
  type MetricDimensionAgreement,
  type StudyAnalysis,
  type StudyRating,
} from './study-analysis.js';
export { breakdowns, countBucket, languageGaps, type BreakdownCell, type ItemFacts, type LanguageGap } from './study-breakdowns.js';
export { bootstrapGeneratorMeans, type Rated } from './bootstrap.js';
export { adjacentPairDecisions, type PairDecision, type PairStatus } from './pair-decisions.js';
export { pairedDifferences, type PairedDifference, type PairedValue } from './paired-difference.js';

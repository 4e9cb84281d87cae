// The rating step's public face: what the CLI, the rater server and the report use of core/study.
export { createStudy, studyOptionsFrom, type CreateStudyOptions, type CreatedStudy } from './create-study.js';
export { extendStudy, type ExtendStudyOptions, type ExtendedStudy } from './extend-study.js';
export { filterGenerations } from './select-items.js';
export { exampleKeys, type StudyExamplesChoice } from './pick-examples.js';
export { hashToken, newToken, TOKEN_PATTERN } from './tokens.js';
export { firstCoordinatorToken, replaceCoordinatorToken } from './coordinator-link.js';
export { replaceRaterToken } from './rater-link.js';
export {
  assignmentsVersion,
  configRevision,
  parseStudyConfig,
  ratingUiConfig,
  servedConfig,
  type AdaptiveConfig,
  type ImportConfig,
  type RatingUiConfig,
  type SimulationConfig,
  type StudyConfig,
} from './study-config.js';
export { importRatings, readRatingsFile, RATING_COLUMNS, type ImportedRatings, type RatingsFile } from './import-ratings.js';
export { importVotes, readVotesFile, VOTE_COLUMNS, type ImportedVotes, type VotesFile } from './import-votes.js';
export { FAULT_COSTS, FLAWLESS, knobOpinion, type SyntheticItem } from './knob-opinions.js';
export { simulateStudy, type SimulateStudyOptions, type SimulatedStudy } from './simulate-study.js';
export { isPlaceholderRun } from './placeholder-run.js';
export { buildHumanData, promptIndex, type HumanStudyReport, type ItemInfo } from './human-results.js';
export { studyReliability, type StudyReliability } from './study-reliability.js';
export { blindGenerations, type StudyMedia } from './blind-media/prepare-media.js';
export type { BlindedMedia } from './blind-media/blinded-media.js';
export type { MediaTools } from './blind-media/media-tools.js';
export { countedRatings } from './counted-ratings.js';
export { allocationData, type AllocationData, type AllocationUnit, type Observations } from './adaptive/allocation-data.js';
export { rankingStatus, type DimensionStatus, type RankingStatus } from './adaptive/ranking-status.js';
export { pickUnit } from './adaptive/pick-unit.js';
export { handOutNext, type HandOut } from './adaptive/hand-out.js';
export { simulateAllocation, type AllocationOutcome, type AllocationPlan, type AllocationWorld } from './adaptive/simulate-allocation.js';

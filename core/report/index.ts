// The report's public face: one call writes the HTML (en, zh), JSON and CSV of a run.
export { writeReport } from './write-report.js';
export { writeStudyReport } from './write-study-report.js';
export { compareRuns } from './compare-runs.js';
export type { ComparisonRow, RunComparison } from './run-comparison.js';
export type { ProvenanceDifference } from './provenance-differences.js';

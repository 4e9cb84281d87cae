// The report's public face: one call writes the HTML (en, zh), JSON and CSV of a run.
export { writeReport } from './write-report.js';
export { writeStudyReport } from './write-study-report.js';

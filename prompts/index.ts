// The prompt sets' public face: the built-in sets, prompt files, and the located YAML the config loader shares.
export { findBuiltinSet } from './builtin.js';
export { builtinSummaries, writeBuiltinSummaries } from './builtin-summaries.js';
export { describeSet, type SetSummary } from './set-summary.js';
export { readPromptSetFile } from './prompt-set-file.js';
export { parseLocated, parseYamlLocated } from './yaml-lines.js';
export { UPSTREAM_FORMATS, readUpstreamSet } from './suites/upstream-formats.js';

// The prompt sets' public face: the built-in sets, prompt files, and the located YAML the config loader shares.
export { findBuiltinSet, loadBuiltinSets } from './builtin.js';
export { readPromptSetFile } from './prompt-set-file.js';
export { parseLocated, parseYamlLocated } from './yaml-lines.js';
export { UPSTREAM_FORMATS, readUpstreamSet } from './suites/upstream-formats.js';

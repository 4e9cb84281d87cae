import { DataError, LANGUAGES, type Language } from '../types/index.js';

/** What `loupe init` asks; each answer is checked against what this Loupe knows. */
export interface StarterChoices {
  /** Generator types from the registry (`loupe generators list`). */
  generators: string[];
  /** Built-in prompt set ids (`loupe prompts list`). */
  sets: string[];
  languages: Language[];
  /** Metric ids; null: every metric that can be computed. */
  metrics: string[] | null;
}

/** What `loupe init --yes` writes: a config that runs at once, offline, on SYNTHETIC generators and three small samples. */
export const DEFAULT_CHOICES: StarterChoices = {
  generators: ['synthetic'],
  sets: ['counting', 'text-rendering', 'zh-core'],
  languages: ['zh', 'en'],
  metrics: null,
};

/** What the choices are checked against: the registry's generator types (required options included), set and metric ids. */
export interface StarterCatalog {
  generators: { type: string; description: string; required: { name: string; type: string }[] }[];
  sets: string[];
  metrics: readonly string[];
}

/** Throws a DataError naming the config file to be written, the field and the answers that are not one of `known`. */
function checkChoice(file: string, field: string, answers: readonly string[], known: readonly string[]): void {
  const unknown = answers.filter((a) => !known.includes(a));
  if (unknown.length)
    throw DataError.one(file, { field, message: `unknown ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${known.join(', ')})` });
}

/** Checks every answer before anything is written to `file`. */
export function checkChoices(file: string, choices: StarterChoices, catalog: StarterCatalog): void {
  checkChoice(
    file,
    'generators',
    choices.generators,
    catalog.generators.map((g) => g.type),
  );
  checkChoice(file, 'prompts', choices.sets, catalog.sets);
  checkChoice(file, 'languages', choices.languages, LANGUAGES);
  if (choices.metrics) checkChoice(file, 'metrics', choices.metrics, catalog.metrics);
}

/** Two SYNTHETIC generators of different quality, so that the first report has something to rank. */
const SYNTHETIC = `  # SYNTHETIC: test images of known quality drawn from each prompt's expectations; no API key, no GPU.
  # Replace them with the generators you evaluate (or keep them as a sanity check).
  - id: synth-careful
    type: synthetic
  - id: synth-sloppy
    type: synthetic
    miscountRate: 0.5
    wrongTextRate: 0.5
    blur: 2.5
`;

function generatorEntry(g: StarterCatalog['generators'][number]): string {
  if (g.type === 'synthetic') return SYNTHETIC;
  const placeholder = (type: string) => (type === 'object' ? '{}' : 'TODO');
  const options = g.required.filter((o) => o.name !== 'id').map((o) => `    ${o.name}: ${placeholder(o.type)} # required: fill in\n`);
  return `  # ${g.description}\n  # \`loupe generators list\` shows every option of "${g.type}".\n  - id: my-${g.type}\n    type: ${g.type}\n${options.join('')}`;
}

/** The commented starter config for these choices (checked beforehand with checkChoices). */
export function starterConfigText(choices: StarterChoices, catalog: StarterCatalog): string {
  const generators = choices.generators.map((type) => generatorEntry(catalog.generators.find((g) => g.type === type)!));
  const metrics = choices.metrics
    ? `metrics: [${choices.metrics.join(', ')}]\n`
    : `# Left out: every metric that applies and whose model is present (\`loupe models list\`). Known:\n# ${catalog.metrics.join(', ')}\n# metrics: [sharpness, ocr-text]\n`;
  return `# A Loupe evaluation, written by \`loupe init\`. \`loupe config check\` validates it; \`loupe config schema\`
# documents every field (\`loupe config schema --out loupe.config.schema.json\` for editor completion).
# \`loupe run\` generates, scores and writes the report; run it again to resume.
run:
  id: first-evaluation
  description: Written by loupe init

# Where results live, relative to this file: a SQLite file and a media folder.
store:
  sqlite: .loupe/loupe.db
media:
  folder: .loupe/media

# Built-in prompt sets (\`loupe prompts list\`); \`sample\` takes that many of a set's prompts, the same ones every run.
prompts:
${choices.sets.map((set) => `  - { set: ${set}, sample: 6 }\n`).join('')}# Every prompt goes to every generator in each of these languages, with the same wording.
languages: [${choices.languages.join(', ')}]
samples: 1
seed: 42

generators:
${generators.join('')}
# Automatic metrics, computed locally.
${metrics}
report:
  dir: reports
`;
}

import { existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import { DataError, type Language } from '../types/index.js';
import { builtinSummaries } from '../../prompts/index.js';
import { configCatalog } from './compose.js';
import { generatorTypes } from './generators-commands.js';
import { checkChoices, DEFAULT_CHOICES, starterConfigText, type StarterCatalog, type StarterChoices } from './starter-config.js';

/** Asks one question and returns the answer ('' keeps the default). */
export type Ask = (question: string) => Promise<string>;

function starterCatalog(): StarterCatalog {
  return {
    generators: generatorTypes().map((t) => ({ type: t.type, description: t.description, required: t.options.filter((o) => o.required) })),
    sets: builtinSummaries().map((s) => s.id),
    metrics: configCatalog().metricIds,
  };
}

const list = (answer: string, fallback: string[]) => {
  const items = answer.split(/[\s,]+/).filter(Boolean);
  return items.length ? items : fallback;
};

/** The four questions of an interactive `loupe init`, each showing what it can be and its default. */
export async function askChoices(ask: Ask, catalog: StarterCatalog): Promise<StarterChoices> {
  const d = DEFAULT_CHOICES;
  const types = catalog.generators.map((g) => g.type).join(', ');
  const generators = list(await ask(`Generators to evaluate (${types}) [${d.generators.join(', ')}]: `), d.generators);
  const sets = list(await ask(`Prompt sets (${catalog.sets.join(', ')}) [${d.sets.join(', ')}]: `), d.sets);
  const languages = list(await ask(`Languages (zh, en) [${d.languages.join(', ')}]: `), d.languages) as Language[];
  const metricAnswer = list(await ask(`Metrics (${catalog.metrics.join(', ')}) [all that apply]: `), []);
  return { generators, sets, languages, metrics: metricAnswer.length ? metricAnswer : null };
}

async function askOnTerminal(catalog: StarterCatalog): Promise<StarterChoices> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // Lines read through the iterator are buffered, so answers typed (or pasted) ahead are kept; end of input keeps the defaults.
  const lines = rl[Symbol.asyncIterator]();
  const ask: Ask = async (question) => {
    process.stderr.write(question);
    const line = await lines.next();
    return line.done ? '' : String(line.value);
  };
  try {
    return await askChoices(ask, catalog);
  } finally {
    rl.close();
  }
}

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description(
      'write a commented starter config in this folder: generators from the registry, prompt sets, languages, metrics (asked on a terminal; --yes takes the defaults: SYNTHETIC generators on three small built-in samples, zh + en)',
    )
    .option('-c, --config <file>', 'the file to write', DEFAULT_CONFIG_FILE)
    .option('-y, --yes', 'ask nothing: take the defaults')
    .option('--force', 'overwrite an existing config file')
    .action(async (options: { config: string; yes?: boolean; force?: boolean }) => {
      if (existsSync(options.config) && !options.force)
        throw DataError.one(options.config, { message: 'exists; loupe init leaves it as it is (--force overwrites it)' });
      const catalog = starterCatalog();
      const choices = options.yes || !process.stdin.isTTY ? DEFAULT_CHOICES : await askOnTerminal(catalog);
      checkChoices(options.config, choices, catalog);
      writeFileSync(options.config, starterConfigText(choices, catalog));
      console.error(`wrote ${options.config}; next: \`loupe config check\`, then \`loupe run\``);
    });
}

import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/load.js';
import { LANGUAGES, type PromptSet, type Store } from '../types/index.js';
import {
  UPSTREAM_FORMATS,
  builtinSummaries,
  describeSet,
  findBuiltinSet,
  readPromptSetFile,
  readUpstreamSet,
  type SetSummary,
} from '../../prompts/index.js';
import type { PromptQuestionsOptions } from './prompt-questions-command.js';
import { formatSetTable } from './prompt-summary.js';

interface ConfigOption {
  config: string;
}

/** The store a config names, when that config exists; prompt commands also work without one. */
async function withOptionalStore<T>(options: ConfigOption, use: (store: Store | undefined) => Promise<T>): Promise<T> {
  if (!existsSync(options.config)) return use(undefined);
  // Imported only here: the composition root brings every generator, metric and store with it.
  const { loadConfigFile, openWorkspace } = await import('./compose.js');
  const ws = await openWorkspace(loadConfigFile(options.config));
  try {
    return await use(ws.store);
  } finally {
    await ws.close();
  }
}

async function allSets(store: Store | undefined): Promise<SetSummary[]> {
  const builtin = builtinSummaries();
  const imported = store
    ? (await store.listPromptSets()).filter((s) => !s.source.startsWith('builtin:')).map((s) => describeSet(s.set, s.source))
    : [];
  return [...builtin, ...imported];
}

export function registerPromptCommands(program: Command): void {
  const prompts = program.command('prompts').description('list, show, validate and import prompt sets');
  const configOption = ['-c, --config <file>', 'the config file whose store holds imported sets', DEFAULT_CONFIG_FILE] as const;

  prompts
    .command('list')
    .description('every prompt set, built in and imported, with counts per category, language and modality')
    .option(...configOption)
    .option('--json', 'machine-readable output')
    .action((options: ConfigOption & { json?: boolean }) =>
      withOptionalStore(options, async (store) => {
        const sets = await allSets(store);
        console.log(options.json ? JSON.stringify(sets, null, 2) : formatSetTable(sets));
      }),
    );

  prompts
    .command('show <set>')
    .description('the prompts of one set (a set id, or a prompt file)')
    .option(...configOption)
    .option('--version <n>', 'a stored version other than the newest', (v) => Number.parseInt(v, 10))
    .option('--category <name>', 'only this category')
    .option('--json', 'machine-readable output')
    .action((setId: string, options: ConfigOption & { version?: number; category?: string; json?: boolean }) =>
      withOptionalStore(options, async (store) => {
        const set = await findSet(setId, options.version, store);
        const prompts = options.category ? set.prompts.filter((p) => p.category === options.category) : set.prompts;
        if (options.json) return console.log(JSON.stringify({ ...set, prompts }, null, 2));
        console.log(`${set.id} v${set.version}: ${set.title} (${prompts.length} prompts)`);
        for (const p of prompts) {
          const expect = p.expect ? `  expect ${JSON.stringify(p.expect)}` : '';
          console.log(`\n${p.id}  [${p.category}] ${p.modality}${expect}`);
          for (const [lang, text] of Object.entries(p.text)) console.log(`  ${lang}: ${text}`);
        }
      }),
    );

  prompts
    .command('validate <files...>')
    .description('check prompt files (YAML, JSONL or CSV); errors name the file, line and field')
    .action((files: string[]) => {
      for (const file of files) {
        const set = readPromptSetFile(file);
        console.log(`${file}: ok, ${set.prompts.length} prompts (set "${set.id}" v${set.version})`);
      }
    });

  prompts
    .command('import <file>')
    .description('validate a prompt file (or a public suite in its own format) and store it as a set that configs can name')
    .option(...configOption)
    .option(
      '--format <name>',
      `a public suite's own file format: ${UPSTREAM_FORMATS.join(', ')} (a file, or a folder for t2i-compbench and vbench)`,
    )
    .option('--id <id>', 'the set id (default: from the file)')
    .option('--set-version <n>', 'the set version (default: from the file, or 1)', (v) => Number.parseInt(v, 10))
    .option('--title <title>', 'a title for the set')
    .action((file: string, options: ConfigOption & { id?: string; setVersion?: number; title?: string; format?: string }) => {
      const header = { id: options.id, version: options.setVersion, title: options.title };
      const set = options.format ? readUpstreamSet(options.format, file, header) : readPromptSetFile(file, header);
      return withOptionalStore(options, async (store) => {
        if (!store) throw new Error(`no config file ${options.config}: imported sets live in a config's store (pass --config)`);
        const { created } = await store.putPromptSet(set, file);
        console.log(`${created ? 'imported' : 'already present'}: set "${set.id}" v${set.version}, ${set.prompts.length} prompts`);
      });
    });

  prompts
    .command('questions')
    .description(
      "the DSG questions of a set's prompts: generated by a judge's model for prompts without their own, kept beside the set's version",
    )
    .requiredOption('--set <id>', 'a set id (built in or imported), or a prompt file')
    .option(...configOption)
    .option('--version <n>', 'a stored version other than the newest', (v) => Number.parseInt(v, 10))
    .option('--judge <id>', "the judge whose model writes them (default: the config's questionJudge, else its first judge)")
    .option('--prompt <id>', 'only this prompt')
    .option('--language <zh|en>', "only this language (default: the config's languages)")
    .option('--json', 'machine-readable output')
    .action(async (options: ConfigOption & PromptQuestionsOptions & { set: string; version?: number }) => {
      if (options.language !== undefined && !LANGUAGES.includes(options.language))
        throw new Error(`--language must be zh or en, not "${options.language}"`);
      const { loadConfigFile, openWorkspace } = await import('./compose.js');
      const { showPromptQuestions } = await import('./prompt-questions-command.js');
      const loaded = loadConfigFile(options.config);
      const ws = await openWorkspace(loaded);
      try {
        const set = await findSet(options.set, options.version, ws.store);
        const origin = /\.(ya?ml|jsonl|csv)$/i.test(options.set) ? options.set : `builtin:${set.id}`;
        await showPromptQuestions(loaded, ws.store, set, origin, options);
      } finally {
        await ws.close();
      }
    });
}

async function findSet(id: string, version: number | undefined, store: Store | undefined): Promise<PromptSet> {
  if (/\.(ya?ml|jsonl|csv)$/i.test(id)) return readPromptSetFile(id);
  // Only the set asked for is read and validated, not every built-in one.
  const builtin = findBuiltinSet(id)?.set;
  if (builtin && (version === undefined || builtin.version === version)) return builtin;
  const stored = await store?.getPromptSet(id, version);
  if (stored) return stored.set;
  throw new Error(`no prompt set "${id}"${version ? ` version ${version}` : ''}; \`loupe prompts list\` shows them`);
}

import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import { importRatings, readRatingsFile, RATING_COLUMNS, simulateStudy } from '../study/index.js';
import { readCsvTable } from './csv-table.js';
import { openForStudy, printPlaceholder, type Common } from './study-workspace.js';
import { registerReliabilityCommand } from './reliability-command.js';

export function registerRatingsCommands(program: Command): void {
  const ratings = program.command('ratings').description('bring human ratings into the store: simulated for demos, or imported from a CSV');
  ratings
    .command('simulate')
    .description(
      'write a simulated likert study for the run (honest noisy raters, one straight-liner, one random rater) to demonstrate screening and agreement',
    )
    .requiredOption('--study <id>', 'id of the study to create')
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--run <id>', "the run to rate (default: the config's run)")
    .option('--raters <n>', 'honest raters', (v) => Number.parseInt(v, 10), 6)
    .option('--seed <n>', 'seed of the simulation', (v) => Number.parseInt(v, 10), 1)
    .option('--quality <list>', 'latent quality per generator on 1-5, e.g. "a=4.1,b=3.2" (default: 4.0 falling by 0.6 in config order)')
    .action(async (o: Common & { study: string; raters: number; seed: number; quality?: string }) => {
      const quality = parseQuality(o.quality);
      const { ws, runId } = await openForStudy(o);
      try {
        const sim = await simulateStudy(ws.store, { studyId: o.study, runId, raters: o.raters, seed: o.seed, quality });
        const bad = sim.raters
          .filter((r) => r.kind !== 'honest')
          .map((r) => r.id)
          .join(', ');
        console.log(
          `Study "${o.study}": ${sim.raters.length} simulated raters (${bad} are bad on purpose), ${sim.assignments} assignments, ${sim.ratings} ratings on run "${runId}". \`loupe report\` now includes them.`,
        );
      } finally {
        await ws.close();
      }
    });
  ratings
    .command('import <csv>')
    .description('import likert ratings in long format, one score per row')
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--run <id>', "the run the ratings belong to (default: the config's run; a placeholder run is made when it does not exist)")
    .option('--study <id>', 'id of the study to create (default: import-<file name>)')
    .addHelpText(
      'after',
      `\nColumns (any order; names are matched ignoring case, "_" and "-"):\n${Object.entries(RATING_COLUMNS)
        .map(
          ([k, v]) => `  ${k.padEnd(10)} ${v.join(', ')}${k === 'generator' || k === 'prompt' || k === 'dimension' ? ' (optional)' : ''}`,
        )
        .join(
          '\n',
        )}\nAn item that is not a generation of the run needs a generator, unless the file has no generator column and no item of\nthe run: then it is a reliability study (rater agreement and screening only, \`loupe ratings reliability\`). Without a dimension column every\nscore is of one dimension, "rating". Scores are 1 to 5; an empty score is "cannot rate".`,
    )
    .action(async (file: string, o: Common & { study?: string }) => {
      const ratingsFile = readRatingsFile(readCsvTable(file));
      const { ws, runId, configRunId } = await openForStudy(o);
      try {
        const done = await importRatings(ws.store, ratingsFile, { runId, studyId: o.study });
        if (done.placeholder) printPlaceholder(runId, configRunId, 'imported ratings');
        console.log(`Imported ${done.ratings} ratings by ${done.raters} raters into study "${done.studyId}" (run "${runId}").`);
        if (done.reliabilityOnly)
          console.log(
            'No generator column and no item of the run: a reliability study (rater agreement and screening, `loupe ratings reliability`; no rankings).',
          );
      } finally {
        await ws.close();
      }
    });
  registerReliabilityCommand(ratings);
}

function parseQuality(text: string | undefined): Record<string, number> | undefined {
  if (!text) return undefined;
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const [id, q] = pair.split('=');
      const v = Number(q);
      if (!id || !Number.isFinite(v)) throw new Error(`--quality: "${pair}" is not generator=number`);
      return [id.trim(), v];
    }),
  );
}

import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import { importVotes, readVotesFile, VOTE_COLUMNS } from '../study/index.js';
import { readCsvTable } from './csv-table.js';
import { openForStudy, printPlaceholder } from './study-workspace.js';

export function registerArenaCommands(program: Command): void {
  const arena = program.command('arena').description('pairwise votes (A, B or tie) for Bradley-Terry arena scores');
  arena
    .command('import <csv>')
    .description('import pairwise votes; `loupe report` shows Bradley-Terry scores with bootstrap intervals on an Elo-style scale')
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--run <id>', "the run the votes belong to (default: the config's run; a placeholder run is made when it does not exist)")
    .option('--study <id>', 'id of the study to create (default: arena-<file name>)')
    .addHelpText(
      'after',
      `\nColumns: ${Object.entries(VOTE_COLUMNS)
        .map(([k, v]) => `${k}: ${v.join(' | ')}`)
        .join('; ')} (rater optional).\nOutcome: A, B or tie (also model_a, model_b, "tie (bothbad)").`,
    )
    .action(async (file: string, o: { config: string; run?: string; study?: string }) => {
      const votes = readVotesFile(readCsvTable(file));
      const { ws, runId, configRunId } = await openForStudy(o);
      try {
        const done = await importVotes(ws.store, votes, { runId, studyId: o.study });
        if (done.placeholder) printPlaceholder(runId, configRunId, 'imported votes');
        console.log(`Imported ${done.votes} votes on ${done.systems} systems into study "${done.studyId}" (run "${runId}").`);
      } finally {
        await ws.close();
      }
    });
}

import { basename } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/load.js';
import { DataError, type DataProblem } from '../types/data-error.js';
import type { AssignmentRecord, NewRating } from '../types/store.js';
import { readCsvTable } from './csv-table.js';
import { ensureRunFor, openForStudy, refuseExistingStudy, writeStudyRows } from './ratings-commands.js';

export const VOTE_COLUMNS = {
  a: ['system_a', 'model_a', 'generator_a', 'a'],
  b: ['system_b', 'model_b', 'generator_b', 'b'],
  outcome: ['outcome', 'winner', 'vote', 'preference'],
  rater: ['rater', 'rater_id', 'judge', 'worker_id'],
} as const;

/** Stored as the rater UI stores pairwise votes: 1 = A, 2 = B, 0 = tie. */
const OUTCOMES: Record<string, number> = {
  a: 1,
  model_a: 1,
  system_a: 1,
  b: 2,
  model_b: 2,
  system_b: 2,
  tie: 0,
  draw: 0,
  'tie (bothbad)': 0,
  equal: 0,
};

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
      const table = readCsvTable(file);
      const col = {
        a: table.require('system_a', VOTE_COLUMNS.a),
        b: table.require('system_b', VOTE_COLUMNS.b),
        outcome: table.require('outcome', VOTE_COLUMNS.outcome),
        rater: table.column(VOTE_COLUMNS.rater),
      };
      const problems: DataProblem[] = [];
      const votes = table.rows.flatMap((row) => {
        const a = row.get(col.a) ?? '';
        const b = row.get(col.b) ?? '';
        const raw = (row.get(col.outcome) ?? '').toLowerCase();
        if (!a) problems.push({ line: row.line, field: col.a, message: 'is empty' });
        if (!b) problems.push({ line: row.line, field: col.b, message: 'is empty' });
        if (a && a === b) problems.push({ line: row.line, field: col.b, message: `"${b}" is compared with itself` });
        if (!(raw in OUTCOMES))
          problems.push({ line: row.line, field: col.outcome, message: `"${row.get(col.outcome)}" is not A, B or tie` });
        return [{ a, b, value: OUTCOMES[raw] ?? 0, rater: (col.rater && row.get(col.rater)) || 'imported' }];
      });
      if (problems.length > 0) throw new DataError(file, problems.slice(0, 20));
      if (votes.length === 0) throw DataError.one(file, { message: 'no votes in the file' });
      const { ws, runId, configRunId } = await openForStudy(o);
      try {
        const studyId = o.study ?? `arena-${basename(file).replace(/\.[^.]*$/, '')}`;
        await refuseExistingStudy(ws.store, studyId);
        const assignments: Omit<AssignmentRecord, 'createdAt'>[] = votes.map((v, i) => ({
          id: `${studyId}/${i}`,
          studyId,
          raterId: v.rater,
          item: `${v.a}|${v.b}`,
          position: i,
          kind: 'normal',
        }));
        const ratings: NewRating[] = votes.map((v, i) => ({
          studyId,
          assignmentId: `${studyId}/${i}`,
          raterId: v.rater,
          dimension: 'preference',
          value: v.value,
          cannotRate: null,
          timeMs: 0,
          watchedToEnd: null,
        }));
        await ensureRunFor(ws.store, runId, configRunId, 'imported votes');
        await ws.store.createStudy({
          id: studyId,
          runId,
          name: studyId,
          mode: 'pairwise',
          config: { source: 'import', file: basename(file) },
          status: 'closed',
        });
        await writeStudyRows(ws.store, studyId, assignments, ratings);
        console.log(
          `Imported ${votes.length} votes on ${new Set(votes.flatMap((v) => [v.a, v.b])).size} systems into study "${studyId}" (run "${runId}").`,
        );
      } finally {
        await ws.close();
      }
    });
}

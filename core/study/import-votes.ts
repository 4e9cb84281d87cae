import { basename } from 'node:path';
import { type CsvTable, DataError, type DataProblem, PAIR_VALUE, type NewRating, type Store } from '../types/index.js';
import { openPlaceholderRun } from './placeholder-run.js';
import { refuseExistingStudy, studyIdFor, writeClosedStudy, type NewAssignment } from './write-study.js';

/** The header names each column may have in a file of pairwise votes (matched ignoring case, "_" and "-"). */
export const VOTE_COLUMNS = {
  a: ['system_a', 'model_a', 'generator_a', 'a'],
  b: ['system_b', 'model_b', 'generator_b', 'b'],
  outcome: ['outcome', 'winner', 'vote', 'preference'],
  rater: ['rater', 'rater_id', 'judge', 'worker_id'],
} as const;

/** The spellings of an outcome that public arena dumps use, stored as the rater UI stores votes. */
const OUTCOMES: Record<string, number> = {
  a: PAIR_VALUE.A,
  model_a: PAIR_VALUE.A,
  system_a: PAIR_VALUE.A,
  b: PAIR_VALUE.B,
  model_b: PAIR_VALUE.B,
  system_b: PAIR_VALUE.B,
  tie: PAIR_VALUE.tie,
  draw: PAIR_VALUE.tie,
  'tie (bothbad)': PAIR_VALUE.tie,
  equal: PAIR_VALUE.tie,
};

export interface VotesFile {
  file: string;
  votes: { a: string; b: string; value: number; rater: string }[];
}

/** Reads every vote of a file; a missing column or a bad row is a DataError naming the file, line and column. */
export function readVotesFile(table: CsvTable): VotesFile {
  const col = {
    a: table.require('system_a', VOTE_COLUMNS.a),
    b: table.require('system_b', VOTE_COLUMNS.b),
    outcome: table.require('outcome', VOTE_COLUMNS.outcome),
    rater: table.column(VOTE_COLUMNS.rater),
  };
  const problems: DataProblem[] = [];
  const votes = table.rows.map((row) => {
    const a = row.get(col.a) ?? '';
    const b = row.get(col.b) ?? '';
    const raw = (row.get(col.outcome) ?? '').toLowerCase();
    if (!a) problems.push({ line: row.line, field: col.a, message: 'is empty' });
    if (!b) problems.push({ line: row.line, field: col.b, message: 'is empty' });
    if (a && a === b) problems.push({ line: row.line, field: col.b, message: `"${b}" is compared with itself` });
    if (!(raw in OUTCOMES)) problems.push({ line: row.line, field: col.outcome, message: `"${row.get(col.outcome)}" is not A, B or tie` });
    return { a, b, value: OUTCOMES[raw] ?? 0, rater: (col.rater && row.get(col.rater)) || 'imported' };
  });
  if (problems.length > 0) throw new DataError(table.file, problems.slice(0, 20));
  if (votes.length === 0) throw DataError.one(table.file, { message: 'no votes in the file' });
  return { file: table.file, votes };
}

export interface ImportedVotes {
  studyId: string;
  votes: number;
  systems: number;
  /** Whether the run did not exist and a placeholder was made to hold the study. */
  placeholder: boolean;
}

/** Imports pairwise votes as a closed pairwise study of the run (default id `arena-<file name>`), one assignment per vote. */
export async function importVotes(store: Store, file: VotesFile, o: { runId: string; studyId?: string }): Promise<ImportedVotes> {
  const studyId = o.studyId ?? studyIdFor('arena', file.file);
  await refuseExistingStudy(store, studyId);
  const assignments: NewAssignment[] = file.votes.map((v, i) => ({
    id: `${studyId}/${i}`,
    studyId,
    raterId: v.rater,
    item: `${v.a}|${v.b}`,
    position: i,
    kind: 'normal',
  }));
  const ratings: NewRating[] = file.votes.map((v, i) => ({
    studyId,
    assignmentId: `${studyId}/${i}`,
    raterId: v.rater,
    dimension: 'preference',
    value: v.value,
    cannotRate: null,
    timeMs: 0,
    watchedToEnd: null,
  }));
  const placeholder = await openPlaceholderRun(store, o.runId, 'imported votes');
  const config = { source: 'import', file: basename(file.file) } as const;
  await writeClosedStudy(store, { id: studyId, runId: o.runId, name: studyId, mode: 'pairwise', config }, assignments, ratings);
  const systems = new Set(file.votes.flatMap((v) => [v.a, v.b])).size;
  return { studyId, votes: file.votes.length, systems, placeholder };
}

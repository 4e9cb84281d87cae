import { basename } from 'node:path';
import { type CsvTable, DataError, type DataProblem, type NewRating, type Store } from '../types/index.js';
import { openPlaceholderRun } from './placeholder-run.js';
import type { ImportConfig } from './study-config.js';
import { refuseExistingStudy, studyIdFor, writeClosedStudy, type NewAssignment } from './write-study.js';

/** The header names each column may have in a long-format ratings file (matched ignoring case, "_" and "-"). */
export const RATING_COLUMNS = {
  item: ['item', 'item_id', 'generation', 'generation_key', 'media', 'stimulus', 'unit'],
  rater: ['rater', 'rater_id', 'worker', 'worker_id', 'annotator', 'subject'],
  dimension: ['dimension', 'aspect', 'criterion', 'question'],
  score: ['score', 'rating', 'value', 'opinion'],
  generator: ['generator', 'generator_id', 'system', 'model'],
  prompt: ['prompt', 'prompt_id'],
} as const;

/** The dimension of a file without a dimension column: one rating per item and rater. */
export const SINGLE_DIMENSION = 'rating';

/** A ratings file whose columns were found; its rows are checked against the run when imported. */
export interface RatingsFile {
  table: CsvTable;
  columns: { item: string; rater: string; dimension?: string; score: string; generator?: string; prompt?: string };
}

/** Finds the columns of a ratings file; a missing one is a DataError naming the file and the names expected. */
export function readRatingsFile(table: CsvTable): RatingsFile {
  return {
    table,
    columns: {
      item: table.require('item', RATING_COLUMNS.item),
      rater: table.require('rater', RATING_COLUMNS.rater),
      dimension: table.column(RATING_COLUMNS.dimension),
      score: table.require('score', RATING_COLUMNS.score),
      generator: table.column(RATING_COLUMNS.generator),
      prompt: table.column(RATING_COLUMNS.prompt),
    },
  };
}

export interface ImportedRatings {
  studyId: string;
  ratings: number;
  raters: number;
  /** Whether the run did not exist and a placeholder was made to hold the study. */
  placeholder: boolean;
  /** Whether the items name no generator: rater agreement and screening only. */
  reliabilityOnly: boolean;
}

/**
 * Imports likert ratings, one score per row, as a closed study of the run (default id
 * `import-<file name>`). Every bad row is reported with its line and column, and nothing is
 * written unless every row is good. A file without a generator column none of whose items is a
 * generation of the run is a reliability study: its items name no generator, and only rater
 * agreement and screening are computed from it (`loupe ratings reliability`). Where some items are
 * generations, an unknown one is an error (a typo must not turn a file into another kind of study).
 */
export async function importRatings(store: Store, file: RatingsFile, o: { runId: string; studyId?: string }): Promise<ImportedRatings> {
  const studyId = o.studyId ?? studyIdFor('import', file.table.file);
  await refuseExistingStudy(store, studyId);
  const known = new Set((await store.listGenerations({ runId: o.runId })).map((g) => g.key));
  const reliabilityOnly = !file.columns.generator && !file.table.rows.some((row) => known.has(row.get(file.columns.item) ?? ''));
  const { assignments, ratings, items } = studyRows(file, studyId, o.runId, known, reliabilityOnly);
  const placeholder = await openPlaceholderRun(store, o.runId, 'imported ratings');
  const config: ImportConfig = { source: 'import', file: basename(file.table.file), items };
  await writeClosedStudy(store, { id: studyId, runId: o.runId, name: studyId, mode: 'likert', config }, assignments, ratings);
  return { studyId, ratings: ratings.length, raters: new Set(assignments.map((a) => a.raterId)).size, placeholder, reliabilityOnly };
}

function studyRows(file: RatingsFile, studyId: string, runId: string, known: ReadonlySet<string>, reliabilityOnly: boolean) {
  const { table, columns: col } = file;
  const problems: DataProblem[] = [];
  const items: ImportConfig['items'] = {};
  const assignments: NewAssignment[] = [];
  const ratings: NewRating[] = [];
  const assignmentOf = new Map<string, string>();
  const passes = new Map<string, number>();
  for (const row of table.rows) {
    const item = row.get(col.item) ?? '';
    const rater = row.get(col.rater) ?? '';
    const dimension = col.dimension ? (row.get(col.dimension) ?? '') : SINGLE_DIMENSION;
    const raw = row.get(col.score) ?? '';
    const generator = col.generator ? row.get(col.generator) : undefined;
    for (const [field, v] of [
      [col.item, item],
      [col.rater, rater],
      [col.dimension ?? 'dimension', dimension],
    ] as const)
      if (!v) problems.push({ line: row.line, field, message: 'is empty' });
    const score = raw === '' ? null : Number(raw);
    if (score !== null && !(Number.isFinite(score) && score >= 1 && score <= 5))
      problems.push({ line: row.line, field: col.score, message: `"${raw}" is not a score from 1 to 5` });
    if (item && !known.has(item)) {
      if (reliabilityOnly) items[item] = { prompt: col.prompt ? row.get(col.prompt) || undefined : undefined };
      else if (!generator)
        problems.push({
          line: row.line,
          field: col.generator ?? 'generator',
          message: `item "${item}" is not a generation of run "${runId}": give its generator in a generator column`,
        });
      else items[item] = { generator, prompt: col.prompt ? row.get(col.prompt) || undefined : undefined };
    }
    if (problems.length > 0) continue;
    // One assignment per (rater, item, dimension pass): a second score of the same item and dimension is a repeat.
    const seen = passes.get(`${rater}\u0000${item}\u0000${dimension}`) ?? 0;
    passes.set(`${rater}\u0000${item}\u0000${dimension}`, seen + 1);
    const key = `${rater}\u0000${item}\u0000${seen}`;
    if (!assignmentOf.has(key)) {
      const id = `${studyId}/${assignments.length}`;
      assignmentOf.set(key, id);
      assignments.push({ id, studyId, raterId: rater, item, position: assignments.length, kind: seen === 0 ? 'normal' : 'repeat' });
    }
    ratings.push({
      studyId,
      assignmentId: assignmentOf.get(key)!,
      raterId: rater,
      dimension,
      value: score,
      cannotRate: score === null ? 'empty score in import' : null,
      timeMs: 0,
      watchedToEnd: null,
    });
  }
  if (problems.length > 0) throw new DataError(table.file, problems.slice(0, 20));
  if (ratings.length === 0) throw DataError.one(table.file, { message: 'no ratings in the file' });
  return { assignments, ratings, items };
}

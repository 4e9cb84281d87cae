import { basename } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/load.js';
import { loadConfigFile, openWorkspace, type Workspace } from './compose.js';
import { DataError, type DataProblem } from '../types/data-error.js';
import type { AssignmentRecord, NewRating, Store } from '../types/store.js';
import { simulateRatings } from '../study/simulate-ratings.js';
import { openPlaceholderRun } from '../run/placeholder-run.js';
import { readCsvTable } from './csv-table.js';

export const RATING_COLUMNS = {
  item: ['item', 'item_id', 'generation', 'generation_key', 'media', 'stimulus'],
  rater: ['rater', 'rater_id', 'worker', 'worker_id', 'annotator', 'subject'],
  dimension: ['dimension', 'aspect', 'criterion', 'question'],
  score: ['score', 'rating', 'value', 'opinion'],
  generator: ['generator', 'generator_id', 'system', 'model'],
  prompt: ['prompt', 'prompt_id'],
} as const;

interface Common {
  config: string;
  run?: string;
}

/** Opens the config's store and names the run to attach a study to (the config's run unless --run). */
export async function openForStudy(options: Common): Promise<{ ws: Workspace; runId: string; configRunId: string }> {
  const loaded = loadConfigFile(options.config);
  const ws = await openWorkspace(loaded);
  return { ws, runId: options.run ?? loaded.config.run.id, configRunId: loaded.config.run.id };
}

/** Imported data needs a run to belong to: makes a placeholder when the run does not exist, and says so. */
export async function ensureRunFor(store: Store, runId: string, configRunId: string, holds: string): Promise<void> {
  if (!(await openPlaceholderRun(store, runId, holds))) return;
  const report =
    runId === configRunId ? '`loupe report` reports it' : `\`loupe report\` reports it when run.id in the config is "${runId}"`;
  console.log(`Run "${runId}" did not exist: made it as a placeholder that holds ${holds} and no generations of its own; ${report}.`);
}

export async function refuseExistingStudy(store: Store, id: string): Promise<void> {
  if (await store.getStudy(id)) throw new Error(`study "${id}" already exists: choose another id with --study`);
}

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
      const { ws, runId } = await openForStudy(o);
      try {
        await refuseExistingStudy(ws.store, o.study);
        const gens = await ws.store.listGenerations({ runId, status: 'done' });
        if (gens.length === 0) throw new Error(`run "${runId}" has no finished generations to rate: run \`loupe generate\` first`);
        const ids = [...new Set(gens.map((g) => g.generatorId))];
        const quality = parseQuality(o.quality) ?? Object.fromEntries(ids.map((id, i) => [id, Math.max(1.5, 4 - 0.6 * i)]));
        const sim = simulateRatings(
          gens.map((g) => ({ key: g.key, generatorId: g.generatorId, unit: `${g.promptSetId}/${g.promptId}/${g.language}` })),
          { quality, seed: o.seed, honestRaters: o.raters },
        );
        await ws.store.createStudy({
          id: o.study,
          runId,
          name: `${o.study} (simulated)`,
          mode: 'likert',
          config: { source: 'simulated', seed: o.seed, quality, raters: sim.raters },
          status: 'closed',
        });
        await writeStudyRows(
          ws.store,
          o.study,
          sim.assignments.map((a) => ({ ...a, id: `${o.study}/${a.id}`, studyId: o.study })),
          sim.ratings.map((r) => ({
            studyId: o.study,
            assignmentId: `${o.study}/${r.assignmentId}`,
            raterId: r.raterId,
            dimension: r.dimension,
            value: r.value,
            cannotRate: null,
            timeMs: 0,
            watchedToEnd: null,
          })),
        );
        console.log(
          `Study "${o.study}": ${sim.raters.length} simulated raters (${sim.raters
            .filter((r) => r.kind !== 'honest')
            .map((r) => r.id)
            .join(
              ', ',
            )} are bad on purpose), ${sim.assignments.length} assignments, ${sim.ratings.length} ratings on run "${runId}". \`loupe report\` now includes them.`,
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
        .map(([k, v]) => `  ${k.padEnd(10)} ${v.join(', ')}${k === 'generator' || k === 'prompt' ? ' (optional)' : ''}`)
        .join('\n')}\nAn item that is not a generation of the run needs a generator. Scores are 1 to 5; an empty score is "cannot rate".`,
    )
    .action(async (file: string, o: Common & { study?: string }) => {
      const table = readCsvTable(file);
      const col = {
        item: table.require('item', RATING_COLUMNS.item),
        rater: table.require('rater', RATING_COLUMNS.rater),
        dimension: table.require('dimension', RATING_COLUMNS.dimension),
        score: table.require('score', RATING_COLUMNS.score),
        generator: table.column(RATING_COLUMNS.generator),
        prompt: table.column(RATING_COLUMNS.prompt),
      };
      const { ws, runId, configRunId } = await openForStudy(o);
      try {
        const studyId = o.study ?? `import-${basename(file).replace(/\.[^.]*$/, '')}`;
        await refuseExistingStudy(ws.store, studyId);
        const known = new Set((await ws.store.listGenerations({ runId })).map((g) => g.key));
        const problems: DataProblem[] = [];
        const items: Record<string, { generator: string; prompt?: string }> = {};
        const assignments: Omit<AssignmentRecord, 'createdAt'>[] = [];
        const ratingsOut: NewRating[] = [];
        const assignmentOf = new Map<string, string>();
        const passes = new Map<string, number>();
        for (const row of table.rows) {
          const item = row.get(col.item) ?? '';
          const rater = row.get(col.rater) ?? '';
          const dimension = row.get(col.dimension) ?? '';
          const raw = row.get(col.score) ?? '';
          const generator = col.generator ? row.get(col.generator) : undefined;
          for (const [field, v] of [
            [col.item, item],
            [col.rater, rater],
            [col.dimension, dimension],
          ] as const)
            if (!v) problems.push({ line: row.line, field, message: 'is empty' });
          const score = raw === '' ? null : Number(raw);
          if (score !== null && !(Number.isFinite(score) && score >= 1 && score <= 5))
            problems.push({ line: row.line, field: col.score, message: `"${raw}" is not a score from 1 to 5` });
          if (item && !known.has(item)) {
            if (!generator)
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
          ratingsOut.push({
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
        if (problems.length > 0) throw new DataError(file, problems.slice(0, 20));
        if (ratingsOut.length === 0) throw DataError.one(file, { message: 'no ratings in the file' });
        await ensureRunFor(ws.store, runId, configRunId, 'imported ratings');
        await ws.store.createStudy({
          id: studyId,
          runId,
          name: studyId,
          mode: 'likert',
          config: { source: 'import', file: basename(file), items },
          status: 'closed',
        });
        await writeStudyRows(ws.store, studyId, assignments, ratingsOut);
        const raters = new Set(assignments.map((a) => a.raterId)).size;
        console.log(`Imported ${ratingsOut.length} ratings by ${raters} raters into study "${studyId}" (run "${runId}").`);
      } finally {
        await ws.close();
      }
    });
}

export async function writeStudyRows(
  store: Store,
  _studyId: string,
  assignments: readonly Omit<AssignmentRecord, 'createdAt'>[],
  ratings: readonly NewRating[],
): Promise<void> {
  await store.addAssignments(assignments);
  for (let i = 0; i < ratings.length; i += 500) await store.addRatings(ratings.slice(i, i + 500));
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

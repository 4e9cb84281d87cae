import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUILTIN_SETS_DIR, loadBuiltinSets } from './builtin.js';
import { PUBLIC_DIR } from './suites/catalogue.js';
import { describeSet, type SetSummary } from './set-summary.js';

/**
 * The built-in sets' summaries, written by `npm run build` beside the compiled prompt code. Listing
 * 5,000+ prompts would otherwise read and validate every file on each `loupe prompts list`; the
 * build has validated them once, and the hash says whether the data is still what it validated.
 */
export const SUMMARY_INDEX = join(import.meta.dirname, 'builtin-summaries.json');

interface SummaryIndex {
  hash: string;
  summaries: SetSummary[];
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();

/** sha256 over the path and bytes of every file of the built-in sets and public suites: any edit changes it. */
export function builtinDataHash(): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(BUILTIN_SETS_DIR), ...filesUnder(PUBLIC_DIR)]) {
    hash.update(`${relative(import.meta.dirname, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Reads (and so validates) every built-in set and writes their summaries with the data's hash; returns how many. */
export function writeBuiltinSummaries(index: string = SUMMARY_INDEX): number {
  const summaries = loadBuiltinSets().map((set) => describeSet(set, 'builtin'));
  writeFileSync(index, JSON.stringify({ hash: builtinDataHash(), summaries } satisfies SummaryIndex));
  return summaries.length;
}

/**
 * The built-in sets' summaries: from the build's index while the data has the hash it was built
 * from; otherwise (running the sources, or a data file edited since) by reading every set, so a
 * bad file fails with its file and line as when a run loads it.
 */
export function builtinSummaries(index: string = SUMMARY_INDEX): SetSummary[] {
  let stored: SummaryIndex | undefined;
  try {
    stored = JSON.parse(readFileSync(index, 'utf8')) as SummaryIndex;
  } catch {
    // No index (the sources, not a build) or an unreadable one: read the sets themselves.
  }
  if (stored?.hash === builtinDataHash()) return stored.summaries;
  return loadBuiltinSets().map((set) => describeSet(set, 'builtin'));
}

import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import { DataError } from '../types/index.js';
import { compareRuns, type RunComparison } from '../report/index.js';
import { analysisOptions } from './analysis-options.js';
import { loadConfigFile, metricDescriptions, openConfigStore } from './compose.js';
import { textTable } from './text-table.js';
import { BASELINE_STORE_FLAG, BASELINE_STORE_HELP, openBaselineStore } from './baseline-store.js';

export const ALLOW_MISMATCH_FLAG = '--allow-provenance-mismatch';

interface CompareOptions {
  config: string;
  baselineStore?: string;
  json?: boolean;
  allowProvenanceMismatch?: boolean;
}

/** `loupe compare <baseline> <candidate>`: what changed between two runs, of one store or two, beyond noise. */
export function registerCompareCommand(program: Command): void {
  program
    .command('compare <baseline> <candidate>')
    .description(
      "compare two runs (of the config's store, or the baseline of another with --baseline-store) on the prompts both made (same prompt, language and sample): per generator and metric or human dimension, the mean paired difference with its 95% interval, and what changed beyond noise",
    )
    .option('-c, --config <file>', 'the config file naming the store', DEFAULT_CONFIG_FILE)
    .option('--json', 'print the comparison as JSON')
    .option(
      `${ALLOW_MISMATCH_FLAG}`,
      "compare even when a metric's provenance differs between the runs (version, weights sha256, precision, preprocessing): the numbers may not be comparable",
    )
    .option(`${BASELINE_STORE_FLAG} <where>`, BASELINE_STORE_HELP)
    .action(async (baseline: string, candidate: string, o: CompareOptions) => {
      const loaded = loadConfigFile(o.config);
      const other = o.baselineStore === undefined ? null : await openBaselineStore(o.baselineStore, loaded);
      try {
        const store = await openConfigStore(loaded);
        try {
          const runs = {
            baseline: { store: other?.store ?? store, runId: baseline, where: other?.where },
            candidate: { store, runId: candidate },
          };
          const comparison = await compareRuns(runs, metricDescriptions(loaded), analysisOptions(loaded));
          provenanceGate(comparison, o.allowProvenanceMismatch ?? false);
          console.log(o.json ? JSON.stringify(comparison, null, 2) : comparisonText(comparison));
        } finally {
          await store.close();
        }
      } finally {
        await other?.close();
      }
    });
}

/**
 * Refuses (a DataError: exit code 2) two runs whose metrics were computed differently, unless
 * allowed; then it warns. The report's --baseline uses the same rule.
 */
export function provenanceGate(c: RunComparison, allowed: boolean): void {
  if (c.provenance.length === 0) return;
  const lines = c.provenance.map((d) => `  ${d.metric} ${d.field}: ${short(d.baseline)} -> ${short(d.candidate)}`).join('\n');
  if (allowed) {
    console.error(`warning: the two runs' metrics were not computed the same way; their differences may come from that:\n${lines}`);
    return;
  }
  throw DataError.one(`runs "${c.baseline.id}" and "${c.candidate.id}"`, {
    message: `their metrics were not computed the same way, so their numbers may not be comparable:\n${lines}\nRescore one run with the other's settings, or pass ${ALLOW_MISMATCH_FLAG} to compare anyway.`,
  });
}

const short = (v: string | null) => (v === null ? '(none)' : v.length > 60 ? `${v.slice(0, 57)}...` : v);

const num = (x: number | null) => (x === null ? '–' : Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(3));

export function comparisonText(c: RunComparison): string {
  const verdict = (r: RunComparison['rows'][number]) => {
    if (!r.change) return r.low === null ? 'too few pairs' : r.low === 0 && r.high === 0 ? 'unchanged' : 'within noise';
    const better = (r.change === 'up') === (r.direction === 'higher-is-better');
    return `${r.change === 'up' ? 'higher' : 'lower'} (${better ? 'better' : 'worse'})`;
  };
  const table = textTable(
    ['generator', 'measure', 'pairs', 'baseline', 'candidate', 'difference', '95% interval', 'change'],
    c.rows.map((r) => [
      r.generator,
      r.measure,
      r.pairs,
      num(r.baseline),
      num(r.candidate),
      num(r.difference),
      r.low === null ? '–' : `[${num(r.low)}, ${num(r.high)}]`,
      verdict(r),
    ]),
    2,
  );
  const changed = c.rows.filter((r) => r.change);
  const only = [
    c.onlyBaseline.length ? `Only in the baseline: ${c.onlyBaseline.join(', ')}.` : '',
    c.onlyCandidate.length ? `Only in the candidate: ${c.onlyCandidate.join(', ')}.` : '',
  ].filter(Boolean);
  return [
    `Run "${c.candidate.id}" against baseline "${c.baseline.id}"${c.baseline.store ? ` of the store ${c.baseline.store}` : ''}: ${c.commonUnits} prompt(s) made by both (same prompt set, prompt, language, sample and text); differences are candidate minus baseline, paired per prompt.`,
    '',
    table,
    '',
    changed.length
      ? `Changed beyond noise (the 95% interval excludes 0): ${changed.map((r) => `${r.generator} ${r.measure} ${verdict(r)}`).join('; ')}.`
      : 'Nothing changed beyond noise (every 95% interval includes 0).',
    ...only,
  ].join('\n');
}

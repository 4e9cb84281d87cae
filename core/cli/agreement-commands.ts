import type { Command } from 'commander';
import { metricAgreement, type Agreement } from '../analysis/index.js';
import { readAgreementTable, type TableColumns } from './agreement-table.js';
import { formatAgreement } from './agreement-text.js';

interface AgreementOptions extends TableColumns {
  metric: string[];
  lowerIsBetter: string[];
  minTau: number;
  minCeilingFraction: number;
  seed: number;
  iterations: number;
  json?: boolean;
}

const float = (v: string) => Number.parseFloat(v);
const int = (v: string) => Number.parseInt(v, 10);

/** `loupe agreement <table.csv>`: metric against human scores from any source, no run needed. */
export function registerAgreementCommands(program: Command): void {
  program
    .command('agreement <csv>')
    .description(
      'how well each metric column agrees with people: item-level Spearman, Kendall tau-b, Pearson, pairwise accuracy with ties (epsilon 0 and tie-calibrated, pooled and per prompt), system-level Kendall tau-b where there are systems, beside the human ceiling (how well raters agree with each other), with bootstrap intervals over units and a flag where a metric does not agree with people or is weak',
    )
    .requiredOption('--metric <columns...>', 'one or more metric columns')
    .option('--human <column>', 'the human score column (e.g. a MOS per item); default: the mean of --raters or --ratings')
    .option('--raters <columns...>', 'per-rater score columns: the human ceiling is computed from them')
    .option('--ratings <csv>', 'a long ratings file (one score per row): the human ceiling is computed from it')
    .option('--ratings-key <columns...>', 'its columns that name the item (default: its item column)')
    .option('--ratings-score <column>', 'its score column (default: score, rating, value, opinion or answer)')
    .option('--dimension <name>', 'the dimension to read from a ratings file with a dimension column (needed when it has several)')
    .option('--key <columns...>', 'the table columns that match --ratings-key (default: the item column)')
    .option('--system <column>', 'the system (generator) column (default: "system" when present; without one, item level only)')
    .option('--item <column>', 'the item column (default: "item" when present, else the line)')
    .option(
      '--unit <column>',
      'what systems share (a prompt): the bootstrap resamples it and per-prompt accuracy groups by it (default: the item)',
    )
    .option('--lower-is-better <columns...>', 'metric columns where lower means better', [])
    .option('--min-tau <x>', 'flag a metric whose system-level tau is below this', float, 0.5)
    .option('--min-ceiling-fraction <x>', 'flag as weak a metric clearly below this fraction of the human ceiling', float, 0.5)
    .option('--seed <n>', 'bootstrap seed', int, 1)
    .option('--iterations <n>', 'bootstrap replicates', int, 1000)
    .option('--json', 'machine-readable output')
    .action((file: string, o: AgreementOptions) => {
      const table = readAgreementTable(file, o);
      const results: (Agreement & { metric: string })[] = o.metric.map((metric) => ({
        metric,
        ...metricAgreement(table.rowsFor(metric), {
          direction: o.lowerIsBetter.includes(metric) ? 'lower-is-better' : 'higher-is-better',
          minSystemTau: o.minTau,
          minCeilingFraction: o.minCeilingFraction,
          seed: o.seed,
          iterations: o.iterations,
        }),
      }));
      const head = { human: table.human, system: table.system, seed: o.seed, iterations: o.iterations };
      if (o.json)
        console.log(
          JSON.stringify({ ...head, minSystemTau: o.minTau, minCeilingFraction: o.minCeilingFraction, metrics: results }, null, 2),
        );
      else console.log(formatAgreement(head, results));
    });
}

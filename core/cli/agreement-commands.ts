import type { Command } from 'commander';
import { DataError, type DataProblem } from '../types/index.js';
import { metricAgreement, type Agreement, type Estimate } from '../analysis/index.js';
import { readCsvTable } from './csv-table.js';

interface AgreementOptions {
  human: string;
  metric: string[];
  system: string;
  item: string;
  unit?: string;
  lowerIsBetter: string[];
  minTau: number;
  seed: number;
  iterations: number;
  epsilon: number;
  json?: boolean;
}

/** `loupe agreement <table.csv>`: metric against human scores from any source, no run needed. */
export function registerAgreementCommands(program: Command): void {
  program
    .command('agreement <csv>')
    .description(
      'how well each metric column agrees with a human score column: Kendall tau-b across systems, Spearman, Kendall and pairwise accuracy with ties (acc_eq) across items, bootstrap intervals, and a flag where agreement is not clearly positive',
    )
    .requiredOption('--human <column>', 'the human score column (e.g. a MOS per item)')
    .requiredOption('--metric <columns...>', 'one or more metric columns')
    .option('--system <column>', 'the system (generator) column', 'system')
    .option('--item <column>', 'the item column', 'item')
    .option('--unit <column>', 'what systems share (a prompt): the bootstrap resamples it (default: the item column)')
    .option('--lower-is-better <columns...>', 'metric columns where lower means better', [])
    .option('--min-tau <x>', 'flag a metric whose system-level tau is below this', Number.parseFloat, 0.5)
    .option('--epsilon <x>', 'metric differences within this count as ties in pairwise accuracy', Number.parseFloat, 0)
    .option('--seed <n>', 'bootstrap seed', (v) => Number.parseInt(v, 10), 1)
    .option('--iterations <n>', 'bootstrap replicates', (v) => Number.parseInt(v, 10), 1000)
    .option('--json', 'machine-readable output')
    .action((file: string, o: AgreementOptions) => {
      const table = readCsvTable(file);
      const need = (c: string) => {
        if (!table.header.includes(c))
          throw DataError.one(file, { line: 1, field: c, message: `no such column; the header has ${table.header.join(', ')}` });
        return c;
      };
      const [human, system, item] = [need(o.human), need(o.system), need(o.item)];
      const unit = o.unit ? need(o.unit) : item;
      const results: (Agreement & { metric: string })[] = [];
      for (const metric of o.metric.map(need)) {
        const problems: DataProblem[] = [];
        const rows = table.rows.flatMap((row) => {
          const h = row.get(human) ?? '';
          const m = row.get(metric) ?? '';
          if (m === '' || h === '') return []; // empty: the metric does not apply, or nobody rated it
          if (!Number.isFinite(Number(h))) problems.push({ line: row.line, field: human, message: `"${h}" is not a number` });
          if (!Number.isFinite(Number(m))) problems.push({ line: row.line, field: metric, message: `"${m}" is not a number` });
          return [
            { item: row.get(item) ?? '', system: row.get(system) ?? '', unit: row.get(unit) ?? '', human: Number(h), metric: Number(m) },
          ];
        });
        if (problems.length > 0) throw new DataError(file, problems.slice(0, 20));
        results.push({
          metric,
          ...metricAgreement(rows, {
            direction: o.lowerIsBetter.includes(metric) ? 'lower-is-better' : 'higher-is-better',
            minSystemTau: o.minTau,
            seed: o.seed,
            iterations: o.iterations,
            epsilon: o.epsilon,
          }),
        });
      }
      if (o.json)
        console.log(JSON.stringify({ human, minSystemTau: o.minTau, seed: o.seed, iterations: o.iterations, metrics: results }, null, 2));
      else console.log(formatAgreement(human, results));
    });
}

const est = (e: Estimate) =>
  e.value === null ? 'n/a' : `${e.value.toFixed(3)} [${e.low?.toFixed(3) ?? '?'}, ${e.high?.toFixed(3) ?? '?'}]`;

export function formatAgreement(human: string, results: readonly (Agreement & { metric: string })[]): string {
  const lines = [`Agreement with "${human}" (95% bootstrap intervals):`];
  for (const r of [...results].sort((a, b) => Number(b.flagged) - Number(a.flagged))) {
    lines.push('', `${r.flagged ? 'FLAGGED ' : 'ok      '}${r.metric}  (${r.items} items, ${r.systems} systems)`);
    lines.push(
      `  system Kendall tau-b  ${est(r.systemTau)}`,
      `  item Spearman         ${est(r.itemSpearman)}`,
      `  item Kendall tau-b    ${est(r.itemKendall)}`,
      `  pairwise acc (ties)   ${est(r.pairwiseAccuracy)}`,
    );
    for (const reason of r.reasons) lines.push(`  - ${reason}`);
  }
  return lines.join('\n');
}

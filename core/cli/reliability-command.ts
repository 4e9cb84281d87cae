import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import { studyReliability, type StudyReliability } from '../study/index.js';
import { openForStudy } from './study-workspace.js';
import { textTable } from './text-table.js';

interface ReliabilityOptions {
  config: string;
  run?: string;
  study?: string[];
  json?: boolean;
}

/** `loupe ratings reliability`: how far raters agree, for any likert study, with or without generators. */
export function registerReliabilityCommand(ratings: Command): void {
  ratings
    .command('reliability')
    .description(
      "rater agreement (Krippendorff's alpha: nominal, ordinal, interval, ratio) and BT.500 screening per dimension of likert studies",
    )
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--run <id>', "the run whose likert studies to read (default: the config's run)")
    .option('--study <ids...>', 'only these studies (default: every likert study of the run)')
    .option('--json', 'print [{study, runId, dimensions: [{dimension, raters, items, ratings, alpha, screening}]}]')
    .action(async (o: ReliabilityOptions) => {
      const { ws, runId } = await openForStudy(o);
      try {
        const ids = o.study ?? (await ws.store.listStudies()).filter((s) => s.runId === runId && s.mode === 'likert').map((s) => s.id);
        if (ids.length === 0) throw new Error(`run "${runId}" has no likert study: import one with \`loupe ratings import\``);
        const results: StudyReliability[] = [];
        for (const id of ids) results.push(await studyReliability(ws.store, id));
        console.log(o.json ? JSON.stringify(results, null, 2) : results.map(reliabilityText).join('\n\n'));
      } finally {
        await ws.close();
      }
    });
}

const fixed = (v: number | null) => (v === null ? '-' : v.toFixed(3));

function reliabilityText(r: StudyReliability): string {
  const rows = r.dimensions.map((d) => {
    const screened = d.screening.filter((s) => s.rejected).map((s) => s.rater);
    return [
      d.dimension,
      d.raters,
      d.items,
      d.ratings,
      fixed(d.alpha.nominal),
      fixed(d.alpha.ordinal),
      fixed(d.alpha.interval),
      fixed(d.alpha.ratio),
      `${d.alpha.units} / ${d.alpha.values}`,
      screened.length ? screened.join(', ') : 'none',
    ];
  });
  const head = [
    'dimension',
    'raters',
    'items',
    'ratings',
    'α nominal',
    'ordinal',
    'interval',
    'ratio',
    'pairable units / values',
    'BT.500 rejects',
  ];
  return `Study "${r.study}" (run "${r.runId}")\n${textTable(head, rows)}`;
}

import type { PairedValue } from '../analysis/index.js';
import type { ReportGeneration } from './report-data.js';

/** One run's generation of the prompt where a measure changed most: the report shows both runs' media side by side. */
export interface ChangedItem {
  key: string;
  value: number;
  mediaHash: string | null;
  mime: string | null;
}

export interface LargestChange {
  promptId: string;
  language: string;
  text: string;
  baseline: ChangedItem;
  candidate: ChangedItem;
}

/** A paired value with the generation it was read from. */
export type SourcedValue = PairedValue & { generation: ReportGeneration };

/** The prompt (unit) with the largest |candidate - baseline| for one generator and measure; the first in unit order on a tie. */
export function largestChange(
  generator: string,
  measure: string,
  before: readonly SourcedValue[],
  after: readonly SourcedValue[],
): LargestChange | null {
  const side = (vs: readonly SourcedValue[]) =>
    new Map(vs.filter((v) => v.generator === generator && v.measure === measure && v.value !== null).map((v) => [v.unit, v]));
  const [a, b] = [side(before), side(after)];
  let best: [SourcedValue, SourcedValue] | null = null;
  for (const unit of [...a.keys()].sort()) {
    const [x, y] = [a.get(unit)!, b.get(unit)];
    if (y && (!best || Math.abs(y.value! - x.value!) > Math.abs(best[1].value! - best[0].value!))) best = [x, y];
  }
  if (!best) return null;
  const item = (v: SourcedValue): ChangedItem => ({
    key: v.generation.key,
    value: v.value!,
    mediaHash: v.generation.mediaHash,
    mime: v.generation.mime,
  });
  const g = best[1].generation;
  return { promptId: g.promptId, language: g.language, text: g.text, baseline: item(best[0]), candidate: item(best[1]) };
}

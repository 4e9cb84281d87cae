import type { BudgetCheck, CostLine, CostPlan, GeneratorCostLine } from '../run/index.js';
import { formatUsd as usd } from '../types/index.js';
import { textTable } from './text-table.js';

/** The estimate of a line: "no price" when nothing to make is priced, a lower bound when part is not. */
function estimateCell(line: CostLine): string {
  if (line.toMake > 0 && line.unpriced === line.toMake) return 'no price';
  return `${line.unpriced > 0 ? '≥ ' : ''}${usd(line.estimateUsd)}`;
}

function spentCell(line: CostLine): string {
  if (line.done > 0 && line.spentUnknown === line.done) return 'unknown';
  return `${line.spentUnknown > 0 ? '≥ ' : ''}${usd(line.spentUsd)}`;
}

function priceCell(g: GeneratorCostLine): string {
  const priced = g.prices.filter((p) => p.usd !== undefined);
  if (priced.length === 0) return 'no price';
  const values = new Set(g.prices.map((p) => p.usd));
  if (values.size === 1) return usd(priced[0]!.usd!);
  return g.prices.map((p) => `${p.modality} ${p.usd === undefined ? 'no price' : usd(p.usd)}`).join(', ');
}

const counts = (l: CostLine) => [l.planned, l.done, l.failedForGood, l.toMake];

/** The plan's tables (per generator with a total, per prompt set) and what they mean for the budget. */
export function renderCostPlan(plan: CostPlan, budget: BudgetCheck | undefined): string {
  const { total } = plan;
  const generators = textTable(
    ['generator', 'type', 'planned', 'done', 'failed for good', 'to make', 'price/request', 'cost to make', 'spent'],
    [
      ...plan.generators.map((g) => [g.id, g.type, ...counts(g), priceCell(g), estimateCell(g), spentCell(g)]),
      ['total', '', ...counts(total), '', estimateCell(total), spentCell(total)],
    ],
    2,
  );
  const sets = textTable(
    ['prompt set', 'planned', 'done', 'failed for good', 'to make', 'cost to make', 'spent'],
    plan.promptSets.map((s) => [`${s.id}@${s.version}`, ...counts(s), estimateCell(s), spentCell(s)]),
  );
  const notes: string[] = [];
  const unpriced = plan.generators.filter((g) => g.unpriced > 0).map((g) => g.id);
  if (unpriced.length > 0)
    notes.push(
      `No price for ${unpriced.join(', ')}: the estimate is a lower bound. Give pricePerRequestUsd (or pricePerSecondUsd for video) to count them.`,
    );
  if (total.failedForGood > 0)
    notes.push(`${total.failedForGood} generation(s) failed for good are not asked again; --retry-failed would count them as to make.`);
  notes.push(budget ? budgetLine(budget, total) : 'No budget: set run.budgetUsd to check the estimate against one.');
  return [generators, '', sets, '', ...notes].join('\n');
}

/** The plan's total (with the judges' estimate, where the run has judge metrics) against run.budgetUsd, and the verdict. */
export function budgetLine(b: BudgetCheck, total: CostLine): string {
  const atLeast = b.lowerBound ? 'at least ' : '';
  const orMore = (unknown: boolean) => (unknown ? 'at least ' : '');
  const judging = b.judging ? ` + ${orMore(b.judging.unpriced)}${usd(b.judging.usd)} judging` : '';
  const sum = `spent ${orMore(total.spentUnknown > 0)}${usd(total.spentUsd)} + ${orMore(total.unpriced > 0)}${usd(total.estimateUsd)} to make${judging} = ${atLeast}${usd(b.committedUsd)}`;
  let verdict: string;
  if (!b.fits) verdict = `over the budget by ${atLeast}${usd(b.overUsd)}`;
  else if (total.unpriced > 0 || b.judging?.unpriced) verdict = `fits only if what has no price costs at most ${usd(b.spareUsd)}`;
  else if (b.lowerBound) verdict = `fits only if the done generations without a stored cost spent at most ${usd(b.spareUsd)}`;
  else verdict = `fits the budget, ${usd(b.spareUsd)} to spare`;
  return `Budget ${usd(b.budgetUsd)} (run.budgetUsd): ${sum}: ${verdict}.`;
}

import cliProgress from 'cli-progress';
import type { RunEvent } from '../run/index.js';
import { formatUsd } from '../types/index.js';

interface Tally {
  done: number;
  failed: number;
  skipped: number;
  retries: number;
  costUsd: number;
  failures: Record<string, number>;
}

/** Turns run events into a progress bar (counts, failures, ETA) on stderr and keeps the tallies for the summary. */
export class RunProgress {
  readonly perGenerator = new Map<string, Tally>();
  private bar: cliProgress.SingleBar | undefined;
  private readonly startedAt = Date.now();
  private totals = { planned: 0, todo: 0 };
  private scoreErrors = 0;
  /** The first request the budget held back, if any. */
  overBudget: Extract<RunEvent, { type: 'over-budget' }> | undefined;

  constructor(private readonly quiet = false) {}

  readonly onEvent = (event: RunEvent): void => {
    switch (event.type) {
      case 'generate-start':
        this.totals = { planned: event.total, todo: event.todo };
        process.stderr.write(`Generating: ${event.todo} to make, ${event.total - event.todo} already done of ${event.total} planned.\n`);
        if (!this.quiet && event.todo > 0) this.startBar('generate', event.todo, 'ok {done} failed {failed} retries {retries}');
        break;
      case 'done':
        this.tally(event.item.generatorId).done++;
        this.tally(event.item.generatorId).costUsd += event.costUsd ?? 0;
        this.tick();
        break;
      case 'failed': {
        const t = this.tally(event.item.generatorId);
        t.failed++;
        t.failures[event.error.category] = (t.failures[event.error.category] ?? 0) + 1;
        this.tick();
        break;
      }
      case 'retry':
        this.tally(event.item.generatorId).retries++;
        this.tick(0);
        break;
      case 'skipped':
        this.tally(event.item.generatorId).skipped++;
        this.tick();
        break;
      case 'over-budget':
        this.overBudget ??= event;
        break;
      case 'generate-end':
      case 'score-end':
        this.stopBar();
        break;
      case 'score-start':
        this.stopBar();
        this.scoreErrors = 0;
        if (event.todo > 0 && !this.quiet) this.startBar(`score ${event.metricId}`, event.todo, 'unreadable {scoreErrors}');
        break;
      case 'scored':
        this.scoreErrors += event.errors;
        this.bar?.increment(event.count, this.payload());
        break;
    }
  };

  private tally(generatorId: string): Tally {
    let t = this.perGenerator.get(generatorId);
    if (!t) this.perGenerator.set(generatorId, (t = { done: 0, failed: 0, skipped: 0, retries: 0, costUsd: 0, failures: {} }));
    return t;
  }

  private sum(key: 'done' | 'failed' | 'retries'): number {
    return [...this.perGenerator.values()].reduce((a, t) => a + t[key], 0);
  }

  private payload() {
    return { done: this.sum('done'), failed: this.sum('failed'), retries: this.sum('retries'), scoreErrors: this.scoreErrors };
  }

  private tick(step = 1): void {
    this.bar?.increment(step, this.payload());
  }

  private startBar(label: string, total: number, counts: string): void {
    this.bar = new cliProgress.SingleBar(
      {
        format: `${label.padEnd(18)} {bar} {value}/{total} | ${counts} | {duration_formatted} elapsed, ETA {eta_formatted}`,
        hideCursor: true,
        gracefulExit: false,
        noTTYOutput: true,
        notTTYSchedule: 5000,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, this.payload());
  }

  private stopBar(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  /** The end-of-run table: one line per generator. */
  summary(): string {
    const lines = [
      `${'generator'.padEnd(22)} ${'made'.padStart(6)} ${'failed'.padStart(7)} ${'retries'.padStart(8)}  failures by category`,
    ];
    for (const [id, t] of this.perGenerator) {
      const failures =
        Object.entries(t.failures)
          .map(([c, n]) => `${c} ${n}`)
          .join(', ') || '-';
      lines.push(
        `${id.padEnd(22)} ${String(t.done).padStart(6)} ${String(t.failed).padStart(7)} ${String(t.retries).padStart(8)}  ${failures}`,
      );
    }
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    lines.push(`${this.totals.planned - this.totals.todo} of ${this.totals.planned} were already done before this call; ${seconds} s.`);
    const over = this.overBudget;
    if (over) {
      lines.push(
        `Budget reached: ${formatUsd(over.spentUsd)} of run.budgetUsd ${formatUsd(over.budgetUsd)} is spent or on its way, and a ${over.item.generatorId} request costs ${formatUsd(over.priceUsd)}: no new paid request was started. Raise run.budgetUsd and run again to go on.`,
      );
    }
    return lines.join('\n');
  }
}

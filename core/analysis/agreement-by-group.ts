import { describeFlag } from './agreement-flags.js';
import { metricAgreement, type Agreement, type AgreementOptions, type AgreementRow } from './metric-agreement.js';
import { groupBy } from './group-by.js';

/** What item-level agreement is split by: the prompt set, and the language of the prompt. */
export type AgreementGroupKey = 'set' | 'language';

export interface GroupedAgreementRow extends AgreementRow {
  groups: Partial<Record<AgreementGroupKey, string>>;
}

/** Agreement within one prompt set or one language; its verdict is on item level only. */
export interface GroupAgreement extends Agreement {
  by: AgreementGroupKey;
  group: string;
}

/** Fewer items than this in a group give an interval too wide to judge by. */
export const MIN_GROUP_ITEMS = 12;

/**
 * Agreement per prompt set and per language, so that a metric that works on one set and fails
 * on another (OCR on Latin text but not on Chinese) is caught even when the pooled numbers
 * look fine. A key with a single value is left out (it would repeat the pooled result), and so
 * is a group with fewer than MIN_GROUP_ITEMS items. Within a group the verdict looks at the
 * item level only (Spearman's interval reaching zero, or Spearman undefined because the metric
 * is constant there): with a handful of generators a system-level tau per set is too coarse.
 */
export function agreementByGroup(rows: readonly GroupedAgreementRow[], options: AgreementOptions = {}): GroupAgreement[] {
  const out: GroupAgreement[] = [];
  for (const by of ['set', 'language'] as const) {
    const groups = groupBy(
      rows.filter((r) => r.groups[by] !== undefined),
      (r) => r.groups[by]!,
    );
    if (groups.size < 2) continue;
    for (const [group, subset] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (subset.length < MIN_GROUP_ITEMS) continue;
      const a = metricAgreement(subset, { ...options, worst: 3 });
      const flags = a.flags.filter((f) => f.startsWith('item-'));
      out.push({ ...a, by, group, flags, flagged: flags.length > 0, reasons: flags.map((f) => describeFlag(f, a)) });
    }
  }
  return out;
}

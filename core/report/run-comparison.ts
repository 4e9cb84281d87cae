import { pairedDifferences, type PairedDifference, type PairedValue } from '../analysis/index.js';
import type { ReportData } from './report-data.js';
import type { ProvenanceDifference } from './provenance-differences.js';
import { largestChange, type LargestChange, type SourcedValue } from './largest-change.js';

export interface ComparisonRow extends PairedDifference {
  /** A metric, or a human dimension (item MOS of the raters kept by screening). */
  kind: 'metric' | 'human';
  direction: 'higher-is-better' | 'lower-is-better';
  /** For a change beyond noise: the prompt where it is largest, with both runs' generations (null otherwise). */
  largest: LargestChange | null;
}

/** Two runs of the same prompts compared: candidate minus baseline, generation by generation. */
export interface RunComparison {
  /** Settings of metrics that differ between the runs (compare-runs.ts fills them in from the stored scores). */
  provenance: ProvenanceDifference[];
  /** `store`: where the baseline run is when it is another store than the candidate's (a SQLite file, a Postgres URL without password). */
  baseline: { id: string; createdAt: string; store?: string };
  candidate: { id: string; createdAt: string };
  /** Prompts (set, prompt, language, sample, same text) made by both runs, over all generators. */
  commonUnits: number;
  rows: ComparisonRow[];
  /** Measures and generators found in one run only: nothing to pair them with. */
  onlyBaseline: string[];
  onlyCandidate: string[];
}

type Generation = ReportData['generations'][number];

/** What pairs a generation with its twin: prompt set, prompt, language, sample and the exact text sent. */
const unitOf = (g: Generation) => `${g.promptSetId}/${g.promptId}/${g.language}/${g.sample}\u0000${g.text}`;

/**
 * Compares two runs' report data. Refuses (with both run ids named) runs that share no
 * modality, no generator or no prompt: there would be nothing to pair.
 */
export function compareRunData(baseline: ReportData, candidate: ReportData): Omit<RunComparison, 'provenance'> {
  const names = `baseline "${baseline.run.id}" and candidate "${candidate.run.id}"`;
  const done = (d: ReportData) => d.generations.filter((g) => g.status === 'done');
  const modalities = (d: ReportData) => [...new Set(done(d).map((g) => g.modality))].sort();
  const [ma, mb] = [modalities(baseline), modalities(candidate)];
  if (ma.length && mb.length && !ma.some((m) => mb.includes(m)))
    throw new Error(`runs ${names} have different modalities (${ma.join('+')} against ${mb.join('+')}): nothing to compare`);
  const generators = (d: ReportData) => new Set(done(d).map((g) => g.generatorId));
  const [ga, gb] = [generators(baseline), generators(candidate)];
  const shared = [...ga].filter((g) => gb.has(g));
  if (shared.length === 0)
    throw new Error(
      `runs ${names} share no generator with finished media (${[...ga].join(', ') || 'none'} against ${[...gb].join(', ') || 'none'})`,
    );
  const units = (d: ReportData) => new Set(done(d).map(unitOf));
  const ub = units(candidate);
  const commonUnits = [...units(baseline)].filter((u) => ub.has(u)).length;
  if (commonUnits === 0)
    throw new Error(`runs ${names} share no prompt (same prompt set, prompt id, language, sample and text): nothing to pair`);
  const [va, vb] = [pairedValues(baseline), pairedValues(candidate)];
  const direction = new Map([...baseline.metrics, ...candidate.metrics].map((m) => [m.id, m.direction]));
  const rows = pairedDifferences(va, vb)
    .filter((r) => r.pairs > 0)
    .map((r) => ({
      ...r,
      kind: r.measure.startsWith(HUMAN) ? ('human' as const) : ('metric' as const),
      direction: direction.get(r.measure) ?? 'higher-is-better',
      largest: r.change ? largestChange(r.generator, r.measure, va, vb) : null,
    }));
  const measures = (vs: PairedValue[]) => new Set(vs.map((v) => v.measure));
  const [sa, sb] = [measures(va), measures(vb)];
  return {
    baseline: { id: baseline.run.id, createdAt: baseline.run.createdAt },
    candidate: { id: candidate.run.id, createdAt: candidate.run.createdAt },
    commonUnits,
    rows,
    onlyBaseline: [...[...sa].filter((m) => !sb.has(m)), ...[...ga].filter((g) => !gb.has(g))],
    onlyCandidate: [...[...sb].filter((m) => !sa.has(m)), ...[...gb].filter((g) => !ga.has(g))],
  };
}

/** Human dimensions are measures named `human: <dimension>`, so that no metric id can collide with them. */
export const HUMAN = 'human: ';

function pairedValues(d: ReportData): SourcedValue[] {
  const byKey = new Map(d.generations.filter((g) => g.status === 'done').map((g) => [g.key, g]));
  const metric = [...byKey.values()].flatMap((g) =>
    Object.entries(g.scores).map(([measure, value]) => ({ generator: g.generatorId, measure, unit: unitOf(g), value, generation: g })),
  );
  // Item MOS of the first likert study that rated an item: a second study of the same run does not count it twice.
  const seen = new Set<string>();
  const human = d.human.flatMap((h) =>
    Object.entries(h.analysis?.itemMos ?? {}).flatMap(([dimension, items]) =>
      Object.entries(items).flatMap(([key, value]) => {
        const g = byKey.get(key);
        const id = `${key}\u0000${dimension}`;
        if (!g || seen.has(id)) return [];
        seen.add(id);
        return [{ generator: g.generatorId, measure: HUMAN + dimension, unit: unitOf(g), value, generation: g }];
      }),
    ),
  );
  return [...metric, ...human];
}

import { type GenerationRecord, type RatingRecord, type Store, type StudyRecord, type Prompt } from '../types/index.js';
import { countedRatings } from './counted-ratings.js';
import { parseStudyConfig } from './study-config.js';
import {
  analyzeStudy,
  type AnalysisOptions,
  type MetricColumn,
  type StudyAnalysis,
  type StudyRating,
  arenaScores,
  type ArenaScore,
  type Vote,
  breakdowns,
  countBucket,
  languageGaps,
  type BreakdownCell,
  type ItemFacts,
  type LanguageGap,
} from '../analysis/index.js';

export interface ItemInfo {
  generator: string;
  promptId: string;
  language: string;
  text: string;
  mediaHash: string | null;
  mime: string | null;
}

export interface HumanStudyReport {
  study: { id: string; name: string; mode: StudyRecord['mode']; source: string; ratings: number };
  analysis: StudyAnalysis | null;
  /** Bradley-Terry scores per dimension voted on (pairwise studies). */
  arena: { dimension: string; scores: ArenaScore[] }[] | null;
  breakdowns: BreakdownCell[];
  languageGaps: LanguageGap[];
  /** The generations the disagreement lists name, for showing them side by side. */
  items: Record<string, ItemInfo>;
}

/** The human results of every study made from a run, analysed (pure code in core/analysis) from the store's rows. */
export async function buildHumanData(
  store: Store,
  runId: string,
  generations: readonly (GenerationRecord & { scores: Record<string, number | null> })[],
  metrics: readonly { id: string; direction: MetricColumn['direction'] }[],
  options: AnalysisOptions = {},
): Promise<HumanStudyReport[]> {
  const studies = (await store.listStudies()).filter((s) => s.runId === runId);
  if (studies.length === 0) return [];
  const byKey = new Map(generations.map((g) => [g.key, g]));
  const prompts = await promptIndex(store, generations);
  const columns: MetricColumn[] = metrics.map((m) => ({
    id: m.id,
    direction: m.direction,
    scores: Object.fromEntries(generations.map((g) => [g.key, g.scores[m.id] ?? null])),
  }));
  const out: HumanStudyReport[] = [];
  for (const study of studies) {
    const config = parseStudyConfig(study);
    const assignments = new Map((await store.listAssignments({ studyId: study.id })).map((a) => [a.id, a]));
    const ratings = countedRatings(await store.listRatings({ studyId: study.id })).filter(
      (r) => r.value !== null && assignments.has(r.assignmentId),
    );
    const base = {
      study: { id: study.id, name: study.name, mode: study.mode, source: config.source, ratings: ratings.length },
      breakdowns: [],
      languageGaps: [],
      items: {},
    };
    if (study.mode === 'pairwise') {
      // Gold pairs set media against another prompt's media: a screening check, not a vote between generators.
      const votes = ratings
        .filter((r) => assignments.get(r.assignmentId)!.kind !== 'gold')
        .flatMap((r) => {
          const [a, b] = assignments.get(r.assignmentId)!.item.split('|');
          const sys = (k: string) => byKey.get(k)?.generatorId ?? k;
          // The prompt both outputs answer, where they are generations of the run: the bootstrap resamples prompts and raters.
          const g = byKey.get(a ?? '');
          const unit = g ? `${g.promptSetId}/${g.promptId}/${g.language}` : undefined;
          const outcome = r.value === 1 ? 'A' : r.value === 2 ? 'B' : 'tie';
          return a && b ? [{ dimension: r.dimension, vote: { a: sys(a), b: sys(b), outcome, rater: r.raterId, unit } as Vote }] : [];
        });
      const dims = [...new Set(votes.map((v) => v.dimension))].sort();
      const arena = dims.map((dimension) => ({
        dimension,
        scores: arenaScores(
          votes.filter((v) => v.dimension === dimension).map((v) => v.vote),
          { seed: options.seed ?? 1, iterations: 200 },
        ),
      }));
      out.push({ ...base, analysis: null, arena });
      continue;
    }
    const facts = new Map<string, ItemFacts>();
    const rows: StudyRating[] = ratings.flatMap((r) => {
      const a = assignments.get(r.assignmentId)!;
      const g = byKey.get(a.item);
      const imported = config.source === 'import' ? config.items[a.item] : undefined;
      // An item of a reliability study names no generator: it has no place in rankings.
      const generator = g?.generatorId ?? imported?.generator;
      if (generator === undefined) return [];
      const prompt = g ? `${g.promptSetId}/${g.promptId}` : (imported!.prompt ?? a.item);
      const language = g?.language ?? '';
      if (!facts.has(a.item)) facts.set(a.item, { generator, prompt, language, groups: g ? groupsOf(g, prompts.get(prompt)) : {} });
      return [
        {
          assignment: a.id,
          item: a.item,
          generator,
          unit: `${prompt}/${language}`,
          set: g?.promptSetId,
          language: g?.language,
          rater: r.raterId,
          dimension: r.dimension,
          score: r.value!,
          kind: a.kind,
        },
      ];
    });
    const gold = Object.entries(config.source === 'rater-ui' ? config.gold : {}).flatMap(([assignment, g]) =>
      Object.entries(g.expect).map(([dimension, [low, high]]) => ({ item: assignment, dimension, low, high })),
    );
    const analysis = analyzeStudy(rows, columns, { ...options, gold });
    const items: Record<string, ItemInfo> = {};
    for (const a of analysis.agreement)
      for (const d of [...a.disagreements, ...a.byGroup.filter((x) => x.flagged).flatMap((x) => x.disagreements)]) {
        const g = byKey.get(d.item);
        if (g)
          items[d.item] = {
            generator: g.generatorId,
            promptId: g.promptId,
            language: g.language,
            text: g.text,
            mediaHash: g.mediaHash,
            mime: g.mime,
          };
      }
    out.push({
      ...base,
      analysis,
      arena: null,
      breakdowns: breakdowns(analysis.itemMos, facts),
      languageGaps: languageGaps(analysis.itemMos, facts),
      items,
    });
  }
  return out;
}

/** The breakdowns the labs report: category, language, counting n ≤ 3 against n > 3, text rendering. */
function groupsOf(g: GenerationRecord, prompt: Prompt | undefined): Record<string, string> {
  const groups: Record<string, string> = { category: g.category, language: g.language };
  const bucket = prompt ? countBucket(prompt.tags, prompt.expect?.count?.n) : undefined;
  if (bucket) groups.counting = bucket;
  if (prompt?.expect?.text || g.category === 'text-rendering')
    groups['text rendering'] = /[\u4e00-\u9fff]/.test(prompt?.expect?.text ?? '') ? 'Chinese text' : 'Latin text';
  return groups;
}

/** Every prompt the generations answer, by `set/prompt id`, from the prompt sets stored with the run. */
export async function promptIndex(store: Store, generations: readonly GenerationRecord[]): Promise<Map<string, Prompt>> {
  const out = new Map<string, Prompt>();
  const sets = new Set(generations.map((g) => `${g.promptSetId}\u0000${g.promptSetVersion}`));
  for (const s of sets) {
    const [id, version] = s.split('\u0000');
    const stored = await store.getPromptSet(id!, Number(version));
    for (const p of stored?.set.prompts ?? []) out.set(`${id}/${p.id}`, p);
  }
  return out;
}

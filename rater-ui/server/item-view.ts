import { type AssignmentRecord, type GenerationRecord, type RatingRecord, type Dimension } from '../../core/types/index.js';
import type { ItemView, MediaView, SessionView } from '../shared/index.js';
import { correctableItem } from './correction-rules.js';
import type { StudyAccess, StudyContext } from './study-access.js';

type Lang = 'zh' | 'en';

/** Where the rater's browser fetches media: examples under one path, each item's under its own (so the server knows which item was served). */
export interface MediaPaths {
  examples: string;
  item(a: AssignmentRecord): string;
}

/** Builds what a rater is shown: opaque media URLs, prompt text, position; never keys or generator ids. */
export class ItemViews {
  private readonly prompts = new Map<string, Partial<Record<Lang, string>>>();

  constructor(private readonly access: StudyAccess) {}

  async session(
    ctx: StudyContext,
    assignments: readonly AssignmentRecord[],
    ratings: readonly RatingRecord[],
    paths: MediaPaths,
    noMoreNeeded = false,
  ): Promise<SessionView> {
    const rated = new Set(ratings.map((r) => r.assignmentId));
    const next = assignments.find((a) => !rated.has(a.id));
    const done = assignments.filter((a) => rated.has(a.id)).length;
    const open = ctx.study.status === 'open';
    const last = open ? correctableItem(assignments, ratings) : null;
    return {
      mode: ctx.study.mode,
      studyName: ctx.study.name,
      status: ctx.study.status,
      total: assignments.length,
      done,
      item: next && open ? await this.item(ctx, next, paths.item(next)) : null,
      correctable: last ? await this.item(ctx, last, paths.item(last)) : null,
      examples: await this.examples(ctx, paths.examples),
      noMoreNeeded,
    };
  }

  private async examples(ctx: StudyContext, mediaBase: string): Promise<SessionView['examples']> {
    const views: SessionView['examples'] = {};
    for (const [d, e] of Object.entries(ctx.config.examples) as [Dimension, { low: string; high: string }][]) {
      const [low, high] = await Promise.all([e.low, e.high].map((k) => this.access.generation(k)));
      views[d] = { low: this.mediaView(ctx, low!, mediaBase), high: this.mediaView(ctx, high!, mediaBase) };
    }
    return views;
  }

  async item(ctx: StudyContext, a: AssignmentRecord, mediaBase: string): Promise<ItemView> {
    const gens = await Promise.all(a.item.split('|').map((k) => this.access.generation(k)));
    const textFrom = ctx.config.gold[a.id]?.textFrom;
    const promptGen = textFrom ? await this.access.generation(textFrom) : gens[0]!;
    return {
      assignmentId: a.id,
      index: a.position + 1,
      prompt: await this.prompt(promptGen),
      media: gens.map((g) => this.mediaView(ctx, g, mediaBase)),
    };
  }

  mediaView(ctx: StudyContext, g: GenerationRecord, mediaBase: string): MediaView {
    return { url: `${mediaBase}/${ctx.mediaIdOf.get(g.key)!}`, type: g.mime?.startsWith('video/') ? 'video' : 'image' };
  }

  /** The prompt in the language it was generated from, and its other language when the set has one. */
  async prompt(g: GenerationRecord): Promise<ItemView['prompt']> {
    const texts = await this.texts(g);
    const otherLang: Lang = g.language === 'zh' ? 'en' : 'zh';
    const other = texts[otherLang];
    return { language: g.language, text: g.text, other: other ? { language: otherLang, text: other } : null };
  }

  private async texts(g: GenerationRecord): Promise<Partial<Record<Lang, string>>> {
    const id = `${g.promptSetId}@${g.promptSetVersion}/${g.promptId}`;
    let t = this.prompts.get(id);
    if (!t) {
      const set = await this.access.store.getPromptSet(g.promptSetId, g.promptSetVersion);
      t = set?.set.prompts.find((p) => p.id === g.promptId)?.text ?? {};
      this.prompts.set(id, t);
    }
    return t;
  }
}

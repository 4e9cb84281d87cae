import { z } from 'zod';
import { CANNOT_RATE_REASONS, DIMENSIONS, PAIR_CHOICES, type Dimension } from '../../core/types/dimensions.js';

/**
 * The request bodies of the rating API, validated by the server and typed for the client.
 * Every value is strict: an unknown dimension or an extra field is a 400, not ignored.
 */
const likertValue = z.int().min(1).max(5);
const scoresShape = Object.fromEntries(DIMENSIONS.map((d) => [d, likertValue])) as Record<Dimension, typeof likertValue>;
const pairShape = Object.fromEntries(DIMENSIONS.map((d) => [d, z.enum(PAIR_CHOICES)])) as Record<
  Dimension,
  z.ZodEnum<{ A: 'A'; B: 'B'; tie: 'tie' }>
>;

const common = {
  assignmentId: z.string().min(1).max(100),
  /** Made by the client once per item: a resent submission (a lost reply, a reload) is stored once. */
  submissionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'expected 16 to 64 letters, digits, "-" or "_"'),
  /** When the item was shown and when the rater answered, by the client's clock. */
  shownAt: z.iso.datetime(),
  answeredAt: z.iso.datetime(),
  /** Milliseconds from showing the item to submitting it. */
  timeMs: z
    .int()
    .min(0)
    .max(24 * 3600 * 1000),
  /** Whether every video of the item played to its end at least once; null for images. */
  watchedToEnd: z.boolean().nullable(),
  /** A correction of the rater's rating of this item, the one rated last (`SessionView.correctable`); stored beside the original. */
  correction: z.boolean().optional(),
};

export const RatingSubmissionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('likert'), scores: z.strictObject(scoresShape) }),
  z.strictObject({ ...common, kind: z.literal('pairwise'), votes: z.strictObject(pairShape) }),
  z.strictObject({ ...common, kind: z.literal('cannot-rate'), reason: z.enum(CANNOT_RATE_REASONS), note: z.string().max(500).optional() }),
]);
export type RatingSubmission = z.input<typeof RatingSubmissionSchema>;

export const StudyStatusSchema = z.strictObject({ status: z.enum(['open', 'closed']) });

/** The admin page's extension: new raters, and optionally more ratings per item. */
export const StudyExtendSchema = z.strictObject({ addRaters: z.int().min(0).max(200), ratingsPerItem: z.int().min(1).max(50).optional() });

export interface StudyExtended {
  newItems: number;
  assignments: number;
  /** The new raters' private links (paths on this server), shown once. */
  raters: { id: string; path: string }[];
}

/** A rater's replaced private link (a path on this server), shown once; the old link no longer opens anything. */
export interface RaterLinkReplaced {
  raterId: string;
  path: string;
}

export interface MediaView {
  /** An opaque per-study id; the URL the browser loads. */
  url: string;
  type: 'image' | 'video';
}

/** One item as the rater sees it: nothing here names a generator, a key or a hash. */
export interface ItemView {
  assignmentId: string;
  /** 1-based position among the rater's items. */
  index: number;
  prompt: { language: 'zh' | 'en'; text: string; other: { language: 'zh' | 'en'; text: string } | null };
  /** One medium for likert; left (A) and right (B) for pairwise. */
  media: MediaView[];
}

export interface SessionView {
  mode: 'likert' | 'pairwise';
  studyName: string;
  status: 'open' | 'closed';
  total: number;
  done: number;
  item: ItemView | null;
  /** The item rated last, while the rater may still correct it (never a gold item or a planned repeat). */
  correctable: ItemView | null;
  /** Per dimension, media that scored low and high, for the start page's scale (none where the study has none). */
  examples: Partial<Record<Dimension, { low: MediaView; high: MediaView }>>;
  /** An adaptive study that needs no more ratings from this rater (its ranking is decided, or its budget spent); false otherwise. */
  noMoreNeeded: boolean;
}

export interface RaterProgress {
  raterId: string;
  done: number;
  total: number;
  medianTimeMs: number | null;
  goldFailures: number;
  goldRated: number;
  /** Mean absolute difference between a first rating and its planned repeat, over dimensions. */
  repeatMeanAbsDiff: number | null;
}

export interface SpotCheckRating {
  raterId: string;
  generatorId: string;
  kind: string;
  prompt: string;
  media: MediaView[];
  values: Record<string, number | null>;
  cannotRate: string | null;
  timeMs: number;
}

export interface AdminOverview {
  study: { id: string; name: string; mode: 'likert' | 'pairwise'; status: 'open' | 'closed'; createdAt: string };
  raters: RaterProgress[];
  generators: { generatorId: string; ratedItems: number; plannedItems: number; meanByDimension: Record<string, number | null> }[];
  ratings: number;
  /** Items a rater corrected (the correction counts; the first rating is kept beside it), in rater and item order. */
  corrections: { raterId: string; item: number; before: Record<string, number | null>; after: Record<string, number | null> }[];
  /** Krippendorff's alpha per dimension (null until items have two ratings). */
  agreement: Record<string, number | null>;
  /** Adaptive allocation's state; null for a study planned in full up front. */
  adaptive: AdaptiveOverview | null;
}

/** Where an adaptive study stands: the budget, the stop rule and each neighbouring pair's decision per dimension. */
export interface AdaptiveOverview {
  floor: number;
  /** Normal items rated in all (the floor included), and how many are handed out so far. */
  budget: number;
  used: number;
  tolerance: number;
  /** Normal items rated when the status was computed (it is computed again every `recomputeEvery` ratings). */
  ratedItems: number;
  /** Why no more items are handed out: the stop rule holds, or the budget is spent; null while allocation goes on. */
  stopped: 'decided' | 'budget' | null;
  dimensions: {
    dimension: string;
    unrated: string[];
    pairs: {
      ahead: string;
      behind: string;
      difference: number;
      low: number | null;
      high: number | null;
      status: 'ordered' | 'within-tolerance' | 'undecided';
    }[];
  }[];
}

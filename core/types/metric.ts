import type { Language, Modality, Prompt } from './prompt.js';

export interface MetricInput {
  /** A local file holding the media. */
  path: string;
  mime: string;
  /** sha256 of the media bytes: caches (embeddings) key on it. */
  mediaHash: string;
  modality: Modality;
  prompt: Prompt;
  language: Language;
  /** The text the generator received. */
  text: string;
  /** What the generator was asked for, when its config says (video checks compare the media with it). */
  asked?: AskedMedia;
  /** The scored generation: paid metric requests (AI judges) are recorded in the ledger under it. */
  generationKey?: string;
  /** The prompt set version the prompt comes from: generated questions are kept beside it. */
  promptSet?: { id: string; version: number };
}

export interface AskedMedia {
  width?: number;
  height?: number;
  durationSec?: number;
  fps?: number;
}

export interface MetricResult {
  /** null means "does not apply" (e.g. an English-only CLIP on Chinese text), never zero. */
  value: number | null;
  details: Record<string, unknown>;
  /** Set when the media could not be scored (corrupt file...); value is then null. */
  error?: string;
  /** What kind of failure `error` is, where the metric can say (a judge's refusal, no-logprobs, context-too-long...). */
  category?: string;
}

export interface MetricProvenance {
  /** Model ids, weight hashes, preprocessing, thresholds: what makes two labs' numbers comparable. */
  [key: string]: unknown;
}

export interface Metric {
  readonly id: string;
  /** Bumped whenever the same media would get a different number. */
  readonly version: string;
  readonly modalities: readonly Modality[];
  readonly range: readonly [number, number];
  readonly direction: 'higher-is-better' | 'lower-is-better';
  readonly description: string;
  appliesTo(prompt: Prompt, language: Language, modality: Modality): boolean;
  provenance(): Promise<MetricProvenance>;
  /** One result per input, in order. Must not throw for one bad input: return an error result. */
  score(batch: readonly MetricInput[]): Promise<MetricResult[]>;
  /** Releases sessions and caches. */
  dispose?(): Promise<void>;
}

/** What the report says of a metric: data, so that the report never runs metric code. */
export type MetricDescription = Pick<Metric, 'id' | 'description' | 'direction' | 'range'>;

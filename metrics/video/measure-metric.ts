import { type Metric, type MetricInput, type MetricResult, type Language, type Modality, type Prompt } from '../../core/types/index.js';
import { VideoDecodeError } from './video-error.js';
import type { MeasureCache } from '../image/measure-cache.js';
import type { ClipMeasures } from './clip-measures.js';

/** A model-free video metric: one number and its details from the shared analysis of a clip. */
export interface VideoMeasureSpec {
  id: string;
  description: string;
  range: readonly [number, number];
  direction: Metric['direction'];
  provenance: Record<string, unknown>;
  /** '1' unless the numbers changed. */
  version?: string;
  pick(a: ClipMeasures, input: MetricInput): { value: number | null; details: Record<string, unknown> };
}

/** The stored error for a clip that cannot be read: it names the file and the reason. */
export function videoErrorMessage(err: unknown, path: string): string {
  if (err instanceof VideoDecodeError) return `cannot decode video ${err.file}: ${err.reason}`;
  return `cannot decode video ${path}: ${(err as Error).message}`;
}

export function videoMetric(spec: VideoMeasureSpec, cache: MeasureCache<ClipMeasures>): Metric {
  const version = spec.version ?? '1';
  return {
    id: spec.id,
    version,
    modalities: ['video'],
    range: spec.range,
    direction: spec.direction,
    description: spec.description,
    appliesTo: (_p: Prompt, _l: Language, modality: Modality) => modality === 'video',
    provenance: async () => ({ metric: spec.id, version, ...spec.provenance }),
    async score(batch: readonly MetricInput[]): Promise<MetricResult[]> {
      const results: MetricResult[] = [];
      // The next clip is read while this one is measured (two at a time, no more: ffmpeg and the
      // measuring threads already use every core, and this bounds memory), so that ffmpeg's start,
      // about 0.2 s of one core, overlaps the measuring of a short clip.
      let ahead: { input: MetricInput; analysis: Promise<ClipMeasures> } | undefined;
      for (const [k, input] of batch.entries()) {
        if (input.modality !== 'video') {
          results.push({ value: null, details: { notApplicable: true, reason: `${spec.id} scores videos, not ${input.modality}` } });
          continue;
        }
        const current = ahead?.input === input ? ahead.analysis : cache.get(input);
        const next = batch.slice(k + 1).find((i) => i.modality === 'video');
        ahead = next && { input: next, analysis: cache.get(next) };
        ahead?.analysis.catch(() => {}); // its failure is its own clip's result
        try {
          const analysis = await current;
          const { value, details } = spec.pick(analysis, input);
          results.push({ value, details: { ...details, sampling: analysis.sampling } });
        } catch (err) {
          results.push({ value: null, details: {}, error: videoErrorMessage(err, input.path) });
        }
      }
      return results;
    },
    dispose: async () => cache.clear(),
  };
}

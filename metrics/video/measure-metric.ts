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
      // One clip at a time: ffmpeg already uses several cores, and this bounds memory.
      for (const input of batch) {
        if (input.modality !== 'video') {
          results.push({ value: null, details: { notApplicable: true, reason: `${spec.id} scores videos, not ${input.modality}` } });
          continue;
        }
        try {
          const analysis = await cache.get(input);
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

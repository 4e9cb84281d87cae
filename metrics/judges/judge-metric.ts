import type { JudgeClient, Language, Metric, MetricInput, MetricResult, Modality, Prompt } from '../../core/types/index.js';
import { judgeMedia, type JudgeMedia } from './judge-media.js';
import { JUDGE_METRIC_INFO, judgeMetricDescription } from './judge-metric-info.js';

export interface JudgeMetricSpec {
  /** A plain id of JUDGE_METRIC_INFO, which gives the range and the description. */
  id: string;
  version: string;
  /** The template's version and its words: part of every score's provenance. */
  template: Record<string, unknown>;
  appliesTo(prompt: Prompt, language: Language, modality: Modality): boolean;
  scoreOne(input: MetricInput, media: JudgeMedia): Promise<MetricResult>;
}

/**
 * A judge metric: media prepared (downscaled images, sampled frames) no faster than the judge
 * answers, each item scored on its own, a failure kept as that item's value. Limits, retries, the
 * ledger and the cache are the client's (core/run), not the metric's.
 */
export function judgeMetric(client: JudgeClient, spec: JudgeMetricSpec): Metric {
  const e = client.endpoint;
  return {
    id: spec.id,
    version: spec.version,
    modalities: ['image', 'video'],
    range: JUDGE_METRIC_INFO[spec.id]!.range,
    direction: JUDGE_METRIC_INFO[spec.id]!.direction,
    description: judgeMetricDescription(spec.id, e),
    appliesTo: (prompt, language, modality) => spec.appliesTo(prompt, language, modality),
    provenance: async () => ({
      judge: e.id,
      model: e.model,
      endpoint: e.endpoint,
      maxImageSide: e.maxImageSide,
      ...(e.video === 'video-url'
        ? { video: 'the clip itself (H.264 at maxImageSide, no audio, no metadata)' }
        : { videoFrames: e.frames }),
      topLogprobs: e.topLogprobs,
      temperature: e.temperature,
      seed: e.seed,
      template: spec.template,
    }),
    async score(batch) {
      const results: MetricResult[] = new Array<MetricResult>(batch.length);
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < batch.length; i = next++) results[i] = await scoreItem(batch[i]!);
      };
      const scoreItem = async (input: MetricInput): Promise<MetricResult> => {
        let media: JudgeMedia;
        try {
          media = await judgeMedia(input, e.maxImageSide, e.frames, e.video);
        } catch (err) {
          const what = input.modality === 'image' ? 'cannot read image' : 'cannot decode video';
          return { value: null, details: {}, error: `${what}: ${(err as Error).message}`, category: 'media' };
        }
        return spec.scoreOne(input, media);
      };
      await Promise.all(Array.from({ length: Math.min(e.concurrency, batch.length) }, worker));
      return results;
    },
  };
}

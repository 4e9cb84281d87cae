import { ANALYSIS_MAX_SIDE, DECODE_PROVENANCE } from '../image/pixels.js';
import { TECHNICAL_SPECS } from '../image-technical.js';
import { CLIP_SAMPLING } from './clip-measures.js';
import { meanAndWorst } from './frame-math.js';
import type { VideoMeasureSpec } from './measure-metric.js';

/**
 * The image technical-quality measures per sampled frame (`video-sharpness`, `video-exposure`,
 * `video-colorfulness`, `video-noise`): the value is the mean over frames, the worst frame and
 * its time are in the details.
 */
export function frameQualitySpecs(): VideoMeasureSpec[] {
  return TECHNICAL_SPECS.map((spec) => ({
    id: `video-${spec.id}`,
    description: `${spec.description} Mean over frames sampled at about ${CLIP_SAMPLING.flowRate} per second; the worst frame in the details.`,
    range: spec.range,
    direction: spec.direction,
    provenance: {
      formula: `mean over frames of (${spec.formula})`,
      source: spec.source,
      frames: `every round(fps / ${CLIP_SAMPLING.flowRate})-th frame of the first ${CLIP_SAMPLING.clipSeconds} s`,
      preprocessing: `RGB24 frame from ffmpeg, downscaled (Lanczos3, never enlarged) so the longest side is at most ${ANALYSIS_MAX_SIDE} px`,
      greyscale: DECODE_PROVENANCE.greyscale,
    },
    pick(a) {
      const per = a.quality.flatMap((q) => {
        const v = spec.pick(q.measures).value;
        return v === null ? [] : [{ v, t: q.timeSec }];
      });
      const agg = meanAndWorst(
        per.map((p) => p.v),
        per.map((p) => p.t),
        spec.direction,
      );
      return { value: agg.mean, details: { worst: agg.worst, worstAtSec: agg.worstAtSec, frames: per.length } };
    },
  }));
}

import { join } from 'node:path';
import { type Metric, type Language, type Modality, type Prompt } from '../core/types/index.js';
import { runHead, type AestheticOptions } from './aesthetic.js';
import { ClipModel } from './image/clip-model.js';
import { graphPath, locateModel } from './runtime/weights-cache.js';
import { metricIdAt, type Precision } from './runtime/weights-precision.js';
import { DEFAULT_MODELS } from './runtime/weights-registry.js';
import { fileSha256, sessions, type Session } from './runtime/onnx-session.js';
import { CLIP_FRAMES, clearFrameEmbeddings, embedVideoFrames } from './video/frame-embed.js';
import { meanAndWorst } from './video/frame-math.js';
import { videoErrorMessage } from './video/measure-metric.js';

const VERSION = '1';

/**
 * `video-aesthetic`: the LAION aesthetic predictor (as `aesthetic`) on each sampled frame, mean over
 * frames, the worst frame in the details. Throws ModelMissingError at creation when weights are absent.
 */
export function createVideoAesthetic(options: AestheticOptions = {}): Metric {
  const clipAt = locateModel(options.clip ?? DEFAULT_MODELS['aesthetic-clip'], options.env, options.clipPrecision);
  const headAt = locateModel(options.head ?? DEFAULT_MODELS.aesthetic, options.env, options.headPrecision);
  const headPath = graphPath(headAt, 'onnx/model.onnx');
  let loading: Promise<{ clip: ClipModel; head: Session }> | undefined;
  const load = () =>
    (loading ??= Promise.all([ClipModel.load(clipAt), sessions.acquire(headPath)]).then(([clip, head]) => ({ clip, head })));
  return {
    id: metricIdAt('video-aesthetic', [clipAt.precision, headAt.precision]),
    version: VERSION,
    modalities: ['video'],
    range: [0, 10],
    direction: 'higher-is-better',
    description: 'LAION improved aesthetic predictor on sampled frames: mean over frames (about 1 to 10), the worst frame in the details.',
    appliesTo: (_p: Prompt, _l: Language, modality: Modality) => modality === 'video',
    async provenance() {
      const { clip } = await load();
      return {
        metric: 'video-aesthetic',
        version: VERSION,
        formula: 'mean over frames of mlp(frame_embeds / ||frame_embeds||)',
        sampling: `${CLIP_FRAMES.fps} frames per second over the first ${CLIP_FRAMES.clipSeconds} s at the clip's own size`,
        clip: await clip.provenance(),
        head: { model: headAt.id, precision: headAt.precision, sha256: { [headAt.files[0]!]: await fileSha256(headPath) } },
      };
    },
    async score(batch) {
      let models: { clip: ClipModel; head: Session };
      try {
        models = await load();
      } catch (e) {
        loading = undefined;
        return batch.map(() => ({ value: null, details: {}, error: `video-aesthetic cannot load its models: ${(e as Error).message}` }));
      }
      const out = [];
      for (const input of batch) {
        try {
          const frames = await embedVideoFrames(models.clip, input);
          const scores = frames.embeddings.length ? await runHead(models.head, frames.embeddings) : [];
          const agg = meanAndWorst(scores, frames.times, 'higher-is-better');
          out.push({
            value: agg.mean,
            details: { worst: agg.worst, worstAtSec: agg.worstAtSec, clip: clipAt.id, head: headAt.id, sampling: frames.sampling },
          });
        } catch (err) {
          out.push({ value: null, details: {}, error: videoErrorMessage(err, input.path) });
        }
      }
      return out;
    },
    async dispose() {
      const loaded = await loading?.catch(() => undefined);
      loading = undefined;
      if (!loaded) return;
      await loaded.clip.dispose();
      await sessions.release(headPath);
      clearFrameEmbeddings();
    },
  };
}

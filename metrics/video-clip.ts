import { type Metric, type MetricInput, type MetricResult, type Language, type Modality, type Prompt } from '../core/types/index.js';
import { embedTexts } from './image/clip-embed.js';
import { ClipModel, cosine } from './image/clip-model.js';
import { clipScoreOf, readsChinese, type ClipScoreOptions } from './clip-score.js';
import { locateModel } from './runtime/weights-cache.js';
import { metricIdAt, type Precision } from './runtime/weights-precision.js';
import { DEFAULT_MODELS } from './runtime/weights-registry.js';
import { CLIP_FRAMES, clearFrameEmbeddings, embedVideoFrames, type FrameEmbeddings } from './video/frame-embed.js';
import { meanAndWorst, temporalConsistency } from './video/frame-math.js';
import { videoErrorMessage } from './video/measure-metric.js';

const VERSION = '1';
const forVideo = (_p: Prompt, _l: Language, modality: Modality) => modality === 'video';
const sampling = `${CLIP_FRAMES.fps} frames per second over the first ${CLIP_FRAMES.clipSeconds} s, decoded at the clip's own size, then the model's image preprocessing`;

/** Loads a model once, lazily; a failed load is tried again on the next call. */
function lazy(location: ReturnType<typeof locateModel>) {
  let loading: Promise<ClipModel> | undefined;
  return {
    location,
    get: () =>
      (loading ??= ClipModel.load(location).catch((e: unknown) => {
        loading = undefined;
        throw e;
      })),
    async dispose() {
      const model = await loading?.catch(() => undefined);
      loading = undefined;
      await model?.dispose();
      clearFrameEmbeddings();
    },
  };
}

/** Runs `one` per video input; a clip that cannot be read becomes an error result naming it. */
async function perVideo(
  batch: readonly MetricInput[],
  id: string,
  one: (input: MetricInput) => Promise<MetricResult>,
): Promise<MetricResult[]> {
  const out: MetricResult[] = [];
  for (const input of batch) {
    if (input.modality !== 'video') {
      out.push({ value: null, details: { notApplicable: true, reason: `${id} scores videos` } });
      continue;
    }
    try {
      out.push(await one(input));
    } catch (err) {
      out.push({ value: null, details: {}, error: videoErrorMessage(err, input.path) });
    }
  }
  return out;
}

/**
 * `video-clip-score`: CLIPScore (100 * max(cos, 0)) of each sampled frame with the prompt, mean over
 * frames, the worst frame in the details. Same model rules as `clip-score`: Chinese prompts to the
 * Chinese model; an English-only model on Chinese text is null. Throws ModelMissingError at creation.
 */
export function createVideoClipScore(options: ClipScoreOptions = {}): Metric {
  const en = lazy(locateModel(options.en ?? DEFAULT_MODELS['clip-en'], options.env, options.precision?.en));
  const zhAt = locateModel(options.zh ?? DEFAULT_MODELS['clip-zh'], options.env, options.precision?.zh);
  const zh = zhAt.folder === en.location.folder && zhAt.precision === en.location.precision ? en : lazy(zhAt);
  return {
    id: metricIdAt('video-clip-score', [en.location.precision, zhAt.precision]),
    version: VERSION,
    modalities: ['video'],
    range: [0, 100],
    direction: 'higher-is-better',
    description:
      'Prompt consistency over time: CLIPScore of sampled frames with the prompt, mean over frames (worst frame in the details); Chinese prompts use Chinese-CLIP.',
    appliesTo: forVideo,
    async provenance() {
      return {
        metric: 'video-clip-score',
        version: VERSION,
        formula: 'mean over frames of 100 * max(cos(text_embeds, frame_embeds), 0); min in details',
        sampling,
        en: await (await en.get()).provenance(),
        zh: await (await zh.get()).provenance(),
      };
    },
    score: (batch) =>
      perVideo(batch, 'video-clip-score', async (input) => {
        const model = await (input.language === 'zh' ? zh : en).get();
        if (input.language === 'zh' && !readsChinese(model.location)) {
          return {
            value: null,
            details: { notApplicable: true, reason: `${model.location.id} is an English-only model; Chinese text does not apply` },
          };
        }
        const frames = await embedVideoFrames(model, input);
        const text = (await embedTexts(model, [input.text])).embeddings[0]!;
        const scores = frames.embeddings.map((e) => clipScoreOf(cosine(text, e)));
        const agg = meanAndWorst(scores, frames.times, 'higher-is-better');
        return {
          value: agg.mean,
          details: { min: agg.worst, minAtSec: agg.worstAtSec, model: model.location.id, sampling: frames.sampling },
        };
      }),
    async dispose() {
      await en.dispose();
      if (zh !== en) await zh.dispose();
    },
  };
}

/**
 * `temporal-consistency`: VBench background consistency on CLIP image embeddings of the sampled
 * frames: mean over t = 2..T of (max(0, cos(f_1, f_t)) + max(0, cos(f_{t-1}, f_t))) / 2. Uses the
 * English CLIP's image tower whatever the prompt's language. Throws ModelMissingError at creation.
 */
export function createTemporalConsistency(options: { model?: string; precision?: Precision; env?: NodeJS.ProcessEnv } = {}): Metric {
  const clip = lazy(locateModel(options.model ?? DEFAULT_MODELS['clip-en'], options.env, options.precision));
  return {
    id: metricIdAt('temporal-consistency', [clip.location.precision]),
    version: VERSION,
    modalities: ['video'],
    range: [0, 1],
    direction: 'higher-is-better',
    description:
      'VBench background consistency: CLIP image similarity of each frame to the first and to the previous one. A frozen clip scores 1: read it next to motion.',
    appliesTo: forVideo,
    async provenance() {
      return {
        metric: 'temporal-consistency',
        version: VERSION,
        formula: 'mean_{t=2..T} (max(0, cos(f_1, f_t)) + max(0, cos(f_{t-1}, f_t))) / 2',
        source: 'Huang et al. 2024, VBench: background consistency (CLIP image features)',
        sampling,
        clip: await (await clip.get()).provenance(),
      };
    },
    score: (batch) =>
      perVideo(batch, 'temporal-consistency', async (input) => {
        const model = await clip.get();
        const frames: FrameEmbeddings = await embedVideoFrames(model, input);
        const tc = temporalConsistency(frames.embeddings);
        const worst = meanAndWorst(
          tc.toFirst.map((f, k) => (f + tc.toPrevious[k]!) / 2),
          frames.times.slice(1),
          'higher-is-better',
        );
        return {
          value: tc.value,
          details: {
            worstFrame: worst.worst,
            worstAtSec: worst.worstAtSec,
            minToFirst: tc.toFirst.length ? Math.min(...tc.toFirst) : null,
            model: model.location.id,
            sampling: frames.sampling,
          },
        };
      }),
    dispose: () => clip.dispose(),
  };
}

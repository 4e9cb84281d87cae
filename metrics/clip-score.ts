import { type Metric, type MetricInput, type MetricResult, type Language, type Modality, type Prompt } from '../core/types/index.js';
import { embedImages, embedTexts } from './image/clip-embed.js';
import type { ImageEmbedding } from './image/embedding-cache.js';
import { ClipModel, cosine } from './image/clip-model.js';
import { locateModel, type ModelLocation } from './runtime/weights-cache.js';
import { metricIdAt, type Precision } from './runtime/weights-precision.js';
import { DEFAULT_MODELS } from './runtime/weights-registry.js';

export const CLIP_SCORE_VERSION = '2';

export interface ClipScoreOptions {
  /** Folder or hub id of the model for English prompts. */
  en?: string;
  /** Folder or hub id of a Chinese or multilingual model for Chinese prompts. */
  zh?: string;
  /** Weights precision of each model (fp32 by default); q8 makes the metric `clip-score@q8`. */
  precision?: { en?: Precision; zh?: Precision };
  env?: NodeJS.ProcessEnv;
}

/** Whether a model reads Chinese: the registry says so, or a folder holds a Chinese-CLIP. */
export function readsChinese(location: ModelLocation): boolean {
  return location.known ? location.known.languages.includes('zh') : location.kind === 'chinese-clip';
}

/** CLIPScore as torchmetrics reports it: 100 * max(cos, 0) of the text and image embeddings. */
export function clipScoreOf(cos: number): number {
  return 100 * Math.max(cos, 0);
}

type Loaded = { en: ClipModel; zh: ClipModel };

/**
 * `clip-score`: consistency of an image with its prompt. Chinese prompts go to the Chinese model;
 * an English-only model given Chinese text yields null (does not apply), never a number.
 * Throws at creation, with ModelMissingError, when a model is not on disk.
 */
export function createClipScore(options: ClipScoreOptions = {}): Metric {
  const locations = {
    en: locateModel(options.en ?? DEFAULT_MODELS['clip-en'], options.env, options.precision?.en),
    zh: locateModel(options.zh ?? DEFAULT_MODELS['clip-zh'], options.env, options.precision?.zh),
  };
  const id = metricIdAt('clip-score', [locations.en.precision, locations.zh.precision]);
  let loading: Promise<Loaded> | undefined;
  const load = () => {
    loading ??= (async () => {
      const en = await ClipModel.load(locations.en);
      const same = locations.zh.folder === locations.en.folder && locations.zh.precision === locations.en.precision;
      const zh = same ? en : await ClipModel.load(locations.zh);
      return { en, zh };
    })();
    return loading;
  };

  return {
    id,
    version: CLIP_SCORE_VERSION,
    modalities: ['image'],
    range: [0, 100],
    direction: 'higher-is-better',
    description:
      'CLIPScore: 100 x max(cosine, 0) of the CLIP text and image embeddings (torchmetrics convention); Chinese prompts use Chinese-CLIP.',
    appliesTo: (_p: Prompt, _l: Language, modality: Modality) => modality === 'image',
    async provenance() {
      const models = await load();
      return {
        metric: id,
        version: CLIP_SCORE_VERSION,
        formula: '100 * max(cos(text_embeds, image_embeds), 0); cos in details',
        source: 'Hessel et al. 2021 CLIPScore (w = 100 as torchmetrics, not 2.5)',
        en: await models.en.provenance(),
        zh: await models.zh.provenance(),
      };
    },
    async score(batch: readonly MetricInput[]): Promise<MetricResult[]> {
      let models: Loaded;
      try {
        models = await load();
      } catch (e) {
        loading = undefined;
        const error = `${id} cannot load its models: ${(e as Error).message}`;
        return batch.map(() => ({ value: null, details: {}, error }));
      }
      const results: MetricResult[] = new Array(batch.length);
      for (const lang of ['en', 'zh'] as const) {
        const model = models[lang];
        const idx = batch.flatMap((input, i) => ((input.language === 'zh') === (lang === 'zh') ? [i] : []));
        if (idx.length === 0) continue;
        if (lang === 'zh' && !readsChinese(model.location)) {
          for (const i of idx)
            results[i] = {
              value: null,
              details: { notApplicable: true, reason: `${model.location.id} is an English-only model; Chinese text does not apply` },
            };
          continue;
        }
        await scoreWith(
          model,
          idx.map((i) => batch[i]!),
          (k, r) => (results[idx[k]!] = r),
        );
      }
      return results;
    },
    async dispose() {
      const pending = loading;
      loading = undefined;
      if (!pending) return;
      const models = await pending.catch(() => undefined);
      if (!models) return;
      await models.en.dispose();
      if (models.zh !== models.en) await models.zh.dispose();
    },
  };
}

async function scoreWith(model: ClipModel, inputs: readonly MetricInput[], put: (k: number, r: MetricResult) => void): Promise<void> {
  const images = inputs.map((input) => (input.modality === 'image' ? input : undefined));
  let imageEmbeds: (ImageEmbedding | Error)[];
  let text: Awaited<ReturnType<typeof embedTexts>>;
  try {
    imageEmbeds = await embedImages(
      model,
      images.map((i) => i ?? { path: '', mediaHash: '' }),
    );
    text = await embedTexts(
      model,
      inputs.map((i) => i.text),
    );
  } catch (e) {
    const error = `clip-score failed on ${model.location.id}: ${(e as Error).message}`;
    inputs.forEach((_, k) => put(k, { value: null, details: {}, error }));
    return;
  }
  inputs.forEach((input, k) => {
    const image = imageEmbeds[k]!;
    if (input.modality !== 'image') return put(k, { value: null, details: { notApplicable: true, reason: 'clip-score scores images' } });
    if (image instanceof Error) return put(k, { value: null, details: { model: model.location.id }, error: image.message });
    const cos = cosine(text.embeddings[k]!, image.embedding);
    const tokens = text.ids[k]!.length;
    const details = { cos, model: model.location.id, tokens, maxTokens: model.maxLength, decode: image.decode };
    put(k, { value: clipScoreOf(cos), details });
  });
}

/** For text without a language tag: Chinese when Han characters outnumber Latin letters. */
export function textLanguage(text: string): 'zh' | 'en' {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return han > 0 && han >= latin ? 'zh' : 'en';
}

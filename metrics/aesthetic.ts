import { join } from 'node:path';
import { type Metric, type MetricInput, type MetricResult, type Language, type Modality, type Prompt } from '../core/types/index.js';
import { embedImages } from './image/clip-embed.js';
import { ClipModel } from './image/clip-model.js';
import { graphPath, locateModel, type ModelLocation } from './runtime/weights-cache.js';
import { metricIdAt, type Precision } from './runtime/weights-precision.js';
import { DEFAULT_MODELS } from './runtime/weights-registry.js';
import { fileSha256, ort, sessions, type Session } from './runtime/onnx-session.js';

const VERSION = '2';

export interface AestheticOptions {
  /** Folder or hub id of the CLIP whose image embedding the head reads (ViT-L/14 for LAION's head). */
  clip?: string;
  /** Folder or hub id of the head: onnx/model.onnx, [batch, dim] -> [batch, 1]. */
  head?: string;
  /** Weights precision of the CLIP model ; q8 makes the metric `aesthetic@q8`. */
  clipPrecision?: Precision;
  /** The LAION head ships fp32 only: any other precision is refused with the model named. */
  headPrecision?: Precision;
  env?: NodeJS.ProcessEnv;
}

export function l2Normalise(v: Float32Array): Float32Array {
  const n = Math.hypot(...v);
  return n === 0 ? v : v.map((x) => x / n);
}

/** Runs the head on L2-normalised embeddings, one batch. */
export async function runHead(session: Session, embeddings: readonly Float32Array[]): Promise<number[]> {
  const dim = embeddings[0]!.length;
  const batch = new Float32Array(embeddings.length * dim);
  embeddings.forEach((e, i) => batch.set(l2Normalise(e), i * dim));
  const out = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', batch, [embeddings.length, dim]) });
  return Array.from(out[session.outputNames[0]!]!.data as Float32Array);
}

/**
 * `aesthetic`: the LAION improved aesthetic predictor, an MLP (768-1024-128-64-16-1) on the
 * L2-normalised CLIP ViT-L/14 image embedding; about 1 to 10, higher is better.
 */
export function createAesthetic(options: AestheticOptions = {}): Metric {
  const clipAt = locateModel(options.clip ?? DEFAULT_MODELS['aesthetic-clip'], options.env, options.clipPrecision);
  const headAt: ModelLocation = locateModel(options.head ?? DEFAULT_MODELS.aesthetic, options.env, options.headPrecision);
  const headPath = graphPath(headAt, 'onnx/model.onnx');
  let loading: Promise<{ clip: ClipModel; head: Session }> | undefined;
  const load = () =>
    (loading ??= Promise.all([ClipModel.load(clipAt), sessions.acquire(headPath)]).then(([clip, head]) => ({ clip, head })));
  return {
    id: metricIdAt('aesthetic', [clipAt.precision, headAt.precision]),
    version: VERSION,
    modalities: ['image'],
    range: [0, 10],
    direction: 'higher-is-better',
    description: 'LAION improved aesthetic predictor: an MLP on the L2-normalised CLIP ViT-L/14 image embedding (about 1 to 10).',
    appliesTo: (_p: Prompt, _l: Language, modality: Modality) => modality === 'image',
    async provenance() {
      const { clip } = await load();
      return {
        metric: 'aesthetic',
        version: VERSION,
        clip: await clip.provenance(),
        head: { model: headAt.id, precision: headAt.precision, sha256: { [headAt.files[0]!]: await fileSha256(headPath) } },
        formula: 'mlp(image_embeds / ||image_embeds||)',
      };
    },
    async score(batch: readonly MetricInput[]): Promise<MetricResult[]> {
      try {
        const { clip, head } = await load();
        const embeds = await embedImages(clip, batch);
        const ok = embeds.flatMap((e, i) => (e instanceof Error ? [] : [{ i, ...e }]));
        const scores = ok.length
          ? await runHead(
              head,
              ok.map((e) => e.embedding),
            )
          : [];
        const byIndex = new Map(ok.map((e, k) => [e.i, scores[k]!]));
        return embeds.map((e, i) =>
          e instanceof Error
            ? { value: null, details: {}, error: e.message }
            : { value: byIndex.get(i)!, details: { clip: clipAt.id, head: headAt.id, decode: e.decode } },
        );
      } catch (e) {
        loading = undefined;
        return batch.map(() => ({ value: null, details: {}, error: `aesthetic failed: ${(e as Error).message}` }));
      }
    },
    async dispose() {
      const pending = loading;
      loading = undefined;
      const loaded = await pending?.catch(() => undefined);
      if (!loaded) return;
      await loaded.clip.dispose();
      await sessions.release(headPath);
    },
  };
}

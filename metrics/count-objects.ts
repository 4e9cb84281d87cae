import { type Metric, type MetricInput, type MetricResult, type Language, type Modality, type Prompt } from '../core/types/index.js';
import { detectionsFor, type DetectionSettings } from './image/detection-boxes.js';
import { locateModel } from './runtime/weights-cache.js';
import { metricIdAt, type Precision } from './runtime/weights-precision.js';
import { DEFAULT_MODELS } from './runtime/weights-registry.js';
import { OwlVitDetector } from './image/owlvit-detector.js';

const VERSION = '2';
/** Threshold of the OWL-ViT paper's and Hugging Face's examples; NMS IoU of the OWL-ViT code base. */
export const DEFAULT_DETECTION: DetectionSettings = { threshold: 0.1, nmsIou: 0.3 };

export interface CountOptions {
  /** Folder or hub id of an OWL-ViT model. */
  model?: string;
  precision?: Precision;
  detection?: Partial<DetectionSettings>;
  env?: NodeJS.ProcessEnv;
}

/** Generators handle counts up to 3 and fail above: the two are reported apart. */
export function countBucket(n: number): 'n<=3' | 'n>3' {
  return n <= 3 ? 'n<=3' : 'n>3';
}

export function queryFor(object: string): string {
  return `a photo of a ${object}`;
}

/**
 * `count`: for prompts with `expect.count`, the open-vocabulary detector counts the object; the
 * value is 1 for the exact count and 0 otherwise, with the difference and the n <= 3 / n > 3
 * bucket in the details. Throws ModelMissingError at creation when the model is not on disk.
 */
export function createCount(options: CountOptions = {}): Metric {
  const location = locateModel(options.model ?? DEFAULT_MODELS.detector, options.env, options.precision);
  const settings = { ...DEFAULT_DETECTION, ...options.detection };
  let loading: Promise<OwlVitDetector> | undefined;
  const load = () => (loading ??= OwlVitDetector.load(location));
  return {
    id: metricIdAt('count', [location.precision]),
    version: VERSION,
    modalities: ['image'],
    range: [0, 1],
    direction: 'higher-is-better',
    description:
      'Counting: 1 when the detector counts exactly the expected number of objects, else 0; the difference and the n<=3 / n>3 bucket in the details.',
    appliesTo: (prompt: Prompt, _l: Language, modality: Modality) => modality === 'image' && prompt.expect?.count !== undefined,
    async provenance() {
      const detector = await load();
      return {
        metric: 'count',
        version: VERSION,
        detector: await detector.provenance(),
        ...settings,
        query: queryFor('{object}'),
        postprocessing: 'sigmoid(logit) >= threshold per patch, boxes cxcywh -> corners in source pixels, greedy NMS',
      };
    },
    async score(batch: readonly MetricInput[]): Promise<MetricResult[]> {
      let detector: OwlVitDetector;
      try {
        detector = await load();
      } catch (e) {
        loading = undefined;
        return batch.map(() => ({ value: null, details: {}, error: `count cannot load ${location.id}: ${(e as Error).message}` }));
      }
      const results: MetricResult[] = [];
      for (const input of batch) results.push(await countOne(detector, input, settings));
      return results;
    },
    async dispose() {
      const pending = loading;
      loading = undefined;
      const detector = await pending?.catch(() => undefined);
      await detector?.dispose();
    },
  };
}

async function countOne(detector: OwlVitDetector, input: MetricInput, settings: DetectionSettings): Promise<MetricResult> {
  const expect = input.prompt.expect?.count;
  if (!expect || input.modality !== 'image') return { value: null, details: { notApplicable: true } };
  try {
    const { data, sourceWidth, sourceHeight, decode } = await detector.preprocess(input.path);
    const pred = await detector.detect(data, [queryFor(expect.object)]);
    const boxes = detectionsFor(pred, 0, { width: sourceWidth, height: sourceHeight }, settings);
    const counted = boxes.length;
    return {
      value: counted === expect.n ? 1 : 0,
      details: {
        object: expect.object,
        expected: expect.n,
        counted,
        difference: counted - expect.n,
        absError: Math.abs(counted - expect.n),
        bucket: countBucket(expect.n),
        boxes: boxes
          .slice(0, 50)
          .map((b) => ({ ...b, x1: Math.round(b.x1), y1: Math.round(b.y1), x2: Math.round(b.x2), y2: Math.round(b.y2) })),
        decode,
      },
    };
  } catch (err) {
    return { value: null, details: { expected: expect.n, bucket: countBucket(expect.n) }, error: (err as Error).message };
  }
}

import type { Metric } from '../core/types/index.js';
import { createAesthetic } from './aesthetic.js';
import { createClipScore } from './clip-score.js';
import { createComposition } from './composition.js';
import { createCount } from './count-objects.js';
import { createTechnicalMetrics } from './image-technical.js';
import { JUDGE_METRIC_IDS } from './judges/judge-metric-info.js';
import { createOcrText } from './ocr-text.js';
import type { ModelChoice, PrecisionChoice } from './runtime/weights-registry.js';
import { createVideoAesthetic } from './video-aesthetic.js';
import { createTemporalConsistency, createVideoClipScore } from './video-clip.js';
import { createVideoMetrics } from './video-metrics.js';

export interface MetricOptions {
  /** A folder or hub id per model role; the registry's defaults otherwise. */
  models?: ModelChoice;
  /** A weights precision per model role (fp32 where not given); a metric with a q8 model is `<id>@q8`. */
  precision?: PrecisionChoice;
  env?: NodeJS.ProcessEnv;
  /** Told once per process about a metric left out because its model is not on disk. */
  onNotice?: (line: string) => void;
}

const clipPair = (o: MetricOptions) => ({ en: o.precision?.['clip-en'], zh: o.precision?.['clip-zh'] });
const aestheticModels = (o: MetricOptions) => ({
  clip: o.models?.['aesthetic-clip'],
  head: o.models?.aesthetic,
  clipPrecision: o.precision?.['aesthetic-clip'],
  headPrecision: o.precision?.aesthetic,
});

/** Metrics backed by a model: created only when the model is on disk. */
const MODEL_METRICS: Record<string, (o: MetricOptions) => Metric> = {
  'clip-score': (o) => createClipScore({ en: o.models?.['clip-en'], zh: o.models?.['clip-zh'], precision: clipPair(o), env: o.env }),
  count: (o) => createCount({ model: o.models?.detector, precision: o.precision?.detector, env: o.env }),
  composition: (o) =>
    createComposition({
      detector: o.models?.detector,
      clip: o.models?.['clip-en'],
      precision: { detector: o.precision?.detector, clip: o.precision?.['clip-en'] },
      env: o.env,
    }),
  aesthetic: (o) => createAesthetic({ ...aestheticModels(o), env: o.env }),
  'video-clip-score': (o) =>
    createVideoClipScore({ en: o.models?.['clip-en'], zh: o.models?.['clip-zh'], precision: clipPair(o), env: o.env }),
  'temporal-consistency': (o) =>
    createTemporalConsistency({ model: o.models?.['clip-en'], precision: o.precision?.['clip-en'], env: o.env }),
  'video-aesthetic': (o) => createVideoAesthetic({ ...aestheticModels(o), env: o.env }),
};

/**
 * Every metric Loupe can compute now (model-backed metrics load their weights lazily). A metric
 * whose model is absent is left out with a one-line notice, so that an offline run still works.
 */
export function createMetrics(options: MetricOptions = {}): Metric[] {
  const metrics = [...createTechnicalMetrics(), createOcrText(), ...createVideoMetrics()];
  for (const [id, create] of Object.entries(MODEL_METRICS)) {
    try {
      metrics.push(create(options));
    } catch (e) {
      (options.onNotice ?? ((l: string) => console.error(l)))(`${id}: skipped, ${(e as Error).message}`);
    }
  }
  return metrics;
}

/** The ids of every metric Loupe knows, whether or not its model is on disk. */
export function metricIds(): string[] {
  return [
    ...createTechnicalMetrics().map((m) => m.id),
    'ocr-text',
    ...createVideoMetrics().map((m) => m.id),
    ...Object.keys(MODEL_METRICS),
    ...JUDGE_METRIC_IDS,
  ];
}

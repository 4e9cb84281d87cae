import type { Language, Metric, MetricInput, MetricResult, Modality, Prompt } from '../core/types/index.js';
import { boxColours, COLOUR_TEMPLATES } from './image/box-colours.js';
import { ClipModel } from './image/clip-model.js';
import { detectionsFor, type Box, type DetectionSettings } from './image/detection-boxes.js';
import { checkLayout, GENEVAL_COLORS, POSITION_THRESHOLD } from './image/layout-rules.js';
import { decodeImage } from './image/open-image.js';
import { OwlVitDetector } from './image/owlvit-detector.js';
import { DEFAULT_DETECTION, queryFor } from './count-objects.js';
import { locateModel } from './runtime/weights-cache.js';
import { metricIdAt, type Precision } from './runtime/weights-precision.js';
import { DEFAULT_MODELS } from './runtime/weights-registry.js';

const VERSION = '2';
/** GenEval keeps at most 16 detections per object class. */
const MAX_OBJECTS = 16;

export interface CompositionOptions {
  detector?: string;
  clip?: string;
  precision?: { detector?: Precision; clip?: Precision };
  detection?: Partial<DetectionSettings>;
  env?: NodeJS.ProcessEnv;
}

/**
 * `composition`, GenEval-style: for a prompt with `expect.layout`, the open-vocabulary detector
 * finds each named object, CLIP names the colour of each box, and GenEval's rules judge counts,
 * colours, relative positions and upper bounds; 1 when every clause holds, else 0, with the
 * reasons and what was found in the details. GenEval's own thresholds belong to its Mask2Former
 * detector: these scores are GenEval-style, not comparable with published GenEval numbers.
 */
export function createComposition(options: CompositionOptions = {}): Metric {
  const detectorAt = locateModel(options.detector ?? DEFAULT_MODELS.detector, options.env, options.precision?.detector);
  const clipAt = locateModel(options.clip ?? DEFAULT_MODELS['clip-en'], options.env, options.precision?.clip);
  const settings = { ...DEFAULT_DETECTION, ...options.detection };
  let loading: Promise<[OwlVitDetector, ClipModel]> | undefined;
  const load = () => (loading ??= Promise.all([OwlVitDetector.load(detectorAt), ClipModel.load(clipAt)]));
  return {
    id: metricIdAt('composition', [detectorAt.precision, clipAt.precision]),
    version: VERSION,
    modalities: ['image'],
    range: [0, 1],
    direction: 'higher-is-better',
    description:
      'GenEval-style composition: 1 when the detector finds every expected object in its count, colour and position (and no more than allowed), else 0; not comparable with published GenEval numbers (another detector).',
    appliesTo: (prompt: Prompt, _l: Language, modality: Modality) => modality === 'image' && prompt.expect?.layout !== undefined,
    async provenance() {
      const [detector, clip] = await load();
      return {
        metric: 'composition',
        version: VERSION,
        rules:
          'GenEval evaluate_images.py (djghosh13/geneval af4902f): counts, colours of the most confident boxes, relative position, exclusions',
        detector: await detector.provenance(),
        ...settings,
        maxObjects: MAX_OBJECTS,
        positionThreshold: POSITION_THRESHOLD,
        colour: { clip: await clip.provenance(), classes: GENEVAL_COLORS, templates: COLOUR_TEMPLATES, crop: 'the box, no mask' },
      };
    },
    async score(batch: readonly MetricInput[]): Promise<MetricResult[]> {
      let models: [OwlVitDetector, ClipModel];
      try {
        models = await load();
      } catch (e) {
        loading = undefined;
        return batch.map(() => ({ value: null, details: {}, error: `composition cannot load its models: ${(e as Error).message}` }));
      }
      const results: MetricResult[] = [];
      for (const input of batch) results.push(await judgeOne(models, input, settings));
      return results;
    },
    async dispose() {
      const pending = loading;
      loading = undefined;
      const loaded = await pending?.catch(() => undefined);
      await Promise.all(loaded?.map((m) => m.dispose()) ?? []);
    },
  };
}

async function judgeOne(
  [detector, clip]: [OwlVitDetector, ClipModel],
  input: MetricInput,
  settings: DetectionSettings,
): Promise<MetricResult> {
  const expect = input.prompt.expect;
  if (!expect?.layout || input.modality !== 'image') return { value: null, details: { notApplicable: true } };
  const task = input.prompt.tags.find((t) => t.startsWith('geneval:'))?.slice('geneval:'.length) ?? input.prompt.category;
  try {
    const objects = [...new Set([...expect.layout.map((o) => o.object), ...(expect.fewerThan ?? []).map((o) => o.object)])];
    const { result: rgb, decode } = await decodeImage(input.path, 'drop', async (image) => {
      const { data: pixels, info } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data: new Uint8Array(pixels), width: info.width, height: info.height };
    });
    const { data } = await detector.preprocessDecoded(rgb.data, rgb.width, rgb.height);
    const pred = await detector.detect(data, objects.map(queryFor));
    const size = { width: rgb.width, height: rgb.height };
    const detected = new Map<string, Box[]>(objects.map((o, q) => [o, detectionsFor(pred, q, size, settings).slice(0, MAX_OBJECTS)]));
    const check = await checkLayout(expect, detected, (object, boxes) => boxColours(clip, rgb, object, boxes));
    return {
      value: check.correct ? 1 : 0,
      details: {
        task,
        reasons: check.reasons,
        found: Object.fromEntries(
          [...detected].map(([o, boxes]) => [
            o,
            boxes.map((b) => ({ ...b, x1: Math.round(b.x1), y1: Math.round(b.y1), x2: Math.round(b.x2), y2: Math.round(b.y2) })),
          ]),
        ),
        decode,
      },
    };
  } catch (err) {
    return { value: null, details: { task }, error: (err as Error).message };
  }
}

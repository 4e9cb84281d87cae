import sharp from 'sharp';
import type { ClipModel } from './clip-model.js';
import { embedTexts } from './clip-embed.js';
import { preprocessRgb } from './clip-preprocess.js';
import type { Box } from './detection-boxes.js';
import { GENEVAL_COLORS } from './layout-rules.js';

/** GenEval's three templates per colour, averaged (open_clip's zero-shot classifier). */
export const COLOUR_TEMPLATES = ['a photo of a {c} {object}', 'a photo of a {c}-colored {object}', 'a photo of a {c} object'];

const normalise = (v: Float32Array) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

/**
 * The colour of each box by CLIP zero-shot classification of its crop, GenEval's way: per colour,
 * the mean of the three templates' normalised text embeddings, normalised; the colour whose class
 * embedding has the largest dot product with the crop's. GenEval also greys out the background
 * with its detector's mask; OWL-ViT gives boxes only, so the whole crop is classified.
 */
export async function boxColours(
  clip: ClipModel,
  rgb: { data: Uint8Array; width: number; height: number },
  object: string,
  boxes: readonly Box[],
): Promise<string[]> {
  const classes = await colourClasses(clip, object);
  const crops = await Promise.all(boxes.map((b) => crop(rgb, b)));
  const pixels = await Promise.all(crops.map((c) => preprocessRgb(c.data, c.width, c.height, clip.image)));
  const embedded = await clip.embedPixels(pixels.map((p) => p.data));
  return embedded.map((e) => {
    const scores = classes.map((c) => c.reduce((s, x, i) => s + x * e[i]!, 0));
    return GENEVAL_COLORS[scores.indexOf(Math.max(...scores))]!;
  });
}

async function colourClasses(clip: ClipModel, object: string): Promise<Float32Array[]> {
  const texts = GENEVAL_COLORS.flatMap((c) => COLOUR_TEMPLATES.map((t) => t.replace('{c}', c).replace('{object}', object)));
  const { embeddings } = await embedTexts(clip, texts);
  return GENEVAL_COLORS.map((_, ci) => {
    const rows = embeddings.slice(ci * COLOUR_TEMPLATES.length, (ci + 1) * COLOUR_TEMPLATES.length).map(normalise);
    return normalise(rows[0]!.map((_, d) => rows.reduce((s, r) => s + r[d]!, 0) / rows.length));
  });
}

async function crop(rgb: { data: Uint8Array; width: number; height: number }, b: Box) {
  const left = Math.max(0, Math.floor(b.x1));
  const top = Math.max(0, Math.floor(b.y1));
  const width = Math.max(1, Math.min(rgb.width, Math.ceil(b.x2)) - left);
  const height = Math.max(1, Math.min(rgb.height, Math.ceil(b.y2)) - top);
  const { data, info } = await sharp(rgb.data, { raw: { width: rgb.width, height: rgb.height, channels: 3 } })
    .extract({ left, top, width, height })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

import sharp from 'sharp';
import { COLOUR_CONVERSION, decodeImage, type ImageDecode } from './open-image.js';
import { resizeBicubicRgb, type ResizeWindow } from './pil-resize.js';

/** The image side of a Hugging Face `preprocessor_config.json` for CLIP-like models. */
export interface ClipImageConfig {
  /** Resize so the shortest edge is this long, then centre-crop (CLIP); or resize to exactly this size (Chinese-CLIP, OWL-ViT). */
  size: { shortestEdge: number } | { width: number; height: number };
  crop?: { width: number; height: number };
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  rescale: number;
}

export function imageConfigFrom(json: Record<string, unknown>): ClipImageConfig {
  const size = json.size as { shortest_edge?: number; width?: number; height?: number } | number | undefined;
  const crop = json.crop_size as { width?: number; height?: number } | number | undefined;
  const asBox = (v: typeof crop) =>
    typeof v === 'number' ? { width: v, height: v } : v && v.width && v.height ? { width: v.width, height: v.height } : undefined;
  const resize =
    typeof size === 'number'
      ? { shortestEdge: size }
      : size?.shortest_edge !== undefined
        ? { shortestEdge: size.shortest_edge }
        : asBox(size);
  if (!resize) throw new Error('preprocessor_config.json: "size" must give shortest_edge or width and height');
  return {
    size: resize,
    crop: json.do_center_crop === false ? undefined : asBox(crop),
    mean: (json.image_mean as [number, number, number]) ?? [0.48145466, 0.4578275, 0.40821073],
    std: (json.image_std as [number, number, number]) ?? [0.26862954, 0.26130258, 0.27577711],
    rescale: json.do_rescale === false ? 1 : Number(json.rescale_factor ?? 1 / 255),
  };
}

/** What the provenance records about preprocessing. */
export function describePreprocessing(c: ClipImageConfig): Record<string, unknown> {
  return {
    decoder: `sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips})`,
    steps: `${COLOUR_CONVERSION}; alpha channel dropped (as PIL convert("RGB")); no EXIF rotation`,
    resize: 'shortestEdge' in c.size ? `shortest edge ${c.size.shortestEdge}, long edge floor(scaled)` : `${c.size.width}x${c.size.height}`,
    kernel: `Pillow BICUBIC ported to JS (8-bit fixed point, antialiased when shrinking); sources over ${PRESHRINK_FACTOR}x the target per side are first shrunk with libvips lanczos3`,
    crop: c.crop ? `centre ${c.crop.width}x${c.crop.height}` : 'none',
    rescale: c.rescale,
    mean: c.mean,
    std: c.std,
  };
}

function targetSize(c: ClipImageConfig, width: number, height: number): { width: number; height: number } {
  if (!('shortestEdge' in c.size)) return c.size;
  const s = c.size.shortestEdge;
  // transformers' get_resize_output_image_size: the long edge is int(s * long / short).
  return width <= height ? { width: s, height: Math.floor((s * height) / width) } : { width: Math.floor((s * width) / height), height: s };
}

/** Sources larger than this many times the target per side are first shrunk by libvips, bounding the cost of huge files. */
const PRESHRINK_FACTOR = 8;

/** Decodes and preprocesses one image file into CHW float32 `pixel_values`. Throws with the file named. */
export interface Preprocessed {
  /** CHW float32 pixel_values of one image. */
  data: Float32Array;
  width: number;
  height: number;
  /** Size of the decoded file. */
  sourceWidth: number;
  sourceHeight: number;
  /** What decoding did to the file (absent for a video frame). */
  decode?: ImageDecode;
}

export async function preprocessImage(path: string, c: ClipImageConfig): Promise<Preprocessed> {
  const { result, decode } = await decodeImage(path, 'drop', async (image, source) => {
    const target = targetSize(c, source.width, source.height);
    const limitW = target.width * PRESHRINK_FACTOR,
      limitH = target.height * PRESHRINK_FACTOR;
    let pipeline = image;
    if (source.width > limitW || source.height > limitH) {
      const k = Math.max(source.width / limitW, source.height / limitH);
      pipeline = pipeline.resize({
        width: Math.round(source.width / k),
        height: Math.round(source.height / k),
        fit: 'fill',
        kernel: 'lanczos3',
      });
    }
    const decoded = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (decoded.info.channels !== 3) throw new Error(`expected 3 colour channels after decoding, got ${decoded.info.channels}`);
    const win = cropWindow(target, c);
    const raw = resizeBicubicRgb(decoded.data, decoded.info.width, decoded.info.height, target.width, target.height, win);
    return { raw, win, source };
  });
  return { ...normalise(result.raw, result.win, c, result.source), decode };
}

/** Preprocesses decoded 8-bit RGB (a video frame) the way `preprocessImage` treats a decoded file. */
export async function preprocessRgb(rgb: Uint8Array, width: number, height: number, c: ClipImageConfig): Promise<Preprocessed> {
  const target = targetSize(c, width, height);
  const limitW = target.width * PRESHRINK_FACTOR,
    limitH = target.height * PRESHRINK_FACTOR;
  let src = { data: rgb, width, height };
  if (width > limitW || height > limitH) {
    const k = Math.max(width / limitW, height / limitH);
    const { data, info } = await sharp(rgb, { raw: { width, height, channels: 3 } })
      .resize({ width: Math.round(width / k), height: Math.round(height / k), fit: 'fill', kernel: 'lanczos3' })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    src = { data, width: info.width, height: info.height };
  }
  const win = cropWindow(target, c);
  return normalise(resizeBicubicRgb(src.data, src.width, src.height, target.width, target.height, win), win, c, { width, height });
}

/**
 * Where the centre crop lies in the resized image (transformers' center_crop: top = (h - ch) // 2,
 * left = (w - cw) // 2), and the part of it inside the image: the only pixels resized.
 */
interface CropWindow extends ResizeWindow {
  crop: { width: number; height: number };
  /** Offset of the window inside the crop: non-zero where a crop larger than the image pads. */
  padLeft: number;
  padTop: number;
}

function cropWindow(target: { width: number; height: number }, c: ClipImageConfig): CropWindow {
  const crop = c.crop ?? target;
  const top = Math.floor((target.height - crop.height) / 2);
  const left = Math.floor((target.width - crop.width) / 2);
  const winTop = Math.max(top, 0),
    winLeft = Math.max(left, 0);
  return {
    crop,
    left: winLeft,
    top: winTop,
    width: Math.min(left + crop.width, target.width) - winLeft,
    height: Math.min(top + crop.height, target.height) - winTop,
    padLeft: winLeft - left,
    padTop: winTop - top,
  };
}

/** CHW float32 of the crop from the window's 8-bit RGB; a crop larger than the image pads with zeros, as transformers does. */
function normalise(raw: Uint8Array, win: CropWindow, c: ClipImageConfig, source: { width: number; height: number }): Preprocessed {
  const { crop } = win;
  const plane = crop.width * crop.height;
  const out = new Float32Array(3 * plane);
  for (let ch = 0; ch < 3; ch++) {
    // The 256 values an 8-bit sample can normalise to, each computed as transformers does.
    const lut = Float32Array.from({ length: 256 }, (_, v) => (v * c.rescale - c.mean[ch]!) / c.std[ch]!);
    for (let y = 0; y < crop.height; y++) {
      const wy = y - win.padTop;
      for (let x = 0; x < crop.width; x++) {
        const wx = x - win.padLeft;
        const inside = wy >= 0 && wy < win.height && wx >= 0 && wx < win.width;
        out[ch * plane + y * crop.width + x] = lut[inside ? raw[(wy * win.width + wx) * 3 + ch]! : 0]!;
      }
    }
  }
  return { data: out, width: crop.width, height: crop.height, sourceWidth: source.width, sourceHeight: source.height };
}

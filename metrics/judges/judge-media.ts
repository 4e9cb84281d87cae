import sharp from 'sharp';
import type { MetricInput } from '../../core/types/index.js';
import { probeVideo } from '../video/probe.js';
import { sampleFrames } from '../video/sample-frames.js';

/** What a judge sees of one media item: data URLs in time order and their sizes (for the token estimate). */
export interface JudgeMedia {
  urls: string[];
  sizes: { width: number; height: number }[];
}

const JPEG_QUALITY = 90;

/**
 * An image downscaled (never enlarged) so that its longest side is at most `maxSide`, or a video as
 * `frames` frames at the middle of equal spans of its duration (metrics/video's sampling by
 * timestamp), each a JPEG data URL. Unreadable media throws; the metric turns it into an error.
 */
export async function judgeMedia(input: MetricInput, maxSide: number, frames: number): Promise<JudgeMedia> {
  if (input.modality === 'image') {
    const { data, info } = await sharp(input.path)
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { urls: [dataUrl(data)], sizes: [{ width: info.width, height: info.height }] };
  }
  const probe = await probeVideo(input.path);
  const scale = Math.min(1, maxSide / Math.max(probe.width, probe.height));
  const width = Math.max(2, Math.round(probe.width * scale));
  const height = Math.max(2, Math.round(probe.height * scale));
  const out: JudgeMedia = { urls: [], sizes: [] };
  for await (const f of sampleFrames(input.path, { frames, width, height }, { probe })) {
    const jpeg = await sharp(f.rgb, { raw: { width: f.width, height: f.height, channels: 3 } })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer();
    out.urls.push(dataUrl(jpeg));
    out.sizes.push({ width: f.width, height: f.height });
  }
  return out;
}

const dataUrl = (jpeg: Buffer) => `data:image/jpeg;base64,${jpeg.toString('base64')}`;

import sharp from 'sharp';
import type { MediaPreview } from '../../core/types/index.js';
import { sampleFrames } from './sample-frames.js';
import { probeVideo } from './probe.js';

/**
 * A JPEG data URI of a clip's middle frame, fitted inside `size` x `size`, for the report's
 * gallery; '' when the clip cannot be decoded (the scores table already says why).
 */
export async function videoPoster(path: string, size: number): Promise<string> {
  try {
    const probe = await probeVideo(path);
    const k = Math.min(1, size / Math.max(probe.width, probe.height));
    const width = Math.max(2, Math.round(probe.width * k)),
      height = Math.max(2, Math.round(probe.height * k));
    for await (const frame of sampleFrames(path, { frames: 1, width, height }, { probe })) {
      const jpeg = await sharp(frame.rgb, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 72 })
        .toBuffer();
      return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
    }
  } catch {
    // A clip that cannot be decoded costs its preview, not the report.
  }
  return '';
}

/** Posters by ffprobe and ffmpeg, for the report. */
export const videoPreview: MediaPreview = { poster: videoPoster };

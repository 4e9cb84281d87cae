import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AskedMedia, MetricInput } from '../../core/types/metric.js';
import type { Language, Prompt } from '../../core/types/prompt.js';
import sharp from 'sharp';
import { ffmpegPath } from '../../metrics/video/ffmpeg-binaries.js';
import { sampleFrames, type FrameSampling } from '../../metrics/video/sample-frames.js';

const prompt: Prompt = { id: 'v1', category: 'motion', tags: [], text: { en: 'a red box', zh: '一个红色的盒子' }, modality: 'video' };

/** Small H.264 clips made with ffmpeg's lavfi sources, in a folder removed by `remove()`. */
export function clipMaker() {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-video-'));
  return {
    dir,
    /** `source` is a lavfi graph; `filter` an optional -vf chain. */
    make(name: string, source: string, filter?: string): string {
      const path = join(dir, name);
      execFileSync(ffmpegPath(), [
        '-y',
        '-hide_banner',
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        source,
        ...(filter ? ['-vf', filter] : []),
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
        path,
      ]);
      return path;
    },
    /** The frames `sampleFrames` gives for `sampling`, written as PNG files (lossless), for the image metrics to read. */
    async framesAsPng(video: string, sampling: FrameSampling): Promise<string[]> {
      const out = mkdtempSync(join(dir, 'frames-'));
      const files: string[] = [];
      for await (const f of sampleFrames(video, sampling)) {
        files.push(join(out, `${f.index}.png`));
        await sharp(f.rgb, { raw: { width: f.width, height: f.height, channels: 3 } })
          .png()
          .toFile(files[files.length - 1]!);
      }
      return files;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function videoInput(path: string, options: { text?: string; language?: Language; asked?: AskedMedia } = {}): MetricInput {
  let mediaHash: string;
  try {
    mediaHash = createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    mediaHash = `missing:${path}`;
  }
  return {
    path,
    mime: 'video/mp4',
    mediaHash,
    modality: 'video',
    prompt,
    language: options.language ?? 'en',
    text: options.text ?? 'a red box',
    asked: options.asked,
  };
}

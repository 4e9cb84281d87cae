import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { measurePixels } from '../../../metrics/image-technical.js';
import { rgbForAnalysis } from '../../../metrics/image/pixels.js';
import { measureClip } from '../../../metrics/video/clip-measures.js';
import { ffmpegPath } from '../../../metrics/video/ffmpeg-binaries.js';
import { hornSchunck } from '../../../metrics/video/optical-flow.js';
import { lavfiClip } from './decode-clips.js';
import { greyReference, topFivePercentReference } from './flow-references.js';

/**
 * The straightforward computations the fast path (SIMD frame differences in a stream, recycled
 * frame buffers, run sums in the grey downscale, selection for the top 5%) must equal, value for
 * value: one value at a time, as the formulas in metrics/README.md read.
 */
function pairReference(a: Uint8Array, b: Uint8Array): { mae: number; changed: number } {
  let sum = 0,
    over = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    sum += d;
    if (d > 8) over++;
  }
  return { mae: sum / a.length, changed: over / a.length };
}

function blackReference(rgb: Uint8Array): boolean {
  let bright = 0;
  for (let j = 0; j < rgb.length; j += 3) if (0.299 * rgb[j]! + 0.587 * rgb[j + 1]! + 0.114 * rgb[j + 2]! > 25.5) bright++;
  return bright <= 0.02 * (rgb.length / 3);
}

const dir = mkdtempSync(join(tmpdir(), 'loupe-clip-measures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('measureClip', () => {
  it('gives the very values of the straightforward computations on every frame of a clip', async () => {
    // Black frames first, then a moving noisy pattern, then the last frame held (duplicates): 24 fps, so flow on every 3rd frame.
    const clip = await lavfiClip(
      join(dir, 'clip.mp4'),
      'testsrc2=size=384x216:rate=24:duration=1.25,noise=alls=12:allf=t,tpad=start_duration=0.25:color=black:stop_mode=clone:stop_duration=0.5',
      2,
    );
    // Every frame to RGB with the conversion everyFrame asks for (bicubic, no resizing at this size),
    // from a process of its own; flow frames are 216 rows area-averaged to 128 (uneven cells).
    const { stdout } = await promisify(execFile)(
      ffmpegPath(),
      [
        '-v',
        'error',
        '-i',
        clip,
        '-map',
        '0:V:0',
        '-fps_mode',
        'passthrough',
        '-vf',
        'scale=flags=bicubic,format=rgb24',
        '-f',
        'rawvideo',
        '-',
      ],
      { encoding: 'buffer', maxBuffer: 1 << 26 },
    );
    const size = 384 * 216 * 3;
    const frames = Array.from({ length: stdout.length / size }, (_, i) => new Uint8Array(stdout.subarray(i * size, (i + 1) * size)));
    const flowFrames = frames.filter((_, i) => i % 3 === 0);
    const greys = flowFrames.map((f) => greyReference(f, 384, 216, 128));
    const pairs = frames.slice(1).map((f, i) => pairReference(frames[i]!, f));
    const quality = await Promise.all(flowFrames.map(async (f) => measurePixels(await rgbForAnalysis(f, 384, 216))));

    const m = await measureClip(clip);
    expect(m.frameTimes).toHaveLength(frames.length);
    expect(m.pairDiffs).toEqual(pairs.map((p) => p.mae));
    expect(m.duplicates).toEqual(pairs.map((p) => p.changed < 0.001));
    expect(m.blackFrameTimes).toEqual(m.frameTimes.filter((_, i) => blackReference(frames[i]!)));
    expect(m.flow.map((f) => f.magnitude)).toEqual(
      greys.slice(1).map((g, i) => {
        const { u, v } = hornSchunck(greys[i]!, g);
        return (topFivePercentReference(u, v) * 256) / 128;
      }),
    );
    expect(m.quality.map((q) => q.measures)).toEqual(quality);
    // The clip has all three kinds of frames, so none of the comparisons above is vacuous.
    expect(m.blackFrameTimes.length).toBeGreaterThan(2);
    expect(m.duplicates.filter(Boolean).length).toBeGreaterThan(5);
    expect(m.flow.some((f) => f.magnitude > 1)).toBe(true);
  });
});

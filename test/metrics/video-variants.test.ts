import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metric, MetricResult } from '../../core/types/metric.js';
import { createVideoMetrics } from '../../metrics/video-metrics.js';
import { ffprobePath } from '../../metrics/video/ffmpeg-binaries.js';
import { ffmpeg } from './video/decode-clips.js';
import { videoInput } from './video-clips.js';

/**
 * One moving picture (SMPTE bars panned at 60 px/s: at least 2 px a frame, as a 4:2:0 crop moves by even steps; no frame repeated) in every container, codec,
 * rate and rotation a generator may hand back, all encoded at high quality: every one must be read
 * as dynamic, not frozen, not black, with the same flicker.
 */
const PAN = (rate: number) => `smptebars=size=480x120:rate=${rate},crop=160:120:x='t*60':y=0`;
const H264 = ['-c:v', 'libx264', '-crf', '12', '-pix_fmt', 'yuv420p'];
const VP9 = ['-c:v', 'libvpx-vp9', '-crf', '10', '-b:v', '0', '-pix_fmt', 'yuv420p'];
const VARIANTS: Record<string, string[]> = {
  'h264-bframes.mp4': ['-f', 'lavfi', '-i', PAN(24), '-t', '2', ...H264, '-bf', '3'],
  'hevc.mp4': [
    '-f',
    'lavfi',
    '-i',
    PAN(24),
    '-t',
    '2',
    '-c:v',
    'libx265',
    '-crf',
    '12',
    '-pix_fmt',
    'yuv420p',
    '-x265-params',
    'log-level=error',
    '-tag:v',
    'hvc1',
  ],
  'vp9-24.webm': ['-f', 'lavfi', '-i', PAN(24), '-t', '2', ...VP9],
  'av1.mkv': ['-f', 'lavfi', '-i', PAN(24), '-t', '2', '-c:v', 'libsvtav1', '-crf', '18', '-pix_fmt', 'yuv420p'],
  'vp9-12.webm': ['-f', 'lavfi', '-i', PAN(12), '-t', '3', ...VP9],
  'vp9-30.webm': ['-f', 'lavfi', '-i', PAN(30), '-t', '3', ...VP9],
  // 30 fps for a second, then every third frame (10 fps): a variable rate, no frame repeated.
  'vfr.mp4': ['-f', 'lavfi', '-i', PAN(30), '-t', '2', '-vf', "select='lt(n,30)+not(mod(n,3))'", '-fps_mode', 'vfr', ...H264],
  'vfr.mkv': ['-f', 'lavfi', '-i', PAN(30), '-t', '2', '-vf', "select='lt(n,30)+not(mod(n,3))'", '-fps_mode', 'vfr', ...H264],
};
const ROTATED = 'rotated-90.mp4';

let dir: string;
const paths: Record<string, string> = {};
const results: Record<string, Record<string, MetricResult>> = {};
let metrics: Metric[];

/** Truth from ffmpeg itself: every decoded frame's timestamp. */
async function decodedPts(path: string): Promise<number[]> {
  const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', path];
  const { stdout } = await promisify(execFile)(ffprobePath(), args);
  return stdout
    .split('\n')
    .map((l) => l.split(',')[0]!)
    .filter((l) => l !== '')
    .map(Number);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-video-variants-'));
  for (const [name, args] of Object.entries(VARIANTS)) {
    paths[name] = join(dir, name);
    await ffmpeg(...args, paths[name]);
  }
  paths[ROTATED] = join(dir, ROTATED);
  await ffmpeg('-i', paths['h264-bframes.mp4']!, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', paths[ROTATED]);
  metrics = createVideoMetrics();
  const names = Object.keys(paths);
  for (const m of metrics) {
    const scored = await m.score(names.map((n) => videoInput(paths[n]!)));
    names.forEach((n, i) => ((results[n] ??= {})[m.id] = scored[i]!));
  }
}, 300_000);
afterAll(async () => {
  for (const m of metrics) await m.dispose?.();
  await rm(dir, { recursive: true, force: true });
});

const checks = (name: string) =>
  results[name]!['video-checks']!.details.checks as Record<string, { pass: boolean; measured: Record<string, number> }>;

describe('video metrics across codecs, containers, rates and rotation', () => {
  it('reads every decoded frame once: no frozen pair in WebM or variable-rate clips, the frame count and times are ffmpeg’s', async () => {
    for (const name of Object.keys(paths)) {
      const truth = await decodedPts(paths[name]!);
      const sampling = results[name]!.flicker!.details.sampling as Record<string, unknown>;
      expect({ name, frames: sampling.frames }).toEqual({ name, frames: truth.length });
      expect(sampling.lastSec as number).toBeCloseTo(truth[truth.length - 1]! - truth[0]!, 3);
      expect({ name, duplicates: checks(name).frozen!.measured.duplicateFraction }).toEqual({ name, duplicates: 0 });
      expect({ name, variable: sampling.variableFrameRate }).toEqual({ name, variable: name.startsWith('vfr') });
    }
  });

  it('gives the same verdicts (dynamic, not frozen, not black) and flicker within 0.001', () => {
    const flicker: number[] = [];
    for (const name of Object.keys(paths)) {
      const r = results[name]!;
      expect({ name, dynamic: r.motion!.details.dynamic }).toEqual({ name, dynamic: true });
      expect({ name, failed: r['video-checks']!.details.failed }).toEqual({ name, failed: [] });
      if (!name.includes('vp9-') && !name.startsWith('vfr')) flicker.push(r.flicker!.value!);
    }
    expect(Math.max(...flicker) - Math.min(...flicker)).toBeLessThan(0.001);
  });

  it('a rotated clip is measured upright, at its display size', () => {
    expect(results[ROTATED]!['video-checks']!.details.probe).toMatchObject({ width: 120, height: 160 });
    expect(results[ROTATED]!.flicker!.value).toBeCloseTo(results['h264-bframes.mp4']!.flicker!.value!, 6);
  });
});

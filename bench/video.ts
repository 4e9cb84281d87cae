// Video decode benchmark: `npm run bench:video [-- --repeat 5 --metrics-only]`.
// Makes test clips with ffmpeg's lavfi sources in a temp folder (among them a 5 s 720p clip), then,
// in the same run and on the same files, times (a) a plain `ffmpeg -i file -f null -` decode and
// (b) sampleFrames at the metric input size (224 x 224), given the probe: every frame, and 8 uniform
// frames; (c) probeVideo alone. Prints video frames per second (frames in the file / wall time,
// best of the repeats), the ratio of sampleFrames to the plain decode (the headline figure: what
// scaling, RGB conversion and the pipe into JS cost), the probe time and the peak RSS. Then the
// model-free video metrics against a plain decode to raw RGB (video-metrics-ratio.ts).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { resolveBinary } from '../metrics/video/ffmpeg-binaries.js';
import { probeVideo, type VideoProbe } from '../metrics/video/probe.js';
import { sampleFrames, type FrameSampling } from '../metrics/video/sample-frames.js';
import { metricRatios } from './video-metrics-ratio.js';

const run = promisify(execFile);
const { values: args } = parseArgs({
  options: { repeat: { type: 'string', default: '5' }, 'metrics-only': { type: 'boolean', default: false } },
});
const REPEAT = Number(args.repeat);
const ffmpeg = resolveBinary('ffmpeg');

const CLIPS = [
  { name: '256x256 8 fps 2 s (quickstart size)', source: 'testsrc2=size=256x256:rate=8', seconds: 2 },
  { name: '1280x720 30 fps 5 s', source: 'testsrc2=size=1280x720:rate=30', seconds: 5 },
  { name: '1920x1080 24 fps 3 s', source: 'testsrc2=size=1920x1080:rate=24', seconds: 3 },
];

/**
 * The best (lowest) wall-clock seconds of `repeat` runs of `work`: this is the "time this" of the
 * benchmark. The best run is the one least disturbed by other load on a shared machine.
 */
export async function timeThis(work: () => Promise<unknown>, repeat = REPEAT): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    await work();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

async function makeClip(dir: string, clip: (typeof CLIPS)[number], index: number): Promise<string> {
  const path = join(dir, `clip-${index}.mp4`);
  const encode = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'];
  await run(ffmpeg.path, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', clip.source, '-t', String(clip.seconds), ...encode, path]);
  return path;
}

const plainDecode = (path: string) => run(ffmpeg.path, ['-nostdin', '-v', 'error', '-i', path, '-f', 'null', '-']);

async function sample(path: string, sampling: FrameSampling, probe: VideoProbe): Promise<number> {
  let n = 0;
  for await (const _ of sampleFrames(path, sampling, { probe })) n++;
  return n;
}

const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-video-'));
try {
  if (!args['metrics-only']) await decodeTable();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function decodeTable(): Promise<void> {
  const version = (await run(ffmpeg.path, ['-version'])).stdout.split('\n')[0];
  console.log(`ffmpeg: ${ffmpeg.path} (${ffmpeg.source}); ${version}`);
  console.log(`best of ${REPEAT} runs; video fps = frames in the file / wall seconds\n`);
  const header = ['clip', 'frames', 'plain decode', 'sampleFrames all@224', 'ratio', 'sampleFrames 8@224', 'ratio', 'probe'];
  const rows: string[][] = [header];
  const ratios: number[] = [];
  for (const [i, clip] of CLIPS.entries()) {
    const path = await makeClip(dir, clip, i);
    const probe = await probeVideo(path);
    const { frameCount } = probe;
    const plain = await timeThis(() => plainDecode(path));
    // Given the probe, as a metric that probed once would call it; the probe's own time is the last column.
    const all = await timeThis(() => sample(path, { frames: frameCount, width: 224, height: 224 }, probe));
    const eight = await timeThis(() => sample(path, { frames: 8, width: 224, height: 224 }, probe));
    const probing = await timeThis(() => probeVideo(path));
    const fps = (s: number) => `${(frameCount / s).toFixed(0)} fps`;
    const pct = (s: number) => `${((100 * plain) / s).toFixed(0)}%`;
    ratios.push(plain / all);
    rows.push([clip.name, String(frameCount), fps(plain), fps(all), pct(all), fps(eight), pct(eight), `${(probing * 1000).toFixed(0)} ms`]);
  }
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
  // The 720p clip is the headline: on the tiny clip both sides are mostly process start-up.
  console.log(
    `\nheadline (5 s 720p): sampleFrames, every frame as 224x224 RGB, runs at ${(100 * ratios[1]!).toFixed(0)}% of a plain ffmpeg decode`,
  );
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

await metricRatios(ffmpeg.path, CLIPS, (d, i) => makeClip(d, CLIPS[i]!, i), REPEAT);

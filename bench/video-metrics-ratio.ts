// The model-free video metrics against a plain decode of the same clip, in the same run:
// `ffmpeg -i clip -pix_fmt rgb24 -f rawvideo /dev/null` (every frame to raw RGB, discarded), then
// createVideoMetrics() scoring the clip (one shared decode through their cache), alternately, so
// that both see the same load; the medians of the repeats and the median of the per-repeat ratios,
// in wall time (the goal) and in CPU time (steadier on a machine shared with other work).
// On the 720p clip, where the time goes (stageSeconds) and so what each metric costs beyond the
// shared decode into JS.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVideoMetrics } from '../metrics/video-metrics.js';
import { childSeconds, cpuByThread } from './thread-cpu.js';
import { stageSeconds } from './video-stages.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * CPU seconds used so far by this process (every thread) and its finished children (ffmpeg), from
 * /proc/self/stat's cutime and cstime in clock ticks of 1/100 s; null where there is no /proc.
 */
function cpuSeconds(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const own = process.cpuUsage();
  return (own.user + own.system) / 1e6 + childSeconds();
}

interface Took {
  wall: number;
  cpu: number | null;
}

/** Wall and CPU seconds of `work`: on a loaded machine the CPU time is the steadier of the two. */
async function seconds(work: () => Promise<unknown>): Promise<Took> {
  const start = process.hrtime.bigint();
  const cpu = cpuSeconds();
  await work();
  const end = cpuSeconds();
  return { wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: cpu === null || end === null ? null : end - cpu };
}

/** The medians of wall and CPU seconds of two kinds of runs, and of their per-run ratios. */
function compared(plain: Took[], all: Took[]): string {
  const line = (kind: 'wall' | 'cpu') => {
    const ratio = median(all.map((a, r) => a[kind]! / plain[r]![kind]!));
    return `${kind}: plain RGB decode ${median(plain.map((p) => p[kind]!)).toFixed(2)} s, metrics ${median(all.map((a) => a[kind]!)).toFixed(2)} s, ratio ${ratio.toFixed(1)}x`;
  };
  return [line('wall'), ...(all.every((a) => a.cpu !== null) ? [line('cpu')] : [])].join('; ');
}

function rgbDecode(ffmpeg: string, path: string): Promise<void> {
  const args = ['-nostdin', '-v', 'error', '-i', path, '-map', '0:V:0', '-pix_fmt', 'rgb24', '-f', 'rawvideo', '-y', '/dev/null'];
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code} on ${path}`))));
  });
}

/** What each metric computes beyond the shared decode into JS, by the stages it reads. */
const METRIC_STAGES = {
  flicker: ['diff'],
  'video-checks': ['diff', 'black'],
  motion: ['grey', 'flow'],
  'video-sharpness, -exposure, -colorfulness, -noise (together)': ['quality'],
} as const;

export async function metricRatios(
  ffmpeg: string,
  clips: readonly { name: string }[],
  makeClip: (dir: string, index: number) => Promise<string>,
  repeat: number,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-video-metrics-'));
  try {
    console.log(`\nmodel-free video metrics (all of them, one clip) against a plain decode to raw RGB; medians of ${repeat}:`);
    for (const [i, clip] of clips.entries()) {
      const path = await makeClip(dir, i);
      const prompt = { id: 'bench', category: 'motion', tags: [], text: { en: 'a test pattern' }, modality: 'video' as const };
      const input = {
        path,
        mime: 'video/mp4',
        mediaHash: `bench-${i}`,
        modality: 'video' as const,
        prompt,
        language: 'en' as const,
        text: '',
      };
      const plain: Took[] = [],
        all: Took[] = [];
      for (let r = 0; r < repeat; r++) {
        plain.push(await seconds(() => rgbDecode(ffmpeg, path)));
        all.push(
          await seconds(async () => {
            for (const m of createVideoMetrics()) await m.score([input]);
          }),
        );
      }
      const ratio = median(all.map((a, r) => a.wall / plain[r]!.wall));
      console.log(`  ${clip.name.padEnd(36)} ${compared(plain, all)}`);
      if (i !== 1) continue;
      const threads = await cpuByThread(async () => {
        for (const m of createVideoMetrics()) await m.score([input]);
      }, repeat);
      if (threads) console.log(`    720p CPU s per clip by thread (means of ${repeat}): ${threads}`);
      const stages: Record<string, number>[] = [];
      for (let r = 0; r < repeat; r++) stages.push(await stageSeconds(path));
      const at = (k: string) => median(stages.map((s) => s[k]!));
      const base = median(plain.map((p) => p.wall));
      console.log(
        `    720p stages (s, medians): ${Object.keys(stages[0]!)
          .map((k) => `${k} ${at(k).toFixed(2)}`)
          .join(', ')}`,
      );
      console.log(
        `    shared decode into JS (everyFrame): ${at('decode').toFixed(2)} s = ${(at('decode') / base).toFixed(2)}x the plain decode`,
      );
      for (const [metric, used] of Object.entries(METRIC_STAGES)) {
        const s = used.reduce((t, k) => t + at(k), 0);
        console.log(`    ${metric}: ${used.join(' + ')} ${s.toFixed(2)} s = ${(s / base).toFixed(2)}x the plain decode`);
      }
      console.log(`    headline (5 s 720p): all model-free video metrics take ${ratio.toFixed(1)}x a plain decode to raw RGB (goal <= 2x)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

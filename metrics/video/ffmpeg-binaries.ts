import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

/**
 * The one place that knows where ffmpeg and ffprobe live. In order: `FFMPEG_PATH` / `FFPROBE_PATH`,
 * the system binaries on `PATH` (usually the newest and the distribution's codecs), then the static
 * builds shipped by `@ffmpeg-installer/ffmpeg` and `@ffprobe-installer/ffprobe`.
 *
 * fluent-ffmpeg is not used: it takes no AbortSignal and buffers ffprobe's output, and decoding here
 * needs to kill the process on abort and read raw frames from stdout with backpressure.
 */
export type FfmpegTool = 'ffmpeg' | 'ffprobe';

export interface ResolvedBinary {
  path: string;
  source: 'env' | 'path' | 'npm';
}

const ENV: Record<FfmpegTool, string> = { ffmpeg: 'FFMPEG_PATH', ffprobe: 'FFPROBE_PATH' };
const NPM: Record<FfmpegTool, string> = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };

export function resolveBinary(tool: FfmpegTool): ResolvedBinary {
  const override = process.env[ENV[tool]];
  if (override !== undefined && override !== '') {
    if (!isExecutable(override)) throw new Error(`${ENV[tool]}=${override} is not an executable file`);
    return { path: override, source: 'env' };
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && isExecutable(join(dir, tool))) return { path: join(dir, tool), source: 'path' };
  }
  const shipped = fromNpm(NPM[tool]);
  if (shipped !== undefined && isExecutable(shipped)) return { path: shipped, source: 'npm' };
  throw new Error(`${tool} not found: install it, put it on PATH, or set ${ENV[tool]} to its location`);
}

export const ffmpegPath = (): string => resolveBinary('ffmpeg').path;
export const ffprobePath = (): string => resolveBinary('ffprobe').path;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The installer packages export `{ path }`; their platform package may be missing on an unusual platform. */
function fromNpm(pkg: string): string | undefined {
  try {
    return (createRequire(import.meta.url)(pkg) as { path?: string }).path;
  } catch {
    return undefined;
  }
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * Where ffmpeg and ffprobe are. The composition root (core/cli/compose.ts mediaTools) passes the paths metrics' resolver found
 * (`FFMPEG_PATH`, PATH, the npm builds); core/study may not import metrics, so the default is
 * the names on PATH.
 */
export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

export const TOOLS_ON_PATH: MediaTools = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };

/** Runs a tool to the end; a failure names what was being done and the tool's first error line. */
export async function runTool(bin: string, args: readonly string[], doing: string): Promise<string> {
  try {
    const { stdout } = await exec(bin, args, { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    const line = (err.stderr ?? '').split('\n').find((l) => l.trim() !== '') ?? err.message.split('\n')[0];
    throw new Error(`${doing}: ${bin} failed: ${line}`, { cause: e });
  }
}

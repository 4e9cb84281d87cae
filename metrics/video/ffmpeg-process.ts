import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';

/**
 * A running ffmpeg or ffprobe with `-loglevel level+...`, so each stderr line carries its level.
 * Killed with SIGKILL on abort or when its time runs out; `exit` settles only after the process
 * is gone, so a caller that awaits it never leaves one behind.
 */
export interface ToolProcess {
  /** Null when the child's stdout was given a socket or ignored (ToolOptions.stdout). */
  stdout: Readable | null;
  /** The first error and fatal lines, without the `[demuxer @ 0x...] [error]` prefixes. */
  errors: string[];
  exit: Promise<{ code: number | null }>;
  /** Why the process was killed, if it was. */
  stopped(): 'aborted' | 'timeout' | undefined;
  /** Pauses the time limit (while the consumer holds a frame) or resumes it. */
  pauseClock(paused: boolean): void;
  kill(): Promise<void>;
}

export interface ToolOptions {
  signal?: AbortSignal;
  /** Time the process may run, not counting paused time. */
  timeoutMs: number;
  /** Every stderr line, for callers that parse filter output (showinfo). */
  onLine?: (line: string) => void;
  /** The child's stdout: a pipe to read (the default), nothing, or a socket it writes to. */
  stdout?: 'pipe' | 'ignore' | Socket;
}

const MAX_ERRORS = 8;
const LEVEL = /^(?:\[[^\]]+ @ 0x[0-9a-f]+\] )?\[(error|fatal|panic)\] (.*)$/;

export function startTool(bin: string, args: readonly string[], opts: ToolOptions): ToolProcess {
  const child = spawn(bin, args, { stdio: ['ignore', opts.stdout ?? 'pipe', 'pipe'], windowsHide: true });
  const errors: string[] = [];
  let stopped: 'aborted' | 'timeout' | undefined;
  let remaining = opts.timeoutMs;
  let started = Date.now();
  let timer: NodeJS.Timeout | undefined;

  const exit = new Promise<{ code: number | null }>((resolve) => {
    child.once('error', (err) => {
      errors.push(`cannot run ${bin}: ${err.message}`);
      resolve({ code: null });
    });
    child.once('close', (code) => resolve({ code }));
  });
  const stop = (why: 'aborted' | 'timeout'): void => {
    stopped ??= why;
    child.kill('SIGKILL');
  };
  const arm = (): void => {
    started = Date.now();
    timer = setTimeout(() => stop('timeout'), Math.max(0, remaining));
  };
  const onAbort = (): void => stop('aborted');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  arm();
  void exit.then(() => {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  });

  let partial = '';
  const stderr = child.stderr!;
  stderr.setEncoding('utf8');
  stderr.on('data', (text: string) => {
    const lines = (partial + text).split(/\r?\n/);
    partial = lines.pop()!;
    for (const line of lines) {
      const m = LEVEL.exec(line);
      if (m && errors.length < MAX_ERRORS) errors.push(m[2]!.trim());
      opts.onLine?.(line);
    }
  });

  return {
    stdout: child.stdout,
    errors,
    exit,
    stopped: () => stopped,
    pauseClock(paused) {
      if (paused) {
        clearTimeout(timer);
        remaining -= Date.now() - started;
      } else if (child.exitCode === null && child.signalCode === null) {
        arm();
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exit;
    },
  };
}

/** Runs a tool to the end and returns its stdout as text, refusing more than `maxBytes` of it. */
export async function runTool(
  bin: string,
  args: readonly string[],
  opts: ToolOptions & { maxBytes: number },
): Promise<{ code: number | null; stdout: string; errors: string[]; stopped: 'aborted' | 'timeout' | undefined }> {
  const proc = startTool(bin, args, { ...opts, stdout: 'pipe' });
  const chunks: Buffer[] = [];
  let size = 0;
  // Asked for as a pipe, so it is there: a missing one would be a bug, not output to drop.
  proc.stdout!.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > opts.maxBytes) void proc.kill();
    else chunks.push(chunk);
  });
  const { code } = await proc.exit;
  if (size > opts.maxBytes) proc.errors.unshift(`${bin} printed more than ${opts.maxBytes} bytes`);
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), errors: proc.errors, stopped: proc.stopped() };
}

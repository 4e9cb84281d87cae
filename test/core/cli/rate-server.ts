import { startCli, type CliResult } from './run-cli.js';

export interface RateServer {
  /** The address `loupe rate` printed on stdout. */
  url: string;
  /** What it printed on stderr up to its coordinator line. */
  stderr: string;
  /** Ctrl-C, then its exit. */
  stop(): Promise<CliResult>;
}

/** Starts `loupe rate --port 0` in `cwd` as a user would, and waits until it has printed its address and its coordinator line. */
export async function startRateServer(cwd: string): Promise<RateServer> {
  const { child, done } = startCli(['rate', '--port', '0'], cwd);
  let stdout = '';
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (stdout.includes('\n') && /Coordinator page.*\n/.test(stderr)) resolve();
    };
    child.stdout!.on('data', (d: Buffer) => ((stdout += d.toString()), check()));
    child.stderr!.on('data', (d: Buffer) => ((stderr += d.toString()), check()));
    void done.then((r) => reject(new Error(`loupe rate exited (${r.code}) before serving: ${r.stderr}`)));
  });
  return {
    url: stdout.trim(),
    stderr,
    stop: () => {
      child.kill('SIGINT');
      return done;
    },
  };
}

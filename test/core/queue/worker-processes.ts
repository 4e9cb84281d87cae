import type { ChildProcess } from 'node:child_process';
import { startCli, type CliResult } from '../cli/run-cli.js';

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves once the worker listens to its queues. */
  ready: Promise<void>;
  done: Promise<CliResult>;
}

/** A real `loupe worker` child process with a short stall timeout, so that a killed worker's job moves on quickly. */
export function startWorker(dir: string, queueUrl: string): WorkerProcess {
  const { child, done } = startCli(['worker', '--queue', queueUrl, '--stall-ms', '1500', '--concurrency', '3', '--quiet'], dir);
  const ready = new Promise<void>((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (d) => {
      text += d;
      if (text.includes('takes jobs of run')) resolve();
    });
    void done.then((r) => reject(new Error(`the worker exited before it was ready (${r.code ?? r.signal}): ${r.stderr}`)));
  });
  return { child, ready, done };
}

/** SIGTERM (Ctrl-C) to each worker still running: it finishes its jobs and exits. */
export async function stopWorkers(workers: readonly WorkerProcess[]): Promise<CliResult[]> {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  return Promise.all(workers.map((w) => w.done));
}

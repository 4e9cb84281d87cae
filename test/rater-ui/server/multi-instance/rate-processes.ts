import type { ChildProcess } from 'node:child_process';
import { startCli } from '../../../core/cli/run-cli.js';

export interface RateProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `loupe rate --port 0` as a user would, and resolves with the address it prints. */
export function startRateProcess(configFile: string, cwd: string): Promise<RateProcess> {
  const { child, done } = startCli(['rate', '-c', configFile, '--port', '0'], cwd);
  return new Promise((resolve, reject) => {
    let out = '';
    void done.then((r) => reject(new Error(`loupe rate exited (${r.code ?? r.signal}) before it listened: ${r.stderr}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /^(http:\/\/\S+)$/m.exec(out)?.[1];
      if (url) {
        resolve({
          url,
          child,
          stop: async () => {
            child.kill('SIGTERM');
            await done;
          },
        });
      }
    });
  });
}

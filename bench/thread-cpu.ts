// CPU seconds of this process's threads, by kind, from /proc/self/task (Linux): what each thread
// of a measurement costs, which the machine's other load changes less than wall time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** CPU seconds so far of each thread: the main one, libuv's and libvips' pools, and the rest (worker threads, V8's helpers). */
export function threadSeconds(): Map<string, number> | null {
  if (!existsSync('/proc/self/task')) return null;
  const byKind = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const kind =
      tid === String(process.pid)
        ? 'main thread'
        : name.startsWith('libvips')
          ? 'libvips'
          : name.startsWith('libuv')
            ? 'libuv pool'
            : 'worker threads and V8 helpers';
    byKind.set(kind, (byKind.get(kind) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
  }
  return byKind;
}

/** CPU seconds of this process's finished children (ffmpeg), from /proc/self/stat's cutime and cstime (ticks of 1/100 s). */
export function childSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Per-run CPU seconds of `work` by thread kind and for its children, averaged over `repeat` runs. */
export async function cpuByThread(work: () => Promise<unknown>, repeat: number): Promise<string | null> {
  const before = threadSeconds();
  if (!before) return null;
  const children = childSeconds();
  for (let r = 0; r < repeat; r++) await work();
  const after = threadSeconds()!;
  const parts = [`ffmpeg ${((childSeconds() - children) / repeat).toFixed(2)}`];
  for (const [kind, s] of after) {
    const spent = (s - (before.get(kind) ?? 0)) / repeat;
    if (spent >= 0.005) parts.push(`${kind} ${spent.toFixed(2)}`);
  }
  return parts.join(', ');
}

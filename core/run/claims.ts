import { hostname } from 'node:os';
import type { Store } from '../types/index.js';

/** Names the claims of this process so that a resume can tell a dead owner from a live one. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/** Claims left by a process on this host that no longer exists (killed mid-run) go back to pending. */
export async function releaseDeadClaims(store: Store, runId: string): Promise<number> {
  const running = await store.listGenerations({ runId, status: 'running' });
  const owners = new Set(running.map((g) => g.claimedBy).filter((o): o is string => !!o));
  let released = 0;
  for (const owner of owners) {
    const [host, pid] = owner.split(':');
    if (host === hostname() && !isAlive(Number(pid))) released += await store.releaseClaims(owner);
  }
  return released;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

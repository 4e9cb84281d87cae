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

/** A process that holds claims on a run and may still be working on it. */
export interface ClaimOwner {
  owner: string;
  host: string;
  pid: number;
  /** On this host (and alive); otherwise on another machine, which this one cannot check. */
  here: boolean;
  claims: number;
}

/**
 * The owners of the run's running generations that may be alive: processes on this host that
 * exist, and any on another host (a queue worker, a second machine), which this one cannot check.
 */
export async function liveClaimOwners(store: Store, runId: string): Promise<ClaimOwner[]> {
  const running = await store.listGenerations({ runId, status: 'running' });
  const owners = new Map<string, ClaimOwner | null>();
  for (const { claimedBy } of running) {
    if (!claimedBy) continue;
    if (!owners.has(claimedBy)) {
      const [host = '', pid] = claimedBy.split(':');
      const here = host === hostname();
      owners.set(claimedBy, here && !isAlive(Number(pid)) ? null : { owner: claimedBy, host, pid: Number(pid), here, claims: 0 });
    }
    const owner = owners.get(claimedBy);
    if (owner) owner.claims++;
  }
  return [...owners.values()].filter((o): o is ClaimOwner => o !== null);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as ort from 'onnxruntime-node';

export type Session = ort.InferenceSession;
export { ort };

interface Entry {
  session: Promise<Session>;
  users: number;
}

/**
 * ONNX Runtime sessions shared by every metric of the process: one per graph file, created on
 * first use, released when its last user lets go (as transformers.js disposes its sessions).
 */
class SessionPool {
  private readonly entries = new Map<string, Entry>();

  acquire(path: string): Promise<Session> {
    let entry = this.entries.get(path);
    if (!entry) {
      const session = ort.InferenceSession.create(path, { graphOptimizationLevel: 'all', executionMode: 'sequential' });
      entry = { session, users: 0 };
      this.entries.set(path, entry);
      // A graph that fails to load is not remembered: the file may be pulled again.
      session.catch(() => {
        if (this.entries.get(path) === entry) this.entries.delete(path);
      });
    }
    entry.users++;
    return entry.session;
  }

  async release(path: string): Promise<void> {
    const entry = this.entries.get(path);
    if (!entry || --entry.users > 0) return;
    this.entries.delete(path);
    try {
      await (await entry.session).release();
    } catch {
      // It never loaded: nothing to release.
    }
  }

  /** Graph files with a live session (for tests and diagnostics). */
  open(): string[] {
    return [...this.entries.keys()];
  }
}

export const sessions = new SessionPool();

const hashes = new Map<string, Promise<string>>();

/** sha256 of a weight file, streamed, computed once per process and path. */
export function fileSha256(path: string): Promise<string> {
  let hit = hashes.get(path);
  if (!hit) {
    hit = new Promise<string>((resolve, reject) => {
      const hash = createHash('sha256');
      createReadStream(path)
        .on('data', (chunk) => hash.update(chunk))
        .on('error', reject)
        .on('end', () => resolve(hash.digest('hex')));
    });
    hit.catch(() => hashes.delete(path));
    hashes.set(path, hit);
  }
  return hit;
}

/** Forgets cached hashes (after a pull rewrote files). */
export function forgetHashes(): void {
  hashes.clear();
}

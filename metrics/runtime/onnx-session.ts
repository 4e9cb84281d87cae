import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as ort from 'onnxruntime-node';

import { createThreadSession, type Session } from './onnx-thread.js';

export type { Session };
export { ort };

/**
 * ONNX Runtime's options for every session Loupe creates. `LOUPE_ORT_THREADS` caps the threads
 * one inference uses (ONNX Runtime takes every core otherwise): set it on a machine shared with
 * other work, or to leave cores to media decoding.
 */
export function sessionOptions(env: NodeJS.ProcessEnv = process.env): ort.InferenceSession.SessionOptions {
  const options: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: 'all', executionMode: 'sequential' };
  const threads = env.LOUPE_ORT_THREADS;
  if (threads === undefined || threads === '') return options;
  if (!/^[1-9][0-9]*$/.test(threads))
    throw new Error(`LOUPE_ORT_THREADS must be a whole number of threads of at least 1, got "${threads}"`);
  return { ...options, intraOpNumThreads: Number(threads) };
}

interface Entry {
  session: Promise<Session & { release(): Promise<void> }>;
  users: number;
}

/**
 * ONNX Runtime sessions shared by every metric of the process: one per graph file, created on
 * first use in the ONNX Runtime thread (onnx-thread.ts), released when its last user lets go (as
 * transformers.js disposes its sessions).
 */
class SessionPool {
  private readonly entries = new Map<string, Entry>();

  acquire(path: string): Promise<Session> {
    let entry = this.entries.get(path);
    if (!entry) {
      const session = createThreadSession(path, sessionOptions());
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

import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { heartbeatKey } from './queue-names.js';
import { Redis } from 'ioredis';

/** A worker's claim owner: host, pid and a random part, so that a restarted pid is another owner. */
export function workerOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Keeps `loupe:heartbeat:<owner>` in Redis with a TTL, refreshed three times per TTL. A worker
 * that dies (SIGKILL, lost machine) stops refreshing, and the key is gone within one TTL: the
 * sign that its claims on generations may be released.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly redis: Redis,
    private readonly owner: string,
    private readonly ttlMs: number,
  ) {}

  static async start(url: string, owner: string, ttlMs: number): Promise<Heartbeat> {
    // ioredis reconnects by itself after a lost connection: a worker without a heartbeat would lose its claims.
    const redis = new Redis(url, { lazyConnect: true });
    await redis.connect();
    const beat = new Heartbeat(redis, owner, ttlMs);
    await beat.beat();
    beat.timer = setInterval(() => void beat.beat().catch(() => undefined), Math.max(10, Math.floor(ttlMs / 3)));
    return beat;
  }

  private async beat(): Promise<void> {
    await this.redis.set(heartbeatKey(this.owner), '1', 'PX', this.ttlMs);
  }

  /** Whether an owner's heartbeat is present. */
  async isAlive(owner: string): Promise<boolean> {
    return (await this.redis.exists(heartbeatKey(owner))) === 1;
  }

  /** Stops beating and removes the key: a worker that stops cleanly holds no claim. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.del(heartbeatKey(this.owner)).catch(() => undefined);
    this.redis.disconnect();
  }
}

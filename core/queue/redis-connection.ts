import { Redis } from 'ioredis';

/** BullMQ's connection options for a Redis URL: BullMQ opens its ioredis connections from it. */
export function queueConnection(url: string): { url: string } {
  return { url };
}

/** Checks a queue URL: redis://[user:password@]host:port[/db]. */
export function parseQueueUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a URL; write redis://host:port`);
  }
  if (parsed.protocol !== 'redis:') throw new Error(`"${url}" is not a redis:// URL; write redis://host:port`);
  return url;
}

/**
 * Fails fast, naming the URL (without its password) and the reason, when Redis cannot be reached:
 * BullMQ's own connections wait and retry forever, which looks like a hang.
 */
export async function reachRedis(url: string, timeoutMs = 5_000): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The socket's error (ECONNREFUSED...) says more than connect()'s "Connection is closed".
  let cause: Error | undefined;
  redis.on('error', (e: Error) => (cause ??= e));
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new Error(`cannot reach Redis at ${withoutPassword(url)}: ${(cause ?? (e as Error)).message}`);
  } finally {
    redis.disconnect();
  }
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

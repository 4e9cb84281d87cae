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

const HASH = /^[0-9a-f]{64}$/;

/** A media hash in lower case; anything but 64 hex digits (a path, a file name) is refused. */
export function checkHash(hash: string): string {
  const lower = hash.toLowerCase();
  if (!HASH.test(lower)) throw new Error(`not a media hash: "${hash}" (expected a sha256 as 64 hex digits)`);
  return lower;
}

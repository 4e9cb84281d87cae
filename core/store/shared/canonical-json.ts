import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth and no whitespace, so equal values give equal
 * text whatever order their keys were written in. Keys sort by UTF-16 code units and numbers
 * print as JavaScript prints them, as RFC 8785 (JCS) asks. Otherwise it follows
 * `JSON.stringify`: `toJSON` is honoured, `undefined` and function properties are dropped,
 * and non-finite numbers become `null`.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value);
  if (text === undefined) throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  return text;
}

/** sha256 as lower-case hex; a string is hashed as its UTF-8 bytes. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function write(value: unknown): string | undefined {
  const v = hasToJson(value) ? value.toJSON() : value;
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint has no JSON form');
    case 'object':
      if (v === null) return 'null';
      if (Array.isArray(v)) return `[${v.map((item) => write(item) ?? 'null').join(',')}]`;
      return writeObject(v as Record<string, unknown>);
    default:
      return undefined; // undefined, function, symbol
  }
}

function writeObject(obj: Record<string, unknown>): string {
  const parts: string[] = [];
  // Plain `sort()` compares UTF-16 code units, the order JCS specifies.
  for (const key of Object.keys(obj).sort()) {
    const text = write(obj[key]);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

function hasToJson(v: unknown): v is { toJSON(): unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

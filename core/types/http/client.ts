import type { ErrorCategory, GenerationError } from '../generator.js';
import { loupeVersion } from '../package-version.js';
import { classifyStatus, excerpt, failure, redact } from './errors.js';

/** The one way generators and judges talk HTTP: timeouts, the caller's abort signal, a user agent, bounded bodies, categorised errors. */

export const USER_AGENT = `loupe/${loupeVersion()}`;

export const DEFAULT_TIMEOUT_MS = 120_000;
/** JSON answers larger than this are refused (base64 images make them big, but not this big). */
export const DEFAULT_JSON_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MEDIA_MAX_BYTES = 512 * 1024 * 1024;

export interface HttpRequest {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as a JSON body. */
  json?: unknown;
  /** Aborted when the run stops or the scheduler's timeout fires. */
  signal: AbortSignal;
  /** This request's own time limit. */
  timeoutMs?: number;
  maxBytes?: number;
  /** Values never to appear in an error message (API keys). */
  secrets?: readonly string[];
  /** Names the request in error messages, e.g. `openai-images "dalle": create`. */
  what: string;
  /** The service's own reading of an error answer's body (its error code, its refusal words); a category it gives wins over the HTTP status's. */
  categorise?: (body: string) => ErrorCategory | undefined;
  /** For httpJson: an empty 2xx answer (a 204 to a DELETE) is `null` instead of an answer that is not JSON. */
  allowEmpty?: boolean;
}

export type HttpOutcome<T> = { ok: true; status: number; headers: Headers; value: T } | { ok: false; error: GenerationError };

/** Sends a request and parses a JSON answer; any other outcome is a categorised error. */
export async function httpJson(url: string, req: HttpRequest): Promise<HttpOutcome<unknown>> {
  const got = await httpBytes(url, { ...req, maxBytes: req.maxBytes ?? DEFAULT_JSON_MAX_BYTES });
  if (!got.ok) return got;
  const text = Buffer.from(got.value).toString('utf8');
  if (req.allowEmpty && text.trim() === '') return { ...got, value: null };
  try {
    return { ...got, value: JSON.parse(text) as unknown };
  } catch {
    const message = redact(`${req.what}: the answer is not JSON (${got.value.byteLength} bytes: ${excerpt(text, 120)})`, req.secrets ?? []);
    // A 2xx answer cut off in transit (a proxy, a dropped connection) is worth asking again.
    return failure('invalid-output', message, true);
  }
}

/** Sends a request and returns the raw body of a 2xx answer, read as a stream and cut off past `maxBytes`. */
export async function httpBytes(url: string, req: HttpRequest): Promise<HttpOutcome<Uint8Array>> {
  const secrets = req.secrets ?? [];
  const timeout = AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = AbortSignal.any([req.signal, timeout]);
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: '*/*', ...req.headers };
  if (req.json !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(url, {
      method: req.method ?? (req.json !== undefined ? 'POST' : 'GET'),
      headers,
      body: req.json !== undefined ? JSON.stringify(req.json) : undefined,
      signal,
    });
    if (!response.ok) {
      const body = await readBounded(response, 64 * 1024, true);
      const text = body.ok ? Buffer.from(body.bytes).toString('utf8') : '';
      const error = classifyStatus(response.status, text, response.headers.get('retry-after'), req.what);
      const own = req.categorise?.(text);
      if (own !== undefined) Object.assign(error, { category: own, retryable: own === 'rate-limit' || own === 'server' });
      return { ok: false, error: { ...error, message: redact(error.message, secrets) } };
    }
    const maxBytes = req.maxBytes ?? DEFAULT_MEDIA_MAX_BYTES;
    const body = await readBounded(response, maxBytes, false);
    if (!body.ok) return failure('invalid-output', `${req.what}: the answer is larger than ${maxBytes} bytes; download stopped`, false);
    return { ok: true, status: response.status, headers: response.headers, value: body.bytes };
  } catch (e) {
    return { ok: false, error: fetchError(e, req, timeout, url) };
  }
}

function fetchError(e: unknown, req: HttpRequest, timeout: AbortSignal, url: string): GenerationError {
  if (req.signal.aborted) return { category: 'cancelled', message: `${req.what}: aborted`, retryable: false };
  if (timeout.aborted)
    return {
      category: 'timeout',
      message: redact(
        `${req.what}: no complete answer from ${hostAndPath(url)} within ${req.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`,
        req.secrets ?? [],
      ),
      retryable: true,
    };
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message ?? '';
  const message = redact(
    `${req.what}: network error at ${hostAndPath(url)}: ${err.message}${cause ? ` (${cause})` : ''}`,
    req.secrets ?? [],
  );
  return { category: 'network', message, retryable: true };
}

/** Where a request went, for messages: host and path, never the query (pre-signed URLs carry their signature there). */
export function hostAndPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'an unparseable URL';
  }
}

/** Reads at most `limit` bytes; past it, stops the download (or keeps the start, for error bodies). */
async function readBounded(
  response: Response,
  limit: number,
  keepStart: boolean,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false }> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (!keepStart && declared > limit) {
    await response.body?.cancel();
    return { ok: false };
  }
  if (!response.body) return { ok: true, bytes: new Uint8Array() };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      if (!keepStart) return { ok: false };
      chunks.push(value.subarray(0, value.byteLength - (total - limit)));
      break;
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

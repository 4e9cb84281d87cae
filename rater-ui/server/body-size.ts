import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';

/**
 * Refuses a request body over `maxSize` bytes with a 413. A declared Content-Length is checked
 * from the header alone, and a GET without one has no body to check: Hono's `bodyLimit` asks for
 * the body stream first, which makes @hono/node-server build a whole web Request (an AbortSignal,
 * a ReadableStream) for every request, GETs included, and then read the JSON through it. Only a
 * body of unknown length is counted as it is read, by `bodyLimit`.
 */
export function bodySizeLimit(maxSize: number): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new HTTPException(413, { message: 'request body too large' });
  };
  const counted = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const chunked = c.req.header('transfer-encoding') !== undefined;
    const length = c.req.header('content-length');
    if (!chunked && length !== undefined) {
      if (Number(length) > maxSize) tooLarge();
      return next();
    }
    if (!chunked && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next();
    return counted(c, next);
  };
}

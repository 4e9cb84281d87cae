import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { StudyAccess, StudyContext } from './study-access.js';

const MEDIA_ID = /^[A-Za-z0-9_-]{16}$/;

/**
 * Sends the media behind an opaque id: the file prepared for raters when the study was made or
 * extended (core/study's blind-media), never the generation's own bytes. The id is looked up in
 * the study's own table and never used as a path, so `..` cannot reach outside the media folder;
 * the response carries only a content type and length (no file name, ETag or hash), and honours
 * one byte range so that videos can seek. The bytes come from the server's media cache and are
 * sent as they are, without a copy.
 */
export async function sendMedia(
  c: Context,
  access: StudyAccess,
  ctx: StudyContext,
  mediaId: string,
  allowedKeys: ReadonlySet<string> | null,
): Promise<Response> {
  const key = MEDIA_ID.test(mediaId) ? ctx.config.media[mediaId] : undefined;
  if (!key || (allowedKeys && !allowedKeys.has(key))) throw new HTTPException(404, { message: 'media not found' });
  const blinded = ctx.config.blinded[key];
  if (!blinded) {
    throw new HTTPException(409, {
      message:
        "this study's media were not prepared for raters (it was made by an older Loupe); the coordinator prepares them by extending the study",
    });
  }
  const bytes = await access.media.get(blinded.hash);
  const headers: Record<string, string> = {
    'Content-Type': blinded.mime,
    'Cache-Control': 'private, max-age=3600',
    'Accept-Ranges': 'bytes',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(c.req.header('range') ?? '');
  if (range && (range[1] || range[2])) {
    const size = bytes.byteLength;
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${size}` });
    return c.body(bytes.subarray(start, end + 1), 206, {
      ...headers,
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Content-Length': String(end - start + 1),
    });
  }
  return c.body(bytes, 200, { ...headers, 'Content-Length': String(bytes.byteLength) });
}

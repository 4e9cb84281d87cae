import type { GeneratedMedia, GenerationError, MediaProbe, MediaStore } from '../types/index.js';

type Meta = Omit<GeneratedMedia, 'bytes'>;

/**
 * Stored media as the file says it is: a video's size, duration and rate are probed from the
 * stored copy and replace what the adapter said (a folder of clips or an API answer may say 0 or
 * nothing). A video that cannot be read is an invalid output, as a damaged image is. Images were
 * decoded in full by the adapter and pass as they are.
 */
export async function probedMedia(
  meta: Meta,
  hash: string,
  options: { media: MediaStore; probe: MediaProbe },
): Promise<{ ok: true; media: Meta } | { ok: false; error: GenerationError }> {
  if (!meta.mime.startsWith('video/')) return { ok: true, media: meta };
  try {
    const facts = await options.probe.video(await options.media.localPath(hash));
    return { ok: true, media: { ...meta, ...facts } };
  } catch (e) {
    const message = `the ${meta.mime} cannot be read as a video: ${(e as Error).message}`;
    return { ok: false, error: { category: 'invalid-output', message, retryable: false } };
  }
}

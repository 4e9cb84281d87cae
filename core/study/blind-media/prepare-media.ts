import type { GenerationRecord, MediaStore } from '../../types/index.js';
import { blindImage } from './blind-image.js';
import type { BlindedBytes, BlindedMedia } from './blinded-media.js';
import { blindVideo } from './blind-video.js';
import { TOOLS_ON_PATH, type MediaTools } from './media-tools.js';

/** Where a study's media come from and go to while it is made or extended. */
export interface StudyMedia {
  media: MediaStore;
  tools?: MediaTools;
}

/**
 * Prepares, once, what raters receive of each generation (`blindImage`, `blindVideo`), stores it
 * in the media store under its own hash, and returns generation key -> prepared media for the
 * generations not in `known` (a study's earlier preparations are kept, not redone). A medium that
 * cannot be prepared stops the study with its generation named: a study never serves a file as is.
 */
export async function blindGenerations(
  generations: readonly GenerationRecord[],
  known: Readonly<Record<string, BlindedMedia>>,
  o: StudyMedia,
): Promise<Record<string, BlindedMedia>> {
  const out: Record<string, BlindedMedia> = {};
  for (const g of generations) {
    if (known[g.key] || out[g.key]) continue;
    if (!g.mediaHash || !g.mime) throw new Error(`generation "${g.key}" has no stored media to show raters`);
    try {
      const blinded: BlindedBytes = g.mime.startsWith('video/')
        ? await blindVideo(await o.media.localPath(g.mediaHash), o.tools ?? TOOLS_ON_PATH)
        : await blindImage(await o.media.get(g.mediaHash));
      const stored = await o.media.put(blinded.bytes, blinded.mime);
      out[g.key] = { hash: stored.hash, mime: blinded.mime, durationMs: blinded.durationMs, how: blinded.how };
    } catch (e) {
      throw new Error(`generation "${g.key}" (media ${g.mediaHash}, ${g.mime}): cannot prepare it for raters: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }
  return out;
}

import type { GenerationRecord } from '../types/index.js';

type Named = Pick<GenerationRecord, 'generatorId' | 'promptId' | 'language' | 'sample' | 'mediaHash' | 'providerIds'>;

/** The file the user gave a `folder` generator, as they named it (relative to its folder or manifest); null for generated media. */
export function userFile(g: Pick<GenerationRecord, 'providerIds'>): string | null {
  return g.providerIds?.source ?? g.providerIds?.file ?? null;
}

/** How the user knows a generation: their file, or the generator, prompt, language and sample of a request. */
export function userName(g: Named): string {
  return userFile(g) ?? `${g.generatorId}/${g.promptId} (${g.language}, sample ${g.sample})`;
}

/**
 * A stored message with the media store's path of the generation's file (named by its sha256)
 * replaced by the user's name for it: metrics name the copy they read, which nobody else knows.
 */
export function withUserName(message: string, g: Named): string {
  if (!g.mediaHash) return message;
  return message.replace(new RegExp(`\\S*${g.mediaHash}(\\.[A-Za-z0-9]+)?`, 'g'), userName(g));
}

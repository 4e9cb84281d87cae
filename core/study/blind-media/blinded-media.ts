import { z } from 'zod';

/** What a study serves for one generation: a file in the media store, prepared for raters. */
export const BlindedMediaSchema = z.object({
  hash: z.string(),
  mime: z.string(),
  /** The clip's length as prepared; null for images. */
  durationMs: z.number().nullable(),
  /**
   * How it was made: `bitstream` (the video stream copied without its user-data units, decoded
   * frames identical), `lossless` (re-encoded to lossless VP9), `pixels` (an image re-encoded
   * from its decoded sRGB pixels).
   */
  how: z.enum(['bitstream', 'lossless', 'pixels']),
});
export type BlindedMedia = z.infer<typeof BlindedMediaSchema>;

export type BlindedBytes = Omit<BlindedMedia, 'hash'> & { bytes: Uint8Array };

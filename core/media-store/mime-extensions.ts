/** File extensions of the media types generators return; anything else is stored as `.bin`. */
const EXTENSION_OF_MIME: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
};

const MIME_OF_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  bin: 'application/octet-stream',
};

/** Every extension a stored file may have, the fallback last. */
export const MEDIA_EXTENSIONS: readonly string[] = Object.keys(MIME_OF_EXTENSION);

/** `video/mp4; codecs="avc1"` and `Video/MP4` both give `mp4`. */
export function extensionForMime(mime: string): string {
  const bare = mime.split(';')[0]!.trim().toLowerCase();
  return EXTENSION_OF_MIME[bare] ?? 'bin';
}

export function mimeForExtension(ext: string): string {
  return MIME_OF_EXTENSION[ext] ?? 'application/octet-stream';
}

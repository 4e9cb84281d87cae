/** ffmpeg's own words for common failures, and what they mean to someone holding the file. */
const KNOWN: readonly [RegExp, string][] = [
  [/moov atom not found/i, 'truncated or incomplete MP4 (no moov atom: the file was cut off before its index)'],
  [/Decoder \(codec (\w+)\) not found|unknown codec/i, 'unsupported video codec'],
  [/Invalid NAL unit size|partial file|corrupt|error while decoding|Packet mismatch/i, 'corrupt or truncated video data'],
  [/Stream map '0:V:0' matches no streams/, 'no video stream'],
  [/Invalid data found when processing input/i, 'not a video file ffmpeg can read (invalid data)'],
];

/**
 * A reason for a VideoDecodeError from the error lines of ffmpeg or ffprobe: a plain phrase for a
 * failure we recognise, followed by ffmpeg's first line (without the file name it repeats).
 */
export function decodeReason(errors: readonly string[], path: string): string | undefined {
  const first = errors[0];
  if (first === undefined) return undefined;
  const detail = errors.map((line) => (line.startsWith(`${path}: `) ? line.slice(path.length + 2) : line));
  for (const [pattern, meaning] of KNOWN) {
    const hit = detail.find((line) => pattern.test(line));
    if (hit !== undefined) return `${meaning}: ${hit}`;
  }
  return detail[0];
}

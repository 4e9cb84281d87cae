/** A video that cannot be probed or decoded: names the file and says why, in words a user can act on. */
export class VideoDecodeError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'VideoDecodeError';
  }
}

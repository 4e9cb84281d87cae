/** What a video file is, as a prober reads it from the file (not as an adapter or a file name says). */
export interface VideoFacts {
  /** Display size, rotation applied. */
  width: number;
  height: number;
  durationSec: number;
  fps: number;
}

/**
 * Reads media facts for the run, built by the composition root (ffprobe): core/run records what
 * a video is, since a folder of files or an API answer may not say its size.
 */
export interface MediaProbe {
  /** Throws an Error whose message says why the file is not a readable video, without its path. */
  video(path: string): Promise<VideoFacts>;
}

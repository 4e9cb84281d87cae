/**
 * Facts about the input that ffmpeg prints (`-loglevel level+info`) before it decodes anything, so
 * that one ffmpeg process can both describe and decode a clip (an ffprobe run costs as much as
 * starting ffmpeg again, most of a small clip's time).
 */
export interface InputHeader {
  /** The demuxer's names (`mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`, `png_pipe`). */
  format: string;
  durationSec: number | undefined;
  startSec: number;
  codec: string;
  /** Average frame rate as printed (`29.97 fps`), else the base rate (`tbr`). */
  fps: number | undefined;
  /** Clockwise degrees a player turns the coded picture. */
  rotation: number;
  transfer: string;
  primaries: string;
}

const STRIP = /^(?:\[[^\]]+ @ 0x[0-9a-f]+\] )?\[\w+\] /;
const DURATION = /^\s*Duration: (?:(\d+):(\d+):([\d.]+)|N\/A), start: (-?[\d.]+)/;
const VIDEO_STREAM = /^\s*Stream #0:\d+.*?: Video: (\w+)(.*)$/;
const RATE = /, ([\d.]+)(k?) (fps|tbr)/g;
const ROTATION = /displaymatrix: rotation of (-?[\d.]+) degrees/;
/** The colour part of a stream line: `yuv420p10le(tv, bt2020nc/bt2020/smpte2084)` or `yuv420p(tv, bt709)` (all three the same). */
const COLOUR = /\((?:(?:tv|pc), )?([\w-]+)(?:\/([\w-]+)\/([\w-]+))?[,)]/;

/** The log line without its `[component @ 0x...] [level]` prefix. */
export const logText = (line: string): string => line.replace(STRIP, '');

/** Reads the `Input #0` block, line by line; `done` once the stream mapping is printed. */
export class HeaderReader {
  private format = '';
  private duration: number | undefined;
  private start = 0;
  private stream: { codec: string; rest: string } | undefined;
  private rotation = 0;
  done = false;

  read(line: string): void {
    if (this.done) return;
    const text = logText(line);
    const input = /^Input #0, (.+), from /.exec(text);
    if (input) this.format = input[1]!;
    const d = DURATION.exec(text);
    if (d) {
      if (d[1] !== undefined) this.duration = Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]);
      this.start = Number(d[4]);
      return;
    }
    const s = VIDEO_STREAM.exec(text);
    if (s && !this.stream && !/attached pic/.test(s[2]!)) this.stream = { codec: s[1]!, rest: s[2]! };
    const r = ROTATION.exec(text);
    if (r && this.rotation === 0) this.rotation = (((Math.round(-Number(r[1]) / 90) * 90) % 360) + 360) % 360;
    if (/^Stream mapping:/.test(text)) this.done = true;
  }

  header(): InputHeader | undefined {
    if (!this.stream) return undefined;
    const rates = new Map([...this.stream.rest.matchAll(RATE)].map((m) => [m[3]!, Number(m[1]) * (m[2] ? 1000 : 1)]));
    const colour = COLOUR.exec(this.stream.rest);
    const same = colour?.[1] === undefined || colour[1] === 'progressive' ? 'unknown' : colour[1];
    return {
      format: this.format,
      durationSec: this.duration,
      startSec: this.start,
      codec: this.stream.codec,
      fps: rates.get('fps') ?? rates.get('tbr'),
      rotation: this.rotation,
      transfer: colour?.[3] ?? (colour?.[2] === undefined ? same : 'unknown'),
      primaries: colour?.[2] ?? same,
    };
  }
}

/** The size of the raw frames from the `Output #0` stream line, printed before the first frame is written. */
export function outputSize(line: string): { width: number; height: number } | undefined {
  const m = /Stream #0:0.*: Video: rawvideo .*?, (\d+)x(\d+)[ ,]/.exec(logText(line));
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type OnReadOpts, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the reading end of a frame socket puts what arrives: set once the frame size is known. */
export interface FrameSink {
  /** The buffer the next read goes straight into; none while reading pauses between frames. */
  target(): Uint8Array | undefined;
  /** `n` bytes arrived in `into`; false pauses reading until resume(). */
  received(n: number, into: Uint8Array): boolean;
}

/** A connected pair of local stream sockets: `writer` for a child's stdout, `reader` for this process. */
export interface FrameSocket {
  /** To hand to spawn as the child's stdout, then destroy (the child keeps its own copy). */
  writer: Socket;
  /** Paused until `sink` is set and it is resumed. */
  reader: Socket;
  setSink(sink: FrameSink): void;
}

/**
 * A local socket instead of the pipe Node makes for a child's stdout: Node reads that pipe into a
 * fresh 64 KiB buffer per read, and a 720p clip is 400 MB of RGB; this socket's reading end reads
 * straight into the frame buffers (`onread`), in about half the reads, which takes the CPU time of
 * getting the frames into JS from about 0.7 s to 0.3 s on a 5 s 720p clip (bench/video.ts). The
 * listening name lives only until the connection is made. The reader sees the end of the data when
 * the child, the writer's only holder left, exits.
 */
export async function openFrameSocket(): Promise<FrameSocket> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-'));
  const server = createServer();
  try {
    const path = join(dir, 's');
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
    let sink: FrameSink | undefined;
    // Node asks for the next read's buffer when it connects and after every read, even when reading
    // then pauses: with no frame's place to give, that read, the first once reading goes on, lands
    // in one spare byte, which the sink copies where it belongs.
    const spare = new Uint8Array(1);
    const onread: OnReadOpts = {
      buffer: () => sink?.target() ?? spare,
      callback: (n, into) => sink?.received(n, into) ?? false,
    };
    const reader = connect({ path, onread }).pause();
    const writer = await accepted;
    return { writer, reader, setSink: (s) => (sink = s) };
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

import { open } from 'node:fs/promises';

/** About a megabyte of text per write. */
const CHUNK_CHARS = 1 << 20;

/** Writes the pieces of a text to `path` a chunk at a time, so that a file of any size is never one string in memory. */
export async function writePieces(path: string, pieces: Iterable<string>): Promise<void> {
  const file = await open(path, 'w');
  try {
    let chunk = '';
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length < CHUNK_CHARS) continue;
      await file.write(chunk);
      chunk = '';
    }
    await file.write(chunk);
  } finally {
    await file.close();
  }
}

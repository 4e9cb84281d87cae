import { readdirSync, readFileSync } from 'node:fs';
import { DataError } from '../core/types/index.js';

/** Reading prompt files and folders: what cannot be read is a DataError naming it, with the system's reason. */
const why = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);

/** A prompt file's text; a file that cannot be read is a DataError naming it. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw DataError.one(file, { message: `cannot read the file (${why(e)})` });
  }
}

/** The names in a folder of prompt files; a folder that cannot be read is a DataError naming it. */
export function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch (e) {
    throw DataError.one(folder, { message: `cannot read the folder (${why(e)})` });
  }
}

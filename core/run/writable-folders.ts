import { access, constants, mkdir } from 'node:fs/promises';
import type { LoadedConfig } from '../config/index.js';
import { DataError, type DataProblem } from '../types/index.js';

/**
 * Checks before any paid work that every folder the run writes to can be created and written:
 * a report that cannot be written after an hour of generation is lost time.
 */
export async function checkWritableFolders(loaded: LoadedConfig, fields: Record<string, string>): Promise<void> {
  const problems: DataProblem[] = [];
  for (const [field, path] of Object.entries(fields)) {
    const folder = loaded.resolvePath(path);
    try {
      await mkdir(folder, { recursive: true });
      await access(folder, constants.W_OK);
    } catch (e) {
      problems.push({
        field,
        message: `cannot write to the folder ${folder} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      });
    }
  }
  if (problems.length > 0) throw new DataError(loaded.file, problems);
}

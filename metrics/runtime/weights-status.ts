import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cachedModelFolder, locateModel, ModelMissingError } from './weights-cache.js';
import { MANIFEST, type Manifest } from './weights-download.js';
import { KNOWN_MODELS, type KnownModel } from './weights-registry.js';
import { fileSha256, forgetHashes, ort } from './onnx-session.js';

export interface ModelListing {
  model: KnownModel;
  folder: string;
  /** present: every file on disk; partial: some; absent: none. */
  state: 'present' | 'partial' | 'absent';
}

export function listModels(env: NodeJS.ProcessEnv = process.env): ModelListing[] {
  return KNOWN_MODELS.map((model) => {
    const folder = cachedModelFolder(model.id, env);
    const present = model.files.filter((f) => existsSync(join(folder, f))).length;
    const state = present === model.files.length ? 'present' : present === 0 ? 'absent' : 'partial';
    return { model, folder, state };
  });
}

export interface FileCheck {
  file: string;
  status: 'ok' | 'missing' | 'changed' | 'unloadable';
  bytes?: number;
  sha256?: string;
  message?: string;
}

export interface Verification {
  id: string;
  folder: string;
  ok: boolean;
  files: FileCheck[];
}

/**
 * Checks a model (folder or hub id): every file present, its sha256 equal to the one recorded at
 * pull time, and every ONNX graph loadable by ONNX Runtime.
 */
export async function verifyModel(spec: string, env: NodeJS.ProcessEnv = process.env): Promise<Verification> {
  forgetHashes(); // a file may have changed since this process last hashed it
  let location;
  try {
    location = locateModel(spec, env);
  } catch (e) {
    if (!(e instanceof ModelMissingError)) throw e;
    const folder = cachedModelFolder(spec, env);
    return { id: spec, folder, ok: false, files: [{ file: e.missingFile, status: 'missing', message: e.message }] };
  }
  const manifestPath = join(location.folder, MANIFEST);
  const manifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest) : undefined;
  const files: FileCheck[] = [];
  for (const file of location.files) {
    const path = join(location.folder, file);
    const check: FileCheck = { file, status: 'ok', bytes: (await stat(path)).size, sha256: await fileSha256(path) };
    const recorded = manifest?.files[file];
    if (recorded && recorded.sha256 !== check.sha256) {
      check.status = 'changed';
      check.message = `sha256 differs from the one recorded at pull time (${recorded.sha256}); pull it again`;
    } else if (file.endsWith('.onnx')) {
      try {
        const session = await ort.InferenceSession.create(path);
        await session.release();
      } catch (e) {
        check.status = 'unloadable';
        check.message = `ONNX Runtime cannot load it: ${(e as Error).message.split('\n')[0]}`;
      }
    }
    files.push(check);
  }
  return { id: location.id, folder: location.folder, ok: files.every((f) => f.status === 'ok'), files };
}

import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { hubSettings, withHubAccess } from './hub-env.js';
import { cachedModelFolder, modelsRoot } from './weights-cache.js';
import { DEFAULT_PRECISION, type Precision } from './weights-precision.js';
import { filesAt, KNOWN_MODELS, knownModel, type KnownModel } from './weights-registry.js';
import { fileSha256, forgetHashes } from './onnx-session.js';

export const MANIFEST = 'loupe-manifest.json';

export interface PullProgress {
  file: string;
  status: 'start' | 'progress' | 'done';
  loaded?: number;
  total?: number;
}

export interface PullOptions {
  env?: NodeJS.ProcessEnv;
  /** Import the files from this local folder (hub layout) instead of downloading. */
  from?: string;
  /** The graphs to fetch: fp32 (default) or q8 (`<graph>_quantized.onnx`, where the repository ships them). */
  precision?: Precision;
  onProgress?: (p: PullProgress) => void;
}

export interface Manifest {
  id: string;
  source: string;
  pulledAt: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

function mustKnow(id: string): KnownModel {
  const known = knownModel(id);
  if (!known)
    throw new Error(
      `unknown model "${id}"; Loupe knows: ${KNOWN_MODELS.map((m) => m.id).join(', ')} (a local folder needs no pull: give its path)`,
    );
  return known;
}

/**
 * Puts a known model into the cache: downloaded through transformers.js's hub code (HF_ENDPOINT,
 * HF_TOKEN; files already complete are kept, a broken download leaves no partial file and starts
 * again), or copied from a local folder. Writes a manifest with each file's sha256.
 */
export async function pullModel(id: string, options: PullOptions = {}): Promise<Manifest> {
  const env = options.env ?? process.env;
  const known = mustKnow(id);
  const files = filesAt(known, options.precision ?? DEFAULT_PRECISION);
  const folder = cachedModelFolder(id, env);
  const progress = options.onProgress ?? (() => {});
  let source: string;
  if (options.from) {
    source = resolve(options.from);
    for (const file of files) {
      const from = join(source, file);
      if (!existsSync(from)) throw new Error(`cannot import ${id}: ${from} is missing`);
      progress({ file, status: 'start' });
      await mkdir(dirname(join(folder, file)), { recursive: true });
      await copyFile(from, join(folder, file));
      progress({ file, status: 'done' });
    }
  } else {
    if (known.manualSource) throw new Error(`${id} has no ONNX export on the hub: ${known.manualSource}`);
    const hub = hubSettings(env);
    source = `${hub.endpoint}${id}`;
    try {
      await withHubAccess(hub, modelsRoot(env), (t) => downloadFiles(t, known.id, files, progress));
    } catch (e) {
      const hint = hub.token ? '' : ' (a gated or private model needs HF_TOKEN)';
      throw new Error(
        `cannot pull ${id} from ${hub.endpoint}: ${(e as Error).message}${/401|403|Unauthorized|Forbidden/i.test((e as Error).message) ? hint : ''}`,
      );
    }
  }
  forgetHashes();
  // Files of another precision pulled before keep their record.
  const earlier = existsSync(join(folder, MANIFEST)) ? (JSON.parse(await readFile(join(folder, MANIFEST), 'utf8')) as Manifest).files : {};
  const manifest: Manifest = { id, source, pulledAt: new Date().toISOString(), files: { ...earlier } };
  for (const file of files) {
    const path = join(folder, file);
    if (!existsSync(path)) throw new Error(`pull of ${id} finished without ${file}`);
    manifest.files[file] = { bytes: (await stat(path)).size, sha256: await fileSha256(path) };
  }
  await writeFile(join(folder, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

type Transformers = typeof import('@huggingface/transformers');

/** Each file through the transformers.js loader that reads it, so that the hub code fetches and caches it. */
async function downloadFiles(t: Transformers, id: string, files: readonly string[], progress: (p: PullProgress) => void): Promise<void> {
  const progress_callback = (p: { status: string; file?: string; loaded?: number; total?: number }) => {
    if (!p.file) return;
    if (p.status === 'initiate') progress({ file: p.file, status: 'start' });
    else if (p.status === 'progress') progress({ file: p.file, status: 'progress', loaded: p.loaded, total: p.total });
    else if (p.status === 'done') progress({ file: p.file, status: 'done' });
  };
  const opts = { progress_callback } as const;
  for (const file of files) {
    if (file === 'config.json') await t.AutoConfig.from_pretrained(id, opts);
    else if (file.startsWith('tokenizer')) await t.AutoTokenizer.from_pretrained(id, opts);
    else if (file === 'preprocessor_config.json') await t.AutoProcessor.from_pretrained(id, opts);
    else if (/^onnx\/[^/]+\.onnx$/.test(file)) {
      const name = file.slice('onnx/'.length, -'.onnx'.length);
      // transformers.js names the q8 file itself: `<name>_quantized.onnx` for dtype q8.
      const q8 = name.endsWith('_quantized');
      const model_file_name = q8 ? name.slice(0, -'_quantized'.length) : name;
      const model = await t.AutoModel.from_pretrained(id, { ...opts, model_file_name, dtype: q8 ? 'q8' : 'fp32' });
      await model.dispose();
    } else {
      throw new Error(`no transformers.js loader fetches ${file}`);
    }
  }
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_PRECISION, graphFile, type Precision } from './weights-precision.js';
import { filesAt, knownModel, type KnownModel, type ModelKind } from './weights-registry.js';

/** Where pulled models live: `$LOUPE_CACHE/models/<hub id>/`, in the hub's file layout. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOUPE_CACHE) return resolve(env.LOUPE_CACHE);
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'loupe', 'cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'loupe');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'loupe');
}

export function modelsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), 'models');
}

export function cachedModelFolder(id: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(modelsRoot(env), ...id.split('/'));
}

/** A model found on disk, ready to load. */
export interface ModelLocation {
  /** The hub id for a registry model, else the folder as given. */
  id: string;
  folder: string;
  kind: ModelKind;
  /** The files read, relative to the folder: at q8, the quantized graphs in place of the fp32 ones. */
  files: readonly string[];
  precision: Precision;
  known?: KnownModel;
}

/** The path of one of a model's graphs (named as in fp32: `onnx/vision_model.onnx`) at the location's precision. */
export function graphPath(location: ModelLocation, file: string): string {
  return join(location.folder, graphFile(file, location.precision));
}

/** The model is not on disk. The message names the model, the file and the command that fetches it. */
export class ModelMissingError extends Error {
  constructor(
    readonly modelId: string,
    readonly missingFile: string,
    message: string,
  ) {
    super(message);
    this.name = 'ModelMissingError';
  }
}

const FILES_BY_KIND: Record<ModelKind, readonly string[]> = {
  clip: [
    'config.json',
    'preprocessor_config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    'onnx/text_model.onnx',
    'onnx/vision_model.onnx',
  ],
  'chinese-clip': [
    'config.json',
    'preprocessor_config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    'onnx/text_model.onnx',
    'onnx/vision_model.onnx',
  ],
  owlvit: ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'],
  'aesthetic-mlp': ['onnx/model.onnx'],
};

const KIND_BY_MODEL_TYPE: Record<string, ModelKind> = { clip: 'clip', chinese_clip: 'chinese-clip', owlvit: 'owlvit', owlv2: 'owlvit' };

function looksLikeFolder(spec: string): boolean {
  return isAbsolute(spec) || spec.startsWith('.') || (existsSync(spec) && statSync(spec).isDirectory());
}

/**
 * Finds a model given as a local folder or a hub id (looked up in the cache), at a weights
 * precision. Throws ModelMissingError when a file is missing, never a loader's own puzzling error.
 */
export function locateModel(spec: string, env: NodeJS.ProcessEnv = process.env, precision: Precision = DEFAULT_PRECISION): ModelLocation {
  if (looksLikeFolder(spec)) return locateFolder(resolve(spec), spec, precision);
  const known = knownModel(spec);
  const folder = cachedModelFolder(spec, env);
  const flag = precision === DEFAULT_PRECISION ? '' : ` --precision ${precision}`;
  const fetch = known?.manualSource
    ? `import it with \`loupe models pull ${spec} --from <folder>\` (${known.manualSource})`
    : `fetch it with \`loupe models pull ${spec}${flag}\``;
  if (!known) {
    if (existsSync(join(folder, 'config.json'))) return locateFolder(folder, spec, precision);
    throw new ModelMissingError(
      spec,
      'config.json',
      `model "${spec}" is neither a folder nor a model Loupe knows (see \`loupe models list\`)`,
    );
  }
  const files = filesAt(known, precision);
  for (const file of files) {
    if (!existsSync(join(folder, file))) {
      throw new ModelMissingError(spec, file, `model "${spec}" is not available: ${join(folder, file)} is missing; ${fetch}`);
    }
  }
  return { id: spec, folder, kind: known.kind, files, precision, known };
}

function locateFolder(folder: string, spec: string, precision: Precision): ModelLocation {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new ModelMissingError(spec, '', `model folder ${folder} does not exist`);
  }
  const kind = folderKind(folder, spec);
  const files = FILES_BY_KIND[kind].map((f) => graphFile(f, precision));
  const q8 = precision === DEFAULT_PRECISION ? '' : `, with its ${precision} graphs named <graph>_quantized.onnx`;
  for (const file of files) {
    if (!existsSync(join(folder, file))) {
      throw new ModelMissingError(
        spec,
        file,
        `model folder ${folder} lacks ${file} (expected the Hugging Face layout of a ${kind} model${q8})`,
      );
    }
  }
  return { id: spec, folder, kind, files, precision };
}

function folderKind(folder: string, spec: string): ModelKind {
  const configPath = join(folder, 'config.json');
  if (!existsSync(configPath)) {
    if (existsSync(join(folder, 'onnx', 'model.onnx'))) return 'aesthetic-mlp';
    throw new ModelMissingError(spec, 'config.json', `model folder ${folder} lacks config.json`);
  }
  let modelType: unknown;
  try {
    modelType = (JSON.parse(readFileSync(configPath, 'utf8')) as { model_type?: unknown }).model_type;
  } catch (e) {
    throw new ModelMissingError(spec, 'config.json', `${configPath} is not valid JSON: ${(e as Error).message}`);
  }
  const kind = KIND_BY_MODEL_TYPE[String(modelType)];
  if (!kind)
    throw new ModelMissingError(
      spec,
      'config.json',
      `${configPath}: model_type "${String(modelType)}" is not one Loupe can run (clip, chinese_clip, owlvit)`,
    );
  return kind;
}

/** Whether a model resolves without error. */
export function modelAvailable(spec: string, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    locateModel(spec, env);
    return true;
  } catch {
    return false;
  }
}

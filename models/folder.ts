import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import {
  type GenerationError,
  type GenerationRequest,
  type GenerationResult,
  type Generator,
  type GeneratorContext,
  failure,
} from '../core/types/index.js';
import type { AdapterEnv } from './adapter-common.js';
import { checkMedia } from './http/media-check.js';
import { entriesFromManifest, entriesFromPattern, findEntry, inventory, type FolderEntry, type FolderInventory } from './folder-match.js';

export const FolderConfigSchema = z
  .strictObject({
    id: z.string().min(1),
    type: z.literal('folder'),
    /** The folder of existing media (a vendor's published clips, another team's outputs). */
    dir: z.string().min(1),
    /** A filename pattern: {promptId}, {language}, {sample}, {ext} and *, e.g. `{promptId}_{language}.{ext}`. */
    pattern: z.string().min(1).optional(),
    /** Or a manifest (JSON, JSONL or CSV: promptId, file, language, sample); files relative to the manifest. */
    manifest: z.string().min(1).optional(),
    modality: z.enum(['image', 'video']).default('image'),
    maxBytes: z
      .int()
      .min(1)
      .default(512 * 1024 * 1024),
  })
  .refine((c) => (c.pattern === undefined) !== (c.manifest === undefined), { message: 'give exactly one of "pattern" or "manifest"' });
export type FolderConfig = z.infer<typeof FolderConfigSchema>;

/** A folder generator also answers which files and prompts did not match. */
export interface FolderGenerator extends Generator {
  inventory(wanted: readonly { promptId: string; language: string; sample: number }[]): FolderInventory;
}

export function createFolderGenerator(input: z.input<typeof FolderConfigSchema>, env: AdapterEnv = {}): FolderGenerator {
  const config = FolderConfigSchema.parse(input);
  const who = `folder "${config.id}"`;
  const at = env.resolvePath ?? ((p: string) => resolve(p));
  const dir = at(config.dir);
  let entries: FolderEntry[];
  let notFitting: string[] = [];
  try {
    if (config.manifest !== undefined) {
      const manifest = at(config.manifest);
      entries = entriesFromManifest(manifest, dirname(manifest));
    } else {
      ({ entries, unmatchedFiles: notFitting } = entriesFromPattern(dir, config.pattern!));
    }
  } catch (e) {
    throw new Error(`${who}: ${(e as Error).message}`);
  }

  return {
    id: config.id,
    type: 'folder',
    modalities: [config.modality],
    synthetic: false,
    identity() {
      const { dir: d, pattern, manifest, modality } = config;
      return { dir: d, pattern, manifest, modality };
    },
    // Importing files that already exist costs nothing (and is recorded as 0).
    estimateCostUsd: () => 0,
    inventory: (wanted) => inventory(entries, notFitting, wanted),
    async generate(request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult> {
      if (ctx.signal.aborted) return failure('cancelled', `${who}: stopped`, false);
      const entry = findEntry(entries, request.prompt.id, request.language, request.sample);
      if (!entry) {
        return failure(
          'bad-request',
          `${who}: no file for prompt "${request.prompt.id}" (${request.language}, sample ${request.sample}) in ${config.manifest ?? dir}`,
          false,
        );
      }
      // The file, and its name as the user gave it, go with the result and with a failure: the report and the messages name it so.
      const providerIds = { file: entry.file, source: entry.source };
      const failed = (result: { ok: false; error: GenerationError }) => ({ ...result, error: { ...result.error, providerIds } });
      const size = await stat(entry.file).then(
        (s) => s.size,
        () => -1,
      );
      if (size < 0) return failed(failure('bad-request', `${who}: ${entry.source} is listed but cannot be read (${entry.file})`, false));
      if (size > config.maxBytes)
        return failed(failure('invalid-output', `${who}: ${entry.source} is larger than ${config.maxBytes} bytes`, false));
      const checked = await checkMedia(await readFile(entry.file), config.modality, `${who}: ${entry.source}`);
      return checked.ok ? { ...checked, costUsd: 0, providerIds } : failed(checked);
    },
  };
}

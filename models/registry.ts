import type { z } from 'zod';
import type { Generator } from '../core/types/index.js';
import type { AdapterEnv } from './adapter-common.js';
import { A1111ConfigSchema, createA1111Generator } from './a1111.js';
import { AsyncJobConfigSchema } from './async-job/config.js';
import { createAsyncJobGenerator } from './async-job/generator.js';
import { ComfyUIConfigSchema } from './comfyui/config.js';
import { createComfyUIGenerator } from './comfyui/generator.js';
import { CommandConfigSchema, createCommandGenerator } from './command.js';
import { createFolderGenerator, FolderConfigSchema } from './folder.js';
import { HttpConfigSchema } from './generic-http/config.js';
import { createHttpGenerator } from './generic-http/generator.js';
import { createOpenAIImagesGenerator, OpenAIImagesConfigSchema } from './openai-images.js';
import { createSyntheticGenerator, SyntheticConfigSchema } from './synthetic/generator.js';

export interface GeneratorType<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** `env.resolvePath` resolves the config's file paths (workflows, folders) against the config file's folder; without it, the working folder. */
  create(config: z.infer<S>, env?: AdapterEnv): Generator;
  description: string;
  /** Draws test media instead of calling a model: labelled SYNTHETIC wherever it appears. */
  synthetic: boolean;
}

const define = <S extends z.ZodType>(t: GeneratorType<S>): GeneratorType => t as unknown as GeneratorType;

/** Every generator adapter, by its config `type`. A new adapter is one file plus one line here. */
export const GENERATOR_TYPES = {
  synthetic: define({
    schema: SyntheticConfigSchema,
    create: createSyntheticGenerator,
    synthetic: true,
    description: "SYNTHETIC test images drawn from the prompt's expectations, with quality knobs; no API, no GPU",
  }),
  'openai-images': define({
    schema: OpenAIImagesConfigSchema,
    create: createOpenAIImagesGenerator,
    synthetic: false,
    description: 'OpenAI Images API (POST /v1/images/generations), or any OpenAI-compatible image endpoint through baseUrl',
  }),
  'async-job': define({
    schema: AsyncJobConfigSchema,
    create: createAsyncJobGenerator,
    synthetic: false,
    description:
      'create, poll, download job APIs by JSON paths; presets: replicate, fal, dashscope-wanx-video, dashscope-wanx-image, minimax-video, kling-image, kling-video, ark-seedance, zhipu-cogvideox, runway-image, runway-video, luma-image, luma-video, gemini-veo',
  }),
  comfyui: define({
    schema: ComfyUIConfigSchema,
    create: createComfyUIGenerator,
    synthetic: false,
    description: 'a ComfyUI server: an API-format workflow with the prompt, negative prompt and seed placed into named nodes',
  }),
  a1111: define({
    schema: A1111ConfigSchema,
    create: createA1111Generator,
    synthetic: false,
    description: 'AUTOMATIC1111 / Forge web UI (POST /sdapi/v1/txt2img, base64 images)',
  }),
  http: define({
    schema: HttpConfigSchema,
    create: createHttpGenerator,
    synthetic: false,
    description:
      'any JSON-over-HTTP service: a request template and response paths (binary, base64 or URL answers); presets: ark-seedream, zhipu-cogview, gemini-imagen',
  }),
  command: define({
    schema: CommandConfigSchema,
    create: createCommandGenerator,
    synthetic: false,
    description: 'runs a local program (no shell) with the prompt, seed and output path as arguments',
  }),
  folder: define({
    schema: FolderConfigSchema,
    create: createFolderGenerator,
    synthetic: false,
    description: 'imports media that already exist, by a manifest or a filename pattern mapping files to prompt ids',
  }),
} satisfies Record<string, GeneratorType>;

export type GeneratorTypeName = keyof typeof GENERATOR_TYPES;

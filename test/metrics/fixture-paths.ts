import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const TINY_CLIP = `${FIXTURES}models/tiny-clip`;
export const TINY_CHINESE_CLIP = `${FIXTURES}models/tiny-chinese-clip`;
export const IMAGES = `${FIXTURES}images`;
export const IMAGE_NAMES = [
  'gradient_640x480.png',
  'three_red_circles_512.png',
  'gray_300x200.png',
  'rgba_256.png',
  'wide_noise_1024x256.jpg',
  'tiny_16x16.png',
] as const;

export interface ReferencePrompt {
  text: string;
  input_ids: number[];
  text_embeds: number[];
  cos: Record<string, number>;
  clipscore_torchmetrics: Record<string, number>;
}
export interface ReferenceImage {
  pixel_values_mean: number;
  pixel_values_std: number;
  pixel_values_first8: number[];
  image_embeds: number[];
}
export interface ReferenceModel {
  images: Record<string, ReferenceImage>;
  prompts: ReferencePrompt[];
}

/** Hugging Face transformers 5.17 outputs on the tiny models (from ../shared/fixtures/reference). */
export const REFERENCE = JSON.parse(readFileSync(`${FIXTURES}models/clip-reference.json`, 'utf8')) as Record<
  'tiny-clip' | 'tiny-chinese-clip',
  ReferenceModel
>;

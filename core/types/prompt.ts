import { z } from 'zod';

export const LanguageSchema = z.enum(['zh', 'en']);
export type Language = z.infer<typeof LanguageSchema>;
export const LANGUAGES: readonly Language[] = LanguageSchema.options;

export const ModalitySchema = z.enum(['image', 'video']);
export type Modality = z.infer<typeof ModalitySchema>;

/** Which outputs a prompt is written for. */
export const PromptModalitySchema = z.enum(['image', 'video', 'both']);
export type PromptModality = z.infer<typeof PromptModalitySchema>;

const nonEmpty = z.string().trim().min(1);

export const PromptTextSchema = z
  .strictObject({ zh: nonEmpty.optional(), en: nonEmpty.optional() })
  .refine((t) => t.zh !== undefined || t.en !== undefined, {
    message: 'a prompt needs text in at least one language (zh or en)',
  });

/** What an automatic check can verify in the output. */
export const ExpectSchema = z.strictObject({
  /** `object` is an English noun (detectors are queried in English); `objectZh` its Chinese name. */
  count: z
    .strictObject({
      object: nonEmpty,
      objectZh: nonEmpty.optional(),
      n: z.int().min(1).max(50),
    })
    .optional(),
  /** The exact text the image must show, in the script it must be written in. */
  text: nonEmpty.optional(),
  objects: z.array(nonEmpty).optional(),
  colors: z.array(nonEmpty).optional(),
});
export type Expect = z.infer<typeof ExpectSchema>;

export const PromptSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, ".", "_" and "-"'),
  category: nonEmpty,
  tags: z.array(nonEmpty).default([]),
  text: PromptTextSchema,
  expect: ExpectSchema.optional(),
  modality: PromptModalitySchema.default('image'),
});
export type Prompt = z.infer<typeof PromptSchema>;

export const PromptSetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'set ids use lower-case letters, digits and "-"'),
  /** A change of wording is a new version, never an edit in place. */
  version: z.int().min(1),
  title: nonEmpty,
  description: z.string().default(''),
  license: z.string().default('CC-BY-4.0'),
  prompts: z.array(PromptSchema).min(1),
});
export type PromptSet = z.infer<typeof PromptSetSchema>;

/** The text of a prompt in one language, or undefined when the prompt has none. */
export function promptText(prompt: Prompt, language: Language): string | undefined {
  return prompt.text[language];
}

/** Whether a prompt is meant for a given output modality. */
export function promptFits(prompt: Prompt, modality: Modality): boolean {
  return prompt.modality === 'both' || prompt.modality === modality;
}

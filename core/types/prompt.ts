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

/** Where an object must be relative to another entry of the same `layout` (GenEval's rule: box centres). */
export const POSITIONS = ['left of', 'right of', 'above', 'below'] as const;

/** One object the image must show: how many, which colour, where relative to another (GenEval's `include`). */
export const ExpectedObjectSchema = z.strictObject({
  object: nonEmpty,
  count: z.int().min(1).max(50).default(1),
  color: nonEmpty.optional(),
  position: z.strictObject({ relation: z.enum(POSITIONS), of: z.int().min(0) }).optional(),
});
export type ExpectedObject = z.infer<typeof ExpectedObjectSchema>;

/** An atomic yes/no question about the output, with the questions it depends on (DSG). */
export const QuestionSchema = z.strictObject({
  id: z.int().min(1),
  text: z.strictObject({ zh: nonEmpty.optional(), en: nonEmpty.optional() }),
  /** Ids of the questions that must be answered yes for this one to count; empty for a root. */
  parents: z.array(z.int().min(1)).default([]),
  /** What the question checks (entity, attribute, relation, global...), as the source names it. */
  category: nonEmpty.optional(),
});
export type Question = z.infer<typeof QuestionSchema>;

/** What an automatic check can verify in the output. */
export const ExpectSchema = z
  .strictObject({
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
    /** Objects with counts, colours and relative positions (English nouns, as detectors are queried). */
    layout: z.array(ExpectedObjectSchema).min(1).optional(),
    /** Objects that must appear fewer than `n` times (GenEval's `exclude`: "two clocks" means fewer than 3). */
    fewerThan: z.array(z.strictObject({ object: nonEmpty, n: z.int().min(1) })).optional(),
    questions: z.array(QuestionSchema).min(1).optional(),
  })
  .superRefine((e, ctx) => {
    e.layout?.forEach((o, i) => {
      if (o.position && (o.position.of === i || o.position.of >= e.layout!.length)) {
        ctx.addIssue({
          code: 'custom',
          path: ['layout', i, 'position', 'of'],
          message: `must name another entry of layout (0-${e.layout!.length - 1})`,
        });
      }
    });
    const ids = new Set(e.questions?.map((q) => q.id));
    e.questions?.forEach((q, i) => {
      const missing = q.parents.filter((p) => !ids.has(p) || p === q.id);
      if (missing.length > 0)
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'parents'], message: `no question ${missing.join(', ')} to depend on` });
    });
    if (ids.size !== (e.questions?.length ?? 0))
      ctx.addIssue({ code: 'custom', path: ['questions'], message: 'question ids must be unique' });
  });
export type Expect = z.infer<typeof ExpectSchema>;

export const PromptSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, ".", "_" and "-"'),
  category: nonEmpty,
  tags: z.array(nonEmpty).default([]),
  text: PromptTextSchema,
  expect: ExpectSchema.optional(),
  modality: PromptModalitySchema.default('image'),
  /** Samples per prompt where the set prescribes more than its default (VBench: 25 for temporal flickering). */
  samples: z.int().min(1).max(100).optional(),
});
export type Prompt = z.infer<typeof PromptSchema>;

export const PromptSetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'set ids use lower-case letters, digits and "-"'),
  /** A change of wording is a new version, never an edit in place. */
  version: z.int().min(1),
  title: nonEmpty,
  description: z.string().default(''),
  license: z.string().default('CC-BY-4.0'),
  /** Where a public suite comes from: its repository, the commit its files were taken at, and its paper. */
  upstream: z.strictObject({ repository: nonEmpty, commit: z.string().regex(/^[0-9a-f]{7,40}$/), paper: nonEmpty.optional() }).optional(),
  /** Samples per prompt the suite's protocol prescribes (VBench: 5 videos per prompt). */
  samples: z.int().min(1).max(100).optional(),
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

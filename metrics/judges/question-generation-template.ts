import type { Language } from '../../core/types/index.js';
import { fill } from './templates.js';

/**
 * The words that ask a language model to decompose a prompt into DSG's atomic questions (Cho et
 * al., "Davidsonian Scene Graph", ICLR 2024; google/DSG, `dsg/query_utils.py`): semantic tuples
 * (entity - whole, attribute - color, attribute - count, relation - spatial, global, other), each
 * with one yes/no question and the ids of the tuples it depends on. DSG asks in three calls
 * (tuples, dependencies, questions) with in-context examples; this asks for all three at once as
 * structured output, with DSG-1k's `whoops_5` as the example. The version is part of the cache key
 * and of every stored question set: changing a word here means bumping it.
 */
export const QUESTION_GENERATION_TEMPLATE = {
  version: 'dsg-questions-1',
  en: `Decompose the text-to-image prompt below into atomic semantic tuples, following the Davidsonian Scene Graph (DSG).
Each tuple is one of: "entity - whole", "entity - part", "attribute - <type|color|material|shape|texture|size|state|count|text rendering>", "relation - <spatial|action|part>", "global" (style, medium), "other".
For each tuple write one atomic question that can be answered with yes or no about an image, and list the ids of the tuples it depends on ("parents"): an attribute or relation depends on the entities it mentions; an entity depends on nothing (empty list).
Number the tuples from 1. Cover every detail the prompt states and nothing it does not. Write the questions in English.
Example, for "A rubix cube with ten squares of purple":
1 entity - whole (rubix cube): "Is there a rubix cube?", parents []
2 attribute - color (rubix cube, purple): "Is the rubix cube purple?", parents [1]
3 attribute - count (rubix cube squares, ==10): "Does the rubix cube have ten squares?", parents [1]
Answer as JSON: {"questions": [{"id", "category" (entity, attribute, relation, global or other), "tuple", "question", "parents"}]}.
Prompt: "{prompt}"`,
  zh: `请按照 Davidsonian Scene Graph（DSG）的方法，把下面的文生图提示词分解为原子语义元组。
元组类型为："entity - whole"、"entity - part"、"attribute - <type|color|material|shape|texture|size|state|count|text rendering>"、"relation - <spatial|action|part>"、"global"（风格、媒介）、"other"。
为每个元组写一个可以针对图片用“是”或“否”回答的原子问题，并列出它所依赖的元组编号（parents）：属性或关系依赖它提到的实体；实体不依赖任何元组（空列表）。
元组从 1 开始编号。覆盖提示词说出的每个细节，不添加提示词没有说的内容。问题用中文写，以“吗？”结尾。
示例，提示词“一个有十个紫色方格的魔方”：
1 entity - whole (魔方)：“图中有魔方吗？”，parents []
2 attribute - color (魔方, 紫色)：“魔方是紫色的吗？”，parents [1]
3 attribute - count (魔方方格, ==10)：“魔方有十个方格吗？”，parents [1]
请用 JSON 回答：{"questions": [{"id", "category"（entity、attribute、relation、global 或 other）, "tuple", "question", "parents"}]}。
提示词：“{prompt}”`,
} as const;

export const QUESTION_CATEGORIES = ['entity', 'attribute', 'relation', 'global', 'other'] as const;

/** The structured output the answer must match (OpenAI strict mode: every field required, no others). */
export const GENERATED_QUESTIONS_SCHEMA = {
  type: 'object',
  properties: {
    questions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          category: { type: 'string', enum: [...QUESTION_CATEGORIES] },
          tuple: { type: 'string' },
          question: { type: 'string' },
          parents: { type: 'array', items: { type: 'integer' } },
        },
        required: ['id', 'category', 'tuple', 'question', 'parents'],
        additionalProperties: false,
      },
    },
  },
  required: ['questions'],
  additionalProperties: false,
} as const;

/** The request's words for one prompt text, in its language. */
export function questionGenerationText(language: Language, prompt: string): string {
  return fill(language === 'zh' ? QUESTION_GENERATION_TEMPLATE.zh : QUESTION_GENERATION_TEMPLATE.en, { prompt });
}

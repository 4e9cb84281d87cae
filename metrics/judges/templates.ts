import { RATING_SCALE, type Dimension, type Language, type Modality, type Question } from '../../core/types/index.js';

/**
 * The words each judge metric sends, per language. A template's version is part of every score's
 * provenance and of the cache key: changing a word here means bumping its version.
 */
export const VQASCORE_TEMPLATE = {
  version: 'vqascore-1',
  // The VQAScore authors' default question (t2v_metrics), and its Chinese rendering.
  en: 'Does this figure show "{prompt}"? Please answer yes or no.',
  zh: '这张图是否展示了“{prompt}”？请回答是或否。',
} as const;

export const QUESTION_TEMPLATE = {
  version: 'question-1',
  // As the DSG authors ask GPT-4o: a bare yes or no.
  en: "Answer only with 'yes' or 'no'. Do not give other outputs or punctuation marks. Question: {question}",
  zh: '只回答“是”或“否”，不要输出其他内容或标点。问题：{question}',
} as const;

export const RUBRIC_TEMPLATE_VERSION = 'rubric-1';

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The rubric for one dimension, with the anchors raters see, in the prompt's language; `clipSent`: a video goes as the clip itself, not as frames. */
export function rubricText(dimension: Dimension, language: Language, modality: Modality, prompt: string, clipSent = false): string {
  const scale = RATING_SCALE[language === 'zh' ? 'zh' : 'en'];
  const d = scale.dimensions[dimension];
  const still = modality === 'image';
  const name = (still && d.imageName) || d.name;
  const help = (still && d.imageHelp) || d.help;
  const anchors = d.meanings.map((m, i) => `${i + 1} = ${scale.points[i]}: ${m}`).join('\n');
  if (language === 'zh') {
    const what = still ? '图片' : clipSent ? '视频' : '视频（以下为按时间顺序抽取的帧）';
    return `请评价这张根据下面文字描述生成的${what}，只评一个维度：${name}（${help}）。\n文字描述：“${prompt}”\n评分标准：\n${anchors}\n请用 JSON 回答：score 为 1 到 5 的整数，reason 为一句简短理由。`;
  }
  const what = still ? 'image' : clipSent ? 'video' : 'video (the frames below, in time order)';
  return `Rate the ${what} generated from the description below on one dimension only: ${name} (${help}).\nDescription: "${prompt}"\nScale:\n${anchors}\nAnswer as JSON: "score", an integer from 1 to 5, and "reason", one short sentence.`;
}

/** A yes/no answer as DSG's GPT-4o path reads it: lower case, punctuation removed, then exactly yes (or 是). */
export function answeredYes(text: string): boolean {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[.,?!。，？！"'“”]/gu, '');
  return word === 'yes' || word === '是';
}

/** The VQAScore question for a prompt's text, in its language. */
export function vqaText(language: Language, prompt: string): string {
  return fill(language === 'zh' ? VQASCORE_TEMPLATE.zh : VQASCORE_TEMPLATE.en, { prompt });
}

/** A DSG question in the run's language, else in the language it has, wrapped in that language's template. */
export function questionText(q: Question, language: Language): { question: string; text: string } | null {
  const other: Language = language === 'zh' ? 'en' : 'zh';
  const lang = q.text[language] ? language : q.text[other] ? other : null;
  if (!lang) return null;
  const question = q.text[lang]!;
  return { question, text: fill(lang === 'zh' ? QUESTION_TEMPLATE.zh : QUESTION_TEMPLATE.en, { question }) };
}

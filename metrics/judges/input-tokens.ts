import type { JudgeEndpoint } from '../../core/types/index.js';

/**
 * Input tokens of one image under OpenAI's published rule for `detail: high` (the default for
 * GPT-4o-class models): fit in 2048 x 2048, scale the shorter side down to 768, then 85 tokens plus
 * 170 per 512 px tile. (GPT-4o mini bills images at about 33x this count; its price per token
 * is lower by the same factor.)
 */
export function openAiImageTokens(width: number, height: number): number {
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shorter = Math.min(1, 768 / Math.min(w, h));
  w *= shorter;
  h *= shorter;
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}

/**
 * The input tokens a call will be billed for, where the provider publishes its image rule; null
 * otherwise (the transport then estimates from the usage of the answers it has seen). Text is
 * counted at 4 characters a token for Latin script and 1 a token for Han characters, a rough
 * rule that errs high for Chinese.
 */
export function estimateInputTokens(
  endpoint: Pick<JudgeEndpoint, 'imageTokens'>,
  text: string,
  sizes: readonly { width: number; height: number }[],
): number | null {
  if (endpoint.imageTokens !== 'openai-tiles') return null;
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const textTokens = Math.ceil((text.length - han) / 4) + han;
  return textTokens + sizes.reduce((sum, s) => sum + openAiImageTokens(s.width, s.height), 0);
}

import { judgeTarget, type LoadedConfig } from '../config/index.js';
import { judgeLedgerId, type ResolvedRun } from '../run/index.js';
import { formatUsd, type Store } from '../types/index.js';
import { estimateInputTokens, judgeCallTexts, JUDGE_METRIC_IDS } from '../../metrics/index.js';

/** The most output tokens each judge metric asks for (its max_tokens): the estimate is an upper bound. */
const OUTPUT_TOKENS = (metricId: string) => (metricId === 'vqascore' ? 1 : metricId === 'question-score' ? 8 : 200);

/**
 * The judge's line of `loupe run --plan`: calls for every planned generation and selected judge
 * metric, priced at the judge's prices. Image tokens follow the provider's published rule where
 * there is one (images taken at the full `maxImageSide`, an upper bound), else the mean input
 * tokens of the answers already in the ledger; with neither, the calls are counted but not priced.
 */
export async function judgePlanLine(loaded: LoadedConfig, resolved: ResolvedRun, store: Store): Promise<string | null> {
  const judge = loaded.config.judges[0];
  const wanted = loaded.config.metrics;
  const ids = JUDGE_METRIC_IDS.filter((id) => !wanted || wanted.includes(id));
  if (!judge || ids.length === 0) return null;
  const provider = judgeTarget(judge).imageTokens;
  const seen = (await store.listLedger({ generatorId: judgeLedgerId(judge.id) })).flatMap((e) =>
    e.phase === 'stored' && typeof e.detail?.inputTokens === 'number' ? [e.detail.inputTokens] : [],
  );
  const meanSeen = seen.length > 0 ? seen.reduce((a, b) => a + b, 0) / seen.length : null;
  let calls = 0;
  let usd = 0;
  for (const g of resolved.planned) {
    const prompt = resolved.prompts.get(`${g.promptSetId}/${g.promptId}`)!;
    const side = { width: judge.maxImageSide, height: judge.maxImageSide };
    const sizes = Array.from({ length: g.modality === 'video' ? judge.frames : 1 }, () => side);
    for (const id of ids) {
      for (const text of judgeCallTexts(id, prompt, g.language, g.modality, g.text)) {
        calls++;
        const input = estimateInputTokens({ imageTokens: provider }, text, sizes) ?? meanSeen ?? 0;
        usd += (input * judge.priceUsdPer1kInput + OUTPUT_TOKENS(id) * judge.priceUsdPer1kOutput) / 1000;
      }
    }
  }
  const how = provider
    ? `images at ${judge.maxImageSide} px by OpenAI's tile rule`
    : meanSeen !== null
      ? `${Math.round(meanSeen)} input tokens a call, the mean of ${seen.length} answers in the ledger`
      : 'not priced until the first answers say how many tokens an image takes';
  const price = provider || meanSeen !== null ? `at most ${formatUsd(usd)}` : 'price unknown';
  return `Judge ${judge.id} (${ids.join(', ')}): ${calls} calls, ${price} (${how}; answers already in the ledger are not paid again).`;
}

import { DIMENSIONS, RATING_SCALE, type Dimension, type DimensionWording } from '../shared/index.js';

export type UiLang = 'zh' | 'en';

type Points = readonly [string, string, string, string, string];

/** The scale's words, from the one source raters and AI judges share (core/types/rating-scale.ts). */
function scaleStrings(lang: UiLang): Pick<Strings, 'dimensions' | 'points' | 'meanings' | 'imageMeanings'> {
  const scale = RATING_SCALE[lang];
  const each = <T>(f: (d: DimensionWording) => T) =>
    Object.fromEntries(DIMENSIONS.map((d) => [d, f(scale.dimensions[d])])) as Record<Dimension, T>;
  return {
    dimensions: each(({ name, imageName, help, imageHelp }) => ({ name, imageName, help, imageHelp })),
    points: scale.points,
    meanings: each((d) => d.meanings),
    imageMeanings: Object.fromEntries(
      DIMENSIONS.flatMap((d) => (scale.dimensions[d].imageMeanings ? [[d, scale.dimensions[d].imageMeanings]] : [])),
    ),
  };
}

interface Strings {
  title: string;
  langName: string;
  intro: string[];
  keys: string[];
  /** The pairwise keys, on the start page and above the scales: sides on letters, never on numbers. */
  pairKeys: string[];
  begin: string;
  continue: string;
  progress: (done: number, total: number) => string;
  prompt: string;
  showOther: (other: UiLang) => string;
  hideOther: string;
  /** `imageName` and `imageHelp` replace the name and help for still images (no flicker or stutter there). */
  dimensions: Record<Dimension, { name: string; imageName?: string; help: string; imageHelp?: string }>;
  points: Points;
  meanings: Record<Dimension, Points>;
  imageMeanings: Partial<Record<Dimension, Points>>;
  /** Captions of the start page's example media, under the lowest and highest point. */
  examples: { low: string; high: string; note: string };
  submit: string;
  cannotRate: string;
  reasons: Record<'media-broken' | 'does-not-load' | 'other', string>;
  sendCannotRate: string;
  cancel: string;
  watchFirst: string;
  incomplete: string;
  doneTitle: string;
  doneText: string;
  closed: string;
  breakHint: string;
  dismiss: string;
  pairIntro: string;
  left: string;
  right: string;
  tie: string;
  /** The captions above a pair's media, with the key that votes for each. */
  sides: [string, string];
  /** The shared control of a pair of clips. */
  playBoth: string;
  pauseBoth: string;
  error: string;
  /** Before the server's reason when it refused a rating (409, 422): the answers stay in the browser. */
  refused: string;
  correctHint: string;
  correct: string;
  correcting: string;
  instructions: string;
}

const zh: Strings = {
  title: 'Loupe 主观评测',
  langName: '中文',
  intro: [
    '您将逐一看到由不同系统根据文字描述生成的图片或视频。系统名称对您隐藏，请只根据所见评分。',
    '每个条目有四个维度，各按 5 分制打分。视频需完整播放一遍后才能评分。',
    '如果媒体损坏或无法加载，请选择“无法评分”并说明原因。',
  ],
  keys: ['数字键 1–5：给当前维度打分', '↑ ↓ 或 Tab：切换维度', '← →：调整分数', 'Enter：提交'],
  pairKeys: ['A：左边更好', 'B：右边更好', 'T：两者相当', '← →：移动选择', '↑ ↓ 或 Tab：切换维度', 'Enter：提交'],
  begin: '开始评分',
  continue: '继续评分',
  progress: (d, t) => `第 ${Math.min(d + 1, t)} / ${t} 项 · 已完成 ${d}`,
  prompt: '文字描述',
  showOther: (o) => (o === 'en' ? '显示英文版本' : '显示中文版本'),
  hideOther: '隐藏',
  ...scaleStrings('zh'),
  examples: {
    low: '示例：低分',
    high: '示例：高分',
    note: '图示示例取自本次评测的素材，仅供理解评分标准，不会出现在您的评分任务中；请按各自的实际情况评分。',
  },
  submit: '提交 (Enter)',
  cannotRate: '无法评分',
  reasons: { 'media-broken': '媒体损坏', 'does-not-load': '无法加载', other: '其他原因' },
  sendCannotRate: '提交“无法评分”',
  cancel: '取消',
  watchFirst: '请先把视频完整播放一遍（两段视频都要），之后即可评分。',
  incomplete: '请为全部四个维度打分。',
  doneTitle: '全部完成，谢谢！',
  doneText: '您的评分已全部保存，可以关闭此页面。',
  closed: '本次评测已结束，您的评分已保存。',
  breakHint: '您已连续评分较长时间，建议休息几分钟再继续。',
  dismiss: '知道了',
  pairIntro: '同一描述下的两个结果。请在每个维度上选择更好的一方，或选择“相当”。',
  left: '左边更好',
  right: '右边更好',
  tie: '相当',
  sides: ['左 (A)', '右 (B)'],
  playBoth: '同时播放',
  pauseBoth: '同时暂停',
  error: '出错了',
  refused: '服务器未接受这次提交（您的答案仍保留在本页）',
  correctHint: '上一题评错了？在评下一题之前，可以更正一次。',
  correct: '更正上一题',
  correcting: '正在更正上一题：重新打分并提交。原来的评分会保留，以更正为准。',
  instructions: '评分说明',
};

const en: Strings = {
  title: 'Loupe rating',
  langName: 'English',
  intro: [
    'You will see images or videos made from a text description by different systems, one at a time. The systems are hidden from you: rate only what you see.',
    'Each item has four dimensions, each on a 5-point scale. A video must play to the end once before it can be scored.',
    'If the media is broken or does not load, choose "Cannot rate" and give the reason.',
  ],
  keys: ['Keys 1–5: score the focused dimension', '↑ ↓ or Tab: move between dimensions', '← →: change the score', 'Enter: submit'],
  pairKeys: [
    'A: left is better',
    'B: right is better',
    'T: tie',
    '← →: move the choice',
    '↑ ↓ or Tab: move between dimensions',
    'Enter: submit',
  ],
  begin: 'Start rating',
  continue: 'Continue rating',
  progress: (d, t) => `Item ${Math.min(d + 1, t)} of ${t} · ${d} done`,
  prompt: 'Prompt',
  showOther: (o) => (o === 'zh' ? 'Show the Chinese version' : 'Show the English version'),
  hideOther: 'Hide',
  ...scaleStrings('en'),
  examples: {
    low: 'Example: low score',
    high: 'Example: high score',
    note: "The examples come from this study's own media, to show what the scale means; you will not be asked to rate them. Rate each item on its own merits.",
  },
  submit: 'Submit (Enter)',
  cannotRate: 'Cannot rate',
  reasons: { 'media-broken': 'Media is broken', 'does-not-load': 'Does not load', other: 'Other reason' },
  sendCannotRate: 'Send "cannot rate"',
  cancel: 'Cancel',
  watchFirst: 'Play the video (in a pair, both videos) to the end once; then the scales unlock.',
  incomplete: 'Please score all four dimensions.',
  doneTitle: 'All done, thank you!',
  doneText: 'Every rating is saved. You can close this page.',
  closed: 'This study is closed; your ratings are saved.',
  breakHint: "You have been rating for a while: take a few minutes' break before going on.",
  dismiss: 'OK',
  pairIntro: 'Two results for the same description. On each dimension choose the better one, or "Tie".',
  left: 'Left is better',
  right: 'Right is better',
  tie: 'Tie',
  sides: ['Left (A)', 'Right (B)'],
  playBoth: 'Play both',
  pauseBoth: 'Pause both',
  error: 'Something went wrong',
  refused: 'The server did not accept this rating (your answers are still on this page)',
  correctHint: 'Rated the last item by mistake? You can correct it once, before rating the next one.',
  correct: 'Correct my last rating',
  correcting: 'Correcting your last rating: score it again and submit. Your first answer is kept; the correction counts.',
  instructions: 'Instructions',
};

export const STRINGS: Readonly<Record<UiLang, Strings>> = { zh, en };

/** The UI language chosen on this device for this link, else the browser's. */
export function savedLang(scope: string): UiLang {
  const saved = localStorage.getItem(`loupe.lang.${scope}`);
  if (saved === 'zh' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function saveLang(scope: string, lang: UiLang): void {
  localStorage.setItem(`loupe.lang.${scope}`, lang);
}

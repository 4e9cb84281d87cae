import type { Dimension } from './dimensions.js';

/** How one dimension is explained: to raters in the browser and to AI judges in their rubric. */
export interface DimensionWording {
  name: string;
  /** The name on still images where it differs (video quality becomes image quality). */
  imageName?: string;
  help: string;
  /** The help on still images where it differs (no flicker or stutter in a still). */
  imageHelp?: string;
  /** What each point 1-5 means, lowest first. */
  meanings: readonly [string, string, string, string, string];
  /** The meanings on still images where they differ. */
  imageMeanings?: readonly [string, string, string, string, string];
}

export interface ScaleWording {
  points: readonly [string, string, string, string, string];
  dimensions: Readonly<Record<Dimension, DimensionWording>>;
}

/** The 5-point scale's words in both languages: one source, so raters and judges read the same anchors. */
export const RATING_SCALE: Readonly<Record<'zh' | 'en', ScaleWording>> = {
  zh: {
    points: ['差', '较差', '一般', '良好', '优秀'],
    dimensions: {
      'text-image-consistency': {
        name: '图文一致性',
        help: '画面内容与文字描述是否一致（对象、数量、文字、属性）',
        meanings: ['与描述无关', '只有少数元素相符', '主体相符，细节错误或缺失', '几乎完全相符，有小偏差', '与描述完全一致'],
      },
      realism: {
        name: '真实性',
        help: '人物、物体与物理规律是否自然可信，有无变形',
        meanings: ['明显虚假或严重变形', '有明显变形或违反物理', '有可察觉的瑕疵', '细看才有小瑕疵', '真实自然，无法分辨'],
      },
      'visual-quality': {
        name: '视频质量',
        imageName: '图像质量',
        help: '清晰度、噪声、闪烁、卡顿等技术质量',
        imageHelp: '清晰度、噪声、伪影等技术质量',
        meanings: ['严重模糊、噪声或闪烁', '质量较差', '质量一般', '清晰，有轻微问题', '清晰流畅，无瑕疵'],
        imageMeanings: ['严重模糊、噪声或伪影', '质量较差', '质量一般', '清晰，有轻微问题', '清晰干净，无瑕疵'],
      },
      'aesthetic-quality': {
        name: '美学质量',
        help: '构图、色彩、光影等美感',
        meanings: ['令人不适', '构图或色彩较差', '普通', '赏心悦目', '非常美'],
      },
    },
  },
  en: {
    points: ['Bad', 'Poor', 'Fair', 'Good', 'Excellent'],
    dimensions: {
      'text-image-consistency': {
        name: 'Text-image consistency',
        help: 'Does the content match the description (objects, counts, text, attributes)?',
        meanings: [
          'Unrelated to the description',
          'Only a few elements match',
          'Main subject matches; details wrong or missing',
          'Almost all matches; small deviations',
          'Matches the description completely',
        ],
      },
      realism: {
        name: 'Realism',
        help: 'Are people, objects and physics natural and believable, without deformation?',
        meanings: [
          'Clearly fake or badly deformed',
          'Obvious deformation or broken physics',
          'Noticeable flaws',
          'Small flaws on a close look',
          'Natural; could be real',
        ],
      },
      'visual-quality': {
        name: 'Video quality',
        imageName: 'Image quality',
        help: 'Sharpness, noise, flicker, stutter: the technical quality',
        imageHelp: 'Sharpness, noise, artefacts: the technical quality',
        meanings: [
          'Heavy blur, noise or flicker',
          'Poor quality',
          'Fair quality',
          'Sharp, with slight problems',
          'Sharp and smooth, no flaws',
        ],
        imageMeanings: [
          'Heavy blur, noise or artefacts',
          'Poor quality',
          'Fair quality',
          'Sharp, with slight problems',
          'Sharp and clean, no flaws',
        ],
      },
      'aesthetic-quality': {
        name: 'Aesthetic quality',
        help: 'Composition, colour, light: how beautiful it is',
        meanings: ['Unpleasant', 'Poor composition or colour', 'Ordinary', 'Pleasing', 'Beautiful'],
      },
    },
  },
};

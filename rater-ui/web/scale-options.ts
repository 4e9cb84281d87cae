import type { Dimension } from '../shared/index.js';
import { STRINGS, type UiLang } from './i18n.js';
import type { ScaleOption } from './loupe-scale.js';

/** What one scale shows: its name, its help, and its options with their keys. */
export interface ScaleText {
  label: string;
  help: string;
  options: ScaleOption[];
}

/**
 * A likert scale's five points on keys 1-5; a pair's votes on letters (A left, T tie, B right),
 * so that no number can be read as a side. Still images get the image wording: no flicker or
 * stutter in their help or meanings.
 */
export function scaleText(d: Dimension, mode: 'likert' | 'pairwise', isVideo: boolean, lang: UiLang): ScaleText {
  const t = STRINGS[lang];
  const dim = t.dimensions[d];
  const label = isVideo ? dim.name : (dim.imageName ?? dim.name);
  const help = isVideo ? dim.help : (dim.imageHelp ?? dim.help);
  if (mode === 'pairwise') {
    return {
      label,
      help,
      options: [
        { value: 'A', key: 'a', label: t.left },
        { value: 'tie', key: 't', label: t.tie },
        { value: 'B', key: 'b', label: t.right },
      ],
    };
  }
  const meanings = (!isVideo && t.imageMeanings[d]) || t.meanings[d];
  return { label, help, options: t.points.map((p, i) => ({ value: String(i + 1), key: String(i + 1), label: p, hint: meanings[i] })) };
}

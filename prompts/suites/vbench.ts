import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataError } from '../../core/types/index.js';
import type { LocatedPrompts } from '../located-prompts.js';
import { listFolder } from '../prompt-files.js';
import { locate, textLines, type RawPrompt } from './raw-prompts.js';

export interface DimensionFolders {
  /** One English prompt file per dimension, `<dimension>.txt`. */
  en: string;
  /** The line-aligned Chinese files; null for an English-only list. */
  zh: string | null;
  /** Chinese file names that differ from the English ones (VBench: overall_consistency.txt is overall.txt). */
  zhNames?: Readonly<Record<string, string>>;
  /** Samples per prompt for prompts of some dimensions (VBench: 25 for temporal_flickering). */
  samplesFor?: Readonly<Record<string, number>>;
  idPrefix: string;
  /** The tag each file's name becomes: `dimension` (VBench's dimensions) or `category` (its content categories). */
  tag?: 'dimension' | 'category';
}

/**
 * VBench-style prompt lists: one file per dimension (or content category), one prompt a line, the
 * Chinese in a parallel file with the same line order. A prompt listed under several dimensions is
 * one prompt with a `dimension:` tag for each, its category the first of them (files in name
 * order); where two files translate it differently, the first translation is kept and the prompt
 * is tagged `zh-variants`. A Chinese file whose line count differs from its English one is an
 * error naming both files: lines are matched by position, never guessed.
 */
export function readDimensionLists(f: DimensionFolders): LocatedPrompts {
  const files = listFolder(f.en)
    .filter((n) => n.endsWith('.txt'))
    .sort();
  const byText = new Map<string, { raw: RawPrompt; dimensions: string[]; zhSeen: Set<string> }>();
  for (const file of files) {
    const dimension = basename(file, '.txt');
    const en = textLines(join(f.en, file));
    const zh = f.zh === null ? null : chineseLines(f, file, en.length);
    en.forEach(({ text, line }, i) => {
      const seen = byText.get(text);
      if (seen) {
        seen.dimensions.push(dimension);
        if (zh) seen.zhSeen.add(zh[i]!);
        return;
      }
      const raw: RawPrompt = {
        line,
        value: {
          id: `${f.idPrefix}-${dimension}-${line}`,
          category: dimension,
          modality: 'video',
          text: zh ? { en: text, zh: zh[i] } : { en: text },
        },
      };
      byText.set(text, { raw, dimensions: [dimension], zhSeen: new Set(zh ? [zh[i]!] : []) });
    });
  }
  const raw = [...byText.values()].map(({ raw, dimensions, zhSeen }) => {
    const samples = Math.max(0, ...dimensions.map((d) => f.samplesFor?.[d] ?? 0));
    const tags = [...dimensions.map((d) => `${f.tag ?? 'dimension'}:${d}`), ...(zhSeen.size > 1 ? ['zh-variants'] : [])];
    return { ...raw, value: { ...raw.value, tags, ...(samples > 0 ? { samples } : {}) } };
  });
  return locate(raw, f.en);
}

function chineseLines(f: DimensionFolders, file: string, count: number): string[] {
  const zhFile = join(f.zh!, f.zhNames?.[file] ?? file);
  if (!existsSync(zhFile)) throw DataError.one(zhFile, { message: `no Chinese list for ${join(f.en, file)}` });
  const zh = textLines(zhFile).map((l) => l.text);
  if (zh.length !== count) {
    throw DataError.one(zhFile, { message: `${zh.length} prompts, but ${join(f.en, file)} has ${count}: the lists must be line-aligned` });
  }
  return zh;
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, type PromptSet } from '../../core/types/index.js';
import type { LocatedPrompts } from '../located-prompts.js';
import { finishSet, type SetHeader } from '../prompt-set-file.js';
import { readDsg } from './dsg.js';
import { readGeneval } from './geneval.js';
import { readParti } from './parti.js';
import { readCompbench } from './t2i-compbench.js';
import { readTifa } from './tifa.js';
import { readDimensionLists } from './vbench.js';

/** Readers for the public suites' own file formats, for newer releases than the ones built in. */
const READERS = {
  parti: readParti,
  geneval: readGeneval,
  't2i-compbench': (folder: string) => readCompbench(folder),
  tifa: (file: string) => readTifa(file),
  dsg: readDsg,
  vbench: readVbenchFolder,
} satisfies Record<string, (path: string) => LocatedPrompts>;

export type UpstreamFormat = keyof typeof READERS;
export const UPSTREAM_FORMATS = Object.keys(READERS) as UpstreamFormat[];

/** Reads a suite's file (or folder) in its upstream format as a prompt set. */
export function readUpstreamSet(format: string, path: string, header: SetHeader = {}): PromptSet {
  if (!(format in READERS)) throw new Error(`unknown format "${format}": use one of ${UPSTREAM_FORMATS.join(', ')}`);
  return finishSet(READERS[format as UpstreamFormat](path), path, header);
}

/**
 * A VBench `prompts/` folder (`prompts_per_dimension/` with `prompts_per_dimension_chinese/`) or a
 * VBench-2.0 one (`prompt/` with `prompt_ch/VBench2_ch_prompt/`), as upstream lays them out.
 */
function readVbenchFolder(folder: string): LocatedPrompts {
  const layouts = [
    { en: 'prompts_per_dimension', zh: 'prompts_per_dimension_chinese', zhNames: { 'overall_consistency.txt': 'overall.txt' } },
    { en: 'prompt', zh: join('prompt_ch', 'VBench2_ch_prompt') },
  ];
  const layout = layouts.find((l) => existsSync(join(folder, l.en)));
  if (!layout) throw DataError.one(folder, { message: `expected a VBench folder with ${layouts.map((l) => `${l.en}/`).join(' or ')}` });
  const zh = join(folder, layout.zh);
  return readDimensionLists({ en: join(folder, layout.en), zh: existsSync(zh) ? zh : null, zhNames: layout.zhNames, idPrefix: 'vbench' });
}

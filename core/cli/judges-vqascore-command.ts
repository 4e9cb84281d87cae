import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import type { Language, MetricInput, Modality } from '../types/index.js';
import { createVqaScoreMetric, textLanguage } from '../../metrics/index.js';
import { loadConfigFile } from './compose.js';
import { buildJudge } from './judges-build.js';

interface VqaScoreOptions {
  judge: string;
  image: string[];
  text: string;
  lang?: Language;
  config: string;
  json?: boolean;
}

const VIDEO = new Set(['.mp4', '.webm', '.mov', '.mkv', '.avi', '.gif']);

/** `loupe metrics vqascore`: one-off VQAScore of files against a text by a configured judge (nothing is stored). */
export function registerVqaScoreCommand(metrics: Command): void {
  metrics
    .command('vqascore')
    .description('VQAScore of each image (or video) against a text, asked of a judge of the config; nothing is stored')
    .requiredOption('--judge <id>', 'a judge id from the config')
    .requiredOption('--image <files...>', 'image or video files')
    .requiredOption('--text <text>', 'the prompt the media should show')
    .option('--lang <zh|en>', 'the template language (default: Chinese when Han characters outnumber Latin letters)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .option('--json', 'print one JSON object per file')
    .action((options: VqaScoreOptions) => vqaScoreCommand(options));
}

async function vqaScoreCommand(options: VqaScoreOptions): Promise<void> {
  if (options.lang && options.lang !== 'zh' && options.lang !== 'en') throw new Error(`--lang must be zh or en, not "${options.lang}"`);
  const loaded = loadConfigFile(options.config);
  const metric = createVqaScoreMetric(buildJudge(loaded, options.judge, { store: null, stop: new AbortController().signal }));
  const language = options.lang ?? textLanguage(options.text);
  for (const path of options.image) {
    const modality: Modality = VIDEO.has(extname(path).toLowerCase()) ? 'video' : 'image';
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const input: MetricInput = {
      path,
      mime: modality === 'video' ? 'video/*' : 'image/*',
      mediaHash: createHash('sha256').update(bytes).digest('hex'),
      modality,
      prompt: { id: 'cli', category: 'cli', tags: [], text: { [language]: options.text }, modality },
      language,
      text: options.text,
    };
    const [r] = await metric.score([input]);
    if (options.json) console.log(JSON.stringify({ file: path, ...r }));
    else if (r!.value !== null) console.log(`${path}: vqascore ${r!.value.toFixed(4)} (answered by ${String(r!.details.answeredBy)})`);
    else console.log(`${path}: no score [${r!.category ?? 'error'}] ${r!.error}`);
    if (r!.value === null) process.exitCode = 1;
  }
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { registerVqaScoreCommand } from './judges-vqascore-command.js';
import {
  embedImages,
  embedTexts,
  ClipModel,
  cosine,
  clipScoreOf,
  readsChinese,
  textLanguage,
  locateModel,
  type ImageEmbedding,
} from '../../metrics/index.js';

interface ClipScoreOptions {
  model: string;
  image: string[];
  text: string[];
  lang?: 'zh' | 'en';
  json?: boolean;
}

/** `loupe metrics clip-score`: one-off scoring of files against texts, to check a model against a reference. */
export function registerMetricCommands(program: Command): void {
  const metrics = program.command('metrics').description('compute one metric on files given on the command line');
  metrics
    .command('clip-score')
    .description('cosine and CLIPScore (100 x max(cos, 0)) of every text against every image')
    .requiredOption('--model <folder or hub id>', 'a CLIP or Chinese-CLIP folder (Hugging Face layout) or a hub id in the cache')
    .requiredOption('--image <files...>', 'image files')
    .requiredOption('--text <texts...>', 'texts to compare with each image')
    .option('--lang <zh|en>', 'the language of every text (default: Chinese when Han characters outnumber Latin letters)')
    .option('--json', 'print {model, images, texts: [{text, inputIds}], cos: [[per text, per image]], clipScore: [[...]]}')
    .action((options: ClipScoreOptions) => clipScoreCommand(options));
  registerVqaScoreCommand(metrics);
}

async function clipScoreCommand(options: ClipScoreOptions): Promise<void> {
  if (options.lang && options.lang !== 'zh' && options.lang !== 'en') throw new Error(`--lang must be zh or en, not "${options.lang}"`);
  const location = locateModel(options.model);
  if (location.kind !== 'clip' && location.kind !== 'chinese-clip')
    throw new Error(`${options.model} is a ${location.kind} model; clip-score needs a CLIP or Chinese-CLIP`);
  const model = await ClipModel.load(location);
  try {
    const refs = await Promise.all(options.image.map(async (path) => ({ path, mediaHash: await hashFile(path) })));
    const images = await embedImages(model, refs);
    const broken = images.findIndex((e) => e instanceof Error);
    if (broken >= 0) throw images[broken] as Error;
    const text = await embedTexts(model, options.text);
    const cos = text.embeddings.map((t) => images.map((img) => cosine(t, (img as ImageEmbedding).embedding)));
    // An English-only model does not apply to Chinese text: the cosine is shown, the score is null.
    const applies = options.text.map((t) => readsChinese(location) || (options.lang ?? textLanguage(t)) !== 'zh');
    const clipScore = cos.map((row, i) => row.map((c) => (applies[i] ? clipScoreOf(c) : null)));
    const out = {
      model: location.id,
      images: options.image,
      texts: options.text.map((t, i) => ({ text: t, inputIds: text.ids[i]! })),
      cos,
      clipScore,
    };
    if (options.json) return console.log(JSON.stringify(out));
    options.text.forEach((t, i) => {
      console.log(`${JSON.stringify(t)} (${text.ids[i]!.length} tokens)`);
      options.image.forEach((img, j) =>
        console.log(
          `  ${img}: cos ${cos[i]![j]!.toFixed(4)}  clipScore ${clipScore[i]![j]?.toFixed(2) ?? 'n/a (English-only model, Chinese text)'}`,
        ),
      );
    });
  } finally {
    await model.dispose();
  }
}

async function hashFile(path: string): Promise<string> {
  try {
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  } catch (e) {
    throw new Error(`cannot read image ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

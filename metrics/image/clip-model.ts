import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describePreprocessing, imageConfigFrom, preprocessImage, type ClipImageConfig } from './clip-preprocess.js';
import { transformers } from '../runtime/hub-env.js';
import { graphPath, type ModelLocation } from '../runtime/weights-cache.js';
import { fileSha256, ort, sessions, type Session } from '../runtime/onnx-session.js';

const TEXT_GRAPH = 'onnx/text_model.onnx';
const VISION_GRAPH = 'onnx/vision_model.onnx';

type Tokenizer = Awaited<ReturnType<Awaited<ReturnType<typeof transformers>>['AutoTokenizer']['from_pretrained']>>;

/**
 * A CLIP or Chinese-CLIP model on ONNX Runtime: the text and image towers as two graphs, so that
 * an image embedding is computed once however many prompts it is compared with.
 */
export class ClipModel {
  private constructor(
    readonly location: ModelLocation,
    private readonly tokenizer: Tokenizer,
    readonly image: ClipImageConfig,
    readonly maxLength: number,
    private readonly text: Session,
    private readonly vision: Session,
  ) {}

  static async load(location: ModelLocation): Promise<ClipModel> {
    const t = await transformers();
    const pre = JSON.parse(await readFile(join(location.folder, 'preprocessor_config.json'), 'utf8')) as Record<string, unknown>;
    const tokenizer = await t.AutoTokenizer.from_pretrained(location.folder, { local_files_only: true });
    const maxLength = Number((tokenizer as unknown as { model_max_length?: number }).model_max_length) || 77;
    const [text, vision] = await Promise.all([
      sessions.acquire(graphPath(location, TEXT_GRAPH)),
      sessions.acquire(graphPath(location, VISION_GRAPH)),
    ]);
    return new ClipModel(location, tokenizer, imageConfigFrom(pre), Math.min(maxLength, 512), text, vision);
  }

  /** The vision graph's file: names the embeddings it makes (caches key on it, so fp32 and q8 never meet). */
  get visionGraph(): string {
    return graphPath(this.location, VISION_GRAPH);
  }

  async dispose(): Promise<void> {
    await sessions.release(graphPath(this.location, TEXT_GRAPH));
    await sessions.release(graphPath(this.location, VISION_GRAPH));
  }

  /**
   * Token ids as Hugging Face's processor gives them: start and end tokens, and a text longer than
   * the model's limit keeps its first max-1 ids and then the end token (CLIP pools at that token;
   * cutting at max would lose it).
   */
  tokenize(text: string): number[] {
    const ids = this.tokenizer.encode(text);
    if (ids.length <= this.maxLength) return ids;
    return [...ids.slice(0, this.maxLength - 1), ids[ids.length - 1]!];
  }

  /** Unnormalised text embeddings, one padded batch. */
  async embedTexts(idsList: readonly number[][]): Promise<Float32Array[]> {
    if (idsList.length === 0) return [];
    const seq = Math.max(...idsList.map((ids) => ids.length));
    const pad = Number((this.tokenizer as unknown as { pad_token_id?: number }).pad_token_id ?? 0);
    const ids = new BigInt64Array(idsList.length * seq);
    const mask = new BigInt64Array(idsList.length * seq);
    idsList.forEach((row, i) => {
      for (let j = 0; j < seq; j++) {
        ids[i * seq + j] = BigInt(j < row.length ? row[j]! : pad);
        mask[i * seq + j] = j < row.length ? 1n : 0n;
      }
    });
    const dims = [idsList.length, seq];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', ids, dims),
      attention_mask: new ort.Tensor('int64', mask, dims),
    };
    if (this.text.inputNames.includes('token_type_ids'))
      feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(ids.length), dims);
    const out = await this.text.run(feeds);
    return rows(out.text_embeds ?? out[this.text.outputNames[0]!]!);
  }

  /** Unnormalised image embeddings for preprocessed CHW tensors, one batch. */
  async embedPixels(pixels: readonly Float32Array[]): Promise<Float32Array[]> {
    if (pixels.length === 0) return [];
    const { width, height } =
      this.image.crop ??
      ('width' in this.image.size ? this.image.size : { width: this.image.size.shortestEdge, height: this.image.size.shortestEdge });
    const batch = new Float32Array(pixels.length * 3 * width * height);
    pixels.forEach((p, i) => batch.set(p, i * p.length));
    const out = await this.vision.run({ pixel_values: new ort.Tensor('float32', batch, [pixels.length, 3, height, width]) });
    return rows(out.image_embeds ?? out[this.vision.outputNames[0]!]!);
  }

  preprocess(path: string) {
    return preprocessImage(path, this.image);
  }

  /** Model id, weights precision, sha256 of each weight file, preprocessing: what makes two labs' numbers comparable. */
  async provenance(): Promise<Record<string, unknown>> {
    const weights: Record<string, string> = {};
    for (const file of this.location.files) weights[file] = await fileSha256(join(this.location.folder, file));
    return {
      model: this.location.id,
      kind: this.location.kind,
      precision: this.location.precision,
      sha256: weights,
      maxTextTokens: this.maxLength,
      preprocessing: describePreprocessing(this.image),
    };
  }
}

function rows(tensor: ort.Tensor): Float32Array[] {
  const [n, d] = tensor.dims as [number, number];
  const data = tensor.data as Float32Array;
  return Array.from({ length: n }, (_, i) => data.slice(i * d, (i + 1) * d));
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

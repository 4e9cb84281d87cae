import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describePreprocessing, imageConfigFrom, preprocessImage, preprocessRgb, type ClipImageConfig } from './clip-preprocess.js';
import { transformers } from '../runtime/hub-env.js';
import { graphPath, type ModelLocation } from '../runtime/weights-cache.js';
import { fileSha256, ort, sessions, type Session } from '../runtime/onnx-session.js';

type Tokenizer = Awaited<ReturnType<Awaited<ReturnType<typeof transformers>>['AutoTokenizer']['from_pretrained']>>;

/** Raw detector output for one image: per patch, a logit per query and a relative centre box. */
export interface PatchPredictions {
  patches: number;
  queries: number;
  /** [patch * queries + query] */
  logits: Float32Array;
  /** [patch * 4 + k]: centre x, centre y, width, height, relative to the image. */
  boxes: Float32Array;
}

/**
 * OWL-ViT on ONNX Runtime, tokenized by transformers.js: text queries padded to the model's
 * maximum length as Hugging Face's OwlViTProcessor does (padding="max_length").
 */
export class OwlVitDetector {
  private constructor(
    readonly location: ModelLocation,
    private readonly tokenizer: Tokenizer,
    readonly image: ClipImageConfig,
    readonly maxLength: number,
    private readonly session: Session,
  ) {}

  static async load(location: ModelLocation): Promise<OwlVitDetector> {
    const t = await transformers();
    const pre = JSON.parse(await readFile(join(location.folder, 'preprocessor_config.json'), 'utf8')) as Record<string, unknown>;
    const tokenizer = await t.AutoTokenizer.from_pretrained(location.folder, { local_files_only: true });
    const maxLength = Number((tokenizer as unknown as { model_max_length?: number }).model_max_length) || 16;
    const session = await sessions.acquire(graphPath(location, 'onnx/model.onnx'));
    return new OwlVitDetector(location, tokenizer, imageConfigFrom(pre), Math.min(maxLength, 77), session);
  }

  dispose(): Promise<void> {
    return sessions.release(graphPath(this.location, 'onnx/model.onnx'));
  }

  /** Token ids with start and end tokens; a query longer than the limit keeps its end token. */
  encode(query: string): number[] {
    const ids = this.tokenizer.encode(query);
    return ids.length > this.maxLength ? [...ids.slice(0, this.maxLength - 1), ids[ids.length - 1]!] : ids;
  }

  /** The ids padded with the pad token to the model's maximum length, as the graph receives them. */
  tokenize(query: string): number[] {
    const ids = this.encode(query);
    const pad = Number((this.tokenizer as unknown as { pad_token_id?: number }).pad_token_id ?? 0);
    return [...ids, ...new Array<number>(this.maxLength - ids.length).fill(pad)];
  }

  preprocess(path: string) {
    return preprocessImage(path, this.image);
  }

  /** The same pixel_values from an image already decoded to 8-bit sRGB (a caller that needs the pixels too). */
  preprocessDecoded(rgb: Uint8Array, width: number, height: number) {
    return preprocessRgb(rgb, width, height, this.image);
  }

  /** Runs the graph on one preprocessed image against every query. */
  async detect(pixels: Float32Array, queries: readonly string[]): Promise<PatchPredictions> {
    const ids = queries.map((q) => this.tokenize(q));
    const lengths = queries.map((q) => this.encode(q).length);
    const flat = BigInt64Array.from(ids.flat().map(BigInt));
    // The mask covers the tokens up to and including the end token, not the padding.
    const mask = BigInt64Array.from(ids.flatMap((row, i) => row.map((_, j) => (j < lengths[i]! ? 1n : 0n))));
    const side = Math.round(Math.sqrt(pixels.length / 3));
    const out = await this.session.run({
      input_ids: new ort.Tensor('int64', flat, [ids.length, this.maxLength]),
      attention_mask: new ort.Tensor('int64', mask, [ids.length, this.maxLength]),
      pixel_values: new ort.Tensor('float32', pixels, [1, 3, side, side]),
    });
    const logits = out.logits!;
    return {
      patches: logits.dims[1]!,
      queries: logits.dims[2]!,
      logits: logits.data as Float32Array,
      boxes: out.pred_boxes!.data as Float32Array,
    };
  }

  async provenance(): Promise<Record<string, unknown>> {
    const sha256: Record<string, string> = {};
    for (const file of this.location.files) sha256[file] = await fileSha256(join(this.location.folder, file));
    return {
      model: this.location.id,
      kind: this.location.kind,
      precision: this.location.precision,
      sha256,
      queryTokens: this.maxLength,
      preprocessing: describePreprocessing(this.image),
    };
  }
}

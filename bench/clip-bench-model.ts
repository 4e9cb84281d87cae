// The model folder and image files of `bench:metrics`: a random-weight ViT-B/32 vision tower
// (bench/vit-graph.ts, built in a child process so that its weights do not count in the bench's
// peak memory) with a cheap stand-in text tower, laid out as a CLIP model folder with the tiny
// fixture's tokenizer and preprocessor, its q8 copies beside it (bench/dynamic-quantize.ts, also in
// a child process), and mixed-size PNG and JPEG files.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import sharp from 'sharp';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/models/tiny-clip/', import.meta.url));
export const SIZES: [number, number][] = [
  [256, 256],
  [512, 384],
  [640, 640],
  [1024, 768],
  [768, 1024],
  [1280, 720],
  [1920, 1080],
  [2048, 1536],
];

const tsx = (script: string, args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], { encoding: 'utf8' });

/** A stand-in text tower with the right output width: masked mean of token embeddings. */
function textOnnx(vocab: number, dim: number, seed: number): Uint8Array {
  const { onnx } = onnxProto;
  const F = onnx.TensorProto.DataType.FLOAT,
    I64 = onnx.TensorProto.DataType.INT64;
  const emb = Float32Array.from({ length: vocab * dim }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);
  const node = (opType: string, input: string[], output: string, attribute: InstanceType<typeof onnx.AttributeProto>[] = []) =>
    onnx.NodeProto.create({ opType, input, output: [output], attribute });
  const int = (name: string, i: number) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });
  const value = (name: string, elemType: number, dims: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType, shape: { dim: dims.map((v) => (typeof v === 'number' ? { dimValue: v } : { dimParam: v })) } } },
    });
  const graph = onnx.GraphProto.create({
    name: 'clip-text-stand-in',
    node: [
      node('Gather', ['emb', 'input_ids'], 'tok'),
      node('Cast', ['attention_mask'], 'maskf', [int('to', F)]),
      node('Unsqueeze', ['maskf', 'axis2'], 'mask3'),
      node('Mul', ['tok', 'mask3'], 'summed'),
      node('ReduceSum', ['summed', 'axis1'], 'num', [int('keepdims', 0)]),
      node('ReduceSum', ['mask3', 'axis1'], 'den', [int('keepdims', 0)]),
      node('Div', ['num', 'den'], 'text_embeds'),
    ],
    initializer: [
      onnx.TensorProto.create({ name: 'emb', dims: [vocab, dim], dataType: F, rawData: new Uint8Array(emb.buffer) }),
      onnx.TensorProto.create({ name: 'axis1', dims: [1], dataType: I64, int64Data: [1] }),
      onnx.TensorProto.create({ name: 'axis2', dims: [1], dataType: I64, int64Data: [2] }),
    ],
    input: [value('input_ids', I64, ['batch', 'seq']), value('attention_mask', I64, ['batch', 'seq'])],
    output: [value('text_embeds', F, ['batch', dim])],
  });
  const model = onnx.ModelProto.create({ irVersion: 8, producerName: 'loupe-bench', opsetImport: [{ domain: '', version: 17 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

/** The model folder under `dir`, with fp32 and q8 graphs; what was built, for the bench to print. */
export function layOutModel(dir: string, seed: number): { folder: string; params: number; flops: number; bytes: number; seconds: number } {
  const model = join(dir, 'vit-b32-random');
  mkdirSync(join(model, 'onnx'), { recursive: true });
  const vision = join(model, 'onnx', 'vision_model.onnx');
  const t0 = performance.now();
  const built = JSON.parse(tsx('./vit-graph.ts', [vision, String(seed)])) as { params: number; flops: number };
  for (const f of ['preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json']) copyFileSync(join(FIXTURE, f), join(model, f));
  const config = JSON.parse(readFileSync(join(FIXTURE, 'config.json'), 'utf8'));
  config.projection_dim = 512;
  Object.assign(config.vision_config, {
    hidden_size: 768,
    intermediate_size: 3072,
    num_attention_heads: 12,
    num_hidden_layers: 12,
    patch_size: 32,
    image_size: 224,
    projection_dim: 512,
  });
  writeFileSync(join(model, 'config.json'), JSON.stringify(config, null, 2));
  writeFileSync(join(model, 'onnx', 'text_model.onnx'), textOnnx(config.text_config.vocab_size, 512, seed));

  const q8 = tsx('./dynamic-quantize.ts', [vision, join(model, 'onnx', 'vision_model_quantized.onnx')]);
  if (JSON.parse(q8).quantized === 0) throw new Error('the q8 copy of the ViT quantized no MatMul');
  copyFileSync(join(model, 'onnx', 'text_model.onnx'), join(model, 'onnx', 'text_model_quantized.onnx')); // the stand-in has no MatMul
  return { folder: model, ...built, bytes: statSync(vision).size, seconds: (performance.now() - t0) / 1000 };
}

export async function makeImages(dir: string): Promise<{ path: string; mime: string; pixels: number }[]> {
  const files = [];
  for (const [i, [width, height]] of SIZES.entries()) {
    for (const fmt of ['png', 'jpeg'] as const) {
      const path = join(dir, `img-${i}-${width}x${height}.${fmt}`);
      const img = sharp({
        create: {
          width,
          height,
          channels: 3,
          background: { r: 90 + i * 10, g: 140, b: 200 },
          noise: { type: 'gaussian', mean: 110 + i * 5, sigma: 40 },
        },
      });
      // Blurred noise: neither flat (too easy to decode) nor pure noise (an unusually large PNG).
      await sharp(await img.raw().toBuffer(), { raw: { width, height, channels: 3 } })
        .blur(1.5)
        [fmt]()
        .toFile(path);
      files.push({ path, mime: `image/${fmt}`, pixels: width * height });
    }
  }
  return files;
}

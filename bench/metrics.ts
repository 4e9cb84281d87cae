// Throughput benchmark of CLIP scoring: `npm run bench:metrics [-- --images 1000 --chunk 256 --threads N]`.
// --threads N sets LOUPE_ORT_THREADS for both measurements, leaving the other cores to decoding.
// Builds a random-weight ViT-B/32 vision tower (bench/vit-graph.ts, in a child process so that
// its weights do not count in this process's peak memory), checks the builder against a hand
// computation on a small ViT, lays the graph out as a CLIP model folder, then measures in one run:
// (a) raw: the vision session on ready [16,3,224,224] tensors; (b) full: `clip-score` on mixed-size
// PNG/JPEG files (decode, preprocess, infer, cache, cosine), in chunks handed to score() as
// core/run/score.ts does. Prints images/s for both, the ratio and the peak RSS.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import onnxProto from 'onnx-proto';
import sharp from 'sharp';

const { values: args } = parseArgs({
  options: {
    images: { type: 'string', default: '48' },
    chunk: { type: 'string', default: '256' },
    seed: { type: 'string', default: '1' },
    threads: { type: 'string' },
  },
});
process.env.ORT_DISABLE_TELEMETRY ??= '1'; // before onnxruntime-node is imported (below, dynamically)
if (args.threads !== undefined) process.env.LOUPE_ORT_THREADS = args.threads;
const { createClipScore } = await import('../metrics/clip-score.js');
const { IMAGE_BATCH } = await import('../metrics/image/clip-embed.js');
const { ort, sessions } = await import('../metrics/runtime/onnx-session.js');
const { checkVitGraph } = await import('./vit-check.js');
const { imageConfigFrom, preprocessImage } = await import('../metrics/image/clip-preprocess.js');
type MetricInput = import('../core/types/metric.js').MetricInput;

const IMAGES = Number(args.images);
const CHUNK = Number(args.chunk);
const FIXTURE = fileURLToPath(new URL('../test/fixtures/models/tiny-clip/', import.meta.url));
const SIZES: [number, number][] = [
  [256, 256],
  [512, 384],
  [640, 640],
  [1024, 768],
  [768, 1024],
  [1280, 720],
  [1920, 1080],
  [2048, 1536],
];
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

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

async function makeImages(dir: string): Promise<{ path: string; mime: string; pixels: number }[]> {
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

const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-metrics-'));
try {
  const check = await checkVitGraph();
  console.log(
    `ViT builder vs hand computation (2 layers, width 16, float64): max |diff| ${check.maxAbsDiff.toExponential(1)} on outputs up to ${check.maxAbs.toFixed(3)}`,
  );
  if (!(check.maxAbsDiff <= 1e-4 * Math.max(1, check.maxAbs))) throw new Error('the ViT graph builder disagrees with the hand computation');

  const model = join(dir, 'vit-b32-random');
  mkdirSync(join(model, 'onnx'), { recursive: true });
  const vision = join(model, 'onnx', 'vision_model.onnx');
  const t0 = performance.now();
  const built = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./vit-graph.ts', import.meta.url)), vision, args.seed!], {
      encoding: 'utf8',
    }),
  ) as { params: number; flops: number };
  console.log(
    `random ViT-B/32 (seed ${args.seed}): ${(built.params / 1e6).toFixed(1)}M params, ${(built.flops / 2e9).toFixed(2)} GMACs per image, ${mb(statSync(vision).size)}, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
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
  writeFileSync(join(model, 'onnx', 'text_model.onnx'), textOnnx(config.text_config.vocab_size, 512, Number(args.seed)));

  const files = await makeImages(dir);
  // Each input is its own media (own hash, so no embedding cache hit); files are reused in turn.
  const input = (i: number, tag: string): MetricInput => {
    const f = files[i % files.length]!;
    return {
      path: f.path,
      mime: f.mime,
      mediaHash: `${tag}-${i}`,
      modality: 'image',
      prompt: { id: `p${i % 8}` } as MetricInput['prompt'],
      language: 'en',
      text: `a photo of object number ${i % 8}`,
    };
  };
  const meanMp = Array.from({ length: IMAGES }, (_, i) => files[i % files.length]!.pixels).reduce((a, b) => a + b, 0) / IMAGES / 1e6;
  console.log(
    `${IMAGES} images from ${files.length} files (${SIZES[0]!.join('x')} to ${SIZES.at(-1)!.join('x')}, PNG and JPEG, mean ${meanMp.toFixed(2)} MP), chunks of ${CHUNK} per score() call, inference batches of ${IMAGE_BATCH}`,
  );

  const metric = createClipScore({ en: model, zh: model });
  const warm = await metric.score(Array.from({ length: IMAGE_BATCH }, (_, i) => input(i, 'warm')));
  if (warm.some((r) => r.value === null)) throw new Error(`warm-up failed: ${warm.find((r) => r.value === null)?.error}`);
  const session = await sessions.acquire(vision); // the very session clip-score runs
  const rssLoaded = process.memoryUsage.rss();

  const ready = new Float32Array(IMAGE_BATCH * 3 * 224 * 224).map((_, i) => Math.sin(i) * 1.5);
  const tensor = new ort.Tensor('float32', ready, [IMAGE_BATCH, 3, 224, 224]);
  let t = performance.now();
  for (let done = 0; done < IMAGES; done += IMAGE_BATCH) await session.run({ pixel_values: tensor });
  const rawSeconds = (performance.now() - t) / 1000;
  const rawRate = (Math.ceil(IMAGES / IMAGE_BATCH) * IMAGE_BATCH) / rawSeconds;

  // Decode + preprocess alone, 16 at a time as clip-embed.ts does: the CPU the full path adds.
  const pre = imageConfigFrom(JSON.parse(readFileSync(join(model, 'preprocessor_config.json'), 'utf8')));
  t = performance.now();
  for (let start = 0; start < IMAGES; start += IMAGE_BATCH) {
    await Promise.all(
      Array.from({ length: Math.min(IMAGE_BATCH, IMAGES - start) }, (_, k) =>
        preprocessImage(files[(start + k) % files.length]!.path, pre),
      ),
    );
  }
  const prepRate = IMAGES / ((performance.now() - t) / 1000);

  let failed = 0,
    peakSampled = 0;
  const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, process.memoryUsage.rss())), 100);
  t = performance.now();
  for (let start = 0; start < IMAGES; start += CHUNK) {
    const results = await metric.score(Array.from({ length: Math.min(CHUNK, IMAGES - start) }, (_, k) => input(start + k, 'run')));
    failed += results.filter((r) => r.value === null).length;
  }
  const fullSeconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  const fullRate = IMAGES / fullSeconds;
  await sessions.release(vision);
  await metric.dispose?.();

  const ratio = fullRate / rawRate;
  console.log(
    `inference threads: ${process.env.LOUPE_ORT_THREADS ?? 'ONNX Runtime default (every core)'} of ${availableParallelism()} cores`,
  );
  console.log(`raw session, ready tensors:  ${rawRate.toFixed(2)} images/s (${rawSeconds.toFixed(1)} s)`);
  console.log(
    `decode + preprocess alone:   ${prepRate.toFixed(2)} images/s (if it shared the cores with inference without overlap: ${(1 / (1 / rawRate + 1 / prepRate)).toFixed(2)} images/s)`,
  );
  console.log(`full clip-score path:        ${fullRate.toFixed(2)} images/s (${fullSeconds.toFixed(1)} s, ${failed} failed)`);
  console.log(`ratio full/raw: ${(ratio * 100).toFixed(0)}% (goal >= 80%: ${ratio >= 0.8 ? 'met' : 'NOT met'})`);
  console.log(
    `RSS: ${mb(rssLoaded)} after loading, peak ${mb(Math.max(peakSampled, process.resourceUsage().maxRSS * 1024))} (goal for 1000 images < 1.5 GB)`,
  );
  if (failed > 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The peer a JavaScript user would reach for: transformers.js's own CLIP processor and
// CLIPVisionModelWithProjection, from a local model folder (no network), on the same graph and
// image files as Loupe's path. It decodes with its own sharp-based RawImage and runs ONNX Runtime
// on the calling thread, batch by batch.
import { basename, dirname } from 'node:path';

export interface Peer {
  /** Image embeddings of the files, in batches of `batch`. */
  embed(paths: readonly string[], batch: number): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export async function transformersPeer(folder: string, dtype: 'fp32' | 'q8'): Promise<Peer> {
  const t = await import('@huggingface/transformers');
  Object.assign(t.env, { allowLocalModels: true, allowRemoteModels: false, useFSCache: false, localModelPath: dirname(folder) + '/' });
  const name = basename(folder);
  const processor = await t.AutoProcessor.from_pretrained(name, { local_files_only: true });
  const model = await t.CLIPVisionModelWithProjection.from_pretrained(name, {
    local_files_only: true,
    dtype,
    model_file_name: 'vision_model',
  });
  return {
    async embed(paths, batch) {
      const out: Float32Array[] = [];
      for (let start = 0; start < paths.length; start += batch) {
        const images = await Promise.all(paths.slice(start, start + batch).map((p) => t.RawImage.read(p)));
        const { image_embeds } = (await model(await processor(images))) as { image_embeds: { data: Float32Array; dims: number[] } };
        const d = image_embeds.dims[1]!;
        for (let i = 0; i < images.length; i++) out.push(image_embeds.data.slice(i * d, (i + 1) * d));
      }
      return out;
    },
    async dispose() {
      await model.dispose();
    },
  };
}

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quantizeDynamic } from '../../bench/dynamic-quantize.js';

/** A copy of a tiny CLIP folder with q8 graphs (`<graph>_quantized.onnx`, ONNX Runtime's dynamic quantization) beside the fp32 ones. */
export function withQ8Graphs(folder: string, into: string): string {
  cpSync(folder, into, { recursive: true });
  for (const graph of ['text_model', 'vision_model']) {
    const { bytes } = quantizeDynamic(readFileSync(join(into, 'onnx', `${graph}.onnx`)));
    writeFileSync(join(into, 'onnx', `${graph}_quantized.onnx`), bytes);
  }
  return into;
}

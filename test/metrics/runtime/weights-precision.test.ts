import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphPath, locateModel, ModelMissingError } from '../../../metrics/runtime/weights-cache.js';
import { metricIdAt } from '../../../metrics/runtime/weights-precision.js';
import { knownModel } from '../../../metrics/runtime/weights-registry.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { TINY_CLIP } from '../fixture-paths.js';

const tempDir = useTempDir();

/** A cache holding the given files (empty: locating reads no graph) of a hub model. */
function cacheWith(id: string, files: readonly string[]): NodeJS.ProcessEnv {
  const root = tempDir().dir;
  for (const f of files) {
    const path = join(root, 'models', ...id.split('/'), f);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
  }
  return { LOUPE_CACHE: root };
}

describe('weights precision', () => {
  const id = 'Xenova/clip-vit-base-patch32';
  const fp32 = knownModel(id)!.files;
  const q8 = fp32.map((f) => f.replace(/\.onnx$/, '_quantized.onnx'));

  it('reads the quantized graphs of a hub model at q8 and the fp32 ones by default', () => {
    const env = cacheWith(id, [...fp32, ...q8]);
    const atQ8 = locateModel(id, env, 'q8');
    expect(atQ8.precision).toBe('q8');
    expect(atQ8.files).toContain('onnx/vision_model_quantized.onnx');
    expect(atQ8.files).toContain('tokenizer.json');
    expect(atQ8.files).not.toContain('onnx/vision_model.onnx');
    expect(graphPath(atQ8, 'onnx/vision_model.onnx')).toBe(join(atQ8.folder, 'onnx', 'vision_model_quantized.onnx'));
    const byDefault = locateModel(id, env);
    expect(byDefault.precision).toBe('fp32');
    expect(byDefault.files).toEqual(fp32);
    expect(graphPath(byDefault, 'onnx/vision_model.onnx')).toBe(join(byDefault.folder, 'onnx', 'vision_model.onnx'));
  });

  it('names the missing quantized file and the pull command that fetches it', () => {
    const env = cacheWith(id, fp32);
    const error = (() => {
      try {
        locateModel(id, env, 'q8');
      } catch (e) {
        return e as ModelMissingError;
      }
    })();
    expect(error).toBeInstanceOf(ModelMissingError);
    expect(error!.missingFile).toBe('onnx/text_model_quantized.onnx');
    expect(error!.message).toContain(`loupe models pull ${id} --precision q8`);
  });

  it('refuses q8 for a model whose repository ships fp32 only, naming it', () => {
    const head = 'christophschuhmann/improved-aesthetic-predictor';
    expect(() => locateModel(head, cacheWith(head, ['onnx/model.onnx']), 'q8')).toThrow(
      `model "${head}" has no q8 weights (its repository ships fp32)`,
    );
  });

  it('asks a folder for its quantized graphs at q8', () => {
    expect(() => locateModel(TINY_CLIP, {}, 'q8')).toThrow(/lacks onnx\/text_model_quantized\.onnx .*<graph>_quantized\.onnx/);
  });

  it('gives a metric at q8 an id of its own', () => {
    expect(metricIdAt('clip-score', ['fp32', 'fp32'])).toBe('clip-score');
    expect(metricIdAt('clip-score', ['fp32', 'q8'])).toBe('clip-score@q8');
  });
});

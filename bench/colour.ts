/**
 * How close files in other colour spaces measure to their sRGB original: for each file kind,
 * each technical measure's relative difference (the clipped fractions and the noise sigma:
 * absolute). The bar is 2%. `npx tsx bench/colour.ts`
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prompt } from '../core/types/index.js';
import { createTechnicalMetrics } from '../metrics/image-technical.js';
import { colourFileKinds, SIZE } from '../test/metrics/image/colour-files.js';

const dir = mkdtempSync(join(tmpdir(), 'loupe-colour-'));
const metrics = createTechnicalMetrics();
const prompt: Prompt = { id: 'p', category: 'scene', tags: [], text: { en: 'x' }, modality: 'image' };

async function measure(name: string, bytes: Buffer): Promise<{ values: Record<string, number>; decode: string }> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const values: Record<string, number> = {};
  let decode = '';
  for (const m of metrics) {
    const [r] = await m.score([{ path, mime: 'image/*', mediaHash: path, modality: 'image', prompt, language: 'en', text: 'x' }]);
    if (r!.error) throw new Error(r!.error);
    values[m.id] = r!.value!;
    if (m.id !== 'exposure') continue;
    for (const key of ['meanLuma', 'highlights', 'shadows']) values[key] = r!.details[key] as number;
    const { colourSpace, profile } = r!.details.decode as { colourSpace: string; profile: string };
    decode = `${colourSpace}, ${profile}`;
  }
  return { values, decode };
}

try {
  const { original, ...others } = await colourFileKinds(dir);
  const { values: truth } = await measure('original.png', original);
  const rows = [];
  for (const [kind, bytes] of Object.entries(others)) {
    const { values: m, decode } = await measure(kind, bytes);
    const rel = (k: string) => `${(100 * (m[k]! / truth[k]! - 1)).toFixed(2)}%`;
    const abs = (k: string) => (m[k]! - truth[k]!).toFixed(4);
    rows.push({
      kind,
      sharpness: rel('sharpness'),
      colorfulness: rel('colorfulness'),
      meanLuma: rel('meanLuma'),
      exposure: rel('exposure'),
      highlights: abs('highlights'),
      shadows: abs('shadows'),
      noise: abs('noise'),
      decode,
    });
  }
  const t = (k: string) => truth[k]!.toFixed(2);
  console.log(
    `${SIZE}x${SIZE} original: sharpness ${t('sharpness')}, colorfulness ${t('colorfulness')}, mean luma ${t('meanLuma')}, noise ${t('noise')}`,
  );
  console.table(rows);
} finally {
  await Promise.all(metrics.map((m) => m.dispose?.()));
  rmSync(dir, { recursive: true, force: true });
}

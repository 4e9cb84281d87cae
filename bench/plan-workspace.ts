// The folder a planning benchmark measures: a config of synthetic generators over one prompt
// file, with most of the run's generations already done. The run is planned through Loupe, then
// made "done" in bulk with one UPDATE (no generator is called): the outcome every later step
// reads, without the hours of generating it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import sharp from 'sharp';
import { buildGenerators, loadConfigFile, openWorkspace } from '../core/cli/compose.js';
import { prepareRun } from '../core/run/prepare-run.js';

export interface PlanSize {
  generators: number;
  prompts: number;
  samples: number;
}

export const generationsOf = (s: PlanSize) => s.generators * s.prompts * s.samples;

// Of every 16 generations in planning order, 15 are done; of the 16th, one in five failed for good.
const OUTCOMES = `
  status = CASE WHEN id % 16 <> 0 THEN 'done' WHEN id % 80 = 0 THEN 'failed' ELSE 'pending' END,
  media_hash = CASE WHEN id % 16 <> 0 THEN $hash END,
  mime = CASE WHEN id % 16 <> 0 THEN 'image/png' END,
  width = CASE WHEN id % 16 <> 0 THEN 8 END,
  height = CASE WHEN id % 16 <> 0 THEN 8 END,
  latency_ms = 1000 + id % 997,
  cost_usd = CASE WHEN id % 16 <> 0 THEN 0.004 END,
  error_category = CASE WHEN id % 80 = 0 THEN 'refused' END,
  error_message = CASE WHEN id % 80 = 0 THEN 'the provider refused the prompt' END,
  attempts = 1`;

/** Writes the config and prompt file into `dir`, plans the run and marks 15 of every 16 generations done; returns the config path. */
export async function makePlannedRun(dir: string, size: PlanSize, store: { postgres: string } | { sqlite: string }): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const prompts = Array.from({ length: size.prompts }, (_, i) =>
    JSON.stringify({
      id: `p${i}`,
      category: ['counting', 'scene', 'people', 'culture'][i % 4],
      text: { en: `prompt number ${i}` },
      modality: 'image',
    }),
  );
  writeFileSync(join(dir, 'prompts.jsonl'), prompts.join('\n') + '\n');
  const config = join(dir, 'loupe.config.yaml');
  writeFileSync(
    config,
    [
      'run: { id: scale }',
      `store: ${JSON.stringify(store)}`,
      'media: { folder: media }',
      'prompts: [{ file: prompts.jsonl }]',
      'languages: [en]',
      `samples: ${size.samples}`,
      'generators:',
      ...Array.from({ length: size.generators }, (_, i) => `  - { id: gen-${String(i).padStart(2, '0')}, type: synthetic }`),
      'report: { dir: reports }',
    ].join('\n') + '\n',
  );
  const loaded = loadConfigFile(config);
  const ws = await openWorkspace(loaded);
  try {
    await prepareRun(loaded, ws.store, buildGenerators(loaded));
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const { hash } = await ws.media.put(png, 'image/png');
    await markOutcomes(store, hash);
  } finally {
    await ws.close();
  }
  return config;
}

async function markOutcomes(store: { postgres: string } | { sqlite: string }, hash: string): Promise<void> {
  if ('sqlite' in store) {
    const db = new Database(store.sqlite);
    db.prepare(`UPDATE generations SET ${OUTCOMES.replaceAll('$hash', '@hash')}`).run({ hash });
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: store.postgres });
  await client.connect();
  await client.query(`UPDATE generations SET ${OUTCOMES.replaceAll('$hash', '$1::text')}`, [hash]);
  await client.query('VACUUM ANALYZE generations');
  await client.end();
}

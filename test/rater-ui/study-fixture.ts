import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { FolderMediaStore } from '../../core/media-store/folder-media-store.js';
import { openSqliteStore, type SqliteStore } from '../../core/store/sqlite/store.js';
import type { PromptSet } from '../../core/types/prompt.js';
import type { PlannedGeneration } from '../../core/types/store.js';
import { createStudy, type CreateStudyOptions, type CreatedStudy } from '../../core/study/create-study.js';

/** Distinctive generator ids, so that a scan of what the browser received can look for them. */
export const GENERATORS = ['gen-alpha-7f3q', 'gen-beta-9k2w'] as const;
export const SCRIPT_PROMPT = '<img src=x onerror="window.__pwned=1">一只猫';

export const PROMPT_SET: PromptSet = {
  id: 'rater-fixture',
  version: 1,
  title: 'Rater fixture',
  description: '',
  license: 'CC-BY-4.0',
  prompts: [
    { id: 'p1', category: 'counting', tags: [], text: { zh: '三个红苹果放在桌上', en: 'Three red apples on a table' }, modality: 'image' },
    { id: 'p2', category: 'counting', tags: [], text: { zh: '两只白鹅', en: 'Two white geese' }, modality: 'image' },
    {
      id: 'p3',
      category: 'culture',
      tags: [],
      text: { zh: '春节的红灯笼', en: 'Red lanterns for the Spring Festival' },
      modality: 'image',
    },
    { id: 'p4', category: 'culture', tags: [], text: { zh: SCRIPT_PROMPT }, modality: 'both' },
  ],
};

/** What the web client sends with every submission: a fresh id, and its clock's readings `timeMs` apart. */
export function clientFields(timeMs: number, answeredAt = Date.now()) {
  return {
    submissionId: randomBytes(12).toString('hex'),
    shownAt: new Date(answeredAt - timeMs).toISOString(),
    answeredAt: new Date(answeredAt).toISOString(),
    timeMs,
  };
}

export interface Fixture {
  dir: string;
  store: SqliteStore;
  media: FolderMediaStore;
  /** Every generation key and media hash: none may reach a rater. */
  secrets: string[];
  study(o?: Partial<CreateStudyOptions>): Promise<CreatedStudy>;
  cleanup(): Promise<void>;
}

export function planned(generatorId: string, promptId: string, over: Partial<PlannedGeneration> = {}): PlannedGeneration {
  const p = PROMPT_SET.prompts.find((x) => x.id === promptId)!;
  return {
    key: `${generatorId}/${promptId}/${over.modality ?? 'image'}`.padEnd(64, 'k'),
    generatorId,
    generatorType: 'synthetic',
    promptSetId: PROMPT_SET.id,
    promptSetVersion: 1,
    promptId,
    category: p.category,
    language: 'zh',
    text: p.text.zh!,
    seed: 7,
    sample: 0,
    modality: 'image',
    ...over,
  };
}

/** A store with run "run-img" (2 generators x 4 prompts, PNGs) and run "run-video" (one short WebM). */
export async function makeFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-rater-'));
  const store = await openSqliteStore(join(dir, '.loupe/loupe.db'));
  const media = new FolderMediaStore(join(dir, '.loupe/media'));
  const secrets: string[] = [];
  await store.putPromptSet(PROMPT_SET, 'fixture');
  await store.openRun('run-img', {});
  let shade = 0;
  for (const g of GENERATORS) {
    for (const p of PROMPT_SET.prompts) {
      const item = planned(g, p.id);
      await store.planGenerations('run-img', [item]);
      const plain = await sharp({
        create: { width: 96, height: 64, channels: 3, background: { r: 40 + shade * 25, g: 120, b: 200 - shade * 20 } },
      })
        .png()
        .toBuffer();
      shade++;
      // Real generators sign their files; the rater must never receive such a chunk.
      const png = withTextChunk(plain, 'Software', `${g} via synthetic`);
      const stored = await media.put(png, 'image/png');
      await store.finishGeneration(item.key, {
        status: 'done',
        mediaHash: stored.hash,
        mime: 'image/png',
        width: 96,
        height: 64,
        latencyMs: 1,
      });
      secrets.push(item.key, stored.hash);
    }
  }
  await addVideoRun({ dir, store, media, secrets }, 'run-video', [{ generatorId: GENERATORS[0], durationSec: 2 }]);
  return {
    dir,
    store,
    media,
    secrets,
    study: (o = {}) =>
      createStudy(
        store,
        {
          runId: 'run-img',
          mode: 'likert',
          raters: 2,
          ratingsPerItem: 2,
          goldRate: 0.1,
          repeatRate: 0.1,
          filters: { generators: null, sets: null, categories: null, perStratum: null },
          ...o,
        },
        { media },
      ),
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Adds a run of clips of prompt p4 (real WebM files, ffmpeg's testsrc at 10 fps, a generator's
 * name hidden in their metadata), one per generator given, each as long as asked.
 */
export async function addVideoRun(
  f: Pick<Fixture, 'dir' | 'store' | 'media' | 'secrets'>,
  runId: string,
  clips: readonly { generatorId: string; durationSec: number; size?: string }[],
): Promise<void> {
  await f.store.openRun(runId, {});
  for (const clip of clips) {
    const item = planned(clip.generatorId, 'p4', { modality: 'video', key: `${runId}/${clip.generatorId}/p4`.padEnd(64, 'v') });
    await f.store.planGenerations(runId, [item]);
    const size = clip.size ?? '96x64';
    const webm = join(f.dir, `${runId}-${clip.generatorId}.webm`);
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=${size}:rate=10:duration=${clip.durationSec}`,
      '-c:v',
      'libvpx',
      '-b:v',
      '200k',
      '-an',
      '-metadata',
      `title=${clip.generatorId}`,
      '-metadata',
      'comment=synthetic',
      webm,
    ]);
    const stored = await f.media.put(readFileSync(webm), 'video/webm');
    const [width, height] = size.split('x').map(Number);
    await f.store.finishGeneration(item.key, {
      status: 'done',
      mediaHash: stored.hash,
      mime: 'video/webm',
      width: width!,
      height: height!,
      durationSec: clip.durationSec,
      fps: 10,
      latencyMs: 1,
    });
    f.secrets.push(item.key, stored.hash);
  }
}

/** Inserts a PNG tEXt chunk after IHDR (CRC included, as decoders check it). */
export function withTextChunk(png: Buffer, keyword: string, text: string): Buffer {
  return withPngChunk(png, 'tEXt', Buffer.from(`${keyword}\0${text}`, 'latin1'), 'after-IHDR');
}

/** Inserts a chunk (length, type, data, CRC-32 of type and data) right after IHDR or right before IEND. */
export function withPngChunk(png: Buffer, type: string, data: Buffer, at: 'after-IHDR' | 'before-IEND'): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  const cut = at === 'after-IHDR' ? 8 + 12 + png.readUInt32BE(8) : png.length - 12;
  return Buffer.concat([png.subarray(0, cut), chunk, png.subarray(cut)]);
}

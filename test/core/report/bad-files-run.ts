import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  audioOnly,
  cutBeforeIndex,
  cutInMediaData,
  emptyFile,
  goodClip,
  htmlPage,
  png,
  renamedM4a,
  truncatedJpeg,
} from '../../helpers/bad-media.js';
import { lavfiClip } from '../../metrics/video/decode-clips.js';
import { runInProcess } from '../cli/run-in-process.js';

/** What each file in the two folders is, by its name. */
export const IMAGES = {
  good: 'good-photo.png',
  html: 'saved-page.png',
  onePixel: 'one-pixel.png',
  big: 'big-photo.png',
  cutJpeg: 'cut-photo.jpg',
  empty: 'empty-photo.png',
} as const;
export const CLIPS = {
  moving: 'moving-clip.mp4',
  still: 'still-clip.mp4',
  empty: 'empty-clip.mp4',
  cutInData: 'cut-in-data.mp4',
  cutBeforeIndex: 'cut-before-index.mp4',
  audio: 'audio-only.mp4',
  m4a: 'renamed-song.mp4',
  png: 'picture.mp4',
} as const;

/** The size of the big image: big enough to cost a real decode, small enough for a shared test machine. */
export const BIG = { width: 6000, height: 4000 };

const stem = (file: string) => file.replace(/\.[^.]+$/, '');

/**
 * `loupe run` over two `folder` generators (images and clips) holding good files and every kind
 * of bad file, with the metrics that need no model weights; returns the report's paths.
 */
export async function runOverBadFiles(dir: string): Promise<{ code: number; reportDir: string; stderr: string }> {
  const photos = join(dir, 'photos');
  const clips = join(dir, 'clips');
  mkdirSync(photos);
  mkdirSync(clips);
  await png(photos, IMAGES.good, 64, 48);
  htmlPage(photos, IMAGES.html);
  await png(photos, IMAGES.onePixel, 1, 1);
  await png(photos, IMAGES.big, BIG.width, BIG.height);
  await truncatedJpeg(photos, IMAGES.cutJpeg);
  emptyFile(photos, IMAGES.empty);
  await goodClip(clips, CLIPS.moving, 2);
  await lavfiClip(join(clips, CLIPS.still), 'color=gray:size=160x120:rate=10', 2);
  emptyFile(clips, CLIPS.empty);
  await cutInMediaData(clips, CLIPS.cutInData);
  await cutBeforeIndex(clips, CLIPS.cutBeforeIndex);
  await audioOnly(clips, CLIPS.audio);
  await renamedM4a(clips, CLIPS.m4a);
  await png(clips, CLIPS.png, 32, 32);
  const prompt = (file: string, modality: string) =>
    JSON.stringify({ id: stem(file), category: modality === 'video' ? 'motion' : 'scene', text: { en: `the file ${file}` }, modality });
  writeFileSync(
    join(dir, 'prompts.jsonl'),
    [...Object.values(IMAGES).map((f) => prompt(f, 'image')), ...Object.values(CLIPS).map((f) => prompt(f, 'video'))].join('\n') + '\n',
  );
  const config = join(dir, 'loupe.config.yaml');
  writeFileSync(
    config,
    [
      'run: { id: bad-files }',
      'prompts: [{ file: prompts.jsonl }]',
      'languages: [en]',
      'generators:',
      '  - { id: photos, type: folder, dir: photos, pattern: "{promptId}.{ext}", modality: image }',
      '  - { id: clips, type: folder, dir: clips, pattern: "{promptId}.{ext}", modality: video }',
      'metrics: [sharpness, exposure, flicker, motion, video-checks]',
      'scheduler: { concurrency: 2, baseDelayMs: 1, maxDelayMs: 5 }',
    ].join('\n'),
  );
  const { code, stderr } = await runInProcess(['run', '-c', config]);
  return { code, stderr, reportDir: join(dir, 'reports', 'bad-files') };
}

import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { videoPreview } from '../../../metrics/video/video-poster.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { lavfiClip } from './decode-clips.js';

const tempDir = useTempDir();

describe('the poster of a clip', () => {
  it('is a JPEG of a frame, fitted inside the size asked for', async () => {
    const clip = await lavfiClip(`${tempDir().dir}/clip.mp4`, 'testsrc2=size=320x240:rate=10', 1);
    const uri = await videoPreview.poster(clip, 160);
    expect(uri).toMatch(/^data:image\/jpeg;base64,/);
    const meta = await sharp(Buffer.from(uri.split(',')[1]!, 'base64')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 160, 120]);
  });

  it('is empty for a file that is not a clip', async () => {
    const bad = `${tempDir().dir}/bad.mp4`;
    writeFileSync(bad, 'not a video');
    expect(await videoPreview.poster(bad, 160)).toBe('');
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFolderGenerator } from '../../../models/folder.js';
import { audioOnly, cutBeforeIndex, goodClip } from '../../helpers/bad-media.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { setup } from './generate-setup.js';

const tempDir = useTempDir();

describe('videos stored by a run', () => {
  it('record the size, duration and rate the file has; a file that is no readable video fails with its own name', async () => {
    const dir = join(tempDir().dir, 'clips');
    mkdirSync(dir);
    await goodClip(dir, 'a.mp4', 2); // made 320x240, 2 s at 10 fps
    await cutBeforeIndex(dir, 'b.mp4');
    await audioOnly(dir, 'c.mp4');
    const folder = createFolderGenerator({ id: 'g', type: 'folder', dir, pattern: '{promptId}.{ext}', modality: 'video' });
    const { store, run } = await setup(folder);
    try {
      await run();
      const byPrompt = new Map((await store.listGenerations({ runId: 'r' })).map((g) => [g.promptId, g]));
      expect(byPrompt.get('a')).toMatchObject({ status: 'done', modality: 'video', width: 320, height: 240, fps: 10 });
      expect(byPrompt.get('a')!.durationSec).toBeCloseTo(2, 1);
      const b = byPrompt.get('b')!;
      expect(b).toMatchObject({
        status: 'failed',
        errorCategory: 'invalid-output',
        providerIds: { file: join(dir, 'b.mp4'), source: 'b.mp4' },
      });
      expect(b.errorMessage).toMatch(/cannot be read as a video: .*moov atom not found/);
      const c = byPrompt.get('c')!;
      expect(c).toMatchObject({ status: 'failed', errorCategory: 'invalid-output', providerIds: { source: 'c.mp4' } });
      expect(c.errorMessage).toContain('no video stream (only audio)');
      // The media store's copy is not a name the user knows: it is not in the message.
      for (const g of [b, c]) expect(g.errorMessage).not.toMatch(/[0-9a-f]{64}/);
    } finally {
      await store.close();
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { flatPicture, inReportWorkspace, reportOfRun } from './report-workspace.js';
import { planned } from '../store/store-fixtures.js';

const tempDir = useTempDir();

describe('a made image the report cannot shrink', () => {
  it('costs its gallery picture, with the reason, not the report', async () => {
    const { dir } = tempDir();
    return inReportWorkspace(dir, async (store, media) => {
      const jpeg = await flatPicture(64, '#39c', 'jpeg');
      // Cut in the image data: it passed a check somewhere else, but libvips cannot decode it to the end.
      const cut = await media.put(jpeg.subarray(0, jpeg.length - 200), 'image/jpeg');
      const whole = await media.put(jpeg, 'image/jpeg');
      await store.openRun('r1', { run: { id: 'r1' }, generators: [{ id: 'cam', type: 'folder', synthetic: false }] });
      await store.planGenerations('r1', [
        planned('k0', { generatorId: 'cam', promptId: 'cut' }),
        planned('k1', { generatorId: 'cam', promptId: 'whole' }),
      ]);
      for (const [key, hash] of [
        ['k0', cut.hash],
        ['k1', whole.hash],
      ] as const)
        await store.finishGeneration(key, { status: 'done', mediaHash: hash, mime: 'image/jpeg', width: 64, height: 64, latencyMs: 1 });
      const report = await reportOfRun(store, media, dir);
      const [en, zh] = [readFileSync(report.html, 'utf8'), readFileSync(report.htmlZh, 'utf8')];
      expect(en).toMatch(/No preview: [^<]*premature end of JPEG/);
      expect(zh).toContain('无法生成预览');
      // The whole picture is still shown.
      expect(en.match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(1);
    });
  });
});

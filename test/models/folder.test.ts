import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFolderGenerator } from '../../models/folder.js';
import { patternRegex } from '../../models/folder-match.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { ctx, expectFailure, expectMedia, PROMPT, request } from './adapter-fixtures.js';
import { fakeMp4, tinyPng } from './fake-server.js';

const tempDir = useTempDir();
const other = { ...PROMPT, id: 'blue-car' };

async function folder() {
  const t = tempDir();
  const dir = join(t.dir, 'clips');
  mkdirSync(dir);
  writeFileSync(join(dir, 'red-apple_en_0.png'), await tinyPng());
  writeFileSync(join(dir, 'red-apple_zh_0.png'), await tinyPng());
  writeFileSync(join(dir, 'blue-car_en_0.png'), '<html>404</html>');
  writeFileSync(join(dir, 'stray_en_0.png'), await tinyPng());
  writeFileSync(join(dir, 'notes.txt'), 'hello');
  return { t, dir };
}

describe('folder', () => {
  it('maps files to prompts by a filename pattern and lists what did not match', async () => {
    const { t, dir } = await folder();
    const gen = createFolderGenerator(
      { id: 'vendor', type: 'folder', dir: 'clips', pattern: '{promptId}_{language}_{sample}.{ext}' },
      { resolvePath: (p) => join(t.dir, p) },
    );
    const result = expectMedia(await gen.generate(request(), ctx()));
    expect(result.providerIds).toEqual({ file: join(dir, 'red-apple_en_0.png'), source: 'red-apple_en_0.png' });
    const html = expectFailure(await gen.generate(request({ prompt: other }), ctx()), 'invalid-output', false);
    expect(html.providerIds).toEqual({ file: join(dir, 'blue-car_en_0.png'), source: 'blue-car_en_0.png' });
    expect(
      expectFailure(await gen.generate(request({ prompt: { ...PROMPT, id: 'missing' } }), ctx()), 'bad-request', false).message,
    ).toContain('no file for prompt "missing"');
    const inv = gen.inventory([
      { promptId: 'red-apple', language: 'en', sample: 0 },
      { promptId: 'red-apple', language: 'zh', sample: 0 },
      { promptId: 'blue-car', language: 'en', sample: 0 },
      { promptId: 'missing', language: 'zh', sample: 0 },
    ]);
    expect(inv.unmatchedPrompts).toEqual(['missing/zh/0']);
    expect(inv.unmatchedFiles).toEqual(['notes.txt', join(dir, 'stray_en_0.png')]);
  });

  it('reads a CSV manifest; an entry without language serves every language', async () => {
    const { t } = await folder();
    writeFileSync(join(t.dir, 'clips', 'car.mp4'), fakeMp4());
    t.write('manifest.csv', 'promptId,file,language\nblue-car,clips/car.mp4,\nred-apple,clips/gone.mp4,en\n');
    const gen = createFolderGenerator({ id: 'v', type: 'folder', dir: 'clips', manifest: join(t.dir, 'manifest.csv'), modality: 'video' });
    expect(expectMedia(await gen.generate(request({ prompt: other, language: 'zh', modality: 'video' }), ctx())).media.mime).toBe(
      'video/mp4',
    );
    expectFailure(await gen.generate(request({ modality: 'video' }), ctx()), 'bad-request', false);
  });

  it('turns patterns into anchored expressions and refuses a config with both or neither source', () => {
    expect(patternRegex('{promptId}.*').exec('a.b.mp4')?.groups?.promptId).toBe('a');
    expect(patternRegex('clip-{promptId}-{sample}.mp4').exec('clip-x-y-2.mp4')?.groups).toMatchObject({ promptId: 'x-y', sample: '2' });
    expect(() => createFolderGenerator({ id: 'v', type: 'folder', dir: '.' })).toThrow(/exactly one of/);
  });
});

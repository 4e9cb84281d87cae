import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { locateModel } from '../../../metrics/runtime/weights-cache.js';
import { MANIFEST, pullModel, type Manifest } from '../../../metrics/runtime/weights-download.js';
import { verifyModel } from '../../../metrics/runtime/weights-status.js';
import { fileSha256 } from '../../../metrics/runtime/onnx-session.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { TINY_CLIP } from '../fixture-paths.js';
import { startHubServer, type HubServer } from './hub-server.js';

const ID = 'Xenova/clip-vit-base-patch32';
const tempDir = useTempDir();
let server: HubServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('pullModel through the hub layout', () => {
  it('downloads every file from HF_ENDPOINT into LOUPE_CACHE, records sha256, then resolves offline', async () => {
    server = await startHubServer({ repos: { [ID]: TINY_CLIP } });
    const cache = tempDir().dir;
    const env = { LOUPE_CACHE: cache, HF_ENDPOINT: server.endpoint };
    const manifest = await pullModel(ID, { env });
    expect(Object.keys(manifest.files).sort()).toEqual([
      'config.json',
      'onnx/text_model.onnx',
      'onnx/vision_model.onnx',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    expect(manifest.files['onnx/vision_model.onnx']!.sha256).toBe(await fileSha256(join(TINY_CLIP, 'onnx/vision_model.onnx')));
    expect(server.requests.every((r) => r.url.startsWith(`/${ID}/resolve/main/`))).toBe(true);
    const location = locateModel(ID, { LOUPE_CACHE: cache });
    expect(location.folder).toBe(join(cache, 'models', 'Xenova', 'clip-vit-base-patch32'));
    expect((await verifyModel(ID, { LOUPE_CACHE: cache })).ok).toBe(true);
    // Pulling again fetches nothing: every file is already complete.
    const before = server.requests.filter((r) => r.url.endsWith('.onnx')).length;
    await pullModel(ID, { env });
    expect(server.requests.filter((r) => r.url.endsWith('.onnx')).length).toBe(before);
  });

  it('sends HF_TOKEN to the endpoint, and a refused download names the model', async () => {
    server = await startHubServer({ repos: { [ID]: TINY_CLIP }, token: 'hf_secret' });
    const cache = tempDir().dir;
    await expect(pullModel(ID, { env: { LOUPE_CACHE: cache, HF_ENDPOINT: server.endpoint } })).rejects.toThrow(
      /^cannot pull Xenova\/clip-vit-base-patch32 from http:\/\/127\.0\.0\.1:\d+\/: Unauthorized access to file.*config\.json.*needs HF_TOKEN/s,
    );
    await pullModel(ID, { env: { LOUPE_CACHE: cache, HF_ENDPOINT: server.endpoint, HF_TOKEN: 'hf_secret' } });
    expect(server.requests.at(-1)!.auth).toBe('Bearer hf_secret');
    expect((await verifyModel(ID, { LOUPE_CACHE: cache })).ok).toBe(true);
  });

  it('leaves no partial file when the connection breaks, and the next pull completes', async () => {
    server = await startHubServer({ repos: { [ID]: TINY_CLIP }, breakOnce: ['onnx/vision_model.onnx'] });
    const cache = tempDir().dir;
    const env = { LOUPE_CACHE: cache, HF_ENDPOINT: server.endpoint };
    await expect(pullModel(ID, { env })).rejects.toThrow(/^cannot pull Xenova\/clip-vit-base-patch32/);
    const folder = join(cache, 'models', ID);
    expect(existsSync(join(folder, 'onnx/vision_model.onnx'))).toBe(false);
    expect(filesUnder(cache).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(() => locateModel(ID, { LOUPE_CACHE: cache })).toThrow(
      /vision_model\.onnx is missing; fetch it with `loupe models pull Xenova\/clip-vit-base-patch32`/,
    );
    await pullModel(ID, { env });
    expect(readFileSync(join(folder, 'onnx/vision_model.onnx')).equals(readFileSync(join(TINY_CLIP, 'onnx/vision_model.onnx')))).toBe(true);
  });

  it('imports from a local folder, and verify notices a file changed since', async () => {
    const cache = tempDir().dir;
    const manifest = await pullModel(ID, { env: { LOUPE_CACHE: cache }, from: TINY_CLIP });
    expect(manifest.source).toBe(TINY_CLIP);
    const folder = join(cache, 'models', ID);
    const recorded = JSON.parse(readFileSync(join(folder, MANIFEST), 'utf8')) as Manifest;
    expect(recorded.files['tokenizer.json']!.sha256).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(join(folder, 'onnx/text_model.onnx'), 'not a graph');
    const check = await verifyModel(ID, { LOUPE_CACHE: cache });
    expect(check.ok).toBe(false);
    expect(check.files.find((f) => f.file === 'onnx/text_model.onnx')!.status).toBe('changed');
  });

  it('refuses a model it does not know, naming the ones it does', async () => {
    await expect(pullModel('someone/unknown-model', { env: { LOUPE_CACHE: tempDir().dir } })).rejects.toThrow(
      /unknown model "someone\/unknown-model"; Loupe knows: Xenova\/clip-vit-base-patch32/,
    );
  });
});

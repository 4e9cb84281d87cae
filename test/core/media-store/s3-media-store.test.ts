import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openS3MediaStore, S3MediaStore, type S3MediaStoreOptions } from '../../../core/media-store/s3-media-store.js';
import { sha256Hex } from '../../../core/store/shared/canonical-json.js';
import { S3_TEST_CREDENTIALS, startS3Server, type S3Server } from '../../helpers/s3-server.js';
import { describeMediaStoreContract } from './media-store-contract.js';

let server: S3Server;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server?.stop();
});

/** A store on its own prefix of the test bucket, with its own cache folder. */
async function makeStore(
  overrides: Partial<S3MediaStoreOptions> = {},
): Promise<{ store: S3MediaStore; prefix: string; cacheFolder: string; cleanup: () => Promise<void> }> {
  const cacheFolder = await mkdtemp(join(tmpdir(), 'loupe-media-cache-'));
  const prefix = `media-${randomBytes(4).toString('hex')}`;
  const store = new S3MediaStore({
    bucket: server.bucket,
    prefix,
    endpoint: server.endpoint,
    forcePathStyle: true,
    cacheFolder,
    credentials: S3_TEST_CREDENTIALS,
    ...overrides,
  });
  const cleanup = async () => {
    const listed = await server.client.send(new ListObjectsV2Command({ Bucket: server.bucket, Prefix: `${prefix}/` }));
    for (const o of listed.Contents ?? []) await server.client.send(new DeleteObjectCommand({ Bucket: server.bucket, Key: o.Key! }));
    store.client.destroy();
    await rm(cacheFolder, { recursive: true, force: true });
  };
  return { store, prefix, cacheFolder, cleanup };
}

async function keysUnder(prefix: string): Promise<string[]> {
  const listed = await server.client.send(new ListObjectsV2Command({ Bucket: server.bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => o.Key!);
}

/** Every file under a folder, relative to it; temporary files included. */
/** As on another machine: nothing of what was uploaded is cached here. */
async function forgetCache(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder);
}

async function filesUnder(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
}

describeMediaStoreContract('s3', makeStore);

describe('S3MediaStore', () => {
  let made: Awaited<ReturnType<typeof makeStore>>;
  beforeEach(async () => {
    made = await makeStore();
  });
  afterEach(async () => {
    await made.cleanup();
  });
  const sentOf = (kind: new (...args: never[]) => unknown) => {
    const send = vi.spyOn(made.store.client, 'send');
    return () => send.mock.calls.filter(([command]) => command instanceof kind).length;
  };

  it('keys objects <prefix>/<two hex digits>/<sha256>.<ext> with the mime type as Content-Type', async () => {
    const { hash } = await made.store.put(new TextEncoder().encode('a video'), 'video/mp4; codecs="avc1.42E01E"');
    const key = `${made.prefix}/${hash.slice(0, 2)}/${hash}.mp4`;
    expect(await keysUnder(`${made.prefix}/`)).toEqual([key]);
    const head = await server.client.send(new HeadObjectCommand({ Bucket: server.bucket, Key: key }));
    expect(head.ContentType).toBe('video/mp4');
    expect(head.ContentLength).toBe(7);
  });

  it('trims slashes from the prefix and puts keys at the bucket root without one', async () => {
    const bytes = new TextEncoder().encode(`root ${randomBytes(8).toString('hex')}`);
    const hash = sha256Hex(bytes);
    const slashed = await makeStore({ prefix: `/${made.prefix}/runs/` });
    const bare = await makeStore({ prefix: '' });
    try {
      await slashed.store.put(bytes, 'image/png');
      expect(await keysUnder(`${made.prefix}/`)).toEqual([`${made.prefix}/runs/${hash.slice(0, 2)}/${hash}.png`]);
      await bare.store.put(bytes, 'image/png');
      expect(await keysUnder(`${hash.slice(0, 2)}/${hash}`)).toEqual([`${hash.slice(0, 2)}/${hash}.png`]);
      await server.client.send(new DeleteObjectCommand({ Bucket: server.bucket, Key: `${hash.slice(0, 2)}/${hash}.png` }));
    } finally {
      await slashed.cleanup();
      await bare.cleanup();
    }
  });

  it('uploads the same bytes once', async () => {
    const uploads = sentOf(PutObjectCommand);
    const bytes = new TextEncoder().encode('one frame');
    await made.store.put(bytes, 'image/png');
    await made.store.put(bytes, 'image/png');
    await made.store.put(bytes, 'image/webp');
    expect(uploads()).toBe(1);
  });

  it('refuses a download whose bytes are not the ones named, and caches nothing', async () => {
    const { hash } = await made.store.put(new TextEncoder().encode('the real image'), 'image/png');
    await forgetCache(made.cacheFolder);
    const key = `${made.prefix}/${hash.slice(0, 2)}/${hash}.png`;
    await server.client.send(new PutObjectCommand({ Bucket: server.bucket, Key: key, Body: 'something else', ContentType: 'image/png' }));
    const corrupt = new RegExp(`media ${hash} downloaded from s3://${server.bucket}/${key} is corrupt`);
    await expect(made.store.localPath(hash)).rejects.toThrow(corrupt);
    await expect(made.store.get(hash)).rejects.toThrow(corrupt);
    expect(await filesUnder(made.cacheFolder)).toEqual([]);
  });

  it('downloads once for concurrent localPath calls, then serves the cache', async () => {
    const bytes = new Uint8Array(randomBytes(256 * 1024));
    const { hash } = await made.store.put(bytes, 'video/webm');
    await forgetCache(made.cacheFolder);
    const downloads = sentOf(GetObjectCommand);
    const paths = await Promise.all(Array.from({ length: 6 }, () => made.store.localPath(hash)));
    expect(new Set(paths)).toEqual(new Set([join(made.cacheFolder, hash.slice(0, 2), `${hash}.webm`)]));
    expect((await readFile(paths[0]!)).equals(Buffer.from(bytes))).toBe(true);
    expect(await made.store.localPath(hash)).toBe(paths[0]);
    expect(downloads()).toBe(1);
    expect(await filesUnder(made.cacheFolder)).toEqual([`${hash}.webm`]);
  });

  it('keeps what it uploads in the cache, so that reading it back downloads nothing', async () => {
    const bytes = new Uint8Array(randomBytes(1024));
    const downloads = sentOf(GetObjectCommand);
    const { hash } = await made.store.put(bytes, 'image/png');
    expect((await readFile(await made.store.localPath(hash))).equals(Buffer.from(bytes))).toBe(true);
    expect(downloads()).toBe(0);
  });
});

describe('S3MediaStore errors', () => {
  const cacheFolder = join(tmpdir(), 'loupe-unused-cache');
  const options = (overrides: Partial<S3MediaStoreOptions>): S3MediaStoreOptions => ({
    bucket: server.bucket,
    endpoint: server.endpoint,
    forcePathStyle: true,
    cacheFolder,
    credentials: S3_TEST_CREDENTIALS,
    ...overrides,
  });

  it('names a missing bucket on opening and on every call', async () => {
    await expect(openS3MediaStore(options({ bucket: 'no-such-bucket' }))).rejects.toThrow(
      /s3:\/\/no-such-bucket\/.* failed with NoSuchBucket.*create the bucket/,
    );
    const store = new S3MediaStore(options({ bucket: 'no-such-bucket', prefix: 'p' }));
    await expect(store.put(new TextEncoder().encode('x'), 'image/png')).rejects.toThrow(
      /s3:\/\/no-such-bucket\/p\/.* failed with NoSuchBucket/,
    );
    await expect(store.has(sha256Hex('x'))).rejects.toThrow(/NoSuchBucket/);
  });

  it('names a rejected access key without printing the secret', async () => {
    const secret = 'do-not-print-this-secret';
    const store = new S3MediaStore(options({ credentials: { accessKeyId: 'WRONGKEY', secretAccessKey: secret } }));
    const error = await store.has(sha256Hex('x')).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`s3://${server.bucket}/.* failed with InvalidAccessKeyId`));
    expect((error as Error).message).not.toContain(secret);
  });

  it('names the endpoint when nothing answers there', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    await expect(openS3MediaStore(options({ endpoint }))).rejects.toThrow(new RegExp(`at ${endpoint} failed with ECONNREFUSED`));
  });
});

/** A port that was free a moment ago and has nothing listening on it now. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

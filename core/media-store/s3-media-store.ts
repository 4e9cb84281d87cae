import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { MediaStore, StoredMedia } from '../types/index.js';
import { sha256Hex } from '../store/index.js';
import { FolderMediaStore } from './folder-media-store.js';
import { checkHash } from './media-hash.js';
import { extensionForMime, MEDIA_EXTENSIONS, mimeForExtension } from './mime-extensions.js';
import { describeS3Error, type S3Location } from './s3-errors.js';

export interface S3MediaStoreOptions {
  bucket: string;
  /** Folder-like start of every key, without slashes at either end; "" for the bucket's root. */
  prefix?: string;
  /** For MinIO, Aliyun OSS, Tencent COS and other S3-compatible services; AWS when omitted. */
  endpoint?: string;
  region?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key`; MinIO wants it, OSS refuses it. */
  forcePathStyle?: boolean;
  /** Where `localPath` downloads media to, in the folder store's layout. */
  cacheFolder: string;
  /** Only for tests; otherwise the SDK's default chain (AWS_* variables, profiles, instance roles). */
  credentials?: S3ClientConfig['credentials'];
}

interface Found {
  key: string;
  ext: string;
  size: number;
}

/**
 * Content-addressed media in an S3-compatible bucket: `<prefix>/<first two hex digits>/<sha256>.<ext>`,
 * the folder store's layout, with the mime type also kept as the object's Content-Type.
 * `localPath` downloads into a local cache, checking the sha256 of what arrived.
 */
export class S3MediaStore implements MediaStore {
  readonly kind = 's3';
  readonly client: S3Client;
  readonly bucket: string;
  private readonly prefix: string;
  private readonly endpoint: string | undefined;
  private readonly cache: FolderMediaStore;
  private readonly downloads = new Map<string, Promise<string>>();

  constructor(options: S3MediaStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.endpoint = options.endpoint;
    this.cache = new FolderMediaStore(options.cacheFolder);
    this.client = new S3Client({
      region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // The SDK's default CRC32 checksum headers are refused by several S3-compatible services;
      // Content-MD5 on upload and the sha256 check on download guard the bytes instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** The object key of media with this hash and file extension. */
  keyOf(hash: string, ext: string): string {
    return `${this.prefix ? `${this.prefix}/` : ''}${hash.slice(0, 2)}/${hash}.${ext}`;
  }

  /** Fails, naming the bucket, when it cannot be listed: before any paid work rather than at the first put. */
  async checkAccess(): Promise<void> {
    // The kind of listing every call makes (one hash's keys): it needs exactly their permission,
    // even one granted for the prefix only, and its answer is never paged.
    const probe = this.keyOf('0'.repeat(64), '');
    await this.attempt('list', this.where(this.prefix ? `${this.prefix}/` : ''), () =>
      this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: probe })),
    );
  }

  /** Uploads only when no object holds these bytes yet (two puts racing both write the same bytes), and caches them. */
  async put(bytes: Uint8Array, mime: string): Promise<StoredMedia> {
    const hash = sha256Hex(bytes);
    const existing = await this.find(hash);
    if (existing && existing.size === bytes.byteLength) return { hash, mime: mimeForExtension(existing.ext), size: existing.size };
    const ext = existing?.ext ?? extensionForMime(mime);
    const key = this.keyOf(hash, ext);
    const md5 = createHash('md5').update(bytes).digest('base64');
    const upload = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: bytes,
      ContentType: mimeForExtension(ext),
      ContentMD5: md5,
    });
    await this.attempt('upload to', this.where(key), () => this.client.send(upload));
    // The bytes are at hand: keep them in the cache too, so that scoring right after does not download them.
    await this.cache.put(bytes, mimeForExtension(ext));
    return { hash, mime: mimeForExtension(ext), size: bytes.byteLength };
  }

  async has(hash: string): Promise<boolean> {
    return (await this.find(checkHash(hash))) !== undefined;
  }

  /** Through the cache: a rater server asks for the same media many times. */
  async get(hash: string): Promise<Uint8Array> {
    const buf = await readFile(await this.localPath(hash));
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Concurrent calls for one hash share one download; later calls find it in the cache. */
  async localPath(hash: string): Promise<string> {
    const checked = checkHash(hash);
    const cached = await this.cache.stat(checked);
    if (cached) return this.cache.localPath(checked);
    let pending = this.downloads.get(checked);
    if (!pending) {
      pending = this.download(checked)
        .then(async ({ bytes, mime }) => {
          await this.cache.put(bytes, mime);
          return this.cache.localPath(checked);
        })
        .finally(() => this.downloads.delete(checked));
      this.downloads.set(checked, pending);
    }
    return pending;
  }

  async stat(hash: string): Promise<StoredMedia | undefined> {
    const checked = checkHash(hash);
    const found = await this.find(checked);
    if (!found) return undefined;
    const head = await this.attempt('stat', this.where(found.key), () =>
      this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: found.key })),
    );
    return { hash: checked, mime: head.ContentType ?? mimeForExtension(found.ext), size: head.ContentLength ?? found.size };
  }

  /** Reads the object and checks that its bytes are the ones named: a replaced or torn object is an error, never media. */
  private async download(hash: string): Promise<{ bytes: Uint8Array; mime: string }> {
    const found = await this.find(hash);
    if (!found) throw new Error(`media ${hash} is not in s3://${this.bucket}/${this.keyOf(hash, '*')}`);
    const where = this.where(found.key);
    const { object, bytes } = await this.attempt('download', where, async () => {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: found.key }));
      return { object, bytes: await object.Body!.transformToByteArray() };
    });
    const actual = sha256Hex(bytes);
    if (actual !== hash) {
      throw new Error(
        `media ${hash} downloaded from s3://${this.bucket}/${found.key} is corrupt: its bytes (${bytes.byteLength}) have sha256 ${actual}; the object was changed outside Loupe`,
      );
    }
    return { bytes, mime: object.ContentType ?? mimeForExtension(found.ext) };
  }

  /** One listing finds the object whatever its extension; the folder store's order breaks ties. */
  private async find(hash: string): Promise<Found | undefined> {
    const start = this.keyOf(hash, '');
    const listed = await this.attempt('list', this.where(`${start}*`), () =>
      this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: start })),
    );
    const sizes = new Map((listed.Contents ?? []).map((o) => [o.Key!.slice(start.length), o.Size ?? 0]));
    const ext = MEDIA_EXTENSIONS.find((e) => sizes.has(e));
    return ext === undefined ? undefined : { key: start + ext, ext, size: sizes.get(ext)! };
  }

  private where(key: string): S3Location {
    return { bucket: this.bucket, key, endpoint: this.endpoint };
  }

  private async attempt<T>(action: string, where: S3Location, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (e) {
      throw describeS3Error(action, where, e);
    }
  }
}

/** Opens the store and checks that the bucket can be listed, so that a wrong bucket fails here with its name. */
export async function openS3MediaStore(options: S3MediaStoreOptions): Promise<S3MediaStore> {
  const store = new S3MediaStore(options);
  await store.checkAccess();
  return store;
}

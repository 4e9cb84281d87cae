export interface StoredMedia {
  /** sha256 of the bytes, lower-case hex: the media's name everywhere. */
  hash: string;
  mime: string;
  size: number;
}

/**
 * Content-addressed media: the same bytes are stored once under their sha256.
 * A folder on one machine, S3-compatible storage for a team; one contract suite for both.
 */
export interface MediaStore {
  readonly kind: string;
  put(bytes: Uint8Array, mime: string): Promise<StoredMedia>;
  has(hash: string): Promise<boolean>;
  get(hash: string): Promise<Uint8Array>;
  /** A local file with the media, fetched into a cache first for remote stores. */
  localPath(hash: string): Promise<string>;
  stat(hash: string): Promise<StoredMedia | undefined>;
}

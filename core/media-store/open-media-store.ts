import type { MediaConfig } from '../config/index.js';
import type { MediaStore } from '../types/index.js';
import { FolderMediaStore } from './folder-media-store.js';

/** The media store a config's `media` names: a folder by default, or an S3 bucket (checked on opening); paths resolve against the config file. */
export async function openMediaStore(media: MediaConfig, resolvePath: (path: string) => string): Promise<MediaStore> {
  if ('s3' in media) {
    // Loaded only when asked for: the AWS SDK is large, and most runs keep media in a folder.
    const { openS3MediaStore } = await import('./s3-media-store.js');
    return openS3MediaStore({ ...media.s3, cacheFolder: resolvePath(media.s3.cacheFolder) });
  }
  return new FolderMediaStore(resolvePath(media.folder));
}

/** The local folder the media store writes to, by its config field: checked before a run starts. */
export function localMediaFolder(media: MediaConfig): Record<string, string> {
  return 's3' in media ? { 'media.s3.cacheFolder': media.s3.cacheFolder } : { 'media.folder': media.folder };
}

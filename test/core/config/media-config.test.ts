import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../core/cli/compose.js';
import { localMediaFolder } from '../../../core/media-store/open-media-store.js';
import { smallConfig } from '../cli/config-fixtures.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const load = (extra: string) => loadConfigFile(tempDir().write('loupe.config.yaml', smallConfig({ extra })));

describe('the media config', () => {
  it('is the .loupe/media folder when omitted', () => {
    const loaded = load('');
    expect(loaded.config.media).toEqual({ folder: '.loupe/media' });
    expect(localMediaFolder(loaded.config.media)).toEqual({ 'media.folder': '.loupe/media' });
  });

  it('fills in the S3 defaults, with the download cache under .loupe', () => {
    const loaded = load('media:\n  s3: { bucket: team-media, endpoint: "https://oss-cn-hangzhou.aliyuncs.com" }');
    expect(loaded.config.media).toEqual({
      s3: {
        bucket: 'team-media',
        endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
        prefix: '',
        forcePathStyle: false,
        cacheFolder: '.loupe/media-cache',
      },
    });
    expect(localMediaFolder(loaded.config.media)).toEqual({ 'media.s3.cacheFolder': '.loupe/media-cache' });
  });

  it('takes a folder or a bucket, not both and not neither', () => {
    expect(() => load('media:\n  folder: media\n  s3: { bucket: b }')).toThrow(
      /loupe\.config\.yaml:\d+: media: give exactly one of "folder" or "s3"/,
    );
    expect(() => load('media: {}')).toThrow(/media: give exactly one of "folder" or "s3"/);
  });

  it('refuses credentials in the file and names the field', () => {
    expect(() => load('media:\n  s3: { bucket: b, secretAccessKey: hunter2 }')).toThrow(/media\.s3\.secretAccessKey: unknown field/);
  });

  it('names a bad endpoint', () => {
    expect(() => load('media:\n  s3: { bucket: b, endpoint: "not a url" }')).toThrow(/media\.s3\.endpoint/);
  });
});

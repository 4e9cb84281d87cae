import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startS3Server, type S3Server } from '../../helpers/s3-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDir();
let server: S3Server;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function mediaHashes(dir: string): string[] {
  const db = new Database(join(dir, '.loupe/loupe.db'), { readonly: true });
  try {
    return (
      db.prepare("SELECT media_hash AS hash FROM generations WHERE status = 'done' ORDER BY media_hash").all() as { hash: string }[]
    ).map((r) => r.hash);
  } finally {
    db.close();
  }
}

const cachedHashes = (folder: string) =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name.replace(/\.png$/, ''))
    .sort();

describe('loupe run with media on S3', () => {
  it('stores the media in the bucket and reports from it', async () => {
    // The child finds its credentials where a user's would be: the AWS_* variables.
    for (const [name, value] of Object.entries(server.env)) vi.stubEnv(name, value);
    const t = tempDir();
    t.write(
      'loupe.config.yaml',
      smallConfig({
        generators: '  - { id: good, type: synthetic, width: 64, height: 64 }',
        prompts: '  - { set: counting, sample: 2 }',
        extra: `metrics: [sharpness]\nmedia:\n  s3: { bucket: ${server.bucket}, prefix: team/run-1, endpoint: "${server.endpoint}", forcePathStyle: true }`,
      }),
    );
    const result = await runCli(['run', '--quiet'], t.dir);
    expect(result.stderr).toMatch(/Report: 1 generators, 4 of 4 generations made\./);
    expect(result.code).toBe(0);

    const hashes = mediaHashes(t.dir);
    expect(hashes).toHaveLength(4);
    const listed = await server.client.send(new ListObjectsV2Command({ Bucket: server.bucket, Prefix: 'team/run-1/' }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual(hashes.map((h) => `team/run-1/${h.slice(0, 2)}/${h}.png`));
    expect(existsSync(join(t.dir, '.loupe/media'))).toBe(false);
    const cache = join(t.dir, '.loupe/media-cache');
    expect(cachedHashes(cache)).toEqual(hashes);

    // Without the cache, the report fetches the media from the bucket again.
    rmSync(cache, { recursive: true });
    const report = await runCli(['report', '--quiet'], t.dir);
    expect(report.stderr).toMatch(/Report: 1 generators/);
    expect(report.code).toBe(0);
    expect(cachedHashes(cache)).toEqual(hashes);
    const page = readFileSync(report.stdout.trim(), 'utf8');
    expect(page.match(/data:image\/jpeg;base64,/g)?.length).toBeGreaterThanOrEqual(4);
  });
});

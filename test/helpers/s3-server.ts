import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** s3rver checks signatures against this fixed key pair. */
export const S3_TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3Server {
  /** `http://127.0.0.1:<port>`; clients need path-style addressing. */
  endpoint: string;
  /** A bucket that exists, empty at the start. */
  bucket: string;
  /** The AWS_* variables that let the SDK's default chain (and a child `loupe`) reach the server. */
  env: Record<string, string>;
  /** A client of its own, to look at and tamper with objects behind a store's back. */
  client: S3Client;
  stop(): Promise<void>;
}

/**
 * Starts s3rver (an S3-protocol server in Node, objects kept as files) on a free port of
 * 127.0.0.1 with a temporary folder and one bucket.
 */
export async function startS3Server(): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'loupe-s3-'));
  const bucket = 'loupe-media';
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3_TEST_CREDENTIALS });
  const env = {
    AWS_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
  };
  return {
    endpoint,
    bucket,
    env,
    client,
    async stop() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

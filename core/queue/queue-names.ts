import { createHash } from 'node:crypto';

/** Where a run's jobs live in Redis: one generation queue per generator, one scoring queue. */

export const QUEUE_PREFIX = 'loupe';

// BullMQ refuses ':' in queue names; ids may hold one, so they are percent-encoded.
export const generateQueueName = (runId: string, generatorId: string): string => `${runId}.generate.${encodeURIComponent(generatorId)}`;

export const scoreQueueName = (runId: string): string => `${runId}.score`;

/** A generation job's id is the generation key, so a key enqueued twice is one job. */
export const generateJobId = (key: string): string => key;

/**
 * A scoring job's id names its metric version and digests its keys, so the same batch enqueued
 * twice (two passes over the same unscored work) is one job.
 */
export const scoreJobId = (metricId: string, metricVersion: string, keys: readonly string[]): string =>
  `${encodeURIComponent(metricId)}@${encodeURIComponent(metricVersion)}.${createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32)}`;

/** The heartbeat key of a worker: present while the worker (claim owner) lives. */
export const heartbeatKey = (owner: string): string => `${QUEUE_PREFIX}:heartbeat:${owner}`;

/** The next start slot of a generator's requests, shared by every worker of a run. */
export const rateKey = (runId: string, generatorId: string): string => `${QUEUE_PREFIX}:rate:${runId}:${encodeURIComponent(generatorId)}`;

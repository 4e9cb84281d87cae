import { z } from 'zod';
import type { GenerationError } from '../core/types/index.js';

/** Settings every HTTP adapter shares. */
export const httpSettings = {
  /** The environment variable that holds the API key; the key itself never goes in the config. */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')
    .optional(),
  /** Time limit of each HTTP request, in milliseconds (the scheduler's timeout covers the whole generation). */
  requestTimeoutMs: z.int().min(1).optional(),
  /** Largest download accepted, in bytes. */
  maxBytes: z.int().min(1).optional(),
  /** Price of one generation in US dollars, when the service does not report it. */
  pricePerRequestUsd: z.number().min(0).optional(),
  /**
   * Price of one second of video in US dollars, for services that bill clips by length: times the
   * clip length the request asks for (its `duration` or `seconds` parameter, see pricing.ts).
   */
  pricePerSecondUsd: z.number().min(0).optional(),
};

export type ApiKey = { ok: true; key: string | undefined } | { ok: false; error: GenerationError };

/** Reads the key at request time, so a key set after start-up (or rotated) is used and none is kept in the config. */
export function readApiKey(envName: string | undefined, who: string, required: boolean): ApiKey {
  if (envName === undefined) {
    if (!required) return { ok: true, key: undefined };
    return {
      ok: false,
      error: {
        category: 'auth',
        message: `${who}: no apiKeyEnv in the config: name the environment variable that holds the API key`,
        retryable: false,
      },
    };
  }
  const key = process.env[envName];
  if (key === undefined || key.trim() === '') {
    return {
      ok: false,
      error: { category: 'auth', message: `${who}: the environment variable ${envName} (apiKeyEnv) is not set`, retryable: false },
    };
  }
  return { ok: true, key: key.trim() };
}

/** Time as a polling adapter sees it; tests pass a fake one so that no test waits. */
export interface PollClock {
  now(): number;
  /** Resolves after `ms`, or early when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemPollClock: PollClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted || ms <= 0) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    }),
};

/** Adapters that read files take paths relative to the config file when the caller says where it is. */
export interface AdapterEnv {
  clock?: PollClock;
  resolvePath?: (path: string) => string;
  /** The ffmpeg binary the composition root found (FFMPEG_PATH, PATH or the npm package); `ffmpeg` on PATH otherwise. */
  ffmpegPath?: () => string;
}

export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;

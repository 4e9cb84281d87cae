import type { z } from 'zod';
import type { Modality } from '../core/types/index.js';

/**
 * The keys read as a clip's length in seconds, in this order at each depth of a request body:
 * `duration` (Replicate, fal, DashScope, MiniMax, Runway), `durationSec`, `durationSeconds` (Veo),
 * `duration_seconds` and `seconds` (Sora).
 */
export const DURATION_KEYS = ['duration', 'durationSec', 'durationSeconds', 'duration_seconds', 'seconds'] as const;

/** Where a request's parameters are in a generator's config, e.g. `params` or `body`. */
export interface ParamSource {
  path: string;
  value: unknown;
}

export type ClipSeconds = { ok: true; seconds: number; from: string } | { ok: false; message: string };

/**
 * The clip length a generator's request asks for: the first of DURATION_KEYS found in the sources,
 * in their order, the shallowest first (a nested `input` or `parameters` object counts). Its value
 * is a number of seconds or a string such as "5" or "5s", as fal and Sora take it.
 */
export function findClipSeconds(sources: readonly ParamSource[]): ClipSeconds {
  for (const source of sources) {
    let level: ParamSource[] = [source];
    for (let depth = 0; depth < 5 && level.length > 0; depth++) {
      const next: ParamSource[] = [];
      for (const { path, value } of level) {
        if (!isPlainObject(value)) continue;
        for (const key of DURATION_KEYS) {
          if (!(key in value)) continue;
          const seconds = readSeconds(value[key]);
          const from = `${path}.${key}`;
          if (seconds === undefined) return { ok: false, message: `${from} is ${JSON.stringify(value[key])}, not a number of seconds` };
          return { ok: true, seconds, from };
        }
        for (const [key, inner] of Object.entries(value)) if (isPlainObject(inner)) next.push({ path: `${path}.${key}`, value: inner });
      }
      level = next;
    }
  }
  const where = sources.map((s) => s.path).join(' or ');
  return { ok: false, message: `no clip length in ${where} (one of ${DURATION_KEYS.join(', ')}, in seconds)` };
}

function readSeconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(/^\s*(\d+(?:\.\d+)?)\s*s?\s*$/i.exec(value)?.[1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Prices {
  pricePerRequestUsd?: number;
  pricePerSecondUsd?: number;
}

/**
 * A config check for `pricePerSecondUsd`: it prices clips, so the generator must make video and
 * its request must say how long the clip is. The issue names the generator and the field.
 */
export function checkPricePerSecond(
  ctx: z.RefinementCtx,
  who: string,
  prices: Prices,
  modality: Modality,
  sources: readonly ParamSource[],
): void {
  if (prices.pricePerSecondUsd === undefined) return;
  const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['pricePerSecondUsd'], message: `${who}: ${message}` });
  if (modality !== 'video') return issue(`a price per second of video, but this generator makes ${modality}s; use pricePerRequestUsd`);
  const clip = findClipSeconds(sources);
  if (!clip.ok) issue(`needs the clip length the request asks for: ${clip.message}; or price each clip with pricePerRequestUsd`);
}

/**
 * What one request costs by the config: the price per request plus, for video, the price per second
 * times the clip length the request asks for. Undefined when the config gives neither price.
 */
export function configuredPrice(prices: Prices, modality: Modality, sources: readonly ParamSource[]): (m: Modality) => number | undefined {
  const clip = modality === 'video' && prices.pricePerSecondUsd !== undefined ? findClipSeconds(sources) : undefined;
  // The config check has already refused a per-second price without a readable clip length.
  const perClip = clip?.ok ? prices.pricePerSecondUsd! * clip.seconds : undefined;
  return (m) => {
    const perSecond = m === 'video' ? perClip : undefined;
    if (prices.pricePerRequestUsd === undefined && perSecond === undefined) return undefined;
    // Rounded to a billionth of a dollar, so that 0.07 × 5 s is stored as 0.35.
    return Math.round(((prices.pricePerRequestUsd ?? 0) + (perSecond ?? 0)) * 1e9) / 1e9;
  };
}

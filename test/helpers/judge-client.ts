import { JudgeConfigSchema, judgeTarget } from '../../core/config/judges.js';
import { JudgeTransport } from '../../core/run/index.js';
import type { Budget, Store } from '../../core/types/index.js';

/** A clock that never waits: it notes each sleep, so tests see the backoff without spending it. */
export function noteClock() {
  const slept: number[] = [];
  let now = 0;
  return {
    slept,
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
  };
}

/** The real transport to a judge at `baseUrl` (config entry fields as in loupe.config.yaml). */
export function judgeAt(
  baseUrl: string,
  fields: Record<string, unknown> = {},
  o: { store?: Store; budget?: Budget; apiKey?: string; clock?: ReturnType<typeof noteClock> } = {},
) {
  const config = JudgeConfigSchema.parse({ id: 'fake', model: 'fake-vl', baseUrl, ...fields });
  const clock = o.clock ?? noteClock();
  const client = new JudgeTransport({
    config,
    target: judgeTarget(config),
    apiKey: o.apiKey,
    store: o.store ?? null,
    budget: o.budget,
    clock,
    random: () => 1,
    retry: { baseDelayMs: 10, maxDelayMs: 100 },
    stop: new AbortController().signal,
  });
  return { client, clock };
}

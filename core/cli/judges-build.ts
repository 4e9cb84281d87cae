import { judgeTarget, type JudgeConfig, type LoadedConfig } from '../config/index.js';
import { JudgeTransport, systemClock } from '../run/index.js';
import type { Budget, Store } from '../types/index.js';

/** Where judged scoring records its paid requests; `store: null` for a one-off call that records nothing. */
export interface JudgeContext {
  store: Store | null;
  stop: AbortSignal;
  budget?: Budget;
}

/** The key a judge's `apiKeyEnv` names, read now; a named variable that is unset is an error naming both. */
export function judgeKey(j: JudgeConfig, index: number, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (j.apiKeyEnv === undefined) return undefined;
  const key = env[j.apiKeyEnv];
  if (!key) throw new Error(`judge "${j.id}": the environment variable ${j.apiKeyEnv} (judges[${index}].apiKeyEnv) is not set`);
  return key;
}

/** One judge of the config as a transport through the run's limits, ledger and cache. */
export function buildJudge(loaded: LoadedConfig, id: string, ctx: JudgeContext): JudgeTransport {
  const judges = loaded.config.judges;
  const index = judges.findIndex((j) => j.id === id);
  if (index < 0) {
    const known = judges.map((j) => j.id).join(', ') || 'none';
    throw new Error(`no judge "${id}" in ${loaded.file} (judges: ${known})`);
  }
  const config = judges[index]!;
  const { baseDelayMs, maxDelayMs } = loaded.config.scheduler;
  return new JudgeTransport({
    config,
    target: judgeTarget(config),
    apiKey: judgeKey(config, index),
    store: ctx.store,
    budget: ctx.budget,
    clock: systemClock,
    random: Math.random,
    retry: { baseDelayMs, maxDelayMs },
    stop: ctx.stop,
  });
}

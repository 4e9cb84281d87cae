import { createHash } from 'node:crypto';
import type { JudgeConfig, JudgeTarget } from '../config/index.js';
import {
  httpJson,
  hostAndPath,
  type Budget,
  type JudgeCall,
  type JudgeClient,
  type JudgeEndpoint,
  type JudgeReply,
  type Store,
} from '../types/index.js';
import type { Clock } from './clock.js';
import { judgeLedgerId, readJudgeHistory, settleLeftJudgeRequest, type JudgeHistory } from './judge-ledger.js';
import { StartSpacer } from './rate-limit.js';
import { retryDelayMs, type RetrySettings } from './retry-policy.js';
import { Slots } from './slots.js';

export interface JudgeTransportOptions {
  config: JudgeConfig;
  target: JudgeTarget;
  /** The key read from `config.apiKeyEnv`; kept in memory only, and out of every message. */
  apiKey: string | undefined;
  /** Where paid requests and their answers are recorded; null for a one-off call (`loupe metrics`), which records nothing. */
  store: Store | null;
  budget?: Budget;
  clock: Clock;
  random: () => number;
  retry: Omit<RetrySettings, 'maxAttempts'>;
  stop: AbortSignal;
}

/** Failures with no answer from the service: the request may have been made and billed. */
const NO_ANSWER = new Set(['timeout', 'network', 'cancelled']);
const CONTEXT = /context[_ ]length|maximum context|too many tokens|context window|prompt is too long|max_tokens/i;

/**
 * Sends a judge metric's calls like generation sends its requests: the judge's concurrency and
 * rate limit, retries with backoff and Retry-After, each request in the ledger (`sending`) before
 * its answer is awaited and the answer kept there, which is the cache: the same call (endpoint,
 * model, template, text, media, image side, frames, temperature, seed) is never paid for twice.
 */
export class JudgeTransport implements JudgeClient {
  readonly endpoint: JudgeEndpoint;
  private history: Promise<JudgeHistory> | undefined;
  private readonly inFlight = new Map<string, Promise<JudgeReply>>();
  private readonly slots: Slots;
  private readonly spacer: StartSpacer | undefined;

  constructor(private readonly o: JudgeTransportOptions) {
    const c = o.config;
    this.endpoint = {
      id: c.id,
      model: c.model,
      endpoint: hostAndPath(o.target.url),
      maxImageSide: c.maxImageSide,
      frames: c.frames,
      video: c.video,
      topLogprobs: o.target.topLogprobs,
      temperature: c.temperature,
      seed: c.seed ?? null,
      concurrency: c.concurrency,
      imageTokens: o.target.imageTokens,
    };
    this.slots = new Slots(c.concurrency);
    this.spacer = c.ratePerMinute ? new StartSpacer(c.ratePerMinute, o.clock) : undefined;
  }

  async send(call: JudgeCall): Promise<JudgeReply> {
    const e = this.endpoint;
    const key = createHash('sha256')
      .update(JSON.stringify([this.o.target.url, e.model, call.key, e.temperature, e.seed]))
      .digest('hex');
    const history = await (this.history ??= this.o.store ? readJudgeHistory(this.o.store, e.id) : Promise.resolve(emptyHistory()));
    if (history.answers.has(key)) return { ok: true, body: history.answers.get(key), cached: true };
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const sent = this.slots.run(() => this.sendNew(call, key, history));
    this.inFlight.set(key, sent);
    void sent.finally(() => this.inFlight.delete(key));
    return sent;
  }

  private async sendNew(call: JudgeCall, key: string, history: JudgeHistory): Promise<JudgeReply> {
    const { config, store, stop } = this.o;
    const left = history.left.get(key);
    if (left && store) {
      history.left.delete(key);
      await settleLeftJudgeRequest(store, left);
    }
    const estimate = call.estimatedInputTokens ?? average(history.inputTokens);
    for (let attempt = 1; ; attempt++) {
      await this.spacer?.acquire(stop);
      if (stop.aborted) return { ok: false, category: 'cancelled', message: `judge "${config.id}": stopped` };
      const opened = await this.open(call, key, attempt, this.priceUsd(estimate, call.maxOutputTokens));
      if (!opened.ok) return opened;
      const got = await httpJson(this.o.target.url, {
        json: call.body,
        headers: this.headers(),
        signal: stop,
        timeoutMs: config.timeoutMs,
        secrets: this.o.apiKey ? [this.o.apiKey] : [],
        what: `judge "${config.id}"`,
      });
      if (got.ok) {
        const usage = usageOf(got.value);
        if (usage.inputTokens !== null) history.inputTokens.push(usage.inputTokens);
        const price = this.priceUsd(usage.inputTokens ?? estimate, usage.outputTokens ?? call.maxOutputTokens);
        await this.settle(opened.id, { phase: 'stored', detail: { answer: got.value, ...usage }, priceUsd: price });
        history.answers.set(key, got.value);
        return { ok: true, body: got.value, cached: false };
      }
      const error = got.error;
      const unanswered = NO_ANSWER.has(error.category) || error.category === 'invalid-output';
      await this.settle(opened.id, { phase: unanswered ? 'unknown' : 'failed', message: error.message });
      const category =
        error.category === 'invalid-output'
          ? 'malformed-json'
          : error.category === 'bad-request' && CONTEXT.test(error.message)
            ? 'context-too-long'
            : error.category;
      if (!error.retryable || category === 'malformed-json' || attempt >= config.maxAttempts || stop.aborted)
        return { ok: false, category, message: error.message };
      await this.o.clock.sleep(retryDelayMs(attempt, { ...this.o.retry, maxAttempts: config.maxAttempts }, error, this.o.random), stop);
    }
  }

  private async open(call: JudgeCall, key: string, attempt: number, priceUsd: number) {
    const { store, budget } = this.o;
    if (!store) return { ok: true as const, id: null };
    if (call.generationKey === undefined) throw new Error(`judge "${this.endpoint.id}": a recorded call needs the generation it scores`);
    const entry = {
      generationKey: call.generationKey,
      generatorId: judgeLedgerId(this.endpoint.id),
      attempt,
      phase: 'sending' as const,
      jobId: key,
      priceUsd,
    };
    if (!budget) return { ok: true as const, id: await store.openLedgerEntry(entry) };
    const r = await store.reserveLedgerEntry(entry, budget);
    if (r.ok) return r;
    const message = `judge "${this.endpoint.id}": the run's budget of $${budget.usd} is spent ($${r.spentUsd.toFixed(4)}); nothing sent`;
    return { ok: false as const, category: 'over-budget', message };
  }

  private async settle(id: number | null, change: Parameters<Store['updateLedgerEntry']>[1]): Promise<void> {
    if (id !== null) await this.o.store!.updateLedgerEntry(id, change);
  }

  private headers(): Record<string, string> {
    const key = this.o.apiKey;
    if (!key || this.o.target.auth === 'none') return {};
    return this.o.target.auth === 'api-key' ? { 'api-key': key } : { authorization: `Bearer ${key}` };
  }

  private priceUsd(inputTokens: number, outputTokens: number): number {
    return (inputTokens * this.o.config.priceUsdPer1kInput + outputTokens * this.o.config.priceUsdPer1kOutput) / 1000;
  }
}

const emptyHistory = (): JudgeHistory => ({ answers: new Map(), left: new Map(), inputTokens: [] });
const average = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

function usageOf(body: unknown): { inputTokens: number | null; outputTokens: number | null } {
  const usage = (body as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null)?.usage;
  const n = (v: unknown) => (typeof v === 'number' ? v : null);
  return { inputTokens: n(usage?.prompt_tokens), outputTokens: n(usage?.completion_tokens) };
}

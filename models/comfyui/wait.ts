import {
  type CancelOutcome,
  type GenerationError,
  type GenerationResult,
  type RequestLedger,
  hostAndPath,
  httpBytes,
  httpJson,
  type HttpRequest,
  excerpt,
  failure,
  looksRefused,
} from '../../core/types/index.js';
import { joinUrl, type PollClock } from '../adapter-common.js';
import { askAgain, backoffMs, TRANSIENT } from '../http/ask-again.js';
import { finalFailure } from '../http/errors.js';
import { checkMedia } from '../http/media-check.js';
import type { ComfyUIConfig } from './config.js';
import { executionError, History, queuedIn } from './history.js';
import { findNode, resultFiles, type Workflow } from './workflow.js';

/** A prompt the server accepted: from here on it may be billed, so nothing below queues it again. */
export interface QueuedPrompt {
  config: ComfyUIConfig;
  who: string;
  clock: PollClock;
  workflow: Workflow;
  workflowFile: string;
  promptId: string;
  signal: AbortSignal;
  ledger: RequestLedger | undefined;
  request(what: string): HttpRequest;
}

/**
 * Follows /history until the prompt finishes, then downloads its output. A failed or garbled status
 * or download request is asked again (`maxPollErrors` in a row) instead of paying for a new prompt;
 * every failure is final for this run and names the prompt id; a prompt past `maxWaitMs` is taken
 * off the server's queue (or interrupted when it runs) before the run gives up on it.
 */
export async function awaitPrompt(p: QueuedPrompt): Promise<GenerationResult> {
  const { config, who, clock, promptId } = p;
  const final = (e: GenerationError): GenerationResult => finalFailure(e, `prompt ${promptId}`);
  const deadline = clock.now() + config.maxWaitMs;
  let errorsInARow = 0;
  await p.ledger?.record('polling');
  for (;;) {
    const got = await httpJson(joinUrl(config.baseUrl, `history/${encodeURIComponent(promptId)}`), p.request('history'));
    const parsed = got.ok ? History.safeParse(got.value) : null;
    if (!got.ok || !parsed?.success) {
      const error = got.ok ? failure('invalid-output', `${who}: /history/${promptId} is not a history record`, true).error : got.error;
      if (!TRANSIENT.has(error.category) && error.category !== 'invalid-output') return final(error);
      if (++errorsInARow > config.maxPollErrors) return final(error);
    } else {
      errorsInARow = 0;
      const entry = parsed.data[promptId];
      if (entry?.status?.status_str === 'error') {
        // A content filter node that stops the graph is a refusal: stored as such, never retried on resume.
        const said = executionError(entry.status.messages);
        const category = looksRefused(said) ? 'refused' : 'server';
        const message = `${who}: prompt ${promptId} failed: ${excerpt(said, 1000)}`;
        await p.ledger?.record('failed', { message });
        return final(failure(category, message, false).error);
      }
      if (entry && (entry.status?.completed ?? true)) return download(p, entry.outputs, final);
    }
    if (clock.now() >= deadline) {
      const cancelled = await cancelPrompt(p);
      if (cancelled.ok) await p.ledger?.record('cancelled', { message: cancelled.said });
      // A prompt taken off the server is over (`cancelled` is not made again on resume); one still there is picked up by the next resume.
      const category = cancelled.ok ? 'cancelled' : 'timeout';
      return final(failure(category, `${who}: not finished after ${config.maxWaitMs} ms; ${cancelled.said}`, false).error);
    }
    await clock.sleep(backoffMs(config.pollIntervalMs, errorsInARow), p.signal);
    if (p.signal.aborted) return final(failure('cancelled', `${who}: aborted while waiting; the prompt stays on the server`, false).error);
  }
}

async function download(
  p: QueuedPrompt,
  outputs: Record<string, Record<string, unknown>>,
  final: (e: GenerationError) => GenerationResult,
): Promise<GenerationResult> {
  const { config, who, promptId } = p;
  const only = config.outputNode === undefined ? undefined : findNode(p.workflow, config.outputNode, p.workflowFile);
  const first = resultFiles(outputs, only)[0];
  if (!first) return final(failure('invalid-output', `${who}: prompt ${promptId} finished without an output file`, false).error);
  const query = new URLSearchParams({ filename: first.filename, subfolder: first.subfolder ?? '', type: first.type ?? 'output' });
  const url = joinUrl(config.baseUrl, `view?${query}`);
  await p.ledger?.record('result-ready', { resultUrls: [url] });
  const media = await askAgain(() => httpBytes(url, { ...p.request('view'), maxBytes: config.maxBytes }), {
    maxErrors: config.maxPollErrors,
    baseMs: config.pollIntervalMs,
    clock: p.clock,
    signal: p.signal,
  });
  if (!media.ok) return final(media.error);
  const checked = await checkMedia(media.value, config.modality, who);
  return checked.ok ? { ...checked, costUsd: config.pricePerRequestUsd ?? 0, providerIds: { promptId } } : final(checked.error);
}

/** Where the cancel of a prompt goes: the server and the requests' settings (key, timeout, abort signal). */
export interface PromptCancel {
  config: ComfyUIConfig;
  promptId: string;
  request(what: string): HttpRequest;
}

/**
 * Takes a waiting prompt off the queue (`POST /queue {delete: [id]}`), or interrupts it when it is
 * the one running (`POST /interrupt {prompt_id}`), as ComfyUI's server.py takes them; says what
 * happened, naming the request when it failed. A prompt no longer queued has finished (or never
 * arrived): there is nothing to cancel.
 */
export async function cancelPrompt(p: PromptCancel): Promise<CancelOutcome> {
  const queueUrl = joinUrl(p.config.baseUrl, 'queue');
  const queue = await httpJson(queueUrl, p.request('queue'));
  if (!queue.ok) return { ok: false, said: `could not read the queue at ${hostAndPath(queueUrl)} to cancel it (${queue.error.message})` };
  const where = queuedIn(queue.value, p.promptId);
  if (where === null) return { ok: false, said: `it was no longer queued at ${hostAndPath(queueUrl)} (finished, or never arrived)` };
  const [path, json] = where === 'pending' ? ['queue', { delete: [p.promptId] }] : ['interrupt', { prompt_id: p.promptId }];
  const url = joinUrl(p.config.baseUrl, path);
  const sent = await httpJson(url, { ...p.request(`cancel (${path})`), json });
  if (!sent.ok) return { ok: false, said: `the cancel request POST ${hostAndPath(url)} failed (${sent.error.message})` };
  return { ok: true, said: `${where === 'pending' ? 'deleted from the queue' : 'interrupted'} at the server` };
}

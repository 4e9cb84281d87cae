import { randomUUID } from 'node:crypto';
import { type GenerationError, type RequestLedger, httpJson, type HttpRequest, failure } from '../../core/types/index.js';
import { joinUrl } from '../adapter-common.js';
import type { ComfyUIConfig } from './config.js';
import { History, queuedIn } from './history.js';
import type { Workflow } from './workflow.js';

interface Queueing {
  config: ComfyUIConfig;
  who: string;
  graph: Workflow;
  ledger: RequestLedger | undefined;
  request(what: string): HttpRequest;
}

/**
 * Queues the graph under a prompt id this client chooses (ComfyUI's POST /prompt takes `prompt_id`,
 * server.py), recorded in the ledger before it is sent. So a prompt whose answer never came (a
 * broken connection, a killed process) is found again on the server by its id, in the queue or the
 * history, instead of being queued and paid twice; one the server never got is sent again under
 * the same id.
 */
export async function queuePrompt(q: Queueing): Promise<{ ok: true; promptId: string } | { ok: false; error: GenerationError }> {
  const left = q.ledger?.left;
  let promptId: string;
  if (left?.jobId) {
    q.ledger!.resume();
    promptId = left.jobId;
    if (left.phase !== 'sending' || (await onServer(q, promptId))) return { ok: true, promptId };
  } else {
    promptId = randomUUID();
    await q.ledger?.record('sending', { jobId: promptId });
  }
  const queued = await httpJson(joinUrl(q.config.baseUrl, 'prompt'), {
    ...q.request('queue prompt'),
    json: { prompt: q.graph, client_id: randomUUID(), prompt_id: promptId },
  });
  if (!queued.ok) {
    const unanswered = queued.error.category === 'timeout' || queued.error.category === 'network';
    return unanswered && (await onServer(q, promptId)) ? { ok: true, promptId } : queued;
  }
  const answered = (queued.value as { prompt_id?: unknown }).prompt_id;
  if (typeof answered !== 'string') return failure('invalid-output', `${q.who}: POST /prompt answered without a prompt_id`, false);
  // A server too old to take a client's id answers its own: that one is followed.
  return { ok: true, promptId: answered };
}

/** Whether the server knows the prompt: queued, running or in its history. Unreachable counts as not known. */
async function onServer(q: Queueing, promptId: string): Promise<boolean> {
  const queue = await httpJson(joinUrl(q.config.baseUrl, 'queue'), q.request('queue'));
  if (queue.ok && queuedIn(queue.value, promptId) !== null) return true;
  const history = await httpJson(joinUrl(q.config.baseUrl, `history/${encodeURIComponent(promptId)}`), q.request('history'));
  const parsed = history.ok ? History.safeParse(history.value) : undefined;
  return parsed?.success === true && parsed.data[promptId] !== undefined;
}

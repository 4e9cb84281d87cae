import type { GenerationError, GenerationRequest, GenerationResult } from '../../core/types/index.js';
import type { PollClock } from '../adapter-common.js';
import type { AsyncJobConfig } from './config.js';
import type { JobProtocol, JobStep } from './presets.js';
import { httpBytes, httpJson, type HttpOutcome } from '../http/client.js';
import { TRANSIENT } from '../http/ask-again.js';
import { failure, finalFailure } from '../http/errors.js';
import { fillTemplate, getPath, requestVars } from '../http/json-template.js';
import { checkMedia } from '../http/media-check.js';
import { checkServiceCode, errorBodyReader, isRefusal } from '../http/service-errors.js';
import { downloadHeaders, jobState, missingMedia } from './job-answers.js';

interface Job {
  config: AsyncJobConfig;
  protocol: JobProtocol;
  who: string;
  clock: PollClock;
  apiKey: string | undefined;
  /** Made again for each request where the service wants a fresh signed token (Kling's JWT); it then fills {{apiKey}} in headers. */
  token?: () => string;
}

/**
 * Create, poll, fetch the result, download. Only the create can be re-sent by the scheduler: once a
 * job exists (and may be billed), later failures are final for this run and name the job id.
 */
export async function runJob(job: Job, request: GenerationRequest, signal: AbortSignal): Promise<GenerationResult> {
  const { config, protocol, who, clock } = job;
  const secrets = job.apiKey ? [job.apiKey] : [];
  const vars: Record<string, unknown> = { ...requestVars(request), negativePrompt: config.negativePrompt, apiKey: job.apiKey ?? '' };
  const headerVars = () => (job.token ? { ...vars, apiKey: job.token() } : vars);
  const send = async (step: JobStep, what: string): Promise<HttpOutcome<unknown>> => {
    const headers = fillTemplate({ ...protocol.headers, ...step.headers }, headerVars()) as Record<string, string>;
    const { apiKey: _k, ...bodyVars } = vars;
    const json = step.body === undefined ? undefined : fillTemplate(step.body, bodyVars);
    const answer = await httpJson(String(fillTemplate(step.url, bodyVars)), {
      method: step.method,
      headers,
      json,
      signal,
      timeoutMs: config.requestTimeoutMs,
      secrets,
      what: `${who}: ${what}`,
      categorise: errorBodyReader(protocol),
    });
    return answer.ok ? checkServiceCode(answer, protocol, protocol.errorPaths[0], `${who}: ${what}`) : answer;
  };

  const created = await send(protocol.create, 'create');
  if (!created.ok) return created;
  const id = getPath(created.value, protocol.idPath);
  if (typeof id !== 'string' && typeof id !== 'number') {
    return failure(
      'invalid-output',
      `${who}: the create answer has no job id at ${protocol.idPath}; a job may exist at the service`,
      false,
    );
  }
  const jobId = String(id);
  vars.id = jobId;
  vars.create = created.value;
  const final = (e: GenerationError): GenerationResult => finalFailure(e, `job ${jobId}`);

  const deadline = clock.now() + config.maxWaitMs;
  let errorsInARow = 0;
  let polled: unknown;
  for (;;) {
    if (signal.aborted) return failure('cancelled', `${who}: stopped while job ${jobId} runs at the service`, false);
    const got = await send(protocol.poll, 'status');
    if (!got.ok) {
      if (got.error.category === 'cancelled') return got;
      if (!TRANSIENT.has(got.error.category) || ++errorsInARow > config.maxPollErrors) return final(got.error);
      await clock.sleep(Math.max(config.pollIntervalMs, got.error.retryAfterMs ?? 0), signal);
      continue;
    }
    errorsInARow = 0;
    const state = jobState(got.value, protocol);
    if (state === undefined)
      return final({ category: 'invalid-output', message: `${who}: no status at ${protocol.statusPath}`, retryable: false });
    const { status } = state;
    if (state.done) {
      polled = got.value;
      break;
    }
    if (state.failed) {
      const why = protocol.errorPaths
        .map((p) => getPath(got.value, p))
        .filter((v) => v !== undefined && v !== null && v !== '')
        .map(String)
        .join(': ');
      const refused = isRefusal(why, protocol);
      // A failed job is not billed by these services, so the scheduler may try again unless it was refused.
      return failure(refused ? 'refused' : 'server', `${who}: job ${jobId} ${status}${why ? `: ${why.slice(0, 300)}` : ''}`, !refused);
    }
    if (clock.now() >= deadline) {
      return final({
        category: 'timeout',
        message: `${who}: not finished after ${config.maxWaitMs} ms (last status ${status}); not created again so as not to pay twice`,
        retryable: false,
      });
    }
    await clock.sleep(config.pollIntervalMs, signal);
  }

  vars.poll = polled;
  let holder = polled;
  if (protocol.result) {
    const got = await send(protocol.result, 'result');
    if (!got.ok) return got.error.category === 'cancelled' ? got : final(got.error);
    holder = got.value;
  }
  const url = mediaUrl(getPath(holder, protocol.resultUrlPath));
  if (url === undefined) return final(missingMedia(holder, protocol, who));
  // Result URLs are pre-signed, often on another host: no API key goes there, unless downloadHeaders says so for the service's own host.
  const media = await httpBytes(url, {
    headers: downloadHeaders(protocol, url, headerVars()),
    signal,
    timeoutMs: config.requestTimeoutMs,
    maxBytes: config.maxBytes,
    secrets,
    what: `${who}: download`,
  });
  if (!media.ok) return media.error.category === 'cancelled' ? media : final(media.error);
  const checked = await checkMedia(media.value, protocol.modality, `${who}: job ${jobId}`);
  if (!checked.ok) return final(checked.error);
  const cost = protocol.costPath ? Number(getPath(holder, protocol.costPath)) : NaN;
  return { ...checked, costUsd: Number.isFinite(cost) ? cost : config.pricePerRequestUsd, providerIds: { jobId } };
}

/** A URL given as a string, the first of a list, or an object's `url`. */
function mediaUrl(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (Array.isArray(value)) return mediaUrl(value[0]);
  if (value !== null && typeof value === 'object') return mediaUrl((value as { url?: unknown }).url);
  return undefined;
}

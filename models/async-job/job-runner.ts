import {
  type GenerationError,
  type GenerationRequest,
  type GenerationResult,
  type GeneratorContext,
  httpBytes,
  failure,
} from '../../core/types/index.js';
import { askAgain, backoffMs, TRANSIENT } from '../http/ask-again.js';
import { finalFailure } from '../http/errors.js';
import { getPath, requestVars } from '../http/json-template.js';
import { checkMedia } from '../http/media-check.js';
import { expiryAfter, validResultUrl } from '../http/left-result.js';
import { isRefusal } from '../http/service-errors.js';
import { downloadHeaders, jobState, missingMedia } from './job-answers.js';
import { cancelAtService, jobSender, type Job, type JobSender } from './job-requests.js';

/**
 * Create, poll, fetch the result, download, each step recorded in the ledger before its answer is
 * awaited. A job an earlier attempt or process left there is polled (or its result downloaded)
 * again, never created again. Only the create can be re-sent by the scheduler: once a job exists
 * (and may be billed), later failures are final for this run and name the job id; a job still
 * running when the run gives up on it stays in the ledger for a resume, or is cancelled at the
 * service when it passed its own wait limit.
 */
export async function runJob(job: Job, request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult> {
  const { config, protocol, who, clock } = job;
  const { signal } = ctx;
  const ledger = ctx.ledger;
  const secrets = job.apiKey ? [job.apiKey] : [];
  const vars: Record<string, unknown> = { ...requestVars(request), negativePrompt: config.negativePrompt, apiKey: job.apiKey ?? '' };
  const headerVars = () => (job.token ? { ...vars, apiKey: job.token() } : vars);
  const sender = jobSender(job, vars, signal);
  const send = sender.send;
  const askAgainPolicy = { maxErrors: config.maxPollErrors, baseMs: config.pollIntervalMs, clock, signal };

  const left = ledger?.left;
  let resultUrl: string | undefined;
  if (left?.jobId) {
    ledger!.resume();
    vars.id = left.jobId;
    vars.create = left.detail?.create;
    resultUrl = validResultUrl(left);
  } else {
    await ledger?.record('sending');
    const created = await send(protocol.create, 'create');
    if (!created.ok) return created;
    const id = getPath(created.value, protocol.idPath);
    if (typeof id !== 'string' && typeof id !== 'number') {
      await ledger?.record('unknown', { message: `the create answer has no job id at ${protocol.idPath}` });
      return failure(
        'invalid-output',
        `${who}: the create answer has no job id at ${protocol.idPath}; a job may exist at the service`,
        false,
      );
    }
    vars.id = String(id);
    vars.create = created.value;
    await ledger?.record('created', { jobId: String(id), detail: { create: created.value } });
  }
  const jobId = String(vars.id);
  const final = (e: GenerationError): GenerationResult => finalFailure(e, `job ${jobId}`);

  let holder: unknown;
  if (resultUrl === undefined) {
    const waited = await waitForJob(job, jobId, sender, ctx);
    if (!waited.ok) return waited.result;
    vars.poll = waited.polled;
    holder = waited.polled;
    if (protocol.result) {
      const got = await askAgain(() => send(protocol.result!, 'result'), askAgainPolicy);
      if (!got.ok) return got.error.category === 'cancelled' ? got : final(got.error);
      holder = got.value;
    }
    resultUrl = mediaUrl(getPath(holder, protocol.resultUrlPath));
    if (resultUrl === undefined) {
      const missing = missingMedia(holder, protocol, who);
      await ledger?.record('failed', { message: missing.message });
      return final(missing);
    }
    await ledger?.record('result-ready', { resultUrls: [resultUrl], resultExpiresAt: expiryAfter(protocol.resultUrlTtlMs) });
  }
  // Result URLs are pre-signed, often on another host: no API key goes there, unless downloadHeaders
  // says so for the service's own host. A failed download is asked again while the URL is valid; the
  // job is not paid for again.
  const url = resultUrl;
  const download = {
    headers: downloadHeaders(protocol, url, headerVars()),
    signal,
    timeoutMs: config.requestTimeoutMs,
    maxBytes: config.maxBytes,
    secrets,
  };
  const media = await askAgain(() => httpBytes(url, { ...download, what: `${who}: download` }), askAgainPolicy);
  if (!media.ok) return media.error.category === 'cancelled' ? media : final(media.error);
  const checked = await checkMedia(media.value, protocol.modality, `${who}: job ${jobId}`);
  if (!checked.ok) return final(checked.error);
  const cost = protocol.costPath && holder !== undefined ? Number(getPath(holder, protocol.costPath)) : NaN;
  return { ...checked, costUsd: Number.isFinite(cost) ? cost : job.priceUsd, providerIds: { jobId } };
}

/**
 * Polls until the job is done. A failed status request is asked again (`maxPollErrors` in a row);
 * a job past `maxWaitMs` is cancelled where the protocol can, and stays in the ledger where it cannot.
 */
async function waitForJob(
  job: Job,
  jobId: string,
  sender: JobSender,
  ctx: GeneratorContext,
): Promise<{ ok: true; polled: unknown } | { ok: false; result: GenerationResult }> {
  const { config, protocol, who, clock } = job;
  const send = sender.send;
  const { signal, ledger } = ctx;
  const final = (e: GenerationError) => ({ ok: false as const, result: finalFailure(e, `job ${jobId}`) });
  const deadline = clock.now() + config.maxWaitMs;
  let errorsInARow = 0;
  let first = true;
  for (;;) {
    if (signal.aborted) return { ok: false, result: failure('cancelled', `${who}: stopped while job ${jobId} runs at the service`, false) };
    if (first) await ledger?.record('polling');
    first = false;
    const got = await send(protocol.poll, 'status');
    if (!got.ok) {
      if (got.error.category === 'cancelled') return { ok: false, result: got };
      if (!TRANSIENT.has(got.error.category) || ++errorsInARow > config.maxPollErrors) return final(got.error);
      await clock.sleep(Math.max(backoffMs(config.pollIntervalMs, errorsInARow), got.error.retryAfterMs ?? 0), signal);
      continue;
    }
    errorsInARow = 0;
    const state = jobState(got.value, protocol);
    if (state === undefined)
      return final({ category: 'invalid-output', message: `${who}: no status at ${protocol.statusPath}`, retryable: false });
    const { status } = state;
    if (state.done) return { ok: true, polled: got.value };
    if (state.failed) {
      const why = protocol.errorPaths
        .map((p) => getPath(got.value, p))
        .filter((v) => v !== undefined && v !== null && v !== '')
        .map(String)
        .join(': ');
      const refused = isRefusal(why, protocol);
      const message = `${who}: job ${jobId} ${status}${why ? `: ${why.slice(0, 300)}` : ''}`;
      await ledger?.record('failed', { message });
      // A failed job is not billed by these services, so the scheduler may try again unless it was refused.
      return { ok: false, result: failure(refused ? 'refused' : 'server', message, !refused) };
    }
    if (clock.now() >= deadline) {
      const cancelled = await cancelAtService(protocol, sender);
      if (cancelled.ok) await ledger?.record('cancelled', { message: `cancelled after ${config.maxWaitMs} ms` });
      const said = cancelled.ok ? 'cancelled at the service, and not created again' : cancelled.said;
      const message = `${who}: not finished after ${config.maxWaitMs} ms (last status ${status}); ${said}`;
      // A cancelled job is over: `cancelled` is never made again on resume. One still running is picked up by the next resume.
      return final({ category: cancelled.ok ? 'cancelled' : 'timeout', message, retryable: false });
    }
    await clock.sleep(config.pollIntervalMs, signal);
  }
}

/** A URL given as a string, the first of a list, or an object's `url`. */
function mediaUrl(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (Array.isArray(value)) return mediaUrl(value[0]);
  if (value !== null && typeof value === 'object') return mediaUrl((value as { url?: unknown }).url);
  return undefined;
}

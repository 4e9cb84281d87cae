import { type CancelOutcome, hostAndPath, httpJson, type HttpOutcome } from '../../core/types/index.js';
import type { PollClock } from '../adapter-common.js';
import type { AsyncJobConfig } from './config.js';
import type { JobProtocol, JobStep } from './protocol.js';
import { fillTemplate } from '../http/json-template.js';
import { checkServiceCode, errorBodyReader } from '../http/service-errors.js';
import { jobState } from './job-answers.js';

/** One generator's job API as the job runner and `loupe jobs cancel` talk to it. */
export interface Job {
  config: AsyncJobConfig;
  protocol: JobProtocol;
  who: string;
  clock: PollClock;
  apiKey: string | undefined;
  /** The config's price of one job, recorded when the service does not report the cost. */
  priceUsd: number | undefined;
  /** Made again for each request where the service wants a fresh signed token (Kling's JWT); it then fills {{apiKey}} in headers. */
  token?: () => string;
}

/** A request to the service's own endpoints (create, status, result, cancel). */
export interface JobSender {
  /** `allowEmpty`: an empty answer (a 204 to a DELETE) is `null`, not an error. */
  send(step: JobStep, what: string, allowEmpty?: boolean): Promise<HttpOutcome<unknown>>;
  /** The step's URL with the job's values filled in. */
  urlOf(step: JobStep): string;
}

/**
 * Sends a protocol's steps with the templates filled from `vars` ({{prompt}}, {{id}},
 * {{create.<path>}}, {{poll.<path>}}: `vars` may gain values between two requests). The API key
 * goes only in headers, as a fresh token for each request where the protocol signs one.
 */
export function jobSender(job: Job, vars: Record<string, unknown>, signal: AbortSignal): JobSender {
  const { config, protocol, who } = job;
  const secrets = job.apiKey ? [job.apiKey] : [];
  const bodyVars = () => {
    const { apiKey: _k, ...rest } = vars;
    return rest;
  };
  const urlOf = (step: JobStep) => String(fillTemplate(step.url, bodyVars()));
  return {
    urlOf,
    async send(step, what, allowEmpty = false) {
      const headerVars = job.token ? { ...vars, apiKey: job.token() } : vars;
      const headers = fillTemplate({ ...protocol.headers, ...step.headers }, headerVars) as Record<string, string>;
      const json = step.body === undefined ? undefined : fillTemplate(step.body, bodyVars());
      const answer = await httpJson(urlOf(step), {
        method: step.method,
        headers,
        json,
        signal,
        timeoutMs: config.requestTimeoutMs,
        secrets,
        what: `${who}: ${what}`,
        categorise: errorBodyReader(protocol),
        allowEmpty,
      });
      return answer.ok ? checkServiceCode(answer, protocol, protocol.errorPaths[0], `${who}: ${what}`) : answer;
    },
  };
}

/**
 * Sends the protocol's cancel request for the job whose id (and create answer) `sender` fills in:
 * when a job passes its wait limit, and from `loupe jobs cancel` for a job a stopped run left.
 * Says what happened and names the request when it failed. A cancel answer that shows the job
 * done (Replicate answers a finished prediction as it is) did not cancel it: it is billed, and a
 * resume downloads it.
 */
export async function cancelAtService(protocol: JobProtocol, sender: JobSender): Promise<CancelOutcome> {
  const step = protocol.cancel;
  if (!step) return { ok: false, said: 'this service has no cancel request: the job is left to finish, and a resume picks it up' };
  const where = `${step.method ?? (step.body === undefined ? 'GET' : 'POST')} ${hostAndPath(sender.urlOf(step))}`;
  // Runway answers a DELETE with 204 and no body.
  const sent = await sender.send(step, 'cancel', true);
  if (!sent.ok) return { ok: false, said: `the cancel request ${where} failed (${sent.error.message}); a resume picks the job up` };
  const state = jobState(sent.value, protocol);
  if (state?.done)
    return { ok: false, said: `the job had already finished (status ${state.status}): it is billed, and a resume downloads it` };
  return { ok: true, said: `cancelled at the service (${where})` };
}

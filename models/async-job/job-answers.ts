import type { GenerationError } from '../../core/types/index.js';
import { fillTemplate, getPath } from '../http/json-template.js';
import type { JobProtocol } from './protocol.js';

/** How the job runner reads a service's answers: a job's state, why its media is missing, what its download needs. */

export interface JobState {
  status: string;
  done: boolean;
  failed: boolean;
}

/**
 * The state in a status answer, or undefined when it has none. A status may be a boolean or a
 * number (a Google operation's `done`), an absent one takes `defaultStatus`, and a value at
 * `failedPath` fails the job whatever its status (a Google operation ends done with an `error`).
 */
export function jobState(answer: unknown, protocol: JobProtocol): JobState | undefined {
  if (protocol.failedPath !== undefined && present(getPath(answer, protocol.failedPath)))
    return { status: 'failed', done: false, failed: true };
  const raw = getPath(answer, protocol.statusPath) ?? protocol.defaultStatus;
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return undefined;
  const status = String(raw);
  return { status, done: protocol.doneValues.includes(status), failed: protocol.failedValues.includes(status) };
}

/** A done job without a media URL: a refusal when the service says its filter withheld the media, otherwise an answer Loupe cannot read. */
export function missingMedia(answer: unknown, protocol: JobProtocol, who: string): GenerationError {
  const reasons = protocol.filteredPath === undefined ? undefined : getPath(answer, protocol.filteredPath);
  if (present(reasons)) {
    const text = Array.isArray(reasons) ? reasons.map(String).join('; ') : typeof reasons === 'string' ? reasons : JSON.stringify(reasons);
    return { category: 'refused', message: `${who}: the service's filter withheld the media: ${text.slice(0, 300)}`, retryable: false };
  }
  return { category: 'invalid-output', message: `${who}: no media URL at ${protocol.resultUrlPath}`, retryable: false };
}

/**
 * The headers of the media download: none, unless the protocol names some (a Gemini file URI needs
 * the API key) and the media URL is on the origin of the create request, so that no key is sent to
 * a storage host. A redirect of that download keeps them, as fetch drops only `Authorization` on a
 * redirect to another origin.
 */
export function downloadHeaders(protocol: JobProtocol, mediaUrl: string, vars: Record<string, unknown>): Record<string, string> {
  if (protocol.downloadHeaders === undefined) return {};
  const { apiKey: _k, ...plain } = vars;
  if (origin(mediaUrl) !== origin(String(fillTemplate(protocol.create.url, plain)))) return {};
  return fillTemplate(protocol.downloadHeaders, vars) as Record<string, string>;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

function origin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

// Outbound HTTP for every room that talks to a service (generators in models/, judges in metrics/).
export {
  DEFAULT_JSON_MAX_BYTES,
  DEFAULT_MEDIA_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  hostAndPath,
  httpBytes,
  httpJson,
  USER_AGENT,
  type HttpOutcome,
  type HttpRequest,
} from './client.js';
export { classifyStatus, excerpt, failure, looksRefused, parseRetryAfter, redact } from './errors.js';

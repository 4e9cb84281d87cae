import type { JwtAuth } from '../http/jwt.js';
import type { ServiceErrors } from '../http/service-errors.js';

/** The shape of a job API (create → poll → download) that every preset builds and the job runner follows. */

export interface JobStep {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Services that put an error code in their answers (MiniMax's base_resp, Kling's code) or word their
 * refusals their own way: `codePath`, `okCode`, `codeCategories`, `messagePath` and `refusedPattern`
 * (models/http/service-errors.ts), read in every answer of the service, error answers included.
 */
export interface JobProtocol extends ServiceErrors {
  modality: 'image' | 'video';
  apiKeyEnv?: string;
  /** A bearer token the client signs (Kling): {{apiKey}} in headers is then a fresh HS256 JWT made for each request from these two keys. */
  jwt?: JwtAuth;
  /** Header templates sent to the service's own endpoints (never to result URLs); {{apiKey}} is the key. */
  headers: Record<string, string>;
  create: JobStep;
  /** Where the job id is in the create answer. */
  idPath: string;
  /** Templates may use {{id}}, {{create.<path>}} (the create answer) and, for `result`, {{poll.<path>}}. */
  poll: JobStep;
  /** A string, number or boolean (a Google operation's `done`), compared as text with doneValues and failedValues. */
  statusPath: string;
  /** The status when statusPath is absent: a Google long-running operation leaves `done` out until it is true. */
  defaultStatus?: string;
  /** A path whose presence means the job failed whatever its status (a Google operation is done with an `error`). */
  failedPath?: string;
  doneValues: string[];
  failedValues: string[];
  /** Paths joined into the error message of a failed job (code, message). */
  errorPaths: string[];
  /** A second request after the job is done that holds the result (fal's response URL, MiniMax's file retrieval). */
  result?: JobStep;
  /** Where the media URL is, in the result answer (or the last poll answer when there is no `result`). */
  resultUrlPath: string;
  /** When the done answer has no media URL: where the service says why its filter withheld the media (Veo's raiMediaFilteredReasons); a value there makes the failure a refusal. */
  filteredPath?: string;
  /** Header templates for the media download, sent only when the media URL has the origin of the create request (a Gemini file URI wants the API key). */
  downloadHeaders?: Record<string, string>;
  /** The cost in US dollars, when the service reports it. */
  costPath?: string;
  /** The request that stops a job at the service, where the protocol has one; sent when a job passes its wait limit or by `loupe jobs cancel`. */
  cancel?: JobStep;
  /** How long the service keeps a finished job's result URL; a resume past it polls the job again for a fresh one. */
  resultUrlTtlMs?: number;
}

/** What a config gives a preset: the model, another host, and the model's parameters. */
export interface PresetInput {
  model: string;
  baseUrl?: string;
  params: Record<string, unknown>;
}

export type Preset = { description: string; build(input: PresetInput): JobProtocol };

export const bearer = { authorization: 'Bearer {{apiKey}}' };

import { z } from 'zod';
import { type ErrorCategory, type HttpOutcome, failure, looksRefused } from '../../core/types/index.js';
import { getPath } from './json-template.js';

/**
 * How a service reports errors in its own words, beside the HTTP status: an error code at a path of
 * its answers (Kling's `code`, Zhipu's `error.code`, MiniMax's `base_resp.status_code`) and the
 * phrases of its refusals. Shared by the `http` and `async-job` adapters.
 */
export interface ServiceErrors {
  /** Where the code is, in a 2xx answer and in the JSON body of an error answer. */
  codePath?: string;
  /** The code of success; a 2xx answer with any other code is an error. Default "0". */
  okCode?: string;
  /** What each code means; a code listed here decides the category over the HTTP status. */
  codeCategories?: Record<string, CodeCategory>;
  /** Where the message that goes with a code is (Kling's top-level `message`); otherwise the adapter's own error path. */
  messagePath?: string;
  /** A regular expression (case-insensitive) that marks an error text as a refusal, beside the common words. */
  refusedPattern?: string;
}

export type CodeCategory = Extract<ErrorCategory, 'rate-limit' | 'auth' | 'refused' | 'bad-request' | 'server'>;

/** The config fields of `ServiceErrors`, for both adapters' schemas. */
export const serviceErrorFields = {
  codePath: z.string().optional(),
  okCode: z.string().optional(),
  codeCategories: z.record(z.string(), z.enum(['rate-limit', 'auth', 'refused', 'bad-request', 'server'])).optional(),
  messagePath: z.string().optional(),
  refusedPattern: z
    .string()
    .refine((p) => compiles(p), 'a regular expression')
    .optional(),
};

const retryableCategory = (c: ErrorCategory): boolean => c === 'rate-limit' || c === 'server';

/** A refusal by the common words of content filters or by the service's own pattern. */
export function isRefusal(text: string, errors: ServiceErrors): boolean {
  return looksRefused(text) || (errors.refusedPattern !== undefined && new RegExp(errors.refusedPattern, 'i').test(text));
}

/**
 * Reads the body of an error answer (4xx, 5xx) the service's way, for `HttpRequest.categorise`: a
 * listed code, or a refusal, wins over the category of the HTTP status (Kling and Zhipu answer a
 * content-filter refusal with HTTP 400 and code 1301; Kling answers an empty balance with 429).
 */
export function errorBodyReader(errors: ServiceErrors): ((body: string) => ErrorCategory | undefined) | undefined {
  if (errors.codePath === undefined && errors.refusedPattern === undefined) return undefined;
  return (body) => {
    if (errors.codePath !== undefined) {
      const code = getPath(parseJson(body), errors.codePath);
      const listed = code === undefined || code === null ? undefined : errors.codeCategories?.[String(code)];
      if (listed !== undefined) return listed;
    }
    return errors.refusedPattern !== undefined && isRefusal(body, errors) ? 'refused' : undefined;
  };
}

/** A 2xx answer that carries an error code other than `okCode` in its body is an error of that code's category. */
export function checkServiceCode(
  answer: HttpOutcome<unknown> & { ok: true },
  errors: ServiceErrors,
  fallbackMessagePath: string | undefined,
  what: string,
): HttpOutcome<unknown> {
  if (errors.codePath === undefined) return answer;
  const code = getPath(answer.value, errors.codePath);
  if (code === undefined || code === null || String(code) === (errors.okCode ?? '0')) return answer;
  const messagePath = errors.messagePath ?? fallbackMessagePath;
  const text = messagePath === undefined ? undefined : getPath(answer.value, messagePath);
  const message = `${what}: the service answered code ${String(code)}: ${String(text ?? '')}`.slice(0, 400);
  const category = errors.codeCategories?.[String(code)] ?? (isRefusal(message, errors) ? 'refused' : 'server');
  return failure(category, message, retryableCategory(category));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

import { type GenerationError, type GenerationResult } from '../../core/types/index.js';

export const failed = (error: GenerationError): GenerationResult => ({ ok: false, error });

/**
 * A failure after the service made something that may be billed (a job, a queued prompt, an image):
 * never sent again by the scheduler, and the note names what exists at the service.
 */
export function finalFailure(error: GenerationError, note: string): { ok: false; error: GenerationError } {
  return { ok: false, error: { ...error, retryable: false, message: `${error.message} (${note})` } };
}

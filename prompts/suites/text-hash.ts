import { createHash } from 'node:crypto';
import type { Prompt } from '../../core/types/index.js';

/** A short fingerprint of a set's prompts: any change of wording, id, tag or expectation changes it. */
export function textHash(prompts: readonly Prompt[]): string {
  return createHash('sha256').update(JSON.stringify(prompts)).digest('hex').slice(0, 16);
}

import type { PromptSet } from '../prompt.js';

export interface StoredPromptSet {
  set: PromptSet;
  /** sha256 of the canonical JSON of the set: a changed wording under the same version is refused. */
  contentHash: string;
  source: string;
  createdAt: string;
}

/** Prompt sets, kept by id and version so that every run can name the exact wording it sent. */
export interface PromptSetStore {
  /** Stores a prompt set version. The same content again is a no-op; different content under an existing id and version throws. */
  putPromptSet(set: PromptSet, source: string): Promise<{ created: boolean }>;
  getPromptSet(id: string, version?: number): Promise<StoredPromptSet | undefined>;
  listPromptSets(): Promise<StoredPromptSet[]>;
}

export interface RunRecord {
  id: string;
  /** The validated config the run was started with, secrets never included. */
  config: unknown;
  status: 'planned' | 'generating' | 'scoring' | 'done' | 'interrupted';
  createdAt: string;
  updatedAt: string;
}

export interface RunStore {
  /** Creates the run or returns the existing one with this id (a resume). */
  openRun(id: string, config: unknown): Promise<{ run: RunRecord; resumed: boolean }>;
  getRun(id: string): Promise<RunRecord | undefined>;
  listRuns(): Promise<RunRecord[]>;
  setRunStatus(id: string, status: RunRecord['status']): Promise<void>;
}

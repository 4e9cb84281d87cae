export interface StudyRecord {
  id: string;
  runId: string;
  name: string;
  mode: 'likert' | 'pairwise';
  config: unknown;
  status: 'open' | 'closed';
  createdAt: string;
  /**
   * Counts the changes of `config` (each `extendStudy` adds one): read with the status alone by
   * `getStudyStatus`, it tells a server whether the config it parsed earlier is still current.
   */
  configVersion: number;
}

export interface AssignmentRecord {
  id: string;
  studyId: string;
  raterId: string;
  /** A generation key (likert) or two keys joined by "|" (pairwise). */
  item: string;
  position: number;
  kind: 'normal' | 'gold' | 'repeat';
  createdAt: string;
}

/** Rating campaigns and which rater sees which item in which order. */
export interface StudyStore {
  createStudy(study: Omit<StudyRecord, 'createdAt' | 'configVersion'>): Promise<StudyRecord>;
  getStudy(id: string): Promise<StudyRecord | undefined>;
  /** A study's status and config version without its config (which can be large): what a server checks on every request. */
  getStudyStatus(id: string): Promise<Pick<StudyRecord, 'status' | 'configVersion'> | undefined>;
  listStudies(): Promise<StudyRecord[]>;
  setStudyStatus(id: string, status: StudyRecord['status']): Promise<void>;
  addAssignments(assignments: readonly Omit<AssignmentRecord, 'createdAt'>[]): Promise<void>;
  /**
   * Replaces a study's config and adds assignments in one transaction, only while its config is
   * still `from` (compared as JSON): of two processes extending a study at once, one does and the
   * other gets false, so nothing is handed out twice. Throws for an unknown study.
   */
  extendStudy(
    id: string,
    change: { from: unknown; to: unknown; assignments: readonly Omit<AssignmentRecord, 'createdAt'>[] },
  ): Promise<boolean>;
  listAssignments(filter: { studyId: string; raterId?: string }): Promise<AssignmentRecord[]>;
}

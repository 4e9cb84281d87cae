import {
  type CoordinatorLinkStore,
  type PromptSet,
  type PromptQuestionStore,
  type PromptQuestionsKey,
  type StoredPromptQuestions,
  type AssignmentRecord,
  type GenerationFilter,
  type GenerationOutcome,
  type GenerationStore,
  type Budget,
  type LedgerChange,
  type LedgerFilter,
  type LedgerOpen,
  type LedgerStore,
  type NewRating,
  type PlannedGeneration,
  type PromptSetStore,
  type RatingStore,
  type RunRecord,
  type RunStore,
  type ScoreRecord,
  type ScoreStore,
  type ServedItem,
  type Store,
  type StudyRecord,
  type StudyStore,
} from '../../types/index.js';

/** One backend's implementation of each entity's part of the `Store`. */
export interface EntityStores {
  promptSets: PromptSetStore;
  runs: RunStore;
  generations: GenerationStore;
  ledger: LedgerStore;
  scores: ScoreStore;
  studies: StudyStore;
  ratings: RatingStore;
  coordinatorLink: CoordinatorLinkStore;
  promptQuestions: PromptQuestionStore;
}

/**
 * A `Store` made of one backend's entity stores: each call goes to the entity it is about, so a
 * backend keeps each entity's queries in its own file and only opening, closing and the schema
 * version in its `store.ts`.
 */
export abstract class ComposedStore implements Store {
  abstract readonly kind: string;
  abstract close(): Promise<void>;
  abstract schemaVersion(): Promise<number>;

  constructor(private readonly entities: EntityStores) {}

  putPromptSet(set: PromptSet, source: string) {
    return this.entities.promptSets.putPromptSet(set, source);
  }

  getPromptSet(id: string, version?: number) {
    return this.entities.promptSets.getPromptSet(id, version);
  }

  listPromptSets() {
    return this.entities.promptSets.listPromptSets();
  }

  openRun(id: string, config: unknown) {
    return this.entities.runs.openRun(id, config);
  }

  getRun(id: string) {
    return this.entities.runs.getRun(id);
  }

  listRuns() {
    return this.entities.runs.listRuns();
  }

  setRunStatus(id: string, status: RunRecord['status']) {
    return this.entities.runs.setRunStatus(id, status);
  }

  planGenerations(runId: string, planned: readonly PlannedGeneration[]) {
    return this.entities.generations.planGenerations(runId, planned);
  }

  claimGeneration(key: string, owner: string) {
    return this.entities.generations.claimGeneration(key, owner);
  }

  releaseClaim(key: string, owner: string) {
    return this.entities.generations.releaseClaim(key, owner);
  }

  releaseClaims(owner?: string) {
    return this.entities.generations.releaseClaims(owner);
  }

  finishGeneration(key: string, outcome: GenerationOutcome) {
    return this.entities.generations.finishGeneration(key, outcome);
  }

  getGeneration(key: string) {
    return this.entities.generations.getGeneration(key);
  }

  generationStates(keys: readonly string[]) {
    return this.entities.generations.generationStates(keys);
  }

  listGenerations(filter?: GenerationFilter) {
    return this.entities.generations.listGenerations(filter);
  }

  countGenerations(runId: string) {
    return this.entities.generations.countGenerations(runId);
  }

  openLedgerEntry(entry: LedgerOpen) {
    return this.entities.ledger.openLedgerEntry(entry);
  }

  reserveLedgerEntry(entry: LedgerOpen, budget: Budget) {
    return this.entities.ledger.reserveLedgerEntry(entry, budget);
  }

  updateLedgerEntry(id: number, change: LedgerChange) {
    return this.entities.ledger.updateLedgerEntry(id, change);
  }

  listLedger(filter?: LedgerFilter) {
    return this.entities.ledger.listLedger(filter);
  }

  putScores(scores: readonly Omit<ScoreRecord, 'createdAt'>[]) {
    return this.entities.scores.putScores(scores);
  }

  listScores(filter?: { runId?: string; metricId?: string }) {
    return this.entities.scores.listScores(filter);
  }

  createStudy(study: Omit<StudyRecord, 'createdAt' | 'configVersion'>) {
    return this.entities.studies.createStudy(study);
  }

  getStudy(id: string) {
    return this.entities.studies.getStudy(id);
  }

  getStudyStatus(id: string) {
    return this.entities.studies.getStudyStatus(id);
  }

  listStudies() {
    return this.entities.studies.listStudies();
  }

  setStudyStatus(id: string, status: StudyRecord['status']) {
    return this.entities.studies.setStudyStatus(id, status);
  }

  addAssignments(assignments: readonly Omit<AssignmentRecord, 'createdAt'>[]) {
    return this.entities.studies.addAssignments(assignments);
  }

  extendStudy(id: string, change: { from: unknown; to: unknown; assignments: readonly Omit<AssignmentRecord, 'createdAt'>[] }) {
    return this.entities.studies.extendStudy(id, change);
  }

  listAssignments(filter: { studyId: string; raterId?: string }) {
    return this.entities.studies.listAssignments(filter);
  }

  addRating(rating: NewRating) {
    return this.entities.ratings.addRating(rating);
  }

  addRatings(ratings: readonly NewRating[]) {
    return this.entities.ratings.addRatings(ratings);
  }

  listRatings(filter: { studyId: string; raterId?: string }) {
    return this.entities.ratings.listRatings(filter);
  }

  getRaterState(studyId: string, raterId: string) {
    return this.entities.ratings.getRaterState(studyId, raterId);
  }

  markServed(item: Omit<ServedItem, 'firstServedAt'>, at: string) {
    return this.entities.ratings.markServed(item, at);
  }

  listServed(filter: { studyId: string; raterId?: string }) {
    return this.entities.ratings.listServed(filter);
  }

  getCoordinatorTokenHash() {
    return this.entities.coordinatorLink.getCoordinatorTokenHash();
  }

  createCoordinatorTokenHash(hash: string) {
    return this.entities.coordinatorLink.createCoordinatorTokenHash(hash);
  }

  replaceCoordinatorTokenHash(hash: string) {
    return this.entities.coordinatorLink.replaceCoordinatorTokenHash(hash);
  }

  putPromptQuestions(entry: Omit<StoredPromptQuestions, 'createdAt'>) {
    return this.entities.promptQuestions.putPromptQuestions(entry);
  }

  getPromptQuestions(key: PromptQuestionsKey) {
    return this.entities.promptQuestions.getPromptQuestions(key);
  }

  listPromptQuestions(filter: { promptSetId: string; promptSetVersion?: number }) {
    return this.entities.promptQuestions.listPromptQuestions(filter);
  }
}

/** What a rater has chosen on the current item, kept in the browser so a reload loses nothing. */
export interface Draft {
  values: Record<string, string>;
  /** When the item was first shown (epoch ms): the time taken survives a reload. */
  startedAt: number;
  /** Indices of the videos that have played to the end. */
  watched: number[];
  /** Sent with the answers: a resend after a lost reply or a reload is stored once. */
  submissionId: string;
}

const key = (assignmentId: string) => `loupe.draft.${assignmentId}`;

export function loadDraft(assignmentId: string): Draft {
  try {
    const saved = JSON.parse(localStorage.getItem(key(assignmentId)) ?? 'null') as Draft | null;
    if (saved && typeof saved.startedAt === 'number' && saved.values && Array.isArray(saved.watched))
      return { ...saved, submissionId: saved.submissionId ?? newSubmissionId() };
  } catch {
    // a damaged draft starts the item again
  }
  const fresh: Draft = { values: {}, startedAt: Date.now(), watched: [], submissionId: newSubmissionId() };
  saveDraft(assignmentId, fresh);
  return fresh;
}

export function saveDraft(assignmentId: string, draft: Draft): void {
  localStorage.setItem(key(assignmentId), JSON.stringify(draft));
}

export function clearDraft(assignmentId: string): void {
  localStorage.removeItem(key(assignmentId));
}

/** 128 random bits as hex. getRandomValues, unlike randomUUID, also works on a plain-http lab address. */
function newSubmissionId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

import type { RatingSubmission } from '../shared/index.js';
import type { UiLang } from './i18n.js';

/** A rater finished an item (scores, votes, or "cannot rate"); the rater view sends it. */
export class RatingSubmittedEvent extends Event {
  static readonly type = 'loupe-rating-submitted';
  constructor(readonly submission: RatingSubmission) {
    super(RatingSubmittedEvent.type, { bubbles: true, composed: true });
  }
}

/** A scale's value changed, or focus should move to the previous or next scale. */
export class ScaleChangeEvent extends Event {
  static readonly type = 'loupe-scale-change';
  constructor(
    readonly name: string,
    readonly value: string | null,
    readonly move: -1 | 0 | 1 = 0,
  ) {
    super(ScaleChangeEvent.type, { bubbles: true, composed: true });
  }
}

export class LangChangeEvent extends Event {
  static readonly type = 'loupe-lang-change';
  constructor(readonly lang: UiLang) {
    super(LangChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [RatingSubmittedEvent.type]: RatingSubmittedEvent;
    [ScaleChangeEvent.type]: ScaleChangeEvent;
    [LangChangeEvent.type]: LangChangeEvent;
  }
}

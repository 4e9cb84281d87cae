import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { SessionView } from '../shared/index.js';
import { api, ApiError } from './api-client.js';
import { clearDraft } from './draft.js';
import { RatingSubmittedEvent } from './events.js';
import { STRINGS, type UiLang } from './i18n.js';
import './loupe-item.js';
import './loupe-start-page.js';
import { baseStyles } from './shared-styles.js';

/** Suggest a break after this long rating without one (ITU-R BT.500 keeps sessions under about half an hour). */
const BREAK_AFTER_MS = 30 * 60 * 1000;

/** The rater's page: start page, then one item at a time, progress, break hints, and the end. */
@customElement('loupe-rater')
export class LoupeRater extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .bar { height: 6px; background: #e3e0d8; border-radius: 3px; overflow: hidden; margin: 6px 0 16px; }
      .bar > div { height: 100%; background: #2b5fb4; }
      .row { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
      .notice { background: #eaf2ff; border: 1px solid #9bb9e8; padding: 8px 12px; border-radius: 6px; margin-bottom: 12px; display: flex; gap: 12px; align-items: center; }
      .error { background: #fde8e8; border-color: #e59a9a; }
    `,
  ];

  @property() token = '';
  @property() uiLang: UiLang = 'zh';
  @state() private session: SessionView | null = null;
  @state() private started = false;
  @state() private error = '';
  @state() private breakDue = false;
  @state() private busy = false;
  /** Whether the item on screen is the correction of the one rated last (`SessionView.correctable`). */
  @state() private correcting = false;
  private breakTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.started = sessionStorage.getItem(`loupe.started.${this.token}`) === '1';
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.breakTimer);
  }

  private async load(): Promise<void> {
    try {
      this.session = await api.session(this.token);
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private start(): void {
    this.started = true;
    sessionStorage.setItem(`loupe.started.${this.token}`, '1');
    this.scheduleBreak();
  }

  private scheduleBreak(): void {
    clearTimeout(this.breakTimer);
    this.breakDue = false;
    this.breakTimer = setTimeout(() => (this.breakDue = true), BREAK_AFTER_MS);
  }

  private async onSubmit(e: RatingSubmittedEvent): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const res = await api.submit(this.token, this.correcting ? { ...e.submission, correction: true } : e.submission);
      clearDraft(e.submission.assignmentId);
      this.error = '';
      this.correcting = false;
      this.session = res.session;
    } catch (err) {
      // The draft stays in the browser; nothing the rater chose is lost. A refusal says why, under a line in the rater's language.
      const refused = err instanceof ApiError && (err.status === 409 || err.status === 422);
      this.error = refused ? `${STRINGS[this.uiLang].refused}: ${err.message}` : `${STRINGS[this.uiLang].error}: ${(err as Error).message}`;
    } finally {
      this.busy = false;
    }
  }

  /** Offers the correction of the item rated last, or says one is under way (with a way back). */
  private correctionNotice(s: SessionView) {
    const t = STRINGS[this.uiLang];
    if (!s.correctable) return null;
    if (this.correcting)
      return html`<div class="notice correcting">${t.correcting}<button @click=${() => (this.correcting = false)}>${t.cancel}</button></div>`;
    return html`<div class="notice correction">${t.correctHint}<button class="correct" @click=${() => (this.correcting = true)}>${t.correct}</button></div>`;
  }

  override render() {
    const t = STRINGS[this.uiLang];
    const s = this.session;
    const error = this.error ? html`<div class="notice error" role="alert">${this.error}</div>` : null;
    if (!s) return html`${error}`;
    const progress = html`<div class="row"><span class="muted progress">${t.progress(s.done, s.total)}</span></div>
      <div class="bar"><div style="width:${s.total ? (100 * s.done) / s.total : 0}%"></div></div>`;
    const shown = this.correcting && s.correctable ? s.correctable : s.item;
    if (!shown) {
      return html`${error}${progress}${this.correctionNotice(s)}<div class="card done"><h2>${s.status === 'closed' && s.done < s.total ? t.closed : t.doneTitle}</h2><p>${t.doneText}</p></div>`;
    }
    if (!this.started) {
      return html`${error}<loupe-start-page .uiLang=${this.uiLang} .mode=${s.mode} .examples=${s.examples} ?resumed=${s.done > 0} @loupe-start=${this.start}></loupe-start-page>`;
    }
    return html`${error}${progress}
      ${this.breakDue ? html`<div class="notice break">${t.breakHint}<button @click=${this.scheduleBreak}>${t.dismiss}</button></div>` : null}
      ${this.correctionNotice(s)}
      <div class="card">${keyed(
        shown.assignmentId + (this.correcting ? '/correction' : ''),
        // A fresh element per item: no video state (loop, watched) carries over.
        html`<loupe-item .item=${shown} .mode=${s.mode} .uiLang=${this.uiLang} @loupe-rating-submitted=${this.onSubmit}></loupe-item>`,
      )}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loupe-rater': LoupeRater;
  }
}

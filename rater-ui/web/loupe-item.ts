import { LitElement, css, html } from 'lit';
import { customElement, property, queryAll, state } from 'lit/decorators.js';
import { type ItemView, CANNOT_RATE_REASONS, DIMENSIONS, type CannotRateReason } from '../shared/index.js';
import { loadDraft, saveDraft, type Draft } from './draft.js';
import { RatingSubmittedEvent, ScaleChangeEvent } from './events.js';
import { STRINGS, type UiLang } from './i18n.js';
import './loupe-media.js';
import { LoupeMedia, MediaWatchedEvent } from './loupe-media.js';
import './loupe-scale.js';
import type { LoupeScale } from './loupe-scale.js';
import { scaleText } from './scale-options.js';
import { baseStyles } from './shared-styles.js';

/**
 * One item: its media, the prompt, four scales (or A / tie / B votes), "cannot rate", and submit.
 * A pair of clips plays side by side, each on its own clock (the shorter one loops by itself), with
 * one control that plays or pauses both: nothing one clip does ever seeks the other.
 */
@customElement('loupe-item')
export class LoupeItem extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .media { display: grid; gap: 16px; grid-template-columns: repeat(var(--n), minmax(0, 1fr)); margin-bottom: 12px; }
      .prompt { font-size: 1.15em; margin: 8px 0 12px; }
      .prompt .text, .other { white-space: pre-wrap; }
      .prompt .label { font-size: 0.8em; }
      .other { margin-top: 4px; font-size: 0.95em; }
      .link { border: none; background: none; color: #2b5fb4; padding: 0; text-decoration: underline; }
      .scales { display: grid; gap: 4px; }
      .notice { background: #fff4d6; border: 1px solid #e7c76a; padding: 8px 12px; border-radius: 6px; margin: 8px 0; }
      .actions { display: flex; gap: 12px; margin-top: 12px; align-items: center; flex-wrap: wrap; }
      .keys { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 0.85em; margin: 4px 0; }
      :host([mode='pairwise']) .media { --loupe-media-max: 34vh; margin-bottom: 4px; }
      :host([mode='pairwise']) .prompt { margin: 4px 0; }
      .pair-play { margin: 0 auto 4px; display: block; }
    `,
  ];

  @property({ attribute: false }) item!: ItemView;
  @property({ reflect: true }) mode: 'likert' | 'pairwise' = 'likert';
  @property() uiLang: UiLang = 'zh';
  @state() private draft!: Draft;
  @state() private showOther = false;
  @state() private cannot = false;
  @state() private reason: CannotRateReason = 'media-broken';
  @state() private problem: 'watchFirst' | 'incomplete' | null = null;
  @state() private pairPaused = false;
  @queryAll('loupe-scale') private scales!: NodeListOf<LoupeScale>;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('item')) {
      // A reload in the middle of an item brings back its scores, clock and watched state.
      this.draft = loadDraft(this.item.assignmentId);
      this.showOther = false;
      this.cannot = false;
      this.problem = null;
    }
  }

  override firstUpdated(): void {
    this.addEventListener('keydown', (e) => {
      const target = e.composedPath()[0] as HTMLElement;
      if (e.key === 'Enter' && !['BUTTON', 'SELECT', 'TEXTAREA', 'VIDEO'].includes(target.tagName)) {
        e.preventDefault();
        this.submit();
      }
    });
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('item')) {
      this.dataset.assignment = this.item.assignmentId;
      this.scales[0]?.focus();
    }
  }

  private get videos(): number {
    return this.item.media.filter((m) => m.type === 'video').length;
  }

  private get unlocked(): boolean {
    return this.draft.watched.length >= this.videos;
  }

  private update_(patch: Partial<Draft>): void {
    this.draft = { ...this.draft, ...patch };
    saveDraft(this.item.assignmentId, this.draft);
  }

  private onScale(e: ScaleChangeEvent): void {
    const i = (DIMENSIONS as readonly string[]).indexOf(e.name);
    if (e.value !== null && e.value !== this.draft.values[e.name]) this.update_({ values: { ...this.draft.values, [e.name]: e.value } });
    if (e.move !== 0) this.scales[Math.min(this.scales.length - 1, Math.max(0, i + e.move))]?.focus();
  }

  private onWatched(e: MediaWatchedEvent): void {
    const i = [...this.renderRoot.querySelectorAll('loupe-media')].indexOf(e.target as LoupeMedia);
    if (!this.draft.watched.includes(i)) this.update_({ watched: [...this.draft.watched, i] });
    if (this.unlocked && this.problem === 'watchFirst') this.problem = null;
  }

  private togglePair(): void {
    this.pairPaused = !this.pairPaused;
    for (const m of this.renderRoot.querySelectorAll('loupe-media'))
      if (this.pairPaused) m.pause();
      else m.play();
  }

  private base() {
    const now = Date.now();
    return {
      assignmentId: this.item.assignmentId,
      submissionId: this.draft.submissionId,
      shownAt: new Date(this.draft.startedAt).toISOString(),
      answeredAt: new Date(now).toISOString(),
      timeMs: Math.max(0, now - this.draft.startedAt),
      watchedToEnd: this.videos > 0 ? this.unlocked : null,
    };
  }

  private submit(): void {
    if (!this.unlocked) return void (this.problem = 'watchFirst');
    const v = this.draft.values;
    if (!DIMENSIONS.every((d) => v[d] !== undefined)) return void (this.problem = 'incomplete');
    const picked = Object.fromEntries(DIMENSIONS.map((d) => [d, v[d]!]));
    this.dispatchEvent(
      new RatingSubmittedEvent(
        this.mode === 'likert'
          ? {
              ...this.base(),
              kind: 'likert',
              scores: Object.fromEntries(DIMENSIONS.map((d) => [d, Number(picked[d])])) as Record<(typeof DIMENSIONS)[number], number>,
            }
          : { ...this.base(), kind: 'pairwise', votes: picked as Record<(typeof DIMENSIONS)[number], 'A' | 'B' | 'tie'> },
      ),
    );
  }

  private sendCannotRate(): void {
    this.dispatchEvent(new RatingSubmittedEvent({ ...this.base(), kind: 'cannot-rate', reason: this.reason }));
  }

  override render() {
    const t = STRINGS[this.uiLang];
    const { prompt, media } = this.item;
    const isVideo = this.videos > 0;
    const pair = media.length === 2;
    return html`
      <div class="media" style="--n:${media.length}" @loupe-media-watched=${this.onWatched}>
        ${media.map((m, i) => html`<loupe-media .media=${m} tag=${pair ? t.sides[i]! : ''} .controls=${!pair}></loupe-media>`)}
      </div>
      ${pair && isVideo ? html`<button class="pair-play" @click=${this.togglePair}>${this.pairPaused ? t.playBoth : t.pauseBoth}</button>` : null}
      <div class="prompt" lang=${prompt.language}>
        <div class="label muted">${t.prompt}</div>
        <div class="text">${prompt.text}</div>
        ${
          prompt.other
            ? html`<button class="link" @click=${() => (this.showOther = !this.showOther)}>${this.showOther ? t.hideOther : t.showOther(prompt.other.language)}</button>
              ${this.showOther ? html`<div class="other" lang=${prompt.other.language}>${prompt.other.text}</div>` : null}`
            : null
        }
      </div>
      ${this.mode === 'pairwise' ? html`<div class="keys muted">${t.pairKeys.map((k) => html`<span>${k}</span>`)}</div>` : null}
      ${!this.unlocked ? html`<div class="notice watch">${t.watchFirst}</div>` : null}
      <div class="scales" @loupe-scale-change=${this.onScale}>
        ${DIMENSIONS.map((d) => {
          const s = scaleText(d, this.mode, isVideo, this.uiLang);
          return html`<loupe-scale name=${d} label=${s.label} help=${s.help} .options=${s.options}
            .value=${this.draft.values[d] ?? null} ?disabled=${!this.unlocked}></loupe-scale>`;
        })}
      </div>
      ${this.problem ? html`<div class="notice" role="alert">${t[this.problem]}</div>` : null}
      <div class="actions">
        <button class="primary" @click=${this.submit}>${t.submit}</button>
        <button @click=${() => (this.cannot = !this.cannot)}>${t.cannotRate}</button>
        ${
          this.cannot
            ? html`<select @change=${(e: Event) => (this.reason = (e.target as HTMLSelectElement).value as CannotRateReason)}>
                ${CANNOT_RATE_REASONS.map((r) => html`<option value=${r} ?selected=${r === this.reason}>${t.reasons[r]}</option>`)}
              </select>
              <button class="send-cannot" @click=${this.sendCannotRate}>${t.sendCannotRate}</button>`
            : null
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loupe-item': LoupeItem;
  }
}

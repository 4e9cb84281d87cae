import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { type SessionView, DIMENSIONS, type Dimension } from '../shared/index.js';
import { STRINGS, type UiLang } from './i18n.js';
import './loupe-media.js';
import { baseStyles } from './shared-styles.js';

/** Sent when the rater has read the instructions and starts. */
export class StartEvent extends Event {
  static readonly type = 'loupe-start';
  constructor() {
    super(StartEvent.type, { bubbles: true, composed: true });
  }
}

/** Instructions, the keyboard, and what each point of each scale means, with low- and high-scoring example media. */
@customElement('loupe-start-page')
export class LoupeStartPage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      ul { padding-left: 20px; }
      table { border-collapse: collapse; width: 100%; font-size: 0.92em; margin: 8px 0 16px; }
      th, td { border: 1px solid #e3e0d8; padding: 6px 8px; text-align: left; vertical-align: top; }
      th { background: #f1efe9; }
      .keys { display: flex; flex-wrap: wrap; gap: 8px 20px; margin: 8px 0 16px; }
      .start { font-size: 1.1em; padding: 10px 24px; }
      figure { margin: 8px 0 0; }
      figure loupe-media { --loupe-media-max: 110px; }
      figcaption { font-size: 0.85em; color: #6b6b70; margin-top: 2px; text-align: center; }
    `,
  ];

  @property() uiLang: UiLang = 'zh';
  @property() mode: 'likert' | 'pairwise' = 'likert';
  @property({ attribute: false }) examples: SessionView['examples'] = {};
  @property({ type: Boolean }) resumed = false;

  override firstUpdated(): void {
    // Enter starts at once: the whole session works from the keyboard.
    this.renderRoot.querySelector<HTMLButtonElement>('button.start')?.focus();
  }

  /** The low example under point 1, the high one under point 5. */
  private example(d: Dimension, point: number) {
    const e = this.examples[d];
    const side = point === 0 ? 'low' : point === 4 ? 'high' : null;
    if (!e || !side) return null;
    return html`<figure class=${`example ${side}`}><loupe-media .media=${e[side]}></loupe-media><figcaption>${STRINGS[this.uiLang].examples[side]}</figcaption></figure>`;
  }

  override render() {
    const t = STRINGS[this.uiLang];
    return html`
      <div class="card">
        <h2>${t.instructions}</h2>
        <ul>${t.intro.map((p) => html`<li>${p}</li>`)}</ul>
        ${this.mode === 'pairwise' ? html`<p>${t.pairIntro}</p>` : null}
        <div class="keys muted">${(this.mode === 'pairwise' ? t.pairKeys : t.keys).map((k) => html`<span>${k}</span>`)}</div>
        ${
          this.mode === 'likert'
            ? html`<table>
              <thead><tr><th></th>${t.points.map((p, i) => html`<th>${i + 1} · ${p}</th>`)}</tr></thead>
              <tbody>
                ${DIMENSIONS.map((d) => {
                  const dim = t.dimensions[d];
                  return html`<tr data-dimension=${d}><th>${dim.name}${dim.imageName ? html`<br /><span class="muted">(${dim.imageName})</span>` : null}</th>${t.meanings[d].map((m, i) => html`<td>${m}${this.example(d, i)}</td>`)}</tr>`;
                })}
              </tbody>
            </table>
            ${Object.keys(this.examples).length > 0 ? html`<p class="muted note">${t.examples.note}</p>` : null}`
            : null
        }
        <button class="primary start" @click=${() => this.dispatchEvent(new StartEvent())}>${this.resumed ? t.continue : t.begin}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loupe-start-page': LoupeStartPage;
  }
  interface HTMLElementEventMap {
    [StartEvent.type]: StartEvent;
  }
}

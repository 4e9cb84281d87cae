import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ScaleChangeEvent } from './events.js';
import { baseStyles } from './shared-styles.js';

export interface ScaleOption {
  value: string;
  label: string;
  hint?: string;
}

/**
 * One labelled scale (5 points, or A / tie / B). Keys when focused: 1..n pick a point, Left and
 * Right step, Up and Down ask the parent to move focus; Tab moves on as usual.
 */
@customElement('loupe-scale')
export class LoupeScale extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { padding: 10px 12px; border-radius: 8px; border: 2px solid transparent; outline: none; }
      :host(:focus) { border-color: #f0a30a; background: #fffaf0; }
      :host([disabled]) { opacity: 0.5; }
      .head { display: flex; gap: 8px; align-items: baseline; margin-bottom: 6px; }
      .name { font-weight: 600; }
      .help { font-size: 0.85em; }
      .points { display: grid; grid-template-columns: repeat(var(--n), 1fr); gap: 6px; }
      .point { display: flex; flex-direction: column; align-items: center; padding: 6px 4px; font-size: 0.9em; }
      .point .k { font-weight: 700; font-size: 1.1em; }
      .point[aria-checked='true'] { background: #2b5fb4; border-color: #2b5fb4; color: #fff; }
    `,
  ];

  @property() name = '';
  @property() label = '';
  @property() help = '';
  @property({ type: Array }) options: ScaleOption[] = [];
  @property() value: string | null = null;
  @property({ type: Boolean, reflect: true }) disabled = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.tabIndex = 0;
    this.setAttribute('role', 'radiogroup');
    this.addEventListener('keydown', this.onKey);
  }

  override updated(): void {
    this.setAttribute('aria-label', this.label);
    this.setAttribute('aria-disabled', String(this.disabled));
  }

  private pick(value: string | null, move: -1 | 0 | 1 = 0): void {
    this.dispatchEvent(new ScaleChangeEvent(this.name, value, move));
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    const n = this.options.length;
    const at = this.options.findIndex((o) => o.value === this.value);
    if (/^[1-9]$/.test(e.key) && Number(e.key) <= n) {
      e.preventDefault();
      if (!this.disabled) this.pick(this.options[Number(e.key) - 1]!.value, 1);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = Math.min(n - 1, Math.max(0, at === -1 ? (e.key === 'ArrowRight' ? 0 : n - 1) : at + (e.key === 'ArrowRight' ? 1 : -1)));
      if (!this.disabled) this.pick(this.options[next]!.value);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.pick(this.value, e.key === 'ArrowDown' ? 1 : -1);
    }
  };

  override render() {
    return html`
      <div class="head"><span class="name">${this.label}</span><span class="help muted">${this.help}</span></div>
      <div class="points" style="--n:${this.options.length}">
        ${this.options.map(
          (
            o,
            i,
          ) => html`<button class="point" tabindex="-1" role="radio" aria-checked=${String(o.value === this.value)} ?disabled=${this.disabled}
            title=${o.hint ?? ''} @click=${() => this.pick(o.value)}><span class="k">${this.options.length === 5 ? i + 1 : o.label}</span><span>${this.options.length === 5 ? o.label : `(${i + 1})`}</span></button>`,
        )}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loupe-scale': LoupeScale;
  }
}

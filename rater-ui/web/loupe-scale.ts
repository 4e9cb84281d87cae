import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ScaleChangeEvent } from './events.js';
import { baseStyles } from './shared-styles.js';

export interface ScaleOption {
  value: string;
  label: string;
  /** The key that picks this option (and moves on to the next scale), shown on it. */
  key: string;
  hint?: string;
}

/**
 * One labelled scale, a radio group (WAI-ARIA APG pattern, roving tabindex): Tab enters at the
 * chosen option (else the first). Left and Right move the choice (from none, to that end), each
 * option's key picks it and moves on, Up and Down ask the parent to move focus, Space picks the
 * focused option.
 */
@customElement('loupe-scale')
export class LoupeScale extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { padding: 8px 12px; border-radius: 8px; border: 2px solid transparent; }
      :host(:focus-within) { border-color: #f0a30a; background: #fffaf0; }
      :host([disabled]) { opacity: 0.5; }
      .head { display: flex; gap: 8px; align-items: baseline; margin-bottom: 6px; }
      .name { font-weight: 600; }
      .help { font-size: 0.85em; }
      .points { display: grid; grid-template-columns: repeat(var(--n), 1fr); gap: 6px; }
      .point { display: flex; flex-direction: column; align-items: center; padding: 6px 4px; font-size: 0.9em; border: 1px solid #b9b6ae; border-radius: 6px; background: #fff; cursor: pointer; user-select: none; }
      .point:hover:not([aria-disabled='true']) { border-color: #5b5a56; }
      .point[aria-disabled='true'] { cursor: not-allowed; }
      .point .k { font-weight: 700; font-size: 1.1em; }
      .point[aria-checked='true'] { background: #2b5fb4; border-color: #2b5fb4; color: #fff; }
    `,
  ];

  /** A focus() from outside (another script world, a test tool) lands inside the group. */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  @property() name = '';
  @property() label = '';
  @property() help = '';
  @property({ type: Array }) options: ScaleOption[] = [];
  @property() value: string | null = null;
  @property({ type: Boolean, reflect: true }) disabled = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
  }

  /** Focuses the option Tab would reach: the chosen one, else the first (once rendered). */
  override focus(): void {
    const roving = () => this.renderRoot.querySelector<HTMLElement>('[role="radio"][tabindex="0"]')?.focus();
    if (this.hasUpdated) roving();
    else void this.updateComplete.then(roving);
  }

  private get at(): number {
    return this.options.findIndex((o) => o.value === this.value);
  }

  private pick(value: string | null, move: -1 | 0 | 1 = 0): void {
    this.dispatchEvent(new ScaleChangeEvent(this.name, value, move));
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const n = this.options.length;
    const byKey = this.options.find((o) => o.key.toLowerCase() === e.key.toLowerCase());
    const focused = (e.composedPath()[0] as HTMLElement).dataset.index;
    if (byKey) {
      e.preventDefault();
      if (!this.disabled) this.pick(byKey.value, 1);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const right = e.key === 'ArrowRight';
      const next = this.at === -1 ? (right ? n - 1 : 0) : Math.min(n - 1, Math.max(0, this.at + (right ? 1 : -1)));
      if (!this.disabled) this.pick(this.options[next]!.value);
    } else if (e.key === ' ' && focused !== undefined) {
      e.preventDefault();
      if (!this.disabled) this.pick(this.options[Number(focused)]!.value);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.pick(this.value, e.key === 'ArrowDown' ? 1 : -1);
    }
  };

  override updated(changed: Map<string, unknown>): void {
    // The choice moved by a key: focus follows it, as in a native radio group.
    if (changed.has('value') && this.value !== null && (this.renderRoot as ShadowRoot).activeElement) this.focus();
  }

  override render() {
    const roving = Math.max(0, this.at);
    return html`
      <div class="head"><span class="name" id="name">${this.label}</span><span class="help muted" id="help">${this.help}</span></div>
      <div class="points" role="radiogroup" aria-labelledby="name" aria-describedby="help" aria-disabled=${String(this.disabled)} style="--n:${this.options.length}">
        ${this.options.map(
          (o, i) =>
            html`<div class="point" role="radio" data-index=${i} data-value=${o.value} tabindex=${i === roving ? 0 : -1}
              aria-checked=${String(o.value === this.value)} aria-disabled=${String(this.disabled)} aria-keyshortcuts=${o.key}
              aria-label="${o.label} (${o.key.toUpperCase()})" title=${o.hint ?? ''} @click=${() => !this.disabled && this.pick(o.value)}><span class="k">${o.key.toUpperCase()}</span><span>${o.label}</span></div>`,
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

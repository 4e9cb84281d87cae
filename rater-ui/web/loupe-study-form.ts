import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DIMENSIONS, type CoordinatorOverview, type StudyCreated, type StudyCreateRequest } from '../shared/index.js';
import { api } from './api-client.js';
import { COORDINATOR_STRINGS } from './coordinator-strings.js';
import { STRINGS, type UiLang } from './i18n.js';
import { baseStyles } from './shared-styles.js';

/** Sent after a study was made, so the page lists it. */
export class StudyCreatedEvent extends Event {
  static readonly type = 'loupe-study-created';
  constructor(readonly created: StudyCreated) {
    super(StudyCreatedEvent.type, { bubbles: true, composed: true });
  }
}

type Run = CoordinatorOverview['runs'][number];
const GROUPS = ['generators', 'sets', 'categories'] as const;

/** The raw form values; the server validates them (the same schema as `loupe study create`). */
function readForm(form: FormData): StudyCreateRequest {
  const text = (k: string) => String(form.get(k) ?? '').trim();
  const num = (k: string) => (text(k) === '' ? Number.NaN : Number(text(k)));
  const ticked = (k: string) => (form.getAll(k).length > 0 ? form.getAll(k).map(String) : null);
  const examples: Record<string, { low: string; high: string }> = {};
  for (const d of DIMENSIONS) if (text(`${d}.low`) || text(`${d}.high`)) examples[d] = { low: text(`${d}.low`), high: text(`${d}.high`) };
  return {
    runId: text('runId'),
    ...(text('id') ? { id: text('id') } : {}),
    ...(text('name') ? { name: text('name') } : {}),
    mode: text('mode') as 'likert' | 'pairwise',
    raters: num('raters'),
    ratingsPerItem: num('ratingsPerItem'),
    goldRate: num('goldRate'),
    repeatRate: num('repeatRate'),
    perStratum: text('perStratum') === '' ? null : num('perStratum'),
    generators: ticked('generators'),
    sets: ticked('sets'),
    categories: ticked('categories'),
    examples,
    adaptive: null,
  };
}

/** The new-study form: run, mode, raters, rates, item selection, examples; the server's refusal names the field. */
@customElement('loupe-study-form')
export class LoupeStudyForm extends LitElement {
  static override styles = [
    baseStyles,
    css`
      form { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px 16px; align-items: end; }
      label { display: flex; flex-direction: column; gap: 4px; font-size: 0.9em; }
      input, select { padding: 4px 6px; font: inherit; }
      fieldset { grid-column: 1 / -1; border: 1px solid #e3e0d8; border-radius: 6px; display: flex; flex-wrap: wrap; gap: 6px 16px; }
      fieldset label { flex-direction: row; align-items: center; }
      details { grid-column: 1 / -1; }
      details .pair { display: grid; grid-template-columns: 12em 1fr 1fr; gap: 8px; margin-top: 6px; align-items: center; }
      [aria-invalid='true'] { outline: 2px solid #c0392b; }
      .go { grid-column: 1 / -1; justify-self: start; }
      .alert { grid-column: 1 / -1; color: #c0392b; }
    `,
  ];

  @property() token = '';
  @property() uiLang: UiLang = 'zh';
  @property({ attribute: false }) runs: Run[] = [];
  @state() private runId = '';
  @state() private error = '';

  private get run(): Run | undefined {
    return this.runs.find((r) => r.id === this.runId) ?? this.runs[0];
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    try {
      const created = await api.createStudy(this.token, readForm(new FormData(e.target as HTMLFormElement)));
      this.error = '';
      this.dispatchEvent(new StudyCreatedEvent(created));
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  /** The field the server named ("invalid request: raters: ..."), marked in the form. */
  private invalid(name: string): string {
    const field = /^invalid request: ([\w.-]+):/.exec(this.error)?.[1];
    return String(field === name || field?.startsWith(`${name}.`) === true);
  }

  override render() {
    const c = COORDINATOR_STRINGS[this.uiLang];
    const t = STRINGS[this.uiLang];
    const run = this.run;
    const field = (name: string, label: string, value: string, attrs: { step?: string; type?: string } = {}) =>
      html`<label>${label}<input name=${name} type=${attrs.type ?? 'number'} step=${attrs.step ?? '1'} .value=${value} aria-invalid=${this.invalid(name)}></label>`;
    // A changed value clears the refusal: the mark stays only on the field still wrong.
    return html`<form @submit=${this.submit} @input=${() => (this.error = '')} novalidate>
      <label>${c.run}<select name="runId" aria-invalid=${this.invalid('runId')} @change=${(e: Event) => (this.runId = (e.target as HTMLSelectElement).value)}>
        ${this.runs.map((r) => html`<option value=${r.id} ?selected=${r.id === run?.id}>${r.id} (${r.generations})</option>`)}</select></label>
      ${field('name', c.name, '', { type: 'text' })}
      ${field('id', c.id, '', { type: 'text' })}
      <label>${c.mode}<select name="mode"><option value="likert">${c.likert}</option><option value="pairwise">${c.pairwise}</option></select></label>
      ${field('raters', c.raters, '5')}
      ${field('ratingsPerItem', c.perItem, '5')}
      ${field('goldRate', c.goldRate, '0.05', { step: '0.01' })}
      ${field('repeatRate', c.repeatRate, '0.05', { step: '0.01' })}
      ${field('perStratum', c.perStratum, '')}
      ${GROUPS.map(
        (g) => html`<fieldset aria-invalid=${this.invalid(g)}><legend>${c[g]}</legend>
        ${(run?.[g] ?? []).map((v) => html`<label><input type="checkbox" name=${g} value=${v}>${v}</label>`)}</fieldset>`,
      )}
      <details><summary>${c.examples}</summary>
        ${DIMENSIONS.map(
          (d) => html`<div class="pair"><span>${t.dimensions[d].name}</span>
          <input name=${`${d}.low`} placeholder=${c.low} aria-label=${`${t.dimensions[d].name}: ${c.low}`} aria-invalid=${this.invalid(`examples.${d}`)}>
          <input name=${`${d}.high`} placeholder=${c.high} aria-label=${`${t.dimensions[d].name}: ${c.high}`} aria-invalid=${this.invalid(`examples.${d}`)}></div>`,
        )}
      </details>
      ${this.error ? html`<p role="alert" class="alert">${t.error}: ${this.error}</p>` : null}
      <button class="primary go" type="submit">${c.createGo}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loupe-study-form': LoupeStudyForm;
  }
  interface HTMLElementEventMap {
    [StudyCreatedEvent.type]: StudyCreatedEvent;
  }
}

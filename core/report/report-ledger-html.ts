import { formatUsd } from '../types/index.js';
import { esc } from './html-escape.js';
import type { ReportData } from './report-data.js';
import { OPEN_AT_SERVICE, type LedgerItem, type LedgerLine } from './report-ledger.js';
import { spendCell } from './report-spend-html.js';
import { fill, valueLabel, type ReportStrings } from './report-strings.js';

/** More rows than this are left to report.json and ledger.csv. */
const MAX_ROWS = 200;

/** Requests the reader must act on: unknown outcomes, and jobs (or requests on the wire) a resume would pick up. */
function needingAction(data: ReportData): { unknown: LedgerItem[]; open: LedgerItem[] } {
  const { entries } = data.ledger;
  return {
    unknown: entries.filter((e) => e.phase === 'unknown'),
    open: entries.filter((e) => OPEN_AT_SERVICE.has(e.phase) || e.phase === 'sending'),
  };
}

/** The banner at the top of the report when paid requests need the reader; nothing otherwise. */
export function ledgerBanner(data: ReportData, t: ReportStrings): string {
  const { unknown, open } = needingAction(data);
  if (unknown.length === 0 && open.length === 0) return '';
  const parts = [
    unknown.length ? fill(t.ledger.bannerUnknown, { n: unknown.length }) : '',
    open.length ? fill(t.ledger.bannerOpen, { n: open.length }) : '',
  ].filter(Boolean);
  return `<p class="alert ledger-banner">⚠ ${parts.join(t.ledger.sentenceGap)}${t.ledger.sentenceGap}<a href="#ledger">${t.ledger.bannerLink}</a></p>`;
}

/** A ledger price: "≥" when some billing rows have no price, a dash when there are none. */
function priceCell(line: LedgerLine): string {
  if (line.requests === 0) return '<td class="num">–</td>';
  return `<td class="num">${line.priceUnknown > 0 ? '≥ ' : ''}${esc(formatUsd(line.priceUsd))}</td>`;
}

function countCell(n: number, warn = false): string {
  return `<td class="num${warn && n > 0 ? ' bad' : ''}">${n}</td>`;
}

/** A row's time to the second, in UTC, as the provider's console would be searched. */
function timeCell(t: ReportStrings, iso: string): string {
  const date = new Date(iso);
  const text = Number.isNaN(date.getTime())
    ? iso
    : `${new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(date)} UTC`;
  return `<td class="nowrap"><time datetime="${esc(iso)}">${esc(text)}</time></td>`;
}

function promptCell(e: LedgerItem): string {
  return `<td><code>${esc(e.promptId)}</code> <span class="lang">${esc(e.language)}</span><span class="n">${esc(`${e.promptSetId}@${e.promptSetVersion}`)} · #${e.sample} · <span title="${esc(e.generationKey)}">${esc(e.generationKey.slice(0, 12))}</span></span></td>`;
}

function itemTable(items: readonly LedgerItem[], t: ReportStrings, withPhase: boolean): string {
  const L = t.ledger;
  const rows = items
    .slice(0, MAX_ROWS)
    .map(
      (e) =>
        `<tr><td>${esc(e.generatorId)}</td>${promptCell(e)}<td class="num">${e.attempt}</td>${withPhase ? `<td>${esc(valueLabel(t, e.phase))}</td>` : ''}${timeCell(t, e.createdAt)}<td><code>${esc(e.jobId ?? '–')}</code></td><td class="num">${e.priceUsd === null ? '–' : esc(formatUsd(e.priceUsd))}</td><td class="msg">${esc(e.message ?? '')}</td></tr>`,
    )
    .join('');
  const more = items.length > MAX_ROWS ? `<p class="note">${fill(t.moreInJson, { n: items.length - MAX_ROWS })}</p>` : '';
  return `<div class="scroll"><table><thead><tr><th>${t.generator}</th><th>${t.prompt}</th><th>${L.attempt}</th>${withPhase ? `<th>${L.phase}</th>` : ''}<th>${L.sentAt}</th><th>${L.jobId}</th><th>${L.price}</th><th>${t.message}</th></tr></thead><tbody>${rows}</tbody></table></div>${more}`;
}

/**
 * The ledger per generator beside the spend of done generations, then the requests with an
 * unknown outcome and the jobs still at the service, each only when there is one.
 */
export function ledgerSection(data: ReportData, t: ReportStrings): string {
  const L = t.ledger;
  const { ledger } = data;
  const lines = new Map(ledger.byGenerator.map((l) => [l.generatorId, l]));
  const zero = { requests: 0, unknown: 0, open: 0, sending: 0, cancelled: 0, failed: 0, priceUsd: 0, priceUnknown: 0 };
  const cells = (l: LedgerLine) =>
    `${countCell(l.requests)}${countCell(l.unknown, true)}${countCell(l.open + l.sending)}${countCell(l.cancelled)}${countCell(l.failed)}${priceCell(l)}`;
  const rows = data.generators.map(
    (g) => `<tr><th>${esc(g.id)}<div class="type">${esc(g.type)}</div></th>${cells(lines.get(g.id) ?? zero)}${spendCell(g)}</tr>`,
  );
  const total = `<tr class="total"><th>${t.total}</th>${cells(ledger)}${spendCell(data.spend)}</tr>`;
  const head = [t.generator, L.requests, L.unknown, L.open, L.cancelled, L.failed, L.ledgerPrice, L.spentDone].map((h) => `<th>${h}</th>`);
  const table = `<h2 id="ledger">${L.heading}</h2>
<div class="scroll"><table><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}${total}</tbody></table></div>
<p class="note">${L.note}</p>`;

  const { unknown, open } = needingAction(data);
  const unknownBox = unknown.length
    ? `<section class="alert ledger-unknown"><h3>${fill(L.unknownHeading, { n: unknown.length })}</h3><p>${L.unknownNote}</p>${itemTable(unknown, t, false)}</section>`
    : '';
  const openNote = data.run.status === 'generating' ? L.openNoteGenerating : L.openNote;
  const openBox = open.length
    ? `<section class="banner ledger-open"><h3>${fill(L.openHeading, { n: open.length })}</h3><p>${openNote}</p>${itemTable(open, t, true)}</section>`
    : '';
  return table + unknownBox + openBox;
}

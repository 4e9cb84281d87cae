import { esc, fmt } from '../html-escape.js';

/**
 * The parts every chart shares: an accessible frame (role img, a title and a description that
 * screen readers read), a linear scale, a colour per generator and axis ticks.
 */
export function svgFrame(size: { width: number; height: number }, label: { title: string; description?: string }, body: string): string {
  const desc = label.description ? `<desc>${esc(label.description)}</desc>` : '';
  return `<svg class="chart" role="img" aria-label="${esc(label.title)}" viewBox="0 0 ${size.width} ${size.height}" width="${size.width}" height="${size.height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(label.title)}</title>${desc}${body}</svg>`;
}

/** Maps a value in [d0, d1] onto [r0, r1], clamped to the ends. */
export function linear([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((Math.min(Math.max(v, Math.min(d0, d1)), Math.max(d0, d1)) - d0) / span) * (r1 - r0);
}

/** Okabe-Ito colours: told apart by readers with colour-blindness; generators past eight reuse them. */
const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#f0e442'];

export const colorOf = (index: number): string => PALETTE[index % PALETTE.length]!;

/** A tick label: integers as they are, others to the digits the step needs. */
export function tickLabel(t: number, step: number): string {
  if (Number.isInteger(t) && Math.abs(t) >= 10) return String(t);
  // As many decimals as the step has (0.25 keeps two), at most three.
  const digits = Math.min(3, (String(Number(step.toFixed(6))).split('.')[1] ?? '').length);
  return Math.abs(t) >= 1e5 ? fmt(t) : t.toFixed(digits);
}

/** A colour key: a swatch and a name per entry, in a row from (x, y). */
export function legend(entries: readonly { label: string; color: string; hollow?: boolean }[], x: number, y: number): string {
  let at = x;
  return entries
    .map((e) => {
      const mark = e.hollow
        ? `<circle cx="${at + 5}" cy="${y - 4}" r="5" fill="#fff" stroke="${e.color}" stroke-width="2"/>`
        : `<circle cx="${at + 5}" cy="${y - 4}" r="5" fill="${e.color}"/>`;
      const out = `<g class="key">${mark}<text x="${at + 14}" y="${y}" class="lbl">${esc(e.label)}</text></g>`;
      // Width of the name: CJK characters are about twice as wide as Latin ones at the same size.
      at += 30 + [...e.label].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 12 : 6.6), 0);
      return out;
    })
    .join('');
}

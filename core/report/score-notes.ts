import { esc, fmt } from './html-escape.js';
import { questionNotes } from './question-notes.js';
import type { ReportStrings } from './report-strings.js';

type Details = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Sampled frame times shown before the list is cut. */
const MAX_TIMES = 8;

/**
 * The few details a reader needs beside a picture, as HTML fragments: what OCR read, which video
 * checks failed, the motion metric's verdict, when frames were sampled, and question-score's answers. Every detail is in
 * report.json; these are the ones that explain a score at a glance.
 */
export function scoreNotes(details: Details, t: ReportStrings): string[] {
  const notes: string[] = [];
  const ocr = details['ocr-text'];
  if (ocr && typeof ocr.read === 'string') notes.push(`${t.notes.ocrRead}: “${esc(ocr.read) || t.notes.nothingRead}”`);
  const failed = details['video-checks']?.failed;
  if (Array.isArray(failed) && failed.length > 0) notes.push(`${t.notes.checksFailed}: ${failed.map((c) => esc(String(c))).join(', ')}`);
  const dynamic = details.motion?.dynamic;
  if (typeof dynamic === 'boolean') notes.push(dynamic ? t.notes.moving : t.notes.still);
  const times = sampledTimes(details);
  if (times.length > 0) {
    const shown = times.slice(0, MAX_TIMES).map((s) => fmt(s, 2));
    notes.push(`${t.notes.framesAt} ${shown.join(', ')}${times.length > MAX_TIMES ? ', …' : ''} s`);
  }
  notes.push(...questionNotes(details, t));
  return notes;
}

/** The frame times the first metric that records them wrote (`sampling.timestamps` or `timestamps`, in seconds). */
function sampledTimes(details: Details): number[] {
  for (const d of Object.values(details)) {
    const sampling = d.sampling as { timestamps?: unknown } | undefined;
    const times = sampling?.timestamps ?? d.timestamps;
    if (Array.isArray(times) && times.length > 0 && times.every((x) => typeof x === 'number')) return times as number[];
  }
  return [];
}

import { EN, type ReportStrings } from './report-strings-en.js';
import { ZH } from './report-strings-zh.js';

export type { ReportStrings };

export type ReportLanguage = 'en' | 'zh';

export const REPORT_STRINGS: Record<ReportLanguage, ReportStrings> = { en: EN, zh: ZH };

/** Puts values (escaped by the caller where they come from data) into a template's `{name}` slots. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A value from the data (a dimension, a status, a breakdown key) in the report's language, or as it is. */
export function valueLabel(t: ReportStrings, value: string): string {
  return (t.values as Readonly<Record<string, string>>)[value] ?? value;
}

/** A stored ISO time as the report's language writes dates, in UTC. */
export function formatDate(t: ReportStrings, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}

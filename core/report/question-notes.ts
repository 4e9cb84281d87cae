import { esc } from './html-escape.js';
import { fill, type ReportStrings } from './report-strings.js';

type Details = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

interface Answered {
  id: number;
  parents?: number[];
  question?: string | null;
  answer?: string | null;
  yes?: boolean;
}

/**
 * question-score's answers beside a picture, one line per question with ✓ where it counted as yes
 * (answered yes, and every question it depends on too: DSG's rule), and where the questions came
 * from when a model generated them. For `question-score` and its per-judge variants (`question-score@<judge>`).
 */
export function questionNotes(details: Details, t: ReportStrings): string[] {
  return Object.entries(details).flatMap(([metricId, d]) => {
    if (metricId !== 'question-score' && !metricId.startsWith('question-score@')) return [];
    if (!Array.isArray(d.answers) || d.answers.length === 0) return [];
    const answers = d.answers as Answered[];
    const origin = d.questions as { source?: string; model?: string; template?: string } | undefined;
    const head =
      origin?.source === 'generated'
        ? fill(t.notes.generatedQuestions, { model: esc(String(origin.model)), template: esc(String(origin.template)) })
        : t.notes.questions;
    const yes = new Map(answers.map((a) => [a.id, a.yes === true]));
    const lines = answers.map((a) => {
      const parentNo = (a.parents ?? []).some((p) => p !== 0 && yes.get(p) !== true);
      const mark = a.yes && !parentNo ? '✓' : '✗';
      const why = a.yes && parentNo ? ` (${esc(t.notes.countsAsNo)})` : '';
      return `${mark} ${a.id}. ${esc(a.question ?? '')} <i>${esc(a.answer ?? '')}</i>${why}`;
    });
    return [`${esc(metricId)}: ${head}`, ...lines];
  });
}

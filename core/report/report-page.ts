import { REPORT_CSS } from './report-style.js';
import { REPORT_STRINGS, type ReportLanguage } from './report-strings.js';

/**
 * The frame every report page shares: one self-contained HTML document (no script, no external
 * file) in one language, with a link to the same page in the other (`file` in the other's strings,
 * or `otherFile` where the page has its own name).
 */
export function reportPage(language: ReportLanguage, title: string, body: string, otherFile?: string): string {
  const t = REPORT_STRINGS[language];
  const other = REPORT_STRINGS[language === 'en' ? 'zh' : 'en'];
  return `<!doctype html>
<html lang="${t.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${REPORT_CSS}</style></head>
<body><main>
<a class="other-lang" href="${otherFile ?? other.file}" hreflang="${other.htmlLang}">${t.otherLanguage}</a>
${body}
</main></body></html>
`;
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../types/index.js';
import type { AnalysisOptions } from '../analysis/index.js';
import { REPORT_STRINGS } from './report-strings.js';
import { buildStudyReportData, type StudyReportData } from './study-report-data.js';
import { renderStudyReportHtml } from './study-report-html.js';
import { STUDY_REPORT_SCHEMA_FILE, studyReportJsonSchema, type StudyReportJson } from './study-report-schema.js';

export interface WrittenStudyReport {
  html: string;
  htmlZh: string;
  json: string;
  data: StudyReportData;
}

/** Writes study-report.html, study-report.zh.html and study-report.json (with its JSON Schema) into `<dir>/study-<id>/`. */
export async function writeStudyReport(options: {
  store: Store;
  studyId: string;
  dir: string;
  analysis?: AnalysisOptions;
}): Promise<WrittenStudyReport> {
  const data = await buildStudyReportData(options.store, options.studyId, options.analysis);
  const out = join(options.dir, `study-${options.studyId}`);
  try {
    await mkdir(out, { recursive: true });
  } catch (e) {
    throw new Error(`cannot create the report folder ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const paths = {
    html: join(out, REPORT_STRINGS.en.studyFile),
    htmlZh: join(out, REPORT_STRINGS.zh.studyFile),
    json: join(out, 'study-report.json'),
  };
  await writeFile(paths.html, renderStudyReportHtml(data, 'en'));
  await writeFile(paths.htmlZh, renderStudyReportHtml(data, 'zh'));
  const json: StudyReportJson = { $schema: `./${STUDY_REPORT_SCHEMA_FILE}`, ...data };
  await writeFile(paths.json, JSON.stringify(json, null, 2));
  await writeFile(join(out, STUDY_REPORT_SCHEMA_FILE), JSON.stringify(studyReportJsonSchema(), null, 2));
  return { ...paths, data };
}

import { resolve } from 'node:path';
import { writeStudyReport } from '../report/index.js';
import { analysisOptions } from './analysis-options.js';
import { openForStudy } from './study-workspace.js';

/** The default report folder where there is no config (the config's default too). */
const DEFAULT_REPORT_DIR = 'reports';

/**
 * `loupe report --study <id>`: one study's human data alone (raters, screening, Krippendorff's
 * alpha, rankings where the ratings name generators), with what is not available said in the
 * report. Without a config file it reads the default store of this folder.
 */
export async function reportStudy(options: { config: string; study: string }): Promise<void> {
  const { ws, loaded } = await openForStudy(options);
  try {
    const report = await writeStudyReport({
      store: ws.store,
      studyId: options.study,
      dir: loaded ? loaded.resolvePath(loaded.config.report.dir) : resolve(DEFAULT_REPORT_DIR),
      analysis: loaded ? analysisOptions(loaded) : {},
    });
    const d = report.data;
    const missing = d.notAvailable.length ? `; not available: ${d.notAvailable.join(', ')}` : '';
    console.error(
      `Study report: "${d.study.id}" (run "${d.study.runId}"), ${d.study.mode === 'pairwise' ? `${d.human.study.ratings} votes` : `${d.human.study.ratings} ratings, ${d.reliability.length} dimension(s)`}${missing}.`,
    );
    console.error(`Chinese version (中文版): ${report.htmlZh}`);
    console.log(report.html);
  } finally {
    await ws.close();
  }
}

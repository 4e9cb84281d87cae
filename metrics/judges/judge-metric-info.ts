import { DIMENSIONS, type MetricDescription } from '../../core/types/index.js';
import { QUESTION_TEMPLATE, RUBRIC_TEMPLATE_VERSION, VQASCORE_TEMPLATE } from './templates.js';

type JudgeMetricInfo = Omit<MetricDescription, 'id'>;

const rubric = (dimension: string): JudgeMetricInfo => ({
  range: [1, 5],
  direction: 'higher-is-better',
  description: `${dimension} scored 1-5 with the raters' anchors (probability-weighted where log probabilities are given)`,
});

/**
 * What each judge metric is, by its plain id, known without a judge or a key: the config checks
 * `metrics:` against these ids and the report describes the metrics from them.
 */
export const JUDGE_METRIC_INFO: Readonly<Record<string, JudgeMetricInfo>> = {
  vqascore: {
    range: [0, 1],
    direction: 'higher-is-better',
    description: `VQAScore: the probability of "yes" to whether the media shows the prompt (from the answer's top log probabilities)`,
  },
  'question-score': {
    range: [0, 1],
    direction: 'higher-is-better',
    description: `Question score (DSG): the fraction of the prompt's yes/no questions answered yes, a question whose parent was not counts as no`,
  },
  ...Object.fromEntries(DIMENSIONS.map((d) => [`judge-${d}`, rubric(d)])),
};

export const JUDGE_METRIC_IDS: readonly string[] = Object.keys(JUDGE_METRIC_INFO);

/**
 * Each judge metric's version by its plain id: the metric's own and its template's, so a new word
 * in a template scores again. The plan reads them to leave out what is already judged.
 */
export const JUDGE_METRIC_VERSIONS: Readonly<Record<string, string>> = {
  vqascore: `1/${VQASCORE_TEMPLATE.version}`,
  // 2: prompts without questions are scored on generated ones where a generator is configured.
  'question-score': `2/${QUESTION_TEMPLATE.version}`,
  ...Object.fromEntries(DIMENSIONS.map((d) => [`judge-${d}`, `1/${RUBRIC_TEMPLATE_VERSION}`])),
};

/** The judge a metric asks, as its description names it. */
export interface JudgeName {
  id: string;
  model: string;
}

/**
 * A judge metric's id: the plain id when the config has one judge, else `<metric>@<judge>`, as
 * `clip-score@q8` is for a precision: two judges' scores are different numbers, stored, shown and
 * checked against people apart, never averaged together.
 */
export function judgeMetricId(metricId: string, judgeId: string, judgeCount: number): string {
  return judgeCount > 1 ? `${metricId}@${judgeId}` : metricId;
}

export function judgeMetricDescription(metricId: string, judge: JudgeName): string {
  return `${JUDGE_METRIC_INFO[metricId]!.description}; judge ${judge.id} (${judge.model})`;
}

/** What the report shows of every judge metric of the config's judges: data, no endpoint built. */
export function judgeMetricDescriptions(judges: readonly JudgeName[]): MetricDescription[] {
  return judges.flatMap((j) =>
    JUDGE_METRIC_IDS.map((id) => ({
      ...JUDGE_METRIC_INFO[id]!,
      id: judgeMetricId(id, j.id, judges.length),
      description: judgeMetricDescription(id, j),
    })),
  );
}

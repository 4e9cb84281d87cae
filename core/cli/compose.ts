/**
 * The composition root: the one module that reads the registries of generators and metrics and
 * builds the parts every command and the queue worker use. The rest of core/ receives them built.
 */

import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, wantsJudgeMetric, type ConfigCatalog, type LoadedConfig, type GeneratorConfig } from '../config/index.js';
import { configStoreSpec, openLabelledStore, openStore } from '../store/index.js';
import { openMediaStore } from '../media-store/index.js';
import {
  type Budget,
  type Generator,
  type MediaPreview,
  type MediaProbe,
  type MediaStore,
  type Metric,
  type MetricDescription,
  type Store,
} from '../types/index.js';
import { GENERATOR_TYPES } from '../../models/index.js';
import {
  createJudgeMetrics,
  createMetrics,
  JUDGE_METRIC_IDS,
  judgeMetricDescriptions,
  metricIds,
  type MetricOptions,
  ffmpegPath,
  ffprobePath,
  probeVideo,
  videoPreview,
  VideoDecodeError,
} from '../../metrics/index.js';
import type { MediaTools } from '../study/index.js';
import { buildJudge, type JudgeContext } from './judges-build.js';
import { questionSource } from './question-source.js';

export { GENERATOR_TYPES };

/** The generator types and metric ids a config is checked against. */
export function configCatalog(): ConfigCatalog {
  return {
    generators: Object.fromEntries(Object.entries(GENERATOR_TYPES).map(([type, t]) => [type, t.schema])) as ConfigCatalog['generators'],
    metricIds: metricIds(),
    judgeMetricIds: JUDGE_METRIC_IDS,
  };
}

/** Reads and checks a config file; errors name the line and field. */
export function loadConfigFile(file: string): LoadedConfig {
  return loadConfig(file, configCatalog());
}

export interface Workspace {
  store: Store;
  media: MediaStore;
  close(): Promise<void>;
}

/**
 * Opens the store a config names (a SQLite file by default), without its media. `existing`:
 * another workspace's store, opened as it is (nothing created or migrated), its errors
 * starting with `existing.label`.
 */
export function openConfigStore(loaded: LoadedConfig, existing?: { label: string }): Promise<Store> {
  const spec = configStoreSpec(loaded.config.store, loaded.resolvePath);
  return existing ? openLabelledStore(spec, existing.label, { migrate: false }) : openStore(spec, { label: 'store' });
}

/** Opens the store and media store a config names (SQLite and a folder by default); `existing` as for openConfigStore. */
export async function openWorkspace(loaded: LoadedConfig, existing?: { label: string }): Promise<Workspace> {
  const store = await openConfigStore(loaded, existing);
  const media = await openMediaStore(loaded.config.media, loaded.resolvePath).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  return { store, media, close: () => store.close() };
}

/** One generator of a config; throws when its entry cannot work (a missing workflow file, a bad node name). */
export function buildGenerator(entry: GeneratorConfig, loaded: LoadedConfig): Generator {
  const type = GENERATOR_TYPES[entry.type as keyof typeof GENERATOR_TYPES];
  return type.create(entry, { resolvePath: loaded.resolvePath, ffmpegPath });
}

/** Every generator of a config, by its id, in config order. */
export function buildGenerators(loaded: LoadedConfig): Map<string, Generator> {
  return new Map(loaded.config.generators.map((g) => [g.id, buildGenerator(g, loaded)] as const));
}

/** What the report uses to picture clips. */
export const mediaPreview: MediaPreview = videoPreview;

/** What the run reads of each stored video (ffprobe): its real size, duration and rate, or why it is no readable video. */
export const mediaProbe: MediaProbe = {
  async video(path) {
    try {
      const { width, height, durationSec, fps } = await probeVideo(path);
      return { width, height, durationSec, fps };
    } catch (e) {
      // The reason alone: the path is the media store's, not a name the user knows.
      throw new Error(e instanceof VideoDecodeError ? e.reason : (e as Error).message);
    }
  },
};

/**
 * The metrics a config selects (all when it names none): `loupe score`, `loupe run` and `loupe
 * worker` score with these. The judge metrics ask every judge of the config that a selected id
 * names, recording in `judging`.
 */
export function selectedMetrics(loaded: LoadedConfig, judging: JudgeContext): Metric[] {
  const wanted = loaded.config.metrics;
  // A metric at another weights precision (`clip-score@q8`) is selected by its plain id.
  const want = (id: string) => !wanted || wanted.includes(id.split('@')[0]!);
  const judges = loaded.config.judges;
  const asksQuestions = judges.some((j) => wantsJudgeMetric(wanted, 'question-score', j.id));
  const questions = asksQuestions ? questionSource(loaded, judging, judging.store) : undefined;
  const judged = judges.flatMap((j) =>
    JUDGE_METRIC_IDS.some((id) => wantsJudgeMetric(wanted, id, j.id))
      ? createJudgeMetrics(buildJudge(loaded, j.id, judging), judges.length, questions).filter((m) =>
          wantsJudgeMetric(wanted, m.id.split('@')[0]!, j.id),
        )
      : [],
  );
  return [...createMetrics(metricOptions(loaded, noticeOnce(wanted))).filter((m) => want(m.id)), ...judged];
}

/** What the report shows of every metric whose model is on disk, selected now or not, and of every judge's metrics: data, not the metric objects. */
export function metricDescriptions(loaded: LoadedConfig): MetricDescription[] {
  // No notices: a missing model matters where scores are computed, not where they are reported.
  const local = createMetrics(metricOptions(loaded, () => {})).map(({ id, description, direction, range }) => ({
    id,
    description,
    direction,
    range,
  }));
  return [...local, ...judgeMetricDescriptions(loaded.config.judges)];
}

const noticed = new Set<string>();

/** Prints a metric's "skipped, model not available" notice once per process, and only for metrics the config wants. */
function noticeOnce(wanted: string[] | undefined): (line: string) => void {
  return (line) => {
    if (noticed.has(line) || (wanted && !wanted.some((id) => line.startsWith(`${id}:`)))) return;
    noticed.add(line);
    console.error(line);
  };
}

/** Model folders in the config are relative to it; hub ids pass through. */
function metricOptions(loaded: LoadedConfig, onNotice: (line: string) => void): MetricOptions {
  const isFolder = (v: string) => v.startsWith('.') || v.startsWith('/') || v.startsWith('~');
  const expand = (v: string) => (v.startsWith('~') ? join(homedir(), v.slice(1)) : loaded.resolvePath(v));
  const models = Object.fromEntries(
    Object.entries(loaded.config.models ?? {}).map(([role, v]) => [role, v && isFolder(v) ? expand(v) : v]),
  );
  return { models, precision: loaded.config.precision, onNotice };
}

/** The run's spending limit from its config, if it has one: every process and worker of the run shares it through the store. */
export function budgetOf(run: { budgetUsd?: number }, runId: string): Budget | undefined {
  return run.budgetUsd === undefined ? undefined : { runId, usd: run.budgetUsd };
}

/** Where ffmpeg and ffprobe are (FFMPEG_PATH, PATH, the npm builds), for preparing a study's media for raters. */
export function mediaTools(): MediaTools {
  return { ffmpeg: ffmpegPath(), ffprobe: ffprobePath() };
}

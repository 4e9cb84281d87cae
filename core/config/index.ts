// The config's public face: loading and checking loupe.config.yaml against the catalog the CLI hands in.
export { DEFAULT_CONFIG_FILE, loadConfig, type ConfigCatalog, type LoadedConfig } from './load.js';
export {
  configJsonSchema,
  DEFAULT_MEDIA_FOLDER,
  DEFAULT_SQLITE,
  type GeneratorConfig,
  type MediaConfig,
  type PromptSource,
  type SchedulerConfig,
} from './schema.js';
export { storeLabel, storedConfig } from './stored-config.js';
export { JUDGE_PROVIDERS, judgeTarget, wantsJudgeMetric, type JudgeConfig, type JudgeProvider, type JudgeTarget } from './judges.js';

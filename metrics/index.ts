// The metrics' public face: the registry (read only by the CLI's composition module), metric
// weights (loupe models), the CLIP pieces loupe metrics uses, and video helpers the CLI hands on.
export { clipScoreOf, readsChinese, textLanguage } from './clip-score.js';
export { embedImages, embedTexts } from './image/clip-embed.js';
export type { ImageEmbedding } from './image/embedding-cache.js';
export { ClipModel, cosine } from './image/clip-model.js';
export { createMetrics, metricIds, type MetricOptions } from './registry.js';
export { cacheRoot, locateModel } from './runtime/weights-cache.js';
export { pullModel, type PullProgress } from './runtime/weights-download.js';
export { KNOWN_MODELS } from './runtime/weights-registry.js';
export { listModels, verifyModel } from './runtime/weights-status.js';
export { ffmpegPath, ffprobePath } from './video/ffmpeg-binaries.js';
export { probeVideo } from './video/probe.js';
export { VideoDecodeError } from './video/video-error.js';
export { videoPreview } from './video/video-poster.js';
export { createJudgeMetrics } from './judges/judge-metrics.js';
export { JUDGE_METRIC_IDS, JUDGE_METRIC_VERSIONS, judgeMetricDescriptions, judgeMetricId } from './judges/judge-metric-info.js';
export { createVqaScoreMetric } from './judges/vqascore-metric.js';
export { judgeCallTexts } from './judges/judge-call-texts.js';
export { estimateInputTokens } from './judges/input-tokens.js';
export { generateQuestions, QUESTION_GENERATION_MAX_TOKENS } from './judges/generate-questions.js';
export { QUESTION_GENERATION_TEMPLATE, questionGenerationText } from './judges/question-generation-template.js';

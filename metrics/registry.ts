import type { Metric } from '../core/types/metric.js';
import { createTechnicalMetrics } from './image-technical.js';

/** Every metric Loupe can compute, created on demand (model-backed metrics load their weights lazily). */
export function createMetrics(): Metric[] {
  return [...createTechnicalMetrics()];
}

export function metricIds(): string[] {
  return createMetrics().map((m) => m.id);
}

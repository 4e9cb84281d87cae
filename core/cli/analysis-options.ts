import type { AnalysisOptions } from '../analysis/index.js';
import type { LoadedConfig } from '../config/index.js';

/** How the report judges human results, from the config's analysis settings and seed. */
export function analysisOptions(loaded: LoadedConfig): AnalysisOptions {
  const a = loaded.config.analysis;
  return {
    tolerance: a.tolerance,
    minSystemTau: a.minSystemTau,
    minCeilingFraction: a.minCeilingFraction,
    keepScreened: a.keepScreenedRaters,
    iterations: a.bootstrapIterations,
    seed: loaded.config.seed,
  };
}

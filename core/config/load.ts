import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { DataError } from '../types/index.js';
import { parseLocated, parseYamlLocated } from '../../prompts/index.js';
import { configSchema, type GeneratorEntrySchema, type LoupeConfig } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'loupe.config.yaml';

export interface LoadedConfig {
  config: LoupeConfig;
  file: string;
  /** Resolves a path from the config against the config file's folder. */
  resolvePath(path: string): string;
}

/** What a config is checked against, handed in by the composition root: the config knows no adapter or metric. */
export interface ConfigCatalog {
  /** Each generator type's entry schema by its `type`, in the order errors list the known types. */
  generators: Readonly<Record<string, GeneratorEntrySchema>>;
  metricIds: readonly string[];
  /** The judge metrics among them: `<metric>@<judge>` selects one for one judge of the config. */
  judgeMetricIds?: readonly string[];
}

export function loadConfig(file: string, catalog: ConfigCatalog): LoadedConfig {
  const abs = resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? ` (no such file; create one or pass --config)` : ` (${code ?? String(e)})`;
    throw DataError.one(file, { message: `cannot read the config file${hint}` });
  }
  const data = parseYamlLocated(text, file);
  checkGeneratorTypes(data.value, Object.keys(catalog.generators), data.lineOf, file);
  const config = parseLocated(configSchema(Object.values(catalog.generators)), data, file);
  checkMetricIds(config, catalog, data.lineOf, file);
  const base = dirname(abs);
  return { config, file: abs, resolvePath: (p) => (isAbsolute(p) ? p : resolve(base, p)) };
}

/** A discriminated union only says "invalid input" for an unknown type: name the types we know instead. */
function checkGeneratorTypes(
  value: unknown,
  known: readonly string[],
  lineOf: (p: PropertyKey[]) => number | undefined,
  file: string,
): void {
  const generators = (value as { generators?: unknown } | null)?.generators;
  if (!Array.isArray(generators)) return;
  const problems = generators.flatMap((g: unknown, i) => {
    const type = (g as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && known.includes(type)) return [];
    const message =
      type === undefined
        ? `missing; known types: ${known.join(', ')}`
        : `unknown generator type "${String(type)}"; known types: ${known.join(', ')}`;
    return [{ line: lineOf(['generators', i, 'type']), field: `generators[${i}].type`, message }];
  });
  if (problems.length > 0) throw new DataError(file, problems);
}

function checkMetricIds(config: LoupeConfig, catalog: ConfigCatalog, lineOf: (p: PropertyKey[]) => number | undefined, file: string): void {
  const known = catalog.metricIds;
  const judges = config.judges.map((j) => j.id);
  const problems = (config.metrics ?? []).flatMap((id, i) => {
    const where = { line: lineOf(['metrics', i]), field: `metrics[${i}]` };
    const [metric, judge] = id.split('@');
    if (judge !== undefined && catalog.judgeMetricIds?.includes(metric!)) {
      if (judges.includes(judge)) return [];
      const names = judges.length > 0 ? `judges: ${judges.join(', ')}` : 'the config has no judges';
      return [{ ...where, message: `unknown judge "${judge}" in metric "${id}"; ${names}` }];
    }
    return known.includes(id) ? [] : [{ ...where, message: `unknown metric "${id}"; known metrics: ${known.join(', ')}` }];
  });
  if (problems.length > 0) throw new DataError(file, problems);
}

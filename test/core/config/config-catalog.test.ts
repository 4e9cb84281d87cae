import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, type ConfigCatalog } from '../../../core/config/load.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from '../cli/config-fixtures.js';

const tempDir = useTempDir();

/** A catalog of one made-up generator type and two metric ids: the config knows only what it is handed. */
const catalog: ConfigCatalog = {
  generators: { toy: z.strictObject({ id: z.string(), type: z.literal('toy'), size: z.int().default(8) }) },
  metricIds: ['sharpness', 'motion'],
};
const load = (generators: string, extra = '') =>
  loadConfig(tempDir().write('loupe.config.yaml', smallConfig({ generators, extra })), catalog);

describe('a config checked against the catalog the composition root hands in', () => {
  it("parses each generator entry with its type's schema", () => {
    expect(load('  - { id: a, type: toy }').config.generators).toEqual([{ id: 'a', type: 'toy', size: 8 }]);
  });

  it('names the known types and metrics, with the line, for ones it does not know', () => {
    expect(() => load('  - { id: a, type: synthetic }')).toThrow(
      /:8: generators\[0\]\.type: unknown generator type "synthetic"; known types: toy/,
    );
    expect(() => load('  - { id: a, type: toy }', 'metrics: [motion, clip-score]')).toThrow(
      /:10: metrics\[1\]: unknown metric "clip-score"; known metrics: sharpness, motion/,
    );
  });
});

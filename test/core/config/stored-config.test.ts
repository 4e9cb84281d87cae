import { describe, expect, it } from 'vitest';
import { storedConfig } from '../../../core/config/stored-config.js';
import type { LoupeConfig } from '../../../core/config/schema.js';

const config = (store: LoupeConfig['store']) =>
  ({
    run: { id: 'r' },
    store,
    generators: [
      { id: 'drawn', type: 'synthetic', seedOffset: 1 },
      { id: 'api', type: 'openai-images' },
    ],
  }) as unknown as LoupeConfig;

describe('the config a run record keeps', () => {
  it('records for each generator whether it draws test media, as the built generator says', () => {
    const generators = new Map([
      ['drawn', { synthetic: true }],
      ['api', { synthetic: false }],
    ]);
    expect(storedConfig(config({ sqlite: 'x.db' }), generators).generators).toEqual([
      { id: 'drawn', type: 'synthetic', seedOffset: 1, synthetic: true },
      { id: 'api', type: 'openai-images', synthetic: false },
    ]);
  });

  it('keeps a Postgres URL without its password', () => {
    const stored = storedConfig(config({ postgres: 'postgres://u:hunter2@db:5432/loupe' }), new Map());
    expect(JSON.stringify(stored)).not.toContain('hunter2');
    expect(stored.store).toEqual({ postgres: 'postgres://u:***@db:5432/loupe' });
  });
});

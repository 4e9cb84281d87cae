import { describe, expect, it } from 'vitest';
import { configRevision, parseStudyConfig, ratingUiConfig, servedConfig } from '../../../core/study/study-config.js';

// Exactly what each writer of a study's config has stored (create-study, ratings simulate, ratings import, arena import).
const RATING_UI_BEFORE_REVISIONS = {
  seed: 's',
  ratingsPerItem: 5,
  goldRate: 0.05,
  repeatRate: 0.05,
  filters: { generators: null, sets: null, categories: null, perStratum: null },
  raters: [{ id: 'r1', tokenHash: 'h1' }],
  adminTokenHash: 'ha',
  media: { m1: 'gen-1' },
  gold: {},
};
const SIMULATED = { source: 'simulated', seed: 1, quality: { a: 4 }, raters: [{ id: 'rater-straight', kind: 'straight' }] };
const IMPORTED = { source: 'import', file: 'labs.csv', items: { 'A-0': { generator: 'A', prompt: 'p0' } } };
const VOTES = { source: 'import', file: 'votes.csv' };

describe("a study's config", () => {
  it('reads a rating UI config stored without a source, a revision or examples as the rating UI', () => {
    const config = parseStudyConfig({ id: 'old', config: RATING_UI_BEFORE_REVISIONS });
    expect(config).toMatchObject({ source: 'rater-ui', revision: 0, examples: {}, raters: [{ id: 'r1', tokenHash: 'h1' }] });
    expect(ratingUiConfig({ id: 'old', config: { ...RATING_UI_BEFORE_REVISIONS, revision: 3 } }).revision).toBe(3);
  });

  it('reads simulated studies, imported ratings and imported votes by their source', () => {
    expect(parseStudyConfig({ id: 'sim', config: SIMULATED })).toEqual(SIMULATED);
    expect(parseStudyConfig({ id: 'imp', config: IMPORTED })).toEqual(IMPORTED);
    expect(parseStudyConfig({ id: 'arena', config: VOTES })).toEqual({ ...VOTES, items: {} });
  });

  it('names the study whose config does not parse', () => {
    expect(() => parseStudyConfig({ id: 'broken', config: { source: 'import' } })).toThrow(/study "broken": .*file/s);
    expect(() => parseStudyConfig({ id: 'empty', config: null })).toThrow(/study "empty"/);
  });

  it('gives the rating UI only its own studies: others are refused by name, or not served', () => {
    expect(() => ratingUiConfig({ id: 'imp', config: IMPORTED })).toThrow(
      /study "imp" was not made by loupe study create \(its ratings are imported\)/,
    );
    expect(servedConfig({ id: 'sim', config: SIMULATED })).toBeNull();
    expect(servedConfig({ id: 'odd', config: { raters: 3 } })).toBeNull();
    expect(servedConfig({ id: 'old', config: RATING_UI_BEFORE_REVISIONS })?.adminTokenHash).toBe('ha');
  });

  it('reads the revision without parsing the rest', () => {
    expect(configRevision({ id: 's', config: { revision: 2 } })).toBe(2);
    expect(configRevision({ id: 's', config: VOTES })).toBe(0);
    expect(configRevision({ id: 's', config: null })).toBe(0);
  });
});

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configStoreSpec, parseStoreSpec, redactUrl } from '../../../core/store/store-spec.js';

describe('store specs', () => {
  it('reads Postgres URLs, sqlite: paths and plain paths', () => {
    expect(parseStoreSpec('postgres://u@db:5432/loupe')).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/loupe' });
    expect(parseStoreSpec('postgresql://u:p@db/loupe')).toEqual({ kind: 'postgres', url: 'postgresql://u:p@db/loupe' });
    expect(parseStoreSpec('sqlite:/data/loupe.db')).toEqual({ kind: 'sqlite', path: '/data/loupe.db' });
    expect(parseStoreSpec('sqlite:.loupe/loupe.db')).toEqual({ kind: 'sqlite', path: resolve('.loupe/loupe.db') });
    expect(parseStoreSpec('loupe.db')).toEqual({ kind: 'sqlite', path: resolve('loupe.db') });
    expect(parseStoreSpec('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('names the flag of a spec it cannot read, without the password', () => {
    expect(() => parseStoreSpec('mysql://root:pw@h/db', '--to')).toThrow(/^--to: "mysql:\/\/root:\*\*\*@h\/db" is not a store/);
    expect(() => parseStoreSpec('  ', '--from')).toThrow(/^--from: .* is not a store/);
    expect(() => parseStoreSpec('postgres://u:pw@[bad/db', '--store')).toThrow(
      /^--store: "postgres:\/\/u:\*\*\*@\[bad\/db" is not a valid Postgres URL/,
    );
  });

  it('hides a password, also one with URL-escaped characters, and leaves a URL without one alone', () => {
    expect(redactUrl('postgres://me:p%40ss%2Fw@db:5432/loupe')).toBe('postgres://me:***@db:5432/loupe');
    expect(redactUrl('postgres://me:p@ss@db/loupe')).toBe('postgres://me:***@db/loupe');
    expect(redactUrl('postgres://me@db/loupe')).toBe('postgres://me@db/loupe');
    expect(redactUrl('postgres://db/loupe')).toBe('postgres://db/loupe');
  });

  it('turns a config store section into a spec', () => {
    expect(configStoreSpec({ sqlite: 'a.db' }, (p) => `/base/${p}`)).toBe('sqlite:/base/a.db');
    expect(configStoreSpec({ postgres: 'postgres://x@h/db' }, (p) => p)).toBe('postgres://x@h/db');
  });
});

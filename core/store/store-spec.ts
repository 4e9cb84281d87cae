import { isAbsolute, resolve } from 'node:path';

/** Where a store lives: a SQLite file or a Postgres database. */
export type StoreSpec = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const POSTGRES = /^postgres(ql)?:\/\//i;

/**
 * Reads a store spec as users write it: `postgres://...` or `postgresql://...` for Postgres,
 * `sqlite:<path>` or a plain path for SQLite. `label` names where it came from (a flag, a config
 * field) so that a bad spec says which one to fix; relative paths start at the working folder.
 */
export function parseStoreSpec(spec: string, label = 'store'): StoreSpec {
  const text = spec.trim();
  if (POSTGRES.test(text)) {
    try {
      new URL(text);
    } catch {
      throw new Error(`${label}: "${redactUrl(text)}" is not a valid Postgres URL; write postgres://user@host:port/database`);
    }
    return { kind: 'postgres', url: text };
  }
  const path = text.startsWith('sqlite:') ? text.slice('sqlite:'.length) : text;
  if (path === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new Error(`${label}: "${redactUrl(text)}" is not a store; use sqlite:<file>, a file path, or postgres://user@host:port/database`);
  }
  return { kind: 'sqlite', path: path === ':memory:' || isAbsolute(path) ? path : resolve(path) };
}

/** The spec of a config's `store` section: `{ sqlite: path }` or `{ postgres: url }`. */
export function configStoreSpec(store: { sqlite: string } | { postgres: string }, resolvePath: (p: string) => string): string {
  return 'postgres' in store ? store.postgres : `sqlite:${resolvePath(store.sqlite)}`;
}

/** A URL with its password replaced by `***`, safe to print, log or keep in a run record. */
export function redactUrl(url: string): string {
  // Written out by hand so a URL that `new URL` rejects is still never printed with its password.
  // Up to the last "@" before the path, so an unescaped "@" in the password is hidden too.
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^/]*@/i, '$1:***@');
}

/** A spec for messages: the Postgres URL without its password, or the SQLite file. */
export function describeSpec(spec: StoreSpec): string {
  return spec.kind === 'postgres' ? redactUrl(spec.url) : spec.path;
}

/** One step of the schema. Versions count up from 1; a released step is never edited, only followed by a new one. */
export interface Migration {
  version: number;
  sql: string;
}

/** Throws unless the versions count 1, 2, 3, ... in order. */
export function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order: entry ${i} has version ${m.version}, expected ${i + 1}`);
  });
}

/** The error for a store whose schema is newer than every step this Loupe knows; `where` names the file or URL. */
export function newerSchemaError(where: string, found: number, known: number): Error {
  return new Error(
    `${where}: the database has schema version ${found}, but this Loupe knows versions up to ${known}; ` +
      'it was written by a newer Loupe. Upgrade Loupe to open it (older Loupe never changes a newer database).',
  );
}

/**
 * Throws unless a store opened without migrating (another workspace's, read for a comparison)
 * is at the schema this Loupe writes: an empty one holds no Loupe data, an older one must be
 * migrated by its owner first, since reading it must not change it.
 */
export function checkCurrentSchema(where: string, found: number, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  if (found > latest) throw newerSchemaError(where, found, latest);
  if (found === 0) throw new Error(`${where}: not a Loupe store (it has no Loupe schema)`);
  if (found < latest)
    throw new Error(
      `${where}: the database has schema version ${found}, older than this Loupe's ${latest}; ` +
        'it is opened without changes here, so bring it up first with `loupe db migrate --store <it>` (or any `loupe` command of its own workspace).',
    );
}

/** Timestamps are stored as ISO 8601 text in UTC on both backends, so rows compare and copy alike. */
export function isoNow(): string {
  return new Date().toISOString();
}

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

/** Timestamps are stored as ISO 8601 text in UTC on both backends, so rows compare and copy alike. */
export function isoNow(): string {
  return new Date().toISOString();
}

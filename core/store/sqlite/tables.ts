import type Database from 'better-sqlite3';
import {
  fromPortable,
  TABLES,
  toPortable,
  type PortableRow,
  type StoreTables,
  type TableDef,
  type TableReader,
  type TableWriter,
} from '../shared/table-rows.js';

/** Whole-table reads and writes on a SQLite store, each inside one transaction. */
export class SqliteTables implements StoreTables {
  constructor(private readonly db: Database.Database) {}

  // better-sqlite3 runs statements synchronously on one connection, so an explicit BEGIN holds
  // across the awaits in `fn`: nothing else uses this connection meanwhile.
  async read<T>(fn: (reader: TableReader) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN', () => fn(this.reader()));
  }

  async write<T>(fn: (writer: TableWriter) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN IMMEDIATE', () =>
      fn({
        ...this.reader(),
        clear: async () => {
          for (const t of [...TABLES].reverse()) this.db.prepare(`DELETE FROM ${t.name}`).run();
          this.db.prepare("DELETE FROM sqlite_sequence WHERE name IN ('ratings', 'ledger')").run();
        },
        insert: async (table, rows) => {
          const sql = `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`;
          const statement = this.db.prepare(sql);
          for (const row of rows) statement.run(...fromPortable(table, row, (b) => (b ? 1 : 0)));
        },
      }),
    );
  }

  private reader(): TableReader {
    const db = this.db;
    return {
      count: async (table) => (db.prepare(`SELECT count(*) AS n FROM ${table.name}`).get() as { n: number }).n,
      async *batches(table: TableDef, size: number): AsyncGenerator<PortableRow[]> {
        const order = table.order === 'insertion' ? 'rowid' : table.order.join(', ');
        const statement = db.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${order} LIMIT ? OFFSET ?`);
        for (let offset = 0; ; offset += size) {
          const rows = statement.all(size, offset) as Record<string, unknown>[];
          if (rows.length > 0) yield rows.map((r) => toPortable(table, r));
          if (rows.length < size) return;
        }
      },
    };
  }

  private async inTransaction<T>(begin: string, fn: () => Promise<T>): Promise<T> {
    this.db.exec(begin);
    try {
      const result = await fn();
      this.db.exec('COMMIT');
      return result;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }
}

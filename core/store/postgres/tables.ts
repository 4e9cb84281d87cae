import type pg from 'pg';
import { transaction } from './connection.js';
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

/** Whole-table reads (one REPEATABLE READ snapshot) and writes (one transaction) on a Postgres store. */
export class PostgresTables implements StoreTables {
  constructor(private readonly pool: pg.Pool) {}

  read<T>(fn: (reader: TableReader) => Promise<T>): Promise<T> {
    return transaction(this.pool, (client) => fn(reader(client)), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  write<T>(fn: (writer: TableWriter) => Promise<T>): Promise<T> {
    return transaction(this.pool, async (client) => {
      const written = new Set<TableDef>();
      const result = await fn({
        ...reader(client),
        clear: async () => {
          await client.query(`TRUNCATE ${TABLES.map((t) => t.name).join(', ')} RESTART IDENTITY`);
        },
        insert: async (table, rows) => {
          if (rows.length === 0) return;
          const width = table.columns.length;
          const values = rows.map((_, r) => `(${table.columns.map((_, c) => `$${r * width + c + 1}`).join(', ')})`);
          const params = rows.flatMap((row) => fromPortable(table, row, (b) => b));
          await client.query(`INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${values.join(', ')}`, params);
          written.add(table);
        },
      });
      // Ids written by the copy do not advance the identity sequences: move them past the largest id.
      for (const t of written) {
        if (!t.identity) continue;
        await client.query(`SELECT setval(pg_get_serial_sequence('${t.name}', '${t.identity}'), max(${t.identity})) FROM ${t.name}`);
      }
      return result;
    });
  }
}

function reader(client: pg.PoolClient): TableReader {
  return {
    count: async (table) => (await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${table.name}`)).rows[0]!.n,
    async *batches(table: TableDef, size: number): AsyncGenerator<PortableRow[]> {
      const order = table.order === 'insertion' ? 'seq' : table.order.join(', ');
      const sql = `SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${order} LIMIT $1 OFFSET $2`;
      for (let offset = 0; ; offset += size) {
        const { rows } = await client.query<Record<string, unknown>>(sql, [size, offset]);
        if (rows.length > 0) yield rows.map((r) => toPortable(table, r));
        if (rows.length < size) return;
      }
    },
  };
}

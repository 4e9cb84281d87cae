import { TABLES, TableChecksum, type StoreTables, type TableReader } from './shared/table-rows.js';

export interface TableCopy {
  table: string;
  rows: number;
  sourceChecksum: string;
  targetChecksum: string;
}

export interface CopyOptions {
  /** Delete everything in a non-empty target first; without it a non-empty target is refused. */
  force?: boolean;
  /** Rows per read and per INSERT. */
  batchSize?: number;
}

/**
 * Copies every table of `source` into `target` in one target transaction: ids, times and JSON kept.
 * Before committing it reads the target back and compares each table's row count and checksum
 * with the source's; any difference rolls the whole copy back and throws.
 */
export async function copyStore(source: StoreTables, target: StoreTables, options: CopyOptions = {}): Promise<TableCopy[]> {
  const size = options.batchSize ?? 500;
  return target.write(async (writer) => {
    const present = await nonEmptyTables(writer);
    if (present.length > 0 && !options.force) {
      throw new Error(
        `the target store is not empty (${present.join(', ')}); pass --force to delete every row of every table in the target before copying`,
      );
    }
    if (present.length > 0) await writer.clear();
    const sums = await source.read(async (reader) => {
      const out = new Map<string, TableChecksum>();
      for (const table of TABLES) {
        const sum = new TableChecksum();
        for await (const rows of reader.batches(table, size)) {
          sum.add(rows);
          await writer.insert(table, rows);
        }
        out.set(table.name, sum);
      }
      return out;
    });
    const result: TableCopy[] = [];
    for (const table of TABLES) {
      const back = new TableChecksum();
      for await (const rows of writer.batches(table, size)) back.add(rows);
      const from = sums.get(table.name)!;
      result.push({ table: table.name, rows: from.rows, sourceChecksum: from.hex(), targetChecksum: back.hex() });
      if (back.rows !== from.rows)
        throw new Error(`copy of ${table.name} failed: ${from.rows} rows in the source, ${back.rows} in the target; nothing was written`);
    }
    const differ = result.filter((r) => r.sourceChecksum !== r.targetChecksum);
    if (differ.length > 0) {
      throw new Error(
        `copy failed: checksums differ for ${differ.map((d) => `${d.table} (${d.sourceChecksum} vs ${d.targetChecksum})`).join(', ')}; nothing was written`,
      );
    }
    return result;
  });
}

async function nonEmptyTables(reader: TableReader): Promise<string[]> {
  const present: string[] = [];
  for (const table of TABLES) {
    const n = await reader.count(table);
    if (n > 0) present.push(`${table.name}: ${n} rows`);
  }
  return present;
}

import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * A row as both stores agree on it, for whole-table copies: column names as keys, JSON columns
 * as values (not text), booleans as booleans, times as ISO strings, numbers as numbers.
 */
export type PortableRow = Record<string, unknown>;

export interface TableDef {
  name: string;
  /** The columns both stores share (not SQLite's rowid nor Postgres's seq). */
  columns: readonly string[];
  json: readonly string[];
  /** JSON columns where SQL NULL stands for "none"; in the others a null value is the JSON text `null`. */
  nullableJson?: readonly string[];
  booleans: readonly string[];
  /** An id column the store normally assigns itself; a copy writes it, and Postgres moves its sequence past it. */
  identity?: string;
  /** The order rows are read and checksummed in: the order the store lists them (`insertion` is SQLite's rowid, Postgres's seq). */
  order: readonly string[] | 'insertion';
}

/** Every table, parents before children. */
export const TABLES: readonly TableDef[] = [
  {
    name: 'prompt_sets',
    columns: ['id', 'version', 'content_hash', 'json', 'source', 'created_at'],
    json: ['json'],
    booleans: [],
    order: ['id', 'version'],
  },
  {
    name: 'prompt_questions',
    columns: [
      'prompt_set_id',
      'prompt_set_version',
      'prompt_id',
      'language',
      'model',
      'template',
      'judge_id',
      'questions',
      'detail',
      'created_at',
    ],
    json: ['questions', 'detail'],
    booleans: [],
    order: ['prompt_set_id', 'prompt_set_version', 'prompt_id', 'language', 'model', 'template'],
  },
  { name: 'runs', columns: ['id', 'config', 'status', 'created_at', 'updated_at'], json: ['config'], booleans: [], order: 'insertion' },
  {
    name: 'generations',
    columns: [
      'id',
      'key',
      'generator_id',
      'generator_type',
      'prompt_set_id',
      'prompt_set_version',
      'prompt_id',
      'category',
      'language',
      'text',
      'seed',
      'sample',
      'modality',
      'status',
      'attempts',
      'claimed_by',
      'claimed_at',
      'media_hash',
      'mime',
      'width',
      'height',
      'duration_sec',
      'fps',
      'latency_ms',
      'cost_usd',
      'provider_ids',
      'error_category',
      'error_message',
      'created_at',
      'updated_at',
    ],
    json: ['provider_ids'],
    nullableJson: ['provider_ids'],
    booleans: [],
    identity: 'id',
    order: ['id'],
  },
  { name: 'run_generations', columns: ['run_id', 'generation_key'], json: [], booleans: [], order: ['run_id', 'generation_key'] },
  {
    name: 'scores',
    columns: ['generation_key', 'metric_id', 'metric_version', 'value', 'details', 'provenance', 'error', 'created_at'],
    json: ['details', 'provenance'],
    booleans: [],
    order: 'insertion',
  },
  {
    name: 'studies',
    columns: ['id', 'run_id', 'name', 'mode', 'config', 'status', 'created_at', 'config_version'],
    json: ['config'],
    booleans: [],
    order: 'insertion',
  },
  {
    name: 'assignments',
    columns: ['id', 'study_id', 'rater_id', 'item', 'position', 'kind', 'created_at'],
    json: [],
    booleans: [],
    order: 'insertion',
  },
  {
    name: 'ratings',
    columns: [
      'id',
      'study_id',
      'assignment_id',
      'rater_id',
      'dimension',
      'value',
      'cannot_rate',
      'time_ms',
      'watched_to_end',
      'submission_id',
      'client_shown_at',
      'client_answered_at',
      'slot',
      'created_at',
    ],
    json: [],
    booleans: ['watched_to_end'],
    identity: 'id',
    order: ['id'],
  },
  {
    name: 'served_items',
    columns: ['assignment_id', 'study_id', 'rater_id', 'first_served_at'],
    json: [],
    booleans: [],
    order: ['assignment_id'],
  },
  { name: 'coordinator_link', columns: ['id', 'token_hash', 'created_at'], json: [], booleans: [], order: ['id'] },
  {
    name: 'ledger',
    columns: [
      'id',
      'generation_key',
      'generator_id',
      'attempt',
      'phase',
      'job_id',
      'detail',
      'result_urls',
      'result_expires_at',
      'price_usd',
      'media_hash',
      'message',
      'created_at',
      'updated_at',
    ],
    json: ['detail', 'result_urls'],
    nullableJson: ['detail', 'result_urls'],
    booleans: [],
    identity: 'id',
    order: ['id'],
  },
];

/** Reads whole tables, in each table's order, from one consistent view of the store. */
export interface TableReader {
  count(table: TableDef): Promise<number>;
  batches(table: TableDef, size: number): AsyncGenerator<PortableRow[]>;
}

/** Writes whole tables inside one transaction; it can read back what it wrote before committing. */
export interface TableWriter extends TableReader {
  /** Deletes every row of every table (and resets the id counters). */
  clear(): Promise<void>;
  insert(table: TableDef, rows: readonly PortableRow[]): Promise<void>;
}

export interface StoreTables {
  read<T>(fn: (reader: TableReader) => Promise<T>): Promise<T>;
  /** Commits when `fn` resolves, rolls everything back when it throws. */
  write<T>(fn: (writer: TableWriter) => Promise<T>): Promise<T>;
}

/** The row from a store's raw row: JSON text parsed, 0/1 made boolean. */
export function toPortable(table: TableDef, raw: Record<string, unknown>): PortableRow {
  const row: PortableRow = {};
  for (const c of table.columns) {
    const v = raw[c] ?? null;
    row[c] = v === null ? null : table.json.includes(c) ? JSON.parse(v as string) : table.booleans.includes(c) ? Boolean(v) : v;
  }
  return row;
}

/** The values to insert, in column order: JSON as canonical text, booleans as `boolean(b)`. */
export function fromPortable(table: TableDef, row: PortableRow, boolean: (b: boolean) => unknown): unknown[] {
  return table.columns.map((c) => {
    const v = row[c] ?? null;
    if (table.json.includes(c)) return v === null && table.nullableJson?.includes(c) ? null : canonicalJson(v);
    if (v === null) return null;
    return table.booleans.includes(c) ? boolean(v as boolean) : v;
  });
}

/** sha256 of the canonical JSON of each row, one per line, in table order: the same on every store. */
export class TableChecksum {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;

  add(rows: readonly PortableRow[]): void {
    for (const row of rows) this.hash.update(`${canonicalJson(row)}\n`);
    this.rows += rows.length;
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}

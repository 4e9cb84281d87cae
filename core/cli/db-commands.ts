import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import { configStoreSpec, copyStore, describeSpec, openLabelledStore, parseStoreSpec, type TableCopy } from '../store/index.js';
import { loadConfigFile } from './compose.js';

/** `loupe db migrate` and `loupe db copy`: the store's schema, and moving an evaluation between stores. */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('manage the store: apply schema migrations, copy an evaluation between SQLite and Postgres');
  db.command('migrate')
    .description('bring the store up to the current schema and print its version')
    .option('--store <spec>', "the store: sqlite:<file>, a file path, or postgres://user@host:port/db (default: the config's store)")
    .option('-c, --config <file>', 'the config file whose store to migrate', DEFAULT_CONFIG_FILE)
    .action(async (o: { store?: string; config: string }) => {
      const [spec, label] = o.store === undefined ? configSpec(o.config) : [o.store, '--store'];
      const store = await openLabelledStore(spec, label);
      try {
        const applied = store.appliedMigrations;
        const where = describeSpec(parseStoreSpec(spec, label));
        console.log(
          `${where}: schema version ${await store.schemaVersion()}${applied.length > 0 ? ` (applied ${applied.join(', ')})` : ' (already current)'}`,
        );
      } finally {
        await store.close();
      }
    });
  db.command('copy')
    .description(
      'copy a whole evaluation (prompt sets, runs, generations, scores, studies, assignments, ratings) to another store, keeping ids',
    )
    .requiredOption('--from <spec>', 'the store to read: sqlite:<file>, a file path, or postgres://...')
    .requiredOption('--to <spec>', 'the store to write; it must be empty unless --force')
    .option('--force', 'delete every row in the target store before copying (all its runs, ratings, everything)')
    .option('--batch-size <n>', 'rows per read and insert', positiveInt, 500)
    .action(async (o: { from: string; to: string; force?: boolean; batchSize: number }) => {
      const from = parseStoreSpec(o.from, '--from');
      const to = parseStoreSpec(o.to, '--to');
      if (JSON.stringify(from) === JSON.stringify(to)) throw new Error(`--from and --to name the same store (${describeSpec(from)})`);
      // Opening a SQLite file creates it: a mistyped source would copy an empty store.
      if (from.kind === 'sqlite' && from.path !== ':memory:' && !existsSync(from.path))
        throw new Error(`--from: ${from.path} does not exist`);
      const source = await openLabelledStore(o.from, '--from');
      try {
        const target = await openLabelledStore(o.to, '--to');
        try {
          const copied = await copyStore(source.tables(), target.tables(), { force: o.force, batchSize: o.batchSize });
          printCopy(copied, describeSpec(from), describeSpec(to));
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}

function configSpec(file: string): [string, string] {
  const loaded = loadConfigFile(file);
  return [configStoreSpec(loaded.config.store, loaded.resolvePath), `${file}: store`];
}

function printCopy(copied: readonly TableCopy[], from: string, to: string): void {
  const width = Math.max(...copied.map((c) => c.table.length));
  console.log(`Copied ${from} -> ${to}`);
  console.log(`${'table'.padEnd(width)}  ${'rows'.padStart(6)}  sha256 (source = target)`);
  for (const c of copied)
    console.log(
      `${c.table.padEnd(width)}  ${String(c.rows).padStart(6)}  ${c.sourceChecksum}${c.targetChecksum === c.sourceChecksum ? '' : ` != ${c.targetChecksum}`}`,
    );
  console.log(`${copied.reduce((n, c) => n + c.rows, 0)} rows in ${copied.length} tables; every checksum matches.`);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got "${value}"`);
  return n;
}

import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';

const run = promisify(execFile);

export interface PostgresServer {
  /** Admin URL of the server's default database (`postgres`), user `postgres`, no password. */
  url: string;
  /** Creates a fresh empty database (a random name when none is given) and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server and deletes its data folder. Safe to call twice. */
  stop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';

/**
 * Starts a throwaway PostgreSQL server from Debian's package: a new cluster in a temp folder
 * (trust auth, fsync off), listening on a free port of 127.0.0.1 with its socket in that folder.
 * Postgres refuses to run as root, so under root the server runs as the `postgres` user.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const dir = await mkdtemp(join(tmpdir(), 'loupe-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const exec = async (tool: string, args: string[]): Promise<void> => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    try {
      await run(file, argv, { cwd: dir });
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`${tool} failed: ${err.stderr?.trim() || err.message}`, { cause: e });
    }
  };
  try {
    if (asRoot) await chownToPostgres(dir);
    await exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const options = `-h 127.0.0.1 -p ${port} -k ${dir} -F -c full_page_writes=off -c synchronous_commit=off -c max_connections=200`;
    await exec('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    const stopSync = () => {
      const args = ['-D', data, '-m', 'immediate', 'stop'];
      spawnSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args] : args);
      rmSync(dir, { recursive: true, force: true });
    };
    // A test run that dies before stop() must not leave a server behind.
    process.once('exit', stopSync);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let stopped = false;
    return {
      url,
      async createDatabase(name = `loupe_${randomBytes(6).toString('hex')}`) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        process.removeListener('exit', stopSync);
        await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The bin folder of the newest installed PostgreSQL. */
export function findPostgresBin(): string {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL is not installed (no ${PG_ROOT}/<version>/bin/initdb): run npm test, whose setup installs it, or apt-get install postgresql`,
    );
  }
  return join(PG_ROOT, versions[0]!, 'bin');
}

async function chownToPostgres(dir: string): Promise<void> {
  const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
    throw new Error('running as root, but there is no "postgres" user to run PostgreSQL as (it comes with apt-get install postgresql)');
  });
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  await chown(dir, Number(stdout.trim()), Number(gid.trim()));
}

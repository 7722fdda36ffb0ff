// A real PostgreSQL server for tests (Debian package `postgresql`): a throwaway cluster in a
// temp directory, on a free loopback port, password authentication (scram-sha-256) as a
// store in production would use, durability off for speed. initdb refuses to run as root,
// so as root (CI) the cluster belongs to the package's `postgres` user and its commands run
// through runuser. Each test file starts its own server and takes fresh databases from it.

import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { requireDebianPackage } from './debian-package.ts';
import { freePort } from './ports.ts';

export interface PostgresServer {
  port: number;
  /** The superuser `opswarden` on the `postgres` database. */
  adminUrl: string;
  /** The URL of a new, empty database. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

const USER = 'opswarden';
const PORT_ATTEMPTS = 3;
const run = promisify(execFile);

/** The bin directory of the newest installed PostgreSQL, installing the package first when missing. */
export function postgresBinDir(): string {
  const newest = () => {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
  };
  const found = newest();
  if (found) return found;
  // The path the package installs for Debian 12's PostgreSQL; any version found afterwards will do.
  try {
    requireDebianPackage('postgresql', '/usr/lib/postgresql/15/bin/pg_ctl');
  } catch (error) {
    if (!newest()) throw error;
  }
  const installed = newest();
  if (!installed)
    throw new Error('apt-get install -y postgresql finished but no /usr/lib/postgresql/*/bin/pg_ctl');
  return installed;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const password = randomBytes(16).toString('hex');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  const pgCommand = (binary: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, binary), ...args], { cwd: dir })
      : run(join(bin, binary), args, { cwd: dir });
  const tail = () => {
    try {
      return readFileSync(log, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '(no server log)';
    }
  };
  const removeDir = () => rmSync(dir, { recursive: true, force: true });

  try {
    await pgCommand('initdb', [
      '-D',
      data,
      '--auth=scram-sha-256',
      `--username=${USER}`,
      `--pwfile=${pwfile}`,
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
  } catch (error) {
    removeDir();
    throw new Error(`initdb failed: ${(error as { stderr?: string }).stderr ?? (error as Error).message}`);
  }

  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const options = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${dir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
    ].join(' ');
    try {
      await pgCommand('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
      break;
    } catch (error) {
      const logTail = tail();
      if (attempt < PORT_ATTEMPTS && /address already in use/i.test(logTail)) continue;
      await pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => {});
      removeDir();
      throw new Error(
        `PostgreSQL did not start on port ${port}: ${(error as Error).message.trim()}\n--- server log (tail) ---\n${logTail}`,
      );
    }
  }

  const urlOf = (database: string) => `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`;
  const adminUrl = urlOf('postgres');
  let databases = 0;
  let stopped = false;
  return {
    port,
    adminUrl,
    async createDatabase(name = `test_${process.pid}_${++databases}_${randomBytes(3).toString('hex')}`) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      return urlOf(name);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        removeDir();
      }
    },
  };
}

// A real PostgreSQL server for tests (Debian package `postgresql`): a throwaway cluster in a
// temp directory, on a free loopback port, password authentication (scram-sha-256) as a
// store in production would use, durability off for speed. initdb refuses to run as root,
// so as root (CI) the cluster belongs to the package's `postgres` user and its commands run
// through runuser. Each test file starts its own server and takes fresh databases from it.
// With `{ tls: true }` the server speaks TLS only: a throwaway CA made with openssl signs
// its certificate (127.0.0.1 and localhost) and a client certificate, and pg_hba.conf
// refuses every TCP connection that is not encrypted.

import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
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
  /** Set when started with `{ tls: true }`: what a client needs to trust the server. */
  tls?: PostgresTls;
  stop(): Promise<void>;
}

export interface PostgresStartOptions {
  /** TLS only: `hostssl` for TCP, plain `host` connections rejected. Default false. */
  tls?: boolean;
}

export interface PostgresTls {
  /** PEM file of the CA that signed the server's certificate (for 127.0.0.1 and localhost). */
  caFile: string;
  caPem: string;
  /** A client certificate for the user `opswarden`, signed by the same CA, and its key. */
  clientCertFile?: string;
  clientKeyFile?: string;
}

export interface TestCertificateAuthority {
  keyFile: string;
  certFile: string;
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

const OPENSSL_CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

/** The openssl binary, installing Debian's package first when missing. */
function opensslBinary(): string {
  return requireDebianPackage('openssl', '/usr/bin/openssl');
}

async function openssl(dir: string, args: string[]): Promise<void> {
  const config = join(dir, 'openssl.cnf');
  if (!existsSync(config)) writeFileSync(config, OPENSSL_CONFIG);
  try {
    await run(opensslBinary(), [...args, ...(args[0] === 'req' ? ['-config', config] : [])], {
      cwd: dir,
      env: { ...process.env, OPENSSL_CONF: config },
    });
  } catch (error) {
    throw new Error(
      `openssl ${args[0]} failed: ${(error as { stderr?: string }).stderr ?? (error as Error).message}`,
    );
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** A throwaway CA in `dir` (created if missing): `<name>.key` and a self-signed `<name>.crt`, valid two days. */
export async function createTestCa(dir: string, name = 'ca'): Promise<TestCertificateAuthority> {
  mkdirSync(dir, { recursive: true });
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.crt`);
  await openssl(dir, [
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    `/CN=opswarden test CA ${name} ${randomBytes(4).toString('hex')}`,
    '-extensions',
    'ca',
  ]);
  chmodSync(keyFile, 0o600);
  return { keyFile, certFile };
}

/**
 * A key (`<name>.key`, mode 0600) and a certificate (`<name>.crt`) signed by `ca`: `kind`
 * 'server' is for IP 127.0.0.1 and DNS localhost, 'client' for client authentication.
 */
export async function issueTestCertificate(
  ca: TestCertificateAuthority,
  dir: string,
  name: string,
  kind: 'server' | 'client',
  commonName: string,
): Promise<{ keyFile: string; certFile: string }> {
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.crt`);
  const csr = join(dir, `${name}.csr`);
  await openssl(dir, [
    'req',
    '-new',
    ...EC_KEY,
    '-keyout',
    keyFile,
    '-out',
    csr,
    '-subj',
    `/CN=${commonName}`,
  ]);
  chmodSync(keyFile, 0o600);
  await openssl(dir, [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.certFile,
    '-CAkey',
    ca.keyFile,
    '-set_serial',
    `0x${randomBytes(8).toString('hex')}`,
    '-days',
    '2',
    '-extfile',
    join(dir, 'openssl.cnf'),
    '-extensions',
    kind,
    '-out',
    certFile,
  ]);
  rmSync(csr, { force: true });
  return { keyFile, certFile };
}

/** pg_hba.conf for a TLS-only server: the local socket as initdb sets it, TCP only over TLS. */
const TLS_ONLY_HBA = `# Written by test/helpers/postgres.ts: TCP connections must use TLS.
local     all all                scram-sha-256
hostssl   all all 127.0.0.1/32   scram-sha-256
hostnossl all all 0.0.0.0/0      reject
hostnossl all all ::/0           reject
`;

export async function startPostgres(options: PostgresStartOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const password = randomBytes(16).toString('hex');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    owner = { uid, gid };
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  /** A file the server reads: the postgres user's when running as root. */
  const serverOwns = (file: string) => {
    if (owner) chownSync(file, owner.uid, owner.gid);
  };
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

  let tls: PostgresTls | undefined;
  const tlsSettings: string[] = [];
  if (options.tls) {
    const tlsDir = join(dir, 'tls');
    try {
      const ca = await createTestCa(tlsDir);
      const server = await issueTestCertificate(ca, tlsDir, 'server', 'server', '127.0.0.1');
      const client = await issueTestCertificate(ca, tlsDir, 'client', 'client', USER);
      // PostgreSQL refuses a key file others can read, or (as root) one it does not own.
      chmodSync(server.keyFile, 0o600);
      for (const file of [server.keyFile, server.certFile, ca.certFile]) serverOwns(file);
      const hba = join(data, 'pg_hba.conf');
      writeFileSync(hba, TLS_ONLY_HBA, { mode: 0o600 });
      serverOwns(hba);
      tlsSettings.push(
        '-c ssl=on',
        `-c ssl_cert_file=${server.certFile}`,
        `-c ssl_key_file=${server.keyFile}`,
        // Verifies a client certificate when one is presented; pg_hba does not demand one.
        `-c ssl_ca_file=${ca.certFile}`,
      );
      tls = {
        caFile: ca.certFile,
        caPem: readFileSync(ca.certFile, 'utf8'),
        clientCertFile: client.certFile,
        clientKeyFile: client.keyFile,
      };
    } catch (error) {
      removeDir();
      throw error;
    }
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
      ...tlsSettings,
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
    ...(tls ? { tls } : {}),
    async createDatabase(name = `test_${process.pid}_${++databases}_${randomBytes(3).toString('hex')}`) {
      const admin = new pg.Client({
        connectionString: adminUrl,
        ...(tls ? { ssl: { ca: tls.caPem } } : {}),
      });
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

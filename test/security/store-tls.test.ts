// The team store's TLS (store.tls), against a real PostgreSQL that accepts TCP connections
// only over TLS (test/helpers/postgres.ts with `{ tls: true }`): the store connects only to
// a server whose certificate its CA signed for the name it dials, the LISTEN connection is
// encrypted as the statement connection is, and every refusal names the store but never
// its password. `rejectUnauthorized: false` is the one way to accept an unverified server.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type StoreConfig, storeLocation } from '../../src/store/open.ts';
import type { SqlDatabase } from '../../src/store/sql.ts';
import {
  createTestCa,
  issueTestCertificate,
  type PostgresServer,
  type PostgresTls,
  startPostgres,
  type TestCertificateAuthority,
} from '../helpers/postgres.ts';

type TlsConfig = NonNullable<StoreConfig['tls']>;

const CHANNEL = 'opswarden_tls_test';

let server: PostgresServer;
let tls: PostgresTls;
let url: string;
let password: string;
let scratch: string;
/** A CA the server's certificate does not come from. */
let unknownCa: TestCertificateAuthority;
const opened: SqlDatabase[] = [];

beforeAll(async () => {
  server = await startPostgres({ tls: true });
  tls = server.tls!;
  url = await server.createDatabase();
  password = decodeURIComponent(new URL(url).password);
  scratch = mkdtempSync(join(tmpdir(), 'opswarden-store-tls-'));
  unknownCa = await createTestCa(scratch, 'unknown');
});

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

afterAll(async () => {
  for (const db of opened.splice(0)) db.close();
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function open(storeTls?: TlsConfig, at = url): SqlDatabase {
  const db = openStore({ path: 'unused', url: at, ...(storeTls ? { tls: storeTls } : {}) });
  opened.push(db);
  return db;
}

/** What the server says about this connection's TLS. */
function sslOf(db: SqlDatabase) {
  return db.prepare('SELECT ssl, version, client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()').get() as {
    ssl: boolean;
    version: string | null;
    client_dn: string | null;
  };
}

/** The error the first statement fails with: the connection is made then. */
function refusal(db: SqlDatabase): Error & { code?: string; detail?: string } {
  try {
    db.prepare('SELECT 1 AS one').get();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('the store connected, but the server should have been refused');
}

function expectNoPassword(error: Error & { detail?: string }): void {
  for (const text of [error.message, error.stack ?? '', error.detail ?? '', String(error)]) {
    expect(text).not.toContain(password);
  }
}

const location = () => storeLocation({ path: 'unused', url });

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a store with the CA of the server', () => {
  it('connects, answers, and the server sees the connection encrypted', () => {
    const db = open({ ca: tls.caFile, rejectUnauthorized: true });
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    expect(db.prepare('SHOW ssl').get()).toEqual({ ssl: 'on' });
    const ssl = sslOf(db);
    expect(ssl.ssl).toBe(true);
    expect(ssl.version).toMatch(/^TLSv1\.[23]$/);
    expect(ssl.client_dn).toBeNull(); // no client certificate configured, none presented
  });

  it('presents the configured client certificate, which the server verifies against its CA', () => {
    const db = open({
      ca: tls.caFile,
      cert: tls.clientCertFile!,
      key: tls.clientKeyFile!,
      rejectUnauthorized: true,
    });
    expect(sslOf(db)).toMatchObject({ ssl: true, client_dn: '/CN=opswarden' });
  });

  it('is refused by the server when its client certificate comes from a CA the server does not know', async () => {
    const stranger = await issueTestCertificate(unknownCa, scratch, 'stranger', 'client', 'opswarden');
    const error = refusal(
      open({ ca: tls.caFile, cert: stranger.certFile, key: stranger.keyFile, rejectUnauthorized: true }),
    );
    expect(error.message).toMatch(/alert unknown ca/);
    expect(error.code).toBe('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA');
    expect(error.message).toContain(`(PostgreSQL at ${location()})`);
    expectNoPassword(error);
  });
});

describe('refused connections', () => {
  it('without TLS: the server (hostssl only) rejects it, naming the store, not the password', () => {
    const error = refusal(open());
    expect(error.message).toMatch(/pg_hba\.conf rejects connection .*no encryption/);
    expect(error.code).toBe('28000');
    expect(error.message).toContain(`(PostgreSQL at ${location()})`);
    expect(location()).not.toContain(password);
    expectNoPassword(error);
  });

  it('a server certificate from a CA other than the configured one', () => {
    const error = refusal(open({ ca: unknownCa.certFile, rejectUnauthorized: true }));
    // The server sends its CA along (ssl_ca_file is set): that CA is self-signed and not the configured one.
    expect(error.message).toMatch(
      /self-signed certificate in certificate chain|unable to verify the first certificate/,
    );
    expect(error.code).toMatch(/^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/);
    expect(error.message).toContain(`(PostgreSQL at ${location()})`);
    expectNoPassword(error);
  });

  it('TLS with no CA configured: the default trust store does not know the server', () => {
    const error = refusal(open({ rejectUnauthorized: true }));
    expect(error.message).toMatch(
      /self-signed certificate in certificate chain|unable to verify the first certificate/,
    );
    expect(error.message).toContain(`(PostgreSQL at ${location()})`);
    expectNoPassword(error);
  });

  it('a servername the certificate is not for, though the CA signed it', () => {
    const error = refusal(open({ ca: tls.caFile, servername: 'db.example.com', rejectUnauthorized: true }));
    expect(error.message).toMatch(/does not match certificate's altnames.*db\.example\.com/);
    expect(error.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(error.message).toContain(`(PostgreSQL at ${location()})`);
    expectNoPassword(error);
    // The control: a servername the certificate is for connects.
    const db = open({ ca: tls.caFile, servername: 'localhost', rejectUnauthorized: true });
    expect(sslOf(db).ssl).toBe(true);
  });

  it('a servername the certificate is not for, when the URL reaches the server by a name it is for', () => {
    // pg would check the URL's host (localhost, in the certificate) and drop the pin.
    const byName = url.replace('127.0.0.1', 'localhost');
    const error = refusal(
      open({ ca: tls.caFile, servername: 'db.example.com', rejectUnauthorized: true }, byName),
    );
    expect(error.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(error.message).toMatch(/db\.example\.com/);
    expectNoPassword(error);
  });
});

describe('rejectUnauthorized: false (the documented escape hatch for tests)', () => {
  it('connects to a server no configured CA vouches for, still encrypted: the only way one is accepted', () => {
    const db = open({ rejectUnauthorized: false });
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    expect(sslOf(db).ssl).toBe(true);
    // Nor is the name checked: a wrong CA and a wrong servername are accepted as well.
    const anything = open({
      ca: unknownCa.certFile,
      servername: 'db.example.com',
      rejectUnauthorized: false,
    });
    expect(sslOf(anything).ssl).toBe(true);
  });
});

describe('the LISTEN connection', () => {
  it('uses TLS too: it hears a notify sent over a second TLS connection, and its backend is encrypted', async () => {
    const db = open({ ca: tls.caFile, rejectUnauthorized: true });
    const heard: string[] = [];
    const unlisten = db.listen(CHANNEL, (payload) => heard.push(payload));
    await until(() => heard.includes(''), 'the LISTEN to be in place');
    const sender = open({ ca: tls.caFile, rejectUnauthorized: true });
    sender.notify(CHANNEL, 'over tls');
    await until(() => heard.includes('over tls'), 'the notification');
    const listeners = sender
      .prepare(
        `SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid
          WHERE a.application_name = 'opswarden listen' AND a.datname = current_database()`,
      )
      .all();
    expect(listeners).toEqual([{ ssl: true }]);
    unlisten();
  });

  it('with the wrong CA, never connects: nothing is heard', async () => {
    const db = open({ ca: unknownCa.certFile, rejectUnauthorized: true });
    const heard: string[] = [];
    db.listen(CHANNEL, (payload) => heard.push(payload));
    const sender = open({ ca: tls.caFile, rejectUnauthorized: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    sender.notify(CHANNEL, 'not for strangers');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard).toEqual([]);
    const listeners = sender
      .prepare(
        `SELECT count(*) AS n FROM pg_stat_activity
          WHERE application_name = 'opswarden listen' AND datname = current_database()`,
      )
      .get();
    expect(listeners).toEqual({ n: 0 });
  });
});

describe('configuration', () => {
  it('a store.tls.ca file that does not exist: openStore throws naming the setting and the path', () => {
    const missing = join(scratch, 'no-such-ca.pem');
    expect(() => openStore({ path: 'unused', url, tls: { ca: missing, rejectUnauthorized: true } })).toThrow(
      `store.tls.ca: cannot read ${missing}`,
    );
    expect(() => openStore({ path: 'unused', url, tls: { ca: missing, rejectUnauthorized: true } })).toThrow(
      /ENOENT/,
    );
  });
});

// The server side of signed checkpoints: where the key may live, when the head is signed
// (every N records, every interval, at start, on close), and delivery to real sinks — a
// file, a webhook on 127.0.0.1 that fails before it succeeds, syslog over UDP and TCP.

import { generateKeyPairSync } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src/audit/log.ts';
import {
  checkpointDigest,
  keyIdOf,
  parseCheckpointLine,
  type SignedCheckpoint,
  signCheckpoint,
} from '../../../src/audit/signing/checkpoint.ts';
import type { CheckpointSinkConfig } from '../../../src/audit/signing/config.ts';
import { loadCheckpointKey } from '../../../src/audit/signing/key.ts';
import { planCheckpoints, startCheckpointSigning } from '../../../src/audit/signing/signer.ts';
import { CheckpointStore } from '../../../src/audit/signing/store.ts';
import { verifyCheckpoints } from '../../../src/audit/signing/verify.ts';
import { ConfigError, maskSecrets, parseConfig } from '../../../src/config/load.ts';
import { writeNewSigningKey } from '../../../src/key-file.ts';
import { eventually } from '../../helpers/eventually.ts';
import { auditFixture, tempDir, toolCall } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function keyFile(): string {
  const path = join(tempDir(), 'checkpoint.key');
  writeNewSigningKey(path);
  return path;
}

/** A logger whose records the test can read. */
function capturedLogger() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** An audit log on a real store with checkpoint signing wired as the app wires it. */
function signedAudit(opts: { every?: number; interval?: string; sinks?: CheckpointSinkConfig[] } = {}) {
  const fixture = auditFixture();
  const sinkFile = join(tempDir(), 'checkpoints.jsonl');
  const plan = planCheckpoints(
    {
      keyFile: keyFile(),
      every: opts.every ?? 5,
      interval: opts.interval ?? '1h',
      sinks: opts.sinks ?? [{ type: 'file', path: sinkFile }],
    },
    { storePath: fixture.dbPath, jsonlPath: fixture.jsonlPath },
  );
  const { logger, lines } = capturedLogger();
  const signing = startCheckpointSigning(plan, {
    db: fixture.db,
    logger,
    clock: fixture.clock,
    retry: { initialMs: 20, maxMs: 100 },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await signing.close();
  };
  cleanups.push(close);
  const log = AuditLog.open(fixture.db, {
    jsonlPath: fixture.jsonlPath,
    clock: fixture.clock,
    onAppended: (records) => signing.appended(records.at(-1)!.seq),
  });
  return { ...fixture, log, signing, plan, sinkFile, logs: lines, close };
}

function sinkLines(path: string): SignedCheckpoint[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => parseCheckpointLine(line)!);
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('audit.checkpoints config', () => {
  const parse = (checkpoints: unknown, env: NodeJS.ProcessEnv = {}) =>
    parseConfig({ audit: { checkpoints } }, 'opswarden.yaml', env, '/etc/opswarden');

  it('resolves the key and file sinks against the config directory, with documented defaults', () => {
    const config = parse(
      {
        keyFile: 'keys/checkpoint.key',
        sinks: [
          { type: 'file', path: '../../var/log/checkpoints.jsonl' },
          { type: 'webhook', url: 'https://audit.example/hook', bearerToken: `\${HOOK_TOKEN}` },
          { type: 'syslog', host: 'logs.example' },
        ],
      },
      { HOOK_TOKEN: 'hook-secret' },
    );
    expect(config.audit.checkpoints).toEqual({
      keyFile: '/etc/opswarden/keys/checkpoint.key',
      every: 100,
      interval: '60s',
      sinks: [
        { type: 'file', path: '/var/log/checkpoints.jsonl' },
        { type: 'webhook', url: 'https://audit.example/hook', bearerToken: 'hook-secret', timeout: '10s' },
        { type: 'syslog', host: 'logs.example', port: 514, protocol: 'udp', facility: 13 },
      ],
    });
    expect(JSON.stringify(maskSecrets(config))).not.toContain('hook-secret');
  });

  it('names the key path of each mistake, and wants at least one sink', () => {
    const message = (checkpoints: unknown) => {
      try {
        parse(checkpoints);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('the config loaded');
    };
    expect(message({ keyFile: 'k', sinks: [] })).toContain(
      'audit.checkpoints.sinks: at least one sink: checkpoints kept only in the store can be deleted with it',
    );
    expect(message({ keyFile: 'k', interval: 'soon', sinks: [{ type: 'file', path: 'x' }] })).toContain(
      'audit.checkpoints.interval: invalid duration "soon"',
    );
    expect(message({ keyFile: 'k', sinks: [{ type: 'syslog', host: 'h', protocol: 'tls' }] })).toContain(
      'audit.checkpoints.sinks[0].protocol:',
    );
    expect(message({ keyFile: 'k', sinks: [{ type: 'webhook', url: 'ftp://x' }] })).toContain(
      'audit.checkpoints.sinks[0].url:',
    );
    expect(message({ sinks: [{ type: 'file', path: 'x' }] })).toContain('audit.checkpoints.keyFile:');
  });
});

describe('the checkpoint key', () => {
  const logFiles = (dir: string) => ({
    storePath: join(dir, 'opswarden.db'),
    jsonlPath: join(dir, 'audit.jsonl'),
  });

  it('is refused in the store directory, in the mirror directory (also through a symlink) and when others may read it', () => {
    const storeDir = tempDir();
    const mirrorDir = tempDir();
    const files = { storePath: join(storeDir, 'opswarden.db'), jsonlPath: join(mirrorDir, 'audit.jsonl') };
    const inStore = join(storeDir, 'signing.key');
    writeNewSigningKey(inStore);
    expect(() => loadCheckpointKey(inStore, files)).toThrow(
      `audit.checkpoints.keyFile ${inStore} is inside the store's directory ${storeDir}: whoever can rewrite the log could read it; move it elsewhere`,
    );
    const elsewhere = tempDir();
    const link = join(elsewhere, 'mirror');
    symlinkSync(mirrorDir, link);
    writeNewSigningKey(join(mirrorDir, 'signing.key'));
    expect(() => loadCheckpointKey(join(link, 'signing.key'), files)).toThrow(
      /inside the audit mirror's directory/,
    );

    const loose = keyFile();
    chmodSync(loose, 0o640);
    expect(() => loadCheckpointKey(loose, logFiles(tempDir()))).toThrow(
      `audit.checkpoints.keyFile ${loose} is readable by group or others (mode 640); run: chmod 600 ${loose}`,
    );
  });

  it('is refused when missing or not Ed25519, and loaded with its keyId otherwise', () => {
    const missing = join(tempDir(), 'none.key');
    expect(() => loadCheckpointKey(missing, logFiles(tempDir()))).toThrow(
      `audit.checkpoints.keyFile ${missing}: no such file; make one with \`opswarden audit keygen --out ${missing}\``,
    );
    const rsa = join(tempDir(), 'rsa.key');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(rsa, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    expect(() => loadCheckpointKey(rsa, logFiles(tempDir()))).toThrow(/must be an Ed25519 key .* got rsa/);
    const good = keyFile();
    const key = loadCheckpointKey(good, logFiles(tempDir()));
    expect(key.keyId).toBe(keyIdOf(key.publicKey));
  });

  it('refuses a file sink in the store directory, naming the sink', () => {
    const dir = tempDir();
    const sink = join(dir, 'sub', 'checkpoints.jsonl');
    expect(() =>
      planCheckpoints(
        { keyFile: keyFile(), every: 1, interval: '1m', sinks: [{ type: 'file', path: sink }] },
        logFiles(dir),
      ),
    ).toThrow(`audit.checkpoints.sinks[0].path ${sink} is inside the store's directory ${dir}`);
  });
});

describe('checkpoint signing', () => {
  it('signs the head every N records, chains each checkpoint to the one before, stores and ships them', async () => {
    const { log, db, sinkFile, plan } = signedAudit({ every: 5 });
    for (let n = 1; n <= 12; n++) {
      log.append(toolCall(n));
      await tick();
    }
    const stored = new CheckpointStore(db).rowsAfter(0, 10).map((r) => parseCheckpointLine(r.line)!);
    expect(stored.map((c) => [c.n, c.seq])).toEqual([
      [1, 5],
      [2, 10],
    ]);
    expect(stored[0]!.prev).toBeNull();
    expect(stored[1]!.prev).toBe(checkpointDigest(stored[0]!));
    expect(stored[1]!.hash).toBe(log.query({})[9]!.hash);
    await eventually(
      async () => sinkLines(sinkFile),
      (lines) => expect(lines).toEqual(stored),
      {
        timeoutMs: 2_000,
        intervalMs: 10,
      },
    );
    expect(verifyCheckpoints(db, { publicKeys: [plan.key.publicKey], files: [sinkFile] })).toMatchObject({
      ok: true,
      last: { n: 2, seq: 10 },
      logEnd: 12,
    });
  });

  it('signs a moved head every interval, and only when it moved', async () => {
    const { log, db } = signedAudit({ every: 1000, interval: '50ms' });
    log.append(toolCall(1));
    const store = new CheckpointStore(db);
    await eventually(
      async () => store.latest(),
      (latest) => expect(latest).toMatchObject({ n: 1, seq: 1 }),
      {
        timeoutMs: 2_000,
        intervalMs: 20,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(store.latest()).toMatchObject({ n: 1 });
  });

  it('at start covers records appended unsigned, and on close signs the last ones and delivers them', async () => {
    const { log, db, signing, sinkFile, close, jsonlPath, clock } = signedAudit({ every: 1000 });
    // Another process (the CLI) appends without signing.
    const unsigned = AuditLog.open(db, { jsonlPath, clock });
    for (let n = 1; n <= 3; n++) unsigned.append(toolCall(n));
    expect(signing.checkpoint()).toMatchObject({ n: 1, seq: 3 });
    expect(signing.checkpoint()).toBeUndefined();
    log.append(toolCall(4));
    await close();
    expect(sinkLines(sinkFile).map((c) => [c.n, c.seq])).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('logs an alarm when the record under the newest checkpoint changed, and signs on', async () => {
    const { log, db, signing, logs } = signedAudit({ every: 1000 });
    log.append(toolCall(1));
    signing.checkpoint();
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec(`UPDATE audit_log SET hash = '${'f'.repeat(64)}' WHERE seq = 1`);
    log.append(toolCall(2));
    expect(signing.checkpoint()).toMatchObject({ n: 2, seq: 2 });
    expect(logs.find((l) => l.level === 50)?.msg).toMatch(
      /audit record #1 no longer has the hash checkpoint #1 signed: the log was rewritten or truncated/,
    );
  });

  it('never ships a checkpoint written into the store that this key did not sign', async () => {
    const { log, db, signing, sinkFile, logs, close } = signedAudit({ every: 1000 });
    log.append(toolCall(1));
    const first = signing.checkpoint()!;
    const head = log.append(toolCall(2));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const forged = signCheckpoint(
      { n: 2, seq: head.seq, hash: head.hash, ts: head.ts, prev: checkpointDigest(first) },
      { privateKey, keyId: keyIdOf(publicKey) },
    );
    new CheckpointStore(db).add(forged);
    log.append(toolCall(3));
    signing.checkpoint();
    await close();
    expect(sinkLines(sinkFile).map((c) => c.n)).toEqual([1, 3]);
    expect(logs.some((l) => l.level === 50 && /not shipping stored checkpoint #2/.test(l.msg))).toBe(true);
  });
});

describe('checkpoint sinks', () => {
  it('POSTs each checkpoint to a webhook with the bearer token, retrying after a failure without holding appends', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    let failuresLeft = 2;
    const server = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        if (failuresLeft-- > 0) {
          res.writeHead(503).end('busy');
          return;
        }
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as { port: number };
    const { log, logs, signing, db } = signedAudit({
      every: 2,
      sinks: [
        {
          type: 'webhook',
          url: `http://127.0.0.1:${port}/checkpoints`,
          bearerToken: 'hook-secret',
          timeout: '2s',
        },
      ],
    });
    for (let n = 1; n <= 4; n++) {
      log.append(toolCall(n));
      await tick();
    }
    // Signing went on while the webhook was refusing the first checkpoint.
    expect(new CheckpointStore(db).latest()).toMatchObject({ n: 2, seq: 4 });
    expect(received).toEqual([]);
    await eventually(
      async () => received.length,
      (count) => expect(count).toBe(2),
      {
        timeoutMs: 5_000,
        intervalMs: 20,
      },
    );
    expect(received.map((r) => r.headers.authorization)).toEqual([
      'Bearer hook-secret',
      'Bearer hook-secret',
    ]);
    expect(received.map((r) => r.headers['content-type'])).toEqual(['application/json', 'application/json']);
    expect(received.map((r) => JSON.parse(r.body).n)).toEqual([1, 2]);
    const retries = logs.filter((l) => l.msg === 'audit checkpoint not delivered; will retry');
    expect(retries.map((l) => l.attempt)).toEqual([1, 2]);
    expect(retries[0]).toMatchObject({ level: 40, sink: `webhook:http://127.0.0.1:${port}/checkpoints` });
    expect(signing.checkpoint()).toBeUndefined();
  });

  it('sends RFC 5424 messages over UDP and octet-counted frames over TCP', async () => {
    const datagrams: string[] = [];
    const udp = createSocket('udp4');
    udp.on('message', (msg) => datagrams.push(msg.toString('utf8')));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => udp.close(() => resolve())));
    let stream = '';
    const tcp = createTcpServer((socket) => {
      socket.on('data', (chunk) => {
        stream += chunk.toString('utf8');
      });
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => tcp.close(() => resolve())));
    const { log, signing, db } = signedAudit({
      every: 1000,
      sinks: [
        { type: 'syslog', host: '127.0.0.1', port: udp.address().port, protocol: 'udp', facility: 13 },
        {
          type: 'syslog',
          host: '127.0.0.1',
          port: (tcp.address() as { port: number }).port,
          protocol: 'tcp',
          facility: 4,
        },
      ],
    });
    log.append(toolCall(1));
    signing.checkpoint();
    log.append(toolCall(2));
    signing.checkpoint();
    const stored = new CheckpointStore(db).rowsAfter(0, 10).map((r) => r.line);
    await eventually(
      async () => datagrams.length,
      (n) => expect(n).toBe(2),
      { timeoutMs: 3_000, intervalMs: 20 },
    );
    const header = /^<110>1 2024-05-01T12:00:00\.000Z \S+ opswarden \d+ audit-checkpoint - /;
    expect(datagrams.map((d) => d.replace(header, ''))).toEqual(stored);
    await eventually(
      async () => stream,
      (text) => {
        const frames = [...text.matchAll(/(\d+) (<\d+>1 [^\n]*?\})(?=\d+ <|$)/g)];
        expect(frames.map((f) => Number(f[1]))).toEqual(frames.map((f) => Buffer.byteLength(f[2]!)));
        expect(frames.map((f) => f[2]!.replace(/^<38>1 .*? audit-checkpoint - /, ''))).toEqual(stored);
      },
      { timeoutMs: 3_000, intervalMs: 20 },
    );
  });
});

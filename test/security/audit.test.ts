// Surface: the audit log against someone who can write both the store and the JSONL
// mirror (the same OS user as a stdio server, say). Before issue 12 the hash chain had no
// secret and no copy elsewhere: rewriting a record and re-hashing everything after it, or
// cutting both tails, left `audit verify` passing. Now a served opswarden signs the chain
// head (Ed25519) and ships each checkpoint to a file, a webhook and syslog on loopback;
// the real CLI verifies the log against the key and the shipped copies. Each attack runs
// on a copy of the store the server wrote, and asserts the store's state and the verdict.

import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/log.ts';
import {
  checkpointDigest,
  keyIdOf,
  parseCheckpointLine,
  type SignedCheckpoint,
  signCheckpoint,
} from '../../src/audit/signing/checkpoint.ts';
import { CheckpointStore } from '../../src/audit/signing/store.ts';
import { openDatabase } from '../../src/store/sqlite.ts';
import { runCli } from '../helpers/spawn.ts';
import { makeWorld } from '../helpers/world.ts';
import { cutTails, rewriteHistory } from '../unit/audit/helpers.ts';
import { startSecurityWorld } from './harness.ts';

const TOKEN_VAR = 'OPSWARDEN_SECURITY_CHECKPOINT_TOKEN';
const dirs: string[] = [];

function newDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** `opswarden audit keygen` through the real CLI; returns the printed public key. */
function keygen(out: string): string {
  const res = runCli(['audit', 'keygen', '--out', out]);
  expect(res.code, res.stderr).toBe(0);
  return res.stdout.trimEnd().split('\n').at(-1)!.trim();
}

interface Shipped {
  keyFile: string;
  publicKey: string;
  /** The file sink. */
  sinkFile: string;
  /** What the webhook received, and the headers it came with. */
  webhook: { headers: IncomingHttpHeaders; body: string }[];
  /** The webhook's answers in order: the first delivery is refused. */
  webhookStatuses: number[];
  syslog: string[];
  /** The store and mirror as the server left them. */
  storePath: string;
  jsonlPath: string;
  /** The last record the server wrote. */
  head: { seq: number; hash: string };
}

let shipped: Shipped;
let hook: Server;
let syslog: ReturnType<typeof createSocket>;

beforeAll(async () => {
  const outside = newDir('opswarden-checkpoints-');
  const keyFile = join(outside, 'checkpoint.key');
  const publicKey = keygen(keyFile);
  const sinkFile = join(outside, 'checkpoints.jsonl');
  const token = randomBytes(18).toString('base64url');
  process.env[TOKEN_VAR] = token;

  const webhook: Shipped['webhook'] = [];
  const webhookStatuses: number[] = [];
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const status = webhookStatuses.length === 0 ? 500 : 204;
      webhookStatuses.push(status);
      if (status === 204) webhook.push({ headers: req.headers, body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const datagrams: string[] = [];
  syslog = createSocket('udp4');
  syslog.on('message', (msg) => datagrams.push(msg.toString('utf8')));
  await new Promise<void>((resolve) => syslog.bind(0, '127.0.0.1', resolve));

  const w = await startSecurityWorld({
    config: (raw) => {
      raw.audit.checkpoints = {
        keyFile,
        every: 5,
        interval: '1h',
        sinks: [
          { type: 'file', path: sinkFile },
          {
            type: 'webhook',
            url: `http://127.0.0.1:${(hook.address() as { port: number }).port}/audit`,
            bearerToken: `\${${TOKEN_VAR}}`,
          },
          { type: 'syslog', host: '127.0.0.1', port: syslog.address().port, protocol: 'udp' },
        ],
      };
    },
  });
  try {
    for (const namespace of ['shop', 'staging', 'prodlike', 'shop', 'staging', 'shop']) {
      const res = await w.call('agent', 'k8s_pods_list', { namespace });
      expect(res.isError).toBeFalsy();
    }
  } finally {
    await w.close(); // signs the last checkpoint and lets the sinks take it
  }
  const db = openDatabase(w.app.config.store.path);
  const head = db
    .prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
    .get() as Shipped['head'];
  db.close();
  shipped = {
    keyFile,
    publicKey,
    sinkFile,
    webhook,
    webhookStatuses,
    syslog: datagrams,
    storePath: w.app.config.store.path,
    jsonlPath: w.app.config.audit.jsonl,
    head,
  };
}, 120_000);

afterAll(async () => {
  delete process.env[TOKEN_VAR];
  await new Promise<void>((resolve) => hook?.close(() => resolve()));
  await new Promise<void>((resolve) => (syslog ? syslog.close(() => resolve()) : resolve()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The attacker's copy of the store and mirror, with a config the CLI verifies it by. */
function attackedCopy() {
  const dir = newDir('opswarden-attacked-');
  const storePath = join(dir, 'opswarden.db');
  const jsonlPath = join(dir, 'audit.jsonl');
  copyFileSync(shipped.storePath, storePath);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(shipped.storePath + suffix)) copyFileSync(shipped.storePath + suffix, storePath + suffix);
  }
  copyFileSync(shipped.jsonlPath, jsonlPath);
  const configPath = join(dir, 'opswarden.yaml');
  writeFileSync(configPath, yaml.dump({ store: { path: storePath }, audit: { jsonl: jsonlPath } }));
  const db = openDatabase(storePath);
  return {
    db,
    jsonlPath,
    /** `opswarden audit verify` on the copy, as a child process. */
    verify: (...args: string[]) => runCli(['audit', 'verify', '--config', configPath, ...args]),
    close: () => db.close(),
  };
}

function linesOf(path: string): SignedCheckpoint[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => parseCheckpointLine(line)!);
}

/** Writes lines to a file the CLI can read with --checkpoints. */
function fileOf(lines: string[]): string {
  const path = join(newDir('opswarden-received-'), 'received.log');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('signed audit checkpoints', () => {
  it('ships every checkpoint to the file, the webhook (token sent, refused delivery retried) and syslog', () => {
    const fromFile = linesOf(shipped.sinkFile);
    expect(fromFile.length).toBeGreaterThanOrEqual(3);
    expect(fromFile.map((c) => c.n)).toEqual(fromFile.map((_, i) => i + 1));
    expect(fromFile.at(-1)).toMatchObject(shipped.head);
    // Checkpoint #1 came at start (the policy.loaded record), the last on shutdown.
    expect(fromFile[0]).toMatchObject({ seq: 1, prev: null });
    expect(shipped.webhookStatuses[0]).toBe(500);
    expect(shipped.webhook.map((r) => JSON.parse(r.body))).toEqual(fromFile);
    expect(new Set(shipped.webhook.map((r) => r.headers.authorization))).toEqual(
      new Set([`Bearer ${process.env[TOKEN_VAR]}`]),
    );
    expect(shipped.syslog.map((m) => parseCheckpointLine(m))).toEqual(fromFile);
    expect(shipped.syslog[0]).toMatch(/^<110>1 \S+Z \S+ opswarden \d+ audit-checkpoint - \{/);
    const copy = attackedCopy();
    expect(new CheckpointStore(copy.db).rowsAfter(0, 1000).map((r) => parseCheckpointLine(r.line))).toEqual(
      fromFile,
    );
    const ok = copy.verify('--public-key', shipped.publicKey, '--checkpoints', shipped.sinkFile);
    copy.close();
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain(
      `every record is covered: the last checkpoint (#${fromFile.length}) is at record #${shipped.head.seq}`,
    );
  }, 60_000);

  it('(a) catches a record rewritten and the chain re-hashed in both the store and the mirror', () => {
    const copy = attackedCopy();
    const call = 8;
    expect(shipped.head.seq).toBeGreaterThan(call);
    rewriteHistory(copy.db, copy.jsonlPath, call, (record) => {
      record.data = { ...record.data, rewritten: 'nothing to see here' };
    });
    // The attack holds against the chain and the mirror: the old hole.
    expect(verifyAudit(copy.db, { jsonlPath: copy.jsonlPath })).toMatchObject({ ok: true });
    const old = copy.verify();
    expect(old.code).toBe(0);
    expect(old.stdout).toMatch(/^audit log intact: \d+ records/);
    expect(old.stdout).toContain('checkpoints not checked');

    const caught = copy.verify('--public-key', shipped.publicKey, '--checkpoints', shipped.sinkFile);
    const covering = linesOf(shipped.sinkFile).find((c) => c.seq >= call)!;
    const before = linesOf(shipped.sinkFile).findLast((c) => c.seq < call);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toBe(
      `audit log TAMPERED at checkpoint #${covering.n} (${shipped.sinkFile} line ${covering.n}; the store, row ${covering.n}): record #${covering.seq} does not have the hash this checkpoint signed: a record in #${(before?.seq ?? 0) + 1}–#${covering.seq} was rewritten and the chain re-hashed after it\n`,
    );
    copy.close();
  }, 60_000);

  it('(b) catches both tails cut below the last shipped checkpoint, from the file, the webhook or syslog', () => {
    const copy = attackedCopy();
    const shippedLines = linesOf(shipped.sinkFile);
    const last = shippedLines.at(-1)!;
    const keep = shippedLines.at(-2)!.seq + 1;
    cutTails(copy.db, copy.jsonlPath, keep);
    copy.db.exec('DROP TABLE audit_checkpoints'); // the store's copies go too
    expect(verifyAudit(copy.db, { jsonlPath: copy.jsonlPath })).toMatchObject({ ok: true, count: keep });
    expect(copy.verify().code).toBe(0);
    // The store alone has nothing left to show: no checkpoint at all.
    expect(copy.verify('--public-key', shipped.publicKey).stdout).toMatch(
      /^audit log NOT VERIFIED: no checkpoint signed by the given key was found/,
    );
    const fromWebhook = fileOf(shipped.webhook.map((r) => r.body));
    const fromSyslog = fileOf(shipped.syslog);
    for (const file of [shipped.sinkFile, fromWebhook, fromSyslog]) {
      const caught = copy.verify('--public-key', shipped.publicKey, '--checkpoints', file);
      expect(caught.code).toBe(1);
      expect(caught.stdout).toBe(
        `audit log TAMPERED at checkpoint #${last.n} (${file} line ${last.n}): the log ends at record #${keep}, but this checkpoint was signed for record #${last.seq}: records #${keep + 1}–#${last.seq} were cut off (tail truncated)\n`,
      );
    }
    copy.close();
  }, 60_000);

  it('(c) refuses checkpoints the attacker wrote into the store with another key', () => {
    const copy = attackedCopy();
    rewriteHistory(copy.db, copy.jsonlPath, 2, (record) => {
      record.data = { ...record.data, rewritten: true };
    });
    // Re-sign the rewritten chain with the attacker's key, claiming the server's keyId.
    const attackerKeyFile = join(newDir('opswarden-attacker-'), 'attacker.key');
    keygen(attackerKeyFile);
    const privateKey = createPrivateKey(readFileSync(attackerKeyFile, 'utf8'));
    const serverKeyId = linesOf(shipped.sinkFile)[0]!.keyId;
    expect(keyIdOf(createPublicKey(privateKey))).not.toBe(serverKeyId);
    const hashes = new Map(
      (copy.db.prepare('SELECT seq, hash FROM audit_log').all() as { seq: number; hash: string }[]).map(
        (r) => [r.seq, r.hash],
      ),
    );
    copy.db.exec('DELETE FROM audit_checkpoints');
    const store = new CheckpointStore(copy.db);
    let prev: SignedCheckpoint | undefined;
    for (const real of linesOf(shipped.sinkFile)) {
      prev = signCheckpoint(
        {
          n: real.n,
          seq: real.seq,
          hash: hashes.get(real.seq)!,
          ts: real.ts,
          prev: prev ? checkpointDigest(prev) : null,
        },
        { privateKey, keyId: serverKeyId },
      );
      store.add(prev);
    }
    const forgedCount = linesOf(shipped.sinkFile).length;
    const caught = copy.verify('--public-key', shipped.publicKey);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toBe(
      `audit log TAMPERED at checkpoint #1 (the store, row 1): refused: its signature does not verify with key ${serverKeyId} (forged or altered) (and ${forgedCount - 1} more problems)\n`,
    );
    // The forged copies are in the store, and the shipped ones still catch the rewrite.
    expect(store.latest()).toMatchObject({ keyId: serverKeyId, signature: prev!.signature });
    const withShipped = copy.verify('--public-key', shipped.publicKey, '--checkpoints', shipped.sinkFile);
    expect(withShipped.code).toBe(1);
    expect(withShipped.stdout).toMatch(/^audit log TAMPERED at checkpoint #1 /);
    copy.close();
  }, 60_000);
});

describe('the checkpoint key at start', () => {
  it('refuses to serve with the key in the store directory or readable by others, naming the key', () => {
    const world = makeWorld();
    try {
      const inStore = join(world.dir, 'checkpoint.key');
      keygen(inStore);
      const sinkFile = join(newDir('opswarden-sink-'), 'checkpoints.jsonl');
      const withKey = (keyFile: string) => {
        const raw = yaml.load(readFileSync(world.configPath, 'utf8')) as Record<string, never>;
        const configPath = join(world.dir, 'with-checkpoints.yaml');
        writeFileSync(
          configPath,
          yaml.dump({
            ...raw,
            audit: {
              jsonl: 'audit.jsonl',
              checkpoints: { keyFile, sinks: [{ type: 'file', path: sinkFile }] },
            },
          }),
        );
        return runCli(['serve', '--config', configPath], { timeoutMs: 20_000 });
      };
      const refusedInStore = withKey(inStore);
      expect(refusedInStore.code).toBe(2);
      expect(refusedInStore.stderr).toBe(
        `opswarden serve: audit.checkpoints.keyFile ${inStore} is inside the store's directory ${world.dir}: whoever can rewrite the log could read it; move it elsewhere\n`,
      );
      const loose = join(newDir('opswarden-key-'), 'checkpoint.key');
      keygen(loose);
      chmodSync(loose, 0o644);
      const refusedLoose = withKey(loose);
      expect(refusedLoose.code).toBe(2);
      expect(refusedLoose.stderr).toBe(
        `opswarden serve: audit.checkpoints.keyFile ${loose} is readable by group or others (mode 644); run: chmod 600 ${loose}\n`,
      );
      // Nothing was written: the store was never opened.
      expect(existsSync(join(world.dir, 'opswarden.db'))).toBe(false);
      expect(existsSync(sinkFile)).toBe(false);
    } finally {
      world.cleanup();
    }
  }, 60_000);
});

// Signed checkpoints: the statement and its signature, and verifyCheckpoints against a real
// SQLite log and sink files — a consistent rewrite, cut tails, forged and conflicting
// checkpoints, and what no checkpoint covers yet.

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkpointDigest,
  checkpointLine,
  keyIdOf,
  parseCheckpointLine,
  type SignedCheckpoint,
  signatureProblem,
  signCheckpoint,
} from '../../../src/audit/signing/checkpoint.ts';
import { CheckpointStore } from '../../../src/audit/signing/store.ts';
import { verifyCheckpoints } from '../../../src/audit/signing/verify.ts';
import type { SqlDatabase } from '../../../src/store/sql.ts';
import { auditFixture, cutTails, rewriteHistory, tempDir, toolCall } from './helpers.ts';

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

const HASH = 'a'.repeat(64);
const serverKey = newKey();
const keys = (...list: { publicKey: KeyObject; keyId: string }[]) =>
  new Map(list.map((k) => [k.keyId, k.publicKey]));

describe('a signed checkpoint', () => {
  const checkpoint = signCheckpoint(
    { n: 1, seq: 10, hash: HASH, ts: '2024-05-01T12:00:00.000Z', prev: null },
    serverKey,
  );

  it('verifies with its key and names the key it was signed with', () => {
    expect(checkpoint).toMatchObject({ format: 'opswarden-audit-checkpoint/1', keyId: serverKey.keyId });
    expect(signatureProblem(checkpoint, keys(serverKey))).toBeUndefined();
  });

  it('does not verify once any signed field is changed', () => {
    for (const change of [{ seq: 11 }, { hash: 'b'.repeat(64) }, { n: 2 }, { prev: HASH }, { ts: 'x' }]) {
      expect(signatureProblem({ ...checkpoint, ...change }, keys(serverKey))).toMatch(/does not verify/);
    }
  });

  it('is refused when signed by another key, even one claiming the server keyId', () => {
    const attacker = newKey();
    const own = signCheckpoint({ ...checkpoint }, attacker);
    expect(signatureProblem(own, keys(serverKey))).toBe(
      `it is signed by key ${attacker.keyId}, which is not one of the given public keys`,
    );
    const claiming = signCheckpoint({ ...checkpoint }, { ...attacker, keyId: serverKey.keyId });
    expect(signatureProblem(claiming, keys(serverKey))).toMatch(/does not verify with key/);
  });

  it('is read back from its line, also behind a syslog header; other lines are not checkpoints', () => {
    const line = checkpointLine(checkpoint);
    expect(parseCheckpointLine(line)).toEqual(checkpoint);
    expect(
      parseCheckpointLine(`<110>1 2024-05-01T12:00:00Z host opswarden 7 audit-checkpoint - ${line}`),
    ).toEqual(checkpoint);
    expect(parseCheckpointLine('May  1 12:00:00 host sshd[1]: {"unrelated": true}')).toBeUndefined();
    expect(() => parseCheckpointLine(line.replace(`"seq":10`, `"seq":"10"`))).toThrow(
      /malformed checkpoint: seq/,
    );
  });

  it('has a digest that covers its signature', () => {
    expect(checkpointDigest({ ...checkpoint, signature: 'AAAA' })).not.toBe(checkpointDigest(checkpoint));
  });
});

/** A log of `count` records with a checkpoint signed (by `key`) after every `every`, stored and in a sink file. */
function signedLog(count: number, every: number, key = serverKey) {
  const fixture = auditFixture();
  const store = new CheckpointStore(fixture.db);
  const sinkFile = join(tempDir(), 'checkpoints.jsonl');
  writeFileSync(sinkFile, '');
  let latest: SignedCheckpoint | undefined;
  for (let n = 1; n <= count; n++) {
    const record = fixture.log.append(toolCall(n));
    if (n % every !== 0) continue;
    latest = signCheckpoint(
      {
        n: (latest?.n ?? 0) + 1,
        seq: record.seq,
        hash: record.hash,
        ts: record.ts,
        prev: latest ? checkpointDigest(latest) : null,
      },
      key,
    );
    store.add(latest);
    appendFileSync(sinkFile, `${checkpointLine(latest)}\n`);
  }
  return { ...fixture, sinkFile };
}

const verify = (db: SqlDatabase, files: string[] = [], publicKeys = [serverKey.publicKey]) =>
  verifyCheckpoints(db, { publicKeys, files });

describe('verifyCheckpoints', () => {
  it('accepts an intact log and reports the records after the last checkpoint', () => {
    const { db, sinkFile } = signedLog(23, 10);
    expect(verify(db, [sinkFile])).toMatchObject({
      ok: true,
      verified: 2,
      last: { n: 2, seq: 20 },
      logEnd: 23,
      keyIds: [serverKey.keyId],
    });
  });

  it('catches a consistently re-hashed rewrite the chain alone accepts, naming the checkpoint and the range', () => {
    const { db, jsonlPath, sinkFile } = signedLog(25, 10);
    rewriteHistory(db, jsonlPath, 14, (record) => {
      record.data = { n: 'nothing happened' };
    });
    expect(verify(db, [sinkFile])).toMatchObject({
      ok: false,
      problem: {
        seq: 11,
        checkpoint: `#2 (${sinkFile} line 2; the store, row 2)`,
        reason:
          'record #20 does not have the hash this checkpoint signed: a record in #11–#20 was rewritten and the chain re-hashed after it',
      },
    });
  });

  it('catches both tails cut below the last shipped checkpoint, though the store lost its copies too', () => {
    const { db, jsonlPath, sinkFile } = signedLog(25, 10);
    cutTails(db, jsonlPath, 15);
    db.exec('DELETE FROM audit_checkpoints WHERE seq > 15');
    expect(verify(db)).toMatchObject({ ok: true, last: { n: 1, seq: 10 }, logEnd: 15 });
    expect(verify(db, [sinkFile])).toMatchObject({
      ok: false,
      problem: {
        seq: 16,
        checkpoint: `#2 (${sinkFile} line 2)`,
        reason:
          'the log ends at record #15, but this checkpoint was signed for record #20: records #16–#20 were cut off (tail truncated)',
      },
    });
  });

  it('refuses a checkpoint written into the store with another key', () => {
    const { db, jsonlPath, log } = signedLog(12, 10);
    rewriteHistory(db, jsonlPath, 11, (record) => {
      record.data = { n: 'forged' };
    });
    const head = log.query({}).at(-1)!;
    const [first] = [...new CheckpointStore(db).rowsAfter(0, 1)].map((r) => parseCheckpointLine(r.line)!);
    const forged = signCheckpoint(
      { n: 2, seq: head.seq, hash: head.hash, ts: head.ts, prev: checkpointDigest(first!) },
      newKey(),
    );
    new CheckpointStore(db).add(forged);
    expect(verify(db)).toMatchObject({
      ok: false,
      problem: {
        seq: 12,
        checkpoint: '#2 (the store, row 2)',
        reason: `refused: it is signed by key ${forged.keyId}, which is not one of the given public keys`,
      },
    });
  });

  it('names the first bad checkpoint among several problems and counts the rest', () => {
    const { db, jsonlPath, sinkFile } = signedLog(30, 10);
    rewriteHistory(db, jsonlPath, 5, (record) => {
      record.data = { n: 'rewritten' };
    });
    const stray = signCheckpoint(
      { n: 4, seq: 30, hash: HASH, ts: '2024-05-01T12:00:00.000Z', prev: null },
      newKey(),
    );
    appendFileSync(sinkFile, `${checkpointLine(stray)}\n`);
    expect(verify(db, [sinkFile])).toMatchObject({
      ok: false,
      problem: {
        seq: 1,
        checkpoint: `#1 (${sinkFile} line 1; the store, row 1)`,
        reason: /#1–#10 was rewritten/,
      },
      more: 1,
    });
  });

  it('catches two different checkpoints with one number, both signed by the key', () => {
    const { db, sinkFile, log } = signedLog(20, 10);
    const other = signCheckpoint(
      { n: 2, seq: 15, hash: log.query({})[14]!.hash, ts: '2024-05-01T12:00:00.000Z', prev: null },
      serverKey,
    );
    appendFileSync(sinkFile, `${checkpointLine(other)}\n`);
    expect(verify(db, [sinkFile])).toMatchObject({
      ok: false,
      problem: { seq: 15, reason: /two different checkpoints with this number carry valid signatures/ },
    });
  });

  it('catches a checkpoint that does not chain onto the one before', () => {
    const { db, sinkFile, log } = signedLog(10, 10);
    const record = log.append(toolCall(11));
    const unchained = signCheckpoint(
      { n: 2, seq: record.seq, hash: record.hash, ts: record.ts, prev: 'c'.repeat(64) },
      serverKey,
    );
    appendFileSync(sinkFile, `${checkpointLine(unchained)}\n`);
    expect(verify(db, [sinkFile])).toMatchObject({
      ok: false,
      problem: {
        seq: 11,
        checkpoint: `#2 (${sinkFile} line 2)`,
        reason: 'it does not chain onto checkpoint #1',
      },
    });
  });

  it('reports a malformed checkpoint line in a sink file', () => {
    const { db, sinkFile } = signedLog(10, 10);
    appendFileSync(sinkFile, '{"format":"opswarden-audit-checkpoint/1","n":"two"}\n');
    expect(verify(db, [sinkFile])).toMatchObject({
      ok: false,
      problem: {
        checkpoint: `in ${sinkFile} line 2`,
        reason: expect.stringMatching(/^malformed checkpoint: n/),
      },
    });
  });

  it('fails closed when no checkpoint signed by the key exists for a non-empty log', () => {
    const { db, log } = auditFixture();
    log.append(toolCall(1));
    expect(verify(db)).toMatchObject({
      ok: false,
      problem: { seq: 1, reason: /no checkpoint signed by the given key was found .*records #1–#1/ },
    });
  });

  it('accepts checkpoints signed by any of several given keys (a rotated key)', () => {
    const rotated = newKey();
    const { db } = signedLog(10, 10, rotated);
    expect(verify(db)).toMatchObject({ ok: false, problem: { reason: /not one of the given public keys/ } });
    expect(verify(db, [], [serverKey.publicKey, rotated.publicKey])).toMatchObject({ ok: true, verified: 1 });
  });
});

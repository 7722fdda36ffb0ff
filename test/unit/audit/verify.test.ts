import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../src/audit/log.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';
import { type AuditFixture, auditFixture, dropGuards, spawnAppender, toolCall } from './helpers.ts';

function withRecords(count: number): AuditFixture {
  const fixture = auditFixture();
  for (let n = 1; n <= count; n++) fixture.log.append(toolCall(n));
  return fixture;
}

function mirrorLines(jsonlPath: string): string[] {
  return readFileSync(jsonlPath, 'utf8').trimEnd().split('\n');
}

describe('verifyAudit', () => {
  it('reports an intact log with its count and head hash', () => {
    const { db, log, jsonlPath } = withRecords(4);
    const head = log.query({}).at(-1)!.hash;
    expect(verifyAudit(db, { jsonlPath })).toEqual({ ok: true, count: 4, head });
    expect(verifyAudit(db)).toEqual({ ok: true, count: 4, head });
  });

  it('accepts an empty log', () => {
    const { db, jsonlPath } = auditFixture();
    expect(verifyAudit(db, { jsonlPath })).toEqual({ ok: true, count: 0, head: '0'.repeat(64) });
  });

  it('catches an edited record', () => {
    const { db } = withRecords(4);
    dropGuards(db);
    db.exec(`UPDATE audit_log SET principal = 'someone-else' WHERE seq = 3`);
    expect(verifyAudit(db)).toEqual({
      ok: false,
      count: 3,
      firstBad: { seq: 3, reason: 'contents do not match the record hash (record edited)' },
    });
  });

  it('catches edited data, even when it is no longer JSON', () => {
    const { db } = withRecords(3);
    dropGuards(db);
    db.exec(`UPDATE audit_log SET data = '{"n":2' WHERE seq = 2`);
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBad: { seq: 2, reason: /not valid JSON/ } });
  });

  it('catches a deleted record', () => {
    const { db } = withRecords(5);
    dropGuards(db);
    db.exec('DELETE FROM audit_log WHERE seq = 2');
    expect(verifyAudit(db)).toMatchObject({
      ok: false,
      firstBad: { seq: 2, reason: 'record #2 missing (deleted): the chain jumps to #3' },
    });
  });

  it('catches a deleted and renumbered record through the broken prevHash link', () => {
    const { db } = withRecords(4);
    dropGuards(db);
    db.exec('DELETE FROM audit_log WHERE seq = 2');
    db.exec('UPDATE audit_log SET seq = seq - 1 WHERE seq > 2');
    expect(verifyAudit(db)).toMatchObject({
      ok: false,
      firstBad: { seq: 2, reason: /prevHash does not match/ },
    });
  });

  it('catches reordered records', () => {
    const { db } = withRecords(4);
    dropGuards(db);
    db.exec('UPDATE audit_log SET seq = -1 WHERE seq = 2');
    db.exec('UPDATE audit_log SET seq = 2 WHERE seq = 3');
    db.exec('UPDATE audit_log SET seq = 3 WHERE seq = -1');
    expect(verifyAudit(db)).toMatchObject({
      ok: false,
      firstBad: {
        seq: 2,
        reason: 'prevHash does not match the hash of record #1 (records deleted, inserted or reordered)',
      },
    });
  });

  it('catches a truncated tail through the head anchor', () => {
    const { db } = withRecords(5);
    dropGuards(db);
    db.exec('DELETE FROM audit_log WHERE seq > 3');
    expect(verifyAudit(db)).toEqual({
      ok: false,
      count: 3,
      firstBad: { seq: 4, reason: 'tail truncated: head anchor is at #5 but the log ends at #3' },
    });
  });

  it('catches a truncated tail whose anchor was rewound too, through the JSONL mirror', () => {
    const { db, jsonlPath, log } = withRecords(5);
    const third = log.query({})[2]!;
    dropGuards(db);
    db.exec('DELETE FROM audit_log WHERE seq > 3');
    db.prepare('UPDATE audit_head SET seq = ?, hash = ?').run(3, third.hash);
    expect(verifyAudit(db)).toMatchObject({ ok: true, count: 3 });
    expect(verifyAudit(db, { jsonlPath })).toEqual({
      ok: false,
      count: 3,
      firstBad: {
        seq: 4,
        reason: 'database tail truncated: the JSONL mirror has records up to #5 but the database ends at #3',
      },
    });
  });

  it('catches a truncated JSONL mirror', () => {
    const { db, jsonlPath } = withRecords(5);
    writeFileSync(jsonlPath, `${mirrorLines(jsonlPath).slice(0, 3).join('\n')}\n`);
    expect(verifyAudit(db, { jsonlPath })).toMatchObject({
      ok: false,
      firstBad: { seq: 4, reason: /JSONL mirror lacks record #4/ },
    });
  });

  it('catches a missing JSONL mirror', () => {
    const { db, jsonlPath } = withRecords(2);
    rmSync(jsonlPath);
    expect(verifyAudit(db, { jsonlPath })).toMatchObject({
      ok: false,
      firstBad: { seq: 1, reason: /does not exist/ },
    });
  });

  it('catches an edited JSONL mirror line', () => {
    const { db, jsonlPath } = withRecords(3);
    const lines = mirrorLines(jsonlPath);
    lines[1] = lines[1]!.replace('agent:claude', 'agent:other');
    writeFileSync(jsonlPath, `${lines.join('\n')}\n`);
    expect(verifyAudit(db, { jsonlPath })).toMatchObject({
      ok: false,
      firstBad: { seq: 2, reason: 'JSONL mirror record #2 (line 2) was edited' },
    });
  });

  it('accepts mirror lines out of order (two processes finish their writes in either order)', () => {
    const { db, jsonlPath } = withRecords(3);
    const [a, b, c] = mirrorLines(jsonlPath);
    writeFileSync(jsonlPath, `${[a, c, b].join('\n')}\n`);
    expect(verifyAudit(db, { jsonlPath })).toMatchObject({ ok: true, count: 3 });
  });

  it('catches a database whose whole chain was rewritten, through the mirror', () => {
    const { db, jsonlPath, dbPath } = withRecords(3);
    db.close();
    rmSync(dbPath);
    const forged = auditFixture();
    forged.log.append(toolCall(99));
    expect(verifyAudit(forged.db, { jsonlPath })).toMatchObject({
      ok: false,
      firstBad: { seq: 1, reason: 'record #1 differs between the database and the JSONL mirror' },
    });
  });

  it('catches dropped audit tables', () => {
    const { db } = withRecords(2);
    dropGuards(db);
    db.exec('DROP TABLE audit_log');
    expect(verifyAudit(db)).toMatchObject({
      ok: false,
      firstBad: { seq: 1, reason: 'audit tables were dropped (audit_log missing)' },
    });
  });

  it('treats a database the audit module never used as an empty log, still checked against the mirror', () => {
    const { jsonlPath } = withRecords(2);
    expect(verifyAudit(openDatabase(':memory:'))).toEqual({ ok: true, count: 0, head: '0'.repeat(64) });
    expect(verifyAudit(openDatabase(':memory:'), { jsonlPath })).toMatchObject({
      ok: false,
      firstBad: { seq: 1, reason: /database tail truncated: the JSONL mirror has records up to #2/ },
    });
  });
});

describe('verifyAudit on a live log', () => {
  it('reports intact while another process appends, never a truncated tail', async () => {
    const { dbPath, jsonlPath, db } = withRecords(1);
    const { exited } = spawnAppender(dbPath, jsonlPath, 3000);
    let running = true;
    void exited.then(() => {
      running = false;
    });
    const results = [];
    while (running) {
      results.push(verifyAudit(db, { jsonlPath }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await exited).toBe(0);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(verifyAudit(db, { jsonlPath })).toMatchObject({ ok: true, count: 3001 });
  });
});

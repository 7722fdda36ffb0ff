// Shared fixtures for the audit tests: a temp database with its JSONL mirror, a clock the
// test moves, and ways to act as an attacker with write access to the database file (and
// the mirror): drop the guards, rewrite history consistently, cut both tails.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type AuditEvent, AuditLog, type AuditRecord } from '../../../src/audit/log.ts';
import { GENESIS_HASH, hashRecord, withoutHash } from '../../../src/audit/record.ts';
import { canonicalJson } from '../../../src/canonical.ts';
import type { SqlDatabase } from '../../../src/store/sql.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';

export class TestClock {
  current: Date;
  constructor(iso = '2024-05-01T12:00:00.000Z') {
    this.current = new Date(iso);
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-audit-'));
  dirs.push(dir);
  return dir;
}

export interface AuditFixture {
  dbPath: string;
  jsonlPath: string;
  db: SqlDatabase;
  log: AuditLog;
  clock: TestClock;
}

export function auditFixture(): AuditFixture {
  const dir = tempDir();
  const dbPath = join(dir, 'opswarden.db');
  const jsonlPath = join(dir, 'audit.jsonl');
  const db = openDatabase(dbPath);
  const clock = new TestClock();
  return { dbPath, jsonlPath, db, clock, log: AuditLog.open(db, { jsonlPath, clock }) };
}

export function toolCall(n: number, extra: Partial<AuditEvent> = {}): AuditEvent {
  return {
    type: 'tool.call',
    callId: `call-${n}`,
    principal: 'agent:claude',
    tool: 'k8s_pod_logs',
    data: { n },
    ...extra,
  };
}

/** What an attacker with the database file does first: remove the append-only guards. */
export function dropGuards(db: SqlDatabase): void {
  for (const trigger of [
    'audit_log_no_update',
    'audit_log_no_delete',
    'audit_head_no_delete',
    'audit_head_forward_only',
  ]) {
    db.exec(`DROP TRIGGER ${trigger}`);
  }
}

/**
 * What an attacker with write access to both the database and the JSONL mirror does to
 * rewrite history without breaking the chain: edit record `seq`, re-hash it and every
 * record after it, move the head anchor, and rewrite the mirror to match.
 */
export function rewriteHistory(
  db: SqlDatabase,
  jsonlPath: string,
  seq: number,
  edit: (record: AuditRecord) => void,
): void {
  dropGuards(db);
  const records = AuditLog.open(db).query({});
  let prevHash = seq === 1 ? GENESIS_HASH : records[seq - 2]!.hash;
  const update = db.prepare('UPDATE audit_log SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?');
  for (const record of records.slice(seq - 1)) {
    if (record.seq === seq) edit(record);
    record.prevHash = prevHash;
    record.hash = hashRecord(withoutHash(record));
    update.run(canonicalJson(record.data), record.prevHash, record.hash, record.seq);
    prevHash = record.hash;
  }
  db.prepare('UPDATE audit_head SET seq = ?, hash = ?').run(records.at(-1)!.seq, prevHash);
  writeFileSync(jsonlPath, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

/** Cuts both tails (database, anchor and mirror) after record `keep`, consistently. */
export function cutTails(db: SqlDatabase, jsonlPath: string, keep: number): void {
  dropGuards(db);
  db.prepare('DELETE FROM audit_log WHERE seq > ?').run(keep);
  const last = db.prepare('SELECT seq, hash FROM audit_log WHERE seq = ?').get(keep) as {
    seq: number;
    hash: string;
  };
  db.prepare('UPDATE audit_head SET seq = ?, hash = ?').run(last.seq, last.hash);
  const lines = readFileSync(jsonlPath, 'utf8').split('\n').filter(Boolean);
  writeFileSync(
    jsonlPath,
    lines
      .filter((l) => JSON.parse(l).seq <= keep)
      .map((l) => `${l}\n`)
      .join(''),
  );
}

/**
 * Starts another process appending `count` tool.call records (principal `name`) to the
 * same store: how the tests show the chain holds across processes.
 */
export function spawnAppender(dbPath: string, jsonlPath: string, count: number, name = 'writer') {
  const logModule = new URL('../../../src/audit/log.ts', import.meta.url).href;
  const storeModule = new URL('../../../src/store/sqlite.ts', import.meta.url).href;
  const script = `
    const { AuditLog } = await import(${JSON.stringify(logModule)});
    const { openDatabase } = await import(${JSON.stringify(storeModule)});
    const log = AuditLog.open(openDatabase(process.argv[1]), { jsonlPath: process.argv[2] });
    for (let n = 0; n < ${count}; n++) log.append({ type: 'tool.call', principal: process.argv[3], data: { n } });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, dbPath, jsonlPath, name], {
    stdio: 'inherit',
  });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, exited };
}

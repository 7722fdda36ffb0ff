// Proves the audit log is intact, or names the first record that is not. Three witnesses
// are compared: the hash chain in the database (catches edits, deletions, reordering),
// the head anchor row (catches a truncated tail) and, when given, the JSONL mirror (catches
// a rewritten or truncated database, since the mirror lives elsewhere). Mirror lines are
// matched by seq, not file order: two processes may finish their post-commit writes in
// either order.

import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import type { SqlDatabase } from '../store/sql.ts';
import {
  type AuditRecord,
  type AuditRow,
  GENESIS_HASH,
  hashRecord,
  rowToRecord,
  withoutHash,
} from './record.ts';
import { AUDIT_MIGRATION } from './schema.ts';

export type VerifyResult =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; firstBad: { seq: number; reason: string } };

interface Problem {
  seq: number;
  reason: string;
  /** A mirror line that may still be in flight: its writer commits first, then appends the line. */
  mayBeInFlight?: boolean;
}

const MIRROR_RETRIES = 5;
const MIRROR_RETRY_MS = 20;

interface ChainEnd {
  count: number;
  last: { seq: number; hash: string };
  problem?: Problem;
}

/**
 * `jsonlPath`: the JSONL mirror to compare, or several (team mode: each replica mirrors the
 * records it appended; together they must hold the whole chain).
 */
export function verifyAudit(
  db: SqlDatabase,
  opts: { jsonlPath?: string | readonly string[] } = {},
): VerifyResult {
  const tables = auditTables(db);
  if (tables === 'dropped') {
    return {
      ok: false,
      count: 0,
      firstBad: { seq: 1, reason: `audit tables were dropped (${droppedTables(db)})` },
    };
  }
  // One read snapshot for chain, anchor and mirror comparison, so appends by a running
  // server while we read cannot look like a truncated tail.
  let chain: ChainEnd = { count: 0, last: { seq: 0, hash: GENESIS_HASH } };
  const problems: (Problem | undefined)[] = [];
  let mirror: MirrorComparison | undefined;
  db.snapshot(() => {
    // A database the audit module never touched holds an empty log; the mirror may still disagree.
    if (tables === 'present') chain = checkChain(db);
    problems.push(chain.problem);
    if (tables === 'present') problems.push(checkHead(db, chain.last));
    const mirrors = typeof opts.jsonlPath === 'string' ? [opts.jsonlPath] : (opts.jsonlPath ?? []);
    if (mirrors.length) {
      const compare = () => compareMirror(mirrors, tables === 'present' ? recordHashes(db) : []);
      mirror = compare();
      for (let retry = 0; mirror.problem?.mayBeInFlight && retry < MIRROR_RETRIES; retry++) {
        sleepSync(MIRROR_RETRY_MS);
        mirror = compare();
      }
      problems.push(mirror.problem);
    }
  });
  if (mirror?.newer.length) problems.push(checkNewerThanSnapshot(db, tables === 'present', mirror));
  const first = problems
    .filter((p): p is Problem => p !== undefined)
    .reduce<Problem | undefined>((a, b) => (a && a.seq <= b.seq ? a : b), undefined);
  if (first) return { ok: false, count: chain.count, firstBad: { seq: first.seq, reason: first.reason } };
  return { ok: true, count: chain.count, head: chain.last.hash };
}

const AUDIT_TABLES = ['audit_log', 'audit_head'];

function auditTables(db: SqlDatabase): 'present' | 'never-created' | 'dropped' {
  const present = AUDIT_TABLES.filter((name) => db.hasTable(name));
  if (present.length === AUDIT_TABLES.length) return 'present';
  const migrated =
    db.hasTable('schema_migrations') &&
    db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?').get(AUDIT_MIGRATION) !== undefined;
  return migrated ? 'dropped' : 'never-created';
}

function droppedTables(db: SqlDatabase): string {
  return `${AUDIT_TABLES.filter((name) => !db.hasTable(name)).join(', ')} missing`;
}

function recordHashes(db: SqlDatabase): Iterable<{ seq: number; hash: string }> {
  return db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq').iterate() as Iterable<{
    seq: number;
    hash: string;
  }>;
}

function checkChain(db: SqlDatabase): ChainEnd {
  let count = 0;
  let last = { seq: 0, hash: GENESIS_HASH };
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<AuditRow>;
  for (const row of rows) {
    count++;
    const problem = checkLink(row, last);
    if (problem) return { count, last, problem };
    last = { seq: row.seq, hash: row.hash };
  }
  return { count, last };
}

function checkLink(row: AuditRow, previous: { seq: number; hash: string }): Problem | undefined {
  const expected = previous.seq + 1;
  if (row.seq !== expected) {
    const gap = row.seq - 1 === expected ? `#${expected}` : `#${expected}..#${row.seq - 1}`;
    return { seq: expected, reason: `record ${gap} missing (deleted): the chain jumps to #${row.seq}` };
  }
  if (row.prev_hash !== previous.hash) {
    return {
      seq: row.seq,
      reason: `prevHash does not match the hash of record #${previous.seq} (records deleted, inserted or reordered)`,
    };
  }
  let record: AuditRecord;
  try {
    record = rowToRecord(row);
  } catch {
    return { seq: row.seq, reason: 'data is not valid JSON (record edited)' };
  }
  if (hashRecord(withoutHash(record)) !== row.hash) {
    return { seq: row.seq, reason: 'contents do not match the record hash (record edited)' };
  }
  return undefined;
}

function checkHead(db: SqlDatabase, last: { seq: number; hash: string }): Problem | undefined {
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
    | { seq: number; hash: string }
    | undefined;
  if (!head) return { seq: last.seq + 1, reason: 'head anchor row is missing (deleted)' };
  if (head.seq > last.seq) {
    return {
      seq: last.seq + 1,
      reason: `tail truncated: head anchor is at #${head.seq} but the log ends at #${last.seq}`,
    };
  }
  if (head.seq < last.seq) {
    return {
      seq: head.seq + 1,
      reason: `records after the head anchor (#${head.seq}): the anchor was rewound or records were added around the log`,
    };
  }
  if (head.hash !== last.hash) {
    return { seq: last.seq, reason: `head anchor hash does not match record #${last.seq}` };
  }
  return undefined;
}

interface MirrorEntry {
  hash: string;
  prevHash: string;
}

interface MirrorComparison {
  problem?: Problem;
  /** Last seq in the database snapshot. */
  lastSeq: number;
  /** Mirror records past the snapshot's end, ascending: truncation, or appends since. */
  newer: { seq: number; hash: string }[];
}

function compareMirror(
  paths: readonly string[],
  dbHashes: Iterable<{ seq: number; hash: string }>,
): MirrorComparison {
  const problems: Problem[] = [];
  const present = paths.filter((path) => existsSync(path));
  const path = paths.join(', ');
  const entries = present.length ? readMirrors(present, problems) : undefined;
  if (entries) {
    const link = checkMirrorLinks(entries);
    if (link) problems.push(link);
  }
  let lastSeq = 0;
  let mismatched = false;
  for (const row of dbHashes) {
    lastSeq = row.seq;
    if (mismatched) continue;
    const entry = entries?.get(row.seq);
    mismatched = entry?.hash !== row.hash;
    if (!entries) {
      problems.push({ seq: row.seq, reason: `JSONL mirror ${path} does not exist`, mayBeInFlight: true });
    } else if (!entry) {
      problems.push({
        seq: row.seq,
        reason: `JSONL mirror lacks record #${row.seq} (a mirror write failed or the mirror was truncated)`,
        mayBeInFlight: true,
      });
    } else if (entry.hash !== row.hash) {
      problems.push({
        seq: row.seq,
        reason: `record #${row.seq} differs between the database and the JSONL mirror`,
      });
    }
  }
  const newer = [...(entries ?? [])]
    .filter(([seq]) => seq > lastSeq)
    .map(([seq, entry]) => ({ seq, hash: entry.hash }))
    .sort((a, b) => a.seq - b.seq);
  return { problem: problems.sort((a, b) => a.seq - b.seq)[0], lastSeq, newer };
}

/** Mirror records past the snapshot must be in the live database by now, or its tail was cut. */
function checkNewerThanSnapshot(
  db: SqlDatabase,
  tablesPresent: boolean,
  mirror: MirrorComparison,
): Problem | undefined {
  const live = tablesPresent ? db.prepare('SELECT hash FROM audit_log WHERE seq = ?') : undefined;
  for (const { seq, hash } of mirror.newer) {
    const row = live?.get(seq) as { hash: string } | undefined;
    if (row?.hash === hash) continue;
    const last = mirror.newer.at(-1)!.seq;
    return {
      seq,
      reason: row
        ? `record #${seq} differs between the database and the JSONL mirror`
        : `database tail truncated: the JSONL mirror has records up to #${last} but the database ends at #${mirror.lastSeq}`,
    };
  }
  return undefined;
}

/** The records of every mirror file, as one mirror: a record in two of them must be the same. */
function readMirrors(paths: readonly string[], problems: Problem[]): Map<number, MirrorEntry> {
  const entries = new Map<number, MirrorEntry>();
  for (const path of paths) readMirror(path, entries, problems);
  return entries;
}

/** Parses every line and checks each line's own hash; stops at the first bad line. */
function readMirror(
  path: string,
  entries: Map<number, MirrorEntry>,
  problems: Problem[],
): Map<number, MirrorEntry> {
  let lineNumber = 0;
  let lastSeq = 0;
  const bad = (seq: number, reason: string) => {
    problems.push({ seq, reason });
    return entries;
  };
  for (const line of readLines(path)) {
    lineNumber++;
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      return bad(lastSeq + 1, `JSONL mirror line ${lineNumber} is not valid JSON`);
    }
    if (!isRecordShaped(record))
      return bad(lastSeq + 1, `JSONL mirror line ${lineNumber} is not an audit record`);
    if (hashRecord(withoutHash(record)) !== record.hash) {
      return bad(record.seq, `JSONL mirror record #${record.seq} (line ${lineNumber}) was edited`);
    }
    const seen = entries.get(record.seq);
    if (seen && seen.hash !== record.hash)
      return bad(record.seq, `JSONL mirror has two different records #${record.seq}`);
    entries.set(record.seq, { hash: record.hash, prevHash: record.prevHash });
    lastSeq = record.seq;
  }
  return entries;
}

function isRecordShaped(value: unknown): value is AuditRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<AuditRecord>;
  return (
    Number.isInteger(record.seq) && typeof record.hash === 'string' && typeof record.prevHash === 'string'
  );
}

/** Mirror records must chain too, or its tail could not vouch for a truncated database. */
function checkMirrorLinks(entries: Map<number, MirrorEntry>): Problem | undefined {
  for (const seq of [...entries.keys()].sort((a, b) => a - b)) {
    const previous = seq === 1 ? { hash: GENESIS_HASH } : entries.get(seq - 1);
    if (previous && previous.hash !== entries.get(seq)!.prevHash) {
      return { seq, reason: `JSONL mirror record #${seq} does not chain onto #${seq - 1}` };
    }
  }
  return undefined;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Lines of a possibly large file without reading it whole into memory. */
export function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let pending = Buffer.alloc(0);
    for (;;) {
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
      // A '\n' byte never occurs inside a multi-byte UTF-8 sequence, so splitting on it is safe.
      const end = pending.lastIndexOf(10);
      if (end < 0) continue;
      yield* pending.subarray(0, end).toString('utf8').split('\n');
      pending = pending.subarray(end + 1);
    }
    if (pending.length) yield pending.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

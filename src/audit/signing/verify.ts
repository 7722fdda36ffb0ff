// Checks the audit log against signed checkpoints (`audit verify --public-key`). The hash
// chain proves records agree with each other; a checkpoint proves the chain at its seq is
// the one the server signed. Checkpoints come from the sinks' files (out of the
// attacker's reach) and from the store (believed only for their signature), and each must:
// - be signed by a given public key (a checkpoint written into the database is not);
// - agree with every other copy of the same number, and chain onto the one before;
// - find the log holding exactly its hash at its seq: another hash means the records up
//   to there were rewritten and re-hashed; no record there means the tail was cut.
// What no checkpoint covers yet is reported, since it could still be rewritten unnoticed.

import type { KeyObject } from 'node:crypto';
import type { SqlDatabase } from '../../store/sql.ts';
import { readLines } from '../verify.ts';
import {
  checkpointDigest,
  keyIdOf,
  parseCheckpointLine,
  type SignedCheckpoint,
  signatureProblem,
} from './checkpoint.ts';
import { CHECKPOINTS_TABLE } from './store.ts';

export interface CheckpointProblem {
  /** The first record the problem puts in doubt (orders it among the chain's problems). */
  seq: number;
  /** "#12 (sink.jsonl line 12)" when the problem is a checkpoint's. */
  checkpoint?: string;
  reason: string;
}

export type CheckpointReport =
  | {
      ok: true;
      /** Distinct checkpoints that verified, and the newest of them (none for an empty log). */
      verified: number;
      last?: SignedCheckpoint;
      /** The last record of the log. */
      logEnd: number;
      keyIds: string[];
    }
  | { ok: false; problem: CheckpointProblem; more: number };

interface Copy {
  checkpoint: SignedCheckpoint;
  where: string;
}

const STORE = 'the store';

/** `files`: sink files of JSON lines (a syslog file whose lines end in the JSON will do). */
export function verifyCheckpoints(
  db: SqlDatabase,
  opts: { publicKeys: readonly KeyObject[]; files: readonly string[] },
): CheckpointReport {
  const keys = new Map(opts.publicKeys.map((key) => [keyIdOf(key), key]));
  const problems: CheckpointProblem[] = [];
  const copies: Copy[] = [];
  // Files first: anything they hold was signed after its records were committed.
  for (const file of opts.files) {
    let lineNumber = 0;
    for (const line of readLines(file)) {
      lineNumber++;
      collect(line, `${file} line ${lineNumber}`, copies, problems);
    }
  }
  let logEnd = 0;
  let hashAt: (seq: number) => string | undefined = () => undefined;
  db.snapshot(() => {
    if (db.hasTable(CHECKPOINTS_TABLE)) {
      const rows = db.prepare(`SELECT n, line FROM ${CHECKPOINTS_TABLE} ORDER BY n`).all() as {
        n: number;
        line: string;
      }[];
      for (const row of rows) collect(row.line, `${STORE}, row ${row.n}`, copies, problems);
    }
    const hasLog = db.hasTable('audit_log');
    logEnd = hasLog
      ? ((db.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number | null }).seq ?? 0)
      : 0;
    const lookup = hasLog ? db.prepare('SELECT hash FROM audit_log WHERE seq = ?') : undefined;
    const hashes = new Map<number, string | undefined>();
    for (const { checkpoint } of copies) {
      hashes.set(checkpoint.seq, (lookup?.get(checkpoint.seq) as { hash: string } | undefined)?.hash);
    }
    hashAt = (seq) => hashes.get(seq);
  });

  const signed = copies.filter(({ checkpoint, where }) => {
    const problem = signatureProblem(checkpoint, keys);
    if (problem) problems.push(refused(checkpoint, where, problem));
    return !problem;
  });
  const byNumber = distinct(signed, problems);
  checkLinks(byNumber, problems);
  const last = checkAgainstLog(byNumber, { logEnd, hashAt }, problems);
  if (!last && logEnd > 0 && !problems.length) {
    problems.push({
      seq: 1,
      reason: `no checkpoint signed by the given key was found (in ${[STORE, ...opts.files].join(', ')}): nothing vouches for records #1–#${logEnd}`,
    });
  }
  const [first] = problems.sort((a, b) => a.seq - b.seq);
  if (first) return { ok: false, problem: first, more: problems.length - 1 };
  return { ok: true, verified: byNumber.size, ...(last ? { last } : {}), logEnd, keyIds: [...keys.keys()] };
}

function collect(line: string, where: string, copies: Copy[], problems: CheckpointProblem[]): void {
  try {
    const checkpoint = parseCheckpointLine(line);
    if (checkpoint) copies.push({ checkpoint, where });
  } catch (err) {
    problems.push({ seq: 0, checkpoint: `in ${where}`, reason: (err as Error).message });
  }
}

function refused(checkpoint: SignedCheckpoint, where: string, why: string): CheckpointProblem {
  return { seq: checkpoint.seq, checkpoint: label(checkpoint, [where]), reason: `refused: ${why}` };
}

function label(checkpoint: SignedCheckpoint, where: readonly string[]): string {
  return `#${checkpoint.n} (${where.join('; ')})`;
}

/** One checkpoint per number, with every place it was found; two different ones are a problem. */
function distinct(signed: Copy[], problems: CheckpointProblem[]): Map<number, Copy & { found: string[] }> {
  const byNumber = new Map<number, Copy & { found: string[] }>();
  for (const copy of signed) {
    const seen = byNumber.get(copy.checkpoint.n);
    if (!seen) {
      byNumber.set(copy.checkpoint.n, { ...copy, found: [copy.where] });
    } else if (checkpointDigest(seen.checkpoint) === checkpointDigest(copy.checkpoint)) {
      seen.found.push(copy.where);
    } else {
      problems.push({
        seq: Math.min(seen.checkpoint.seq, copy.checkpoint.seq),
        checkpoint: label(copy.checkpoint, [seen.where, copy.where]),
        reason:
          'two different checkpoints with this number carry valid signatures: the key signed two histories (is it shared by servers on different stores, or stolen?)',
      });
    }
  }
  return new Map([...byNumber].sort(([a], [b]) => a - b));
}

function checkLinks(byNumber: Map<number, Copy & { found: string[] }>, problems: CheckpointProblem[]): void {
  for (const { checkpoint, found } of byNumber.values()) {
    const previous = byNumber.get(checkpoint.n - 1)?.checkpoint;
    const expectedPrev = checkpoint.n === 1 ? null : previous && checkpointDigest(previous);
    if (expectedPrev === undefined) continue; // checkpoint n-1 is in none of the given places
    if (checkpoint.prev !== expectedPrev || (previous && previous.seq > checkpoint.seq)) {
      problems.push({
        seq: checkpoint.seq,
        checkpoint: label(checkpoint, found),
        reason: `it does not chain onto checkpoint #${checkpoint.n - 1}`,
      });
    }
  }
}

/** Each checkpoint against the record at its seq; returns the newest that holds. */
function checkAgainstLog(
  byNumber: Map<number, Copy & { found: string[] }>,
  log: { logEnd: number; hashAt: (seq: number) => string | undefined },
  problems: CheckpointProblem[],
): SignedCheckpoint | undefined {
  let last: SignedCheckpoint | undefined;
  for (const { checkpoint, found } of [...byNumber.values()].sort(
    (a, b) => a.checkpoint.seq - b.checkpoint.seq,
  )) {
    const hash = log.hashAt(checkpoint.seq);
    if (hash === checkpoint.hash) {
      last = checkpoint;
      continue;
    }
    if (hash === undefined && checkpoint.seq > log.logEnd) {
      problems.push({
        seq: log.logEnd + 1,
        checkpoint: label(checkpoint, found),
        reason: `the log ends at record #${log.logEnd}, but this checkpoint was signed for record #${checkpoint.seq}: records #${log.logEnd + 1}–#${checkpoint.seq} were cut off (tail truncated)`,
      });
    } else if (hash !== undefined) {
      const from = (last?.seq ?? 0) + 1;
      problems.push({
        seq: from,
        checkpoint: label(checkpoint, found),
        reason: `record #${checkpoint.seq} does not have the hash this checkpoint signed: a record in #${from}–#${checkpoint.seq} was rewritten and the chain re-hashed after it`,
      });
    }
    // A record missing inside the log is the chain's problem (verifyAudit names it).
    return last;
  }
  return last;
}

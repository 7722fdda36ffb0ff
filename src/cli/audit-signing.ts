// The signed-checkpoint side of `opswarden audit`: `keygen` makes the server's signing key,
// and `verify --public-key` checks the log against the checkpoints in the given sink files
// and the store, then says what no checkpoint covers yet. Without a key, verify says the
// checkpoints were not checked, because the chain alone can be rewritten consistently.

import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parsePublicKey, publicKeyText } from '../approvals/proof.ts';
import { keyIdOf } from '../audit/signing/checkpoint.ts';
import { type CheckpointProblem, verifyCheckpoints } from '../audit/signing/verify.ts';
import { writeNewSigningKey } from '../key-file.ts';
import type { SqlDatabase } from '../store/sql.ts';

export class CheckpointUsageError extends Error {}

export function keygenLines(out: string | undefined): string {
  if (!out) throw new CheckpointUsageError('keygen needs --out <file> for the private key');
  let publicKey: KeyObject;
  try {
    publicKey = writeNewSigningKey(out);
  } catch (err) {
    throw new CheckpointUsageError((err as Error).message);
  }
  return `Private key written to ${out} (mode 600). Keep it away from the store's directory; in opswarden.yaml:
  audit:
    checkpoints: { keyFile: ${out}, every: 100, interval: 60s, sinks: [ ... ] }
Public key (keyId ${keyIdOf(publicKey)}), for \`opswarden audit verify --public-key\`:
  ${publicKeyText(publicKey)}
`;
}

/** A --public-key value: a file holding the key, or the base64 line keygen printed. */
export function readPublicKey(value: string): KeyObject {
  const text = existsSync(value) ? readFileSync(value, 'utf8') : value;
  try {
    return parsePublicKey(text);
  } catch {
    throw new CheckpointUsageError(
      `--public-key ${value}: neither a file holding an Ed25519 public key nor the base64 line \`audit keygen\` printed`,
    );
  }
}

export interface CheckpointVerdict {
  problem?: CheckpointProblem;
  lines: string[];
}

export function checkpointVerdict(
  db: SqlDatabase,
  opts: { publicKeys: KeyObject[]; files: string[] },
): CheckpointVerdict {
  for (const file of opts.files) {
    if (!existsSync(file)) throw new CheckpointUsageError(`--checkpoints ${file}: no such file`);
  }
  const report = verifyCheckpoints(db, opts);
  if (!report.ok) {
    const more = report.more ? ` (and ${report.more} more problem${report.more === 1 ? '' : 's'})` : '';
    return { problem: { ...report.problem, reason: report.problem.reason + more }, lines: [] };
  }
  const lines: string[] = [];
  const { last, logEnd } = report;
  const from = opts.files.length ? `${opts.files.join(', ')} and the store` : 'the store only';
  lines.push(
    `checkpoints verified: ${report.verified} signed by key ${report.keyIds.join(' or ')}, read from ${from}`,
  );
  if (!last) lines.push('the log is empty: nothing to cover');
  else if (last.seq < logEnd) {
    lines.push(
      `records ${last.seq + 1}–${logEnd} are after the last checkpoint (#${last.n} at seq ${last.seq}): an attacker could still rewrite them`,
    );
  } else lines.push(`every record is covered: the last checkpoint (#${last.n}) is at record #${last.seq}`);
  if (!opts.files.length) {
    lines.push(
      'note: checkpoints deleted from the store go unnoticed without --checkpoints <a sink file>, so a cut tail may too',
    );
  }
  return { lines };
}

export const NOT_CHECKED =
  'checkpoints not checked (no --public-key): the chain alone does not catch a log rewritten and re-hashed by someone who can write both the database and the mirror';

// What a signed audit checkpoint is. The hash chain alone has no secret: whoever can write
// the database and the JSONL mirror can re-hash every record after an edit, or cut both
// tails, and the chain still holds. A checkpoint is the server's Ed25519 signature over
// the chain head (seq and hash) at a moment, chained to the previous checkpoint by digest,
// shipped to places the attacker cannot write. Rewriting any record at or below a
// checkpoint's seq changes the hash there, and the attacker cannot sign a new one.
// (Not to be confused with the SQLite WAL checkpoints of src/store/checkpointer.ts.)

import { createHash, type KeyObject, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../../canonical.ts';

/** Names the statement, so a signature over it can mean nothing else. */
export const CHECKPOINT_FORMAT = 'opswarden-audit-checkpoint/1';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');

const checkpointSchema = z
  .object({
    format: z.literal(CHECKPOINT_FORMAT),
    n: z.number().int().min(1).describe('Checkpoint number, 1 for the first of a store'),
    seq: z.number().int().min(1).describe('The audit record the checkpoint vouches for, with all before it'),
    hash: hex64.describe('That record hash: the chain head at seq'),
    ts: z.iso.datetime().describe('When it was signed'),
    prev: hex64.nullable().describe('Digest of checkpoint n-1 (null for the first)'),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    signature: z.string().min(1),
  })
  .strict();

export type SignedCheckpoint = z.infer<typeof checkpointSchema>;
export type CheckpointStatement = Omit<SignedCheckpoint, 'signature'>;

/** Short id of a public key: the first 16 hex digits of sha256 over its SPKI DER form. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function signCheckpoint(
  fields: Omit<CheckpointStatement, 'format' | 'keyId'>,
  key: { privateKey: KeyObject; keyId: string },
): SignedCheckpoint {
  const statement: CheckpointStatement = { format: CHECKPOINT_FORMAT, ...fields, keyId: key.keyId };
  const signature = sign(null, Buffer.from(canonicalJson(statement)), key.privateKey).toString('base64');
  return { ...statement, signature };
}

/**
 * Undefined when the checkpoint is signed by one of `keys` (keyId -> public key);
 * otherwise why not.
 */
export function signatureProblem(
  checkpoint: SignedCheckpoint,
  keys: ReadonlyMap<string, KeyObject>,
): string | undefined {
  const key = keys.get(checkpoint.keyId);
  if (!key) return `it is signed by key ${checkpoint.keyId}, which is not one of the given public keys`;
  const { signature, ...statement } = checkpoint;
  const ok = verify(null, Buffer.from(canonicalJson(statement)), key, Buffer.from(signature, 'base64'));
  return ok ? undefined : `its signature does not verify with key ${checkpoint.keyId} (forged or altered)`;
}

/** What the next checkpoint's `prev` holds: covers the whole signed checkpoint. */
export function checkpointDigest(checkpoint: SignedCheckpoint): string {
  return sha256Hex(canonicalJson(checkpoint));
}

/** One JSON line, as every sink ships it and the store keeps it. */
export function checkpointLine(checkpoint: SignedCheckpoint): string {
  return canonicalJson(checkpoint);
}

/**
 * A checkpoint from a line of a sink's file, or undefined when the line holds none (a
 * syslog file's other messages). The JSON may follow a prefix (a syslog header). Throws
 * when the line claims to be a checkpoint but is malformed.
 */
export function parseCheckpointLine(line: string): SignedCheckpoint | undefined {
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(start));
  } catch {
    return undefined;
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    (value as { format?: unknown }).format !== CHECKPOINT_FORMAT
  )
    return undefined;
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`malformed checkpoint: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

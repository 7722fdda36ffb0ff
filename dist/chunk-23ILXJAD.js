import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  migrate
} from "./chunk-7MTLSPUB.js";
import {
  canonicalJson,
  sha256Hex
} from "./chunk-E2EGGSXF.js";
import {
  external_exports
} from "./chunk-ERFH3KHH.js";

// src/audit/signing/checkpoint.ts
import { createHash, sign, verify } from "node:crypto";
var CHECKPOINT_FORMAT = "opswarden-audit-checkpoint/1";
var hex64 = external_exports.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits");
var checkpointSchema = external_exports.object({
  format: external_exports.literal(CHECKPOINT_FORMAT),
  n: external_exports.number().int().min(1).describe("Checkpoint number, 1 for the first of a store"),
  seq: external_exports.number().int().min(1).describe("The audit record the checkpoint vouches for, with all before it"),
  hash: hex64.describe("That record hash: the chain head at seq"),
  ts: external_exports.iso.datetime().describe("When it was signed"),
  prev: hex64.nullable().describe("Digest of checkpoint n-1 (null for the first)"),
  keyId: external_exports.string().regex(/^[0-9a-f]{16}$/),
  signature: external_exports.string().min(1)
}).strict();
function keyIdOf(publicKey) {
  const der = publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex").slice(0, 16);
}
function signCheckpoint(fields, key) {
  const statement = { format: CHECKPOINT_FORMAT, ...fields, keyId: key.keyId };
  const signature = sign(null, Buffer.from(canonicalJson(statement)), key.privateKey).toString("base64");
  return { ...statement, signature };
}
function signatureProblem(checkpoint, keys) {
  const key = keys.get(checkpoint.keyId);
  if (!key) return `it is signed by key ${checkpoint.keyId}, which is not one of the given public keys`;
  const { signature, ...statement } = checkpoint;
  const ok = verify(null, Buffer.from(canonicalJson(statement)), key, Buffer.from(signature, "base64"));
  return ok ? void 0 : `its signature does not verify with key ${checkpoint.keyId} (forged or altered)`;
}
function checkpointDigest(checkpoint) {
  return sha256Hex(canonicalJson(checkpoint));
}
function checkpointLine(checkpoint) {
  return canonicalJson(checkpoint);
}
function parseCheckpointLine(line) {
  const start = line.indexOf("{");
  if (start < 0) return void 0;
  let value;
  try {
    value = JSON.parse(line.slice(start));
  } catch {
    return void 0;
  }
  if (typeof value !== "object" || value === null || value.format !== CHECKPOINT_FORMAT)
    return void 0;
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`malformed checkpoint: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

// src/audit/signing/store.ts
var CHECKPOINT_SCHEMA_V1 = [
  `CREATE TABLE audit_checkpoints (
    n INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    line TEXT NOT NULL
  ) STRICT`,
  `CREATE TABLE audit_checkpoint_shipped (
    sink TEXT PRIMARY KEY,
    n INTEGER NOT NULL
  ) STRICT`
];
var CHECKPOINTS_TABLE = "audit_checkpoints";
function migrateCheckpoints(db) {
  migrate(db, "audit-checkpoints-1", CHECKPOINT_SCHEMA_V1);
}
var CheckpointStore = class {
  #latest;
  #insert;
  #after;
  #cursor;
  #advance;
  constructor(db) {
    migrateCheckpoints(db);
    this.#latest = db.prepare("SELECT line FROM audit_checkpoints ORDER BY n DESC LIMIT 1");
    this.#insert = db.prepare("INSERT INTO audit_checkpoints (n, seq, key_id, line) VALUES (?, ?, ?, ?)");
    this.#after = db.prepare("SELECT n, line FROM audit_checkpoints WHERE n > ? ORDER BY n LIMIT ?");
    this.#cursor = db.prepare("SELECT n FROM audit_checkpoint_shipped WHERE sink = ?");
    this.#advance = db.prepare(
      `INSERT INTO audit_checkpoint_shipped (sink, n) VALUES (?, ?)
       ON CONFLICT (sink) DO UPDATE SET n = max(n, excluded.n)`
    );
  }
  /** The newest checkpoint; throws when its stored line is not a checkpoint (an edited row). */
  latest() {
    const row = this.#latest.get();
    return row ? parseStored(row.line) : void 0;
  }
  add(checkpoint) {
    this.#insert.run(checkpoint.n, checkpoint.seq, checkpoint.keyId, checkpointLine(checkpoint));
  }
  /** Up to `limit` stored rows after checkpoint `n`, oldest first, as stored (unchecked). */
  rowsAfter(n, limit) {
    return this.#after.all(n, limit);
  }
  /** The last checkpoint `sink` took (0: none yet). */
  shippedTo(sink) {
    return this.#cursor.get(sink)?.n ?? 0;
  }
  markShipped(sink, n) {
    this.#advance.run(sink, n);
  }
};
function parseStored(line) {
  const checkpoint = parseCheckpointLine(line);
  if (!checkpoint) throw new Error(`${CHECKPOINTS_TABLE} holds a row that is not a checkpoint: ${line}`);
  return checkpoint;
}

export {
  keyIdOf,
  signCheckpoint,
  signatureProblem,
  checkpointDigest,
  parseCheckpointLine,
  CHECKPOINTS_TABLE,
  CheckpointStore
};

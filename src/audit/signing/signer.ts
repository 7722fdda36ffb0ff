// The server's side of signed checkpoints (audit.checkpoints): signs the audit chain head
// every `every` records, every `interval` while records arrive, at start (covering what a
// previous process or the CLI appended unsigned) and on clean shutdown; keeps each
// checkpoint in the store and ships it to the sinks. Signing is one small transaction off
// the append path (a failure is logged, never thrown at a tool call); shipping is async.

import type { Logger } from 'pino';
import { parseDuration } from '../../duration.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import type { Clock } from '../../tool.ts';
import { migrateAudit } from '../schema.ts';
import { checkpointDigest, type SignedCheckpoint, signatureProblem, signCheckpoint } from './checkpoint.ts';
import type { CheckpointsConfig } from './config.ts';
import { type CheckpointKey, loadCheckpointKey } from './key.ts';
import { DEFAULT_RETRY, type RetryPolicy, SinkShipper } from './shipper.ts';
import { type CheckpointSink, createSinks } from './sinks.ts';
import { CheckpointStore } from './store.ts';

/** What the config asks for, checked before anything opens: the key and the sinks. */
export interface CheckpointPlan {
  key: CheckpointKey;
  sinks: CheckpointSink[];
  every: number;
  intervalMs: number;
}

export interface CheckpointSigning {
  /** Told of each append by this process (the last seq it wrote). */
  appended(seq: number): void;
  /** Signs the chain head now if it moved since the last checkpoint. */
  checkpoint(): SignedCheckpoint | undefined;
  /** Signs the head one last time, gives the sinks a moment to take it, and stops. */
  close(): Promise<void>;
}

/** How long close() waits for the sinks; what they have not taken is shipped at the next start. */
const CLOSE_DRAIN_MS = 5_000;

/** Throws ConfigError (one line naming the key) when the key or a sink is unsafe. */
export function planCheckpoints(
  config: CheckpointsConfig,
  logFiles: { storePath: string; jsonlPath: string },
): CheckpointPlan {
  return {
    key: loadCheckpointKey(config.keyFile, logFiles),
    sinks: createSinks(config.sinks, logFiles),
    every: config.every,
    intervalMs: parseDuration(config.interval),
  };
}

export function startCheckpointSigning(
  plan: CheckpointPlan,
  deps: { db: SqlDatabase; logger: Logger; clock: Clock; retry?: RetryPolicy },
): CheckpointSigning {
  const { db, clock } = deps;
  const { key } = plan;
  const logger = deps.logger.child({ component: 'audit-checkpoints', keyId: key.keyId });
  migrateAudit(db);
  const store = new CheckpointStore(db);
  const ownKey = new Map([[key.keyId, key.publicKey]]);
  const lastRecord = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const recordHash = db.prepare('SELECT hash FROM audit_log WHERE seq = ?');
  const shippers = plan.sinks.map(
    (sink) => new SinkShipper(sink, { store, ownKey, logger, retry: deps.retry ?? DEFAULT_RETRY }),
  );
  let signedSeq = 0;
  let scheduled = false;
  let closed = false;

  /** Alarms, not refusals: every checkpoint is checked by `audit verify`, so signing on loses nothing. */
  function warnIfRewritten(latest: SignedCheckpoint): void {
    const problem = signatureProblem(latest, ownKey);
    if (problem) logger.error(`the newest checkpoint in the store, #${latest.n}, is suspect: ${problem}`);
    const at = recordHash.get(latest.seq) as { hash: string } | undefined;
    if (at?.hash !== latest.hash) {
      logger.error(
        `audit record #${latest.seq} ${at ? 'no longer has the hash' : 'is gone, though'} checkpoint #${latest.n} signed: the log was rewritten or truncated; run \`opswarden audit verify --public-key\``,
      );
    }
  }

  function sign(): SignedCheckpoint | undefined {
    return db.transaction(() => {
      const latest = store.latest();
      if (latest) warnIfRewritten(latest);
      const head = lastRecord.get() as { seq: number; hash: string } | undefined;
      signedSeq = Math.max(signedSeq, latest?.seq ?? 0);
      if (!head || head.seq <= (latest?.seq ?? 0)) return undefined;
      const checkpoint = signCheckpoint(
        {
          n: (latest?.n ?? 0) + 1,
          seq: head.seq,
          hash: head.hash,
          ts: clock.now().toISOString(),
          prev: latest ? checkpointDigest(latest) : null,
        },
        key,
      );
      store.add(checkpoint);
      signedSeq = checkpoint.seq;
      return checkpoint;
    });
  }

  function checkpoint(): SignedCheckpoint | undefined {
    let signed: SignedCheckpoint | undefined;
    try {
      signed = sign();
    } catch (err) {
      logger.error({ err }, 'audit checkpoint could not be signed; will try again');
      return undefined;
    }
    if (signed) {
      logger.info({ checkpoint: signed.n, seq: signed.seq }, 'audit checkpoint signed');
      for (const shipper of shippers) shipper.wake();
    }
    return signed;
  }

  const timer = setInterval(checkpoint, plan.intervalMs).unref();

  return {
    appended(seq) {
      if (scheduled || seq - signedSeq < plan.every) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (!closed) checkpoint();
      });
    },
    checkpoint,
    async close() {
      clearInterval(timer);
      checkpoint();
      closed = true;
      const drained = await Promise.all(shippers.map((s) => s.drain(CLOSE_DRAIN_MS)));
      shippers.forEach((shipper, i) => {
        if (!drained[i]) {
          logger.warn(
            { sink: shipper.id },
            'audit checkpoints not yet delivered; they will be at the next start',
          );
        }
      });
      await Promise.all(shippers.map((s) => s.stop()));
    },
  };
}

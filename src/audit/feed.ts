// Every audit record as it commits, whichever replica appended it: this process's records
// at once (AuditLog's onAppended), other processes' when the store announces an append
// (PostgreSQL NOTIFY; src/audit/schema.ts) and they are read back in order. Resource
// subscriptions and approval waits follow it, so a client subscribed on one replica hears
// of an incident another replica opened, and a wait ends when another replica records the
// decision. A lost or forged announcement costs only latency: records are read from the
// chain, never taken from the message.

import { EventEmitter } from 'node:events';
import type { SqlDatabase } from '../store/sql.ts';
import type { AuditLog, AuditRecord } from './log.ts';
import { AUDIT_CHANNEL } from './schema.ts';

const CATCH_UP_PAGE = 500;

export class AuditFeed {
  readonly #audit: AuditLog;
  readonly #listeners = new EventEmitter().setMaxListeners(0);
  /** The last seq read back or heard of. */
  #cursor: number;
  /** Seqs this process appended past the cursor: delivered already, skipped on catch-up. */
  readonly #local = new Set<number>();
  readonly #unlisten: () => void;

  constructor(db: SqlDatabase, audit: AuditLog) {
    this.#audit = audit;
    this.#cursor = audit.headSeq();
    // The payload is the appended seq: one this process has read past needs no query
    // (its own appends come back too). An empty payload (after a reconnect) always reads.
    this.#unlisten = db.listen(AUDIT_CHANNEL, (payload) => {
      if (!payload || !(Number(payload) <= this.#cursor)) this.#catchUp();
    });
  }

  /** Calls `listener` with each committed batch of records; returns the unsubscribe. */
  onRecords(listener: (records: readonly AuditRecord[]) => void): () => void {
    this.#listeners.on('records', listener);
    return () => this.#listeners.off('records', listener);
  }

  /**
   * Resolves once a committed record passes `wanted` (true), or after `timeoutMs` or on
   * `signal` (false): a wait that polls the store sleeps on this instead of a bare timer.
   */
  until(wanted: (record: AuditRecord) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (seen: boolean) => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', aborted);
        resolve(seen);
      };
      const aborted = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      const unsubscribe = this.onRecords((records) => {
        if (records.some(wanted)) done(true);
      });
      signal?.addEventListener('abort', aborted, { once: true });
    });
  }

  /** This process's records, just committed. */
  appended(records: readonly AuditRecord[]): void {
    for (const { seq } of records) {
      // Right after the cursor (always so with one process): nothing to skip later.
      if (seq === this.#cursor + 1) this.#cursor = seq;
      else if (seq > this.#cursor) this.#local.add(seq);
    }
    this.#emit(records);
  }

  close(): void {
    this.#unlisten();
    this.#listeners.removeAllListeners();
  }

  #catchUp(): void {
    for (;;) {
      const page = this.#audit.after(this.#cursor, CATCH_UP_PAGE);
      if (!page.length) return;
      this.#cursor = page.at(-1)!.seq;
      const remote = page.filter((record) => !this.#local.delete(record.seq));
      if (remote.length) this.#emit(remote);
      if (page.length < CATCH_UP_PAGE) return;
    }
  }

  #emit(records: readonly AuditRecord[]): void {
    this.#listeners.emit('records', records);
  }
}

// Runs in a worker thread: holds the one pg connection of a PostgreSQL store and answers
// the main thread's requests, which wait on a SharedArrayBuffer (./database.ts), so the
// store keeps the synchronous interface of src/store/sql.ts. One request at a time: the
// main thread is blocked until the answer. A connection lost outside a transaction is
// dropped and the next request connects again; one lost inside a transaction fails every
// request until the main thread ends that transaction (a new connection would run the
// rest of it outside any transaction).

import { Buffer } from 'node:buffer';
import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';
import pg from 'pg';
import { clientTls } from './tls.ts';

export interface WorkerSettings {
  url: string;
  ssl?: { ca?: string; cert?: string; key?: string; rejectUnauthorized?: boolean; servername?: string };
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  applicationName: string;
}

export interface WorkerData {
  settings: WorkerSettings;
  /** Int32 [0]: the id of the last request answered, which the main thread waits on; [1]: 1 once running. */
  answered: SharedArrayBuffer;
  port: MessagePort;
}

export type Request =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'begin'; sql: string }
  | { id: number; op: 'end'; sql: 'COMMIT' | 'ROLLBACK' }
  | { id: number; op: 'close' };

export interface WireError {
  message: string;
  code?: string;
  detail?: string;
  /** The connection failed or was lost (not an error of the statement). */
  connection: boolean;
}

export type Response =
  | { id: number; ok: true; rows?: Record<string, unknown>[]; changes?: number }
  | { id: number; ok: false; error: WireError };

const INT8 = 20;
const NUMERIC = 1700;

/** Errors of the connection rather than of a statement: SQLSTATE class 08, server shutdown. */
const CONNECTION_SQLSTATE = /^(08|57P0[1-3])/;

const { settings, answered, port } = workerData as WorkerData;
const answeredId = new Int32Array(answered);
Atomics.store(answeredId, 1, 1);

// Per client, not pg.types: counts and sums come back as numbers, like node:sqlite's.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

let client: pg.Client | undefined;
let inTransaction = false;
/** The connection was lost inside the open transaction: it is gone, requests fail until it ends. */
let transactionLost = false;

class CodedError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/** The connection failed or was lost: not an error of the statement. */
class ConnectionError extends CodedError {}

function drop(c: pg.Client): void {
  if (client !== c) return;
  client = undefined;
  if (inTransaction) transactionLost = true;
  c.end().catch(() => {});
}

async function connection(): Promise<pg.Client> {
  if (transactionLost) {
    throw new ConnectionError('the connection was lost inside the transaction, which was rolled back');
  }
  if (client) return client;
  const c = new pg.Client({
    connectionString: settings.url,
    ...clientTls(settings.ssl),
    connectionTimeoutMillis: settings.connectTimeoutMs,
    application_name: settings.applicationName,
    types,
  });
  c.on('error', () => drop(c));
  c.on('end', () => drop(c));
  try {
    await c.connect();
    await c.query(
      `SET statement_timeout = ${settings.statementTimeoutMs}; SET lock_timeout = ${settings.statementTimeoutMs}; ` +
        `SET idle_in_transaction_session_timeout = ${settings.idleInTransactionTimeoutMs}`,
    );
  } catch (error) {
    c.end().catch(() => {});
    const e = error as Error & { code?: string };
    throw new ConnectionError(e.message, e.code);
  }
  client = c;
  return c;
}

function params(values: unknown[]): unknown[] {
  // Structured cloning turned Buffers into plain Uint8Arrays; pg binds Buffers as bytea.
  return values.map((v) => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v));
}

/** Runs `sql` on `c`; a failure that took the connection down is reported as one. */
async function run(c: pg.Client, sql: string, values?: unknown[]): Promise<pg.QueryResult> {
  try {
    return values === undefined
      ? await c.query(sql)
      : await c.query({ text: sql, values: params(values), queryMode: 'extended' } as pg.QueryConfig);
  } catch (error) {
    const e = error as Error & { code?: string };
    if (
      client !== c ||
      (e.code !== undefined && CONNECTION_SQLSTATE.test(e.code)) ||
      !(e instanceof pg.DatabaseError)
    ) {
      drop(c);
      throw new ConnectionError(e.message, e.code);
    }
    throw error;
  }
}

async function handle(request: Request): Promise<Response> {
  const { id } = request;
  switch (request.op) {
    case 'query': {
      const result = await run(await connection(), request.sql, request.params);
      return { id, ok: true, rows: result.rows, changes: result.rowCount ?? 0 };
    }
    case 'exec':
      await run(await connection(), request.sql);
      return { id, ok: true };
    case 'begin': {
      const c = await connection();
      try {
        await run(c, request.sql);
      } catch (error) {
        // BEGIN ran but the lock wait failed (lock_timeout): the transaction is aborted.
        if (client === c) await c.query('ROLLBACK').catch(() => drop(c));
        throw error;
      }
      inTransaction = true;
      transactionLost = false;
      return { id, ok: true };
    }
    case 'end': {
      const lost = transactionLost;
      const c = client;
      inTransaction = false;
      transactionLost = false;
      if (lost || !c) {
        if (request.sql === 'ROLLBACK') return { id, ok: true };
        throw new ConnectionError('the connection was lost inside the transaction, which was rolled back');
      }
      const result = await run(c, request.sql);
      // COMMIT of a transaction in which a statement failed rolls back, without an error.
      if (request.sql === 'COMMIT' && result.command === 'ROLLBACK') {
        throw new CodedError(
          'the transaction was rolled back at COMMIT: a statement in it had failed',
          '25P02',
        );
      }
      return { id, ok: true };
    }
    case 'close': {
      const c = client;
      client = undefined;
      inTransaction = false;
      await c?.end().catch(() => {});
      return { id, ok: true };
    }
  }
}

function wire(error: unknown): WireError {
  const e = error as Error & { code?: unknown; detail?: unknown };
  return {
    message: e?.message ?? String(error),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    ...(typeof e?.detail === 'string' ? { detail: e.detail } : {}),
    connection: error instanceof ConnectionError,
  };
}

port.on('message', async (request: Request) => {
  let response: Response;
  try {
    response = await handle(request);
  } catch (error) {
    response = { id: request.id, ok: false, error: wire(error) };
  }
  try {
    port.postMessage(response);
  } catch (error) {
    // A row that cannot be cloned: answer with the reason rather than leave the caller waiting.
    port.postMessage({ id: request.id, ok: false, error: wire(error) } satisfies Response);
  }
  Atomics.store(answeredId, 0, request.id);
  Atomics.notify(answeredId, 0);
  if (request.op === 'close') port.close();
});

// The PostgreSQL store, for several replicas on one database. src/store/sql.ts is
// synchronous (node:sqlite is), so the statement connection lives in a worker thread
// (./worker.ts): each call posts a request and blocks on Atomics.wait until the worker
// answers (the synckit technique), one round trip per statement. Write transactions take
// one advisory lock, the database's write lock, so every writer of every replica
// serializes as SQLite's BEGIN IMMEDIATE does. Wakeups are LISTEN/NOTIFY: the listening
// connection is a second, asynchronous one on this thread (./listener.ts).

import { createHash } from 'node:crypto';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { entryModuleUrl } from '../../package-paths.ts';
import { runAll, type SqlDatabase, type SqlRow, type SqlStatement, type SqlValue } from '../sql.ts';
import { checkChannel, Listeners } from './listener.ts';
import type { Request, Response, WireError, WorkerData, WorkerSettings } from './worker.ts';

export interface PostgresOptions {
  /** postgres://user:pass@host:port/db */
  url: string;
  /** PEM texts (the caller reads the files). */
  tls?: { ca?: string; cert?: string; key?: string; rejectUnauthorized?: boolean; servername?: string };
  /** statement_timeout and lock_timeout, as SQLite's busy_timeout; default 5000. */
  statementTimeoutMs?: number;
  /** Default 5000. */
  connectTimeoutMs?: number;
  /** Default 'opswarden'. */
  applicationName?: string;
}

/** An open transaction left idle this long (a stuck process) is ended by the server, releasing the write lock. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
/** The main thread's wait beyond the server's own timeouts before it gives the connection up. */
const ANSWER_MARGIN_MS = 2_000;

/** The key of the one write lock: a fixed 64-bit number, the same in every replica. */
const WRITE_LOCK_KEY = createHash('sha256').update('opswarden.store.write').digest().readBigInt64BE(0);
const BEGIN_WRITE = `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`;
const BEGIN_SNAPSHOT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
/** SQLSTATEs whose message gets the location appended: timeouts, authentication. */
const LOCATED_SQLSTATE = /^(57014|55P03|28)/;

type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;
type Answer = Extract<Response, { ok: true }>;

interface Bridge {
  worker: Worker;
  port: MessagePort;
  answered: Int32Array;
  /** The worker exited or failed, or stopped answering: start another. */
  dead: boolean;
}

const translations = new Map<string, string>();

/**
 * `?` placeholders to `$1..$n`, leaving alone those inside string literals ('...',
 * E'...', $tag$...$tag$), quoted identifiers and comments. PostgreSQL's own `?` operators
 * (jsonb) cannot be written: use jsonb_exists() and friends.
 */
export function translatePlaceholders(sql: string): string {
  const cached = translations.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    let end = i + 1;
    if (c === '?') {
      out += `$${++n}`;
      i++;
      continue;
    }
    if (c === "'") {
      const escapes = /[eE]/.test(sql[i - 1] ?? '') && !/[\w$]/.test(sql[i - 2] ?? '');
      while (end < sql.length) {
        if (escapes && sql[end] === '\\') end += 2;
        else if (sql[end] === "'") {
          end++;
          if (sql[end] !== "'") break; // '' is a quote inside the literal
          end++;
        } else end++;
      }
    } else if (c === '"') {
      end = sql.indexOf('"', i + 1);
      end = end < 0 ? sql.length : end + 1;
    } else if (c === '-' && next === '-') {
      end = sql.indexOf('\n', i);
      if (end < 0) end = sql.length;
    } else if (c === '/' && next === '*') {
      end = sql.indexOf('*/', i + 2);
      end = end < 0 ? sql.length : end + 2;
    } else if (c === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
      const tag = /^\$(?:[A-Za-z_][\w]*)?\$/.exec(sql.slice(i))?.[0];
      if (tag) {
        end = sql.indexOf(tag, i + tag.length);
        end = end < 0 ? sql.length : end + tag.length;
      }
    }
    out += sql.slice(i, end);
    i = end;
  }
  if (translations.size >= 10_000) translations.clear(); // SQL built at run time: keep it bounded
  translations.set(sql, out);
  return out;
}

/** The URL without its password (nor query parameters, which may hold one), for messages. */
export function locationOf(url: URL): string {
  const user = url.username ? `${url.username}@` : '';
  const socket = url.host ? '' : url.searchParams.get('host'); // postgres:///db?host=/run/postgresql
  return `${url.protocol}//${user}${url.host}${url.pathname}${socket ? `?host=${socket}` : ''}`;
}

/** SSL settings in the URL would replace the `tls` option (pg lets the URL win): the option wins. */
const URL_SSL_PARAMS = ['ssl', 'sslmode', 'sslcert', 'sslkey', 'sslrootcert'];

function connectionUrl(text: string, url: URL, tls: boolean): string {
  if (!tls || !URL_SSL_PARAMS.some((p) => url.searchParams.has(p))) return text;
  const stripped = new URL(url);
  for (const p of URL_SSL_PARAMS) stripped.searchParams.delete(p);
  return stripped.href;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

class PostgresStatement implements SqlStatement {
  readonly #db: PostgresDatabase;
  readonly #sql: string;

  constructor(db: PostgresDatabase, sql: string) {
    this.#db = db;
    this.#sql = translatePlaceholders(sql);
  }

  get(...params: SqlValue[]): SqlRow | undefined {
    return this.#db.query(this.#sql, params).rows?.[0];
  }

  all(...params: SqlValue[]): SqlRow[] {
    return this.#db.query(this.#sql, params).rows ?? [];
  }

  run(...params: SqlValue[]): { changes: number } {
    return { changes: this.#db.query(this.#sql, params).changes ?? 0 };
  }

  /**
   * Inside a transaction (audit verify reads the whole chain in one snapshot) the rows come
   * through a server-side cursor a page at a time, so a long log never sits whole in memory;
   * outside one, all at once.
   */
  *iterate(...params: SqlValue[]): Iterable<SqlRow> {
    if (!this.#db.inTransaction) {
      yield* this.all(...params);
      return;
    }
    const cursor = `opswarden_rows_${++cursors}`;
    this.#db.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${this.#sql}`, params);
    let open = true;
    try {
      for (;;) {
        const rows = this.#db.query(`FETCH ${CURSOR_PAGE} FROM ${cursor}`, []).rows ?? [];
        yield* rows;
        if (rows.length < CURSOR_PAGE) break;
      }
      open = false;
      this.#db.query(`CLOSE ${cursor}`, []);
    } finally {
      // Left early (a caller's break): close it, unless the transaction already ended.
      if (open && this.#db.inTransaction) {
        try {
          this.#db.query(`CLOSE ${cursor}`, []);
        } catch {
          // The transaction failed meanwhile: its end closes the cursor.
        }
      }
    }
  }
}

/** Rows a cursor fetches per round trip. */
const CURSOR_PAGE = 2_000;
let cursors = 0;

class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres';
  readonly location: string;
  readonly #settings: WorkerSettings;
  readonly #secrets: string[];
  readonly #answerMs: number;
  readonly #listeners: Listeners;
  #bridge: Bridge | undefined;
  #nextId = 0;
  #open = true;
  #inTransaction = false;
  #writing = false;
  /** What waits for the open write transaction to commit (dropped if it rolls back). */
  #afterCommit: (() => void)[] = [];
  /** The connection went down inside the open transaction: the rest of it must fail. */
  #transactionLost = false;

  constructor(opts: PostgresOptions) {
    let url: URL;
    try {
      url = new URL(opts.url);
    } catch {
      throw new Error('the PostgreSQL URL is not a valid URL (postgres://user:password@host:port/database)');
    }
    if (!/^postgres(ql)?:$/.test(url.protocol))
      throw new Error(`the PostgreSQL URL must start with postgres://, not ${url.protocol}//`);
    this.location = locationOf(url);
    this.#secrets = [url.password, decoded(url.password)].filter((s) => s.length > 0);
    const statementTimeoutMs = Math.round(opts.statementTimeoutMs ?? 5_000);
    const connectTimeoutMs = Math.round(opts.connectTimeoutMs ?? 5_000);
    this.#settings = {
      url: connectionUrl(opts.url, url, opts.tls !== undefined),
      ...(opts.tls ? { ssl: opts.tls } : {}),
      statementTimeoutMs,
      connectTimeoutMs,
      idleInTransactionTimeoutMs: IDLE_IN_TRANSACTION_TIMEOUT_MS,
      applicationName: opts.applicationName ?? 'opswarden',
    };
    this.#answerMs = statementTimeoutMs + connectTimeoutMs + ANSWER_MARGIN_MS;
    this.#listeners = new Listeners(this.#settings);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  get inTransaction(): boolean {
    return this.#inTransaction;
  }

  get inWriteTransaction(): boolean {
    return this.#writing && this.#inTransaction;
  }

  prepare(sql: string): SqlStatement {
    return new PostgresStatement(this, sql);
  }

  /** One statement with parameters (extended protocol), for PostgresStatement. */
  query(sql: string, params: SqlValue[]): Answer {
    const values = params.map((p) => (typeof p === 'bigint' ? p.toString() : p));
    return this.#call({ op: 'query', sql, params: values });
  }

  exec(sql: string): void {
    this.#call({ op: 'exec', sql });
  }

  transaction<T>(fn: () => T): T {
    if (this.#inTransaction)
      throw new Error('a transaction is already open on this connection; writes cannot nest');
    this.#writing = true;
    try {
      return this.#within(BEGIN_WRITE, fn);
    } finally {
      this.#writing = false;
    }
  }

  afterCommit(fn: () => void): void {
    if (this.inWriteTransaction) this.#afterCommit.push(fn);
    else fn();
  }

  snapshot<T>(fn: () => T): T {
    if (this.#inTransaction) return fn();
    return this.#within(BEGIN_SNAPSHOT, fn);
  }

  hasTable(name: string): boolean {
    const row = this.query(
      "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE oid = to_regclass($1) AND relkind IN ('r', 'p')) AS present",
      [name],
    ).rows?.[0];
    return row?.present === true;
  }

  notify(channel: string, payload = ''): void {
    checkChannel(channel);
    this.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  listen(channel: string, listener: (payload: string) => void): () => void {
    return this.#listeners.add(channel, listener);
  }

  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#inTransaction = false;
    this.#afterCommit = [];
    const bridge = this.#bridge;
    this.#bridge = undefined;
    if (bridge) {
      if (!bridge.dead) {
        try {
          this.#send(bridge, { op: 'close' }, this.#settings.connectTimeoutMs);
        } catch {
          // closing anyway: the worker's end goes with it
        }
      }
      this.#discard(bridge);
    }
    this.#listeners.close();
  }

  #within<T>(begin: string, fn: () => T): T {
    this.#call({ op: 'begin', sql: begin });
    this.#inTransaction = true;
    this.#transactionLost = false;
    try {
      const result = fn();
      this.#end('COMMIT');
      const due = this.#afterCommit;
      this.#afterCommit = [];
      runAll(due); // an error here is thrown after the commit, which stands
      return result;
    } catch (error) {
      this.#afterCommit = [];
      if (this.#inTransaction) {
        try {
          this.#end('ROLLBACK');
        } catch {
          // the connection is gone, and the transaction with it
        }
      }
      throw error;
    }
  }

  #end(sql: 'COMMIT' | 'ROLLBACK'): void {
    try {
      if (!this.#transactionLost) this.#call({ op: 'end', sql });
      else if (sql === 'COMMIT') throw this.#lostError();
    } finally {
      this.#inTransaction = false;
      this.#transactionLost = false;
    }
  }

  #lostError(): Error {
    return new Error(
      `the connection to PostgreSQL at ${this.location} was lost inside the transaction, which did not commit`,
    );
  }

  #call(body: RequestBody): Answer {
    if (!this.#open) throw new Error(`the PostgreSQL store at ${this.location} is closed`);
    if (this.#transactionLost) throw this.#lostError();
    if (this.#bridge?.dead) {
      this.#discard(this.#bridge);
      this.#bridge = undefined;
      if (this.#inTransaction) {
        this.#transactionLost = true;
        throw this.#lostError();
      }
    }
    this.#bridge ??= this.#start();
    return this.#send(this.#bridge, body, this.#answerMs);
  }

  #send(bridge: Bridge, body: RequestBody, waitMs: number): Answer {
    this.#nextId = (this.#nextId % 0x7fff_fffe) + 1;
    const id = this.#nextId;
    bridge.port.postMessage({ ...body, id });
    const deadline = performance.now() + waitMs;
    for (;;) {
      const seen = Atomics.load(bridge.answered, 0);
      if (seen === id) break;
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(bridge.answered, 0, seen, left) === 'timed-out') {
        if (Atomics.load(bridge.answered, 0) === id) break;
        bridge.dead = true;
        if (this.#inTransaction) this.#transactionLost = true;
        if (Atomics.load(bridge.answered, 1) === 0) {
          // Its errors arrive as events, which this blocked thread cannot see.
          throw new Error(
            `the thread that connects to PostgreSQL at ${this.location} did not start within ${waitMs} ms`,
          );
        }
        throw new Error(`PostgreSQL at ${this.location} did not answer within ${waitMs} ms`);
      }
    }
    const response = receiveMessageOnPort(bridge.port)?.message as Response | undefined;
    if (response?.id !== id) {
      bridge.dead = true;
      throw new Error(`the PostgreSQL worker for ${this.location} answered out of turn`);
    }
    if (!response.ok) throw this.#error(response.error);
    return response;
  }

  #error(wire: WireError): Error {
    let message = wire.message;
    for (const secret of this.#secrets) message = message.replaceAll(secret, '***');
    if (wire.connection || (wire.code !== undefined && LOCATED_SQLSTATE.test(wire.code)))
      message += ` (PostgreSQL at ${this.location})`;
    const error = new Error(message) as Error & { code?: string; detail?: string };
    if (wire.code !== undefined) error.code = wire.code;
    if (wire.detail !== undefined) error.detail = wire.detail;
    return error;
  }

  #start(): Bridge {
    const answered = new SharedArrayBuffer(8);
    const { port1, port2 } = new MessageChannel();
    const workerData: WorkerData = { settings: this.#settings, answered, port: port2 };
    const worker = new Worker(entryModuleUrl('store/postgres/worker'), {
      workerData,
      transferList: [port2],
      execArgv: workerExecArgv(),
    });
    const bridge: Bridge = { worker, port: port1, answered: new Int32Array(answered), dead: false };
    // Seen only between calls (a call blocks this thread): the next call starts another.
    const dead = () => {
      bridge.dead = true;
    };
    worker.on('error', dead);
    worker.on('exit', dead);
    // An idle store lets the process exit; a call in progress blocks this thread anyway.
    worker.unref();
    return bridge;
  }

  #discard(bridge: Bridge): void {
    bridge.dead = true;
    bridge.port.close();
    bridge.worker.terminate().catch(() => {});
  }
}

/** V8 heap flags (src/heap-sizing.ts, the `opswarden` command's shebang): a worker refuses them. */
const HEAP_FLAG = /^--max-(old|semi)-space-size(=|$)/;

/**
 * This process's Node options, less those a worker refuses: --input-type (`node
 * --input-type=module -e`) fails a worker started from a file, and V8 heap flags may not be
 * passed to a worker (the process's --max-old-space-size sizes the worker's heap anyway).
 */
function workerExecArgv(): string[] {
  const args: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i]!;
    if (arg === '--input-type' || /^--max-(old|semi)-space-size$/.test(arg)) i++;
    else if (!arg.startsWith('--input-type=') && !HEAP_FLAG.test(arg)) args.push(arg);
  }
  return args;
}

/** Opens a PostgreSQL store; the connection is made by the first statement. */
export function openPostgres(opts: PostgresOptions): SqlDatabase {
  return new PostgresDatabase(opts);
}

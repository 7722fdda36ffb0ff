// The LISTEN side of a PostgreSQL store's wakeups: one asynchronous pg connection on the
// main thread (notifications arrive as events, which the synchronous statement connection
// in the worker cannot deliver), opened by the first listen(). Once a LISTEN is in place its
// listeners are called with '' (what was notified before is theirs to re-read), and again
// after a lost connection is opened again with backoff, because notifies sent while it was
// down are gone; a wakeup is a hint to re-read the store, so one too many costs nothing. Its socket is unref'd: listening alone does not keep a process alive.

import type { Socket } from 'node:net';
import pg from 'pg';
import { clientTls } from './tls.ts';
import type { WorkerSettings } from './worker.ts';

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5_000;

/** Channel names are quoted into LISTEN, so only plain lower-case identifiers. */
export function checkChannel(channel: string): void {
  if (!CHANNEL.test(channel))
    throw new Error(
      `invalid notification channel ${JSON.stringify(channel)}: use lower-case letters, digits and _ (at most 63)`,
    );
}

type Listener = (payload: string) => void;

export class Listeners {
  readonly #settings: WorkerSettings;
  readonly #channels = new Map<string, Set<Listener>>();
  #client: pg.Client | undefined;
  #connected = false;
  #closed = false;
  #backoffMs = FIRST_BACKOFF_MS;
  #retry: NodeJS.Timeout | undefined;

  constructor(settings: WorkerSettings) {
    this.#settings = settings;
  }

  add(channel: string, listener: Listener): () => void {
    checkChannel(channel);
    if (this.#closed) throw new Error('the PostgreSQL store is closed');
    let listeners = this.#channels.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.#channels.set(channel, listeners);
      if (this.#connected) this.#listen([channel]);
      else if (!this.#client && !this.#retry) this.#connect();
    }
    // A function per subscription: the same listener added twice is removed once per call.
    const subscription: Listener = (payload) => listener(payload);
    listeners.add(subscription);
    // Already hearing this channel: this listener hears from now on; tell it so.
    if (this.#connected && listeners.size > 1) queueMicrotask(() => subscription(''));
    return () => {
      if (!listeners.delete(subscription) || listeners.size > 0) return;
      if (this.#channels.get(channel) !== listeners) return;
      this.#channels.delete(channel);
      if (this.#connected) this.#command(`UNLISTEN "${channel}"`);
    };
  }

  close(): void {
    this.#closed = true;
    this.#channels.clear();
    clearTimeout(this.#retry);
    this.#retry = undefined;
    const client = this.#client;
    this.#client = undefined;
    this.#connected = false;
    client?.end().catch(() => {});
  }

  #connect(): void {
    this.#retry = undefined;
    const client = new pg.Client({
      connectionString: this.#settings.url,
      ...clientTls(this.#settings.ssl),
      connectionTimeoutMillis: this.#settings.connectTimeoutMs,
      application_name: `${this.#settings.applicationName} listen`,
      // A peer gone without a word is noticed by TCP keepalive, then the error below.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    this.#client = client;
    unref(client);
    client.on('notification', (n) => this.#deliver(n.channel, n.payload ?? ''));
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client
      .connect()
      .then(() => {
        if (this.#client !== client) return;
        unref(client); // TLS replaced the socket
        this.#connected = true;
        this.#backoffMs = FIRST_BACKOFF_MS;
        this.#listen([...this.#channels.keys()]);
      })
      .catch(() => this.#lost(client));
  }

  /**
   * LISTENs, then calls the channels' listeners with '': they hear from now on, and what
   * was notified before (or while the connection was down) is theirs to re-read.
   */
  #listen(channels: string[]): void {
    if (!channels.length) return;
    const client = this.#client;
    client
      ?.query(channels.map((c) => `LISTEN "${c}"`).join('; '))
      .then(() => {
        if (this.#client === client) for (const channel of channels) this.#deliver(channel, '');
      })
      .catch(() => {
        if (client) this.#lost(client);
      });
  }

  #command(sql: string): void {
    const client = this.#client;
    client?.query(sql).catch(() => {
      if (client) this.#lost(client);
    });
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    this.#connected = false;
    client.end().catch(() => {});
    if (this.#closed || this.#channels.size === 0) return; // the next listen() connects
    this.#retry = setTimeout(() => this.#connect(), this.#backoffMs).unref();
    this.#backoffMs = Math.min(this.#backoffMs * 2, MAX_BACKOFF_MS);
  }

  #deliver(channel: string, payload: string): void {
    for (const listener of [...(this.#channels.get(channel) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // The other listeners still run; the failure surfaces as an uncaught exception would.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

function unref(client: pg.Client): void {
  (client as unknown as { connection?: { stream?: Partial<Socket> } }).connection?.stream?.unref?.();
}

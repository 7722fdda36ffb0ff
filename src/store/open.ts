// Opens the configured store: the SQLite file, or the PostgreSQL database replicas share
// (`store.url`). The server, the CLI (`audit`, `approvals`) and `doctor` all open it here.

import { readFileSync } from 'node:fs';
import type { Config } from '../config/schema.ts';
import { parseDuration } from '../duration.ts';
import { locationOf, openPostgres, type PostgresOptions } from './postgres/database.ts';
import type { SqlDatabase } from './sql.ts';
import { openDatabase } from './sqlite.ts';

/** The store's settings; only `path` is needed for a SQLite file. */
export type StoreConfig = Pick<Config['store'], 'path'> & Partial<Config['store']>;

export function openStore(store: StoreConfig): SqlDatabase {
  if (!store.url) return openDatabase(store.path);
  return openPostgres({
    url: store.url,
    ...(store.tls ? { tls: tlsOptions(store.tls) } : {}),
    statementTimeoutMs: parseDuration(store.statementTimeout ?? '5s'),
  });
}

/** Where the store is, for messages: never a password. */
export function storeLocation(store: StoreConfig): string {
  return store.url ? locationOf(new URL(store.url)) : store.path;
}

function tlsOptions(tls: NonNullable<StoreConfig['tls']>): NonNullable<PostgresOptions['tls']> {
  const read = (key: 'ca' | 'cert' | 'key') => {
    const file = tls[key];
    if (!file) return {};
    try {
      return { [key]: readFileSync(file, 'utf8') };
    } catch (error) {
      throw new Error(`store.tls.${key}: cannot read ${file}: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    ...read('ca'),
    ...read('cert'),
    ...read('key'),
    ...(tls.servername ? { servername: tls.servername } : {}),
    rejectUnauthorized: tls.rejectUnauthorized,
  };
}

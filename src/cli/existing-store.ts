// `approvals` and `audit` read the store a server writes, and never create one: a new empty
// store would answer "no pending approval requests" while a request waits in the server's.
// Run from another directory without --config, the built-in default (.opswarden/ under the
// working directory) is a different file; the refusal names the file it looked for, the
// config that named it, and how to point at the server's.

import { existsSync } from 'node:fs';
import type { StoreConfig } from '../store/open.ts';

export class MissingStoreError extends Error {
  override name = 'MissingStoreError';
}

/**
 * Throws MissingStoreError unless the SQLite store exists (`:memory:` always does). A
 * PostgreSQL store is a server's to create: connecting to it says whether it is there.
 */
export function requireExistingStore(store: StoreConfig, configPath: string | undefined): void {
  const storePath = store.path;
  if (store.url || storePath === ':memory:' || existsSync(storePath)) return;
  const from = configPath
    ? `the store config ${configPath} names`
    : 'the built-in default under this directory: no config file found';
  throw new MissingStoreError(
    `no store at ${storePath} (${from}); nothing was created. Point at the server's store: --config <its opswarden.yaml> (or $OPSWARDEN_CONFIG), or $OPSWARDEN_STATE_DIR (the Claude Desktop bundle keeps its store in ~/.opswarden)`,
  );
}

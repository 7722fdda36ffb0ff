// The WAL checkpointer: a long-running server turns off SQLite's in-commit checkpoints and
// a worker thread copies the WAL into the database file instead, off the request path.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { AuditLog } from '../../../src/audit/log.ts';
import { startCheckpointer } from '../../../src/store/checkpointer.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('checkpoints the WAL from a worker thread while commits never do', async () => {
  dir = mkdtempSync(join(tmpdir(), 'opswarden-ckpt-'));
  const path = join(dir, 'store.db');
  const db = openDatabase(path);
  const checkpointer = startCheckpointer(db, path, pino({ level: 'silent' }), 100);
  expect(db.prepare('PRAGMA wal_autocheckpoint').get()).toEqual({ wal_autocheckpoint: 0 });

  const audit = AuditLog.open(db);
  for (let i = 0; i < 2000; i++)
    audit.append({ type: 'tool.call', tool: 'x_y', data: { i, pad: 'x'.repeat(200) } });
  const before = statSync(path).size;
  await sleep(600);
  const after = statSync(path).size;
  expect(after).toBeGreaterThan(before); // pages moved from the WAL into the database file

  await checkpointer.stop();
  db.close();
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/sqlite.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function dbPath(): string {
  dir = mkdtempSync(join(tmpdir(), 'opswarden-store-'));
  return join(dir, 'nested', 'dir', 'opswarden.db');
}

describe('openDatabase', () => {
  it('creates the parent directory and configures the connection for several processes', () => {
    const db = openDatabase(dbPath());
    const pragma = (name: string) => Object.values(db.prepare(`PRAGMA ${name}`).get()!)[0];
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(1); // NORMAL
    expect(pragma('busy_timeout')).toBe(5000);
    expect(pragma('foreign_keys')).toBe(1);
  });

  it('names the path when the file cannot be opened', () => {
    const path = dbPath();
    openDatabase(path).close();
    const bad = join(path, 'inside-a-file.db');
    expect(() => openDatabase(bad)).toThrow(`cannot open database ${bad}`);
  });
});

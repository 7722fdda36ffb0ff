import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inImmediateTransaction, migrate, openDatabase } from '../../../src/store/sqlite.ts';

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

describe('migrate', () => {
  const statements = ['CREATE TABLE widgets (id INTEGER PRIMARY KEY, name TEXT NOT NULL)'];

  it('applies a named migration once, across connections', () => {
    const path = dbPath();
    migrate(openDatabase(path), 'widgets-1', statements);
    const second = openDatabase(path);
    migrate(second, 'widgets-1', statements);
    expect(second.prepare('SELECT name FROM schema_migrations').all()).toEqual([{ name: 'widgets-1' }]);
  });

  it('rolls back a failed migration and names it and the statement', () => {
    const db = openDatabase(':memory:');
    expect(() => migrate(db, 'broken-1', [...statements, 'CREATE TABLE oops ('])).toThrow(
      /migration "broken-1" statement 2 failed/,
    );
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'widgets'").get()).toBeUndefined();
    migrate(db, 'broken-1', statements);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'widgets'").get()).toBeDefined();
  });
});

describe('inImmediateTransaction', () => {
  it('commits on return and rolls back on throw', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (v TEXT)');
    inImmediateTransaction(db, () => db.exec("INSERT INTO t VALUES ('kept')"));
    expect(() =>
      inImmediateTransaction(db, () => {
        db.exec("INSERT INTO t VALUES ('lost')");
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 'kept' }]);
  });
});

// Versioned schema migrations, run at start by each module that owns tables (audit,
// approvals, incidents, …). A migration is recorded by name in schema_migrations inside the
// same write transaction that applies it, so two processes or replicas starting at once
// apply it exactly once (the second waits on the write lock, then finds it recorded), and a
// migration that fails leaves nothing half applied. A later schema change is a new name.

import { forDialect, type PerDialect, type SqlDatabase } from './sql.ts';

export function migrate(db: SqlDatabase, name: string, statements: PerDialect<string[]>): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    if (db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?').get(name)) return;
    forDialect(db.dialect, statements).forEach((sql, index) => {
      try {
        db.exec(sql);
      } catch (error) {
        throw new Error(`migration "${name}" statement ${index + 1} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    });
    db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(
      name,
      new Date().toISOString(),
    );
  });
}

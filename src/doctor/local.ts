// Doctor's checks of what opswarden keeps on this machine: the policy bundle compiles, the
// store's directory takes writes (a probe file, removed again; the store itself is not
// created or changed), and the audit log's hash chain verifies as `opswarden audit verify`
// proves it.

import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { verifyAudit } from '../audit/log.ts';
import type { Config } from '../config/schema.ts';
import { loadBundleFile } from '../policy/bundle.ts';
import { openStore, storeLocation } from '../store/open.ts';
import type { SqlDatabase } from '../store/sql.ts';
import { type Check, errorText, failed, passed } from './check.ts';

export function policyCheck(config: Config): Check {
  const path = config.policy.bundle;
  try {
    const bundle = loadBundleFile(path);
    return passed(
      'policy',
      `bundle ${bundle.ref.name} v${bundle.ref.version} loads, ${bundle.rules.length} rules (${path})`,
    );
  } catch (err) {
    return failed(
      'policy',
      `bundle ${path} does not load: ${errorText(err)}`,
      `run \`opswarden policy lint ${path}\` and fix what it names, or point policy.bundle at another file`,
    );
  }
}

/** The directory the store will be in, or the nearest one above it that exists. */
function nearestDirectory(path: string): string {
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function storeCheck(config: Config): Check {
  if (config.store.url) return postgresCheck(config);
  const path = config.store.path;
  const subject = `store ${path}`;
  const dir = nearestDirectory(path);
  const fix = `make ${dir} writable for the user opswarden runs as, or set store.path to a writable place`;
  try {
    if (!statSync(dir).isDirectory()) return failed(subject, `${dir} is not a directory`, fix);
    const probe = join(dir, `.opswarden-doctor-${randomBytes(6).toString('hex')}`);
    closeSync(openSync(probe, 'wx', 0o600));
    rmSync(probe);
    if (existsSync(path)) closeSync(openSync(path, 'r+'));
  } catch (err) {
    return failed(subject, `cannot write in ${dir}: ${errorText(err)}`, fix);
  }
  if (existsSync(path)) return passed(subject, 'writable');
  const created = dir === dirname(path) ? 'the file' : `${dirname(path)} and the file`;
  return passed(subject, `writable (${created} created at first start)`);
}

/** The team store: reachable with these credentials, and which server answers. */
function postgresCheck(config: Config): Check {
  const subject = `store ${storeLocation(config.store)}`;
  let db: SqlDatabase | undefined;
  try {
    db = openStore(config.store);
    const row = db.prepare('SHOW server_version').get() as { server_version: string };
    return passed(subject, `PostgreSQL ${row.server_version} answers`);
  } catch (err) {
    return failed(
      subject,
      `cannot connect: ${errorText(err)}`,
      'check store.url (host, port, database, user), the password it takes from the environment, and store.tls',
    );
  } finally {
    db?.close();
  }
}

export function auditCheck(config: Config): Check {
  const path = storeLocation(config.store);
  if (!config.store.url && !existsSync(path))
    return passed('audit log', 'no records yet (the store does not exist yet)');
  let db: SqlDatabase | undefined;
  try {
    db = openStore(config.store);
    // A team store's mirrors are per replica: the chain is checked alone here.
    const result = verifyAudit(db, config.store.url ? {} : { jsonlPath: config.audit.jsonl });
    if (result.ok) return passed('audit log', `hash chain intact: ${result.count} records`);
    return failed(
      'audit log',
      `TAMPERED at record #${result.firstBad.seq}: ${result.firstBad.reason}`,
      'the log was edited or cut short: keep the store for investigation (`opswarden audit verify`) and start a new one',
    );
  } catch (err) {
    return failed(
      'audit log',
      `cannot verify: ${errorText(err)}`,
      `check that ${path} is an opswarden store`,
    );
  } finally {
    db?.close();
  }
}

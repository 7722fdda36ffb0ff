// Where the replicas benchmark's time goes: CPU time of processes from /proc (the opswarden
// servers, the PostgreSQL server with its backends, this process), and PostgreSQL's own
// count of transactions in a database. Linux only; off Linux a figure is NaN.

import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/** USER_HZ: /proc/<pid>/stat counts CPU time in ticks of 10 ms. */
const MS_PER_TICK = 10;

interface Stat {
  ppid: number;
  /** utime + stime, ms. */
  ownMs: number;
  /** cutime + cstime, ms: children this process has waited for. */
  reapedMs: number;
}

function stat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state, ppid ... utime (14th field), stime, cutime, cstime.
    const f = text
      .slice(text.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return {
      ppid: f[1]!,
      ownMs: (f[11]! + f[12]!) * MS_PER_TICK,
      reapedMs: (f[13]! + f[14]!) * MS_PER_TICK,
    };
  } catch {
    return undefined;
  }
}

const pids = (): number[] => {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
};

/** CPU time (user + system, worker threads included) a process has used, ms; NaN once it is gone. */
export function processCpuMs(pid: number | undefined): number {
  return (pid === undefined ? undefined : stat(pid)?.ownMs) ?? Number.NaN;
}

/** CPU time every process on the machine has used (all cores, idle and I/O wait excluded), ms; from /proc/stat. */
export function machineCpuMs(): number {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal (guest time is counted in user already)
    const busy = cpu.slice(0, 8).reduce((sum, ticks, i) => (i === 3 || i === 4 ? sum : sum + ticks), 0);
    return busy * MS_PER_TICK;
  } catch {
    return Number.NaN;
  }
}

/** This process's CPU time, ms: the load generator and, in the benchmark, the sandbox simulators. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * CPU time of the PostgreSQL server listening on `port`: its postmaster, the backends alive
 * now (one per connection) and those that have ended, ms. A function reading it afresh each
 * time; NaN when the postmaster is not found.
 */
export function postgresCpu(port: number): () => number {
  const postmaster = pids().find((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const p = args.indexOf('-p');
      return /(^|\/)postgres$/.test(args[0] ?? '') && p >= 0 && args[p + 1] === String(port);
    } catch {
      return false;
    }
  });
  return () => {
    if (postmaster === undefined) return Number.NaN;
    const own = stat(postmaster);
    if (!own) return Number.NaN;
    let ms = own.ownMs + own.reapedMs;
    for (const pid of pids()) {
      const child = stat(pid);
      if (child?.ppid === postmaster) ms += child.ownMs;
    }
    return ms;
  };
}

export interface DatabaseActivity {
  /** Transactions committed and rolled back: each statement outside BEGIN..COMMIT is one. */
  transactions: number;
}

/**
 * The database's counters from pg_stat_database. A backend reports its counts at most once
 * a second while busy, and when it ends: read after the servers stopped, they are complete.
 */
export async function databaseActivity(url: string): Promise<DatabaseActivity> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT xact_commit + xact_rollback AS transactions
       FROM pg_stat_database WHERE datname = current_database()`,
    );
    return { transactions: Number(rows[0]?.transactions) };
  } finally {
    await client.end();
  }
}

/** `SHOW server_version`, e.g. "15.14 (Debian 15.14-0+deb12u1)". */
export async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return String((await client.query('SHOW server_version')).rows[0]?.server_version);
  } finally {
    await client.end();
  }
}

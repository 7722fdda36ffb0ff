// `opswarden audit verify|query`: the operator's view of the audit log. verify proves the
// chain is intact (exit 0) or names the first bad record (exit 1); query filters records
// into a table for a human or JSON lines for a pipeline. Bad flags exit 2.

import { existsSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import {
  AUDIT_EVENT_TYPES,
  type AuditEventType,
  AuditLog,
  type AuditQuery,
  type AuditRecord,
  verifyAudit,
} from '../audit/log.ts';
import { EFFECTS } from '../audit/record.ts';
import { canonicalJson } from '../canonical.ts';
import { parseSince } from '../duration.ts';
import { openDatabase } from '../store/sqlite.ts';
import type { Effect } from '../types.ts';

export { parseSince } from '../duration.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface AuditCommandOptions {
  dbPath: string;
  jsonlPath?: string;
  /** Where output goes; process stdout/stderr by default. */
  io?: CliIo;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const DEFAULT_LIMIT = 100;

const USAGE = `Usage: opswarden audit <command>

Commands:
  verify   check the hash chain, head anchor and JSONL mirror; exit 1 if tampered
  query    list audit records matching filters

Run \`opswarden audit <command> --help\` for a command's options.
`;

const VERIFY_USAGE = `Usage: opswarden audit verify

Recomputes every record's hash and checks the chain, the head anchor (catches a
truncated tail) and the JSONL mirror when one is configured.
Exit 0 when intact, 1 when tampered or unreadable.
`;

const QUERY_USAGE = `Usage: opswarden audit query [options]

Options:
  --tool NAME         records of this tool
  --principal ID      records of this principal
  --since WHEN        from WHEN: a duration back from now (15m, 1h, 7d) or RFC 3339
  --until WHEN        before WHEN (same forms)
  --effect EFFECT     allow | escalate | deny
  --type TYPE         ${AUDIT_EVENT_TYPES.join(' | ')}
  --call-id ID        every record of one tool call
  --limit N           the most recent N matches (default ${DEFAULT_LIMIT})
  --json              one JSON record per line instead of a table
  --help              this help
`;

class UsageError extends Error {}

export async function auditCommand(argv: string[], opts: AuditCommandOptions): Promise<number> {
  const io = opts.io ?? processIo;
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'verify':
        return runVerify(rest, opts, io);
      case 'query':
        return runQuery(rest, opts, io);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; expected verify or query`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const help = command === 'verify' || command === 'query' ? ` ${command}` : '';
    io.err(`opswarden audit${help}: ${error.message}\nRun \`opswarden audit${help} --help\` for usage.\n`);
    return 2;
  }
}

function runVerify(args: string[], opts: AuditCommandOptions, io: CliIo): number {
  const { values } = parseFlags(args, { help: { type: 'boolean' } });
  if (values.help) {
    io.out(VERIFY_USAGE);
    return 0;
  }
  return withDatabase(opts, io, (db) => {
    const result = verifyAudit(db, opts.jsonlPath ? { jsonlPath: opts.jsonlPath } : {});
    if (result.ok) {
      io.out(`audit log intact: ${result.count} records, head ${result.head}\n`);
      return 0;
    }
    io.out(`audit log TAMPERED at record #${result.firstBad.seq}: ${result.firstBad.reason}\n`);
    return 1;
  });
}

function runQuery(args: string[], opts: AuditCommandOptions, io: CliIo): number {
  const { values } = parseFlags(args, {
    tool: { type: 'string' },
    principal: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    effect: { type: 'string' },
    type: { type: 'string' },
    'call-id': { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    io.out(QUERY_USAGE);
    return 0;
  }
  const filter = queryFilter(values);
  return withDatabase(opts, io, (db) => {
    const records = AuditLog.open(db).query(filter);
    if (values.json) {
      for (const record of records) io.out(`${canonicalJson(record)}\n`);
    } else if (records.length === 0) {
      io.out('no audit records match; widen --since or drop a filter\n');
    } else {
      io.out(renderTable(records));
      if (records.length === filter.limit) {
        io.out(`(showing the most recent ${filter.limit}; use --limit or --since for more)\n`);
      }
    }
    return 0;
  });
}

type FlagValues = Record<string, string | boolean | undefined>;

function parseFlags(args: string[], options: ParseArgsOptionsConfig): { values: FlagValues } {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }) as {
      values: FlagValues;
    };
  } catch (error) {
    // Node's messages name the flag ("Unknown option '--tol'"); keep the first sentence.
    throw new UsageError((error as Error).message.split('. ')[0]!);
  }
}

function queryFilter(values: FlagValues): AuditQuery & { limit: number } {
  const now = new Date();
  const filter: AuditQuery & { limit: number } = { limit: DEFAULT_LIMIT };
  if (typeof values.tool === 'string') filter.tool = values.tool;
  if (typeof values.principal === 'string') filter.principal = values.principal;
  if (typeof values['call-id'] === 'string') filter.callId = values['call-id'];
  if (typeof values.since === 'string') filter.since = flagTime('--since', values.since, now);
  if (typeof values.until === 'string') filter.until = flagTime('--until', values.until, now);
  if (typeof values.effect === 'string') {
    if (!EFFECTS.includes(values.effect as Effect)) {
      throw new UsageError(`--effect must be one of ${EFFECTS.join(', ')}, got "${values.effect}"`);
    }
    filter.effect = values.effect as Effect;
  }
  if (typeof values.type === 'string') {
    if (!(AUDIT_EVENT_TYPES as readonly string[]).includes(values.type)) {
      throw new UsageError(`--type must be one of ${AUDIT_EVENT_TYPES.join(', ')}, got "${values.type}"`);
    }
    filter.type = values.type as AuditEventType;
  }
  if (typeof values.limit === 'string') {
    if (!/^[1-9]\d*$/.test(values.limit)) {
      throw new UsageError(`--limit must be a positive integer, got "${values.limit}"`);
    }
    filter.limit = Number(values.limit);
  }
  return filter;
}

function flagTime(flag: string, text: string, now: Date): Date {
  try {
    return parseSince(text, now);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
}

function withDatabase(opts: AuditCommandOptions, io: CliIo, run: (db: DatabaseSync) => number): number {
  if (opts.dbPath !== ':memory:' && !existsSync(opts.dbPath)) {
    io.err(`opswarden audit: no audit database at ${opts.dbPath}\n`);
    return 1;
  }
  const db = openDatabase(opts.dbPath);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

const SUMMARY_WIDTH = 60;
const SUMMARY_FIRST = ['message', 'error', 'reason'];

function renderTable(records: AuditRecord[]): string {
  const header = ['TIME', 'CALL', 'TYPE', 'PRINCIPAL', 'TOOL', 'EFFECT', 'SUMMARY'];
  const rows = records.map((r) => [
    r.ts.replace(/\.\d+Z$/, 'Z'),
    r.callId ?? '-',
    r.type,
    r.principal ?? '-',
    r.tool ?? '-',
    r.effect ?? '-',
    summarize(r.data),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}

/** One line a human can scan: the message/error/reason first, then other scalar fields. */
function summarize(data: Record<string, unknown>): string {
  const keys = Object.keys(data).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const parts = keys.map((key) => `${key}=${brief(data[key])}`);
  const text = parts.join(' ').replace(/\s+/g, ' ');
  return text.length > SUMMARY_WIDTH ? `${text.slice(0, SUMMARY_WIDTH - 1)}…` : text;
}

function rank(key: string): number {
  const index = SUMMARY_FIRST.indexOf(key);
  return index < 0 ? SUMMARY_FIRST.length : index;
}

function brief(value: unknown): string {
  if (Array.isArray(value)) {
    const scalars = value.every((item) => item === null || typeof item !== 'object');
    return scalars ? `[${value.map(brief).join(',')}]` : `[${value.length} items]`;
  }
  if (value !== null && typeof value === 'object') return '{…}';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

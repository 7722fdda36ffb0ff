// `opswarden audit verify|query|keygen`: the operator's view of the audit log. verify proves
// the chain is intact (exit 0) or names the first bad record (exit 1), and with a public key
// checks the signed checkpoints too (src/cli/audit-signing.ts); query filters records into a
// table for a human or JSON lines for a pipeline; keygen makes the checkpoint signing key.
// Bad flags exit 2.

import type { ParseArgsOptionsConfig } from 'node:util';
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
import { openStore, type StoreConfig, storeLocation } from '../store/open.ts';
import type { SqlDatabase } from '../store/sql.ts';
import type { Effect } from '../types.ts';
import { parseArgs } from './args.ts';
import {
  CheckpointUsageError,
  checkpointVerdict,
  keygenLines,
  NOT_CHECKED,
  readPublicKey,
} from './audit-signing.ts';
import { MissingStoreError, requireExistingStore } from './existing-store.ts';

export { parseSince } from '../duration.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface AuditCommandOptions {
  store: StoreConfig;
  jsonlPath?: string;
  /** The config file that named the store (undefined: built-in defaults), for the refusal when it is missing. */
  configPath?: string | undefined;
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
  verify   check the hash chain, head anchor and JSONL mirror, and with --public-key
           the signed checkpoints; exit 1 if tampered
  query    list audit records matching filters
  keygen   make the key that signs checkpoints: keygen --out <file>

Run \`opswarden audit <command> --help\` for a command's options.
`;

const VERIFY_USAGE = `Usage: opswarden audit verify [--public-key <file|base64>] [--checkpoints <file>] [--mirror <file>]

Recomputes every record's hash and checks the chain, the head anchor (catches a
truncated tail) and the JSONL mirror when one is configured.
  --mirror F         the JSONL mirror(s) to compare instead of the configured one;
                     repeatable. With a PostgreSQL store each replica mirrors the records
                     it appended: pass every replica's file, and together they must hold
                     the whole chain. (Without --mirror a PostgreSQL store's chain is
                     checked alone.)

Someone who can write both the database and the mirror can rewrite the log and re-hash
it consistently; signed checkpoints (audit.checkpoints in the config) catch that:
  --public-key K     the checkpoint key's public half (a file, or the base64 line
                     \`audit keygen\` printed); repeat for a rotated key. Every checkpoint
                     must carry a valid signature, and the log must hold exactly the
                     signed hash at each checkpoint's record and reach the last one.
  --checkpoints F    a sink's file of checkpoints (JSON lines; a syslog file whose lines
                     end in the JSON will do); repeatable. The store's copies are checked
                     too, but only the shipped ones catch checkpoints deleted with a cut tail.
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
      case 'keygen':
        return runKeygen(rest, io);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; expected verify, query or keygen`);
    }
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof CheckpointUsageError)) throw error;
    const help = command === 'verify' || command === 'query' || command === 'keygen' ? ` ${command}` : '';
    io.err(`opswarden audit${help}: ${error.message}\nRun \`opswarden audit${help} --help\` for usage.\n`);
    return 2;
  }
}

function runVerify(args: string[], opts: AuditCommandOptions, io: CliIo): number {
  const { values } = parseFlags(args, {
    help: { type: 'boolean' },
    'public-key': { type: 'string', multiple: true },
    checkpoints: { type: 'string', multiple: true },
    mirror: { type: 'string', multiple: true },
  });
  if (values.help) {
    io.out(VERIFY_USAGE);
    return 0;
  }
  const publicKeys = ((values['public-key'] as string[] | undefined) ?? []).map(readPublicKey);
  const files = (values.checkpoints as string[] | undefined) ?? [];
  if (files.length && !publicKeys.length) {
    throw new UsageError('--checkpoints needs --public-key: a checkpoint is worth only its signature');
  }
  return withDatabase(opts, io, (db) => {
    const chain = verifyAudit(db, {
      jsonlPath: mirrorsToCompare(values.mirror as string[] | undefined, opts),
    });
    const checkpoints = publicKeys.length ? checkpointVerdict(db, { publicKeys, files }) : undefined;
    const chainBad = chain.ok ? undefined : chain.firstBad;
    const signedBad = checkpoints?.problem;
    if (signedBad && (!chainBad || signedBad.seq < chainBad.seq)) {
      io.out(
        signedBad.checkpoint
          ? `audit log TAMPERED at checkpoint ${signedBad.checkpoint}: ${signedBad.reason}\n`
          : `audit log NOT VERIFIED: ${signedBad.reason}\n`,
      );
      return 1;
    }
    if (chainBad) {
      io.out(`audit log TAMPERED at record #${chainBad.seq}: ${chainBad.reason}\n`);
      return 1;
    }
    if (chain.ok) io.out(`audit log intact: ${chain.count} records, head ${chain.head}\n`);
    io.out(`${(checkpoints?.lines ?? [NOT_CHECKED]).join('\n')}\n`);
    return 0;
  });
}

function runKeygen(args: string[], io: CliIo): number {
  const { values } = parseFlags(args, { out: { type: 'string' }, help: { type: 'boolean' } });
  if (values.help) {
    io.out(
      'Usage: opswarden audit keygen --out <file>\n\nMakes the Ed25519 key the server signs audit checkpoints with (written mode 600, never\nover an existing file) and prints its public half for `audit verify --public-key`.\n',
    );
    return 0;
  }
  io.out(keygenLines(values.out as string | undefined));
  return 0;
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
      io.out(`no audit records in ${storeLocation(opts.store)} match; widen --since or drop a filter\n`);
    } else {
      io.out(renderTable(records));
      if (records.length === filter.limit) {
        io.out(`(showing the most recent ${filter.limit}; use --limit or --since for more)\n`);
      }
    }
    return 0;
  });
}

type FlagValues = Record<string, string | boolean | string[] | undefined>;

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

function withDatabase(opts: AuditCommandOptions, io: CliIo, run: (db: SqlDatabase) => number): number {
  try {
    requireExistingStore(opts.store, opts.configPath);
  } catch (error) {
    if (!(error instanceof MissingStoreError)) throw error;
    io.err(`opswarden audit: ${error.message}\n`);
    return 1;
  }
  const db = openStore(opts.store);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

/** --mirror's files; else the configured mirror, which for a team store is one replica's share only. */
function mirrorsToCompare(given: string[] | undefined, opts: AuditCommandOptions): string[] {
  if (given?.length) return given;
  return opts.jsonlPath && !opts.store.url ? [opts.jsonlPath] : [];
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

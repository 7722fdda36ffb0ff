// `opswarden approvals list|show|approve|reject`: the out-of-band channel for a human
// approver at a terminal. Works on the same store file as the running server, so a
// decision here is seen by the server at once.

import { parseArgs } from 'node:util';
import { systemClock } from '../app.ts';
import { type Approval, ApprovalError, ApprovalStore } from '../approvals/store.ts';
import { AuditLog } from '../audit/log.ts';
import type { Config } from '../config/schema.ts';
import { openDatabase } from '../store/sqlite.ts';
import type { Principal } from '../types.ts';

export const APPROVALS_HELP = `Usage: opswarden approvals <command> [options]

Commands:
  list [--status pending|approved|rejected|expired|used] [--json]
                              Approval requests, newest first (default: pending)
  show <id> [--json]          One request: tool, arguments (redacted), target, reason, rules
  approve <id> [--as <principal>] [--comment <text>]
  reject <id> [--as <principal>] [--comment <text>]
                              Decide a pending request. --as names a principal from the
                              config's "principals" list (default: the config's "principal").
                              The approver must be human, hold one of the required roles,
                              and not be the requester.`;

export async function approvalsCommand(argv: string[], loadConfig: () => Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      as: { type: 'string' },
      comment: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, id] = positionals;
  if (values.help || !command) {
    console.log(APPROVALS_HELP);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  const db = openDatabase(config.store.path);
  try {
    const audit = AuditLog.open(db, { jsonlPath: config.audit.jsonl, clock: systemClock });
    const store = new ApprovalStore(db, audit, systemClock);
    switch (command) {
      case 'list': {
        const status = (values.status ?? 'pending') as Approval['status'];
        const rows = store.list({ status });
        if (values.json) for (const a of rows) console.log(JSON.stringify(a));
        else if (!rows.length) console.log(`no ${status} approval requests`);
        else for (const a of rows) console.log(summary(a));
        return 0;
      }
      case 'show': {
        const a = store.get(requireId(id, command));
        if (!a) throw new ApprovalError('not_found', `no approval with id ${id}`);
        console.log(values.json ? JSON.stringify(a, null, 2) : details(a));
        return 0;
      }
      case 'approve':
      case 'reject': {
        const approver = resolvePrincipal(config, values.as);
        const a = store.decide(requireId(id, command), approver, command, values.comment);
        console.log(`${a.id} ${a.status} by ${approver.id}: ${a.tool} requested by ${a.requester}`);
        return 0;
      }
      default:
        console.error(`opswarden approvals: unknown command "${command}"\n\n${APPROVALS_HELP}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof ApprovalError) {
      console.error(`opswarden approvals: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    db.close();
  }
}

function requireId(id: string | undefined, command: string): string {
  if (!id)
    throw new ApprovalError(
      'not_found',
      `"approvals ${command}" needs an approval id (see "approvals list")`,
    );
  return id;
}

function resolvePrincipal(config: Config, as: string | undefined): Principal {
  if (!as || as === config.principal.id) return { ...config.principal, transport: 'cli' };
  const found = config.principals.find((p) => p.id === as);
  if (!found) {
    const known = [config.principal.id, ...config.principals.map((p) => p.id)].join(', ');
    throw new ApprovalError('forbidden', `--as ${as}: no such principal in the config (known: ${known})`);
  }
  return { ...found, transport: 'cli' };
}

function summary(a: Approval): string {
  const t = a.target;
  const where = [t.environment, t.namespace, t.kind && t.name ? `${t.kind}/${t.name}` : t.name]
    .filter(Boolean)
    .join('/');
  return `${a.id}  ${a.status.padEnd(8)}  ${a.tool}  ${where}  by ${a.requester}  expires ${a.expiresAt}  "${a.reason}"`;
}

function details(a: Approval): string {
  return [
    `${a.id} (${a.status})`,
    `  tool:       ${a.tool}`,
    `  requester:  ${a.requester} (${a.requesterType})`,
    `  reason:     ${a.reason}`,
    `  target:     ${JSON.stringify(a.target)}`,
    `  impact:     ${JSON.stringify(a.impact)}`,
    `  arguments:  ${JSON.stringify(a.args)}`,
    `  rules:      ${a.matchedRules.map((r) => `${r.name}${r.message ? ` (${r.message})` : ''}`).join('; ')}`,
    `  approvers:  ${a.approvers.join(', ')}`,
    `  created:    ${a.createdAt}`,
    `  expires:    ${a.expiresAt}`,
    ...(a.decidedBy
      ? [`  decided:    ${a.decidedBy} at ${a.decidedAt}${a.comment ? ` — ${a.comment}` : ''}`]
      : []),
  ].join('\n');
}

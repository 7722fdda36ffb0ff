// `opswarden approvals list|show|approve|reject|keygen`: the out-of-band channel for a human
// approver at a terminal. Deciding proves who decides — a name on the command line proves
// nothing, since any local process can type one:
// - through the running server (`serve --http`): the approver's bearer token (from a file
//   only they can read, or $OPSWARDEN_TOKEN) goes to the approvals API, which authenticates
//   it and applies the two-person rule;
// - on the store (a stdio server has no HTTP): the decision is signed with the approver's
//   Ed25519 key (`keygen`), whose public half the config holds; the gate checks the
//   signature before the approval is spent (src/approvals/proof.ts).

import type { KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { systemClock } from '../app.ts';
import { parsePublicKey, publicKeyText, sealFromConfig, signerFromPem } from '../approvals/proof.ts';
import { APPROVAL_STATUSES, type Approval, ApprovalError, ApprovalStore } from '../approvals/store.ts';
import { AuditLog } from '../audit/log.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { writeNewSigningKey } from '../key-file.ts';
import { openStore, storeLocation } from '../store/open.ts';
import type { Principal } from '../types.ts';
import { parseArgs } from './args.ts';
import { requireExistingStore } from './existing-store.ts';

export const APPROVALS_HELP = `Usage: opswarden approvals <command> [options]

Commands:
  list [--status pending|approved|rejected|expired|used|all] [--json]
                      Approval requests, newest first (default: pending)
  show <id> [--json]  One request: tool, arguments (redacted), target, reason, rules
  approve <id> [--comment <text>]   (with --token-file or --key, see below)
  reject <id> [--comment <text>]
                      Decide a pending request. The approver must be a human holding one
                      of the request's approver roles, and never its requester.
  keygen --out <file> Make an approver signing key (Ed25519, written mode 600) and print
                      the publicKey line to add to your entry under "principals" in the config.

Proving who decides (--as alone is never enough):
  --token-file <file>  Your API token (a file only you can read; or $OPSWARDEN_TOKEN). The
                       decision goes to the running server's approvals API (serve --http),
                       which authenticates the token.
  --server <url>       That server (default http://127.0.0.1:<server.http.port> of the config)
  --key <file>         Your signing key from keygen (a file only you can read; or
                       $OPSWARDEN_APPROVER_KEY): decides on the store directly, for a server
                       without HTTP (stdio). The config's principals[] must hold your publicKey.
  --as <id>            Optional with --key: the principal you expect the key to belong to.

list and show use the server with a token, else read the store.`;

type Credential = { kind: 'token'; token: string } | { kind: 'key'; pem: string } | { kind: 'none' };

export async function approvalsCommand(argv: string[], loadConfig: () => LoadedConfig): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      as: { type: 'string' },
      comment: { type: 'string' },
      json: { type: 'boolean', default: false },
      'token-file': { type: 'string' },
      key: { type: 'string' },
      server: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, id] = positionals;
  if (values.help || !command) {
    console.log(APPROVALS_HELP);
    return command || values.help ? 0 : 2;
  }
  try {
    if (command === 'keygen') return keygen(values.out);
    if (!['list', 'show', 'approve', 'reject'].includes(command)) {
      console.error(`opswarden approvals: unknown command "${command}"\n\n${APPROVALS_HELP}`);
      return 2;
    }
    const { config, path: configPath } = loadConfig();
    const credential = credentialFrom(values, process.env);
    if (credential.kind === 'token') {
      if (values.as) throw usage('--as is not used with a token: the token says who you are');
      const server = new ServerApprovals(
        values.server ?? `http://127.0.0.1:${config.server.http.port}`,
        credential.token,
      );
      return await viaServer(server, command, id, values);
    }
    return onStore({ config, configPath }, credential, command, id, values);
  } catch (err) {
    if (err instanceof ApprovalError) {
      console.error(`opswarden approvals: ${err.message}`);
      return err.code === 'invalid' ? 2 : 1;
    }
    throw err;
  }
}

interface Flags {
  status?: string | undefined;
  as?: string | undefined;
  comment?: string | undefined;
  json?: boolean | undefined;
  'token-file'?: string | undefined;
  key?: string | undefined;
}

function usage(message: string): ApprovalError {
  return new ApprovalError('invalid', message);
}

function credentialFrom(values: Flags, env: NodeJS.ProcessEnv): Credential {
  if (values['token-file'] && values.key) throw usage('give --token-file or --key, not both');
  if (values['token-file'])
    return { kind: 'token', token: readPrivateFile(values['token-file'], '--token-file') };
  if (values.key) return { kind: 'key', pem: readPrivateFile(values.key, '--key') };
  if (env.OPSWARDEN_TOKEN) return { kind: 'token', token: env.OPSWARDEN_TOKEN.trim() };
  if (env.OPSWARDEN_APPROVER_KEY)
    return { kind: 'key', pem: readPrivateFile(env.OPSWARDEN_APPROVER_KEY, '$OPSWARDEN_APPROVER_KEY') };
  return { kind: 'none' };
}

/** A secret file must be ours and unreadable by anyone else, as ssh insists for its keys. */
function readPrivateFile(path: string, flag: string): string {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (err) {
    throw usage(
      `${flag} ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid)
    throw usage(`${flag} ${path} belongs to another user; use your own file`);
  if ((stat.mode & 0o077) !== 0) {
    throw usage(
      `${flag} ${path} is readable by others (mode ${(stat.mode & 0o777).toString(8)}); run: chmod 600 ${path}`,
    );
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!text) throw usage(`${flag} ${path} is empty`);
  return text;
}

function keygen(out: string | undefined): number {
  if (!out) throw usage('keygen needs --out <file> for the private key');
  let publicKey: KeyObject;
  try {
    publicKey = writeNewSigningKey(out);
  } catch (err) {
    throw usage((err as Error).message);
  }
  const line = publicKeyText(publicKey);
  console.log(`Private key written to ${out} (mode 600); keep it yours.`);
  console.log('Add the public key to your entry under "principals" in opswarden.yaml:');
  console.log(`  publicKey: ${line}`);
  return 0;
}

function onStore(
  { config, configPath }: { config: Config; configPath: string | undefined },
  credential: Credential,
  command: string,
  id: string | undefined,
  values: Flags,
): number {
  if (command !== 'list') requireId(id, command); // a usage error first: no id needs no store
  requireExistingStore(config.store, configPath);
  const db = openStore(config.store);
  try {
    const audit = AuditLog.open(db, { jsonlPath: config.audit.jsonl, clock: systemClock });
    const store = new ApprovalStore(db, audit, systemClock, sealFromConfig(config));
    if (command === 'list')
      return printList(store.list(statusFilter(values.status)), values, storeLocation(config.store));
    if (command === 'show') {
      const a = store.get(requireId(id, command));
      if (!a) throw new ApprovalError('not_found', `no approval with id ${id}`);
      console.log(values.json ? JSON.stringify(a, null, 2) : details(a));
      return 0;
    }
    if (credential.kind !== 'key') {
      throw usage(
        `approvals ${command} needs proof of who decides: --token-file <file> (or $OPSWARDEN_TOKEN) with your API token for the running server, or --key <file> (or $OPSWARDEN_APPROVER_KEY) with your signing key from "approvals keygen".${values.as ? ' --as alone is not accepted.' : ''}`,
      );
    }
    const { signer, publicKey } = signerFromPem(credential.pem);
    const approver = principalWithKey(config, publicKey);
    if (values.as && values.as !== approver.id) {
      throw new ApprovalError('forbidden', `--as ${values.as}: this key belongs to ${approver.id}`);
    }
    const decision = command as 'approve' | 'reject';
    const a = store.decideSigned(requireId(id, command), approver, decision, signer, values.comment);
    console.log(`${a.id} ${a.status} by ${approver.id} (signed): ${a.tool} requested by ${a.requester}`);
    return 0;
  } finally {
    db.close();
  }
}

function principalWithKey(config: Config, publicKey: string): Principal {
  const found = config.principals.find(
    (p) => p.publicKey && publicKeyText(parsePublicKey(p.publicKey)) === publicKey,
  );
  if (!found) {
    throw new ApprovalError(
      'forbidden',
      `this key belongs to no principal in the config: add "publicKey: ${publicKey}" to your entry under principals`,
    );
  }
  const { publicKey: _key, ...principal } = found;
  return { ...principal, transport: 'cli' };
}

async function viaServer(
  server: ServerApprovals,
  command: string,
  id: string | undefined,
  values: Flags,
): Promise<number> {
  if (command === 'list') {
    const { status } = statusFilter(values.status);
    const body = await server.request('GET', `/v1/approvals${status ? `?status=${status}` : ''}`);
    return printList(body.approvals as Approval[], values, server.base);
  }
  const path = `/v1/approvals/${encodeURIComponent(requireId(id, command))}`;
  if (command === 'show') {
    const a = (await server.request('GET', path)) as unknown as Approval;
    console.log(values.json ? JSON.stringify(a, null, 2) : details(a));
    return 0;
  }
  const a = (await server.request(
    'POST',
    `${path}/${command}`,
    values.comment ? { comment: values.comment } : {},
  )) as unknown as Approval;
  console.log(`${a.id} ${a.status} by ${a.decidedBy}: ${a.tool} requested by ${a.requester}`);
  return 0;
}

/** The approvals API of a running server, as the holder of `token`. */
class ServerApprovals {
  readonly #token: string;
  readonly base: string;
  constructor(base: string, token: string) {
    this.base = base.replace(/\/+$/, '');
    this.#token = token;
  }

  async request(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      const cause =
        (err as Error).cause instanceof Error ? ` (${((err as Error).cause as Error).message})` : '';
      throw new ApprovalError(
        'unavailable',
        `cannot reach the opswarden server at ${this.base}${cause}: is "opswarden serve --http" running there (--server)? For a server without HTTP, decide with --key`,
      );
    }
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON: the status says enough
    }
    if (res.ok) return parsed;
    const why = String(parsed.error_description ?? parsed.message ?? parsed.error ?? text).slice(0, 500);
    const code = res.status === 404 ? 'not_found' : res.status === 409 ? 'conflict' : 'forbidden';
    throw new ApprovalError(code, `the server refused (${res.status}): ${why}`);
  }
}

function statusFilter(status: string | undefined): { status?: Approval['status'] } {
  const wanted = status ?? 'pending';
  if (wanted === 'all') return {};
  if (!APPROVAL_STATUSES.includes(wanted as never)) {
    throw usage(`--status must be one of ${[...APPROVAL_STATUSES, 'all'].join(', ')}, got "${wanted}"`);
  }
  return { status: wanted as Approval['status'] };
}

/** `source` is the store or server read, named when nothing was found there. */
function printList(rows: Approval[], values: Flags, source: string): number {
  if (values.json) for (const a of rows) console.log(JSON.stringify(a));
  else if (!rows.length) console.log(`no ${values.status ?? 'pending'} approval requests in ${source}`);
  else for (const a of rows) console.log(summary(a));
  return 0;
}

function requireId(id: string | undefined, command: string): string {
  if (!id) throw usage(`"approvals ${command}" needs an approval id (see "approvals list")`);
  return id;
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
    ...(a.executeBy ? [`  use by:     ${a.executeBy}`] : []),
  ].join('\n');
}

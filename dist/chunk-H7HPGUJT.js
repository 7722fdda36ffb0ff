import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  writeNewSigningKey
} from "./chunk-DCQD2E4Z.js";
import {
  systemClock
} from "./chunk-6EFHVF4W.js";
import "./chunk-23ILXJAD.js";
import "./chunk-VVI6NIWC.js";
import "./chunk-W6PWXQFJ.js";
import {
  AuditLog
} from "./chunk-JF3SIGD5.js";
import "./chunk-BCXWD7VT.js";
import "./chunk-EXTBH5EI.js";
import "./chunk-NLPXBWST.js";
import "./chunk-GFKUMQPK.js";
import "./chunk-SAMT74J2.js";
import "./chunk-MPST3DT6.js";
import {
  APPROVAL_STATUSES,
  ApprovalError,
  ApprovalStore
} from "./chunk-BWUYPZKP.js";
import {
  openDatabase
} from "./chunk-7MTLSPUB.js";
import "./chunk-AOVEPBOJ.js";
import "./chunk-IMRIVU32.js";
import {
  parsePublicKey,
  publicKeyText,
  sealFromConfig,
  signerFromPem
} from "./chunk-HI7OID35.js";
import "./chunk-H7HVJGAA.js";
import "./chunk-C45OCBOW.js";
import "./chunk-E2EGGSXF.js";
import "./chunk-ERFH3KHH.js";
import "./chunk-S7KEFJET.js";
import "./chunk-RLB2M3XB.js";
import "./chunk-QXZT5HPF.js";
import "./chunk-P66QBBFG.js";
import "./chunk-PB6ZSKJE.js";

// src/cli/approvals.ts
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
var APPROVALS_HELP = `Usage: opswarden approvals <command> [options]

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
async function approvalsCommand(argv, loadConfig) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      status: { type: "string" },
      as: { type: "string" },
      comment: { type: "string" },
      json: { type: "boolean", default: false },
      "token-file": { type: "string" },
      key: { type: "string" },
      server: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false }
    }
  });
  const [command, id] = positionals;
  if (values.help || !command) {
    console.log(APPROVALS_HELP);
    return command || values.help ? 0 : 2;
  }
  try {
    if (command === "keygen") return keygen(values.out);
    if (!["list", "show", "approve", "reject"].includes(command)) {
      console.error(`opswarden approvals: unknown command "${command}"

${APPROVALS_HELP}`);
      return 2;
    }
    const config = loadConfig();
    const credential = credentialFrom(values, process.env);
    if (credential.kind === "token") {
      if (values.as) throw usage("--as is not used with a token: the token says who you are");
      const server = new ServerApprovals(
        values.server ?? `http://127.0.0.1:${config.server.http.port}`,
        credential.token
      );
      return await viaServer(server, command, id, values);
    }
    return onStore(config, credential, command, id, values);
  } catch (err) {
    if (err instanceof ApprovalError) {
      console.error(`opswarden approvals: ${err.message}`);
      return err.code === "invalid" ? 2 : 1;
    }
    throw err;
  }
}
function usage(message) {
  return new ApprovalError("invalid", message);
}
function credentialFrom(values, env) {
  if (values["token-file"] && values.key) throw usage("give --token-file or --key, not both");
  if (values["token-file"])
    return { kind: "token", token: readPrivateFile(values["token-file"], "--token-file") };
  if (values.key) return { kind: "key", pem: readPrivateFile(values.key, "--key") };
  if (env.OPSWARDEN_TOKEN) return { kind: "token", token: env.OPSWARDEN_TOKEN.trim() };
  if (env.OPSWARDEN_APPROVER_KEY)
    return { kind: "key", pem: readPrivateFile(env.OPSWARDEN_APPROVER_KEY, "$OPSWARDEN_APPROVER_KEY") };
  return { kind: "none" };
}
function readPrivateFile(path, flag) {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    throw usage(
      `${flag} ${path}: ${err.code === "ENOENT" ? "no such file" : err.message}`
    );
  }
  const uid = process.getuid?.();
  if (uid !== void 0 && stat.uid !== uid)
    throw usage(`${flag} ${path} belongs to another user; use your own file`);
  if ((stat.mode & 63) !== 0) {
    throw usage(
      `${flag} ${path} is readable by others (mode ${(stat.mode & 511).toString(8)}); run: chmod 600 ${path}`
    );
  }
  const text = readFileSync(path, "utf8").trim();
  if (!text) throw usage(`${flag} ${path} is empty`);
  return text;
}
function keygen(out) {
  if (!out) throw usage("keygen needs --out <file> for the private key");
  let publicKey;
  try {
    publicKey = writeNewSigningKey(out);
  } catch (err) {
    throw usage(err.message);
  }
  const line = publicKeyText(publicKey);
  console.log(`Private key written to ${out} (mode 600); keep it yours.`);
  console.log('Add the public key to your entry under "principals" in opswarden.yaml:');
  console.log(`  publicKey: ${line}`);
  return 0;
}
function onStore(config, credential, command, id, values) {
  const db = openDatabase(config.store.path);
  try {
    const audit = AuditLog.open(db, { jsonlPath: config.audit.jsonl, clock: systemClock });
    const store = new ApprovalStore(db, audit, systemClock, sealFromConfig(config));
    if (command === "list") return printList(store.list(statusFilter(values.status)), values);
    if (command === "show") {
      const a2 = store.get(requireId(id, command));
      if (!a2) throw new ApprovalError("not_found", `no approval with id ${id}`);
      console.log(values.json ? JSON.stringify(a2, null, 2) : details(a2));
      return 0;
    }
    if (credential.kind !== "key") {
      throw usage(
        `approvals ${command} needs proof of who decides: --token-file <file> (or $OPSWARDEN_TOKEN) with your API token for the running server, or --key <file> (or $OPSWARDEN_APPROVER_KEY) with your signing key from "approvals keygen".${values.as ? " --as alone is not accepted." : ""}`
      );
    }
    const { signer, publicKey } = signerFromPem(credential.pem);
    const approver = principalWithKey(config, publicKey);
    if (values.as && values.as !== approver.id) {
      throw new ApprovalError("forbidden", `--as ${values.as}: this key belongs to ${approver.id}`);
    }
    const decision = command;
    const a = store.decideSigned(requireId(id, command), approver, decision, signer, values.comment);
    console.log(`${a.id} ${a.status} by ${approver.id} (signed): ${a.tool} requested by ${a.requester}`);
    return 0;
  } finally {
    db.close();
  }
}
function principalWithKey(config, publicKey) {
  const found = config.principals.find(
    (p) => p.publicKey && publicKeyText(parsePublicKey(p.publicKey)) === publicKey
  );
  if (!found) {
    throw new ApprovalError(
      "forbidden",
      `this key belongs to no principal in the config: add "publicKey: ${publicKey}" to your entry under principals`
    );
  }
  const { publicKey: _key, ...principal } = found;
  return { ...principal, transport: "cli" };
}
async function viaServer(server, command, id, values) {
  if (command === "list") {
    const { status } = statusFilter(values.status);
    const body = await server.request("GET", `/v1/approvals${status ? `?status=${status}` : ""}`);
    return printList(body.approvals, values);
  }
  const path = `/v1/approvals/${encodeURIComponent(requireId(id, command))}`;
  if (command === "show") {
    const a2 = await server.request("GET", path);
    console.log(values.json ? JSON.stringify(a2, null, 2) : details(a2));
    return 0;
  }
  const a = await server.request(
    "POST",
    `${path}/${command}`,
    values.comment ? { comment: values.comment } : {}
  );
  console.log(`${a.id} ${a.status} by ${a.decidedBy}: ${a.tool} requested by ${a.requester}`);
  return 0;
}
var ServerApprovals = class {
  #base;
  #token;
  constructor(base, token) {
    this.#base = base.replace(/\/+$/, "");
    this.#token = token;
  }
  async request(method, path, body) {
    let res;
    try {
      res = await fetch(`${this.#base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...body !== void 0 ? { "content-type": "application/json" } : {}
        },
        ...body !== void 0 ? { body: JSON.stringify(body) } : {},
        signal: AbortSignal.timeout(3e4)
      });
    } catch (err) {
      const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
      throw new ApprovalError(
        "unavailable",
        `cannot reach the opswarden server at ${this.#base}${cause}: is "opswarden serve --http" running there (--server)? For a server without HTTP, decide with --key`
      );
    }
    const text = await res.text();
    let parsed = {};
    try {
      parsed = JSON.parse(text);
    } catch {
    }
    if (res.ok) return parsed;
    const why = String(parsed.error_description ?? parsed.message ?? parsed.error ?? text).slice(0, 500);
    const code = res.status === 404 ? "not_found" : res.status === 409 ? "conflict" : "forbidden";
    throw new ApprovalError(code, `the server refused (${res.status}): ${why}`);
  }
};
function statusFilter(status) {
  const wanted = status ?? "pending";
  if (wanted === "all") return {};
  if (!APPROVAL_STATUSES.includes(wanted)) {
    throw usage(`--status must be one of ${[...APPROVAL_STATUSES, "all"].join(", ")}, got "${wanted}"`);
  }
  return { status: wanted };
}
function printList(rows, values) {
  if (values.json) for (const a of rows) console.log(JSON.stringify(a));
  else if (!rows.length) console.log(`no ${values.status ?? "pending"} approval requests`);
  else for (const a of rows) console.log(summary(a));
  return 0;
}
function requireId(id, command) {
  if (!id) throw usage(`"approvals ${command}" needs an approval id (see "approvals list")`);
  return id;
}
function summary(a) {
  const t = a.target;
  const where = [t.environment, t.namespace, t.kind && t.name ? `${t.kind}/${t.name}` : t.name].filter(Boolean).join("/");
  return `${a.id}  ${a.status.padEnd(8)}  ${a.tool}  ${where}  by ${a.requester}  expires ${a.expiresAt}  "${a.reason}"`;
}
function details(a) {
  return [
    `${a.id} (${a.status})`,
    `  tool:       ${a.tool}`,
    `  requester:  ${a.requester} (${a.requesterType})`,
    `  reason:     ${a.reason}`,
    `  target:     ${JSON.stringify(a.target)}`,
    `  impact:     ${JSON.stringify(a.impact)}`,
    `  arguments:  ${JSON.stringify(a.args)}`,
    `  rules:      ${a.matchedRules.map((r) => `${r.name}${r.message ? ` (${r.message})` : ""}`).join("; ")}`,
    `  approvers:  ${a.approvers.join(", ")}`,
    `  created:    ${a.createdAt}`,
    `  expires:    ${a.expiresAt}`,
    ...a.decidedBy ? [`  decided:    ${a.decidedBy} at ${a.decidedAt}${a.comment ? ` \u2014 ${a.comment}` : ""}`] : [],
    ...a.executeBy ? [`  use by:     ${a.executeBy}`] : []
  ].join("\n");
}
export {
  APPROVALS_HELP,
  approvalsCommand
};

import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  writeNewSigningKey
} from "./chunk-DCQD2E4Z.js";
import {
  CHECKPOINTS_TABLE,
  checkpointDigest,
  keyIdOf,
  parseCheckpointLine,
  signatureProblem
} from "./chunk-23ILXJAD.js";
import {
  AUDIT_EVENT_TYPES,
  AuditLog,
  EFFECTS,
  readLines,
  tableExists,
  verifyAudit
} from "./chunk-JF3SIGD5.js";
import {
  openDatabase
} from "./chunk-7MTLSPUB.js";
import {
  parsePublicKey,
  publicKeyText
} from "./chunk-HI7OID35.js";
import {
  canonicalJson,
  parseSince
} from "./chunk-E2EGGSXF.js";
import "./chunk-ERFH3KHH.js";
import "./chunk-PB6ZSKJE.js";

// src/cli/audit.ts
import { existsSync as existsSync2 } from "node:fs";
import { parseArgs } from "node:util";

// src/cli/audit-signing.ts
import { existsSync, readFileSync } from "node:fs";

// src/audit/signing/verify.ts
var STORE = "the store";
function verifyCheckpoints(db, opts) {
  const keys = new Map(opts.publicKeys.map((key) => [keyIdOf(key), key]));
  const problems = [];
  const copies = [];
  for (const file of opts.files) {
    let lineNumber = 0;
    for (const line of readLines(file)) {
      lineNumber++;
      collect(line, `${file} line ${lineNumber}`, copies, problems);
    }
  }
  const ownsTransaction = !db.isTransaction;
  if (ownsTransaction) db.exec("BEGIN");
  let logEnd;
  let hashAt;
  try {
    if (tableExists(db, CHECKPOINTS_TABLE)) {
      const rows = db.prepare(`SELECT n, line FROM ${CHECKPOINTS_TABLE} ORDER BY n`).all();
      for (const row of rows) collect(row.line, `${STORE}, row ${row.n}`, copies, problems);
    }
    const hasLog = tableExists(db, "audit_log");
    logEnd = hasLog ? db.prepare("SELECT max(seq) AS seq FROM audit_log").get().seq ?? 0 : 0;
    const lookup = hasLog ? db.prepare("SELECT hash FROM audit_log WHERE seq = ?") : void 0;
    const hashes = /* @__PURE__ */ new Map();
    for (const { checkpoint } of copies) {
      hashes.set(checkpoint.seq, lookup?.get(checkpoint.seq)?.hash);
    }
    hashAt = (seq) => hashes.get(seq);
  } finally {
    if (ownsTransaction) db.exec("COMMIT");
  }
  const signed = copies.filter(({ checkpoint, where }) => {
    const problem = signatureProblem(checkpoint, keys);
    if (problem) problems.push(refused(checkpoint, where, problem));
    return !problem;
  });
  const byNumber = distinct(signed, problems);
  checkLinks(byNumber, problems);
  const last = checkAgainstLog(byNumber, { logEnd, hashAt }, problems);
  if (!last && logEnd > 0 && !problems.length) {
    problems.push({
      seq: 1,
      reason: `no checkpoint signed by the given key was found (in ${[STORE, ...opts.files].join(", ")}): nothing vouches for records #1\u2013#${logEnd}`
    });
  }
  const [first] = problems.sort((a, b) => a.seq - b.seq);
  if (first) return { ok: false, problem: first, more: problems.length - 1 };
  return { ok: true, verified: byNumber.size, ...last ? { last } : {}, logEnd, keyIds: [...keys.keys()] };
}
function collect(line, where, copies, problems) {
  try {
    const checkpoint = parseCheckpointLine(line);
    if (checkpoint) copies.push({ checkpoint, where });
  } catch (err) {
    problems.push({ seq: 0, checkpoint: `in ${where}`, reason: err.message });
  }
}
function refused(checkpoint, where, why) {
  return { seq: checkpoint.seq, checkpoint: label(checkpoint, [where]), reason: `refused: ${why}` };
}
function label(checkpoint, where) {
  return `#${checkpoint.n} (${where.join("; ")})`;
}
function distinct(signed, problems) {
  const byNumber = /* @__PURE__ */ new Map();
  for (const copy of signed) {
    const seen = byNumber.get(copy.checkpoint.n);
    if (!seen) {
      byNumber.set(copy.checkpoint.n, { ...copy, found: [copy.where] });
    } else if (checkpointDigest(seen.checkpoint) === checkpointDigest(copy.checkpoint)) {
      seen.found.push(copy.where);
    } else {
      problems.push({
        seq: Math.min(seen.checkpoint.seq, copy.checkpoint.seq),
        checkpoint: label(copy.checkpoint, [seen.where, copy.where]),
        reason: "two different checkpoints with this number carry valid signatures: the key signed two histories (is it shared by servers on different stores, or stolen?)"
      });
    }
  }
  return new Map([...byNumber].sort(([a], [b]) => a - b));
}
function checkLinks(byNumber, problems) {
  for (const { checkpoint, found } of byNumber.values()) {
    const previous = byNumber.get(checkpoint.n - 1)?.checkpoint;
    const expectedPrev = checkpoint.n === 1 ? null : previous && checkpointDigest(previous);
    if (expectedPrev === void 0) continue;
    if (checkpoint.prev !== expectedPrev || previous && previous.seq > checkpoint.seq) {
      problems.push({
        seq: checkpoint.seq,
        checkpoint: label(checkpoint, found),
        reason: `it does not chain onto checkpoint #${checkpoint.n - 1}`
      });
    }
  }
}
function checkAgainstLog(byNumber, log, problems) {
  let last;
  for (const { checkpoint, found } of [...byNumber.values()].sort(
    (a, b) => a.checkpoint.seq - b.checkpoint.seq
  )) {
    const hash = log.hashAt(checkpoint.seq);
    if (hash === checkpoint.hash) {
      last = checkpoint;
      continue;
    }
    if (hash === void 0 && checkpoint.seq > log.logEnd) {
      problems.push({
        seq: log.logEnd + 1,
        checkpoint: label(checkpoint, found),
        reason: `the log ends at record #${log.logEnd}, but this checkpoint was signed for record #${checkpoint.seq}: records #${log.logEnd + 1}\u2013#${checkpoint.seq} were cut off (tail truncated)`
      });
    } else if (hash !== void 0) {
      const from = (last?.seq ?? 0) + 1;
      problems.push({
        seq: from,
        checkpoint: label(checkpoint, found),
        reason: `record #${checkpoint.seq} does not have the hash this checkpoint signed: a record in #${from}\u2013#${checkpoint.seq} was rewritten and the chain re-hashed after it`
      });
    }
    return last;
  }
  return last;
}

// src/cli/audit-signing.ts
var CheckpointUsageError = class extends Error {
};
function keygenLines(out) {
  if (!out) throw new CheckpointUsageError("keygen needs --out <file> for the private key");
  let publicKey;
  try {
    publicKey = writeNewSigningKey(out);
  } catch (err) {
    throw new CheckpointUsageError(err.message);
  }
  return `Private key written to ${out} (mode 600). Keep it away from the store's directory; in opswarden.yaml:
  audit:
    checkpoints: { keyFile: ${out}, every: 100, interval: 60s, sinks: [ ... ] }
Public key (keyId ${keyIdOf(publicKey)}), for \`opswarden audit verify --public-key\`:
  ${publicKeyText(publicKey)}
`;
}
function readPublicKey(value) {
  const text = existsSync(value) ? readFileSync(value, "utf8") : value;
  try {
    return parsePublicKey(text);
  } catch {
    throw new CheckpointUsageError(
      `--public-key ${value}: neither a file holding an Ed25519 public key nor the base64 line \`audit keygen\` printed`
    );
  }
}
function checkpointVerdict(db, opts) {
  for (const file of opts.files) {
    if (!existsSync(file)) throw new CheckpointUsageError(`--checkpoints ${file}: no such file`);
  }
  const report = verifyCheckpoints(db, opts);
  if (!report.ok) {
    const more = report.more ? ` (and ${report.more} more problem${report.more === 1 ? "" : "s"})` : "";
    return { problem: { ...report.problem, reason: report.problem.reason + more }, lines: [] };
  }
  const lines = [];
  const { last, logEnd } = report;
  const from = opts.files.length ? `${opts.files.join(", ")} and the store` : "the store only";
  lines.push(
    `checkpoints verified: ${report.verified} signed by key ${report.keyIds.join(" or ")}, read from ${from}`
  );
  if (!last) lines.push("the log is empty: nothing to cover");
  else if (last.seq < logEnd) {
    lines.push(
      `records ${last.seq + 1}\u2013${logEnd} are after the last checkpoint (#${last.n} at seq ${last.seq}): an attacker could still rewrite them`
    );
  } else lines.push(`every record is covered: the last checkpoint (#${last.n}) is at record #${last.seq}`);
  if (!opts.files.length) {
    lines.push(
      "note: checkpoints deleted from the store go unnoticed without --checkpoints <a sink file>, so a cut tail may too"
    );
  }
  return { lines };
}
var NOT_CHECKED = "checkpoints not checked (no --public-key): the chain alone does not catch a log rewritten and re-hashed by someone who can write both the database and the mirror";

// src/cli/audit.ts
var processIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text)
};
var DEFAULT_LIMIT = 100;
var USAGE = `Usage: opswarden audit <command>

Commands:
  verify   check the hash chain, head anchor and JSONL mirror, and with --public-key
           the signed checkpoints; exit 1 if tampered
  query    list audit records matching filters
  keygen   make the key that signs checkpoints: keygen --out <file>

Run \`opswarden audit <command> --help\` for a command's options.
`;
var VERIFY_USAGE = `Usage: opswarden audit verify [--public-key <file|base64>] [--checkpoints <file>]

Recomputes every record's hash and checks the chain, the head anchor (catches a
truncated tail) and the JSONL mirror when one is configured.

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
var QUERY_USAGE = `Usage: opswarden audit query [options]

Options:
  --tool NAME         records of this tool
  --principal ID      records of this principal
  --since WHEN        from WHEN: a duration back from now (15m, 1h, 7d) or RFC 3339
  --until WHEN        before WHEN (same forms)
  --effect EFFECT     allow | escalate | deny
  --type TYPE         ${AUDIT_EVENT_TYPES.join(" | ")}
  --call-id ID        every record of one tool call
  --limit N           the most recent N matches (default ${DEFAULT_LIMIT})
  --json              one JSON record per line instead of a table
  --help              this help
`;
var UsageError = class extends Error {
};
async function auditCommand(argv, opts) {
  const io = opts.io ?? processIo;
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "verify":
        return runVerify(rest, opts, io);
      case "query":
        return runQuery(rest, opts, io);
      case "keygen":
        return runKeygen(rest, io);
      case void 0:
      case "--help":
      case "-h":
      case "help":
        io.out(USAGE);
        return command === void 0 ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; expected verify, query or keygen`);
    }
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof CheckpointUsageError)) throw error;
    const help = command === "verify" || command === "query" || command === "keygen" ? ` ${command}` : "";
    io.err(`opswarden audit${help}: ${error.message}
Run \`opswarden audit${help} --help\` for usage.
`);
    return 2;
  }
}
function runVerify(args, opts, io) {
  const { values } = parseFlags(args, {
    help: { type: "boolean" },
    "public-key": { type: "string", multiple: true },
    checkpoints: { type: "string", multiple: true }
  });
  if (values.help) {
    io.out(VERIFY_USAGE);
    return 0;
  }
  const publicKeys = (values["public-key"] ?? []).map(readPublicKey);
  const files = values.checkpoints ?? [];
  if (files.length && !publicKeys.length) {
    throw new UsageError("--checkpoints needs --public-key: a checkpoint is worth only its signature");
  }
  return withDatabase(opts, io, (db) => {
    const chain = verifyAudit(db, opts.jsonlPath ? { jsonlPath: opts.jsonlPath } : {});
    const checkpoints = publicKeys.length ? checkpointVerdict(db, { publicKeys, files }) : void 0;
    const chainBad = chain.ok ? void 0 : chain.firstBad;
    const signedBad = checkpoints?.problem;
    if (signedBad && (!chainBad || signedBad.seq < chainBad.seq)) {
      io.out(
        signedBad.checkpoint ? `audit log TAMPERED at checkpoint ${signedBad.checkpoint}: ${signedBad.reason}
` : `audit log NOT VERIFIED: ${signedBad.reason}
`
      );
      return 1;
    }
    if (chainBad) {
      io.out(`audit log TAMPERED at record #${chainBad.seq}: ${chainBad.reason}
`);
      return 1;
    }
    if (chain.ok) io.out(`audit log intact: ${chain.count} records, head ${chain.head}
`);
    io.out(`${(checkpoints?.lines ?? [NOT_CHECKED]).join("\n")}
`);
    return 0;
  });
}
function runKeygen(args, io) {
  const { values } = parseFlags(args, { out: { type: "string" }, help: { type: "boolean" } });
  if (values.help) {
    io.out(
      "Usage: opswarden audit keygen --out <file>\n\nMakes the Ed25519 key the server signs audit checkpoints with (written mode 600, never\nover an existing file) and prints its public half for `audit verify --public-key`.\n"
    );
    return 0;
  }
  io.out(keygenLines(values.out));
  return 0;
}
function runQuery(args, opts, io) {
  const { values } = parseFlags(args, {
    tool: { type: "string" },
    principal: { type: "string" },
    since: { type: "string" },
    until: { type: "string" },
    effect: { type: "string" },
    type: { type: "string" },
    "call-id": { type: "string" },
    limit: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean" }
  });
  if (values.help) {
    io.out(QUERY_USAGE);
    return 0;
  }
  const filter = queryFilter(values);
  return withDatabase(opts, io, (db) => {
    const records = AuditLog.open(db).query(filter);
    if (values.json) {
      for (const record of records) io.out(`${canonicalJson(record)}
`);
    } else if (records.length === 0) {
      io.out("no audit records match; widen --since or drop a filter\n");
    } else {
      io.out(renderTable(records));
      if (records.length === filter.limit) {
        io.out(`(showing the most recent ${filter.limit}; use --limit or --since for more)
`);
      }
    }
    return 0;
  });
}
function parseFlags(args, options) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(error.message.split(". ")[0]);
  }
}
function queryFilter(values) {
  const now = /* @__PURE__ */ new Date();
  const filter = { limit: DEFAULT_LIMIT };
  if (typeof values.tool === "string") filter.tool = values.tool;
  if (typeof values.principal === "string") filter.principal = values.principal;
  if (typeof values["call-id"] === "string") filter.callId = values["call-id"];
  if (typeof values.since === "string") filter.since = flagTime("--since", values.since, now);
  if (typeof values.until === "string") filter.until = flagTime("--until", values.until, now);
  if (typeof values.effect === "string") {
    if (!EFFECTS.includes(values.effect)) {
      throw new UsageError(`--effect must be one of ${EFFECTS.join(", ")}, got "${values.effect}"`);
    }
    filter.effect = values.effect;
  }
  if (typeof values.type === "string") {
    if (!AUDIT_EVENT_TYPES.includes(values.type)) {
      throw new UsageError(`--type must be one of ${AUDIT_EVENT_TYPES.join(", ")}, got "${values.type}"`);
    }
    filter.type = values.type;
  }
  if (typeof values.limit === "string") {
    if (!/^[1-9]\d*$/.test(values.limit)) {
      throw new UsageError(`--limit must be a positive integer, got "${values.limit}"`);
    }
    filter.limit = Number(values.limit);
  }
  return filter;
}
function flagTime(flag, text, now) {
  try {
    return parseSince(text, now);
  } catch (error) {
    throw new UsageError(`${flag}: ${error.message}`);
  }
}
function withDatabase(opts, io, run) {
  if (opts.dbPath !== ":memory:" && !existsSync2(opts.dbPath)) {
    io.err(`opswarden audit: no audit database at ${opts.dbPath}
`);
    return 1;
  }
  const db = openDatabase(opts.dbPath);
  try {
    return run(db);
  } finally {
    db.close();
  }
}
var SUMMARY_WIDTH = 60;
var SUMMARY_FIRST = ["message", "error", "reason"];
function renderTable(records) {
  const header = ["TIME", "CALL", "TYPE", "PRINCIPAL", "TOOL", "EFFECT", "SUMMARY"];
  const rows = records.map((r) => [
    r.ts.replace(/\.\d+Z$/, "Z"),
    r.callId ?? "-",
    r.type,
    r.principal ?? "-",
    r.tool ?? "-",
    r.effect ?? "-",
    summarize(r.data)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((cell, i) => i === cells.length - 1 ? cell : cell.padEnd(widths[i])).join("  ").trimEnd();
  return `${[header, ...rows].map(line).join("\n")}
`;
}
function summarize(data) {
  const keys = Object.keys(data).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const parts = keys.map((key) => `${key}=${brief(data[key])}`);
  const text = parts.join(" ").replace(/\s+/g, " ");
  return text.length > SUMMARY_WIDTH ? `${text.slice(0, SUMMARY_WIDTH - 1)}\u2026` : text;
}
function rank(key) {
  const index = SUMMARY_FIRST.indexOf(key);
  return index < 0 ? SUMMARY_FIRST.length : index;
}
function brief(value) {
  if (Array.isArray(value)) {
    const scalars = value.every((item) => item === null || typeof item !== "object");
    return scalars ? `[${value.map(brief).join(",")}]` : `[${value.length} items]`;
  }
  if (value !== null && typeof value === "object") return "{\u2026}";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
export {
  auditCommand,
  parseSince
};

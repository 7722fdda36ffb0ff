#!/usr/bin/env node
import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  StartupError,
  parsePort,
  serveApp,
  starting,
  untilStopped
} from "./chunk-6NUAYDKW.js";
import {
  package_default
} from "./chunk-VVI6NIWC.js";
import {
  TOOL_FLAGS_HELP,
  TOOL_FLAG_OPTIONS,
  selectTools,
  toolsets,
  withToolFlags
} from "./chunk-BCXWD7VT.js";
import "./chunk-GFKUMQPK.js";
import "./chunk-SAMT74J2.js";
import "./chunk-GPJGAWP4.js";
import "./chunk-MPST3DT6.js";
import "./chunk-BWUYPZKP.js";
import "./chunk-7MTLSPUB.js";
import "./chunk-S32MNVVH.js";
import "./chunk-AOVEPBOJ.js";
import {
  ConfigError,
  loadConfig,
  maskSecrets,
  resolveConfigPath
} from "./chunk-IMRIVU32.js";
import "./chunk-HI7OID35.js";
import "./chunk-H7HVJGAA.js";
import "./chunk-C45OCBOW.js";
import {
  parseDuration
} from "./chunk-E2EGGSXF.js";
import "./chunk-ERFH3KHH.js";
import "./chunk-RLB2M3XB.js";
import "./chunk-QXZT5HPF.js";
import "./chunk-P66QBBFG.js";
import "./chunk-PB6ZSKJE.js";

// src/cli.ts
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
var HELP = `opswarden ${package_default.version}: on-call tools for AI assistants, behind a policy gate and an audit log.

Usage: opswarden <command> [options]

Commands:
  init                      Write opswarden.yaml from your kubeconfig and the cluster's
      [--yes] [--force]     Prometheus/Alertmanager (see: opswarden init --help)
  doctor                    Check the config, store, audit log and every backend
                            (reachable, credentials, Kubernetes RBAC); exit 1 on failure
  sandbox [scenario]        A simulated production world (Kubernetes, Prometheus,
                            Alertmanager, CloudWatch Logs) with opswarden on top
      [--clock live|frozen] [--speed n] [--http] [--port n] [--dir d]
                            (see: opswarden sandbox --help)
  serve                     Serve MCP over stdio (for Claude Desktop, IDE agents)
  serve --http              Serve MCP over Streamable HTTP at /mcp (for headless agents)
      [--host 127.0.0.1] [--port 8787] [--stateless] [--read-only]
      [--toolsets a,b] [--enable-tools t] [--disable-tools t]
  config check              Validate the config and print it with secrets masked
  policy test [path]        Run the policy bundles' test cases (default: policies/)
  policy lint [path]        Check bundles compile and every rule is reached by a test
  scenario validate <file>  Check a scenario file (see: opswarden scenario --help)
  scenario render <file> [--json]
                            What a scenario's world looks like at its now
  scenario export-openmetrics <file> [-o out]
                            Write a scenario's metrics as OpenMetrics text (for promtool)
  runbook validate|test [path]
                            Check runbooks; run their test cases on sandbox scenarios
  drill eval <scenarios...> [--json]
                            Play scenarios as pages; rank of the true cause, top1/top3
  approvals list|show|approve|reject ...
                            Decide escalated actions (see: opswarden approvals --help)
  audit verify [--public-key k] [--checkpoints f]
                            Prove the audit log's hash chain is intact and, with the
                            key, that it matches the signed checkpoints
  audit keygen --out <file> Make the key the server signs audit checkpoints with
  audit query [filters]     Search the audit log (see: opswarden audit query --help)

Global options:
  --config <file>           Config file (else $OPSWARDEN_CONFIG, else ./opswarden.yaml,
                            else built-in defaults)
  -h, --help                This help
  -v, --version             Print the version`;
var SERVE_HELP = `Usage: opswarden serve [--http] [options]

Serves opswarden's tools over MCP. Every call passes the policy gate and is audited.

  --http             Streamable HTTP at http://<host>:<port>/mcp instead of stdio
  --host <addr>      Bind address (default from config, 127.0.0.1). Binding anything but
                     loopback requires auth (API keys or JWT) in the config.
  --port <n>         Port (default from config, 8787; 0 picks a free one)
  --stateless        No MCP sessions: every POST stands alone (for load balancers)
  --read-only        List and serve read tools only
${TOOL_FLAGS_HELP}
  --config <file>    Config file

Over stdio, logs go to stderr and the caller is the config's "principal".`;
async function main(argv, extras = {}) {
  const [command, ...rest] = argv;
  if (!command || command === "-h" || command === "--help" || command === "help") {
    console.log(HELP);
    return command ? 0 : 2;
  }
  if (command === "-v" || command === "--version") {
    console.log(package_default.version);
    return 0;
  }
  try {
    const { configFlag, args } = takeConfigFlag(rest);
    switch (command) {
      case "init":
        return await (await import("./chunk-PVKYGVCH.js")).initCommand(args, configFlag);
      case "doctor":
        return await (await import("./chunk-X3CDSZXF.js")).doctorCommand(args, configFlag);
      case "serve":
        return await serve(args, configFlag, extras);
      case "config":
        return configCommand(args, configFlag);
      case "policy":
        return await (await import("./chunk-RPMQJFSC.js")).policyCommand(args);
      case "sandbox":
        if (configFlag)
          throw new ConfigError("sandbox writes its own config (see --dir); --config does not apply");
        return await (await import("./chunk-MA34HJ6P.js")).sandboxCommand(args);
      case "scenario":
        return await (await import("./chunk-XBLA6UMA.js")).scenarioCommand(args);
      case "runbook":
        return await (await import("./chunk-JIIDTZHM.js")).runbookCommand(args);
      case "drill":
        return await (await import("./chunk-NSKROGGS.js")).drillCommand(args);
      case "approvals":
        return await (await import("./chunk-H7HPGUJT.js")).approvalsCommand(args, () => load(configFlag));
      case "audit": {
        const config = load(configFlag);
        const { auditCommand } = await import("./chunk-TAQHSUOC.js");
        return await auditCommand(args, { dbPath: config.store.path, jsonlPath: config.audit.jsonl });
      }
      default:
        console.error(`opswarden: unknown command "${command}"

${HELP}`);
        return 2;
    }
  } catch (err) {
    const usage = err instanceof ConfigError || err.code?.startsWith("ERR_PARSE_ARGS");
    if (usage || err instanceof StartupError) {
      console.error(`opswarden ${command}: ${oneLine(err.message)}`);
      return usage ? 2 : 1;
    }
    throw err;
  }
}
function oneLine(message) {
  return message.trim().replace(/:\s*\n\s*/g, ": ").replace(/\s*\n\s*/g, "; ");
}
function takeConfigFlag(args) {
  const i = args.findIndex((a) => a === "--config" || a.startsWith("--config="));
  if (i < 0) return { configFlag: void 0, args };
  const inline = args[i].startsWith("--config=");
  const value = inline ? args[i].slice("--config=".length) : args[i + 1];
  if (!value) throw new ConfigError("--config needs a file path");
  return { configFlag: value, args: args.toSpliced(i, inline ? 1 : 2) };
}
function load(configFlag) {
  return loadConfig(resolveConfigPath(configFlag)).config;
}
function configCommand(args, configFlag) {
  if (args[0] !== "check") {
    console.error("Usage: opswarden config check [--config <file>]");
    return 2;
  }
  const path = resolveConfigPath(configFlag);
  const { config, fromEnv } = loadConfig(path);
  selectTools(toolsets, [], config.tools);
  console.log(`# config ${path ?? "(none found: built-in defaults)"} is valid; effective config:`);
  for (const { env, key } of fromEnv) console.log(`# ${key.join(".")} set by $${env}`);
  console.log(JSON.stringify(maskSecrets(config), null, 2));
  return 0;
}
async function serve(argv, configFlag, extras) {
  const { values } = parseArgs({
    args: argv,
    options: {
      http: { type: "boolean", default: false },
      host: { type: "string" },
      port: { type: "string" },
      stateless: { type: "boolean" },
      "read-only": { type: "boolean" },
      ...TOOL_FLAG_OPTIONS,
      help: { type: "boolean", short: "h", default: false }
    }
  });
  if (values.help) {
    console.log(SERVE_HELP);
    return 0;
  }
  const config = load(configFlag);
  if (values["read-only"]) config.server.readOnly = true;
  config.tools = withToolFlags(config.tools, values, toolsets, extras.extraTools);
  const port = parsePort(values.port, config.server.http.port);
  const { createApp } = await import("./chunk-TLDSXIIO.js");
  const app = await starting(() => createApp({ config, ...extras }));
  const serving = await serveApp(app, {
    http: values.http,
    host: values.host ?? config.server.http.host,
    port,
    stateless: values.stateless ?? config.server.http.stateless
  }).catch(async (err) => {
    await app.close();
    throw err;
  });
  await untilStopped(parseDuration(config.limits.shutdownGrace));
  await serving.close();
  await app.close();
  return 0;
}
if (isEntryPoint(import.meta.url)) runCli();
function runCli() {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`opswarden: ${err.stack ?? err}`);
      process.exit(1);
    }
  );
}
function isEntryPoint(moduleUrl) {
  const entry = process.argv[1];
  return entry !== void 0 && realpathSync(entry) === fileURLToPath(moduleUrl);
}
export {
  isEntryPoint,
  main,
  runCli
};

import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  parsePort,
  serveApp,
  untilStopped
} from "./chunk-6NUAYDKW.js";
import {
  scenarioChangeEvents,
  useSandboxAwsCredentials
} from "./chunk-J5EIO3PJ.js";
import {
  SANDBOX_ALERTMANAGER,
  startSandbox
} from "./chunk-FGKNDZWB.js";
import {
  createApp
} from "./chunk-6EFHVF4W.js";
import "./chunk-23ILXJAD.js";
import "./chunk-VVI6NIWC.js";
import "./chunk-W6PWXQFJ.js";
import "./chunk-JF3SIGD5.js";
import {
  TOOL_FLAGS_HELP,
  TOOL_FLAG_OPTIONS,
  toolsets,
  withToolFlags
} from "./chunk-BCXWD7VT.js";
import "./chunk-EXTBH5EI.js";
import "./chunk-NLPXBWST.js";
import "./chunk-GFKUMQPK.js";
import {
  loadScenario
} from "./chunk-QIS6YJEO.js";
import "./chunk-SAMT74J2.js";
import {
  parseAlertmanagerWebhook
} from "./chunk-G3YMTDM4.js";
import "./chunk-GPJGAWP4.js";
import "./chunk-MPST3DT6.js";
import "./chunk-BWUYPZKP.js";
import "./chunk-7MTLSPUB.js";
import "./chunk-S32MNVVH.js";
import {
  CLI_PATH,
  mcpClientConfigLines
} from "./chunk-JFS7PPQI.js";
import "./chunk-AOVEPBOJ.js";
import {
  ConfigError,
  packagePath
} from "./chunk-IMRIVU32.js";
import "./chunk-HI7OID35.js";
import "./chunk-H7HVJGAA.js";
import "./chunk-C45OCBOW.js";
import {
  parseDuration
} from "./chunk-E2EGGSXF.js";
import "./chunk-ERFH3KHH.js";
import "./chunk-S7KEFJET.js";
import "./chunk-RLB2M3XB.js";
import "./chunk-QXZT5HPF.js";
import "./chunk-P66QBBFG.js";
import "./chunk-PB6ZSKJE.js";

// src/cli/sandbox.ts
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

// src/sandbox/run/banner.ts
function sandboxBanner(input) {
  const { sandbox, command, cli, http } = input;
  const { scenario, urls } = sandbox;
  const clock = input.clockMode === "live" ? `live (scenario ${scenario.spec.now.toISOString()} = start${input.speed === 1 ? "" : `, \xD7${input.speed}`})` : `frozen at ${scenario.spec.now.toISOString()}`;
  const stdioServer = { command: command.command, args: command.args };
  const httpServer = http ? { url: http.mcpUrl, headers: { Authorization: `Bearer ${http.token}` } } : void 0;
  const lines = [
    `opswarden sandbox: scenario ${scenario.name}, clock ${clock}`,
    ...scenario.description ? [`  ${scenario.description.trim()}`] : [],
    "",
    "Running on loopback:",
    `  Kubernetes API    ${urls.kubernetes}   kubectl --kubeconfig ${sandbox.kubeconfigPath} get pods -A`,
    `  Prometheus API    ${urls.prometheus}`,
    `  Alertmanager API  ${urls.alertmanager}`,
    `  CloudWatch Logs   ${urls.cloudwatch}`,
    `  opswarden MCP     ${http ? http.mcpUrl : "stdio (this process)"}`,
    `  opswarden config  ${sandbox.configPath}`,
    "",
    "MCP client config (Claude Desktop starts its own sandbox):",
    ...mcpClientConfigLines({ stdio: stdioServer, ...httpServer ? { http: httpServer } : {} }),
    ...http ? [
      "  Any HTTP client: POST the MCP messages to the URL above with the header",
      `    Authorization: Bearer ${http.token}`
    ] : ["  For a headless agent over HTTP, start the sandbox with --http."],
    "",
    "Escalated actions wait for a human. Approve them from another terminal as the on-call",
    "approver, with the demo approver's signing key (the decision is signed; a name alone is not enough):",
    `  ${cli} approvals list --config ${sandbox.configPath}`,
    `  ${cli} approvals approve <id> --key ${sandbox.approverKeyPath} --config ${sandbox.configPath}`,
    ...http ? [
      "or through this server's approvals API with the demo approver's token:",
      `  OPSWARDEN_TOKEN=${http.approverToken} ${cli} approvals approve <id> --server ${http.mcpUrl.replace(/\/mcp$/, "")}`
    ] : [],
    "then the assistant repeats the call with the approvalId. Ctrl-C stops the sandbox."
  ];
  return `${lines.join("\n")}
`;
}

// src/cli/sandbox.ts
var SCENARIOS_DIR = packagePath("scenarios/");
var BUILTIN_SCENARIO = "customer-etl";
var SANDBOX_HELP = `Usage: opswarden sandbox [scenario] [options]

Starts a simulated production world and serves opswarden on top of it. The Kubernetes
API (HTTPS), Prometheus, Alertmanager and CloudWatch Logs APIs run on loopback, a
kubeconfig and an opswarden config pointing at them are written, and opswarden serves
MCP over stdio (default) or HTTP. A fix executed through opswarden ends the incident.

  scenario            A scenario file, or the name of one in scenarios/ (default:
                      ${BUILTIN_SCENARIO}: v2.3.1 exhausts its database pool after a deploy)
  --clock live|frozen live (default): the scenario's now is the moment the sandbox starts
                      and data keeps flowing; frozen: the world stands at its now
  --speed <n>         With a live clock, scenario seconds per wall second (default 1)
  --http              Serve MCP over Streamable HTTP with a generated bearer token
  --host <addr>       HTTP bind address (default 127.0.0.1)
  --port <n>          HTTP port (default 8787; 0 picks a free one)
  --dir <dir>         Where the kubeconfig, config, store and audit log go (default: a
                      new temp dir, kept after exit)
  --webhook <url>     Post the firing alerts there at start (Alertmanager webhook format)
  --read-only         List and serve read tools only
${TOOL_FLAGS_HELP}

What is running, the MCP client config to paste and how to approve escalations are
printed at start (to stderr with stdio, since stdout carries MCP).`;
function resolveScenarioPath(arg) {
  const name = arg ?? BUILTIN_SCENARIO;
  const builtin = resolve(SCENARIOS_DIR, `${name}.yaml`);
  if (/^[a-z0-9-]+$/.test(name) && existsSync(builtin)) return builtin;
  if (!existsSync(name)) {
    throw new ConfigError(
      `scenario "${name}" is neither a file nor a built-in scenario (see ${SCENARIOS_DIR})`
    );
  }
  return resolve(name);
}
async function sandboxCommand(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      clock: { type: "string", default: "live" },
      speed: { type: "string" },
      http: { type: "boolean", default: false },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string" },
      dir: { type: "string" },
      webhook: { type: "string" },
      "read-only": { type: "boolean", default: false },
      ...TOOL_FLAG_OPTIONS,
      help: { type: "boolean", short: "h", default: false }
    }
  });
  if (values.help) {
    console.log(SANDBOX_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new ConfigError(`expected at most one scenario, got ${positionals.join(" ")}`);
  if (values.clock !== "live" && values.clock !== "frozen") {
    throw new ConfigError(`--clock must be live or frozen, got "${values.clock}"`);
  }
  const speed = values.speed === void 0 ? 1 : Number(values.speed);
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new ConfigError(`--speed must be a positive number, got "${values.speed}"`);
  const port = parsePort(values.port, 8787);
  const scenarioPath = resolveScenarioPath(positionals[0]);
  let scenario;
  try {
    scenario = loadScenario(scenarioPath);
  } catch (err) {
    console.error(`opswarden sandbox: ${err.message}`);
    return 2;
  }
  const token = values.http ? randomBytes(24).toString("base64url") : void 0;
  const approverToken = values.http ? randomBytes(24).toString("base64url") : void 0;
  const sandbox = await startSandbox(scenario, {
    clock: values.clock,
    speed,
    ...values.dir ? { dir: resolve(values.dir) } : {},
    ...values.webhook ? { webhookUrl: values.webhook } : {},
    ...token ? { apiKey: token } : {},
    ...approverToken ? { approverToken } : {},
    port
  });
  useSandboxAwsCredentials();
  const config = sandbox.config;
  if (values["read-only"]) config.server.readOnly = true;
  config.tools = withToolFlags(config.tools, values, toolsets);
  const app = createApp({
    config,
    worldClock: sandbox.clock,
    // A live world runs `speed` times faster than the wall clock; a frozen one stands still.
    ...values.clock === "live" ? { timeScale: speed } : {},
    onExecuted: (change) => {
      const reaction = sandbox.react(change);
      if (reaction)
        app.logger.info(
          { reaction },
          `sandbox: ${change.tool} ${reaction.kind === "fix" ? "ends the incident" : "holds the incident off"}`
        );
    }
  });
  for (const event of scenarioChangeEvents(scenario)) app.changes.record(event, "opswarden-sandbox");
  const alerts = sandbox.alertMessages().flatMap((message) => parseAlertmanagerWebhook(message).alerts);
  app.incidents.ingest(alerts, SANDBOX_ALERTMANAGER);
  const serving = await serveApp(app, { http: values.http, host: values.host, port, stateless: false });
  const banner = sandboxBanner({
    sandbox,
    clockMode: values.clock,
    speed,
    command: {
      command: process.execPath,
      args: [CLI_PATH, "sandbox", scenarioPath, "--clock", values.clock, "--dir", sandbox.dir]
    },
    cli: `${process.execPath} ${CLI_PATH}`,
    ...serving.mcpUrl && token && approverToken ? { http: { mcpUrl: serving.mcpUrl, token, approverToken } } : {}
  });
  (values.http ? process.stdout : process.stderr).write(banner);
  await untilStopped(parseDuration(config.limits.shutdownGrace));
  await serving.close();
  await app.close();
  await sandbox.close();
  return 0;
}
export {
  BUILTIN_SCENARIO,
  SANDBOX_HELP,
  resolveScenarioPath,
  sandboxCommand
};

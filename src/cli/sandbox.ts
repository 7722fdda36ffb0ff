// `opswarden sandbox`: a simulated production world from a scenario (Kubernetes, Prometheus,
// Alertmanager and CloudWatch Logs APIs on loopback) with opswarden serving on top of it,
// through the same adapters it uses in production. Scenario changes are recorded as if a
// CI/CD system had posted them, and its alerts as if Alertmanager had (firing ones open
// incidents, resolved ones close them); a fix, made through opswarden or any other client,
// ends the incident.

import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import yaml from 'js-yaml';
import { toolsets } from '../../tools/index.ts';
import { createApp } from '../app.ts';
import { closestName } from '../closest-name.ts';
import { ConfigError } from '../config/load.ts';
import { expandVariables } from '../config/variables.ts';
import { parseDuration } from '../duration.ts';
import { parseAlertmanagerWebhook } from '../incidents/records/payload.ts';
import { cliCommandLine, cliServer } from '../mcp-clients.ts';
import { oncallConfigSchema } from '../oncall/config.ts';
import { packagePath } from '../package-paths.ts';
import { reactionText } from '../sandbox/reactions/world-reactions.ts';
import { useSandboxAwsCredentials } from '../sandbox/run/aws-credentials.ts';
import { sandboxBanner } from '../sandbox/run/banner.ts';
import { scenarioChangeEvents } from '../sandbox/run/changes.ts';
import type { ClockMode } from '../sandbox/run/clock.ts';
import { SANDBOX_ALERTMANAGER } from '../sandbox/run/config.ts';
import { startSandbox } from '../sandbox/run/start.ts';
import { loadScenario, type Scenario } from '../sandbox/scenario/load.ts';
import { describeIssues } from '../yaml-path.ts';
import { parseArgs } from './args.ts';
import { parsePort, serveApp, untilStopped } from './serve-app.ts';
import { TOOL_FLAG_OPTIONS, TOOL_FLAGS_HELP, toolFlagArgs, withToolFlags } from './tool-flags.ts';

const SCENARIOS_DIR = packagePath('scenarios/');
export const BUILTIN_SCENARIO = 'customer-etl';

export const SANDBOX_HELP = `Usage: opswarden sandbox [scenario] [options]

Starts a simulated production world and serves opswarden on top of it. The Kubernetes
API (HTTPS), Prometheus, Alertmanager and CloudWatch Logs APIs run on loopback, a
kubeconfig and an opswarden config pointing at them are written, and opswarden serves
MCP over stdio (default) or HTTP. A fix ends the incident whoever makes it (opswarden,
kubectl, another MCP server): the metrics recover, the alerts resolve, and so does the
incident.

  scenario            A scenario file (format: docs/scenarios.md), or the name of one
                      in scenarios/ (default: ${BUILTIN_SCENARIO}: v2.3.1 exhausts its
                      database pool after a deploy)
  --clock live|frozen live (default): the scenario's now is the moment the sandbox starts
                      and data keeps flowing; frozen: the world stands at its now
  --speed <n>         With a live clock, scenario seconds per wall second (default 1)
  --now wall|scenario|<time>
                      Where the scenario's now lands: wall (default with a live clock)
                      moves every time in the scenario so its now is this moment, and
                      any client asking for "the last hour" gets data; scenario (default
                      with a frozen clock) keeps the times the file was written with; an
                      RFC 3339 time puts now there
  --http              Serve MCP over Streamable HTTP with a generated bearer token
  --host <addr>       HTTP bind address (default 127.0.0.1)
  --port <n>          HTTP port (default 8787; 0 picks a free one)
  --dir <dir>         Where the kubeconfig, config, store and audit log go (default: a
                      new temp dir, kept after exit)
  --webhook <url>     Post the firing alerts there at start and every change after,
                      resolved alerts included (Alertmanager webhook format)
  --oncall <file>     A YAML file with an \`oncall:\` block (Slack approvals, PagerDuty,
                      signed webhooks; docs/oncall.md) to add to the sandbox's config;
                      \${VAR} references in it are read from the environment
  --read-only         List and serve read tools only
${TOOL_FLAGS_HELP}

What is running, the MCP client config to paste and how to approve escalations are
printed at start (to stderr with stdio, since stdout carries MCP).`;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A scenario name from scenarios/ or a file path. */
export function resolveScenarioPath(arg: string | undefined): string {
  const name = arg ?? BUILTIN_SCENARIO;
  const builtin = resolve(SCENARIOS_DIR, `${name}.yaml`);
  if (/^[a-z0-9-]+$/.test(name) && existsSync(builtin)) return builtin;
  if (!existsSync(name)) {
    const builtins = readdirSync(SCENARIOS_DIR)
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => file.slice(0, -'.yaml'.length));
    const closest = closestName(name, builtins);
    throw new ConfigError(
      `scenario "${name}" is neither a file nor a built-in scenario${closest ? ` (did you mean ${closest}?)` : ''}; the built-in ones: ${builtins.join(', ')}`,
    );
  }
  return resolve(name);
}

/** Where `--now` puts the scenario's now; undefined: where the file says. */
export function scenarioNow(value: string | undefined, clock: string, wall = Date.now()): Date | undefined {
  const chosen = value ?? (clock === 'live' ? 'wall' : 'scenario');
  if (chosen === 'scenario') return undefined;
  if (chosen === 'wall') return new Date(Math.floor(wall / 1000) * 1000);
  const at = RFC3339.test(chosen) ? new Date(chosen) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime()))
    throw new ConfigError(
      `--now must be wall, scenario or an RFC 3339 time such as 2026-04-25T14:30:00Z, got "${chosen}"`,
    );
  return at;
}

export async function sandboxCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      clock: { type: 'string', default: 'live' },
      speed: { type: 'string' },
      now: { type: 'string' },
      http: { type: 'boolean', default: false },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      dir: { type: 'string' },
      webhook: { type: 'string' },
      oncall: { type: 'string' },
      'read-only': { type: 'boolean', default: false },
      ...TOOL_FLAG_OPTIONS,
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(SANDBOX_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new ConfigError(`expected at most one scenario, got ${positionals.join(' ')}`);
  if (values.clock !== 'live' && values.clock !== 'frozen') {
    throw new ConfigError(`--clock must be live or frozen, got "${values.clock}"`);
  }
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new ConfigError(`--speed must be a positive number, got "${values.speed}"`);
  const port = parsePort(values.port, 8787);
  const scenarioPath = resolveScenarioPath(positionals[0]);
  const now = scenarioNow(values.now, values.clock);
  let scenario: Scenario;
  try {
    scenario = loadScenario(scenarioPath, now ? { now } : {});
  } catch (err) {
    console.error(`opswarden sandbox: ${(err as Error).message}`);
    return 2;
  }
  const oncall = values.oncall === undefined ? undefined : readOnCallBlock(values.oncall);
  const token = values.http ? randomBytes(24).toString('base64url') : undefined;
  const approverToken = values.http ? randomBytes(24).toString('base64url') : undefined;
  const sandbox = await startSandbox(scenario, {
    clock: values.clock as ClockMode,
    speed,
    ...(values.dir ? { dir: resolve(values.dir) } : {}),
    ...(values.webhook ? { webhookUrl: values.webhook } : {}),
    ...(token ? { apiKey: token } : {}),
    ...(approverToken ? { approverToken } : {}),
    ...(oncall !== undefined ? { oncall } : {}),
    port,
  });
  useSandboxAwsCredentials();
  const config = sandbox.config;
  if (values['read-only']) config.server.readOnly = true;
  config.tools = withToolFlags(config.tools, values, toolsets);
  const app = createApp({
    config,
    worldClock: sandbox.clock,
    // A live world runs `speed` times faster than the wall clock; a frozen one stands still.
    ...(values.clock === 'live' ? { timeScale: speed } : {}),
  });
  sandbox.onReaction((reaction) => app.logger.info({ reaction }, `sandbox: ${reactionText(reaction)}`));
  for (const event of scenarioChangeEvents(scenario)) app.changes.record(event, 'opswarden-sandbox');
  // The alerts arrive as Alertmanager's webhook would bring them: firing ones open incidents,
  // resolved ones (once a fix lets the metrics recover) let them resolve.
  await sandbox.watchAlerts(
    (message) => {
      app.incidents.ingest(parseAlertmanagerWebhook(message).alerts, SANDBOX_ALERTMANAGER);
    },
    { onError: (err) => app.logger.error({ err }, 'sandbox: alerts could not be ingested') },
  );
  const serving = await serveApp(app, { http: values.http, host: values.host, port, stateless: false });
  const banner = sandboxBanner({
    sandbox,
    clockMode: values.clock,
    speed,
    // The same world and the same tools as this one.
    command: cliServer([
      'sandbox',
      // A built-in scenario by name: its path is inside the package, which npx may move.
      dirname(scenarioPath) === resolve(SCENARIOS_DIR) ? basename(scenarioPath, '.yaml') : scenarioPath,
      '--clock',
      values.clock,
      ...(values.now ? ['--now', values.now] : []),
      '--dir',
      sandbox.dir,
      ...(values['read-only'] ? ['--read-only'] : []),
      ...toolFlagArgs(values),
    ]),
    cli: cliCommandLine(),
    ...(serving.mcpUrl && token && approverToken
      ? { http: { mcpUrl: serving.mcpUrl, token, approverToken } }
      : {}),
  });
  (values.http ? process.stdout : process.stderr).write(banner);
  await untilStopped(parseDuration(config.limits.shutdownGrace));
  await serving.close();
  await app.close();
  await sandbox.close();
  return 0;
}

/**
 * The `oncall:` block of a --oncall file, checked here so an error names this file (secrets
 * expanded for the check only: the block is written with its `${VAR}` references).
 */
function readOnCallBlock(path: string): unknown {
  const block = (text: string): unknown => {
    const doc = yaml.load(text);
    if (typeof doc !== 'object' || doc === null || !('oncall' in doc)) {
      throw new ConfigError(
        `--oncall ${path}: expected a YAML file with an "oncall:" block (slack, pagerduty, webhooks, people; docs/oncall.md)`,
      );
    }
    return (doc as { oncall: unknown }).oncall;
  };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
    const checked = oncallConfigSchema.safeParse(
      block(expandVariables(text, process.env, `--oncall ${path}`)),
    );
    if (!checked.success) {
      const issues = checked.error.issues.map((issue) => ({ ...issue, path: ['oncall', ...issue.path] }));
      throw new ConfigError(`--oncall ${path}: ${describeIssues(issues)}`);
    }
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`--oncall ${path}: ${(err as Error).message}`);
  }
  return block(text);
}

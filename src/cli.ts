#!/usr/bin/env node
// opswarden's command line: `serve` runs the MCP server (stdio or HTTP); the other
// commands work on the same config and store (policy, approvals, audit, config).
// `main` is exported so tests can spawn the real CLI with fixture tools added. Each
// command's module is imported when that command runs, so starting `serve` does not
// load the sandbox, init's Kubernetes client or the drill evaluator.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };
import type { AppOptions } from './app.ts';
import { parseArgs } from './cli/args.ts';
import { exitQuietlyOnClosedPipe, exitWhenWritten, refusal } from './cli/exit.ts';
import { parsePort, serveApp, starting, untilStopped } from './cli/serve-app.ts';
import { TOOL_FLAG_OPTIONS, TOOL_FLAGS_HELP, withToolFlags } from './cli/tool-flags.ts';
import { closestName } from './closest-name.ts';
import { ConfigError, loadConfig, maskSecrets, resolveConfigPath } from './config/load.ts';
import type { Config } from './config/schema.ts';
import { parseDuration } from './duration.ts';

const HELP = `opswarden ${pkg.version}: on-call tools for AI assistants, behind a policy gate and an audit log.

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
  drill eval <scenarios...> [--generate n --seed s] [--json]
                            Play scenarios (files or generated) as pages: rank of the
                            true cause, top1/top3 per category, calibration
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

/** The commands HELP lists (each on a line of its own, two spaces in): what a typo is matched against. */
const HELP_COMMANDS = new Set([...HELP.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1] as string));

const SERVE_HELP = `Usage: opswarden serve [--http] [options]

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

export interface CliExtras {
  extraTools?: AppOptions['extraTools'];
  backends?: AppOptions['backends'];
}

export async function main(argv: string[], extras: CliExtras = {}): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  if (command === '-v' || command === '--version') {
    console.log(pkg.version);
    return 0;
  }
  try {
    const { configFlag, args } = takeConfigFlag(rest);
    switch (command) {
      case 'init':
        return await (await import('./cli/init.ts')).initCommand(args, configFlag);
      case 'doctor':
        return await (await import('./cli/doctor.ts')).doctorCommand(args, configFlag);
      case 'serve':
        return await serve(args, configFlag, extras);
      case 'config':
        return await configCommand(args, configFlag);
      case 'policy':
        return await (await import('./cli/policy.ts')).policyCommand(args);
      case 'sandbox':
        if (configFlag)
          throw new ConfigError('sandbox writes its own config (see --dir); --config does not apply');
        return await (await import('./cli/sandbox.ts')).sandboxCommand(args);
      case 'scenario':
        return await (await import('./cli/scenario.ts')).scenarioCommand(args);
      case 'runbook':
        return await (await import('./cli/runbook.ts')).runbookCommand(args);
      case 'drill':
        return await (await import('./cli/drill.ts')).drillCommand(args);
      case 'approvals':
        return await (await import('./cli/approvals.ts')).approvalsCommand(args, () =>
          loadConfig(resolveConfigPath(configFlag)),
        );
      case 'audit': {
        const { config, path } = loadConfig(resolveConfigPath(configFlag));
        const { auditCommand } = await import('./cli/audit.ts');
        return await auditCommand(args, {
          store: config.store,
          jsonlPath: config.audit.jsonl,
          configPath: path,
        });
      }
      default: {
        const closest = closestName(command, HELP_COMMANDS);
        console.error(
          `opswarden: unknown command "${command}"${closest ? ` (did you mean ${closest}?)` : ''}\n\n${HELP}`,
        );
        return 2;
      }
    }
  } catch (err) {
    const { line, code } = refusal(command, err);
    console.error(line);
    return code;
  }
}

function takeConfigFlag(args: string[]): { configFlag: string | undefined; args: string[] } {
  const i = args.findIndex((a) => a === '--config' || a.startsWith('--config='));
  if (i < 0) return { configFlag: undefined, args };
  const inline = (args[i] as string).startsWith('--config=');
  const value = inline ? (args[i] as string).slice('--config='.length) : args[i + 1];
  if (!value) throw new ConfigError('--config needs a file path');
  return { configFlag: value, args: args.toSpliced(i, inline ? 1 : 2) };
}

function load(configFlag: string | undefined): Config {
  return loadConfig(resolveConfigPath(configFlag)).config;
}

async function configCommand(args: string[], configFlag: string | undefined): Promise<number> {
  if (args[0] !== 'check') {
    console.error('Usage: opswarden config check [--config <file>]');
    return 2;
  }
  const path = resolveConfigPath(configFlag);
  const { config, fromEnv } = loadConfig(path);
  const [{ toolsets }, { selectTools }] = await Promise.all([
    import('../tools/index.ts'),
    import('./toolsets.ts'),
  ]);
  selectTools(toolsets, [], config.tools);
  console.log(`# config ${path ?? '(none found: built-in defaults)'} is valid; effective config:`);
  for (const { env, key } of fromEnv) console.log(`# ${key.join('.')} set by $${env}`);
  console.log(JSON.stringify(maskSecrets(config), null, 2));
  return 0;
}

async function serve(argv: string[], configFlag: string | undefined, extras: CliExtras): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      http: { type: 'boolean', default: false },
      host: { type: 'string' },
      port: { type: 'string' },
      stateless: { type: 'boolean' },
      'read-only': { type: 'boolean' },
      ...TOOL_FLAG_OPTIONS,
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(SERVE_HELP);
    return 0;
  }
  const config = load(configFlag);
  if (values['read-only']) config.server.readOnly = true;
  const { toolsets } = await import('../tools/index.ts');
  config.tools = withToolFlags(config.tools, values, toolsets, extras.extraTools);
  const port = parsePort(values.port, config.server.http.port);
  const { createApp } = await import('./app.ts');
  const app = await starting(() => createApp({ config, ...extras }));
  const serving = await serveApp(app, {
    http: values.http,
    host: values.host ?? config.server.http.host,
    port,
    stateless: values.stateless ?? config.server.http.stateless,
  }).catch(async (err: unknown) => {
    await app.close();
    throw err;
  });
  await untilStopped(parseDuration(config.limits.shutdownGrace));
  await serving.close();
  await app.close();
  return 0;
}

if (isEntryPoint(import.meta.url)) runCli();

/** Runs this process's command line and exits with its code (the built package's entry calls it too). */
export function runCli(): void {
  exitQuietlyOnClosedPipe();
  main(process.argv.slice(2)).then(exitWhenWritten, (err: unknown) => {
    console.error(refusal('', err).line);
    return exitWhenWritten(1);
  });
}

/** True when this module is the process entry (also through the npm bin symlink). */
export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && realpathSync(entry) === fileURLToPath(moduleUrl);
}

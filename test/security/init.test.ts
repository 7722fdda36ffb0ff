// Surface: `opswarden init`, which writes a file other tools then trust. What it must not
// do: leave the config readable by others whatever the umask, replace a file without
// --force, write through a symlink planted at the target (another user's file, a shell rc),
// write where the directory does not exist, copy the kubeconfig's credentials into the
// config or its output, or let a hostile kubeconfig context name inject config keys.
// Each test asserts the files on disk, not only the message.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';
import { CLI, runCliAsync } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

const FIXTURE = join(REPO, 'test/fixtures/scenarios/first-run.yaml');
const TOKEN = 'kube-token-that-must-stay-in-the-kubeconfig';
/** All init needs of a cluster: listing its Services. */
const LISTER = {
  name: 'service-lister',
  token: 'lister-token-0123456789',
  rules: [{ verbs: ['list'], apiGroups: [''], resources: ['services'] }],
};

let world: KubeWorldFixture;
let dir: string;
beforeAll(async () => {
  world = await startKubeWorld(FIXTURE, { token: TOKEN, users: [LISTER] });
  dir = mkdtempSync(join(tmpdir(), 'opswarden-init-security-'));
});
afterAll(async () => {
  await world?.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const target = () => join(dir, `opswarden-${++n}.yaml`);
const init = (args: string[]) => runCliAsync(['init', '--kubeconfig', world.sim.kubeconfigPath, ...args]);

describe('opswarden init: the file it writes', () => {
  it('is mode 600 even under umask 000, and holds no credential from the kubeconfig', async () => {
    const path = target();
    const res = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        'sh',
        [
          '-c',
          'umask 000; exec "$0" "$@"',
          process.execPath,
          CLI,
          'init',
          '--kubeconfig',
          world.sim.kubeconfigPath,
          '--config',
          path,
          '--yes',
        ],
        { cwd: REPO },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, out: stdout + stderr }),
      );
    });
    expect(res.code, res.out).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).not.toContain(TOKEN);
    expect(res.out).not.toContain(TOKEN);
  });

  it('never replaces an existing file without --force, and with --force leaves it 600', async () => {
    const path = target();
    writeFileSync(path, 'server: { name: mine }\n', { mode: 0o644 });
    const refused = await init(['--config', path, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${path} already exists; pass --force to replace it`);
    expect(readFileSync(path, 'utf8')).toBe('server: { name: mine }\n');

    const forced = await init(['--config', path, '--yes', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(loadConfig(path).config.kubernetes?.defaultCluster).toBe('first-run');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a symlink at the target, even with --force, and leaves what it points to alone', async () => {
    const victim = join(dir, 'victim.sh');
    writeFileSync(victim, 'echo hello\n', { mode: 0o644 });
    const link = target();
    symlinkSync(victim, link);
    const dangling = target();
    symlinkSync(join(dir, 'not-yet-there'), dangling);
    for (const path of [link, dangling]) {
      const res = await init(['--config', path, '--yes', '--force']);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`${path} is a symbolic link; refusing to write through it`);
    }
    expect(readFileSync(victim, 'utf8')).toBe('echo hello\n');
    expect(existsSync(join(dir, 'not-yet-there'))).toBe(false);
  });

  it('writes only at the path asked for: no directory is created', async () => {
    const path = join(dir, 'missing', 'nested', 'opswarden.yaml');
    const res = await init(['--config', path, '--yes']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`directory ${join(dir, 'missing', 'nested')} does not exist`);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('writes nothing without a terminal and without --yes, --force or not', async () => {
    const path = target();
    writeFileSync(path, 'keep: me\n');
    const res = await init(['--config', path, '--force']);
    expect(res.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('keep: me\n');
    expect(res.stderr).toContain('nothing written');
  });
});

describe('opswarden init: what it reaches', () => {
  it('needs no more than `list services` from the cluster, and changes nothing there', async () => {
    const before = world.sim.store.resourceVersion;
    const path = target();
    const res = await runCliAsync([
      'init',
      '--kubeconfig',
      world.sim.kubeconfigFor(LISTER.name),
      '--config',
      path,
      '--yes',
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(loadConfig(path).config.prometheus?.url).toBe('http://127.0.0.1:9090');
    expect(world.sim.store.resourceVersion).toBe(before);
  });
});

describe('opswarden init: hostile input', () => {
  it('refuses a monitoring URL that carries credentials, without echoing them', async () => {
    const path = target();
    const res = await init([
      '--config',
      path,
      '--yes',
      '--prometheus-url',
      'http://admin:hunter2@prom.example:9090',
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--prometheus-url: the URL carries credentials');
    expect(res.stderr + res.stdout).not.toContain('hunter2');
    expect(existsSync(path)).toBe(false);
    const scheme = await init(['--config', path, '--yes', '--alertmanager-url', 'file:///etc/passwd']);
    expect(scheme.code).toBe(2);
    expect(scheme.stderr).toContain('--alertmanager-url: expected an http or https URL, got file:');
  });

  it('a context name cannot inject config keys through the notes or the YAML', async () => {
    const kubeconfig = yaml.load(readFileSync(world.sim.kubeconfigPath, 'utf8')) as {
      contexts: { name: string; context: Record<string, string> }[];
      'current-context': string;
    };
    const evil =
      'evil\nserver:\n  http:\n    host: 0.0.0.0\nprincipal: {id: root, type: human, roles: [sre-oncall]}';
    kubeconfig.contexts.push({ name: evil, context: { ...kubeconfig.contexts[0]!.context } });
    kubeconfig['current-context'] = evil;
    const hostile = join(dir, 'hostile-kubeconfig');
    writeFileSync(hostile, yaml.dump(kubeconfig), { mode: 0o600 });
    const path = target();
    const res = await runCliAsync(['init', '--kubeconfig', hostile, '--config', path, '--yes']);
    expect(res.code, res.stderr).toBe(0);
    const { config } = loadConfig(path);
    expect(config.server.http.host).toBe('127.0.0.1');
    expect(config.principal).toMatchObject({ id: 'assistant', type: 'agent', roles: [] });
    expect(Object.keys(config.kubernetes?.clusters ?? {})).toContain(evil);
    expect(readFileSync(path, 'utf8')).not.toMatch(/^(server|principal: \{)/m);
    expect(res.stdout).not.toMatch(/^server:/m);
  });
});

// Surface: `opswarden doctor`, whose output gets pasted into tickets and chats. It must use
// the configured credentials (else its ✓ proves nothing) yet never print them: not a
// bearer token or basic-auth password refused by a backend, not a password in a URL, not a
// Kubernetes token, not a secret a hostile backend echoes in its error, and no terminal
// escapes from that error. It changes nothing: no store created, no probe left behind, no
// write to the cluster.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_ONLY_ACCESS } from '../../src/sandbox/kube/rbac.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';
import { freePort } from '../helpers/ports.ts';
import { runCliAsync } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

const FIXTURE = join(REPO, 'test/fixtures/scenarios/first-run.yaml');
const KUBE_TOKEN = 'admin-kube-token-never-printed';
const VIEWER = { name: 'viewer', token: 'viewer-kube-token-never-printed', rules: READ_ONLY_ACCESS };
const PROM_TOKEN = 'prom-bearer-never-printed';
const AM_PASSWORD = 'am-password-never-printed';
/** What a hostile Prometheus puts in its error: a cloud key and a terminal escape. */
const LEAKED_KEY = 'AKIAIOSFODNN7EXAMPLE';
const ESCAPE = '\u001b]0;pwned\u0007';

let world: KubeWorldFixture;
let dir: string;
let backend: Server;
let backendUrl: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  world = await startKubeWorld(FIXTURE, { token: KUBE_TOKEN, users: [VIEWER] });
  dir = mkdtempSync(join(tmpdir(), 'opswarden-doctor-security-'));
  // Refuses every credential; the Prometheus query path also fails loudly, echoing secrets.
  backend = createServer((req, res) => {
    seen.push(req.headers);
    if (req.url?.startsWith('/hostile/')) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: 'internal',
          error: `upstream said ${LEAKED_KEY} ${ESCAPE}`,
        }),
      );
      return;
    }
    res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Unauthorized');
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await world?.close();
  await new Promise((resolve) => backend?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function config(name: string, raw: Record<string, unknown>): string {
  const path = join(dir, name);
  writeFileSync(path, yaml.dump({ store: { path: join(dir, 'stores', name, 'opswarden.db') }, ...raw }));
  return path;
}

describe('opswarden doctor: what it prints', () => {
  it('uses refused credentials but prints neither the token nor the password', async () => {
    // Secrets come into the config as ${VAR} references, as the config format asks.
    const path = config('refused.yaml', {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's environment reference
      prometheus: { url: backendUrl, bearerToken: '${PROM_TOKEN}' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's environment reference
      alertmanager: { url: backendUrl, basicAuth: { username: 'am', password: '${AM_PASSWORD}' } },
    });
    seen.length = 0;
    const res = await runCliAsync(['doctor', '--config', path], { env: { PROM_TOKEN, AM_PASSWORD } });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`✗ prometheus ${backendUrl}: credentials refused (HTTP 401)`);
    expect(res.stdout).toContain(`✗ alertmanager ${backendUrl}: credentials refused (HTTP 401)`);
    expect(seen.map((h) => h.authorization)).toEqual(
      expect.arrayContaining([
        `Bearer ${PROM_TOKEN}`,
        `Basic ${Buffer.from(`am:${AM_PASSWORD}`).toString('base64')}`,
      ]),
    );
    const out = res.stdout + res.stderr;
    for (const secret of [PROM_TOKEN, AM_PASSWORD, Buffer.from(`am:${AM_PASSWORD}`).toString('base64')])
      expect(out).not.toContain(secret);
  });

  it('prints a URL without its password, reachable or not', async () => {
    const closed = await freePort();
    const path = config('url-password.yaml', {
      prometheus: { url: `http://scraper:url-password-never-printed@127.0.0.1:${closed}` },
      alertmanager: { url: `http://ops:url-password-never-printed@${backendUrl.slice(7)}` },
    });
    const res = await runCliAsync(['doctor', '--config', path]);
    expect(res.stdout).toContain(`✗ prometheus http://127.0.0.1:${closed}: unreachable`);
    expect(res.stdout + res.stderr).not.toContain('url-password-never-printed');
  });

  it('redacts secrets and control characters a hostile backend puts in its error', async () => {
    const path = config('hostile.yaml', { prometheus: { url: `${backendUrl}/hostile` } });
    const res = await runCliAsync(['doctor', '--config', path]);
    expect(res.stdout).toMatch(/✗ prometheus .*\/hostile: answered with an error: .*upstream said/);
    expect(res.stdout).not.toContain(LEAKED_KEY);
    expect(res.stdout).not.toContain('\u001b');
  });

  it('never prints a Kubernetes token, accepted, restricted or refused', async () => {
    const wrong = join(dir, 'wrong-kubeconfig');
    writeFileSync(
      wrong,
      readFileSync(world.sim.kubeconfigPath, 'utf8').replace(KUBE_TOKEN, 'wrong-token-never-printed'),
    );
    const outputs: string[] = [];
    for (const kubeconfig of [world.sim.kubeconfigPath, world.sim.kubeconfigFor('viewer'), wrong]) {
      const res = await runCliAsync([
        'doctor',
        '--config',
        config(`kube-${outputs.length}.yaml`, { kubernetes: { kubeconfig } }),
      ]);
      outputs.push(res.stdout + res.stderr);
    }
    expect(outputs[0]).toContain('✓ kubernetes first-run: RBAC grants all');
    expect(outputs[1]).toContain('✗ kubernetes first-run: RBAC missing:');
    expect(outputs[2]).toMatch(
      /✗ kubernetes first-run: credentials refused: .* → renew the credentials of kubeconfig user opswarden-sandbox/,
    );
    for (const out of outputs) {
      for (const secret of [KUBE_TOKEN, VIEWER.token, 'wrong-token-never-printed'])
        expect(out).not.toContain(secret);
    }
  });
});

describe('opswarden doctor: what it changes', () => {
  it('creates no store, leaves no probe file and writes nothing to the cluster', async () => {
    const before = world.sim.store.resourceVersion;
    const storeDir = join(dir, 'untouched');
    const path = join(dir, 'untouched.yaml');
    writeFileSync(
      path,
      yaml.dump({
        kubernetes: { kubeconfig: world.sim.kubeconfigPath },
        store: { path: join(storeDir, 'opswarden.db') },
      }),
    );
    const res = await runCliAsync(['doctor', '--config', path]);
    expect(res.code, res.stdout).toBe(0);
    expect(existsSync(storeDir)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.opswarden-doctor'))).toEqual([]);
    expect(world.sim.store.resourceVersion).toBe(before);
  });
});

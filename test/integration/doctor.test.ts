// `opswarden doctor`, the real CLI, against real components: a whole sandbox world (its
// config: Kubernetes simulator, Prometheus, Alertmanager, CloudWatch Logs) passes every
// check; a broken setup (Prometheus on a closed loopback port, a read-only Kubernetes
// token, a store directory it cannot write) gets one ✗ line per fault naming the fix, and
// exit 1. A read-only server needs no more than the read-only token has.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/log.ts';
import { READ_ONLY_ACCESS } from '../../src/sandbox/kube/rbac.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { openDatabase } from '../../src/store/sqlite.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';
import { freePort } from '../helpers/ports.ts';
import { runCliAsync } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

const FIXTURE = join(REPO, 'test/fixtures/scenarios/first-run.yaml');
/** The sandbox's CloudWatch endpoint takes any signed request; the SDK needs something to sign with. */
const AWS_ENV = { AWS_ACCESS_KEY_ID: 'opswarden-sandbox', AWS_SECRET_ACCESS_KEY: 'opswarden-sandbox' };

const dirs: string[] = [];
function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-doctor-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const lines = (stdout: string) => stdout.split('\n').filter((l) => /^[✓✗] /.test(l));

describe('doctor on a healthy sandbox config', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox(loadScenario(FIXTURE), { clock: 'frozen', dir: newDir() });
    const db = openDatabase(sandbox.config.store.path);
    const log = AuditLog.open(db, { jsonlPath: sandbox.config.audit.jsonl });
    log.append({
      type: 'tool.call',
      callId: 'call-1',
      principal: 'assistant',
      tool: 'k8s_pods_list',
      data: {},
    });
    log.append({ type: 'tool.call', callId: 'call-2', principal: 'assistant', tool: 'prom_query', data: {} });
    db.close();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('passes every check, one ✓ line each, and exits 0', async () => {
    const res = await runCliAsync(['doctor', '--config', sandbox.configPath], { env: AWS_ENV });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const checks = lines(res.stdout);
    expect(
      checks.filter((l) => l.startsWith('✗')),
      res.stdout,
    ).toEqual([]);
    const expected = [
      `✓ config ${sandbox.configPath}: valid`,
      '✓ policy: bundle default',
      `✓ store ${sandbox.config.store.path}: writable`,
      '✓ audit log: hash chain intact: 2 records',
      `✓ kubernetes first-run: reachable at ${sandbox.urls.kubernetes} (Kubernetes v1.32.4)`,
      '✓ kubernetes first-run: credentials of opswarden-sandbox accepted',
      '✓ kubernetes first-run: RBAC grants all',
      `✓ prometheus ${sandbox.urls.prometheus}: reachable`,
      `✓ prometheus ${sandbox.urls.prometheus}: credentials accepted`,
      `✓ alertmanager ${sandbox.urls.alertmanager}: reachable`,
      `✓ alertmanager ${sandbox.urls.alertmanager}: credentials accepted`,
      '✓ cloudwatch us-east-1: reachable, credentials accepted',
    ];
    for (const start of expected)
      expect(
        checks.some((l) => l.startsWith(start)),
        `${start}\n${res.stdout}`,
      ).toBe(true);
    expect(res.stdout).toContain(`All ${checks.length} checks passed.`);
  });

  it('names a tampered audit log', async () => {
    const mirror = sandbox.config.audit.jsonl;
    const original = readFileSync(mirror, 'utf8');
    writeFileSync(mirror, original.replace('"call-2"', '"call-9"'));
    try {
      const res = await runCliAsync(['doctor', '--config', sandbox.configPath], { env: AWS_ENV });
      expect(res.code).toBe(1);
      expect(lines(res.stdout).filter((l) => l.startsWith('✗'))).toEqual([
        expect.stringMatching(/^✗ audit log: TAMPERED at record #2: .* → the log was edited or cut short/),
      ]);
    } finally {
      writeFileSync(mirror, original);
    }
  });
});

describe('doctor on a broken config', () => {
  const VIEWER = { name: 'viewer', token: 'viewer-token-doctor-test', rules: READ_ONLY_ACCESS };
  let world: KubeWorldFixture;
  let dir: string;
  let viewerKubeconfig: string;

  beforeAll(async () => {
    dir = newDir();
    const kubeDir = join(dir, 'kube');
    mkdirSync(kubeDir);
    world = await startKubeWorld(FIXTURE, { users: [VIEWER], dir: kubeDir });
    viewerKubeconfig = world.sim.kubeconfigFor('viewer');
  });
  afterAll(async () => {
    await world?.close();
  });

  function writeConfig(name: string, raw: Record<string, unknown>): string {
    const path = join(dir, name);
    writeFileSync(path, yaml.dump(raw));
    return path;
  }

  it('names each failure with its fix and exits 1', async () => {
    const closedPort = await freePort();
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    const config = writeConfig('broken.yaml', {
      kubernetes: { kubeconfig: viewerKubeconfig },
      prometheus: { url: `http://127.0.0.1:${closedPort}` },
      store: { path: join(locked, 'opswarden.db') },
      audit: { jsonl: join(locked, 'audit.jsonl') },
    });
    const res = await runCliAsync(['doctor', '--config', config], { withoutRootOverride: true });
    expect(res.code, res.stderr).toBe(1);
    const failures = lines(res.stdout).filter((l) => l.startsWith('✗'));
    expect(failures, res.stdout).toHaveLength(3);
    expect(failures).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^✗ prometheus http://127\\.0\\.0\\.1:${closedPort}: unreachable: .*ECONNREFUSED.* → start Prometheus \\(or its port-forward\\), or fix prometheus\\.url$`,
          ),
        ),
        expect.stringMatching(
          /^✗ kubernetes first-run: RBAC missing: patch deployments\.apps, patch statefulsets\.apps, patch daemonsets\.apps, delete pods, create pods\/exec, patch configmaps, patch nodes, create pods\/eviction \(needed by k8s_configmap_patch, .*k8s_rollout_undo\) → grant them to viewer .*server\.readOnly: true/,
        ),
        expect.stringMatching(
          new RegExp(
            `^✗ store ${locked}/opswarden\\.db: cannot write in ${locked}: .*EACCES.* → make ${locked} writable`,
          ),
        ),
      ]),
    );
    expect(res.stdout).toContain('✓ kubernetes first-run: credentials of viewer accepted');
    expect(res.stdout).toMatch(/\n3 of \d+ checks failed\.\n/);
  });

  it('passes RBAC for a read-only server with the read-only token', async () => {
    const config = writeConfig('read-only.yaml', {
      server: { readOnly: true },
      kubernetes: { kubeconfig: viewerKubeconfig },
      store: { path: join(dir, 'store', 'opswarden.db') },
    });
    const res = await runCliAsync(['doctor', '--config', config]);
    expect(res.code, res.stdout).toBe(0);
    expect(res.stdout).toMatch(
      /✓ kubernetes first-run: RBAC grants all \d+ permissions \d+ enabled tools need/,
    );
  });

  it('answers --help', async () => {
    const res = await runCliAsync(['doctor', '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Usage: opswarden doctor');
    expect(res.stdout).toContain('SelfSubjectAccessReview');
  });
});

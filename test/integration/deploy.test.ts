// The cluster deployment end to end, where no image can be pulled: deploy/k8s is applied
// with the real kubectl to the Kubernetes API simulator, and opswarden runs as the pod of
// its Deployment from the staged image (deploy/build-image-root.sh), as a node would run it
// (test/helpers/pod.ts): the image's command, the rendered config and policy from their
// ConfigMaps, the keys from the Secret, the store on its volume, in-cluster credentials of
// the shipped ServiceAccount. The simulator derives that account's rights from the applied
// RBAC, so what is shown is the RBAC that ships: reads work, Secrets are refused by the
// cluster, and a remediation is refused by the cluster until the opt-in overlay is applied.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, CONTAINERFILE, REMEDIATION, type StagedImage, stageImage } from '../helpers/deploy.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';
import { type KubectlResult, kubectlFor } from '../helpers/kubectl.ts';
import { httpStatus, type Pod, startPod, untilReady } from '../helpers/pod.ts';
import { freePort } from '../helpers/ports.ts';

const KEYS = {
  OPSWARDEN_AGENT_KEY: `agent-${randomBytes(12).toString('hex')}`,
  OPSWARDEN_ONCALL_KEY: `oncall-${randomBytes(12).toString('hex')}`,
  OPSWARDEN_APPROVAL_SECRET: randomBytes(32).toString('base64'),
  OPSWARDEN_METRICS_TOKEN: `metrics-${randomBytes(12).toString('hex')}`,
};
const SERVICE_ACCOUNT = 'system:serviceaccount:opswarden:opswarden';
const REMEDIATION_ACCESS = [
  'patch deployments.apps',
  'patch statefulsets.apps',
  'patch daemonsets.apps',
  'delete pods',
  'create pods/exec',
  'create pods/eviction',
  'patch configmaps',
  'patch nodes',
];

let image: StagedImage;
let world: KubeWorldFixture;
let scratch: string;
let kubectl: (...args: string[]) => Promise<KubectlResult>;
let applied: KubectlResult;
let pod: Pod;
let agent: Client;

beforeAll(async () => {
  image = await stageImage();
  world = await startKubeWorld('checkout-bad-deploy');
  const run = kubectlFor(world.sim.kubeconfigPath);
  kubectl = (...args) => run(args);
  applied = await kubectl('apply', '-k', BASE);
  expect(applied.code, applied.stderr).toBe(0);
  scratch = mkdtempSync(join(tmpdir(), 'opswarden-deploy-'));
  const secret = await kubectl(
    'create',
    'secret',
    'generic',
    'opswarden-keys',
    '-n',
    'opswarden',
    ...Object.entries(KEYS).map(([key, value]) => `--from-literal=${key}=${value}`),
    '--dry-run=client',
    '-o',
    'yaml',
  );
  writeFileSync(join(scratch, 'keys.yaml'), secret.stdout);
  expect((await kubectl('apply', '-f', join(scratch, 'keys.yaml'))).code).toBe(0);

  // This machine's network is shared: the pod's port 8787 becomes a free one.
  const port = await freePort();
  pod = await startPod({
    sim: world.sim,
    rootfs: image.rootfs,
    containerfile: CONTAINERFILE,
    namespace: 'opswarden',
    deployment: 'opswarden',
    ports: { 8787: port },
    rewriteFile: (_configMap, key, text) => {
      if (key !== 'opswarden.yaml') return text;
      const config = yaml.load(text) as { server: { http: { port: number } } };
      expect(config.server.http.port).toBe(8787);
      config.server.http.port = port;
      return yaml.dump(config);
    },
  });
  await untilReady(pod);
  agent = new Client({ name: 'deploy-test', version: '1.0.0' });
  await agent.connect(
    new StreamableHTTPClientTransport(new URL(`${pod.url(8787)}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${KEYS.OPSWARDEN_AGENT_KEY}` } },
    }),
  );
}, 600_000);

afterAll(async () => {
  await agent?.close();
  await pod?.remove();
  await world?.close();
  image?.remove();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { text: string }[] };
const call = async (name: string, args: Record<string, unknown>) =>
  (await agent.callTool({ name, arguments: args })) as Result;

/** The accesses `opswarden doctor`, run in the pod, reports missing for the in-cluster credentials. */
async function doctorMissing(): Promise<string[]> {
  const { output } = await pod.exec(['opswarden', 'doctor']);
  expect(output).toContain('✓ kubernetes in-cluster: credentials of');
  const missing = /RBAC missing: (.*?) \(needed by/.exec(output)?.[1];
  if (missing) return missing.split(', ');
  expect(output).toMatch(/✓ kubernetes in-cluster: RBAC grants all \d+ permissions/);
  return [];
}

const checkoutReplicas = () =>
  (world.sim.store.get('Deployment', 'shop', 'checkout')?.spec as { replicas?: number } | undefined)
    ?.replicas;

describe('deploy/k8s applied to the simulator, opswarden in its pod', () => {
  it('applies with kubectl: every kind of the manifests is created', () => {
    for (const line of [
      'namespace/opswarden created',
      'serviceaccount/opswarden created',
      'clusterrole.rbac.authorization.k8s.io/opswarden-read created',
      'clusterrolebinding.rbac.authorization.k8s.io/opswarden-read created',
      'service/opswarden created',
      'persistentvolumeclaim/opswarden-data created',
      'deployment.apps/opswarden created',
    ]) {
      expect(applied.stdout).toContain(line);
    }
    expect(applied.stdout).toMatch(/configmap\/opswarden-config-\w+ created/);
    expect(applied.stdout).toMatch(/configmap\/opswarden-policy-\w+ created/);
  });

  it('runs the image as its unprivileged user, without capabilities, on a read-only root', async () => {
    const status = readFileSync(`/proc/${pod.container.pid}/status`, 'utf8');
    expect(status).toMatch(/^Uid:\s+10001\s+10001\s+10001\s+10001$/m);
    expect(status).toMatch(/^CapEff:\s+0+$/m);
    expect(status).toMatch(/^NoNewPrivs:\s+1$/m);
    const write = await pod.exec([
      'sh',
      '-c',
      'touch /app/planted; touch /etc/opswarden/planted; touch /tmp/scratch && echo emptyDir writable',
    ]);
    expect(write.output.match(/Read-only file system/g)).toHaveLength(2);
    expect(write.output).toContain('emptyDir writable');
    const store = join(pod.claimDir('opswarden-data'), 'opswarden.db');
    expect(existsSync(store)).toBe(true);
    expect(statSync(store).uid).toBe(10001);
  });

  it('passes its probes; the Service names pass the Host guard, other names do not', async () => {
    expect(await pod.probe('livenessProbe')).toBe(200);
    expect(await pod.probe('readinessProbe')).toBe(200);
    const url = pod.url(8787);
    expect(await httpStatus(`${url}/readyz`, { Host: 'opswarden.opswarden.svc' })).toBe(200);
    expect(await httpStatus(`${url}/readyz`, { Host: 'opswarden.attacker.example' })).toBe(403);
    expect(await httpStatus(`${url}/metrics`)).toBe(401);
    expect(
      await httpStatus(`${url}/metrics`, { Authorization: `Bearer ${KEYS.OPSWARDEN_METRICS_TOKEN}` }),
    ).toBe(200);
  });

  it('reads the cluster with the service account', async () => {
    const pods = await call('k8s_pods_list', { namespace: 'shop' });
    expect(pods.isError, pods.content[0]?.text).toBeFalsy();
    expect(JSON.stringify(pods.structuredContent)).toContain('checkout-');
    const history = await call('k8s_rollout_history', { namespace: 'shop', name: 'checkout' });
    expect(history.isError, history.content[0]?.text).toBeFalsy();
  });

  it('holds no Secret: the cluster refuses them to its service account, whatever opswarden allowed', async () => {
    const token = world.sim.serviceAccountToken('opswarden', 'opswarden');
    for (const scope of [['-n', 'opswarden'], ['-A']]) {
      const out = await kubectl(`--token=${token}`, 'get', 'secrets', ...scope);
      expect(out.code).not.toBe(0);
      expect(out.stderr).toContain(`User "${SERVICE_ACCOUNT}" cannot list resource "secrets"`);
    }
    const read = await kubectl(`--token=${token}`, 'get', 'secret', 'opswarden-keys', '-n', 'opswarden');
    expect(read.stderr).toContain(`User "${SERVICE_ACCOUNT}" cannot get resource "secrets"`);
  });

  it('doctor in the pod finds exactly the remediation writes missing', async () => {
    expect((await doctorMissing()).sort()).toEqual([...REMEDIATION_ACCESS].sort());
  });

  it('a remediation is refused by the cluster until the opt-in overlay is applied, then goes through', async () => {
    const scale = { namespace: 'shop', name: 'checkout', replicas: 4, reason: 'absorb the retry storm' };
    const refused = await call('k8s_deployment_scale', { ...scale, dryRun: true });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toContain(
      `User "${SERVICE_ACCOUNT}" cannot patch resource "deployments"`,
    );

    const overlay = await kubectl('apply', '-k', REMEDIATION);
    expect(overlay.code, overlay.stderr).toBe(0);
    expect(overlay.stdout).toContain('clusterrole.rbac.authorization.k8s.io/opswarden-remediate created');
    expect(overlay.stdout).toContain('deployment.apps/opswarden unchanged');
    expect(await doctorMissing()).toEqual([]);

    const dryRun = await call('k8s_deployment_scale', { ...scale, dryRun: true });
    expect(dryRun.isError, dryRun.content[0]?.text).toBeFalsy();
    const pending = await call('k8s_deployment_scale', { ...scale, dryRun: false });
    expect(pending.structuredContent?.status, pending.content[0]?.text).toBe('approval_required');
    const approvalId = String(pending.structuredContent?.approvalId);
    const approved = await fetch(`${pod.url(8787)}/v1/approvals/${approvalId}/approve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEYS.OPSWARDEN_ONCALL_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ comment: 'checked the dashboards' }),
    });
    expect(approved.status).toBe(200);
    const done = await call('k8s_deployment_scale', { ...scale, dryRun: false, approvalId });
    expect(done.isError, done.content[0]?.text).toBeFalsy();
    expect(checkoutReplicas()).toBe(4);
  });

  it('stops cleanly on SIGTERM, with its audit chain on the volume', async () => {
    expect(await pod.stop()).toBe(0);
    const audit = readFileSync(join(pod.claimDir('opswarden-data'), 'audit.jsonl'), 'utf8');
    expect(audit).toContain('k8s_deployment_scale');
  });
});

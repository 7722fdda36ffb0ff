// k8s_pod_exec through the whole gate against the API simulator: the default policy
// escalates it even in dev, an approver's grant lets the re-call run the command over the
// WebSocket exec protocol, and the audit log holds the command and what it printed, with
// a Secret-backed variable masked there as in the result. The real kubectl execs into
// the same simulated container and sees the same environment, unredacted: the cluster is
// not where redaction happens.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../helpers/in-process.ts';
import { approvedCall, kubeGate } from '../helpers/kube-world.ts';
import { DEFAULT_POLICY, makeWorld, REPO } from '../helpers/world.ts';

const SCENARIO = join(REPO, 'test/fixtures/scenarios/exec-cluster.yaml');
const DB_PASSWORD = 'Tr0ub4dor-and-3-horse-staple-91';

/** A pod whose env and files come from the ConfigMap api-config and a Secret, in each namespace. */
const probe = (namespace: string) => `apiVersion: v1
kind: Secret
metadata: { name: api-credentials, namespace: ${namespace} }
stringData: { password: ${DB_PASSWORD} }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: api-config, namespace: ${namespace} }
data: { app.yaml: "listen: :8080\\npool: 20\\n", region: eu-west-1 }
---
apiVersion: v1
kind: Pod
metadata: { name: probe, namespace: ${namespace}, labels: { app: probe } }
spec:
  securityContext: { runAsUser: 1000, runAsGroup: 1000 }
  containers:
    - name: app
      image: registry.example/api:3.2.0
      env:
        - { name: DB_HOST, value: db.${namespace}.svc }
        - name: REGION
          valueFrom: { configMapKeyRef: { name: api-config, key: region } }
        - name: DB_PASSWORD
          valueFrom: { secretKeyRef: { name: api-credentials, key: password } }
        - name: POD_NAME
          valueFrom: { fieldRef: { fieldPath: metadata.name } }
      volumeMounts:
        - { name: config, mountPath: /etc/api }
  volumes:
    - name: config
      configMap: { name: api-config }
`;

const run = (namespace: string, command: string[], extra: Record<string, unknown> = {}) => ({
  namespace,
  pod: 'probe',
  command,
  reason: 'check what config the process really got',
  ...extra,
});

describe('k8s_pod_exec', () => {
  const c = kubeGate(SCENARIO);
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'opswarden-exec-')), 'probe.yaml');
    writeFileSync(file, ['shop', 'dev'].map(probe).join('---\n'));
    await c.kubectl('apply', '-f', file);
    await c.kubectl('wait', '--for=condition=Ready', 'pod/probe', '-n', 'shop', '--timeout=20s');
  });

  it('escalates even in dev; after approval the re-call runs and returns the output', async () => {
    const args = run('dev', ['cat', '/etc/api/app.yaml']);
    const { pending, done } = await approvedCall(c.h, 'k8s_pod_exec', args);
    expect(pending.structuredContent).toMatchObject({
      status: 'approval_required',
      approvers: ['sre-oncall'],
    });
    const rules = (pending.structuredContent!.matchedRules as { name: string }[]).map((r) => r.name);
    expect(rules).toContain('pod-exec-needs-approval');
    expect(done).toMatchObject({
      pod: 'dev/probe',
      container: 'app',
      exitCode: 0,
      timedOut: false,
      stdout: 'listen: :8080\npool: 20\n',
      stderr: '',
    });
    expect(done.untrusted).toEqual(['$.stdout', '$.stderr']);
  });

  it("the result and the audit log hold the command and its output, the Secret's value redacted in both", async () => {
    const { done } = await approvedCall(c.h, 'k8s_pod_exec', run('shop', ['env']));
    const stdout = done.stdout as string;
    expect(stdout).toContain('DB_HOST=db.shop.svc\n');
    expect(stdout).toContain('REGION=eu-west-1\n');
    expect(stdout).toContain('POD_NAME=probe\n');
    // The variable comes from a Secret (the pod spec says so): its value is masked whatever it looks like.
    expect(stdout).toContain('DB_PASSWORD=[REDACTED:secret]\n');
    expect(stdout).not.toContain(DB_PASSWORD);

    const executed = c.h.app.audit
      .query({ type: 'action.executed', tool: 'k8s_pod_exec' })
      .filter((r) => (r.data.result as { command?: string[] } | undefined)?.command?.[0] === 'env');
    expect(executed).toHaveLength(1);
    const [record] = executed;
    expect(record!.data.result).toMatchObject({
      pod: 'shop/probe',
      command: ['env'],
      exitCode: 0,
      stderr: '',
    });
    expect((record!.data.result as { stdout: string }).stdout).toBe(stdout);
    const call = c.h.app.audit.query({ type: 'tool.call', callId: record!.callId! })[0];
    expect(call?.data.args).toMatchObject({ command: ['env'], pod: 'probe', namespace: 'shop' });
    const everything = JSON.stringify(c.h.app.audit.query({}));
    expect(everything).not.toContain(DB_PASSWORD);

    // The container does print it: kubectl exec (no gate) sees the clear value.
    expect(await c.kubectl('exec', '-n', 'shop', 'probe', '--', 'printenv', 'DB_PASSWORD')).toBe(
      `${DB_PASSWORD}\n`,
    );
  });

  it('a non-zero exit code is a result, with stderr, not a tool error', async () => {
    const { done } = await approvedCall(c.h, 'k8s_pod_exec', run('shop', ['cat', '/etc/api/missing.yaml']));
    expect(done).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'cat: /etc/api/missing.yaml: No such file or directory\n',
      message: 'exited with code 1',
    });
    const unknown = await approvedCall(c.h, 'k8s_pod_exec', run('shop', ['curl', 'localhost:8080']));
    expect(unknown.done).toMatchObject({ exitCode: 127, stderr: 'curl: command not found\n' });
    const [failed] = c.h.app.audit.query({ type: 'action.failed', tool: 'k8s_pod_exec' });
    expect(failed).toBeUndefined();
  });

  it('a pod with two containers needs one named; a missing pod or container is named before anyone is asked', async () => {
    const worker = (await c.kubectl('get', 'pods', '-n', 'shop', '-l', 'app=worker', '-o', 'name')).trim();
    const pod = worker.replace('pod/', '');
    const none = await c.h.call('k8s_pod_exec', { ...run('shop', ['id']), pod });
    expect(none.isError).toBe(true);
    expect(none.content[0]!.text).toContain(
      `pod shop/${pod} has 2 containers (app, shipper): name one in container`,
    );
    const wrong = await c.h.call('k8s_pod_exec', { ...run('shop', ['id']), pod, container: 'web' });
    expect(wrong.content[0]!.text).toContain(`pod shop/${pod} has no container web (it has app, shipper)`);
    const missing = await c.h.call('k8s_pod_exec', { ...run('shop', ['id']), pod: 'ghost' });
    expect(missing.isError).toBe(true);
    expect(missing.content[0]!.text).toMatch(/Pod shop\/ghost in cluster test-exec.*not found/);
    expect(c.h.app.approvals.list({ status: 'pending' }).map((a) => a.tool)).not.toContain('k8s_pod_exec');

    const { done } = await approvedCall(c.h, 'k8s_pod_exec', {
      ...run('shop', ['id']),
      pod,
      container: 'shipper',
    });
    expect(done).toMatchObject({ container: 'shipper', stdout: 'uid=0(root) gid=0(root) groups=0(root)\n' });
  });

  it('a crash-looping container is not running: the error says so and points at its logs', async () => {
    const pod = (await c.kubectl('get', 'pods', '-n', 'shop', '-l', 'app=billing', '-o', 'name'))
      .trim()
      .replace('pod/', '');
    const res = await c.h.call('k8s_pod_exec', { ...run('shop', ['env']), pod });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toContain(
      `container app of pod shop/${pod} is not running (CrashLoopBackOff)`,
    );
    const kubectl = await c.kubectlResult('exec', '-n', 'shop', pod, '--', 'env');
    expect(kubectl.code).not.toBe(0);
    expect(kubectl.stderr).toContain(`container "app" in pod "${pod}" is not running: CrashLoopBackOff`);
  });

  it('kubectl exec runs in the simulated container: its env, files, identity, clock and exit codes', async () => {
    const exec = (...cmd: string[]) => c.kubectlResult('exec', '-n', 'shop', 'probe', '--', ...cmd);
    expect((await exec('hostname')).stdout).toBe('probe\n');
    expect((await exec('id')).stdout).toBe('uid=1000 gid=1000 groups=1000\n');
    expect((await exec('date')).stdout).toBe('Sat Apr 25 14:30:00 UTC 2026\n');
    expect((await exec('ls', '/etc/api')).stdout).toBe('app.yaml\nregion\n');
    expect((await exec('printenv', 'REGION')).stdout).toBe('eu-west-1\n');
    expect((await exec('echo', 'a;b', '$HOME', '|', 'c')).stdout).toBe('a;b $HOME | c\n');
    const exit = await exec('sh', '-c', 'exit 3');
    expect(exit.code).toBe(3);
    const missing = await exec('nslookup', 'db');
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('nslookup: command not found');
    const gone = await c.kubectlResult('exec', '-n', 'shop', 'nope', '--', 'env');
    expect(gone.stderr).toContain('Error from server (NotFound): pods "nope" not found');
  });

  it('a request for SPDY alone, or a plain one, is told to upgrade to WebSockets', async () => {
    const { sim } = c.world;
    const ask = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: { message: string } }>((resolve, reject) => {
        const req = request(`${sim.url}/api/v1/namespaces/shop/pods/probe/exec?command=env&stdout=1`, {
          method: 'POST',
          ca: readFileSync(sim.caPath),
          headers: { Authorization: `Bearer ${sim.token}`, ...headers },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        req.end();
      });
    const spdy = await ask({
      Connection: 'Upgrade',
      Upgrade: 'SPDY/3.1',
      'X-Stream-Protocol-Version': 'v4.channel.k8s.io',
    });
    expect(spdy.status).toBe(400);
    expect(spdy.body.message).toMatch(
      /serves exec over WebSockets only .*not spdy\/3\.1: SPDY is not supported/,
    );
    const plain = await ask({});
    expect(plain).toMatchObject({ status: 400, body: { message: 'Upgrade request required' } });
  });

  it('a dry run checks the pod and container and runs nothing', async () => {
    const res = await c.h.call('k8s_pod_exec', run('shop', ['sleep', '30'], { dryRun: true }));
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    expect(res.structuredContent).toMatchObject({
      dryRun: true,
      container: 'app',
      stdout: '',
      message: 'dry run: would run the command in container app of pod shop/probe',
      policy: { effect: 'escalate', rules: expect.arrayContaining(['pod-exec-needs-approval']) },
    });
    expect(res.structuredContent!.exitCode).toBeUndefined();
  });

  it('a read-only server neither lists it nor runs it, and the refusal is audited', async () => {
    const world = makeWorld({
      policy: DEFAULT_POLICY,
      extra: { kubernetes: { kubeconfig: c.world.sim.kubeconfigPath } },
    });
    const h = await startHarness({ world, readOnly: true, clock: c.world.clock });
    try {
      const names = (await h.client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('k8s_pod_logs');
      expect(names).not.toContain('k8s_pod_exec');
      await expect(h.call('k8s_pod_exec', run('dev', ['env']))).rejects.toThrow(
        /unknown tool: k8s_pod_exec \(this server does not serve it: server\.readOnly\)/,
      );
      const [decision] = h.app.audit.query({ type: 'decision', tool: 'k8s_pod_exec' });
      expect(decision?.effect).toBe('deny');
      expect(h.app.audit.query({ type: 'action.executed', tool: 'k8s_pod_exec' })).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('a command past its timeout comes back as timed out with what it wrote', async () => {
    const started = Date.now();
    const { done } = await approvedCall(
      c.h,
      'k8s_pod_exec',
      run('shop', ['sleep', '30'], { timeoutSeconds: 1 }),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(done).toMatchObject({ timedOut: true, stdout: '' });
    expect(done.exitCode).toBeUndefined();
    expect(done.message).toMatch(/^timed out after 1s/);
  });
});

// Abuse of k8s_pod_exec, over Streamable HTTP. A command in a container can do anything the
// container can, so: an agent never runs one without an approver, in production, staging or
// dev alike; the requester cannot approve their own (not out of band, not by answering an
// elicitation in their client), nor can a viewer; hostile arguments (argv floods, NUL bytes,
// names that would bend the exec URL) are refused naming the field, and shell syntax in an
// argument reaches the program as text; the simulator itself refuses exec to a token
// without `create pods/exec`; a command that would read a Secret-backed variable or file is
// refused and Secret-backed values in what a command prints are masked; and a command that
// floods its output leaves the server's memory where it was. Each attack asserts the audit
// log, not only the answer.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubernetesBackend } from '../../src/backends/kubernetes/client.ts';
import { KubeError } from '../../src/backends/kubernetes/types.ts';
import { READ_ONLY_ACCESS } from '../../src/sandbox/kube/rbac.ts';
import { startKubeWorld } from '../helpers/kube-world.ts';
import { kubectlFor } from '../helpers/kubectl.ts';
import { REPO } from '../helpers/world.ts';
import { type CallResult, type SecurityWorld, startSecurityWorld, type Who } from './harness.ts';

const SCENARIO = join(REPO, 'test/fixtures/scenarios/exec-cluster.yaml');
const MiB = 1_048_576;

let w: SecurityWorld;
/** The api pod of each namespace. */
const api: Record<string, string> = {};
beforeAll(async () => {
  w = await startSecurityWorld({ scenario: SCENARIO });
  for (const namespace of ['shop', 'staging', 'dev'])
    api[namespace] = (await w.kubectl('get', 'pods', '-n', namespace, '-l', 'app=api', '-o', 'name'))
      .trim()
      .replace('pod/', '');
}, 120_000);
afterAll(() => w?.close());

const execArgs = (namespace: string, command: string[]) => ({
  namespace,
  pod: api[namespace]!,
  command,
  reason: 'see what the process was started with',
});

const approvalIdOf = (res: CallResult): string => {
  expect(res.structuredContent?.status, res.content[0]?.text).toBe('approval_required');
  return res.structuredContent!.approvalId as string;
};

/** Executed exec calls, as the audit log has them. */
const executedExecs = () => w.auditRecords({ type: 'action.executed', tool: 'k8s_pod_exec' });

async function approve(id: string, who: Who = 'oncall'): Promise<void> {
  const res = await w.http(who, 'POST', `/v1/approvals/${id}/approve`, { body: { comment: 'ok' } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

function expectInvalid(res: CallResult, field: RegExp): void {
  expect(res.isError).toBe(true);
  expect(res.content[0]!.text).toMatch(/^Invalid arguments for k8s_pod_exec: /);
  expect(res.content[0]!.text).toMatch(field);
}

describe('no command runs without a second person', () => {
  it('an agent gets approval_required in production, staging and dev, and nothing runs', async () => {
    for (const namespace of ['shop', 'staging', 'dev']) {
      const res = await w.call('agent', 'k8s_pod_exec', execArgs(namespace, ['env']));
      const id = approvalIdOf(res);
      expect(res.structuredContent?.approvers).toEqual(['sre-oncall']);
      expect(res.structuredContent?.matchedRules).toContainEqual(
        expect.objectContaining({ name: 'pod-exec-needs-approval' }),
      );
      expect(w.app.approvals.get(id)?.channels).toEqual(['out-of-band']);
    }
    const decisions = w.auditRecords({ type: 'decision', tool: 'k8s_pod_exec', principal: 'agent' });
    expect(decisions.map((d) => d.effect)).toEqual(['escalate', 'escalate', 'escalate']);
    expect(executedExecs()).toEqual([]);
  });

  it('an approvalId that was never granted, or granted for another command, runs nothing', async () => {
    const made = await w.call('agent', 'k8s_pod_exec', {
      ...execArgs('dev', ['env']),
      approvalId: 'made-up',
    });
    expect(made.isError).toBe(true);
    const id = approvalIdOf(await w.call('agent', 'k8s_pod_exec', execArgs('dev', ['hostname'])));
    await approve(id);
    const other = await w.call('agent', 'k8s_pod_exec', { ...execArgs('dev', ['env']), approvalId: id });
    expect(other.isError).toBe(true);
    expect(other.content[0]!.text).toMatch(/granted for a different action/);
    expect(executedExecs()).toEqual([]);
  });

  it('the requester cannot approve their own exec, not even by confirming it in their client', async () => {
    let asked = 0;
    const client = await w.mcp('oncall', {
      elicit: () => {
        asked++;
        return { action: 'accept', content: { approve: true } };
      },
    });
    const res = (await client.callTool({
      name: 'k8s_pod_exec',
      arguments: execArgs('shop', ['env']),
    })) as CallResult;
    const id = approvalIdOf(res);
    expect(asked).toBe(0);
    const self = await w.http('oncall', 'POST', `/v1/approvals/${id}/approve`);
    expect(self.status).toBe(403);
    expect(JSON.stringify(self.body)).toContain('cannot also approve');
    const again = (await client.callTool({
      name: 'k8s_pod_exec',
      arguments: { ...execArgs('shop', ['env']), approvalId: id },
    })) as CallResult;
    expect(again.structuredContent?.status).toBe('approval_required');
    expect(w.app.approvals.get(id)?.status).toBe('pending');
    expect(executedExecs()).toEqual([]);
  });

  it('a viewer or another agent cannot approve one', async () => {
    const id = approvalIdOf(await w.call('agent', 'k8s_pod_exec', execArgs('staging', ['id'])));
    for (const who of ['viewer', 'agent', 'agent2'] as const) {
      const res = await w.http(who, 'POST', `/v1/approvals/${id}/approve`);
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(403);
    }
    expect(w.app.approvals.get(id)?.status).toBe('pending');
    expect(executedExecs()).toEqual([]);
  });
});

describe('hostile arguments', () => {
  it('too many arguments, too long ones, NUL bytes and an empty program are refused naming the field', async () => {
    const call = (command: unknown) => w.call('agent', 'k8s_pod_exec', { ...execArgs('dev', []), command });
    expectInvalid(await call(Array.from({ length: 65 }, () => 'x')), /command: .*64/);
    expectInvalid(await call(['echo', 'x'.repeat(5000)]), /command\.1: .*4096/);
    expectInvalid(
      await call(Array.from({ length: 60 }, () => 'y'.repeat(1000))),
      /command: at most 16384 characters/,
    );
    expectInvalid(
      await call(['cat', '/etc/hostname\0/etc/shadow']),
      /command\.1: an argument cannot hold a NUL byte/,
    );
    expectInvalid(await call([]), /command: .*1/);
    expectInvalid(await call(['', 'x']), /command: the program \(the first item\) cannot be empty/);
    expectInvalid(await call('sh -c "id; env"'), /command: .*array/);
    expect(executedExecs()).toEqual([]);
  });

  it('names that would bend the exec URL are refused: container, pod and namespace', async () => {
    const base = execArgs('dev', ['env']);
    expectInvalid(
      await w.call('agent', 'k8s_pod_exec', { ...base, container: 'app&command=rm&container=app' }),
      /container: a container name/,
    );
    expectInvalid(
      await w.call('agent', 'k8s_pod_exec', { ...base, pod: `${base.pod}/exec?command=id#` }),
      /pod: a pod name/,
    );
    expectInvalid(
      await w.call('agent', 'k8s_pod_exec', { ...base, namespace: 'dev/pods/x/../../shop' }),
      /namespace: a namespace name/,
    );
    expect(executedExecs()).toEqual([]);
  });

  it('shell syntax in an argument reaches the program as text; sh -c does not run a list', async () => {
    const literal = ['echo', '$(id); rm -rf / | cat /etc/hostname && `whoami`'];
    const id = approvalIdOf(await w.call('agent', 'k8s_pod_exec', execArgs('dev', literal)));
    await approve(id);
    const res = await w.call('agent', 'k8s_pod_exec', { ...execArgs('dev', literal), approvalId: id });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ exitCode: 0, stdout: `${literal[1]}\n` });

    const list = ['sh', '-c', 'hostname; id'];
    const id2 = approvalIdOf(await w.call('agent', 'k8s_pod_exec', execArgs('dev', list)));
    await approve(id2);
    const refused = await w.call('agent', 'k8s_pod_exec', { ...execArgs('dev', list), approvalId: id2 });
    expect(refused.structuredContent).toMatchObject({ exitCode: 2, stdout: '' });
    expect(refused.structuredContent?.stderr).toMatch(/only single commands are simulated/);
    const [record] = executedExecs().filter(
      (r) => (r.data.result as { command: string[] }).command[0] === 'echo',
    );
    expect((record!.data.result as { stdout: string }).stdout).toBe(`${literal[1]}\n`);
  });
});

describe('Secrets stay out of reach through exec', () => {
  const PASSWORD = 'Hunter2-but-longer-than-that-77';
  const TOKEN = 'tok-9f8e7d6c5b4a3210';
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'opswarden-exec-secret-')), 'vault.yaml');
    writeFileSync(
      file,
      `apiVersion: v1
kind: Secret
metadata: { name: vault, namespace: dev }
stringData: { password: ${PASSWORD}, INNOCENT_LOOKING: ${TOKEN} }
---
apiVersion: v1
kind: Pod
metadata: { name: vault-user, namespace: dev }
spec:
  containers:
    - name: app
      image: registry.example/api:3.2.0
      env:
        - { name: MODE, value: batch }
        - name: DB_PASSWORD
          valueFrom: { secretKeyRef: { name: vault, key: password } }
      envFrom:
        - secretRef: { name: vault }
      volumeMounts:
        - { name: creds, mountPath: /etc/creds }
  volumes:
    - name: creds
      secret: { secretName: vault }
`,
    );
    await w.kubectl('apply', '-f', file);
    await w.kubectl('wait', '--for=condition=Ready', 'pod/vault-user', '-n', 'dev', '--timeout=20s');
  });
  const vault = (command: string[]) => ({ namespace: 'dev', pod: 'vault-user', command, reason: 'debug' });

  it('a command naming a Secret-backed variable or path, or reading a process environment, is refused before any approval', async () => {
    const before = w.auditRecords({ type: 'approval.requested' }).length;
    for (const command of [
      ['printenv', 'DB_PASSWORD'],
      ['sh', '-c', 'echo $DB_PASSWORD'],
      ['cat', '/etc/creds/password'],
      ['ls', '/etc/creds'],
      ['cat', '/proc/1/environ'],
    ]) {
      const res = await w.call('agent', 'k8s_pod_exec', vault(command));
      expect(res.isError, command.join(' ')).toBe(true);
      expect(res.content[0]!.text).toMatch(/k8s_pod_exec does not read Secrets: it (names|reads)/);
    }
    expect(w.auditRecords({ type: 'approval.requested' })).toHaveLength(before);
    expect(JSON.stringify(w.auditRecords({}))).not.toContain(PASSWORD);
  });

  it("env shows every Secret-backed variable masked, envFrom's too, and the rest as it is", async () => {
    const id = approvalIdOf(await w.call('agent', 'k8s_pod_exec', vault(['env'])));
    await approve(id);
    const res = await w.call('agent', 'k8s_pod_exec', { ...vault(['env']), approvalId: id });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    const stdout = res.structuredContent!.stdout as string;
    expect(stdout).toContain('MODE=batch\n');
    expect(stdout).toContain('DB_PASSWORD=[REDACTED:secret]\n');
    expect(stdout).toContain('INNOCENT_LOOKING=[REDACTED:secret]\n');
    const everything = `${res.content[0]!.text}${JSON.stringify(w.auditRecords({}))}`;
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(TOKEN);
    // The container holds them in clear: the masking is opswarden's.
    expect(await w.kubectl('exec', '-n', 'dev', 'vault-user', '--', 'printenv', 'INNOCENT_LOOKING')).toBe(
      `${TOKEN}\n`,
    );
  });
});

describe('output flood', () => {
  it("a command printing 350 MB comes back as its tail, cut bytes counted, the server's peak memory barely moving", async () => {
    const child = await w.serveInChild();
    const args = execArgs('dev', ['seq', '40000000']);
    const pending = await child.call('agent', 'k8s_pod_exec', args);
    const id = approvalIdOf(pending);
    const granted = await child.http('oncall', 'POST', `/v1/approvals/${id}/approve`, { body: {} });
    expect(granted.status).toBe(200);
    const before = peakRss(child.pid);
    const res = await child.call('agent', 'k8s_pod_exec', { ...args, approvalId: id });
    const after = peakRss(child.pid);
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    const out = res.structuredContent as { stdout: string; cut: string[]; exitCode: number };
    expect(out.exitCode).toBe(0);
    expect(out.stdout.endsWith('39999999\n40000000\n')).toBe(true);
    expect(Buffer.byteLength(out.stdout)).toBeLessThanOrEqual(6_000);
    const total = 348_888_897;
    expect(out.cut).toEqual([`stdout: the first ${total - Buffer.byteLength(out.stdout)} of ${total} bytes`]);
    expect(Buffer.byteLength(res.content[0]!.text)).toBeLessThan(16 * 1024);
    expect(after - before, `peak RSS grew ${((after - before) / MiB).toFixed(0)} MiB`).toBeLessThan(
      128 * MiB,
    );
    await child.stop();
  }, 120_000);
});

describe('the simulator authorizes exec as create on pods/exec', () => {
  it('a token that may read everything, or get pods/exec, cannot exec; kubectl and client-node are told why', async () => {
    const world = await startKubeWorld(SCENARIO, {
      users: [
        { name: 'viewer', token: 'viewer-token-exec-test', rules: READ_ONLY_ACCESS },
        {
          name: 'getter',
          token: 'getter-token-exec-test',
          rules: [...READ_ONLY_ACCESS, { verbs: ['get'], apiGroups: [''], resources: ['pods/exec'] }],
        },
        {
          name: 'operator',
          token: 'operator-token-exec-test',
          rules: [...READ_ONLY_ACCESS, { verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }],
        },
      ],
    });
    try {
      const pod = world.sim.store.list('Pod', { namespace: 'dev', labelSelector: 'app=api' })[0]!.metadata
        .name;
      for (const user of ['viewer', 'getter']) {
        const kubectl = kubectlFor(world.sim.kubeconfigFor(user));
        const res = await kubectl(['exec', '-n', 'dev', pod, '--', 'env']);
        expect(res.code, user).not.toBe(0);
        expect(res.stdout).toBe('');
        expect(res.stderr).toContain(
          `pods "${pod}" is forbidden: User "${user}" cannot create resource "pods/exec" in API group "" in the namespace "dev"`,
        );
        const backend = createKubernetesBackend({ kubeconfig: world.sim.kubeconfigFor(user) });
        const err = await backend
          .exec({
            namespace: 'dev',
            pod,
            container: 'app',
            command: ['env'],
            timeoutMs: 5_000,
            keepBytes: 100,
          })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(KubeError);
        expect((err as KubeError).status).toBe(403);
        expect((err as KubeError).message).toContain('cannot create resource "pods/exec"');
      }
      const allowed = await kubectlFor(world.sim.kubeconfigFor('operator'))([
        'exec',
        '-n',
        'dev',
        pod,
        '--',
        'hostname',
      ]);
      expect(allowed).toMatchObject({ code: 0, stdout: `${pod}\n` });
    } finally {
      await world.close();
    }
  });
});

/** The process's peak resident set (VmHWM), in bytes. */
function peakRss(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for process ${pid}`);
  return Number(match[1]) * 1024;
}

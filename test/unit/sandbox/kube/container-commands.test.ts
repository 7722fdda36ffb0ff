// The simulated container's commands, answered from a pod spec and its cluster's objects:
// what an engineer sees through `kubectl exec` in the sandbox, and where it says plainly
// that it is no real shell.

import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../../src/sandbox/kube/container-commands.ts';
import { containerView, dataReader } from '../../../../src/sandbox/kube/container-view.ts';
import type { KubeObject } from '../../../../src/sandbox/world.ts';

const objects: Record<string, KubeObject> = {
  'ConfigMap/settings': {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'shop' },
    data: { 'app.yaml': 'pool: 20\n', mode: 'live', unused: 'x' },
  } as unknown as KubeObject,
  'Secret/creds': {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'creds', namespace: 'shop' },
    data: { token: Buffer.from('s3cr3t-t0ken').toString('base64') },
  } as unknown as KubeObject,
};

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    nodeName: 'node-a',
    securityContext: { runAsUser: 1000, runAsGroup: 2000, fsGroup: 3000 },
    containers: [
      {
        name: 'app',
        envFrom: [{ configMapRef: { name: 'settings' }, prefix: 'CFG_' }],
        env: [
          { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
          { name: 'GONE', valueFrom: { configMapKeyRef: { name: 'missing', key: 'x' } } },
        ],
        volumeMounts: [
          { name: 'config', mountPath: '/etc/web' },
          { name: 'one', mountPath: '/etc/mode', subPath: 'mode' },
          { name: 'secret', mountPath: '/var/run/creds' },
        ],
      },
    ],
    volumes: [
      {
        name: 'config',
        configMap: { name: 'settings', items: [{ key: 'app.yaml', path: 'conf/app.yaml' }] },
      },
      { name: 'one', configMap: { name: 'settings' } },
      { name: 'secret', secret: { secretName: 'creds' } },
    ],
  },
} as unknown as KubeObject;

const view = containerView(
  pod,
  (pod.spec as { containers: never[] }).containers[0]!,
  dataReader((kind, _namespace, name) => objects[`${kind}/${name}`], 'shop'),
);
const NOW = new Date('2026-04-05T09:07:03Z');
const run = (...argv: string[]) => {
  const r = runCommand(argv, view, NOW);
  return { stdout: [...r.stdout].join(''), stderr: r.stderr, exitCode: r.exitCode };
};

describe('the simulated container', () => {
  it('env resolves envFrom with its prefix, Secret and ConfigMap keys and the downward API; missing refs are left out', () => {
    const env = run('env').stdout;
    expect(env).toContain('CFG_mode=live\n');
    expect(env).toContain('API_TOKEN=s3cr3t-t0ken\n');
    expect(env).toContain('NODE=node-a\n');
    expect(env).toContain('APP=web\n');
    expect(env).toContain('HOSTNAME=web-0\n');
    expect(env).not.toContain('GONE=');
    expect(run('printenv', 'NODE', 'NOPE')).toEqual({ stdout: 'node-a\n', stderr: '', exitCode: 1 });
  });

  it('cat and ls read the mounted files: items paths, a subPath file, a Secret decoded', () => {
    expect(run('cat', '/etc/web/conf/app.yaml').stdout).toBe('pool: 20\n');
    expect(run('cat', '/etc/mode').stdout).toBe('live');
    expect(run('cat', '/var/run/creds/token').stdout).toBe('s3cr3t-t0ken');
    expect(run('ls', '/etc/web')).toEqual({ stdout: 'conf\n', stderr: '', exitCode: 0 });
    expect(run('ls', '-l', '/etc/web/conf').stdout).toBe('-rw-r--r-- 1 root root     9 app.yaml\n');
    expect(run('cat', '/etc/web')).toMatchObject({ stderr: 'cat: /etc/web: Is a directory\n', exitCode: 1 });
    expect(run('ls', '/nope')).toMatchObject({
      exitCode: 2,
      stderr: "ls: cannot access '/nope': No such file or directory\n",
    });
    expect(run('ls', '-R', '/')).toMatchObject({ exitCode: 2 });
  });

  it('identity, host and clock come from the spec and the world', () => {
    expect(run('id').stdout).toBe('uid=1000 gid=2000 groups=2000,3000\n');
    expect(run('whoami')).toMatchObject({
      exitCode: 1,
      stderr: 'whoami: cannot find name for user ID 1000\n',
    });
    expect(run('uname', '-n', '-s').stdout).toBe('Linux web-0\n');
    expect(run('date').stdout).toBe('Sun Apr  5 09:07:03 UTC 2026\n');
    expect(run('date', '+%s').stdout).toBe(`${NOW.getTime() / 1000}\n`);
    expect(run('date', '-Iseconds').stdout).toBe('2026-04-05T09:07:03+00:00\n');
  });

  it('sh -c runs one command with quotes, or exit; pipes, lists and variables are refused', () => {
    expect(run('sh', '-c', 'echo "a  b" \'c\'d').stdout).toBe('a  b cd\n');
    expect(run('/bin/sh', '-c', 'exit 300').exitCode).toBe(44);
    const piped = run('sh', '-c', 'env | grep TOKEN');
    expect(piped).toMatchObject({ exitCode: 2, stdout: '' });
    expect(piped.stderr).toMatch(/only single commands are simulated/);
    expect(run('sh', '-c', 'echo $API_TOKEN').exitCode).toBe(2);
    expect(run('sh', '-c', 'echo "open').stderr).toMatch(/Unterminated quoted string/);
    expect(run('sh').exitCode).toBe(2);
  });

  it('anything else is not found, like a shell says it; commands in bin directories run', () => {
    expect(run('curl', 'localhost')).toEqual({
      stdout: '',
      stderr: 'curl: command not found\n',
      exitCode: 127,
    });
    expect(run('/opt/app/bin/echo', 'x').exitCode).toBe(127);
    expect(run('/usr/bin/echo', '-n', 'x')).toEqual({ stdout: 'x', stderr: '', exitCode: 0 });
  });

  it('seq counts up and down, lazily', () => {
    expect(run('seq', '3').stdout).toBe('1\n2\n3\n');
    expect(run('seq', '5', '-2', '1').stdout).toBe('5\n3\n1\n');
    expect(run('seq', '1', '0', '3')).toMatchObject({ exitCode: 1 });
    const huge = runCommand(['seq', '1000000000000'], view, NOW).stdout[Symbol.iterator]();
    expect(huge.next().value).toMatch(/^1\n2\n/);
  });
});

// The cluster deployment as an attacker would probe it. The manifests, as `kubectl kustomize`
// renders them: a locked-down pod (non-root, read-only root, no privilege escalation, no
// capabilities, seccomp), keys only from the Secret, and RBAC that can never read a Secret,
// holds no wildcard and no escalation verb, grants the base exactly what the read tools
// need and leaves every write to the opt-in overlay. The staged image: no tests, no dev
// dependencies, no TypeScript, nothing its user may write; and a store pointed into the
// image cannot be written there.

import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  type Stats,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeAccess, kubeAccessFor } from '../../src/doctor/kube-access.ts';
import { type AccessRule, allows } from '../../src/sandbox/kube/rbac.ts';
import type { KubeObject } from '../../src/sandbox/world.ts';
import { allTools } from '../../tools/index.ts';
import { DEFAULT_PATH, imageConfig, startContainer } from '../helpers/container.ts';
import { BASE, CONTAINERFILE, REMEDIATION, render, type StagedImage, stageImage } from '../helpers/deploy.ts';
import { REPO } from '../helpers/world.ts';

type Json = Record<string, unknown>;

let base: KubeObject[];
let withRemediation: KubeObject[];
let image: StagedImage;

beforeAll(async () => {
  [base, withRemediation, image] = await Promise.all([render(BASE), render(REMEDIATION), stageImage()]);
}, 600_000);
afterAll(() => image?.remove());

const ofKind = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
function one(objects: KubeObject[], kind: string, namePrefix = ''): KubeObject {
  const found = ofKind(objects, kind).find((o) => o.metadata.name.startsWith(namePrefix));
  if (!found) throw new Error(`no ${kind} ${namePrefix} rendered`);
  return found;
}
const podSpec = (objects: KubeObject[]) =>
  ((one(objects, 'Deployment').spec as { template: Json }).template as { spec: Json }).spec;
const roles = (objects: KubeObject[]) => objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role');
const rulesOf = (objects: KubeObject[]) => roles(objects).flatMap((role) => role.rules as AccessRule[]);
const toolsOfKind = (kind: 'read' | 'mutate') => allTools.filter((t) => t.kind === kind).map((t) => t.name);

/** Every single (verb, group, resource) a set of rules grants. */
const grants = (rules: AccessRule[]) =>
  rules.flatMap((rule) =>
    rule.verbs.flatMap((verb) =>
      rule.apiGroups.flatMap((group) =>
        rule.resources.map((resource) => `${verb} ${resource} in "${group}"`),
      ),
    ),
  );
const grantOf = (access: KubeAccess) =>
  `${access.verb} ${access.resource}${access.subresource ? `/${access.subresource}` : ''} in "${access.group}"`;
const allowed = (rules: AccessRule[], access: KubeAccess) =>
  allows({ name: 'opswarden', token: '', rules }, access);

describe('rendered manifests: the pod', () => {
  it('runs non-root on a read-only root, without privilege escalation, capabilities or host access', () => {
    const spec = podSpec(base);
    const podContext = spec.securityContext as Json;
    expect(podContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(podContext.runAsUser).toBeGreaterThan(0);
    for (const host of ['hostNetwork', 'hostPID', 'hostIPC']) expect(spec[host], host).toBeUndefined();
    for (const volume of spec.volumes as Json[]) expect(volume.hostPath, String(volume.name)).toBeUndefined();
    for (const container of spec.containers as Json[]) {
      expect(container.securityContext).toEqual({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      const resources = container.resources as { requests: Json; limits: Json };
      expect(Object.keys(resources.requests).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(resources.limits).sort()).toEqual(['cpu', 'memory']);
    }
    expect(one(base, 'Deployment').spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    const namespace = one(base, 'Namespace');
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('takes every key from the Secret: no literal key in the config, no Secret in the manifests', () => {
    expect(ofKind(withRemediation, 'Secret')).toEqual([]);
    const text = String((one(base, 'ConfigMap', 'opswarden-config-').data as Json)['opswarden.yaml']);
    const config = yaml.load(text) as {
      auth: { apiKeys: { key?: string; sha256?: string }[] };
      approvals: { signingSecret: string };
      server: { http: { metricsToken: string } };
    };
    const secrets = [
      ...config.auth.apiKeys.map((apiKey) => apiKey.key),
      config.approvals.signingSecret,
      config.server.http.metricsToken,
    ];
    for (const value of secrets) expect(value).toMatch(/^\$\{[A-Z_]+\}$/);
    const referenced = [...JSON.stringify(config).matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]);
    const [container] = podSpec(base).containers as Json[];
    const env = (container?.env ?? []) as Json[];
    const fromSecret = env
      .filter((env) => (env.valueFrom as Json | undefined)?.secretKeyRef)
      .map(({ name }) => name);
    expect(fromSecret.sort()).toEqual([...new Set(referenced)].sort());
    for (const { valueFrom } of env)
      if (valueFrom) expect((valueFrom as Json).secretKeyRef).toMatchObject({ name: 'opswarden-keys' });
  });
});

describe('rendered manifests: RBAC', () => {
  it('never grants Secrets, wildcards, escalation or access to other identities', () => {
    for (const role of roles(withRemediation)) {
      const execRules = (role.rules as AccessRule[]).filter((rule) => rule.resources.includes('pods/exec'));
      // k8s_pod_exec's grant stands alone, so an install can leave it out; only `create`.
      if (role.metadata.name === 'opswarden-exec')
        expect(execRules).toEqual([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]);
      else expect(execRules, role.metadata.name).toEqual([]);
    }
    for (const rule of rulesOf(withRemediation)) {
      const text = JSON.stringify(rule);
      expect(rule.verbs.concat(rule.apiGroups, rule.resources), text).not.toContain('*');
      expect(
        rule.resources.some((r) => r === 'secrets' || r.startsWith('secrets/')),
        text,
      ).toBe(false);
      for (const verb of ['escalate', 'bind', 'impersonate']) expect(rule.verbs, text).not.toContain(verb);
      expect(rule.apiGroups, text).not.toContain('rbac.authorization.k8s.io');
      for (const resource of ['serviceaccounts/token', 'pods/attach', 'pods/portforward', 'nodes/proxy'])
        expect(rule.resources, text).not.toContain(resource);
    }
    for (const binding of ofKind(withRemediation, 'ClusterRoleBinding').concat(
      ofKind(withRemediation, 'RoleBinding'),
    ))
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: 'opswarden', namespace: 'opswarden' },
      ]);
  });

  it('grants the base exactly what the read tools need, and no write', () => {
    const rules = rulesOf(base);
    const needed = kubeAccessFor(toolsOfKind('read')).map((n) => n.access);
    for (const access of needed) expect(allowed(rules, access), access.text).toBe(true);
    expect(grants(rules).sort()).toEqual([...new Set(needed.map(grantOf))].sort());
    expect(new Set(rules.flatMap((rule) => rule.verbs))).toEqual(new Set(['get', 'list']));
  });

  it('leaves the remediation writes to the opt-in overlay, and grants there only what mutate tools need', () => {
    const baseRules = rulesOf(base);
    const overlayRules = rulesOf(withRemediation);
    const needed = kubeAccessFor(allTools.map((t) => t.name)).map((n) => n.access);
    const writes = needed.filter((access) => !allowed(baseRules, access));
    expect(writes.map((w) => w.text).sort()).toEqual(
      [
        'create pods/eviction',
        'create pods/exec',
        'delete pods',
        'patch configmaps',
        'patch daemonsets.apps',
        'patch deployments.apps',
        'patch nodes',
        'patch statefulsets.apps',
      ].sort(),
    );
    for (const access of needed) expect(allowed(overlayRules, access), access.text).toBe(true);
    const added = grants(overlayRules).filter((grant) => !grants(baseRules).includes(grant));
    const mutateNeeds = kubeAccessFor(toolsOfKind('mutate')).map((n) => grantOf(n.access));
    for (const grant of added) expect(mutateNeeds, grant).toContain(grant);
    expect(roles(base).map((r) => r.metadata.name)).toEqual(['opswarden-read']);
  });
});

/** Every path under `dir`, with its lstat. */
function walk(dir: string): { path: string; stat: Stats }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = lstatSync(path);
    return [{ path, stat }, ...(stat.isDirectory() ? walk(path) : [])];
  });
}

describe('the staged image', () => {
  it('holds no tests, no dev dependencies and no TypeScript to strip', () => {
    const app = join(image.rootfs, 'app');
    const own = walk(app)
      .map(({ path }) => path.slice(app.length))
      .filter((path) => !path.startsWith('/node_modules/'));
    expect(own.filter((path) => /\/test(\/|$)|\.test\./.test(path))).toEqual([]);
    expect(own.filter((path) => /\.(ts|mts|cts)$/.test(path) && !path.endsWith('.d.ts'))).toEqual([]);
    // Only what the lock marks dev-only: ajv or @types/node are also dependencies of runtime packages.
    const devOnly = (lockFile: string) =>
      Object.entries(
        (JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, { dev?: boolean }> })
          .packages,
      )
        .filter(([, entry]) => entry.dev)
        .map(([path]) => path);
    const repoDevOnly = devOnly(join(REPO, 'package-lock.json'));
    expect(repoDevOnly).toContain('node_modules/vitest');
    expect(repoDevOnly.filter((path) => existsSync(join(app, path)))).toEqual([]);
    expect(devOnly(join(app, 'node_modules/.package-lock.json'))).toEqual([]);
  });

  it('lets its user write nothing: no world-writable, user-owned, setuid or setgid file', () => {
    const { uid } = imageConfig(CONTAINERFILE);
    const loose = walk(image.rootfs).filter(
      ({ stat }) => !stat.isSymbolicLink() && (stat.mode & 0o6002 || stat.uid === uid),
    );
    expect(loose.map(({ path, stat }) => `${path} ${stat.mode.toString(8)} uid ${stat.uid}`)).toEqual([]);
  });

  it('runs the built JavaScript: its entrypoint is on PATH and points into dist/', () => {
    const { entrypoint } = imageConfig(CONTAINERFILE);
    expect(entrypoint).toEqual(['opswarden']);
    const target = readlinkSync(join(image.rootfs, 'usr/local/bin/opswarden'));
    expect(target).toMatch(/^\/app\/dist\/.*\.js$/);
    expect(lstatSync(join(image.rootfs, target)).isFile()).toBe(true);
  });

  it('cannot be written even by a config that puts the store into it: the start fails, nothing lands', async () => {
    const config = join(image.rootfs, '..', 'hostile-config');
    mkdirSync(config);
    writeFileSync(
      join(config, 'opswarden.yaml'),
      'store: { path: /app/state.db }\naudit: { jsonl: /app/audit.jsonl }\n',
    );
    const { entrypoint, workingDir, uid, gid } = imageConfig(CONTAINERFILE);
    const container = startContainer({
      rootfs: image.rootfs,
      argv: [...entrypoint, 'serve', '--http', '--port', '0'],
      workingDir,
      env: { PATH: DEFAULT_PATH, HOME: '/', OPSWARDEN_CONFIG: '/etc/opswarden/config/opswarden.yaml' },
      uid,
      gid,
      groups: [],
      mounts: [{ path: '/etc/opswarden/config', source: config, readOnly: true }, { path: '/tmp' }],
    });
    expect(await container.exited, container.output()).toBe(1);
    expect(container.output()).toContain('cannot open database /app/state.db');
    expect(readdirSync(join(image.rootfs, 'app')).filter((name) => /state|audit/.test(name))).toEqual([]);
  });
});

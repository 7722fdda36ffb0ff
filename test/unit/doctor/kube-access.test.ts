// The access table doctor checks RBAC with stays in step with the catalog and with the API:
// every Kubernetes tool has an entry, every entry is a tool, and every access names a
// resource (and subresource) the Kubernetes API serves in that group (metrics.k8s.io's with
// metrics-server).

import { describe, expect, it } from 'vitest';
import { KUBERNETES_TOOLS, kubeAccessFor, parseKubeAccess } from '../../../src/doctor/kube-access.ts';
import { METRICS_RESOURCES } from '../../../src/sandbox/kube/metrics-api.ts';
import { RESOURCES } from '../../../src/sandbox/kube/resources.ts';
import { allTools } from '../../../tools/index.ts';

const catalog = allTools.map((tool) => tool.name);

describe('Kubernetes access table', () => {
  it('covers every k8s_ tool and names only catalog tools', () => {
    expect(catalog.filter((name) => name.startsWith('k8s_') && !KUBERNETES_TOOLS.has(name))).toEqual([]);
    expect([...KUBERNETES_TOOLS].filter((name) => !catalog.includes(name))).toEqual([]);
  });

  it('names resources, groups and subresources the API serves', () => {
    for (const { access } of kubeAccessFor(catalog)) {
      const type = [...RESOURCES, ...METRICS_RESOURCES].find(
        (r) => r.plural === access.resource && r.group === access.group,
      );
      expect(type, access.text).toBeDefined();
      if (access.subresource)
        expect(
          type?.subresources.map((s) => s.name),
          access.text,
        ).toContain(access.subresource);
    }
  });

  it('needs no write for read tools, and names who needs each write', () => {
    const reads = allTools.filter((t) => t.kind === 'read').map((t) => t.name);
    const readVerbs = new Set(kubeAccessFor(reads).map((n) => n.access.verb));
    expect([...readVerbs].sort()).toEqual(['get', 'list']);
    const patchDeployments = kubeAccessFor(catalog).find((n) => n.access.text === 'patch deployments.apps');
    expect(patchDeployments?.tools.sort()).toEqual([
      'k8s_deployment_scale',
      'k8s_rollout_restart',
      'k8s_rollout_undo',
    ]);
  });

  it('parses kubectl-style access and refuses anything else, naming it', () => {
    expect(parseKubeAccess('create pods/eviction')).toMatchObject({
      verb: 'create',
      resource: 'pods',
      group: '',
      subresource: 'eviction',
    });
    expect(parseKubeAccess('list ingresses.networking.k8s.io').group).toBe('networking.k8s.io');
    expect(() => parseKubeAccess('patch')).toThrow('access "patch": expected');
  });
});

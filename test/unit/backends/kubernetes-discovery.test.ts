// Discovery's bookkeeping, on documents served from memory: which spellings name which
// resource, the cache and its TTL, the refresh a miss buys (a CRD installed a moment ago),
// a broken aggregated API costing only its own kinds, and no path taken from a spelling.

import { describe, expect, it } from 'vitest';
import { Discovery, parseSpelling } from '../../../src/backends/kubernetes/discovery.ts';
import { KubeError } from '../../../src/backends/kubernetes/types.ts';

const resource = (name: string, kind: string, extra: Record<string, unknown> = {}) => ({
  name,
  singularName: kind.toLowerCase(),
  namespaced: true,
  kind,
  verbs: ['get', 'list'],
  ...extra,
});

function documents() {
  const docs: Record<string, unknown> = {
    '/apis': {
      groups: [
        {
          name: 'apps',
          versions: [{ groupVersion: 'apps/v1' }],
          preferredVersion: { groupVersion: 'apps/v1' },
        },
        {
          name: 'example.com',
          versions: [{ groupVersion: 'example.com/v2' }, { groupVersion: 'example.com/v1' }],
          preferredVersion: { groupVersion: 'example.com/v2' },
        },
        { name: 'metrics.k8s.io', versions: [{ groupVersion: 'metrics.k8s.io/v1beta1' }] },
      ],
    },
    '/api/v1': {
      resources: [
        resource('pods', 'Pod', { shortNames: ['po'] }),
        resource('pods/log', 'Pod'),
        resource('secrets', 'Secret'),
        resource('events', 'Event', { shortNames: ['ev'] }),
      ],
    },
    '/apis/apps/v1': { resources: [resource('deployments', 'Deployment', { shortNames: ['deploy'] })] },
    '/apis/example.com/v2': { resources: [resource('widgets', 'Widget', { shortNames: ['wd'] })] },
    '/apis/example.com/v1': { resources: [resource('widgets', 'Widget')] },
  };
  const fetched: string[] = [];
  const fetchJson = async (path: string) => {
    fetched.push(path);
    if (path.startsWith('/apis/metrics.k8s.io')) throw new Error('503 service unavailable');
    if (!(path in docs)) throw new Error(`404 ${path}`);
    return structuredClone(docs[path]);
  };
  return { docs, fetched, fetchJson };
}

describe('Discovery', () => {
  it('resolves kinds, plurals, singulars, short names and qualified names, any case', async () => {
    const { fetchJson } = documents();
    const d = new Discovery(fetchJson, 'c1');
    const names = async (spelling: string) => {
      const r = await d.resolve(spelling);
      return `${r.group}/${r.version}/${r.resource}`;
    };
    for (const spelling of ['Pod', 'pods', 'pod', 'po', 'PODS', 'v1/Pod', 'pods.', 'pods.v1.'])
      expect(await names(spelling), spelling).toBe('/v1/pods');
    for (const spelling of [
      'deploy',
      'deployments.apps',
      'Deployment.apps',
      'deployments.v1.apps',
      'apps/v1/Deployment',
      'apps/Deployment',
    ])
      expect(await names(spelling), spelling).toBe('apps/v1/deployments');
    expect(await names('wd')).toBe('example.com/v2/widgets');
    expect(await names('example.com/v1/Widget')).toBe('example.com/v1/widgets');
    expect(await names('widgets.v1.example.com')).toBe('example.com/v1/widgets');
  });

  it('caches for the TTL, refreshes at most every 10 s on a miss, and then finds a new kind', async () => {
    const { docs, fetched, fetchJson } = documents();
    let now = 0;
    const d = new Discovery(fetchJson, 'c1', 300_000, () => now);
    await d.resolve('pods');
    const first = fetched.length;
    await d.resolve('deploy');
    expect(fetched.length).toBe(first);
    await expect(d.resolve('gadgets')).rejects.toThrow(/not served/);
    expect(fetched.length).toBe(first);
    (docs['/apis/apps/v1'] as { resources: unknown[] }).resources.push(resource('gadgets', 'Gadget'));
    now = 11_000;
    expect((await d.resolve('gadgets')).kind).toBe('Gadget');
    const refreshed = fetched.length;
    now = 400_000;
    await d.resolve('pods');
    expect(fetched.length).toBeGreaterThan(refreshed);
  });

  it('names the closest served kind, and the groups whose discovery failed', async () => {
    const d = new Discovery(documents().fetchJson, 'prod');
    const err = (await d.resolve('Deploymnet').catch((e: unknown) => e)) as KubeError;
    expect(err).toBeInstanceOf(KubeError);
    expect(err.status).toBe(404);
    expect(err.message).toMatch(
      /^kind "Deploymnet" is not served by cluster prod; closest: deployments\.apps \(Deployment, apps\/v1\)/,
    );
    expect(err.message).toMatch(/discovery failed for metrics\.k8s\.io\/v1beta1 \(503 service unavailable\)/);
    await expect(d.resolve('pods/log')).rejects.toThrow(/not served/);
  });

  it('fetches only group versions /apis lists, never a path made of the spelling', async () => {
    const { fetched, fetchJson } = documents();
    const d = new Discovery(fetchJson, 'c1');
    for (const spelling of ['x/../Secret', '../../Secret', 'apis/../secrets', 'example.com/v9/Widget'])
      await expect(d.resolve(spelling), spelling).rejects.toThrow(/not served/);
    expect(fetched.filter((p) => p.includes('..') || p.includes('v9'))).toEqual([]);
  });

  it('reads spellings the way kubectl does', () => {
    expect(parseSpelling('certificates.cert-manager.io')).toEqual([
      { name: 'certificates', group: 'cert-manager.io' },
    ]);
    expect(parseSpelling('deployments.v1.apps')).toEqual([
      { name: 'deployments', version: 'v1', group: 'apps' },
      { name: 'deployments', group: 'v1.apps' },
    ]);
    expect(parseSpelling('v1/Secret')).toEqual([{ group: '', version: 'v1', name: 'Secret' }]);
  });
});

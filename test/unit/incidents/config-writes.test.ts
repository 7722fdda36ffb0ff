// ConfigMap data writes as config changes, on small fake worlds: what the managedFields of
// a ConfigMap say about when its data was written and which ConfigMaps a pod reads; a
// write no change event records is a suspect of its own, weighed by the service that reads
// it (or, as a guess, by its namespace); a config sync is named by the ConfigMap it wrote
// and makes one hypothesis with it; a flag flip keeps its own name; and a dependency whose
// own ConfigMap was just rewritten is not blamed for the trouble that write caused.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/backends/kubernetes/types.ts';
import type { ChangeEvent } from '../../../src/changes/event.ts';
import { serviceCatalogSchema } from '../../../src/incidents/catalog.ts';
import { gatherKube } from '../../../src/incidents/correlate/gather/kube.ts';
import { correlate } from '../../../src/incidents/correlate/index.ts';
import type { CorrelateDeps, Correlation } from '../../../src/incidents/correlate/types.ts';
import {
  at,
  configMap,
  deploymentPods,
  fakeChanges,
  fakeKubernetes,
  fakePrometheus,
  MIN,
  managedEntry,
  NOW,
  type PodLogs,
  repeated,
  type Signals,
  step,
} from './fakes.ts';

const clock = { now: () => new Date(NOW) };
const request = { service: 'api', at: new Date(NOW) };
const catalog = serviceCatalogSchema.parse([
  { name: 'api', workload: 'Deployment/shop/api', dependsOn: ['recs'] },
  { name: 'recs', workload: 'Deployment/shop/recs' },
]);
const apiErrors: Signals = { api: { errorRatio: step(-10, 0.002, 0.2), traffic: () => 100 } };
const SETTINGS = { retry_max_attempts: '0', timeout_ms: '800' };

function apiPods(configMaps: string[] = []) {
  return deploymentPods('shop', 'api', [
    { name: 'api-7d788647f7-aaaaa', node: 'node-a', configMaps },
    { name: 'api-7d788647f7-bbbbb', node: 'node-b', configMaps },
  ]);
}

function apiLogs(newLine?: [number, string]): PodLogs {
  const lines = [
    ...repeated(-120, 0, 5, 'INFO GET /api 200 12ms'),
    ...repeated(-10, 0, 10, 'ERROR GET /api 502 upstream retries exhausted'),
    ...(newLine ? [newLine] : []),
  ];
  return { 'api-7d788647f7-aaaaa': lines, 'api-7d788647f7-bbbbb': lines };
}

function world(opts: {
  objects: KubeObject[];
  logs?: PodLogs;
  signals?: Signals;
  changes?: Omit<ChangeEvent, 'recordedAt' | 'recordedBy'>[];
}): CorrelateDeps {
  return {
    backends: {
      kubernetes: fakeKubernetes(opts.objects, opts.logs ?? apiLogs()),
      prometheus: fakePrometheus(opts.signals ?? apiErrors),
      changes: fakeChanges(opts.changes ?? []),
    },
    catalog,
    clock,
  };
}

const hypothesis = (result: Correlation, ref: string) => result.hypotheses.find((h) => h.ref === ref);

describe('gathering ConfigMaps', () => {
  const gather = async (objects: KubeObject[]) =>
    gatherKube(
      fakeKubernetes(objects),
      { since: NOW - 120 * MIN, until: NOW },
      { namespaces: ['shop'], configNamespaces: ['shop'] },
    );

  it('dates the data by the latest managedFields entry that owns data or binaryData', async () => {
    const kube = await gather([
      configMap('shop', 'api-settings', SETTINGS, [
        managedEntry(-30, 'kubectl-edit'),
        managedEntry(-12, 'helm', { operation: 'Apply', fieldsV1: { 'f:binaryData': {} } }),
        managedEntry(-5, 'argocd-controller', {
          fieldsV1: { 'f:metadata': { 'f:annotations': { 'f:argocd.argoproj.io/tracking-id': {} } } },
        }),
        managedEntry(-3, 'some-applier', { operation: 'Apply', fieldsV1: null }),
        managedEntry(-1, 'status-writer', { subresource: 'status' }),
      ]),
    ]);
    expect(kube.configMaps).toEqual([
      {
        namespace: 'shop',
        name: 'api-settings',
        keys: ['retry_max_attempts', 'timeout_ms'],
        dataWrite: { at: NOW - 12 * MIN, manager: 'helm', operation: 'Apply', fieldsRecorded: true },
      },
    ]);
  });

  it('counts an Update that does not say which fields it wrote, and says so', async () => {
    const kube = await gather([
      configMap('shop', 'api-settings', SETTINGS, [
        managedEntry(-30, 'kubectl-edit'),
        managedEntry(-8, 'legacy-operator', { fieldsV1: null }),
      ]),
      configMap('shop', 'untouched', {}, []),
    ]);
    expect(kube.configMaps.map((c) => c.dataWrite)).toEqual([
      { at: NOW - 8 * MIN, manager: 'legacy-operator', operation: 'Update', fieldsRecorded: false },
      undefined,
    ]);
  });

  it("lists the ConfigMaps a pod's spec reads, however it reads them", async () => {
    const [pod] = apiPods();
    pod!.spec = {
      initContainers: [{ name: 'init', envFrom: [{ configMapRef: { name: 'bootstrap' } }] }],
      containers: [
        {
          name: 'app',
          envFrom: [{ configMapRef: { name: 'api-settings' } }, { secretRef: { name: 'creds' } }],
          env: [
            { name: 'REGION', valueFrom: { configMapKeyRef: { name: 'cluster-info', key: 'region' } } },
            { name: 'MODE', value: 'live' },
          ],
        },
      ],
      volumes: [
        { name: 'flags', configMap: { name: 'api-flags' } },
        {
          name: 'bundle',
          projected: { sources: [{ configMap: { name: 'ca-bundle' } }, { secret: { name: 'x' } }] },
        },
        { name: 'tmp', emptyDir: {} },
      ],
    };
    const kube = await gather([pod!]);
    expect(kube.pods[0]!.configMaps).toEqual([
      'api-flags',
      'api-settings',
      'bootstrap',
      'ca-bundle',
      'cluster-info',
    ]);
  });
});

describe('a ConfigMap data write as a cause', () => {
  const written = (minutes: number) =>
    configMap('shop', 'api-settings', SETTINGS, [managedEntry(minutes, 'kubectl-edit')]);

  it('suspects a ConfigMap its service reads, written just before the onset with no change event', async () => {
    const result = await correlate(request, world({ objects: [...apiPods(['api-settings']), written(-11)] }));
    const top = result.hypotheses[0]!;
    expect(top).toMatchObject({ rank: 1, category: 'config', ref: 'ConfigMap/shop/api-settings' });
    expect(top.score.parts.graph).toBe(2);
    expect(top.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'config',
          at: at(-11),
          summary: expect.stringContaining('written by kubectl-edit'),
        }),
        expect.objectContaining({ kind: 'topology', summary: 'read by the pods of Deployment/shop/api' }),
      ]),
    );
    expect(result.timeline).toContainEqual(
      expect.objectContaining({ at: at(-11), kind: 'config', ref: 'ConfigMap/shop/api-settings' }),
    );
  });

  it('weighs a ConfigMap no pod reads by the nearest service of its namespace, at half the graph weight', async () => {
    const result = await correlate(request, world({ objects: [...apiPods(), written(-11)] }));
    const guessed = hypothesis(result, 'ConfigMap/shop/api-settings')!;
    expect(guessed.score.parts.graph).toBe(1);
    expect(guessed.evidence).toContainEqual(
      expect.objectContaining({
        summary:
          'no listed pod reads ConfigMap/shop/api-settings; api is the nearest service of namespace shop',
      }),
    );
  });

  it('counts a new log line naming one of its keys as tying the write to the failure', async () => {
    const reloaded: [number, string] = [-10.5, 'INFO settings reloaded: api.retry.max-attempts=0'];
    const objects = [...apiPods(['api-settings']), written(-11)];
    const plain = hypothesis(await correlate(request, world({ objects })), 'ConfigMap/shop/api-settings')!;
    const named = hypothesis(
      await correlate(request, world({ objects, logs: apiLogs(reloaded) })),
      'ConfigMap/shop/api-settings',
    )!;
    expect(named.score.parts.evidence).toBeGreaterThan(plain.score.parts.evidence!);
    expect(named.evidence).toContainEqual(
      expect.objectContaining({ kind: 'log', summary: expect.stringContaining('api.retry.max-attempts=0') }),
    );
  });

  it('ignores writes before the window and writes of metadata only', async () => {
    const result = await correlate(
      request,
      world({
        objects: [
          ...apiPods(['api-settings', 'api-labels']),
          written(-180),
          configMap('shop', 'api-labels', {}, [
            managedEntry(-11, 'argocd-controller', { fieldsV1: { 'f:metadata': { 'f:labels': {} } } }),
          ]),
        ],
      }),
    );
    expect(result.hypotheses.filter((h) => h.ref.startsWith('ConfigMap/'))).toEqual([]);
  });

  it('names a config sync by the ConfigMap it wrote and makes one hypothesis of both', async () => {
    const result = await correlate(
      request,
      world({
        objects: [
          ...apiPods(),
          configMap('shop', 'api-settings', SETTINGS, [managedEntry(-11 + 20 / 60, 'argocd')]),
        ],
        changes: [
          {
            id: 'sync-7f3a',
            at: at(-11),
            kind: 'config',
            service: 'api',
            summary: 'shop-config synced to 7f3a',
          },
        ],
      }),
    );
    const refs = result.hypotheses.map((h) => h.ref);
    expect(refs.filter((r) => r === 'ConfigMap/shop/api-settings')).toHaveLength(1);
    expect(refs).not.toContain('Change/sync-7f3a');
    const top = result.hypotheses[0]!;
    expect(top.ref).toBe('ConfigMap/shop/api-settings');
    expect(top.score.parts.graph).toBe(2);
    expect(top.evidence.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        'config sync-7f3a on api: shop-config synced to 7f3a',
        'ConfigMap/shop/api-settings data written 20 s after it by argocd (Update)',
      ]),
    );
  });

  it('leaves a flag flip its own name, with the ConfigMap that stores it as evidence', async () => {
    const result = await correlate(
      request,
      world({
        objects: [
          ...apiPods(),
          configMap('shop', 'api-flags', { 'ranking.enabled': 'true' }, [managedEntry(-11, 'flagctl')]),
        ],
        changes: [
          { id: 'flag-ranking', at: at(-11), kind: 'feature_flag', service: 'api', summary: 'ranking on' },
        ],
      }),
    );
    expect(result.hypotheses[0]!.ref).toBe('Change/flag-ranking');
    expect(result.hypotheses[0]!.evidence).toContainEqual(
      expect.objectContaining({ kind: 'config', ref: 'ConfigMap/shop/api-flags' }),
    );
    expect(hypothesis(result, 'ConfigMap/shop/api-flags')).toBeUndefined();
  });

  it('keeps a write apart from a change long before it', async () => {
    const result = await correlate(
      request,
      world({
        objects: [...apiPods(['api-settings']), written(-11)],
        changes: [{ id: 'flag-old', at: at(-40), kind: 'feature_flag', service: 'api', summary: 'old flag' }],
      }),
    );
    expect(result.hypotheses[0]!.ref).toBe('ConfigMap/shop/api-settings');
    expect(hypothesis(result, 'Change/flag-old')!.evidence.filter((e) => e.kind === 'config')).toEqual([]);
  });

  it('names a config sync by the ConfigMap it names, and leaves the write of another one its own suspect', async () => {
    const result = await correlate(
      request,
      world({
        objects: [
          ...apiPods(),
          written(-11),
          configMap('shop', 'api-routes', { 'route.v2': 'on' }, [managedEntry(-3000, 'argocd')]),
        ],
        changes: [
          { id: 'sync-9c1e', at: at(-11), kind: 'config', service: 'api', summary: 'synced shop/api-routes' },
        ],
      }),
    );
    expect(hypothesis(result, 'ConfigMap/shop/api-routes')!.summary).toContain('changed by config sync-9c1e');
    expect(hypothesis(result, 'ConfigMap/shop/api-settings')!.summary).toContain('no change event recorded');
  });

  it("holds a write of a dependency's ConfigMap, not the dependency, responsible for its trouble", async () => {
    const result = await correlate(
      request,
      world({
        objects: [
          ...apiPods(),
          ...deploymentPods('shop', 'recs', [
            { name: 'recs-7d788647f7-ccccc', node: 'node-c', configMaps: ['recs-config'] },
          ]),
          configMap('shop', 'recs-config', { model: 'v2' }, [managedEntry(-11, 'kubectl-edit')]),
        ],
        signals: {
          ...apiErrors,
          recs: { errorRatio: step(-10, 0.001, 0.3), latencyP99: step(-10, 0.1, 2), traffic: () => 80 },
        },
      }),
    );
    expect(result.hypotheses[0]).toMatchObject({ category: 'config', ref: 'ConfigMap/shop/recs-config' });
    const recs = hypothesis(result, 'Deployment/shop/recs')!;
    expect(recs.score.parts.explained).toBeLessThan(-1);
    expect(recs.evidence.map((e) => e.summary)).toContainEqual(
      'its trouble began right after the data write of ConfigMap/shop/recs-config',
    );
  });
});

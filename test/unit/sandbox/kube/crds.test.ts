// CustomResourceDefinitions in the simulator, over the wire: a CRD created through the API
// makes its resource discoverable and servable at every served version (objects shared,
// apiVersion as asked), prints its columns in a Table, refuses a malformed CRD with the
// fields at fault, and takes its objects with it when deleted.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareVersions, jsonPath } from '../../../../src/sandbox/kube/crds.ts';
import { type KubeSimulator, startKubeSimulator } from '../../../../src/sandbox/kube/simulator.ts';
import { call } from './api-client.ts';
import { fixtureWorld } from './fixture-world.ts';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
    versions: [
      { name: 'v1beta1', served: true, storage: false },
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
          { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
        ],
      },
    ],
  },
};

let sim: KubeSimulator;
beforeEach(async () => {
  sim = await startKubeSimulator(fixtureWorld());
});
afterEach(async () => {
  await sim.close();
});

describe('CustomResourceDefinitions', () => {
  it('serve their resource once created: discovery, create, get at each version, Table, delete', async () => {
    expect((await call(sim, 'GET', '/apis/example.com/v1')).status).toBe(404);
    const created = await call(sim, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: CRD,
    });
    expect(created.status).toBe(201);
    expect(created.json.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'Established', status: 'True' }),
    );

    const groups = (await call(sim, 'GET', '/apis')).json.groups;
    expect(groups.find((g: { name: string }) => g.name === 'example.com')).toMatchObject({
      versions: [{ groupVersion: 'example.com/v1' }, { groupVersion: 'example.com/v1beta1' }],
      preferredVersion: { groupVersion: 'example.com/v1' },
    });
    expect((await call(sim, 'GET', '/apis/example.com/v1')).json.resources).toContainEqual(
      expect.objectContaining({ name: 'widgets', kind: 'Widget', namespaced: true, shortNames: ['wd'] }),
    );

    const widget = {
      apiVersion: 'example.com/v1beta1',
      kind: 'Widget',
      metadata: { name: 'w1', namespace: 'shop' },
      spec: { size: 3 },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    expect(
      (await call(sim, 'POST', '/apis/example.com/v1beta1/namespaces/shop/widgets', { body: widget })).status,
    ).toBe(201);
    const atV1 = await call(sim, 'GET', '/apis/example.com/v1/namespaces/shop/widgets/w1');
    expect(atV1.json).toMatchObject({ apiVersion: 'example.com/v1', kind: 'Widget', spec: { size: 3 } });

    const table = (await call(sim, 'GET', '/apis/example.com/v1/namespaces/shop/widgets', { accept: TABLE }))
      .json;
    expect(table.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Ready', 'Size']);
    expect(table.rows[0].cells).toEqual(['w1', 'True', 3]);

    expect(
      (
        await call(
          sim,
          'DELETE',
          '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com',
        )
      ).status,
    ).toBe(200);
    expect((await call(sim, 'GET', '/apis/example.com/v1/namespaces/shop/widgets/w1')).status).toBe(404);
    expect(sim.store.list('CustomResourceDefinition')).toEqual([]);
  });

  it('refuse a CRD that cannot be served, naming each field', async () => {
    const bad = {
      ...CRD,
      metadata: { name: 'gadgets.example.com' },
      spec: { ...CRD.spec, scope: 'Everywhere', versions: [] },
    };
    const res = await call(sim, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: bad,
    });
    expect(res.status).toBe(422);
    expect(res.json.message).toMatch(/spec\.scope: .*supported values/);
    expect(res.json.message).toMatch(/metadata\.name: .*spec\.names\.plural\+"\."\+spec\.group/);
    expect(res.json.message).toMatch(/spec\.versions: Required value/);
  });
});

describe('printer column JSONPath and version priority', () => {
  const object = {
    spec: { size: 3, items: [{ n: 'a' }, { n: 'b' }] },
    status: {
      conditions: [
        { type: 'Synced', status: 'True' },
        { type: 'Ready', status: 'False' },
      ],
    },
  };
  it('selects fields, indexes, wildcards and filters; anything else selects nothing', () => {
    expect(jsonPath(object, '.spec.size')).toEqual([3]);
    expect(jsonPath(object, '{.spec.items[1].n}')).toEqual(['b']);
    expect(jsonPath(object, '.spec.items[*].n')).toEqual(['a', 'b']);
    expect(jsonPath(object, '.status.conditions[?(@.type=="Ready")].status')).toEqual(['False']);
    expect(jsonPath(object, '.spec.missing')).toEqual([]);
    expect(jsonPath(object, '$..size')).toEqual([]);
  });
  it('orders versions GA, beta, alpha, higher first', () => {
    expect(['v1alpha1', 'v2beta1', 'v1', 'v1beta2', 'v2', 'foo'].sort(compareVersions)).toEqual([
      'v2',
      'v1',
      'v2beta1',
      'v1beta2',
      'v1alpha1',
      'foo',
    ]);
  });
});

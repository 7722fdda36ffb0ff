// The simulator over the wire (HTTPS, bearer token): discovery, errors as Status bodies,
// tables, writes with preconditions and dry runs, logs, eviction and watches, as a client
// library or kubectl sees them.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type KubeSimulator, startKubeSimulator } from '../../../../src/sandbox/kube/simulator.ts';
import { call, watch } from './api-client.ts';
import { CHECKOUT_PODS, CRASHING_POD, fixtureWorld, RS_V2 } from './fixture-world.ts';

const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const HEALTHY_POD = CHECKOUT_PODS[0]!;

let sim: KubeSimulator;
beforeEach(async () => {
  sim = await startKubeSimulator(fixtureWorld());
});
afterEach(async () => {
  await sim.close();
});

describe('authentication and discovery', () => {
  it('refuses requests without the bearer token with a 401 Status', async () => {
    for (const token of [null, 'wrong']) {
      const res = await call(sim, 'GET', '/api/v1/pods', { token });
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'Unauthorized',
        code: 401,
      });
    }
    expect((await call(sim, 'GET', '/readyz', { token: null })).status).toBe(200);
  });

  it('serves the discovery documents kubectl drain and scale rely on', async () => {
    expect((await call(sim, 'GET', '/version')).json.gitVersion).toBe('v1.32.4');
    const core = (await call(sim, 'GET', '/api/v1')).json;
    expect(core.resources).toContainEqual(
      expect.objectContaining({ name: 'pods', shortNames: ['po'], kind: 'Pod', namespaced: true }),
    );
    expect(core.resources).toContainEqual(
      expect.objectContaining({ name: 'pods/eviction', group: 'policy', version: 'v1', kind: 'Eviction' }),
    );
    const apps = (await call(sim, 'GET', '/apis/apps/v1')).json;
    expect(apps.resources).toContainEqual(
      expect.objectContaining({
        name: 'deployments/scale',
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
      }),
    );
    const groups = (await call(sim, 'GET', '/apis')).json.groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual([
      'apps',
      'policy',
      'autoscaling',
      'batch',
      'networking.k8s.io',
      'rbac.authorization.k8s.io',
      'apiextensions.k8s.io',
      'authorization.k8s.io',
    ]);
    expect((await call(sim, 'GET', '/openapi/v2')).status).toBe(404);
  });
});

describe('reads', () => {
  it('answers a missing object with 404 NotFound naming the resource and name', async () => {
    const res = await call(sim, 'GET', '/apis/apps/v1/namespaces/shop/deployments/nope');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'deployments.apps "nope" not found',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
    });
    expect((await call(sim, 'GET', '/api/v1/namespaces/shop/widgets')).json.message).toBe(
      'the server could not find the requested resource',
    );
  });

  it('has no Secrets: an empty list, and 404 for any name', async () => {
    const list = await call(sim, 'GET', '/api/v1/secrets');
    expect(list.json).toMatchObject({ kind: 'SecretList', apiVersion: 'v1', items: [] });
    expect((await call(sim, 'GET', '/api/v1/namespaces/shop/secrets/db-password')).json.message).toBe(
      'secrets "db-password" not found',
    );
  });

  it('lists without kind on items (as typed lists come) and gets with it, each with a resourceVersion', async () => {
    const list = (await call(sim, 'GET', '/api/v1/namespaces/shop/pods?labelSelector=app%3Dcheckout')).json;
    expect(list.kind).toBe('PodList');
    expect(list.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(list.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(
      [...CHECKOUT_PODS].sort(),
    );
    expect(list.items[0].kind).toBeUndefined();
    const pod = (await call(sim, 'GET', `/api/v1/namespaces/shop/pods/${HEALTHY_POD}`)).json;
    expect(pod).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
    });
  });

  it('pages with limit and continue over the wire', async () => {
    const first = (await call(sim, 'GET', '/api/v1/pods?limit=3')).json;
    expect(first.items).toHaveLength(3);
    expect(first.metadata.remainingItemCount).toBe(5);
    const rest = (await call(sim, 'GET', `/api/v1/pods?limit=10&continue=${first.metadata.continue}`)).json;
    expect(rest.items).toHaveLength(5);
    expect(rest.metadata.continue).toBeUndefined();
  });

  it('prints pods as a Table with the columns and cells kubectl shows', async () => {
    const table = (
      await call(sim, 'GET', '/api/v1/namespaces/shop/pods?labelSelector=app%3Dcheckout', { accept: TABLE })
    ).json;
    expect(table.kind).toBe('Table');
    expect(
      table.columnDefinitions
        .filter((c: { priority: number }) => c.priority === 0)
        .map((c: { name: string }) => c.name),
    ).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    const crash = table.rows.find((row: { cells: string[] }) => row.cells[0] === CRASHING_POD);
    expect(crash.cells.slice(0, 5)).toEqual([CRASHING_POD, '0/1', 'CrashLoopBackOff', '14 (12m ago)', '19m']);
    expect(crash.object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { namespace: 'shop' } });
    const nodes = (await call(sim, 'GET', '/api/v1/nodes', { accept: TABLE })).json;
    expect(nodes.rows[0].cells.slice(0, 5)).toEqual(['node-a', 'Ready', '<none>', '30d', 'v1.32.4']);
  });
});

describe('writes', () => {
  it('answers 409 AlreadyExists, 409 Conflict on a stale resourceVersion, and 404 for a missing namespace', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'checkout-config' }, data: {} };
    const exists = await call(sim, 'POST', '/api/v1/namespaces/shop/configmaps', { body: cm });
    expect(exists.json).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: 'configmaps "checkout-config" already exists',
    });

    const current = (await call(sim, 'GET', '/api/v1/namespaces/shop/configmaps/checkout-config')).json;
    const stale = {
      ...current,
      metadata: { ...current.metadata, resourceVersion: '1' },
      data: { max_connections: '99' },
    };
    const conflict = await call(sim, 'PUT', '/api/v1/namespaces/shop/configmaps/checkout-config', {
      body: stale,
    });
    expect(conflict.json).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(conflict.json.message).toMatch(
      /Operation cannot be fulfilled on configmaps "checkout-config": the object has been modified/,
    );

    const missing = await call(sim, 'POST', '/api/v1/namespaces/nowhere/configmaps', {
      body: { ...cm, metadata: { name: 'x' } },
    });
    expect(missing.json).toMatchObject({ code: 404, message: 'namespaces "nowhere" not found' });
  });

  it('answers 422 Invalid naming the field, for a negative scale and a selector that misses the template', async () => {
    const scale = await call(sim, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/checkout/scale', {
      body: { spec: { replicas: -1 } },
      contentType: 'application/merge-patch+json',
    });
    expect(scale.status).toBe(422);
    expect(scale.json.message).toBe(
      'Scale.autoscaling "checkout" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );

    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'other' } },
          spec: { containers: [{ name: 'web', image: 'nginx' }] },
        },
      },
    };
    const invalid = await call(sim, 'POST', '/apis/apps/v1/namespaces/shop/deployments', {
      body: deployment,
    });
    expect(invalid.json).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(invalid.json.details.causes[0]).toMatchObject({ field: 'spec.template.metadata.labels' });
  });

  it('with dryRun=All validates and answers, but stores nothing', async () => {
    const scaled = await call(
      sim,
      'PATCH',
      '/apis/apps/v1/namespaces/shop/deployments/checkout/scale?dryRun=All',
      {
        body: { spec: { replicas: 7 } },
        contentType: 'application/merge-patch+json',
      },
    );
    expect(scaled.json).toMatchObject({ kind: 'Scale', spec: { replicas: 7 } });
    const created = await call(sim, 'POST', '/api/v1/namespaces/shop/configmaps?dryRun=All', {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' }, data: { a: 'b' } },
    });
    expect(created.status).toBe(201);
    const deleted = await call(sim, 'DELETE', `/api/v1/namespaces/shop/pods/${HEALTHY_POD}?dryRun=All`);
    expect(deleted.status).toBe(200);

    expect(sim.store.get('Deployment', 'shop', 'checkout')!.spec?.replicas).toBe(3);
    expect(sim.store.get('ConfigMap', 'shop', 'dry')).toBeUndefined();
    expect(sim.store.get('Pod', 'shop', HEALTHY_POD)).toBeDefined();
  });

  it('applies a strategic merge patch (kubectl set image) and rolls the deployment', async () => {
    const res = await call(sim, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/checkout', {
      contentType: 'application/strategic-merge-patch+json',
      body: {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'app' }],
              containers: [{ name: 'app', image: 'registry.example/checkout:1.43.0' }],
            },
          },
        },
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.metadata.generation).toBe(3);
    const deployment = sim.store.get('Deployment', 'shop', 'checkout')!;
    expect(deployment.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(deployment.status).toMatchObject({
      observedGeneration: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
  });

  it('refuses server-side apply and protobuf bodies with 415', async () => {
    const apply = await call(sim, 'PATCH', '/api/v1/namespaces/shop/configmaps/checkout-config', {
      body: 'data: {}',
      contentType: 'application/apply-patch+yaml',
    });
    expect(apply.json).toMatchObject({ code: 415, reason: 'UnsupportedMediaType' });
    const protobuf = await call(sim, 'POST', '/api/v1/namespaces/shop/configmaps', {
      body: 'k8s\u0000',
      contentType: 'application/vnd.kubernetes.protobuf',
    });
    expect(protobuf.json.message).toMatch(/kubectl create -f/);
  });

  it('deleting with propagationPolicy=Orphan keeps the dependents, without their owner reference', async () => {
    const res = await call(sim, 'DELETE', '/apis/apps/v1/namespaces/shop/deployments/checkout', {
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' },
    });
    expect(res.json).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'checkout', kind: 'deployments' },
    });
    const rs = sim.store.get('ReplicaSet', 'shop', RS_V2)!;
    expect(rs.metadata.ownerReferences).toEqual([]);
    expect(sim.store.list('Pod', { namespace: 'shop', labelSelector: 'app=checkout' })).toHaveLength(3);
  });
});

describe('pod logs', () => {
  const log = (pod: string, query: string) =>
    call(sim, 'GET', `/api/v1/namespaces/shop/pods/${pod}/log?${query}`);

  it('tails, timestamps, limits bytes and goes back in time', async () => {
    const tail = await log(HEALTHY_POD, 'container=app&tailLines=2&timestamps=true');
    expect(tail.contentType).toBe('text/plain');
    expect(tail.text).toBe(
      `2026-04-25T14:29:40Z ${HEALTHY_POD} app line 112\n2026-04-25T14:29:50Z ${HEALTHY_POD} app line 113\n`,
    );
    expect((await log(HEALTHY_POD, 'sinceSeconds=30')).text.trim().split('\n')).toHaveLength(3);
    expect((await log(HEALTHY_POD, 'sinceTime=2026-04-25T14:29:45Z')).text.trim().split('\n')).toHaveLength(
      1,
    );
    expect((await log(HEALTHY_POD, 'limitBytes=10')).text).toBe(`${HEALTHY_POD.slice(0, 10)}`);
  });

  it('serves the previous container of a crash-looping pod, and refuses it where there is none', async () => {
    const previous = await log(CRASHING_POD, 'previous=true&tailLines=1');
    expect(previous.text).toBe('java.lang.OutOfMemoryError: Java heap space\n');
    const none = await log(HEALTHY_POD, 'previous=true');
    expect(none.json).toMatchObject({
      code: 400,
      message: `previous terminated container "app" in pod "${HEALTHY_POD}" not found`,
    });
    expect((await log(HEALTHY_POD, 'container=sidecar')).json.message).toBe(
      `container sidecar is not valid for pod ${HEALTHY_POD}`,
    );
  });

  it('tails the last lines of a 170,000-line log without building it whole', async () => {
    const started = Date.now();
    const res = await log('orders-db-0', 'tailLines=3');
    expect(res.text.trim().split('\n')).toEqual([
      'orders-db-0 postgres line 172797',
      'orders-db-0 postgres line 172798',
      'orders-db-0 postgres line 172799',
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
    const whole = await log('orders-db-0', '');
    expect(whole.text.split('\n')).toHaveLength(172_801);
  });
});

describe('eviction', () => {
  const evict = (pod: string, query = '') =>
    call(sim, 'POST', `/api/v1/namespaces/shop/pods/${pod}/eviction${query}`, {
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace: 'shop' } },
    });

  it('answers 429 when the PodDisruptionBudget would be violated', async () => {
    const res = await evict(HEALTHY_POD);
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({
      reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
    });
    expect(res.json.details.causes[0].message).toBe(
      'The disruption budget checkout-pdb needs 2 healthy pods and has 2 currently',
    );
    expect(sim.store.get('Pod', 'shop', HEALTHY_POD)).toBeDefined();
  });

  it('evicts an unhealthy pod while the budget holds; the ReplicaSet replaces it under a new name', async () => {
    expect((await evict(CRASHING_POD, '?dryRun=All')).status).toBe(201);
    expect(sim.store.get('Pod', 'shop', CRASHING_POD)).toBeDefined();
    const res = await evict(CRASHING_POD);
    expect(res.json).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    expect(sim.store.get('Pod', 'shop', CRASHING_POD)).toBeUndefined();
    const pods = sim.store.list('Pod', { namespace: 'shop', labelSelector: 'app=checkout' });
    expect(pods.filter((pod) => pod.status?.phase === 'Running')).toHaveLength(3);
    const reasons = sim.store
      .list('Event', { fieldSelector: `involvedObject.name=${CRASHING_POD}` })
      .map((e) => e.reason);
    expect(reasons).toContain('Evicted');
  });

  it('recreates an evicted StatefulSet pod under the same name with a new uid', async () => {
    const before = sim.store.get('Pod', 'shop', 'orders-db-0')!.metadata.uid;
    expect((await evict('orders-db-0')).status).toBe(201);
    const after = sim.store.get('Pod', 'shop', 'orders-db-0')!;
    expect(after.metadata.uid).not.toBe(before);
    expect(after.status?.phase).toBe('Running');
  });
});

describe('watch', () => {
  it('streams the changes after a resourceVersion for the selected object, as rollout status watches', async () => {
    const listed = (
      await call(
        sim,
        'GET',
        '/apis/apps/v1/namespaces/shop/deployments?fieldSelector=metadata.name%3Dcheckout',
      )
    ).json;
    const stream = await watch(
      sim,
      `/apis/apps/v1/namespaces/shop/deployments?fieldSelector=metadata.name%3Dcheckout&resourceVersion=${listed.metadata.resourceVersion}&watch=true`,
    );
    expect(stream.status).toBe(200);
    await call(sim, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/checkout/scale', {
      body: { spec: { replicas: 4 } },
      contentType: 'application/merge-patch+json',
    });
    const events = await stream.waitFor(2);
    stream.close();
    expect(events.every((e) => e.type === 'MODIFIED' && e.object.metadata.name === 'checkout')).toBe(true);
    expect(events.at(-1).object.status.replicas).toBe(4);
  });

  it('starts with ADDED for current objects and reports deletions', async () => {
    const stream = await watch(
      sim,
      '/api/v1/namespaces/shop/pods?watch=true&labelSelector=app%3Dorders-db&timeoutSeconds=5',
    );
    await stream.waitFor(2);
    await call(sim, 'DELETE', '/api/v1/namespaces/shop/pods/orders-db-1');
    const events = await stream.waitFor(5);
    stream.close();
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`).slice(0, 4)).toEqual([
      'ADDED orders-db-0',
      'ADDED orders-db-1',
      'DELETED orders-db-1',
      'ADDED orders-db-1',
    ]);
  });

  it('answers 410 Expired for a resourceVersion it no longer has, and ends at timeoutSeconds', async () => {
    const expired = await call(sim, 'GET', '/api/v1/pods?watch=true&resourceVersion=5');
    expect(expired.json).toMatchObject({ code: 410, reason: 'Expired' });
    const stream = await watch(
      sim,
      `/api/v1/nodes?watch=true&resourceVersion=${sim.store.resourceVersion}&timeoutSeconds=1`,
    );
    await stream.ended;
    expect(stream.events).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { listPage, parseListQuery } from '../../../../src/sandbox/kube/list.ts';
import { resourceByKind } from '../../../../src/sandbox/kube/resources.ts';
import { ObjectStore } from '../../../../src/sandbox/kube/store.ts';

const podType = resourceByKind('Pod');

function storeWithPods(): ObjectStore {
  const store = new ObjectStore();
  const pods = [
    ['shop', 'checkout-3', 'checkout', 'node-a'],
    ['shop', 'checkout-1', 'checkout', 'node-b'],
    ['shop', 'orders-db-0', 'orders-db', 'node-a'],
    ['monitoring', 'exporter-1', 'exporter', 'node-a'],
    ['shop', 'checkout-2', 'checkout', 'node-a'],
  ];
  for (const [namespace, name, app, node] of pods) {
    store.create(podType, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: name!,
        namespace,
        uid: name!,
        creationTimestamp: '2026-04-25T14:00:00Z',
        labels: { app: app! },
      },
      spec: { nodeName: node },
    });
  }
  return store;
}

const query = (params: Record<string, string>) => parseListQuery(new URLSearchParams(params), podType);
const names = (items: { metadata: { name: string } }[]) => items.map((item) => item.metadata.name);

describe('lists', () => {
  it('orders by namespace then name, and filters by namespace, labels and fields together', () => {
    const store = storeWithPods();
    expect(names(listPage(store, podType, undefined, query({})).items)).toEqual([
      'exporter-1',
      'checkout-1',
      'checkout-2',
      'checkout-3',
      'orders-db-0',
    ]);
    const page = listPage(
      store,
      podType,
      'shop',
      query({ labelSelector: 'app=checkout', fieldSelector: 'spec.nodeName=node-a' }),
    );
    expect(names(page.items)).toEqual(['checkout-2', 'checkout-3']);
    expect(page.resourceVersion).toBe(store.resourceVersion);
  });

  it('pages with limit and continue, counting what remains, until no token is left', () => {
    const store = storeWithPods();
    const first = listPage(store, podType, undefined, query({ limit: '2' }));
    expect(names(first.items)).toEqual(['exporter-1', 'checkout-1']);
    expect(first.remainingItemCount).toBe(3);
    const second = listPage(store, podType, undefined, query({ limit: '2', continue: first.continue! }));
    expect(names(second.items)).toEqual(['checkout-2', 'checkout-3']);
    expect(second.resourceVersion).toBe(first.resourceVersion);
    const last = listPage(store, podType, undefined, query({ limit: '2', continue: second.continue! }));
    expect(names(last.items)).toEqual(['orders-db-0']);
    expect(last.continue).toBeUndefined();
  });

  it('pages over the selected objects only', () => {
    const store = storeWithPods();
    const first = listPage(store, podType, undefined, query({ limit: '1', labelSelector: 'app=checkout' }));
    const rest = listPage(
      store,
      podType,
      undefined,
      query({ labelSelector: 'app=checkout', continue: first.continue! }),
    );
    expect([...names(first.items), ...names(rest.items)]).toEqual(['checkout-1', 'checkout-2', 'checkout-3']);
    expect(first.remainingItemCount).toBe(2);
  });

  it('rejects a continue token it did not issue and a negative limit', () => {
    const store = storeWithPods();
    expect(() => listPage(store, podType, undefined, query({ continue: 'bogus' }))).toThrow(
      /continue key is not valid/,
    );
    expect(() => query({ limit: '-1' })).toThrow(/limit: invalid value "-1"/);
  });
});

describe('the store', () => {
  it('bumps resourceVersion on every write and replays changes after a version', () => {
    const store = storeWithPods();
    const before = Number(store.resourceVersion);
    const pod = store.get(podType, 'shop', 'checkout-1')!;
    const updated = store.update(podType, { ...pod, status: { phase: 'Running' } });
    expect(Number(updated.metadata.resourceVersion)).toBe(before + 1);
    store.delete(podType, 'shop', 'checkout-2');
    expect(
      store.changesSince(before)!.map((change) => `${change.type} ${change.object.metadata.name}`),
    ).toEqual(['MODIFIED checkout-1', 'DELETED checkout-2']);
  });

  it('hands out copies, so changing a returned object changes nothing stored', () => {
    const store = storeWithPods();
    const pod = store.get(podType, 'shop', 'checkout-1')!;
    pod.metadata.labels = { app: 'tampered' };
    expect(store.get(podType, 'shop', 'checkout-1')!.metadata.labels).toEqual({ app: 'checkout' });
  });
});

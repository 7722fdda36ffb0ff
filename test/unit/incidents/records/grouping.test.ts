// How posted alerts become incidents: related services (along dependsOn, either way,
// transitively) within the group window share one incident, the dependency's alert
// explains its dependents' and names the incident's service, unrelated services and late
// alerts open their own, alerts with no service group by namespace and cluster, an alert
// relating two open incidents merges them, re-posts update instead of adding, and ids
// count per detect day.

import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../../src/incidents/records/alert.ts';
import { IncidentRecords } from '../../../../src/incidents/records/store.ts';
import { alert, at, records, resolved } from './fixture.ts';

describe('grouping by service topology', () => {
  it('puts a storm on connected services in one incident led by the most upstream service', () => {
    const { store } = records();
    const result = store.ingest(
      [
        alert('HighErrorRate', { service: 'frontend', namespace: 'shop' }, 3),
        alert('HighErrorRate', { service: 'checkout', namespace: 'shop', pod: 'checkout-1' }, 2),
        alert('HighErrorRate', { service: 'checkout', namespace: 'shop', pod: 'checkout-2' }, 2),
        alert('PostgresDown', { service: 'orders-db', namespace: 'shop', severity: 'critical' }, 1),
      ],
      'alertmanager',
    );
    expect(result.accepted).toBe(4);
    expect(result.incidents).toEqual([{ id: 'INC-2026-04-25-001', created: true }]);
    const incident = store.get('INC-2026-04-25-001')!;
    expect(incident.service).toBe('orders-db');
    expect(incident.services).toEqual(['orders-db', 'checkout', 'frontend']);
    expect(incident.detectedAt).toBe(at(1));
    expect(incident.title).toBe('orders-db: PostgresDown, 4 alerts on 3 services');
    const root = incident.alerts.find((a) => a.service === 'orders-db')!;
    expect(root.explainedBy).toBeUndefined();
    for (const dependent of incident.alerts.filter((a) => a.service !== 'orders-db'))
      expect(dependent.explainedBy).toBe(root.fingerprint);
    expect(incident.context.downstreamImpact.sort()).toEqual(['checkout', 'frontend']);
  });

  it('joins later posts to the open incident and moves the lead upstream when the cause shows up', () => {
    const { store } = records();
    store.ingest([alert('HighErrorRate', { service: 'checkout' }, 0)], 'am');
    expect(store.get('INC-2026-04-25-001')!.service).toBe('checkout');
    const second = store.ingest([alert('PaymentsDown', { service: 'payments' }, 4)], 'am');
    expect(second.incidents).toEqual([{ id: 'INC-2026-04-25-001', created: false }]);
    const incident = store.get('INC-2026-04-25-001')!;
    expect(incident.service).toBe('payments');
    const payments = incident.alerts.find((a) => a.service === 'payments')!;
    expect(incident.alerts.find((a) => a.service === 'checkout')!.explainedBy).toBe(payments.fingerprint);
  });

  it('opens separate incidents for unrelated services and for services that only share a dependency', () => {
    const { store } = records();
    const result = store.ingest(
      [
        alert('HighErrorRate', { service: 'checkout' }, 0),
        alert('SlowQueries', { service: 'search' }, 0),
        alert('StockStale', { service: 'inventory' }, 1),
      ],
      'am',
    );
    expect(result.incidents.map((i) => i.id)).toEqual([
      'INC-2026-04-25-001',
      'INC-2026-04-25-002',
      'INC-2026-04-25-003',
    ]);
    expect(store.list().map((i) => i.services)).toEqual([['inventory'], ['search'], ['checkout']]);
  });

  it('merges incidents an alert relates (the later one resolves, merged into the earlier)', () => {
    const { store, audit } = records();
    store.ingest([alert('HighErrorRate', { service: 'checkout' }, 0)], 'am');
    store.ingest([alert('StockStale', { service: 'inventory' }, 1)], 'am');
    expect(store.list({ status: 'open' })).toHaveLength(2);
    const result = store.ingest([alert('PostgresDown', { service: 'orders-db' }, 2)], 'am');
    expect(result.incidents).toEqual([{ id: 'INC-2026-04-25-001', created: false }]);
    const merged = store.get('INC-2026-04-25-001')!;
    expect(merged.services.sort()).toEqual(['checkout', 'inventory', 'orders-db']);
    expect(merged.service).toBe('orders-db');
    const gone = store.get('INC-2026-04-25-002')!;
    expect(gone).toMatchObject({ status: 'resolved', alerts: [] });
    const status = store.timeline('INC-2026-04-25-002').filter((e) => e.kind === 'status');
    expect(status.map((e) => e.summary)).toEqual([
      expect.stringMatching(/^open → resolved: merged into INC-2026-04-25-001/),
    ]);
    expect(audit.query({ type: 'incident.status' }).map((r) => r.data)).toEqual([
      expect.objectContaining({
        incident: 'INC-2026-04-25-002',
        to: 'resolved',
        mergedInto: 'INC-2026-04-25-001',
      }),
    ]);
  });

  it('merges within one post without burning an id', () => {
    const { store } = records();
    const result = store.ingest(
      [
        alert('PaymentsDown', { service: 'payments' }, 0),
        alert('PostgresDown', { service: 'orders-db' }, 1),
        alert('HighErrorRate', { service: 'checkout' }, 2),
      ],
      'am',
    );
    expect(result.incidents).toEqual([{ id: 'INC-2026-04-25-001', created: true }]);
    expect(store.get('INC-2026-04-25-001')!.alerts).toHaveLength(3);
    expect(store.ingest([alert('SlowQueries', { service: 'search' }, 3)], 'am').incidents).toEqual([
      { id: 'INC-2026-04-25-002', created: true },
    ]);
  });

  it('starts a new incident when the related incident has stopped firing and the window has passed', () => {
    const { store } = records();
    const first = alert('HighErrorRate', { service: 'checkout' }, 0);
    store.ingest([first], 'am');
    store.ingest([resolved(first, 5)], 'am');
    const inWindow = store.ingest([alert('PaymentsDown', { service: 'payments' }, 14)], 'am');
    expect(inWindow.incidents[0]!.id).toBe('INC-2026-04-25-001');
    store.ingest([resolved(alert('PaymentsDown', { service: 'payments' }, 14), 15)], 'am');
    const late = store.ingest([alert('HighLatency', { service: 'frontend' }, 30)], 'am');
    expect(late.incidents).toEqual([{ id: 'INC-2026-04-25-002', created: true }]);
  });

  it('keeps joining an incident that is still firing, however long ago it started', () => {
    const { store } = records();
    store.ingest([alert('HighErrorRate', { service: 'checkout' }, 0)], 'am');
    const later = store.ingest([alert('HighLatency', { service: 'frontend' }, 90)], 'am');
    expect(later.incidents[0]).toEqual({ id: 'INC-2026-04-25-001', created: false });
  });
});

describe('alerts without a service', () => {
  it('derive the service from deployment, app or a catalog job label', () => {
    const { store } = records();
    store.ingest(
      [
        alert('KubePodCrashLooping', { deployment: 'payments-api', namespace: 'payments' }, 0),
        alert('TargetDown', { job: 'search', namespace: 'search' }, 0),
        alert('TargetDown', { job: 'kubernetes-pods', namespace: 'search' }, 0),
      ],
      'am',
    );
    const incidents = store.list();
    expect(incidents.map((i) => i.services).sort()).toEqual([['payments'], ['search']]);
    const search = incidents.find((i) => i.service === 'search')!;
    expect(search.alerts.map((a) => a.service ?? null).sort()).toEqual([null, 'search']);
  });

  it('group by namespace and cluster, or by alertname and cluster with no namespace', () => {
    const { store } = records();
    store.ingest(
      [
        alert('KubeQuotaExceeded', { namespace: 'batch', cluster: 'eu-1' }, 0),
        alert('KubeJobFailed', { namespace: 'batch', cluster: 'eu-1' }, 1),
        alert('KubeJobFailed', { namespace: 'batch', cluster: 'us-1' }, 1),
        alert('NodeNotReady', { node: 'n1' }, 0),
        alert('NodeNotReady', { node: 'n2' }, 1),
        alert('NodeDiskFull', { node: 'n3' }, 1),
      ],
      'am',
    );
    const sizes = store.list().map((i) => [i.title, i.alerts.length]);
    expect(sizes.sort()).toEqual([
      ['batch: KubeJobFailed', 1],
      ['batch: KubeQuotaExceeded, 2 alerts', 2],
      ['cluster: NodeDiskFull', 1],
      ['cluster: NodeNotReady, 2 alerts', 2],
    ]);
  });
});

describe('deduplication by fingerprint', () => {
  it('updates status and end on a re-post instead of adding an alert', () => {
    const { store, audit } = records();
    const firing = alert('HighErrorRate', { service: 'checkout', pod: 'checkout-1' }, 0, {
      fingerprint: 'a1b2c3d4e5f60718',
    });
    store.ingest([firing], 'am');
    const again = store.ingest([firing, firing], 'am');
    expect(again.accepted).toBe(1);
    store.ingest([resolved(firing, 6)], 'am');
    const incident = store.get('INC-2026-04-25-001')!;
    expect(incident.alerts).toEqual([
      expect.objectContaining({ fingerprint: 'a1b2c3d4e5f60718', status: 'resolved', endsAt: at(6) }),
    ]);
    expect(audit.query({ type: 'incidents.ingested' }).map((r) => r.data.accepted)).toEqual([1, 1, 1]);
  });

  it('computes a fingerprint from the sorted labels when the poster sends none', () => {
    const { store } = records();
    store.ingest([alert('HighErrorRate', { service: 'checkout', pod: 'p1' }, 0)], 'poster');
    store.ingest([alert('HighErrorRate', { pod: 'p1', service: 'checkout' }, 0)], 'poster');
    const [incident] = store.list();
    expect(incident!.alerts).toHaveLength(1);
    expect(incident!.alerts[0]!.fingerprint).toBe(
      fingerprintOf({ alertname: 'HighErrorRate', severity: 'warning', service: 'checkout', pod: 'p1' }),
    );
  });

  it('opens nothing for a resolved alert no incident holds', () => {
    const { store } = records();
    const result = store.ingest([resolved(alert('HighErrorRate', { service: 'checkout' }, 0), 2)], 'am');
    expect(result).toEqual({ accepted: 1, incidents: [] });
    expect(store.list()).toEqual([]);
  });
});

describe('incident ids', () => {
  it('number incidents per detect day (UTC), continuing after a restart', () => {
    const { store, db, audit, clock } = records();
    store.ingest([alert('A', { service: 'search' }, 0)], 'am');
    store.ingest([alert('B', { service: 'checkout' }, 0)], 'am');
    store.ingest([alert('C', { service: 'ledger' }, 60 * 11)], 'am'); // 2026-04-26T01:00Z
    const restarted = new IncidentRecords(db, audit, clock, {
      catalog: [],
      groupWindowMs: 60_000,
      autoResolveAfterMs: 60_000,
    });
    const result = restarted.ingest([alert('D', { service: 'other' }, 1)], 'am');
    expect(result.incidents).toEqual([{ id: 'INC-2026-04-25-003', created: true }]);
    expect(
      restarted
        .list()
        .map((i) => i.id)
        .sort(),
    ).toEqual(['INC-2026-04-25-001', 'INC-2026-04-25-002', 'INC-2026-04-25-003', 'INC-2026-04-26-001']);
  });
});

// A small shop for the incident-record tests: a catalog where frontend calls checkout,
// checkout calls payments and orders-db, inventory also reads orders-db, and search stands
// alone; an in-memory store with its audit log on a clock the test moves; and alerts built
// the way Alertmanager would post them.

import { AuditLog } from '../../../../src/audit/log.ts';
import { ChangeStore } from '../../../../src/changes/store.ts';
import { serviceCatalogSchema } from '../../../../src/incidents/catalog.ts';
import type { AlertInput, Incident, IncidentContext } from '../../../../src/incidents/records/model.ts';
import { IncidentRecords } from '../../../../src/incidents/records/store.ts';
import { openDatabase } from '../../../../src/store/sqlite.ts';
import { TestClock } from '../../audit/helpers.ts';

export const T0 = '2026-04-25T14:00:00.000Z';
export const MINUTE = 60_000;

export const catalog = serviceCatalogSchema.parse([
  { name: 'frontend', workload: 'Deployment/shop/frontend', dependsOn: ['checkout'] },
  { name: 'checkout', workload: 'Deployment/shop/checkout', dependsOn: ['payments', 'orders-db'] },
  { name: 'payments', workload: 'Deployment/payments/payments-api' },
  { name: 'orders-db', namespace: 'shop', kind: 'external' },
  { name: 'inventory', workload: 'Deployment/shop/inventory', dependsOn: ['orders-db'] },
  { name: 'search', workload: 'Deployment/search/search' },
]);

export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * MINUTE).toISOString();
}

export function records(
  opts: { enrich?: (incident: Incident) => Promise<IncidentContext>; groupWindow?: number } = {},
) {
  const clock = new TestClock(T0);
  const db = openDatabase(':memory:');
  const audit = AuditLog.open(db, { clock });
  const changes = new ChangeStore(db, audit, clock);
  const store = new IncidentRecords(db, audit, clock, {
    catalog,
    groupWindowMs: (opts.groupWindow ?? 15) * MINUTE,
    autoResolveAfterMs: 10 * MINUTE,
    changes,
    ...(opts.enrich ? { enrich: opts.enrich } : {}),
  });
  return { clock, db, audit, changes, store };
}

/** A firing alert starting `minutes` after T0; `labels` add to or override the defaults. */
export function alert(
  alertname: string,
  labels: Record<string, string>,
  minutes = 0,
  extra: Partial<AlertInput> = {},
): AlertInput {
  return {
    labels: { alertname, severity: 'warning', ...labels },
    annotations: { summary: `${alertname} on ${labels.service ?? labels.namespace ?? 'cluster'}` },
    status: 'firing',
    startsAt: at(minutes),
    ...extra,
  };
}

export function resolved(input: AlertInput, minutes: number): AlertInput {
  return { ...input, status: 'resolved', endsAt: at(minutes) };
}

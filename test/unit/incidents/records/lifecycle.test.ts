// An incident's life as the on-call engineer drives it and as alerts move it: open →
// mitigated → resolved with every change audited, bad transitions refused by name, a
// recurrence reopening it (but not a re-sent alert that never stopped), auto-resolve once
// every alert has been quiet for the configured time, notes on the record.

import { describe, expect, it } from 'vitest';
import { IncidentError } from '../../../../src/incidents/records/store.ts';
import { alert, at, MINUTE, records, resolved } from './fixture.ts';

const ID = 'INC-2026-04-25-001';

describe('status changes', () => {
  it('moves open → mitigated → resolved, stamping each and auditing who and why', () => {
    const { store, audit, clock } = records();
    store.ingest([alert('HighErrorRate', { service: 'checkout' })], 'am');
    clock.advance(10 * MINUTE);
    expect(store.setStatus(ID, 'mitigated', 'alice', 'rolled back checkout')).toMatchObject({
      status: 'mitigated',
      mitigatedAt: at(10),
    });
    clock.advance(20 * MINUTE);
    expect(store.setStatus(ID, 'resolved', 'alice', 'error ratio back to baseline')).toMatchObject({
      status: 'resolved',
      resolvedAt: at(30),
    });
    expect(store.get(ID)!.status).toBe('resolved');
    expect(audit.query({ type: 'incident.status' }).map((r) => [r.principal, r.data])).toEqual([
      ['alice', { incident: ID, from: 'open', to: 'mitigated', reason: 'rolled back checkout' }],
      ['alice', { incident: ID, from: 'mitigated', to: 'resolved', reason: 'error ratio back to baseline' }],
    ]);
    const statusEntries = store.timeline(ID).filter((e) => e.kind === 'status');
    expect(statusEntries).toEqual([
      { at: at(10), kind: 'status', summary: 'open → mitigated: rolled back checkout', by: 'alice' },
      {
        at: at(30),
        kind: 'status',
        summary: 'mitigated → resolved: error ratio back to baseline',
        by: 'alice',
      },
    ]);
  });

  it('refuses a transition its status does not allow, and an unknown id, saying why', () => {
    const { store, audit } = records();
    store.ingest([alert('HighErrorRate', { service: 'checkout' })], 'am');
    store.setStatus(ID, 'resolved', 'alice', 'false alarm');
    expect(() => store.setStatus(ID, 'mitigated', 'alice', 'x')).toThrow(
      `${ID} is resolved; it can move to open, not mitigated`,
    );
    expect(() => store.setStatus('INC-2026-04-25-009', 'resolved', 'alice', 'x')).toThrow(IncidentError);
    expect(audit.query({ type: 'incident.status' })).toHaveLength(1);
  });
});

describe('recurrence', () => {
  it('reopens a mitigated incident when a new alert fires, not when a firing one is re-sent', () => {
    const { store, audit } = records();
    const firing = alert('HighErrorRate', { service: 'checkout' });
    store.ingest([firing], 'am');
    store.setStatus(ID, 'mitigated', 'alice', 'rolled back');
    store.ingest([firing], 'am');
    expect(store.get(ID)!.status).toBe('mitigated');
    store.ingest([alert('HighLatency', { service: 'frontend' }, 3)], 'am');
    expect(store.get(ID)).toMatchObject({ status: 'open' });
    expect(store.get(ID)!.mitigatedAt).toBeUndefined();
    const [, recurrence] = audit.query({ type: 'incident.status' });
    expect(recurrence).toMatchObject({
      principal: 'opswarden',
      data: { from: 'mitigated', to: 'open', reason: 'HighLatency fired on frontend (recurrence)' },
    });
  });

  it('keeps a mitigated incident mitigated when a late alert arrives that started before the mitigation', () => {
    const { store, clock } = records();
    store.ingest([alert('HighErrorRate', { service: 'checkout' })], 'am');
    clock.advance(10 * MINUTE);
    store.setStatus(ID, 'mitigated', 'alice', 'rolled back');
    const late = store.ingest([alert('HighLatency', { service: 'frontend' }, 4)], 'am');
    expect(late.incidents).toEqual([{ id: ID, created: false }]);
    expect(store.get(ID)).toMatchObject({ status: 'mitigated', mitigatedAt: at(10) });
  });

  it('reopens a resolved incident when its alert fires again within the group window, later opens a new one', () => {
    const { store, clock } = records();
    const firing = alert('HighErrorRate', { service: 'checkout' });
    store.ingest([firing], 'am');
    store.ingest([resolved(firing, 2)], 'am');
    clock.advance(5 * MINUTE);
    store.setStatus(ID, 'resolved', 'alice', 'fixed');
    clock.advance(5 * MINUTE);
    const again = store.ingest([{ ...firing, startsAt: at(10) }], 'am');
    expect(again.incidents).toEqual([{ id: ID, created: false }]);
    expect(store.get(ID)!.status).toBe('open');
    expect(store.timeline(ID).map((e) => e.summary)).toContain(
      'resolved → open: HighErrorRate fired again on checkout (recurrence)',
    );

    store.ingest([resolved(firing, 11)], 'am');
    clock.advance(2 * MINUTE);
    store.setStatus(ID, 'resolved', 'alice', 'fixed for real');
    clock.advance(60 * MINUTE);
    const much_later = store.ingest([{ ...firing, startsAt: at(72) }], 'am');
    expect(much_later.incidents).toEqual([{ id: 'INC-2026-04-25-002', created: true }]);
    expect(store.get(ID)!.status).toBe('resolved');
  });

  it('keeps a firing alert re-sent after a human resolved the incident there, without reopening it', () => {
    const { store } = records();
    const firing = alert('HighErrorRate', { service: 'checkout' });
    store.ingest([firing], 'am');
    store.setStatus(ID, 'resolved', 'alice', 'known noisy alert');
    const resent = store.ingest([firing], 'am');
    expect(resent.incidents).toEqual([{ id: ID, created: false }]);
    expect(store.list()).toHaveLength(1);
    expect(store.get(ID)!.status).toBe('resolved');
  });
});

describe('auto-resolve', () => {
  it('resolves once every alert has been resolved for autoResolveAfter, dated when the last one ended', () => {
    const { store, clock, audit } = records();
    const a = alert('HighErrorRate', { service: 'checkout' });
    const b = alert('PaymentsDown', { service: 'payments' }, 1);
    store.ingest([a, b], 'am');
    clock.advance(5 * MINUTE);
    store.ingest([resolved(a, 5)], 'am');
    expect(store.sweep(new Date(at(30)))).toEqual([]);
    clock.advance(3 * MINUTE);
    store.ingest([resolved(b, 8)], 'am');
    expect(store.sweep(new Date(at(17)))).toEqual([]);
    expect(store.sweep(new Date(at(18)))).toEqual([ID]);
    expect(store.get(ID)).toMatchObject({ status: 'resolved', resolvedAt: at(8) });
    expect(audit.query({ type: 'incident.status' }).at(-1)).toMatchObject({
      principal: 'opswarden',
      data: { from: 'open', to: 'resolved' },
    });
    expect(store.sweep(new Date(at(60)))).toEqual([]);
  });

  it('runs on ingest too, so a resolved storm closes without waiting for the timer', () => {
    const { store, clock } = records();
    const a = alert('HighErrorRate', { service: 'checkout' });
    store.ingest([a], 'am');
    store.ingest([resolved(a, 1)], 'am');
    clock.advance(12 * MINUTE);
    store.ingest([alert('SlowQueries', { service: 'search' }, 12)], 'am');
    expect(store.get(ID)!.status).toBe('resolved');
  });
});

describe('notes', () => {
  it('adds a note to the timeline and the audit log', () => {
    const { store, audit, clock } = records();
    store.ingest([alert('HighErrorRate', { service: 'checkout' })], 'am');
    clock.advance(4 * MINUTE);
    const entry = store.note(ID, 'paged payments team', 'alice');
    expect(entry).toEqual({ at: at(4), kind: 'note', summary: 'paged payments team', by: 'alice' });
    expect(store.timeline(ID)).toContainEqual(entry);
    expect(audit.query({ type: 'incident.note' })[0]).toMatchObject({
      principal: 'alice',
      data: { incident: ID, text: 'paged payments team' },
    });
    expect(() => store.note('INC-1999-01-01-001', 'x', 'alice')).toThrow(
      'no incident with id INC-1999-01-01-001',
    );
  });
});

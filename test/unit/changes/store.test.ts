// Change events as a CI/CD pipeline posts them and deploys_history reads them: validation
// that names the bad field, ids and times fixed on the way in, every event audited,
// re-posts replacing, and the window/service/namespace filters newest first.

import { describe, expect, it, vi } from 'vitest';
import { AuditLog } from '../../../src/audit/log.ts';
import { ChangeEventError, type ChangeEventInput, parseChangeEvents } from '../../../src/changes/event.ts';
import { ChangeStore } from '../../../src/changes/store.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';
import { TestClock } from '../audit/helpers.ts';

function changes(clock = new TestClock('2026-04-25T14:30:00.000Z')) {
  const db = openDatabase(':memory:');
  const audit = AuditLog.open(db, { clock });
  return { audit, clock, store: new ChangeStore(db, audit, clock) };
}

const flag: ChangeEventInput = {
  id: 'flag-4411',
  at: '2026-04-25T14:08:00Z',
  kind: 'feature_flag',
  service: 'checkout',
  summary: 'new-pricing enabled for 50% of traffic',
};

function parseError(body: unknown): string {
  try {
    parseChangeEvents(body);
  } catch (err) {
    expect(err).toBeInstanceOf(ChangeEventError);
    return (err as Error).message;
  }
  throw new Error('expected the body to be refused');
}

describe('parseChangeEvents', () => {
  it('takes one event or a batch under events', () => {
    expect(parseChangeEvents(flag)).toEqual([flag]);
    const migration = { kind: 'database_migration', summary: 'add index', namespace: 'data' };
    expect(parseChangeEvents({ events: [flag, migration] })).toEqual([flag, migration]);
  });

  it('names the bad field, in a batch by its index', () => {
    expect(parseError({ events: [flag, { ...flag, at: 'yesterday' }] })).toBe(
      'events[1].at: expected an RFC 3339 time such as 2026-04-25T14:08:00Z',
    );
    expect(parseError({ ...flag, kind: 'flag' })).toMatch(/^kind: .*feature_flag/);
    expect(parseError({ ...flag, summary: '   ' })).toMatch(/^summary: /);
    expect(parseError({ ...flag, owner: 'alice' })).toBe('owner: unknown field');
    expect(parseError({ ...flag, url: 'javascript:alert(1)' })).toBe('url: expected an http(s) URL');
    expect(parseError({ kind: 'other' })).toMatch(/^summary: /);
    expect(parseError({ events: [] })).toMatch(/^events: /);
  });
});

describe('ChangeStore', () => {
  it('fixes id and time on the way in and audits who posted it', () => {
    const { store, audit } = changes();
    const stored = store.record(
      { kind: 'infrastructure', summary: 'node pool eu-west-1a upgraded', at: '2026-04-25T16:00:00+02:00' },
      'ci-pipeline',
    );
    expect(stored).toMatchObject({
      id: expect.stringMatching(/^chg_[A-Za-z0-9]{12}$/),
      at: '2026-04-25T14:00:00.000Z',
      recordedAt: '2026-04-25T14:30:00.000Z',
      recordedBy: 'ci-pipeline',
    });
    expect(store.record({ kind: 'other', summary: 'no time given' }, 'ci-pipeline').at).toBe(
      '2026-04-25T14:30:00.000Z',
    );
    const records = audit.query({ type: 'change.recorded' });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      principal: 'ci-pipeline',
      data: { id: stored.id, kind: 'infrastructure', summary: 'node pool eu-west-1a upgraded' },
    });
  });

  it('stores nothing when the audit append fails', () => {
    const { store, audit } = changes();
    vi.spyOn(audit, 'append').mockImplementation(() => {
      throw new Error('disk full');
    });
    expect(() => store.record(flag, 'flags')).toThrow('disk full');
    expect(store.list({ since: new Date(0) })).toEqual([]);
  });

  it('replaces an event posted again under the same id', () => {
    const { store } = changes();
    store.record(flag, 'flags');
    store.record({ ...flag, summary: 'new-pricing enabled for 100% of traffic' }, 'flags');
    expect(store.list({ since: new Date(0) }).map((e) => e.summary)).toEqual([
      'new-pricing enabled for 100% of traffic',
    ]);
  });

  it('lists newest first within an inclusive window, by service or namespace, up to a limit', () => {
    const { store } = changes();
    const at = (minute: number) => `2026-04-25T14:${String(minute).padStart(2, '0')}:00Z`;
    store.record({ ...flag, id: 'a', at: at(0) }, 'x');
    store.record({ ...flag, id: 'b', at: at(10), service: 'cart' }, 'x');
    store.record({ ...flag, id: 'c', at: at(20), namespace: 'shop' }, 'x');
    store.record({ ...flag, id: 'd', at: at(30) }, 'x');
    const ids = (q: Partial<Parameters<ChangeStore['list']>[0]>) =>
      store.list({ since: new Date(at(0)), ...q }).map((e) => e.id);
    expect(ids({})).toEqual(['d', 'c', 'b', 'a']);
    expect(ids({ since: new Date(at(10)), until: new Date(at(20)) })).toEqual(['c', 'b']);
    expect(ids({ service: 'checkout' })).toEqual(['d', 'c', 'a']);
    expect(ids({ namespace: 'shop' })).toEqual(['c']);
    expect(ids({ limit: 2 })).toEqual(['d', 'c']);
  });
});

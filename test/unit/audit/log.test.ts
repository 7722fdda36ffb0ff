import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditError, AuditLog, verifyAudit } from '../../../src/audit/log.ts';
import { GENESIS_HASH, hashRecord, withoutHash } from '../../../src/audit/record.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';
import { auditFixture, spawnAppender, TestClock, tempDir, toolCall } from './helpers.ts';

const HOUR = 3_600_000;

describe('AuditLog.append', () => {
  it('chains each record onto the previous hash, starting from the genesis hash', () => {
    const { log } = auditFixture();
    const first = log.append(toolCall(1));
    const second = log.append({ type: 'decision', callId: 'call-1', effect: 'allow', data: { rules: [] } });

    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, ts: '2024-05-01T12:00:00.000Z' });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, effect: 'allow' });
    expect(first.hash).toBe(hashRecord(withoutHash(first)));
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores data canonically: Dates become ISO strings, undefined keys are dropped', () => {
    const { log } = auditFixture();
    const record = log.append(
      toolCall(1, { data: { at: new Date('2024-01-01T00:00:00Z'), gone: undefined } }),
    );
    expect(record.data).toEqual({ at: '2024-01-01T00:00:00.000Z' });
    expect(log.query({})[0]!.data).toEqual({ at: '2024-01-01T00:00:00.000Z' });
  });

  it('mirrors every record as one JSON line', () => {
    const { log, jsonlPath } = auditFixture();
    const records = [log.append(toolCall(1)), log.append(toolCall(2))];
    const lines = readFileSync(jsonlPath, 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(records);
  });

  it('throws AuditError for an unknown event type or effect, and records nothing', () => {
    const { log } = auditFixture();
    expect(() => log.append({ type: 'tool.cal' as never, data: {} })).toThrow(
      /unknown audit event type "tool.cal"/,
    );
    expect(() => log.append({ type: 'decision', effect: 'maybe' as never, data: {} })).toThrow(AuditError);
    expect(log.query({})).toEqual([]);
  });

  it('throws AuditError for data JSON cannot hold, naming the path', () => {
    const { log } = auditFixture();
    expect(() => log.append(toolCall(1, { data: { count: 10n } }))).toThrow(
      /tool.call audit event data: .*\$\.count/,
    );
  });

  it('throws AuditError when the mirror cannot be written, keeping the committed record', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'a.db'));
    // A directory where the mirror file should be: appendFileSync fails with EISDIR.
    const log = AuditLog.open(db, { jsonlPath: dir });
    expect(() => log.append(toolCall(1))).toThrow(
      /record #1 is in the database but the JSONL mirror .* could not be written/,
    );
    expect(log.query({}).map((r) => r.seq)).toEqual([1]);
  });

  it('counts appends for /metrics', () => {
    const { log } = auditFixture();
    log.append(toolCall(1));
    log.append(toolCall(2));
    expect(log.stats()).toEqual({ appends: 2 });
  });

  it('refuses to run inside a transaction the caller opened on the same connection', () => {
    const { log, db } = auditFixture();
    db.exec('BEGIN');
    expect(() => log.append(toolCall(1))).toThrow(/transaction is already open/);
    db.exec('ROLLBACK');
  });
});

describe('append-only guards', () => {
  it('aborts UPDATE and DELETE on audit records', () => {
    const { log, db } = auditFixture();
    log.append(toolCall(1));
    expect(() => db.exec("UPDATE audit_log SET principal = 'someone-else'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  });

  it('lets the head anchor only advance to the record just appended', () => {
    const { log, db } = auditFixture();
    log.append(toolCall(1));
    log.append(toolCall(2));
    expect(() => db.exec(`UPDATE audit_head SET seq = 1`)).toThrow(/only advances/);
    expect(() => db.exec('DELETE FROM audit_head')).toThrow(/cannot be deleted/);
  });
});

describe('AuditLog.query', () => {
  function seeded() {
    const fixture = auditFixture();
    const { log, clock } = fixture;
    log.append(toolCall(1, { principal: 'alice', tool: 'k8s_pod_logs' }));
    log.append({
      type: 'decision',
      callId: 'call-1',
      principal: 'alice',
      tool: 'k8s_pod_logs',
      effect: 'allow',
      data: {},
    });
    clock.advance(HOUR);
    log.append(toolCall(2, { principal: 'bob', tool: 'k8s_rollout_restart' }));
    log.append({
      type: 'decision',
      callId: 'call-2',
      principal: 'bob',
      tool: 'k8s_rollout_restart',
      effect: 'deny',
      data: {},
    });
    clock.advance(HOUR);
    log.append({ type: 'policy.loaded', data: { version: '1.2.0' } });
    return fixture;
  }

  it('filters by tool, principal, effect, type and callId', () => {
    const { log } = seeded();
    expect(log.query({ tool: 'k8s_rollout_restart' }).map((r) => r.seq)).toEqual([3, 4]);
    expect(log.query({ principal: 'alice' }).map((r) => r.seq)).toEqual([1, 2]);
    expect(log.query({ effect: 'deny' }).map((r) => r.seq)).toEqual([4]);
    expect(log.query({ type: 'decision' }).map((r) => r.seq)).toEqual([2, 4]);
    expect(log.query({ callId: 'call-2' }).map((r) => r.seq)).toEqual([3, 4]);
    expect(log.query({ principal: 'alice', effect: 'deny' })).toEqual([]);
  });

  it('filters by time: since inclusive, until exclusive', () => {
    const { log } = seeded();
    const start = new Date('2024-05-01T12:00:00.000Z');
    expect(log.query({ since: new Date(start.getTime() + HOUR) }).map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(log.query({ until: new Date(start.getTime() + HOUR) }).map((r) => r.seq)).toEqual([1, 2]);
  });

  it('with a limit returns the most recent matches, oldest first', () => {
    const { log } = seeded();
    expect(log.query({ limit: 2 }).map((r) => r.seq)).toEqual([4, 5]);
    expect(() => log.query({ limit: 0 })).toThrow(/limit must be a positive integer, got 0/);
  });

  it('returns records exactly as appended', () => {
    const { log } = auditFixture();
    const appended = log.append({
      type: 'action.executed',
      callId: 'c',
      principal: 'p',
      tool: 't',
      targetKey: 'prod/ns/deployment/web',
      effect: 'allow',
      data: { nested: { list: [1, 'two', null] } },
    });
    expect(log.query({})).toEqual([appended]);
  });
});

describe('history counts', () => {
  it('countExecuted counts executed changes (records with a target) per target and tool inside the window', () => {
    const { log, clock } = auditFixture();
    const executed = (target: string, tool = 'k8s_rollout_restart') =>
      log.append({ type: 'action.executed', tool, targetKey: target, data: {} });
    executed('prod/shop/deployment/web');
    clock.advance(50 * 60_000);
    executed('prod/shop/deployment/web');
    executed('prod/shop/deployment/api');
    executed('prod/shop/deployment/web', 'k8s_deployment_scale');
    log.append({
      type: 'action.failed',
      tool: 'k8s_rollout_restart',
      targetKey: 'prod/shop/deployment/web',
      data: {},
    });
    // A read's outcome carries no target key: reads are not history.
    log.append({ type: 'action.executed', tool: 'k8s_rollout_restart', data: {} });
    clock.advance(20 * 60_000);
    const now = clock.now().getTime();

    const lastHour = new Date(now - HOUR);
    expect(log.countExecuted({ targetKey: 'prod/shop/deployment/web', since: lastHour })).toBe(2);
    expect(
      log.countExecuted({ targetKey: 'prod/shop/deployment/web', since: new Date(now - 2 * HOUR) }),
    ).toBe(3);
    expect(log.countExecuted({ tool: 'k8s_rollout_restart', since: lastHour })).toBe(2);
    expect(log.countExecuted({ since: new Date(now - 2 * HOUR) })).toBe(4);
    expect(
      log.countExecuted({ targetKey: 'prod/shop/deployment/web', since: new Date(now - 10 * 60_000) }),
    ).toBe(0);
  });

  it('countRejectedApprovals counts a principal’s rejected approvals inside the window', () => {
    const { log, clock } = auditFixture();
    log.append({ type: 'approval.rejected', principal: 'agent:a', data: {} });
    clock.advance(25 * HOUR);
    log.append({ type: 'approval.rejected', principal: 'agent:a', data: {} });
    log.append({ type: 'approval.rejected', principal: 'agent:b', data: {} });
    log.append({ type: 'approval.expired', principal: 'agent:a', data: {} });
    const since = new Date(clock.now().getTime() - 24 * HOUR);
    expect(log.countRejectedApprovals({ principal: 'agent:a', since })).toBe(1);
    expect(log.countRejectedApprovals({ since })).toBe(2);
  });
});

describe('several writers on one database', () => {
  it('two connections appending interleaved form one chain', () => {
    const { dbPath, jsonlPath, log } = auditFixture();
    const other = AuditLog.open(openDatabase(dbPath), { jsonlPath, clock: new TestClock() });
    for (let n = 0; n < 20; n++) (n % 3 === 0 ? other : log).append(toolCall(n));

    const records = log.query({});
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(verifyAudit(openDatabase(dbPath), { jsonlPath })).toMatchObject({ ok: true, count: 20 });
  });

  it('two processes appending at once form one chain, mirror included', async () => {
    const { dbPath, jsonlPath } = auditFixture();
    const run = (name: string) => spawnAppender(dbPath, jsonlPath, 2000, name).exited;
    expect(await Promise.all([run('writer-a'), run('writer-b')])).toEqual([0, 0]);
    const db = openDatabase(dbPath);
    expect(verifyAudit(db, { jsonlPath })).toMatchObject({ ok: true, count: 4000 });
    const writers = AuditLog.open(db)
      .query({})
      .map((r) => r.principal);
    expect(writers.filter((w) => w === 'writer-a')).toHaveLength(2000);
  });
});

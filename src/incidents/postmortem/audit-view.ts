// The audit log as incident reports read it (`ctx.backends.audit`): read-only, and in the
// world's time. Audit records carry the gate's clock; incidents carry the world's (alert
// times). They are the same clock in production, but a sandbox world runs at its scenario's
// time and `speed`, so a postmortem that put an approval next to an alert would otherwise
// mix two clocks. Record times are mapped gate → world, filters world → gate.

import type { AuditLog, AuditQuery, AuditRecord } from '../../audit/log.ts';
import type { Clock } from '../../tool.ts';

export interface AuditReader {
  query(filter: AuditQuery): AuditRecord[];
}

declare module '../../backends/types.ts' {
  interface Backends {
    /** The audit log, read-only, with times in the world's clock (see audit-view.ts). */
    audit?: AuditReader;
  }
}

export interface Clocks {
  /** The gate's clock (audit record times). */
  clock: Clock;
  /** The observed world's clock (incident and alert times). */
  worldClock: Clock;
  /** World ms per gate ms (a live sandbox at --speed n: n). */
  timeScale: number;
}

export function worldTimeAudit(audit: Pick<AuditLog, 'query'>, clocks: Clocks): AuditReader {
  if (clocks.clock === clocks.worldClock && clocks.timeScale === 1) return audit;
  /** World time minus gate time, scaled: both clocks read at the same moment. */
  const toWorld = (gateMs: number) => {
    const gateNow = clocks.clock.now().getTime();
    return clocks.worldClock.now().getTime() - (gateNow - gateMs) * clocks.timeScale;
  };
  const toGate = (world: Date) => {
    const worldNow = clocks.worldClock.now().getTime();
    return new Date(clocks.clock.now().getTime() - (worldNow - world.getTime()) / clocks.timeScale);
  };
  return {
    query(filter) {
      const records = audit.query({
        ...filter,
        ...(filter.since ? { since: toGate(filter.since) } : {}),
        ...(filter.until ? { until: toGate(filter.until) } : {}),
      });
      return records.map((r) => ({ ...r, ts: new Date(toWorld(Date.parse(r.ts))).toISOString() }));
    },
  };
}

// The audit log as incident reports read it (`ctx.backends.audit`): read-only, and in the
// world's time. Audit records carry the gate's clock; incidents carry the world's (alert
// times). They are the same clock in production, but a sandbox world runs at its scenario's
// time and `speed`, so a postmortem that put an approval next to an alert would otherwise
// mix two clocks. Record times are mapped gate → world, filters world → gate.

import type { AuditLog, AuditQuery, AuditRecord } from '../../audit/log.ts';
import { type Clocks, worldTime } from '../../world-time.ts';

export interface AuditReader {
  query(filter: AuditQuery): AuditRecord[];
}

declare module '../../backends/types.ts' {
  interface Backends {
    /** The audit log, read-only, with times in the world's clock (see audit-view.ts). */
    audit?: AuditReader;
  }
}

export function worldTimeAudit(audit: Pick<AuditLog, 'query'>, clocks: Clocks): AuditReader {
  const time = worldTime(clocks);
  if (time.same) return audit;
  return {
    query(filter) {
      const records = audit.query({
        ...filter,
        ...(filter.since ? { since: time.toGate(filter.since) } : {}),
        ...(filter.until ? { until: time.toGate(filter.until) } : {}),
      });
      return records.map((r) => ({ ...r, ts: time.isoToWorld(r.ts) }));
    },
  };
}

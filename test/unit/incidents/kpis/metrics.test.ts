// The on-call KPIs on /metrics: one computation per scrape, each KPI a gauge labelled with
// its window, a KPI without data absent rather than 0, and a failing read reported by
// opswarden_kpi_scrape_success without taking the rest of /metrics down.

import { describe, expect, it } from 'vitest';
import { computeKpis, type OpsKpis } from '../../../../src/incidents/kpis/index.ts';
import { auditTrail } from '../../../../src/incidents/postmortem/trail.ts';
import { createMetrics } from '../../../../src/server/metrics.ts';
import { drillIncident, drillRecords, drillTimeline } from '../postmortem/fixtures.ts';

const drillKpis = (): OpsKpis => {
  const incident = drillIncident();
  return computeKpis({
    window: { since: new Date('2026-05-11T00:00:00Z'), until: new Date('2026-05-13T00:00:00Z') },
    incidents: [incident],
    timelines: new Map([[incident.id, drillTimeline()]]),
    trail: auditTrail(drillRecords().all),
  });
};

describe('KPIs on /metrics', () => {
  it('renders each KPI once per scrape, labelled with its window', async () => {
    let reads = 0;
    const metrics = createMetrics({
      incidentsOpen: () => 2,
      kpis: {
        window: '7d',
        read: () => {
          reads++;
          return drillKpis();
        },
      },
    });
    const { body } = await metrics.render();
    expect(reads).toBe(1);
    expect(body).toContain('opswarden_incidents_open 2');
    expect(body).toContain('opswarden_kpi_scrape_success 1');
    expect(body).toContain('opswarden_mtta_seconds{window="7d"} 300');
    expect(body).toContain('opswarden_mttr_seconds{window="7d"} 1320');
    expect(body).toContain('opswarden_false_action_ratio{window="7d"} 0');
    expect(body).toContain('opswarden_approval_acceptance_ratio{window="7d"} 1');
    expect(body).toContain('opswarden_approval_latency_seconds{window="7d",quantile="0.5"} 83.5');
    expect(body).toContain('opswarden_approval_latency_seconds{window="7d",quantile="0.9"} 112.7');
    expect(body).toContain('opswarden_incident_recurrence_ratio{window="7d"} 0');
    expect(body).toContain('opswarden_runbook_success_ratio{window="7d"} 1');
  });

  it('leaves out a KPI without data, and says when the records could not be read', async () => {
    let fail = false;
    const empty = {
      ...drillKpis(),
      mttrSeconds: null,
      runbooks: { finished: 0, resolved: 0, successRatio: null, byRunbook: [] },
    };
    const metrics = createMetrics({
      approvalsPending: () => 1,
      kpis: {
        window: '7d',
        read: () => {
          if (fail) throw new Error('database is locked');
          return empty;
        },
      },
    });
    const first = (await metrics.render()).body;
    expect(first).not.toMatch(/^opswarden_mttr_seconds\{/m);
    expect(first).not.toMatch(/^opswarden_runbook_success_ratio\{/m);
    expect(first).toContain('opswarden_mtta_seconds{window="7d"} 300');

    fail = true;
    const second = (await metrics.render()).body;
    expect(second).toContain('opswarden_kpi_scrape_success 0');
    expect(second).not.toMatch(/^opswarden_mtta_seconds\{/m);
    expect(second).toContain('opswarden_approvals_pending 1');
  });
});

// /metrics exposition: the series an SRE's dashboards and alerts query, with their labels,
// and the callback-backed ones showing the value at scrape time.

import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/server/metrics.ts';

describe('createMetrics', () => {
  it('renders tool calls, durations and callback-backed values in Prometheus text format', async () => {
    let appends = 7;
    const metrics = createMetrics({ approvalsPending: () => 3, auditAppends: () => appends });
    metrics.toolCalls.inc({ tool: 'k8s_pod_logs', effect: 'allow', outcome: 'ok' });
    metrics.toolCalls.inc({ tool: 'k8s_pod_logs', effect: 'allow', outcome: 'ok' });
    metrics.toolCalls.inc({ tool: 'k8s_rollout_undo', effect: 'escalate', outcome: 'approval_required' });
    metrics.callDuration.observe({ tool: 'k8s_pod_logs' }, 0.00005);
    metrics.callDuration.observe({ tool: 'k8s_pod_logs' }, 12);

    const { contentType, body } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain('opswarden_tool_calls_total{tool="k8s_pod_logs",effect="allow",outcome="ok"} 2');
    expect(body).toContain(
      'opswarden_tool_calls_total{tool="k8s_rollout_undo",effect="escalate",outcome="approval_required"} 1',
    );
    expect(body).toContain('opswarden_tool_call_duration_seconds_bucket{le="0.0001",tool="k8s_pod_logs"} 1');
    expect(body).toContain('opswarden_tool_call_duration_seconds_bucket{le="10",tool="k8s_pod_logs"} 1');
    expect(body).toContain('opswarden_tool_call_duration_seconds_bucket{le="30",tool="k8s_pod_logs"} 2');
    expect(body).toContain('opswarden_approvals_pending 3');
    expect(body).toContain('opswarden_audit_appends_total 7');
    expect(body).toContain('opswarden_process_resident_memory_bytes');

    appends = 9;
    expect((await metrics.render()).body).toContain('opswarden_audit_appends_total 9');
  });

  it('keeps each instance on its own registry', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.toolCalls.inc({ tool: 'prom_query', effect: 'deny', outcome: 'denied' });
    expect((await second.render()).body).not.toContain('tool="prom_query"');
    expect((await first.render()).body).toContain('opswarden_approvals_pending 0');
  });
});

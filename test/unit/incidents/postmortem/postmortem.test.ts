// The postmortem draft of the customer-etl drill, fixed by the db-connection-exhaustion
// runbook: the timeline an on-call engineer would write by hand (alerts, each change with
// who approved it and how long that took, the runbook's checks, recovery), the cause with
// its evidence, the runbook and changes that fixed it, and what to improve.

import { describe, expect, it } from 'vitest';
import { buildPostmortem, type PostmortemInput } from '../../../../src/incidents/postmortem/index.ts';
import { auditTrail } from '../../../../src/incidents/postmortem/trail.ts';
import type { TimelineEntry } from '../../../../src/incidents/records/model.ts';
import { drillCorrelation, drillIncident, drillRecords, drillTimeline, T } from './fixtures.ts';

const RUNBOOKS = [
  {
    name: 'db-connection-exhaustion',
    matches: { categories: ['deploy', 'config', 'capacity'], signals: ['db_pool_exhausted'] },
  },
];

function input(overrides: Partial<PostmortemInput> = {}): PostmortemInput {
  return {
    incident: drillIncident(),
    timeline: drillTimeline(),
    trail: auditTrail(drillRecords().all),
    correlation: drillCorrelation(),
    runbooks: RUNBOOKS,
    generatedAt: new Date(T('04:00:00')),
    ...overrides,
  };
}

function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`## ${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('buildPostmortem on a drill fixed by a runbook', () => {
  const { markdown, facts } = buildPostmortem(input());

  it('has the sections of a postmortem, in order', () => {
    const titles = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual([
      'Summary',
      'Impact',
      'Timeline',
      'Root cause',
      'What fixed it',
      'What to improve',
    ]);
    expect(markdown.startsWith('# Postmortem draft: ETLTaskFailureRateHigh on customer-etl\n')).toBe(true);
  });

  it('lists the timeline in order: alerts, approvals and changes with who approved them, checks, recovery', () => {
    const rows = section(markdown, 'Timeline')
      .split('\n')
      .filter((l) => l.startsWith('| 2026'));
    const events = rows.map((r) => r.split(' | ').slice(0, 3).join(' | '));
    expect(events).toEqual([
      '| 2026-05-12 03:00:00Z | alert | ETLTaskFailureRateHigh firing on customer-etl (critical)',
      '| 2026-05-12 03:02:00Z | alert | BillingExportStalled firing on billing-export (warning)',
      '| 2026-05-12 03:05:00Z | runbook | runbook db-connection-exhaustion started (rbx_1) on Deployment/data/customer-etl: tasks fail: DB pool exhausted',
      '| 2026-05-12 03:05:10Z | approval | approval apr_1 requested for k8s_configmap_patch (rules: production-mutation-needs-approval)',
      '| 2026-05-12 03:07:10Z | approval | approval apr_1 granted 2m after the request',
      '| 2026-05-12 03:07:12Z | action | k8s_configmap_patch ConfigMap/data/customer-etl-config (db_pool_max=40) executed, approved by alice [runbook db-connection-exhaustion step raise-pool]',
      '| 2026-05-12 03:07:13Z | approval | approval apr_2 requested for k8s_rollout_restart (rules: production-mutation-needs-approval)',
      '| 2026-05-12 03:08:00Z | approval | approval apr_2 granted 47s after the request',
      '| 2026-05-12 03:08:05Z | action | k8s_rollout_restart Deployment/data/customer-etl executed, approved by alice [runbook db-connection-exhaustion step restart]',
      '| 2026-05-12 03:09:00Z | runbook | runbook db-connection-exhaustion check restarted: passed',
      '| 2026-05-12 03:11:00Z | alert.resolved | BillingExportStalled resolved on billing-export',
      '| 2026-05-12 03:12:00Z | alert.resolved | ETLTaskFailureRateHigh resolved on customer-etl',
      '| 2026-05-12 03:12:00Z | status | open → resolved: all 2 alerts resolved (the last at 2026-05-12T03:12:00.000Z) and quiet for 10m',
      '| 2026-05-12 03:15:00Z | runbook | runbook db-connection-exhaustion check failures-recovered: passed',
      '| 2026-05-12 03:15:00Z | runbook | runbook db-connection-exhaustion ended resolved at step failures-recovered',
    ]);
    // Who did each: the agent asked and changed, alice decided.
    expect(rows[4]).toMatch(/\| alice \|$/);
    expect(rows[5]).toMatch(/\| claude-agent \|$/);
  });

  it('names the cause with its evidence, and the other hypotheses considered', () => {
    const cause = section(markdown, 'Root cause');
    expect(cause).toContain('**deploy: Deployment/data/customer-etl** (82% confidence)');
    expect(cause).toContain(
      '- 2026-05-12 02:45:00Z rollout: customer-etl 2.3.0 → 2.3.1, env DB_POOL_MAX 40 → 8 (Deployment/data/customer-etl)',
    );
    expect(cause).toContain('- #2 dependency: Service/customer-db (20%)');
    expect(facts.rootCause).toEqual({
      category: 'deploy',
      ref: 'Deployment/data/customer-etl',
      summary: expect.stringContaining('lowered DB_POOL_MAX'),
      confidence: 0.82,
    });
  });

  it('says the runbook fixed it, with its decisive step and its approved changes', () => {
    const fixed = section(markdown, 'What fixed it');
    expect(fixed).toContain(
      'Runbook **db-connection-exhaustion** (rbx_1), started by claude-agent at 2026-05-12 03:05:00Z, ended resolved, decided by step failures-recovered (check passed at 2026-05-12 03:15:00Z).',
    );
    expect(fixed).toContain(
      '- 2026-05-12 03:07:12Z k8s_configmap_patch ConfigMap/data/customer-etl-config (db_pool_max=40) executed by claude-agent, approved by alice 2m after the request: pool exhausted: raise db_pool_max to 40',
    );
    expect(fixed).toContain(
      '- 2026-05-12 03:08:05Z k8s_rollout_restart Deployment/data/customer-etl executed by claude-agent, approved by alice 47s after the request',
    );
    expect(fixed).toContain('Recovered at 2026-05-12 03:12:00Z.');
    expect(facts.runbook).toEqual({
      name: 'db-connection-exhaustion',
      execution: 'rbx_1',
      outcome: 'resolved',
      decidedBy: 'failures-recovered',
    });
    expect(facts.fixedBy.map((f) => [f.tool, f.ref, f.approvedBy, f.runbookStep])).toEqual([
      ['k8s_configmap_patch', 'ConfigMap/data/customer-etl-config', 'alice', 'raise-pool'],
      ['k8s_rollout_restart', 'Deployment/data/customer-etl', 'alice', 'restart'],
    ]);
  });

  it('states the impact: duration, recovery, first response, services, spike, alerts', () => {
    const impact = section(markdown, 'Impact');
    expect(impact).toContain(
      '- Duration: detected 2026-05-12 03:00:00Z, resolved 2026-05-12 03:22:00Z (22m).',
    );
    expect(impact).toContain('- Recovered: 2026-05-12 03:12:00Z, 12m after detection.');
    expect(impact).toContain('- First response: 5m after detection.');
    expect(impact).toContain('- Services affected: customer-etl, billing-export.');
    expect(impact).toContain('- Metric spike: task failure rate from 2% to 78% (from 2026-05-12 02:55:00Z).');
    expect(impact).toContain(
      'BillingExportStalled on billing-export (warning, resolved, explained by ETLTaskFailureRateHigh)',
    );
    expect(facts).toMatchObject({
      durationSeconds: 1320,
      firstResponseSeconds: 300,
      recoveredAt: T('03:12:00'),
    });
  });

  it('derives what to improve from what happened', () => {
    expect(facts.improvements).toEqual([
      'The cause was a deploy change (Deployment/data/customer-etl): gate such changes with a canary and a check of error ratio after each change (it moved from 0.02 to 0.78).',
      '1 alert(s) (BillingExportStalled) only echoed ETLTaskFailureRateHigh on a dependency: an Alertmanager inhibition rule would page once, for the cause.',
    ]);
    expect(section(markdown, 'What to improve')).toContain('- 1 alert(s) (BillingExportStalled) only echoed');
  });

  it('is deterministic: the same records in any order give the same draft', () => {
    const shuffled = [...drillRecords().all].reverse();
    expect(buildPostmortem(input({ trail: auditTrail(shuffled) })).markdown).toBe(markdown);
  });
});

describe('buildPostmortem, other shapes of incident', () => {
  it('without a correlation leaves the cause open and says so', () => {
    const { markdown, facts } = buildPostmortem(
      input({ correlation: undefined, correlationGap: 'correlation skipped' }),
    );
    expect(markdown).toContain(
      '## Root cause\n\nNot identified from the signals (correlation skipped). Record the cause the team found.',
    );
    expect(facts.rootCause).toBeUndefined();
    expect(facts.improvements[0]).toMatch(/^No cause was identified/);
  });

  it('lists a change that was undone as not having helped, and keeps the ones that did', () => {
    const records = drillRecords().change({
      callId: 'c-undo',
      at: T('03:10:00'),
      tool: 'k8s_rollout_undo',
      target: { kind: 'Deployment', namespace: 'data', name: 'customer-etl' },
    });
    const { markdown, facts } = buildPostmortem(input({ trail: auditTrail(records.all) }));
    expect(section(markdown, 'What fixed it')).toContain(
      'Did not help:\n- 2026-05-12 03:08:05Z k8s_rollout_restart Deployment/data/customer-etl executed: undone by k8s_rollout_undo of Deployment/data/customer-etl at 2026-05-12T03:10:00.000Z',
    );
    expect(facts.fixedBy.map((f) => f.tool)).toEqual(['k8s_configmap_patch']);
    expect(facts.improvements).toContainEqual(
      expect.stringMatching(/^k8s_rollout_restart on Deployment\/data\/customer-etl did not help/),
    );
  });

  it('an open incident without actions: no fix yet, how long it has lasted, and the runbook that fits', () => {
    const incident = drillIncident({
      status: 'open',
      resolvedAt: undefined,
      alerts: drillIncident().alerts.map((a) => ({ ...a, status: 'firing' as const, endsAt: undefined })),
    });
    const { markdown, facts } = buildPostmortem(
      input({ incident, trail: auditTrail([]), timeline: drillTimeline().slice(0, 2) }),
    );
    expect(markdown).toContain('it is still open after 1h');
    expect(section(markdown, 'What fixed it')).toContain(
      'No change was made through opswarden before recovery',
    );
    expect(facts.durationSeconds).toBeNull();
    expect(facts.improvements).toContain(
      'Runbook(s) db-connection-exhaustion fit this cause but none ran: suggest them earlier (they appear in incident_correlate).',
    );
    expect(facts.improvements).toContain(
      'The incident is still open: resolve it with incident_update_status once it is over.',
    );
  });

  it('flags slow and rejected approvals', () => {
    const records = drillRecords().approval('apr_3', {
      tool: 'k8s_rollout_undo',
      requestedAt: T('03:09:00'),
      decidedAt: T('03:20:00'),
      status: 'rejected',
      decidedBy: 'bob',
    });
    const { facts } = buildPostmortem(input({ trail: auditTrail(records.all) }));
    expect(facts.improvements).toContain(
      "Approvals were slow: k8s_rollout_undo (11m). Check the approvers were reachable, or pre-approve this runbook's changes for this kind of incident.",
    );
    expect(facts.improvements).toContainEqual(
      expect.stringMatching(/^1 approval request\(s\) were rejected \(k8s_rollout_undo\)/),
    );
  });

  it('cuts a long timeline in the middle and says where the rest is', () => {
    const notes: TimelineEntry[] = Array.from({ length: 100 }, (_, i) => ({
      at: new Date(Date.parse(T('03:00:00')) + i * 1000).toISOString(),
      kind: 'note',
      summary: `note ${i}`,
      by: 'alice',
    }));
    const { markdown } = buildPostmortem(input({ timeline: notes, trail: auditTrail([]) }));
    const rows = section(markdown, 'Timeline')
      .split('\n')
      .filter((l) => l.startsWith('| '));
    // The header, the first 10, the omission, the last 30.
    expect(rows.length).toBe(1 + 10 + 1 + 30);
    expect(markdown).toContain('| note 0 |');
    expect(markdown).toContain('| note 99 |');
    expect(markdown).toMatch(
      /\| \d+ events omitted: incident_timeline \{"incident": "INC-2026-05-12-001"\} has them all \|/,
    );
  });
});

// An incident's timeline as the responder reads it afterwards: its alerts, status changes
// and notes, plus, from the store and the audit log written by the real gate, the change
// events, executed actions, approvals and runbook runs that concern its services or
// namespaces in [detected − 1h, resolved or now], in time order; what concerns other
// namespaces or happened long before stays out.

import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../../src/incidents/records/model.ts';
import { type Harness, startHarness } from '../../../helpers/in-process.ts';
import { alice, makeWorld } from '../../../helpers/world.ts';
import { TestClock } from '../../audit/helpers.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const clock = new TestClock('2026-04-25T14:30:00.000Z');
const minutesAgo = (m: number) => new Date(clock.now().getTime() - m * 60_000).toISOString();
/** Each step of the story a minute after the one before. */
const later = () => clock.advance(60_000);

async function incidentWithHistory(): Promise<{ id: string; timeline: TimelineEntry[] }> {
  clock.current = new Date('2026-04-25T14:30:00.000Z');
  h = await startHarness({
    clock,
    world: makeWorld({
      extra: {
        services: [
          { name: 'checkout', workload: 'Deployment/shop/checkout', dependsOn: ['payments'] },
          { name: 'payments', namespace: 'payments' },
        ],
      },
    }),
  });
  const { app } = h;
  app.changes.record(
    {
      at: minutesAgo(30),
      kind: 'feature_flag',
      service: 'checkout',
      summary: 'new-pricing at 50%',
      actor: 'bob',
    },
    'ci',
  );
  app.changes.record({ at: minutesAgo(20), kind: 'deploy', service: 'search', summary: 'search 2.1' }, 'ci');
  app.changes.record(
    { at: minutesAgo(300), kind: 'deploy', service: 'checkout', summary: 'old deploy' },
    'ci',
  );
  const { incidents } = app.incidents.ingest(
    [
      {
        labels: { alertname: 'HighErrorRate', service: 'checkout', namespace: 'shop', severity: 'critical' },
        annotations: { summary: 'checkout 5xx above 5%' },
        status: 'firing',
        startsAt: minutesAgo(10),
      },
    ],
    'alertmanager',
  );
  const id = incidents[0]!.id;

  const scale = { namespace: 'shop', name: 'checkout', replicas: 6, reason: 'checkout saturated' };
  later();
  const pending = await h.call('fixture_deployment_scale', scale);
  const approvalId = (pending.structuredContent as { approvalId: string }).approvalId;
  later();
  app.approvals.decide(approvalId, alice, 'approve', 'go');
  later();
  await h.call('fixture_deployment_scale', { ...scale, approvalId });
  await h.call('fixture_deployment_scale', { ...scale, namespace: 'staging', reason: 'staging load test' });
  later();
  app.audit.append({
    type: 'runbook.started',
    principal: 'claude-agent',
    data: {
      runbook: { name: 'restart-pods' },
      execution: 'rbx_1',
      target: 'Deployment/shop/checkout',
      reason: 'pods wedged',
    },
  });
  later();
  app.audit.append({
    type: 'runbook.finished',
    principal: 'claude-agent',
    data: { runbook: { name: 'restart-pods' }, execution: 'rbx_1', outcome: 'resolved' },
  });
  later();
  app.incidents.note(id, 'scaled up while we look', 'alice');
  later();
  app.incidents.setStatus(id, 'mitigated', 'alice', 'error ratio down after scale-up');
  return { id, timeline: app.incidents.timeline(id) };
}

describe('incident timeline', () => {
  it('gathers alerts, changes, approvals, actions, runbook runs, notes and status in time order', async () => {
    const { timeline } = await incidentWithHistory();
    expect(timeline.map((e) => [e.kind, e.summary])).toEqual([
      ['change', 'feature_flag of checkout: new-pricing at 50%'],
      ['alert', 'HighErrorRate firing on checkout (critical): checkout 5xx above 5%'],
      [
        'approval',
        expect.stringMatching(
          /^approval apr_\w+ requested for fixture_deployment_scale on Deployment\/shop\/checkout: checkout saturated$/,
        ),
      ],
      ['approval', expect.stringMatching(/^approval apr_\w+ granted by alice$/)],
      ['action', 'fixture_deployment_scale on Deployment/shop/checkout executed'],
      ['runbook', 'runbook restart-pods started on Deployment/shop/checkout: pods wedged'],
      ['runbook', 'runbook restart-pods finished: resolved'],
      ['note', 'scaled up while we look'],
      ['status', 'open → mitigated: error ratio down after scale-up'],
    ]);
    const times = timeline.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('says who did what and what it concerns', async () => {
    const { timeline } = await incidentWithHistory();
    const by = (kind: string) => timeline.filter((e) => e.kind === kind).map((e) => [e.by, e.ref]);
    expect(by('change')).toEqual([['bob', expect.stringMatching(/^Change\/chg_/)]]);
    expect(by('action')).toEqual([['claude-agent', 'Deployment/shop/checkout']]);
    expect(by('approval')).toEqual([
      ['claude-agent', expect.stringMatching(/^apr_/)],
      ['alice', expect.stringMatching(/^apr_/)],
    ]);
    expect(by('runbook')).toEqual([
      ['claude-agent', 'rbx_1'],
      ['claude-agent', 'rbx_1'],
    ]);
  });
});

// incident_correlate scopes an incident without a service to a node, which it lists pods of
// with a field selector. The node comes from the caller (`node`) or from an alert's labels
// (posted by whoever holds an alert-writer key): a name that would bend the selector is
// refused at the argument (as is one longer than a DNS name), and from an alert it is not
// taken as a node at all (the incident is correlated over the cluster instead).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecurityWorld, startSecurityWorld } from './harness.ts';

let w: SecurityWorld;
beforeAll(async () => {
  w = await startSecurityWorld();
});
afterAll(() => w?.close());

describe('incident_correlate on a node', () => {
  it('refuses a node argument that is no node name, naming the field', async () => {
    for (const node of ['ip-1,metadata.namespace=kube-system', 'IP_1', 'a b', `${'n'.repeat(300)}`]) {
      const res = await w.call('agent', 'incident_correlate', { node, at: '2026-04-25T14:20:00Z' });
      expect(res.isError, node).toBe(true);
      expect(res.content[0]!.text).toMatch(/^Invalid arguments for incident_correlate: .*node/);
    }
  });

  it('takes no node from an alert label that would bend the selector: the cluster is correlated instead', async () => {
    const hostile = 'ip-10-0-1-42,spec.nodeName!=x';
    const posted = await w.http('alertWriter', 'POST', '/v1/alerts', {
      body: {
        alerts: [
          {
            labels: { alertname: 'NodeDown', node: hostile, severity: 'critical' },
            startsAt: w.app.worldClock.now().toISOString(),
          },
        ],
      },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBeLessThan(300);
    const list = await w.call('agent', 'incident_list', { status: 'open' });
    const incident = (list.structuredContent!.incidents as { id: string; title: string }[]).find((i) =>
      i.title.includes('NodeDown'),
    );
    expect(incident, JSON.stringify(list.structuredContent)).toBeDefined();
    const res = await w.call('agent', 'incident_correlate', { incident: incident!.id });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    const request = res.structuredContent!.request as { node?: string; service?: string };
    expect(request.node).toBeUndefined();
    expect(request.service).toBeUndefined();
  });
});

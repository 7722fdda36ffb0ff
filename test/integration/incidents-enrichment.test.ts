// A new incident's context, gathered through the real backends after the post returns:
// on checkout-bad-deploy (Kubernetes API and Prometheus simulators over the wire, frozen
// at the scenario's now) the record names the 1.42.0 rollout and the posted feature
// flag as recent deployments, leads with checkout's error-ratio spike, and a backend the
// config lacks is a gap, not a failure.

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import type { Incident } from '../../src/incidents/records/model.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { eventually } from '../helpers/eventually.ts';
import { REPO } from '../helpers/world.ts';

let sandbox: Sandbox;
let app: App;

beforeAll(async () => {
  sandbox = await startSandbox(loadScenario(`${REPO}/scenarios/checkout-bad-deploy.yaml`), {
    clock: 'frozen',
  });
  app = createApp({ config: sandbox.config, worldClock: sandbox.clock, logger: pino({ level: 'silent' }) });
  app.changes.record(
    {
      id: 'flag-4411',
      at: '2026-04-25T14:08:00Z',
      kind: 'feature_flag',
      service: 'checkout',
      summary: 'new-pricing enabled for 50% of traffic',
    },
    'launchdarkly',
  );
});

afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});

async function gathered(id: string): Promise<Incident> {
  return eventually(
    async () => app.incidents.get(id)!,
    (incident) => expect(incident.context.gatheredAt).toBeDefined(),
    { timeoutMs: 20_000, intervalMs: 50 },
  );
}

describe('incident enrichment', () => {
  it('gathers recent deployments, the metric spike and downstream impact for the incident', async () => {
    const { incidents } = app.incidents.ingest(
      [
        {
          labels: {
            alertname: 'HighErrorRate',
            service: 'checkout',
            namespace: 'shop',
            severity: 'critical',
          },
          status: 'firing',
          startsAt: '2026-04-25T14:15:00Z',
        },
      ],
      'alertmanager',
    );
    expect(app.incidents.get(incidents[0]!.id)!.context.gatheredAt).toBeUndefined();
    const { context } = await gathered(incidents[0]!.id);
    expect(context.recentDeployments).toEqual([
      {
        at: '2026-04-25T14:11:00.000Z',
        ref: 'Deployment/shop/checkout',
        summary: expect.stringContaining(
          'checkout:1.41.0 → registry.example/checkout:1.42.0; change-cause: release 1.42.0',
        ),
      },
      {
        at: '2026-04-25T14:08:00.000Z',
        ref: 'Change/flag-4411',
        summary: 'feature_flag of checkout: new-pricing enabled for 50% of traffic',
      },
    ]);
    expect(context.metricSpike).toMatchObject({
      signal: 'error ratio',
      service: 'checkout',
      summary: 'checkout error ratio from 0.2% to 31%',
    });
    expect(context.gaps).toEqual([]);
  });
});

// Scripted alerts (no rule) react to the incident timeline as the clock moves: an incident
// alert resolves (is no longer listed) once a fix suppresses the incident, and after a
// transient action fires again with a new startsAt and the same fingerprint; an alert older
// than the incident stays. The sandbox Alertmanager's API shows the same through its
// `timeline` option. (Alerts with a rule follow their metric: rule-evaluation.test.ts.)

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAlerts } from '../../../../src/sandbox/alertmanager/alerts.ts';
import { createSilences } from '../../../../src/sandbox/alertmanager/silences.ts';
import { startAlertmanagerSimulator } from '../../../../src/sandbox/alertmanager/simulator.ts';
import { alertEpisodes } from '../../../../src/sandbox/reactions/alert-episodes.ts';
import { incidentTimeline } from '../../../../src/sandbox/reactions/timeline.ts';
import { loadScenario } from '../../../../src/sandbox/scenario/load.ts';
import type { Scenario } from '../../../../src/sandbox/scenario/schema.ts';
import { REPO } from '../../../helpers/world.ts';

const checkout = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
const NOW = checkout.spec.now.getTime();
const MINUTE = 60_000;
const fromNow = (minutes: number) => NOW + minutes * MINUTE;
const HIGH_ERROR_RATE = '29dfb52689eade8a';

/** checkout-bad-deploy's alerts as scripted ones (no rule), plus a disk alert firing since before the incident. */
const scenario: Scenario = {
  ...checkout,
  spec: {
    ...checkout.spec,
    alerts: [
      ...checkout.spec.alerts.map(({ expr: _rule, ...scripted }) => scripted),
      {
        name: 'DiskFilling',
        labels: { node: 'ip-10-0-1-42', severity: 'warning' },
        annotations: {},
        startsAt: new Date(fromNow(-25)),
        endsAt: null,
        for: 0,
      },
    ],
  },
};

function alertsWith(...suppressions: [number, number][]) {
  let now = NOW;
  const clock = { now: () => new Date(now) };
  const timeline = incidentTimeline(checkout.resolution);
  for (const [from, until] of suppressions) timeline.suppress(from, until);
  const alerts = createAlerts(
    scenario,
    clock,
    createSilences(clock),
    alertEpisodes(scenario, clock, timeline),
  );
  /** The firing alerts at `t`: name → startsAt. */
  return (t: number) => {
    now = t;
    return Object.fromEntries(
      alerts
        .current('sandbox')
        .map((a) => [a.labels.alertname, { startsAt: a.startsAt, fingerprint: a.fingerprint }]),
    );
  };
}

const firing = (startsAt: number, fingerprint?: string) => ({
  startsAt: new Date(startsAt).toISOString(),
  fingerprint: fingerprint ?? expect.any(String),
});

describe('alerts under the incident timeline', () => {
  it('keep firing past spec.now while nothing is suppressed', () => {
    const at = alertsWith();
    expect(at(fromNow(30))).toEqual({
      HighErrorRate: firing(fromNow(-15), HIGH_ERROR_RATE),
      DiskFilling: firing(fromNow(-25)),
    });
  });

  it('resolve the incident alert at a fix, keeping the alert older than the incident', () => {
    const at = alertsWith([fromNow(1), Number.POSITIVE_INFINITY]);
    expect(at(fromNow(1) - 1)).toEqual({
      HighErrorRate: firing(fromNow(-15), HIGH_ERROR_RATE),
      DiskFilling: firing(fromNow(-25)),
    });
    expect(at(fromNow(1))).toEqual({ DiskFilling: firing(fromNow(-25)) });
    expect(at(fromNow(60))).toEqual({ DiskFilling: firing(fromNow(-25)) });
  });

  it('fire the incident alert again after a transient window, from its end, with the same fingerprint', () => {
    const at = alertsWith([fromNow(1), fromNow(6)]);
    expect(at(fromNow(3))).toEqual({ DiskFilling: firing(fromNow(-25)) });
    expect(at(fromNow(6))).toEqual({
      HighErrorRate: firing(fromNow(6), HIGH_ERROR_RATE),
      DiskFilling: firing(fromNow(-25)),
    });
  });

  it('stay resolved after a fix, whether a transient action came before or after it', () => {
    for (const at of [
      alertsWith([fromNow(1), fromNow(6)], [fromNow(3), Number.POSITIVE_INFINITY]),
      alertsWith([fromNow(1), Number.POSITIVE_INFINITY], [fromNow(3), fromNow(6)]),
    ]) {
      expect(at(fromNow(6))).toEqual({ DiskFilling: firing(fromNow(-25)) });
      expect(at(fromNow(60))).toEqual({ DiskFilling: firing(fromNow(-25)) });
    }
  });

  it('are served resolved by the sandbox Alertmanager given the timeline', async () => {
    let now = NOW;
    const clock = { now: () => new Date(now) };
    const timeline = incidentTimeline(checkout.resolution);
    const scripted = { ...checkout, spec: { ...checkout.spec, alerts: scenario.spec.alerts.slice(0, 1) } };
    const sim = await startAlertmanagerSimulator(scripted, clock, { timeline });
    try {
      const listed = async () =>
        ((await (await fetch(`${sim.url}/api/v2/alerts`)).json()) as { fingerprint: string }[]).map(
          (a) => a.fingerprint,
        );
      expect(await listed()).toEqual([HIGH_ERROR_RATE]);
      timeline.suppress(fromNow(1), Number.POSITIVE_INFINITY);
      now = fromNow(2);
      expect(await listed()).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});

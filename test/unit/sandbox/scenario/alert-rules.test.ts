// Every alert of the library is a real alerting rule (`expr`, `for`) over the scenario's own
// series, and the rule agrees with what the scenario says: evaluated on the scenario's grid
// it first fires within a minute of the alert's `startsAt`, still fires at `now` unless the
// alert has an `endsAt` (then it has stopped within a minute of it). The table printed shows
// each rule's onset against the scenario's.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertEpisodes } from '../../../../src/sandbox/reactions/alert-episodes.ts';
import { incidentTimeline } from '../../../../src/sandbox/reactions/timeline.ts';
import { loadScenario } from '../../../../src/sandbox/scenario/load.ts';
import { REPO } from '../../../helpers/world.ts';

const FILES = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml'));
const TOLERANCE_MS = 60_000;
const minutes = (ms: number) => (Number.isFinite(ms) ? `${(ms / 60_000).toFixed(2)}m` : 'open');

describe.each(FILES)('the alerts of %s', (file) => {
  const scenario = loadScenario(join(REPO, 'scenarios', file));
  const now = scenario.spec.now.getTime();
  const clock = { now: () => new Date(now) };
  const episodes = alertEpisodes(scenario, clock, incidentTimeline(scenario.resolution));

  it.each(scenario.spec.alerts.map((alert) => [alert.name, alert] as const))(
    '%s is a rule that fires when the scenario says',
    (_, alert) => {
      expect(alert.expr, `${alert.name} has an expr`).toBeDefined();
      const fired = episodes.of(alert, now);
      const first = fired[0];
      const last = fired.at(-1);
      console.log(
        `${scenario.name} ${alert.name}: startsAt ${minutes(alert.startsAt.getTime() - now)}, rule fires ${
          first ? minutes(first[0] - now) : 'never'
        } until ${last ? minutes(last[1] - now) : '-'} (${fired.length} episode(s))`,
      );
      expect(fired, `${alert.name} fires once, without flapping`).toHaveLength(1);
      expect(Math.abs(first![0] - alert.startsAt.getTime())).toBeLessThanOrEqual(TOLERANCE_MS);
      if (alert.endsAt) {
        expect(last![1]).not.toBe(Number.POSITIVE_INFINITY);
        expect(Math.abs(last![1] - alert.endsAt.getTime())).toBeLessThanOrEqual(TOLERANCE_MS);
      } else {
        expect(last![1], `${alert.name} still fires at now`).toBe(Number.POSITIVE_INFINITY);
      }
    },
  );
});

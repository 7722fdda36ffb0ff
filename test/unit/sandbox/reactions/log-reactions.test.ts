// Logs react to the incident timeline and keep flowing with a live clock: after a fix the
// incident's lines stop and the pre-incident lines they superseded come back, in pod logs and
// in CloudWatch streams alike; during a transient window only, then the incident's return.
// What was written before the fix never changes.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioLogGroups } from '../../../../src/sandbox/cloudwatch/log-groups.ts';
import { type IncidentTimeline, incidentTimeline } from '../../../../src/sandbox/reactions/timeline.ts';
import { renderKubeWorld } from '../../../../src/sandbox/scenario/kube.ts';
import { loadScenario } from '../../../../src/sandbox/scenario/load.ts';
import type { LogLine } from '../../../../src/sandbox/world.ts';
import { REPO } from '../../../helpers/world.ts';
import { baseSpec, NOW, scenarioOf } from '../scenario/helpers.ts';

const checkout = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
const MINUTE = 60_000;
const fromNow = (minutes: number) => NOW.getTime() + minutes * MINUTE;
const FOREVER = Number.POSITIVE_INFINITY;

/** A clock a test moves on, as a live clock moves. */
function testClock() {
  let now = NOW;
  return {
    now: () => now,
    moveTo(t: number) {
      now = new Date(t);
    },
  };
}

function timelineWith(scenario: typeof checkout, ...suppressions: [number, number][]): IncidentTimeline {
  const timeline = incidentTimeline(scenario.resolution);
  for (const [from, until] of suppressions) timeline.suppress(from, until);
  return timeline;
}

/** A healthy checkout pod's log from 2m before now until the clock's now+10m. */
function podLog(timeline: IncidentTimeline): LogLine[] {
  const clock = testClock();
  const world = renderKubeWorld(checkout, clock, timeline);
  const pod = world.objects.filter((o) => o.kind === 'Pod')[1]!;
  clock.moveTo(fromNow(10));
  return [...world.podLogs(pod, { container: 'app', since: new Date(fromNow(-2)), until: world.now() })];
}

const times = (lines: LogLine[], text: string) =>
  lines.filter((l) => l.text.includes(text)).map((l) => l.time.getTime());

describe('pod logs under the incident timeline', () => {
  it('keep flowing past spec.now with the clock', () => {
    const lines = podLog(timelineWith(checkout));
    expect(times(lines, 'Connection timeout').at(-1)).toBe(fromNow(10) - 2_000);
    expect(times(lines, 'GET /cart')).toEqual([]);
  });

  it('stop the incident lines at a fix and bring back the lines they superseded', () => {
    const unsuppressed = podLog(timelineWith(checkout));
    const lines = podLog(timelineWith(checkout, [fromNow(1), FOREVER]));
    expect(times(lines, 'Connection timeout').at(-1)).toBe(fromNow(1) - 2_000);
    expect(times(lines, 'POST /checkout').every((t) => t < fromNow(1))).toBe(true);
    const cart = times(lines, 'GET /cart');
    expect(cart[0]).toBe(fromNow(1));
    expect(cart).toHaveLength(9 * 12);
    const beforeFix = (list: LogLine[]) => list.filter((l) => l.time.getTime() < fromNow(1));
    expect(beforeFix(lines)).toEqual(beforeFix(unsuppressed));
    expect(lines.find((l) => l.text.includes('GET /cart'))!.text).toMatch(
      /^2026-04-25T14:31:00\.000Z INFO {2}GET \/cart 200 \d+ms$/,
    );
  });

  it('hold the incident lines off only during a transient window', () => {
    const lines = podLog(timelineWith(checkout, [fromNow(1), fromNow(6)]));
    const cart = times(lines, 'GET /cart');
    expect([cart[0], cart.at(-1), cart.length]).toEqual([fromNow(1), fromNow(6) - 5_000, 5 * 12]);
    const timeouts = times(lines, 'Connection timeout');
    expect(timeouts.filter((t) => t >= fromNow(1) && t < fromNow(6))).toEqual([]);
    expect(timeouts.at(-1)).toBe(fromNow(10) - 2_000);
  });
});

describe('CloudWatch streams under the incident timeline', () => {
  const scenario = (() => {
    const spec = baseSpec();
    spec.resolution = { incidentStart: '-19m' };
    spec.logs = [
      {
        source: { cloudwatch: { group: '/aws/rds/orders-db', stream: 'error' } },
        lines: [
          { from: '-6h', every: '30s', level: 'info', text: 'connections: {int:20-40} open' },
          { from: '-18m', every: '30s', level: 'warning', text: 'too many connections: {int:180-200} open' },
        ],
      },
    ];
    return scenarioOf(spec);
  })();

  /** The stream's messages from now-1m until the clock's now+5m. */
  function messages(timeline: IncidentTimeline) {
    const clock = testClock();
    const groups = scenarioLogGroups(scenario, clock, timeline);
    clock.moveTo(fromNow(5));
    return [...groups.events(groups.get('/aws/rds/orders-db')!, fromNow(-1), FOREVER)].map((e) => ({
      t: e.timestamp,
      busy: e.message.includes('too many connections'),
    }));
  }

  it('keep flowing past spec.now with the clock', () => {
    const events = messages(timelineWith(scenario));
    expect(events.at(-1)).toEqual({ t: fromNow(5), busy: true });
    expect(events.every((e) => e.busy)).toBe(true);
  });

  it('switch back to the pre-incident lines from a fix on', () => {
    const events = messages(timelineWith(scenario, [fromNow(1), FOREVER]));
    expect(events.filter((e) => e.busy).at(-1)!.t).toBe(fromNow(0.5));
    expect(events.filter((e) => !e.busy).map((e) => e.t)).toEqual(
      Array.from({ length: 9 }, (_, i) => fromNow(1 + i / 2)),
    );
  });

  it('return to the incident lines after a transient window', () => {
    const events = messages(timelineWith(scenario, [fromNow(1), fromNow(3)]));
    expect(events.filter((e) => !e.busy).map((e) => e.t)).toEqual(
      Array.from({ length: 4 }, (_, i) => fromNow(1 + i / 2)),
    );
    expect(events.filter((e) => e.busy && e.t >= fromNow(3)).map((e) => e.t)).toEqual(
      Array.from({ length: 5 }, (_, i) => fromNow(3 + i / 2)),
    );
  });
});

// A real Prometheus backfilled from scenarios/checkout-bad-deploy.yaml by the real promtool:
// the scenario's error ratio, pods and cAdvisor series come back over Prometheus's HTTP API
// at the scenario's fixed spec.now and an hour before it.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderKubeWorld } from '../../src/sandbox/scenario/kube.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { type RunningPrometheus, startPrometheus } from '../helpers/prometheus.ts';
import { REPO } from '../helpers/world.ts';

const scenario = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
const now = scenario.spec.now.getTime() / 1000;
const ERROR_RATIO =
  'sum(rate(http_requests_total{service="checkout",code="500"}[5m])) / sum(rate(http_requests_total{service="checkout"}[5m]))';

interface Vector {
  metric: Record<string, string>;
  value: [number, string];
}

let prometheus: RunningPrometheus;

async function instant(query: string, time = now): Promise<Vector[]> {
  const url = `${prometheus.url}/api/v1/query?${new URLSearchParams({ query, time: String(time) })}`;
  const body = (await (await fetch(url)).json()) as {
    status: string;
    data: { result: Vector[] };
    error?: string;
  };
  expect(body.error).toBeUndefined();
  return body.data.result;
}

beforeAll(async () => {
  prometheus = await startPrometheus({ scenario });
});
afterAll(async () => {
  await prometheus?.close();
});

describe('Prometheus backfilled from a scenario', () => {
  it('answers on a loopback address', () => {
    expect(prometheus.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('shows the checkout error ratio at spec.now and before the incident', async () => {
    const [atNow] = await instant(ERROR_RATIO);
    expect(Number(atNow!.value[1])).toBeCloseTo(0.31, 2);
    const [hourBefore] = await instant(ERROR_RATIO, now - 3600);
    expect(Number(hourBefore!.value[1])).toBeCloseTo(0.002, 3);
  });

  it('has one `up` series per pod of the rendered world', async () => {
    const pods = renderKubeWorld(scenario, { now: () => scenario.spec.now })
      .objects.filter((o) => o.kind === 'Pod')
      .map((p) => p.metadata.name);
    const up = await instant('up');
    expect(up.map((s) => s.metric.pod).sort()).toEqual(pods.sort());
  });

  it('serves cAdvisor memory for checkout pods', async () => {
    const memory = await instant('container_memory_working_set_bytes{service="checkout"}');
    expect(memory).toHaveLength(3);
    for (const series of memory) expect(Number(series.value[1])).toBeGreaterThan(380 * 2 ** 20);
  });
});

describe('Prometheus rules over a scenario mapped to the wall clock', () => {
  it('fires an alert rule on the backfilled error ratio', async () => {
    const live = await startPrometheus({
      scenario: loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'), { now: new Date() }),
      rules: `groups:\n  - name: checkout\n    rules:\n      - alert: HighErrorRate\n        expr: ${ERROR_RATIO} > 0.05\n`,
    });
    try {
      let alerts: { labels: Record<string, string>; state: string }[] = [];
      for (let attempt = 0; attempt < 100 && !alerts.length; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const body = (await (await fetch(`${live.url}/api/v1/alerts`)).json()) as {
          data: { alerts: typeof alerts };
        };
        alerts = body.data.alerts;
      }
      expect(alerts).toEqual([
        expect.objectContaining({ labels: { alertname: 'HighErrorRate' }, state: 'firing' }),
      ]);
    } finally {
      await live.close();
    }
  });
});

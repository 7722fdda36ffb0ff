// The two implementations the Prometheus contract suite runs against, each with what it
// knows in advance about itself: targets (a real Prometheus scrapes itself and a dead
// port; the simulator has one target per pod of the scenario), pools, metadata, and what
// a metric search for "http_requests" finds. The real one is started with the scenario's
// alert as a rule and returned once it has scraped both targets.

import type { MetricMetadata, PromTarget } from '../../src/backends/prometheus/types.ts';
import { startPrometheusSimulator } from '../../src/sandbox/prometheus/simulator.ts';
import { scenarioStorage } from '../../src/sandbox/prometheus/storage.ts';
import { renderKubeWorld } from '../../src/sandbox/scenario/kube.ts';
import type { Scenario } from '../../src/sandbox/scenario/load.ts';
import type { Clock } from '../../src/tool.ts';
import { startPrometheus } from '../helpers/prometheus.ts';

export interface Implementation {
  name: string;
  start(scenario: Scenario, clock: Clock): Promise<Started>;
}

export interface Started {
  url: string;
  close(): Promise<void>;
  /** Its scrape targets, known in advance (all but when each was last scraped). */
  targets: Omit<PromTarget, 'lastScrape'>[];
  /** Up and down targets per pool, as prom_targets_health orders them (most down first). */
  pools: { pool: string; up: number; down: number }[];
  /** Metric families it has metadata for, as their exporter describes them. */
  metadata: Record<string, MetricMetadata>;
  /** What prom_metrics_search finds for "http_requests": typed from metadata or, lacking it, the name. */
  httpRequestsMetrics: { name: string; type: string; help?: string }[];
  /** The HighErrorRate rule's expression as this implementation was given it. */
  ruleQuery: string;
}

/**
 * The scenario's HighErrorRate alert, as a rule a real Prometheus evaluates. Its expression
 * is `vector(1)`, not the scenario's: the real server evaluates at the wall clock over
 * backfilled history and would wait out the rule's `for` before it fired.
 */
const RULES = `groups:
  - name: checkout-bad-deploy
    rules:
      - alert: HighErrorRate
        expr: vector(1)
        labels: { service: checkout, namespace: shop, severity: critical }
        annotations:
          summary: "checkout 5xx above 5%"
          runbook_url: "https://runbooks.example/checkout/high-error-rate"
`;

const refused = (address: string) =>
  `Get "http://${address}/metrics": dial tcp ${address}: connect: connection refused`;

export const implementations: Implementation[] = [
  {
    name: 'prometheus-query client against a real Prometheus',
    start: async (scenario) => {
      const prom = await startPrometheus({ scenario, rules: RULES });
      await prom.scraped();
      const { selfTarget: self, deadTarget: dead } = prom;
      return {
        ...prom,
        targets: [
          {
            scrapePool: 'dead',
            scrapeUrl: `http://${dead}/metrics`,
            labels: { instance: dead, job: 'dead' },
            health: 'down',
            lastError: refused(dead),
          },
          {
            scrapePool: 'prometheus',
            scrapeUrl: `http://${self}/metrics`,
            labels: { instance: self, job: 'prometheus' },
            health: 'up',
            lastError: '',
          },
        ],
        pools: [
          { pool: 'dead', up: 0, down: 1 },
          { pool: 'prometheus', up: 1, down: 0 },
        ],
        metadata: {
          prometheus_http_requests_total: { type: 'counter', help: 'Counter of HTTP requests.', unit: '' },
          prometheus_http_request_duration_seconds: {
            type: 'histogram',
            help: 'Histogram of latencies for HTTP requests.',
            unit: '',
          },
        },
        ruleQuery: 'vector(1)',
        httpRequestsMetrics: [
          // Backfilled: no metadata, typed from its name.
          { name: 'http_requests_total', type: 'counter?' },
          { name: 'prometheus_http_requests_total', type: 'counter', help: 'Counter of HTTP requests.' },
        ],
      };
    },
  },
  {
    name: 'prometheus-query client against the sandbox simulator',
    start: async (scenario, clock) => {
      const sim = await startPrometheusSimulator(scenario, clock, { storage: scenarioStorage(scenario) });
      return {
        ...sim,
        targets: podTargets(scenario),
        pools: [
          { pool: 'checkout', up: 2, down: 1 },
          { pool: 'payments', up: 2, down: 0 },
        ],
        metadata: {
          http_requests_total: { type: 'counter', help: 'Total HTTP requests by status code.', unit: '' },
          http_request_duration_seconds: {
            type: 'histogram',
            help: 'HTTP request latency in seconds.',
            unit: '',
          },
          up: { type: 'gauge', help: 'Whether the pod answered its last scrape (1) or not (0).', unit: '' },
        },
        httpRequestsMetrics: [
          { name: 'http_requests_total', type: 'counter', help: 'Total HTTP requests by status code.' },
        ],
        // The simulator evaluates the scenario's own rule.
        ruleQuery: scenario.spec.alerts.find((a) => a.name === 'HighErrorRate')!.expr!,
      };
    },
  },
];

/** The simulator's targets: one per pod at its IP, down where the pod is crash-looping. */
function podTargets(scenario: Scenario): Omit<PromTarget, 'lastScrape'>[] {
  const pods = renderKubeWorld(scenario, { now: () => scenario.spec.now }).objects.filter(
    (o) => o.kind === 'Pod',
  );
  // biome-ignore lint/suspicious/noExplicitAny: reads the rendered Pod objects
  return pods.map((pod: any) => {
    const [container] = pod.spec.containers;
    const address = `${pod.status.podIP}:${container.ports[0].containerPort}`;
    const crashing = pod.status.containerStatuses.some(
      // biome-ignore lint/suspicious/noExplicitAny: reads the rendered Pod objects
      (c: any) => c.state.waiting?.reason === 'CrashLoopBackOff',
    );
    const service = pod.metadata.labels.app;
    return {
      scrapePool: service,
      scrapeUrl: `http://${address}/metrics`,
      labels: {
        container: container.name,
        namespace: pod.metadata.namespace,
        pod: pod.metadata.name,
        service,
      },
      health: crashing ? 'down' : 'up',
      lastError: crashing ? refused(address) : '',
    };
  });
}

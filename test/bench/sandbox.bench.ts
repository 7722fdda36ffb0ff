// `npm run bench:sandbox`: (a) how long a 50-service scenario takes from its YAML to every
// sandbox endpoint answering (Kubernetes API, Alertmanager, CloudWatch Logs, Prometheus),
// through startSandbox as `opswarden sandbox` runs it; goal under 3 s. (b) The sandbox Prometheus's query latency beside a real
// Prometheus backfilled from the same scenario, for 20 representative queries, instant and
// range, over HTTP on both; goal: median ratio sandbox/prometheus at most 2×. Figures from
// one run over a deterministic scenario; missing a goal is reported, not fatal (exit 0).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import yaml from 'js-yaml';
import { startSandbox } from '../../src/sandbox/run/start.ts';
import { parseScenario } from '../../src/sandbox/scenario/load.ts';
import { startPrometheus } from '../helpers/prometheus.ts';
import {
  fiftyServiceScenarioYaml,
  NAMESPACE,
  PODS_PER_SERVICE,
  SERVICES,
  serviceName,
} from './fifty-services.ts';
import { table } from './stats.ts';

const INCIDENT = 7;
const INCIDENT_SERVICE = serviceName(INCIDENT);
const STARTUP_GOAL_MS = 3000;
const RATIO_GOAL = 2;
const WARMUP_RUNS = 2;
const RUNS = 15;
/** Services released at -19m (the incident's among them), each with a firing alert. */
const released = (i: number) => i % 10 === 7;

/** 50 services in a dependency chain, 3 pods each, request logs, one incident, five alerts. */
function benchScenarioYaml(): string {
  return fiftyServiceScenarioYaml({
    name: 'sandbox-bench',
    description: `${SERVICES} services; ${INCIDENT_SERVICE} fails.`,
    requestLogEvery: '10s',
    shape: (i) => ({
      ...(released(i) ? { release: { at: '-19m', version: '1.1.0' } } : {}),
      ...(i === INCIDENT
        ? {
            errors: [
              { from: '-6h', ratio: 0.002 },
              { from: '-18m', ratio: 0.31, ramp: '1m' },
            ],
            logLines: [
              { from: '-18m', every: '2s', level: 'error', text: 'timeout to orders-db after 3000ms' },
            ],
          }
        : {}),
      ...(i % 10 === 3 ? { memoryGrowth: '1Mi/min' } : {}),
    }),
    metrics: [
      {
        name: 'db_pool_connections_in_use',
        type: 'gauge',
        labels: { service: INCIDENT_SERVICE, namespace: NAMESPACE },
        value: [
          { from: '-6h', value: 8 },
          { from: '-18m', value: 10, ramp: '30s' },
        ],
      },
    ],
    logs: [
      {
        source: { cloudwatch: { group: '/aws/rds/orders-db', stream: 'error' } },
        lines: [{ from: '-18m', every: '30s', level: 'warning', text: 'too many connections' }],
      },
    ],
    alerts: Array.from({ length: SERVICES }, (_, i) => i)
      .filter(released)
      .map((i) => ({
        service: i,
        name: 'HighErrorRate',
        severity: 'critical',
        summary: `${serviceName(i)} 5xx above 5%`,
        startsAt: '-15m',
      })),
  });
}

/** Wall time of `run`, in ms, and its result. */
async function timed<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

async function expectOk(what: string, response: Promise<Response>): Promise<void> {
  const res = await response;
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${what} answered HTTP ${res.status}`);
}

/** GET over HTTPS trusting the Kubernetes simulator's CA, with its bearer token. */
function kubeGet(url: string, token: string, ca: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`GET ${url} answered ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

// (a) Start-up: what `opswarden sandbox` does (startSandbox), then the first answer of each
// endpoint; the first Prometheus query generates every series.
const text = benchScenarioYaml();
const closers: (() => Promise<void>)[] = [];
const [scenario, parseMs] = await timed(() => parseScenario(text, 'sandbox-bench.yaml'));
const dir = mkdtempSync(join(tmpdir(), 'opswarden-bench-sandbox-'));
closers.push(async () => rmSync(dir, { recursive: true, force: true }));
const [sandbox, startMs] = await timed(() => startSandbox(scenario, { clock: 'frozen', dir }));
closers.push(sandbox.close);
const [, kubeMs] = await timed(async () => {
  const kubeconfig = yaml.load(readFileSync(sandbox.kubeconfigPath, 'utf8')) as {
    users: { user: { token: string } }[];
  };
  const token = kubeconfig.users[0]!.user.token;
  await kubeGet(
    `${sandbox.urls.kubernetes}/api/v1/namespaces/shop/pods`,
    token,
    readFileSync(join(dir, 'kube', 'ca.crt')),
  );
});
const [, alertmanagerMs] = await timed(() =>
  expectOk('Alertmanager', fetch(`${sandbox.urls.alertmanager}/api/v2/alerts`)),
);
const [, cloudwatchMs] = await timed(() =>
  expectOk(
    'CloudWatch Logs',
    fetch(sandbox.urls.cloudwatch, {
      method: 'POST',
      headers: {
        'x-amz-target': 'Logs_20140328.DescribeLogGroups',
        'content-type': 'application/x-amz-json-1.1',
        authorization: 'AWS4-HMAC-SHA256 Credential=bench',
      },
      body: '{}',
    }),
  ),
);
const [seriesCount, promMs] = await timed(async () => {
  const res = await fetch(
    `${sandbox.urls.prometheus}/api/v1/query?query=${encodeURIComponent('count({__name__=~".+"})')}`,
  );
  const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
  return Number(body.data.result[0]?.value[1]);
});
const totalMs = parseMs + startMs + kubeMs + alertmanagerMs + cloudwatchMs + promMs;
const pods = SERVICES * PODS_PER_SERVICE;

console.log(
  `(a) Start-up of a ${SERVICES}-service scenario (${pods} pods, ${seriesCount} series), YAML to every endpoint answering\n`,
);
console.log(
  table(
    ['part', 'time'],
    [
      ['parse and validate the scenario', ms(parseMs)],
      ['startSandbox: every endpoint listening, kubeconfig and config written', ms(startMs)],
      ['Kubernetes API: first GET pods', ms(kubeMs)],
      ['Alertmanager: first GET alerts', ms(alertmanagerMs)],
      ['CloudWatch Logs: first DescribeLogGroups', ms(cloudwatchMs)],
      ['Prometheus: first query (generates every series)', ms(promMs)],
      ['total', ms(totalMs)],
    ],
  ),
);
console.log(`\nGoal (under ${STARTUP_GOAL_MS} ms): ${totalMs < STARTUP_GOAL_MS ? 'met' : 'NOT met'}\n`);

// (b) Query latency.
const QUERIES = [
  `sum by (code) (rate(http_requests_total{service="${INCIDENT_SERVICE}"}[5m]))`,
  'sum by (service) (rate(http_requests_total{code="500"}[5m])) / sum by (service) (rate(http_requests_total[5m]))',
  'histogram_quantile(0.99, sum by (le, service) (rate(http_request_duration_seconds_bucket[5m])))',
  'sum(rate(http_request_duration_seconds_sum[5m])) / sum(rate(http_request_duration_seconds_count[5m]))',
  'topk(5, sum by (service) (rate(http_requests_total[5m])))',
  'sum without (pod, container) (rate(http_requests_total[1m]))',
  'increase(kube_pod_container_status_restarts_total[1h])',
  'max_over_time(container_memory_working_set_bytes[10m]) / on(pod) container_spec_memory_limit_bytes',
  'predict_linear(container_memory_working_set_bytes[30m], 3600)',
  'deriv(container_memory_working_set_bytes[15m])',
  'sum by (service) (rate(container_cpu_usage_seconds_total[5m]))',
  'up == 0',
  'count by (service) (up)',
  'changes(up[1h])',
  'kube_node_status_condition{condition="Ready",status="true"} == 1',
  'quantile_over_time(0.9, db_pool_connections_in_use[30m])',
  'max_over_time(rate(http_requests_total{code="500"}[1m])[30m:1m])',
  `label_replace(up{service="${INCIDENT_SERVICE}"}, "svc", "$1", "service", "(.*)")`,
  'absent(nonexistent_metric)',
  '{__name__=~"http_request_duration_seconds_(sum|count)", service=~"svc-0.*"}',
];
const nowS = scenario.spec.now.getTime() / 1000;
const requestsOf = (query: string) => [
  { kind: 'instant', path: `/api/v1/query?${new URLSearchParams({ query, time: String(nowS) })}` },
  {
    kind: 'range 3h/30s',
    path: `/api/v1/query_range?${new URLSearchParams({ query, start: String(nowS - 3 * 3600), end: String(nowS), step: '30' })}`,
  },
];

console.log('(b) Query latency: sandbox Prometheus beside a real Prometheus 2.42 (backfilling it…)');
const [realProm, backfillMs] = await timed(() => startPrometheus({ scenario }));
closers.push(realProm.close);
console.log(
  `    backfilled and started in ${ms(backfillMs)}; ${WARMUP_RUNS} warm-up runs, median of ${RUNS}\n`,
);

async function medianMs(base: string, path: string): Promise<{ median: number; body: string }> {
  let body = '';
  const times: number[] = [];
  for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
    const [text, elapsed] = await timed(async () => (await fetch(base + path)).text());
    body = text;
    if (run >= WARMUP_RUNS) times.push(elapsed);
  }
  return { median: median(times), body };
}

const rows: string[][] = [];
const ratios: number[] = [];
const differing: string[] = [];
for (const query of QUERIES) {
  for (const { kind, path } of requestsOf(query)) {
    const real = await medianMs(realProm.url, path);
    const simulated = await medianMs(sandbox.urls.prometheus, path);
    const ratio = simulated.median / real.median;
    ratios.push(ratio);
    const same = resultSet(simulated.body) === resultSet(real.body);
    if (!same) differing.push(`${kind} ${query}`);
    rows.push([
      truncate(query, 60),
      kind,
      ms(real.median),
      ms(simulated.median),
      `${ratio.toFixed(2)}×`,
      same ? 'yes' : 'no',
    ]);
  }
}
console.log(table(['query', 'kind', 'prometheus', 'sandbox', 'ratio', 'same answer'], rows));
const medianRatio = median(ratios);
console.log(
  `\nMedian ratio sandbox/prometheus: ${medianRatio.toFixed(2)}× (max ${Math.max(...ratios).toFixed(2)}×). Goal (≤ ${RATIO_GOAL}×): ${medianRatio <= RATIO_GOAL ? 'met' : 'NOT met'}`,
);
if (differing.length) console.log(`Answers that differ from Prometheus's:\n  ${differing.join('\n  ')}`);

for (const close of closers.reverse()) await close();

/** The answer with series in label order: Prometheus leaves an aggregation's series unordered. */
function resultSet(body: string): string {
  const answer = JSON.parse(body);
  const result = answer.data?.result;
  if (Array.isArray(result) && answer.data.resultType !== 'scalar' && answer.data.resultType !== 'string') {
    result.sort((a: { metric: object }, b: { metric: object }) =>
      JSON.stringify(a.metric).localeCompare(JSON.stringify(b.metric)),
    );
  }
  return JSON.stringify(answer);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
}

function truncate(value: string, length: number): string {
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}

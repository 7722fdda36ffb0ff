// `npm run bench:incidents`: incident handling against its performance goals.
//   1. Ingestion: alerts per second through `POST /v1/alerts/alertmanager` over HTTP on
//      loopback, grouping on, into an opswarden server in its own process (real SQLite
//      file, audit log and JSONL mirror): 50,000 alerts in webhook notifications of 100 over
//      a 50-service catalog (ten dependency chains of five), as Alertmanager re-notifies a
//      storm: 5,000 distinct alerts, each notified ten times, the last time resolved for
//      half of them. Goal: ≥ 5,000 alerts/s.
//   2. Correlation: `incident_correlate` on a 50-service sandbox world (bad-deploy-scenario.ts:
//      one chain of 50, a bad release mid-chain, the alert two hops away, noise) whose pods
//      hold over 1,000,000 log lines (computed from the scenario's spec, log-lines.ts). The
//      engine does not read them all: it samples, per pod of the workloads it suspects, the
//      first 192 KiB since the window began and the first 384 KiB from shortly before the
//      onset (src/incidents/correlate/gather/logs.ts). The lines and bytes it read come
//      from its "kubernetes logs" signal and are printed beside the lines held, with the
//      pod-log lines the Kubernetes API handed over as a cross-check. The sandbox runs in
//      this process and opswarden in a child (correlate-child.ts) that ingests the alerts
//      and makes one call through an MCP client, so the child's peak RSS (maxRSS) is
//      opswarden's memory, not the simulators'; the call's wall time includes the
//      simulators answering over loopback, as a real API server and Prometheus would.
//      Goals: under 5 s and under 512 MiB in such a world; the rank of the scenario's
//      true cause is printed beside them.
// Missing a goal is reported, not fatal (exit 0); a part that cannot be measured at all is
// reported and makes the exit code 1.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprintOf } from '../../src/incidents/records/alert.ts';
import { startSandbox } from '../../src/sandbox/run/start.ts';
import { parseScenario } from '../../src/sandbox/scenario/load.ts';
import { DEFAULT_POLICY, makeWorld, type World } from '../helpers/world.ts';
import { badDeployScenarioYaml, SYMPTOMATIC_SERVICE, TRUE_CAUSE } from './bad-deploy-scenario.ts';
import { runCorrelateChild } from './correlate-process.ts';
import { logLinesHeld } from './log-lines.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';
import { formatMs, type Summary, summarize, table } from './stats.ts';

const ALERTS_PER_SECOND_GOAL = 5_000;
const CORRELATION_LOG_LINES = 1_000_000;
const CORRELATION_SECONDS_GOAL = 5;
const CORRELATION_MIB_GOAL = 512;
const DOMAINS = 10;
const CHAIN = ['gateway', 'api', 'worker', 'cache', 'db'] as const;
const RULES = ['HighErrorRate', 'HighLatency', 'PodRestarting', 'SaturationHigh'] as const;
const PODS = 25;
const NOTIFICATIONS_PER_ALERT = 10;
const BATCH = 100;
/** Notifications in flight at once, as from an Alertmanager with many groups to send. */
const CONCURRENCY = 8;
const KEY = 'bench-alertmanager-key-0123456789';

interface Phase {
  name: string;
  alerts: number;
  posts: number;
  seconds: number;
  alertsPerSecond: number;
  latency: Summary;
  /** Server CPU time over wall time (1 = one core busy). */
  serverCpuShare: number | undefined;
  errors: number;
  firstError?: string;
}

interface Ingestion {
  phases: Phase[];
  total: Phase;
  openIncidents: number;
}

/** Ten chains of five: <domain>-gateway → -api → -worker → -cache → -db. */
function catalog() {
  return Array.from({ length: DOMAINS }, (_, d) =>
    CHAIN.map((role, i) => ({
      name: `d${d}-${role}`,
      workload: `Deployment/domain-${d}/d${d}-${role}`,
      dependsOn: i < CHAIN.length - 1 ? [`d${d}-${CHAIN[i + 1]}`] : [],
    })),
  ).flat();
}

function benchWorld(): World {
  return makeWorld({
    policy: DEFAULT_POLICY,
    extra: {
      logging: { level: 'info' },
      auth: { apiKeys: [{ id: 'alertmanager', type: 'service', roles: ['alert-writer'], key: KEY }] },
      services: catalog(),
    },
  });
}

/** Alertmanager webhook bodies per notification round, one per service (100 alerts each). */
function notificationRounds(): string[][] {
  const start = Date.now() - 30 * 60_000;
  return Array.from({ length: NOTIFICATIONS_PER_ALERT }, (_, round) =>
    catalog().map((service) => {
      const namespace = service.workload.split('/')[1]!;
      const resolvedRound = round === NOTIFICATIONS_PER_ALERT - 1;
      const alerts = RULES.flatMap((alertname, r) =>
        Array.from({ length: PODS }, (_, p) => {
          const labels = {
            alertname,
            service: service.name,
            namespace,
            pod: `${service.name}-7d9f8c6b5-${String(p).padStart(5, '0')}`,
            container: 'app',
            instance: `10.${r}.${p}.17:8080`,
            job: 'kubernetes-pods',
            cluster: 'prod-eu-1',
            prometheus: 'monitoring/k8s',
            severity: r === 0 ? 'critical' : 'warning',
          };
          const resolved = resolvedRound && p % 2 === 0;
          return {
            status: resolved ? 'resolved' : 'firing',
            labels,
            annotations: {
              summary: `${alertname} on ${labels.pod}`,
              description: `${service.name} ${alertname}: value above threshold for 5m`,
              runbook_url: `https://runbooks.example/${alertname}`,
            },
            startsAt: new Date(start + r * 1000 + p).toISOString(),
            endsAt: resolved ? new Date().toISOString() : '0001-01-01T00:00:00Z',
            generatorURL: `http://prometheus.example/graph?g0.expr=${alertname}`,
            fingerprint: fingerprintOf(labels),
          };
        }),
      );
      return JSON.stringify({
        version: '4',
        groupKey: `{}:{service="${service.name}"}`,
        truncatedAlerts: 0,
        status: 'firing',
        receiver: 'opswarden',
        groupLabels: { service: service.name },
        commonLabels: { service: service.name, namespace, cluster: 'prod-eu-1' },
        commonAnnotations: {},
        externalURL: 'http://alertmanager.example:9093',
        alerts,
      });
    }),
  );
}

/** Posts the bodies, CONCURRENCY at a time, and times them. */
async function drive(name: string, server: ServerProcess, bodies: readonly string[]): Promise<Phase> {
  const url = `${server.url}/v1/alerts/alertmanager`;
  const latenciesNs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const cpuBefore = server.cpuMs();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const sent = process.hrtime.bigint();
        const res = await fetch(url, {
          method: 'POST',
          headers: { Authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
          body,
        });
        const text = await res.text();
        latenciesNs.push(Number(process.hrtime.bigint() - sent));
        if (!res.ok) {
          errors += 1;
          firstError ??= `HTTP ${res.status}: ${text.slice(0, 300)}`;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = server.cpuMs();
  const alerts = bodies.length * BATCH;
  return {
    name,
    alerts,
    posts: bodies.length,
    seconds,
    alertsPerSecond: alerts / seconds,
    latency: summarize(latenciesNs),
    serverCpuShare:
      cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / 1000 / seconds,
    errors,
    ...(firstError ? { firstError } : {}),
  };
}

async function measureIngestion(): Promise<Ingestion> {
  const world = benchWorld();
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess(world.configPath);
    const [first, ...rest] = notificationRounds();
    const cpuBefore = server.cpuMs();
    const phases = [
      await drive('first notification (new alerts)', server, first!),
      await drive('re-notifications (dedupe, last round resolves half)', server, rest.flat()),
    ];
    const cpuAfter = server.cpuMs();
    const seconds = phases.reduce((sum, p) => sum + p.seconds, 0);
    const alerts = phases.reduce((sum, p) => sum + p.alerts, 0);
    const total: Phase = {
      name: 'all',
      alerts,
      posts: phases.reduce((sum, p) => sum + p.posts, 0),
      seconds,
      alertsPerSecond: alerts / seconds,
      latency: summarize([]),
      serverCpuShare:
        cpuBefore === undefined || cpuAfter === undefined
          ? undefined
          : (cpuAfter - cpuBefore) / 1000 / seconds,
      errors: phases.reduce((sum, p) => sum + p.errors, 0),
    };
    const listed = await fetch(`${server.url}/v1/incidents?status=open&limit=500`, {
      headers: { Authorization: `Bearer ${KEY}` },
    });
    const { incidents } = (await listed.json()) as { incidents: unknown[] };
    return { phases, total, openIncidents: incidents.length };
  } finally {
    await server?.stop();
    world.cleanup();
  }
}

/** What the engine's "kubernetes logs" signal says it read: `ok (9 pods of 3 workloads sampled: 29307 lines, 590000 bytes read)`. */
function engineRead(status: string) {
  const m = /(\d+) pods of (\d+) workloads sampled: (\d+) lines, (\d+) bytes read/.exec(status);
  return m
    ? { pods: Number(m[1]), workloads: Number(m[2]), lines: Number(m[3]), bytes: Number(m[4]) }
    : undefined;
}

/** Time and peak memory of one `incident_correlate` call; rows to print and whether the goals were met. */
async function measureCorrelation(): Promise<{
  rows: string[][];
  ok: boolean;
  linesRead?: number | undefined;
}> {
  const scenario = parseScenario(badDeployScenarioYaml(), 'incidents-bench-bad-deploy.yaml');
  const lines = logLinesHeld(scenario);
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-bench-correlate-'));
  try {
    const sandbox = await startSandbox(scenario, { clock: 'frozen', dir });
    try {
      const report = await runCorrelateChild(
        {
          configPath: sandbox.configPath,
          now: scenario.spec.now.toISOString(),
          alertMessages: sandbox.alertMessages(),
          service: SYMPTOMATIC_SERVICE,
        },
        dir,
      );
      if (report.error) throw new Error(`incident_correlate answered an error: ${report.error}`);
      const seconds = report.callMs / 1000;
      const peakMib = report.maxRssKb / 1024;
      const truth = report.hypotheses.find((h) => h.ref === TRUE_CAUSE);
      const top = report.hypotheses[0];
      const logSignal = report.signals.find((s) => s.source === 'kubernetes logs')?.status ?? 'not reported';
      const read = engineRead(logSignal);
      const count = (n: number) => n.toLocaleString('en-US');
      const rows = [
        [
          'log lines the scenario holds (computed from its spec, not read)',
          count(lines),
          `>= ${count(CORRELATION_LOG_LINES)}`,
        ],
        [
          'log lines the engine read (its "kubernetes logs" signal)',
          read
            ? `${count(read.lines)} (${(read.bytes / 1024).toFixed(0)} KiB from ${read.pods} pods of ${read.workloads} workloads; ${((read.lines / lines) * 100).toFixed(1)}% of the lines held)`
            : `not reported (signal: ${logSignal})`,
          '',
        ],
        [
          `incident_correlate wall time (${report.incident.id}, ${report.incident.service})`,
          `${seconds.toFixed(2)} s`,
          `< ${CORRELATION_SECONDS_GOAL} s`,
        ],
        ['opswarden peak RSS (child maxRSS)', `${peakMib.toFixed(0)} MiB`, `< ${CORRELATION_MIB_GOAL} MiB`],
        [
          '  of it before the call (start, ingest, enrichment)',
          `${(report.maxRssBeforeCallKb / 1024).toFixed(0)} MiB`,
          '',
        ],
        [
          '  cross-check: pod-log lines the Kubernetes API handed over',
          `${count(report.podLogs.lines)} (${(report.podLogs.bytes / 1024).toFixed(0)} KiB in ${report.podLogs.calls} reads)`,
          '',
        ],
        [
          `rank of the true cause ${TRUE_CAUSE}`,
          truth
            ? `${truth.rank} of ${report.hypotheses.length} (confidence ${truth.confidence.toFixed(2)})`
            : `not in the top ${report.hypotheses.length}`,
          '',
        ],
        [
          'top hypothesis',
          top ? `${top.category} ${top.ref} (confidence ${top.confidence.toFixed(2)})` : 'none',
          '',
        ],
      ];
      const ok =
        lines >= CORRELATION_LOG_LINES &&
        seconds < CORRELATION_SECONDS_GOAL &&
        peakMib < CORRELATION_MIB_GOAL;
      return { rows, ok, linesRead: read?.lines };
    } finally {
      await sandbox.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  let exitCode = 0;
  console.log(
    `\n1. Alert ingestion: ${DOMAINS * CHAIN.length} services, ${NOTIFICATIONS_PER_ALERT * DOMAINS * CHAIN.length} Alertmanager webhook posts of ${BATCH} alerts, ${CONCURRENCY} in flight, grouping on`,
  );
  try {
    const r = await measureIngestion();
    const cpu = (p: Phase) =>
      p.serverCpuShare === undefined ? 'n/a' : `${Math.round(p.serverCpuShare * 100)}% of a core`;
    const row = (p: Phase) => [
      p.name,
      String(p.alerts),
      String(p.posts),
      p.seconds.toFixed(2),
      Math.round(p.alertsPerSecond).toLocaleString('en-US'),
      p.latency.count ? formatMs(p.latency.p50) : '',
      p.latency.count ? formatMs(p.latency.p99) : '',
      cpu(p),
      String(p.errors),
    ];
    console.log(
      table(
        ['phase', 'alerts', 'posts', 'seconds', 'alerts/s', 'post p50', 'post p99', 'server CPU', 'errors'],
        [...r.phases.map(row), row(r.total)],
      ),
    );
    for (const p of r.phases) if (p.firstError) console.log(`${p.name}: first error: ${p.firstError}`);
    console.log(`open incidents: ${r.openIncidents} (expected ${DOMAINS}, one per dependency chain)`);
    const ok =
      r.total.alertsPerSecond >= ALERTS_PER_SECOND_GOAL &&
      r.total.errors === 0 &&
      r.openIncidents === DOMAINS;
    console.log(
      `goal: >= ${ALERTS_PER_SECOND_GOAL.toLocaleString('en-US')} alerts/s overall, no errors, one incident per dependency chain: ${ok ? 'met' : 'MISSED'}`,
    );
  } catch (err) {
    console.log(`could not measure: ${(err as Error).message}`);
    exitCode = 1;
  }

  console.log(
    `\n2. Correlation: incident_correlate in its own process, 50 services whose pods hold >= ${CORRELATION_LOG_LINES.toLocaleString('en-US')} log lines, of which the engine samples a bounded part`,
  );
  try {
    const correlation = await measureCorrelation();
    console.log(table(['measure', 'value', 'target'], correlation.rows));
    const sampled =
      correlation.linesRead === undefined
        ? 'lines read not reported'
        : `${correlation.linesRead.toLocaleString('en-US')} of them read`;
    console.log(
      `goal: under ${CORRELATION_SECONDS_GOAL} s and under ${CORRELATION_MIB_GOAL} MiB in a world of >= ${CORRELATION_LOG_LINES.toLocaleString('en-US')} log lines, sampled (${sampled}): ${correlation.ok ? 'met' : 'MISSED'}`,
    );
  } catch (err) {
    console.log(`could not measure: ${(err as Error).message}`);
    exitCode = 1;
  }
  return exitCode;
}

process.exitCode = await main();

// Starts a real Prometheus (Debian package) on a free loopback port for tests, its TSDB
// backfilled from a scenario with the real `promtool tsdb create-blocks-from openmetrics`,
// optionally with rule files and an Alertmanager. The scenario's spec.now is a fixed date:
// backfilled blocks are queryable at any time within retention, so retention is ten years
// and queries pass `time=<spec.now>`. Rules evaluate at wall-clock time, so a test of rules
// over scenario data loads the scenario with `{ now: new Date() }` (spec.now mapped to now).
//
// It scrapes, as a real one does, every second: itself (job `prometheus`, up) and a
// loopback port nothing listens on (job `dead`, down: connection refused), so its targets,
// their health and the metadata of what it scraped are real. Scraped series are written at
// wall-clock time beside the backfilled ones (`up{job,instance}` next to the scenario's
// `up{pod,...}`, and Prometheus's own `prometheus_*` families): a test that means the
// scenario's series says so with a matcher or a time range. The first scrape comes a few
// seconds after start; `scraped()` waits for it.
//
// Missing binaries are installed from Debian when the tests run as root, and otherwise the
// tests fail saying what to install (DESIGN §7).

import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { generateSeries } from '../../src/sandbox/metrics/generate.ts';
import { writeOpenMetricsFile } from '../../src/sandbox/metrics/openmetrics.ts';
import { loadScenario, type Scenario } from '../../src/sandbox/scenario/load.ts';
import { onFreePort } from './ports.ts';

export interface PrometheusOptions {
  /** Backfilled into the TSDB before start: a loaded scenario or the path of its YAML. */
  scenario?: Scenario | string;
  /** The content of one rule file (Prometheus rule YAML). */
  rules?: string;
  /** An Alertmanager to send alerts to, such as http://127.0.0.1:9093. */
  alertmanagerUrl?: string;
}

export interface RunningPrometheus {
  /** Base URL, e.g. http://127.0.0.1:41234 (the HTTP API is under /api/v1). */
  url: string;
  /** host:port of the target of job `prometheus`: this Prometheus itself, up. */
  selfTarget: string;
  /** host:port of the target of job `dead`: nothing listens there, so it is down. */
  deadTarget: string;
  /** Resolves once every target has been scraped (health up or down, no longer unknown). */
  scraped(): Promise<void>;
  close(): Promise<void>;
}

/** Both jobs scrape this often, so the first scrape comes soon after the scrape manager starts. */
const SCRAPE_INTERVAL = '1s';
/** Prometheus applies new targets on a 5-second tick, then scrapes within one interval. */
const SCRAPED_TIMEOUT_MS = 30_000;

const READY_TIMEOUT_MS = 30_000;
const run = promisify(execFile);

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return join(dir, binary);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** The prometheus and promtool binaries, installing Debian's `prometheus` package first when missing and root. */
export function requirePrometheus(): { prometheus: string; promtool: string } {
  const find = () => {
    const prometheus = onPath('prometheus');
    const promtool = onPath('promtool');
    return prometheus && promtool ? { prometheus, promtool } : undefined;
  };
  const found = find();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'prometheus and promtool are not on PATH: install them (as root: apt-get install -y prometheus) and run the tests again',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => execFileSync('apt-get', ['install', '-y', 'prometheus'], { stdio: 'ignore', env });
  try {
    install();
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
    install();
  }
  const installed = find();
  if (!installed)
    throw new Error('apt-get install -y prometheus finished but prometheus/promtool are not on PATH');
  return installed;
}

export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const bins = requirePrometheus();
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-prometheus-'));
  const dataDir = join(dir, 'data');
  try {
    if (options.scenario) await backfill(bins.promtool, options.scenario, dir, dataDir);
    const configPath = join(dir, 'prometheus.yml');
    const deadTarget = `127.0.0.1:${await deadPort()}`;
    const started = await onFreePort((port) => {
      writeFileSync(configPath, configText(dir, options, `127.0.0.1:${port}`, deadTarget));
      return startOn(port, bins.prometheus, configPath, dataDir);
    });
    return {
      url: started.url,
      selfTarget: new URL(started.url).host,
      deadTarget,
      scraped: () => untilScraped(started.url),
      close: async () => {
        await stop(started.child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function backfill(
  promtool: string,
  scenario: Scenario | string,
  dir: string,
  dataDir: string,
): Promise<void> {
  const loaded = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
  const openMetrics = join(dir, 'scenario.om.txt');
  await writeOpenMetricsFile(generateSeries(loaded), openMetrics);
  try {
    await run(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', openMetrics, dataDir], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `promtool backfill of scenario ${loaded.name} failed: ${stderr || (error as Error).message}`,
    );
  }
}

/** Two scrape jobs, itself and a dead port; every other series comes from the backfill (or from rules). */
function configText(dir: string, options: PrometheusOptions, self: string, dead: string): string {
  const config: Record<string, unknown> = {
    // Rules evaluate every second so tests see alerts promptly.
    global: { scrape_interval: '15s', evaluation_interval: '1s' },
    scrape_configs: [
      { job_name: 'prometheus', scrape_interval: SCRAPE_INTERVAL, static_configs: [{ targets: [self] }] },
      { job_name: 'dead', scrape_interval: SCRAPE_INTERVAL, static_configs: [{ targets: [dead] }] },
    ],
  };
  if (options.rules !== undefined) {
    const rulesPath = join(dir, 'rules.yml');
    writeFileSync(rulesPath, options.rules);
    config.rule_files = [rulesPath];
  }
  if (options.alertmanagerUrl) {
    const am = new URL(options.alertmanagerUrl);
    config.alerting = {
      alertmanagers: [
        {
          scheme: am.protocol.replace(':', ''),
          path_prefix: am.pathname,
          static_configs: [{ targets: [am.host] }],
        },
      ],
    };
  }
  // JSON is YAML.
  return JSON.stringify(config, null, 2);
}

/**
 * A loopback port nothing listens on, for the dead target: free when checked, and below the
 * kernel's ephemeral range so that no test's listen(0) takes it while Prometheus runs (a
 * freed ephemeral port could come back as another test's server, and the target to life).
 */
async function deadPort(): Promise<number> {
  const from = 10_000;
  const below = ephemeralLow();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = from + Math.floor(Math.random() * (below - from));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free loopback port between ${from} and ${below} for the dead scrape target`);
}

/** The first port of the kernel's ephemeral range (Linux), else of IANA's. */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (low > 10_001) return low;
  } catch {
    // not Linux
  }
  return 49_152;
}

function isFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function untilScraped(url: string): Promise<void> {
  const deadline = Date.now() + SCRAPED_TIMEOUT_MS;
  let last = '';
  for (;;) {
    const body = (await (await fetch(`${url}/api/v1/targets`)).json()) as {
      data: { activeTargets: { scrapePool: string; health: string }[] };
    };
    const targets = body.data.activeTargets;
    if (targets.length === 2 && targets.every((t) => t.health !== 'unknown')) return;
    last = JSON.stringify(targets.map((t) => [t.scrapePool, t.health]));
    if (Date.now() > deadline) {
      throw new Error(
        `prometheus at ${url} had not scraped both targets within ${SCRAPED_TIMEOUT_MS} ms: ${last}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function startOn(
  port: number,
  prometheus: string,
  configPath: string,
  dataDir: string,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    prometheus,
    [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=3650d',
      '--query.lookback-delta=5m',
      // Alerts go out at every evaluation, not once a minute: the first send races the
      // Alertmanager's discovery and is dropped, and a test should not wait a minute.
      '--rules.alert.resend-delay=1s',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`prometheus exited before it was ready (code ${child.exitCode}): ${log}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop(child);
  throw new Error(`prometheus was not ready at ${url} within ${READY_TIMEOUT_MS} ms: ${log}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

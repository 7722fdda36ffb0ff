// Starts a real Alertmanager (Debian's prometheus-alertmanager) on a free loopback port for
// the tests: by default one receiver with no integrations (nothing is sent anywhere),
// routes grouped by alertname and service, a short group_wait so posted alerts show up at
// once; a test that needs receivers (a webhook) passes its own configuration. A
// missing binary is installed when the tests run as root (./debian-package.ts).

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireDebianPackage } from './debian-package.ts';
import { onFreePort } from './ports.ts';

const BINARY = '/usr/bin/prometheus-alertmanager';
const PACKAGE = 'prometheus-alertmanager';
const READY_TIMEOUT_MS = 30_000;

export interface PostedAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
}

export interface RunningAlertmanager {
  url: string;
  postAlerts(alerts: PostedAlert[]): Promise<void>;
  close(): Promise<void>;
}

const CONFIG = `route:
  receiver: blackhole
  group_by: [alertname, service]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: blackhole
`;

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`alertmanager at ${url} not ready after ${READY_TIMEOUT_MS} ms:\n${output()}`);
}

/** `config`: alertmanager.yml content; the blackhole configuration above when absent. */
export async function startAlertmanager(opts: { config?: string } = {}): Promise<RunningAlertmanager> {
  const binary = requireDebianPackage(PACKAGE, BINARY);
  return onFreePort((port) => startOn(port, binary, opts.config ?? CONFIG));
}

async function startOn(port: number, binary: string, config: string): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-alertmanager-'));
  const configPath = join(dir, 'alertmanager.yml');
  writeFileSync(configPath, config);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      `--config.file=${configPath}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      `--storage.path=${join(dir, 'data')}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8192);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => output);
  } catch (err) {
    await close();
    throw err;
  }
  return {
    url,
    close,
    async postAlerts(alerts) {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!res.ok) throw new Error(`POST /api/v2/alerts failed (HTTP ${res.status}): ${await res.text()}`);
    },
  };
}

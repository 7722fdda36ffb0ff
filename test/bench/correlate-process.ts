// The parent's side of the correlation measurement: hands a job (the sandbox's opswarden
// config, the world's now, the alerts Alertmanager would post) to correlate-child.ts in
// a `node` process of its own, so that process's peak RSS is opswarden's alone, and reads
// back its one-line JSON report. A child that fails or hangs is reported with its stderr.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WebhookMessage } from '../../src/sandbox/alertmanager/webhook.ts';
import { REPO } from '../helpers/world.ts';

const CHILD_SCRIPT = join(REPO, 'test/bench/correlate-child.ts');
const CHILD_TIMEOUT_MS = 180_000;

export interface CorrelateJob {
  /** The opswarden config startSandbox wrote, pointing at the sandbox endpoints. */
  configPath: string;
  /** The world's frozen now (RFC 3339). */
  now: string;
  /** Ingested before the measurement, as `opswarden sandbox` does, to open the incident. */
  alertMessages: WebhookMessage[];
  /** The incident to correlate is the one about this service. */
  service: string;
}

export interface CorrelateReport {
  incident: { id: string; service: string; detectedAt: string };
  /** Wall time of the incident_correlate call through the MCP client. */
  callMs: number;
  /** process.resourceUsage().maxRSS (KB): the peak up to just before the call, and overall. */
  maxRssBeforeCallKb: number;
  maxRssKb: number;
  /** What the Kubernetes API answered to podLog during the call, counted at the backend. */
  podLogs: { calls: number; lines: number; bytes: number };
  /** Set when the tool answered with an error. */
  error?: string;
  hypotheses: { rank: number; category: string; ref: string; confidence: number }[];
  signals: { source: string; status: string }[];
}

export async function runCorrelateChild(job: CorrelateJob, dir: string): Promise<CorrelateReport> {
  const jobPath = join(dir, 'correlate-job.json');
  writeFileSync(jobPath, JSON.stringify(job));
  const child = spawn(process.execPath, [CHILD_SCRIPT, jobPath], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The CloudWatch endpoint is the sandbox: any credentials do.
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'opswarden-sandbox',
      AWS_SECRET_ACCESS_KEY: 'opswarden-sandbox',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c, s) => resolve([c, s]));
  }).finally(() => clearTimeout(timer));
  const line = stdout.trim().split('\n').at(-1);
  if (code !== 0 || !line) {
    const how = signal
      ? `was killed (${signal}${signal === 'SIGKILL' ? `, after ${CHILD_TIMEOUT_MS} ms?` : ''})`
      : `exited with code ${code}`;
    throw new Error(`correlation child ${how}; its stderr:\n${stderr}`);
  }
  return JSON.parse(line) as CorrelateReport;
}

// The measured process of the correlation benchmark: opswarden alone (no simulators), as
// `opswarden sandbox` builds it over a sandbox another process runs: the sandbox's config,
// the world's clock frozen at the scenario's now, the firing alerts ingested into incidents
// (enrichment awaited). Then one `incident_correlate` call through a real MCP client over
// the in-memory transport, timed, with this process's peak RSS before and after it. The
// Kubernetes backend is wrapped to count the pod-log lines it hands over, a cross-check of
// what the engine's "kubernetes logs" signal says it read. Usage: node correlate-child.ts
// <job.json>; prints one JSON line.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import pino from 'pino';
import { createApp } from '../../src/app.ts';
import { createBackends } from '../../src/backends/index.ts';
import type { KubernetesBackend } from '../../src/backends/kubernetes/types.ts';
import { loadConfig } from '../../src/config/load.ts';
import { parseAlertmanagerWebhook } from '../../src/incidents/records/payload.ts';
import { IncidentRecords } from '../../src/incidents/records/store.ts';
import { SANDBOX_AGENT, SANDBOX_ALERTMANAGER } from '../../src/sandbox/run/config.ts';
import { connectServer } from '../../src/server/mcp.ts';
import type { CorrelateJob, CorrelateReport } from './correlate-process.ts';

const jobPath = process.argv[2];
if (!jobPath) throw new Error('usage: node correlate-child.ts <job.json>');
const job = JSON.parse(readFileSync(jobPath, 'utf8')) as CorrelateJob;
const { config } = loadConfig(job.configPath);
const now = new Date(job.now);
const podLogs = { calls: 0, lines: 0, bytes: 0 };
const kubernetes = createBackends(config).kubernetes;
if (!kubernetes) throw new Error(`${job.configPath}: no kubernetes backend configured`);

const app = createApp({
  config,
  worldClock: { now: () => new Date(now) },
  logger: pino({ level: 'silent' }),
  backends: { kubernetes: countingPodLogs(kubernetes) },
});
const alerts = job.alertMessages.flatMap((message) => parseAlertmanagerWebhook(message).alerts);
app.incidents.ingest(alerts, SANDBOX_ALERTMANAGER);
if (app.incidents instanceof IncidentRecords) await app.incidents.idle();
const incident = app.incidents.list({ status: 'open' }).find((i) => i.service === job.service);
if (!incident) throw new Error(`the alerts opened no incident about ${job.service}`);

const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
await connectServer(app, serverSide, { id: SANDBOX_AGENT, type: 'agent', roles: [], transport: 'in-memory' });
const client = new Client({ name: 'incidents-bench', version: '1.0.0' });
await client.connect(clientSide);

Object.assign(podLogs, { calls: 0, lines: 0, bytes: 0 });
const maxRssBeforeCallKb = process.resourceUsage().maxRSS;
const started = performance.now();
const result = await client.callTool(
  { name: 'incident_correlate', arguments: { incident: incident.id, hypotheses: 10 } },
  undefined,
  { timeout: 120_000 },
);
const callMs = performance.now() - started;
const maxRssKb = process.resourceUsage().maxRSS;

const answer = (result.structuredContent ?? {}) as Partial<Pick<CorrelateReport, 'hypotheses' | 'signals'>>;
const report: CorrelateReport = {
  incident: { id: incident.id, service: job.service, detectedAt: incident.detectedAt },
  callMs,
  maxRssBeforeCallKb,
  maxRssKb,
  podLogs,
  ...(result.isError ? { error: (result.content as { text?: string }[])[0]?.text ?? 'no message' } : {}),
  hypotheses: (answer.hypotheses ?? []).map(({ rank, category, ref, confidence }) => ({
    rank,
    category,
    ref,
    confidence,
  })),
  signals: answer.signals ?? [],
};
await client.close();
// app.close() waits for the WAL checkpointer's worker, which is unref'd: with nothing else
// left on the event loop, Node would exit (code 13) before it has stopped.
const keepAlive = setInterval(() => {}, 1_000);
await app.close();
clearInterval(keepAlive);
process.stdout.write(`${JSON.stringify(report)}\n`);

/** The same backend, counting the lines and bytes of every pod log it returns. */
function countingPodLogs(backend: KubernetesBackend): KubernetesBackend {
  return new Proxy(backend, {
    get(target, property) {
      if (property !== 'podLog') {
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (query: Parameters<KubernetesBackend['podLog']>[0]) => {
        const text = await target.podLog(query);
        podLogs.calls += 1;
        podLogs.bytes += Buffer.byteLength(text);
        podLogs.lines += lineCount(text);
        return text;
      };
    },
  });
}

/** Lines in a log text, a last one cut short by limitBytes included. */
function lineCount(text: string): number {
  let lines = text && !text.endsWith('\n') ? 1 : 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}

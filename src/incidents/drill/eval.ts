// `opswarden drill eval`: a scenario played as an on-call page, end to end. The sandbox
// starts (frozen clock), opswarden serves HTTP on it with the scenario's change events
// recorded, the sandbox's Alertmanager posts its firing alerts to opswarden's webhook with
// an alert-writer key, and an agent, through a real MCP client, lists the open incidents
// and asks `incident_correlate` about the most severe one. Only here is `truth` read: to say
// where the true cause ranked. The scenario comes parsed (a file or a generated one); the
// caller loads it, so it knows the name and truth of a scenario that then fails to play.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import pino from 'pino';
import { createApp } from '../../app.ts';
import { useSandboxAwsCredentials } from '../../sandbox/run/aws-credentials.ts';
import { scenarioChangeEvents } from '../../sandbox/run/changes.ts';
import { SANDBOX_AGENT } from '../../sandbox/run/config.ts';
import { startSandbox } from '../../sandbox/run/start.ts';
import type { Scenario } from '../../sandbox/scenario/load.ts';
import { startHttpServer } from '../../server/http.ts';
import { connectServer } from '../../server/mcp.ts';

export interface DrillHypothesis {
  rank: number;
  category: string;
  ref: string;
  confidence: number;
  summary: string;
}

export interface DrillOutcome {
  scenario: string;
  source: string;
  truth: { category: string; ref: string };
  /** The incident correlated: the most severe open one, then the one with most alerts. */
  incident: { id: string; service?: string; severity: string; alerts: number };
  /** Incidents the alerts opened (noise opens its own). */
  incidents: number;
  /** Where the true cause ranked; null when no hypothesis names it. */
  rank: number | null;
  hypotheses: DrillHypothesis[];
  durationMs: number;
}

type Structured = Record<string, unknown>;
interface IncidentRow {
  id: string;
  service?: string;
  severity: 'critical' | 'major' | 'minor';
  detectedAt: string;
  alerts: { total: number };
}

const SEVERITY = { critical: 3, major: 2, minor: 1 } as const;

export async function drillScenario(scenario: Scenario): Promise<DrillOutcome> {
  const started = performance.now();
  const truth = scenario.truth?.rootCause;
  if (!truth) throw new Error(`${scenario.source}: spec.truth.rootCause is required for a drill`);
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-drill-'));
  const alertWriterKey = randomBytes(24).toString('base64url');
  const sandbox = await startSandbox(scenario, { clock: 'frozen', dir, alertWriterKey });
  useSandboxAwsCredentials();
  const app = createApp({
    config: sandbox.config,
    worldClock: sandbox.clock,
    logger: pino({ level: 'silent' }),
  });
  // As `opswarden sandbox` does: the scenario's changes arrive as posted change events.
  for (const event of scenarioChangeEvents(scenario)) app.changes.record(event, 'opswarden-sandbox');
  const http = await startHttpServer(app, { host: '127.0.0.1', port: 0, stateless: false });
  const client = new Client({ name: 'opswarden-drill', version: '1.0.0' });
  try {
    await sandbox.notifyAlerts(`${http.url}/v1/alerts/alertmanager`, alertWriterKey);
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await connectServer(app, serverSide, {
      id: SANDBOX_AGENT,
      type: 'agent',
      roles: [],
      transport: 'in-memory',
    });
    await client.connect(clientSide);
    const call = async (name: string, args: Structured): Promise<Structured> => {
      const res = await client.callTool({ name, arguments: args });
      if (res.isError) throw new Error(`${name}: ${(res.content as { text?: string }[])[0]?.text}`);
      return res.structuredContent as Structured;
    };
    const open = (await call('incident_list', { status: 'open', since: '7d', limit: 100 }))
      .incidents as IncidentRow[];
    const incident = open.toSorted(
      (a, b) =>
        SEVERITY[b.severity] - SEVERITY[a.severity] ||
        b.alerts.total - a.alerts.total ||
        a.detectedAt.localeCompare(b.detectedAt) ||
        a.id.localeCompare(b.id),
    )[0];
    if (!incident) throw new Error(`${scenario.name}: the alerts opened no incident`);
    const correlation = await call('incident_correlate', { incident: incident.id, hypotheses: 10 });
    const hypotheses = (correlation.hypotheses as DrillHypothesis[]).map(
      ({ rank, category, ref, confidence, summary }) => ({
        rank,
        category,
        ref,
        confidence,
        summary,
      }),
    );
    return {
      scenario: scenario.name,
      source: scenario.source,
      truth: { category: truth.category, ref: truth.ref },
      incident: {
        id: incident.id,
        ...(incident.service ? { service: incident.service } : {}),
        severity: incident.severity,
        alerts: incident.alerts.total,
      },
      incidents: open.length,
      rank: hypotheses.find((h) => h.ref === truth.ref)?.rank ?? null,
      hypotheses,
      durationMs: performance.now() - started,
    };
  } finally {
    await client.close();
    await http.close();
    await app.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// A scenario paged into opswarden as Alertmanager would (its firing alerts posted to the
// incident store, its change events recorded), with a real MCP client as the agent: the
// most severe open incident is correlated through incident_correlate, and every runbook
// each hypothesis suggests is planned with runbook_plan exactly as suggested.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { expect } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createBackends } from '../../src/backends/index.ts';
import { parseAlertmanagerWebhook } from '../../src/incidents/records/payload.ts';
import { webhookMessage } from '../../src/sandbox/alertmanager/webhook.ts';
import { useSandboxAwsCredentials } from '../../src/sandbox/run/aws-credentials.ts';
import { scenarioChangeEvents } from '../../src/sandbox/run/changes.ts';
import { startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { connectSandboxAgent } from './sandbox-agent.ts';

const SEVERITY: Record<string, number> = { critical: 3, major: 2, minor: 1 };

type Structured = Record<string, unknown>;
export interface Suggested {
  name: string;
  params: Record<string, string>;
}
export interface PagedHypothesis {
  rank: number;
  category: string;
  ref: string;
  suggestedRunbooks: Suggested[];
}

/** Pages opswarden with the scenario's firing alerts and correlates the most severe incident. */
export async function pageAndCorrelate(path: string) {
  const scenario = loadScenario(path);
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-runbooks-'));
  const sandbox = await startSandbox(scenario, { clock: 'frozen', dir });
  useSandboxAwsCredentials();
  const app = createApp({
    config: sandbox.config,
    worldClock: sandbox.clock,
    logger: pino({ level: 'silent' }),
  });
  for (const event of scenarioChangeEvents(scenario)) app.changes.record(event, 'opswarden-sandbox');
  const client = await connectSandboxAgent(app, 'runbooks-test-agent');
  const call = async (name: string, args: Structured) => {
    const res = await client.callTool({ name, arguments: args });
    const text = (res.content as { text?: string }[])[0]?.text ?? '';
    return { ok: !res.isError, text, out: res.structuredContent as Structured };
  };
  try {
    const alertmanager = createBackends(sandbox.config).alertmanager!;
    for (const group of await alertmanager.alertGroups()) {
      const body = JSON.parse(JSON.stringify(webhookMessage(group, sandbox.urls.alertmanager)));
      app.incidents.ingest(parseAlertmanagerWebhook(body).alerts, 'alertmanager');
    }
    const open = app.incidents
      .list({ status: 'open' })
      .sort(
        (a, b) =>
          SEVERITY[b.severity]! - SEVERITY[a.severity]! ||
          b.alerts.length - a.alerts.length ||
          a.detectedAt.localeCompare(b.detectedAt),
      );
    const correlated = await call('incident_correlate', { incident: open[0]!.id, hypotheses: 10 });
    expect(correlated.ok, correlated.text).toBe(true);
    const hypotheses = correlated.out.hypotheses as PagedHypothesis[];
    const plans = [];
    for (const h of hypotheses)
      for (const runbook of h.suggestedRunbooks) {
        const plan = await call('runbook_plan', { runbook: runbook.name, params: runbook.params });
        plans.push({ ref: h.ref, runbook, ...plan });
      }
    return { request: correlated.out.request as Structured, hypotheses, plans };
  } finally {
    await client.close();
    await app.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

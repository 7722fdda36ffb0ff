// The correlation engine alone on a scenario, for the library and invariance tests: runs the
// scenario as a sandbox in-process, builds the backends from the sandbox's config exactly as
// opswarden would, records the scenario's change events as a CI/CD system would have posted
// them, picks what to correlate from the firing alerts alone (the most alarming one, as
// incident correlation does, at the scenario's now), runs the engine and reports where the
// true cause ranked, with the whole correlation to compare. Only this evaluator reads
// `truth`. The end-to-end drill (webhook, incidents, MCP) is src/incidents/drill/eval.ts.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../src/audit/log.ts';
import { createBackends } from '../../src/backends/index.ts';
import { ChangeStore } from '../../src/changes/store.ts';
import { catalogFromScenario } from '../../src/incidents/catalog.ts';
import { correlate } from '../../src/incidents/correlate/index.ts';
import type { Correlation, Hypothesis, RunbookMatch } from '../../src/incidents/correlate/types.ts';
import { mostAlarming } from '../../src/incidents/symptom.ts';
import { useSandboxAwsCredentials } from '../../src/sandbox/run/aws-credentials.ts';
import { scenarioChangeEvents } from '../../src/sandbox/run/changes.ts';
import { startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario, type Scenario } from '../../src/sandbox/scenario/load.ts';
import { openDatabase } from '../../src/store/sqlite.ts';

export interface DrillResult {
  scenario: string;
  truthRef: string;
  /** Where the true cause ranked; null when no hypothesis names it. */
  rank: number | null;
  top: Hypothesis[];
  /** What was correlated: the most severe firing alert's service, at the scenario's now. */
  symptom: { alert: string; service: string; namespace?: string; at: string };
  correlation: Correlation;
}

export interface DrillOptions {
  /** Runbooks to suggest (their `spec.matches`); none when absent. */
  runbooks?: readonly RunbookMatch[];
}

export async function evaluateScenario(scenarioPath: string, opts: DrillOptions = {}): Promise<DrillResult> {
  return evaluate(loadScenario(scenarioPath), opts);
}

export async function evaluate(scenario: Scenario, opts: DrillOptions = {}): Promise<DrillResult> {
  const truthRef = scenario.truth?.rootCause.ref;
  if (!truthRef)
    throw new Error(`${scenario.source}: spec.truth.rootCause.ref is required to evaluate a drill`);
  const { symptom, correlation } = await correlateScenario(scenario, opts);
  const match = correlation.hypotheses.find((h) => h.ref === truthRef);
  return {
    scenario: scenario.name,
    truthRef,
    rank: match ? match.rank : null,
    top: correlation.hypotheses.slice(0, 3),
    symptom,
    correlation,
  };
}

/** Runs the scenario as a sandbox and correlates its most severe firing alert; reads no truth. */
export async function correlateScenario(
  scenario: Scenario,
  opts: DrillOptions = {},
): Promise<{ symptom: DrillResult['symptom']; correlation: Correlation }> {
  const symptom = { ...symptomOf(scenario), at: scenario.spec.now.toISOString() };
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-drill-'));
  const sandbox = await startSandbox(scenario, { clock: 'frozen', dir });
  useSandboxAwsCredentials();
  const db = openDatabase(join(dir, 'drill.db'));
  try {
    const changes = new ChangeStore(db, AuditLog.open(db, { clock: sandbox.clock }), sandbox.clock);
    for (const event of scenarioChangeEvents(scenario)) changes.record(event, 'opswarden-drill');
    const correlation = await correlate(
      {
        service: symptom.service,
        ...(symptom.namespace ? { namespace: symptom.namespace } : {}),
        at: scenario.spec.now,
      },
      {
        backends: { ...createBackends(sandbox.config), changes },
        catalog: catalogFromScenario(scenario),
        clock: sandbox.clock,
        ...(opts.runbooks ? { runbooks: opts.runbooks } : {}),
      },
    );
    return { symptom, correlation };
  } finally {
    db.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The most severe alert firing at the scenario's now that names a service (earliest first on a tie). */
export function symptomOf(scenario: Scenario): { alert: string; service: string; namespace?: string } {
  const now = scenario.spec.now.getTime();
  const alert = mostAlarming(
    scenario.spec.alerts.flatMap((a) =>
      a.labels.service && a.startsAt.getTime() <= now && (!a.endsAt || a.endsAt.getTime() > now)
        ? [
            {
              alertname: a.name,
              service: a.labels.service,
              severity: a.labels.severity,
              startsAt: a.startsAt.getTime(),
              namespace: a.labels.namespace,
            },
          ]
        : [],
    ),
  );
  if (!alert) throw new Error(`${scenario.source}: no firing alert names a service: nothing to correlate`);
  return {
    alert: alert.alertname,
    service: alert.service,
    ...(alert.namespace ? { namespace: alert.namespace } : {}),
  };
}

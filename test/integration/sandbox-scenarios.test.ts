// Every scenario in the library runs as a sandbox and its `resolution` works: each fix and
// transient action names an object the simulated cluster has, and the first fix, made with
// the real kubectl as an engineer at a terminal would, resolves the incident's alerts in
// Alertmanager and in Prometheus once the metrics recover, while alerts that predate the
// incident keep firing. The clock runs live and fast, so the recovery plays out.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { parseRef } from '../../src/sandbox/scenario/refs.ts';
import { eventually } from '../helpers/eventually.ts';
import { kubectlFor } from '../helpers/kubectl.ts';
import { kubectlFixArgs } from '../helpers/kubectl-fix.ts';
import { REPO } from '../helpers/world.ts';

const FILES = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml'));
/** Scenario seconds per wall second: a 5-minute recovery takes 2.5 s. */
const SPEED = 120;
/**
 * Alerts that start after incidentStart but watch something the fix does not change: their
 * rules rightly keep firing (the scenario's series for them start before the incident).
 */
const OUTLAST_THE_FIX: Record<string, Record<string, string>> = {
  'payments-psp-timeouts': {
    BlackboxProbeSlow: 'Stripe itself stays slow; the fix routes payments around it',
  },
  'report-api-memory-leak': { PostgresReplicationLagHigh: 'the replica lag is a problem of its own' },
};
const API_VERSION: Record<string, string> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  ConfigMap: 'v1',
  Node: 'v1',
};

async function firingNames(url: string): Promise<string[]> {
  const alerts = (await (await fetch(`${url}/api/v2/alerts`)).json()) as { labels: { alertname: string } }[];
  return alerts.map((a) => a.labels.alertname).sort();
}

async function prometheusFiring(url: string): Promise<string[]> {
  const body = (await (await fetch(`${url}/api/v1/alerts`)).json()) as {
    data: { alerts: { labels: { alertname: string } }[] };
  };
  return body.data.alerts.map((a) => a.labels.alertname).sort();
}

describe.each(FILES)('scenario %s in the sandbox', (file) => {
  it('has fix targets that exist, and its first fix, made with kubectl, resolves the incident alerts', async () => {
    const scenario = loadScenario(join(REPO, 'scenarios', file));
    const resolution = scenario.resolution!;
    expect(resolution, 'every library scenario has a resolution').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'opswarden-scenario-'));
    const sandbox = await startSandbox(scenario, { clock: 'live', speed: SPEED, dir });
    try {
      const kc = new KubeConfig();
      kc.loadFromFile(sandbox.kubeconfigPath);
      const objects = KubernetesObjectApi.makeApiClient(kc);
      const replicas = new Map<string, number>();
      for (const action of [...resolution.fixes, ...resolution.transient]) {
        const ref = parseRef(action.target!);
        const found = await objects.read({
          apiVersion: API_VERSION[ref.kind] ?? 'v1',
          kind: ref.kind,
          metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
        });
        expect(found.metadata?.name, `${action.tool} ${action.target}`).toBe(ref.name);
        const spec = (found as { spec?: { replicas?: number } }).spec;
        if (spec?.replicas !== undefined) replicas.set(action.target!, spec.replicas);
      }

      const now = scenario.spec.now;
      const incident = scenario.spec.alerts
        .filter(
          (a) => a.startsAt >= resolution.incidentStart && a.startsAt <= now && (a.endsAt ?? now) >= now,
        )
        .map((a) => a.name)
        .filter((name) => !OUTLAST_THE_FIX[scenario.name]?.[name]);
      const before = await firingNames(sandbox.urls.alertmanager);
      expect(before, 'the incident is on when the sandbox starts').toEqual(expect.arrayContaining(incident));
      expect(incident.length).toBeGreaterThan(0);
      const stillFiring = before.filter((name) => !incident.includes(name));

      const fix = resolution.fixes[0]!;
      const kubectl = kubectlFor(sandbox.kubeconfigPath);
      const args = kubectlFixArgs(fix, replicas.get(fix.target!));
      const fixed = await kubectl(args);
      expect(fixed.code, `kubectl ${args.join(' ')}: ${fixed.stderr}`).toBe(0);
      expect(sandbox.reactions()).toEqual([expect.objectContaining({ kind: 'fix', tool: fix.tool })]);

      // Alerts follow their metrics: resolved within the recovery, a rule's `for` and a few steps.
      const settleMs = (resolution.recovery + 10 * 60_000) / SPEED;
      const after = await eventually(
        () => firingNames(sandbox.urls.alertmanager),
        (names) => {
          for (const name of incident) expect(names, `${name} resolves`).not.toContain(name);
        },
        { timeoutMs: settleMs, intervalMs: 200 },
      );
      expect(after).toEqual(expect.arrayContaining(stillFiring));
      const rules = await prometheusFiring(sandbox.urls.prometheus);
      for (const name of incident) expect(rules, `${name} resolves in Prometheus`).not.toContain(name);
    } finally {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

// Every scenario in the library runs as a sandbox and its `resolution` works: each fix and
// transient action names an object the simulated cluster has, and the first fix, applied as
// opswarden reports an executed change, resolves the incident's alerts in Alertmanager and
// in Prometheus while alerts that predate the incident keep firing.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { parseRef } from '../../src/sandbox/scenario/refs.ts';
import { REPO } from '../helpers/world.ts';

const FILES = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml'));
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
  it('has fix targets that exist, and its first fix resolves the incident alerts', async () => {
    const scenario = loadScenario(join(REPO, 'scenarios', file));
    const resolution = scenario.resolution!;
    expect(resolution, 'every library scenario has a resolution').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'opswarden-scenario-'));
    const sandbox = await startSandbox(scenario, { clock: 'frozen', dir });
    try {
      const kc = new KubeConfig();
      kc.loadFromFile(sandbox.kubeconfigPath);
      const objects = KubernetesObjectApi.makeApiClient(kc);
      for (const action of [...resolution.fixes, ...resolution.transient]) {
        if (!action.target) continue;
        const ref = parseRef(action.target);
        const found = await objects.read({
          apiVersion: API_VERSION[ref.kind] ?? 'v1',
          kind: ref.kind,
          metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
        });
        expect(found.metadata?.name, `${action.tool} ${action.target}`).toBe(ref.name);
      }

      const now = scenario.spec.now;
      const incident = scenario.spec.alerts
        .filter(
          (a) => a.startsAt >= resolution.incidentStart && a.startsAt <= now && (a.endsAt ?? now) >= now,
        )
        .map((a) => a.name);
      const before = await firingNames(sandbox.urls.alertmanager);
      expect(before, 'the incident is on when the sandbox starts').toEqual(expect.arrayContaining(incident));
      expect(incident.length).toBeGreaterThan(0);

      const fix = resolution.fixes[0]!;
      const ref = parseRef(fix.target!);
      const reaction = sandbox.react({
        tool: fix.tool,
        target: { kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
        args: fix.data
          ? {
              data: Object.fromEntries(
                Object.keys(fix.data).map((k) => [k, fix.data![k] === '*' ? 'x' : fix.data![k]]),
              ),
            }
          : {},
        at: now,
      });
      expect(reaction?.kind).toBe('fix');

      const after = await firingNames(sandbox.urls.alertmanager);
      for (const name of incident) expect(after, `${name} resolves`).not.toContain(name);
      const stillFiring = before.filter((name) => !incident.includes(name));
      expect(after).toEqual(expect.arrayContaining(stillFiring));
      const rules = await prometheusFiring(sandbox.urls.prometheus);
      for (const name of incident) expect(rules, `${name} resolves in Prometheus`).not.toContain(name);
    } finally {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

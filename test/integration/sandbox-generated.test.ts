// Generated scenarios run as sandboxes the way library ones do: one per category, its
// incident alerts listed by Alertmanager at the scenario's now (frozen clock), and its first
// fix, made with the real kubectl on a live fast clock, resolves them once the metrics
// recover, while the alerts that predate the incident keep firing. One scenario per category
// keeps this to well under a minute.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/run/start.ts';
import { generateScenarios } from '../../src/sandbox/scenario/generate/index.ts';
import { parseScenario, type Scenario } from '../../src/sandbox/scenario/load.ts';
import { ROOT_CAUSE_CATEGORIES } from '../../src/sandbox/scenario/schema.ts';
import { eventually } from '../helpers/eventually.ts';
import { kubectlFor } from '../helpers/kubectl.ts';
import { kubectlFixArgs } from '../helpers/kubectl-fix.ts';

const SPEED = 120;

async function firingNames(url: string): Promise<string[]> {
  const alerts = (await (await fetch(`${url}/api/v2/alerts`)).json()) as { labels: { alertname: string } }[];
  return alerts.map((a) => a.labels.alertname).sort();
}

/** The alerts the incident raised that still fire at now: the ones a fix must resolve. */
function incidentAlerts(scenario: Scenario): string[] {
  const start = scenario.resolution!.incidentStart;
  return scenario.spec.alerts.filter((a) => a.startsAt >= start && !a.endsAt).map((a) => a.name);
}

async function withSandbox<T>(
  scenario: Scenario,
  clock: 'frozen' | 'live',
  run: (s: Awaited<ReturnType<typeof startSandbox>>) => Promise<T>,
) {
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-generated-'));
  const sandbox = await startSandbox(
    scenario,
    clock === 'live' ? { clock, speed: SPEED, dir } : { clock, dir },
  );
  try {
    return await run(sandbox);
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(ROOT_CAUSE_CATEGORIES)('a generated %s scenario in the sandbox', (category) => {
  const [generated] = generateScenarios({ category, seed: 2026, count: 1 });
  const scenario = parseScenario(generated!.yaml, generated!.name);
  const incident = incidentAlerts(scenario);

  it('pages at now: Alertmanager lists its incident alerts (frozen clock)', async () => {
    expect(incident.length).toBeGreaterThan(0);
    await withSandbox(scenario, 'frozen', async (sandbox) => {
      expect(await firingNames(sandbox.urls.alertmanager)).toEqual(expect.arrayContaining(incident));
    });
  });

  it('its first fix, made with kubectl, resolves the incident alerts and leaves the others', async () => {
    await withSandbox(scenario, 'live', async (sandbox) => {
      const before = await firingNames(sandbox.urls.alertmanager);
      expect(before).toEqual(expect.arrayContaining(incident));
      const standing = before.filter((name) => !incident.includes(name));
      const fix = scenario.resolution!.fixes[0]!;
      const args = kubectlFixArgs(fix);
      const fixed = await kubectlFor(sandbox.kubeconfigPath)(args);
      expect(fixed.code, `kubectl ${args.join(' ')}: ${fixed.stderr}`).toBe(0);
      expect(sandbox.reactions()).toEqual([expect.objectContaining({ kind: 'fix', tool: fix.tool })]);
      const after = await eventually(
        () => firingNames(sandbox.urls.alertmanager),
        (names) => {
          for (const name of incident) expect(names, `${name} resolves`).not.toContain(name);
        },
        { timeoutMs: (scenario.resolution!.recovery + 10 * 60_000) / SPEED, intervalMs: 200 },
      );
      expect(after).toEqual(expect.arrayContaining(standing));
    });
  }, 60_000);
});

// The sandbox reacts to its world, not to who called: `opswarden sandbox` runs the built-in
// customer-etl scenario at wall-clock time (`--now wall`, the live default), an assistant
// sees the incident through opswarden, and the fix is made outside opswarden — with the
// real kubectl, as an engineer at a terminal would. The metrics recover, the alerts
// resolve in Alertmanager and Prometheus, Alertmanager notifies the resolution, and
// opswarden's incident resolves; nothing in opswarden's audit log executed the fix.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { kubectlFor } from '../helpers/kubectl.ts';
import { callOk, type SandboxCli, startSandboxCli } from '../helpers/sandbox-cli.ts';
import { runCliAsync } from '../helpers/spawn.ts';

const SPEED = 60;

const dir = mkdtempSync(join(tmpdir(), 'opswarden-world-fix-'));
let sandbox: SandboxCli | undefined;
afterAll(() => {
  sandbox?.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('a fix made with kubectl, outside opswarden', () => {
  it('resolves the scenario alerts and the opswarden incident', async () => {
    const startedAt = Date.now();
    sandbox = await startSandboxCli([
      'customer-etl',
      '--clock',
      'live',
      '--speed',
      String(SPEED),
      '--dir',
      dir,
    ]);
    const client = await sandbox.connect('world-fix-test');
    try {
      // --now wall: the world's now is this moment, so "the last hour" has data.
      const recent = await callOk(client, 'prom_query_range', {
        query: 'sum(rate(etl_task_failures_total[5m]))',
        start: new Date(Date.now() - 60 * 60_000).toISOString(),
        end: new Date().toISOString(),
        step: '1m',
      });
      expect(JSON.stringify(recent)).not.toContain('"series":[]');
      const open = await callOk(client, 'incident_list', { service: 'customer-etl', status: 'open' });
      const [incident] = open.incidents as { id: string; startedAt?: string }[];
      expect(incident, JSON.stringify(open)).toBeDefined();
      const alerts = JSON.stringify(await callOk(client, 'am_alerts_list', {}));
      expect(alerts).toContain('ETLTaskFailureRateHigh');

      const kubectl = kubectlFor(join(dir, 'kube', 'kubeconfig'));
      const undo = await kubectl(['rollout', 'undo', 'deployment/customer-etl', '-n', 'data']);
      expect(undo.code, undo.stderr).toBe(0);
      expect(sandbox.stderr()).toContain(
        'the world holds the fix k8s_rollout_undo Deployment/data/customer-etl',
      );

      // The alerts follow the metric back down, then the incident resolves once all its
      // alerts have been resolved for autoResolveAfter (10 world minutes: 10 s here).
      await eventually(
        async () => JSON.stringify(await callOk(client, 'am_alerts_list', {})),
        (text) => expect(text).not.toContain('ETLTaskFailureRateHigh'),
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      expect(JSON.stringify(await callOk(client, 'prom_alerts_list', {}))).not.toContain(
        'ETLTaskFailureRateHigh',
      );
      const resolved = await eventually(
        () => callOk(client, 'incident_get', { incident: incident!.id }),
        (got) => expect((got.incident as { status: string }).status).toBe('resolved'),
        { timeoutMs: 60_000, intervalMs: 1000 },
      );
      expect(JSON.stringify(resolved)).toMatch(/alerts resolved/);

      // opswarden executed nothing: the audit log has no rollout of its own.
      const config = join(dir, 'opswarden.yaml');
      const executed = await runCliAsync([
        'audit',
        'query',
        '--config',
        config,
        '--type',
        'action.executed',
        '--json',
      ]);
      expect(executed.code, executed.stderr).toBe(0);
      expect(executed.stdout).not.toContain('k8s_rollout_undo');
      const status = await runCliAsync([
        'audit',
        'query',
        '--config',
        config,
        '--type',
        'incident.status',
        '--json',
      ]);
      expect(status.stdout).toContain(incident!.id);
      expect(status.stdout).toContain('"to":"resolved"');
      expect(Date.now() - startedAt).toBeLessThan(150_000);
    } finally {
      await client.close();
    }
  }, 180_000);
});

// A runbook step the policy denies ends the run `escalate`, naming the rule, and nothing
// after it runs. Here the restart-loop guard of the default policy: customer-etl (its
// namespace treated as staging, so changes need no approval) was already restarted three
// times this hour when a runbook patches its config and then restarts it once more.

import { afterEach, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbooks/load.ts';
import { type RunbookSandbox, startRunbookSandbox } from './runbook-harness.ts';

const RUNBOOK = `
apiVersion: opswarden.dev/v1
kind: Runbook
metadata: { name: patch-and-restart, version: 1.0.0, title: Patch the config and restart }
spec:
  description: Raises the pool, restarts so the pods read it, then scales out.
  matches: { categories: [config], signals: [db_pool_exhausted] }
  params:
    - { name: namespace, type: string, required: true, description: Namespace }
    - { name: deployment, type: ref, kind: Deployment, required: true, description: The Deployment }
  steps:
    - id: raise-pool
      title: Raise the pool
      action:
        tool: k8s_configmap_patch
        args:
          namespace: "{{ params.namespace }}"
          name: "{{ params.deployment }}-config"
          data: { db_pool_max: "40" }
          reason: "runbook {{ runbook.name }}: raise the pool"
    - id: restart
      title: Restart so the pods read the new pool size
      action:
        tool: k8s_rollout_restart
        args: { namespace: "{{ params.namespace }}", name: "{{ params.deployment }}", reason: "runbook {{ runbook.name }}: reload config" }
    - id: scale-out
      title: Scale out
      action:
        tool: k8s_deployment_scale
        args: { namespace: "{{ params.namespace }}", name: "{{ params.deployment }}", replicas: 4, reason: "runbook {{ runbook.name }}: more workers" }
`;

let h: RunbookSandbox | undefined;
afterEach(async () => {
  await h?.close();
});

it('a denied step ends the run escalate with the rule that denied it; nothing after it runs', async () => {
  h = await startRunbookSandbox('customer-etl', {
    speed: 60,
    environments: { data: 'staging' },
    runbooks: [parseRunbook(RUNBOOK, 'test/patch-and-restart.yaml')],
  });
  const restart = { namespace: 'data', name: 'customer-etl', reason: 'pods stuck on the old pool' };
  for (let i = 0; i < 3; i++) await h.call('k8s_rollout_restart', restart);

  const plan = await h.call('runbook_plan', {
    runbook: 'patch-and-restart',
    params: { namespace: 'data', deployment: 'customer-etl' },
  });
  expect(plan.denied).toEqual(['restart']);

  const run = await h.call('runbook_run', {
    runbook: 'patch-and-restart',
    params: { deployment: 'data/customer-etl' },
    reason: 'customer-etl pool exhausted',
    waitSeconds: 60,
  });
  expect(run).toMatchObject({ state: 'finished', outcome: 'escalate', decidedBy: 'restart' });
  expect(run.message).toContain('restart-loop-guard');
  const steps = run.steps as {
    id: string;
    outcome: string;
    evidence: { calls?: { effect: string; rules: string[] }[] };
  }[];
  expect(steps.map((s) => [s.id, s.outcome])).toEqual([
    ['raise-pool', 'executed'],
    ['restart', 'denied'],
  ]);
  expect(steps[1]!.evidence.calls).toEqual([
    expect.objectContaining({ effect: 'deny', rules: ['restart-loop-guard'] }),
  ]);
  expect(h.app.audit.query({ type: 'tool.call', tool: 'k8s_deployment_scale' })).toHaveLength(0);
  const deployment = await h.call('k8s_resource_get', {
    kind: 'Deployment',
    namespace: 'data',
    name: 'customer-etl',
  });
  expect(JSON.stringify(deployment)).toContain('"replicas":3');
}, 120_000);

// The Kubernetes tools through the whole gate, with a real MCP client, the default
// policy and the API simulator serving a scenario over HTTPS. kubectl (the real one)
// checks what the cluster looks like afterwards.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approvedCall, kubeGate } from '../helpers/kube-world.ts';
import { REPO } from '../helpers/world.ts';

describe('Kubernetes tools on checkout-bad-deploy', () => {
  const c = kubeGate('checkout-bad-deploy');

  it('lists the crash-looping pod first, with its problem', async () => {
    const res = await c.h.call('k8s_pods_list', { namespace: 'shop' });
    const pods = res.structuredContent?.pods as { name: string; problem?: string; restarts: number }[];
    expect(pods[0]?.problem).toMatch(/CrashLoopBackOff.*OOMKilled/);
    expect(pods[0]?.name).toMatch(/^checkout-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(res.structuredContent?.withProblems).toBe(1);
  });

  it('brings back the pool-exhaustion error from the checkout pods, grouped, within budget', async () => {
    const res = await c.h.call('k8s_pod_logs', { namespace: 'shop', labelSelector: 'app=checkout' });
    expect(res.isError).toBeFalsy();
    expect(Buffer.byteLength(res.content[0]!.text)).toBeLessThanOrEqual(16_384);
    const templates = res.structuredContent?.templates as {
      template: string;
      level: string;
      count: number;
    }[];
    const timeout = templates.find((t) => t.template.includes('Connection timeout to orders-db'));
    expect(timeout?.level).toBe('error');
    expect(timeout?.count).toBeGreaterThan(100);
    expect(res.structuredContent?.pods).toHaveLength(3);
  });

  it('narrows logs to a window, by duration or by time', async () => {
    const base = { namespace: 'shop', labelSelector: 'app=checkout' };
    const lines = async (args: Record<string, unknown>) =>
      (await c.h.call('k8s_pod_logs', { ...base, ...args })).structuredContent?.totalLines as number;
    const all = await lines({});
    const lastFive = await lines({ since: '5m' });
    const fiveMinutesAgo = new Date(c.world.clock.now().getTime() - 5 * 60_000).toISOString();
    expect(lastFive).toBeGreaterThan(0);
    expect(lastFive).toBeLessThan(all);
    expect(await lines({ sinceTime: fiveMinutesAgo })).toBe(lastFive);
    const both = await c.h.call('k8s_pod_logs', { ...base, since: '5m', sinceTime: fiveMinutesAgo });
    expect(both.content[0]!.text).toMatch(/sinceTime: give since or sinceTime, not both/);
  });

  it('merges repeated events with counts, warnings first', async () => {
    const res = await c.h.call('k8s_events_list', { namespace: 'shop', since: '1h' });
    const events = res.structuredContent?.events as { type: string; reason: string; count: number }[];
    expect(events[0]?.type).toBe('Warning');
    expect(events.find((e) => e.reason === 'BackOff')?.count).toBeGreaterThanOrEqual(14);
  });

  it('shows the rollout history with what the last release changed', async () => {
    const res = await c.h.call('k8s_rollout_history', { namespace: 'shop', name: 'checkout' });
    const sc = res.structuredContent as {
      currentRevision: number;
      revisions: { images: string[] }[];
      diff: { changes: { path: string }[] };
    };
    expect(sc.revisions.map((r) => r.images[0])).toEqual([
      'registry.example/checkout:1.41.0',
      'registry.example/checkout:1.42.0',
    ]);
    expect(sc.diff.changes.map((c) => c.path).join(' ')).toMatch(/image/);
  });

  it('Secrets cannot be read by any path', async () => {
    const direct = await c.h.call('k8s_resource_get', { kind: 'Secret', namespace: 'shop', name: 'db' });
    expect(direct.isError).toBe(true);
    expect(direct.content[0]!.text).toMatch(/rule "secrets-are-off-limits"/);
    const { tools } = await c.h.client.listTools();
    const kubeTools = tools.filter((t) => t.name.startsWith('k8s_'));
    expect(kubeTools.length).toBeGreaterThan(10);
    expect(JSON.stringify(kubeTools.map((t) => t.inputSchema))).not.toMatch(/"Secret"/);
  });

  const checkoutRevision = () =>
    c.kubectl(
      'get',
      'deployment',
      'checkout',
      '-n',
      'shop',
      '-o',
      'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
    );

  it('a dry-run restart changes nothing', async () => {
    const before = await checkoutRevision();
    const res = await c.h.call('k8s_rollout_restart', {
      namespace: 'shop',
      name: 'checkout',
      reason: 'see what a restart would do',
      dryRun: true,
    });
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ dryRun: true, policy: { effect: 'escalate' } });
    expect(await checkoutRevision()).toBe(before);
  });

  it('a production rollback escalates and, once approved, leaves checkout on the earlier release', async () => {
    const args = {
      namespace: 'shop',
      name: 'checkout',
      reason: '1.42.0 exhausts the DB pool; roll back to 1.41.0',
    };
    const { pending, done } = await approvedCall(c.h, 'k8s_rollout_undo', args);
    expect(pending.structuredContent?.matchedRules).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'production-mutation-needs-approval' })]),
    );
    expect(done).toMatchObject({ fromRevision: 2, toRevision: 1, dryRun: false });
    expect(await checkoutImage(c)).toBe('registry.example/checkout:1.41.0');
    expect(
      await c.kubectl('rollout', 'status', 'deployment/checkout', '-n', 'shop', '--timeout=20s'),
    ).toMatch(/successfully rolled out/);
  });

  it('denies the fourth restart of one workload within an hour', async () => {
    const args = { namespace: 'shop', name: 'payments', reason: 'payments pods look stuck' };
    for (let i = 0; i < 3; i++) await approvedCall(c.h, 'k8s_rollout_restart', args);
    const fourth = await c.h.call('k8s_rollout_restart', args);
    expect(fourth.isError).toBe(true);
    expect(fourth.content[0]!.text).toMatch(/restart-loop-guard.*restarted 3 times/);
  });
});

/** The image shop/checkout's pod template runs, as kubectl reads it. */
const checkoutImage = (c: ReturnType<typeof kubeGate>) =>
  c.kubectl(
    'get',
    'deployment',
    'checkout',
    '-n',
    'shop',
    '-o',
    'jsonpath={.spec.template.spec.containers[0].image}',
  );

describe('k8s_rollout_undo after a restart', () => {
  const c = kubeGate('checkout-bad-deploy');

  it('goes back to the previous release, past the restart that made a revision of the bad one', async () => {
    await c.kubectl('rollout', 'restart', 'deployment/checkout', '-n', 'shop');
    await c.kubectl('rollout', 'status', 'deployment/checkout', '-n', 'shop', '--timeout=20s');
    expect(await checkoutImage(c)).toBe('registry.example/checkout:1.42.0');
    const { done } = await approvedCall(c.h, 'k8s_rollout_undo', {
      namespace: 'shop',
      name: 'checkout',
      reason: 'the restart did not help: roll back the release',
    });
    // kubectl rollout undo would go to revision 2: 1.42.0 without the restart.
    expect(done).toMatchObject({ fromRevision: 3, toRevision: 1 });
    expect(done.message).toContain('past revision 2: restarts of the current release');
    expect(await checkoutImage(c)).toBe('registry.example/checkout:1.41.0');
  });
});

describe('k8s_pod_logs of a crash-looping pod (issue 16)', () => {
  const c = kubeGate('checkout-bad-deploy');
  // biome-ignore lint/suspicious/noExplicitAny: tests read the tools' structured JSON
  type Json = Record<string, any>;
  const crashing = async () => {
    const pods = await c.world.sim.store.list('Pod', { namespace: 'shop' });
    const restarted = (p: (typeof pods)[number]) =>
      ((p.status?.containerStatuses as { restartCount: number }[] | undefined)?.[0]?.restartCount ?? 0) > 0;
    return pods.filter(restarted).map((p) => p.metadata.name);
  };
  const traces = (sc: Json) => JSON.stringify(sc.stackTraces);

  it('adds the previous instance: its exception, and when and why it ended', async () => {
    const [pod] = await crashing();
    const res = await c.h.call('k8s_pod_logs', { namespace: 'shop', pod });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    expect(Buffer.byteLength(res.content[0]!.text)).toBeLessThanOrEqual(16_384);
    const sc = res.structuredContent as Json;
    // The current instance started at the last restart (12 minutes ago): the exception is not in it.
    expect(traces(sc)).not.toContain('IllegalStateException');
    expect(sc.previous).toHaveLength(1);
    const [previous] = sc.previous;
    expect(previous.pod).toBe(pod);
    expect(previous.note).toMatch(
      /^previous instance of app \(restarted 2 times\) ended 2026-04-25T14:18:00Z: OOMKilled, exit code 137; its warnings and errors \(last \d+ lines\)$/,
    );
    expect(previous.stackTraces).toEqual([
      {
        header: expect.stringContaining('java.lang.IllegalStateException: pool exhausted'),
        frames: ['\tat com.example.Pool.get(Pool.java:88)'],
        count: 1,
      },
    ]);
    expect(previous.templates.map((t: Json) => t.level)).not.toContain('info');
    expect(previous.templates.map((t: Json) => t.template).join('\n')).toContain(
      'GC overhead limit approaching',
    );
    expect(res.structuredContent?.untrusted).toContain('$.previous');
  });

  it('kubectl logs --previous reads the same instance from the simulator', async () => {
    const [pod] = await crashing();
    const text = await c.kubectl('logs', pod!, '-n', 'shop', '--previous', '--tail=2000');
    expect(text).toContain('java.lang.IllegalStateException: pool exhausted');
    expect(text).not.toMatch(/2026-04-25T14:1[89]/);
    const current = await c.kubectl('logs', pod!, '-n', 'shop');
    expect(current).not.toContain('IllegalStateException');
  });

  it('by selector: only the restarted pod brings its previous instance; asked for previous, no second copy', async () => {
    const res = await c.h.call('k8s_pod_logs', { namespace: 'shop', labelSelector: 'app=checkout' });
    const sc = res.structuredContent as Json;
    expect(sc.previous.map((p: Json) => p.pod)).toEqual(await crashing());
    expect(Buffer.byteLength(res.content[0]!.text)).toBeLessThanOrEqual(16_384);
    const [pod] = await crashing();
    const asked = (await c.h.call('k8s_pod_logs', { namespace: 'shop', pod, previous: true }))
      .structuredContent as Json;
    expect(asked.previous).toBeUndefined();
    expect(traces(asked)).toContain('IllegalStateException');
    const healthy = (await c.world.sim.store.list('Pod', { namespace: 'shop' }))
      .map((p) => p.metadata.name)
      .find((name) => name.startsWith('payments-'));
    const calm = (await c.h.call('k8s_pod_logs', { namespace: 'shop', pod: healthy }))
      .structuredContent as Json;
    expect(calm.previous).toBeUndefined();
  });
});

describe('k8s_pod_logs on a 100,000-line log', () => {
  const c = kubeGate(join(REPO, 'test/fixtures/scenarios/noisy-checkout.yaml'));

  it('keeps the error that explains the crash within the default budget', async () => {
    const [pod] = (await c.world.sim.store.list('Pod', { namespace: 'shop' })).map((p) => p.metadata.name);
    const res = await c.h.call('k8s_pod_logs', { namespace: 'shop', pod });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    const sc = res.structuredContent as {
      totalLines: number;
      templates: { template: string; level: string }[];
      stackTraces: { header: string; frames: string[] }[];
    };
    expect(sc.totalLines).toBeGreaterThan(100_000);
    expect(Buffer.byteLength(res.content[0]!.text)).toBeLessThanOrEqual(16_384);
    const oom = [...sc.templates.map((t) => t.template), ...sc.stackTraces.map((t) => t.header)].find((t) =>
      t.includes('java.lang.OutOfMemoryError: Java heap space'),
    );
    expect(oom).toBeDefined();
    expect(JSON.stringify(sc.stackTraces)).toContain('CartCache.load');
  });
});

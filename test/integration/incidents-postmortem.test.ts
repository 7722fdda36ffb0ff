// The drill from page to postmortem, on the customer-etl sandbox: the sandbox's Alertmanager
// pages opswarden with its firing alerts (an Alertmanager webhook notification), the agent
// runs db-connection-exhaustion through MCP with the on-call human approving each production
// change from the CLI, the sandbox recovers and its alerts resolve (posted back as Alertmanager
// would), the incident is resolved, and postmortem_draft tells the story: the alerts, the
// correlation, the runbook's changes with who approved them, recovery, the cause (the 2.3.1
// release and its smaller pool) and the changes that fixed it; ops_kpis counts the drill.

import { afterEach, expect, it } from 'vitest';
import { createBackends } from '../../src/backends/index.ts';
import type { PostmortemFacts } from '../../src/incidents/postmortem/index.ts';
import type { Incident } from '../../src/incidents/records/model.ts';
import { parseAlertmanagerWebhook } from '../../src/incidents/records/payload.ts';
import { webhookMessage } from '../../src/sandbox/alertmanager/webhook.ts';
import { SANDBOX_APPROVER } from '../../src/sandbox/run/config.ts';
import { eventually } from '../helpers/eventually.ts';
import { followApproving, type RunbookSandbox, startRunbookSandbox } from './runbook-harness.ts';

let h: RunbookSandbox | undefined;
afterEach(async () => {
  await h?.close();
});

/** What Alertmanager's webhook receiver gets: one notification per alert group. */
async function pageOpswarden(sandbox: RunbookSandbox['sandbox'], app: RunbookSandbox['app']): Promise<void> {
  const alertmanager = createBackends(sandbox.config).alertmanager!;
  for (const group of await alertmanager.alertGroups()) {
    const body = JSON.parse(JSON.stringify(webhookMessage(group, sandbox.urls.alertmanager)));
    app.incidents.ingest(parseAlertmanagerWebhook(body).alerts, 'alertmanager');
  }
}

/** The resolved notification Alertmanager sends once the alerts stop firing. */
function resolvedNotification(incident: Incident, endsAt: string) {
  return {
    version: '4',
    status: 'resolved',
    receiver: 'opswarden',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.sandbox',
    alerts: incident.alerts.map((a) => ({
      status: 'resolved',
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt,
      endsAt,
      generatorURL: '',
      fingerprint: a.fingerprint,
    })),
  };
}

/** Rows of the postmortem's timeline table: [time, kind, event, by]. */
function timelineRows(markdown: string): string[][] {
  const table = markdown.slice(markdown.indexOf('## Timeline'), markdown.indexOf('## Root cause'));
  return table
    .split('\n')
    .filter((l) => /^\| \d{4}-/.test(l))
    .map((l) => l.slice(2, -2).split(' | '));
}

it('postmortem_draft on the customer-etl drill fixed by db-connection-exhaustion lists the timeline, the cause and the actions', async () => {
  h = await startRunbookSandbox('customer-etl', { speed: 60 });
  const { app, sandbox } = h;

  // 1. The page: the firing alerts become one incident on customer-etl.
  await pageOpswarden(sandbox, app);
  const listed = await h.call('incident_list', { status: 'open' });
  const rows = listed.incidents as { id: string; service?: string }[];
  const id = rows.find((r) => r.service === 'customer-etl')?.id;
  expect(id, JSON.stringify(rows)).toBeDefined();
  const incident = app.incidents.get(id!)!;
  expect(incident.alerts.map((a) => a.alertname)).toContain('ETLTaskFailureRateHigh');

  // 2. The investigation: correlation blames the release and suggests the runbook, and notes it.
  const correlation = await h.call('incident_correlate', { incident: id });
  const top = (
    correlation.hypotheses as { ref: string; suggestedRunbooks: { name: string }[]; evidence: unknown[] }[]
  )[0]!;
  expect(top.ref).toBe('Deployment/data/customer-etl');
  // Runbooks that fit a deploy cause with these symptoms (crash loop, errors) are suggested.
  expect(top.suggestedRunbooks.map((r) => r.name)).toEqual(expect.arrayContaining(['rollback-deployment']));
  expect(top.evidence.length).toBeGreaterThan(0);
  expect((correlation.timeline as unknown[]).length).toBeGreaterThan(0);
  const bySymptom = await h.call('incident_correlate', {
    service: 'customer-etl',
    namespace: 'data',
    at: incident.detectedAt,
  });
  expect((bySymptom.hypotheses as { ref: string }[])[0]!.ref).toBe(top.ref);
  const notes = app.incidents.timeline(id!).filter((e) => e.kind === 'note' && e.by === 'opswarden');
  expect(notes.map((n) => n.summary)).toEqual([
    expect.stringMatching(/^correlation: most likely deploy Deployment\/data\/customer-etl/),
  ]);

  // 3. The fix: the runbook, each production change approved out of band by the on-call human.
  const started = await h.call('runbook_run', {
    runbook: 'db-connection-exhaustion',
    params: {
      namespace: 'data',
      deployment: 'customer-etl',
      configmap: 'customer-etl-config',
      service: 'customer-etl',
    },
    reason: `${id}: customer-etl tasks fail, DB pool exhausted`,
    waitSeconds: 60,
  });
  const approved: { step: string; approvalId: string }[] = [];
  const done = await followApproving(h, started, { approved });
  expect(done).toMatchObject({ state: 'finished', outcome: 'resolved', decidedBy: 'failures-recovered' });
  expect(approved.map((a) => a.step)).toEqual(['raise-pool', 'restart']);

  // 4. Recovery: the sandbox stops firing the incident's alerts; Alertmanager sends them resolved.
  const alertmanager = createBackends(sandbox.config).alertmanager!;
  const fingerprints = new Set(incident.alerts.map((a) => a.fingerprint));
  await eventually(
    () => alertmanager.alerts(),
    (firing) => expect(firing.filter((a) => fingerprints.has(a.fingerprint))).toEqual([]),
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  const endedAt = new Date(sandbox.timeline.windows()[0]!.from).toISOString();
  app.incidents.ingest(
    parseAlertmanagerWebhook(resolvedNotification(incident, endedAt)).alerts,
    'alertmanager',
  );
  // Auto-resolve comes once the alerts have been quiet for 10 minutes (which the run may
  // already have lasted); otherwise the agent resolves it (bookkeeping: no approval needed).
  const approvals = 2;
  if (app.incidents.get(id!)!.status !== 'resolved') {
    await h.call('incident_update_status', {
      incident: id,
      status: 'resolved',
      reason: 'failure rate back under 10% for 5m; alerts resolved',
    });
  }
  expect(app.incidents.get(id!)!.status).toBe('resolved');

  // 5. The postmortem.
  const draft = await h.call('postmortem_draft', { incident: id });
  const markdown = draft.markdown as string;
  const facts = draft.facts as PostmortemFacts;
  expect(draft.correlation).toBe('ok');

  // The timeline: the alerts, the run, each change after its approval by the on-call human, recovery.
  const events = timelineRows(markdown);
  const at = (pattern: RegExp) => {
    const index = events.findIndex((row) => pattern.test(row[2]!));
    expect(index, `${pattern} in\n${events.map((r) => r.join(' | ')).join('\n')}`).toBeGreaterThanOrEqual(0);
    return index;
  };
  const fired = at(/^ETLTaskFailureRateHigh firing on customer-etl \(critical\)/);
  const run = at(/^runbook db-connection-exhaustion started \(rbx_\w+\) on Deployment\/data\/customer-etl/);
  const poolAsked = at(/^approval apr_\w+ requested for k8s_configmap_patch/);
  const poolGranted = events.findIndex(
    (row, i) => i > poolAsked && /^approval apr_\w+ granted/.test(row[2]!),
  );
  const pool = at(
    new RegExp(
      `^k8s_configmap_patch ConfigMap/data/customer-etl-config \\(db_pool_max=40\\) executed, approved by ${SANDBOX_APPROVER} \\[runbook db-connection-exhaustion step raise-pool\\]`,
    ),
  );
  const restart = at(
    /^k8s_rollout_restart Deployment\/data\/customer-etl executed, approved by oncall \[runbook db-connection-exhaustion step restart\]/,
  );
  const recovered = at(/^runbook db-connection-exhaustion check failures-recovered: passed/);
  expect(at(/^correlation: most likely deploy Deployment\/data\/customer-etl/)).toBeLessThan(run);
  at(/^ETLTaskFailureRateHigh resolved on customer-etl/);
  at(/^runbook db-connection-exhaustion ended resolved at step failures-recovered/);
  expect(fired).toBeLessThan(run);
  expect(run).toBeLessThan(poolAsked);
  expect(poolAsked).toBeLessThan(poolGranted);
  expect(poolGranted).toBeLessThan(pool);
  expect(pool).toBeLessThan(restart);
  expect(restart).toBeLessThan(recovered);
  expect(events[poolGranted]![3]).toBe(SANDBOX_APPROVER);

  // The cause: the 2.3.1 release (or the pool change it shipped), with evidence.
  expect(['Deployment/data/customer-etl', 'ConfigMap/data/customer-etl-config']).toContain(
    facts.rootCause?.ref,
  );
  expect(markdown).toMatch(
    /## Root cause\n\n\*\*(deploy|config): (Deployment\/data\/customer-etl|ConfigMap\/data\/customer-etl-config)\*\*/,
  );
  expect(markdown.slice(markdown.indexOf('## Root cause'))).toMatch(/Evidence:\n- /);

  // What fixed it: the runbook and its two approved changes, before the recovery.
  expect(facts.runbook).toMatchObject({
    name: 'db-connection-exhaustion',
    outcome: 'resolved',
    decidedBy: 'failures-recovered',
  });
  expect(facts.fixedBy.map((f) => [f.tool, f.ref, f.approvedBy])).toEqual([
    ['k8s_configmap_patch', 'ConfigMap/data/customer-etl-config', SANDBOX_APPROVER],
    ['k8s_rollout_restart', 'Deployment/data/customer-etl', SANDBOX_APPROVER],
  ]);
  expect(markdown).toContain('Runbook **db-connection-exhaustion**');
  expect(Date.parse(facts.recoveredAt ?? '')).toBeGreaterThanOrEqual(Date.parse(incident.detectedAt));

  // The KPIs count the drill: two changes, both approved and both held, one successful run.
  const kpis = await h.call('ops_kpis', { window: '24h' });
  expect(kpis).toMatchObject({
    actions: { executed: 2, false: 0, falseRatio: 0 },
    approvals: { granted: approvals, rejected: 0, acceptanceRatio: 1 },
    runbooks: { finished: 1, resolved: 1, successRatio: 1 },
  });
  // The postmortem shows whole seconds; the KPI keeps the fraction.
  expect(Math.abs((kpis.mttrSeconds as number) - facts.durationSeconds!)).toBeLessThanOrEqual(0.5);

  // The same draft is the incident's postmortem resource.
  const resource = await h.client.readResource({ uri: `opswarden://incidents/${id}/postmortem` });
  expect((resource.contents[0] as { text: string }).text).toBe(markdown);
}, 240_000);

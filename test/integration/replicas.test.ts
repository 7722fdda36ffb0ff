// Team mode's acceptance test: two `opswarden serve --http` replicas (A and B, child
// processes, so either can be SIGKILLed) on one PostgreSQL database, with the same config:
// store.lease 2s, one approvals.signingSecret, one runbooks directory, a JSONL mirror each.
// The sandbox world (Kubernetes API over HTTPS, Prometheus, Alertmanager) runs in this
// process behind test/security/harness.ts; the harness's own in-process server stays up only
// as the sandbox's host and the test's audit reader, its runbook service closed so that it
// never competes for a lapsed lease. The flow, one claim per test, in order:
//   1. mixed load through both replicas at once: reads over 2025 sessions and 2026-07-28
//      stateless requests, escalations asked on A, approved on B's HTTP API and spent on A
//      (each change runs once), and the same alerts posted to both: every answered call has
//      its audit records, and the alerts open one incident;
//   2. 2025-11-25 sessions are pinned to the replica that created them (the README's
//      affinity): another replica answers 404, a new session there works; 2026-07-28
//      requests work on either replica without one;
//   3. B is SIGKILLed in the wait step of a runbook run it started: A adopts the run once the
//      lease lapses and finishes it, each action executed exactly once;
//   4. B's 2025 sessions died with it: A answers 404 for them, a client that initializes
//      again on A carries on;
//   5. every call answered, B's before it died included, is on record; the chain verifies
//      (library and `opswarden audit verify`, alone and against every replica's mirror);
//      there is still exactly one incident.

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AuditQuery, verifyAudit } from '../../src/audit/log.ts';
import type { ExecutionStatus } from '../../src/runbooks/service.ts';
import { openStore } from '../../src/store/open.ts';
import { callTool, type Json, message } from '../helpers/mcp-wire.ts';
import { type PostgresServer, startPostgres } from '../helpers/postgres.ts';
import {
  callIdOf,
  securityWorldWithConfigMap,
  sessionClient,
  sigkill,
  withPasswordFrom,
} from '../helpers/replicas.ts';
import { adoptionsIn, patchSettlePatch } from '../helpers/runbook-server.ts';
import { runCliAsync } from '../helpers/spawn.ts';
import {
  type CallResult,
  type HttpReply,
  type SecurityWorld,
  type ServedChild,
  startSecurityWorld,
  type Who,
} from '../security/harness.ts';

const PASSWORD_VARIABLE = 'OPSWARDEN_TEST_STORE_PASSWORD';
const SECRET_VARIABLE = 'OPSWARDEN_TEST_APPROVAL_SECRET';
/** Names each process's JSONL mirror: the config is shared, the variable differs per process. */
const REPLICA_VARIABLE = 'OPSWARDEN_TEST_REPLICA';
const LEASE = '2s';
/** The runbook's wait between its two patches: B is killed inside it, A resumes it. */
const SETTLE = '5s';
const LOAD_MS = 4_000;

const CONFIGMAP = { namespace: 'staging', name: 'web-config', data: { db_pool_max: '8' } };
const RUN = {
  runbook: 'patch-settle-patch',
  params: { namespace: CONFIGMAP.namespace, configmap: CONFIGMAP.name },
  reason: 'web pool exhausted',
};
const RESOLVED_STEPS = [
  ['raise-pool', 'executed'],
  ['settle', 'waited'],
  ['record', 'executed'],
];

/** A production change the default policy escalates for an agent. */
const scaleCheckout = (replicas: number) => ({
  namespace: 'shop',
  name: 'checkout',
  replicas,
  reason: 'absorb the evening peak',
});

const READS: [string, Json][] = [
  ['k8s_pods_list', { namespace: 'shop' }],
  ['k8s_events_list', { namespace: 'shop' }],
  ['prom_query', { query: 'up' }],
];

let postgres: PostgresServer | undefined;
let dir: string | undefined;
let w: SecurityWorld | undefined;
let a: ServedChild;
let b: ServedChild;
const clients: Client[] = [];

/** Every tools/call the test got an answer for: who asked, what, on which replica, and its callId. */
interface Answered {
  who: Who;
  tool: string;
  replica: 'A' | 'B';
  callId: string;
  result: CallResult;
}
const answered: Answered[] = [];
/** Every answer to an alert post, in order. */
const alertPosts: HttpReply[] = [];
/** Approval ids granted over B's HTTP API (200). */
const granted: string[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase();
  dir = mkdtempSync(join(tmpdir(), 'opswarden-replicas-'));
  const runbooksDir = join(dir, 'runbooks');
  mkdirSync(runbooksDir);
  writeFileSync(join(runbooksDir, 'patch-settle-patch.yaml'), patchSettlePatch(SETTLE));
  process.env[PASSWORD_VARIABLE] = new URL(url).password;
  process.env[SECRET_VARIABLE] = randomBytes(32).toString('base64');
  process.env[REPLICA_VARIABLE] = 'harness';
  const stateDir = dir;
  w = await startSecurityWorld({
    scenario: securityWorldWithConfigMap(dir, CONFIGMAP),
    config: (raw) => {
      raw.store = { url: withPasswordFrom(url, PASSWORD_VARIABLE), lease: LEASE };
      // Decisions sealed on one replica verify on the other.
      raw.approvals = { ...raw.approvals, signingSecret: `\${${SECRET_VARIABLE}}` };
      raw.audit = { ...raw.audit, jsonl: join(stateDir, `audit-\${${REPLICA_VARIABLE}}.jsonl`) };
      raw.runbooks = { dir: runbooksDir };
      // The children log (the in-process server keeps the harness's silent logger): adoption shows there.
      raw.logging = { level: 'info' };
    },
  });
  // The in-process server shares the store too: it must not be the one that adopts B's run.
  await w.app.runbooks.close();
  process.env[REPLICA_VARIABLE] = 'a';
  a = await w.serveInChild();
  process.env[REPLICA_VARIABLE] = 'b';
  b = await w.serveInChild();
}, 180_000);

afterAll(async () => {
  try {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
    await w?.close();
  } finally {
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    for (const v of [PASSWORD_VARIABLE, SECRET_VARIABLE, REPLICA_VARIABLE]) delete process.env[v];
  }
});

const replicaName = (replica: ServedChild) => (replica === a ? 'A' : 'B');

function answer(replica: 'A' | 'B', who: Who, tool: string, result: CallResult): CallResult {
  answered.push({ who, tool, replica, callId: callIdOf(result), result });
  return result;
}

/** tools/call over a 2025 session (one per principal and replica), recorded as answered. */
async function call(replica: ServedChild, who: Who, tool: string, args: Json): Promise<CallResult> {
  return answer(replicaName(replica), who, tool, await replica.call(who, tool, args));
}

/** tools/call through a client the test holds, recorded as answered. */
async function callVia(
  client: Client,
  replica: 'A' | 'B',
  who: Who,
  tool: string,
  args: Json,
): Promise<CallResult> {
  const result = (await client.callTool({ name: tool, arguments: args })) as CallResult;
  return answer(replica, who, tool, result);
}

let requestId = 0;
/** tools/call as a 2026-07-28 stateless request, recorded as answered. */
async function callStateless(replica: ServedChild, who: Who, tool: string, args: Json) {
  const { body, headers } = callTool(++requestId, tool, args);
  const reply = await replica.http(who, 'POST', '/mcp', { body, headers });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  const result = answer(replicaName(replica), who, tool, message(reply).result as CallResult);
  return { reply, result };
}

function expectOk(result: CallResult): void {
  expect(result.isError, result.content[0]?.text).toBeFalsy();
}

/** A request on a 2025 session, sent by hand to whichever replica: 404 unless it holds the session. */
function onSession(replica: ServedChild, sessionId: string, who: Who) {
  return replica.http(who, 'POST', '/mcp', {
    body: { jsonrpc: '2.0', id: ++requestId, method: 'tools/list', params: {} },
    headers: {
      accept: 'application/json, text/event-stream',
      'mcp-session-id': sessionId,
      'mcp-protocol-version': '2025-11-25',
    },
  });
}

function auditOf(filter: AuditQuery) {
  return w!.auditRecords(filter);
}

/**
 * Every call the test was answered for has its records: the request, the decision, and for
 * a call that ran, its outcome, each once; and the log holds no client call the test was not
 * answered for (a runbook's steps are the run's own calls, named by their context).
 */
function expectEveryAnsweredCallAudited(): void {
  const byCall = new Map<string, string[]>();
  for (const r of auditOf({})) if (r.callId) byCall.set(r.callId, [...(byCall.get(r.callId) ?? []), r.type]);
  for (const x of answered) {
    const types = byCall.get(x.callId) ?? [];
    const count = (type: string) => types.filter((t) => t === type).length;
    const ran = !x.result.isError && x.result.structuredContent?.status !== 'approval_required';
    expect(
      {
        'tool.call': count('tool.call'),
        decision: count('decision'),
        'action.executed': count('action.executed'),
      },
      `${x.tool} by ${x.who} on ${x.replica}: ${x.callId}`,
    ).toEqual({ 'tool.call': 1, decision: 1, 'action.executed': ran ? 1 : 0 });
  }
  const clientCalls = auditOf({ type: 'tool.call' }).filter((r) => r.data.context === undefined);
  expect(clientCalls.map((r) => r.callId).sort()).toEqual(answered.map((x) => x.callId).sort());
}

describe('two replicas on one PostgreSQL store', () => {
  it('serve mixed load through both: every answered call is audited, each approved change runs once, the alerts open one incident', async () => {
    const until = Date.now() + LOAD_MS;
    const startsAt = new Date().toISOString();
    const alert = (alertname: string, labels: Record<string, string> = {}) => ({
      labels: { alertname, service: 'checkout', namespace: 'shop', severity: 'critical', ...labels },
      annotations: { summary: `${alertname} firing` },
      startsAt,
    });
    // Each round: the two alerts firing all along, and one new to both replicas at once.
    const alertsOfRound = (round: number) => ({
      alerts: [
        alert('CheckoutErrors'),
        alert('CheckoutLatency'),
        alert('CheckoutPodSaturated', { pod: `checkout-${round}` }),
      ],
    });
    let rounds = 0;

    // Reads, on each replica: a 2025 session (viewer) and 2026-07-28 stateless requests (agent-2).
    const reads = [a, b].flatMap((replica) => [
      (async () => {
        for (let i = 0; Date.now() < until; i++) {
          const [tool, args] = READS[i % READS.length]!;
          expectOk(await call(replica, 'viewer', tool, args));
        }
      })(),
      (async () => {
        for (let i = 0; Date.now() < until; i++) {
          const [tool, args] = READS[(i + 1) % READS.length]!;
          expectOk((await callStateless(replica, 'agent2', tool, args)).result);
        }
      })(),
    ]);

    // Escalations: asked on A, approved by the on-call on B's HTTP API, spent on A; a replay
    // of the spent grant on B is refused.
    const escalations = (async () => {
      for (const replicas of [4, 5, 6]) {
        const asked = await call(a, 'agent', 'k8s_deployment_scale', scaleCheckout(replicas));
        expect(asked.structuredContent?.status, asked.content[0]?.text).toBe('approval_required');
        const approvalId = asked.structuredContent!.approvalId as string;
        const decided = await b.http('oncall', 'POST', `/v1/approvals/${approvalId}/approve`, {
          body: { comment: 'go' },
        });
        expect(decided.status, JSON.stringify(decided.body)).toBe(200);
        granted.push(approvalId);
        const spent = await call(a, 'agent', 'k8s_deployment_scale', {
          ...scaleCheckout(replicas),
          approvalId,
        });
        expectOk(spent);
        expect(await w!.replicas('shop', 'checkout')).toBe(replicas);
        const replay = await call(b, 'agent', 'k8s_deployment_scale', {
          ...scaleCheckout(replicas),
          approvalId,
        });
        expect(replay.isError).toBe(true);
        expect(replay.content[0]!.text).toMatch(/already used/);
      }
    })();

    // The same alerts to both replicas at once, again and again (a webhook retried, two
    // Alertmanagers in a cluster, a balancer spreading posts).
    const webhooks = (async () => {
      for (; Date.now() < until; rounds++) {
        const body = alertsOfRound(rounds);
        const posts = await Promise.all(
          [a, b].map((replica) => replica.http('alertWriter', 'POST', '/v1/alerts', { body })),
        );
        for (const post of posts) expect(post.status, JSON.stringify(post.body)).toBe(200);
        alertPosts.push(...posts);
      }
    })();

    await Promise.all([...reads, escalations, webhooks]);

    // Both replicas served, both protocols.
    for (const replica of ['A', 'B'])
      for (const who of ['viewer', 'agent2'])
        expect(answered.filter((x) => x.replica === replica && x.who === who).length).toBeGreaterThan(0);

    expectEveryAnsweredCallAudited();

    // Each approval decided on B is on record, and each grant ran exactly once: the spends on A.
    const grants = auditOf({ type: 'approval.granted' });
    expect(grants.map((r) => r.data.approvalId).sort()).toEqual([...granted].sort());
    expect(grants.map((r) => r.data.decidedBy)).toEqual(granted.map(() => 'oncall'));
    const spends = answered.filter(
      (x) =>
        x.tool === 'k8s_deployment_scale' &&
        !x.result.isError &&
        x.result.structuredContent?.status !== 'approval_required',
    );
    expect(spends.map((x) => x.replica)).toEqual(['A', 'A', 'A']);
    const executedScales = auditOf({ type: 'action.executed', tool: 'k8s_deployment_scale' });
    expect(executedScales.map((r) => r.callId)).toEqual(spends.map((x) => x.callId));
    expect(executedScales).toHaveLength(3);
    expect(await w!.replicas('shop', 'checkout')).toBe(6);

    // Every alert post answered is audited; all of them went to one incident, created once,
    // which holds each alert once however many replicas received it.
    expect(auditOf({ type: 'incidents.ingested', principal: 'alertmanager' })).toHaveLength(
      alertPosts.length,
    );
    const touched = alertPosts.flatMap((p) => p.body.incidents as { id: string; created: boolean }[]);
    expect(new Set(touched.map((i) => i.id)).size).toBe(1);
    expect(touched.filter((i) => i.created)).toHaveLength(1);
    for (const replica of [a, b]) {
      const listed = await replica.http('oncall', 'GET', '/v1/incidents');
      expect(listed.status).toBe(200);
      expect(listed.body.incidents).toHaveLength(1);
      expect(listed.body.incidents[0]).toMatchObject({ id: touched[0]!.id, service: 'checkout' });
      const held = listed.body.incidents[0].alerts as {
        fingerprint: string;
        alertname: string;
        labels: Record<string, string>;
      }[];
      expect(new Set(held.map((x) => x.fingerprint)).size).toBe(held.length);
      expect(held.map((x) => x.labels.pod ?? x.alertname).sort()).toEqual(
        [
          'CheckoutErrors',
          'CheckoutLatency',
          ...Array.from({ length: rounds }, (_, i) => `checkout-${i}`),
        ].sort(),
      );
    }
  }, 60_000);

  let pinnedToB: { client: Client; sessionId: string };

  it('keeps a 2025-11-25 session on the replica that created it (404 elsewhere); 2026-07-28 requests need none', async () => {
    const onA = await sessionClient(a.url, w!.tokens.agent);
    pinnedToB = await sessionClient(b.url, w!.tokens.agent);
    clients.push(onA.client, pinnedToB.client);
    expect(onA.sessionId).not.toBe(pinnedToB.sessionId);

    // Each session works where it lives, and nowhere else.
    expect((await onSession(a, onA.sessionId, 'agent')).status).toBe(200);
    const elsewhere = await onSession(b, onA.sessionId, 'agent');
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body).toMatchObject({ error: { message: 'Session not found' } });
    expect((await onSession(a, pinnedToB.sessionId, 'agent')).status).toBe(404);
    expectOk(await callVia(onA.client, 'A', 'agent', 'k8s_pods_list', { namespace: 'shop' }));
    expectOk(await callVia(pinnedToB.client, 'B', 'agent', 'k8s_pods_list', { namespace: 'shop' }));

    // A 2026-07-28 request is served by either replica, with no session.
    for (const replica of [a, b]) {
      const { reply, result } = await callStateless(replica, 'agent', 'k8s_pods_list', { namespace: 'shop' });
      expectOk(result);
      expect(reply.headers.get('mcp-session-id')).toBeNull();
    }
  });

  it('finishes on A a runbook run B was executing when it was SIGKILLed, running no action twice', async () => {
    const started = await call(b, 'agent2', 'runbook_run', RUN);
    expectOk(started);
    const id = (started.structuredContent as unknown as ExecutionStatus).id;
    // B executed the first patch and is in the wait step (as A reads the run from the store).
    await vi.waitFor(
      async () => {
        expect(auditOf({ type: 'action.executed', tool: 'k8s_configmap_patch' })).toHaveLength(1);
        const status = await call(a, 'agent2', 'runbook_status', { id });
        expect(status.structuredContent).toMatchObject({ currentStep: 'settle' });
      },
      { timeout: 10_000, interval: 100 },
    );
    await sigkill(b);

    // Killed mid-run: the run stands in the store at its wait step, its first action done.
    const atKill = await call(a, 'agent2', 'runbook_status', { id });
    expect(atKill.structuredContent).toMatchObject({ state: 'running', currentStep: 'settle' });
    expect((atKill.structuredContent as unknown as ExecutionStatus).steps[0]).toMatchObject({
      id: 'raise-pool',
      outcome: 'executed',
    });

    const finished = await call(a, 'agent2', 'runbook_status', { id, waitSeconds: 30 });
    const done = finished.structuredContent as unknown as ExecutionStatus;
    expect(done).toMatchObject({ state: 'finished', outcome: 'resolved', decidedBy: 'record' });
    expect(done.steps.map((s) => [s.id, s.outcome])).toEqual(RESOLVED_STEPS);

    // A adopted it from B (its log names both), and each patch ran once: two calls, two
    // executions, the ones the run's steps name.
    const adopted = adoptionsIn(a.stderr());
    expect(adopted).toHaveLength(1);
    expect(adopted[0]).toMatchObject({ execution: id });
    expect(adopted[0]!.previousOwner).toContain(`/${b.pid}/`);
    expect(adopted[0]!.owner).toContain(`/${a.pid}/`);
    expect(auditOf({ type: 'tool.call', tool: 'k8s_configmap_patch' })).toHaveLength(2);
    const executed = auditOf({ type: 'action.executed', tool: 'k8s_configmap_patch' });
    expect(executed.map((r) => r.callId)).toEqual(done.steps.flatMap((s) => s.callIds));
    expect(executed).toHaveLength(2);

    // The cluster holds both patches.
    const configMap = JSON.parse(
      await w!.kubectl('get', 'configmap', CONFIGMAP.name, '-n', CONFIGMAP.namespace, '-o', 'json'),
    ) as { data: Record<string, string> };
    expect(configMap.data).toMatchObject({ db_pool_max: '40', last_runbook: id });
  }, 60_000);

  it("answers 404 for the dead replica's 2025 session on the survivor; a client that initializes again carries on", async () => {
    // The client's own replica is gone.
    await expect(
      pinnedToB.client.callTool({ name: 'k8s_pods_list', arguments: { namespace: 'shop' } }),
    ).rejects.toThrow();
    // Its session is unknown to A (sessions are per replica, not in the store).
    const orphan = await onSession(a, pinnedToB.sessionId, 'agent');
    expect(orphan.status).toBe(404);
    // Initialized again (what the MCP specification tells a client to do on 404), it carries on.
    const again = await sessionClient(a.url, w!.tokens.agent);
    clients.push(again.client);
    expect(again.sessionId).not.toBe(pinnedToB.sessionId);
    expectOk(await callVia(again.client, 'A', 'agent', 'k8s_pods_list', { namespace: 'shop' }));
  });

  it('leaves every answered call on record, B’s included, in one chain that verifies with every replica’s mirror', async () => {
    expectEveryAnsweredCallAudited();

    const [harness, mirrorA, mirrorB] = ['harness', 'a', 'b'].map((name) =>
      join(dir!, `audit-${name}.jsonl`),
    );
    const mirrors = [harness!, mirrorA!, mirrorB!];
    const db = openStore(w!.app.config.store);
    try {
      expect(verifyAudit(db)).toMatchObject({ ok: true });
      // Each replica mirrors its own appends, B's up to its death: together they are the chain.
      expect(verifyAudit(db, { jsonlPath: mirrors })).toMatchObject({ ok: true });
      expect(verifyAudit(db, { jsonlPath: [harness!, mirrorA!] })).toMatchObject({ ok: false });
    } finally {
      db.close();
    }

    // The CLI on the replicas' config, against the PostgreSQL chain; then with the mirrors.
    for (const extra of [[], mirrors.flatMap((m) => ['--mirror', m])]) {
      const verified = await runCliAsync(['audit', 'verify', '--config', w!.configPath, ...extra]);
      expect(verified.code, verified.stderr).toBe(0);
      expect(verified.stdout).toMatch(/^audit log intact: \d+ records/);
    }

    // Still one incident, as every server on the store reads it.
    for (const replica of [a, w!]) {
      const listed = await replica.http('oncall', 'GET', '/v1/incidents');
      expect(listed.body.incidents).toHaveLength(1);
    }
  });
});

// Surface: every way out of the server. The redaction corpus (test/fixtures/redaction-corpus.ts,
// 200+ secret shapes) is planted in a sandbox world (env in two Deployment revisions,
// ConfigMap data, pod logs, CloudWatch Logs, alert annotations) and sent in by callers (a
// change's reason, an incident note, alerts and change events over HTTP, arguments that
// make a backend fail and echo them), then read back through every exit: tool results and
// tool errors over MCP, resources, GET /v1/incidents, /v1/approvals and /v1/changes, the
// audit log (SQLite rows and the JSONL mirror) and the server's own log lines. Each exit's
// text is searched for every secret; the leak count per exit is printed and must be zero.
// Canaries planted beside each secret show the data did reach the exit.

import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app.ts';
import { ORDINARY_LINES, redactionCorpus, type SecretShape } from '../fixtures/redaction-corpus.ts';
import { type CallResult, type SecurityWorld, startSecurityWorld } from './harness.ts';
import {
  CONFIGMAP,
  canariesSeen,
  canary,
  DEPLOYMENT,
  isMultiline,
  LOG_GROUP,
  leakedShapes,
  NAMESPACE,
  ORDINARY_GROUP,
  tagged,
  writeRedactionScenario,
} from './redaction-world.ts';

const corpus = redactionCorpus();
/** Lines the change-event API takes (summary ≤ 1000 characters). */
const CHANGE_SUMMARY_MAX = 1000;

/** What each exit said, as text. */
const exits = {
  'MCP tool results': [] as string[],
  'MCP tool errors': [] as string[],
  'MCP resources': [] as string[],
  'GET /v1/incidents': [] as string[],
  'GET /v1/approvals': [] as string[],
  'GET /v1/changes': [] as string[],
  'audit log (SQLite rows)': [] as string[],
  'audit log (JSONL mirror)': [] as string[],
  'server logs': [] as string[],
};
type Exit = keyof typeof exits;

let w: SecurityWorld;
const logLines: string[] = [];
/** Change events posted (those whose line fits a change summary). */
let changesPosted = 0;

async function call(exit: Exit, tool: string, args: Record<string, unknown>): Promise<CallResult> {
  const res = await w.call('agent', tool, args);
  exits[exit].push(JSON.stringify(res));
  return res;
}

async function read(tool: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await call('MCP tool results', tool, args);
  if (res.isError) throw new Error(`${tool} failed: ${res.content[0]?.text}`);
  return res.structuredContent!;
}

/** Where a shape's secret shows in a text, with some context, for the report. */
function excerpt(text: string, shape: SecretShape): string {
  const at = Math.max(text.indexOf(shape.secret.slice(0, 12)), text.indexOf(shape.oldSecret.slice(0, 12)));
  return text.slice(Math.max(0, at - 80), at + 60);
}

/** Groups of ten canaries as a filter: corpus-00\d, corpus-01\d, … */
const canaryGroups = () =>
  Array.from({ length: Math.ceil(corpus.length / 10) }, (_, i) => `corpus-${String(i).padStart(2, '0')}\\d`);

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  w = await startSecurityWorld({
    scenario: writeRedactionScenario(corpus),
    logger: createLogger('trace', sink),
    config: (raw) => {
      raw.output = { maxBytes: 4_000_000 };
    },
  });
}, 120_000);
afterAll(async () => w?.close());

describe('secrets planted in the world, read back by tools', () => {
  it('Deployment env, ConfigMap data, the rollout diff and a ConfigMap patch show names, never values', async () => {
    const deployment = await read('k8s_resource_get', {
      namespace: NAMESPACE,
      kind: 'Deployment',
      name: DEPLOYMENT,
    });
    expect(JSON.stringify(deployment)).toContain('"name":"DB_PASSWORD"');
    expect(JSON.stringify(deployment)).toContain('registry.example/leaky:1.1.0');
    expect(deployment.redactions).toBeGreaterThanOrEqual(corpus.length);
    const configMap = await read('k8s_resource_get', {
      namespace: NAMESPACE,
      kind: 'ConfigMap',
      name: CONFIGMAP,
    });
    expect(JSON.stringify(configMap)).toContain('SECRET_KEY_BASE');
    expect(configMap.redactions).toBeGreaterThanOrEqual(corpus.length);
    const history = await read('k8s_rollout_history', { namespace: NAMESPACE, name: DEPLOYMENT });
    const changes = (history.diff as { changes: { path: string }[] }).changes;
    expect(changes.length).toBeGreaterThanOrEqual(corpus.length);
    const patch = await read('k8s_configmap_patch', {
      namespace: NAMESPACE,
      name: CONFIGMAP,
      data: Object.fromEntries(corpus.map((s, i) => [s.env, `rotated-${i}`])),
      reason: 'rotate every credential after the leak drill',
      dryRun: true,
    });
    expect((patch.changes as unknown[]).length).toBe(corpus.length);
  });

  it('pod logs and CloudWatch Logs, raw and as templates, single- and multi-line', async () => {
    for (const filter of canaryGroups()) {
      const base = { namespace: NAMESPACE, labelSelector: `app=${DEPLOYMENT}`, maxPods: 1, filter };
      await read('k8s_pod_logs', { ...base, raw: true });
      await read('k8s_pod_logs', base);
    }
    const keys = corpus.filter(isMultiline).length;
    const tail = await read('k8s_pod_logs', {
      namespace: NAMESPACE,
      labelSelector: `app=${DEPLOYMENT}`,
      maxPods: 1,
      tailLines: 40 * keys,
      raw: true,
    });
    expect(JSON.stringify(tail)).toContain('[REDACTED:private_key]');
    for (const raw of [true, false]) {
      let cursor: string | undefined;
      do {
        const page = await read('logs_cloudwatch_filter', {
          group: LOG_GROUP,
          start: '-6h',
          maxEvents: 15,
          raw,
          ...(cursor ? { cursor } : {}),
        });
        cursor = page.cursor as string | undefined;
      } while (cursor);
    }
  });

  it('alert annotations through Alertmanager', async () => {
    await read('am_alerts_list', { filter: [`service="${DEPLOYMENT}"`] });
  });
});

describe('secrets sent in by callers', () => {
  it('alerts and change events over HTTP become incidents and changes, read back over HTTP, tools and resources', async () => {
    const at = new Date(w.sandbox.clock.now().getTime() - 5 * 60_000).toISOString();
    const alerts = corpus.map((shape, i) => ({
      labels: { alertname: 'LeakyConfigDrift', service: DEPLOYMENT, canary: canary(i) },
      annotations: { summary: `${canary(i)} drift`, description: tagged(shape, i) },
      startsAt: at,
    }));
    expect((await w.http('alertWriter', 'POST', '/v1/alerts', { body: { alerts } })).status).toBe(200);
    const events = corpus
      .map((shape, i) => ({
        kind: 'config',
        service: DEPLOYMENT,
        namespace: NAMESPACE,
        at,
        summary: tagged(shape, i),
      }))
      .filter((e) => e.summary.length <= CHANGE_SUMMARY_MAX);
    expect((await w.http('changeWriter', 'POST', '/v1/changes', { body: { events } })).status).toBe(201);
    changesPosted = events.length;

    const list = await w.http('viewer', 'GET', '/v1/incidents?limit=100');
    expect(list.status).toBe(200);
    exits['GET /v1/incidents'].push(JSON.stringify(list.body));
    const ids = (list.body.incidents as { id: string }[]).map((i) => i.id);
    expect(ids.length).toBeGreaterThan(0);
    const client = await w.mcp('agent');
    exits['MCP resources'].push(JSON.stringify(await client.listResources()));
    for (const id of ids) {
      exits['GET /v1/incidents'].push(
        JSON.stringify((await w.http('viewer', 'GET', `/v1/incidents/${id}`)).body),
      );
      exits['MCP resources'].push(
        JSON.stringify(await client.readResource({ uri: `opswarden://incidents/${id}` })),
      );
      await read('incident_get', { incident: id });
    }
    exits['GET /v1/changes'].push(
      JSON.stringify((await w.http('viewer', 'GET', '/v1/changes?since=1h&limit=1000')).body),
    );
    await read('deploys_history', { service: DEPLOYMENT, since: '1h' });
  });

  it("a change's reason and an incident note", async () => {
    const [incident] = (await w.http('viewer', 'GET', '/v1/incidents?limit=1')).body.incidents as {
      id: string;
    }[];
    for (const [i, shape] of corpus.entries()) {
      const res = await call('MCP tool results', 'k8s_deployment_scale', {
        namespace: NAMESPACE,
        name: DEPLOYMENT,
        replicas: 3,
        reason: tagged(shape, i).slice(0, 2000),
      });
      expect(res.structuredContent?.status).toBe('approval_required');
      await read('incident_note', {
        incident: incident!.id,
        text: tagged(shape, i).slice(0, 4000),
        reason: 'hand-over context for the next shift',
      });
    }
    const approvals = await w.http('oncall', 'GET', '/v1/approvals');
    expect(approvals.status).toBe(200);
    exits['GET /v1/approvals'].push(JSON.stringify(approvals.body));
    expect(await w.replicas(NAMESPACE, DEPLOYMENT)).toBe(2);
  });

  it('a change that runs after approval, with a pre-change snapshot of everything planted', async () => {
    const args = {
      namespace: NAMESPACE,
      name: CONFIGMAP,
      data: { FEATURE_FLAGS: 'checkout-v2' },
      reason: 'turn on checkout-v2 for the drill',
    };
    const pending = await call('MCP tool results', 'k8s_configmap_patch', args);
    const approvalId = pending.structuredContent?.approvalId as string;
    const decided = await w.http('oncall', 'POST', `/v1/approvals/${approvalId}/approve`, {
      body: { comment: 'ok' },
    });
    expect(decided.status).toBe(200);
    const done = await call('MCP tool results', 'k8s_configmap_patch', { ...args, approvalId });
    expect(done.isError).toBeFalsy();
    const [snapshot] = w.auditRecords({ type: 'snapshot', tool: 'k8s_configmap_patch' });
    expect(JSON.stringify(snapshot?.data.before)).toContain(canary(0));
  });

  it('arguments a backend echoes back in its error', async () => {
    for (const [i, shape] of corpus.entries()) {
      const res = await call('MCP tool errors', 'prom_query', { query: `sum(rate(${tagged(shape, i)}` });
      expect(res.isError).toBe(true);
    }
  });
});

describe('ordinary text stays readable', () => {
  it('ids, hashes, UUIDs, digests, URLs and sentences come back unchanged (false positives printed)', async () => {
    const page = await read('logs_cloudwatch_filter', { group: ORDINARY_GROUP, start: '-6h', raw: true });
    const text = JSON.stringify(page);
    const altered = ORDINARY_LINES.filter((line) => !text.includes(JSON.stringify(line).slice(1, -1)));
    console.log(`false positives: ${altered.length} of ${ORDINARY_LINES.length} ordinary lines`, altered);
    expect(altered).toEqual([]);
    expect(page.redactions).toBeUndefined();
  });

  it("the audit chain's hashes and digests stay readable", () => {
    const records = w.auditRecords({ limit: 50 });
    expect(records.length).toBeGreaterThan(0);
    for (const r of records)
      expect([r.hash, r.prevHash]).toEqual([
        expect.stringMatching(/^[0-9a-f]{64}$/),
        expect.stringMatching(/^[0-9a-f]{64}$/),
      ]);
    const call = records.find((r) => r.type === 'tool.call')!;
    expect(call.data.argsDigest).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('no secret leaves by any exit', () => {
  it('finds zero leaks per exit (printed), with the planted canaries seen there', async () => {
    const db = w.app.db.prepare('SELECT type, data FROM audit_log ORDER BY seq').all();
    exits['audit log (SQLite rows)'].push(JSON.stringify(db));
    exits['audit log (JSONL mirror)'].push(readFileSync(w.app.config.audit.jsonl!, 'utf8'));
    exits['server logs'].push(logLines.join(''));

    const report: Record<string, { leaks: number; canaries: number; shapes?: string }> = {};
    const leaked: Record<string, SecretShape[]> = {};
    for (const [exit, texts] of Object.entries(exits)) {
      const text = texts.join('\n');
      leaked[exit] = leakedShapes(text, corpus);
      report[exit] = {
        leaks: leaked[exit].length,
        canaries: canariesSeen(text, corpus.length),
        ...(leaked[exit].length ? { shapes: leaked[exit].map((s) => s.id).join(' ') } : {}),
      };
    }
    console.log(`redaction corpus: ${corpus.length} secret shapes`);
    console.table(report);
    for (const [exit, shapes] of Object.entries(leaked)) {
      for (const shape of shapes.slice(0, 3))
        console.log(`${exit}: ${shape.id}: …${excerpt(exits[exit as Exit].join('\n'), shape)}…`);
    }
    for (const exit of Object.keys(exits))
      expect(
        leaked[exit]!.map((s) => s.id),
        exit,
      ).toEqual([]);
    // Every shape reached the exits that carry what was planted or sent.
    const all = corpus.length;
    expect(report['MCP tool results']!.canaries).toBe(all);
    expect(report['MCP tool errors']!.canaries).toBe(all);
    expect(report['GET /v1/incidents']!.canaries).toBe(all);
    expect(report['MCP resources']!.canaries).toBe(all);
    expect(report['GET /v1/approvals']!.canaries).toBe(all);
    expect(report['audit log (SQLite rows)']!.canaries).toBe(all);
    expect(report['audit log (JSONL mirror)']!.canaries).toBe(all);
    expect(report['GET /v1/changes']!.canaries).toBe(changesPosted);
    expect(changesPosted).toBeGreaterThan(all * 0.9);
    expect(report['server logs']!.canaries).toBeGreaterThan(0);
  });
});

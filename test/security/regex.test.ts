// Attacks through the regex arguments. A JavaScript RegExp backtracks: `k8s_pod_logs` with
// filter `^(.+)+X$` once froze the whole server (approvals API and /healthz included) for
// over 75 s, past the tool timeout and deaf to SIGTERM. Callers' patterns now run on RE2
// (src/regex.ts), in time linear in the text. The server runs in a child process here, so
// a stalled server fails the watchdog instead of stalling the test with it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallResult, type SecurityWorld, type ServedChild, startSecurityWorld } from './harness.ts';

/** Far beyond what any of these calls takes; a backtracking engine would still be running. */
const WATCHDOG_MS = 20_000;

let w: SecurityWorld;
let server: ServedChild;

beforeAll(async () => {
  w = await startSecurityWorld();
  server = await w.serveInChild();
}, 120_000);

afterAll(async () => {
  await w?.close();
});

/**
 * The agent's call, with /healthz and the approvals API asked while it runs. All three must
 * answer before the watchdog; in what order is not the point.
 */
async function callWhileProbing(tool: string, args: Record<string, unknown>) {
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`${tool} or the probes got no answer within ${WATCHDOG_MS / 1000} s: the server stalled`),
        ),
      WATCHDOG_MS,
    );
  });
  try {
    const [result, health, approvals] = await Promise.race([
      Promise.all([
        server.call('agent', tool, args),
        server.http(undefined, 'GET', '/healthz'),
        server.http('oncall', 'GET', '/v1/approvals'),
      ]),
      watchdog,
    ]);
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(approvals.status).toBe(200);
    expect(approvals.body).toHaveProperty('approvals');
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/** The audit records of the agent's calls of `tool` whose arguments hold `value` under `arg`. */
function auditedCalls(tool: string, arg: string, value: string) {
  return w.auditRecords({ tool, principal: 'agent' }).filter((r) => {
    const args = (r.data as { args?: Record<string, unknown> }).args;
    return args?.[arg] === value;
  });
}

function errorText(result: CallResult): string {
  expect(result.isError).toBe(true);
  return result.content.map((c) => c.text).join('\n');
}

describe('regex arguments against a hostile agent', () => {
  it.each(['^(.+)+X$', '(a|aa)+$', '^(.|..)+X$'])(
    'k8s_pod_logs with filter %s answers at once, and the server keeps answering meanwhile',
    async (filter) => {
      const result = await callWhileProbing('k8s_pod_logs', {
        namespace: 'shop',
        labelSelector: 'app=checkout',
        filter,
      });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ matchedLines: 0 });
      expect(result.structuredContent?.totalLines).toBeGreaterThan(60);
      expect(auditedCalls('k8s_pod_logs', 'filter', filter).map((r) => r.type)).toContain('tool.call');
    },
  );

  it('prom_metrics_search with a catastrophic /regex/ answers at once, and the server keeps answering', async () => {
    const match = '/^([a-z]+_?)+!$/';
    const result = await callWhileProbing('prom_metrics_search', { match });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ total: 0 });
    expect(auditedCalls('prom_metrics_search', 'match', match).map((r) => r.type)).toContain('tool.call');
    // The same engine finds what is there: every metric name is made of words and underscores.
    const all = await callWhileProbing('prom_metrics_search', { match: '/^([a-z]+_?)+$/' });
    expect(all.structuredContent?.total).toBeGreaterThan(0);
  });

  it('speaks RE2 end to end: (?i) finds the warning a JavaScript RegExp would refuse to compile', async () => {
    const result = await callWhileProbing('k8s_pod_logs', {
      namespace: 'shop',
      labelSelector: 'app=checkout',
      filter: '(?i)RETRYING TOKEN a{60}',
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    // The warning, once from each pod.
    const { matchedLines, pods } = result.structuredContent as { matchedLines: number; pods: string[] };
    expect(pods).toHaveLength(3);
    expect(matchedLines).toBe(pods.length);
  });

  it.each([
    { tool: 'k8s_pod_logs', arg: 'filter', value: '(?<=token )a+', construct: 'lookbehind `(?<=`' },
    { tool: 'k8s_pod_logs', arg: 'filter', value: '(a+)\\1', construct: 'backreference `\\1`' },
    { tool: 'prom_metrics_search', arg: 'match', value: '/^up(?!_)/', construct: 'lookahead `(?!`' },
    { tool: 'am_alerts_list', arg: 'receiver', value: '(?>team)-a', construct: 'atomic group `(?>`' },
  ])('$tool refuses $construct in $arg, naming the argument and why, and calls nothing', async (attack) => {
    const { tool, arg, value, construct } = attack;
    const where = tool === 'k8s_pod_logs' ? { namespace: 'shop', labelSelector: 'app=checkout' } : {};
    const text = errorText(await callWhileProbing(tool, { ...where, [arg]: value }));
    const pattern = value.replace(/^\/(.*)\/$/, '$1');
    expect(text).toContain(
      `${arg}: ${JSON.stringify(pattern)} is not a valid RE2 regular expression: ${construct} is not supported`,
    );
    expect(auditedCalls(tool, arg, value)).toEqual([]);
  });

  it('k8s_pod_logs refuses a filter too large to bound its cost, saying how large', async () => {
    const filter = Array.from({ length: 3 }, () => '(?:[0-9][^Q]{0,999})').join('|');
    const text = errorText(
      await callWhileProbing('k8s_pod_logs', { namespace: 'shop', labelSelector: 'app=checkout', filter }),
    );
    expect(text).toMatch(
      /filter: .* is not a valid RE2 regular expression: too large: it compiles to \d+ instructions/,
    );
    expect(auditedCalls('k8s_pod_logs', 'filter', filter)).toEqual([]);
  });

  it('after every attack, SIGTERM still ends the server cleanly', async () => {
    expect(await server.stop()).toBe(0);
  });
});

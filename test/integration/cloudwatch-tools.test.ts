// The CloudWatch Logs tools through a real MCP client and the gate, against the sandbox
// endpoint serving checkout-bad-deploy's `/aws/rds/orders-db` source, reached by the real
// SDK with credentials from the environment (the default chain). Shows progress while a
// Logs Insights query runs and that cancelling the call stops the query.

import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type CloudWatchLogsSimulator,
  startCloudWatchLogsSimulator,
} from '../../src/sandbox/cloudwatch/simulator.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import type { Clock } from '../../src/tool.ts';
import { type Harness, startHarness } from '../helpers/in-process.ts';
import { DEFAULT_POLICY, makeWorld, REPO } from '../helpers/world.ts';

const GROUP = '/aws/rds/orders-db';
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };

let sim: CloudWatchLogsSimulator;
let h: Harness;

beforeAll(async () => {
  for (const [name, value] of Object.entries(CREDENTIALS)) vi.stubEnv(name, value);
  const scenario = loadScenario(`${REPO}/scenarios/checkout-bad-deploy.yaml`);
  const now = scenario.spec.now;
  const clock: Clock = { now: () => new Date(now) };
  sim = await startCloudWatchLogsSimulator(scenario, clock);
  const world = makeWorld({
    policy: DEFAULT_POLICY,
    extra: {
      cloudwatch: {
        region: 'us-east-1',
        endpoint: sim.url,
        limits: { maxLogGroups: 2, pollInterval: '200ms' },
      },
    },
  });
  h = await startHarness({ world, clock });
});
afterAll(async () => {
  await h?.close();
  await sim?.close();
  vi.unstubAllEnvs();
});

describe('logs_cloudwatch_groups', () => {
  it("lists the scenario's log groups", async () => {
    const res = await h.call('logs_cloudwatch_groups', {});
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    expect(res.structuredContent?.groups).toEqual([
      { name: GROUP, createdAt: '2026-04-25T08:30:00.000Z', storedBytes: 0 },
    ]);
  });

  it('says how to widen when no group has the prefix', async () => {
    const res = await h.call('logs_cloudwatch_groups', { prefix: '/aws/lambda/' });
    expect(res.structuredContent).toMatchObject({
      groups: [],
      hint: expect.stringContaining('without prefix'),
    });
  });
});

describe('logs_cloudwatch_filter', () => {
  it('shapes the events into templates with counts', async () => {
    const res = await h.call('logs_cloudwatch_filter', { group: GROUP, start: '-30m' });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    const out = res.structuredContent as Record<string, unknown> & {
      templates: { template: string; count: number }[];
    };
    expect(out).toMatchObject({ group: GROUP, events: 37, totalLines: 37, start: '2026-04-25T14:00:00Z' });
    expect(out.cursor).toBeUndefined();
    expect(out.templates).toHaveLength(1);
    expect(out.templates[0]).toMatchObject({
      count: 37,
      template: expect.stringContaining('too many connections from checkout'),
    });
  });

  it('continues from its cursor until every event was read once', async () => {
    let total = 0;
    let cursor: string | undefined;
    let calls = 0;
    do {
      const res = await h.call('logs_cloudwatch_filter', {
        group: GROUP,
        maxEvents: 10,
        ...(cursor ? { cursor } : {}),
      });
      expect(res.isError, res.content[0]?.text).toBeFalsy();
      total += res.structuredContent?.events as number;
      cursor = res.structuredContent?.cursor as string | undefined;
      calls++;
    } while (cursor);
    expect({ total, calls }).toEqual({ total: 37, calls: 4 });
  });

  it('says so when the filter pattern matches nothing', async () => {
    const res = await h.call('logs_cloudwatch_filter', {
      group: GROUP,
      filterPattern: '"deadlock detected"',
    });
    expect(res.structuredContent).toMatchObject({
      events: 0,
      hint: expect.stringContaining('drop filterPattern'),
    });
  });

  it('is a tool error naming an unknown group', async () => {
    const res = await h.call('logs_cloudwatch_filter', { group: '/aws/rds/nope' });
    expect(res.isError).toBe(true);
    expect(res.content[0]?.text).toMatch(/ResourceNotFoundException.*\/aws\/rds\/nope/);
  });

  it('refuses a window longer than limits.maxRange, saying how to narrow', async () => {
    const res = await h.call('logs_cloudwatch_filter', { group: GROUP, start: '-48h' });
    expect(res.isError).toBe(true);
    expect(res.content[0]?.text).toContain(
      'longer than the 24h limit (cloudwatch.limits.maxRange): narrow start/end',
    );
  });
});

describe('logs_cloudwatch_query', () => {
  const query =
    'filter @message like /too many connections/ | stats count(*) as n by bin(5m) | sort n desc | limit 2';

  it('polls with progress notifications and returns the rows as a table', async () => {
    const progress: unknown[] = [];
    const res = await h.client.callTool(
      { name: 'logs_cloudwatch_query', arguments: { query, groups: [GROUP], start: '-1h' } },
      CallToolResultSchema,
      { onprogress: (p) => progress.push(p) },
    );
    expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]).toMatchObject({ progress: 1, message: expect.stringContaining('Running') });
    expect(res.structuredContent).toMatchObject({
      status: 'Complete',
      fields: ['bin(5m)', 'n'],
      rows: [
        ['2026-04-25 14:15:00.000', '10'],
        ['2026-04-25 14:20:00.000', '10'],
      ],
      recordsMatched: 37,
      recordsScanned: 37,
    });
  });

  it('stops the query when the call is cancelled', async () => {
    const controller = new AbortController();
    const call = h.client.callTool(
      { name: 'logs_cloudwatch_query', arguments: { query: 'fields @message', groups: [GROUP] } },
      CallToolResultSchema,
      { signal: controller.signal, onprogress: () => controller.abort('operator cancelled') },
    );
    await expect(call).rejects.toThrow();
    const started = sim.requests.filter((r) => r.operation === 'StartQuery').at(-1);
    expect(started?.body.queryString).toBe('fields @message');
    await vi.waitFor(() => expect(sim.requests.at(-1)?.operation).toBe('StopQuery'));
  });

  it('is a tool error naming the unsupported part of a query', async () => {
    const res = await h.call('logs_cloudwatch_query', {
      query: 'fields @message | parse @message "* *" as a, b',
      groups: [GROUP],
    });
    expect(res.isError).toBe(true);
    expect(res.content[0]?.text).toMatch(/MalformedQueryException.*unsupported command "parse"/);
  });

  it('refuses more log groups than limits.maxLogGroups, saying how to narrow', async () => {
    const res = await h.call('logs_cloudwatch_query', {
      query: 'fields @message',
      groups: ['/a', '/b', '/c'],
    });
    expect(res.isError).toBe(true);
    expect(res.content[0]?.text).toContain(
      '3 log groups in one query, the limit is 2 (cloudwatch.limits.maxLogGroups)',
    );
  });
});

// The sandbox CloudWatch Logs endpoint through the real AWS SDK (JSON 1.1 protocol, SigV4
// signed with test credentials): log groups with prefix and pagination, filtered events
// across pages, GetLogEvents tokens, Logs Insights queries run asynchronously, and the
// service's errors surfacing as the SDK's exception classes.

import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  GetQueryResultsCommand,
  MalformedQueryException,
  ResourceNotFoundException,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CloudWatchLogsSimulator,
  startCloudWatchLogsSimulator,
} from '../../src/sandbox/cloudwatch/simulator.ts';
import { baseSpec, minutesAgo, NOW, scenarioOf } from '../unit/sandbox/scenario/helpers.ts';

const spec = baseSpec();
spec.logs = [
  {
    source: { cloudwatch: { group: '/aws/rds/orders-db', stream: 'error' } },
    lines: [
      { from: '-18m', every: '30s', level: 'warning', text: 'too many connections: {int:180-200} open' },
    ],
  },
  {
    source: { cloudwatch: { group: '/aws/rds/orders-db', stream: 'slowquery' } },
    lines: [{ from: '-10m', every: '1m', text: 'Query_time: {float:2-4} SELECT * FROM orders' }],
  },
  {
    source: { cloudwatch: { group: '/aws/rds/payments-db', stream: 'error' } },
    lines: [{ from: '-1h', every: '10m', text: 'checkpoint complete' }],
  },
  {
    source: { cloudwatch: { group: '/aws/lambda/refunds', stream: '2026/04/25/[$LATEST]abc' } },
    format: 'json',
    lines: [
      {
        at: '-5m',
        level: 'error',
        text: 'java.lang.IllegalStateException: boom\n\tat Refunds.run(Refunds.java:9)',
      },
    ],
  },
];

let sim: CloudWatchLogsSimulator;
let client: CloudWatchLogsClient;

beforeAll(async () => {
  sim = await startCloudWatchLogsSimulator(scenarioOf(spec), { now: () => NOW });
  client = new CloudWatchLogsClient({
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  client?.destroy();
  await sim?.close();
});

const since = (minutes: number) => minutesAgo(minutes).getTime();

describe('DescribeLogGroups', () => {
  it('lists groups by name prefix, a page at a time', async () => {
    const first = await client.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/rds/', limit: 1 }),
    );
    expect(first.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/rds/orders-db']);
    expect(first.logGroups?.[0]?.arn).toBe(
      'arn:aws:logs:us-east-1:000000000000:log-group:/aws/rds/orders-db:*',
    );
    const second = await client.send(
      new DescribeLogGroupsCommand({
        logGroupNamePrefix: '/aws/rds/',
        limit: 1,
        nextToken: first.nextToken!,
      }),
    );
    expect(second.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/rds/payments-db']);
    expect(second.nextToken).toBeUndefined();
    const all = await client.send(new DescribeLogGroupsCommand({}));
    expect(all.logGroups).toHaveLength(3);
  });
});

describe('FilterLogEvents', () => {
  it('pages through every matching event exactly once, in time order, across streams', async () => {
    const seen: { timestamp?: number; logStreamName?: string; message?: string }[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new FilterLogEventsCommand({
          logGroupName: '/aws/rds/orders-db',
          startTime: since(60),
          endTime: NOW.getTime(),
          limit: 7,
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      seen.push(...(page.events ?? []));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    // error: -18m..now every 30s (37), slowquery: -10m..now every minute (11)
    expect(seen).toHaveLength(48);
    expect(pages).toBe(7);
    expect(new Set(seen.map((e) => `${e.logStreamName}@${e.timestamp}`)).size).toBe(48);
    const times = seen.map((e) => e.timestamp!);
    expect(times).toEqual(times.toSorted((a, b) => a - b));
    expect(seen[0]!.message).toMatch(/^2026-04-25T14:12:00.000Z WARNING too many connections: \d{3} open$/);
  });

  it('renders the same text on every read (seeded placeholders)', async () => {
    const read = () =>
      client.send(
        new FilterLogEventsCommand({ logGroupName: '/aws/rds/orders-db', logStreamNames: ['error'] }),
      );
    expect((await read()).events).toEqual((await read()).events);
  });

  it('keeps events with every term and quoted phrase of the filter pattern', async () => {
    const page = await client.send(
      new FilterLogEventsCommand({
        logGroupName: '/aws/rds/orders-db',
        filterPattern: 'SELECT "FROM orders"',
      }),
    );
    expect(page.events?.length).toBe(11);
    expect(page.events?.every((e) => e.logStreamName === 'slowquery')).toBe(true);
  });

  it('answers a stack trace as one multi-line event', async () => {
    const page = await client.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/refunds' }));
    expect(page.events).toHaveLength(1);
    expect(JSON.parse(page.events![0]!.message!).msg).toBe(
      'java.lang.IllegalStateException: boom\n\tat Refunds.run(Refunds.java:9)',
    );
  });

  it('raises ResourceNotFoundException naming an unknown group', async () => {
    const failure = client.send(new FilterLogEventsCommand({ logGroupName: '/aws/rds/nope' }));
    await expect(failure).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(failure).rejects.toThrow('/aws/rds/nope');
  });
});

describe('GetLogEvents', () => {
  it('reads the newest events by default and walks back and forth with tokens', async () => {
    const ask = (extra: object) =>
      client.send(
        new GetLogEventsCommand({
          logGroupName: '/aws/rds/orders-db',
          logStreamName: 'slowquery',
          limit: 4,
          ...extra,
        }),
      );
    const newest = await ask({});
    expect(newest.events?.map((e) => e.timestamp)).toEqual([since(3), since(2), since(1), since(0)]);
    const older = await ask({ nextToken: newest.nextBackwardToken });
    expect(older.events?.map((e) => e.timestamp)).toEqual([since(7), since(6), since(5), since(4)]);
    const head = await ask({ startFromHead: true });
    expect(head.events?.[0]?.timestamp).toBe(since(10));
    const next = await ask({ nextToken: head.nextForwardToken });
    expect(next.events?.[0]?.timestamp).toBe(since(6));
  });
});

describe('Logs Insights', () => {
  async function start(queryString: string, logGroupNames = ['/aws/rds/orders-db']) {
    const { queryId } = await client.send(
      new StartQueryCommand({
        logGroupNames,
        startTime: Math.floor(since(60) / 1000),
        endTime: Math.floor(NOW.getTime() / 1000),
        queryString,
      }),
    );
    return queryId!;
  }

  it('runs asynchronously: Running on the first poll, then Complete with stats by bin', async () => {
    const queryId = await start(
      'filter @message like /too many/ | stats count(*) as n by bin(5m) | sort n desc',
    );
    const first = await client.send(new GetQueryResultsCommand({ queryId }));
    expect(first.status).toBe('Running');
    expect(first.results).toEqual([]);
    const done = await client.send(new GetQueryResultsCommand({ queryId }));
    expect(done.status).toBe('Complete');
    const rows = done.results!.map((row) => Object.fromEntries(row.map((f) => [f.field, f.value])));
    expect(rows).toEqual([
      { 'bin(5m)': '2026-04-25 14:15:00.000', n: '10' },
      { 'bin(5m)': '2026-04-25 14:20:00.000', n: '10' },
      { 'bin(5m)': '2026-04-25 14:25:00.000', n: '10' },
      { 'bin(5m)': '2026-04-25 14:10:00.000', n: '6' },
      { 'bin(5m)': '2026-04-25 14:30:00.000', n: '1' },
    ]);
    expect(done.statistics?.recordsMatched).toBe(37);
    expect(done.statistics?.recordsScanned).toBe(48);
  });

  it('reads JSON messages as fields, over several groups', async () => {
    const queryId = await start('filter level = "error" | fields @log, msg', [
      '/aws/rds/orders-db',
      '/aws/lambda/refunds',
    ]);
    await client.send(new GetQueryResultsCommand({ queryId }));
    const done = await client.send(new GetQueryResultsCommand({ queryId }));
    expect(done.results).toEqual([
      [
        { field: '@log', value: '/aws/lambda/refunds' },
        { field: 'msg', value: 'java.lang.IllegalStateException: boom\n\tat Refunds.run(Refunds.java:9)' },
      ],
    ]);
  });

  it('StopQuery cancels a running query', async () => {
    const queryId = await start('fields @message');
    expect((await client.send(new StopQueryCommand({ queryId }))).success).toBe(true);
    expect((await client.send(new GetQueryResultsCommand({ queryId }))).status).toBe('Cancelled');
  });

  it('raises MalformedQueryException naming the unsupported part', async () => {
    const failure = start('fields @message | dedup @message');
    await expect(failure).rejects.toBeInstanceOf(MalformedQueryException);
    await expect(failure).rejects.toThrow('unsupported command "dedup"');
  });

  it('raises ResourceNotFoundException for an unknown group', async () => {
    await expect(start('fields @message', ['/aws/rds/nope'])).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});

describe('authentication', () => {
  it('refuses a request without an Authorization header', async () => {
    const res = await fetch(sim.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'Logs_20140328.DescribeLogGroups',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
  });
});

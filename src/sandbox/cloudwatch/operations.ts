// The CloudWatch Logs operations the sandbox answers, over the scenario's log groups:
// DescribeLogGroups, FilterLogEvents, GetLogEvents, StartQuery, GetQueryResults, StopQuery.
// Requests and responses follow the service's JSON shapes (times in ms, except StartQuery's
// seconds). Pagination tokens are opaque base64 JSON positions, valid for the same request.
//
// filterPattern subset: space-separated terms and "quoted phrases", each of which must occur
// in the message (case-sensitive, like the service); an empty pattern matches every event.
// Anything else (JSON `{ $.x = … }`, `?term` alternatives, `-term` exclusions, `[…]` space-
// delimited patterns) is an InvalidParameterException naming the pattern.

import { randomUUID } from 'node:crypto';
import { hash32 } from '../scenario/random.ts';
import { AwsError, invalidParameter, notFound } from './errors.ts';
import { type InsightsResult, logRecord, runInsightsQuery } from './insights-eval.ts';
import { InsightsQueryError, parseInsightsQuery } from './insights-parse.ts';
import type { LogEvent, LogGroup, LogGroups } from './log-groups.ts';

type Body = Record<string, unknown>;
export type Operation = (body: Body) => Body;

const ACCOUNT = '000000000000';
const MAX_EVENTS = 10_000;
const DEFAULT_GROUPS_PAGE = 50;
const DEFAULT_QUERY_ROWS = 1000;

interface Query {
  status: 'Running' | 'Complete' | 'Cancelled';
  polled: boolean;
  result: InsightsResult;
  recordsScanned: number;
}

export function cloudWatchOperations(groups: LogGroups, region: string): Record<string, Operation> {
  const queries = new Map<string, Query>();

  function group(body: Body): LogGroup {
    const name = str(body, 'logGroupName') ?? groupNameOf(str(body, 'logGroupIdentifier'));
    if (!name) throw invalidParameter('logGroupName or logGroupIdentifier is required');
    const found = groups.get(name);
    if (!found) throw notFound(`The specified log group does not exist: ${name}`);
    return found;
  }

  return {
    DescribeLogGroups(body) {
      const prefix = str(body, 'logGroupNamePrefix') ?? '';
      const pattern = str(body, 'logGroupNamePattern') ?? '';
      const matching = groups.groups.filter((g) => g.name.startsWith(prefix) && g.name.includes(pattern));
      const start = decodeToken<number>(body, 0);
      const limit = num(body, 'limit') ?? DEFAULT_GROUPS_PAGE;
      const page = matching.slice(start, start + limit);
      return {
        logGroups: page.map((g) => {
          const arn = `arn:aws:logs:${region}:${ACCOUNT}:log-group:${g.name}`;
          return {
            logGroupName: g.name,
            creationTime: g.creationTime,
            arn: `${arn}:*`,
            logGroupArn: arn,
            storedBytes: 0,
          };
        }),
        ...(start + limit < matching.length ? { nextToken: encodeToken(start + limit) } : {}),
      };
    },

    FilterLogEvents(body) {
      const target = group(body);
      const streamNames = (body.logStreamNames as string[] | undefined) ?? streamsWithPrefix(target, body);
      for (const name of streamNames ?? []) {
        if (!target.streams.has(name))
          throw notFound(`The specified log stream does not exist: ${target.name}/${name}`);
      }
      const matches = filterPattern(str(body, 'filterPattern') ?? '');
      const limit = Math.min(num(body, 'limit') ?? MAX_EVENTS, MAX_EVENTS);
      const end = (num(body, 'endTime') ?? Number.MAX_SAFE_INTEGER - 1) + 1;
      const position = decodeToken<{ t: number; s: number } | undefined>(body, undefined);
      const from = position?.t ?? num(body, 'startTime') ?? 0;
      let skip = position?.s ?? 0;
      const events: LogEvent[] = [];
      let more = false;
      for (const event of groups.events(target, from, end, streamNames)) {
        if (!matches(event.message)) continue;
        if (skip > 0 && event.timestamp === from) {
          skip--;
          continue;
        }
        if (events.length === limit) {
          more = true;
          break;
        }
        events.push(event);
      }
      const last = events.at(-1)?.timestamp;
      const sameAsLast =
        events.filter((e) => e.timestamp === last).length + (last === from ? (position?.s ?? 0) : 0);
      return {
        events: events.map((e) => ({ ...e, ingestionTime: e.timestamp, eventId: eventId(e) })),
        searchedLogStreams: [],
        ...(more ? { nextToken: encodeToken({ t: last, s: sameAsLast }) } : {}),
      };
    },

    GetLogEvents(body) {
      const target = group(body);
      const streamName = str(body, 'logStreamName');
      if (!streamName || !target.streams.has(streamName))
        throw notFound(`The specified log stream does not exist: ${target.name}/${streamName ?? ''}`);
      const end = (num(body, 'endTime') ?? Number.MAX_SAFE_INTEGER - 1) + 1;
      const all = [...groups.events(target, num(body, 'startTime') ?? 0, end, [streamName])];
      const limit = Math.min(num(body, 'limit') ?? MAX_EVENTS, MAX_EVENTS);
      const token = str(body, 'nextToken');
      const [direction, at] = token ? token.split('/') : [body.startFromHead ? 'f' : 'b', undefined];
      const index = at === undefined ? (direction === 'f' ? 0 : all.length) : Number(at);
      if (
        !Number.isInteger(index) ||
        index < 0 ||
        index > all.length ||
        (direction !== 'f' && direction !== 'b')
      )
        throw invalidParameter(`nextToken is not valid for this stream: ${token}`);
      const [lo, hi] =
        direction === 'f'
          ? [index, Math.min(all.length, index + limit)]
          : [Math.max(0, index - limit), index];
      return {
        events: all
          .slice(lo, hi)
          .map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.timestamp })),
        nextForwardToken: `f/${hi}`,
        nextBackwardToken: `b/${lo}`,
      };
    },

    StartQuery(body) {
      const names = [
        ...((body.logGroupNames as string[] | undefined) ?? []),
        ...((body.logGroupIdentifiers as string[] | undefined) ?? []).map(groupNameOf),
        ...(str(body, 'logGroupName') ? [str(body, 'logGroupName')!] : []),
      ];
      if (!names.length)
        throw invalidParameter('logGroupName, logGroupNames or logGroupIdentifiers is required');
      const targets = names.map((name) => group({ logGroupName: name }));
      const start = num(body, 'startTime');
      const end = num(body, 'endTime');
      const queryString = str(body, 'queryString');
      if (start === undefined || end === undefined || !queryString)
        throw invalidParameter('startTime, endTime (epoch seconds) and queryString are required');
      if (end < start) throw invalidParameter('endTime is before startTime');
      let commands: ReturnType<typeof parseInsightsQuery>;
      try {
        commands = parseInsightsQuery(queryString);
      } catch (err) {
        if (err instanceof InsightsQueryError) throw new AwsError('MalformedQueryException', err.message);
        throw err;
      }
      const records = targets.flatMap((g) =>
        [...groups.events(g, start * 1000, end * 1000 + 1)].map((e) => logRecord(e, g.name)),
      );
      records.sort((a, b) => (a['@timestamp'] as number) - (b['@timestamp'] as number));
      const result = runInsightsQuery(commands, records, num(body, 'limit') ?? DEFAULT_QUERY_ROWS);
      const queryId = randomUUID();
      queries.set(queryId, { status: 'Running', polled: false, result, recordsScanned: records.length });
      return { queryId };
    },

    GetQueryResults(body) {
      const query = queryOf(body);
      if (query.status === 'Running' && query.polled) query.status = 'Complete';
      query.polled = true;
      const complete = query.status === 'Complete';
      return {
        status: query.status,
        results: complete ? query.result.rows : [],
        statistics: {
          recordsMatched: complete ? query.result.recordsMatched : 0,
          recordsScanned: complete ? query.recordsScanned : 0,
          bytesScanned: 0,
        },
      };
    },

    StopQuery(body) {
      const query = queryOf(body);
      if (query.status !== 'Running') return { success: false };
      query.status = 'Cancelled';
      return { success: true };
    },
  };

  function queryOf(body: Body): Query {
    const id = str(body, 'queryId');
    const query = id ? queries.get(id) : undefined;
    if (!query) throw notFound(`No query with id ${id ?? '(none)'}`);
    return query;
  }
}

function streamsWithPrefix(group: LogGroup, body: Body): string[] | undefined {
  const prefix = str(body, 'logStreamNamePrefix');
  return prefix === undefined ? undefined : [...group.streams.keys()].filter((s) => s.startsWith(prefix));
}

/** `arn:aws:logs:…:log-group:<name>[:*]` or a plain name. */
function groupNameOf(identifier: string | undefined): string | undefined {
  const arn = identifier?.match(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/);
  return arn ? arn[1] : identifier;
}

function filterPattern(pattern: string): (message: string) => boolean {
  const terms: string[] = [];
  const rest = pattern.replace(/"([^"]*)"/g, (_, phrase: string) => {
    terms.push(phrase);
    return ' ';
  });
  for (const word of rest.split(/\s+/).filter(Boolean)) {
    if (/^[?\-{[]|["\]}]/.test(word))
      throw invalidParameter(
        `filterPattern ${JSON.stringify(pattern)} is not supported by the sandbox: use plain terms and "quoted phrases"`,
      );
    terms.push(word);
  }
  return (message) => terms.every((term) => message.includes(term));
}

function eventId(event: LogEvent): string {
  return `${event.timestamp}${String(hash32(`${event.logStreamName}\n${event.message}`)).padStart(10, '0')}`;
}

function encodeToken(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeToken<T>(body: Body, fallback: T): T {
  const token = str(body, 'nextToken');
  if (!token) return fallback;
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString()) as T;
  } catch {
    throw invalidParameter(`nextToken is not valid: ${token}`);
  }
}

function str(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value !== undefined && typeof value !== 'string') throw invalidParameter(`${key} must be a string`);
  return value;
}

function num(body: Body, key: string): number | undefined {
  const value = body[key];
  if (value !== undefined && typeof value !== 'number') throw invalidParameter(`${key} must be a number`);
  return value;
}

import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import "./chunk-PB6ZSKJE.js";

// src/backends/cloudwatch/client.ts
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand
} from "@aws-sdk/client-cloudwatch-logs";

// src/backends/cloudwatch/types.ts
var CloudWatchError = class extends Error {
  name = "CloudWatchError";
  code;
  constructor(code, message) {
    super(message);
    this.code = code;
  }
};

// src/backends/cloudwatch/client.ts
function createCloudWatchBackend(opts) {
  const client = new CloudWatchLogsClient({
    region: opts.region,
    ...opts.endpoint ? { endpoint: opts.endpoint } : {},
    ...opts.profile ? { profile: opts.profile } : {}
  });
  async function send(what, run) {
    try {
      return await run();
    } catch (err) {
      const e = err;
      if (e.name === "AbortError" || !e.$metadata) throw err;
      throw new CloudWatchError(e.name, `${what}: ${e.name}: ${e.message}`);
    }
  }
  return {
    limits: opts.limits,
    async describeLogGroups(query, signal) {
      const out = await send(
        "DescribeLogGroups",
        () => client.send(
          new DescribeLogGroupsCommand({
            ...query.prefix ? { logGroupNamePrefix: query.prefix } : {},
            ...query.limit ? { limit: query.limit } : {},
            ...query.nextToken ? { nextToken: query.nextToken } : {}
          }),
          { abortSignal: signal }
        )
      );
      return {
        groups: (out.logGroups ?? []).map((g) => ({
          name: g.logGroupName ?? "",
          ...g.creationTime !== void 0 ? { createdAt: new Date(g.creationTime).toISOString() } : {},
          ...g.storedBytes !== void 0 ? { storedBytes: g.storedBytes } : {},
          ...g.retentionInDays !== void 0 ? { retentionDays: g.retentionInDays } : {}
        })),
        ...out.nextToken ? { nextToken: out.nextToken } : {}
      };
    },
    async filterLogEvents(query, signal) {
      const out = await send(
        `FilterLogEvents on ${query.group}`,
        () => client.send(
          new FilterLogEventsCommand({
            logGroupName: query.group,
            startTime: query.start.getTime(),
            endTime: query.end.getTime(),
            ...query.streams?.length ? { logStreamNames: query.streams } : {},
            ...query.filterPattern ? { filterPattern: query.filterPattern } : {},
            ...query.limit ? { limit: query.limit } : {},
            ...query.nextToken ? { nextToken: query.nextToken } : {}
          }),
          { abortSignal: signal }
        )
      );
      return {
        events: (out.events ?? []).map((e) => ({
          time: new Date(e.timestamp ?? 0),
          stream: e.logStreamName ?? "",
          message: e.message ?? ""
        })),
        ...out.nextToken ? { nextToken: out.nextToken } : {}
      };
    },
    async startQuery(query, signal) {
      const out = await send(
        `StartQuery on ${query.groups.join(", ")}`,
        () => client.send(
          new StartQueryCommand({
            logGroupNames: query.groups,
            startTime: Math.floor(query.start.getTime() / 1e3),
            endTime: Math.ceil(query.end.getTime() / 1e3),
            queryString: query.query,
            ...query.limit ? { limit: query.limit } : {}
          }),
          { abortSignal: signal }
        )
      );
      if (!out.queryId) throw new CloudWatchError("InvalidResponse", "StartQuery returned no queryId");
      return out.queryId;
    },
    async getQueryResults(queryId, signal) {
      const out = await send(
        `GetQueryResults of ${queryId}`,
        () => client.send(new GetQueryResultsCommand({ queryId }), { abortSignal: signal })
      );
      return {
        status: out.status ?? "Unknown",
        rows: (out.results ?? []).map(
          (fields) => Object.fromEntries(
            fields.filter((f) => f.field && f.field !== "@ptr").map((f) => [f.field, f.value ?? ""])
          )
        ),
        recordsMatched: out.statistics?.recordsMatched ?? 0,
        recordsScanned: out.statistics?.recordsScanned ?? 0
      };
    },
    async stopQuery(queryId) {
      const out = await send(`StopQuery of ${queryId}`, () => client.send(new StopQueryCommand({ queryId })));
      return out.success === true;
    }
  };
}
export {
  createCloudWatchBackend
};

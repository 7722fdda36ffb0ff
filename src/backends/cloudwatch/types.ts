// The CloudWatch Logs backend as tools see it: log groups, filtered events and Logs Insights
// queries. One real implementation (client.ts, the AWS SDK) serves production and the
// sandbox alike, since the sandbox endpoint speaks the service's JSON protocol.

export interface LogGroupInfo {
  name: string;
  /** RFC 3339. */
  createdAt?: string;
  storedBytes?: number;
  retentionDays?: number;
}

export interface LogGroupsQuery {
  prefix?: string;
  limit?: number;
  nextToken?: string;
}

export interface FilterQuery {
  group: string;
  streams?: string[];
  start: Date;
  end: Date;
  /** CloudWatch filter pattern syntax; every event when absent. */
  filterPattern?: string;
  limit?: number;
  nextToken?: string;
}

export interface CloudWatchEvent {
  time: Date;
  stream: string;
  message: string;
}

export interface InsightsQuery {
  groups: string[];
  start: Date;
  end: Date;
  query: string;
  limit?: number;
}

export type QueryStatus =
  | 'Scheduled'
  | 'Running'
  | 'Complete'
  | 'Failed'
  | 'Cancelled'
  | 'Timeout'
  | 'Unknown';

export interface QueryResults {
  status: QueryStatus;
  /** One object per result row: field -> value (as CloudWatch returns them, strings). */
  rows: Record<string, string>[];
  recordsMatched: number;
  recordsScanned: number;
}

/** Guardrails from config, so an agent cannot scan months of logs or every group at once. */
export interface CloudWatchLimits {
  maxRangeMs: number;
  maxLogGroups: number;
  pollIntervalMs: number;
}

export interface CloudWatchLogsBackend {
  readonly limits: CloudWatchLimits;
  describeLogGroups(
    query: LogGroupsQuery,
    signal?: AbortSignal,
  ): Promise<{ groups: LogGroupInfo[]; nextToken?: string }>;
  filterLogEvents(
    query: FilterQuery,
    signal?: AbortSignal,
  ): Promise<{ events: CloudWatchEvent[]; nextToken?: string }>;
  /** Returns the query id. */
  startQuery(query: InsightsQuery, signal?: AbortSignal): Promise<string>;
  getQueryResults(queryId: string, signal?: AbortSignal): Promise<QueryResults>;
  /** True when a running query was stopped. */
  stopQuery(queryId: string): Promise<boolean>;
}

/** Expected failures (unknown group, malformed query), with the service's error name. */
export class CloudWatchError extends Error {
  override name = 'CloudWatchError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

declare module '../types.ts' {
  interface Backends {
    cloudwatch?: CloudWatchLogsBackend;
  }
}

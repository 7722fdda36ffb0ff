// What the CloudWatch Logs tools share: the backend lookup, the target (the log groups a
// call reads, for policy and audit), and the time window with the configured guardrails:
// a window longer than limits.maxRange or more groups than limits.maxLogGroups is refused
// with a message saying how to narrow.

import { z } from 'zod';
import type { CloudWatchLogsBackend } from '../../src/backends/cloudwatch/types.ts';
import type { Target } from '../../src/types.ts';
import { iso, parseTime } from '../prometheus/common.ts';

export const startArg = z.string().default('-1h').describe('-1h or RFC 3339');
export const endArg = z.string().default('now').describe('now, -5m or RFC 3339');

export function cloudwatch(backends: { cloudwatch?: CloudWatchLogsBackend }): CloudWatchLogsBackend {
  if (!backends.cloudwatch) {
    throw new Error(
      'CloudWatch Logs is not configured: add a `cloudwatch:` section with its region to opswarden.yaml',
    );
  }
  return backends.cloudwatch;
}

export function logGroupsTarget(groups: readonly string[]): Target {
  return { kind: 'LogGroup', name: groups.join(',') };
}

export interface Window {
  start: Date;
  end: Date;
}

export function timeWindow(
  args: { start: string; end: string },
  now: Date,
  backend: CloudWatchLogsBackend,
): Window {
  const start = parseTime(args.start, now, 'start');
  const end = parseTime(args.end, now, 'end');
  if (start >= end) throw new Error(`start ${iso(start)} is not before end ${iso(end)}`);
  const maxHours = backend.limits.maxRangeMs / 3_600_000;
  if (end.getTime() - start.getTime() > backend.limits.maxRangeMs) {
    throw new Error(
      `the window ${iso(start)} .. ${iso(end)} is longer than the ${maxHours}h limit (cloudwatch.limits.maxRange): narrow start/end, e.g. start: -1h`,
    );
  }
  return { start, end };
}

export function checkGroupCount(groups: readonly string[], backend: CloudWatchLogsBackend): void {
  if (groups.length > backend.limits.maxLogGroups) {
    throw new Error(
      `${groups.length} log groups in one query, the limit is ${backend.limits.maxLogGroups} (cloudwatch.limits.maxLogGroups): query fewer groups, e.g. the ones logs_cloudwatch_groups lists for the service`,
    );
  }
}

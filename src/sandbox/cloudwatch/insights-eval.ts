// Runs a parsed Logs Insights query (insights-parse.ts) over log records, the way the
// service does: commands apply in order; `stats` turns records into one row per group;
// rows come back as CloudWatch's `{ field, value }` lists with times written
// "YYYY-MM-DD HH:MM:SS.mmm" (UTC). Records carry @timestamp, @message, @logStream, @log
// and, for JSON messages, their top-level keys.

import type { Aggregate, Command, Condition, GroupKey, Operand } from './insights-parse.ts';

export type FieldValue = string | number;
export type LogRecord = Record<string, FieldValue>;
export interface ResultField {
  field: string;
  value: string;
}

export interface InsightsResult {
  rows: ResultField[][];
  recordsMatched: number;
}

const DEFAULT_FIELDS = ['@timestamp', '@message', '@logStream', '@log'];
/** Fields whose numbers are times and are shown as CloudWatch writes them. */
const TIME_FIELDS = new Set(['@timestamp', '@ingestionTime']);

/** The record the query sees for one event; JSON messages contribute their top-level keys. */
export function logRecord(
  event: { timestamp: number; message: string; logStreamName: string },
  group: string,
) {
  const record: LogRecord = {};
  if (event.message.startsWith('{')) {
    try {
      for (const [key, value] of Object.entries(JSON.parse(event.message) as Record<string, unknown>)) {
        if (typeof value === 'string' || typeof value === 'number') record[key] = value;
      }
    } catch {
      // not JSON after all: the message stays text
    }
  }
  return {
    ...record,
    '@timestamp': event.timestamp,
    '@message': event.message,
    '@logStream': event.logStreamName,
    '@log': group,
  };
}

export function runInsightsQuery(
  commands: readonly Command[],
  records: Iterable<LogRecord>,
  maxRows: number,
): InsightsResult {
  let rows = [...records];
  let shown = DEFAULT_FIELDS;
  let timeColumns = TIME_FIELDS;
  let recordsMatched = 0;
  let matchedCounted = false;
  let limit = maxRows;
  for (const command of commands) {
    switch (command.type) {
      case 'fields':
        shown = command.fields;
        break;
      case 'filter':
        rows = rows.filter((row) => holds(command.condition, row));
        break;
      case 'stats':
        recordsMatched = rows.length;
        matchedCounted = true;
        rows = aggregate(rows, command.aggregates, command.by);
        shown = [...command.by.map((key) => key.name), ...command.aggregates.map((a) => a.name)];
        timeColumns = new Set([...TIME_FIELDS, ...command.by.filter((k) => 'binMs' in k).map((k) => k.name)]);
        break;
      case 'sort': {
        const sign = command.order === 'asc' ? 1 : -1;
        rows = rows.toSorted((a, b) => sign * compareValues(a[command.key], b[command.key]));
        break;
      }
      case 'limit':
        limit = Math.min(limit, command.count);
        break;
    }
  }
  if (!matchedCounted) recordsMatched = rows.length;
  const columns = timeColumns;
  return {
    recordsMatched,
    rows: rows.slice(0, limit).map((row) =>
      shown.flatMap((field) => {
        const value = row[field];
        if (value === undefined) return [];
        return [
          {
            field,
            value: columns.has(field) && typeof value === 'number' ? insightsTime(value) : String(value),
          },
        ];
      }),
    ),
  };
}

/** "2026-04-25 14:12:00.000": how Logs Insights writes a time. */
export function insightsTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function holds(condition: Condition, row: LogRecord): boolean {
  switch (condition.op) {
    case 'and':
      return holds(condition.left, row) && holds(condition.right, row);
    case 'or':
      return holds(condition.left, row) || holds(condition.right, row);
    case 'like': {
      const value = row[condition.field];
      return value !== undefined && condition.pattern.test(String(value));
    }
    case 'compare': {
      const left = operandValue(condition.left, row);
      const right = operandValue(condition.right, row);
      if (left === undefined || right === undefined) return false;
      const order = compareValues(left, right);
      switch (condition.comparison) {
        case '=':
          return order === 0;
        case '!=':
          return order !== 0;
        case '<':
          return order < 0;
        case '>':
          return order > 0;
        case '<=':
          return order <= 0;
        case '>=':
          return order >= 0;
      }
    }
  }
}

function operandValue(operand: Operand, row: LogRecord): FieldValue | undefined {
  return 'field' in operand ? row[operand.field] : operand.value;
}

/** Numerically when both sides are numbers (or numeric strings), else as strings; missing last. */
function compareValues(a: FieldValue | undefined, b: FieldValue | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function aggregate(
  rows: LogRecord[],
  aggregates: readonly Aggregate[],
  by: readonly GroupKey[],
): LogRecord[] {
  const groups = new Map<string, { key: LogRecord; members: LogRecord[] }>();
  for (const row of rows) {
    const key: LogRecord = {};
    let complete = true;
    for (const groupKey of by) {
      const value = 'binMs' in groupKey ? binStart(row['@timestamp'], groupKey.binMs) : row[groupKey.field];
      if (value === undefined) complete = false;
      else key[groupKey.name] = value;
    }
    if (!complete) continue;
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, members: [] };
    groups.set(id, group);
    group.members.push(row);
  }
  return [...groups.values()].map(({ key, members }) => {
    const row: LogRecord = { ...key };
    for (const agg of aggregates) {
      const value = aggregateValue(agg, members);
      if (value !== undefined) row[agg.name] = value;
    }
    return row;
  });
}

function binStart(timestamp: FieldValue | undefined, binMs: number): number | undefined {
  return typeof timestamp === 'number' ? Math.floor(timestamp / binMs) * binMs : undefined;
}

function aggregateValue(agg: Aggregate, members: readonly LogRecord[]): number | undefined {
  if (!agg.field) return members.length;
  const values = members.map((m) => m[agg.field!]).filter((v) => v !== undefined);
  if (agg.fn === 'count') return values.length;
  const numbers = values.map(Number).filter(Number.isFinite);
  if (!numbers.length) return undefined;
  switch (agg.fn) {
    case 'sum':
      return numbers.reduce((s, n) => s + n, 0);
    case 'avg':
      return numbers.reduce((s, n) => s + n, 0) / numbers.length;
    case 'min':
      return Math.min(...numbers);
    case 'max':
      return Math.max(...numbers);
  }
}

// /api/v1/metadata: the type and help of each metric family, as Prometheus reports what it
// scraped from exporters in the text format: a counter under its sample name
// (`http_requests_total`), a histogram under its family name
// (`http_request_duration_seconds`), a gauge under its name.

import type { MetricType, SeriesStream } from '../metrics/generate.ts';
import { badData } from './api-error.ts';
import type { Form } from './params.ts';

export interface MetricMetadataEntry {
  type: MetricType;
  help: string;
  unit: string;
}

/** Metric name → its metadata entries (one per distinct type and help, as Prometheus lists them). */
export type MetadataByMetric = Record<string, MetricMetadataEntry[]>;

export function seriesMetadata(streams: Iterable<SeriesStream>): MetadataByMetric {
  const byMetric = new Map<string, Map<string, MetricMetadataEntry>>();
  for (const stream of streams) {
    const name = stream.type === 'counter' ? stream.name : stream.family;
    const entries = byMetric.get(name) ?? new Map<string, MetricMetadataEntry>();
    entries.set(`${stream.type}\n${stream.help}`, { type: stream.type, help: stream.help, unit: '' });
    byMetric.set(name, entries);
  }
  return Object.fromEntries([...byMetric].map(([name, entries]) => [name, [...entries.values()]]));
}

/** The endpoint: every metric, or only `metric`, at most `limit` metrics (negative: all). */
export function metadataResponse(metadata: MetadataByMetric, form: Form): MetadataByMetric {
  const limitText = form.get('limit') ?? '';
  if (limitText !== '' && !/^[+-]?\d+$/.test(limitText)) throw badData('limit must be a number');
  const limit = limitText === '' ? -1 : Number(limitText);
  const metric = form.get('metric') ?? '';
  const names = metric ? (Object.hasOwn(metadata, metric) ? [metric] : []) : Object.keys(metadata);
  const shown = limit >= 0 ? names.slice(0, limit) : names;
  return Object.fromEntries(shown.map((name) => [name, metadata[name]!]));
}

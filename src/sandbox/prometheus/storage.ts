// The sandbox Prometheus's series: a scenario's generated metric series as the PromQL
// engine reads them (every label plus `__name__`), held in memory. Values are rounded to
// three decimals as the OpenMetrics backfill writes them, so the sandbox and a real
// Prometheus backfilled from the same scenario hold the same samples and answer alike.
// The live store with reactions replaces this one later; the simulator only needs a
// SeriesStorage.

import { generateSeries, type SeriesStream } from '../metrics/generate.ts';
import { memoryStorage } from '../promql/memory-storage.ts';
import type { SeriesStorage, StoredSeries } from '../promql/storage.ts';
import type { Scenario } from '../scenario/schema.ts';

/** Six hours at 15 s is 1,441 samples: one doubling at most for the default history. */
const INITIAL_CAPACITY = 1024;

export function scenarioStorage(scenario: Scenario): SeriesStorage {
  return streamsStorage(generateSeries(scenario));
}

/** For callers that already generated the streams (and derive metadata from them too). */
export function streamsStorage(streams: readonly SeriesStream[]): SeriesStorage {
  return memoryStorage(streams.map(storedSeries));
}

/** Samples copied into typed arrays, which the memory storage copies fastest. */
function storedSeries(stream: SeriesStream): StoredSeries {
  let timestamps = new Float64Array(INITIAL_CAPACITY);
  let values = new Float64Array(INITIAL_CAPACITY);
  let count = 0;
  for (const { t, v } of stream.samples) {
    if (count === timestamps.length) {
      timestamps = grown(timestamps);
      values = grown(values);
    }
    timestamps[count] = t;
    values[count++] = Number.isInteger(v) ? v : Math.round(v * 1000) / 1000;
  }
  return {
    labels: { ...stream.labels, __name__: stream.name },
    timestamps: timestamps.subarray(0, count),
    values: values.subarray(0, count),
    ...(stream.staleAt === undefined ? {} : { staleAt: stream.staleAt }),
  };
}

function grown(array: Float64Array): Float64Array<ArrayBuffer> {
  const larger = new Float64Array(array.length * 2);
  larger.set(array);
  return larger;
}

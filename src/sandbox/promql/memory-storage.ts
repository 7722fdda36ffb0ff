// An in-memory SeriesStorage over a fixed set of series, for the sandbox's metric store and
// for tests. An inverted index (label name → value → ascending series ids) answers every
// matcher that rejects the empty string by matching distinct label values instead of series;
// only matchers that accept "" (such as `foo!="x"`, which also selects series without `foo`)
// are checked series by series. Time ranges are found by binary search and returned as views.

import { labelsMatch, matcherAccepts } from './matcher.ts';
import type { LabelMatcher, SeriesStorage, StoredSeries } from './storage.ts';

interface IndexedSeries {
  labels: Readonly<Record<string, string>>;
  timestamps: Float64Array;
  values: Float64Array;
  staleAt: number | undefined;
}

export function memoryStorage(series: readonly StoredSeries[]): SeriesStorage {
  const all: IndexedSeries[] = series.map((one) => ({
    labels: Object.freeze({ ...one.labels }),
    timestamps: Float64Array.from(one.timestamps),
    values: Float64Array.from(one.values),
    staleAt: one.staleAt,
  }));
  const index = invertedIndex(all);
  return {
    select(matchers, mint, maxt) {
      const selected: StoredSeries[] = [];
      for (const id of candidateIds(index, all.length, matchers)) {
        const one = all[id]!;
        if (!labelsMatch(matchers, one.labels)) continue;
        const from = lowerBound(one.timestamps, mint);
        const to = lowerBound(one.timestamps, maxt + 1);
        if (from >= to) continue;
        selected.push({
          labels: one.labels,
          timestamps: one.timestamps.subarray(from, to),
          values: one.values.subarray(from, to),
          ...(one.staleAt === undefined ? {} : { staleAt: one.staleAt }),
        });
      }
      return selected;
    },
  };
}

type InvertedIndex = Map<string, Map<string, number[]>>;

function invertedIndex(all: readonly IndexedSeries[]): InvertedIndex {
  const index: InvertedIndex = new Map();
  all.forEach((one, id) => {
    for (const [name, value] of Object.entries(one.labels)) {
      let values = index.get(name);
      if (!values) {
        values = new Map();
        index.set(name, values);
      }
      const postings = values.get(value);
      if (postings) postings.push(id);
      else values.set(value, [id]);
    }
  });
  return index;
}

/**
 * Ids of the series that can match: the intersection, over matchers that reject "", of the
 * series having an accepted value (ascending). Without such a matcher, every series.
 */
function candidateIds(
  index: InvertedIndex,
  count: number,
  matchers: readonly LabelMatcher[],
): Iterable<number> {
  let candidates: number[] | undefined;
  for (const matcher of matchers) {
    if (matcherAccepts(matcher, '')) continue;
    const postings = acceptedPostings(index, matcher);
    candidates = candidates ? intersect(candidates, postings) : postings;
    if (candidates.length === 0) return candidates;
  }
  return candidates ?? Array.from({ length: count }, (_, id) => id);
}

function acceptedPostings(index: InvertedIndex, matcher: LabelMatcher): number[] {
  const values = index.get(matcher.name);
  if (!values) return [];
  if (matcher.type === '=') return values.get(matcher.value) ?? [];
  const lists: number[][] = [];
  for (const [value, postings] of values) if (matcherAccepts(matcher, value)) lists.push(postings);
  if (lists.length <= 1) return lists[0] ?? [];
  return lists.flat().sort((a, b) => a - b);
}

function intersect(a: readonly number[], b: readonly number[]): number[] {
  const both: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      both.push(a[i]!);
      i++;
      j++;
    }
  }
  return both;
}

/** The first index whose timestamp is >= t. */
function lowerBound(timestamps: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamps[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The two quantile estimates of Prometheus 2.42: over plain values (quantile,
// quantile_over_time: linear interpolation between the closest ranks) and over cumulative
// histogram buckets (histogram_quantile: buckets sorted by upper bound, equal bounds merged,
// counts forced monotonic, linear interpolation inside the bucket holding the rank).

/**
 * The q-quantile of values, interpolating between the closest ranks. `values` is sorted in
 * place (NaN first, as Go's vectorByValueHeap orders them), so pass a copy.
 */
export function quantile(q: number, values: Float64Array): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  values.sort();
  // A typed-array sort puts NaN last; Go's order puts it first.
  let nans = 0;
  while (nans < n && Number.isNaN(values[n - 1 - nans]!)) nans++;
  if (nans > 0) {
    values.copyWithin(nans, 0, n - nans);
    values.fill(Number.NaN, 0, nans);
  }
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return values[lower]! * (1 - weight) + values[upper]! * weight;
}

export interface Bucket {
  upperBound: number;
  count: number;
}

export function bucketQuantile(q: number, unsorted: readonly Bucket[]): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const sorted = [...unsorted].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted[sorted.length - 1]?.upperBound !== Number.POSITIVE_INFINITY) return Number.NaN;
  const buckets = coalesce(sorted);
  let max = Number.NEGATIVE_INFINITY;
  for (const bucket of buckets) {
    if (bucket.count > max) max = bucket.count;
    else if (bucket.count < max) bucket.count = max;
  }
  if (buckets.length < 2) return Number.NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  // sort.Search over all but the +Inf bucket.
  let b = buckets.length - 1;
  for (let i = 0; i < buckets.length - 1; i++) {
    if (buckets[i]!.count >= rank) {
      b = i;
      break;
    }
  }
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Buckets with the same upper bound added together (copies: the input is left alone). */
function coalesce(sorted: readonly Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const bucket of sorted) {
    const last = out[out.length - 1];
    if (last && last.upperBound === bucket.upperBound) last.count += bucket.count;
    else out.push({ ...bucket });
  }
  return out;
}

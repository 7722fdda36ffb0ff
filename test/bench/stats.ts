// Latency summaries and plain-text tables for the dispatch benchmark: nearest-rank
// percentiles over nanosecond samples, reported in milliseconds.

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank min/p50/p90/p99/max, in ms, of samples taken in nanoseconds. */
export function summarize(samplesNs: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(samplesNs).sort();
  if (sorted.length === 0) {
    return { count: 0, min: Number.NaN, p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, max: Number.NaN };
  }
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! / 1e6;
  return {
    count: sorted.length,
    min: sorted[0]! / 1e6,
    p50: rank(0.5),
    p90: rank(0.9),
    p99: rank(0.99),
    max: sorted[sorted.length - 1]! / 1e6,
  };
}

export function formatMs(ms: number): string {
  if (Number.isNaN(ms)) return 'n/a';
  return `${ms < 1 ? ms.toFixed(3) : ms.toFixed(2)} ms`;
}

/** Left-aligned columns, two spaces apart, with a dashed rule under the header. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

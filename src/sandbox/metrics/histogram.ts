// Latency histograms fitted to a p50 and a p99: observations are taken to be log-normal with
// median p50 and 99th percentile p99, and each step's requests are spread over the standard
// Prometheus buckets (0.005 … 10 s) by that distribution. Buckets are cumulative counters,
// `_count` equals the `+Inf` bucket and `_sum` adds the distribution's mean per request.

import { fillGrid, type Grid, gridSamples, integrate, type SeriesStream } from './series.ts';

export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** z of the 99th percentile of the standard normal. */
const Z99 = 2.3263478740408408;

export interface HistogramShape {
  /** Observations per second at t. */
  rateAt(t: number): number;
  p50At(t: number): number;
  p99At(t: number): number;
}

export interface HistogramSeriesInput {
  family: string;
  help: string;
  labels: Record<string, string>;
  grid: Grid;
  shape: HistogramShape;
}

/** The `_bucket` (one per `le`, then `+Inf`), `_sum` and `_count` series of one histogram. */
export function histogramSeries({ family, help, labels, grid, shape }: HistogramSeriesInput): SeriesStream[] {
  const series = (suffix: string, extra: Record<string, string>, values: Float64Array): SeriesStream => ({
    name: `${family}${suffix}`,
    family,
    type: 'histogram',
    help,
    labels: { ...labels, ...extra },
    samples: gridSamples(grid, values),
  });
  const count = integrate(grid, shape.rateAt);
  const buckets = LATENCY_BUCKETS.map((le) => {
    const share = (t: number) => shape.rateAt(t) * fractionBelow(le, shape.p50At(t), shape.p99At(t));
    return series('_bucket', { le: String(le) }, integrate(grid, share));
  });
  let sum = 0;
  const sums = fillGrid(grid, (t, index) => {
    if (index > 0)
      sum += (Math.max(0, shape.rateAt(t)) * grid.step * meanOf(shape.p50At(t), shape.p99At(t))) / 1000;
    return sum;
  });
  return [
    ...buckets,
    series('_bucket', { le: '+Inf' }, count),
    series('_sum', {}, sums),
    series('_count', {}, count),
  ];
}

function sigmaOf(p50: number, p99: number): number {
  return Math.max(Math.log(p99 / p50) / Z99, 1e-6);
}

/** The share of observations at or below `le`. */
export function fractionBelow(le: number, p50: number, p99: number): number {
  return normalCdf(Math.log(le / p50) / sigmaOf(p50, p99));
}

function meanOf(p50: number, p99: number): number {
  const sigma = sigmaOf(p50, p99);
  return p50 * Math.exp((sigma * sigma) / 2);
}

/** Φ(x), from erf by Abramowitz & Stegun 7.1.26 (error below 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

// Change points of one series (DESIGN §6): where its level moved, placed at the first
// sample of the new regime. A mean-shift split only says that a series differs before and
// after a point: on a ramp it lands mid-ramp, and with near-zero noise the next best split
// is a slice of the same ramp, minutes before the real onset (issue 16). So each split
// found (strongest first, binary segmentation) is refined by fitting a trapezoid around it
// (old level, linear ramp, new level; a jump at the onset too when a step is followed by
// growth), in O(1) per candidate from prefix sums. The onset is where the ramp leaves the
// old level, moved earlier over samples that steadily depart from it (a rate() curve bends
// away before its best-fit line does) and, for a ramp seen through a range selector, by up
// to half that range, but not over samples that show nothing of the change: a change
// must not land before its cause. The whole transition is then cut out of the search, so a
// ramp is one change, not two. A change needs a stable stretch before it: a series already
// moving when its data begins (a warm-up, a start-up ramp, a trend) has no change at its
// first samples. Noise is measured between samples a range apart and several ranges apart
// (a series that wanders is not shifting level), and a change must be 3% of the level.

/** A change smaller than this many noise units is noise. */
const MIN_EFFECT = 3;
/** Nor is one with a weaker t-like score (effect × √(segment sizes)). */
const MIN_SCORE = 8;
/** Splits looked at; the strongest of those that hold up are reported. */
const MAX_CANDIDATES = 5;
/** A sample this many noise units (and 0.01% of the change) past the old level has departed from it. */
const DEPARTED_NOISE = 3;
const DEPARTED_SHARE = 0.0001;
/** The noise is at least this share of the series' level. */
const LEVEL_FLOOR = 0.01;
/** Stretches at least this long are searched against their own noise. */
const LOCAL_NOISE_SAMPLES = 16;
/** Rounds of the shape fit (each moves one end, then the other, to its best place). */
const FIT_ROUNDS = 6;
/** A jump at the onset is fitted only when it explains this many squared noise units more. */
const JUMP_GAIN = 25;

export interface FoundChange {
  /** Index of the first sample of the new regime. */
  index: number;
  /** Mean of the stable stretch before and after the transition. */
  before: number;
  after: number;
}

interface Transition {
  onset: number;
  /** First index at the new level (the series' length when it never settles). */
  settle: number;
  strength: number;
}

interface Region {
  a: number;
  b: number;
  noise: number;
  /** Its strongest split, when that is significant. */
  split?: Split;
}

interface Prefix {
  /** Σ x[j] and Σ j·x[j] over j < i, x being the values less the first (small sums keep precision). */
  x: Float64Array;
  ix: Float64Array;
}

/**
 * Change points of `values` (finite, evenly spaced), at most `max`, in time order. `from`
 * is the first sample that may be searched (earlier ones are a known warm-up); `smoothing`
 * how many samples the query's range selector spans (rate(x[1m]) at a 15s step: 4).
 */
export function findChangePoints(values: number[], max: number, from = 0, smoothing = 0): FoundChange[] {
  const n = values.length;
  if (n - from < 6) return [];
  const lag = Math.max(1, Math.round(smoothing));
  // A change must also be a few percent of the level: 0.5% moves of a busy counter are not news.
  const floor = LEVEL_FLOOR * median(values.slice(from).map(Math.abs));
  const noise = Math.max(noiseOf(values.slice(from), lag), floor);
  const offset = values[from]!;
  const prefix: Prefix = { x: new Float64Array(n + 1), ix: new Float64Array(n + 1) };
  for (let i = 0; i < n; i++) {
    const v = values[i]! - offset;
    prefix.x[i + 1] = prefix.x[i]! + v;
    prefix.ix[i + 1] = prefix.ix[i]! + i * v;
  }
  // Short enough for a two-minute dip in a four-hour window; the score keeps noise out.
  const minSegment = Math.max(3, Math.floor((n - from) / 200));
  /** A change at the start of the data needs this much stable level before it. */
  const minLead = Math.max(4, Math.round((n - from) / 50));
  const region = (a: number, b: number): Region => {
    // The noise where the split is: a quiet stretch next to a noisy one shows smaller changes,
    // and the noise of a busy level (noise grows with the level) does not pass for a change.
    const local = b - a >= LOCAL_NOISE_SAMPLES ? Math.max(floor, noiseOf(values.slice(a, b), lag)) : noise;
    const split = bestSplit(prefix, a, b, local, minSegment);
    const significant = split && split.effect >= MIN_EFFECT && split.score >= MIN_SCORE;
    return { a, b, noise: local, ...(significant ? { split } : {}) };
  };
  const regions = [region(from, n)];
  const kept: Transition[] = [];
  for (let round = 0; round < MAX_CANDIDATES; round++) {
    let best = -1;
    for (const [r, { split }] of regions.entries()) {
      if (split && (best < 0 || split.score > regions[best]!.split!.score)) best = r;
    }
    if (best < 0) break;
    const { a, b, split, noise: local } = regions[best]!;
    const t = refine(values, prefix, [a, b], split!, local, Math.max(8, 4 * minSegment), smoothing);
    const sides = [
      [a, t.onset],
      [t.settle, b],
    ].filter(([lo, hi]) => hi! - lo! >= 2 * minSegment);
    regions.splice(best, 1, ...sides.map(([lo, hi]) => region(lo!, hi!)));
    const lead = t.onset - a;
    const stable = a === from ? lead >= minLead : lead >= 2;
    if (stable && Math.abs(t.strength) >= MIN_EFFECT) kept.push(t);
  }
  const shown = kept.slice(0, max).sort((x, y) => x.onset - y.onset);
  const mean = (lo: number, hi: number) => {
    let sum = 0;
    for (let i = lo; i < hi; i++) sum += values[i]!;
    return sum / (hi - lo);
  };
  return shown.map((t, k) => {
    const lo = k === 0 ? from : shown[k - 1]!.settle;
    const hi = k + 1 < shown.length ? shown[k + 1]!.onset : n;
    const before = mean(Math.min(lo, t.onset - 1), t.onset);
    // A ramp still under way at the end (or running into the next change) reads as the level it reached.
    const after = t.settle < hi ? mean(t.settle, hi) : mean(Math.max(t.onset, hi - 3), hi);
    return { index: t.onset, before, after };
  });
}

interface Split {
  index: number;
  score: number;
  effect: number;
  /** +1 up, -1 down. */
  direction: number;
}

/** The split of [a, b) with the largest mean difference relative to noise, both sides at least minSegment long. */
function bestSplit(p: Prefix, a: number, b: number, noise: number, minSegment: number): Split | undefined {
  const n = b - a;
  let best: Split | undefined;
  for (let k = a + minSegment; k <= b - minSegment; k++) {
    const left = k - a;
    const right = b - k;
    const before = (p.x[k]! - p.x[a]!) / left;
    const after = (p.x[b]! - p.x[k]!) / right;
    const effect = Math.abs(after - before) / noise;
    const score = effect * Math.sqrt((left * right) / n);
    if (!best || score > best.score) best = { index: k, score, effect, direction: Math.sign(after - before) };
  }
  return best;
}

/**
 * The transition around a split of [a, b): the trapezoid (level, linear ramp from the onset
 * to t1, level) that fits [a, b) best, fitted again on its neighbourhood so far-away moves
 * do not pull it, with a jump at the onset when that fits much better (a step, then growth).
 * A ramp seen through a range selector (`smoothing` samples) shows up to half that late; and
 * the onset moves earlier over samples that steadily depart from the level before it.
 * `strength` is the change in noise units.
 */
function refine(
  values: number[],
  p: Prefix,
  [a, b]: [number, number],
  split: Split,
  noise: number,
  margin: number,
  smoothing: number,
): Transition {
  const dir = split.direction;
  let [onset, t1] = fitShape(p, a, b, split.index, split.index, dir, false);
  const lo = Math.max(a, onset - (t1 - onset) - margin);
  const hi = Math.min(b, t1 + (t1 - onset) + margin);
  [onset, t1] = fitShape(p, lo, hi, onset, t1, dir, false);
  let fit = explainedBy(p, lo, hi, onset, t1, false);
  // The old level and its noise from a stretch long enough that the start of a ramp the fit
  // placed late is a minority in it.
  const before = (end: number) => values.slice(Math.max(a, end - 4 * margin), Math.max(a + 1, end));
  const lag = Math.max(1, Math.round(smoothing));
  // From one sample to the next: how far a single sample must be to have left the level.
  const noiseBefore = (end: number) =>
    before(end).length >= 4 + lag ? noiseOf(before(end), lag, false) : noise;
  let quiet = noiseBefore(onset);
  const [jumpOnset, jumpT1] = fitShape(p, lo, hi, onset, t1, dir, true);
  const jumped = explainedBy(p, lo, hi, jumpOnset, jumpT1, true);
  const stepFirst = dir * jumped.jump > 0 && dir * (jumped.jump + jumped.ramp) > 0;
  if (stepFirst && jumped.explained - fit.explained > JUMP_GAIN * quiet * quiet) {
    [onset, t1, fit] = [jumpOnset, jumpT1, jumped];
  }
  if (Math.abs(fit.jump + fit.ramp) < MIN_EFFECT * noise) {
    // No one transition fits (a short dip and its recovery inside the window): the split as a step.
    const c = split.index;
    const step = (p.x[b]! - p.x[c]!) / (b - c) - (p.x[c]! - p.x[a]!) / (c - a);
    [onset, t1, fit] = [c, c, { explained: 0, jump: step, ramp: 0 }];
    quiet = noiseBefore(onset);
  }
  const delta = fit.jump + fit.ramp;
  const level = median(before(onset));
  const span = t1 - onset + 1;
  if (smoothing > 0 && Math.abs(fit.jump) < Math.abs(delta) / 2 && span > 1.25 * smoothing) {
    // Half a range late for a ramp much longer than the range, less for a shorter one.
    const fittedOnset = onset;
    onset = Math.max(a + 1, onset - Math.round((smoothing / 2) * (1 - smoothing / span)));
    // Not over samples that show nothing of the change (at the old level or the other side of it).
    while (onset < fittedOnset && dir * (values[onset]! - level) <= 0) onset++;
  }
  // Samples before the onset that had departed from the level move it earlier: clearly past
  // the noise, by up to `margin` or a quarter of the ramp (a curved ramp fits late); past the
  // noise and half the ramp's rise per sample (a fitted onset is off by a sample or so, one
  // seen through a range by up to that range), by less.
  const fitted = onset;
  const clearly = Math.max(DEPARTED_NOISE * quiet, DEPARTED_SHARE * Math.abs(delta));
  const likely = Math.max(quiet, Math.abs(fit.ramp) / Math.max(1, t1 - onset + 1) / 2);
  const near = Math.max(2, Math.ceil(smoothing));
  while (onset > a + 1) {
    const departure = dir * (values[onset - 1]! - level);
    // A ramp leaves the level steadily: each sample further back is nearer to it.
    const steady = departure < dir * (values[onset]! - level);
    if (steady && departure > clearly && onset > fitted - Math.max(margin, (t1 - fitted) / 4)) onset--;
    else if (steady && departure > likely && onset > fitted - near) onset--;
    else break;
  }
  return { onset, settle: Math.max(onset + 1, Math.min(t1, b)), strength: delta / noise };
}

/**
 * The shape over [a, b) explaining most: old level before `onset`, then (with `jump`) a
 * step there, and a linear ramp reaching the new level at t1. Coordinate ascent: each end
 * moves to its best place in turn.
 */
function fitShape(
  p: Prefix,
  a: number,
  b: number,
  onset: number,
  t1: number,
  direction: number,
  jump: boolean,
): [number, number] {
  const t1Max = b + (b - a);
  const score = (o: number, t: number) => {
    const fit = explainedBy(p, a, b, o, t, jump);
    return Math.sign(fit.jump + fit.ramp) === direction ? fit.explained : Number.NEGATIVE_INFINITY;
  };
  let o = Math.min(Math.max(a, onset), b - 1);
  let t = Math.min(t1Max, Math.max(o, t1));
  for (let round = 0; round < FIT_ROUNDS; round++) {
    const was = [o, t];
    o = argBest(a, t, (k) => score(k, t));
    t = argBest(o, t1Max, (k) => score(o, k));
    if (was[0] === o && was[1] === t) break;
  }
  return [o, t];
}

/** The k in [lo, hi] with the largest score (the first of equals). */
function argBest(lo: number, hi: number, score: (k: number) => number): number {
  let best = lo;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let k = lo; k <= hi; k++) {
    const s = score(k);
    if (s > bestScore) {
      bestScore = s;
      best = k;
    }
  }
  return best;
}

/**
 * Sums of the ramp r up to b: 0 before `onset`, (i - onset + 1) / (t1 - onset + 1) up to
 * t1, 1 from t1 (a step when t1 = onset).
 */
function rampSums(p: Prefix, b: number, onset: number, t1: number) {
  const span = t1 - onset + 1;
  const t0 = onset - 1;
  const r1 = Math.min(t1, b);
  const m = Math.max(0, r1 - onset);
  const full = Math.max(0, b - t1);
  const r = (m * (m + 1)) / 2 / span + full;
  const rr = (m * (m + 1) * (2 * m + 1)) / 6 / (span * span) + full;
  const rising = m > 0 ? (p.ix[r1]! - p.ix[onset]! - t0 * (p.x[r1]! - p.x[onset]!)) / span : 0;
  const xr = rising + (full > 0 ? p.x[b]! - p.x[t1]! : 0);
  return { r, rr, xr };
}

interface ShapeFit {
  /** Sum of squares the shape explains (least squares). */
  explained: number;
  /** The step at the onset and the rise of the ramp after it. */
  jump: number;
  ramp: number;
}

/**
 * Least squares of [a, b) on the ramp from `onset` to t1 and, with `withJump`, a step at
 * `onset` too (x = level + jump·[i ≥ onset] + ramp·r_i). In O(1) from the prefix sums.
 */
function explainedBy(
  p: Prefix,
  a: number,
  b: number,
  onset: number,
  t1: number,
  withJump: boolean,
): ShapeFit {
  const n = b - a;
  const sx = p.x[b]! - p.x[a]!;
  const { r, rr, xr } = rampSums(p, b, onset, t1);
  const s22 = rr - (r * r) / n;
  const c2 = xr - (sx * r) / n;
  const none = { explained: Number.NEGATIVE_INFINITY, jump: 0, ramp: 0 };
  if (withJump && t1 > onset) {
    const after = b - onset;
    const s11 = after - (after * after) / n;
    const s12 = r - (after * r) / n;
    const c1 = p.x[b]! - p.x[onset]! - (sx * after) / n;
    const det = s11 * s22 - s12 * s12;
    if (det > 1e-9 * s11 * s22) {
      const jump = (s22 * c1 - s12 * c2) / det;
      const ramp = (s11 * c2 - s12 * c1) / det;
      return { explained: jump * c1 + ramp * c2, jump, ramp };
    }
  }
  if (!(s22 > 1e-12)) return none;
  return { explained: (c2 * c2) / s22, jump: 0, ramp: c2 / s22 };
}

/**
 * The noise of a series: the median absolute difference between samples `lag` apart,
 * scaled to a standard deviation. Differences ignore level shifts, so a step does not
 * inflate its own noise; a lag as long as the query's range selector compares samples that
 * share no data (neighbours of rate(x[5m]) at 15s share 95% of theirs and differ little).
 * With `wander`, samples 2, 4 and 8 lags apart count too: a series that wanders (each sample
 * close to the last, far from the one minutes before) is that noisy, not shifting level at
 * every bend.
 * Floored so a noise-free series still divides.
 */
export function noiseOf(values: number[], lag = 1, wander = true): number {
  let sigma = 0;
  for (let k = lag; k === lag || (wander && k <= 8 * lag && values.length >= 8 * k); k *= 2) {
    const diffs = values.slice(k).map((v, i) => Math.abs(v - values[i]!));
    // Quantized series (mostly repeated values) have a zero median difference: fall back to
    // the mean absolute difference, E|x - y| = 2σ/√π for Gaussian noise.
    const typical = median(diffs) * 1.4826 || (mean(diffs) * Math.sqrt(Math.PI)) / 2;
    sigma = Math.max(sigma, typical / Math.SQRT2);
  }
  const level = mean(values.map(Math.abs));
  return Math.max(sigma, level * 1e-6, 1e-12);
}

function mean(values: number[]): number {
  return values.length ? values.reduce((x, y) => x + y, 0) / values.length : 0;
}

export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  const a = Float64Array.from(values);
  const upper = select(a, n >> 1);
  if (n % 2) return upper;
  // The lower middle is the largest of what select() left below the upper one.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) if (a[i]! > lower) lower = a[i]!;
  return (lower + upper) / 2;
}

/** The k-th smallest of `a` (Hoare's quickselect, in place: smaller ones end up before k). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

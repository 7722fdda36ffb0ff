// How numbers and times read in hypotheses and timelines: RFC 3339 times, three
// significant digits, and leads relative to the onset ("4 min before the onset").

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function round(value: number): number {
  return Number(value.toPrecision(3));
}

/** Three significant digits; tiny ratios (0.002) in exponent form so they stay readable. */
export function format(value: number): string {
  const abs = Math.abs(value);
  if (abs !== 0 && abs < 0.01) return value.toExponential(1);
  return String(round(value));
}

export function minutesBefore(at: number, onset: number): string {
  const minutes = Math.round((onset - at) / 6_000) / 10;
  return minutes >= 0 ? `${minutes} min before the onset` : `${-minutes} min after the onset`;
}

// Numbers and results in the Prometheus HTTP API's JSON shape: sample values as Go's
// strconv.FormatFloat(v, 'f', -1, 64) prints them (shortest round-trip digits, never an
// exponent, "NaN", "+Inf", "-Inf"), timestamps as seconds.

/** A sample value as Prometheus prints it. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Object.is(value, -0)) return '-0';
  const text = String(value);
  if (!text.includes('e')) return text;
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return text;
  const [, sign, lead, fraction = '', power] = exponent;
  const digits = lead! + fraction;
  const point = 1 + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A timestamp in milliseconds as the API's seconds. */
export function seconds(ms: number): number {
  return ms / 1000;
}

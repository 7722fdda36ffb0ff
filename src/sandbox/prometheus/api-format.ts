// Values written the way Prometheus (Go) writes them in API JSON: timestamps as RFC 3339
// with trailing fractional zeros dropped (`2026-04-25T14:15:00Z`), durations as Prometheus
// durations (`15s`, `1m30s`), label sets with their names in order.

export function goTime(date: Date | number): string {
  return new Date(date).toISOString().replace(/\.?0+Z$/, 'Z');
}

const UNITS: [string, number, boolean][] = [
  // Years and weeks only when exact, as Prometheus prints 90d rather than 12w6d.
  ['y', 31_536_000_000, true],
  ['w', 604_800_000, true],
  ['d', 86_400_000, false],
  ['h', 3_600_000, false],
  ['m', 60_000, false],
  ['s', 1000, false],
  ['ms', 1, false],
];

export function goDuration(ms: number): string {
  let rest = Math.floor(ms);
  if (rest === 0) return '0s';
  let text = '';
  for (const [unit, size, exact] of UNITS) {
    if (exact && rest % size !== 0) continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

export function sortedLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(labels)
      .sort()
      .map((name) => [name, labels[name]!]),
  );
}

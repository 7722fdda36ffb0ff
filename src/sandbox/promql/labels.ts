// Label sets as the engine handles them: plain frozen records, a canonical key per set
// (cached, as sets are shared between steps and nodes), Prometheus's ordering of label sets,
// and the builders PromQL uses: dropping `__name__`, keeping or removing some labels.

export type Labels = Readonly<Record<string, string>>;

export const METRIC_NAME = '__name__';

const keys = new WeakMap<Labels, string>();

/** A string that is equal for equal label sets: sorted `name\xffvalue\xff` pairs. */
export function labelsKey(labels: Labels): string {
  let key = keys.get(labels);
  if (key === undefined) {
    key = '';
    for (const name of Object.keys(labels).sort()) key += `${name}\xff${labels[name]}\xff`;
    keys.set(labels, key);
  }
  return key;
}

/** Prometheus's order of label sets: pairwise by sorted name, then value; a prefix first. */
export function compareLabels(a: Labels, b: Labels): number {
  const an = Object.keys(a).sort();
  const bn = Object.keys(b).sort();
  for (let i = 0; i < an.length && i < bn.length; i++) {
    if (an[i] !== bn[i]) return an[i]! < bn[i]! ? -1 : 1;
    const av = a[an[i]!]!;
    const bv = b[bn[i]!]!;
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return an.length - bn.length;
}

/** A label set from entries, leaving out empty values as Prometheus's label builder does. */
export function labelsOf(entries: Iterable<readonly [string, string]>): Labels {
  const out: Record<string, string> = {};
  for (const [name, value] of entries) if (value !== '') out[name] = value;
  return Object.freeze(out);
}

export function withoutName(labels: Labels): Labels {
  return METRIC_NAME in labels ? withoutLabels(labels, [METRIC_NAME]) : labels;
}

export function withoutLabels(labels: Labels, names: readonly string[]): Labels {
  return labelsOf(Object.entries(labels).filter(([name]) => !names.includes(name)));
}

/** `{name="value", ...}` as Prometheus prints a label set in error messages. */
export function labelsText(labels: Labels): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${pairs.join(', ')}}`;
}

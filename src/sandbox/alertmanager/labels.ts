// Label-set identity as Alertmanager computes it: the fingerprint (FNV-1a 64 over the
// sorted names and values, as Prometheus' `model.LabelSet.Fingerprint`) so a scenario's
// alert has the id a real Alertmanager would give it, and the `{a="1", b="2"}` text form
// its webhook `groupKey` uses.

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;
const SEPARATOR = 0xff;

export type Labels = Record<string, string>;

export function fingerprint(labels: Labels): string {
  let hash = FNV_OFFSET;
  const add = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const byte of Buffer.from(name)) add(byte);
    add(SEPARATOR);
    for (const byte of Buffer.from(labels[name] ?? '')) add(byte);
    add(SEPARATOR);
  }
  return hash.toString(16).padStart(16, '0');
}

/** `{alertname="HighErrorRate", service="checkout"}`: names sorted, values quoted. */
export function labelSetText(labels: Labels): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${pairs.join(', ')}}`;
}

/** The labels named in `names` that the set has (a group's labels). */
export function pickLabels(labels: Labels, names: readonly string[]): Labels {
  return Object.fromEntries(names.filter((n) => n in labels).map((n) => [n, labels[n] ?? '']));
}

/** The name/value pairs every set shares (a webhook's commonLabels / commonAnnotations). */
export function commonLabels(sets: readonly Labels[]): Labels {
  const [first, ...rest] = sets;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([n, v]) => rest.every((s) => s[n] === v)));
}

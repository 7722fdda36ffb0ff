// Kubernetes resource quantities (`512Mi`, `500m`, `8`, `1.5G`) as scenarios write them for
// node capacity, container resources and per-pod memory, and rates like `2Mi/min` for
// memory growth. One parser, so capacity and metrics agree on what `1Gi` means; it also
// reads what the API writes back (metrics-server's nanocores, `12345n`).

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const SUFFIX: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const PER_SECONDS: Record<string, number> = { s: 1, sec: 1, min: 60, m: 60, h: 3600 };

/** The value of a quantity such as `512Mi` (bytes) or `500m` (0.5). */
export function parseQuantity(text: string): number {
  const match = QUANTITY.exec(text.trim());
  if (!match) {
    throw new Error(
      `invalid quantity ${JSON.stringify(text)}: expected a number with an optional suffix, e.g. 512Mi, 500m, 2`,
    );
  }
  const suffix = match[2] ?? '';
  const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix]!;
  return Number(match[1]) * scale;
}

/** A growth rate such as `2Mi/min` or `100Ki/s`, per second. */
export function parseQuantityRate(text: string): number {
  const [amount, per, ...rest] = text.split('/');
  const seconds = PER_SECONDS[per?.trim() ?? ''];
  if (amount === undefined || seconds === undefined || rest.length) {
    throw new Error(
      `invalid rate ${JSON.stringify(text)}: expected a quantity per s, min or h, e.g. 2Mi/min`,
    );
  }
  return parseQuantity(amount) / seconds;
}

// Arguments for the tool fuzz suite (fuzz-tools.test.ts), generated from each tool's input
// schema as tools/list publishes it (JSON Schema derived from the zod input). Three kinds:
// plausible arguments (values of the world mixed with random ones of the right type), the
// same with exactly one known defect (a wrong type, an out-of-range number, a string too
// long or off its pattern, a missing required key, an unknown or prototype-polluting key),
// whose refusal must name the key, and chaos (anything at all). Values that would make one
// run expensive without finding more (replicas in the thousands, waiting a minute) are
// kept small in the plausible kind only.

import fc from 'fast-check';

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema nodes are read loosely here
type Schema = Record<string, any>;
export type Args = Record<string, unknown>;

export interface Generated {
  kind: 'plausible' | 'defect' | 'chaos';
  args: Args;
  /** defect: the key whose value (or absence, or presence) is wrong. */
  key?: string;
  /** defect: what is wrong with it, for the failure message. */
  defect?: string;
}

export type WorldValues = Record<string, readonly unknown[]>;

/** Values of the security world and classic trouble, by argument name. */
const WORLD: WorldValues = {
  cluster: ['test-security', 'nope'],
  namespace: ['shop', 'staging', 'prodlike', 'kube-system', 'default'],
  name: ['checkout', 'web', 'api', 'billing', 'node-a', 'node-b', 'rollback-deployment'],
  labelSelector: ['app=checkout', 'app=web', 'app in (web,api)', '!app', 'app=', '==='],
  fieldSelector: ['spec.nodeName=node-a', 'status.phase=Running', 'metadata.name=='],
  container: ['app', 'nope'],
  since: ['1h', '15m', '7d', '0s', '-1h', 'now', '2026-04-25T14:00:00Z', '99999999d', '1y'],
  window: ['1h', '24h', '0s', '99999999d'],
  lookback: ['2h', '6h', '0s', '99999d'],
  at: ['10m', 'now', '2026-04-25T14:20:00Z', '-5m'],
  start: ['-1h', '-6h', 'now', '2026-04-25T14:00:00Z', '-99999d', '2099-01-01T00:00:00Z'],
  end: ['now', '-5m', '2026-04-25T14:30:00Z', '1970-01-01T00:00:00Z'],
  step: ['15s', '1m', '1ms', '0s', '-1s'],
  duration: ['1h', '10m', '7d', '8d', '0s'],
  query: [
    'up',
    'sum by (service) (rate(http_requests_total{code=~"5.."}[5m]))',
    'rate(http_requests_total[1s])',
    '{__name__=~".+"}',
    'sum(',
    'fields @message | filter @message like /ERROR/ | limit 20',
    'stats count(*) by bin(5m)',
  ],
  match: ['http', '/http_.*/', '/(a+)+$/', 'up', '/[/'],
  metric: ['http_requests_total', 'up', 'nope'],
  filter: ['error', '(a+)+$', '.*', '[', '(?i)timeout'],
  filterPattern: ['ERROR', '"connection refused"', '?ERROR ?WARN', '{ $.level = "error" }'],
  group: ['/aws/rds/orders-db', '/aws/lambda/x', '/'],
  groups: ['/aws/rds/orders-db', '/'],
  prefix: ['/aws/', '/'],
  matchers: ['alertname="HighErrorRate"', 'service=~"checkout|cart"', 'namespace="staging"', 'foo!=""', '=~'],
  runbook: [
    'rollback-deployment',
    'db-connection-exhaustion',
    'node-disk-pressure',
    'dependency-outage',
    'nope',
  ],
  service: ['checkout', 'web', 'nope'],
  deployment: ['checkout', 'web', 'api'],
  kind: ['Deployment', 'Pod', 'Secret', 'Node'],
};

/** Plausible numbers stay small where a big one only costs time (scaling to 1000, waiting 300 s). */
const SMALL: Record<string, [number, number]> = {
  replicas: [0, 6],
  waitSeconds: [0, 1],
  gracePeriodSeconds: [0, 5],
  maxEvents: [1, 2000],
};

const REGEXISH = ['(a+)+$', '(.*a){25}', '[', '\\', '^$', '.*', '(?=x)', '\\p{L}+', '((((((((((x))))))))))'];
const TROUBLE = [
  '',
  ' ',
  '../../etc/passwd',
  'a\u0000b',
  'line\r\nInjected: header',
  '$' + '{jndi:ldap://x}',
  '%s%n',
  '🔥',
];
/** Keys no tool takes; several would pollute an object's prototype if copied naively. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  'force',
  '$where',
  '💥',
  'a.b',
  'x'.repeat(200),
];

const unicode = fc.string({ unit: 'binary', maxLength: 64 });
const huge = fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'A'.repeat(n));
const deep = fc.integer({ min: 50, max: 1_000 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});
const extremeNumber = fc.constantFrom(-1, -1e308, 1e308, 2 ** 53 + 2, -(2 ** 53) - 2, 0.5, -0.0, 1e-300);

/** Any JSON value, hostile ones included. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  unicode,
  huge,
  deep,
  extremeNumber,
  fc.constantFrom(...REGEXISH, ...TROUBLE),
);

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.enum) return ['string'];
  return [];
}

/** A value the schema accepts as to type (and mostly as to range); world values where there are some. */
function plausible(key: string, schema: Schema, world: WorldValues): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  const options = typesOf(schema).map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string': {
        const known = (world[key] ?? []).filter((v) => typeof v === 'string') as string[];
        const minLength = schema.minLength ?? 0;
        const random = fc.oneof(
          fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) }),
          fc.constantFrom(...REGEXISH, ...TROUBLE).filter((t) => t.length >= minLength),
        );
        return fc.oneof(
          ...(known.length ? [{ weight: 5, arbitrary: fc.constantFrom(...known) }] : []),
          ...(schema.pattern
            ? [{ weight: 2, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) }]
            : []),
          { weight: 1, arbitrary: random },
        );
      }
      case 'integer': {
        const [min, max] = SMALL[key] ?? [
          schema.minimum ?? -1_000,
          Math.min(schema.maximum ?? 1_000, 1_000_000),
        ];
        return fc.integer({ min, max });
      }
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(plausible(key, schema.items ?? {}, world), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 4, 4),
        });
      case 'object':
        return schema.properties
          ? plausibleObject(schema, world)
          : fc.dictionary(
              fc.constantFrom(...Object.keys(world), 'motd', 'max_connections'),
              plausible(key, schema.additionalProperties ?? {}, world),
              { minKeys: 1, maxKeys: 4 },
            );
      default:
        return anyJson;
    }
  });
  return options.length ? fc.oneof(...options) : anyJson;
}

function plausibleObject(schema: Schema, world: WorldValues): fc.Arbitrary<Args> {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>).filter(
    ([key]) => key !== 'approvalId',
  );
  const required = new Set((schema.required ?? []) as string[]);
  // An optional key is left out two times in three: each one present is one more way to miss.
  const entries = properties.map(([key, sub]) => {
    const value = plausible(key, sub, world).map((v) => [key, v] as const);
    return required.has(key) ? value : fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, value);
  });
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter((p) => p !== undefined)));
}

/** A value the schema refuses for `key`, with what is wrong with it. */
function invalid(schema: Schema): fc.Arbitrary<{ value: unknown; defect: string }>[] {
  const types = typesOf(schema);
  if (!types.length) return []; // takes anything
  const wrongType = anyJson.filter(
    (v) => !types.includes(jsonType(v)) && !(types.includes('number') && jsonType(v) === 'integer'),
  );
  const out = [wrongType.map((value) => ({ value, defect: `wrong type (${jsonType(value)})` }))];
  if (types.includes('integer')) {
    const bounds = [
      schema.minimum !== undefined ? schema.minimum - 1 : undefined,
      schema.maximum !== undefined ? schema.maximum + 1 : undefined,
      0.5,
    ];
    out.push(
      fc
        .constantFrom(...bounds.filter((b) => b !== undefined))
        .map((value) => ({ value, defect: 'out of range' })),
    );
  }
  if (types.includes('string') && schema.maxLength !== undefined)
    out.push(huge.map((value) => ({ value: value.padEnd(schema.maxLength + 1, 'A'), defect: 'too long' })));
  if (types.includes('string') && schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    out.push(
      fc
        .oneof(fc.constantFrom(...REGEXISH, ...TROUBLE.filter(Boolean)), unicode)
        .filter((s) => !pattern.test(s) && s.length >= (schema.minLength ?? 0))
        .map((value) => ({ value, defect: 'off its pattern' })),
    );
  }
  if (schema.enum)
    out.push(
      fc
        .oneof(unicode, fc.constantFrom(...TROUBLE))
        .filter((s) => !(schema.enum as unknown[]).includes(s))
        .map((value) => ({ value, defect: 'not one of its values' })),
    );
  return out;
}

/** A value's JSON Schema type, whole numbers as "integer". */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Sets a key as an own, enumerable property, `__proto__` included (assignment would set the prototype). */
function withKey(args: Args, key: string, value: unknown): Args {
  const copy = { ...args };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Plausible, defective and chaotic arguments for one tool's JSON Schema input; `world` adds values (pod names). */
export function argumentsFor(inputSchema: Schema, world: WorldValues = {}): fc.Arbitrary<Generated> {
  const values = { ...WORLD };
  for (const [key, more] of Object.entries(world)) values[key] = [...(values[key] ?? []), ...more];
  const base = plausibleObject(inputSchema, values);
  const properties = Object.entries((inputSchema.properties ?? {}) as Record<string, Schema>).filter(
    ([key]) => key !== 'approvalId',
  );
  const required = (inputSchema.required ?? []) as string[];
  const defects: fc.Arbitrary<Generated>[] = [
    fc.tuple(base, fc.constantFrom(...HOSTILE_KEYS), anyJson).map(([args, key, value]) => ({
      kind: 'defect',
      args: withKey(args, key, value),
      key,
      defect: 'unknown key',
    })),
    ...properties.flatMap(([key, sub]) =>
      invalid(sub).map((bad) =>
        fc.tuple(base, bad).map(
          ([args, { value, defect }]): Generated => ({
            kind: 'defect',
            args: withKey(args, key, value),
            key,
            defect,
          }),
        ),
      ),
    ),
    ...required.map((key) =>
      base.map((args): Generated => {
        const { [key]: _dropped, ...rest } = args;
        return { kind: 'defect', args: rest, key, defect: 'missing' };
      }),
    ),
  ];
  const chaos = fc
    .dictionary(fc.oneof(fc.constantFrom(...properties.map(([k]) => k), ...HOSTILE_KEYS), unicode), anyJson, {
      maxKeys: 5,
    })
    .map(
      (entries): Generated => ({
        kind: 'chaos',
        args: Object.entries(entries).reduce<Args>((args, [k, v]) => withKey(args, k, v), {}),
      }),
    );
  return fc.oneof(
    { weight: 5, arbitrary: base.map((args): Generated => ({ kind: 'plausible', args })) },
    { weight: 4, arbitrary: fc.oneof(...defects) },
    { weight: 1, arbitrary: chaos },
  );
}

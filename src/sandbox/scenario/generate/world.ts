// The world a generated scenario describes, before it is written as YAML: namespaces, nodes,
// and a service topology (edge services calling apps calling datastores and third parties)
// with healthy baselines. Causes and noise (causes-*.ts, noise.ts) then change parts of it.
// Times are seconds relative to spec.now (negative: the past), written out by `rel`.

import type { Random } from '../random.ts';
import { Namer, STORE_KINDS, type StoreKind } from './names.ts';

export type Lang = 'java' | 'go' | 'node' | 'python';

export interface Seg {
  from: number;
  ramp?: number;
}
export interface ErrorSeg extends Seg {
  ratio?: number;
  codes?: Record<string, number>;
}
export interface LatencySeg extends Seg {
  p50: number;
  p99: number;
}

export interface PodOverride {
  index: number;
  node?: string;
  state?: string;
  restarts?: { at: number; reason: string; exitCode?: number }[];
}

export interface Service {
  name: string;
  namespace: string;
  role: 'edge' | 'app' | 'store';
  store?: StoreKind;
  lang: Lang;
  replicas: number;
  port: number;
  container: string;
  image: string;
  cpuLimit: number;
  memLimitMi: number;
  /** Other services of the catalog (internal or third parties) this one calls. */
  dependsOn: string[];
  traffic: (Seg & { rps: number })[];
  errors: ErrorSeg[];
  latency: LatencySeg[];
  cpu: (Seg & { cores: number })[];
  memory: (Seg & { mi: number; growthMiPerMin?: number })[];
  revisions: { at: number; version: string; changeCause: string; env?: Record<string, string> }[];
  pods: PodOverride[];
  /** What a request looks like in its access log. */
  route: string;
}

export interface LogLine {
  from?: number;
  at?: number;
  every?: string;
  level: string;
  text: string;
}
export interface LogSource {
  source: string | { cloudwatch: { group: string; stream: string } };
  format?: 'json';
  lines: LogLine[];
}

export interface Alert {
  name: string;
  labels: Record<string, string>;
  summary: string;
  expr?: string;
  for?: number;
  startsAt: number;
  endsAt?: number;
}

export interface Metric {
  name: string;
  type: 'gauge' | 'counter';
  labels: Record<string, string>;
  segments: (Seg & { value: number })[];
  noise?: number;
}

export interface Remedy {
  tool?: string;
  target?: string;
  runbook?: string;
  data?: Record<string, string>;
  lasts?: string;
}

export interface World {
  random: Random;
  namer: Namer;
  now: string;
  history: number;
  cluster: string;
  region: string;
  octet: number;
  namespaces: { name: string; team: string }[];
  nodes: { name: string; zone: string; conditions: Record<string, unknown>[] }[];
  services: Service[];
  externals: { name: string; host: string; vendor: string }[];
  configmaps: {
    name: string;
    namespace: string;
    data: Record<string, string>;
    history: { at: number; data: Record<string, string> }[];
  }[];
  events: { at: number; type: string; reason: string; object: string; message: string; count?: number }[];
  metrics: Metric[];
  logs: LogSource[];
  alerts: Alert[];
  changes: { id: string; at: number; kind: string; service?: string; summary: string }[];
  incidentStart: number;
  /** Services the cause touches; noise stays off them. */
  involved: string[];
  description: string;
  fixes: Remedy[];
  transient: Remedy[];
  recovery: string;
  truth?: { category: string; ref: string; summary: string; acceptable: Remedy[]; harmful: Remedy[] };
}

export const MIN = 60;

/** A relative time as the format writes it: -22m, -22m40s, -45s, -3h. */
export function rel(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(seconds));
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  const days = abs % 86_400 === 0 ? `${abs / 86_400}d` : '';
  const text = days || `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return abs === 0 ? '-0s' : `${sign}${text}`;
}

export const ref = (kind: string, s: { namespace: string; name: string }) =>
  `${kind}/${s.namespace}/${s.name}`;
export const workloadRef = (s: Service) => ref(s.role === 'store' ? 'StatefulSet' : 'Deployment', s);
export const serviceHost = (s: Service) => `${s.name}.${s.namespace}.svc.cluster.local:${s.port}`;

/** A random float in [min, max), rounded to `digits` significant digits. */
export function between(random: Random, min: number, max: number, digits = 2): number {
  return Number((min + random.next() * (max - min)).toPrecision(digits));
}

/** The value of a piecewise list at t, ramps included (what the sandbox's series follow). */
export function valueAt<S extends Seg>(segments: readonly S[], read: (s: S) => number, t: number): number {
  const sorted = [...segments].sort((a, b) => a.from - b.from);
  let value = read(sorted[0]!);
  for (let i = 0; i < sorted.length; i++) {
    const seg = sorted[i]!;
    if (seg.from > t) break;
    const target = read(seg);
    const previous = i === 0 ? target : valueAt(sorted.slice(0, i), read, seg.from);
    value =
      seg.ramp && t < seg.from + seg.ramp
        ? previous + ((t - seg.from) / seg.ramp) * (target - previous)
        : target;
  }
  return value;
}

/** The last value of a piecewise list: what a service is doing now. */
export const current = <S extends Seg>(segments: readonly S[]): S =>
  [...segments].sort((a, b) => a.from - b.from).at(-1)!;

const REGIONS = [
  { region: 'eu-west-1', zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
  { region: 'us-east-2', zones: ['us-east-2a', 'us-east-2b', 'us-east-2c'] },
  { region: 'ap-northeast-1', zones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'] },
  { region: 'eu-central-1', zones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'] },
  { region: 'us-west-2', zones: ['us-west-2a', 'us-west-2b', 'us-west-2c'] },
];
const LANGS: Lang[] = ['java', 'go', 'node', 'python'];
const VERBS = ['GET', 'GET', 'GET', 'POST', 'PUT'];

function version(random: Random): string {
  return `${random.int(1, 14)}.${random.int(0, 40)}.${random.int(0, 9)}`;
}

/** The next release after `v`: a patch or a minor bump. */
export function nextVersion(random: Random, v: string): string {
  const [major, minor, patch] = v.split('.').map(Number) as [number, number, number];
  return random.next() < 0.5 ? `${major}.${minor}.${patch + 1}` : `${major}.${minor + 1}.0`;
}

function baseService(
  world: World,
  name: string,
  namespace: string,
  role: Service['role'],
  store?: StoreKind,
): Service {
  const r = world.random;
  const lang = r.pick(LANGS);
  const rps = role === 'edge' ? r.int(120, 600) : role === 'app' ? r.int(8, 250) : 0;
  const p50 = role === 'edge' ? between(r, 0.06, 0.15) : between(r, 0.008, 0.08);
  const created = -r.int(2, 40) * 86_400;
  const v = store ? r.pick(STORE_KINDS[store].versions) : version(r);
  const stem = name.split('-')[0]!;
  return {
    name,
    namespace,
    role,
    ...(store ? { store } : {}),
    lang,
    replicas: store ? r.pick([1, 3, 3]) : r.int(2, 5),
    port: store ? STORE_KINDS[store].port : r.pick([8080, 8080, 3000, 9000]),
    container: store ? STORE_KINDS[store].container : 'app',
    image: store ? STORE_KINDS[store].image : `registry.example/${namespace}/${name}`,
    cpuLimit: store ? 2 : r.pick([0.5, 1, 1, 2]),
    memLimitMi: store ? r.pick([2048, 4096]) : r.pick([512, 768, 1024, 1536]),
    dependsOn: [],
    traffic: rps ? [{ from: world.history, rps }] : [],
    errors: rps ? [{ from: world.history, ratio: between(r, 0.0005, 0.003, 1) }] : [],
    latency: rps ? [{ from: world.history, p50, p99: Number((p50 * between(r, 3, 7)).toPrecision(2)) }] : [],
    cpu: [{ from: world.history, cores: between(r, 0.1, 0.45) }],
    memory: [{ from: world.history, mi: Math.round((r.int(30, 60) / 100) * (store ? 2048 : 512)) }],
    revisions: [{ at: created, version: v, changeCause: store ? `${store} ${v}` : `release ${v}` }],
    pods: [],
    route: `${r.pick(VERBS)} /v${r.int(1, 3)}/${stem}s/{uuid}`,
  };
}

/**
 * Namespaces, 3 to 6 nodes, and `size` services (3 to 30): one or two edge services, apps in
 * layers (each calls one to three services of a lower layer), datastores under the apps, and
 * one to three third parties called by apps. Every app and datastore has at least one caller.
 */
export function buildWorld(random: Random, size: number, now: string): World {
  const namer = new Namer(random);
  const place = random.pick(REGIONS);
  const octet = random.int(10, 99);
  const world: World = {
    random,
    namer,
    now,
    history: -random.pick([4, 6]) * 3600,
    cluster: `prod-${place.region}`,
    region: place.region,
    octet,
    namespaces: [],
    nodes: [],
    services: [],
    externals: [],
    configmaps: [],
    events: [],
    metrics: [],
    logs: [],
    alerts: [],
    changes: [],
    incidentStart: 0,
    involved: [],
    description: '',
    fixes: [],
    transient: [],
    recovery: '2m',
  };
  const nsCount = Math.min(random.int(2, 4), Math.max(1, Math.ceil(size / 4)));
  for (let i = 0; i < nsCount; i++) world.namespaces.push({ name: namer.namespace(), team: namer.word() });
  const nodeCount = random.int(3, 6);
  for (let i = 0; i < nodeCount; i++)
    world.nodes.push({ name: namer.node(octet), zone: place.zones[i % place.zones.length]!, conditions: [] });

  const stores = Math.max(1, Math.round(size * between(random, 0.15, 0.3)));
  const edges = size >= 8 ? random.int(1, 2) : 1;
  const apps = Math.max(1, size - stores - edges);
  const ns = () => random.pick(world.namespaces).name;
  const depth = apps <= 3 ? 1 : random.int(2, 3);
  const layers: Service[][] = Array.from({ length: depth + 1 }, () => []);
  for (let i = 0; i < edges; i++)
    layers[0]!.push(baseService(world, namer.service(namer.word(), true), ns(), 'edge'));
  for (let i = 0; i < apps; i++) {
    const layer = 1 + (i < depth ? i : random.int(0, depth - 1));
    layers[layer]!.push(baseService(world, namer.service(namer.word(), false), ns(), 'app'));
  }
  const storeLayer: Service[] = [];
  const kinds = Object.keys(STORE_KINDS) as StoreKind[];
  for (let i = 0; i < stores; i++) {
    const kind = random.pick(kinds);
    storeLayer.push(baseService(world, namer.store(namer.word(), kind), ns(), 'store', kind));
  }
  layers.push(storeLayer);
  const vendorCount = random.int(1, 3);
  for (let i = 0; i < vendorCount; i++) world.externals.push(namer.vendor());

  // Edges: callers in layer k call 1-3 services of deeper layers; every callee gets a caller.
  for (let k = 0; k < layers.length - 1; k++) {
    const below = layers.slice(k + 1).flat();
    for (const caller of layers[k]!) {
      const n = Math.min(below.length, random.int(1, 3));
      for (let i = 0; i < n; i++) {
        const callee = random.pick(i === 0 ? layers[k + 1]! : below);
        if (!caller.dependsOn.includes(callee.name)) caller.dependsOn.push(callee.name);
      }
    }
  }
  const all = layers.flat();
  for (const [k, layer] of layers.entries()) {
    if (k === 0) continue;
    const above = layers
      .slice(0, k)
      .flat()
      .filter((s) => s.role !== 'store');
    for (const s of layer) {
      if (!all.some((c) => c.dependsOn.includes(s.name))) random.pick(above).dependsOn.push(s.name);
    }
  }
  const appsOnly = all.filter((s) => s.role === 'app');
  for (const vendor of world.externals) random.pick(appsOnly).dependsOn.push(vendor.name);
  world.services = all;
  return world;
}

export const callersOf = (world: World, name: string) =>
  world.services.filter((s) => s.dependsOn.includes(name));
export const service = (world: World, name: string) => world.services.find((s) => s.name === name)!;

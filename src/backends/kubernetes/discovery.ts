// Which resource a kind names on one cluster, from the API's own discovery documents
// (/api/v1, /apis, /apis/<group>/<version>), the way kubectl's REST mapper finds it: by
// kind, plural, singular or short name, case-insensitive, optionally group-qualified
// (`certificates.cert-manager.io`, `deployments.v1.apps`) or apiVersion-qualified
// (`v1/Secret`, `argoproj.io/v1alpha1/Application`). Custom resources count as soon as
// their CRD serves them. Documents are cached per cluster for a TTL; a miss refreshes
// them once (a CRD installed a moment ago) before it fails with the closest served names.

import { closestName } from '../../closest-name.ts';
import { KubeError, type KubeResource } from './types.ts';

/** GET of a discovery path as JSON, with the cluster's credentials. */
export type FetchJson = (path: string) => Promise<unknown>;

const DISCOVERY_TTL_MS = 5 * 60_000;
/** A miss refreshes the documents at most this often (a typo repeated must not hammer the API). */
const REFRESH_ON_MISS_MS = 10_000;
/** Group versions fetched at once. */
const PARALLEL = 8;
const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;

interface ApiResource {
  name: string;
  singularName?: string;
  namespaced: boolean;
  kind: string;
  verbs?: string[];
  shortNames?: string[];
}

interface Snapshot {
  at: number;
  /** Preferred versions, in discovery order (core first). */
  resources: KubeResource[];
  /** Group versions whose document did not load, with why. */
  failed: string[];
  /** Every group version the API serves (`apps/v1`), preferred or not. */
  served: Set<string>;
}

/** What a spelling asks for: a name, maybe within a group (`""` is core) and version. */
interface Wanted {
  name: string;
  group?: string;
  version?: string;
}

export class Discovery {
  #snapshot: Promise<Snapshot> | undefined;
  /** Non-preferred group versions asked for by name. */
  readonly #extra = new Map<string, Promise<KubeResource[]>>();

  private readonly fetchJson: FetchJson;
  private readonly cluster: string;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(fetchJson: FetchJson, cluster: string, ttlMs = DISCOVERY_TTL_MS, now: () => number = Date.now) {
    this.fetchJson = fetchJson;
    this.cluster = cluster;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  /** The served resource `spelling` names; a KubeError (404) naming the closest served names otherwise. */
  async resolve(spelling: string): Promise<KubeResource> {
    const wanted = parseSpelling(spelling);
    let snapshot = await this.snapshot();
    let found = await this.find(snapshot, wanted);
    if (!found && this.now() - snapshot.at >= REFRESH_ON_MISS_MS) {
      this.invalidate();
      snapshot = await this.snapshot();
      found = await this.find(snapshot, wanted);
    }
    if (found) return found;
    throw new KubeError(this.unknown(spelling, snapshot), 404);
  }

  invalidate(): void {
    this.#snapshot = undefined;
    this.#extra.clear();
  }

  private async snapshot(): Promise<Snapshot> {
    const current = this.#snapshot ? await this.#snapshot.catch(() => undefined) : undefined;
    if (current && this.now() - current.at < this.ttlMs) return current;
    const loading = this.load();
    this.#snapshot = loading;
    this.#extra.clear();
    return loading;
  }

  private async load(): Promise<Snapshot> {
    const at = this.now();
    const groups = ((await this.fetchJson('/apis')) as { groups?: ApiGroup[] }).groups ?? [];
    const versions = [
      'v1',
      ...groups.map((g) => g.preferredVersion?.groupVersion ?? g.versions?.[0]?.groupVersion ?? g.name),
    ];
    const failed: string[] = [];
    const lists = await inBatches(versions, PARALLEL, (gv) =>
      this.groupVersion(gv).catch((err: Error) => {
        // The core group must answer; an aggregated API that is down only costs its own kinds.
        if (gv === 'v1') throw err;
        failed.push(`${gv} (${err.message})`);
        return [];
      }),
    );
    const served = new Set(['v1', ...groups.flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion))]);
    return { at, resources: lists.flat(), failed, served };
  }

  private async groupVersion(gv: string): Promise<KubeResource[]> {
    const [group, version] = gv.includes('/') ? gv.split('/', 2) : ['', gv];
    const list = (await this.fetchJson(group ? `/apis/${gv}` : `/api/${gv}`)) as {
      resources?: ApiResource[];
    };
    return (list.resources ?? [])
      .filter((r) => !r.name.includes('/'))
      .map((r) => ({
        group: group!,
        version: version!,
        resource: r.name,
        singular: r.singularName || r.kind.toLowerCase(),
        kind: r.kind,
        namespaced: r.namespaced,
        verbs: r.verbs ?? [],
        shortNames: r.shortNames ?? [],
      }));
  }

  private async find(snapshot: Snapshot, wanted: Wanted[]): Promise<KubeResource | undefined> {
    for (const w of wanted) {
      let pool = snapshot.resources;
      if (w.version !== undefined && w.group !== undefined) {
        // Only a version /apis lists is fetched: the path never comes from the spelling alone.
        const gv = w.group ? `${w.group}/${w.version}` : w.version;
        const preferred = pool.some((r) => r.group === w.group && r.version === w.version);
        if (!preferred && snapshot.served.has(gv)) pool = await this.extra(gv);
      }
      const inScope = pool.filter(
        (r) =>
          (w.group === undefined || r.group === w.group) &&
          (w.version === undefined || r.version === w.version),
      );
      const name = w.name.toLowerCase();
      const found =
        inScope.find((r) => r.resource === name || r.singular === name || r.kind.toLowerCase() === name) ??
        inScope.find((r) => r.shortNames.includes(name));
      if (found) return found;
    }
    return undefined;
  }

  /** A served group version that is not the preferred one (asked for by name). */
  private extra(gv: string): Promise<KubeResource[]> {
    let loading = this.#extra.get(gv);
    if (!loading) {
      loading = this.groupVersion(gv).catch(() => []);
      this.#extra.set(gv, loading);
    }
    return loading;
  }

  private unknown(spelling: string, snapshot: Snapshot): string {
    const names = snapshot.resources.flatMap((r) => [r.kind, qualified(r)]);
    const closest = closestName(spelling, names) ?? closestName(spelling.split(/[./]/)[0] ?? '', names);
    const match = closest && snapshot.resources.find((r) => r.kind === closest || qualified(r) === closest);
    return (
      `kind ${JSON.stringify(spelling)} is not served by cluster ${this.cluster}` +
      (match ? `; closest: ${qualified(match)} (${match.kind}, ${apiVersionOf(match)})` : '') +
      '. Name a kind as Deployment, deployments, deploy, deployments.apps or apps/v1/Deployment' +
      (snapshot.failed.length ? `; discovery failed for ${snapshot.failed.join(', ')}` : '')
    );
  }
}

interface ApiGroup {
  name: string;
  versions?: { groupVersion: string }[];
  preferredVersion?: { groupVersion: string };
}

/** `v1` or `apps/v1`. */
export function apiVersionOf(r: Pick<KubeResource, 'group' | 'version'>): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `deployments.apps`, `pods`: the resource's unambiguous name. */
function qualified(r: Pick<KubeResource, 'group' | 'resource'>): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** The readings of a spelling, most specific first. */
export function parseSpelling(spelling: string): Wanted[] {
  const parts = spelling.split('/');
  if (parts.length === 3) return [{ group: parts[0]!, version: parts[1]!, name: parts[2]! }];
  if (parts.length === 2)
    return VERSION.test(parts[0]!)
      ? [{ group: '', version: parts[0]!, name: parts[1]! }]
      : [{ group: parts[0]!, name: parts[1]! }];
  const dot = spelling.indexOf('.');
  if (dot < 0) return [{ name: spelling }];
  const name = spelling.slice(0, dot);
  const rest = spelling.slice(dot + 1);
  const [first, ...others] = rest.split('.');
  return [
    ...(VERSION.test(first!) ? [{ name, version: first!, group: others.join('.') }] : []),
    { name, group: rest },
  ];
}

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

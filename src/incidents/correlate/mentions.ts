// Reading text and metric names for what they say, without interpreting them: does a log
// line, alert or label name a dependency (`orders-db`, or `api.stripe.com` for `stripe-api`),
// does it speak of timeouts, and what sort of signal a custom metric is (errors, latency,
// load, pressure). Words a dependency shares with the service reporting it (`cart` in
// `cart-redis`, seen in every cart log) or with generic plumbing (`api`, `db`) prove nothing,
// so they are left out.

const GENERIC_WORDS = new Set([
  'api',
  'app',
  'db',
  'svc',
  'service',
  'server',
  'web',
  'http',
  'https',
  'com',
  'www',
  'prod',
  'production',
  'cluster',
  'local',
  'internal',
  'example',
  'main',
  'primary',
  'default',
]);

export type Mentions = (text: string) => boolean;

/**
 * A matcher for text that names `name`: the name itself, or a distinctive word of it (five
 * letters or more, not generic, not a word of `ownWords`).
 */
export function mentionsOf(name: string, ownWords: Iterable<string>): Mentions {
  const own = new Set([...ownWords].map((w) => w.toLowerCase()));
  const full = name.toLowerCase();
  const words = full
    .split(/[-_.]/)
    .filter((w) => w.length >= 5 && !GENERIC_WORDS.has(w) && !own.has(w) && !/^\d+$/.test(w));
  return (text) => {
    const lower = text.toLowerCase();
    return lower.includes(full) || words.some((w) => lower.includes(w));
  };
}

/** The words of service names and namespaces, for `ownWords`. */
export function wordsOf(...names: (string | undefined)[]): string[] {
  return names.flatMap((n) => (n ? n.toLowerCase().split(/[-_.]/) : []));
}

const TIMEOUT =
  /time[ds]? ?out|timed out|deadline exceeded|etimedout|econnrefused|connection refused|connection reset|unavailable|\b50[234]\b|eai_again|name resolution|no route to host/i;

export function speaksOfTimeouts(text: string): boolean {
  return TIMEOUT.test(text);
}

const NAME_RESOLUTION =
  /eai_again|name resolution|no such host|nxdomain|servfail|unknownhostexception|could not resolve|dial tcp: lookup |:53: i\/o timeout/i;

/**
 * A failure to resolve a name: it names the host it wanted, but the trouble is in DNS.
 * Such lines blame the cluster's DNS service, not the host they name.
 */
export function speaksOfNameResolution(text: string): boolean {
  return NAME_RESOLUTION.test(text);
}

/** The cluster's DNS as a catalog names it (`kube-dns`, `coredns`). */
export function isDnsService(name: string, workload?: string): boolean {
  return /(^|[-.])(kube-dns|coredns|dns)([-.]|$)/.test(name) || /\/(coredns|kube-dns)$/.test(workload ?? '');
}

export type SignalKind = 'error' | 'latency' | 'saturation' | 'traffic' | 'neutral';

const ERRORISH =
  /error|fail|fault|exception|timeout|timed_out|servfail|refused|reject|dropped|5xx|panic|retr(?:y|ies)|exceeded|unavailable/i;
const LATENCYISH = /duration|latency|_lag|lag_|seconds_bucket$|_sec$/i;
const SATURATIONISH =
  /throttl|in_use|inuse|inflight|in_flight|pending|queue|backlog|waiting|busy|saturat|utili[sz]ation|_used|usage/i;
const TRAFFICISH = /requests|queries|calls|messages|responses|operations|ops_|processed|throughput/i;

/** What a custom metric measures, from its name and (for outcomes like `rcode="SERVFAIL"`) its labels. */
export function signalKind(name: string, labels: Record<string, string>): SignalKind {
  const values = Object.entries(labels)
    .filter(([k]) => k !== '__name__' && k !== 'service' && k !== 'namespace')
    .map(([, v]) => v);
  if (ERRORISH.test(name) || values.some((v) => ERRORISH.test(v))) return 'error';
  if (LATENCYISH.test(name)) return 'latency';
  if (SATURATIONISH.test(name)) return 'saturation';
  if (TRAFFICISH.test(name)) return 'traffic';
  return 'neutral';
}

const CAPACITY_WORDS =
  /\bgc\b|garbage|heap|out of memory|outofmemory|oom|allocation fail|mark-compact|throttl|queue|saturat|busy|overload|shedding|backlog|too many|no space left|enospc|disk full|disk quota/i;

/** Log text that speaks of running out of a resource (memory, CPU, workers, queue, disk). */
export function speaksOfCapacity(text: string): boolean {
  return CAPACITY_WORDS.test(text);
}

const POOL_WORDS = /pool exhausted|connection is not available|acquiring connection|pool .*\d+\/\d+ in use/i;

/** Log text that speaks of an exhausted connection pool. */
export function speaksOfPoolExhaustion(text: string): boolean {
  return POOL_WORDS.test(text);
}

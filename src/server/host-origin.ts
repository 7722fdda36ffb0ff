// DNS-rebinding defence for the HTTP transport. The MCP Streamable HTTP spec requires servers
// to validate Origin; the SDK's helper checks Host only. A malicious page whose DNS name
// resolves to 127.0.0.1 makes the browser send its own name as Host and its own origin as
// Origin, so both are checked against the names this server is actually reached by.

import { BlockList, isIPv6 } from 'node:net';
import { networkInterfaces } from 'node:os';

const loopbackAddresses = new BlockList();
loopbackAddresses.addSubnet('127.0.0.0', 8, 'ipv4');
loopbackAddresses.addAddress('::1', 'ipv6');

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]']);

/** True for localhost, 127.0.0.0/8 and ::1 (bracketed or not, IPv4-mapped included). */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  return isIPv6(bare) ? loopbackAddresses.check(bare, 'ipv6') : loopbackAddresses.check(bare, 'ipv4');
}

export interface RequestGuardOptions {
  /** The bind address (server.http.host). */
  host: string;
  /** The port the server actually listens on (after listen, when configured as 0). */
  port: number;
  /** Host header values accepted besides the defaults, with or without a port. */
  allowedHosts?: string[];
  /** Browser origins accepted besides those whose host is an allowed host. */
  allowedOrigins?: string[];
  /**
   * This machine's interface addresses, accepted as Host on a wildcard bind (a pod IP, for
   * kubelet probes and Prometheus scrapes): an IP literal is never a rebinding page's name.
   * Default: the addresses of os.networkInterfaces().
   */
  interfaceAddresses?: readonly string[];
}

export type GuardResult =
  | { ok: true }
  | {
      ok: false;
      status: 403;
      message: string;
      /** The JSON-RPC error body the MCP SDK sends for the same refusal. */
      body: { jsonrpc: '2.0'; error: { code: -32000; message: string }; id: null };
    };

export type RequestGuard = (headers: {
  host?: string | undefined;
  origin?: string | undefined;
}) => GuardResult;

// Host header grammar: reg-name or IPv4, or a bracketed IPv6 literal, then an optional port.
// Anything else (userinfo, paths, spaces) is refused rather than parsed leniently.
const HOST_HEADER = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

export function createRequestGuard(opts: RequestGuardOptions): RequestGuard {
  if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) {
    throw new RangeError(
      `createRequestGuard: port must be the port the server listens on (1-65535), got ${opts.port}`,
    );
  }
  const allowedHosts = defaultHosts(opts.host, opts.port, opts.interfaceAddresses ?? interfaceAddresses());
  for (const entry of opts.allowedHosts ?? []) allowedHosts.add(hostForm(entry));
  const allowedOrigins = new Set((opts.allowedOrigins ?? []).map(originOfConfigEntry));

  return (headers) => {
    const host = headers.host?.trim().toLowerCase();
    if (!host) return refuse('Missing Host header');
    if (!HOST_HEADER.test(host) || !allowedHosts.has(host)) {
      return refuse(
        `Host ${quote(host)} is not allowed; add it to server.http.allowedHosts if clients use it`,
      );
    }
    if (headers.origin === undefined) return { ok: true };
    const origin = parseHttpOrigin(headers.origin);
    if (origin && (allowedOrigins.has(origin.origin) || allowedHosts.has(origin.host))) return { ok: true };
    return refuse(
      `Origin ${quote(headers.origin)} is not allowed; add it to server.http.allowedOrigins if it is trusted`,
    );
  };
}

/** Loopback names for loopback and wildcard binds (a wildcard bind listens on loopback too),
 * and the bind address itself, or for a wildcard every interface address; each with the
 * port and without. */
function defaultHosts(bindHost: string, port: number, interfaces: readonly string[]): Set<string> {
  const names = new Set<string>();
  const bind = hostForm(bindHost);
  const wildcard = WILDCARD_ADDRESSES.has(bind);
  if (wildcard || isLoopbackHost(bindHost)) for (const name of LOOPBACK_NAMES) names.add(name);
  if (wildcard) for (const address of interfaces) names.add(hostForm(address));
  else names.add(bind);
  const allowed = new Set<string>();
  for (const name of names) {
    allowed.add(name);
    allowed.add(`${name}:${port}`);
  }
  return allowed;
}

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((infos) =>
    (infos ?? []).filter((info) => !info.scopeid).map((info) => info.address),
  );
}

/** Lowercased, with bare IPv6 literals bracketed the way they appear in a Host header. */
function hostForm(host: string): string {
  const lower = host.trim().toLowerCase();
  return isIPv6(lower) ? `[${lower}]` : lower;
}

function parseHttpOrigin(value: string): { origin: string; host: string } | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return { origin: url.origin, host: url.host };
  } catch {
    return undefined;
  }
}

function originOfConfigEntry(entry: string): string {
  const parsed = parseHttpOrigin(entry);
  if (!parsed) {
    throw new Error(`allowedOrigins entry ${quote(entry)} is not an http(s) origin like https://app.example`);
  }
  return parsed.origin;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
}

function refuse(message: string): GuardResult {
  return {
    ok: false,
    status: 403,
    message,
    body: { jsonrpc: '2.0', error: { code: -32000, message }, id: null },
  };
}

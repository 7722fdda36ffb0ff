// The adversarial suite's world: a sandbox (Kubernetes API over HTTPS, Prometheus,
// Alertmanager, CloudWatch on loopback) from test/fixtures/scenarios/security-world.yaml,
// and opswarden served over Streamable HTTP on top of it with the default policy and one
// bearer key per principal below. Attacks go through the wire as a client would send
// them; tests assert the cluster (kubectl) and the audit log, not only the answers.

import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import yaml from 'js-yaml';
import pino, { type Logger } from 'pino';
import { type App, createApp } from '../../src/app.ts';
import type { AuditQuery, AuditRecord } from '../../src/audit/log.ts';
import { loadConfig } from '../../src/config/load.ts';
import { useSandboxAwsCredentials } from '../../src/sandbox/run/aws-credentials.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { type HttpServer, startHttpServer } from '../../src/server/http.ts';
import type { AnyTool, Clock } from '../../src/tool.ts';
import { kubectlFor } from '../helpers/kubectl.ts';
import { onFreePort } from '../helpers/ports.ts';
import { REPO } from '../helpers/world.ts';
import { type ChildServer, spawnServer } from './server-process.ts';

export const SECURITY_SCENARIO = join(REPO, 'test/fixtures/scenarios/security-world.yaml');

/** Every keyed principal of the world: id, type and roles as the config declares them. */
export const PRINCIPALS = {
  agent: { id: 'agent', type: 'agent', roles: ['responder'] },
  agent2: { id: 'agent-2', type: 'agent', roles: ['responder'] },
  oncall: { id: 'oncall', type: 'human', roles: ['sre-oncall'] },
  oncall2: { id: 'oncall-2', type: 'human', roles: ['sre-oncall'] },
  viewer: { id: 'viewer', type: 'human', roles: ['viewer'] },
  alertWriter: { id: 'alertmanager', type: 'service', roles: ['alert-writer'] },
  changeWriter: { id: 'ci-deployer', type: 'service', roles: ['change-writer'] },
} as const;

export type Who = keyof typeof PRINCIPALS;

/** The gate's clock, movable by a test (approval windows are gate time). */
export function movableClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms: number) => (offset += ms) };
}

/** A production change the default policy escalates for an agent: a scale of shop/checkout. */
export const scaleCheckout = (replicas: number, reason = 'absorb the evening peak') => ({
  namespace: 'shop',
  name: 'checkout',
  replicas,
  reason,
});

export interface CallResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: { type: string; text: string }[];
}

/** What the test's client answers to an elicitation (a type alias: the SDK wants an index signature). */
export type ElicitAnswer = {
  action: 'accept' | 'decline' | 'cancel';
  content?: Record<string, string | number | boolean>;
};

export interface HttpReply {
  status: number;
  /** Parsed JSON when the body is JSON, else the text. */
  // biome-ignore lint/suspicious/noExplicitAny: tests reach into arbitrary keys of JSON bodies and raw YAML
  body: any;
  headers: Headers;
}

export interface SecurityWorld {
  /** http://127.0.0.1:port, without a path. */
  url: string;
  app: App;
  sandbox: Sandbox;
  /** The config file the server runs with (the CLI can be pointed at it). */
  configPath: string;
  /** Bearer token of each principal. */
  tokens: Record<Who, string>;
  /**
   * A new MCP client connected over Streamable HTTP with `who`'s token; with `elicit`, it
   * declares form elicitation and answers every request with it.
   */
  mcp(who: Who, opts?: { elicit?: (message: string) => ElicitAnswer }): Promise<Client>;
  /** tools/call as `who`, through one cached client per principal. */
  call(who: Who, tool: string, args: Record<string, unknown>): Promise<CallResult>;
  /** A plain HTTP request (node:http, so a Host header is sent as given), with `who`'s bearer token unless undefined. */
  http(
    who: Who | undefined,
    method: string,
    path: string,
    opts?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<HttpReply>;
  /** kubectl against the sandbox cluster; throws when it fails. */
  kubectl(...args: string[]): Promise<string>;
  /** Replicas a Deployment's spec asks for, as the cluster has it now. */
  replicas(namespace: string, deployment: string): Promise<number>;
  auditRecords(filter?: AuditQuery): AuditRecord[];
  /**
   * This world's config served by `opswarden serve --http` in a child process sharing the
   * store (auditRecords sees its calls): for attacks meant to stall or kill a server, which
   * an in-process server would do to the test as well. close() stops it.
   */
  serveInChild(): Promise<ServedChild>;
  close(): Promise<void>;
}

/** A server in a child process, reached like the in-process one. */
export interface ServedChild extends ChildServer {
  call: SecurityWorld['call'];
  http: SecurityWorld['http'];
}

export interface SecurityWorldOptions {
  /** Adjusts the raw config (as YAML would hold it) before it is loaded and validated. */
  // biome-ignore lint/suspicious/noExplicitAny: tests reach into arbitrary keys of JSON bodies and raw YAML
  config?: (raw: Record<string, any>) => void;
  /** The gate's clock (approval expiry, history windows); the wall clock when absent. */
  clock?: Clock;
  /** The scenario file of the world; SECURITY_SCENARIO when absent. */
  scenario?: string;
  /** Tools beyond the catalog (test fixtures, e.g. a CPU-bound one). */
  extraTools?: readonly AnyTool[];
  /** The server's logger (e.g. to read what it logs); silent when absent. */
  logger?: Logger;
}

export async function startSecurityWorld(opts: SecurityWorldOptions = {}): Promise<SecurityWorld> {
  const sandbox = await startSandbox(loadScenario(opts.scenario ?? SECURITY_SCENARIO), { clock: 'frozen' });
  try {
    useSandboxAwsCredentials();
    const tokens = Object.fromEntries(
      Object.keys(PRINCIPALS).map((who) => [who, `${who}-${randomBytes(18).toString('base64url')}`]),
    ) as Record<Who, string>;
    // biome-ignore lint/suspicious/noExplicitAny: tests reach into arbitrary keys of JSON bodies and raw YAML
    const raw = yaml.load(readFileSync(sandbox.configPath, 'utf8')) as Record<string, any>;
    raw.auth = {
      apiKeys: (Object.keys(PRINCIPALS) as Who[]).map((who) => ({ ...PRINCIPALS[who], key: tokens[who] })),
    };
    raw.logging = { level: 'silent' };
    raw.policy = { ...raw.policy, watch: false };
    opts.config?.(raw);
    const configPath = join(sandbox.dir, 'security.yaml');
    writeFileSync(configPath, yaml.dump(raw), { mode: 0o600 });
    const { config } = loadConfig(configPath);
    const app = createApp({
      config,
      worldClock: sandbox.clock,
      logger: opts.logger ?? pino({ level: 'silent' }),
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.extraTools ? { extraTools: opts.extraTools } : {}),
    });
    let server: HttpServer;
    try {
      server = await startHttpServer(app, { host: '127.0.0.1', port: 0, stateless: false });
    } catch (err) {
      await app.close();
      throw err;
    }
    return world(sandbox, app, server, tokens, configPath);
  } catch (err) {
    await sandbox.close();
    throw err;
  }
}

function world(
  sandbox: Sandbox,
  app: App,
  server: HttpServer,
  tokens: Record<Who, string>,
  configPath: string,
): SecurityWorld {
  const opened: Client[] = [];
  const children: ChildServer[] = [];
  const run = kubectlFor(sandbox.kubeconfigPath);

  async function connect(
    baseUrl: string,
    who: Who,
    o: { elicit?: (message: string) => ElicitAnswer } = {},
  ): Promise<Client> {
    const elicit = o.elicit;
    const client = new Client(
      { name: `security-${who}`, version: '1.0.0' },
      { capabilities: elicit ? { elicitation: { form: {} } } : {} },
    );
    if (elicit) client.setRequestHandler(ElicitRequestSchema, async (req) => elicit(req.params.message));
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${tokens[who]}` } },
      }),
    );
    opened.push(client);
    return client;
  }

  /** tools/call against the server at baseUrl, through one cached client per principal. */
  function callerAt(baseUrl: string): SecurityWorld['call'] {
    const clients = new Map<Who, Promise<Client>>();
    return async (who, tool, args) => {
      if (!clients.has(who)) clients.set(who, connect(baseUrl, who));
      const client = await clients.get(who)!;
      return (await client.callTool({ name: tool, arguments: args })) as CallResult;
    };
  }

  function httpAt(baseUrl: string): SecurityWorld['http'] {
    return (who, method, path, o = {}) => {
      const headers: Record<string, string> = { ...o.headers };
      if (who) headers.authorization = `Bearer ${tokens[who]}`;
      const body =
        o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      if (body !== undefined) {
        headers['content-type'] ??= 'application/json';
        headers['content-length'] ??= String(Buffer.byteLength(body));
      }
      return send(new URL(`${baseUrl}${path}`), method, headers, body);
    };
  }

  async function kubectl(...args: string[]): Promise<string> {
    const res = await run(args);
    if (res.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${res.code}): ${res.stderr}`);
    return res.stdout;
  }

  return {
    url: server.url,
    app,
    sandbox,
    configPath,
    tokens,
    mcp: (who, o) => connect(server.url, who, o),
    call: callerAt(server.url),
    http: httpAt(server.url),
    kubectl,
    async replicas(namespace, deployment) {
      return Number(
        await kubectl('get', 'deployment', deployment, '-n', namespace, '-o', 'jsonpath={.spec.replicas}'),
      );
    },
    auditRecords: (filter = {}) => app.audit.query(filter),
    async serveInChild() {
      const child = await onFreePort((port) => spawnServer(configPath, port));
      children.push(child);
      return { ...child, call: callerAt(child.url), http: httpAt(child.url) };
    },
    async close() {
      await Promise.all(opened.map((c) => c.close().catch(() => {})));
      await Promise.all(children.map((c) => c.stop()));
      await server.close();
      await app.close();
      await sandbox.close();
    },
  };
}

/** node:http rather than fetch, which would replace a Host header the test sets (DNS rebinding). */
function send(url: URL, method: string, headers: Record<string, string>, body?: string): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        const replyHeaders = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) replyHeaders.set(k, String(v));
        resolve({ status: res.statusCode ?? 0, body: parsed, headers: replyHeaders });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

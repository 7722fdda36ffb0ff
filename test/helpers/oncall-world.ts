// opswarden served over HTTP on 127.0.0.1 with an `oncall:` block pointed at test receivers
// (a fake PagerDuty, webhook receivers), for the on-call tests: bearer keys for an alert
// poster and two humans, fixture tools on a fake fleet (one whose target names its service,
// so a ticket is for that service), the on-call policy bundle, and a logger whose every line
// the test can read.

import pino from 'pino';
import { type App, createApp } from '../../src/app.ts';
import type { AlertInput } from '../../src/incidents/records/model.ts';
import type { Runbook } from '../../src/runbooks/types.ts';
import { type HttpServer, startHttpServer } from '../../src/server/http.ts';
import { DEFAULT_FLEET, FakeFleet, fixtureDeploymentScale, fixtureTools } from '../fixtures/fleet.ts';
import { agent, makeWorld, REPO, type World } from './world.ts';

const ONCALL_POLICY = `${REPO}/test/fixtures/oncall-policy.yaml`;

/** The HTTP API's callers: each a bearer key in `auth.apiKeys`. */
export const CALLERS = {
  alertmanager: {
    id: 'alertmanager',
    type: 'service',
    roles: ['alert-writer'],
    key: 'alertmanager-key-0123456789',
  },
  dana: { id: 'dana', type: 'human', roles: ['sre'], key: 'dana-key-0123456789abcdef' },
  eli: { id: 'eli', type: 'human', roles: ['sre'], key: 'eli-key-0123456789abcdef' },
} as const;
export type Caller = keyof typeof CALLERS;

/** `oncall.people`: dana and eli by email (as PagerDuty knows them). */
const PEOPLE = [
  { principal: 'dana', email: 'dana@example.com' },
  { principal: 'eli', email: 'eli@example.com' },
];

/** fixture_deployment_scale whose target names the service (the Deployment's name). */
const fixtureServiceScale = {
  ...fixtureDeploymentScale,
  name: 'fixture_service_scale',
  target: (args: { namespace: string; name: string }) => ({
    kind: 'Deployment',
    namespace: args.namespace,
    name: args.name,
    service: args.name,
  }),
} as typeof fixtureDeploymentScale;

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary keys of JSON answers
  body: any;
}

export interface OnCallWorld {
  world: World;
  app: App;
  server: HttpServer;
  fleet: FakeFleet;
  /** Every log line the server wrote (level debug and up). */
  logs: string[];
  http(who: Caller, method: string, path: string, body?: unknown): Promise<Reply>;
  /** POST /v1/alerts as the alert poster, of alerts that make or update one incident; its id. */
  incidentOf(alerts: AlertInput[]): Promise<string>;
  /** The agent asks to scale `service` (Deployment shop/<service>); the ticket's id. */
  requestServiceScale(service: string): Promise<string>;
  close(): Promise<void>;
}

export async function startOnCallWorld(opts: {
  oncall: Record<string, unknown>;
  runbooks?: Runbook[];
}): Promise<OnCallWorld> {
  const world = makeWorld({
    policy: ONCALL_POLICY,
    extra: {
      auth: { apiKeys: Object.values(CALLERS) },
      oncall: { people: PEOPLE, retry: { attempts: 4, backoff: '50ms' }, ...opts.oncall },
    },
  });
  const logs: string[] = [];
  const fleet = new FakeFleet(DEFAULT_FLEET);
  const app = createApp({
    config: world.config,
    extraTools: [...fixtureTools, fixtureServiceScale],
    backends: { fleet },
    logger: pino({ level: 'debug' }, { write: (line: string) => logs.push(line) }),
    ...(opts.runbooks ? { extraRunbooks: opts.runbooks } : {}),
  });
  const server = await startHttpServer(app, { host: '127.0.0.1', port: 0, stateless: false });

  async function http(who: Caller, method: string, path: string, body?: unknown): Promise<Reply> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${CALLERS[who].key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  return {
    world,
    app,
    server,
    fleet,
    logs,
    http,
    async incidentOf(alerts) {
      const reply = await http('alertmanager', 'POST', '/v1/alerts', { alerts });
      if (reply.status !== 200 || reply.body.incidents.length !== 1) {
        throw new Error(
          `POST /v1/alerts: expected one incident, got ${reply.status} ${JSON.stringify(reply.body)}`,
        );
      }
      return reply.body.incidents[0].id;
    },
    async requestServiceScale(service) {
      const outcome = await app.call({
        tool: 'fixture_service_scale',
        args: { namespace: 'shop', name: service, replicas: 6, reason: `more ${service} capacity` },
        principal: agent,
      });
      if (!outcome.approvalId)
        throw new Error(`expected an approval, got ${outcome.outcome}: ${outcome.text}`);
      return outcome.approvalId;
    },
    async close() {
      await server.close();
      await app.close();
      world.cleanup();
    },
  };
}

/** A firing alert of `service` in namespace shop with this severity label. */
export function firing(
  service: string,
  severity: string,
  alertname = 'HighErrorRate',
  annotations: Record<string, string> = { summary: `${service} 5xx above 5%` },
): AlertInput {
  return {
    status: 'firing',
    labels: { alertname, service, namespace: 'shop', severity },
    annotations,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
  };
}

// On-call where it lives: starts one audit follower per configured sink (Slack, PagerDuty,
// each webhook), the Slack interactivity handler, and the PagerDuty "who is on call" lookup
// the approvals show and the approver rules can use. Pending tickets are swept for expiry
// here too, so an expired request is announced even when nobody reads the approvals. The
// channels themselves (./connect.ts) load on demand: without `oncall` nothing of them does.

import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import type { Approval, ApprovalStore } from '../approvals/store.ts';
import type { AuditFeed } from '../audit/feed.ts';
import type { AuditLog } from '../audit/log.ts';
import type { Backends } from '../backends/types.ts';
import type { Config } from '../config/schema.ts';
import { parseDuration } from '../duration.ts';
import { catalogServiceOf } from '../incidents/catalog.ts';
import type { IncidentStore } from '../incidents/records/model.ts';
import { leaseOwner } from '../runbooks/lease.ts';
import type { SqlDatabase } from '../store/sql.ts';
import type { Clock } from '../tool.ts';
import type { Principal } from '../types.ts';
import type { OnCallConfig } from './config.ts';
import type { Channels } from './connect.ts';
import { type EventSources, eventsOf } from './events.ts';
import { AuditFollower, migrateCursors, startCursor } from './follower.ts';
import type { OnCallPerson } from './pagerduty/oncall.ts';
import { deliverWithRetry, webhookSinkName } from './sink.ts';

export type { OnCallPerson } from './pagerduty/oncall.ts';

/** How often pending tickets are checked for expiry (wall time). */
const EXPIRY_SWEEP_MS = 10_000;

export interface SlackRequest {
  headers: IncomingHttpHeaders;
  /** The raw body: the signature covers its bytes. */
  body: Buffer;
}

export interface SlackReply {
  status: number;
  body?: unknown;
}

export interface OnCall {
  /** The handler of POST /slack/interactions; absent without `oncall.slack`. */
  slackInteractions?: (req: SlackRequest) => Promise<SlackReply>;
  /** Who PagerDuty has on call for a service now; undefined when it cannot say (not configured). */
  onCall(service: string | undefined): Promise<OnCallPerson[] | undefined>;
  /**
   * The principal as the approver rules see it for this ticket: with `pagerduty.onCallRole`
   * added while PagerDuty has them on call for the ticket's service.
   */
  approverFor(principal: Principal, approval: Approval): Promise<Principal>;
  /** Resolves once every sink has delivered what is committed now (tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface OnCallDeps {
  config: Config;
  db: SqlDatabase;
  audit: AuditLog;
  feed: AuditFeed;
  approvals: ApprovalStore;
  incidents: IncidentStore;
  backends: Backends;
  /** The world's clock: incidents and correlation live in it. */
  worldClock: Clock;
  logger: Logger;
}

/** The cursor names of the sinks `oncall` configures (each sink's `name`). */
function sinkNames(oncall: OnCallConfig): string[] {
  return [
    ...(oncall.slack ? ['slack'] : []),
    ...(oncall.pagerduty ? ['pagerduty'] : []),
    ...oncall.webhooks.map((hook) => webhookSinkName(hook.url)),
  ];
}

export function startOnCall(deps: OnCallDeps): OnCall {
  const oncall: OnCallConfig = deps.config.oncall;
  const logger = deps.logger.child({ component: 'oncall' });
  const names = sinkNames(oncall);
  if (!names.length) {
    return {
      onCall: async () => undefined,
      approverFor: async (principal) => principal,
      idle: async () => {},
      close: async () => {},
    };
  }
  // The cursors start here, at the head, before the channels load: nothing committed from
  // now on is missed, and a sink configured later never announces history.
  migrateCursors(deps.db);
  for (const name of names) startCursor(deps.db, deps.audit, name);
  const sources = eventSources(deps);
  const retry = { attempts: oncall.retry.attempts, backoffMs: parseDuration(oncall.retry.backoff) };
  const stopping = new AbortController();
  const owner = leaseOwner();
  const channels: Promise<Channels> = import('./connect.ts').then(({ connectChannels }) =>
    connectChannels(deps, sources, approverFor, logger),
  );
  const followers: Promise<AuditFollower[]> = channels.then(({ sinks }) =>
    sinks.map((sink) => {
      const follower = new AuditFollower({
        db: deps.db,
        audit: deps.audit,
        feed: deps.feed,
        name: sink.name,
        owner,
        leaseMs: parseDuration(deps.config.store.lease),
        logger,
        async handle(record) {
          for (const event of eventsOf(record, sources)) {
            if (sink.accepts(event.kind)) await deliverWithRetry(sink, event, retry, logger, stopping.signal);
          }
        },
      });
      if (!stopping.signal.aborted) follower.start();
      return follower;
    }),
  );
  // Reading the pending tickets expires the overdue ones (audited), which the sinks then announce.
  const sweeper = setInterval(() => {
    try {
      deps.approvals.list({ status: 'pending', limit: 1 });
    } catch (err) {
      logger.warn({ err }, 'approval expiry sweep failed');
    }
  }, EXPIRY_SWEEP_MS).unref();

  async function onCall(service: string | undefined): Promise<OnCallPerson[] | undefined> {
    return (await channels).lookup.onCall(service);
  }

  async function approverFor(principal: Principal, approval: Approval): Promise<Principal> {
    const role = oncall.pagerduty?.onCallRole;
    if (!role || !approval.approvers.includes(role) || principal.roles.includes(role)) return principal;
    const service = catalogServiceOf(approval.target, deps.config.services);
    const people = await onCall(service).catch((err: unknown) => {
      logger.warn({ err, service }, 'PagerDuty on-call lookup failed');
      return undefined;
    });
    // The first responders only: the people at the lowest escalation level PagerDuty lists now.
    const first = Math.min(...(people ?? []).map((p) => p.level));
    return people?.some((p) => p.level === first && p.principal === principal.id)
      ? { ...principal, roles: [...principal.roles, role] }
      : principal;
  }

  return {
    ...(oncall.slack
      ? {
          async slackInteractions(req: SlackRequest) {
            const handler = (await channels).slackInteractions;
            return handler ? handler(req) : { status: 404, body: { error: 'Slack is not configured' } };
          },
        }
      : {}),
    onCall,
    approverFor,
    async idle() {
      const all = await followers;
      for (const follower of all) follower.kick();
      await Promise.all(all.map((f) => f.idle()));
    },
    async close() {
      clearInterval(sweeper);
      stopping.abort();
      const all = await followers.catch((err: unknown) => {
        logger.error({ err }, 'the on-call channels did not start');
        return [];
      });
      await Promise.all(all.map((f) => f.close()));
    },
  };
}

/** A ticket with the catalog service its target belongs to (Kubernetes tools name workloads, not services). */
function withService(approval: Approval, config: Config): Approval {
  const service = catalogServiceOf(approval.target, config.services);
  return service && !approval.target.service
    ? { ...approval, target: { ...approval.target, service } }
    : approval;
}

function eventSources(deps: OnCallDeps): EventSources {
  return {
    approval: (id) => {
      const approval = deps.approvals.get(id);
      return approval && withService(approval, deps.config);
    },
    incident: (id) => deps.incidents.get(id),
    approvalUsedBy(callId) {
      const used = deps.audit.query({ callId, type: 'approval.used' }).find((r) => !r.data.refused);
      return typeof used?.data.approvalId === 'string' ? used.data.approvalId : undefined;
    },
    runbookApprovals: (execution) =>
      deps.approvals
        .list({ limit: 500 })
        .filter((a) => a.tool === 'runbook_run' && a.args.execution === execution)
        .map((a) => a.id),
  };
}

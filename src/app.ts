// Assembles one running opswarden from a validated config: store, audit log, policy,
// approvals, registry and dispatcher, the runbook service (which adopts runs whose replica
// stopped renewing their lease, a previous server's included), the incident records (with their auto-resolve sweep), plus
// metrics around every call and, when configured, OpenTelemetry spans of each call.
// Transports (stdio, HTTP) and the CLI build on this; tests build it directly with
// fixture tools.

import pino, { type DestinationStream, type Logger } from 'pino';
import pkg from '../package.json' with { type: 'json' };
import { toolsets } from '../tools/index.ts';
import { sealFromConfig } from './approvals/proof.ts';
import { ApprovalStore } from './approvals/store.ts';
import { worldTimeApprovals } from './approvals/world-view.ts';
import { AuditFeed } from './audit/feed.ts';
import { AuditLog } from './audit/log.ts';
import { planCheckpoints, startCheckpointSigning } from './audit/signing/signer.ts';
import { createBackends } from './backends/index.ts';
import type { Backends } from './backends/types.ts';
import { ChangeStore } from './changes/store.ts';
import type { Config } from './config/schema.ts';
import { type CallRequest, createDispatcher, type Dispatcher } from './dispatch/dispatcher.ts';
import type { CallOutcome } from './dispatch/result.ts';
import { parseDuration } from './duration.ts';
import { kpisForMetrics, openIncidentCount } from './incidents/kpis/read.ts';
import { worldTimeAudit } from './incidents/postmortem/audit-view.ts';
import { createEnricher } from './incidents/records/enrich.ts';
import type { IncidentStore } from './incidents/records/model.ts';
import { IncidentRecords } from './incidents/records/store.ts';
import { type OnCall, startOnCall } from './oncall/index.ts';
import { PolicyStore } from './policy/store.ts';
import { type Registry, servedRegistry } from './registry.ts';
import { ResourceChanges } from './resource-changes.ts';
import { loadRunbooks } from './runbooks/load.ts';
import { createRunbookService, type RunbookService } from './runbooks/service.ts';
import type { Runbook } from './runbooks/types.ts';
import { type AppMetrics, metricsOnDemand } from './server/metrics-on-demand.ts';
import { redactString } from './shape/redact.ts';
import { startCheckpointer } from './store/checkpointer.ts';
import { openStore } from './store/open.ts';
import type { SqlDatabase } from './store/sql.ts';
import { TaskService } from './tasks/service.ts';
import { createTelemetry, NO_TELEMETRY } from './telemetry/index.ts';
import type { AnyTool, Clock } from './tool.ts';
import type { Principal } from './types.ts';
import { worldTime } from './world-time.ts';

export interface App {
  config: Config;
  /** The shared store (audit, approvals); other processes may open the same file. */
  db: SqlDatabase;
  version: string;
  registry: Registry;
  policy: PolicyStore;
  audit: AuditLog;
  approvals: ApprovalStore;
  /** Change events posted by CI/CD and flag systems (POST /v1/changes). */
  changes: ChangeStore;
  /** The loaded runbooks and their executions (also `ctx.backends.runbooks` for tools). */
  runbooks: RunbookService;
  /** Incidents grouped from posted alerts (POST /v1/alerts*; also `ctx.backends.incidents`). */
  incidents: IncidentStore;
  /** Which MCP resources changed (incidents, the policy), for clients that subscribed. */
  resourceChanges: ResourceChanges;
  /** MCP tasks: long work and approval waits a 2026-07-28 client follows by polling. */
  tasks: TaskService;
  /** Slack, PagerDuty and webhooks: who is told, who is on call (config `oncall`). */
  oncall: OnCall;
  /** The gate's time: audit records, approval expiry, history windows, change freezes. */
  clock: Clock;
  /** The observed world's time, which tools and change queries see (the scenario's in the sandbox). */
  worldClock: Clock;
  logger: Logger;
  metrics: AppMetrics;
  call(req: CallRequest): Promise<CallOutcome>;
  /** What the gate would decide for a call, without running or recording it. */
  preview: Dispatcher['preview'];
  /** Stops watching, signs a last audit checkpoint, WAL-checkpoints and closes the store. */
  close(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  /** Tools beyond the built-in catalog (test fixtures). */
  extraTools?: readonly AnyTool[];
  /** Backends beyond the built-in ones (test fakes, sandbox). */
  backends?: Partial<Backends>;
  logger?: Logger;
  clock?: Clock;
  /** The world's time when it is not the gate's (a sandbox scenario's clock); `clock` when absent. */
  worldClock?: Clock;
  /** World ms per wall ms (a live sandbox at --speed n: n); runbook durations are world time. Default 1. */
  timeScale?: number;
  /** Runbooks beyond the configured directory's (test fixtures). */
  extraRunbooks?: readonly Runbook[];
}

export const systemClock: Clock = { now: () => new Date() };

/** How often open incidents are checked for auto-resolution (each ingest checks too). */
const INCIDENT_SWEEP_MS = 30_000;
const MIN_SWEEP_MS = 1000;

/**
 * Logs go to stderr (stdout belongs to the stdio transport), each line redacted as it is
 * written: messages, bound fields and serialized errors alike.
 */
export function createLogger(
  level: Config['logging']['level'],
  destination: DestinationStream = pino.destination(2),
): Logger {
  return pino(
    { level, base: { service: 'opswarden' }, hooks: { streamWrite: (line) => redactString(line).text } },
    destination,
  );
}

export function createApp(opts: AppOptions): App {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const worldClock = opts.worldClock ?? clock;
  const logger = opts.logger ?? createLogger(config.logging.level);
  // Before the store opens: a broken runbook or a misspelt tool name stops the start with
  // nothing to clean up.
  const runbookList = [...loadRunbooks(config.runbooks.dir), ...(opts.extraRunbooks ?? [])];
  const registry = servedRegistry(toolsets, opts.extraTools ?? [], config);
  const checkpointPlan =
    config.audit.checkpoints &&
    planCheckpoints(config.audit.checkpoints, {
      // A PostgreSQL store has no directory here for the key to keep out of.
      storePath: config.store.url ? ':memory:' : config.store.path,
      jsonlPath: config.audit.jsonl,
    });
  const db = openStore(config.store);
  const checkpointer = startCheckpointer(db, config.store.path, logger);
  const signing = checkpointPlan && startCheckpointSigning(checkpointPlan, { db, logger, clock });
  const resourceChanges = new ResourceChanges();
  let auditFeed: AuditFeed | undefined;
  const audit = AuditLog.open(db, {
    jsonlPath: config.audit.jsonl,
    clock,
    onAppended: (records) => {
      signing?.appended(records.at(-1)!.seq);
      auditFeed?.appended(records);
    },
  });
  // Every replica's records: resource subscribers hear of incidents opened anywhere.
  auditFeed = new AuditFeed(db, audit);
  auditFeed.onRecords((records) => resourceChanges.appended(records));
  const policy = PolicyStore.open(config.policy.bundle, {
    logger,
    onLoaded: (b) =>
      audit.append({ type: 'policy.loaded', data: { bundle: b.ref, path: config.policy.bundle } }),
    onRefused: (path, error) =>
      audit.append({
        type: 'policy.refused',
        data: { path, error: error.message, keeping: policy.current().ref },
      }),
  });
  if (config.policy.watch) policy.watch();
  const approvals = new ApprovalStore(db, audit, clock, sealFromConfig(config));
  const changes = new ChangeStore(db, audit, clock);
  const clocks = { clock, worldClock, timeScale: opts.timeScale ?? 1 };
  const backends = {
    approvals: worldTimeApprovals(approvals, worldTime(clocks)),
    changes,
    audit: worldTimeAudit(audit, clocks),
    catalog: config.services,
    environments: config.environments,
    decideElsewhere: {
      slack: config.oncall.slack !== undefined,
      ...(config.oncall.consoleUrl ? { consoleUrl: config.oncall.consoleUrl } : {}),
    },
    ...createBackends(config),
    ...opts.backends,
  } as Backends;
  const kubernetes = backends.kubernetes;
  const backendsFor =
    config.kubernetes?.impersonate && kubernetes
      ? (p: Principal): Backends =>
          p.transport === 'http' ? { ...backends, kubernetes: kubernetes.impersonate(p.id) } : backends
      : undefined;
  const telemetry = config.telemetry
    ? createTelemetry(config.telemetry, { logger, version: pkg.version })
    : NO_TELEMETRY;
  const dispatcher = createDispatcher({
    registry,
    policy,
    audit,
    approvals,
    backends,
    config,
    logger,
    clock,
    worldClock,
    timeScale: clocks.timeScale,
    ...(backendsFor ? { backendsFor } : {}),
    telemetry,
  });
  const metrics = metricsOnDemand(
    {
      approvalsPending: () => approvals.countPending(),
      auditAppends: () => audit.stats().appends,
      incidentsOpen: () => openIncidentCount(backends),
      kpis: kpisForMetrics(backends, worldClock, logger),
    },
    logger,
  );
  async function call(req: CallRequest): Promise<CallOutcome> {
    const started = performance.now();
    const outcome = await dispatcher.call(req);
    const seconds = (performance.now() - started) / 1000;
    metrics.recordCall({
      tool: req.tool,
      effect: outcome.effect ?? 'none',
      outcome: outcome.outcome,
      seconds,
    });
    return outcome;
  }
  const tasks = new TaskService({
    db,
    auditFeed,
    call,
    approvals,
    logger,
    maxPerPrincipal: config.limits.concurrentCallsPerPrincipal,
  });
  const runbooks = createRunbookService({
    db,
    audit,
    auditFeed,
    approvals,
    call,
    preview: (req) => dispatcher.preview(req),
    registry,
    backends,
    clock,
    worldClock,
    ...(opts.timeScale ? { timeScale: opts.timeScale } : {}),
    runbooks: runbookList,
    logger,
    leaseMs: parseDuration(config.store.lease),
  });
  backends.runbooks = runbooks;
  runbooks.resume();
  // Incidents live in the world's time, as their alerts do (the scenario's in a sandbox).
  const incidents = new IncidentRecords(db, audit, worldClock, {
    catalog: config.services,
    groupWindowMs: parseDuration(config.incidents.groupWindow),
    autoResolveAfterMs: parseDuration(config.incidents.autoResolveAfter),
    enrich: createEnricher({ backends, catalog: config.services, clock: worldClock }),
    changes,
    ...(backends.audit ? { auditReader: backends.audit } : {}),
    logger,
  });
  backends.incidents = incidents;
  // Every 30 s of world time: a sandbox running faster sweeps as often in its own time.
  const sweepEveryMs = Math.max(MIN_SWEEP_MS, INCIDENT_SWEEP_MS / (opts.timeScale ?? 1));
  const sweeper = setInterval(() => {
    try {
      incidents.sweep(worldClock.now());
    } catch (err) {
      logger.error({ err }, 'incident auto-resolve sweep failed');
    }
  }, sweepEveryMs).unref();
  const oncall = startOnCall({
    config,
    db,
    audit,
    feed: auditFeed,
    approvals,
    incidents,
    backends,
    worldClock,
    logger,
  });
  // Covers whatever was appended unsigned since the last checkpoint (a crash, the CLI).
  signing?.checkpoint();

  return {
    config,
    db,
    version: pkg.version,
    registry,
    policy,
    audit,
    approvals,
    changes,
    runbooks,
    incidents,
    resourceChanges,
    tasks,
    oncall,
    clock,
    worldClock,
    logger,
    metrics,
    call,
    preview: (req) => dispatcher.preview(req),
    async close() {
      clearInterval(sweeper);
      await oncall.close();
      tasks.close();
      await incidents.close();
      await runbooks.close();
      // No call runs any more: the last spans go out while the store closes (bounded by telemetry.otlp.timeout).
      const flushed = telemetry.close();
      policy.close();
      auditFeed.close();
      await signing?.close();
      await checkpointer.stop();
      db.close();
      await flushed;
    },
  };
}

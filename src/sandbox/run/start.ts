// One call brings up a whole simulated production world from a scenario: the Kubernetes
// API (HTTPS), Prometheus, Alertmanager and CloudWatch Logs APIs on loopback, a kubeconfig
// and an opswarden config pointing at them, and the reactions that let a fix end the
// incident, whoever makes it. A failure part-way closes what already started.

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../config/schema.ts';
import type { Clock } from '../../tool.ts';
import { type AlertmanagerSimulator, startAlertmanagerSimulator } from '../alertmanager/simulator.ts';
import type { WebhookMessage } from '../alertmanager/webhook.ts';
import { startCloudWatchLogsSimulator } from '../cloudwatch/simulator.ts';
import { startKubeSimulator } from '../kube/simulator.ts';
import { startPrometheusSimulator } from '../prometheus/simulator.ts';
import { alertEpisodes } from '../reactions/alert-episodes.ts';
import { type IncidentTimeline, incidentTimeline } from '../reactions/timeline.ts';
import { type WorldReaction, watchWorldReactions } from '../reactions/world-reactions.ts';
import { renderKubeWorld } from '../scenario/kube.ts';
import type { Scenario } from '../scenario/schema.ts';
import { type ClockMode, sandboxClock } from './clock.ts';
import { SANDBOX_REGION, writeSandboxConfig } from './config.ts';
import { scenarioMetricStore } from './metric-store.ts';

export interface SandboxOptions {
  clock: ClockMode;
  /** Scenario seconds per wall second with a live clock (default 1). */
  speed?: number;
  /**
   * Where the kubeconfig, config, store and audit log go (a new temp dir when absent). Kept
   * after close: it holds the audit log, which is never thrown away.
   */
  dir?: string;
  /** Where Alertmanager posts the firing alerts at start, and every change after. */
  webhookUrl?: string;
  /** A bearer API key for opswarden's HTTP transport, written (hashed) into the config. */
  apiKey?: string;
  /** A bearer API key with the alert-writer role, for posting alerts to opswarden's webhook. */
  alertWriterKey?: string;
  /** A demo bearer API key for the on-call approver, for the approvals API over HTTP. */
  approverToken?: string;
  /** opswarden's HTTP port, written into the config. */
  port?: number;
  /** An `oncall:` block (Slack, PagerDuty, webhooks) written into the config as given. */
  oncall?: unknown;
}

export interface SandboxEndpointUrls {
  kubernetes: string;
  prometheus: string;
  alertmanager: string;
  cloudwatch: string;
}

export interface Sandbox {
  scenario: Scenario;
  clock: Clock;
  timeline: IncidentTimeline;
  urls: SandboxEndpointUrls;
  dir: string;
  kubeconfigPath: string;
  configPath: string;
  config: Config;
  /** The on-call approver's signing key (mode 600): `approvals approve <id> --key <path>`. */
  approverKeyPath: string;
  /** The alerts firing now, as the webhook messages Alertmanager would send. */
  alertMessages(): WebhookMessage[];
  /** Posts the alerts firing now to a webhook receiver, as Alertmanager notifies one; returns how many alerts. */
  notifyAlerts(webhookUrl: string, bearerToken?: string): Promise<number>;
  /** Delivers the firing alerts, then each change (resolved alerts too) while the sandbox runs: Alertmanager's `watch`. */
  watchAlerts: AlertmanagerSimulator['watch'];
  /** The world's reactions so far: a fix ended the incident, a transient action held it off, a relapse brought it back. */
  reactions(): readonly WorldReaction[];
  /** Called with each new reaction, whoever changed the world. */
  onReaction(listener: (reaction: WorldReaction) => void): () => void;
  close(): Promise<void>;
}

export async function startSandbox(scenario: Scenario, opts: SandboxOptions): Promise<Sandbox> {
  const clock = sandboxClock(
    scenario.spec.now,
    opts.clock,
    opts.speed === undefined ? {} : { speed: opts.speed },
  );
  const timeline = incidentTimeline(scenario.resolution);
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'opswarden-sandbox-'));
  const kubeDir = join(dir, 'kube');
  mkdirSync(kubeDir, { recursive: true });
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
  };
  try {
    // One metric store answers PromQL and metrics.k8s.io (`kubectl top`) alike.
    const storage = scenarioMetricStore(scenario, clock, timeline);
    const kube = await startKubeSimulator(
      { ...renderKubeWorld(scenario, clock, timeline), metrics: storage },
      { dir: join(dir, 'kube') },
    );
    closers.push(kube.close);
    const episodes = alertEpisodes(scenario, clock, timeline, storage);
    const prometheus = await startPrometheusSimulator(scenario, clock, {
      storage,
      streams: storage.streams,
      episodes,
    });
    closers.push(prometheus.close);
    const alertmanager = await startAlertmanagerSimulator(scenario, clock, {
      episodes,
      ...(opts.webhookUrl ? { webhookUrl: opts.webhookUrl } : {}),
    });
    closers.push(alertmanager.close);
    const cloudwatch = await startCloudWatchLogsSimulator(scenario, clock, {
      region: SANDBOX_REGION,
      timeline,
    });
    closers.push(cloudwatch.close);
    const urls = {
      kubernetes: kube.url,
      prometheus: prometheus.url,
      alertmanager: alertmanager.url,
      cloudwatch: cloudwatch.url,
    };
    const {
      path: configPath,
      config,
      approverKeyPath,
    } = writeSandboxConfig(
      dir,
      scenario,
      { kubeconfigPath: kube.kubeconfigPath, ...urls },
      {
        ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
        ...(opts.alertWriterKey ? { alertWriterKey: opts.alertWriterKey } : {}),
        ...(opts.approverToken ? { approverToken: opts.approverToken } : {}),
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        ...(opts.oncall !== undefined ? { oncall: opts.oncall } : {}),
      },
    );
    const reactions = scenario.resolution
      ? watchWorldReactions(kube.store, scenario.resolution, clock, timeline)
      : undefined;
    if (reactions) closers.push(async () => reactions.stop());
    return {
      scenario,
      clock,
      timeline,
      urls,
      dir,
      kubeconfigPath: kube.kubeconfigPath,
      configPath,
      config,
      approverKeyPath,
      reactions: () => reactions?.list() ?? [],
      onReaction: (listener) => reactions?.onReaction(listener) ?? (() => {}),
      alertMessages: () => alertmanager.messages(),
      watchAlerts: alertmanager.watch,
      async notifyAlerts(webhookUrl, bearerToken) {
        const messages = await alertmanager.notify(webhookUrl, bearerToken);
        return messages.reduce((n, m) => n + m.alerts.length, 0);
      },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

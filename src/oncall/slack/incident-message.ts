// The Slack messages of an incident: the parent message (what is broken, how badly, its
// alerts, the context gathered and the correlation engine's best guesses, and once it is
// resolved where its postmortem draft is) and the replies in its thread as it goes on.

import type { Incident } from '../../incidents/records/model.ts';
import { context, fields, header, message, type SlackMessage, section } from './blocks.ts';
import { consoleLinks, inline, link, mrkdwn, slackDate } from './text.ts';

/** One of the correlation engine's hypotheses, as the message shows it. */
export interface HypothesisLine {
  rank: number;
  category: string;
  summary: string;
  /** 0..1. */
  confidence: number;
  /** Names of the runbooks it suggests. */
  runbooks: string[];
}

const MAX_ALERTS = 10;
const MAX_DEPLOYMENTS = 5;
const SEVERITY_MARK: Record<Incident['severity'], string> = { critical: '🔴', major: '🟠', minor: '🟡' };

export function incidentMessage(
  incident: Incident,
  hypotheses: readonly HypothesisLine[],
  consoleUrl: string | undefined,
): SlackMessage {
  const firing = incident.alerts.filter((a) => a.status === 'firing').length;
  const blocks = [
    header(`${SEVERITY_MARK[incident.severity]} ${incident.id} (${incident.severity}): ${incident.title}`),
    fields([
      ['Status', statusText(incident)],
      ['Severity', incident.severity],
      ['Service', inline(serviceText(incident), 300)],
      ['Affected services', inline(incident.services.join(', ') || 'none named', 1000)],
      ['Detected', slackDate(incident.detectedAt)],
      ['Alerts', `${firing} firing, ${incident.alerts.length - firing} resolved`],
    ]),
    section([
      '*Alerts*',
      ...incident.alerts.slice(0, MAX_ALERTS).map((a) => {
        const summary = a.annotations.summary ?? a.annotations.description;
        return `• *${inline(a.alertname, 120)}* ${inline(a.severity, 30)} · ${a.status}${a.service ? ` · ${inline(a.service, 80)}` : ''}${summary ? `: ${inline(summary, 200)}` : ''}`;
      }),
      ...(incident.alerts.length > MAX_ALERTS ? [`… and ${incident.alerts.length - MAX_ALERTS} more`] : []),
    ]),
  ];
  const gathered = contextLines(incident);
  if (gathered.length) blocks.push(section(['*Context*', ...gathered]));
  blocks.push(section(['*Top hypotheses*', ...hypothesisLines(hypotheses)]));
  if (incident.status === 'resolved')
    blocks.push(section([resolvedLine(incident), postmortemLine(incident, consoleUrl)]));
  blocks.push(context([footer(incident.id, consoleUrl)]));
  return message(
    `${incident.id} (${incident.severity}, ${incident.status}): ${inline(incident.title, 300)}`,
    blocks,
  );
}

/** The thread reply for a change to the incident (alerts, status, a note). */
export function incidentUpdate(incident: Incident, change: string): SlackMessage {
  return message(`${incident.id} update: ${inline(change, 300)}`, [
    section([`*Update* (now ${statusText(incident)})`, mrkdwn(change, 2500)]),
  ]);
}

/** The thread reply when the incident is resolved: why, and where its postmortem draft is. */
export function incidentResolved(
  incident: Incident,
  reason: string,
  consoleUrl: string | undefined,
): SlackMessage {
  return message(`${incident.id} resolved: ${inline(reason, 300)}`, [
    section([
      resolvedLine(incident),
      mrkdwn(reason || '(no reason given)', 2000),
      postmortemLine(incident, consoleUrl),
    ]),
  ]);
}

function statusText(incident: Incident): string {
  switch (incident.status) {
    case 'resolved':
      return incident.resolvedAt ? `resolved ${slackDate(incident.resolvedAt)}` : 'resolved';
    case 'mitigated':
      return incident.mitigatedAt ? `mitigated ${slackDate(incident.mitigatedAt)}` : 'mitigated';
    default:
      return 'open';
  }
}

function serviceText(incident: Incident): string {
  const service = incident.service ?? 'unknown';
  return incident.namespace ? `${service} (namespace ${incident.namespace})` : service;
}

function contextLines(incident: Incident): string[] {
  const { recentDeployments, metricSpike, downstreamImpact } = incident.context;
  return [
    ...recentDeployments
      .slice(0, MAX_DEPLOYMENTS)
      .map((d) => `• Deployed ${slackDate(d.at)}: ${inline(d.ref, 120)}: ${inline(d.summary, 200)}`),
    ...(metricSpike ? [`• Metric spike: ${inline(metricSpike.summary, 300)}`] : []),
    ...(downstreamImpact.length ? [`• Downstream impact: ${inline(downstreamImpact.join(', '), 500)}`] : []),
  ];
}

function hypothesisLines(hypotheses: readonly HypothesisLine[]): string[] {
  if (!hypotheses.length) return ['None yet: correlate with the incident_correlate tool.'];
  return hypotheses.map((h) => {
    const runbooks = h.runbooks.length
      ? `\n    runbooks: ${h.runbooks.map((r) => `\`${inline(r, 80)}\``).join(', ')}`
      : '';
    return `${h.rank}. *${inline(h.category, 40)}* (${Math.round(h.confidence * 100)}%): ${inline(h.summary, 400)}${runbooks}`;
  });
}

function resolvedLine(incident: Incident): string {
  return `✅ *Resolved*${incident.resolvedAt ? ` ${slackDate(incident.resolvedAt)}` : ''}`;
}

function postmortemLine(incident: Incident, consoleUrl: string | undefined): string {
  return consoleUrl
    ? `Postmortem draft: ${link(consoleLinks.postmortem(consoleUrl, incident.id), 'open in the console')}`
    : `Postmortem draft: the postmortem_draft tool, incident \`${inline(incident.id, 80)}\``;
}

function footer(id: string, consoleUrl: string | undefined): string {
  const open = consoleUrl ? ` · ${link(consoleLinks.incident(consoleUrl, id), 'Open in the console')}` : '';
  return `\`${inline(id, 80)}\`${open}`;
}

// "What to improve", derived from the records only, so every item points at something that
// happened: a cause that a check before release could have caught, slow or refused
// approvals, changes that did not help, alerts that only echoed their dependency's, no
// runbook for this kind of cause, a slow first response, and context that could not be
// gathered. The team adds its own lessons to the draft.

import type { Correlation, RunbookMatch } from '../correlate/types.ts';
import type { Incident } from '../records/model.ts';
import type { Fix } from './fix.ts';
import { between, formatDuration } from './format.ts';
import type { AuditTrail } from './trail.ts';

export interface ImproveInput {
  incident: Incident;
  trail: AuditTrail;
  fix: Fix;
  correlation?: Correlation;
  runbooks: readonly RunbookMatch[];
  /** Detection → first response, when there was one. */
  firstResponseMs?: number;
}

const SLOW_APPROVAL_MS = 5 * 60_000;
const SLOW_RESPONSE_MS = 15 * 60_000;
const CHANGE_CATEGORIES = new Set<string>(['deploy', 'config']);

export function improvements(input: ImproveInput): string[] {
  return [
    ...fromCause(input),
    ...fromApprovals(input.trail),
    ...input.fix.didNotHelp.map(
      (f) =>
        `${f.tool} on ${f.ref} did not help (${f.why}): note what pointed to it, so the next responder checks that first.`,
    ),
    ...fromExplainedAlerts(input.incident),
    ...fromRunbooks(input),
    ...(input.firstResponseMs !== undefined && input.firstResponseMs > SLOW_RESPONSE_MS
      ? [
          `The first response came ${formatDuration(input.firstResponseMs)} after detection: check the page reached someone (routing, escalation policy).`,
        ]
      : []),
    ...(input.incident.status !== 'resolved'
      ? [
          `The incident is still ${input.incident.status}: resolve it with incident_update_status once it is over.`,
        ]
      : []),
    ...input.incident.context.gaps.map(
      (gap) => `Context could not be gathered (${gap}): fix that source so the next incident starts with it.`,
    ),
  ];
}

function fromCause({ correlation }: ImproveInput): string[] {
  const top = correlation?.hypotheses[0];
  if (!top)
    return [
      'No cause was identified from the signals: record the cause the team found, and the signal that would have shown it.',
    ];
  if (!CHANGE_CATEGORIES.has(top.category)) return [];
  const onset = correlation.onset;
  const signal = onset
    ? ` a check of ${onset.signal} after each change (it moved from ${onset.from} to ${onset.to})`
    : ' a post-change check';
  return [
    `The cause was a ${top.category} change (${top.ref}): gate such changes with a canary and${signal}.`,
  ];
}

function fromApprovals(trail: AuditTrail): string[] {
  const items: string[] = [];
  const slow = trail.approvals
    .filter((a) => a.decidedAt && Date.parse(a.decidedAt) - Date.parse(a.requestedAt) > SLOW_APPROVAL_MS)
    .map((a) => `${a.tool} (${between(a.requestedAt, a.decidedAt!)})`);
  if (slow.length)
    items.push(
      `Approvals were slow: ${slow.join(', ')}. Check the approvers were reachable, or pre-approve this runbook's changes for this kind of incident.`,
    );
  const refused = trail.approvals.filter((a) => a.status === 'rejected' || a.status === 'expired');
  if (refused.length)
    items.push(
      `${refused.length} approval request(s) were ${[...new Set(refused.map((a) => a.status))].join(' or ')} (${refused.map((a) => a.tool).join(', ')}): record why, so the agent proposes the accepted fix first.`,
    );
  return items;
}

function fromExplainedAlerts(incident: Incident): string[] {
  const byFingerprint = new Map(incident.alerts.map((a) => [a.fingerprint, a]));
  const echoes = incident.alerts.filter((a) => a.explainedBy);
  if (!echoes.length) return [];
  const causes = [
    ...new Set(echoes.map((a) => byFingerprint.get(a.explainedBy!)?.alertname ?? a.explainedBy!)),
  ];
  return [
    `${echoes.length} alert(s) (${[...new Set(echoes.map((a) => a.alertname))].join(', ')}) only echoed ${causes.join(', ')} on a dependency: an Alertmanager inhibition rule would page once, for the cause.`,
  ];
}

function fromRunbooks({ trail, fix, correlation, runbooks, incident }: ImproveInput): string[] {
  if (fix.run) return [];
  const ended = trail.runs.filter((r) => r.outcome && r.outcome !== 'resolved');
  if (ended.length)
    return ended.map(
      (r) =>
        `Runbook ${r.runbook} ended ${r.outcome}${r.decidedBy ? ` at step ${r.decidedBy}` : ''}: review its steps against what fixed the incident.`,
    );
  const top = correlation?.hypotheses[0];
  const fitting = top?.suggestedRunbooks.length
    ? top.suggestedRunbooks.map((r) => r.name)
    : runbooks
        .filter((r) => top && (r.matches.categories as readonly string[]).includes(top.category))
        .map((r) => r.name);
  if (fitting.length)
    return [
      `Runbook(s) ${fitting.join(', ')} fit this cause but none ran: suggest them earlier (they appear in incident_correlate).`,
    ];
  const what = top ? `${top.category} causes` : 'this incident';
  return [
    `No runbook covers ${what} on ${incident.service ?? 'this service'}: write one from the steps that fixed it.`,
  ];
}

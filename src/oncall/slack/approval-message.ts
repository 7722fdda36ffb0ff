// The Slack message of one approval ticket, as the ticket stands: while it is pending, what
// the approver needs to decide (tool, target, arguments, impact, the rules that escalated,
// who asked and why, until when, who is on call) and the Approve/Reject buttons; once it is
// decided, expired or spent, the same facts with a status line in place of the buttons.
// A runbook's approval step (tool runbook_run) shows the run and its step instead of arguments.

import type { Target } from '../../types.ts';
import type { ApprovalView, RunbookFinished } from '../events.ts';
import type { OnCallPerson } from '../pagerduty/oncall.ts';
import {
  context,
  decisionButtons,
  fields,
  header,
  message,
  type SlackBlock,
  type SlackMessage,
  section,
} from './blocks.ts';
import { codeJson, consoleLinks, inline, link, mrkdwn, slackDate } from './text.ts';

export interface ApprovalMessageExtras {
  /** Who PagerDuty has on call for the ticket's service (shown while it is pending). */
  onCall?: readonly OnCallPerson[];
  /** How the approved action went (approval.executed). */
  execution?: { outcome: 'executed' | 'failed'; error?: string };
  /** The runbook run this ticket was a step of, once it finished. */
  run?: RunbookFinished;
  consoleUrl?: string;
}

const MAX_ARGS = 1500;
const MAX_REASON = 1500;
const MAX_ON_CALL = 5;

interface RunbookStep {
  runbook: string;
  execution: string;
  step: string;
  message: string;
}

export function approvalMessage(a: ApprovalView, extras: ApprovalMessageExtras = {}): SlackMessage {
  const step = runbookStep(a);
  const pending = a.status === 'pending';
  const target = describeTarget(a.target);
  const blocks: SlackBlock[] = [
    header(
      step
        ? `${pending ? 'Approval needed' : 'Approval'}: runbook ${step.runbook}, step ${step.step}`
        : `${pending ? 'Approval needed' : 'Approval'}: ${a.tool}`,
    ),
    fields([
      ['Target', inline(target, 500)],
      ['Environment', inline(environmentOf(a.target), 200)],
      ['Requested by', `${inline(a.requester, 200)} (${a.requesterType})`],
      pending ? ['Expires', slackDate(a.expiresAt)] : ['Requested', slackDate(a.createdAt)],
      ...(step ? [] : [['Impact', inline(describeImpact(a.impact), 500)] as [string, string]]),
    ]),
    section(['*Reason*', mrkdwn(a.reason || '(none given)', MAX_REASON)]),
    step
      ? section([`*Step* ${inline(step.step, 100)}`, mrkdwn(step.message, 1000)])
      : section(['*Arguments* (redacted)', codeJson(a.args, MAX_ARGS)]),
  ];
  if (a.matchedRules.length) {
    blocks.push(
      section([
        '*Escalated by*',
        ...a.matchedRules.map(
          (r) => `• *${inline(r.name, 120)}*${r.message ? `: ${inline(r.message, 300)}` : ''}`,
        ),
      ]),
    );
  }
  if (pending && extras.onCall?.length) blocks.push(context([onCallLine(extras.onCall)]));
  blocks.push(
    pending
      ? decisionButtons(
          a.id,
          `Approve ${step ? `step ${step.step} of runbook ${step.runbook}` : `${a.tool} on ${target}`}, requested by ${a.requester}? You are recorded as the approver.`,
        )
      : section(statusLines(a, extras)),
  );
  blocks.push(context([footer(a.id, a.approvers, extras.consoleUrl)]));
  return message(fallback(a, step, target, extras.execution), blocks);
}

/** The run and step of a runbook's approval ticket; undefined for a tool call's. */
function runbookStep(a: ApprovalView): RunbookStep | undefined {
  if (a.tool !== 'runbook_run') return undefined;
  const { runbook, execution, step, message: text } = a.args;
  if (typeof runbook !== 'string' || typeof step !== 'string') return undefined;
  return {
    runbook,
    step,
    execution: typeof execution === 'string' ? execution : '',
    message: typeof text === 'string' ? text : '',
  };
}

function describeTarget(t: Target): string {
  const where = [t.namespace, t.name].filter(Boolean).join('/');
  const what = [t.kind, where].filter(Boolean).join(' ') || 'no specific target';
  return t.cluster ? `${what} (cluster ${t.cluster})` : what;
}

function environmentOf(t: Target): string {
  return [t.environment ?? 'unknown', t.service ? `service ${t.service}` : ''].filter(Boolean).join(' · ');
}

function describeImpact(i: ApprovalView['impact']): string {
  const parts = [
    i.pods !== undefined ? `${i.pods} pod${i.pods === 1 ? '' : 's'}` : '',
    i.replicas !== undefined ? `${i.replicas} replicas after` : '',
    i.fractionOfService !== undefined ? `${Math.round(i.fractionOfService * 100)}% of the service` : '',
    i.estimatedCostUsd !== undefined ? `about $${i.estimatedCostUsd}` : '',
    i.reversible === undefined ? '' : i.reversible ? 'reversible' : 'not reversible',
  ].filter(Boolean);
  return parts.join(' · ') || 'not estimated';
}

function onCallLine(people: readonly OnCallPerson[]): string {
  const shown = people
    .slice(0, MAX_ON_CALL)
    .map((p) => `${inline(p.name, 80)} (level ${p.level})`)
    .join(', ');
  return `On call now: ${shown}${people.length > MAX_ON_CALL ? ` and ${people.length - MAX_ON_CALL} more` : ''}`;
}

function statusLines(a: ApprovalView, extras: ApprovalMessageExtras): string[] {
  const by = a.decidedBy
    ? ` by *${inline(a.decidedBy, 120)}*${a.decidedVia ? ` via ${inline(a.decidedVia, 120)}` : ''}${a.decidedAt ? ` at ${slackDate(a.decidedAt)}` : ''}`
    : '';
  const comment = a.comment ? [`> ${inline(a.comment, 500)}`] : [];
  const lines: string[] = [];
  switch (a.status) {
    case 'approved':
      lines.push(`✅ *Approved*${by}`, ...comment);
      if (a.executeBy) lines.push(`The requester may run it until ${slackDate(a.executeBy)}.`);
      break;
    case 'rejected':
      lines.push(`❌ *Rejected*${by}`, ...comment);
      break;
    case 'expired':
      lines.push(
        a.decidedAt
          ? `⌛ *Expired*: approved${by}, but not used before ${slackDate(a.executeBy ?? a.expiresAt)}`
          : `⌛ *Expired* at ${slackDate(a.expiresAt)} before anyone decided`,
        ...comment,
      );
      break;
    case 'used':
      lines.push(`✅ *Approved*${by}`, ...comment, usedLine(a, extras.execution));
      break;
    case 'pending':
      break;
  }
  const run = extras.run;
  if (run) {
    lines.push(
      `Runbook run \`${inline(run.id, 80)}\` finished: *${inline(run.outcome, 60)}*${run.message ? `: ${inline(run.message, 500)}` : ''}`,
    );
  }
  return lines;
}

function usedLine(a: ApprovalView, execution: ApprovalMessageExtras['execution']): string {
  const at = a.usedAt ? ` at ${slackDate(a.usedAt)}` : '';
  if (!execution) return `▶️ *Used*${at}`;
  return execution.outcome === 'executed'
    ? `▶️ *Executed*${at}`
    : `⚠️ *Failed*${at}${execution.error ? `: ${inline(execution.error, 800)}` : ''}`;
}

function footer(id: string, approvers: readonly string[], consoleUrl: string | undefined): string {
  const roles = `approvers: ${approvers.map((r) => inline(r, 60)).join(', ') || 'none'}`;
  const open = consoleUrl ? ` · ${link(consoleLinks.approval(consoleUrl, id), 'Open in the console')}` : '';
  return `\`${inline(id, 80)}\` · ${roles}${open}`;
}

function fallback(
  a: ApprovalView,
  step: RunbookStep | undefined,
  target: string,
  execution: ApprovalMessageExtras['execution'],
): string {
  const what = step ? `runbook ${step.runbook} step ${step.step}` : `${a.tool} on ${target}`;
  const status =
    a.status === 'pending'
      ? 'Approval needed'
      : `Approval ${execution ? `${a.status}, ${execution.outcome}` : a.status}`;
  return `${status}: ${inline(what, 300)}, requested by ${inline(a.requester, 100)}`;
}

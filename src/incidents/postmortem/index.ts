// A postmortem draft in markdown, built only from records: the incident (summary, impact),
// a timeline merged from its own records and the audit trail (timeline.ts), the ranked
// correlation (root cause with evidence), the changes and runbook run that preceded
// recovery (fix.ts) and what to improve (improve.ts). Deterministic: the same records give
// the same document, so a draft can be regenerated and diffed. Sized to fit a tool result:
// long timelines keep their start and end and say where the rest is.

import type { Correlation, RunbookMatch } from '../correlate/types.ts';
import { firstResponseMs } from '../kpis/index.ts';
import type { Incident, TimelineEntry } from '../records/model.ts';
import { type Fix, whatFixedIt } from './fix.ts';
import { between, cell, formatDuration, formatTime, percent } from './format.ts';
import { improvements } from './improve.ts';
import { describeAction, type PostmortemEvent, postmortemTimeline } from './timeline.ts';
import type { AuditTrail } from './trail.ts';

export interface PostmortemInput {
  incident: Incident;
  /** The incident's timeline, from the store. */
  timeline: readonly TimelineEntry[];
  /** The audit trail of the incident's window, already narrowed to the incident (trailOfIncident). */
  trail: AuditTrail;
  correlation?: Correlation;
  /** Why there is no correlation, when there is none. */
  correlationGap?: string;
  runbooks: readonly RunbookMatch[];
  /** Now: how long an incident that is not over has lasted so far. */
  generatedAt: Date;
}

export interface PostmortemFacts {
  incident: string;
  title: string;
  status: Incident['status'];
  severity: Incident['severity'];
  detectedAt: string;
  recoveredAt?: string;
  resolvedAt?: string;
  /** Detection → resolved (or recovered); null while neither. */
  durationSeconds: number | null;
  firstResponseSeconds: number | null;
  rootCause?: { category: string; ref: string; summary: string; confidence: number };
  runbook?: { name: string; execution: string; outcome: string; decidedBy?: string };
  fixedBy: { tool: string; ref: string; at: string; by: string; approvedBy?: string; runbookStep?: string }[];
  improvements: string[];
}

export interface PostmortemDraft {
  markdown: string;
  facts: PostmortemFacts;
}

/** Timeline rows kept from the start and from the end of a long incident (the draft fits a tool result). */
const TIMELINE_HEAD = 10;
const TIMELINE_TAIL = 30;
const EVIDENCE_SHOWN = 6;
const OTHER_HYPOTHESES = 2;

export function buildPostmortem(input: PostmortemInput): PostmortemDraft {
  const { incident, trail, correlation } = input;
  const fix = whatFixedIt(incident, trail);
  const firstResponse = firstResponseMs(incident, input.timeline, trail);
  const improve = improvements({
    incident,
    trail,
    fix,
    runbooks: input.runbooks,
    ...(correlation ? { correlation } : {}),
    ...(firstResponse !== undefined ? { firstResponseMs: firstResponse } : {}),
  });
  const end = incident.resolvedAt ?? fix.recoveredAt;
  const top = correlation?.hypotheses[0];
  const facts: PostmortemFacts = {
    incident: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    detectedAt: incident.detectedAt,
    ...(fix.recoveredAt ? { recoveredAt: fix.recoveredAt } : {}),
    ...(incident.resolvedAt ? { resolvedAt: incident.resolvedAt } : {}),
    durationSeconds: end ? Math.round((Date.parse(end) - Date.parse(incident.detectedAt)) / 1000) : null,
    firstResponseSeconds: firstResponse === undefined ? null : Math.round(firstResponse / 1000),
    ...(top
      ? {
          rootCause: {
            category: top.category,
            ref: top.ref,
            summary: top.summary,
            confidence: top.confidence,
          },
        }
      : {}),
    ...(fix.run
      ? {
          runbook: {
            name: fix.run.runbook,
            execution: fix.run.execution,
            outcome: fix.run.outcome ?? 'running',
            ...(fix.run.decidedBy ? { decidedBy: fix.run.decidedBy } : {}),
          },
        }
      : {}),
    fixedBy: fix.actions.map((a) => ({
      tool: a.tool,
      ref: a.ref,
      at: a.at,
      by: a.by,
      ...(a.approval?.decidedBy ? { approvedBy: a.approval.decidedBy } : {}),
      ...(a.runbook ? { runbookStep: a.runbook.step } : {}),
    })),
    improvements: improve,
  };
  const markdown = [
    `# Postmortem draft: ${incident.title}`,
    `${incident.id} · ${incident.severity} · ${incident.status} · drafted by opswarden from the incident record, its timeline and the audit log. Review before publishing.`,
    section('Summary', summary(input, fix, end)),
    section('Impact', impact(incident, fix, firstResponse, correlation)),
    section('Timeline', timelineTable(postmortemTimeline(input.timeline, trail), incident.id)),
    section('Root cause', rootCause(correlation, input.correlationGap)),
    section('What fixed it', fixedIt(fix)),
    section('What to improve', improve.map((i) => `- ${i}`).join('\n')),
  ].join('\n\n');
  return { markdown: `${markdown}\n`, facts };
}

function section(title: string, body: string): string {
  return `## ${title}\n\n${body}`;
}

function summary(input: PostmortemInput, fix: Fix, end: string | undefined): string {
  const { incident, correlation } = input;
  const where = incident.service
    ? `${incident.service}${incident.namespace ? ` (${incident.namespace})` : ''}`
    : 'an unnamed service';
  const lasted = end
    ? `lasted ${between(incident.detectedAt, end)} until it ${incident.resolvedAt ? 'was resolved' : 'recovered'}`
    : `is still ${incident.status} after ${between(incident.detectedAt, input.generatedAt.toISOString())}`;
  const top = correlation?.hypotheses[0];
  const cause = top
    ? ` Most likely cause (${percent(top.confidence)} confidence): ${sentence(top.summary)}`
    : ' No cause was identified from the signals.';
  const fixed = fix.run
    ? ` Runbook ${fix.run.runbook} ${fix.run.outcome === 'resolved' ? 'resolved it' : `ended ${fix.run.outcome}`}${fix.actions.length ? ` by ${fix.actions.map((a) => `${a.tool} on ${a.ref}`).join(', then ')}` : ''}.`
    : fix.actions.length
      ? ` It recovered after ${fix.actions.map((a) => `${a.tool} on ${a.ref}`).join(', then ')}.`
      : '';
  return `A ${incident.severity} incident on ${where}: ${incident.title}. Detected ${formatTime(incident.detectedAt)}, it ${lasted}.${cause}${fixed}`;
}

function impact(
  incident: Incident,
  fix: Fix,
  firstResponse: number | undefined,
  correlation: Correlation | undefined,
): string {
  const lines = [
    `- Duration: detected ${formatTime(incident.detectedAt)}${
      incident.resolvedAt
        ? `, resolved ${formatTime(incident.resolvedAt)} (${between(incident.detectedAt, incident.resolvedAt)})`
        : `, not resolved yet (${incident.status})`
    }.`,
  ];
  if (fix.recoveredAt)
    lines.push(
      `- Recovered: ${formatTime(fix.recoveredAt)}, ${between(incident.detectedAt, fix.recoveredAt)} after detection.`,
    );
  if (firstResponse !== undefined)
    lines.push(`- First response: ${formatDuration(firstResponse)} after detection.`);
  lines.push(`- Severity: ${incident.severity}.`);
  lines.push(`- Services affected: ${incident.services.join(', ') || 'none named'}.`);
  if (incident.context.downstreamImpact.length)
    lines.push(`- Downstream impact: ${incident.context.downstreamImpact.join(', ')}.`);
  const spike = incident.context.metricSpike;
  if (spike)
    lines.push(`- Metric spike: ${spike.summary}${spike.onset ? ` (from ${formatTime(spike.onset)})` : ''}.`);
  else if (correlation?.onset)
    lines.push(
      `- Onset: ${correlation.onset.signal} moved from ${correlation.onset.from} to ${correlation.onset.to} at ${formatTime(correlation.onset.at)}.`,
    );
  lines.push(`- Alerts (${incident.alerts.length}): ${alertList(incident)}.`);
  return lines.join('\n');
}

function alertList(incident: Incident): string {
  const names = new Map(incident.alerts.map((a) => [a.fingerprint, a.alertname]));
  return incident.alerts
    .map((a) => {
      const echo = a.explainedBy ? `, explained by ${names.get(a.explainedBy) ?? a.explainedBy}` : '';
      return `${a.alertname} on ${a.service ?? a.namespace ?? 'no service'} (${a.severity}, ${a.status}${echo})`;
    })
    .join('; ');
}

function timelineTable(events: PostmortemEvent[], id: string): string {
  if (!events.length) return 'No events recorded.';
  const row = (e: PostmortemEvent) =>
    `| ${formatTime(e.at)} | ${e.kind} | ${cell(e.what)} | ${cell(e.by ?? '')} |`;
  const cut = events.length > TIMELINE_HEAD + TIMELINE_TAIL;
  const rows = cut
    ? [
        ...events.slice(0, TIMELINE_HEAD).map(row),
        `| … | | ${events.length - TIMELINE_HEAD - TIMELINE_TAIL} events omitted: incident_timeline {"incident": "${id}"} has them all | |`,
        ...events.slice(-TIMELINE_TAIL).map(row),
      ]
    : events.map(row);
  return ['| Time (UTC) | Kind | Event | By |', '|---|---|---|---|', ...rows].join('\n');
}

function rootCause(correlation: Correlation | undefined, gap: string | undefined): string {
  const [top, ...others] = correlation?.hypotheses ?? [];
  if (!top)
    return `Not identified from the signals${gap ? ` (${gap})` : ''}. Record the cause the team found.`;
  const evidence = top.evidence
    .slice(0, EVIDENCE_SHOWN)
    .map(
      (e) =>
        `- ${e.at ? `${formatTime(e.at)} ` : ''}${e.kind}: ${cell(e.summary, 300)}${e.ref ? ` (${e.ref})` : ''}`,
    );
  const lines = [
    `**${top.category}: ${top.ref}** (${percent(top.confidence)} confidence). ${sentence(top.summary)}`,
    '',
    'Evidence:',
    ...evidence,
  ];
  if (top.evidence.length > EVIDENCE_SHOWN)
    lines.push(`- … ${top.evidence.length - EVIDENCE_SHOWN} more in incident_correlate.`);
  if (others.length) {
    lines.push('', 'Also considered:');
    for (const h of others.slice(0, OTHER_HYPOTHESES))
      lines.push(`- #${h.rank} ${h.category}: ${h.ref} (${percent(h.confidence)}): ${cell(h.summary, 300)}`);
  }
  return lines.join('\n');
}

/** Paragraphs and lists, separated by blank lines so each renders on its own. */
function fixedIt(fix: Fix): string {
  const blocks: string[] = [];
  if (fix.run) {
    const decided = fix.run.decidedBy ? `, decided by step ${fix.run.decidedBy}` : '';
    const check = fix.run.steps.findLast((s) => s.step === fix.run?.decidedBy);
    blocks.push(
      `Runbook **${fix.run.runbook}** (${fix.run.execution}), started by ${fix.run.by} at ${formatTime(fix.run.startedAt)}, ended ${fix.run.outcome}${decided}${check ? ` (${check.kind} ${check.outcome} at ${formatTime(check.at)})` : ''}.`,
    );
  }
  if (fix.actions.length) {
    const changes = fix.actions.map((a) => {
      const approval = a.approval?.decidedAt
        ? `, approved by ${a.approval.decidedBy ?? 'unknown'} ${between(a.approval.requestedAt, a.approval.decidedAt)} after the request`
        : '';
      return `- ${formatTime(a.at)} ${describeAction(a)} by ${a.by}${approval}${a.reason ? `: ${cell(a.reason, 300)}` : ''}`;
    });
    blocks.push([fix.run ? 'Its changes:' : 'The changes that preceded recovery:', ...changes].join('\n'));
  }
  if (!blocks.length)
    blocks.push('No change was made through opswarden before recovery; record what the team did.');
  if (fix.recoveredAt) blocks.push(`Recovered at ${formatTime(fix.recoveredAt)}.`);
  if (fix.didNotHelp.length)
    blocks.push(
      [
        'Did not help:',
        ...fix.didNotHelp.map((f) => `- ${formatTime(f.at)} ${describeAction(f.action)}: ${f.why}`),
      ].join('\n'),
    );
  return blocks.join('\n\n');
}

/** Ends with a full stop (summaries from the engine and from alerts may not). */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

// "What caused this?": runs the correlation engine for an incident (its service, as of when it
// was last unmitigated) or for a service at a time, and returns the ranked hypotheses with their
// evidence and the runbooks that fit, plus the timeline the engine reconstructed. For an
// incident, the top hypothesis is noted in its timeline (by opswarden) unless the last
// correlation note already says the same.

import { z } from 'zod';
import { parseDuration, parseSince } from '../../src/duration.ts';
import { correlate } from '../../src/incidents/correlate/index.ts';
import type { CorrelateRequest, Correlation } from '../../src/incidents/correlate/types.ts';
import { correlationDeps, correlationRequestFor } from '../../src/incidents/correlate-deps.ts';
import type { Incident, IncidentStore } from '../../src/incidents/records/model.ts';
import { SYSTEM_PRINCIPAL } from '../../src/incidents/records/store.ts';
import { ROOT_CAUSE_CATEGORIES } from '../../src/sandbox/scenario/schema.ts';
import { defineTool } from '../../src/tool.ts';
import { incidentIdArg, incidentStore, incidentTarget, requireIncident } from './common.ts';

const EVIDENCE_SHOWN = 6;
const TIMELINE_SHOWN = 30;
const NOTE_PREFIX = 'correlation: ';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const evidenceSchema = z.object({
  kind: z.string(),
  at: z.string().optional(),
  summary: z.string().describe('Quotes logs and events'),
  ref: z.string().optional(),
  value: z.unknown().optional(),
});

export default defineTool({
  name: 'incident_correlate',
  title: 'Incidents: Correlate',
  description:
    'Likely causes of an incident (also one on a node or cluster, without a service), or of a service degrading at a time, ranked with confidence, evidence and runbooks with their params filled in. Next: runbook_plan.',
  kind: 'read',
  untrusted: ['$.hypotheses[*].summary', '$.hypotheses[*].evidence[*].summary', '$.timeline[*].summary'],
  input: z
    .object({
      incident: incidentIdArg.optional(),
      service: z
        .string()
        .regex(NAME, 'a service name such as checkout')
        .optional()
        .describe('Or this service'),
      node: z
        .string()
        .max(253)
        .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a node name')
        .optional()
        .describe('Or this node'),
      namespace: z.string().regex(NAME, 'a namespace name').optional(),
      at: z.string().optional().describe('With service: e.g. 10m'),
      lookback: z.string().default('2h'),
      hypotheses: z.number().int().min(1).max(10).default(5),
    })
    .strict(),
  output: z.object({
    request: z.object({
      service: z.string().optional(),
      node: z.string().optional().describe('An incident without a service: its node (neither: the cluster)'),
      namespace: z.string().optional(),
      at: z.string(),
      lookbackMs: z.number(),
    }),
    incident: z.string().optional(),
    onset: z
      .object({ at: z.string(), signal: z.string(), from: z.number(), to: z.number() })
      .optional()
      .describe('When it degraded: the first sustained change in errors or latency, or first alert'),
    hypotheses: z.array(
      z.object({
        rank: z.number(),
        category: z.enum(ROOT_CAUSE_CATEGORIES),
        ref: z.string(),
        summary: z.string(),
        confidence: z.number().describe('0..1'),
        score: z.object({ total: z.number(), parts: z.record(z.string(), z.number()) }),
        evidence: z.array(evidenceSchema),
        evidenceOmitted: z.number().optional(),
        suggestedRunbooks: z
          .array(z.object({ name: z.string(), params: z.record(z.string(), z.string()) }))
          .describe('Pass name and params to runbook_plan as given'),
      }),
    ),
    timeline: z.array(
      z.object({ at: z.string(), kind: z.string(), summary: z.string(), ref: z.string().optional() }),
    ),
    timelineOmitted: z.number().optional().describe('Earlier timeline entries not shown'),
    signals: z.array(z.object({ source: z.string(), status: z.string() })),
    next: z.string(),
  }),
  target: (args, ctx) =>
    args.incident
      ? incidentTarget(ctx.backends, args.incident)
      : args.node
        ? { kind: 'Node', name: args.node }
        : {
            kind: 'Service',
            ...(args.service ? { name: args.service, service: args.service } : {}),
            ...(args.namespace ? { namespace: args.namespace } : {}),
          },
  handler: async (ctx, args) => {
    const incident = args.incident ? requireIncident(ctx.backends, args.incident) : undefined;
    const request = { ...requestFor(args, incident, ctx.clock.now()), lookbackMs: lookbackMs(args.lookback) };
    // An incident is weighed only by history from before it was detected, not by its own notes and runs.
    const historyUntil = incident ? new Date(incident.detectedAt) : undefined;
    const correlation = await correlate(request, correlationDeps(ctx.backends, ctx.clock, historyUntil));
    if (incident) noteTopHypothesis(incidentStore(ctx.backends), incident, correlation);
    const hypotheses = correlation.hypotheses.slice(0, args.hypotheses).map((h) => ({
      ...h,
      evidence: h.evidence.slice(0, EVIDENCE_SHOWN),
      ...(h.evidence.length > EVIDENCE_SHOWN ? { evidenceOmitted: h.evidence.length - EVIDENCE_SHOWN } : {}),
    }));
    const timeline = correlation.timeline.slice(-TIMELINE_SHOWN);
    return {
      request: correlation.request,
      ...(incident ? { incident: incident.id } : {}),
      ...(correlation.onset ? { onset: correlation.onset } : {}),
      hypotheses,
      timeline,
      ...(correlation.timeline.length > timeline.length
        ? { timelineOmitted: correlation.timeline.length - timeline.length }
        : {}),
      signals: correlation.signals,
      next: nextStep(correlation),
    };
  },
});

function requestFor(
  args: { service?: string; node?: string; namespace?: string; at?: string },
  incident: Incident | undefined,
  now: Date,
): CorrelateRequest {
  if (incident) {
    if (args.service || args.node || args.namespace || args.at)
      throw new Error('give either incident, or service or node (with at): not both');
    return correlationRequestFor(incident, now);
  }
  if (!args.service === !args.node)
    throw new Error('give incident (an incident id), or service or node (with at) to correlate');
  let at = now;
  try {
    if (args.at) at = parseSince(args.at, now);
  } catch (err) {
    throw new Error(`at: ${(err as Error).message}`);
  }
  return {
    ...(args.service ? { service: args.service } : {}),
    ...(args.node ? { node: args.node } : {}),
    ...(args.namespace ? { namespace: args.namespace } : {}),
    at,
  };
}

function lookbackMs(text: string): number {
  try {
    return parseDuration(text);
  } catch (err) {
    throw new Error(`lookback: ${(err as Error).message}`);
  }
}

/** One note per new conclusion: re-running the same correlation adds nothing. */
function noteTopHypothesis(store: IncidentStore, incident: Incident, correlation: Correlation): void {
  const top = correlation.hypotheses[0];
  if (!top) return;
  const text = `${NOTE_PREFIX}most likely ${top.category} ${top.ref} (confidence ${Math.round(top.confidence * 100)}%): ${top.summary}`;
  const last = store
    .timeline(incident.id)
    .filter((e) => e.by === SYSTEM_PRINCIPAL && e.summary.includes(NOTE_PREFIX))
    .at(-1);
  if (!last?.summary.includes(text)) store.note(incident.id, text, SYSTEM_PRINCIPAL);
}

function nextStep(correlation: Correlation): string {
  const top = correlation.hypotheses[0];
  if (!top)
    return 'No candidate cause found in the window: widen lookback, check the signals list for sources that could not be read, or look at logs (k8s_pod_logs) directly.';
  const runbook = top.suggestedRunbooks[0];
  return runbook
    ? `Confirm the evidence for ${top.ref}, then runbook_plan ${JSON.stringify({ runbook: runbook.name, params: runbook.params })} to see what it would do and what the policy would decide.`
    : `Confirm the evidence for ${top.ref} (deploys_history, k8s_rollout_history, k8s_pod_logs); no runbook fits, so a fix is a manual change through the gate (dry run first).`;
}

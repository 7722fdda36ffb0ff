// HorizontalPodAutoscalers (autoscaling/v2) of a scenario: what one reports at any time
// (current and desired replicas, the metric's current utilization) from its `status`
// segments, or, without them, holding its target's replicas at the metric's target. The
// desired count is what the HPA computes, ceil(current × utilization / target), kept within
// min and max; when that clamp bites, ScalingLimited says so, as the real controller does.
// The served object is its state at now; kube-state series follow it over time.

import { blendIncident } from '../metrics/series.ts';
import { type IncidentTimeline, incidentTimeline } from '../reactions/timeline.ts';
import type { KubeObject } from '../world.ts';
import { objectMeta } from './identity.ts';
import { parseRef } from './refs.ts';
import type { HpaSpec, ScenarioSpec } from './schema.ts';
import { kubeTime } from './time.ts';
import type { WorkloadPlan } from './workloads.ts';

export interface HpaState {
  current: number;
  desired: number;
  /** Percent of the pods' requests, as the metric target counts it. */
  utilization: number;
  /** The count the metric asks for before min and max. */
  wanted: number;
}

type Segment = NonNullable<HpaSpec['status']>[number];

/** The HPA's state at t, given the replicas its target runs when the HPA has no `status`. */
export function hpaStateAt(
  hpa: HpaSpec,
  targetReplicas: number,
  t: number,
  timeline: IncidentTimeline = incidentTimeline(undefined),
): HpaState {
  const target = hpa.metric.utilization;
  const segments: readonly Segment[] = hpa.status ?? [{ from: new Date(0), replicas: targetReplicas }];
  const at = (read: (s: Segment) => number) => blendIncident(segments, read, t, timeline);
  const utilizationOf = (s: Segment) => s.utilization ?? target;
  const wantedOf = (s: Segment) => Math.ceil((s.replicas * utilizationOf(s)) / target);
  const clamp = (n: number) => Math.min(hpa.maxReplicas, Math.max(hpa.minReplicas, n));
  return {
    current: Math.round(at((s) => s.replicas)),
    desired: Math.round(at((s) => s.desired ?? clamp(wantedOf(s)))),
    utilization: Math.round(at(utilizationOf)),
    wanted: Math.round(at(wantedOf)),
  };
}

/** The workload an HPA scales. */
export function hpaTarget(hpa: HpaSpec, plans: readonly WorkloadPlan[]): WorkloadPlan {
  const ref = parseRef(hpa.target);
  const plan = plans.find(
    (p) => p.kind === ref.kind && p.spec.namespace === ref.namespace && p.spec.name === ref.name,
  );
  if (!plan) throw new Error(`HorizontalPodAutoscaler ${hpa.name}: no workload ${hpa.target}`);
  return plan;
}

/** When the replicas last changed by `now`: the start of the last segment that moved them. */
function lastScale(hpa: HpaSpec, now: Date): Date | undefined {
  const segments = (hpa.status ?? []).filter((s) => s.from <= now);
  return segments.findLast((s, i) => i > 0 && s.replicas !== segments[i - 1]!.replicas)?.from;
}

export function hpaObject(
  spec: ScenarioSpec,
  hpa: HpaSpec,
  plans: readonly WorkloadPlan[],
  now: Date,
): KubeObject {
  const target = hpaTarget(hpa, plans);
  const created = target.revisions[0]!.at;
  const state = hpaStateAt(hpa, target.spec.replicas, now.getTime());
  const scaled = lastScale(hpa, now);
  const since = kubeTime(hpa.status?.findLast((s) => s.from <= now)?.from ?? created);
  const limited =
    state.wanted > hpa.maxReplicas && state.desired === hpa.maxReplicas
      ? {
          status: 'True',
          reason: 'TooManyReplicas',
          message: 'the desired replica count is more than the maximum replica count',
        }
      : state.wanted < hpa.minReplicas && state.desired === hpa.minReplicas
        ? {
            status: 'True',
            reason: 'TooFewReplicas',
            message: 'the desired replica count is less than the minimum replica count',
          }
        : {
            status: 'False',
            reason: 'DesiredWithinRange',
            message: 'the desired count is within the acceptable range',
          };
  const steady = state.desired === state.current;
  const condition = (type: string, c: { status: string; reason: string; message: string }, at: string) => ({
    type,
    ...c,
    lastTransitionTime: at,
  });
  const { resource, utilization } = hpa.metric;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: objectMeta(spec.seed, {
      kind: 'HorizontalPodAutoscaler',
      namespace: hpa.namespace,
      name: hpa.name,
      created,
    }),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: target.kind, name: target.spec.name },
      minReplicas: hpa.minReplicas,
      maxReplicas: hpa.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: { name: resource, target: { type: 'Utilization', averageUtilization: utilization } },
        },
      ],
    },
    status: {
      ...(scaled ? { lastScaleTime: kubeTime(scaled) } : {}),
      currentReplicas: state.current,
      desiredReplicas: state.desired,
      currentMetrics: [
        {
          type: 'Resource',
          resource: { name: resource, current: { averageUtilization: state.utilization } },
        },
      ],
      conditions: [
        condition(
          'AbleToScale',
          steady
            ? { status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' }
            : {
                status: 'True',
                reason: 'SucceededRescale',
                message: `the HPA controller was able to update the target scale to ${state.desired}`,
              },
          kubeTime(scaled ?? created),
        ),
        condition(
          'ScalingActive',
          {
            status: 'True',
            reason: 'ValidMetricFound',
            message: `the HPA was able to successfully calculate a replica count from ${resource} resource utilization (percentage of request)`,
          },
          kubeTime(created),
        ),
        condition('ScalingLimited', limited, since),
      ],
    },
  };
}

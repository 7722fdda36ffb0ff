// kube-state-metrics' series for the scenario's Kubernetes objects, named and labelled as
// kube-state-metrics emits them (job="kube-state-metrics", namespace, pod, container,
// deployment, statefulset, daemonset, job_name, cronjob, horizontalpodautoscaler, node):
// pod phases, creation times and waiting reasons; Deployment, StatefulSet and DaemonSet
// replica counts; Job and CronJob progress; HPA replicas and limits; node creation, taints
// and cordons. Each series begins when its object was created. The restarts of every pod and
// the available replicas of every Deployment come from services.ts for the workloads a
// service runs on (labelled with the service too) and from here for all others, so no series
// is emitted twice. Values follow the same plan the Kubernetes objects are rendered from.

import type { IncidentTimeline } from '../reactions/timeline.ts';
import { hpaStateAt, hpaTarget } from '../scenario/hpas.ts';
import { type NodePlan, nodeCreated } from '../scenario/nodes.ts';
import { workloadKey } from '../scenario/refs.ts';
import type { ScenarioSpec } from '../scenario/schema.ts';
import { countsAsReplica, type PodPlan, type WorkloadPlan } from '../scenario/workloads.ts';
import { livingStreams, seriesLife } from './life.ts';
import { fillGrid, type Grid, gridSamples, type SeriesStream } from './series.ts';
import { isUp } from './services.ts';

const JOB = { job: 'kube-state-metrics' };
const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
const WAITING: Partial<Record<PodPlan['state'], string>> = {
  CrashLoopBackOff: 'CrashLoopBackOff',
  ImagePullBackOff: 'ImagePullBackOff',
};

interface Context {
  spec: ScenarioSpec;
  grid: Grid;
  timeline: IncidentTimeline;
  /** `<Kind>/<ns>/<name>` of the workloads services.ts covers. */
  served: Set<string>;
}

type Sampler = (t: number) => number;

/** One kube-state-metrics series (a counter when its name says so) living from `from` on. */
function series(
  ctx: Context,
  name: string,
  help: string,
  labels: Record<string, string>,
  from: Date | undefined,
  valueAt: Sampler,
): SeriesStream[] {
  const life = seriesLife(ctx.grid, from);
  const counter = name.endsWith('_total');
  return livingStreams(life, [
    {
      name,
      family: counter ? name.slice(0, -'_total'.length) : name,
      type: counter ? 'counter' : 'gauge',
      help,
      labels: { ...JOB, ...labels },
      samples: gridSamples(life.grid, fillGrid(life.grid, valueAt)),
    },
  ]);
}

const seconds = (date: Date) => date.getTime() / 1000;

export function kubeStateSeries(
  spec: ScenarioSpec,
  plans: readonly WorkloadPlan[],
  nodes: readonly NodePlan[],
  grid: Grid,
  timeline: IncidentTimeline,
  clusterCreated: Date,
): SeriesStream[] {
  const served = new Set(spec.services.flatMap((s) => (s.workload ? [s.workload] : [])));
  const ctx: Context = { spec, grid, timeline, served };
  return [
    ...plans.flatMap((plan) => [
      ...plan.pods.flatMap((pod) => podSeries(ctx, plan, pod)),
      ...workloadSeries(ctx, plan, plans),
    ]),
    ...spec.kubernetes.cronjobs.flatMap((cronJob) => cronJobSeries(ctx, cronJob)),
    ...spec.kubernetes.horizontalpodautoscalers.flatMap((hpa) => {
      const target = hpaTarget(hpa, plans);
      const labels = { namespace: hpa.namespace, horizontalpodautoscaler: hpa.name };
      const at = (t: number) => hpaStateAt(hpa, target.spec.replicas, t, timeline);
      const from = target.revisions[0]!.at;
      return [
        ...series(
          ctx,
          'kube_horizontalpodautoscaler_status_current_replicas',
          'Current number of replicas of pods managed by this autoscaler.',
          labels,
          from,
          (t) => at(t).current,
        ),
        ...series(
          ctx,
          'kube_horizontalpodautoscaler_status_desired_replicas',
          'Desired number of replicas of pods managed by this autoscaler.',
          labels,
          from,
          (t) => at(t).desired,
        ),
        ...series(
          ctx,
          'kube_horizontalpodautoscaler_spec_max_replicas',
          'Upper limit for the number of pods that can be set by the autoscaler.',
          labels,
          from,
          () => hpa.maxReplicas,
        ),
        ...series(
          ctx,
          'kube_horizontalpodautoscaler_spec_min_replicas',
          'Lower limit for the number of pods that can be set by the autoscaler.',
          labels,
          from,
          () => hpa.minReplicas,
        ),
        ...series(
          ctx,
          'kube_horizontalpodautoscaler_spec_target_metric',
          'The metric specifications used by this autoscaler when calculating the desired replica count.',
          { ...labels, metric_name: hpa.metric.resource, metric_target_type: 'utilization' },
          from,
          () => hpa.metric.utilization,
        ),
      ];
    }),
    ...nodes.flatMap((node) => nodeSeries(ctx, node, clusterCreated)),
  ];
}

/** The phase kube-state-metrics reports for the pod at t. */
function phaseAt(pod: PodPlan, t: number): (typeof PHASES)[number] {
  if (!pod.node || pod.state === 'ImagePullBackOff') return 'Pending';
  if (pod.since && t >= pod.since.getTime()) {
    if (pod.state === 'Succeeded') return 'Succeeded';
    if (pod.state === 'Failed' || pod.state === 'Evicted') return 'Failed';
  }
  return 'Running';
}

function podSeries(ctx: Context, plan: WorkloadPlan, pod: PodPlan): SeriesStream[] {
  const namespace = plan.spec.namespace;
  const container = plan.spec.containers[0]!.name;
  const labels = { namespace, pod: pod.name };
  // As in services.ts, a Deployment's or StatefulSet's current pods stand for it since its
  // creation; a Job's and a daemon's pods (on a node that joined late) from their own.
  const from = plan.kind === 'Job' || plan.kind === 'DaemonSet' ? pod.createdAt : plan.revisions[0]!.at;
  const out = [
    ...series(ctx, 'kube_pod_created', 'Unix creation timestamp.', labels, from, () =>
      seconds(pod.createdAt),
    ),
    ...PHASES.flatMap((phase) =>
      series(ctx, 'kube_pod_status_phase', 'The pods current phase.', { ...labels, phase }, from, (t) =>
        phaseAt(pod, t) === phase ? 1 : 0,
      ),
    ),
  ];
  const waiting = WAITING[pod.state];
  if (waiting) {
    const since = pod.state === 'CrashLoopBackOff' ? pod.restarts[0]!.at : pod.createdAt;
    out.push(
      ...series(
        ctx,
        'kube_pod_container_status_waiting_reason',
        'Describes the reason the container is currently in waiting state.',
        { ...labels, container, reason: waiting },
        since,
        () => 1,
      ),
    );
  }
  if (!ctx.served.has(workloadKey(plan.kind, namespace, plan.spec.name))) {
    const restarts = pod.restarts.map((r) => r.at.getTime());
    out.push(
      ...series(
        ctx,
        'kube_pod_container_status_restarts_total',
        'The number of container restarts per container.',
        { ...labels, container },
        from,
        (t) => restarts.filter((at) => at <= t).length,
      ),
    );
  }
  return out;
}

function workloadSeries(ctx: Context, plan: WorkloadPlan, plans: readonly WorkloadPlan[]): SeriesStream[] {
  const { spec, kind } = plan;
  const from = plan.revisions[0]!.at;
  const replicas = plan.pods.filter(countsAsReplica);
  /** As in services.ts, the current replicas stand for the workload's pods since its creation. */
  const upAt = (t: number) => replicas.filter((pod) => isUp(pod, t, ctx.timeline)).length;
  const gauge = (name: string, help: string, labels: Record<string, string>, valueAt: Sampler) =>
    series(ctx, name, help, { namespace: spec.namespace, ...labels }, from, valueAt);
  switch (kind) {
    case 'Deployment': {
      const hpa = ctx.spec.kubernetes.horizontalpodautoscalers.find((h) => hpaTarget(h, plans) === plan);
      const desired = (t: number) =>
        hpa ? hpaStateAt(hpa, spec.replicas, t, ctx.timeline).current : spec.replicas;
      const labels = { deployment: spec.name };
      return [
        ...gauge(
          'kube_deployment_spec_replicas',
          'Number of desired pods for a deployment.',
          labels,
          desired,
        ),
        ...gauge(
          'kube_deployment_status_replicas',
          'The number of replicas per deployment.',
          labels,
          desired,
        ),
        ...(ctx.served.has(workloadKey(kind, spec.namespace, spec.name))
          ? []
          : gauge(
              'kube_deployment_status_replicas_available',
              'The number of available replicas per deployment.',
              labels,
              upAt,
            )),
      ];
    }
    case 'StatefulSet': {
      const labels = { statefulset: spec.name };
      return [
        ...gauge(
          'kube_statefulset_replicas',
          'Number of desired pods for a StatefulSet.',
          labels,
          () => spec.replicas,
        ),
        ...gauge(
          'kube_statefulset_status_replicas',
          'The number of replicas per StatefulSet.',
          labels,
          () => spec.replicas,
        ),
        ...gauge(
          'kube_statefulset_status_replicas_ready',
          'The number of ready replicas per StatefulSet.',
          labels,
          upAt,
        ),
        ...gauge(
          'kube_statefulset_status_replicas_available',
          'The number of available replicas per StatefulSet.',
          labels,
          upAt,
        ),
      ];
    }
    case 'DaemonSet': {
      const labels = { daemonset: spec.name };
      const desired = () => spec.replicas;
      return [
        ...gauge(
          'kube_daemonset_status_desired_number_scheduled',
          'The number of nodes that should be running the daemon pod.',
          labels,
          desired,
        ),
        ...gauge(
          'kube_daemonset_status_current_number_scheduled',
          'The number of nodes running at least one daemon pod and are supposed to.',
          labels,
          desired,
        ),
        ...gauge(
          'kube_daemonset_status_number_ready',
          'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
          labels,
          upAt,
        ),
        ...gauge(
          'kube_daemonset_status_number_available',
          'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
          labels,
          upAt,
        ),
        ...gauge(
          'kube_daemonset_status_number_unavailable',
          'The number of nodes that should be running the daemon pod and have none of the daemon pod running and available.',
          labels,
          (t) => spec.replicas - upAt(t),
        ),
      ];
    }
    case 'Job':
      return jobSeries(ctx, plan);
  }
}

function jobSeries(ctx: Context, plan: WorkloadPlan): SeriesStream[] {
  const { run, cronJob } = plan.job!;
  const { namespace, name } = plan.spec;
  const labels = { namespace, job_name: name };
  const from = run.startedAt;
  const end = run.finishedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const ended = (state: 'Succeeded' | 'Failed', t: number) =>
    plan.pods.filter((pod) => pod.state === state && pod.since!.getTime() <= t).length;
  /** A running Job runs its active pods throughout; a finished one ran what its completions left. */
  const active = (t: number) =>
    t >= end
      ? 0
      : run.status === 'Running'
        ? run.active
        : Math.max(0, Math.min(run.parallelism, run.completions - ended('Succeeded', t)));
  const gauge = (metric: string, help: string, valueAt: Sampler, extra: Record<string, string> = {}) =>
    series(ctx, metric, help, { ...labels, ...extra }, from, valueAt);
  return [
    ...gauge('kube_job_status_active', 'The number of actively running pods.', active),
    ...gauge('kube_job_status_succeeded', 'The number of pods which reached Phase Succeeded.', (t) =>
      ended('Succeeded', t),
    ),
    ...gauge('kube_job_status_failed', 'The number of pods which reached Phase Failed.', (t) =>
      ended('Failed', t),
    ),
    ...gauge(
      'kube_job_status_start_time',
      'StartTime represents time when the job was acknowledged by the Job Manager.',
      () => seconds(from),
    ),
    ...gauge(
      'kube_job_spec_completions',
      'The desired number of successfully finished pods the job should be run with.',
      () => run.completions,
    ),
    ...gauge(
      'kube_job_spec_parallelism',
      'The maximum desired number of pods the job should run at any given time.',
      () => run.parallelism,
    ),
    ...(run.status === 'Complete'
      ? gauge(
          'kube_job_status_completion_time',
          'CompletionTime represents time when the job was completed.',
          () => seconds(run.finishedAt!),
        )
      : []),
    ...gauge(
      'kube_job_complete',
      'The job has completed its execution.',
      (t) => (run.status === 'Complete' && t >= end ? 1 : 0),
      { condition: 'true' },
    ),
    ...gauge(
      'kube_job_failed',
      'The job has failed its execution.',
      (t) => (run.status === 'Failed' && t >= end ? 1 : 0),
      { condition: 'true' },
    ),
    ...gauge('kube_job_owner', "Information about the Job's owner.", () => 1, {
      owner_kind: cronJob ? 'CronJob' : '<none>',
      owner_name: cronJob ?? '<none>',
      owner_is_controller: cronJob ? 'true' : '<none>',
    }),
  ];
}

function cronJobSeries(
  ctx: Context,
  cronJob: ScenarioSpec['kubernetes']['cronjobs'][number],
): SeriesStream[] {
  const first = cronJob.jobs[0];
  if (!first) return [];
  const labels = { namespace: cronJob.namespace, cronjob: cronJob.name };
  const started = (t: number) => cronJob.jobs.filter((run) => run.startedAt.getTime() <= t);
  return [
    ...series(
      ctx,
      'kube_cronjob_status_last_schedule_time',
      'LastScheduleTime keeps information of when was the last time the job was successfully scheduled.',
      labels,
      first.startedAt,
      (t) => seconds(started(t).at(-1)!.startedAt),
    ),
    ...series(
      ctx,
      'kube_cronjob_status_active',
      'Active holds pointers to currently running jobs.',
      labels,
      first.startedAt,
      (t) => started(t).filter((run) => !run.finishedAt || run.finishedAt.getTime() > t).length,
    ),
    ...series(
      ctx,
      'kube_cronjob_spec_suspend',
      'Suspend flag tells the controller to suspend subsequent executions.',
      labels,
      first.startedAt,
      () => (cronJob.suspend ? 1 : 0),
    ),
  ];
}

function nodeSeries(ctx: Context, node: NodePlan, clusterCreated: Date): SeriesStream[] {
  const created = nodeCreated(node.spec, clusterCreated);
  const labels = { node: node.spec.name };
  const taints = [
    ...node.spec.taints,
    ...(node.spec.unschedulable
      ? [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', since: undefined }]
      : []),
  ];
  return [
    ...series(ctx, 'kube_node_created', 'Unix creation timestamp.', labels, created, () => seconds(created)),
    ...series(
      ctx,
      'kube_node_spec_unschedulable',
      'Whether a node can schedule new pods.',
      labels,
      created,
      () => (node.spec.unschedulable ? 1 : 0),
    ),
    ...taints.flatMap((taint) =>
      series(
        ctx,
        'kube_node_spec_taint',
        'The taint of a cluster node.',
        {
          ...labels,
          key: taint.key,
          value: 'value' in taint ? (taint.value ?? '') : '',
          effect: taint.effect,
        },
        taint.since ?? created,
        () => 1,
      ),
    ),
  ];
}

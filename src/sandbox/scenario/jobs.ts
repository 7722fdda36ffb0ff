// Jobs and CronJobs of a scenario. A Job is planned like any workload (its running pods are
// its replicas, overrides apply to them), followed by the pods that already ended: one
// Completed pod per success and one Error pod per failure, kept as a real cluster keeps
// them until the Job goes. A CronJob's Jobs are named `<cronjob>-<scheduled minute since
// the epoch>` and owned by it, as the CronJob controller names and owns them; its status
// points at the ones still running and dates the last schedule and the last success.

import type { KubeObject } from '../world.ts';
import { objectMeta, objectUid } from './identity.ts';
import type { CronJobSpec, JobRunSpec, JobSpec, ScenarioSpec } from './schema.ts';
import { kubeTime } from './time.ts';
import { podSpec, type WorkloadInput, type WorkloadPlan } from './workloads.ts';

export interface JobPlan {
  run: JobRunSpec;
  restartPolicy: string;
  /** The CronJob that created it, if any. */
  cronJob?: string;
}

/** How CronJobs name their Jobs: the scheduled time in minutes since the epoch. */
export function cronJobRunName(cronJob: string, run: { startedAt: Date }): string {
  return `${cronJob}-${Math.floor(run.startedAt.getTime() / 60_000)}`;
}

/** Every Job of the scenario, its own and the CronJobs', as workload inputs. */
export function planJobs(spec: ScenarioSpec, now: Date): WorkloadInput[] {
  const k8s = spec.kubernetes;
  const input = (name: string, template: JobTemplate, run: JobRunSpec, cronJob?: CronJobSpec) =>
    jobInput(spec.seed, now, name, template, run, cronJob);
  return [
    ...k8s.jobs.map((job) => input(job.name, job, job)),
    ...k8s.cronjobs.flatMap((cronJob) =>
      cronJob.jobs.map((run) => input(cronJobRunName(cronJob.name, run), cronJob, run, cronJob)),
    ),
  ];
}

/** What a Job's pods are made of: its own fields, or its CronJob's. */
type JobTemplate = Pick<JobSpec, 'namespace' | 'labels' | 'containers' | 'image' | 'env' | 'restartPolicy'>;

/** The pod template of a Job, or of the Jobs a CronJob creates. */
export function jobPodSpec(template: JobTemplate) {
  return podSpec(template.containers, template.image, template.env, template.restartPolicy);
}

function jobInput(
  seed: number,
  now: Date,
  name: string,
  template: JobTemplate,
  run: JobRunSpec,
  cronJob: CronJobSpec | undefined,
): WorkloadInput {
  const uid = objectUid(seed, 'Job', template.namespace, name);
  const labels = {
    ...template.labels,
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  const start = run.startedAt.getTime();
  const end = (run.finishedAt ?? now).getTime();
  const ended = run.succeeded + run.failed;
  /** Ended pods finish evenly over the run, the last at its end (or, while running, by now). */
  const finishedAt = (i: number) =>
    new Date(start + ((i + 1) * (end - start)) / (ended + (run.finishedAt ? 0 : 1)));
  return {
    kind: 'Job',
    spec: {
      name,
      namespace: template.namespace,
      labels,
      replicas: run.active,
      containers: template.containers,
      revisions: [{ at: run.startedAt, image: template.image, env: template.env, changeCause: undefined }],
      pods: run.pods,
    },
    restartPolicy: template.restartPolicy,
    finished: Array.from({ length: ended }, (_, i) => ({
      state: i < run.succeeded ? ('Succeeded' as const) : ('Failed' as const),
      at: finishedAt(i),
    })),
    job: { run, restartPolicy: template.restartPolicy, ...(cronJob ? { cronJob: cronJob.name } : {}) },
  };
}

export function jobObject(plan: WorkloadPlan, seed: number): KubeObject {
  const { spec, current } = plan;
  const { run, cronJob } = plan.job!;
  const ready = plan.pods.filter((pod) => pod.index < run.active && pod.state === 'Running').length;
  const condition = (type: string, reason: string | undefined, message: string | undefined) => ({
    type,
    status: 'True',
    lastProbeTime: kubeTime(run.finishedAt!),
    lastTransitionTime: kubeTime(run.finishedAt!),
    ...(reason ? { reason, message } : {}),
  });
  const conditions =
    run.status === 'Complete'
      ? [condition('Complete', undefined, undefined)]
      : run.status === 'Failed'
        ? [condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')]
        : [];
  const uid = spec.labels['batch.kubernetes.io/controller-uid']!;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: objectMeta(seed, {
      kind: 'Job',
      namespace: spec.namespace,
      name: spec.name,
      created: run.startedAt,
      generation: 1,
      labels: spec.labels,
      annotations: { 'batch.kubernetes.io/job-tracking': '' },
      ...(cronJob ? { owner: { kind: 'CronJob', name: cronJob } } : {}),
    }),
    spec: {
      parallelism: run.parallelism,
      completions: run.completions,
      backoffLimit: run.backoffLimit,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: current.template,
    },
    status: {
      startTime: kubeTime(run.startedAt),
      ...(run.status === 'Complete' ? { completionTime: kubeTime(run.finishedAt!) } : {}),
      ...(run.active ? { active: run.active } : {}),
      ...(run.succeeded ? { succeeded: run.succeeded } : {}),
      ...(run.failed ? { failed: run.failed } : {}),
      ready,
      terminating: 0,
      uncountedTerminatedPods: {},
      ...(conditions.length ? { conditions } : {}),
    },
  };
}

/** A CronJob is taken to exist a day before its first Job (or before now, with none yet). */
const CRONJOB_AGE_BEFORE_FIRST_RUN_MS = 86_400_000;

export function cronJobObject(cronJob: CronJobSpec, seed: number, now: Date): KubeObject {
  const runs = cronJob.jobs;
  const lastSuccess = runs.filter((r) => r.status === 'Complete').at(-1);
  const created = new Date((runs[0]?.startedAt ?? now).getTime() - CRONJOB_AGE_BEFORE_FIRST_RUN_MS);
  const active = runs
    .filter((r) => r.status === 'Running')
    .map((r) => {
      const name = cronJobRunName(cronJob.name, r);
      return {
        apiVersion: 'batch/v1',
        kind: 'Job',
        namespace: cronJob.namespace,
        name,
        uid: objectUid(seed, 'Job', cronJob.namespace, name),
      };
    });
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: objectMeta(seed, {
      kind: 'CronJob',
      namespace: cronJob.namespace,
      name: cronJob.name,
      created,
      generation: 1,
      labels: cronJob.labels,
    }),
    spec: {
      schedule: cronJob.schedule,
      ...(cronJob.timeZone ? { timeZone: cronJob.timeZone } : {}),
      concurrencyPolicy: 'Allow',
      suspend: cronJob.suspend,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: {},
        spec: { template: { metadata: { labels: cronJob.labels }, spec: jobPodSpec(cronJob) } },
      },
    },
    status: {
      ...(active.length ? { active } : {}),
      ...(runs.length ? { lastScheduleTime: kubeTime(runs.at(-1)!.startedAt) } : {}),
      ...(lastSuccess ? { lastSuccessfulTime: kubeTime(lastSuccess.finishedAt!) } : {}),
    },
  };
}

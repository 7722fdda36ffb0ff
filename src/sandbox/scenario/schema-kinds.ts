// The scenario format's batch and scaling kinds (docs/scenarios.md, "kubernetes"): DaemonSets,
// Jobs, CronJobs with the Jobs they created, and HorizontalPodAutoscalers. They live apart
// from schema.ts because they are built from its pieces (times, segments, containers, pod
// overrides), which the schema hands over once it has made them against spec.now.

import { z } from 'zod';

export const JOB_STATUSES = ['Running', 'Complete', 'Failed'] as const;
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** What schema.ts has built that these kinds are made of (each made against spec.now). */
export interface KindParts<Container, Revision, PodOverride, HpaSegment> {
  time: z.ZodType<Date, string>;
  /** Deployment fields a DaemonSet, Job or CronJob shares. */
  name: z.ZodType<string, string>;
  labels: z.ZodType<Record<string, string> | undefined, unknown>;
  containers: z.ZodType<Container[], unknown>;
  revisions: z.ZodType<Revision[], unknown>;
  podOverrides: z.ZodType<PodOverride[], unknown>;
  stringMap: z.ZodType<Record<string, string>, unknown>;
  labelKey: z.ZodType<string, string>;
  /** An HPA's status segments: piecewise { replicas, desired?, utilization? }. */
  hpaStatus: z.ZodType<HpaSegment[], unknown>;
}

export function kindSchemas<
  Container,
  Revision,
  PodOverride,
  HpaSegment extends { replicas: number; desired?: number | undefined },
>(parts: KindParts<Container, Revision, PodOverride, HpaSegment>) {
  const { time, stringMap } = parts;
  const defaultLabels = <W extends { name: string; labels?: Record<string, string> | undefined }>(w: W) => ({
    ...w,
    labels: w.labels ?? { app: w.name },
  });
  const identity = { name: parts.name, namespace: parts.name };

  const toleration = z.strictObject({
    key: parts.labelKey.optional(),
    operator: z.enum(['Exists', 'Equal']).default('Equal'),
    value: z.string().optional(),
    effect: z.enum(TAINT_EFFECTS).optional(),
  });
  const daemonset = z
    .strictObject({
      ...identity,
      labels: parts.labels,
      containers: parts.containers,
      revisions: parts.revisions,
      pods: parts.podOverrides,
      nodeSelector: stringMap.optional().transform((selector) => selector ?? {}),
      tolerations: z.array(toleration).default([]),
    })
    .transform(defaultLabels);

  /** One run of a Job: when, how wide, how far it got. Shared by Jobs and a CronJob's Jobs. */
  const run = {
    startedAt: time,
    status: z.enum(JOB_STATUSES).default('Running'),
    finishedAt: time.optional(),
    completions: z.int().min(1).default(1),
    parallelism: z.int().min(1).default(1),
    backoffLimit: z.int().min(0).default(6),
    succeeded: z.int().min(0).optional(),
    failed: z.int().min(0).optional(),
    pods: parts.podOverrides,
  };
  type Run = z.output<z.ZodObject<typeof run>>;
  const checkRun = (r: Run, ctx: z.RefinementCtx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (r.status === 'Running' && r.finishedAt) issue('finishedAt', 'a Running job has not finished');
    if (r.status !== 'Running' && !r.finishedAt) issue('finishedAt', `required when status is ${r.status}`);
    if (r.finishedAt && r.finishedAt < r.startedAt) issue('finishedAt', 'must not be before startedAt');
    if (r.succeeded !== undefined && r.succeeded > r.completions)
      issue('succeeded', `at most completions (${r.completions})`);
    if (r.status === 'Complete' && r.succeeded !== undefined && r.succeeded !== r.completions)
      issue('succeeded', `a Complete job has succeeded completions (${r.completions}) times`);
    if (r.status === 'Running' && r.succeeded === r.completions)
      issue('succeeded', 'a Running job has not succeeded every completion yet');
  };
  /** Counts filled in: a Complete job succeeded every time, a Failed one used up its backoff. */
  const withCounts = <R extends Run>(r: R) => {
    const succeeded = r.succeeded ?? (r.status === 'Complete' ? r.completions : 0);
    const failed = r.failed ?? (r.status === 'Failed' ? r.backoffLimit + 1 : 0);
    const active = r.status === 'Running' ? Math.min(r.parallelism, r.completions - succeeded) : 0;
    return { ...r, succeeded, failed, active };
  };
  const template = {
    ...identity,
    labels: parts.labels,
    containers: parts.containers,
    image: z.string().min(1),
    env: stringMap.optional().transform((env) => env ?? {}),
    restartPolicy: z.enum(['Never', 'OnFailure']).default('Never'),
  };
  const job = z
    .strictObject({ ...template, ...run })
    .superRefine(checkRun)
    .transform(withCounts)
    .transform(defaultLabels);
  const cronjob = z
    .strictObject({
      ...template,
      schedule: z.string().regex(/^(@\w+|\S+(\s+\S+){4})$/, 'expected a cron schedule such as "0 2 * * *"'),
      timeZone: z.string().optional(),
      suspend: z.boolean().default(false),
      jobs: z
        .array(z.strictObject(run).superRefine(checkRun).transform(withCounts))
        .default([])
        .superRefine((jobs, ctx) =>
          jobs.forEach((j, i) => {
            if (i > 0 && j.startedAt < jobs[i - 1]!.startedAt)
              ctx.addIssue({ code: 'custom', path: [i, 'startedAt'], message: 'jobs must be oldest first' });
          }),
        ),
    })
    .transform(defaultLabels);

  const hpa = z
    .strictObject({
      ...identity,
      target: z.string(),
      minReplicas: z.int().min(1).default(1),
      maxReplicas: z.int().min(1),
      metric: z
        .strictObject({ resource: z.enum(['cpu', 'memory']), utilization: z.int().min(1) })
        .default({ resource: 'cpu', utilization: 80 }),
      status: parts.hpaStatus.optional(),
    })
    .superRefine((h, ctx) => {
      if (h.minReplicas > h.maxReplicas)
        ctx.addIssue({
          code: 'custom',
          path: ['minReplicas'],
          message: `must not exceed maxReplicas (${h.maxReplicas})`,
        });
      h.status?.forEach((segment, i) => {
        for (const field of ['replicas', 'desired'] as const) {
          const n = segment[field];
          if (n !== undefined && n > h.maxReplicas)
            ctx.addIssue({
              code: 'custom',
              path: ['status', i, field],
              message: `${n} is above maxReplicas (${h.maxReplicas})`,
            });
        }
      });
    });

  const taint = z.strictObject({
    key: parts.labelKey,
    value: z.string().optional(),
    effect: z.enum(TAINT_EFFECTS),
    since: time.optional(),
  });

  return { daemonset, job, cronjob, hpa, taint };
}

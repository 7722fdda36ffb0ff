// The cross-section checks of DaemonSets, Jobs, CronJobs and HorizontalPodAutoscalers
// (checks.ts does the rest): their namespaces exist, their pod overrides fit the pods they
// have, a DaemonSet's pods stay on their nodes, an HPA scales a declared workload in its own
// namespace and runs, at spec.now, the replicas that workload is declared with.

import type { Catalog, PodCounts, Report, Spec } from './checks.ts';
import { runsOn } from './daemonsets.ts';
import { hpaStateAt } from './hpas.ts';
import { cronJobRunName } from './jobs.ts';
import { defaultNodes } from './nodes.ts';
import { parseRef, workloadKey } from './refs.ts';
import type { JobRunSpec, PodOverride } from './schema.ts';
import { podCount } from './workloads.ts';

interface Helpers {
  report: Report;
  checkRef(path: (string | number)[], text: string | undefined, kinds: readonly string[]): void;
  checkPodOverrides(
    workload: { name: string; pods: readonly PodOverride[] },
    replicas: number,
    createdAt: Date,
    path: (string | number)[],
    catalog: Catalog,
    report: Report,
  ): void;
  namespaceProblem(namespace: string): string;
}

/** How many pods a DaemonSet runs: one per node it runs on (the three default nodes without any listed). */
function daemonReplicas(spec: Spec, ds: Spec['kubernetes']['daemonsets'][number]): number {
  const nodes = spec.kubernetes.nodes.length ? spec.kubernetes.nodes : defaultNodes(0);
  return nodes.filter((node) => runsOn(ds, node)).length;
}

function jobCounts(run: JobRunSpec): PodCounts {
  return { replicas: run.active, pods: podCount(run.active, run.pods) + run.succeeded + run.failed };
}

/** `<Kind>/ns/name` and pod counts of the DaemonSets and Jobs (a CronJob's Jobs included). */
export function kindPodCounts(spec: Spec): [string, PodCounts][] {
  const k8s = spec.kubernetes;
  return [
    ...k8s.daemonsets.map((ds): [string, PodCounts] => {
      const replicas = daemonReplicas(spec, ds);
      return [
        workloadKey('DaemonSet', ds.namespace, ds.name),
        { replicas, pods: podCount(replicas, ds.pods) },
      ];
    }),
    ...k8s.jobs.map((job): [string, PodCounts] => [
      workloadKey('Job', job.namespace, job.name),
      jobCounts(job),
    ]),
    ...k8s.cronjobs.flatMap((cj) =>
      cj.jobs.map((run): [string, PodCounts] => [
        workloadKey('Job', cj.namespace, cronJobRunName(cj.name, run)),
        jobCounts(run),
      ]),
    ),
  ];
}

export function checkKinds(spec: Spec, catalog: Catalog, helpers: Helpers): void {
  const { report, checkRef, checkPodOverrides } = helpers;
  const k8s = spec.kubernetes;
  const at = (...path: (string | number)[]) => ['kubernetes', ...path];

  k8s.daemonsets.forEach((ds, i) => {
    checkPodOverrides(
      ds,
      daemonReplicas(spec, ds),
      ds.revisions.at(-1)!.at,
      at('daemonsets', i),
      catalog,
      report,
    );
    ds.pods.forEach((pod, j) => {
      if (pod.node !== undefined)
        report(
          at('daemonsets', i, 'pods', j, 'node'),
          "a DaemonSet's pod i runs on the i-th node the DaemonSet runs on",
        );
    });
  });
  k8s.jobs.forEach((job, i) => {
    checkPodOverrides(job, job.active, job.startedAt, at('jobs', i), catalog, report);
  });
  k8s.cronjobs.forEach((cj, i) => {
    cj.jobs.forEach((run, j) => {
      const name = cronJobRunName(cj.name, run);
      checkPodOverrides(
        { name, pods: run.pods },
        run.active,
        run.startedAt,
        at('cronjobs', i, 'jobs', j),
        catalog,
        report,
      );
    });
  });

  const seen = new Set<string>();
  k8s.horizontalpodautoscalers.forEach((hpa, i) => {
    const path = at('horizontalpodautoscalers', i);
    const key = `${hpa.namespace}/${hpa.name}`;
    if (seen.has(key)) report([...path, 'name'], `duplicate HorizontalPodAutoscaler ${key}`);
    seen.add(key);
    if (!catalog.namespaces.has(hpa.namespace))
      report([...path, 'namespace'], helpers.namespaceProblem(hpa.namespace));
    checkRef([...path, 'target'], hpa.target, ['Deployment', 'StatefulSet']);
    let ref: ReturnType<typeof parseRef>;
    try {
      ref = parseRef(hpa.target);
    } catch {
      return;
    }
    if (ref.namespace !== undefined && ref.namespace !== hpa.namespace) {
      report(
        [...path, 'target'],
        `${hpa.target}: an HPA scales a workload in its own namespace (${hpa.namespace})`,
      );
      return;
    }
    const list =
      ref.kind === 'Deployment' ? k8s.deployments : ref.kind === 'StatefulSet' ? k8s.statefulsets : [];
    const target = list.find((w) => w.namespace === ref.namespace && w.name === ref.name);
    if (!target || !hpa.status) return;
    const current = hpaStateAt(hpa, target.replicas, spec.now.getTime()).current;
    if (current !== target.replicas) {
      report(
        [...path, 'status'],
        `at spec.now the HPA has ${current} replicas but ${hpa.target} declares ${target.replicas}: they must agree`,
      );
    }
  });
}

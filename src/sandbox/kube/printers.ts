// Server-side printing: the columns and cells the API server's printers produce for each
// kind, so `kubectl get` shows the same NAME/READY/STATUS/RESTARTS/AGE a real cluster
// does. Columns with priority 1 appear only with `-o wide`; ages use the scenario clock.
// Custom resources print their CRD's additionalPrinterColumns (crds.ts).

import type { KubeObject } from '../world.ts';
import { ageSince, humanDuration } from './age.ts';
import { customCells } from './crds.ts';
import { conditionStatus, containersOf, type Json } from './objects.ts';
import { podStatusText } from './pod-status.ts';
import type { ResourceType } from './resources.ts';
import { formatLabelSelector } from './selectors.ts';

export interface Column {
  name: string;
  type: 'string' | 'integer';
  format: string;
  description: string;
  priority: number;
}

export type Cell = string | number;

interface Printer {
  columns: [name: string, type?: 'string' | 'integer', priority?: number][];
  cells(object: KubeObject, now: Date): Cell[];
}

const NONE = '<none>';

function age(object: KubeObject, now: Date): string {
  return ageSince(object.metadata.creationTimestamp, now);
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function images(object: KubeObject): [string, string] {
  const containers = containersOf((object.spec?.template as Json | undefined)?.spec as Json | undefined);
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}

function selectorText(object: KubeObject): string {
  return formatLabelSelector(object.spec?.selector) || NONE;
}

/** kubectl -o wide's last columns for an object with a pod template: its containers, images and selector. */
const TEMPLATE_COLUMNS: Printer['columns'] = [
  ['Containers', 'string', 1],
  ['Images', 'string', 1],
  ['Selector', 'string', 1],
];

function templateCells(object: KubeObject): Cell[] {
  return [...images(object), selectorText(object)];
}

const pod: Printer = {
  columns: [
    ['Name'],
    ['Ready'],
    ['Status'],
    ['Restarts'],
    ['Age'],
    ['IP', 'string', 1],
    ['Node', 'string', 1],
    ['Nominated Node', 'string', 1],
    ['Readiness Gates', 'string', 1],
  ],
  cells(object, now) {
    const { reason, ready, restarts, lastRestart } = podStatusText(object);
    const restartText =
      restarts !== 0 && lastRestart ? `${restarts} (${ageSince(lastRestart, now)} ago)` : String(restarts);
    const total = containersOf(object.spec).length;
    return [
      object.metadata.name,
      `${ready}/${total}`,
      reason,
      restartText,
      age(object, now),
      String(object.status?.podIP ?? NONE),
      String(object.spec?.nodeName ?? NONE),
      String(object.status?.nominatedNodeName ?? NONE),
      NONE,
    ];
  },
};

function nodeRoles(node: KubeObject): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((label) => label.startsWith('node-role.kubernetes.io/'))
    .map((label) => label.slice('node-role.kubernetes.io/'.length));
  const legacy = node.metadata.labels?.['kubernetes.io/role'];
  if (legacy) roles.push(legacy);
  return roles.join(',') || NONE;
}

function nodeAddress(node: KubeObject, type: string): string {
  const addresses = (node.status?.addresses ?? []) as { type: string; address: string }[];
  return addresses.find((address) => address.type === type)?.address ?? NONE;
}

const node: Printer = {
  columns: [
    ['Name'],
    ['Status'],
    ['Roles'],
    ['Age'],
    ['Version'],
    ['Internal-IP', 'string', 1],
    ['External-IP', 'string', 1],
    ['OS-Image', 'string', 1],
    ['Kernel-Version', 'string', 1],
    ['Container-Runtime', 'string', 1],
  ],
  cells(object, now) {
    const ready = conditionStatus(object, 'Ready');
    const status = [ready === undefined ? 'Unknown' : ready === 'True' ? 'Ready' : 'NotReady'];
    if (object.spec?.unschedulable) status.push('SchedulingDisabled');
    const info = (object.status?.nodeInfo ?? {}) as Record<string, string>;
    return [
      object.metadata.name,
      status.join(','),
      nodeRoles(object),
      age(object, now),
      info.kubeletVersion ?? '',
      nodeAddress(object, 'InternalIP'),
      nodeAddress(object, 'ExternalIP'),
      info.osImage ?? '<unknown>',
      info.kernelVersion ?? '<unknown>',
      info.containerRuntimeVersion ?? '<unknown>',
    ];
  },
};

const deployment: Printer = {
  columns: [
    ['Name'],
    ['Ready'],
    ['Up-to-date', 'integer'],
    ['Available', 'integer'],
    ['Age'],
    ...TEMPLATE_COLUMNS,
  ],
  cells(object, now) {
    const status = object.status ?? {};
    const desired = num(object.spec?.replicas ?? 1);
    return [
      object.metadata.name,
      `${num(status.readyReplicas)}/${desired}`,
      num(status.updatedReplicas),
      num(status.availableReplicas),
      age(object, now),
      ...templateCells(object),
    ];
  },
};

const replicaSet: Printer = {
  columns: [
    ['Name'],
    ['Desired', 'integer'],
    ['Current', 'integer'],
    ['Ready', 'integer'],
    ['Age'],
    ...TEMPLATE_COLUMNS,
  ],
  cells(object, now) {
    const status = object.status ?? {};
    return [
      object.metadata.name,
      num(object.spec?.replicas ?? 1),
      num(status.replicas),
      num(status.readyReplicas),
      age(object, now),
      ...templateCells(object),
    ];
  },
};

const statefulSet: Printer = {
  columns: [['Name'], ['Ready'], ['Age'], ['Containers', 'string', 1], ['Images', 'string', 1]],
  cells(object, now) {
    return [
      object.metadata.name,
      `${num(object.status?.readyReplicas)}/${num(object.spec?.replicas ?? 1)}`,
      age(object, now),
      ...images(object),
    ];
  },
};

const daemonSet: Printer = {
  columns: [
    ['Name'],
    ['Desired', 'integer'],
    ['Current', 'integer'],
    ['Ready', 'integer'],
    ['Up-to-date', 'integer'],
    ['Available', 'integer'],
    ['Node Selector'],
    ['Age'],
    ...TEMPLATE_COLUMNS,
  ],
  cells(object, now) {
    const status = object.status ?? {};
    const nodeSelector = ((object.spec?.template as Json | undefined)?.spec as Json | undefined)
      ?.nodeSelector as Record<string, string> | undefined;
    const nodeSelectorText =
      Object.entries(nodeSelector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || NONE;
    return [
      object.metadata.name,
      num(status.desiredNumberScheduled),
      num(status.currentNumberScheduled),
      num(status.numberReady),
      num(status.updatedNumberScheduled),
      num(status.numberAvailable),
      nodeSelectorText,
      age(object, now),
      ...templateCells(object),
    ];
  },
};

interface ServicePort {
  port: number;
  nodePort?: number;
  protocol?: string;
}

const service: Printer = {
  columns: [
    ['Name'],
    ['Type'],
    ['Cluster-IP'],
    ['External-IP'],
    ['Port(s)'],
    ['Age'],
    ['Selector', 'string', 1],
  ],
  cells(object, now) {
    const spec = object.spec ?? {};
    const type = String(spec.type ?? 'ClusterIP');
    const ingress = ((object.status?.loadBalancer as Json | undefined)?.ingress ?? []) as {
      ip?: string;
      hostname?: string;
    }[];
    const external = [
      ...((spec.externalIPs as string[] | undefined) ?? []),
      ...ingress.map((i) => i.ip ?? i.hostname ?? ''),
    ];
    const externalText = external.length ? external.join(',') : type === 'LoadBalancer' ? '<pending>' : NONE;
    const ports = ((spec.ports ?? []) as ServicePort[]).map(
      (p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
    );
    const selector = Object.entries((spec.selector ?? {}) as Record<string, string>)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return [
      object.metadata.name,
      type,
      String(spec.clusterIP ?? NONE),
      externalText,
      ports.join(',') || NONE,
      age(object, now),
      selector || NONE,
    ];
  },
};

const endpoints: Printer = {
  columns: [['Name'], ['Endpoints'], ['Age']],
  cells(object, now) {
    const subsets = (object.subsets ?? []) as { addresses?: { ip: string }[]; ports?: { port: number }[] }[];
    const all = subsets.flatMap((s) =>
      (s.addresses ?? []).flatMap((a) =>
        s.ports?.length ? s.ports.map((p) => `${a.ip}:${p.port}`) : [a.ip],
      ),
    );
    const shown = all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
    return [object.metadata.name, shown || NONE, age(object, now)];
  },
};

const event: Printer = {
  columns: [
    ['Last Seen'],
    ['Type'],
    ['Reason'],
    ['Object'],
    ['Subobject', 'string', 1],
    ['Source', 'string', 1],
    ['Message'],
    ['First Seen', 'string', 1],
    ['Count', 'integer', 1],
    ['Name', 'string', 1],
  ],
  cells(object, now) {
    const involved = (object.involvedObject ?? {}) as Record<string, string>;
    const source = (object.source ?? {}) as Record<string, string>;
    const first = ageSince(object.firstTimestamp ?? object.eventTime, now);
    const last = object.lastTimestamp ? ageSince(object.lastTimestamp, now) : first;
    const kind = String(involved.kind ?? '').toLowerCase();
    return [
      last,
      String(object.type ?? ''),
      String(object.reason ?? ''),
      involved.name ? `${kind}/${involved.name}` : kind,
      involved.fieldPath ?? '',
      [source.component ?? object.reportingComponent, source.host].filter(Boolean).join(', '),
      String(object.message ?? '').trim(),
      first,
      num(object.count) || 1,
      object.metadata.name,
    ];
  },
};

function hasCondition(object: KubeObject, type: string): boolean {
  return conditionStatus(object, type) === 'True';
}

const job: Printer = {
  columns: [['Name'], ['Status'], ['Completions'], ['Duration'], ['Age'], ...TEMPLATE_COLUMNS],
  cells(object, now) {
    const spec = object.spec ?? {};
    const status = object.status ?? {};
    const succeeded = num(status.succeeded);
    const parallelism = num(spec.parallelism);
    const completions =
      spec.completions !== undefined
        ? `${succeeded}/${num(spec.completions)}`
        : parallelism > 1
          ? `${succeeded}/1 of ${parallelism}`
          : `${succeeded}/1`;
    const start = typeof status.startTime === 'string' ? Date.parse(status.startTime) : undefined;
    const end = typeof status.completionTime === 'string' ? Date.parse(status.completionTime) : now.getTime();
    const state = hasCondition(object, 'Complete')
      ? 'Complete'
      : hasCondition(object, 'Failed')
        ? 'Failed'
        : object.metadata.deletionTimestamp
          ? 'Terminating'
          : hasCondition(object, 'Suspended')
            ? 'Suspended'
            : hasCondition(object, 'FailureTarget')
              ? 'FailureTarget'
              : 'Running';
    return [
      object.metadata.name,
      state,
      completions,
      start === undefined ? '' : humanDuration(end - start),
      age(object, now),
      ...templateCells(object),
    ];
  },
};

const cronJob: Printer = {
  columns: [
    ['Name'],
    ['Schedule'],
    ['Timezone'],
    ['Suspend'],
    ['Active', 'integer'],
    ['Last Schedule'],
    ['Age'],
    ...TEMPLATE_COLUMNS,
  ],
  cells(object, now) {
    const spec = object.spec ?? {};
    const jobSpec = ((spec.jobTemplate as Json | undefined)?.spec ?? {}) as Json;
    const last = object.status?.lastScheduleTime;
    return [
      object.metadata.name,
      String(spec.schedule ?? ''),
      String(spec.timeZone ?? NONE),
      spec.suspend ? 'True' : 'False',
      ((object.status?.active ?? []) as unknown[]).length,
      last ? ageSince(last, now) : NONE,
      age(object, now),
      ...templateCells({ ...object, spec: jobSpec }),
    ];
  },
};

interface HpaMetric {
  type?: string;
  resource?: {
    name?: string;
    target?: { averageUtilization?: number };
    current?: { averageUtilization?: number };
  };
}

const hpa: Printer = {
  columns: [
    ['Name'],
    ['Reference'],
    ['Targets'],
    ['MinPods'],
    ['MaxPods', 'integer'],
    ['Replicas', 'integer'],
    ['Age'],
  ],
  cells(object, now) {
    const spec = object.spec ?? {};
    const ref = (spec.scaleTargetRef ?? {}) as { kind?: string; name?: string };
    const current = (object.status?.currentMetrics ?? []) as HpaMetric[];
    const targets = ((spec.metrics ?? []) as HpaMetric[]).map((metric, i) => {
      const value = current[i]?.resource?.current?.averageUtilization;
      const goal = metric.resource?.target?.averageUtilization;
      return `${value === undefined ? '<unknown>' : `${value}%`}/${goal === undefined ? '<auto>' : `${goal}%`}`;
    });
    return [
      object.metadata.name,
      `${ref.kind}/${ref.name}`,
      targets.join(', ') || NONE,
      spec.minReplicas === undefined ? '<unset>' : String(spec.minReplicas),
      num(spec.maxReplicas),
      num(object.status?.currentReplicas),
      age(object, now),
    ];
  },
};

function simple(columns: Printer['columns'], cells: (object: KubeObject) => Cell[]): Printer {
  return {
    columns: [['Name'], ...columns, ['Age']],
    cells: (object, now) => [object.metadata.name, ...cells(object), age(object, now)],
  };
}

function intOrNA(value: unknown): string {
  return value === undefined ? 'N/A' : String(value);
}

const PRINTERS: Record<string, Printer> = {
  Pod: pod,
  Node: node,
  Deployment: deployment,
  ReplicaSet: replicaSet,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: job,
  CronJob: cronJob,
  HorizontalPodAutoscaler: hpa,
  Service: service,
  Endpoints: endpoints,
  Event: event,
  Namespace: simple([['Status']], (o) => [String(o.status?.phase ?? 'Active')]),
  ConfigMap: simple([['Data', 'integer']], (o) => [
    Object.keys((o.data ?? {}) as Json).length + Object.keys((o.binaryData ?? {}) as Json).length,
  ]),
  Secret: simple([['Type'], ['Data', 'integer']], (o) => [
    String(o.type ?? 'Opaque'),
    Object.keys((o.data ?? {}) as Json).length,
  ]),
  PodDisruptionBudget: simple(
    [['Min Available'], ['Max Unavailable'], ['Allowed Disruptions', 'integer']],
    (o) => [
      intOrNA(o.spec?.minAvailable),
      intOrNA(o.spec?.maxUnavailable),
      num(o.status?.disruptionsAllowed),
    ],
  ),
};

const DEFAULT_PRINTER = simple([], () => []);

/** The printer of a resource: its CRD's columns when it has any, else the built-in one for its kind. */
function printerOf(resource: ResourceType): Printer {
  const custom = resource.printerColumns;
  if (!custom?.length) return PRINTERS[resource.kind] ?? DEFAULT_PRINTER;
  return {
    columns: [
      ['Name'],
      ...custom.map((c): Printer['columns'][number] => [
        c.name,
        c.type === 'integer' ? 'integer' : 'string',
        c.priority,
      ]),
    ],
    cells: (object, now) => customCells(custom, object, now),
  };
}

export function printerColumns(resource: ResourceType): Column[] {
  return printerOf(resource).columns.map(([name, type = 'string', priority = 0]) => ({
    name,
    type,
    format: name === 'Name' && priority === 0 ? 'name' : '',
    description: `${name} of the ${resource.kind}`,
    priority,
  }));
}

export function printerCells(resource: ResourceType, object: KubeObject, now: Date): Cell[] {
  return printerOf(resource).cells(object, now);
}

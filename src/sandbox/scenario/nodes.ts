// Nodes as `kubectl get/describe node` shows them: capacity, the four kubelet conditions
// (healthy unless the scenario lists otherwise), the taints a pressure condition or a
// cordon adds and the scenario's own (a new node's), its creation time, and the events a kubelet emits when a condition turns. A scenario without
// nodes gets three ordinary ones, because pods have to run somewhere.

import type { KubeObject } from '../world.ts';
import { objectMeta, objectUid } from './identity.ts';
import { hash32, randomHex, streamRandom } from './random.ts';
import type { NodeSpec, ScenarioSpec } from './schema.ts';
import { kubeTime } from './time.ts';

export interface NodePlan {
  spec: NodeSpec;
  internalIP: string;
  schedulable: boolean;
}

interface ConditionLook {
  reason: string;
  message: string;
  /** Event reason when the condition is in this state because the scenario says so. */
  event?: string;
  taint?: { key: string; effect: 'NoSchedule' | 'NoExecute' };
}

/** The kubelet's wording for each condition and status. */
const CONDITIONS: Record<string, Record<string, ConditionLook>> = {
  MemoryPressure: {
    False: { reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    True: {
      reason: 'KubeletHasInsufficientMemory',
      message: 'kubelet has insufficient memory available',
      event: 'NodeHasInsufficientMemory',
      taint: { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
    },
  },
  DiskPressure: {
    False: { reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    True: {
      reason: 'KubeletHasDiskPressure',
      message: 'kubelet has disk pressure',
      event: 'NodeHasDiskPressure',
      taint: { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
    },
  },
  PIDPressure: {
    False: { reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    True: {
      reason: 'KubeletHasInsufficientPID',
      message: 'kubelet has insufficient PID available',
      event: 'NodeHasInsufficientPID',
      taint: { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule' },
    },
  },
  Ready: {
    True: { reason: 'KubeletReady', message: 'kubelet is posting ready status' },
    False: {
      reason: 'KubeletNotReady',
      message: 'container runtime status check may not have completed yet',
      event: 'NodeNotReady',
      taint: { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
    },
    Unknown: {
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      event: 'NodeNotReady',
      taint: { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
    },
  },
};
const HEALTHY: Record<string, string> = {
  MemoryPressure: 'False',
  DiskPressure: 'False',
  PIDPressure: 'False',
  Ready: 'True',
};

const DEFAULT_CAPACITY = { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' };

export function planNodes(spec: ScenarioSpec): NodePlan[] {
  const listed = spec.kubernetes.nodes.length ? spec.kubernetes.nodes : defaultNodes(spec.seed);
  return listed.map((node, index) => ({
    spec: node,
    internalIP: ipFromName(node.name) ?? `10.0.${index}.${10 + (hash32(node.name) % 200)}`,
    schedulable: !node.unschedulable,
  }));
}

export function defaultNodes(seed: number): NodeSpec[] {
  const random = streamRandom(seed, 'default-nodes');
  return [1, 2, 3].map((subnet) => ({
    name: `ip-10-0-${subnet}-${random.int(10, 250)}`,
    labels: {},
    capacity: {},
    conditions: [],
    unschedulable: false,
    taints: [],
  }));
}

/** `ip-10-0-1-42` (the EC2 private DNS naming) is 10.0.1.42. */
function ipFromName(name: string): string | undefined {
  const match = /^ip-(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})(?:\.|$)/.exec(name);
  return match ? match.slice(1, 5).join('.') : undefined;
}

/** Whether a taint of the scenario's keeps ordinary pods off the node (NoSchedule, NoExecute). */
export function hasHardTaint(plan: NodePlan): boolean {
  return plan.spec.taints.some((taint) => taint.effect !== 'PreferNoSchedule');
}

/** `clusterCreated` unless the scenario says when the node joined. */
export function nodeCreated(spec: NodeSpec, clusterCreated: Date): Date {
  return spec.created ?? clusterCreated;
}

export function nodeObject(plan: NodePlan, seed: number, clusterCreated: Date, now: Date): KubeObject {
  const { spec } = plan;
  const created = nodeCreated(spec, clusterCreated);
  const capacity = { ...DEFAULT_CAPACITY, ...spec.capacity };
  const conditions = nodeConditions(spec, created);
  const taints: { key: string; value?: string; effect: string; timeAdded?: string }[] = [
    ...spec.taints.map(({ since, ...taint }) => ({ ...taint, timeAdded: kubeTime(since ?? created) })),
    ...conditions.flatMap((c) => {
      const taint = CONDITIONS[c.type]?.[c.status]?.taint;
      return taint ? [{ ...taint, timeAdded: c.lastTransitionTime }] : [];
    }),
  ];
  if (spec.unschedulable) {
    taints.push({
      key: 'node.kubernetes.io/unschedulable',
      effect: 'NoSchedule',
      timeAdded: kubeTime(created),
    });
  }
  const random = streamRandom(seed, `node-info/${spec.name}`);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: objectMeta(seed, {
      kind: 'Node',
      name: spec.name,
      created,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        ...spec.labels,
      },
    }),
    spec: {
      ...(spec.unschedulable ? { unschedulable: true } : {}),
      ...(taints.length ? { taints } : {}),
    },
    status: {
      capacity,
      allocatable: capacity,
      conditions: conditions.map((c) => ({ ...c, lastHeartbeatTime: kubeTime(now) })),
      addresses: [
        { type: 'InternalIP', address: plan.internalIP },
        { type: 'Hostname', address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: objectUid(seed, 'Boot', undefined, spec.name),
        containerRuntimeVersion: 'containerd://1.7.22',
        kernelVersion: '6.1.109-118.189.amzn2023.x86_64',
        kubeProxyVersion: 'v1.30.4',
        kubeletVersion: 'v1.30.4',
        machineID: randomHex(random, 32),
        operatingSystem: 'linux',
        osImage: 'Amazon Linux 2023.5.20240916',
        systemUUID: objectUid(seed, 'System', undefined, spec.name),
      },
    },
  };
}

interface NodeCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
}

function nodeConditions(spec: NodeSpec, created: Date): NodeCondition[] {
  const listed = new Map(spec.conditions.map((c) => [c.type, c]));
  const types = [
    ...Object.keys(HEALTHY),
    ...spec.conditions.map((c) => c.type).filter((t) => !(t in HEALTHY)),
  ];
  return types.map((type) => {
    const condition = listed.get(type);
    const status = condition?.status ?? HEALTHY[type]!;
    const look = CONDITIONS[type]?.[status];
    return {
      type,
      status,
      reason: condition?.reason ?? look?.reason ?? type,
      message: condition?.message ?? look?.message ?? `${type} is ${status}`,
      lastTransitionTime: kubeTime(condition?.since ?? created),
    };
  });
}

export interface NodeEvent {
  node: string;
  at: Date;
  reason: string;
  message: string;
}

/** What the kubelet reports when a listed condition leaves its healthy state. */
export function nodeConditionEvents(plan: NodePlan, created: Date): NodeEvent[] {
  return plan.spec.conditions.flatMap((condition) => {
    if (HEALTHY[condition.type] === condition.status) return [];
    const custom = !(condition.type in HEALTHY) && condition.status === 'True';
    const reason =
      CONDITIONS[condition.type]?.[condition.status]?.event ??
      (custom ? (condition.reason ?? condition.type) : undefined);
    if (!reason) return [];
    return [
      {
        node: plan.spec.name,
        at: condition.since ?? created,
        reason,
        message: `Node ${plan.spec.name} status is now: ${reason}`,
      },
    ];
  });
}

// Events the simulated controllers emit, shaped as core/v1 Events the way Kubernetes'
// recorders write them (`kubectl get events` and `kubectl describe` read these). Events
// about cluster-scoped objects (Nodes) live in the `default` namespace, as they do for real.

import type { KubeObject } from '../world.ts';
import type { Cluster } from './cluster.ts';

export interface EventSpec {
  type?: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `default-scheduler`, `kubelet`, `deployment-controller`, … */
  component: string;
  /** The node a kubelet event comes from. */
  host?: string;
  /** `spec.containers{app}` for container events. */
  fieldPath?: string;
}

export function recordEvent(cluster: Cluster, about: KubeObject, spec: EventSpec): void {
  const time = cluster.nowIso();
  const namespace = about.metadata.namespace ?? 'default';
  cluster.create({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${about.metadata.name}.${cluster.eventSuffix()}`,
      namespace,
      uid: cluster.ids.uid(),
      creationTimestamp: time,
    },
    involvedObject: {
      apiVersion: about.apiVersion,
      kind: about.kind,
      name: about.metadata.name,
      ...(about.metadata.namespace ? { namespace: about.metadata.namespace } : {}),
      uid: about.metadata.uid,
      resourceVersion: about.metadata.resourceVersion,
      ...(spec.fieldPath ? { fieldPath: spec.fieldPath } : {}),
    },
    reason: spec.reason,
    message: spec.message,
    source: { component: spec.component, ...(spec.host ? { host: spec.host } : {}) },
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
    type: spec.type ?? 'Normal',
    eventTime: null,
    reportingComponent: spec.component,
    reportingInstance: spec.host ?? '',
  });
}

// What the API server does to a written object before storing it: fill defaults on create
// (replicas, rollout strategy, pod spec defaults) and validate, answering 422 Invalid with
// one cause per bad field the way `kubectl` prints them ("spec.replicas: Invalid value: -1:
// must be greater than or equal to 0"). The checks cover what the simulator's controllers
// rely on, not every rule of the real API.

import { canonicalJson } from '../../canonical.ts';
import type { KubeObject } from '../world.ts';
import { crdCauses, crdStatus } from './crds.ts';
import { invalid, invalidValue, requiredValue, type StatusCause } from './errors.ts';
import { containersOf, type Json, templateOf } from './objects.ts';
import { qosClass, withPodDefaults } from './pods.ts';
import type { ResourceType } from './resources.ts';
import { labelSelectorRequirements, matchesLabels } from './selectors.ts';

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/**
 * The update strategy the API server defaults on a StatefulSet or DaemonSet, with or without a
 * given type (a RollingUpdate without parameters gets them); `kubectl rollout status` reads it.
 */
export function withUpdateStrategy(object: KubeObject): KubeObject {
  if (!object.spec || (object.kind !== 'StatefulSet' && object.kind !== 'DaemonSet')) return object;
  const given = (object.spec.updateStrategy ?? {}) as { type?: string; rollingUpdate?: Json };
  const type = given.type ?? 'RollingUpdate';
  const defaults = object.kind === 'StatefulSet' ? { partition: 0 } : { maxUnavailable: 1, maxSurge: 0 };
  object.spec.updateStrategy =
    type === 'RollingUpdate'
      ? { ...given, type, rollingUpdate: { ...defaults, ...given.rollingUpdate } }
      : { ...given, type };
  return object;
}

/** Defaults the API server fills in on create. */
export function withCreateDefaults(object: KubeObject): KubeObject {
  const spec = (object.spec ?? {}) as Json;
  switch (object.kind) {
    case 'Deployment':
      object.spec = {
        replicas: 1,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        ...spec,
      };
      break;
    case 'StatefulSet':
      object.spec = { replicas: 1, revisionHistoryLimit: 10, podManagementPolicy: 'OrderedReady', ...spec };
      withUpdateStrategy(object);
      break;
    case 'DaemonSet':
      object.spec = { revisionHistoryLimit: 10, ...spec };
      withUpdateStrategy(object);
      break;
    case 'ReplicaSet':
      object.spec = { replicas: 1, ...spec };
      break;
    case 'Pod':
      object.spec = withPodDefaults(spec);
      object.status = { phase: 'Pending', qosClass: qosClass(containersOf(spec)) };
      break;
    case 'Namespace':
      object.metadata.labels = {
        ...object.metadata.labels,
        'kubernetes.io/metadata.name': object.metadata.name,
      };
      object.spec = { finalizers: ['kubernetes'], ...spec };
      object.status = { phase: 'Active' };
      break;
    case 'Service':
      object.spec = { type: 'ClusterIP', sessionAffinity: 'None', ...spec };
      break;
    case 'CustomResourceDefinition':
      if (object.apiVersion === 'apiextensions.k8s.io/v1')
        object.status = crdStatus(object, object.metadata.creationTimestamp);
      break;
  }
  return object;
}

function metadataCauses(type: ResourceType, object: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const { name } = object.metadata;
  const pattern = type.kind === 'Namespace' ? LABEL : SUBDOMAIN;
  if (!name) causes.push(requiredValue('metadata.name'));
  else if (!pattern.test(name) || name.length > (type.kind === 'Namespace' ? 63 : 253)) {
    causes.push(
      invalidValue(
        'metadata.name',
        name,
        "a lowercase RFC 1123 name must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      ),
    );
  }
  for (const [key, value] of Object.entries(object.metadata.labels ?? {})) {
    const [prefix, labelName] = key.includes('/') ? key.split('/', 2) : [undefined, key];
    if (
      !labelName ||
      !LABEL_NAME.test(labelName) ||
      labelName.length > 63 ||
      (prefix !== undefined && !SUBDOMAIN.test(prefix))
    ) {
      causes.push(
        invalidValue(
          'metadata.labels',
          key,
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        ),
      );
    }
    if (typeof value !== 'string' || !LABEL_VALUE.test(value) || value.length > 63) {
      causes.push(
        invalidValue(
          'metadata.labels',
          value,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        ),
      );
    }
  }
  return causes;
}

function containerCauses(podSpec: Json | undefined, path: string): StatusCause[] {
  const containers = containersOf(podSpec);
  if (containers.length === 0) return [requiredValue(`${path}.containers`)];
  return containers.flatMap((container, index) => [
    ...(container.name ? [] : [requiredValue(`${path}.containers[${index}].name`)]),
    ...(container.image ? [] : [requiredValue(`${path}.containers[${index}].image`)]),
  ]);
}

export function replicasCauses(replicas: unknown, field = 'spec.replicas'): StatusCause[] {
  if (replicas === undefined) return [];
  if (!Number.isInteger(replicas) || (replicas as number) < 0) {
    return [invalidValue(field, replicas, 'must be greater than or equal to 0')];
  }
  return [];
}

function workloadCauses(object: KubeObject): StatusCause[] {
  const causes = replicasCauses(object.spec?.replicas);
  const selector = object.spec?.selector;
  const template = templateOf(object);
  if (!selector) causes.push(requiredValue('spec.selector'));
  else if (
    !matchesLabels(labelSelectorRequirements(selector), template.metadata?.labels as Record<string, string>)
  ) {
    causes.push(
      invalidValue(
        'spec.template.metadata.labels',
        template.metadata?.labels ?? {},
        '`selector` does not match template `labels`',
      ),
    );
  }
  return [...causes, ...containerCauses(template.spec, 'spec.template.spec')];
}

/** Throws 422 Invalid when the object cannot be stored; `previous` is set on updates. */
export function validate(type: ResourceType, object: KubeObject, previous?: KubeObject): void {
  const causes = metadataCauses(type, object);
  if (WORKLOADS.has(object.kind)) causes.push(...workloadCauses(object));
  if (object.kind === 'Pod') causes.push(...containerCauses(object.spec, 'spec'));
  if (type.kind === 'CustomResourceDefinition') causes.push(...crdCauses(object));
  if (
    object.kind === 'PodDisruptionBudget' &&
    object.spec?.minAvailable !== undefined &&
    object.spec?.maxUnavailable !== undefined
  ) {
    causes.push(invalidValue('spec', object.spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  if (
    previous &&
    WORKLOADS.has(object.kind) &&
    canonicalJson(previous.spec?.selector ?? null) !== canonicalJson(object.spec?.selector ?? null)
  ) {
    causes.push(invalidValue('spec.selector', object.spec?.selector, 'field is immutable'));
  }
  if (causes.length > 0) throw invalid(type, object.metadata.name, causes);
}

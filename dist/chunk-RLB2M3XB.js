import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);

// src/backends/errors.ts
var BackendError = class extends Error {
  status;
  constructor(message, status) {
    super(message);
    this.status = status;
  }
};

// src/backends/kubernetes/types.ts
var KUBE_KINDS = {
  Pod: { apiVersion: "v1", namespaced: true },
  Event: { apiVersion: "v1", namespaced: true },
  ConfigMap: { apiVersion: "v1", namespaced: true },
  Service: { apiVersion: "v1", namespaced: true },
  Node: { apiVersion: "v1", namespaced: false },
  Namespace: { apiVersion: "v1", namespaced: false },
  Deployment: { apiVersion: "apps/v1", namespaced: true },
  StatefulSet: { apiVersion: "apps/v1", namespaced: true },
  DaemonSet: { apiVersion: "apps/v1", namespaced: true },
  ReplicaSet: { apiVersion: "apps/v1", namespaced: true },
  // StatefulSet and DaemonSet history; read by k8s_rollout_history, not offered as a kind to get.
  ControllerRevision: { apiVersion: "apps/v1", namespaced: true },
  Ingress: { apiVersion: "networking.k8s.io/v1", namespaced: true },
  HorizontalPodAutoscaler: { apiVersion: "autoscaling/v2", namespaced: true },
  PodDisruptionBudget: { apiVersion: "policy/v1", namespaced: true },
  Job: { apiVersion: "batch/v1", namespaced: true },
  CronJob: { apiVersion: "batch/v1", namespaced: true },
  // Argo CD's CRD: absent on clusters without Argo CD, where reads fail with a 404 KubeError.
  Application: { apiVersion: "argoproj.io/v1alpha1", namespaced: true }
};
var KubeError = class extends BackendError {
  name = "KubeError";
};

export {
  BackendError,
  KUBE_KINDS,
  KubeError
};

// Tools of the Kubernetes area: what an on-call engineer gets from kubectl, and the
// handful of remediations that fix most incidents.
import k8sClustersList from './k8s_clusters_list.ts';
import k8sConfigmapPatch from './k8s_configmap_patch.ts';
import k8sDeploymentScale from './k8s_deployment_scale.ts';
import k8sEventsList from './k8s_events_list.ts';
import k8sNamespacesList from './k8s_namespaces_list.ts';
import k8sNodeCordon from './k8s_node_cordon.ts';
import k8sNodeDrain from './k8s_node_drain.ts';
import k8sNodeUncordon from './k8s_node_uncordon.ts';
import k8sNodesList from './k8s_nodes_list.ts';
import k8sNodesTop from './k8s_nodes_top.ts';
import k8sPodDelete from './k8s_pod_delete.ts';
import k8sPodExec from './k8s_pod_exec.ts';
import k8sPodLogs from './k8s_pod_logs.ts';
import k8sPodsList from './k8s_pods_list.ts';
import k8sPodsTop from './k8s_pods_top.ts';
import k8sResourceGet from './k8s_resource_get.ts';
import k8sResourcesList from './k8s_resources_list.ts';
import k8sRolloutHistory from './k8s_rollout_history.ts';
import k8sRolloutRestart from './k8s_rollout_restart.ts';
import k8sRolloutStatus from './k8s_rollout_status.ts';
import k8sRolloutUndo from './k8s_rollout_undo.ts';

export const kubernetesTools = [
  k8sPodsList,
  k8sPodLogs,
  k8sEventsList,
  k8sResourcesList,
  k8sResourceGet,
  k8sNamespacesList,
  k8sClustersList,
  k8sRolloutHistory,
  k8sRolloutStatus,
  k8sNodesList,
  k8sPodsTop,
  k8sNodesTop,
  k8sRolloutRestart,
  k8sRolloutUndo,
  k8sDeploymentScale,
  k8sPodDelete,
  k8sPodExec,
  k8sConfigmapPatch,
  k8sNodeCordon,
  k8sNodeUncordon,
  k8sNodeDrain,
];

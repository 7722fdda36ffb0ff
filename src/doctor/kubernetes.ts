// Doctor's checks of each configured cluster, with the credentials opswarden itself would
// use (kubeconfig context or the pod's service account): is the API server there, does it
// accept them, and may they do what the enabled tools do. The last is asked of the cluster
// with SelfSubjectAccessReview, one review per access (kube-access.ts), so the answer is
// the cluster's RBAC, not a guess from the kubeconfig.

import { ApiException, AuthorizationV1Api, type KubeConfig, VersionApi } from '@kubernetes/client-node';
import { contextKubeConfig, loadKubeContexts } from '../backends/kubernetes/client.ts';
import type { Config } from '../config/schema.ts';
import { type Check, errorText, failed, passed, shownUrl } from './check.ts';
import { type KubeAccess, kubeAccessFor, parseKubeAccess } from './kube-access.ts';

type Needed = ReturnType<typeof kubeAccessFor>;

const statusOf = (err: unknown) => (err instanceof ApiException ? err.code : undefined);

async function allowed(authz: AuthorizationV1Api, access: KubeAccess): Promise<boolean> {
  const review = await authz.createSelfSubjectAccessReview({
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          verb: access.verb,
          group: access.group,
          resource: access.resource,
          ...(access.subresource ? { subresource: access.subresource } : {}),
        },
      },
    },
  });
  return review.status?.allowed === true;
}

async function clusterChecks(cluster: string, kc: KubeConfig, needed: Needed): Promise<Check[]> {
  const subject = `kubernetes ${cluster}`;
  const server = shownUrl(kc.getCurrentCluster()?.server ?? '');
  const user = kc.getCurrentUser()?.name ?? 'the service account';
  let reachable: Check;
  try {
    const version = await kc.makeApiClient(VersionApi).getCode();
    reachable = passed(subject, `reachable at ${server} (Kubernetes ${version.gitVersion})`);
  } catch (err) {
    const status = statusOf(err);
    if (status === undefined) {
      return [
        failed(
          subject,
          `unreachable at ${server}: ${errorText(err)}`,
          "check the context's server in the kubeconfig, the VPN or tunnel, and that the cluster is up",
        ),
      ];
    }
    reachable = passed(subject, `reachable at ${server} (HTTP ${status} on /version)`);
  }
  const authz = kc.makeApiClient(AuthorizationV1Api);
  let answers: { need: Needed[number]; allowed: boolean }[];
  try {
    answers = await Promise.all(
      needed.map(async (need) => ({ need, allowed: await allowed(authz, need.access) })),
    );
  } catch (err) {
    const status = statusOf(err);
    const fix =
      status === 401
        ? `renew the credentials of kubeconfig user ${user} (expired token or certificate?)`
        : 'the API server refused access reviews; check its authorization setup';
    return [reachable, failed(subject, `credentials refused: ${errorText(err)}`, fix)];
  }
  const credentials = passed(subject, `credentials of ${user} accepted`);
  const missing = answers.filter((a) => !a.allowed);
  if (missing.length === 0) {
    const tools = new Set(needed.flatMap((n) => n.tools)).size;
    return [
      reachable,
      credentials,
      passed(subject, `RBAC grants all ${needed.length} permissions ${tools} enabled tools need`),
    ];
  }
  const tools = [...new Set(missing.flatMap((m) => m.need.tools))].sort();
  return [
    reachable,
    credentials,
    failed(
      subject,
      `RBAC missing: ${missing.map((m) => m.need.access.text).join(', ')} (needed by ${tools.join(', ')})`,
      `grant them to ${user} (a ClusterRole and binding), or set server.readOnly: true to serve read tools only`,
    ),
  ];
}

export async function kubernetesChecks(config: Config, toolNames: readonly string[]): Promise<Check[]> {
  const k = config.kubernetes;
  if (!k) return [];
  let loaded: ReturnType<typeof loadKubeContexts>;
  try {
    loaded = loadKubeContexts(
      {
        inCluster: k.inCluster,
        ...(k.kubeconfig ? { kubeconfig: k.kubeconfig } : {}),
        ...(k.clusters ? { clusters: k.clusters } : {}),
        ...(k.defaultCluster ? { defaultCluster: k.defaultCluster } : {}),
      },
      process.env,
      '',
    );
  } catch (err) {
    return [
      failed(
        'kubernetes',
        errorText(err),
        'fix the kubernetes section: kubeconfig, clusters (contexts from `kubectl config get-contexts`), defaultCluster',
      ),
    ];
  }
  const needed = [
    ...kubeAccessFor(toolNames),
    ...(k.impersonate
      ? [{ access: parseKubeAccess('impersonate users'), tools: ['kubernetes.impersonate'] }]
      : []),
  ];
  const perCluster = await Promise.all(
    [...loaded.contexts].map(([cluster, context]) =>
      clusterChecks(cluster, contextKubeConfig(loaded.base, context), needed),
    ),
  );
  return perCluster.flat();
}

// Discovery documents: /version, /api, /apis and one APIResourceList per group version.
// These are the unaggregated (v1) forms; kubectl asks for aggregated discovery first and
// falls back to these when the answer is plain JSON. The subresource entries matter:
// kubectl drain looks for `pods/eviction` (kind Eviction, group policy) and kubectl scale
// for `<resource>/scale` (kind Scale, autoscaling/v1). Every document describes the
// resource types the cluster serves right now (custom resources once installed).

import { groupVersion, OBJECT_VERBS, type ResourceType, servedGroupVersions } from './resources.ts';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/**
 * authorization.k8s.io/v1 as far as the simulator serves it: SelfSubjectAccessReview, posted
 * to access-review.ts and no resource of the table. Clients built on client-go's REST mapper
 * (kubernetes-mcp-server) look the kind up in discovery before posting a review, and treat
 * a group missing from it as "not allowed".
 */
const AUTHORIZATION_GROUP = 'authorization.k8s.io';
const AUTHORIZATION_RESOURCES = [
  {
    name: 'selfsubjectaccessreviews',
    singularName: 'selfsubjectaccessreview',
    namespaced: false,
    kind: 'SelfSubjectAccessReview',
    verbs: ['create'],
  },
];

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function apiGroupList(served: readonly ResourceType[]) {
  const groups = new Map<string, string[]>();
  for (const { group, version } of servedGroupVersions(served)) {
    if (group) groups.set(group, [...(groups.get(group) ?? []), version]);
  }
  groups.set(AUTHORIZATION_GROUP, ['v1']);
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
}

/** The APIResourceList of one group version, or undefined when it is not served. */
export function apiResourceList(served: readonly ResourceType[], group: string, version: string) {
  if (group === AUTHORIZATION_GROUP && version === 'v1')
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: `${group}/v1`,
      resources: AUTHORIZATION_RESOURCES,
    };
  const types = served.filter((type) => type.group === group && type.version === version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion(group, version),
    resources: types.flatMap((type) => [
      {
        name: type.plural,
        singularName: type.singular,
        namespaced: type.namespaced,
        kind: type.kind,
        verbs: type.verbs ?? OBJECT_VERBS,
        ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
        ...(type.categories.length ? { categories: type.categories } : {}),
      },
      ...type.subresources.map((sub) => ({
        name: `${type.plural}/${sub.name}`,
        singularName: '',
        namespaced: type.namespaced,
        ...(sub.group !== type.group || sub.version !== type.version
          ? { group: sub.group, version: sub.version }
          : {}),
        kind: sub.kind,
        verbs: sub.verbs,
      })),
    ]),
  };
}

/** The single API group document at /apis/<group>, or undefined when it is not served. */
export function apiGroup(served: readonly ResourceType[], group: string) {
  const found = apiGroupList(served).groups.find((candidate) => candidate.name === group);
  return found && { kind: 'APIGroup', apiVersion: 'v1', ...found };
}

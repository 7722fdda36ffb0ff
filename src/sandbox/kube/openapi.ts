// A minimal OpenAPI v3 document set: the root index and, per group version, the PATCH
// operation of each resource with its `fieldValidation` query parameter and
// `x-kubernetes-group-version-kind`. That is what kubectl apply/create/replace look for to
// decide that the server validates fields itself; without it they insist on downloading
// full schemas for client-side validation and fail. There are no schemas, so `kubectl
// explain` finds nothing; /openapi/v2 stays 404.

import { createHash } from 'node:crypto';
import { groupVersion, type ResourceType, servedGroupVersions } from './resources.ts';

/** `api/v1` or `apis/apps/v1`: the key the root index uses for a group version. */
function indexKey(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function groupVersionDocument(served: readonly ResourceType[], group: string, version: string) {
  const paths: Record<string, unknown> = {};
  for (const type of served.filter((r) => r.group === group && r.version === version)) {
    const path = `/${indexKey(group, version)}/${type.namespaced ? 'namespaces/{namespace}/' : ''}${type.plural}/{name}`;
    paths[path] = {
      patch: {
        description: `partially update the specified ${type.kind}`,
        operationId: `patch${type.kind}`,
        parameters: [
          { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
        ],
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group, version, kind: type.kind },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths,
    components: { schemas: {} },
  };
}

function hashOf(document: unknown): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex').toUpperCase().slice(0, 64);
}

/** The document at an /openapi/v3 path for the `served` resource types, or undefined when there is none. */
export function openApiV3(served: readonly ResourceType[], path: string): unknown {
  if (path === '/openapi/v3') {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const { group, version } of servedGroupVersions(served)) {
      const key = indexKey(group, version);
      paths[key] = {
        serverRelativeURL: `/openapi/v3/${key}?hash=${hashOf(groupVersionDocument(served, group, version))}`,
      };
    }
    return { paths };
  }
  const match = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!match) return undefined;
  const [group, version] = match[1] ? ['', match[1]] : [match[2]!, match[3]!];
  const known = servedGroupVersions(served).some(
    (gv) => groupVersion(gv.group, gv.version) === groupVersion(group, version),
  );
  return known ? groupVersionDocument(served, group, version) : undefined;
}

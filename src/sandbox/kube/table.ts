// The `meta.k8s.io/v1 Table` representation kubectl asks for with
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`: printer columns plus one row per
// object, each row carrying the object (or just its metadata) so kubectl can add the
// NAMESPACE column, labels and sorting client-side.

import type { KubeObject } from '../world.ts';
import { printerCells, printerColumns } from './printers.ts';
import type { ResourceType } from './resources.ts';

export interface TableRequest {
  /** meta.k8s.io version the client asked for (v1 or v1beta1). */
  version: string;
  /** `includeObject`: None, Metadata (the default) or Object. */
  includeObject: string;
}

/** The Table the Accept header asks for, if it asks for one. */
export function tableRequest(accept: string | undefined, params: URLSearchParams): TableRequest | undefined {
  for (const mediaRange of (accept ?? '').split(',')) {
    const [type, ...rawParams] = mediaRange.split(';').map((part) => part.trim());
    if (type !== 'application/json') continue;
    const mediaParams = Object.fromEntries(
      rawParams.map((p) => p.split('=').map((s) => s.trim()) as [string, string]),
    );
    if (
      mediaParams.as === 'Table' &&
      mediaParams.g === 'meta.k8s.io' &&
      ['v1', 'v1beta1'].includes(mediaParams.v ?? '')
    ) {
      return { version: mediaParams.v!, includeObject: params.get('includeObject') ?? 'Metadata' };
    }
  }
  return undefined;
}

function rowObject(object: KubeObject, includeObject: string): Record<string, unknown> | undefined {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

export function toTable(
  type: ResourceType,
  objects: KubeObject[],
  request: TableRequest,
  now: Date,
  listMeta: Record<string, unknown>,
  withColumns = true,
): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${request.version}`,
    metadata: listMeta,
    ...(withColumns ? { columnDefinitions: printerColumns(type) } : {}),
    rows: objects.map((object) => {
      const included = rowObject(object, request.includeObject);
      return { cells: printerCells(type, object, now), ...(included ? { object: included } : {}) };
    }),
  };
}

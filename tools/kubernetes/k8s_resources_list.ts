// Objects of any served kind (custom resources included, found through discovery), one
// status line each instead of YAML: the kind's own line where summaries.ts knows the kind,
// else the server's printer columns (its Table: a CRD's additionalPrinterColumns), else the
// generic reading of conditions or phase. Pages follow the API's own continue tokens; a
// page is also cut to a byte share of the output budget, and the cursor then resumes at
// the first line not shown, so nothing is skipped between pages.

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { apiVersionOf } from '../../src/backends/kubernetes/discovery.ts';
import type { KubeObject, KubeResource, KubeResourcePage } from '../../src/backends/kubernetes/types.ts';
import { DEFAULT_MAX_BYTES, jsonBytes } from '../../src/shape/budget.ts';
import { defineTool } from '../../src/tool.ts';
import {
  age,
  clusterArg,
  kindArg,
  kubernetes,
  labelSelectorArg,
  namespaceNameArg,
  resourceTarget,
} from './common.ts';
import { capped, kindSummary, statusSummary } from './summaries.ts';

/** Lines of one page stop here, so the gate's budget never cuts lines the cursor would skip. */
const LINES_BUDGET = Math.floor(DEFAULT_MAX_BYTES * 0.75);
const MAX_LIMIT = 500;
/** Printer columns that the line already has elsewhere. */
const KNOWN_COLUMNS = new Set(['name', 'namespace', 'age', 'created at']);

const itemSchema = z.object({
  name: z.string(),
  namespace: z.string().optional(),
  age: z.string().optional(),
  status: z.string(),
});

export default defineTool({
  name: 'k8s_resources_list',
  title: 'Resources: List',
  description:
    'Objects of any kind (CRs too), a status line each. Secrets: name, type, age. Next: k8s_resource_get.',
  kind: 'read',
  untrusted: ['$.items[*].status'],
  input: z
    .object({
      cluster: clusterArg,
      kind: kindArg,
      namespace: namespaceNameArg.optional().describe('Omit for all'),
      labelSelector: labelSelectorArg,
      fieldSelector: z.string().min(1).max(1024).optional(),
      limit: z.number().int().min(1).max(MAX_LIMIT).default(50),
      cursor: z.string().max(4096).optional(),
    })
    .strict(),
  output: z.object({
    cluster: z.string(),
    kind: z.string(),
    apiVersion: z.string(),
    namespace: z.string().optional(),
    items: z.array(itemSchema),
    remaining: z.number().optional(),
    nextCursor: z.string().optional(),
    hint: z.string().optional(),
  }),
  target: async (args, ctx) => (await resourceTarget(ctx.backends, args)).target,
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const resource = await kube.resolve(args.kind, args.cluster);
    const namespace = resource.namespaced ? args.namespace : undefined;
    const query = {
      resource,
      ...(args.cluster ? { cluster: args.cluster } : {}),
      ...(namespace ? { namespace } : {}),
      ...(args.labelSelector ? { labelSelector: args.labelSelector } : {}),
      ...(args.fieldSelector ? { fieldSelector: args.fieldSelector } : {}),
    };
    const fingerprint = queryFingerprint(query);
    const from: Cursor = args.cursor ? decodeCursor(args.cursor, fingerprint) : { skip: 0, size: args.limit };
    const page = await kube.listResources({
      ...query,
      limit: from.size,
      ...(from.continue ? { continueToken: from.continue } : {}),
    });
    const now = ctx.clock.now();
    const allNamespaces = resource.namespaced && !namespace;
    const lines = [];
    let bytes = 0;
    for (let i = from.skip; i < page.items.length; i++) {
      const object = page.items[i]!;
      const line = {
        name: object.metadata.name,
        ...(allNamespaces && object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
        ...(object.metadata.creationTimestamp ? { age: age(object.metadata.creationTimestamp, now) } : {}),
        status: lineOf(object, page, i, now),
      };
      bytes += jsonBytes(line) + 1;
      if (lines.length && (bytes > LINES_BUDGET || lines.length >= args.limit)) break;
      lines.push(line);
    }
    const shownTo = from.skip + lines.length;
    const next: Cursor | undefined =
      shownTo < page.items.length
        ? { ...(from.continue ? { continue: from.continue } : {}), skip: shownTo, size: from.size }
        : page.continueToken
          ? { continue: page.continueToken, skip: 0, size: args.limit }
          : undefined;
    const uncounted = page.continueToken !== undefined && page.remaining === undefined;
    const remaining = next && !uncounted ? page.items.length - shownTo + (page.remaining ?? 0) : undefined;
    return {
      cluster: args.cluster ?? kube.clusters()[0] ?? '',
      kind: resource.kind,
      apiVersion: apiVersionOf(resource),
      ...(resource.namespaced ? { namespace: namespace ?? '*' } : {}),
      items: lines,
      ...(remaining !== undefined ? { remaining } : {}),
      ...(next ? { nextCursor: encodeCursor(next, fingerprint) } : {}),
      ...hintFor(resource, args, lines.length, next !== undefined),
    };
  },
});

/** The kind's own line; else the server's printer columns when they say more than name and age; else the generic one. */
function lineOf(object: KubeObject, page: KubeResourcePage, index: number, now: Date): string {
  const own = kindSummary(object, now);
  if (own !== undefined) return own;
  const table = page.table;
  const cells = table?.cells[index] ?? [];
  const shown = (table?.columns ?? [])
    .map((column, i) => ({ column, cell: cells[i] }))
    .filter(
      ({ column, cell }) =>
        column.priority === 0 &&
        !KNOWN_COLUMNS.has(column.name.toLowerCase()) &&
        cell !== '' &&
        cell !== undefined &&
        cell !== null &&
        cell !== '<none>',
    );
  if (shown.length)
    return capped(
      shown
        .map(
          ({ column, cell }) =>
            `${column.name}=${typeof cell === 'object' ? JSON.stringify(cell) : String(cell)}`,
        )
        .join(', '),
    );
  return statusSummary(object, now);
}

function hintFor(
  resource: KubeResource,
  args: {
    namespace?: string | undefined;
    labelSelector?: string | undefined;
    fieldSelector?: string | undefined;
  },
  shown: number,
  more: boolean,
): { hint?: string } {
  const selectors = [args.labelSelector, args.fieldSelector].filter(Boolean).join(' and ');
  if (!shown) {
    const where =
      resource.namespaced && args.namespace
        ? `namespace ${args.namespace}`
        : resource.namespaced
          ? 'any namespace'
          : 'the cluster';
    return {
      hint: `No ${resource.kind} in ${where}${selectors ? ` matches ${selectors}` : ''}; ${selectors ? 'drop the selector' : 'check the namespace (k8s_namespaces_list)'}.`,
    };
  }
  if (more)
    return {
      hint: 'More: call again with cursor=nextCursor, or narrow with namespace, labelSelector or fieldSelector.',
    };
  return {};
}

interface Cursor {
  /** The API's continue token of the page to resume in; absent for the first page. */
  continue?: string;
  /** Objects of that page already shown. */
  skip: number;
  /** The page's size (its limit), so it is read again the same. */
  size: number;
}

/** Ties a cursor to its query: a cursor replayed against another kind, namespace or selector is refused. */
function queryFingerprint(q: Record<string, unknown> & { resource: KubeResource }): string {
  const { resource, ...rest } = q;
  const key = JSON.stringify({ r: `${resource.resource}.${resource.group}`, ...rest });
  return createHash('sha256').update(key).digest('base64url').slice(0, 12);
}

function encodeCursor(cursor: Cursor, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ ...cursor, q: fingerprint })).toString('base64url');
}

function decodeCursor(text: string, fingerprint: string): Cursor {
  let cursor: { continue?: unknown; skip?: unknown; size?: unknown; q?: unknown } | undefined;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    cursor = undefined;
  }
  const valid =
    cursor &&
    typeof cursor === 'object' &&
    Number.isInteger(cursor.size) &&
    Number.isInteger(cursor.skip) &&
    (cursor.size as number) >= 1 &&
    (cursor.size as number) <= MAX_LIMIT &&
    (cursor.skip as number) >= 0 &&
    (cursor.skip as number) < (cursor.size as number) &&
    (cursor.continue === undefined || typeof cursor.continue === 'string');
  if (!valid) throw new Error(`cursor is not a nextCursor of k8s_resources_list; call again without it`);
  if (cursor!.q !== fingerprint)
    throw new Error(
      'cursor belongs to another query (kind, namespace or selectors changed); call again without it',
    );
  return {
    ...(cursor!.continue ? { continue: cursor!.continue as string } : {}),
    skip: cursor!.skip as number,
    size: cursor!.size as number,
  };
}

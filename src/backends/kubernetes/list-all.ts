// Every object of a list query, page by page (500 a page, at most 20 pages), for callers
// that need the whole set rather than what one page holds: correlation's facts, init's
// search for Prometheus.

import type { KubeListQuery, KubeObject, KubernetesBackend } from './types.ts';

const PAGE = 500;
const MAX_PAGES = 20;

export async function listAll(
  kube: KubernetesBackend,
  query: Omit<KubeListQuery, 'limit' | 'continueToken'>,
): Promise<KubeObject[]> {
  const items: KubeObject[] = [];
  let continueToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const list = await kube.list({ ...query, limit: PAGE, ...(continueToken ? { continueToken } : {}) });
    items.push(...list.items);
    continueToken = list.continueToken;
    if (!continueToken) break;
  }
  return items;
}

import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);

// src/backends/kubernetes/list-all.ts
var PAGE = 500;
var MAX_PAGES = 20;
async function listAll(kube, query) {
  const items = [];
  let continueToken;
  for (let page = 0; page < MAX_PAGES; page++) {
    const list = await kube.list({ ...query, limit: PAGE, ...continueToken ? { continueToken } : {} });
    items.push(...list.items);
    continueToken = list.continueToken;
    if (!continueToken) break;
  }
  return items;
}

export {
  listAll
};

// The views as MCP resources: their entries in resources/list (for an Apps host) and what
// resources/read answers for a `ui://opswarden/...` URI: the HTML with the Apps MIME type
// and `_meta.ui`, which declares no external origin of any kind (so a host applies the
// spec's restrictive policy: no network, no external scripts, styles, images, fonts or
// frames) and asks for a border. The document is opswarden's own build, holding no data:
// it is served as built, not through redaction, which could corrupt the script and so its
// CSP hash.

import { RESOURCE_MIME_TYPE } from '@modelcontextprotocol/ext-apps/server';
import { viewHtml } from './load.ts';
import { VIEWS, type ViewSpec, viewByUri } from './views.ts';

/** `_meta.ui` of every view, in resources/list and resources/read alike. */
export const VIEW_UI_META = {
  csp: { connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] },
  prefersBorder: true,
} as const;

export function isViewUri(uri: string): boolean {
  return uri.startsWith('ui://');
}

export function viewResourceList() {
  return Object.values(VIEWS).map((v: ViewSpec) => ({
    uri: v.uri,
    name: v.name,
    title: v.title,
    description: v.description,
    mimeType: RESOURCE_MIME_TYPE,
    _meta: { ui: VIEW_UI_META },
  }));
}

/** undefined: no such view. */
export async function readViewResource(uri: string) {
  const view = viewByUri(uri);
  if (!view) return undefined;
  return {
    contents: [
      { uri, mimeType: RESOURCE_MIME_TYPE, text: await viewHtml(view.name), _meta: { ui: VIEW_UI_META } },
    ],
  };
}

export function knownViewUris(): string[] {
  return Object.values(VIEWS).map((v) => v.uri);
}

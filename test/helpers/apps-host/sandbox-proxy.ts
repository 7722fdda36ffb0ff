// The test host's sandbox proxy (browser code; the MCP Apps spec's "Sandbox proxy" for web
// hosts): served from an origin other than the host page's, it tells the host it is ready,
// receives the view's HTML with its `_meta.ui.csp`, loads the HTML into an inner iframe
// sandboxed without allow-same-origin, under the Content-Security-Policy the spec builds
// from the declared domains, and passes every other message between host and view untouched.

export {};

const hostOrigin = document.body.dataset.host ?? '';
let view: HTMLIFrameElement | undefined;

interface Csp {
  connectDomains?: string[];
  resourceDomains?: string[];
  frameDomains?: string[];
  baseUriDomains?: string[];
}

/** The spec's construction: the declared domains, nothing else, restrictive where none are declared. */
function policyOf(csp: Csp | undefined): string {
  const list = (domains: string[] | undefined) => (domains ?? []).join(' ');
  const resources = list(csp?.resourceDomains);
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' ${resources}`,
    `style-src 'self' 'unsafe-inline' ${resources}`,
    `connect-src 'self' ${list(csp?.connectDomains)}`,
    `img-src 'self' data: ${resources}`,
    `font-src 'self' ${resources}`,
    `media-src 'self' data: ${resources}`,
    `frame-src ${list(csp?.frameDomains) || "'none'"}`,
    "object-src 'none'",
    `base-uri ${list(csp?.baseUriDomains) || "'self'"}`,
  ].join('; ');
}

function withPolicy(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, '&quot;')}">`;
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}${meta}`)
    : `${meta}${html}`;
}

function load(params: { html: string; sandbox?: string; csp?: Csp }): void {
  view?.remove();
  view = document.createElement('iframe');
  view.setAttribute('sandbox', params.sandbox ?? 'allow-scripts');
  view.title = 'view';
  view.srcdoc = withPolicy(params.html, policyOf(params.csp));
  document.body.append(view);
}

window.addEventListener('message', (event) => {
  const message = event.data as { method?: unknown; params?: unknown } | null;
  const method = typeof message?.method === 'string' ? message.method : '';
  if (event.source === window.parent && event.origin === hostOrigin) {
    if (method === 'ui/notifications/sandbox-resource-ready')
      load(message!.params as { html: string; csp?: Csp });
    else if (!method.startsWith('ui/notifications/sandbox-')) view?.contentWindow?.postMessage(message, '*');
  } else if (view && event.source === view.contentWindow) {
    if (!method.startsWith('ui/notifications/sandbox-')) window.parent.postMessage(message, hostOrigin);
  }
});

window.parent.postMessage(
  { jsonrpc: '2.0', method: 'ui/notifications/sandbox-proxy-ready', params: {} },
  hostOrigin,
);

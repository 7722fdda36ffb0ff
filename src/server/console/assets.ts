// The web console's static files at /console: the HTML shell (./shell.ts), its script
// (./browser/, bundled) and its stylesheet (./style.ts). No token is needed and none of
// them holds data: everything the console shows it fetches from the JSON APIs with the
// user's own token. Every answer carries a strict CSP (this server's script and style
// only, no inline code, no framing), nosniff, no referrer and no caching. Any other path
// under /console is a 404: the names are a fixed list, nothing is read by the path asked.

import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { packagePath, RUNNING_FROM_SOURCE } from '../../package-paths.ts';
import { CONSOLE_HTML } from './shell.ts';
import { CONSOLE_CSS } from './style.ts';

export const CONSOLE_PATH = '/console';

/** Where `npm run build` puts the script, below dist/ (./bundle.ts). */
export const BUILT_CONSOLE_SCRIPT = 'console/app.js';

export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

const html = { type: 'text/html; charset=utf-8', body: async () => CONSOLE_HTML };
const ASSETS: Record<string, { type: string; body: () => Promise<string> }> = {
  [CONSOLE_PATH]: html,
  [`${CONSOLE_PATH}/`]: html,
  [`${CONSOLE_PATH}/app.js`]: { type: 'text/javascript; charset=utf-8', body: consoleScript },
  [`${CONSOLE_PATH}/app.css`]: { type: 'text/css; charset=utf-8', body: async () => CONSOLE_CSS },
};

export async function serveConsoleAsset(path: string, method: string, res: ServerResponse): Promise<void> {
  const asset = Object.hasOwn(ASSETS, path) ? ASSETS[path] : undefined;
  if (!asset)
    return answer(res, 404, { error: 'not_found', message: `no console file at ${path.slice(0, 100)}` });
  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return answer(res, 405, {
      error: 'method_not_allowed',
      message: `${method} ${path}: the console is read with GET`,
    });
  }
  const body = await asset.body();
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': asset.type });
  res.end(method === 'HEAD' ? undefined : body);
}

function answer(res: ServerResponse, status: number, body: { error: string; message: string }): void {
  res
    .writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json' })
    .end(JSON.stringify(body));
}

let script: Promise<string> | undefined;

/** The built script, read once; from source, bundled on first request (about a second) and kept. */
function consoleScript(): Promise<string> {
  if (!script) {
    const made = RUNNING_FROM_SOURCE
      ? import('./bundle.ts').then(({ bundleConsoleScript }) => bundleConsoleScript())
      : readFile(packagePath(`dist/${BUILT_CONSOLE_SCRIPT}`), 'utf8');
    // A failure (a broken source while developing) is not kept: the next request tries again.
    made.catch(() => {
      if (script === made) script = undefined;
    });
    script = made;
  }
  return script;
}

// The HTML of a view, made once per process: the built package reads the document
// `npm run build` wrote (dist/apps/<name>.html); running from source there is no build, so
// the view is bundled from src/apps/views on its first read (./bundle.ts, esbuild, about a
// second) and kept in memory. Nothing is written to the checkout, and nothing of this runs
// before a client reads a view.

import { readFile } from 'node:fs/promises';
import { packagePath, RUNNING_FROM_SOURCE } from '../package-paths.ts';
import type { ViewName } from './views.ts';

const made = new Map<ViewName, Promise<string>>();

export function viewHtml(name: ViewName): Promise<string> {
  let html = made.get(name);
  if (!html) {
    html = make(name);
    // A failure (a broken source while developing) is not cached: the next read tries again.
    html.catch(() => made.delete(name));
    made.set(name, html);
  }
  return html;
}

async function make(name: ViewName): Promise<string> {
  if (!RUNNING_FROM_SOURCE) return readFile(packagePath(`dist/apps/${name}.html`), 'utf8');
  const { bundleView } = await import('./bundle.ts');
  return bundleView(name);
}

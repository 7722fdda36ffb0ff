// Where opswarden's own files are at run time, whether it runs from the source (src/*.ts,
// type stripping) or from the build (dist/*.js, `npm run build`). Both layouts keep this
// module's code one directory below the package root (the build puts every chunk in dist/
// itself and checks it), so its import.meta.url resolves the same way in both: the
// built-in policy, runbooks and scenarios, and the entry modules (the CLI an MCP client
// starts, the checkpoint worker) are found through here and nowhere else.

import { fileURLToPath } from 'node:url';

/** src/ when running the source, dist/ when running the build. */
const CODE_DIR = new URL('./', import.meta.url);
const CODE_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** Running src/*.ts from a checkout (devDependencies installed), not the build in dist/. */
export const RUNNING_FROM_SOURCE = CODE_EXTENSION === '.ts';

/** Modules started by path rather than imported: each is an entry point of the build (deploy/build.ts). */
export type EntryModule = 'cli' | 'store/checkpoint-worker' | 'store/postgres/worker';

/** A file or directory shipped in the package, by its path from the package root. */
export function packagePath(fromRoot: string): string {
  return fileURLToPath(new URL(`../${fromRoot}`, CODE_DIR));
}

/** The file of an entry module in the running layout: src/<name>.ts or dist/<name>.js. */
export function entryModuleUrl(name: EntryModule): URL {
  return new URL(`${name}${CODE_EXTENSION}`, CODE_DIR);
}

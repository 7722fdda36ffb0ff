// `npm run build`: the JavaScript the npm package runs, in dist/. Node does not strip
// types under node_modules (and not at all before 22.18), so the package cannot run src/.
// One esbuild bundle split at every dynamic import: the start of `serve` reads a handful
// of files instead of resolving and parsing ~250 modules one by one, and what a command or
// a backend loads on demand (the sandbox, @kubernetes/client-node...) stays in chunks of
// its own. Dependencies stay in node_modules (npm installs them).
//
// Layout (src/package-paths.ts relies on it): dist/cli.js (the `bin`),
// dist/store/checkpoint-worker.js, and dist/chunk-*.js, all code that may ask
// import.meta.url where it is sitting directly in dist/, one level below the package root
// as src/ is. dist/apps/<view>.html are the MCP Apps views (src/apps), each one HTML
// document with its script bundled in, made here so the package never bundles at run time;
// dist/console/app.js is the web console's script (src/server/console), made the same way.

import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import pkg from '../package.json' with { type: 'json' };
import { writeViewDocuments } from '../src/apps/bundle.ts';
import { writeConsoleScript } from '../src/server/console/bundle.ts';
import type { EntryModule } from '../src/package-paths.ts';

/** The package root: this script lives in deploy/. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
/** The oldest Node the package supports, from `engines` (">=22.19" -> node22.19). */
const TARGET = `node${pkg.engines.node.replace(/^>=\s*/, '')}`;
/** The source of each entry module; the package's `opswarden` command is src/bin.ts, not src/cli.ts. */
const ENTRY_SOURCES: Record<EntryModule, string> = {
  cli: 'src/bin.ts',
  'store/checkpoint-worker': 'src/store/checkpoint-worker.ts',
  'store/postgres/worker': 'src/store/postgres/worker.ts',
};
/** Bundled CommonJS (pino, prom-client, ajv) calls require(), which an ES module lacks. */
const REQUIRE_BANNER =
  "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);";

await rm(DIST, { recursive: true, force: true });
const started = performance.now();
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ENTRY_SOURCES,
  outdir: DIST,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: TARGET,
  // esbuild: the views' bundler (src/apps/bundle.ts) runs from source only; the build ships its output.
  external: ['@kubernetes/client-node', '@aws-sdk/*', 'prometheus-query', 'esbuild'],
  chunkNames: 'chunk-[hash]',
  banner: { js: REQUIRE_BANNER },
  metafile: true,
  logLevel: 'warning',
});
await checkLayout();
const views = await writeViewDocuments(DIST);
await writeConsoleScript(DIST);
const files = Object.keys(result.metafile.outputs);
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
const viewBytes = (await Promise.all(views.map((v) => readFile(v)))).reduce((sum, b) => sum + b.length, 0);
console.log(
  `build: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB in dist/ (${TARGET}), ${views.length} views (${(viewBytes / 1024).toFixed(0)} KiB) in ${(performance.now() - started).toFixed(0)} ms`,
);

/** Code below dist/ that reads import.meta.url would resolve package files one level off. */
async function checkLayout(): Promise<void> {
  for (const entry of await readdir(DIST, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || entry.parentPath === DIST || !entry.name.endsWith('.js')) continue;
    if ((await readFile(path, 'utf8')).replace(REQUIRE_BANNER, '').includes('import.meta.url')) {
      throw new Error(
        `build: ${relative(ROOT, path)} uses import.meta.url below dist/; src/package-paths.ts resolves package files from dist/ itself`,
      );
    }
  }
}

// Builds a view's HTML from its sources: esbuild bundles the browser module
// (src/apps/views/<entry>.ts with the Apps SDK's App class) into one minified script, which
// goes inline into the document with the shared stylesheet (./document.ts). `npm run build`
// runs it once per view and ships dist/apps/<name>.html; running from source, ./load.ts runs
// it on a view's first read. esbuild is a devDependency, so only those two ever load this.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type BuildOptions, build, type Plugin, transform } from 'esbuild';
import { packagePath } from '../package-paths.ts';
import { viewDocument } from './document.ts';
import { VIEW_NAMES, VIEWS, type ViewName } from './views.ts';

const SOURCES = 'src/apps/views';

/** How every browser script opswarden serves is bundled (the views here, the console's app.js). */
export const BROWSER_SCRIPT: BuildOptions = {
  absWorkingDir: packagePath('.'),
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'error',
};

/**
 * zod (which the SDK validates messages with) exports every locale it has, ~200 KiB of
 * error messages in 50 languages; a view shows none of them. The locale index becomes
 * English only (zod sets English as the default itself). Should zod move the file, the
 * filter matches nothing and the bundle is only bigger.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/index.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** The complete HTML document of a view. */
export async function bundleView(name: ViewName): Promise<string> {
  const view = VIEWS[name];
  const result = await build({
    ...BROWSER_SCRIPT,
    entryPoints: [packagePath(`${SOURCES}/${view.entry}.ts`)],
    plugins: [zodEnglishOnly],
    write: false,
  });
  const script = result.outputFiles[0]!.text.trim();
  const css = await readFile(packagePath(`${SOURCES}/style.css`), 'utf8');
  const style = (await transform(css, { loader: 'css', minify: true, logLevel: 'error' })).code.trim();
  return viewDocument({ title: `opswarden: ${view.title}`, script, style });
}

/** `npm run build`: every view's document in <dist>/apps/<name>.html, where ./load.ts reads them. */
export async function writeViewDocuments(dist: string): Promise<string[]> {
  const dir = join(dist, 'apps');
  await mkdir(dir, { recursive: true });
  return Promise.all(
    VIEW_NAMES.map(async (name) => {
      const file = join(dir, `${name}.html`);
      await writeFile(file, await bundleView(name));
      return file;
    }),
  );
}

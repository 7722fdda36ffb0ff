// Builds /console/app.js: esbuild bundles the browser modules (./browser/, entry main.ts)
// into one minified script. `npm run build` writes it to dist/console/app.js, which the
// built package serves; running from source, ./assets.ts bundles it on its first request.
// esbuild is a devDependency, so only those two ever load this.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { BROWSER_SCRIPT } from '../../apps/bundle.ts';
import { packagePath } from '../../package-paths.ts';
import { BUILT_CONSOLE_SCRIPT } from './assets.ts';

export async function bundleConsoleScript(): Promise<string> {
  const result = await build({
    ...BROWSER_SCRIPT,
    entryPoints: [packagePath('src/server/console/browser/main.ts')],
    write: false,
  });
  return result.outputFiles[0]!.text;
}

/** `npm run build`: the script in <dist>/console/app.js; returns its path. */
export async function writeConsoleScript(dist: string): Promise<string> {
  const file = join(dist, BUILT_CONSOLE_SCRIPT);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, await bundleConsoleScript());
  return file;
}

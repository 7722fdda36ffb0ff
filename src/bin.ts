#!/usr/bin/env -S node --max-semi-space-size=8 --max-old-space-size=320
// The `opswarden` command of the built package: deploy/build.ts makes this file dist/cli.js.
// Its shebang starts Node with the heap sizing of src/heap-sizing.ts (HEAP_FLAGS).
// It refuses, in one line, a Node older than `engines` (npm only warns, and an older
// node:sqlite lacks what the store relies on), then turns on Node's compile cache before
// the rest of the CLI loads, so every start after the first reuses V8's compiled code for
// the bundle (checked against each file's contents; NODE_DISABLE_COMPILE_CACHE=1 turns it
// off). The cache is the user's own (~/.cache/opswarden), not the temp dir Node defaults to
// and every local user can write: nobody else may plant code that this process would run.
// Where it cannot be written (a read-only container), Node carries on without it. From a
// checkout, `node src/cli.ts` runs the CLI directly.

import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pkg from '../package.json' with { type: 'json' };

const needed = pkg.engines.node.match(/\d+/g)!.map(Number);
const running = process.versions.node.split('.').map(Number);
const differs = running.findIndex((part, i) => part !== (needed[i] ?? 0));
if (differs >= 0 && running[differs]! < (needed[differs] ?? 0)) {
  console.error(`opswarden needs Node.js ${pkg.engines.node}; this is ${process.version}`);
  process.exit(1);
}

module.enableCompileCache(join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'opswarden'));
const { runCli } = await import('./cli.ts');
runCli();

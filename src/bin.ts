#!/usr/bin/env node
// The `opswarden` command of the built package: build.ts makes this file dist/cli.js. It
// turns on Node's compile cache before the rest of the CLI loads, so every start after the
// first reuses V8's compiled code for the bundle (kept in the OS temp dir, checked against
// each file's contents; NODE_DISABLE_COMPILE_CACHE=1 turns it off). From a checkout,
// `node src/cli.ts` runs the CLI directly.

import { enableCompileCache } from 'node:module';

enableCompileCache();
const { runCli } = await import('./cli.ts');
runCli();

#!/usr/bin/env node
import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);

// src/bin.ts
import { enableCompileCache } from "node:module";
enableCompileCache();
var { runCli } = await import("./chunk-NSSQL374.js");
runCli();

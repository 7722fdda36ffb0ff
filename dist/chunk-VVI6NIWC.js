import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);

// package.json
var package_default = {
  name: "opswarden",
  version: "0.1.0",
  description: "An MCP server that lets AI assistants work on-call safely: ops tools behind a policy gate, human approvals and a tamper-evident audit log.",
  type: "module",
  license: "Apache-2.0",
  mcpName: "io.github.opswarden/opswarden",
  engines: {
    node: ">=22.13"
  },
  bin: {
    opswarden: "src/cli.ts"
  },
  scripts: {
    start: "node src/cli.ts serve",
    typecheck: "tsc --noEmit",
    lint: "biome check .",
    format: "biome check --write .",
    test: "tsc --noEmit && biome check . && vitest run",
    "bench:dispatch": "node test/bench/dispatch.bench.ts",
    "bench:incidents": "node test/bench/incidents.bench.ts",
    "bench:load": "node test/bench/load.bench.ts",
    "bench:logs": "node test/bench/logs.bench.ts",
    "bench:promql": "node test/bench/promql.bench.ts",
    "bench:regex": "node test/bench/regex.bench.ts",
    "bench:sandbox": "node test/bench/sandbox.bench.ts",
    "pack:mcpb": "node pack-mcpb.ts"
  },
  dependencies: {
    "@aws-sdk/client-cloudwatch-logs": "^3.1169.0",
    "@bufbuild/cel": "^0.6.1",
    "@bufbuild/protobuf": "^2.17.0",
    "@kubernetes/client-node": "^2.0.1",
    "@lezer/highlight": "^1.2.5",
    "@lezer/lr": "^1.4.12",
    "@modelcontextprotocol/sdk": "^1.32.2",
    "@prometheus-io/lezer-promql": "^0.315.0",
    jose: "^6.2.18",
    "js-yaml": "^4.3.2",
    pino: "^10.4.0",
    "prom-client": "^15.1.3",
    "prometheus-query": "^3.5.1",
    re2js: "2.10.0",
    zod: "^4.6.7"
  },
  devDependencies: {
    "@anthropic-ai/mcpb": "2.1.2",
    "@biomejs/biome": "^2.6.8",
    "@modelcontextprotocol/conformance": "^0.1.16",
    "@types/js-yaml": "^4.0.9",
    "@types/node": "^24.19.2",
    ajv: "8.20.0",
    "ajv-formats": "3.0.1",
    esbuild: "0.28.2",
    "fast-check": "4.10.2",
    typescript: "~5.9",
    vitest: "^4.1.12"
  }
};

export {
  package_default
};

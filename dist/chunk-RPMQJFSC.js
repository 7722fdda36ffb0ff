import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  parseCommandAndPath
} from "./chunk-6F2D4HVO.js";
import {
  cumulativeFractionOfService,
  resolveEnvironment
} from "./chunk-EXTBH5EI.js";
import {
  PolicyError,
  describeIssues,
  effectSchema,
  loadBundleFile,
  requiredMessage
} from "./chunk-NLPXBWST.js";
import "./chunk-GFKUMQPK.js";
import {
  DEFAULT_ENVIRONMENTS
} from "./chunk-H7HVJGAA.js";
import "./chunk-C45OCBOW.js";
import "./chunk-E2EGGSXF.js";
import {
  external_exports
} from "./chunk-ERFH3KHH.js";
import {
  yaml
} from "./chunk-QXZT5HPF.js";
import "./chunk-PB6ZSKJE.js";

// src/policy/testing.ts
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// src/policy/test-file.ts
import { existsSync, readFileSync } from "node:fs";
var text = external_exports.string();
var count = external_exports.number().int().min(0);
var fraction = external_exports.number().min(0).max(1);
var byWindow = (value) => (...keys) => external_exports.object(Object.fromEntries(keys.map((key) => [key, value]))).partial().strict();
var windows = byWindow(count);
var fractionWindows = byWindow(fraction);
var partialInputSchema = external_exports.object({
  request: external_exports.object({
    tool: text,
    kind: external_exports.enum(["read", "mutate"]),
    args: external_exports.record(external_exports.string(), external_exports.unknown()),
    dryRun: external_exports.boolean(),
    reason: text
  }).partial().strict(),
  target: external_exports.object({
    cluster: text,
    namespace: text,
    kind: text,
    name: text,
    service: text,
    environment: text,
    labels: external_exports.record(external_exports.string(), external_exports.string()),
    workload: external_exports.object({ kind: text, name: text }).strict()
  }).partial().strict(),
  principal: external_exports.object({
    id: text,
    type: external_exports.enum(["human", "agent", "service"]),
    roles: external_exports.array(text),
    client: external_exports.object({ name: text, version: text }).strict(),
    transport: external_exports.enum(["stdio", "http", "in-memory", "cli"])
  }).partial().strict(),
  impact: external_exports.object({
    pods: count,
    replicas: count,
    fractionOfService: fraction,
    estimatedCostUsd: external_exports.number().min(0),
    reversible: external_exports.boolean()
  }).partial().strict(),
  history: external_exports.object({
    sameTarget: windows("10m", "1h", "24h"),
    sameTool: windows("1h"),
    approvalsRejected: windows("24h"),
    restarts: windows("10m", "1h", "24h"),
    capacityRemoved: fractionWindows("1h", "24h"),
    principalChanges: windows("10m", "1h")
  }).partial().strict(),
  incident: external_exports.object({ id: text, severity: text, status: text }).partial().strict(),
  context: external_exports.object({
    now: external_exports.iso.datetime({ offset: true }),
    changeFreeze: external_exports.boolean(),
    rolloutInProgress: external_exports.boolean()
  }).partial().strict()
}).partial().strict();
var testFileSchema = external_exports.object({
  cases: external_exports.array(
    external_exports.object({
      name: external_exports.string().min(1),
      input: partialInputSchema.default({}),
      expect: external_exports.object({ effect: effectSchema, rules: external_exports.array(external_exports.string()).optional() }).strict()
    }).strict()
  ).min(1)
}).strict();
var neutralInput = {
  request: { tool: "k8s_pod_logs", kind: "read", args: {}, dryRun: false, reason: "" },
  target: { cluster: "test", namespace: "default", kind: "Pod", name: "web-0", environment: "production" },
  principal: {
    id: "test-agent",
    type: "agent",
    roles: [],
    client: { name: "test-client", version: "0.0.0" },
    transport: "stdio"
  },
  impact: {},
  history: {
    sameTarget: { "10m": 0, "1h": 0, "24h": 0 },
    sameTool: { "1h": 0 },
    approvalsRejected: { "24h": 0 },
    restarts: { "10m": 0, "1h": 0, "24h": 0 },
    capacityRemoved: { "1h": 0, "24h": 0 },
    principalChanges: { "10m": 0, "1h": 0 }
  },
  context: { now: /* @__PURE__ */ new Date("2025-01-06T12:00:00Z"), changeFreeze: false, rolloutInProgress: false }
};
var NEUTRAL_INPUT = Object.freeze(neutralInput);
function testFilePath(bundlePath) {
  return `${bundlePath.replace(/\.ya?ml$/, "")}.test.yaml`;
}
function loadTestFile(path) {
  if (!existsSync(path)) throw new PolicyError(path, ["no test file: every bundle needs one beside it"]);
  let raw;
  try {
    raw = yaml.load(readFileSync(path, "utf8"), { filename: path, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new PolicyError(path, [`not valid YAML: ${error.message}`]);
  }
  const parsed = testFileSchema.safeParse(raw, { error: requiredMessage });
  if (!parsed.success) throw new PolicyError(path, describeIssues(parsed.error));
  return parsed.data;
}
function caseInput(partial) {
  const base = NEUTRAL_INPUT;
  const { history, context, incident } = partial;
  const impact = partial.impact ?? {};
  const full = {
    sameTarget: { ...base.history.sameTarget, ...history?.sameTarget },
    sameTool: { ...base.history.sameTool, ...history?.sameTool },
    approvalsRejected: { ...base.history.approvalsRejected, ...history?.approvalsRejected },
    restarts: { ...base.history.restarts, ...history?.restarts },
    capacityRemoved: { ...base.history.capacityRemoved, ...history?.capacityRemoved },
    principalChanges: { ...base.history.principalChanges, ...history?.principalChanges }
  };
  return {
    request: { ...base.request, ...partial.request },
    target: resolveEnvironment({ ...base.target, ...partial.target }, DEFAULT_ENVIRONMENTS),
    principal: { ...base.principal, ...partial.principal },
    impact: { ...impact, cumulativeFractionOfService: cumulativeFractionOfService(impact, full) },
    history: full,
    ...incident ? { incident: { id: "", severity: "", status: "", ...incident } } : {},
    context: {
      ...base.context,
      ...context,
      now: context?.now ? new Date(context.now) : base.context.now
    }
  };
}

// src/policy/testing.ts
function runPolicyTests(bundlePath) {
  const bundle = loadBundleFile(bundlePath);
  const testFile = testFilePath(bundlePath);
  const cases = evaluateCases(bundle, loadTestFile(testFile)).map(({ testCase, decision }) => {
    const rules = decision.matched.map((m) => m.name);
    const expectedRules = testCase.expect.rules;
    const result = {
      name: testCase.name,
      ok: !decision.error && decision.decidedEffect === testCase.expect.effect && (!expectedRules || sameSet(rules, expectedRules)),
      expected: testCase.expect.effect,
      actual: decision.decidedEffect,
      rules
    };
    if (expectedRules) result.expectedRules = expectedRules;
    if (decision.error) result.error = decision.error;
    return result;
  });
  const passed = cases.filter((c) => c.ok).length;
  return { bundle, testFile, cases, passed, failed: cases.length - passed };
}
function lintBundle(bundlePath) {
  const testFile = testFilePath(bundlePath);
  let bundle;
  let tests;
  try {
    bundle = loadBundleFile(bundlePath);
    tests = loadTestFile(testFile);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return { problems: error.problems.map((p) => `${error.source}: ${p}`) };
  }
  const problems = [];
  const ruleNames = new Set(bundle.rules.map((r) => r.name));
  const caseNames = /* @__PURE__ */ new Map();
  tests.cases.forEach((testCase, i) => {
    const first = caseNames.get(testCase.name);
    if (first === void 0) caseNames.set(testCase.name, i);
    else
      problems.push(
        `${testFile}: cases[${i}].name: duplicate case name "${testCase.name}" (first at cases[${first}])`
      );
    for (const name of testCase.expect.rules ?? []) {
      if (!ruleNames.has(name))
        problems.push(`${testFile}: cases[${i}].expect.rules: no rule "${name}" in the bundle`);
    }
  });
  const reached = new Set(
    evaluateCases(bundle, tests).flatMap(({ decision }) => decision.matched.map((m) => m.name))
  );
  for (const rule of bundle.rules) {
    if (!reached.has(rule.name)) {
      problems.push(`${bundlePath}: rule "${rule.name}" is not reached: no case in ${testFile} matches it`);
    }
  }
  return { problems };
}
function findBundles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).filter((name) => /\.ya?ml$/.test(name) && !/\.test\.ya?ml$/.test(name)).sort().map((name) => join(path, name));
}
function evaluateCases(bundle, tests) {
  return tests.cases.map((testCase) => ({ testCase, decision: bundle.evaluate(caseInput(testCase.input)) }));
}
function sameSet(a, b) {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((name) => right.has(name));
}

// src/cli/policy.ts
var USAGE = `Usage: opswarden policy <command> [path]

Commands:
  test [path]   Run the test cases in <bundle>.test.yaml beside each bundle
  lint [path]   Check that bundles compile, names are unique and every rule is reached by a test case

path is a bundle file or a directory of bundles (default: policies/).
Exit status: 0 all good, 1 a failing case or a lint problem, 2 bad usage.
`;
var out = (line = "") => process.stdout.write(`${line}
`);
var err = (line) => process.stderr.write(`${line}
`);
async function policyCommand(argv) {
  const parsed = parseCommandAndPath("policy", argv, {
    usage: USAGE,
    commands: ["test", "lint"],
    defaultPath: "policies/"
  });
  if (typeof parsed === "number") return parsed;
  const { command, path } = parsed;
  let bundles;
  try {
    bundles = findBundles(path);
  } catch (error) {
    err(`opswarden policy ${command}: cannot read ${path}: ${error.message}`);
    return 1;
  }
  if (bundles.length === 0) {
    err(`opswarden policy ${command}: no policy bundles (*.yaml) in ${path}`);
    return 1;
  }
  return command === "test" ? testBundles(bundles) : lintBundles(bundles);
}
function testBundles(bundles) {
  let passed = 0;
  let failed = 0;
  for (const path of bundles) {
    try {
      const report = runPolicyTests(path);
      const { name, version, digest } = report.bundle.ref;
      out(`${path}: ${name}@${version} (sha256 ${digest.slice(0, 12)}), ${report.testFile}`);
      for (const result of report.cases) printCase(result);
      passed += report.passed;
      failed += report.failed;
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      out(`\u2717 ${path}: tests did not run`);
      err(error.message);
      failed += 1;
    }
  }
  out(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
function printCase(result) {
  out(`  ${result.ok ? "\u2713" : "\u2717"} ${result.name}`);
  if (result.ok) return;
  const expectedRules = result.expectedRules ? ` [${result.expectedRules.join(", ")}]` : "";
  out(`      expected ${result.expected}${expectedRules}`);
  out(`      actual   ${result.actual} [${result.rules.join(", ")}]`);
  if (result.error) out(`      error    ${result.error}`);
}
function lintBundles(bundles) {
  let problems = 0;
  for (const path of bundles) {
    const found = lintBundle(path).problems;
    for (const problem of found) out(problem);
    if (found.length === 0) out(`${path}: ok`);
    problems += found.length;
  }
  out(problems === 0 ? "no problems" : `${problems} problem${problems === 1 ? "" : "s"}`);
  return problems ? 1 : 0;
}
export {
  policyCommand
};

import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  parseCommandAndPath
} from "./chunk-6F2D4HVO.js";
import {
  SANDBOX_AGENT,
  SANDBOX_APPROVER,
  startSandbox
} from "./chunk-FGKNDZWB.js";
import {
  END_STATES,
  KEBAB,
  RunbookError,
  checkParams,
  createApp,
  didYouMean,
  loadRunbook,
  loadRunbooks,
  problemLines,
  require_pino
} from "./chunk-6EFHVF4W.js";
import "./chunk-23ILXJAD.js";
import "./chunk-VVI6NIWC.js";
import "./chunk-W6PWXQFJ.js";
import "./chunk-JF3SIGD5.js";
import "./chunk-BCXWD7VT.js";
import "./chunk-EXTBH5EI.js";
import {
  describeIssues,
  requiredMessage
} from "./chunk-NLPXBWST.js";
import "./chunk-GFKUMQPK.js";
import {
  loadScenario
} from "./chunk-QIS6YJEO.js";
import "./chunk-SAMT74J2.js";
import "./chunk-MPST3DT6.js";
import "./chunk-BWUYPZKP.js";
import "./chunk-7MTLSPUB.js";
import "./chunk-AOVEPBOJ.js";
import {
  BUILTIN_RUNBOOKS,
  packagePath
} from "./chunk-IMRIVU32.js";
import "./chunk-HI7OID35.js";
import "./chunk-H7HVJGAA.js";
import "./chunk-C45OCBOW.js";
import "./chunk-E2EGGSXF.js";
import {
  external_exports
} from "./chunk-ERFH3KHH.js";
import "./chunk-S7KEFJET.js";
import "./chunk-RLB2M3XB.js";
import {
  yaml
} from "./chunk-QXZT5HPF.js";
import "./chunk-P66QBBFG.js";
import {
  __toESM
} from "./chunk-PB6ZSKJE.js";

// src/cli/runbook.ts
import { existsSync as existsSync2, statSync } from "node:fs";
import { dirname as dirname2, resolve as resolve2 } from "node:path";

// src/runbooks/test-runner.ts
var import_pino = __toESM(require_pino(), 1);
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var TEST_SPEED = 120;
var CASE_TIMEOUT_MS = 12e4;
var agent = { id: SANDBOX_AGENT, type: "agent", roles: [], transport: "cli" };
var oncall = { id: SANDBOX_APPROVER, type: "human", roles: ["sre-oncall"], transport: "cli" };
async function runRunbookTests(files, runbooksDir, runbooks, onResult = () => {
}) {
  const results = [];
  for (const file of files) {
    const runbook = runbooks.find((r) => r.name === file.runbook);
    if (!runbook) throw new Error(`${file.source}: runbook ${file.runbook} is not loaded`);
    for (const testCase of file.cases) {
      const result = await runCase(runbook, testCase, runbooksDir);
      results.push(result);
      onResult(result);
    }
  }
  const unvisited = [...new Set(files.map((f) => f.runbook))].flatMap((name) => {
    const runbook = runbooks.find((r) => r.name === name);
    const visited = new Set(results.filter((r) => r.runbook === name).flatMap((r) => r.visited));
    const steps = runbook.steps.map((s) => s.id).filter((id) => !visited.has(id));
    return steps.length ? [{ runbook: name, steps }] : [];
  });
  return { results, unvisited };
}
async function runCase(runbook, testCase, runbooksDir) {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "opswarden-runbook-test-"));
  const sandbox = await startSandbox(loadScenario(testCase.scenario), {
    clock: "live",
    speed: TEST_SPEED,
    dir
  });
  const app = createApp({
    config: { ...sandbox.config, runbooks: { dir: runbooksDir } },
    logger: (0, import_pino.default)({ level: "silent" }),
    worldClock: sandbox.clock,
    timeScale: TEST_SPEED,
    onExecuted: (change) => sandbox.react(change)
  });
  try {
    const status = await runToEnd(app, runbook, testCase);
    const actions = executedTools(runbook, status);
    return {
      runbook: runbook.name,
      case: testCase.name,
      ...compare(testCase, status, actions),
      ...status.outcome ? { outcome: status.outcome } : {},
      ...status.decidedBy ? { decidedBy: status.decidedBy } : {},
      actions,
      visited: status.steps.map((s) => s.id),
      durationMs: performance.now() - started
    };
  } catch (err2) {
    return {
      runbook: runbook.name,
      case: testCase.name,
      passed: false,
      problems: [err2.message],
      actions: [],
      visited: [],
      durationMs: performance.now() - started
    };
  } finally {
    await app.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
async function runToEnd(app, runbook, testCase) {
  const answered = /* @__PURE__ */ new Set();
  const answer = (status2) => {
    const pending = status2.pendingApproval;
    if (!pending || answered.has(pending.approvalId)) return;
    answered.add(pending.approvalId);
    app.approvals.decide(pending.approvalId, oncall, testCase.approvals, `runbook test: ${testCase.name}`);
  };
  const first = app.runbooks.start(runbook.name, testCase.params, {
    principal: agent,
    reason: `runbook test: ${testCase.name}`,
    dryRun: false
  });
  answer(first);
  const status = await app.runbooks.wait(first.id, { timeoutMs: CASE_TIMEOUT_MS, onChange: answer });
  if (status.state === "running") {
    throw new Error(`still running at step ${status.currentStep} after ${CASE_TIMEOUT_MS / 1e3} s`);
  }
  return status;
}
function executedTools(runbook, status) {
  return status.steps.flatMap((s) => {
    const step = runbook.steps.find((r) => r.id === s.id);
    return step?.kind === "action" && s.outcome === "executed" ? [step.tool] : [];
  });
}
function compare(testCase, status, actions) {
  const { expect } = testCase;
  const problems = [];
  if (status.outcome !== expect.outcome) {
    problems.push(
      `outcome ${status.outcome} (expected ${expect.outcome})${status.message ? `: ${status.message}` : ""}`
    );
  }
  if (expect.decidedBy && status.decidedBy !== expect.decidedBy) {
    problems.push(`decided by ${status.decidedBy} (expected ${expect.decidedBy})`);
  }
  if (expect.actions && actions.join(",") !== expect.actions.join(",")) {
    problems.push(`executed [${actions.join(", ")}] (expected [${expect.actions.join(", ")}])`);
  }
  return { passed: problems.length === 0, problems };
}

// src/runbooks/tests-file.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

// src/runbooks/expected-paths.ts
function pathsMeeting(runbook, expected) {
  const byId = new Map(runbook.steps.map((step) => [step.id, step]));
  const maxLength = runbook.steps.length * 2;
  const found = [];
  const walk = (id, path, executed) => {
    const step = byId.get(id);
    if (!step) {
      const decidedBy = path.at(-1);
      if (id === expected.outcome && (!expected.decidedBy || expected.decidedBy === decidedBy) && sameList(executed, expected.actions))
        found.push(path);
      return;
    }
    if (path.length >= maxLength) return;
    for (const branch of branches(step, expected.approvals)) {
      const nowExecuted = branch.executed ? [...executed, branch.executed] : executed;
      if (expected.actions && !isPrefix(nowExecuted, expected.actions)) continue;
      walk(branch.to, [...path, step.id], nowExecuted);
    }
  };
  walk(runbook.steps[0].id, [], []);
  return found;
}
function branches(step, approvals) {
  switch (step.kind) {
    case "action":
      return [{ to: step.next, executed: step.tool }, { to: step.onFailure }, { to: "escalate" }];
    case "check":
      return [{ to: step.onSuccess }, { to: step.onFailure }];
    case "approval":
      return [{ to: approvals === "approve" ? step.next : step.onReject }];
    case "wait":
      return [{ to: step.next }];
  }
}
function isPrefix(prefix, list) {
  return prefix.length <= list.length && prefix.every((item, i) => item === list[i]);
}
function sameList(list, expected) {
  return !expected || list.length === expected.length && isPrefix(list, expected);
}

// src/runbooks/tests-file.ts
var SCENARIOS_DIR = packagePath("scenarios/");
var text = external_exports.string().trim().min(1, "must not be empty");
var testFileSchema = external_exports.object({
  apiVersion: external_exports.literal("opswarden.dev/v1"),
  kind: external_exports.literal("RunbookTest"),
  runbook: external_exports.string().regex(KEBAB, "must be a runbook name such as rollback-deployment"),
  cases: external_exports.array(
    external_exports.object({
      name: text,
      scenario: text,
      params: external_exports.record(external_exports.string(), external_exports.unknown()).default({}),
      approvals: external_exports.enum(["approve", "reject"]).default("approve"),
      expect: external_exports.object({
        outcome: external_exports.enum(END_STATES),
        decidedBy: text.optional(),
        actions: external_exports.array(text).optional()
      }).strict()
    }).strict()
  ).min(1, "a test file needs at least one case")
}).strict();
function runbookTestPath(runbookPath) {
  return `${runbookPath.replace(/\.yaml$/, "")}.test.yaml`;
}
function loadRunbookTests(path, runbooks) {
  let raw;
  try {
    raw = yaml.load(readFileSync(path, "utf8"), { filename: path, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new RunbookError([`${path}: cannot read the runbook tests: ${error.message}`]);
  }
  const parsed = testFileSchema.safeParse(raw ?? {}, { error: requiredMessage });
  if (!parsed.success) throw new RunbookError(describeIssues(parsed.error).map((line) => `${path}: ${line}`));
  const doc = parsed.data;
  const problems = [];
  const cases = doc.cases.map((testCase, i) => {
    const scenario = scenarioPath(testCase.scenario, path);
    if (!existsSync(scenario))
      problems.push({
        path: ["cases", i, "scenario"],
        message: `no scenario "${testCase.scenario}" in ${SCENARIOS_DIR} and no file ${scenario}`
      });
    const { decidedBy, actions, ...rest } = testCase.expect;
    return {
      ...testCase,
      scenario,
      expect: { ...rest, ...decidedBy ? { decidedBy } : {}, ...actions ? { actions } : {} }
    };
  });
  cases.forEach((testCase, i) => {
    const first = cases.findIndex((c) => c.name === testCase.name);
    if (first < i)
      problems.push({
        path: ["cases", i, "name"],
        message: `duplicate case name (first at cases[${first}])`
      });
  });
  if (runbooks) problems.push(...runbookProblems(doc.runbook, cases, runbooks));
  if (problems.length) throw new RunbookError(problemLines(path, problems), "invalid runbook tests");
  return { source: path, runbook: doc.runbook, cases };
}
function scenarioPath(scenario, testFile) {
  const builtin = resolve(SCENARIOS_DIR, `${scenario}.yaml`);
  if (KEBAB.test(scenario) && existsSync(builtin)) return builtin;
  return resolve(dirname(testFile), scenario);
}
function runbookProblems(name, cases, runbooks) {
  const runbook = runbooks.find((r) => r.name === name);
  if (!runbook) {
    const names = runbooks.map((r) => r.name);
    return [{ path: ["runbook"], message: `unknown runbook "${name}"${didYouMean(name, names)}` }];
  }
  const ids = runbook.steps.map((step) => step.id);
  const tools = [...new Set(runbook.steps.flatMap((step) => step.kind === "action" ? [step.tool] : []))];
  return cases.flatMap((testCase, i) => {
    const at = (path, message) => ({ path: ["cases", i, ...path], message });
    const problems = checkParams(runbook.params, testCase.params).problems.map((p) => at(p.path, p.message));
    const { decidedBy, actions, outcome } = testCase.expect;
    if (decidedBy && !ids.includes(decidedBy))
      problems.push(
        at(["expect", "decidedBy"], `${name} has no step "${decidedBy}"${didYouMean(decidedBy, ids)}`)
      );
    (actions ?? []).forEach((tool, j) => {
      if (!tools.includes(tool))
        problems.push(
          at(
            ["expect", "actions", j],
            `${name} runs no tool "${tool}" (its actions: ${tools.join(", ") || "none"})`
          )
        );
    });
    if (!problems.length && !pathsMeeting(runbook, { ...testCase.expect, approvals: testCase.approvals }).length) {
      const executed = actions ? ` after executing [${actions.join(", ")}]` : "";
      const where = decidedBy ? ` at step ${decidedBy}` : "";
      problems.push(at(["expect"], `no path through ${name} ends ${outcome}${where}${executed}`));
    }
    return problems;
  });
}

// src/cli/runbook.ts
var USAGE = `Usage: opswarden runbook <command> [path]

Commands:
  validate [path]   Check runbooks and the test files beside them
  test [path]       Run each runbook's test cases against sandbox scenarios (a live
                    sandbox at ${TEST_SPEED}x in this process per case) and check every step is visited

path is a runbook file or a directory of runbooks (default: the built-in runbooks/).
Exit status: 0 all good, 1 an invalid file, a failing case or an unvisited step, 2 bad usage.
`;
var out = (line = "") => process.stdout.write(`${line}
`);
var err = (line) => process.stderr.write(`${line}
`);
function load(path) {
  const target = resolve2(path);
  if (!existsSync2(target)) throw new RunbookError([`${path}: no such file or directory`]);
  const isDir = statSync(target).isDirectory();
  const dir = isDir ? target : dirname2(target);
  const all = loadRunbooks(dir);
  const selected = isDir ? all : [loadRunbook(target)];
  const tests = [];
  const untested = [];
  for (const runbook of selected) {
    const testPath = runbookTestPath(runbook.source);
    if (existsSync2(testPath)) tests.push(loadRunbookTests(testPath, all));
    else untested.push(runbook.name);
  }
  return { dir, all, selected, tests, untested };
}
function caseLine(r) {
  const seconds = `${(r.durationMs / 1e3).toFixed(1)} s`;
  const ended = `${r.outcome ?? "no outcome"}${r.decidedBy ? ` by ${r.decidedBy}` : ""}`;
  const head = `${r.passed ? "ok  " : "FAIL"} ${r.runbook} \u203A ${r.case}: ${ended}; executed [${r.actions.join(", ")}] (${seconds})`;
  return r.passed ? head : [head, ...r.problems.map((p) => `       ${p}`)].join("\n");
}
async function runbookCommand(argv) {
  const parsed = parseCommandAndPath("runbook", argv, {
    usage: USAGE,
    commands: ["validate", "test"],
    defaultPath: BUILTIN_RUNBOOKS
  });
  if (typeof parsed === "number") return parsed;
  const { command, path } = parsed;
  let loaded;
  try {
    loaded = load(path);
  } catch (error) {
    if (!(error instanceof RunbookError)) throw error;
    err(`opswarden runbook ${command}: invalid:
${error.message}`);
    return 1;
  }
  for (const name of loaded.untested) err(`${name}: no test file beside it (${name}.test.yaml)`);
  if (command === "validate") {
    const cases = loaded.tests.reduce((n, t) => n + t.cases.length, 0);
    out(
      `${loaded.selected.length} runbooks and ${loaded.tests.length} test files (${cases} cases) are valid`
    );
    return loaded.untested.length ? 1 : 0;
  }
  const run = await runRunbookTests(loaded.tests, loaded.dir, loaded.all, (r) => out(caseLine(r)));
  for (const { runbook, steps } of run.unvisited)
    out(`LINT ${runbook}: no case visits step(s) ${steps.join(", ")}`);
  const passed = run.results.filter((r) => r.passed).length;
  const failed = run.results.length - passed;
  out(`${passed} passed, ${failed} failed`);
  return failed || run.unvisited.length || loaded.untested.length ? 1 : 0;
}
export {
  runbookCommand
};

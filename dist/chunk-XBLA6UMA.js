import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  ScenarioError,
  containersOf,
  controllerRef,
  generateSeries,
  humanDuration,
  kubeTime,
  loadScenario,
  podStatusText,
  renderKubeWorld
} from "./chunk-QIS6YJEO.js";
import "./chunk-SAMT74J2.js";
import "./chunk-C45OCBOW.js";
import {
  canonicalJson
} from "./chunk-E2EGGSXF.js";
import "./chunk-ERFH3KHH.js";
import "./chunk-QXZT5HPF.js";
import "./chunk-PB6ZSKJE.js";

// src/cli/scenario.ts
import { parseArgs } from "node:util";

// src/sandbox/metrics/openmetrics.ts
import { once } from "node:events";
import { createWriteStream } from "node:fs";
async function writeOpenMetrics(series, out) {
  for (const family of groupByFamily(series)) {
    const first = family[0];
    await write(
      out,
      `# TYPE ${first.family} ${first.type}
# HELP ${first.family} ${escapeHelp(first.help)}
`
    );
    for (const one of family) await write(out, seriesText(one));
  }
  await new Promise(
    (resolve, reject) => out.write("# EOF\n", (error) => error ? reject(error) : resolve())
  );
}
async function writeOpenMetricsFile(series, path) {
  const file = createWriteStream(path);
  const closed = once(file, "close");
  try {
    await writeOpenMetrics(series, file);
  } finally {
    file.end();
  }
  await closed;
}
function groupByFamily(series) {
  const families = /* @__PURE__ */ new Map();
  for (const one of series) {
    const family = families.get(one.family);
    if (!family) families.set(one.family, [one]);
    else if (family[0].type !== one.type) {
      throw new Error(
        `metric family ${one.family} is both a ${family[0].type} and a ${one.type} (series ${one.name}): give them different names`
      );
    } else family.push(one);
  }
  return [...families.values()];
}
function seriesText(series) {
  const labels = Object.entries(series.labels).map(([key, value]) => `${key}="${escapeLabelValue(value)}"`).join(",");
  const prefix = labels ? `${series.name}{${labels}} ` : `${series.name} `;
  let text = "";
  for (const { t, v } of series.samples) text += `${prefix}${formatValue(v)} ${t / 1e3}
`;
  return text;
}
function formatValue(value) {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e3) / 1e3);
}
function escapeLabelValue(value) {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}
function escapeHelp(help) {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}
async function write(out, chunk) {
  if (!out.write(chunk)) await once(out, "drain");
}

// src/sandbox/scenario/movers.ts
var RECENT_WINDOW_MS = 15 * 6e4;
var BASELINE_WINDOW_MS = 60 * 6e4;
var MIN_CHANGE = 0.1;
function topMovers(series, now, limit = 10) {
  const windows = {
    now: now.getTime(),
    split: now.getTime() - RECENT_WINDOW_MS,
    baselineStart: now.getTime() - RECENT_WINDOW_MS - BASELINE_WINDOW_MS
  };
  const groups = /* @__PURE__ */ new Map();
  for (const stream of series) {
    const part = histogramPart(stream);
    if (part === "bucket") continue;
    const measured = stream.type === "gauge" ? averages(stream.samples, windows) : rates(stream.samples, windows);
    if (!measured) continue;
    const group = groupOf(groups, stream, part);
    group.pods.add(stream.labels.pod ?? "");
    if (part === "count") {
      group.countBefore += measured.before;
      group.countAfter += measured.after;
    } else {
      group.before += measured.before;
      group.after += measured.after;
    }
  }
  return [...groups.values()].flatMap((group) => {
    const move = moveOf(group);
    return move ? [move] : [];
  }).sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name) || byLabels(a, b)).slice(0, limit);
}
function histogramPart(stream) {
  if (stream.type !== "histogram") return void 0;
  const suffix = stream.name.slice(stream.family.length + 1);
  return suffix === "sum" || suffix === "count" ? suffix : "bucket";
}
function groupOf(groups, stream, part) {
  const { pod: _pod, ...labels } = stream.labels;
  const name = part ? stream.family : stream.name;
  const measure = part ? "mean" : stream.type === "gauge" ? "value" : "rate";
  const key = `${name}\0${measure}\0${canonicalJson(labels)}`;
  let group = groups.get(key);
  if (!group) {
    group = {
      name,
      labels: Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))),
      measure,
      pods: /* @__PURE__ */ new Set(),
      before: 0,
      after: 0,
      countBefore: 0,
      countAfter: 0
    };
    groups.set(key, group);
  }
  return group;
}
function moveOf(group) {
  const mean = (sum, count) => count > 0 ? sum / count : void 0;
  const before = group.measure === "mean" ? mean(group.before, group.countBefore) : group.before;
  const after = group.measure === "mean" ? mean(group.after, group.countAfter) : group.after;
  if (before === void 0 || after === void 0 || before === 0 && after === 0) return void 0;
  const change = before === 0 ? null : (after - before) / Math.abs(before);
  if (change !== null && Math.abs(change) < MIN_CHANGE) return void 0;
  return {
    name: group.name,
    labels: group.labels,
    measure: group.measure,
    series: group.pods.size,
    before: round(before),
    after: round(after),
    change: change === null ? null : Number(change.toFixed(3))
  };
}
function score(move) {
  const ratio = move.after / move.before;
  return ratio > 0 && Number.isFinite(ratio) ? Math.abs(Math.log(ratio)) : Number.POSITIVE_INFINITY;
}
function byLabels(a, b) {
  return canonicalJson(a.labels).localeCompare(canonicalJson(b.labels));
}
function round(value) {
  return Number(value.toPrecision(6));
}
function averages(samples, w) {
  const before = { sum: 0, n: 0 };
  const after = { sum: 0, n: 0 };
  for (const { t, v } of samples) {
    const window = t > w.split && t <= w.now ? after : t > w.baselineStart && t <= w.split ? before : void 0;
    if (!window) continue;
    window.sum += v;
    window.n++;
  }
  if (!before.n || !after.n) return void 0;
  return { before: before.sum / before.n, after: after.sum / after.n };
}
function rates(samples, w) {
  const before = { increase: 0, ms: 0 };
  const after = { increase: 0, ms: 0 };
  let previous;
  for (const sample of samples) {
    const { t, v } = sample;
    const window = t > w.split && t <= w.now ? after : t > w.baselineStart && t <= w.split ? before : void 0;
    if (window && previous) {
      window.increase += v >= previous.v ? v - previous.v : v;
      window.ms += t - previous.t;
    }
    previous = sample;
  }
  if (!before.ms || !after.ms) return void 0;
  return { before: before.increase * 1e3 / before.ms, after: after.increase * 1e3 / after.ms };
}

// src/sandbox/scenario/recent-changes.ts
var CHANGE_WINDOW_MS = 24 * 36e5;
var MAX_VALUE_LENGTH = 40;
function recentChanges(spec) {
  const now = spec.now.getTime();
  const recent = (at) => at.getTime() > now - CHANGE_WINDOW_MS && at.getTime() <= now;
  const configMaps = configMapWrites(spec, recent);
  return [
    ...[...changeEvents(spec, recent), ...rollouts(spec, recent), ...configMaps.dated].sort((a, b) => b.at.getTime() - a.at.getTime() || a.change.ref.localeCompare(b.change.ref)).map((d) => d.change),
    ...configMaps.undated
  ];
}
var dated = (at, change) => ({
  at,
  change: { at: kubeTime(at), ...change }
});
function changeEvents(spec, recent) {
  return spec.changes.filter((change) => recent(change.at)).map(
    (change) => dated(change.at, {
      kind: change.kind,
      ref: `Change/${change.id}`,
      ...change.service === void 0 ? {} : { service: change.service },
      summary: change.summary
    })
  );
}
function rollouts(spec, recent) {
  const workloads = [
    ...spec.kubernetes.deployments.map((w) => ({ kind: "Deployment", workload: w })),
    ...spec.kubernetes.statefulsets.map((w) => ({ kind: "StatefulSet", workload: w }))
  ];
  return workloads.flatMap(({ kind, workload }) => {
    let env = {};
    return workload.revisions.flatMap((revision, index) => {
      const previous = workload.revisions[index - 1];
      const previousEnv = env;
      env = { ...env, ...revision.env };
      if (!recent(revision.at)) return [];
      const envDiff = diffText(previousEnv, env);
      const what = previous ? [
        ...previous.image === revision.image ? [] : [`image ${imageChange(previous.image, revision.image)}`],
        ...envDiff ? [`env ${envDiff}`] : []
      ].join("; ") || "same pod template" : `created with image ${revision.image}`;
      const cause = revision.changeCause === void 0 ? "" : ` "${revision.changeCause}"`;
      return [
        dated(revision.at, {
          kind: "rollout",
          ref: `${kind}/${workload.namespace}/${workload.name}`,
          summary: `revision ${index + 1}${cause}: ${what}`
        })
      ];
    });
  });
}
function configMapWrites(spec, recent) {
  const writes = spec.kubernetes.configmaps.map((configMap) => {
    const ref = `ConfigMap/${configMap.namespace}/${configMap.name}`;
    const versions = configMap.history.flatMap((version, index) => {
      const previous = configMap.history[index - 1];
      const diff2 = previous ? diffText(previous.data, version.data) : "created";
      return recent(version.at) && diff2 ? [dated(version.at, { kind: "configmap", ref, summary: diff2 })] : [];
    });
    const last = configMap.history.at(-1);
    const diff = last && diffText(last.data, configMap.data);
    const current = last && diff ? [
      {
        at: null,
        kind: "configmap",
        ref,
        summary: `${diff} (current content, written some time after ${kubeTime(last.at)})`
      }
    ] : [];
    return { versions, current };
  });
  return { dated: writes.flatMap((w) => w.versions), undated: writes.flatMap((w) => w.current) };
}
function diffText(before, after) {
  const keys = [.../* @__PURE__ */ new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) => {
    const [was, is] = [before[key], after[key]];
    if (was === is) return [];
    if (was === void 0) return [`${key}=${clip(is)} (new)`];
    if (is === void 0) return [`${key} removed`];
    return [`${key} ${clip(was)} \u2192 ${clip(is)}`];
  }).join(", ");
}
function imageChange(before, after) {
  const repository = (image) => image.replace(/:[^:/]+$/, "");
  return repository(before) === repository(after) ? `${before} \u2192 ${after.slice(repository(after).length + 1)}` : `${before} \u2192 ${after}`;
}
function clip(value) {
  return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}\u2026` : value;
}

// src/sandbox/scenario/render.ts
var SEVERITY_RANK = { critical: 0, page: 0, error: 1, warning: 2, info: 3 };
function renderScenarioSummary(scenario) {
  const { source, name, description, spec } = scenario;
  const served = { source, name, description, spec, truth: void 0, resolution: void 0 };
  const world = renderKubeWorld(served, { now: () => spec.now });
  return {
    scenario: name,
    source,
    cluster: spec.cluster.name,
    now: kubeTime(spec.now),
    pods: podSummaries(world.objects),
    alerts: firingAlerts(spec),
    movers: topMovers(generateSeries(served), spec.now),
    changes: recentChanges(spec),
    nodes: nodeProblems(world.objects)
  };
}
function podSummaries(objects) {
  const byKey = new Map(objects.map((o) => [`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o]));
  const workloadOf = (pod) => {
    const namespace = pod.metadata.namespace;
    const owner = controllerRef(pod);
    if (owner?.kind === "StatefulSet") return `StatefulSet/${namespace}/${owner.name}`;
    const replicaSet = owner && byKey.get(`ReplicaSet/${namespace}/${owner.name}`);
    const deployment = replicaSet && controllerRef(replicaSet);
    return deployment ? `${deployment.kind}/${namespace}/${deployment.name}` : null;
  };
  return objects.filter((o) => o.kind === "Pod").map((pod) => {
    const { reason, ready, restarts, lastRestart } = podStatusText(pod);
    return {
      namespace: pod.metadata.namespace ?? "",
      name: pod.metadata.name,
      workload: workloadOf(pod),
      status: reason,
      ready: `${ready}/${containersOf(pod.spec).length}`,
      restarts,
      lastRestart: lastRestart ?? null,
      node: typeof pod.spec?.nodeName === "string" ? pod.spec.nodeName : null
    };
  }).sort(
    (a, b) => Number(isHealthy(a)) - Number(isHealthy(b)) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)
  );
}
function isHealthy(pod) {
  const [ready, total] = pod.ready.split("/");
  return pod.status === "Running" && ready === total;
}
function firingAlerts({ now, alerts }) {
  const rank = (alert) => SEVERITY_RANK[alert.severity ?? ""] ?? 4;
  return alerts.filter((a) => a.startsAt <= now && (a.endsAt === null || a.endsAt > now)).map(
    (a) => ({
      name: a.name,
      severity: a.labels.severity ?? null,
      labels: Object.fromEntries(Object.entries(a.labels).sort(([x], [y]) => x.localeCompare(y))),
      since: kubeTime(a.startsAt),
      summary: a.annotations.summary ?? a.annotations.description ?? null
    })
  ).sort((a, b) => rank(a) - rank(b) || a.since.localeCompare(b.since) || a.name.localeCompare(b.name));
}
function nodeProblems(objects) {
  return objects.filter((o) => o.kind === "Node").flatMap((node) => {
    const conditions = (node.status?.conditions ?? []).filter((c) => c.status !== (c.type === "Ready" ? "True" : "False")).map((c) => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
      message: c.message,
      since: c.lastTransitionTime
    }));
    const unschedulable = node.spec?.unschedulable === true;
    return conditions.length || unschedulable ? [{ name: node.metadata.name, unschedulable, conditions }] : [];
  });
}

// src/sandbox/scenario/summary-text.ts
function formatScenarioSummary(summary) {
  const now = Date.parse(summary.now);
  const ago = (iso) => `${humanDuration(now - Date.parse(iso))} ago`;
  const notHealthy = summary.pods.filter((pod) => !isHealthy(pod)).length;
  const sections = [
    `Scenario ${summary.scenario} (${summary.source}): cluster ${summary.cluster} at ${summary.now}`,
    section(
      `Pods (${summary.pods.length}, ${notHealthy} not running and ready)`,
      table([
        ["NAMESPACE", "NAME", "STATUS", "READY", "RESTARTS", "NODE"],
        ...summary.pods.map((pod) => [
          pod.namespace,
          pod.name,
          pod.status,
          pod.ready,
          pod.restarts && pod.lastRestart ? `${pod.restarts} (${ago(pod.lastRestart)})` : String(pod.restarts),
          pod.node ?? "<none>"
        ])
      ])
    ),
    section(
      `Firing alerts (${summary.alerts.length})`,
      summary.alerts.flatMap((alert) => {
        const { alertname: _name, severity: _severity, ...labels } = alert.labels;
        return [
          [(alert.severity ?? "none").padEnd(8), alert.name, `since ${ago(alert.since)}`, labelText(labels)].filter(Boolean).join("  "),
          ...alert.summary ? [`${" ".repeat(10)}${alert.summary}`] : []
        ];
      })
    ),
    section(
      "Top moving series (last 15m against the hour before; pods summed)",
      table(
        summary.movers.map((move) => [
          move.measure,
          `${move.name}${labelText(move.labels)}${move.series > 1 ? ` (${move.series} series)` : ""}`,
          `${valueText(move, move.before)} \u2192 ${valueText(move, move.after)}`,
          move.change === null ? "new" : `${move.change >= 0 ? "+" : ""}${Math.round(move.change * 100)}%`
        ])
      )
    ),
    section(
      "Recent changes (24h, newest first)",
      table(
        summary.changes.map((change) => [
          change.at ? ago(change.at) : "time unknown",
          change.kind,
          change.service ? `${change.ref} (${change.service})` : change.ref,
          change.summary
        ])
      )
    ),
    section(
      "Nodes not healthy",
      summary.nodes.flatMap((node) => [
        `${node.name}${node.unschedulable ? " (cordoned: SchedulingDisabled)" : ""}`,
        ...node.conditions.map(
          (c) => `    ${c.type}=${c.status} since ${ago(c.since)}: ${c.reason}: ${c.message}`
        )
      ])
    )
  ];
  return `${sections.join("\n\n")}
`;
}
function section(title, lines) {
  return [title, ...(lines.length ? lines : ["(none)"]).map((line) => `  ${line}`)].join("\n");
}
function table(rows) {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column].length))) ?? [];
  return rows.map(
    (row) => row.map((cell, column) => column === row.length - 1 ? cell : cell.padEnd(widths[column])).join("  ")
  );
}
function labelText(labels) {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  return pairs.length ? `{${pairs.join(",")}}` : "";
}
var BINARY_UNITS = ["", "Ki", "Mi", "Gi", "Ti"];
function valueText(move, value) {
  const perSecond = move.measure === "rate" ? "/s" : "";
  if (move.name.includes("_bytes")) {
    let scaled = value;
    let unit = 0;
    while (Math.abs(scaled) >= 1024 && unit < BINARY_UNITS.length - 1) {
      scaled /= 1024;
      unit++;
    }
    return `${significant(scaled)}${BINARY_UNITS[unit]}${perSecond}`;
  }
  if (move.measure === "mean" && move.name.endsWith("_seconds")) {
    return value < 1 ? `${significant(value * 1e3)}ms` : `${significant(value)}s`;
  }
  return `${significant(value)}${perSecond}`;
}
function significant(value) {
  return String(Number(value.toPrecision(3)));
}

// src/cli/scenario.ts
var USAGE = `Usage: opswarden scenario <command> <scenario.yaml>

Commands:
  validate <file>                      Check the scenario; print OK or every problem with its YAML path
  render <file> [--json]               What the world looks like at spec.now: pods, firing alerts,
                                       the series that moved most (last 15m against the hour
                                       before), changes of the last 24h, unhealthy nodes.
                                       Never shows the scenario's truth or resolution.
                                       --json prints one JSON object instead of text
  export-openmetrics <file> [-o out]   Write its metric series as OpenMetrics text (stdout by default),
                                       for: promtool tsdb create-blocks-from openmetrics <out> <dir>

Exit status: 0 success, 1 invalid scenario, 2 bad usage.
`;
var COMMANDS = ["validate", "render", "export-openmetrics"];
var err = (line) => process.stderr.write(`${line}
`);
async function scenarioCommand(argv) {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    err(`opswarden scenario: ${error.message}

${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [command, file, ...extra] = positionals;
  if (values.help || command === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!COMMANDS.includes(command)) {
    err(`opswarden scenario: ${command ? `unknown command "${command}"` : "missing command"}

${USAGE}`);
    return 2;
  }
  if (!file || extra.length) {
    err(`opswarden scenario ${command}: expected one scenario file

${USAGE}`);
    return 2;
  }
  if (command !== "export-openmetrics" && values.output !== void 0) {
    err(`opswarden scenario ${command}: -o is only for export-openmetrics

${USAGE}`);
    return 2;
  }
  if (command !== "render" && values.json) {
    err(`opswarden scenario ${command}: --json is only for render

${USAGE}`);
    return 2;
  }
  let scenario;
  try {
    scenario = loadScenario(file);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    for (const problem of error.problems) err(problem);
    return 1;
  }
  if (command === "validate") {
    process.stdout.write(`OK ${file}: scenario ${scenario.name}
`);
    return 0;
  }
  if (command === "render") {
    const summary = renderScenarioSummary(scenario);
    process.stdout.write(
      values.json ? `${JSON.stringify(summary, null, 2)}
` : formatScenarioSummary(summary)
    );
    return 0;
  }
  const series = generateSeries(scenario);
  if (values.output) await writeOpenMetricsFile(series, values.output);
  else await writeOpenMetrics(series, process.stdout);
  return 0;
}
function parse(argv) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      output: { type: "string", short: "o" },
      json: { type: "boolean" }
    }
  });
}
export {
  scenarioCommand
};

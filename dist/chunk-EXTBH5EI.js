import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  canonicalEnvironment
} from "./chunk-H7HVJGAA.js";

// src/dispatch/history.ts
var MINUTE = 6e4;
var HOUR = 60 * MINUTE;
var RESTART_FAMILY = /* @__PURE__ */ new Set(["k8s_rollout_restart", "k8s_pod_delete"]);
function targetKey(target) {
  return [
    target.cluster ?? "",
    target.kind ?? "",
    target.namespace ?? "",
    target.name ?? target.service ?? ""
  ].join("/");
}
function workloadKey(target) {
  return targetKey(target.workload ? { ...target, ...target.workload } : target);
}
function combineFractions(fractions) {
  let left = 1;
  for (const f of fractions) left *= 1 - clampFraction(f);
  return 1 - left;
}
function cumulativeFractionOfService(impact, history) {
  const own2 = clampFraction(impact.fractionOfService ?? 0);
  return own2 > 0 ? combineFractions([own2, history.capacityRemoved["1h"]]) : 0;
}
function historyFor(audit, tool, target, principal, now) {
  const ago = (ms) => new Date(now.getTime() - ms);
  const [m10, h1, h24] = [ago(10 * MINUTE), ago(HOUR), ago(24 * HOUR)];
  const [sameTarget10m, sameTarget1h, sameTarget24h] = audit.countExecutedWindows(
    { targetKey: targetKey(target) },
    [m10, h1, h24]
  );
  const [principal10m, principal1h] = audit.countExecutedWindows({ principal: principal.id }, [m10, h1]);
  const workload = audit.executedOnWorkload(workloadKey(target), h24);
  const restarts = (since) => workload.filter((c) => RESTART_FAMILY.has(c.tool) && c.at >= since).length;
  const removed = (since) => combineFractions(workload.filter((c) => c.at >= since).map((c) => c.fractionOfService));
  return {
    sameTarget: { "10m": sameTarget10m ?? 0, "1h": sameTarget1h ?? 0, "24h": sameTarget24h ?? 0 },
    sameTool: { "1h": audit.countExecuted({ tool, since: h1 }) },
    approvalsRejected: { "24h": audit.countRejectedApprovals({ principal: principal.id, since: h24 }) },
    restarts: { "10m": restarts(m10), "1h": restarts(h1), "24h": restarts(h24) },
    capacityRemoved: { "1h": removed(h1), "24h": removed(h24) },
    principalChanges: { "10m": principal10m ?? 0, "1h": principal1h ?? 0 }
  };
}
function clampFraction(f) {
  return Number.isFinite(f) ? Math.min(1, Math.max(0, f)) : 1;
}

// src/dispatch/policy-input.ts
function resolveEnvironment(target, environments, defaultCluster) {
  const cluster = own(environments.clusters, target.cluster ?? defaultCluster);
  const ns = target.namespace;
  const chosen = own(cluster?.namespaces, ns) ?? own(environments.namespaces, ns) ?? target.environment ?? cluster?.default ?? environments.default;
  return {
    ...target,
    environment: canonicalEnvironment(chosen, environments.aliases),
    ...target.environment !== void 0 ? { declaredEnvironment: target.environment } : {}
  };
}
function own(record, key) {
  return record && key !== void 0 && Object.hasOwn(record, key) ? record[key] : void 0;
}
function inChangeFreeze(config, now) {
  const t = now.getTime();
  return config.policy.changeFreeze.some((w) => Date.parse(w.start) <= t && t < Date.parse(w.end));
}
function buildPolicyInput(p) {
  return {
    request: {
      tool: p.tool,
      kind: p.kind,
      args: p.args,
      dryRun: p.args.dryRun === true,
      reason: typeof p.args.reason === "string" ? p.args.reason : ""
    },
    target: p.target,
    principal: p.principal,
    impact: { ...p.impact, cumulativeFractionOfService: cumulativeFractionOfService(p.impact, p.history) },
    history: p.history,
    context: { now: p.now, changeFreeze: p.changeFreeze, rolloutInProgress: p.rolloutInProgress ?? false }
  };
}

export {
  targetKey,
  workloadKey,
  cumulativeFractionOfService,
  historyFor,
  resolveEnvironment,
  inChangeFreeze,
  buildPolicyInput
};

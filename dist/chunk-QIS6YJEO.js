import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  compileTemplate,
  hash32,
  mix32,
  mulberry32,
  parseQuantity,
  randomHex,
  randomUuid,
  renderTemplate,
  scenarioDocumentSchema,
  seedFromName,
  streamRandom
} from "./chunk-SAMT74J2.js";
import {
  yamlPath
} from "./chunk-C45OCBOW.js";
import {
  canonicalJson,
  parseDuration,
  sha256Hex
} from "./chunk-E2EGGSXF.js";
import {
  yaml
} from "./chunk-QXZT5HPF.js";

// src/sandbox/reactions/timeline.ts
function incidentTimeline(resolution) {
  const windows = [];
  const listeners = /* @__PURE__ */ new Set();
  const incidentStart = resolution ? resolution.incidentStart.getTime() : Number.POSITIVE_INFINITY;
  const recovery = resolution?.recovery ?? 0;
  const ramp = (elapsed) => recovery > 0 ? Math.min(1, Math.max(0, elapsed / recovery)) : 1;
  const weightIn = (w, t) => {
    if (t < w.from) return 1;
    if (t < w.until) return 1 - ramp(t - w.from);
    const atEnd = 1 - ramp(w.until - w.from);
    return atEnd + (1 - atEnd) * ramp(t - w.until);
  };
  return {
    incidentStart,
    recovery,
    weight: (t) => windows.reduce((least, w) => Math.min(least, weightIn(w, t)), 1),
    active: (t) => !windows.some((w) => t >= w.from && t < w.until),
    windows: () => windows,
    suppress(from, until) {
      if (!(until > from)) throw new Error(`a suppression must end after it starts (${from} \u2192 ${until})`);
      windows.push({ from, until });
      windows.sort((a, b) => a.from - b.from);
      for (const listener of listeners) listener();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }
  };
}

// src/sandbox/scenario/time.ts
var RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
function parseDurationSigned(text) {
  const signed = /^([+-])(.+)$/.exec(text.trim());
  if (signed) {
    try {
      const ms = parseDuration(signed[2]);
      return signed[1] === "-" ? -ms : ms;
    } catch {
    }
  }
  throw new Error(
    `invalid relative time ${JSON.stringify(text)}: expected a signed duration such as -6h, -90s or +5m`
  );
}
function parseTimestamp(text) {
  const date = RFC3339.test(text.trim()) ? new Date(text.trim()) : void 0;
  if (!date || Number.isNaN(date.getTime())) {
    throw new Error(
      `invalid timestamp ${JSON.stringify(text)}: expected RFC 3339, e.g. 2026-04-25T14:30:00Z`
    );
  }
  return date;
}
function resolveTime(text, now) {
  if (/^\s*[+-]/.test(text)) return new Date(now.getTime() + parseDurationSigned(text));
  if (RFC3339.test(text.trim())) return parseTimestamp(text);
  throw new Error(
    `invalid time ${JSON.stringify(text)}: expected a duration relative to spec.now (-6h, -90s, +5m) or an RFC 3339 timestamp`
  );
}
function kubeTime(date) {
  return `${date.toISOString().slice(0, 19)}Z`;
}
function goDuration(ms) {
  const seconds = Math.round(ms / 1e3);
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}

// src/sandbox/scenario/identity.ts
var SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
var APPS_KINDS = /* @__PURE__ */ new Set(["Deployment", "ReplicaSet", "StatefulSet", "ControllerRevision"]);
function apiVersionOf(kind) {
  return APPS_KINDS.has(kind) ? "apps/v1" : "v1";
}
function objectUid(seed, kind, namespace, name) {
  return randomUuid(streamRandom(seed, `uid/${kind}/${namespace ?? ""}/${name}`));
}
function podTemplateHash(template) {
  return safeEncode(String(hash32(canonicalJson(template))).padStart(10, "0"));
}
function safeEncode(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}
function nameSuffixes(random, count) {
  const suffixes = /* @__PURE__ */ new Set();
  while (suffixes.size < count) {
    suffixes.add(Array.from({ length: 5 }, () => random.pick([...SAFE_ALPHABET])).join(""));
  }
  return [...suffixes];
}
function objectMeta(seed, input) {
  const { kind, namespace, name, created, labels, annotations, owner, ...extra } = input;
  return {
    name,
    ...namespace === void 0 ? {} : { namespace },
    uid: objectUid(seed, kind, namespace, name),
    creationTimestamp: kubeTime(created),
    ...extra,
    ...labels && Object.keys(labels).length ? { labels } : {},
    ...annotations && Object.keys(annotations).length ? { annotations } : {},
    ...owner ? {
      ownerReferences: [
        {
          apiVersion: apiVersionOf(owner.kind),
          kind: owner.kind,
          name: owner.name,
          uid: objectUid(seed, owner.kind, namespace, owner.name),
          controller: true
        }
      ]
    } : {}
  };
}

// src/sandbox/scenario/nodes.ts
var CONDITIONS = {
  MemoryPressure: {
    False: { reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available" },
    True: {
      reason: "KubeletHasInsufficientMemory",
      message: "kubelet has insufficient memory available",
      event: "NodeHasInsufficientMemory",
      taint: { key: "node.kubernetes.io/memory-pressure", effect: "NoSchedule" }
    }
  },
  DiskPressure: {
    False: { reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" },
    True: {
      reason: "KubeletHasDiskPressure",
      message: "kubelet has disk pressure",
      event: "NodeHasDiskPressure",
      taint: { key: "node.kubernetes.io/disk-pressure", effect: "NoSchedule" }
    }
  },
  PIDPressure: {
    False: { reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available" },
    True: {
      reason: "KubeletHasInsufficientPID",
      message: "kubelet has insufficient PID available",
      event: "NodeHasInsufficientPID",
      taint: { key: "node.kubernetes.io/pid-pressure", effect: "NoSchedule" }
    }
  },
  Ready: {
    True: { reason: "KubeletReady", message: "kubelet is posting ready status" },
    False: {
      reason: "KubeletNotReady",
      message: "container runtime status check may not have completed yet",
      event: "NodeNotReady",
      taint: { key: "node.kubernetes.io/not-ready", effect: "NoExecute" }
    },
    Unknown: {
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
      event: "NodeNotReady",
      taint: { key: "node.kubernetes.io/unreachable", effect: "NoExecute" }
    }
  }
};
var HEALTHY = {
  MemoryPressure: "False",
  DiskPressure: "False",
  PIDPressure: "False",
  Ready: "True"
};
var DEFAULT_CAPACITY = { cpu: "4", memory: "16Gi", pods: "110", "ephemeral-storage": "100Gi" };
function planNodes(spec) {
  const listed = spec.kubernetes.nodes.length ? spec.kubernetes.nodes : defaultNodes(spec.seed);
  return listed.map((node, index) => ({
    spec: node,
    internalIP: ipFromName(node.name) ?? `10.0.${index}.${10 + hash32(node.name) % 200}`,
    schedulable: !node.unschedulable
  }));
}
function defaultNodes(seed) {
  const random = streamRandom(seed, "default-nodes");
  return [1, 2, 3].map((subnet) => ({
    name: `ip-10-0-${subnet}-${random.int(10, 250)}`,
    labels: {},
    capacity: {},
    conditions: [],
    unschedulable: false
  }));
}
function ipFromName(name) {
  const match = /^ip-(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})(?:\.|$)/.exec(name);
  return match ? match.slice(1, 5).join(".") : void 0;
}
function nodeObject(plan, seed, created, now) {
  const { spec } = plan;
  const capacity = { ...DEFAULT_CAPACITY, ...spec.capacity };
  const conditions = nodeConditions(spec, created);
  const taints = conditions.flatMap((c) => {
    const taint = CONDITIONS[c.type]?.[c.status]?.taint;
    return taint ? [{ ...taint, timeAdded: c.lastTransitionTime }] : [];
  });
  if (spec.unschedulable) {
    taints.push({
      key: "node.kubernetes.io/unschedulable",
      effect: "NoSchedule",
      timeAdded: kubeTime(created)
    });
  }
  const random = streamRandom(seed, `node-info/${spec.name}`);
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: objectMeta(seed, {
      kind: "Node",
      name: spec.name,
      created,
      labels: {
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": spec.name,
        "kubernetes.io/os": "linux",
        ...spec.labels
      }
    }),
    spec: {
      ...spec.unschedulable ? { unschedulable: true } : {},
      ...taints.length ? { taints } : {}
    },
    status: {
      capacity,
      allocatable: capacity,
      conditions: conditions.map((c) => ({ ...c, lastHeartbeatTime: kubeTime(now) })),
      addresses: [
        { type: "InternalIP", address: plan.internalIP },
        { type: "Hostname", address: spec.name }
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: "amd64",
        bootID: objectUid(seed, "Boot", void 0, spec.name),
        containerRuntimeVersion: "containerd://1.7.22",
        kernelVersion: "6.1.109-118.189.amzn2023.x86_64",
        kubeProxyVersion: "v1.30.4",
        kubeletVersion: "v1.30.4",
        machineID: randomHex(random, 32),
        operatingSystem: "linux",
        osImage: "Amazon Linux 2023.5.20240916",
        systemUUID: objectUid(seed, "System", void 0, spec.name)
      }
    }
  };
}
function nodeConditions(spec, created) {
  const listed = new Map(spec.conditions.map((c) => [c.type, c]));
  const types = [
    ...Object.keys(HEALTHY),
    ...spec.conditions.map((c) => c.type).filter((t) => !(t in HEALTHY))
  ];
  return types.map((type) => {
    const condition = listed.get(type);
    const status = condition?.status ?? HEALTHY[type];
    const look = CONDITIONS[type]?.[status];
    return {
      type,
      status,
      reason: condition?.reason ?? look?.reason ?? type,
      message: condition?.message ?? look?.message ?? `${type} is ${status}`,
      lastTransitionTime: kubeTime(condition?.since ?? created)
    };
  });
}
function nodeConditionEvents(plan, created) {
  return plan.spec.conditions.flatMap((condition) => {
    if (HEALTHY[condition.type] === condition.status) return [];
    const custom = !(condition.type in HEALTHY) && condition.status === "True";
    const reason = CONDITIONS[condition.type]?.[condition.status]?.event ?? (custom ? condition.reason ?? condition.type : void 0);
    if (!reason) return [];
    return [
      {
        node: plan.spec.name,
        at: condition.since ?? created,
        reason,
        message: `Node ${plan.spec.name} status is now: ${reason}`
      }
    ];
  });
}

// src/sandbox/scenario/workloads.ts
var CRASHING = /* @__PURE__ */ new Set(["CrashLoopBackOff", "OOMKilled", "Error"]);
function planWorkloads(spec, nodes, now) {
  const usedIPs = /* @__PURE__ */ new Set();
  const plan = (kind) => (workload) => planWorkload(kind, workload, spec.seed, nodes, now, usedIPs);
  return [
    ...spec.kubernetes.deployments.map(plan("Deployment")),
    ...spec.kubernetes.statefulsets.map(plan("StatefulSet"))
  ];
}
function planWorkload(kind, workload, seed, nodes, now, usedIPs) {
  let env = {};
  const revisions = workload.revisions.map((revision, i) => {
    env = { ...env, ...revision.env };
    const template = {
      metadata: { labels: { ...workload.labels } },
      spec: podSpec(workload.containers, revision.image, env)
    };
    const hash = podTemplateHash(template);
    return {
      number: i + 1,
      at: revision.at,
      image: revision.image,
      changeCause: revision.changeCause,
      env,
      hash,
      ownerName: `${workload.name}-${hash}`,
      template
    };
  });
  const current = revisions.at(-1);
  const overrides = new Map(workload.pods.map((pod) => [pod.index, pod]));
  const schedulable = nodes.some((n) => n.schedulable) ? nodes.filter((n) => n.schedulable) : nodes;
  const offset = hash32(`${workload.namespace}/${workload.name}`) % schedulable.length;
  const names = kind === "StatefulSet" ? Array.from({ length: workload.replicas }, (_, i) => `${workload.name}-${i}`) : nameSuffixes(
    streamRandom(seed, `pod-names/${workload.namespace}/${current.ownerName}`),
    workload.replicas
  ).map((suffix) => `${current.ownerName}-${suffix}`);
  const pods = names.map((name, index) => {
    const override = overrides.get(index);
    const state = override?.state ?? "Running";
    const createdAt = new Date(current.at.getTime() + index * 1e3);
    const node = state === "Pending" ? void 0 : nodes.find((n) => n.spec.name === override?.node) ?? schedulable[(offset + index) % schedulable.length];
    return {
      name,
      index,
      createdAt,
      node,
      ip: node && podIP(seed, workload.namespace, name, usedIPs),
      state,
      restarts: effectiveRestarts(state, override?.restarts ?? [], createdAt, now)
    };
  });
  return {
    kind,
    spec: workload,
    uid: objectUid(seed, kind, workload.namespace, workload.name),
    revisions,
    current,
    pods
  };
}
function effectiveRestarts(state, listed, createdAt, now) {
  if (listed.length || !CRASHING.has(state)) return listed;
  const at = new Date(Math.max(createdAt.getTime(), now.getTime() - 4e4));
  return [
    state === "OOMKilled" ? { at, reason: "OOMKilled", exitCode: 137 } : { at, reason: "Error", exitCode: 1 }
  ];
}
function podIP(seed, namespace, name, used) {
  const random = streamRandom(seed, `pod-ip/${namespace}/${name}`);
  let ip;
  do
    ip = `10.244.${random.int(0, 255)}.${random.int(2, 254)}`;
  while (used.has(ip));
  used.add(ip);
  return ip;
}
function podSpec(containers, image, env) {
  const envVars = Object.entries(env).map(([name, value]) => ({ name, value }));
  return {
    containers: containers.map((container) => ({
      name: container.name,
      image,
      imagePullPolicy: "IfNotPresent",
      ...container.ports.length ? { ports: container.ports.map((port) => ({ containerPort: port, protocol: "TCP" })) } : {},
      ...envVars.length ? { env: envVars } : {},
      resources: container.resources,
      ...container.ports[0] === void 0 ? {} : {
        readinessProbe: {
          tcpSocket: { port: container.ports[0] },
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3
        }
      },
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File"
    })),
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    schedulerName: "default-scheduler",
    securityContext: {}
  };
}
function podByRef(plans, ref) {
  const workload = plans.find((p) => p.spec.namespace === ref.namespace && p.spec.name === ref.name);
  const pod = workload?.pods[ref.index ?? -1];
  if (!workload || !pod) throw new Error(`no pod ${ref.kind}/${ref.namespace}/${ref.name}#${ref.index}`);
  return { workload, pod };
}

// src/sandbox/reactions/spans.ts
function heldOff(timeline, from, t) {
  return from >= timeline.incidentStart && !timeline.active(t);
}
function suppressedSpans(timeline) {
  const merged = [];
  for (const { from, until } of timeline.windows()) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], until);
    else merged.push([from, until]);
  }
  return merged;
}
function within(span, spans) {
  const [from, until] = span;
  return spans.flatMap(([a, b]) => {
    const lo = Math.max(a, from);
    const hi = Math.min(b, until);
    return lo < hi ? [[lo, hi]] : [];
  });
}
function without(span, spans) {
  const out = [];
  let [from] = span;
  for (const [a, b] of within(span, spans)) {
    if (from < a) out.push([from, a]);
    from = b;
  }
  if (from < span[1]) out.push([from, span[1]]);
  return out;
}

// src/sandbox/metrics/series.ts
function gridOf(spec, until) {
  const start = spec.history.getTime();
  const span = until.getTime() - start;
  return { start, step: spec.step, count: span < 0 ? 0 : Math.floor(span / spec.step) + 1 };
}
function fillGrid(grid, valueAt) {
  const values = new Float64Array(grid.count);
  for (let i = 0; i < grid.count; i++) values[i] = valueAt(grid.start + i * grid.step, i);
  return values;
}
function gridSamples(grid, values) {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < values.length; i++) yield { t: grid.start + i * grid.step, v: values[i] };
    }
  };
}
function piecewiseAt(segments, readSegment, t) {
  let index = 0;
  while (index + 1 < segments.length && segments[index + 1].from.getTime() <= t) index++;
  const segment = segments[index];
  const value = readSegment(segment, t);
  const from = segment.from.getTime();
  const previous = segments[index - 1];
  if (!previous || !segment.ramp || t < from || t >= from + segment.ramp) return value;
  const start = readSegment(previous, from);
  return start + (value - start) * (t - from) / segment.ramp;
}
function blendIncident(segments, readSegment, t, timeline) {
  const incident = piecewiseAt(segments, readSegment, t);
  const weight = timeline.weight(t);
  if (weight === 1) return incident;
  const before = segments.filter((segment) => segment.from.getTime() < timeline.incidentStart);
  if (before.length === 0) return incident;
  const pre = piecewiseAt(before, readSegment, t);
  return pre + weight * (incident - pre);
}
function gaussian(random) {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}
function withNoise(value, noise, random) {
  return noise > 0 ? value * (1 + noise * gaussian(random)) : value;
}
function integrate(grid, rateAt, resetAt = () => false) {
  let total = 0;
  return fillGrid(grid, (t, index) => {
    if (index === 0) return total;
    if (resetAt(t - grid.step, t)) total = 0;
    else total += Math.max(0, rateAt(t)) * grid.step / 1e3;
    return total;
  });
}
function atGridPoint(grid, values) {
  return (t) => values[Math.round((t - grid.start) / grid.step)] ?? 0;
}

// src/sandbox/metrics/histogram.ts
var LATENCY_BUCKETS = [5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
var Z99 = 2.3263478740408408;
function histogramSeries({ family, help, labels, grid, shape }) {
  const series = (suffix, extra, values) => ({
    name: `${family}${suffix}`,
    family,
    type: "histogram",
    help,
    labels: { ...labels, ...extra },
    samples: gridSamples(grid, values)
  });
  const count = integrate(grid, shape.rateAt);
  const buckets = LATENCY_BUCKETS.map((le) => {
    const share = (t) => shape.rateAt(t) * fractionBelow(le, shape.p50At(t), shape.p99At(t));
    return series("_bucket", { le: String(le) }, integrate(grid, share));
  });
  let sum = 0;
  const sums = fillGrid(grid, (t, index) => {
    if (index > 0)
      sum += Math.max(0, shape.rateAt(t)) * grid.step * meanOf(shape.p50At(t), shape.p99At(t)) / 1e3;
    return sum;
  });
  return [
    ...buckets,
    series("_bucket", { le: "+Inf" }, count),
    series("_sum", {}, sums),
    series("_count", {}, count)
  ];
}
function sigmaOf(p50, p99) {
  return Math.max(Math.log(p99 / p50) / Z99, 1e-6);
}
function fractionBelow(le, p50, p99) {
  return normalCdf(Math.log(le / p50) / sigmaOf(p50, p99));
}
function meanOf(p50, p99) {
  const sigma = sigmaOf(p50, p99);
  return p50 * Math.exp(sigma * sigma / 2);
}
function normalCdf(x) {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

// src/sandbox/metrics/custom.ts
function customSeries(spec, grid, timeline) {
  return spec.metrics.flatMap((metric) => metricSeries(metric, spec.seed, grid, timeline));
}
function metricSeries(metric, seed, grid, timeline) {
  const random = streamRandom(seed, `metrics/${metric.name}/${canonicalLabels(metric.labels)}`);
  const help = `Scenario series ${metric.name}.`;
  const { name, labels } = metric;
  switch (metric.type) {
    case "gauge": {
      const values = fillGrid(
        grid,
        (t) => withNoise(
          blendIncident(metric.value, (s) => s.value, t, timeline),
          metric.noise,
          random
        )
      );
      return [{ name, family: name, type: "gauge", help, labels, samples: gridSamples(grid, values) }];
    }
    case "counter": {
      const resets = metric.rate.filter((s) => s.reset).map((s) => s.from.getTime()).filter((reset) => !heldOff(timeline, reset, reset));
      const values = integrate(
        grid,
        (t) => withNoise(
          blendIncident(metric.rate, (s) => s.rate, t, timeline),
          metric.noise,
          random
        ),
        (previous, t) => resets.some((reset) => previous < reset && reset <= t)
      );
      const family = name.endsWith("_total") ? name.slice(0, -"_total".length) : name;
      return [{ name, family, type: "counter", help, labels, samples: gridSamples(grid, values) }];
    }
    case "histogram": {
      const rates = fillGrid(
        grid,
        (t) => withNoise(
          blendIncident(metric.rate, (s) => s.rate, t, timeline),
          metric.noise,
          random
        )
      );
      return histogramSeries({
        family: name,
        help,
        labels,
        grid,
        shape: {
          rateAt: atGridPoint(grid, rates),
          p50At: (t) => blendIncident(metric.rate, (s) => s.p50, t, timeline),
          p99At: (t) => blendIncident(metric.rate, (s) => s.p99, t, timeline)
        }
      });
    }
  }
}
function canonicalLabels(labels) {
  return Object.keys(labels).sort().map((key) => `${key}=${labels[key]}`).join(",");
}

// src/sandbox/metrics/node-conditions.ts
var HELP = "The condition of a cluster node.";
var KUBELET_CONDITIONS = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];
var STATUSES = ["True", "False", "Unknown"];
function nodeConditionSeries(nodes, grid, timeline) {
  return nodes.flatMap((node) => {
    const listed = node.spec.conditions;
    const types = [.../* @__PURE__ */ new Set([...KUBELET_CONDITIONS, ...listed.map((c) => c.type)])];
    return types.flatMap((condition) => {
      const spec = listed.find((c) => c.type === condition);
      const healthy = condition === "Ready" ? "True" : "False";
      const since = spec?.since?.getTime() ?? Number.NEGATIVE_INFINITY;
      const statusAt = (t) => spec && since <= t && !heldOff(timeline, since, t) ? spec.status : healthy;
      return STATUSES.map(
        (status) => ({
          name: "kube_node_status_condition",
          family: "kube_node_status_condition",
          type: "gauge",
          help: HELP,
          labels: { node: node.spec.name, condition, status: status.toLowerCase() },
          samples: gridSamples(
            grid,
            fillGrid(grid, (t) => statusAt(t) === status ? 1 : 0)
          )
        })
      );
    });
  });
}

// src/sandbox/scenario/refs.ts
var REF = /^([A-Z][A-Za-z]*)\/(?:([^/#\s]+)\/)?([^/#\s]+)(?:#(\d+))?$/;
function parseRef(text) {
  const match = REF.exec(text);
  if (!match) {
    throw new Error(
      `invalid reference ${JSON.stringify(text)}: expected Kind/namespace/name, Kind/name or Pod/namespace/workload#index`
    );
  }
  const [, kind, namespace, name, index] = match;
  return {
    kind,
    name,
    ...namespace === void 0 ? {} : { namespace },
    ...index === void 0 ? {} : { index: Number(index) }
  };
}
function workloadKey(kind, namespace, name) {
  return `${kind}/${namespace}/${name}`;
}

// src/sandbox/metrics/services.ts
var NOISE = 0.02;
var DEFAULT_LATENCY = [{ from: /* @__PURE__ */ new Date(0), p50: 0.05, p99: 0.25 }];
var DEFAULT_CPU = [{ from: /* @__PURE__ */ new Date(0), cores: 0.1 }];
var DEFAULT_MEMORY = [{ from: /* @__PURE__ */ new Date(0), bytes: 128 * 2 ** 20 }];
var CRASHING2 = /* @__PURE__ */ new Set(["CrashLoopBackOff", "OOMKilled", "Error"]);
var HELP2 = {
  http_requests: "Total HTTP requests by status code.",
  http_request_duration_seconds: "HTTP request latency in seconds.",
  container_cpu_usage_seconds: "Cumulative cpu time consumed in seconds.",
  container_memory_working_set_bytes: "Current working set in bytes.",
  container_spec_memory_limit_bytes: "Memory limit for the container in bytes.",
  kube_pod_container_status_restarts: "The number of container restarts per container.",
  kube_deployment_status_replicas_available: "The number of available replicas per deployment.",
  up: "Whether the pod answered its last scrape (1) or not (0)."
};
function plainSeries(name, type, family, labels, grid, values) {
  return { name, family, type, help: HELP2[family], labels, samples: gridSamples(grid, values) };
}
function isUp(pod, t, timeline) {
  if (pod.state === "Pending") return false;
  const firstRestart = pod.restarts[0]?.at.getTime();
  if (!CRASHING2.has(pod.state) || firstRestart === void 0 || firstRestart > t) return true;
  return heldOff(timeline, firstRestart, t);
}
function serviceSeries(spec, plans, grid, timeline) {
  const ctx = { spec, grid, timeline };
  return spec.services.flatMap((service) => {
    const plan = service.workload ? workloadOf(plans, service.workload) : void 0;
    return plan ? workloadSeries(ctx, service, plan) : [];
  });
}
function workloadOf(plans, ref) {
  const { kind, namespace, name } = parseRef(ref);
  return plans.find((p) => p.kind === kind && p.spec.namespace === namespace && p.spec.name === name);
}
function workloadSeries(ctx, service, plan) {
  const { grid, timeline } = ctx;
  const namespace = plan.spec.namespace;
  const base = { service: service.name, namespace };
  const upCount = (t) => plan.pods.filter((pod) => isUp(pod, t, timeline)).length;
  const out = plan.pods.flatMap((pod) => podSeries(ctx, service, plan, pod, upCount));
  if (plan.kind === "Deployment") {
    out.push(
      plainSeries(
        "kube_deployment_status_replicas_available",
        "gauge",
        "kube_deployment_status_replicas_available",
        { ...base, deployment: plan.spec.name },
        grid,
        fillGrid(grid, upCount)
      )
    );
  }
  return out;
}
function podSeries({ spec, grid, timeline }, service, plan, pod, upCount) {
  const container = plan.spec.containers[0];
  const labels = {
    service: service.name,
    namespace: plan.spec.namespace,
    pod: pod.name,
    container: container.name
  };
  const random = (what) => streamRandom(spec.seed, `metrics/${what}/${labels.namespace}/${pod.name}`);
  const restarts = pod.restarts.map((restart) => restart.at.getTime()).filter((at) => !heldOff(timeline, at, at));
  const out = [
    plainSeries(
      "up",
      "gauge",
      "up",
      labels,
      grid,
      fillGrid(grid, (t) => isUp(pod, t, timeline) ? 1 : 0)
    ),
    plainSeries(
      "kube_pod_container_status_restarts_total",
      "counter",
      "kube_pod_container_status_restarts",
      labels,
      grid,
      fillGrid(grid, (t) => restarts.filter((at) => at <= t).length)
    )
  ];
  if (service.traffic) {
    const traffic = service.traffic;
    const trafficRandom = random("http");
    const podRates = fillGrid(
      grid,
      (t) => isUp(pod, t, timeline) ? withNoise(blendIncident(traffic, (s) => s.rps, t, timeline) / upCount(t), NOISE, trafficRandom) : 0
    );
    const rateAt = atGridPoint(grid, podRates);
    const errors = service.errors;
    const errorRatio = (t) => errors ? blendIncident(errors, (s) => s.ratio, t, timeline) : 0;
    for (const [code, share] of [
      ["200", (t) => 1 - errorRatio(t)],
      ["500", errorRatio]
    ]) {
      const values = integrate(grid, (t) => rateAt(t) * share(t));
      out.push(
        plainSeries("http_requests_total", "counter", "http_requests", { ...labels, code }, grid, values)
      );
    }
    const latency = service.latency ?? DEFAULT_LATENCY;
    out.push(
      ...histogramSeries({
        family: "http_request_duration_seconds",
        help: HELP2.http_request_duration_seconds,
        labels,
        grid,
        shape: {
          rateAt,
          p50At: (t) => blendIncident(latency, (s) => s.p50, t, timeline),
          p99At: (t) => blendIncident(latency, (s) => s.p99, t, timeline)
        }
      })
    );
  }
  if (pod.state === "Pending") return out;
  const cpu = service.cpu ?? DEFAULT_CPU;
  const cpuRandom = random("cpu");
  out.push(
    plainSeries(
      "container_cpu_usage_seconds_total",
      "counter",
      "container_cpu_usage_seconds",
      labels,
      grid,
      integrate(
        grid,
        (t) => withNoise(
          blendIncident(cpu, (s) => s.cores, t, timeline),
          NOISE,
          cpuRandom
        )
      )
    )
  );
  const limitText = container.resources.limits?.memory;
  const limit = limitText === void 0 ? Number.POSITIVE_INFINITY : parseQuantity(limitText);
  const memory = service.memory ?? DEFAULT_MEMORY;
  const memoryRandom = random("memory");
  const bytesAt = (segment, t) => segment.bytes + (segment.growth ?? 0) * Math.max(0, t - segment.from.getTime()) / 1e3;
  out.push(
    plainSeries(
      "container_memory_working_set_bytes",
      "gauge",
      "container_memory_working_set_bytes",
      labels,
      grid,
      fillGrid(
        grid,
        (t) => Math.round(
          Math.min(0.98 * limit, withNoise(blendIncident(memory, bytesAt, t, timeline), NOISE, memoryRandom))
        )
      )
    )
  );
  if (Number.isFinite(limit)) {
    out.push(
      plainSeries(
        "container_spec_memory_limit_bytes",
        "gauge",
        "container_spec_memory_limit_bytes",
        labels,
        grid,
        fillGrid(grid, () => limit)
      )
    );
  }
  return out;
}

// src/sandbox/metrics/generate.ts
function generateSeries(scenario, opts = {}) {
  const { spec } = scenario;
  const grid = gridOf(spec, opts.until ?? spec.now);
  const timeline = opts.timeline ?? incidentTimeline(void 0);
  const nodes = planNodes(spec);
  const plans = planWorkloads(spec, nodes, spec.now);
  return [
    ...serviceSeries(spec, plans, grid, timeline),
    ...nodeConditionSeries(nodes, grid, timeline),
    ...customSeries(spec, grid, timeline)
  ];
}

// src/sandbox/scenario/load.ts
import { readFileSync } from "node:fs";

// src/sandbox/scenario/checks.ts
var BUILTIN_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];
var ALL_KINDS = ["Deployment", "StatefulSet", "Pod", "ConfigMap", "Node", "Namespace", "Service", "Change"];
var KUBE_OBJECT_KINDS = ["Deployment", "StatefulSet", "Pod", "ConfigMap", "Node", "Namespace", "Service"];
var CLUSTER_SCOPED = /* @__PURE__ */ new Set(["Node", "Namespace", "Change"]);
function checkScenario(spec) {
  const problems = [];
  const report = (path, message) => problems.push({ path: ["spec", ...path], message });
  const catalog = buildCatalog(spec);
  const checkRef = (path, text, kinds) => {
    const message = text === void 0 ? void 0 : refProblem(text, kinds, catalog);
    if (message) report(path, message);
  };
  const k8s = spec.kubernetes;
  reportDuplicates(k8s.namespaces, (n) => n.name, ["kubernetes", "namespaces"], "name", "namespace", report);
  reportDuplicates(k8s.nodes, (n) => n.name, ["kubernetes", "nodes"], "name", "node", report);
  reportDuplicates(
    k8s.configmaps,
    (c) => `${c.namespace}/${c.name}`,
    ["kubernetes", "configmaps"],
    "name",
    "ConfigMap",
    report
  );
  reportDuplicates(spec.services, (s) => s.name, ["services"], "name", "service", report);
  reportDuplicates(spec.changes, (c) => c.id, ["changes"], "id", "change id", report);
  reportDuplicates(
    spec.metrics,
    (m) => `${m.name}${canonicalJson(m.labels)}`,
    ["metrics"],
    "labels",
    "series",
    report
  );
  const workloadNames = /* @__PURE__ */ new Set();
  for (const [section, list] of [
    ["deployments", k8s.deployments],
    ["statefulsets", k8s.statefulsets]
  ]) {
    list.forEach((workload, i) => {
      const path = ["kubernetes", section, i];
      const key = `${workload.namespace}/${workload.name}`;
      if (workloadNames.has(key))
        report([...path, "name"], `duplicate workload ${key} (pods are referenced by workload name)`);
      workloadNames.add(key);
      if (!catalog.namespaces.has(workload.namespace))
        report([...path, "namespace"], namespaceProblem(workload.namespace));
      checkPodOverrides(workload, path, catalog, report);
    });
  }
  k8s.configmaps.forEach((cm, i) => {
    if (!catalog.namespaces.has(cm.namespace))
      report(["kubernetes", "configmaps", i, "namespace"], namespaceProblem(cm.namespace));
  });
  k8s.events.forEach((event, i) => {
    const path = ["kubernetes", "events", i, "object"];
    if (/^Service\/[^/]+$/.test(event.object)) {
      report(path, `${event.object}: an event concerns the Kubernetes Service, Service/<namespace>/<name>`);
    }
    checkRef(path, event.object, KUBE_OBJECT_KINDS);
  });
  spec.services.forEach((service, i) => {
    const path = ["services", i];
    if (service.namespace && !catalog.namespaces.has(service.namespace)) {
      report([...path, "namespace"], namespaceProblem(service.namespace));
    }
    if (service.kind === "external" && service.workload) {
      report([...path, "workload"], "an external service has no workload");
    }
    checkRef([...path, "workload"], service.workload, ["Deployment", "StatefulSet"]);
    const workloadNamespace = service.workload ? safeParseRef(service.workload)?.namespace : void 0;
    if (service.namespace && workloadNamespace && service.namespace !== workloadNamespace) {
      report([...path, "namespace"], `the workload ${service.workload} is in namespace ${workloadNamespace}`);
    }
    service.dependsOn.forEach((dependency, j) => {
      if (!catalog.services.has(dependency) || dependency === service.name) {
        report([...path, "dependsOn", j], `${dependency} is not another service in spec.services`);
      }
    });
  });
  spec.logs.forEach((entry, i) => {
    if (typeof entry.source === "string") {
      checkRef(["logs", i, "source"], entry.source, ["Deployment", "StatefulSet", "Pod"]);
    }
  });
  spec.changes.forEach((change, i) => {
    if (change.service !== void 0 && !catalog.services.has(change.service)) {
      report(["changes", i, "service"], `${change.service} is not a service in spec.services`);
    }
  });
  spec.resolution?.fixes.forEach((fix, i) => {
    checkRef(["resolution", "fixes", i, "target"], fix.target, ALL_KINDS);
  });
  spec.resolution?.transient.forEach((action, i) => {
    checkRef(["resolution", "transient", i, "target"], action.target, ALL_KINDS);
  });
  if (spec.truth) {
    checkRef(["truth", "rootCause", "ref"], spec.truth.rootCause.ref, ALL_KINDS);
    for (const verdict of ["acceptable", "harmful"]) {
      spec.truth.remediation[verdict].forEach((remedy, i) => {
        checkRef(["truth", "remediation", verdict, i, "target"], remedy.target, ALL_KINDS);
      });
    }
  }
  return problems;
}
function buildCatalog(spec) {
  const k8s = spec.kubernetes;
  const workloads = /* @__PURE__ */ new Map();
  for (const d of k8s.deployments) workloads.set(workloadKey("Deployment", d.namespace, d.name), d);
  for (const s of k8s.statefulsets) workloads.set(workloadKey("StatefulSet", s.namespace, s.name), s);
  const kubeServices = /* @__PURE__ */ new Set();
  for (const service of spec.services) {
    const namespace = service.workload ? safeParseRef(service.workload)?.namespace : void 0;
    if (namespace) kubeServices.add(`${namespace}/${service.name}`);
  }
  return {
    namespaces: /* @__PURE__ */ new Set([...BUILTIN_NAMESPACES, ...k8s.namespaces.map((n) => n.name)]),
    nodes: new Set(k8s.nodes.map((n) => n.name)),
    workloads,
    configmaps: new Set(k8s.configmaps.map((c) => `${c.namespace}/${c.name}`)),
    kubeServices,
    services: new Set(spec.services.map((s) => s.name)),
    changes: new Set(spec.changes.map((c) => c.id))
  };
}
function checkPodOverrides(workload, path, catalog, report) {
  const seen = /* @__PURE__ */ new Set();
  const current = workload.revisions.at(-1);
  workload.pods.forEach((pod, i) => {
    const podPath = [...path, "pods", i];
    if (pod.index >= workload.replicas) {
      report(
        [...podPath, "index"],
        `index ${pod.index} is out of range: ${workload.name} has ${workload.replicas} replicas`
      );
    }
    if (seen.has(pod.index)) report([...podPath, "index"], `duplicate override for pod index ${pod.index}`);
    seen.add(pod.index);
    if (pod.node !== void 0 && !catalog.nodes.has(pod.node)) {
      report([...podPath, "node"], `no node ${pod.node} in spec.kubernetes.nodes`);
    }
    if (pod.node !== void 0 && pod.state === "Pending") {
      report([...podPath, "node"], "a Pending pod is not scheduled to a node");
    }
    pod.restarts.forEach((restart, j) => {
      if (restart.at < current.at) {
        report(
          [...podPath, "restarts", j, "at"],
          "is before the current revision created this pod (revisions[-1].at): pods restart after they exist"
        );
      }
    });
  });
}
function refProblem(text, kinds, catalog) {
  let ref;
  try {
    ref = parseRef(text);
  } catch (err) {
    return err.message;
  }
  if (!kinds.includes(ref.kind)) return `${text}: kind ${ref.kind} is not one of ${kinds.join(", ")}`;
  if (ref.index !== void 0 && ref.kind !== "Pod") return `${text}: only Pod references take #index`;
  const namespaced = !CLUSTER_SCOPED.has(ref.kind) && !(ref.kind === "Service" && ref.namespace === void 0);
  if (namespaced && ref.namespace === void 0) return `${text}: a ${ref.kind} reference needs a namespace`;
  if (!namespaced && ref.namespace !== void 0) return `${text}: a ${ref.kind} reference has no namespace`;
  const key = `${ref.namespace}/${ref.name}`;
  switch (ref.kind) {
    case "Deployment":
    case "StatefulSet":
      return catalog.workloads.has(workloadKey(ref.kind, ref.namespace, ref.name)) ? void 0 : `${text}: no ${ref.kind} ${ref.name} in namespace ${ref.namespace}`;
    case "Pod": {
      if (ref.index === void 0) return `${text}: a Pod reference is Pod/<namespace>/<workload>#<index>`;
      const workload = catalog.workloads.get(workloadKey("Deployment", ref.namespace, ref.name)) ?? catalog.workloads.get(workloadKey("StatefulSet", ref.namespace, ref.name));
      if (!workload) return `${text}: no Deployment or StatefulSet ${ref.name} in namespace ${ref.namespace}`;
      return ref.index < workload.replicas ? void 0 : `${text}: ${ref.name} has ${workload.replicas} replicas`;
    }
    case "ConfigMap":
      return catalog.configmaps.has(key) ? void 0 : `${text}: no ConfigMap ${ref.name} in namespace ${ref.namespace}`;
    case "Node":
      return catalog.nodes.has(ref.name) ? void 0 : `${text}: no node ${ref.name} in spec.kubernetes.nodes`;
    case "Namespace":
      return catalog.namespaces.has(ref.name) ? void 0 : `${text}: ${namespaceProblem(ref.name)}`;
    case "Service":
      if (ref.namespace === void 0) {
        return catalog.services.has(ref.name) ? void 0 : `${text}: no service ${ref.name} in spec.services`;
      }
      return catalog.kubeServices.has(key) ? void 0 : `${text}: no service ${ref.name} with a workload in namespace ${ref.namespace}`;
    case "Change":
      return catalog.changes.has(ref.name) ? void 0 : `${text}: no change ${ref.name} in spec.changes`;
    default:
      return `${text}: unknown kind ${ref.kind}`;
  }
}
function namespaceProblem(namespace) {
  return `namespace ${namespace} is not declared in spec.kubernetes.namespaces`;
}
function safeParseRef(text) {
  try {
    return parseRef(text);
  } catch {
    return void 0;
  }
}
function reportDuplicates(items, key, path, field, what, report) {
  const seen = /* @__PURE__ */ new Set();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) report([...path, i, field], `duplicate ${what} ${k}`);
    seen.add(k);
  });
}

// src/sandbox/scenario/load.ts
var ScenarioError = class extends Error {
  name = "ScenarioError";
  /** One line per problem: `<source>: <yaml path>: <what is wrong>`. */
  problems;
  constructor(problems) {
    super(problems.length === 1 ? problems[0] : `invalid scenario:
  ${problems.join("\n  ")}`);
    this.problems = problems;
  }
};
var DEFAULT_HISTORY = "-6h";
var YAML_SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [yaml.types.merge]
});
function loadScenario(path, options = {}) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ScenarioError([`${path}: cannot read scenario: ${err.message}`]);
  }
  return parseScenario(text, path, options);
}
function parseScenario(yamlText, source, options = {}) {
  let raw;
  try {
    raw = yaml.load(yamlText, { schema: YAML_SCHEMA, filename: source });
  } catch (err) {
    throw new ScenarioError([`${source}: invalid YAML: ${err.message}`]);
  }
  const parsed = scenarioDocumentSchema(timeContext(raw, options)).safeParse(raw ?? {}, {
    reportInput: true
  });
  if (!parsed.success)
    throw new ScenarioError(issueLines(parsed.error.issues).map((line) => `${source}: ${line}`));
  const { metadata, spec } = parsed.data;
  const problems = checkScenario(spec);
  if (problems.length) {
    throw new ScenarioError(problems.map((p) => `${source}: ${yamlPath(p.path)}: ${p.message}`));
  }
  const { truth, resolution, seed, ...served } = spec;
  return {
    source,
    name: metadata.name,
    description: metadata.description,
    spec: { ...served, seed: seed ?? seedFromName(metadata.name) },
    truth,
    resolution
  };
}
function timeContext(raw, options) {
  const rawSpec = raw?.spec;
  const specNow = attempt(() => parseTimestamp(rawSpec?.now)) ?? /* @__PURE__ */ new Date(0);
  const offset = options.now ? options.now.getTime() - specNow.getTime() : 0;
  const shifted = (date) => new Date(date.getTime() + offset);
  const resolve = (text) => shifted(resolveTime(text, specNow));
  const history = typeof rawSpec?.history === "string" ? attempt(() => resolve(rawSpec.history)) : void 0;
  return {
    resolve,
    now: (text) => shifted(parseTimestamp(text)),
    history: history ?? resolve(DEFAULT_HISTORY)
  };
}
function attempt(fn) {
  try {
    return fn();
  } catch {
    return void 0;
  }
}
function issueLines(issues, prefix = []) {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((key) => `${yamlPath([...path, key])}: unknown key`);
    if (issue.code === "invalid_union") {
      const matching = issue.errors.filter(
        (branch) => !branch.some((i) => i.code === "invalid_type" && !i.path.length)
      );
      if (matching.length === 1) return issueLines(matching[0], path);
    }
    if (issue.code === "invalid_type" && issue.input === void 0) {
      return [`${yamlPath(path)}: required (expected ${issue.expected})`];
    }
    return [`${yamlPath(path)}: ${issue.message}`];
  });
}

// src/sandbox/kube/objects.ts
var REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
var REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
var POD_TEMPLATE_HASH = "pod-template-hash";
var CONTROLLER_REVISION_HASH = "controller-revision-hash";
function controllerRef(object) {
  return object.metadata.ownerReferences?.find((ref) => ref.controller);
}
function isControlledBy(object, owner) {
  return controllerRef(object)?.uid === owner.metadata.uid;
}
function ownerReferenceTo(owner) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true
  };
}
function podPhase(pod) {
  return String(pod.status?.phase ?? "Pending");
}
function conditionStatus(object, type) {
  const conditions = object.status?.conditions ?? [];
  return conditions.find((condition) => condition.type === type)?.status;
}
function isPodReady(pod) {
  return podPhase(pod) === "Running" && conditionStatus(pod, "Ready") === "True";
}
function containersOf(podSpec2) {
  return podSpec2?.containers ?? [];
}
function templateOf(workload) {
  return workload.spec?.template ?? {};
}
function revisionOf(object) {
  const revision = Number(object.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isFinite(revision) ? revision : 0;
}
function replicasOf(workload) {
  return typeof workload.spec?.replicas === "number" ? workload.spec.replicas : 1;
}
function prune(value) {
  if (Array.isArray(value)) return value.map(prune);
  if (typeof value !== "object" || value === null) return value;
  const out = {};
  for (const [key, child] of Object.entries(value)) {
    const pruned = prune(child);
    const empty = pruned === null || pruned === void 0 || Array.isArray(pruned) && pruned.length === 0 || typeof pruned === "object" && !Array.isArray(pruned) && Object.keys(pruned).length === 0;
    if (!empty) out[key] = pruned;
  }
  return out;
}
function templateIdentity(template) {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH];
    delete copy.metadata.labels[CONTROLLER_REVISION_HASH];
  }
  return canonicalJson(prune(copy));
}
function creationTime(object) {
  return Date.parse(object.metadata.creationTimestamp);
}
function intOrPercent(value, total, roundUp) {
  if (typeof value === "number") return value;
  const percent = /^(\d+)%$/.exec(String(value));
  if (!percent) return 0;
  const exact = Number(percent[1]) * total / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

// src/sandbox/kube/age.ts
function humanDuration(ms) {
  const seconds = Math.floor(ms / 1e3);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8)
    return days % 365 === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}
function ageSince(timestamp, now) {
  if (typeof timestamp !== "string" || timestamp === "") return "<unknown>";
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? "<unknown>" : humanDuration(now.getTime() - time);
}

// src/sandbox/kube/pod-status.ts
function podStatusText(pod) {
  let reason = String(pod.status?.reason ?? pod.status?.phase ?? "Pending");
  let ready = 0;
  let restarts = 0;
  let lastRestart;
  const inits = pod.status?.initContainerStatuses ?? [];
  const initTotal = (pod.spec?.initContainers ?? []).length;
  const initializing = inits.findIndex((s) => !(s.state?.terminated?.exitCode === 0));
  if (initializing >= 0 && conditionStatus(pod, "Initialized") !== "True") {
    const waiting = inits[initializing].state?.waiting?.reason;
    reason = waiting && waiting !== "PodInitializing" ? `Init:${waiting}` : `Init:${initializing}/${initTotal}`;
  } else {
    let hasRunning = false;
    for (const status of [...pod.status?.containerStatuses ?? []].reverse()) {
      restarts += status.restartCount ?? 0;
      const finished = status.lastState?.terminated?.finishedAt;
      if (finished && (!lastRestart || finished > lastRestart)) lastRestart = finished;
      const { waiting, terminated, running } = status.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated)
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      else if (status.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning)
      reason = conditionStatus(pod, "Ready") === "True" ? "Running" : "NotReady";
  }
  if (pod.metadata.deletionTimestamp && !["Succeeded", "Failed"].includes(String(pod.status?.phase)))
    reason = "Terminating";
  return { reason, ready, restarts, ...lastRestart ? { lastRestart } : {} };
}

// src/sandbox/scenario/cluster-objects.ts
function namespaceObjects(spec, created) {
  const declared = spec.kubernetes.namespaces;
  const builtin = BUILTIN_NAMESPACES.filter((name) => !declared.some((n) => n.name === name));
  return [...builtin.map((name) => ({ name, labels: {} })), ...declared].map((ns) => ({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: objectMeta(spec.seed, {
      kind: "Namespace",
      name: ns.name,
      created,
      labels: { "kubernetes.io/metadata.name": ns.name, ...ns.labels }
    }),
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" }
  }));
}
function configMapObject(configMap, seed, clusterCreated) {
  const written = dataWrittenAt(configMap);
  const metadata = objectMeta(seed, {
    kind: "ConfigMap",
    namespace: configMap.namespace,
    name: configMap.name,
    created: configMap.history[0]?.at ?? clusterCreated
  });
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: written ? { ...metadata, managedFields: [dataWrite(written)] } : metadata,
    data: configMap.data
  };
}
function dataWrittenAt(configMap) {
  const current = JSON.stringify(sortedEntries(configMap.data));
  let written;
  for (const version of configMap.history.toReversed()) {
    if (JSON.stringify(sortedEntries(version.data)) !== current) break;
    written = version.at;
  }
  return written;
}
var sortedEntries = (data) => Object.entries(data).sort(([a], [b]) => a.localeCompare(b));
function dataWrite(at) {
  return {
    manager: "kubectl-client-side-apply",
    operation: "Update",
    apiVersion: "v1",
    time: at.toISOString().replace(/\.\d{3}Z$/, "Z"),
    fieldsType: "FieldsV1",
    fieldsV1: { "f:data": {} }
  };
}
function serviceObjects(service, plans, seed) {
  if (!service.workload) return [];
  const ref = parseRef(service.workload);
  const plan = plans.find(
    (p) => p.kind === ref.kind && p.spec.namespace === ref.namespace && p.spec.name === ref.name
  );
  if (!plan) throw new Error(`service ${service.name}: no workload ${service.workload}`);
  const namespace = plan.spec.namespace;
  const containerPorts = plan.spec.containers[0].ports;
  const ports = containerPorts.map((port) => ({
    name: containerPorts.length === 1 ? "http" : `port-${port}`,
    port,
    targetPort: port,
    protocol: "TCP"
  }));
  const headless = plan.kind === "StatefulSet" || !ports.length;
  const random = streamRandom(seed, `cluster-ip/${namespace}/${service.name}`);
  const clusterIP = headless ? "None" : `172.20.${random.int(0, 255)}.${random.int(1, 254)}`;
  const created = plan.revisions[0].at;
  const address = (pod) => ({
    ip: pod.ip,
    nodeName: pod.node?.spec.name,
    targetRef: { kind: "Pod", namespace, name: pod.name, uid: objectUid(seed, "Pod", namespace, pod.name) }
  });
  const scheduled = plan.pods.filter((pod) => pod.ip);
  const ready = scheduled.filter((pod) => pod.state === "Running");
  const notReady = scheduled.filter((pod) => pod.state !== "Running");
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: objectMeta(seed, {
        kind: "Service",
        namespace,
        name: service.name,
        created,
        labels: plan.spec.labels
      }),
      spec: {
        type: "ClusterIP",
        clusterIP,
        clusterIPs: [clusterIP],
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        ports,
        selector: plan.spec.labels,
        sessionAffinity: "None",
        internalTrafficPolicy: "Cluster"
      },
      status: { loadBalancer: {} }
    },
    {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: objectMeta(seed, {
        kind: "Endpoints",
        namespace,
        name: service.name,
        created,
        labels: plan.spec.labels
      }),
      ...scheduled.length ? {
        subsets: [
          {
            ...ready.length ? { addresses: ready.map(address) } : {},
            ...notReady.length ? { notReadyAddresses: notReady.map(address) } : {},
            ports: ports.map(({ name, port, protocol }) => ({ name, port, protocol }))
          }
        ]
      } : {}
    }
  ];
}

// src/sandbox/scenario/pod-status.ts
var BACKOFF_BASE_MS = 1e4;
var BACKOFF_MAX_MS = 3e5;
var START_DELAY_MS = 4e3;
function crashBackoff(restartCount) {
  return goDuration(Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, restartCount - 1), BACKOFF_MAX_MS));
}
function unschedulableMessage(nodeCount, cordoned) {
  const reasons = [
    ...cordoned ? [`${cordoned} node(s) were unschedulable`] : [],
    ...nodeCount - cordoned ? [`${nodeCount - cordoned} Insufficient memory`] : []
  ];
  return `0/${nodeCount} nodes are available: ${reasons.join(", ")}. preemption: 0/${nodeCount} nodes are available: ${nodeCount} No preemption victims found for incoming pod.`;
}
function podStatus(workload, pod, seed, scheduling) {
  const created = kubeTime(pod.createdAt);
  if (!pod.node) {
    return {
      phase: "Pending",
      conditions: [
        {
          type: "PodScheduled",
          status: "False",
          reason: "Unschedulable",
          message: unschedulableMessage(scheduling.nodeCount, scheduling.cordoned),
          lastProbeTime: null,
          lastTransitionTime: created
        }
      ],
      qosClass: qosClass(workload)
    };
  }
  const started = new Date(pod.createdAt.getTime() + START_DELAY_MS);
  const [main, ...sidecars] = workload.spec.containers.map((c) => c.name);
  const mainStatus = mainContainerStatus(workload, pod, main, started, seed);
  const statuses = [
    mainStatus,
    ...sidecars.map((name) => runningStatus(workload.current, pod, name, started, seed))
  ];
  const ready = mainStatus.ready;
  const readySince = kubeTime(pod.restarts.at(-1)?.at ?? started);
  const unready = ready ? {} : { reason: "ContainersNotReady", message: `containers with unready status: [${main}]` };
  const condition = (type, status, at, extra = {}) => ({
    type,
    status: status ? "True" : "False",
    lastProbeTime: null,
    lastTransitionTime: at,
    ...status ? {} : extra
  });
  return {
    phase: pod.state === "ImagePullBackOff" ? "Pending" : "Running",
    conditions: [
      condition("PodReadyToStartContainers", true, kubeTime(started)),
      condition("Initialized", true, created),
      condition("Ready", ready, readySince, unready),
      condition("ContainersReady", ready, readySince, unready),
      condition("PodScheduled", true, created)
    ],
    hostIP: pod.node.internalIP,
    hostIPs: [{ ip: pod.node.internalIP }],
    podIP: pod.ip,
    podIPs: [{ ip: pod.ip }],
    startTime: created,
    containerStatuses: statuses,
    qosClass: qosClass(workload)
  };
}
function mainContainerStatus(workload, pod, name, started, seed) {
  const revision = workload.current;
  const { restarts } = pod;
  const last = restarts.at(-1);
  const base = (instance) => identity(revision, pod, name, seed, instance);
  const terminated = (restart, index) => ({
    terminated: {
      exitCode: restart.exitCode,
      reason: restart.reason,
      startedAt: kubeTime(restarts[index - 1]?.at ?? started),
      finishedAt: kubeTime(restart.at),
      containerID: containerId(seed, pod.name, name, index)
    }
  });
  switch (pod.state) {
    case "Running":
      return {
        ...base(restarts.length),
        ready: true,
        started: true,
        restartCount: restarts.length,
        state: { running: { startedAt: kubeTime(last?.at ?? started) } },
        lastState: last ? terminated(last, restarts.length - 1) : {}
      };
    case "CrashLoopBackOff":
      return {
        ...base(restarts.length - 1),
        ready: false,
        started: false,
        restartCount: restarts.length,
        state: {
          waiting: {
            reason: "CrashLoopBackOff",
            message: `back-off ${crashBackoff(restarts.length)} restarting failed container=${name} pod=${podTitle(workload, pod, seed)}`
          }
        },
        lastState: terminated(last, restarts.length - 1)
      };
    case "OOMKilled":
    case "Error": {
      const previous = restarts.at(-2);
      return {
        ...base(restarts.length - 1),
        ready: false,
        started: false,
        restartCount: restarts.length - 1,
        state: terminated(last, restarts.length - 1),
        lastState: previous ? terminated(previous, restarts.length - 2) : {}
      };
    }
    case "ImagePullBackOff":
      return {
        name,
        image: revision.image,
        imageID: "",
        ready: false,
        started: false,
        restartCount: 0,
        state: {
          waiting: { reason: "ImagePullBackOff", message: `Back-off pulling image "${revision.image}"` }
        },
        lastState: {}
      };
    case "Pending":
      throw new Error(`pod ${pod.name} is Pending and has no container statuses`);
  }
}
function runningStatus(revision, pod, name, started, seed) {
  return {
    ...identity(revision, pod, name, seed, 0),
    ready: true,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: kubeTime(started) } },
    lastState: {}
  };
}
function identity(revision, pod, name, seed, instance) {
  return {
    name,
    image: revision.image,
    imageID: `${revision.image.replace(/:[^:/]+$/, "")}@sha256:${sha256Hex(revision.image)}`,
    containerID: containerId(seed, pod.name, name, instance)
  };
}
function podTitle(workload, pod, seed) {
  return `${pod.name}_${workload.spec.namespace}(${objectUid(seed, "Pod", workload.spec.namespace, pod.name)})`;
}
function containerId(seed, pod, container, instance) {
  return `containerd://${randomHex(streamRandom(seed, `container/${pod}/${container}/${instance}`), 64)}`;
}
function qosClass(workload) {
  const resources = workload.spec.containers.map((c) => c.resources);
  if (resources.every((r) => !r.limits && !r.requests)) return "BestEffort";
  const guaranteed = resources.every(
    (r) => ["cpu", "memory"].every(
      (k) => r.limits?.[k] !== void 0 && (r.requests?.[k] ?? r.limits[k]) === r.limits[k]
    )
  );
  return guaranteed ? "Guaranteed" : "Burstable";
}

// src/sandbox/scenario/events.ts
var CONTROLLER = {
  Deployment: "deployment-controller",
  ReplicaSet: "replicaset-controller",
  StatefulSet: "statefulset-controller",
  Service: "service-controller"
};
function renderEvents(ctx) {
  const listed = ctx.spec.kubernetes.events.map((event) => listedEvent(event, ctx));
  const listedKeys = new Set(listed.map(eventKey));
  const generated = [
    ...ctx.plans.flatMap(
      (plan) => plan.kind === "Deployment" ? rolloutEvents(plan) : statefulSetEvents(plan)
    ),
    ...ctx.plans.flatMap((plan) => plan.pods.flatMap((pod) => podEvents(plan, pod, ctx))),
    ...ctx.nodes.flatMap(
      (node) => nodeConditionEvents(node, ctx.clusterCreated).map(
        (e) => ({
          involved: { kind: "Node", name: e.node },
          type: "Normal",
          reason: e.reason,
          message: e.message,
          first: e.at,
          last: e.at,
          count: 1,
          source: { component: "kubelet", host: e.node }
        })
      )
    )
  ].filter((event) => !listedKeys.has(eventKey(event)));
  const names = /* @__PURE__ */ new Set();
  return [...listed, ...generated].sort((a, b) => a.first.getTime() - b.first.getTime() || a.involved.name.localeCompare(b.involved.name)).map((event) => eventObject(event, ctx.spec.seed, names));
}
function eventKey(event) {
  const { kind, namespace, name } = event.involved;
  return `${kind}/${namespace ?? ""}/${name}/${event.reason}`;
}
function listedEvent(event, ctx) {
  const ref = parseRef(event.object);
  const pod = ref.kind === "Pod" ? podByRef(ctx.plans, ref) : void 0;
  const name = pod ? pod.pod.name : ref.name;
  const host = pod ? pod.pod.node?.spec.name : ref.kind === "Node" ? ref.name : void 0;
  const scheduler = event.reason === "FailedScheduling" || event.reason === "Scheduled";
  const component = scheduler ? "default-scheduler" : CONTROLLER[ref.kind] ?? "kubelet";
  return {
    involved: { kind: ref.kind, ...ref.namespace === void 0 ? {} : { namespace: ref.namespace }, name },
    type: event.type,
    reason: event.reason,
    message: event.message,
    first: event.at,
    last: event.count > 1 ? recent(event.at, ctx.now, `listed/${event.object}/${event.reason}`, ctx.spec.seed) : event.at,
    count: event.count,
    source: { component, ...component === "kubelet" && host ? { host } : {} }
  };
}
function recent(first, now, identity2, seed) {
  const seconds = streamRandom(seed, `event-last/${identity2}`).int(3, 45);
  return new Date(Math.max(first.getTime(), now.getTime() - seconds * 1e3));
}
function repeats(first, now, everyMs) {
  return Math.max(1, Math.floor((now.getTime() - first.getTime()) / everyMs));
}
function rolloutEvents(plan) {
  const { namespace, name, replicas } = plan.spec;
  const scaling = (at, message) => ({
    involved: { kind: "Deployment", namespace, name },
    type: "Normal",
    reason: "ScalingReplicaSet",
    message,
    first: at,
    last: at,
    count: 1,
    source: { component: "deployment-controller" }
  });
  return plan.revisions.flatMap((revision, i) => {
    const previous = plan.revisions[i - 1];
    if (previous?.hash === revision.hash) return [];
    const up = scaling(revision.at, `Scaled up replica set ${revision.ownerName} to ${replicas} from 0`);
    if (!previous) return [up];
    const downAt = new Date(revision.at.getTime() + 2e4);
    return [up, scaling(downAt, `Scaled down replica set ${previous.ownerName} to 0 from ${replicas}`)];
  });
}
function statefulSetEvents(plan) {
  const { namespace, name } = plan.spec;
  return plan.pods.map((pod) => ({
    involved: { kind: "StatefulSet", namespace, name },
    type: "Normal",
    reason: "SuccessfulCreate",
    message: `create Pod ${pod.name} in StatefulSet ${name} successful`,
    first: pod.createdAt,
    last: pod.createdAt,
    count: 1,
    source: { component: "statefulset-controller" }
  }));
}
function podEvents(plan, pod, ctx) {
  const { seed } = ctx.spec;
  const { namespace } = plan.spec;
  const main = plan.spec.containers[0];
  const host = pod.node?.spec.name;
  const kubelet = { component: "kubelet", ...host ? { host } : {} };
  const onPod = (reason, type, message, first, last, count) => ({
    involved: { kind: "Pod", namespace, name: pod.name, fieldPath: `spec.containers{${main.name}}` },
    type,
    reason,
    message,
    first,
    last,
    count,
    source: kubelet
  });
  const stillNow = (first, reason) => recent(first, ctx.now, `${pod.name}/${reason}`, seed);
  const firstRestart = pod.restarts[0]?.at;
  const image = plan.current.image;
  switch (pod.state) {
    case "CrashLoopBackOff":
    case "OOMKilled":
    case "Error": {
      const events = [
        onPod(
          "BackOff",
          "Warning",
          `Back-off restarting failed container ${main.name} in pod ${podTitle(plan, pod, seed)}`,
          firstRestart,
          stillNow(firstRestart, "BackOff"),
          repeats(firstRestart, ctx.now, 2e4)
        ),
        ...oomKillings(plan, pod, seed)
      ];
      const port = main.ports[0];
      if (pod.state === "CrashLoopBackOff" && port !== void 0) {
        const probing = new Date(Math.max(pod.createdAt.getTime(), firstRestart.getTime() - 3e4));
        events.push(
          onPod(
            "Unhealthy",
            "Warning",
            `Readiness probe failed: dial tcp ${pod.ip}:${port}: connect: connection refused`,
            probing,
            pod.restarts.at(-1).at,
            pod.restarts.length * 3
          )
        );
      }
      return events;
    }
    case "ImagePullBackOff": {
      const pulling = new Date(pod.createdAt.getTime() + 2e3);
      return [
        onPod(
          "Failed",
          "Warning",
          `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`,
          pulling,
          stillNow(pulling, "Failed"),
          repeats(pulling, ctx.now, 3e5)
        ),
        onPod(
          "BackOff",
          "Normal",
          `Back-off pulling image "${image}"`,
          pulling,
          stillNow(pulling, "BackOff"),
          repeats(pulling, ctx.now, 15e3)
        )
      ];
    }
    case "Pending": {
      const cordoned = ctx.nodes.filter((n) => !n.schedulable).length;
      return [
        {
          involved: { kind: "Pod", namespace, name: pod.name },
          type: "Warning",
          reason: "FailedScheduling",
          message: unschedulableMessage(ctx.nodes.length, cordoned),
          first: pod.createdAt,
          last: stillNow(pod.createdAt, "FailedScheduling"),
          count: repeats(pod.createdAt, ctx.now, 3e5),
          source: { component: "default-scheduler" }
        }
      ];
    }
    case "Running":
      return oomKillings(plan, pod, seed);
  }
}
function oomKillings(plan, pod, seed) {
  const host = pod.node?.spec.name;
  if (!host) return [];
  const main = plan.spec.containers[0];
  const limit = main.resources.limits?.memory;
  return pod.restarts.filter((restart) => restart.reason === "OOMKilled").map((restart, i) => {
    const random = streamRandom(seed, `oom/${pod.name}/${i}`);
    const rssKb = limit ? Math.floor(parseQuantity(limit) / 1024) - random.int(0, 512) : random.int(4e5, 9e5);
    return {
      involved: { kind: "Node", name: host },
      type: "Warning",
      reason: "OOMKilling",
      message: `Memory cgroup out of memory: Killed process ${random.int(1e3, 6e4)} (${main.name}) total-vm:${rssKb * 3}kB, anon-rss:${rssKb}kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:${random.int(1500, 4e3)}kB oom_score_adj:${random.int(900, 999)}`,
      first: restart.at,
      last: restart.at,
      count: 1,
      source: { component: "kernel-monitor", host }
    };
  });
}
function eventObject(event, seed, names) {
  const { kind, namespace, name, fieldPath } = event.involved;
  const eventNamespace = namespace ?? "default";
  let nanos = BigInt(event.first.getTime()) * 1000000n;
  while (names.has(`${eventNamespace}/${name}.${nanos.toString(16)}`)) nanos += 1n;
  const eventName = `${name}.${nanos.toString(16)}`;
  names.add(`${eventNamespace}/${eventName}`);
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: objectMeta(seed, {
      kind: "Event",
      namespace: eventNamespace,
      name: eventName,
      created: event.first
    }),
    involvedObject: {
      apiVersion: apiVersionOf(kind),
      kind,
      ...namespace === void 0 ? {} : { namespace },
      name,
      uid: objectUid(seed, kind, namespace, name),
      ...fieldPath ? { fieldPath } : {}
    },
    reason: event.reason,
    message: event.message,
    source: event.source,
    firstTimestamp: kubeTime(event.first),
    lastTimestamp: kubeTime(event.last),
    count: event.count,
    type: event.type,
    eventTime: null,
    reportingComponent: event.source.component,
    reportingInstance: event.source.host ?? ""
  };
}

// src/sandbox/scenario/logs.ts
function podLogSource(spec, plans, timeline = incidentTimeline(void 0)) {
  const streamsByKey = /* @__PURE__ */ new Map();
  spec.logs.forEach((entry, entryIndex) => {
    if (typeof entry.source !== "string") return;
    const ref = parseRef(entry.source);
    const key = ref.kind === "Pod" ? workloadKey("Pod", ref.namespace, podByRef(plans, ref).pod.name) : workloadKey(ref.kind, ref.namespace, ref.name);
    streamsByKey.set(key, [...streamsByKey.get(key) ?? [], compileLogEntry(entry, entryIndex, timeline)]);
  });
  return function* podLogs(pod, query) {
    const namespace = pod.metadata.namespace ?? "";
    const streams = [ownerKey(pod), workloadKey("Pod", namespace, pod.metadata.name)].flatMap(
      (key) => key && streamsByKey.get(key) || []
    );
    const window = containerWindow(pod, query);
    if (!window) return;
    const occurrences2 = logOccurrences(spec.seed, streams, `${namespace}/${pod.metadata.name}`, ...window);
    for (const occurrence of occurrences2) yield* occurrence;
  };
}
function compileLogEntry(entry, entryIndex, timeline) {
  return { format: entry.format, lines: compileLines(entry.lines, `logs/${entryIndex}`, timeline) };
}
function* logOccurrences(seed, streams, reader, lo, hi) {
  const cursors = streams.flatMap(
    (stream) => stream.lines.flatMap((line) => {
      const cursor = cursorFor(line, stream.format, hash32(`${seed}/${line.identity}/${reader}`), lo, hi);
      return cursor ? [cursor] : [];
    })
  );
  while (cursors.length) {
    let next = 0;
    for (let i = 1; i < cursors.length; i++) if (cursors[i].time < cursors[next].time) next = i;
    const cursor = cursors[next];
    yield render(cursor);
    const after = cursor.rest.next();
    if (after.done) cursors.splice(next, 1);
    else {
      cursor.occurrence = after.value;
      cursor.time = occurrenceTime(cursor.line.spec, after.value);
    }
  }
}
function compileLines(lines, identity2, timeline) {
  const beginning = (line) => (line.kind === "once" ? line.at : line.from).getTime();
  const isIncident = (line) => beginning(line) >= timeline.incidentStart;
  const endOf = (index, among) => {
    const next = lines.slice(index + 1).find((l) => l.kind === "every" && among(l));
    return next ? beginning(next) : Number.POSITIVE_INFINITY;
  };
  return lines.map((line, index) => {
    const start = beginning(line);
    const end = line.kind === "once" ? start + 1 : endOf(index, () => true);
    const preEnd = line.kind === "once" || isIncident(line) ? end : endOf(index, (l) => !isIncident(l));
    return {
      spec: line,
      template: compileTemplate(line.text),
      identity: `${identity2}/${index}`,
      spans() {
        const suppressed = suppressedSpans(timeline);
        if (isIncident(line)) return without([start, end], suppressed);
        return start < end ? [[start, end], ...within([end, preEnd], suppressed)] : [];
      }
    };
  });
}
function ownerKey(pod) {
  const owner = pod.metadata.ownerReferences?.find((ref) => ref.controller !== false);
  const namespace = pod.metadata.namespace ?? "";
  if (owner?.kind === "StatefulSet") return workloadKey("StatefulSet", namespace, owner.name);
  const hash = pod.metadata.labels?.["pod-template-hash"];
  if (owner?.kind === "ReplicaSet" && hash && owner.name.endsWith(`-${hash}`)) {
    return workloadKey("Deployment", namespace, owner.name.slice(0, -(hash.length + 1)));
  }
  return void 0;
}
function containerWindow(pod, query) {
  const spec = pod.spec;
  if (spec?.containers?.[0]?.name !== query.container) return void 0;
  const status = pod.status;
  const container = status?.containerStatuses?.find((c) => c.name === query.container);
  const everStarted = container?.state?.running || container?.state?.terminated || container?.lastState?.terminated;
  if (!everStarted) return void 0;
  const podStart = Date.parse(status?.startTime ?? pod.metadata.creationTimestamp);
  const lastRestart = container?.lastState?.terminated?.finishedAt;
  if (query.previous && !lastRestart) return void 0;
  const [start, end] = query.previous ? [podStart, Date.parse(lastRestart)] : [lastRestart ? Date.parse(lastRestart) : podStart, Number.POSITIVE_INFINITY];
  const lo = Math.max(start, query.since?.getTime() ?? start);
  const hi = Math.min(end, query.until.getTime());
  return lo < hi ? [lo, hi] : void 0;
}
function cursorFor(line, format, seed, lo, hi) {
  const rest = occurrences(line.spec, within([lo, hi], line.spans()));
  const first = rest.next();
  if (first.done) return void 0;
  return { time: occurrenceTime(line.spec, first.value), occurrence: first.value, line, format, seed, rest };
}
function* occurrences(spec, spans) {
  if (spec.kind === "once") {
    if (spans.length) yield 0;
    return;
  }
  const from = spec.from.getTime();
  for (const [lo, hi] of spans) {
    for (let n = Math.max(0, Math.ceil((lo - from) / spec.every)); from + n * spec.every < hi; n++) yield n;
  }
}
function occurrenceTime(spec, occurrence) {
  return spec.kind === "once" ? spec.at.getTime() : spec.from.getTime() + occurrence * spec.every;
}
function render(cursor) {
  const { spec, template } = cursor.line;
  const time = new Date(cursor.time);
  const text = renderTemplate(template, mulberry32(mix32(cursor.seed, cursor.occurrence)));
  if (cursor.format === "json") {
    return [
      { time, text: JSON.stringify({ ts: time.toISOString(), level: spec.level ?? "info", msg: text }) }
    ];
  }
  const prefix = spec.level ? `${time.toISOString()} ${spec.level.toUpperCase().padEnd(5)} ` : "";
  if (!text.includes("\n")) return [{ time, text: prefix + text }];
  const [first, ...continuation] = text.split("\n");
  return [{ time, text: prefix + first }, ...continuation.map((line) => ({ time, text: line }))];
}

// src/sandbox/scenario/workload-objects.ts
var REVISION = "deployment.kubernetes.io/revision";
var CHANGE_CAUSE = "kubernetes.io/change-cause";
var PROGRESS_DEADLINE_SECONDS = 600;
var MAX_UNAVAILABLE = 0.25;
function workloadObjects(plan, ctx) {
  return plan.kind === "Deployment" ? [deployment(plan, ctx), ...replicaSets(plan, ctx), ...plan.pods.map((pod) => podObject(plan, pod, ctx))] : [
    statefulSet(plan, ctx),
    ...controllerRevisions(plan, ctx),
    ...plan.pods.map((pod) => podObject(plan, pod, ctx))
  ];
}
function changeCause(revision) {
  return revision.changeCause === void 0 ? {} : { [CHANGE_CAUSE]: revision.changeCause };
}
function readyCount(plan) {
  return plan.pods.filter((pod) => pod.state === "Running").length;
}
function counts(values) {
  return Object.fromEntries(Object.entries(values).filter(([, n]) => n > 0));
}
function deployment(plan, ctx) {
  const { spec, current, revisions } = plan;
  const ready = readyCount(plan);
  const generation = revisions.length;
  const first = revisions[0];
  const rsName = `ReplicaSet "${current.ownerName}"`;
  const minimumAvailable = ready >= spec.replicas - Math.floor(spec.replicas * MAX_UNAVAILABLE);
  const deadline = new Date(current.at.getTime() + PROGRESS_DEADLINE_SECONDS * 1e3);
  const progressing = ready === spec.replicas ? {
    status: "True",
    reason: "NewReplicaSetAvailable",
    message: `${rsName} has successfully progressed.`,
    at: current.at
  } : ctx.now >= deadline ? {
    status: "False",
    reason: "ProgressDeadlineExceeded",
    message: `${rsName} has timed out progressing.`,
    at: deadline
  } : {
    status: "True",
    reason: "ReplicaSetUpdated",
    message: `${rsName} is progressing.`,
    at: current.at
  };
  const available = minimumAvailable ? {
    status: "True",
    reason: "MinimumReplicasAvailable",
    message: "Deployment has minimum availability.",
    at: first.at
  } : {
    status: "False",
    reason: "MinimumReplicasUnavailable",
    message: "Deployment does not have minimum availability.",
    at: current.at
  };
  const condition = (type, c) => ({
    type,
    status: c.status,
    lastUpdateTime: kubeTime(c.at),
    lastTransitionTime: kubeTime(c.at),
    reason: c.reason,
    message: c.message
  });
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: objectMeta(ctx.seed, {
      kind: "Deployment",
      namespace: spec.namespace,
      name: spec.name,
      created: first.at,
      generation,
      labels: spec.labels,
      annotations: { [REVISION]: String(current.number), ...changeCause(current) }
    }),
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: spec.labels },
      template: current.template,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: PROGRESS_DEADLINE_SECONDS
    },
    status: {
      observedGeneration: generation,
      replicas: spec.replicas,
      updatedReplicas: spec.replicas,
      ...counts({
        readyReplicas: ready,
        availableReplicas: ready,
        unavailableReplicas: spec.replicas - ready
      }),
      conditions: [condition("Available", available), condition("Progressing", progressing)]
    }
  };
}
function replicaSets(plan, ctx) {
  const byHash = /* @__PURE__ */ new Map();
  for (const revision of plan.revisions)
    byHash.set(revision.hash, [...byHash.get(revision.hash) ?? [], revision]);
  return [...byHash.values()].map((group) => {
    const latest = group.at(-1);
    const isCurrent = latest === plan.current;
    const replicas = isCurrent ? plan.spec.replicas : 0;
    const ready = isCurrent ? readyCount(plan) : 0;
    const labels = { ...plan.spec.labels, "pod-template-hash": latest.hash };
    const history = group.slice(0, -1).map((r) => r.number);
    return {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: objectMeta(ctx.seed, {
        kind: "ReplicaSet",
        namespace: plan.spec.namespace,
        name: latest.ownerName,
        created: group[0].at,
        generation: isCurrent ? 1 : 2,
        labels,
        annotations: {
          "deployment.kubernetes.io/desired-replicas": String(plan.spec.replicas),
          "deployment.kubernetes.io/max-replicas": String(
            plan.spec.replicas + Math.ceil(plan.spec.replicas * 0.25)
          ),
          [REVISION]: String(latest.number),
          ...history.length ? { "deployment.kubernetes.io/revision-history": history.join(",") } : {},
          ...changeCause(latest)
        },
        owner: { kind: "Deployment", name: plan.spec.name }
      }),
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: latest.template.spec }
      },
      status: {
        replicas,
        observedGeneration: isCurrent ? 1 : 2,
        ...counts({ fullyLabeledReplicas: replicas, readyReplicas: ready, availableReplicas: ready })
      }
    };
  });
}
function statefulSet(plan, ctx) {
  const { spec, current, revisions } = plan;
  const ready = readyCount(plan);
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: objectMeta(ctx.seed, {
      kind: "StatefulSet",
      namespace: spec.namespace,
      name: spec.name,
      created: revisions[0].at,
      generation: revisions.length,
      labels: spec.labels,
      annotations: changeCause(current)
    }),
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: spec.labels },
      serviceName: spec.name,
      template: current.template,
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10
    },
    status: {
      observedGeneration: revisions.length,
      replicas: spec.replicas,
      currentReplicas: spec.replicas,
      updatedReplicas: spec.replicas,
      ...counts({ readyReplicas: ready, availableReplicas: ready }),
      currentRevision: current.ownerName,
      updateRevision: current.ownerName,
      collisionCount: 0
    }
  };
}
function controllerRevisions(plan, ctx) {
  return plan.revisions.map((revision) => ({
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: objectMeta(ctx.seed, {
      kind: "ControllerRevision",
      namespace: plan.spec.namespace,
      name: revision.ownerName,
      created: revision.at,
      labels: { ...plan.spec.labels, "controller.kubernetes.io/hash": revision.hash },
      annotations: changeCause(revision),
      owner: { kind: "StatefulSet", name: plan.spec.name }
    }),
    data: { spec: { template: { $patch: "replace", ...revision.template } } },
    revision: revision.number
  }));
}
function podObject(plan, pod, ctx) {
  const { spec, current } = plan;
  const deployment2 = plan.kind === "Deployment";
  const labels = deployment2 ? { ...spec.labels, "pod-template-hash": current.hash } : {
    ...spec.labels,
    "apps.kubernetes.io/pod-index": String(pod.index),
    "controller-revision-hash": current.ownerName,
    "statefulset.kubernetes.io/pod-name": pod.name
  };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: objectMeta(ctx.seed, {
      kind: "Pod",
      namespace: spec.namespace,
      name: pod.name,
      created: pod.createdAt,
      ...deployment2 ? { generateName: `${current.ownerName}-` } : {},
      labels,
      owner: deployment2 ? { kind: "ReplicaSet", name: current.ownerName } : { kind: "StatefulSet", name: spec.name }
    }),
    spec: {
      ...current.template.spec,
      ...pod.node ? { nodeName: pod.node.spec.name } : {},
      ...deployment2 ? {} : { hostname: pod.name, subdomain: spec.name },
      serviceAccountName: "default",
      enableServiceLinks: true,
      priority: 0,
      preemptionPolicy: "PreemptLowerPriority",
      tolerations: ["not-ready", "unreachable"].map((taint) => ({
        key: `node.kubernetes.io/${taint}`,
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300
      }))
    },
    status: podStatus(plan, pod, ctx.seed, ctx.scheduling)
  };
}

// src/sandbox/scenario/kube.ts
var CLUSTER_AGE_BEFORE_FIRST_TIME_MS = 864e5;
function renderKubeWorld(scenario, clock, timeline) {
  const { spec } = scenario;
  const now = clock.now();
  const clusterCreated = clusterCreation(spec);
  const nodes = planNodes(spec);
  const plans = planWorkloads(spec, nodes, now);
  const scheduling = { nodeCount: nodes.length, cordoned: nodes.filter((n) => !n.schedulable).length };
  const objects = [
    ...namespaceObjects(spec, clusterCreated),
    ...nodes.map((node) => nodeObject(node, spec.seed, clusterCreated, now)),
    ...spec.kubernetes.configmaps.map((cm) => configMapObject(cm, spec.seed, clusterCreated)),
    ...plans.flatMap((plan) => workloadObjects(plan, { seed: spec.seed, now, scheduling })),
    ...spec.services.flatMap((service) => serviceObjects(service, plans, spec.seed)),
    ...renderEvents({ spec, plans, nodes, clusterCreated, now })
  ];
  return {
    clusterName: spec.cluster.name,
    now: () => clock.now(),
    objects,
    podLogs: podLogSource(spec, plans, timeline)
  };
}
function clusterCreation(spec) {
  const times = [
    spec.history,
    ...spec.kubernetes.deployments.map((d) => d.revisions[0].at),
    ...spec.kubernetes.statefulsets.map((s) => s.revisions[0].at),
    ...spec.kubernetes.configmaps.flatMap((c) => c.history.map((h) => h.at))
  ];
  return new Date(Math.min(...times.map((t) => t.getTime())) - CLUSTER_AGE_BEFORE_FIRST_TIME_MS);
}

export {
  suppressedSpans,
  without,
  incidentTimeline,
  parseRef,
  kubeTime,
  planWorkloads,
  compileLogEntry,
  logOccurrences,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  POD_TEMPLATE_HASH,
  CONTROLLER_REVISION_HASH,
  controllerRef,
  isControlledBy,
  ownerReferenceTo,
  podPhase,
  conditionStatus,
  isPodReady,
  containersOf,
  templateOf,
  revisionOf,
  replicasOf,
  templateIdentity,
  creationTime,
  intOrPercent,
  humanDuration,
  ageSince,
  podStatusText,
  planNodes,
  generateSeries,
  renderKubeWorld,
  ScenarioError,
  loadScenario
};

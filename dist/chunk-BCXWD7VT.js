import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  closestName
} from "./chunk-GFKUMQPK.js";
import {
  ROOT_CAUSE_CATEGORIES,
  parseQuantity
} from "./chunk-SAMT74J2.js";
import {
  INCIDENT_STATUSES,
  IncidentTables,
  MAX_CHANGE_LIMIT,
  MAX_INCIDENT_LIMIT,
  UNTRUSTED_KEY,
  UNTRUSTED_META,
  UNTRUSTED_NOTE,
  byStart,
  canSee,
  toIncidentAlert,
  untrustedPathProblems
} from "./chunk-BWUYPZKP.js";
import {
  inImmediateTransaction,
  maskSplitSecrets,
  redact,
  redactString,
  secretName
} from "./chunk-7MTLSPUB.js";
import {
  listAll
} from "./chunk-AOVEPBOJ.js";
import {
  ConfigError,
  applyBudget,
  jsonBytes,
  namespaceOf,
  queriesFor,
  workloadOf
} from "./chunk-IMRIVU32.js";
import {
  parseDuration,
  parseSince
} from "./chunk-E2EGGSXF.js";
import {
  external_exports
} from "./chunk-ERFH3KHH.js";
import {
  KUBE_KINDS,
  KubeError
} from "./chunk-RLB2M3XB.js";
import {
  checkRange,
  checkSeriesCount,
  chooseStep,
  formatDuration
} from "./chunk-P66QBBFG.js";

// src/incidents/records/enrichment-queue.ts
var EnrichmentQueue = class {
  #deps;
  #running = /* @__PURE__ */ new Map();
  #again = /* @__PURE__ */ new Set();
  #closed = false;
  constructor(deps) {
    this.#deps = deps;
  }
  schedule(id) {
    if (this.#closed) return;
    if (this.#running.has(id)) {
      this.#again.add(id);
      return;
    }
    const run = new Promise((resolve) => setImmediate(resolve)).then(() => this.#untilCurrent(id)).finally(() => this.#running.delete(id));
    this.#running.set(id, run);
  }
  /** Resolves once every run under way (and any it scheduled again) has finished. */
  async idle() {
    while (this.#running.size) await Promise.all(this.#running.values());
  }
  async close() {
    this.#closed = true;
    await this.idle();
  }
  async #untilCurrent(id) {
    do {
      this.#again.delete(id);
      const incident = this.#deps.read(id);
      if (!incident || this.#closed) return;
      let context;
      try {
        context = await this.#deps.enrich(incident);
      } catch (err) {
        this.#deps.logger?.warn({ err, incident: id }, "incident enrichment failed");
        context = { ...incident.context, gaps: [`enrichment failed: ${err.message}`] };
      }
      try {
        this.#deps.write(id, context);
      } catch (err) {
        this.#deps.logger?.error({ err, incident: id }, "incident context could not be stored");
        return;
      }
    } while (this.#again.has(id));
  }
};

// src/incidents/records/severity.ts
var LEVELS = ["minor", "major", "critical"];
var MAJOR_LABELS = /* @__PURE__ */ new Set(["warning", "error", "major", "high"]);
var BROAD_INCIDENT_SERVICES = 3;
var SLO_BURNING_ERROR_RATIO = 0.05;
var ERROR_RATIO_SIGNAL = "error ratio";
function alertLevel(severityLabel) {
  const label = severityLabel.toLowerCase();
  if (label === "critical") return 2;
  return MAJOR_LABELS.has(label) ? 1 : 0;
}
function incidentSeverity(alerts, serviceCount, spike) {
  let level = alerts.reduce((worst, a) => Math.max(worst, alertLevel(a.severity)), 0);
  if (serviceCount >= BROAD_INCIDENT_SERVICES) level += 1;
  if (spike?.signal === ERROR_RATIO_SIGNAL && spike.to >= SLO_BURNING_ERROR_RATIO) level = Math.max(level, 1);
  return LEVELS[Math.min(level, LEVELS.length - 1)];
}

// src/incidents/records/derive.ts
function deriveIncident(alerts, topology, spike) {
  const representative = /* @__PURE__ */ new Map();
  const firing = /* @__PURE__ */ new Set();
  for (const alert of alerts) {
    if (!alert.service) continue;
    const current = representative.get(alert.service);
    if (!current || alert.status === "firing" && current.status !== "firing")
      representative.set(alert.service, alert);
    if (alert.status === "firing") firing.add(alert.service);
  }
  const services = [...representative.keys()];
  const ranked = upstreamFirst(services, topology);
  const service = ranked[0];
  const explainerOf = /* @__PURE__ */ new Map();
  for (const s of services) {
    const dependencies = ranked.filter((t) => t !== s && topology.dependsOn(s, t));
    const roots = dependencies.filter((t) => !dependencies.some((u) => u !== t && topology.dependsOn(t, u)));
    const explainer = roots[0] ?? dependencies[0];
    if (explainer) explainerOf.set(s, representative.get(explainer).fingerprint);
  }
  const explainedBy = /* @__PURE__ */ new Map();
  for (const alert of alerts) {
    const by = alert.service ? explainerOf.get(alert.service) : void 0;
    if (by) explainedBy.set(alert.fingerprint, by);
  }
  const lead = (service ? representative.get(service) : void 0) ?? alerts[0];
  const namespace = lead.namespace ?? alerts.find((a) => a.namespace)?.namespace;
  return {
    services,
    ...service ? { service } : {},
    ...namespace ? { namespace } : {},
    detectedAt: alerts[0].startsAt,
    severity: incidentSeverity(alerts, services.length, spike),
    title: titleOf(
      lead,
      service ?? namespace ?? lead.labels.cluster ?? "cluster",
      alerts.length,
      services.length
    ),
    downstreamImpact: service ? services.filter((s) => firing.has(s) && topology.dependsOn(s, service)) : [],
    explainedBy
  };
}
function upstreamFirst(services, topology) {
  const dependsOnAnother = (s) => services.some((t) => t !== s && topology.dependsOn(s, t));
  const dependentsHere = (s) => services.filter((t) => t !== s && topology.dependsOn(t, s)).length;
  const order = new Map(services.map((s, i) => [s, i]));
  return [...services].sort(
    (a, b) => Number(dependsOnAnother(a)) - Number(dependsOnAnother(b)) || dependentsHere(b) - dependentsHere(a) || order.get(a) - order.get(b)
  );
}
function titleOf(lead, subject, alertCount, serviceCount) {
  const head = `${subject}: ${lead.alertname}`;
  if (alertCount === 1) return head;
  return serviceCount > 1 ? `${head}, ${alertCount} alerts on ${serviceCount} services` : `${head}, ${alertCount} alerts`;
}

// src/incidents/records/lifecycle.ts
var IncidentError = class extends Error {
  name = "IncidentError";
  code;
  constructor(code, message) {
    super(message);
    this.code = code;
  }
};
var NEXT = {
  open: ["mitigated", "resolved"],
  mitigated: ["open", "resolved"],
  resolved: ["open"]
};
function checkTransition(incident, to) {
  const allowed = NEXT[incident.status];
  if (!allowed.includes(to)) {
    throw new IncidentError(
      "conflict",
      `${incident.id} is ${incident.status}; it can move to ${allowed.join(" or ")}, not ${to}`
    );
  }
}
function applyStatus(incident, to, at) {
  incident.status = to;
  if (to === "open") {
    delete incident.mitigatedAt;
    delete incident.resolvedAt;
  } else if (to === "mitigated") incident.mitigatedAt = at;
  else incident.resolvedAt = at;
}

// src/incidents/records/open-incidents.ts
function workingOf(incident) {
  const working = {
    incident,
    alerts: /* @__PURE__ */ new Map(),
    firing: 0,
    withService: 0,
    lastStartMs: 0,
    lastEndMs: 0,
    unsorted: false
  };
  for (const alert of incident.alerts) count(working, alert);
  return working;
}
function count(working, alert) {
  working.alerts.set(alert.fingerprint, alert);
  working.lastStartMs = Math.max(working.lastStartMs, Date.parse(alert.startsAt));
  if (alert.service) working.withService += 1;
  if (alert.status === "firing") working.firing += 1;
  else if (alert.endsAt) working.lastEndMs = Math.max(working.lastEndMs, Date.parse(alert.endsAt));
}
function sortedAlerts(working) {
  if (working.unsorted) {
    working.incident.alerts.sort(byStart);
    working.unsorted = false;
  }
  return working.incident.alerts;
}
function labelKeys(alert) {
  const cluster = alert.labels.cluster ?? "";
  const keys = alert.namespace ? [`ns\0${cluster}\0${alert.namespace}`] : [];
  if (!alert.service && !alert.namespace) keys.push(`alert\0${cluster}\0${alert.alertname}`);
  return keys;
}
var OpenIncidents = class {
  #byId = /* @__PURE__ */ new Map();
  #byFingerprint = /* @__PURE__ */ new Map();
  #byService = /* @__PURE__ */ new Map();
  #byLabels = /* @__PURE__ */ new Map();
  get(id) {
    return this.#byId.get(id);
  }
  values() {
    return this.#byId.values();
  }
  /** The open incident holding this fingerprint. */
  holding(fingerprint) {
    return this.#byFingerprint.get(fingerprint);
  }
  track(working) {
    this.#byId.set(working.incident.id, working);
    for (const alert of working.alerts.values()) this.index(working, alert);
  }
  untrack(working) {
    this.#byId.delete(working.incident.id);
    for (const alert of working.alerts.values()) {
      if (this.#byFingerprint.get(alert.fingerprint) === working)
        this.#byFingerprint.delete(alert.fingerprint);
      if (alert.service) this.#byService.get(alert.service)?.delete(working);
      for (const key of labelKeys(alert)) this.#byLabels.get(key)?.delete(working);
    }
  }
  /** Changes the incident's status: resolved incidents leave the open set, reopened ones join it. */
  move(working, status, at) {
    const wasOpen = working.incident.status !== "resolved";
    applyStatus(working.incident, status, at);
    if (wasOpen && status === "resolved") this.untrack(working);
    if (!wasOpen && status !== "resolved") this.track(working);
  }
  /** Gives a tracked incident its permanent id. */
  rename(working, id) {
    this.#byId.delete(working.incident.id);
    working.incident.id = id;
    this.#byId.set(id, working);
  }
  /** Registers an alert the incident holds (an alert another open incident holds stays there). */
  index(working, alert) {
    if (!this.#byFingerprint.has(alert.fingerprint)) this.#byFingerprint.set(alert.fingerprint, working);
    if (alert.service) addTo(this.#byService, alert.service, working);
    for (const key of labelKeys(alert)) addTo(this.#byLabels, key, working);
  }
  /**
   * Open incidents the alert belongs with, if they are still firing or their latest alert
   * started within `windowMs` of it: with a service, those with an alert on a related
   * service, and those whose alerts name no service but share its labels; without one,
   * those sharing its labels.
   */
  candidates(alert, topology, windowMs) {
    const found = /* @__PURE__ */ new Set();
    const [key] = labelKeys(alert);
    for (const working of (key ? this.#byLabels.get(key) : void 0) ?? [])
      if (!alert.service || working.withService === 0) found.add(working);
    if (alert.service) {
      for (const service of topology.related(alert.service))
        for (const working of this.#byService.get(service) ?? []) found.add(working);
    }
    const startMs = Date.parse(alert.startsAt);
    return [...found].filter((w) => w.firing > 0 || Math.abs(startMs - w.lastStartMs) <= windowMs);
  }
  clear() {
    this.#byId.clear();
    this.#byFingerprint.clear();
    this.#byService.clear();
    this.#byLabels.clear();
  }
};
function addTo(map, key, working) {
  const set = map.get(key);
  if (set) set.add(working);
  else map.set(key, /* @__PURE__ */ new Set([working]));
}

// src/incidents/records/ingest-batch.ts
var SYSTEM_PRINCIPAL = "opswarden";
function newTouch(working, events = [], created = false) {
  return {
    working,
    created,
    dirty: /* @__PURE__ */ new Set(),
    events,
    emptied: false,
    serviceBefore: working.incident.service
  };
}
var IngestBatch = class {
  touches = /* @__PURE__ */ new Map();
  /** Where the post's alerts went. */
  placed = /* @__PURE__ */ new Set();
  /** incident.status records for recurrences and merges. */
  statusRecords = [];
  /** Resolved incidents read for an update, by id. */
  #loaded = /* @__PURE__ */ new Map();
  #deps;
  #created = 0;
  constructor(deps) {
    this.#deps = deps;
  }
  place(alert) {
    const { open, tables, topology, groupWindowMs, now } = this.#deps;
    const held = open.holding(alert.fingerprint);
    if (held) {
      this.#update(held, alert);
      return;
    }
    const pastId = tables.latestWithFingerprint(alert.fingerprint);
    if (pastId) {
      const past = open.get(pastId) ?? this.#loaded.get(pastId) ?? workingOf(tables.incident(pastId));
      this.#loaded.set(pastId, past);
      const firesAgain = alert.status === "firing" && past.alerts.get(alert.fingerprint).status === "resolved";
      const resolvedMs = Date.parse(past.incident.resolvedAt ?? "") || 0;
      if (!firesAgain || now.getTime() - resolvedMs <= groupWindowMs) {
        this.#update(past, alert);
        return;
      }
    }
    const [target, ...others] = open.candidates(alert, topology, groupWindowMs).sort(
      (a, b) => Number(this.#isNew(a)) - Number(this.#isNew(b)) || a.incident.detectedAt.localeCompare(b.incident.detectedAt) || a.incident.id.localeCompare(b.incident.id)
    );
    if (!target && alert.status === "resolved") return;
    const into = target ?? this.#create(alert);
    for (const other of others) this.#merge(other, into);
    this.#attach(into, alert);
  }
  /** Permanent ids for the incidents this post opened, in detect order. */
  assignIds(nextSequence) {
    const created = [...this.touches.values()].filter((t) => t.created).map((t) => t.working);
    for (const working of created) working.incident.detectedAt = sortedAlerts(working)[0].startsAt;
    created.sort((a, b) => a.incident.detectedAt.localeCompare(b.incident.detectedAt));
    for (const working of created) {
      const day = working.incident.detectedAt.slice(0, 10);
      this.#deps.open.rename(working, `INC-${day}-${String(nextSequence(day)).padStart(3, "0")}`);
    }
  }
  touch(working, created = false) {
    let touch = this.touches.get(working);
    if (!touch) {
      touch = newTouch(working, [], created);
      this.touches.set(working, touch);
    }
    return touch;
  }
  #isNew(working) {
    return this.touches.get(working)?.created ?? false;
  }
  #create(alert) {
    this.#created += 1;
    const working = workingOf({
      id: `new-${this.#created}`,
      title: alert.alertname,
      status: "open",
      severity: "minor",
      services: [],
      detectedAt: alert.startsAt,
      openedAt: this.#deps.now.toISOString(),
      alerts: [],
      context: { recentDeployments: [], downstreamImpact: [], gaps: [] }
    });
    this.#deps.open.track(working);
    this.touch(working, true);
    return working;
  }
  /** A new alert for the incident. */
  #attach(working, alert) {
    const touch = this.touch(working);
    const last = working.incident.alerts.at(-1);
    if (last && last.startsAt > alert.startsAt) working.unsorted = true;
    working.incident.alerts.push(alert);
    count(working, alert);
    this.#deps.open.index(working, alert);
    touch.dirty.add(alert.fingerprint);
    touch.events.push(firedEntry(alert, "firing"));
    if (alert.status === "resolved") touch.events.push(resolvedEntry(alert));
    else if (startedAfterMitigation(working, alert)) this.#recur(working, alert, "fired");
    this.placed.add(working);
  }
  /** A re-post of an alert the incident holds: status, end and annotations follow the post. */
  #update(working, alert) {
    const held = working.alerts.get(alert.fingerprint);
    const touch = this.touch(working);
    if (held.status === "firing" && alert.status === "resolved") {
      held.status = "resolved";
      held.endsAt = alert.endsAt;
      working.firing -= 1;
      working.lastEndMs = Math.max(working.lastEndMs, Date.parse(held.endsAt));
      touch.dirty.add(held.fingerprint);
      touch.events.push(resolvedEntry(held));
    } else if (held.status === "resolved" && alert.status === "firing") {
      const startsAt = alert.startsAt > (held.endsAt ?? "") ? alert.startsAt : this.#deps.now.toISOString();
      held.status = "firing";
      delete held.endsAt;
      working.firing += 1;
      working.lastStartMs = Math.max(working.lastStartMs, Date.parse(startsAt));
      touch.dirty.add(held.fingerprint);
      touch.events.push(firedEntry({ ...held, startsAt }, "fired again"));
      if (working.incident.status !== "open") this.#recur(working, { ...held, startsAt }, "fired again");
    }
    if (JSON.stringify(held.annotations) !== JSON.stringify(alert.annotations)) {
      held.annotations = alert.annotations;
      touch.dirty.add(held.fingerprint);
    }
    this.placed.add(working);
  }
  /** A firing alert in a mitigated or resolved incident: it is open again. */
  #recur(working, alert, how) {
    const { incident } = working;
    const from = incident.status;
    const reason = `${alert.alertname} ${how}${alert.service ? ` on ${alert.service}` : ""} (recurrence)`;
    this.touch(working).events.push(statusEntry(alert.startsAt, from, "open", reason));
    this.statusRecords.push({
      type: "incident.status",
      principal: SYSTEM_PRINCIPAL,
      data: { incident: incident.id, from, to: "open", reason, alert: alert.fingerprint }
    });
    this.#deps.open.move(working, "open", alert.startsAt);
  }
  /**
   * Moves `other`'s alerts into `into`. An incident opened by this same post just goes
   * away; an existing one resolves as "merged into …" (audited). Targets are existing
   * incidents before new ones, so a merge message never names an id not yet assigned.
   */
  #merge(other, into) {
    const { open, now } = this.#deps;
    const source = this.touch(other);
    const target = this.touch(into);
    open.untrack(other);
    for (const alert of sortedAlerts(other)) {
      into.incident.alerts.push(alert);
      count(into, alert);
      open.index(into, alert);
      target.dirty.add(alert.fingerprint);
    }
    into.unsorted = true;
    target.events.push(...source.events);
    this.placed.delete(other);
    if (source.created) {
      this.touches.delete(other);
      return;
    }
    const at = now.toISOString();
    const { id, status } = other.incident;
    const reason = `merged into ${into.incident.id}: an alert relates it to that incident`;
    source.events = [statusEntry(at, status, "resolved", reason)];
    target.events.push({
      at,
      kind: "status",
      summary: `${id} merged in (${other.alerts.size} alerts)`,
      ref: id,
      by: SYSTEM_PRINCIPAL
    });
    this.statusRecords.push({
      type: "incident.status",
      principal: SYSTEM_PRINCIPAL,
      data: { incident: id, from: status, to: "resolved", reason, mergedInto: into.incident.id }
    });
    applyStatus(other.incident, "resolved", at);
    other.incident.alerts = [];
    other.alerts.clear();
    source.emptied = true;
  }
};
function startedAfterMitigation(working, alert) {
  const { status, mitigatedAt, resolvedAt } = working.incident;
  return status !== "open" && alert.startsAt > (mitigatedAt ?? resolvedAt ?? "");
}
function refresh(touch, topology) {
  const { working } = touch;
  if (!working.alerts.size) return;
  const { incident } = working;
  const derived = deriveIncident(sortedAlerts(working), topology, incident.context.metricSpike);
  for (const alert of incident.alerts) {
    const by = derived.explainedBy.get(alert.fingerprint);
    if (alert.explainedBy === by) continue;
    if (by) alert.explainedBy = by;
    else delete alert.explainedBy;
    touch.dirty.add(alert.fingerprint);
  }
  incident.services = derived.services;
  if (derived.service) incident.service = derived.service;
  else delete incident.service;
  if (derived.namespace) incident.namespace = derived.namespace;
  else delete incident.namespace;
  incident.detectedAt = derived.detectedAt;
  incident.severity = derived.severity;
  incident.title = derived.title;
  incident.context.downstreamImpact = derived.downstreamImpact;
}
function statusEntry(at, from, to, reason) {
  return { at, kind: "status", summary: `${from} \u2192 ${to}: ${reason}`, by: SYSTEM_PRINCIPAL };
}
function firedEntry(alert, how) {
  const on = alert.service ?? alert.namespace;
  const text = alert.annotations.summary ?? alert.annotations.description;
  return {
    at: alert.startsAt,
    kind: "alert",
    summary: `${alert.alertname} ${how}${on ? ` on ${on}` : ""} (${alert.severity})${text ? `: ${text}` : ""}`,
    ref: `Alert/${alert.fingerprint}`
  };
}
function resolvedEntry(alert) {
  const on = alert.service ?? alert.namespace;
  return {
    at: alert.endsAt,
    kind: "alert.resolved",
    summary: `${alert.alertname} resolved${on ? ` on ${on}` : ""}`,
    ref: `Alert/${alert.fingerprint}`
  };
}

// src/incidents/records/timeline.ts
var LOOKBACK_MS = 60 * 6e4;
function incidentTimeline(incident, own, sources) {
  const since = new Date(Date.parse(incident.detectedAt) - LOOKBACK_MS);
  const until = incident.resolvedAt ? new Date(incident.resolvedAt) : sources.now;
  const scope = incidentScope(incident, sources.topology);
  const entries = [
    ...own,
    ...changeEntries(sources.changes, scope, since, until),
    ...auditEntries(sources.audit, scope, since, until)
  ];
  return entries.map((entry, order) => ({ entry, order, ms: Date.parse(entry.at) })).sort((a, b) => a.ms - b.ms || a.order - b.order).map(({ entry }) => entry);
}
function incidentScope(incident, topology) {
  const namespaces = /* @__PURE__ */ new Set();
  const names = new Set(incident.services);
  if (incident.namespace) namespaces.add(incident.namespace);
  for (const alert of incident.alerts) if (alert.namespace) namespaces.add(alert.namespace);
  for (const service of incident.services) {
    const workload = topology.workloadName(service);
    if (workload) names.add(workload);
    const namespace = topology.namespaceOf(service);
    if (namespace) namespaces.add(namespace);
  }
  return { namespaces, names };
}
function concerns(scope, target) {
  if (!target) return false;
  if (target.namespace) return scope.namespaces.has(target.namespace);
  return target.service !== void 0 && scope.names.has(target.service) || target.name !== void 0 && scope.names.has(target.name);
}
function concernsChange(scope, event) {
  if (event.service) return scope.names.has(event.service);
  return event.namespace ? scope.namespaces.has(event.namespace) : true;
}
function changeEntries(changes, scope, since, until) {
  if (!changes) return [];
  return changes.list({ since, until, limit: MAX_CHANGE_LIMIT }).filter((e) => concernsChange(scope, e)).map((e) => ({
    at: e.at,
    kind: "change",
    summary: `${e.kind}${e.service ? ` of ${e.service}` : ""}: ${e.summary}`,
    ref: `Change/${e.id}`,
    by: e.actor ?? e.source ?? e.recordedBy
  }));
}
function auditEntries(audit, scope, since, until) {
  const window = { since, until: new Date(until.getTime() + 1) };
  const ofType = (type) => audit.query({ ...window, type });
  const targets = /* @__PURE__ */ new Map();
  const targetOf = (callId) => {
    if (!callId) return void 0;
    if (!targets.has(callId)) {
      const [call] = audit.query({ callId, type: "tool.call" });
      targets.set(callId, call?.data.target);
    }
    return targets.get(callId);
  };
  const entries = [];
  for (const type of ["action.executed", "action.failed"]) {
    for (const record of ofType(type)) {
      const target = targetOf(record.callId);
      if (!record.targetKey || !concerns(scope, target)) continue;
      const outcome = type === "action.executed" ? "executed" : `failed: ${String(record.data.error ?? "")}`;
      entries.push({
        at: record.ts,
        kind: "action",
        summary: `${record.tool} on ${refOf(target)} ${outcome}`,
        ref: refOf(target),
        ...record.principal ? { by: record.principal } : {}
      });
    }
  }
  for (const type of [
    "approval.requested",
    "approval.granted",
    "approval.rejected",
    "approval.expired"
  ]) {
    for (const record of ofType(type)) {
      const target = targetOf(record.callId);
      if (!concerns(scope, target)) continue;
      entries.push(approvalEntry(record, target));
    }
  }
  entries.push(...runbookEntries(ofType("runbook.started"), ofType("runbook.finished"), scope));
  return entries;
}
function approvalEntry(record, target) {
  const id = String(record.data.approvalId);
  const decidedBy = record.data.decidedBy;
  const what = record.type === "approval.requested" ? `requested for ${record.tool} on ${refOf(target)}: ${String(record.data.reason ?? "")}` : record.type === "approval.expired" ? "expired undecided" : `${record.type === "approval.granted" ? "granted" : "rejected"}${decidedBy ? ` by ${decidedBy}` : ""}`;
  const by = record.type === "approval.requested" ? record.principal : decidedBy;
  return {
    at: record.ts,
    kind: "approval",
    summary: `approval ${id} ${what}`,
    ref: id,
    ...by ? { by } : {}
  };
}
function runbookEntries(started, finished, scope) {
  const entries = [];
  const matched = /* @__PURE__ */ new Set();
  for (const record of started) {
    const key = String(record.data.target ?? "");
    if (!concerns(scope, targetOfKey(key, record.data.params)))
      continue;
    const execution = String(record.data.execution);
    matched.add(execution);
    entries.push({
      at: record.ts,
      kind: "runbook",
      summary: `runbook ${runbookName(record)} started on ${key}: ${String(record.data.reason ?? "")}`,
      ref: execution,
      ...record.principal ? { by: record.principal } : {}
    });
  }
  for (const record of finished) {
    const execution = String(record.data.execution);
    if (!matched.has(execution)) continue;
    entries.push({
      at: record.ts,
      kind: "runbook",
      summary: `runbook ${runbookName(record)} finished: ${String(record.data.outcome)}`,
      ref: execution,
      ...record.principal ? { by: record.principal } : {}
    });
  }
  return entries;
}
function targetOfKey(key, params = {}) {
  const parts = key.split("/");
  const [namespace, name] = parts.length === 3 ? parts.slice(1) : parts[0] === "runbook" ? [] : parts;
  const param = (n) => typeof params[n] === "string" ? params[n] : void 0;
  const targetNamespace = namespace ?? param("namespace");
  const targetName = name ?? param("name");
  const service = param("service");
  return {
    ...targetNamespace ? { namespace: targetNamespace } : {},
    ...targetName ? { name: targetName } : {},
    ...service ? { service } : {}
  };
}
function runbookName(record) {
  return String(record.data.runbook?.name ?? "runbook");
}
function refOf(target) {
  return [target.kind, target.namespace, target.name ?? target.service].filter(Boolean).join("/");
}

// src/incidents/records/topology.ts
function topologyOf(catalog) {
  const byName = new Map(catalog.map((s) => [s.name, s]));
  const byWorkload = /* @__PURE__ */ new Map();
  for (const service of catalog) {
    const workload = workloadOf(service);
    if (workload && !byWorkload.has(workload.name)) byWorkload.set(workload.name, service.name);
  }
  const dependencies = /* @__PURE__ */ new Map();
  for (const service of catalog) dependencies.set(service.name, reachable(service.name, byName));
  const dependents = new Map(catalog.map((s) => [s.name, /* @__PURE__ */ new Set()]));
  for (const [service, deps] of dependencies) for (const dep of deps) dependents.get(dep)?.add(service);
  const related = /* @__PURE__ */ new Map();
  for (const service of catalog) {
    const name = service.name;
    related.set(name, /* @__PURE__ */ new Set([name, ...dependencies.get(name), ...dependents.get(name)]));
  }
  const none = /* @__PURE__ */ new Set();
  return {
    related: (service) => related.get(service) ?? /* @__PURE__ */ new Set([service]),
    dependsOn: (service, dependency) => dependencies.get(service)?.has(dependency) ?? false,
    dependents: (service) => dependents.get(service) ?? none,
    serviceNamed: (name) => byName.has(name) ? name : byWorkload.get(name),
    namespaceOf: (service) => {
      const entry = byName.get(service);
      return entry ? namespaceOf(entry) : void 0;
    },
    workloadName: (service) => {
      const entry = byName.get(service);
      return entry ? workloadOf(entry)?.name : void 0;
    }
  };
}
function reachable(from, byName) {
  const seen = /* @__PURE__ */ new Set();
  const stack = [...byName.get(from)?.dependsOn ?? []];
  while (stack.length) {
    const next = stack.pop();
    if (next === from || seen.has(next)) continue;
    seen.add(next);
    stack.push(...byName.get(next)?.dependsOn ?? []);
  }
  return seen;
}

// src/incidents/records/store.ts
var IncidentRecords = class {
  #db;
  #audit;
  #clock;
  #opts;
  #tables;
  #topology;
  #open = new OpenIncidents();
  /** Last sequence number used per detect day, read from the store once per day. */
  #sequences = /* @__PURE__ */ new Map();
  #enrichment;
  constructor(db, audit, clock, opts) {
    this.#db = db;
    this.#audit = audit;
    this.#clock = clock;
    this.#opts = opts;
    this.#tables = new IncidentTables(db);
    this.#topology = topologyOf(opts.catalog);
    this.#enrichment = opts.enrich ? new EnrichmentQueue({
      enrich: opts.enrich,
      read: (id) => this.get(id),
      write: (id, context) => this.#storeContext(id, context),
      ...opts.logger ? { logger: opts.logger } : {}
    }) : void 0;
    this.#loadOpen();
  }
  ingest(inputs, postedBy) {
    const now = this.#clock.now();
    const unique = /* @__PURE__ */ new Map();
    inputs.forEach((input2, index) => {
      const alert = toIncidentAlert(input2, index, this.#topology, now);
      unique.delete(alert.fingerprint);
      unique.set(alert.fingerprint, alert);
    });
    const alerts = [...unique.values()].sort(byStart);
    const batch = new IngestBatch({
      open: this.#open,
      tables: this.#tables,
      topology: this.#topology,
      groupWindowMs: this.#opts.groupWindowMs,
      now
    });
    let result;
    try {
      for (const alert of alerts) batch.place(alert);
      batch.assignIds((day) => this.#nextSequence(day));
      for (const touch of batch.touches.values()) refresh(touch, this.#topology);
      const incidents = [...batch.placed].map((w) => ({
        id: w.incident.id,
        created: batch.touches.get(w)?.created ?? false
      }));
      result = { accepted: alerts.length, incidents };
      const firing = alerts.filter((a) => a.status === "firing").length;
      this.#audit.appendAll([
        {
          type: "incidents.ingested",
          principal: postedBy,
          data: {
            received: inputs.length,
            accepted: alerts.length,
            firing,
            resolved: alerts.length - firing,
            created: incidents.filter((i) => i.created).map((i) => i.id),
            updated: incidents.filter((i) => !i.created).map((i) => i.id)
          }
        },
        ...batch.statusRecords
      ]);
      this.#write(batch.touches.values());
    } catch (err) {
      this.#loadOpen();
      throw err;
    }
    for (const touch of batch.touches.values()) {
      if (touch.created || touch.working.incident.service !== touch.serviceBefore)
        this.#enrichment?.schedule(touch.working.incident.id);
    }
    try {
      this.sweep(now);
    } catch (err) {
      this.#opts.logger?.error({ err }, "incident sweep after ingest failed");
    }
    return result;
  }
  list(filter = {}) {
    return this.#tables.list(filter).map((row) => {
      const open = this.#open.get(row.id);
      return open ? snapshot(open) : { ...row, alerts: this.#tables.alerts(row.id) };
    });
  }
  get(id) {
    const open = this.#open.get(id);
    return open ? snapshot(open) : this.#tables.incident(id);
  }
  timeline(id) {
    const incident = this.#require(id);
    return incidentTimeline(incident, this.#tables.events(id), {
      audit: this.#opts.auditReader ?? this.#audit,
      topology: this.#topology,
      now: this.#clock.now(),
      ...this.#opts.changes ? { changes: this.#opts.changes } : {}
    });
  }
  note(id, text, by) {
    this.#require(id);
    const entry = { at: this.#clock.now().toISOString(), kind: "note", summary: text, by };
    this.#audit.append({ type: "incident.note", principal: by, data: { incident: id, text } });
    this.#tables.addEvent(id, entry);
    return entry;
  }
  setStatus(id, status, by, reason) {
    const working = this.#open.get(id) ?? workingOf(this.#require(id));
    const from = working.incident.status;
    checkTransition(working.incident, status);
    const at = this.#clock.now().toISOString();
    this.#audit.append({
      type: "incident.status",
      principal: by,
      data: { incident: id, from, to: status, reason }
    });
    this.#apply(
      [newTouch(working, [{ ...statusEntry(at, from, status, reason), by }])],
      () => this.#open.move(working, status, at)
    );
    return snapshot(working);
  }
  sweep(now) {
    const quietMs = this.#opts.autoResolveAfterMs;
    const due = [...this.#open.values()].filter(
      (w) => w.firing === 0 && w.alerts.size > 0 && w.lastEndMs + quietMs <= now.getTime()
    );
    if (!due.length) return [];
    const touches = due.map((working) => {
      const at = new Date(working.lastEndMs).toISOString();
      const reason = `all ${working.alerts.size} alerts resolved (the last at ${at}) and quiet for ${Math.round(quietMs / 6e4)}m`;
      return newTouch(working, [statusEntry(at, working.incident.status, "resolved", reason)]);
    });
    this.#audit.appendAll(
      touches.map(({ working, events }) => ({
        type: "incident.status",
        principal: SYSTEM_PRINCIPAL,
        data: {
          incident: working.incident.id,
          from: working.incident.status,
          to: "resolved",
          reason: events[0].summary
        }
      }))
    );
    this.#apply(touches, () => {
      for (const { working, events } of touches) this.#open.move(working, "resolved", events[0].at);
    });
    return due.map((w) => w.incident.id);
  }
  /** Resolves once every enrichment under way has finished. */
  async idle() {
    await this.#enrichment?.idle();
  }
  /** Starts no more enrichments and waits for those under way (before the database closes). */
  async close() {
    await this.#enrichment?.close();
  }
  #require(id) {
    const incident = this.get(id);
    if (!incident) throw new IncidentError("not_found", `no incident with id ${id}`);
    return incident;
  }
  #loadOpen() {
    this.#open.clear();
    this.#sequences.clear();
    for (const id of this.#tables.unresolvedIds()) {
      const incident = this.#tables.incident(id);
      if (incident) this.#open.track(workingOf(incident));
    }
  }
  #nextSequence(day) {
    const next = (this.#sequences.get(day) ?? this.#tables.lastSequence(day)) + 1;
    this.#sequences.set(day, next);
    return next;
  }
  /** Changes memory and writes the touches; a failure reloads memory from the store. */
  #apply(touches, change) {
    try {
      change();
      this.#write(touches);
    } catch (err) {
      this.#loadOpen();
      throw err;
    }
  }
  /** One transaction for everything a post (or a status change) changed. */
  #write(touches) {
    inImmediateTransaction(this.#db, () => {
      for (const { working, dirty, events, emptied } of touches) {
        const { alerts: _alerts, ...row } = working.incident;
        this.#tables.putIncident(row);
        if (emptied) this.#tables.deleteAlerts(row.id);
        for (const fingerprint of dirty) {
          const alert = working.alerts.get(fingerprint);
          if (alert) this.#tables.putAlert(row.id, alert);
        }
        for (const event of events) this.#tables.addEvent(row.id, event);
      }
    });
  }
  #storeContext(id, context) {
    const working = this.#open.get(id) ?? workingOf(this.#tables.incident(id));
    working.incident.context = {
      ...context,
      gatheredAt: context.gatheredAt ?? this.#clock.now().toISOString()
    };
    const touch = newTouch(working);
    this.#apply([touch], () => refresh(touch, this.#topology));
  }
};
function snapshot(working) {
  sortedAlerts(working);
  return structuredClone(working.incident);
}

// src/incidents/postmortem/trail.ts
var CONTROL_KINDS = /* @__PURE__ */ new Set(["Incident", "Runbook"]);
var TRAIL_TYPES = [
  "action.executed",
  "action.failed",
  "snapshot",
  "approval.requested",
  "approval.granted",
  "approval.rejected",
  "approval.expired",
  "runbook.started",
  "runbook.step",
  "runbook.finished"
];
function readAuditTrail(audit, window) {
  const records = TRAIL_TYPES.flatMap(
    (type) => audit.query({ type, since: window.since, ...window.until ? { until: window.until } : {} })
  );
  const changeCalls = new Set(records.filter(isChangeOutcome).map((r) => r.callId));
  const requests = [...changeCalls].flatMap((callId) => audit.query({ callId, type: "tool.call" }));
  return auditTrail([...records, ...requests]);
}
function auditTrail(records) {
  const sorted = [...records].sort((a, b) => a.seq - b.seq);
  const approvals = approvalTrails(sorted);
  const calls = new Map(sorted.filter((r) => r.type === "tool.call").map((r) => [r.callId, r]));
  const snapshots = new Map(sorted.filter((r) => r.type === "snapshot").map((r) => [r.callId, r]));
  const actions = [];
  for (const outcome of sorted.filter(isChangeOutcome)) {
    const call = calls.get(outcome.callId);
    if (!call) continue;
    const data = call.data;
    const target = data.target ?? {};
    if (target.kind && CONTROL_KINDS.has(target.kind)) continue;
    const approval = data.approvalId ? approvals.get(data.approvalId) : void 0;
    const runbook = data.context?.runbook;
    const error = outcome.data.error;
    const before = snapshots.get(outcome.callId)?.data.before;
    actions.push({
      callId: outcome.callId,
      tool: outcome.tool ?? call.tool ?? "unknown",
      at: outcome.ts,
      by: call.principal ?? "unknown",
      target,
      ref: refOf2(target),
      ...typeof data.args?.reason === "string" ? { reason: data.args.reason } : {},
      args: data.args ?? {},
      outcome: outcome.type === "action.executed" ? "executed" : "failed",
      ...typeof error === "string" ? { error } : {},
      ...approval ? { approval } : {},
      ...runbook ? { runbook: { name: runbook.name, execution: runbook.execution, step: runbook.step } } : {},
      ...before !== void 0 ? { before } : {}
    });
  }
  return { actions, approvals: [...approvals.values()], runs: runTrails(sorted) };
}
function refOf2(target) {
  return [target.kind, target.namespace, target.name ?? target.service].filter(Boolean).join("/");
}
function scopeOf(incident, catalog = []) {
  const scope = incidentScope(incident, topologyOf(catalog));
  return { namespaces: scope.namespaces, concerns: (target) => concerns(scope, target) };
}
function trailOfIncident(trail, scope) {
  const actions = trail.actions.filter((a) => scope.concerns(a.target));
  const executions = new Set(actions.flatMap((a) => a.runbook ? [a.runbook.execution] : []));
  const runs = trail.runs.filter(
    (r) => executions.has(r.execution) || typeof r.params.namespace === "string" && scope.namespaces.has(r.params.namespace)
  );
  const approvalIds = new Set(actions.flatMap((a) => a.approval ? [a.approval.id] : []));
  return { actions, approvals: trail.approvals.filter((a) => approvalIds.has(a.id)), runs };
}
function isChangeOutcome(r) {
  return (r.type === "action.executed" || r.type === "action.failed") && r.targetKey !== void 0 && r.callId !== void 0;
}
function approvalTrails(records) {
  const byId = /* @__PURE__ */ new Map();
  for (const r of records) {
    const id = r.data.approvalId;
    if (typeof id !== "string") continue;
    if (r.type === "approval.requested") {
      byId.set(id, {
        id,
        tool: r.tool ?? "unknown",
        requester: r.principal ?? "unknown",
        requestedAt: r.ts,
        rules: r.data.matchedRules ?? [],
        status: "pending"
      });
      continue;
    }
    const approval = byId.get(id);
    const status = DECIDED[r.type];
    if (!approval || !status) continue;
    Object.assign(approval, {
      status,
      decidedAt: r.ts,
      ...typeof r.data.decidedBy === "string" ? { decidedBy: r.data.decidedBy } : {},
      ...typeof r.data.comment === "string" ? { comment: r.data.comment } : {}
    });
  }
  return byId;
}
var DECIDED = {
  "approval.granted": "granted",
  "approval.rejected": "rejected",
  "approval.expired": "expired"
};
function runTrails(records) {
  const runs = /* @__PURE__ */ new Map();
  for (const r of records) {
    const execution = r.data.execution;
    if (typeof execution !== "string" || r.data.dryRun === true) continue;
    if (r.type === "runbook.started") {
      runs.set(execution, {
        execution,
        runbook: r.data.runbook.name,
        by: r.principal ?? "unknown",
        reason: String(r.data.reason ?? ""),
        target: String(r.data.target ?? ""),
        params: r.data.params ?? {},
        startedAt: r.ts,
        steps: []
      });
      continue;
    }
    const run = runs.get(execution);
    if (!run) continue;
    if (r.type === "runbook.step") {
      run.steps.push({
        step: String(r.data.step),
        kind: String(r.data.kind),
        outcome: String(r.data.outcome),
        at: r.ts,
        ...typeof r.data.message === "string" ? { message: r.data.message } : {}
      });
    } else if (r.type === "runbook.finished") {
      Object.assign(run, {
        endedAt: r.ts,
        outcome: String(r.data.outcome),
        ...typeof r.data.decidedBy === "string" ? { decidedBy: r.data.decidedBy } : {},
        ...typeof r.data.message === "string" ? { message: r.data.message } : {}
      });
    }
  }
  return [...runs.values()];
}

// src/incidents/kpis/false-actions.ts
var UNDO = "k8s_rollout_undo";
var CONFIGMAP_PATCH = "k8s_configmap_patch";
var CHECK_OK = /* @__PURE__ */ new Set(["passed", "skipped"]);
function falseActions(trail) {
  const executed = trail.actions.filter((a) => a.outcome === "executed");
  const runs = new Map(trail.runs.map((r) => [r.execution, r]));
  const found = [];
  for (const [i, action] of executed.entries()) {
    const later = executed.slice(i + 1);
    const why = undoneBy(action, later) ?? revertedBy(action, later) ?? failedVerification(action, runs);
    if (why) found.push({ callId: action.callId, tool: action.tool, ref: action.ref, at: action.at, why });
  }
  return found;
}
function undoneBy(action, later) {
  if (action.tool === UNDO) return void 0;
  const undo = later.find((a) => a.tool === UNDO && a.ref === action.ref);
  return undo ? `undone by ${UNDO} of ${undo.ref} at ${undo.at}` : void 0;
}
function revertedBy(action, later) {
  if (action.tool !== CONFIGMAP_PATCH) return void 0;
  const before = action.before?.data ?? {};
  const set = action.args.data ?? {};
  const changed = Object.keys(set).filter((key) => (before[key] ?? null) !== set[key]);
  for (const patch of later.filter((a) => a.tool === CONFIGMAP_PATCH && a.ref === action.ref)) {
    const again = patch.args.data ?? {};
    const key = changed.find((k) => k in again && again[k] === (before[k] ?? null));
    if (key) return `reverted at ${patch.at}: ${key} set back to ${JSON.stringify(before[key] ?? null)}`;
  }
  return void 0;
}
function failedVerification(action, runs) {
  const run = action.runbook && runs.get(action.runbook.execution);
  if (!run) return void 0;
  const failed = run.steps.find((s) => s.kind === "check" && s.at >= action.at && !CHECK_OK.has(s.outcome));
  return failed ? `runbook ${run.runbook} check ${failed.step} ${failed.outcome.replace("_", " ")} after it` : void 0;
}

// src/incidents/kpis/stats.ts
function mean(values) {
  if (!values.length) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}
function quantile(values, q) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lower = Math.floor(pos);
  const upper = Math.ceil(pos);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (pos - lower);
}
function ratio(part, whole) {
  return whole ? part / whole : null;
}
function seconds(ms2) {
  return ms2 === null ? null : Math.round(ms2 / 100) / 10;
}

// src/incidents/kpis/index.ts
var RECURRENCE_WINDOW_MS = 7 * 864e5;
var ACKNOWLEDGING = /* @__PURE__ */ new Set(["status", "note", "action", "approval", "runbook"]);
var EXAMPLES = 5;
var REOPENED = /^(mitigated|resolved) → open\b/;
function computeKpis(input2) {
  const { since, until } = input2.window;
  const inWindow2 = input2.incidents.filter((i) => within(i.detectedAt, since, until));
  const executed = input2.trail.actions.filter((a) => a.outcome === "executed");
  const wrong = falseActions(input2.trail);
  return {
    window: { since: since.toISOString(), until: until.toISOString() },
    incidents: {
      total: inWindow2.length,
      open: inWindow2.filter((i) => i.status === "open").length,
      mitigated: inWindow2.filter((i) => i.status === "mitigated").length,
      resolved: inWindow2.filter((i) => i.status === "resolved").length
    },
    mttaSeconds: seconds(mean(inWindow2.flatMap((i) => acknowledgedAfter(i, input2)))),
    mttrSeconds: seconds(
      mean(inWindow2.flatMap((i) => i.resolvedAt ? [ms(i.resolvedAt) - ms(i.detectedAt)] : []))
    ),
    actions: {
      executed: executed.length,
      false: wrong.length,
      falseRatio: ratio(wrong.length, executed.length),
      examples: wrong.slice(0, EXAMPLES)
    },
    approvals: approvalKpis(input2.trail),
    recurrence: recurrence(inWindow2, input2),
    runbooks: runbookKpis(input2.trail)
  };
}
function acknowledgedAfter(incident, input2) {
  const trail = trailOfIncident(input2.trail, scopeOf(incident, input2.catalog));
  const ms2 = firstResponseMs(incident, input2.timelines.get(incident.id) ?? [], trail);
  return ms2 === void 0 ? [] : [ms2];
}
function firstResponseMs(incident, timeline, incidentTrail) {
  const detected = ms(incident.detectedAt);
  const times = [
    ...timeline.filter((e) => ACKNOWLEDGING.has(e.kind) && e.by !== void 0 && e.by !== SYSTEM_PRINCIPAL).map((e) => e.at),
    ...incidentTrail.actions.map((a) => a.at),
    ...incidentTrail.approvals.map((a) => a.requestedAt),
    ...incidentTrail.runs.map((r) => r.startedAt)
  ].map(ms).filter((t) => t >= detected);
  return times.length ? Math.min(...times) - detected : void 0;
}
function approvalKpis(trail) {
  const count2 = (status) => trail.approvals.filter((a) => a.status === status).length;
  const latencies = trail.approvals.flatMap(
    (a) => a.decidedAt && (a.status === "granted" || a.status === "rejected") ? [ms(a.decidedAt) - ms(a.requestedAt)] : []
  );
  const granted = count2("granted");
  const rejected = count2("rejected");
  const expired = count2("expired");
  return {
    requested: trail.approvals.length,
    granted,
    rejected,
    expired,
    pending: count2("pending"),
    acceptanceRatio: ratio(granted, granted + rejected + expired),
    latencySeconds: { median: seconds(quantile(latencies, 0.5)), p90: seconds(quantile(latencies, 0.9)) }
  };
}
function recurrence(inWindow2, input2) {
  const examples = [];
  for (const incident of inWindow2) {
    const why = reopened(input2.timelines.get(incident.id) ?? []) ?? repeatOf(incident, input2.incidents);
    if (why) examples.push({ incident: incident.id, why });
  }
  return {
    recurring: examples.length,
    ratio: ratio(examples.length, inWindow2.length),
    examples: examples.slice(0, EXAMPLES)
  };
}
function reopened(timeline) {
  const entry = timeline.find((e) => e.kind === "status" && REOPENED.test(e.summary));
  return entry ? `reopened at ${entry.at}` : void 0;
}
function repeatOf(incident, all) {
  const keys = new Set(incident.alerts.map(alertKey));
  const detected = ms(incident.detectedAt);
  const earlier = all.find(
    (other) => other.id !== incident.id && ms(other.detectedAt) < detected && ms(other.detectedAt) >= detected - RECURRENCE_WINDOW_MS && other.alerts.some((a) => keys.has(alertKey(a)))
  );
  if (!earlier) return void 0;
  const shared = earlier.alerts.find((a) => keys.has(alertKey(a)));
  return `${shared.alertname} on ${shared.service ?? "no service"} also fired in ${earlier.id}`;
}
function alertKey(alert) {
  return `${alert.service ?? ""}\0${alert.alertname}`;
}
function runbookKpis(trail) {
  const byName = /* @__PURE__ */ new Map();
  for (const run of trail.runs) {
    if (!run.outcome || run.outcome === "cancelled") continue;
    const entry = byName.get(run.runbook) ?? { name: run.runbook, finished: 0, resolved: 0 };
    entry.finished++;
    if (run.outcome === "resolved") entry.resolved++;
    byName.set(run.runbook, entry);
  }
  const byRunbook = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  const finished = byRunbook.reduce((n, r) => n + r.finished, 0);
  const resolved = byRunbook.reduce((n, r) => n + r.resolved, 0);
  return { finished, resolved, successRatio: ratio(resolved, finished), byRunbook };
}
function within(at, since, until) {
  const t = ms(at);
  return t >= since.getTime() && t <= until.getTime();
}
function ms(at) {
  return Date.parse(at);
}

// src/incidents/kpis/read.ts
var METRICS_WINDOW = "7d";
function readKpis(backends, window) {
  const { incidents: store, audit } = backends;
  if (!store) throw new Error("incidents are not available on this server");
  if (!audit) throw new Error("the audit log is not readable on this server");
  const incidents = store.list({ since: new Date(window.since.getTime() - RECURRENCE_WINDOW_MS), limit: MAX_INCIDENT_LIMIT }).filter((i) => Date.parse(i.detectedAt) <= window.until.getTime());
  return computeKpis({
    window,
    incidents,
    timelines: timelinesOf(store, incidents, window.since),
    trail: readAuditTrail(audit, window),
    ...backends.catalog ? { catalog: backends.catalog } : {}
  });
}
function kpisForMetrics(backends, clock, logger) {
  const windowMs = parseDuration(METRICS_WINDOW);
  return {
    window: METRICS_WINDOW,
    read() {
      const until = clock.now();
      try {
        return readKpis(backends, { since: new Date(until.getTime() - windowMs), until });
      } catch (err) {
        logger.warn({ err }, "on-call KPIs could not be computed for /metrics");
        throw err;
      }
    }
  };
}
function openIncidentCount(backends) {
  return backends.incidents?.list({ status: "open", limit: MAX_INCIDENT_LIMIT }).length ?? 0;
}
function timelinesOf(store, incidents, since) {
  return new Map(
    incidents.filter((i) => Date.parse(i.detectedAt) >= since.getTime()).map((i) => [i.id, store.timeline(i.id)])
  );
}

// node_modules/re2js/build/index.js
var RE2Flags = class RE2Flags2 {
  static FOLD_CASE = 1;
  static LITERAL = 2;
  static CLASS_NL = 4;
  static DOT_NL = 8;
  static ONE_LINE = 16;
  static NON_GREEDY = 32;
  static PERL_X = 64;
  static UNICODE_GROUPS = 128;
  static WAS_DOLLAR = 256;
  static LOOKBEHIND = 512;
  static MATCH_NL = RE2Flags2.CLASS_NL | RE2Flags2.DOT_NL;
  static PERL = RE2Flags2.CLASS_NL | RE2Flags2.ONE_LINE | RE2Flags2.PERL_X | RE2Flags2.UNICODE_GROUPS;
  static POSIX = 0;
  static UNANCHORED = 0;
  static ANCHOR_START = 1;
  static ANCHOR_BOTH = 2;
};
var PublicFlags = {
  CASE_INSENSITIVE: 1,
  DOTALL: 2,
  MULTILINE: 4,
  DISABLE_UNICODE_GROUPS: 8,
  LONGEST_MATCH: 16,
  LOOKBEHINDS: 512
};
var ASCII_SIZE = 128;
var ASCII_TO_UPPER = new Int32Array(ASCII_SIZE);
var ASCII_TO_LOWER = new Int32Array(ASCII_SIZE);
var MAX_BMP = 65535;
for (let i = 0; i < ASCII_SIZE; i++) {
  if (i >= 97 && i <= 122) ASCII_TO_UPPER[i] = i - 32;
  else ASCII_TO_UPPER[i] = i;
  if (i >= 65 && i <= 90) ASCII_TO_LOWER[i] = i + 32;
  else ASCII_TO_LOWER[i] = i;
}
var Codepoint = class {
  static CODES = Object.freeze({
    "\x07": 7,
    "\b": 8,
    "	": 9,
    "\n": 10,
    "\v": 11,
    "\f": 12,
    "\r": 13,
    " ": 32,
    '"': 34,
    $: 36,
    "&": 38,
    "'": 39,
    "(": 40,
    ")": 41,
    "*": 42,
    "+": 43,
    "-": 45,
    ".": 46,
    0: 48,
    1: 49,
    2: 50,
    3: 51,
    4: 52,
    5: 53,
    6: 54,
    7: 55,
    8: 56,
    9: 57,
    ":": 58,
    "<": 60,
    ">": 62,
    "?": 63,
    A: 65,
    B: 66,
    C: 67,
    F: 70,
    P: 80,
    Q: 81,
    U: 85,
    Z: 90,
    "[": 91,
    "\\": 92,
    "]": 93,
    "^": 94,
    _: 95,
    "`": 96,
    a: 97,
    b: 98,
    f: 102,
    i: 105,
    m: 109,
    n: 110,
    r: 114,
    s: 115,
    t: 116,
    v: 118,
    x: 120,
    z: 122,
    "{": 123,
    "|": 124,
    "}": 125
  });
  static toUpperCase(codepoint) {
    if (codepoint < ASCII_SIZE) return ASCII_TO_UPPER[codepoint];
    const s = String.fromCodePoint(codepoint).toUpperCase();
    const expectedLen = s.codePointAt(0) > MAX_BMP ? 2 : 1;
    if (s.length > expectedLen) return codepoint;
    const sOrigin = String.fromCodePoint(s.codePointAt(0)).toLowerCase();
    const originExpectedLen = sOrigin.codePointAt(0) > MAX_BMP ? 2 : 1;
    if (sOrigin.length > originExpectedLen || sOrigin.codePointAt(0) !== codepoint) return codepoint;
    return s.codePointAt(0);
  }
  static toLowerCase(codepoint) {
    if (codepoint < ASCII_SIZE) return ASCII_TO_LOWER[codepoint];
    const s = String.fromCodePoint(codepoint).toLowerCase();
    const expectedLen = s.codePointAt(0) > MAX_BMP ? 2 : 1;
    if (s.length > expectedLen) return codepoint;
    const sOrigin = String.fromCodePoint(s.codePointAt(0)).toUpperCase();
    const originExpectedLen = sOrigin.codePointAt(0) > MAX_BMP ? 2 : 1;
    if (sOrigin.length > originExpectedLen || sOrigin.codePointAt(0) !== codepoint) return codepoint;
    return s.codePointAt(0);
  }
};
var UnicodeRangeTable = class {
  /**
  * @param {Uint32Array | number[]} data
  * @param {boolean} isStride1
  */
  constructor(data, isStride1 = false) {
    this.data = data;
    this.isStride1 = isStride1;
    this.SIZE = isStride1 ? 2 : 3;
  }
  getLo(index) {
    return this.data[index * this.SIZE];
  }
  getHi(index) {
    return this.data[index * this.SIZE + 1];
  }
  getStride(index) {
    return this.isStride1 ? 1 : this.data[index * this.SIZE + 2];
  }
  get length() {
    return this.data.length / this.SIZE;
  }
};
var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-";
var B64_MAP = /* @__PURE__ */ new Uint8Array(256);
for (let i = 0; i < 64; i++) B64_MAP[B64.charCodeAt(i)] = i;
var decodeVLQ = (str) => {
  const res = [];
  let value = 0;
  let shift = 0;
  for (let i = 0; i < str.length; i++) {
    const digit = B64_MAP[str.charCodeAt(i)];
    value |= (digit & 31) << shift;
    if ((digit & 32) === 0) {
      res.push(value);
      value = 0;
      shift = 0;
    } else shift += 5;
  }
  return res;
};
var decodeRanges = (str, isStride1) => {
  const res = decodeVLQ(str);
  const numRanges = isStride1 ? res.length / 2 : res.length / 3;
  const out = new Uint32Array(numRanges * 3);
  let current = 0;
  let resIdx = 0;
  for (let i = 0; i < numRanges; i++) {
    current += res[resIdx++];
    out[i * 3] = current;
    current += res[resIdx++];
    out[i * 3 + 1] = current;
    out[i * 3 + 2] = isStride1 ? 1 : res[resIdx++];
  }
  return out;
};
var decodeOrbit = (str) => {
  const res = decodeVLQ(str);
  const map = /* @__PURE__ */ new Map();
  let currentKey = 0;
  for (let i = 0; i < res.length; i += 2) {
    currentKey += res[i];
    const zz = res[i + 1];
    const delta = zz >>> 1 ^ -(zz & 1);
    map.set(currentKey, currentKey + delta);
  }
  return map;
};
var LazyMap = class {
  constructor(initializer) {
    this.initializer = initializer;
    this.cache = /* @__PURE__ */ new Map();
  }
  has(key) {
    return Object.hasOwn(this.initializer, key);
  }
  get(key) {
    if (this.cache.has(key)) return this.cache.get(key);
    const val = this.has(key) ? this.initializer[key]() : null;
    this.cache.set(key, val);
    return val;
  }
};
var UnicodeTables = class {
  static _CASE_ORBIT = null;
  static get CASE_ORBIT() {
    if (!this._CASE_ORBIT) this._CASE_ORBIT = decodeOrbit("rCgCIgCY+rQI4QiCuuBLgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCCgCBgCBgCBgCBgCBgCBgCB+7OB-BB-BB-BB-BB-BBskQB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BC-BB-BB-BB-BB-BB-BB-BByHBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBDCBBBCBBBCBBCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBxHBCBBBCBBBCBBB3SBmMBkNBCBBBCBBB8MBCBBB6MB6MBCBBC+EB0MB2MBCBBB6MB+MBiGBmNBiNBCBBBmKBikzCBmNBqNBkIBsNBCBBBCBBBCBBB0NBCBBB0NDCBBB0NBCBBByNByNBCBBBCBBB2NBCBBDCBBCwDFCBCBDBCBCBDBCBCBDBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBB9EBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBCCBCBDBCBBBhGBvDBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBjICCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBH2iVBCBBBlKBwiVB+jVB+jVBCBBBlMBqEBuEBCBBBCBBBCBBBCBBBCBBB+hVB4hVB8hVBjNB7MC5MB5MCzMC1MB+0yCE5MB20yCC9MBu2yCBwyyCBo0yCChNBlNBo0yCBu-UBi0yCDlNC6-UBpNDrNIu+UDzNCm0yCBzNE0yyCBzNBpEBxNBxNBtEG1NLqxyCBkxyCnFoFrBCBBBCBBDCBBEkIBkIBkICoHHsCCqCBqCBqCCgEC+DB+DBmkOBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCC+BBgCBgCBgCBgCBgCBgCBgCBgCBrCBpCBpCBpCBmjOB-BB8BB-BB-BBgEB-BB-BByBBqgOBsDB-BBtwBB-BB-BB-BBsBBgDBCB-BB-BB-BBeB-BB-BB61OB-BB-BB-DB9DB9DBQB7DBmCE9CBrDBPBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBrFB-EBOBnHB3FB-FCCBBBNBCBBCjIBjIBjIBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCB-BB-BB8kMB-BB6kMB-BB-BB-BB-BB-BB-BB-BB-BB-BBokMB-BB-BBkkMBkkMB-BB-BB-BB-BB-BB-BB-BB4jMB-BB-BB-BB-BB-BB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EBCBBBCBoiMBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBJCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBeBCBBBCBBBCBBBCBBBCBBBCBBBCBBBdBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBCgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDL-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-C64CgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOCgmOGgmODg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FDg8FBg8FBg8FhVg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBQBQBQBQBQBQDPBPBPBPBPBPjkC7mMB5mMBnmMBjmMBCBlmMB3lMBpiMBk8kCBCBBG-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FD-7FB-7FB-7F6FoglCEsuHRwjlCyDCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCB0DBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBG1DD97OCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQDPBPBPBPBPBPDQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQDPBPBPBPBPBPEQCQCQCQCPCPCPCPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPB0EB0EBsFBsFBsFBsFBoGBoGBgIBgIBgHBgHB8HB8HDQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQCSFPBPBzEBzEBRCxnOFSFrFBrFBrFBrFBREQBQClkOFPBPBnGBnGFQBQCljOCODPBPB-GB-GBNHSF-HB-HB7HB7HBRqJ53OE9tQBrmQH4Bc3BSgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBfBfBfBfBfBfBfBfBfBfBfBfBfBfBfBfECBByZ0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzB34BgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CBCBBBt-UBruHBt+UB1iVBviVBCBBBCBBBCBBB3hVB5-UB9hVB7hVCCBBCCBBI9jVB9jVBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBICBBBCBBECBBN-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOC-lOG-lOzoeCBBBCBBBCBBBCBBBCBBBCBl8kCBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBTCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBnECBBBCBBBCBBBCBBBCBBBCBBBCBBDCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBKCBBBCBBBnglCBCBBBCBBBCBBBCBBBCBBECBBBvyyCDCBBBCBBBgDCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBn0yCB90yCB10yCBh0yCBn0yCCjxyCBzyyCBpxyCBg6BBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBB-CBl0yCBvjlCBCBBBCBBBt2yCBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBhkzCZCBB9a-5Bd-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCm6TCBB7gBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCH-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BmlBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvChDwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCFvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvC1DuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCCuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCCuCBuCBuCBuCBuCBuCBuCCuCBuCCtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCCtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCCtCBtCBtCBtCBtCBtCBtCCtCBtCk2BgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEO-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-D+CgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCL-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-B74CgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BhrVgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BhB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BD1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BtxekCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjC");
    return this._CASE_ORBIT;
  }
  static _Print = null;
  static get Print() {
    if (!this._Print) this._Print = new UnicodeRangeTable(decodeRanges("hB9CBjBLBCpWBDFBFGBCCCBSBCsMBClBBDxBBDCBC2BBJaBFFBSVBC-FBCvBBD6BBDkDBP6BBDwBBDOBCbBDCCBJBGfBIqCBCgFBCHBDBBDVBCGBCEEBCBDIBDBBDDBJFFBCCBDBDYBDCBCFBFBBDVBCGBCBBCBBCBBDCCBDBFBBDCBEIIBCBCIIBPBLCBCIBCCBCVBCGBCBBCEBDJBCCBCCBDQQBCBDLBIGBCCBCHBDBBDVBCGBCBBCEBDIBDBBDCBICBFBBCEBDRBLBBCFBECBCDBEBBCCCBEEBEEBBBELBFEBECBCDBDHHPUBGMBCCBCWBCPBDIBCCBCDBIBBCCBCBBDDBDJBIVBCCBCWBCJBCEBDIBCCBCDBIBBGCBCDBDJBCCBNMBCCBCyBBCCBCFBFPBDZBCCBCRBEXBCIBCDDBFBEFFBEBCCCBGBHJBDCBN5BBFcBmBBBCCCBDBCXBCCCBVBDEBCCCBFBCJBDDBhBnCBCjBBFmBBCjBBCOBCMBmBlGBCGGD4LBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBDfBEZBH1CBDFBD-TBCbBE4CBIVBKXBKTBNMBCCBCBBN9CBDJBHJBHNBCKBH4CBIqBBGlCBLeBCLBFLBFEEBoBBDEBMrBBFZBHKBE9BBDgCBCcBDKBHJBHNBDtBBDLBVsCBClFBJ7BBEOBE9BBGqBBDKBJqBBG1QBDFBDlBBDFBDHBCGCBdBD0BBCOBCNBDFBCSBDCBCIBSXBJuBBSBBDaBCMBEhBBPgBBQrEBF5UBXKBWz4BBD9LBGsBBCGGD3BBIBBPXBKGBCGBCGBCGBCGBCGBCGBCGBC9DBjBZBC4CBN1GBbPBC+BBC1CBDmDBGqBBC9CBC1CBKvBBCszcBE2BBK7KBV3FBJ8GBV7BBEJBH3BBJlCBJLBHzDBMdBEtCBCKBFgBBC2BBKNBDJBDmDBZbBLFBDFBDFBKGBCGBC7BBF9DBDJBHj9KBNWBFwBBloItLBDpDBnBGBNEBGZBCEBCCCBCCBCCBoUBhBpBBHyBBCSBCDBFEBCmEBF9FBEFBDFBDFBDCBEGBCGBOBBDLBCZBCSBCBBCOBDNBjB6DBGCBFsBBE3CBCMBEwBwBBsBBjEcBEwBBQbBFjBBKdBGqBBGdBCkBBFNBrB9EBDJBHjBBFjBBFnBBJzBBMLBCOBCGBCBBCKBCOBCGBCBBEzBBN2JBKVBLHBZFBCpBBCIBmCFBDCCBqBBCBBEDDBVBCnCBJIBxBSBCBBGgBBEaBGaBnB3BBFTBDxBBCBBGHBCCBCcBDCBFJBIIBI-BBhBmBBFLBK1BBEcBDaBGZBIDBNGBxCoCB4ByBBOyBBItBBJJBHlBBEcBJBBxGeBCpBBCCBDBBRFBJIBiBtBBJpBBXZBnBbBVWBKtCBFjBBK9BBCEBOYBIJBH0BBCRBJmBBK-CBCTBMRBCuBB-BGBCCCBCBCOBCKBH6BBGJBHDBCHBDBBDVBCGBCBBCEBCJBDBBDCBDHHGGBDGBEEBMJBCDDClBBCJBCDDCDBCJBCBBJBBe7CBCEBfnCBJJBnF1BBDlBBjBkCBMJBHMBU5BBHJBHTBdaBDOBFWB6F7BBlDyCBNHBDDDBGBCBBCdBCBBDLBKJBnCHBDtBBDKBcnCBJyCBOoCBIJB3CHB5ChBBPJBHIBCsBBCNBLcBEfBDVBCNBqCGBCBBCrBBECCBCCBHBJJBHFBCBBCkBBCBBCFBIJBHrBBFJB3HYBIQBCoBBEcB2CQQBwBBO6cBnDuDBCEBMjGBtyCiDBOvhBBRVBL68DBGmSB61G5BBn2B4RBIeBCJBFwCBCJBHdBDFBLlCBLJBCGBCUBGSBxN5BBnG6CBGYBDYBtBqCBF4BBIQBhCEBMGBK1mHBqBfBiDyDB+vIDBCGBCBBCiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBDDBh7D8HBEzNBHWBQQBQtBBDWBKzDB9B1HBLmBBDpCBJvDBWlCB7DTBNTBN2CBKYBoE0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDjJBD9VBQEBCOBxiBeBHFB2GGBCQBDGBCBBCEBG9BBiBxDxDBrBBENBDJBFBBhKeBS5BBGxOxOBoBB3GqBBFhGhGBdBCVBJBBhHGBCDBCBBCOBCkGBDPBqBrCBFJBFBByYjCBtC8BBjGDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1BBBvIrBBFjDBNOBDOBCOBCkBBLtFB5BcBOrBBFIBIBBPFB7E4eBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBBPIBoB3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBCmDBmgB-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIBnkzVvHB", false));
    return this._Print;
  }
  static CATEGORIES = new LazyMap({
    C: () => new UnicodeRangeTable(decodeRanges("AfBgDgBBOrWrWBHHBCBICCVuMuMnBBBzBBBE4B4BBGBcDBHQBXhGhGxBBB8BBBmDNB8BBByBBBQddBCCMEBhBGBsCiFiFJBBDBBXIICCBFBBKBBDBBFHBCDBDGGBaaBEEHDBDBBXIIDGDBCCGDBDBBECBCGBFCCBFBSJBEKKEXXIDDGBBLIEBCCBNBFBBNGBIEEJBBDBBXIIDGGBKKBDDBEEBFBEDBDGGBTTBIBDHHBBBEFFBBBDCCDCBDCBECBNDBGCBEFFBCCBEBCNBWEBOEEYRRBKKEFFBFBDEEDBBFBBLGBXEEYLLGBBKEEFGBDEBEFFBLLELBOEE0BEEHDBRBBbEETCBZKKCBBICBCDBHCCJFBLBBELB7BDBekBBDCCGZZCYYBGGCIILBBFfBpClBlBBCBoBlBlBQOOBjBBnGCCBDBCBB6LFFBIICFFBqBqBFBBiBFFBIICFFBQQ6BFFBkCkCBhBhBBBBbFB3CBBHBB+UCB6CGBXIBZIBVLBOEEDLB-CBBLFBLFBPMMBEB6CGBsBEBnCJBgBNNBCBNDBCCBrBBBGKBtBDBbFBMCB-BBBiCeeBMMBEBLFBPBBvBBBNTBuCnFnFBGB9BCBQCB-BEBsBBBMHBsBEB3QBBHBBnBBBHBBJGCgBBB2BQQPBBHUUBEEKMMBDBbEByBPBDBBcOOBBBjBNBiBOBtEDB7UVBMUB14BBB-LEBuBCCBDBCBB5BGBDNBZIBI4BI-DhBBb6C6CBKB3GZBxC3C3CBoDoDBDBsB-C-C3CIBxBuzcuzcBBB4BIB9KTB5FHB+GTB9BCBLFB5BHBnCHBNFB1DKBfCBvCMMBCBiB4B4BBHBPBBLBBoDXBdJBHBBHBBHIBIII9BDB-DBBLFBl9KLBYDByBjoIBvLBBrDlBBILBGEBbGGCGDrUfBrBFB0BUUFDBGoEoEBCB-FCBHBBHBBHBBECBIIIBLBDBBNbbUDDQBBPhBB8DEBEDBuBCB5COOBBBCuBBvBhEBeCByBOBdDBlBIBfEBsBEBfmBmBBCBPpBB-EBBLFBlBDBlBDBpBHB1BKBNQQIDDMQQIDDBBB1BLB4JIBXJBJXBHrBrBKkCBHBBCtBtBDCBCBBYpCpCBGBKvBBUDDBDBiBCBcEBclBB5BDBVBBzBDDBDBJEEeBBEDBLGBKGBhCfBoBDBNIB3BCBeBBcEBbGBFLBIvCBqC2BB0BMB0BGBvBHBLFBnBCBeHBDvGBgBrBrBEBBDPBHHBKgBBvBHBrBVBblBBdTBYIBvCDBlBIB-BGGBLBaGBLFB2BTTBGBoBIBhDVVBJBTwBwBB8BBICCFQQMFB8BEBLFBFJJBDDBXXIDDGLLBDDBEEBCCBEBCEBIBBICBGKBLCCBCCnBLLCBBCFFLDDBGBDcB9CGGBcBpCHBLlFB3BBBnBhBBmCKBLFBOSB7BFBLFBVbBcBBQDBY4FB9BjDB0CLBJBBCBBJDDfDDBNNBHBLlCBJBBvBBBMaBpCHB0CMBqCGBL1CBJ3CBjBNBLFBKuBuBPJBeCBhBBBXPPBnCBIDDtBCBCDDKHBLFBHDDmBDDHGBLFBtBDBL1HBaGBSqBqBBBBe0CBCOBzBMB8clDBwDGGBJBlGryCBkDMBxhBPBXJB88DEBoS41GB7Bl2BB6RGBgBLLBCByCLLBEBfBBHJBnCJBLIIWEBUvNB7BlGB8CEBaBBarBBsCDB6BGBS-BBGKBIIB3mHoBBhBgDB0D8vIBFIIDkJkJBNBCcBEBBCNBFHBtMjoCBsDEBOCBKGBLBBF-6DB+HCB1NFBYOBSOBvBBBYIB1D7BB3HJBoBBBrCHBxDUBnC5DBVLBVLB4CIBamEB2CoCoCDBBCBBDBBFNNCIIiCFFBJJIddFGGCCBI1K1KBlJlJB-V-VBNBGQQBuiBBgBFBH0GBISSBIIDGGBDB-BgBBCvDBuBCBPBBLDBD-JBgBQB7BEBCvOBrB1GBsBDBC-FBgBXXBGBD-GBIFFDQQmGBBRoBBtCDBLDBDwYBlCrCB+BhGBFccDCCBCCLFFCCCBEBCDBCECEDDCBBCICDCCBFFIKFCLLSEBEGGSzBBDtIBtBDBlDLBQBBQQQmBJBvF3BBeMBtBDBKGBDNBH5EB6eCBSCBOCB7GFBNDBCOBNDB5BHBLFBpBHBfBBNDBDNBKmBB5KHBPBBOCBMCB6BCCBCBRBBNDBLGB0EoDoDBjgBBh3pBfB-oEBBv0FBBypHOBvThtCB-QhvBBs6EEBrpIlkzVBxHvw-FB", false)),
    Cc: () => new UnicodeRangeTable(decodeRanges("AfgDgB", true)),
    Cf: () => new UnicodeRangeTable(decodeRanges("tFzqBzqBBEBXhGhGyBhMhMBxCxCs5D9-B9-BBDBbEByBEBCJBw03B6H6HBBBimEQQj7IPBhjiBDBwmFHBn0rYffB+CB", false)),
    Cn: () => new UnicodeRangeTable(decodeRanges("4bBBHDBICCVuMuMnBBBzBBBE4B4BBGBcDBHKBvI9B9BBmDmDBMB8BBByBBBQddBCCMEBjBEBuHJJBDDBXXICCBBBFBBKBBDBBFHBCDBDGGBaaBEEHDBDBBXIIDGDBCCGDBDBBECBCGBFCCBFBSJBEKKEXXIDDGBBLIEBCCBNBFBBNGBIEEJBBDBBXIIDGGBKKBDDBEEBFBEDBDGGBTTBIBDHHBBBEFFBBBDCCDCBDCBECBNDBGCBEFFBCCBEBCNBWEBOEEYRRBKKEFFBFBDEEDBBFBBLGBXEEYLLGBBKEEFGBDEBEFFBLLELBOEE0BEEHDBRBBbEETCBZKKCBBICBCDBHCCJFBLBBELB7BDBekBBDCCGZZCYYBGGCIILBBFfBpClBlBBCBoBlBlBQOOBjBBnGCCBDBCBB6LFFBIICFFBqBqBFBBiBFFBIICFFBQQ6BFFBkCkCBhBhBBBBbFB3CBBHBB+UCB6CGBXIBZIBVLBOEEDLB-CBBLFBLFBbFB6CGBsBEBnCJBgBNNBCBNDBCCBrBBBGKBtBDBbFBMCB-BBBiCeeBMMBEBLFBPBBvBBBNTBuCnFnFBGB9BCBQCB-BEBsBBBMHBsBEB3QBBHBBnBBBHBBJGCgBBB2BQQPBBHUUBEEKmDmDNBBcOOBBBjBNBiBOBtEDB7UVBMUB14BBB-LEBuBCCBDBCBB5BGBDNBZIBI4BI-DhBBb6C6CBKB3GZBxC3C3CBoDoDBDBsB-C-C3CIBxBuzcuzcBBB4BIB9KTB5FHB+GTB9BCBLFB5BHBnCHBNFB1DKBfCBvCMMBCBiB4B4BBHBPBBLBBoDXBdJBHBBHBBHIBIII9BDB-DBBLFBl9KLBYDByBDBvzIBBrDlBBILBGEBbGGCGDrUfBrBFB0BUUFDBGoEoEBCC-FCBHBBHBBHBBECBIIIBIBGBBNbbUDDQBBPhBB8DEBEDBuBCB5COOBBBCuBBvBhEBeCByBOBdDBlBIBfEBsBEBfmBmBBCBPpBB-EBBLFBlBDBlBDBpBHB1BKBNQQIDDMQQIDDBBB1BLB4JIBXJBJXBHrBrBKkCBHBBCtBtBDCBCBBYpCpCBGBKvBBUDDBDBiBCBcEBclBB5BDBVBBzBDDBDBJEEeBBEDBLGBKGBhCfBoBDBNIB3BCBeBBcEBbGBFLBIvCBqC2BB0BMB0BGBvBHBLFBnBCBeHBDvGBgBrBrBEBBDPBHHBKgBBvBHBrBVBblBBdTBYIBvCDBlBIBlCJBCBBaGBLFB2BTTBGBoBIBhDVVBJBTwBwBB8BBICCFQQMFB8BEBLFBFJJBDDBXXIDDGLLBDDBEEBCCBEBCEBIBBICBGKBLCCBCCnBLLCBBCFFLDDBGBDcB9CGGBcBpCHBLlFB3BBBnBhBBmCKBLFBOSB7BFBLFBVbBcBBQDBY4FB9BjDB0CLBJBBCBBJDDfDDBNNBHBLlCBJBBvBBBMaBpCHB0CMBqCGBL1CBJ3CBjBNBLFBKuBuBPJBeCBhBBBXPPBnCBIDDtBCBCDDKHBLFBHDDmBDDHGBLFBtBDBL1HBaGBSqBqBBBBe0CBCOBzBMB8clDBwDGGBJBlGryCBkDMB3iBJB88DEBoS41GB7Bl2BB6RGBgBLLBCByCLLBEBfBBHJBnCJBLIIWEBUvNB7BlGB8CEBaBBarBBsCDB6BGBS-BBGKBIIB3mHoBBhBgDB0D8vIBFIIDkJkJBNBCcBEBBCNBFHBtMjoCBsDEBOCBKGBLBBJ76DB+HCB1NFBYOBSOBvBBBYIB1D7BB3HJBoBBBjGUBnC5DBVLBVLB4CIBamEB2CoCoCDBBCBBDBBFNNCIIiCFFBJJIddFGGCCBI1K1KBlJlJB-V-VBNBGQQBuiBBgBFBH0GBISSBIIDGGBDB-BgBBCvDBuBCBPBBLDBD-JBgBQB7BEBCvOBrB1GBsBDBC-FBgBXXBGBD-GBIFFDQQmGBBRoBBtCDBLDBDwYBlCrCB+BhGBFccDCCBCCLFFCCCBEBCDBCECEDDCBBCICDCCBFFIKFCLLSEBEGGSzBBDtIBtBDBlDLBQBBQQQmBJBvF3BBeMBtBDBKGBDNBH5EB6eCBSCBOCB7GFBNDBCOBNDB5BHBLFBpBHBfBBNDBDNBKmBB5KHBPBBOCBMCB6BCCBCBRBBNDBLGB0EoDoDBjgBBh3pBfB-oEBBv0FBBypHOBvThtCB-QhvBBs6EEBrpIm8yVBCdBhD-DBxHvw-BB---BBB---BBB", false)),
    Co: () => new UnicodeRangeTable(decodeRanges("gg4B-nGh4hc9--BD9--B", true)),
    Cs: () => new UnicodeRangeTable(decodeRanges("gg2B--B", true)),
    L: () => new UnicodeRangeTable(decodeRanges("hCZBHZBwBLLFGGBVBCeBCpOBFLBPEBICCiEEBCBBDDBCHHCCBCCCBSBCyCBCqEBJlFBClBBDHHBnBBoCaBFDBuBqBBkBBBCiDBCQQBIIBLLBBBDRRCdBe4CBMZZBfBKBBFGGBUBFKKEYYBXBIKBGXBCGBRpBB7B1BBETTIJBQPBFHBDBBDVBCGBCEEBCBERROBBCCBPBBLJJBEBFBBDVBCGBCBBCBBCBBgBDBCUUBBBRIBCCBCVBCGBCBBCEBETTQBBYMMBGBDBBDVBCGBCBBCEBEffBCCBBBQSSCFBECBCDBEBBCCCBEEBEEBBBELBX1B1BBGBCCBCWBCPBEbbBBBCBBDBBfFFBGBCCBCWBCJBCEBEffBBBCBBQBBSIBCCBCoBBDRRGCBJCBZFBGRBEXBCIBCDDBFB7BvBBCBBNGB7BBBCCCBDBCXBCCCBIBCBBKDDBDBCWWBCBhBgCgCBGBCjBBcEB0DqBBVRRBEBFDBEEEBIIBBBFMBNSSBkBBCGGDqBBCsKBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBmBPBR1CBDFBErTBDQBCZBGqCBHHBIRBOSBPRBPMBCCBQzBBkBFFkC4CBIEBDhBBCGGBkCBLeByBdBDEBMrBBFZB3BWBK0BBzC+C+CBtBBSHB3BdBOBBLrBBbjBBqBCBLjBBDKBGqBBDCBqBDBCFBCBBEGGB+FBhC1IBDFBDlBBDFBDHBCGCBdBD0BBCGBCEEBBBCGBEDBDFBFMBGCBCGB1DOORMBmDFFDJBCEEBDBHGCBCBCKBDDBGEBF1B1BB8zC8zCBjHBHDBEBBNlBBCGGD3BBIRRBVBKGBCGBCGBCGBCGBCGBCGBCGBxC2O2OBrBrBBDBGBBF1CBHCBC5CBCDBGqBBC9CBSfBxBPBhQ-tGBhCs0VBkCtBBDsIBEPBLBBVuBBReBDlCByBIBDmDBDxCBVQBCCBCDBCWBezBBPxBB-BFBECCBMMBaBLWBacBIuBBdRRBDBCJBLEBCoBBYCBCHBVWBEEEBwBBCEEBDDBDBDCCZCBDKBICBNFBDFBDFBKGBCGBCqBBCNBHyDBej9KBNWBFwBBloItLBDpDBnBGBNEBGCCBIBCMBCEBCCCBCCBCCBqDBiBqLBT-BBD1BBpBLB1DEBCmEBlBZBHZBM4CBEFBDFBDFBDCBkBLBCZBCSBCBBCOBDNBjB6DBmMcBEwBBwBfBOTBCHBHlBBLdBDjBBFHBxB9EBTjBBFjBBFnBBJzBBNKBCOBCGBCBBCKBCOBCGBCBBEzBBN2JBKVBLHBZFBCpBBCIBmCFBDCCBqBBCBBEDDBVBLWBKeBiCSBCBBLVBLZBHZBnB3BBHBBhCQQBCBCCBCcBrBcBEcBkBHBCbBc1BBLVBLSBORBvDoCB4ByBBOyBBOjBBnBbBKWB7HpBBHBBRFB5BcBLJJBUBrBRBvBUBcWBN0BB6BBBDOOBrBBhBYBbjBBeDDJiBBENNBuBBPDBWCCkBRBCYBUBBgCGBCCCBCBCOBCJBIuBBnBHBDBBDVBCGBCBBCEBETTNEBfJBCDDClBBCaaCtBtBBzBBTDBVCBfvBBVBBC5F5FBtBBqBDBlBvBBV8B8BBpBBOoCoCBZBmBGB6FrBB1D-BBgBHBDDDBGBCBBCXBQCC-CHBDmBBRCCdLLBmBBIWWMtBBUTTBnCBoGgBBgBIBCkBBSyByBBcBxDGBCBBClBBWaaBEBCBBCfBPYYBqBBlISBQCCBLBChBB9DwCwCB4cBnHjGBtyCgDBQvhBBSFBa68DBGmSB61GdBj3B4RBIeBSuCBSdBTvBBRDBgBUBGSBxNsBB0G-BBhBYBDYBtBqCBGjCjCBLBhCBBCPPBNNB0mHBqBfBiDyDB+vIDBCGBCBBCiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBn7F0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDYBCYBCeBCYBCeBCYBCeBCYBCeBCYBCHB15BeBHFBmI9BBzEsBBLGBRiKiKBcBTrBBlPbBlHdBDwGwGBdBCCBCBBCGBDEBKBBhHGBCDBCBBCOBCkGB8BjCBI1lB1lBBCBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQBlqE-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
    LC: () => new UnicodeRangeTable(decodeRanges("hCZBHZB7BLLBVBCeBCiGBCDBFvGBDZBhGDBDBBECBCHHCCBCCCBSBCyCBCqEBJlFBClBBKoBB44ClBBCGGDqBBDCBhV1CBDFBjkCKBGqBBDCBhCrBBgCMBChBBmD1IBDFBDlBBDFBDHBCGCBdBD0BBCGBCEEBBBCGBEDBDFBFMBGCBCGBmIFFDJBCEEBDBHGCBCBCFBFDDBCBGEBF1B1BB8zC8zCB6DBDmDBHDBEBBNlBBCGGzoetBBTbBnEtCBCWBEDBCsCBZBBE2Z2ZBpBBGIBIvCBh6TGBNEBqgBZBHZBmlBvCBhDjBBFjBB1DKBCOBCGBCBBCKBCOBCGBCBBk2ByBBOyBB+CVBLVB74C-BBhrV-BBhBYBDYBtpZ0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDYBCYBCeBCYBCeBCYBCeBCYBCeBCYBCHB15BJBCTBHFB2uCjCB", false)),
    Ll: () => new UnicodeRangeTable(decodeRanges("hDZB7BqBqBBWBCHBC2BCBQCBuBCDECBBBDCCDEEBFFDEEBBBDDDCCCDCCBCCDEECDDBDDBBBHGDCOCBSCBDDCEEC4BCBFBDDDBCCFICBjCBDZBiGCCEEEBBBTccBhBBCBBECBCWCBDBCGDB0B0BBuBBCgBCK0BCDMCBgDCxBoBBo6CqBBDCB5XFBjkCIBC2D2DBqBBgCMBChBBnD0ECBHBCgDCBHBJFBLHBJHBJFBLHBJHBJNBDHBJHBJHBJEBCBBHEEBBBCBBJDBDBBJHBLCBCBBzIEEBEEcKFDBBJDBF2B2Bs1CvBBCEEBGCFCCBCCBEBGiDCBIICFFNlBBCGG0oesBCUaCoEMCBBBC+BCBGBCCCDICFCCDCCBBBCSCGGGCMCFCCDOCbEE2ZqBBGIBIvCBh6TGBNEBqhBZBumBnBBpEjBB8EKBCOBCGBCBBk4ByBB+DVB75CfBhsVfB8BYBnqZZBbGBCRBbZBbDBCCCBFBCKBbZBbZBbZBbZBbZBbZBbZBbZBbbBdYBCFBbYBCFBbYBCFBbYBCFBbYBCFBC15B15BBIBCTBHFB4vChBB", false)),
    Lm: () => new UnicodeRangeTable(decodeRanges("wVRBFLBPEBICCmEGG-OnHnHlFBBuIBBFgBgBKEEhFoFoF1mBgEgE2R72B72BsDkTkTxOFBvF+BBOjBjBBjBByVOORMBg-CBByHgGgG2OsBsBBDBGiDiDB+C+CBBB34bjnBjnBBEBvIzDzDdBB6DIBxCYYpDDBEBB2OXXqEtDtDWBBoDDBKngVngVuBBBh-BFBCpBBCIB0sBhBhB2K04D04DnrTDB9PCBpBBBnRMBhCBBCPPB9-P9-PBCBCGBCBByhM9BBqGGBud0Q0QsSAB", false)),
    Lo: () => new UnicodeRangeTable(decodeRanges("qFQQhIFFBCBxGBB7ZaBFDBuBfBCJBkBBBCiDBCZZBLLBBBDRRCdBe4CBMZZBfBWVBrBYBIKBGXBCGBRoBB8B1BBETTIJBROBFHBDBBDVBCGBCEEBCBERROBBCCBPBBLJJBEBFBBDVBCGBCBBCBBCBBgBDBCUUBBBRIBCCBCVBCGBCBBCEBETTQBBYMMBGBDBBDVBCGBCBBCEBEffBCCBBBQSSCFBECBCDBEBBCCCBEEBEEBBBELBX1B1BBGBCCBCWBCPBEbbBBBCBBDBBfFFBGBCCBCWBCJBCEBEffBBBCBBQBBSIBCCBCoBBDRRGCBJCBZFBGRBEXBCIBCDDBFB7BvBBCBBNFB8BBBCCCBDBCXBCCCBIBCBBKDDBDBYDBhBgCgCBGBCjBBcEB0DqBBVRRBEBFDBEEEBIIBBBFMBNyDyDBnKBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBmBPByDrTBDQBCZBGqCBHHBIRBOSBPRBPMBCCBQzBBpBkCkCBhBBC0BBIEBDhBBCGGBkCBLeByBdBDEBMrBBFZB3BWBK0BBxFuBBSHB3BdBOBBLrBBbjBBqBCBLdByDDBCFBCBBE7hB7hBBCB4-C3BBZWBKGBCGBCGBCGBCGBCGBCGBCGBoR2B2BF1CBJCCB4CBFGGBpBBC9CBSfBxBPBhQ-tGBhC0wUBC2jBBkCnBBJrIBFPBLBBjCyByBBkCBqFoDoDEGBCCBCDBCWBezBBPxBB-BFBECCBMMBaBLWBacBIuBBuBEBDIBLEBCoBBYCBCHBVPBCFBEEEBwBBCEEBDDBDBDCCZBBEKBIPPBEBDFBDFBKGBCGByEiBBej9KBNWBFwBBloItLBDpDBkCCCBIBCMBCEBCCCBCCBCCBqDBiBqLBT-BBD1BBpBLB1DEBCmEBqDJBCsBBDeBEFBDFBDFBDCBkBLBCZBCSBCBBCOBDNBjB6DBmMcBEwBBwBfBOTBCHBHlBBLdBDjBBFHBhEtCBjDnBBJzBB9CzBBN2JBKVBLHB5EFBDCCBqBBCBBEDDBVBLWBKeBiCSBCBBLVBLZBHZBnB3BBHBBhCQQBCBCCBCcBrBcBEcBkBHBCbBc1BBLVBLSBORBvDoCB4FjBBnBDBCxJxJBoBBHBBRCBCBB5BcBLJJBUBrBRBvBUBcWBN0BB6BBBDOOBrBBhBYBbjBBeDDJiBBENNBuBBPDBWCCkBRBCYBUBBgCGBCCCBCBCOBCJBIuBBnBHBDBBDVBCGBCBBCEBETTNEBfJBCDDClBBCaaCtBtBBzBBTDBVCBfvBBVBBC5F5FBtBBqBDBlBvBBV8B8BBpBBOoCoCBZBmBGB6FrBB0GHBDDDBGBCBBCXBQCC-CHBDmBBRCCdLLBmBBIWWMtBBUTTBnCBoGgBBgBIBCkBBSyByBBcBxDGBCBBClBBWaaBEBCBBCfBPYYBnBBCBBlISBQCCBLBChBB9DwCwCB4cBnHjGBtyCgDBQvhBBSFBa68DBGmSB61GdBj3B4RBIeBSuCBSdBTvBB0BUBGSB0NnBB2MqCBGwFwFB0mHBqBfBiDyDBuwIiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBxzI2P2PBrBBiBiKiKBcBTrBBlPaBmHdBDwGwGBdBCCBCBBCGBDEBKiHiHBFBCDBCBBCOBCkGB8pBDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQBlqE-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
    Lt: () => new UnicodeRangeTable(decodeRanges("lOGDnB2sH2sHBGBJHBJHBNQQwBAB", false)),
    Lu: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiB2BCDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIJDCMCDQCDDDCCBC4BCIBBCBBDCCBCBCGCiJCCEJJHCCBBBCCCBCCBPBCIBkBDDBBBEWCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBpCDBNDBNDBNEBMDBnIFFECBDCBDEEBDBHGCBCBDDBLBBG+B+B9zCvBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoqZZBbZBbZBbCCBGDBDDBCBCHBbZBbBBCDBDHBCGBcBBCDBCEBCEEBFBcZBbZBbZBbZBbZBbZBfYBiBYBiBYBiBYBiBYBiB2pE2pEBgBB", false)),
    M: () => new UnicodeRangeTable(decodeRanges("gYvDB0IGBoIsBBCCCBCCBCCpCKBxBUBRmDmDBFBDFBDBBCDBkBffBZB8CKB7BIBKZZBCBCIBCCBCEBsBCB8BIBrBXBCgBB3BCBCRBCGBLBBeCB5BCCBFBDBBDCBKLLBbbDCB5BCCBDBFBBDCBEffBEEMCB5BCCBGBCCBCCBVBBXFBCCB5BCCBFBDBBDCBICBLBBf8B8BBDBECBCDBKpBpBBDB4BCCBFBCCBCDBIBBMBBeCB5BCCBFBCCBCDBIBBMBBQNNBCB4BBBCGBCCBCDBKLLBeeBBBnCFFBEBCCCBGBTBB+BDDBFBNHBjDDDBHBMGBqCBBcECFBByBTBCBBGKBCjBBKlDlDBSBYDBFCBCCBDGBEDBOLBCLLBCBgWCBzdDBdCBeBBfBBhCfBKuBuBBBBC2D2DBjBjB3DLBFLB8GEB6BJBCcBDxBxBBsBBDLBVEBwBQBnBIBNCBfMB5BNBxBTB5ECBCUBFHHDCBnG-BBxWgBB--CCBuEhDhDBeBrRFBqDBB1udDBCJBhBBBxCBBxIEEFYYBDBF0C0CBzBzBBQBbRBOnBnBBGBaMBtBDBwBNBlBkCkCBMBNJJBuBuBBBBzBCCBBBDBBGBBCqBqBBDBGBBtHHBCBBx5TiXiXBOBRPBuejHjH2EEBn0BCBCBBGDBpBCBFmFmFB+R+RBCBiCEB+JBBuCFBnCKByBDB7DCB2BOBqBDDBLLBCBuBKBI+B+BBBBlBNBRBBtBNNBBBxBNBJDBCBB9CLBHDD+ELBWDB4BBBCGBDBBDCBKLLBDDBFBEEBkCIBCDDCDBCEBCPPBzCzCBQBYyCyCBSBsHGBDIBcBBzCQBrDMBmDOBhIOB2HFBCBBDDBCCCBuEuEBFBDGBEddBIBpBGBCDBJKKBJBvBPBnGHBoGHBCHBzCVBCNB7DFBECCBCCBFBCjCjCBDBCBBCEB8KDBKBBCxBxBBFBEEBYmnFmnFHOBpmLRBhuCEB8BGB5gBCCB1BBIDByCMMBslTslTBizEizEBsBBDWB-QEBEFBJHBDGBfDB1ECB89B2BBFxBBJPPXEBCOBxqBGBCQBDGBCBBCEBlDhFhFBFB4L+B+BBCB9PDB-HBB0HDDIBBG7O7OBFBuDGB29lYvHB", false)),
    Mc: () => new UnicodeRangeTable(decodeRanges("joC4B4BDCBJDBCBBzBBB7BCBHBBDBBLsBsB7BCBjC7B7BBBBJCCB2B2BB7B7BCHHBDDBLLnDBBCBBECBCCBLqBqBBBB+BDB+BBB7BCCBDBDBBCBBKBBdPPB7B7BBBBGCBCCBLrBrBBsCsCBBBHHBTBBrKBBgCsFsFBFFHDDBaaBLLBBBDGBWBBDFBDLLBBB5zBffiEIIBGBCBB7KDBDCBFBBCFBhHBB7BCCKCCBJJBEByExBxBGCCBDBCBB+BffFBBD9B9BDCBCEEBxBxBBGBJBBsFWW35EBB0-dBBD5C5CBzBzBBOBvEBBwBxBxBBFFBDDBBBvDBBDBBZuBuBCuDuDDBBGuHuHBCCBCCBCC0gZCCgEuBuBBBBFBB0DZZB8B8BxBCBKBBO+C+CBBBEBBCrFrFBBBgBBB7BBBCDBDBBDCBKLLB1C1CBBBIDDCDBCBBCmDmDBBBJBBErDrDBBBHCCBCBDuHuHBBBHDBDyDyDBBBJBBCuDuDCBBHoDoDCBBFmImIBBBK4H4HBEBCBBFDDCvEvEBBBJDBF1C1CeBB-BqGqGECCoGPPrDIID2G2GBDBFBBC-K-KBNNxBBBJBBCpvQpvQBBBlxD2BBpDBB0rYBBHFB", false)),
    Me: () => new UnicodeRangeTable(decodeRanges("okBBB1xF-wB-wBBCBCCBsshBCB", false)),
    Mn: () => new UnicodeRangeTable(decodeRanges("gYvDB0IEBqIsBBCCCBCCBCCpCKBxBUBRmDmDBFBDFBDBBCDBkBffBZB8CKB7BIBKZZBCBCIBCCBCEBsBCB8BIBrBXBCfB4BCCFHBFEEBFBLBBe7B7BFDBJVVBbbDBB6BFFBFFBDDBBBEffBEEMBB6BFFBDBCBBFVVBXXBEBC7B7BDCCBCBJIIBMMBff+BNNzBEE4BCCBBBGCBCDBIBBMBBe7B7BDHHGBBVBBdBB6BBBFDBJVVBeepCIIBBBC7C7CDGBNHBjDDDBHBMGBqCBBcEC4BNBCEBCBBGKBCjBBKnDnDBCBCFBCBBDBBaBBFCBRDBODDBHHQgWgWBBBzdCBeBBfBBfBBhCBBCGBJDDBJBKuBuBBBBC2D2DBjBjB3DCBFBBKHHBBB8GBBD7B7BCGBCCCDHBHJBDxBxBBMBCeBDLBVDBxBCCBDBCGGpBIBNBBhBDBDBBCCB5BCCBEECCB7BHBDBB5ECBCMBCGBFHHEBBnG-BBxWMBFEEBKB--CCBuEhDhDBeBrRDBsDBB1udFFBIBhBBBxCBBxIEEFaaBGG4EBBbRBOnBnBBGBaKBvBCBxBDDBCBDBBoBkCkCBEBDBBDBBNJJwB0B0BCCBDBBGBBCrBrBBJJvHDDFx5Tx5TiXPBRPBuejHjH2EEBn0BCBCBBGDBpBCBFmFmFB+R+RBCBiCEB+JBBuCFBnCKByBDB8D3B3BBNBqBDDBLLBBByBDBDBBI+B+BBBBlBEBCHB-BNNB1B1BBHBLDBDgDgDBBBDCCBHHD+E+EEHBWBB6BBBEmBmBBFBEEBnCFBOECPBB2CHBDCBCYY1CFBCFFBCCBvHvHBCBHBBCBBcBB2CHBDCCBrDrDCDDBEBCmDmDCDDBCBCEBkIIBCBBhIBBCFFxEDBDBBFhBhBBIBpBFBDDBJKKBEBDCBvBMBCBBnGCCBBBCqGqGBFBCFBCzCzCBUBDGBCBBCBB7DFBECCBCCBFBCpCpCBEEC8K8KBMMB1B1BBDBGCCYmnFmnFHOBpmLLBECBhuCEB8BGB5gBgCgCBCByC5lT5lTBizEizEBsBBDWBhRCBSHBDGBfDB1ECB89B2BBFxBBJPPXEBCOBxqBGBCQBDGBCBBCEBlDhFhFBFB4L+B+BBCB9PDB-HBB0HDDIBBG7O7OBFBuDGB29lYvHB", false)),
    N: () => new UnicodeRangeTable(decodeRanges("wBJB5DBBGDDBBBitBJBnEJBnGJB9MJB3DJBFFBtDJB3DJB3DJBDFBvDMB0DJBJGBoDJBpDGBISBuDJBhDJB3DJBnCTBtIJBnCJBwWTBybCBwHJBHJBXJBtJJBhEKBmFJBHJB3FJB3CJBnEJBHJB3gBEEBEBHJBnGyBBDEB3W7BBvCVB3TdBqrBqYqYaIBPCB4KDBrEJBfHBCOBhBJBoBOBh7cJB9FJBhKFB7EJBnBJBnGJBXJB3CJB3MJB34UJBuPsBBN4BBSBB2KaBlBDBeJJnEEBrGJBvdHBaGBoBIBsCEBXFBhFBBDPBDtBBhCIB1BBBfCBsCEBpDHBZHBqBGBrKFBxBJBHJB3IeB-EJBrBDBxDGBnEdBhEJB9BJBxEJBITB8HJB3KJB3DJB3LJBnDJBHTBtCLBlNSB+CJB3UJB3CcBkHJBnCJB3BJBnLJBnDUBshBuDBimPJBnpCJB3CJBnEJBCGBvQJBnIWB+KCB6nXJBnuBTBNTBtDYB2iBxBBhqCJBnNJB3PJB4HJBtWIBhEJB4Y6BBCCBCDBtCsBBCOBjeMBk3CJB", false)),
    Nd: () => new UnicodeRangeTable(decodeRanges("wBJnxBJnEJnGJ9MJ3DJ3DJ3DJ3DJ3DJ3DJ3DJ3DJ3DJhDJ3DJnCJ3IJnCJn6BJnBJtJJhEJnFJHJ3FJ3CJnEJHJnuiBJnVJnBJnGJXJ3CJ3MJ34UJnsBJnkCJHJ9YJhEJ9BJxEJ3IJ3KJ3DJ3LJnDJHTtCJnNJnDJ3UJ3CJ3HJnCJ3BJnLJ3uQJnpCJ3CJnEJ3QJ37XJ12CxBhqCJnNJ3PJ4HJ2aJ30EJ", true)),
    Nl: () => new UnicodeRangeTable(decodeRanges("u3FCBwzCiBBDDB-zDaaBHBPCBs1dJBxyW0BBtOJJnEEBrhIuDBm8SCB", false)),
    No: () => new UnicodeRangeTable(decodeRanges("yFBBGDDBBB2pCFB5LFB5DCBmEGB6GGBSIByNJB2hBTB0jBJBhP20B20BEFBHJBnGPBqB3W3WB6BBvCVB3TdBqrB1kB1kBBCBrEJBfHBCOBhBJBoBOBxrdFBymWsBBiCDBSBB2KaBlBDB1pBHBaGBoBIBsCEBXFBhFBBDPBDtBBhCIB1BBBfCBsCEBpDHBZHBqBGBrKFBhLeB-EJBrBDBxDGBnETB8LTBmqBBBvNIBobSB0aUBn8SGB-YWBqhZTBNTBtDYBvqFIBid6BBCCBCDBtCsBBCOBjeMB", false)),
    P: () => new UnicodeRangeTable(decodeRanges("hBCBCFBCDBLBBEBBbCBCccCkBkBGEELBBEEE-VJJzOFBqBBB0BCCDDDtBBBVBBCBBOCCBBBrCDBnDsBsBBMBqHCB3BOBgBmImIBLLtE5D5D6DnMnMNwLwL7CLLBpFpFBNBCmBmBBCBoCrCrCBDBFBBwDFBsFlTlTBHB4EuTuTtBBBvCCBoCBB+ECBCCBmBKB6JBB5GBBhEGBCFBhFBBLGBdCB9DDB8BEB-BBBhCHBM9Z9ZBWBJTBCMBCLBfBBPBB6TDBeBB+hBNBwCBBgBJB0MVBgCDBhBBB8XDBCBBxDwEwEBtBBCfBDLBkNCBFJBDLBRNNjD7C7CjgdBBuICBkDLL0DFB9LDB3CBBpBCBCyByBBwBwBiDMBRBB9DDB-DBBRBB6HzqUzqUBxGxGBIBXiBBCNBCFFCBB2ECBCFBCDBLBBEBBbCBCccCCCBFB7MCB9UxBxB-MoXoXoGgBgBxIIBnBxDxDBFBjCGB6CDByO-J-JjBlElEBDBtBDB+FGBuDBBCDB-DDBxBBBwCDBFOOCCB5CFBsDrJrJBCCBzDzDBDBLBBCpDpD7HWBqDCBdMBtCjEjEBBB9HpIpIBBB8E9C9CBGB0CCBCEB+CJB4GgDgDBDBrBBBmUBBrCMBwFxjBxjBBDB97CBB8zOBBmEiCiCBDBJpRpRBBBoJDBoK9lT9lTovHEB07C-a-aBAB", false)),
    Pc: () => new UnicodeRangeTable(decodeRanges("-Cg-Hg-HBUU-u3BBBZCBwHAB", false)),
    Pd: () => new UnicodeRangeTable(decodeRanges("tB9qB9qB0BiyDiyDmgBqgCqgCBEBiwDDDgBBBFdd-NUUwDxszBxszBBmBmBLqFqFhzD-J-J", false)),
    Pe: () => new UnicodeRangeTable(decodeRanges("pB0B0BgB+1D+1DC-6B-6BqtC4B4BQ7T7TCff-hBMCxChBhBCGC1MUChCCCiBmhBmhBCECtBGCtNICEGCDBB-ozB6G6GeOCESSCCCrF0B0BgBGD", false)),
    Pf: () => new UnicodeRangeTable(decodeRanges("7F+6H+6HEddpuDCCFDDQEE", false)),
    Pi: () => new UnicodeRangeTable(decodeRanges("rFt7Ht7HDBBDaapuDCCFDDQEE", false)),
    Po: () => new UnicodeRangeTable(decodeRanges("hBCBCCBDECBLLBEEBcclCGGPBBI-V-VJzOzOBEBqB3B3BDDDtBBBVBBCBBOCCBBBrCDBnDsBsBBMBqHCB3BOBgBmImIBLLtE5D5D6DnMnMNwLwL7CLLBpFpFBNBCxDxDrCEBFBBwDFBsFlTlTBHBmY9D9DBBBoCBB+ECBCCBmBFBCDB6JBB5GBBhEGBCFBhFBBLGBdCB9DDB8BEB-BBBhCHBMjajaBJJBGBJIBDDBDCBEKBCCCBIB7kDDBCBBxDwEwEBFFBBBDDDBHBCBBCDDBLLBDBCJBDDBCCCBLBDCBtNCB6B+F+FjgdBBuICBkDLL0DFB9LDB3CBBpBCBCyByBBwBwBiDMBRBB9DDB-DBBRBB6HlxUlxUBFBDXXVBBDDBECBCDBICBHCCB2E2EBBBCCBDECBLLBEEBcclBDDB7M7MBBB9UxBxB-MoXoXoGgBgBxIIBnBxDxDBFBjCGB6CDB0ZlElEBDBtBDB+FGBuDBBCDB-DDBxBBBwCDBFOOCCB5CFBsDrJrJBCCBzDzDBDBLBBCpDpD7HWBqDCBdMBtCjEjEBBB9HpIpIBBB8E9C9CBGB0CCBCEB+CJB4GgDgDBDBrBBBmUBBrCMBwFxjBxjBBDB97CBB8zOBBmEiCiCBDBJpRpRBBBoJDBoK9lT9lTovHEB07C-a-aBAB", false)),
    Ps: () => new UnicodeRangeTable(decodeRanges("oBzBzBgB-1D-1DC-6B-6B-rCEEnB4B4BQ7T7TCff-hBMCxChBhBCGC1MUChCCCiBmhBmhBCECaTTCECtNICEGCDipzBipzB4GeeCMCESSCCCrFzBzBgBEEDAB", false)),
    S: () => new UnicodeRangeTable(decodeRanges("kBHHRCBgBCCcCCkBEBCBBDCCBCBDEEfgBgBrODBNNBGGBCCCBPB2DPPBxDxDsErIrIBBB3DCBDDDBvGvGLUUB4H4HIBBpEqLqLBHHB2H2H-DjEjEBGBlEwGwGqBmGmGiGCBQCCBBBDFBVECmEHBCFBCBBGDBmGBBxXJB0WuLuLlL+E+EBgBBiLJBKIBhiBCCBBBMCBOCBOCBOBBmCOOoBCBOCBUhBB-BBBCDBCBBLCCBBBGFBCECFMMBFFBDBGDBC7B7BBFFB2LBFcBD+HBXKByCtCBXnTBtBwBBDeBLyMBX+BBFfBD1LBDpEBmHFBmLBBvBZBC4CBN1GBbPBFOOBNNWBBHBB8CBB0HBBFJBhBlBBKRRBdBMdBJQQBeBLmBBQ-JBhuG-BBx0V2BB6RWBKBBoDBB+EDBLDB+RCBiHPPB+9T+9TpEgBBuLPBhCBB3BHBtBDBjDCCBBBD7E7EHRRBBBgBCCcCCiEGBCGBOBB6JIB6BQBDCBCMBEwBwBBrBB7zBBBwSmWmWBiKiKBGBnjC2kC2kCBbBr6SDBG3qU3qUk7DvHBLCBEzNBHWBQQBgDzDB9B1HBLmBBD7BBGCBXBBIdBF8BBWhCBE7F7FB1CBrbaagBaagBaagBaagBaa9B-PB4BDBzBHBCNBCBBp2BwNwNttCEE+DiOiOBvIvIBqBBFjDBNOBDOBCOBCkBBYgFB5BcBOrBBFIBIBBPFB7E4eBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBBPIBoB3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBC7CBLAB", false)),
    Sc: () => new UnicodeRangeTable(decodeRanges("kB+D+DBCBqnB8D8DzPBBzPBBI2H2HoImSmS8sClmClmCBgBB37hBkuVkuVtD7E7E8GBBEBB3-HDB-4wBxtCxtC", false)),
    Sk: () => new UnicodeRangeTable(decodeRanges("+CCCoCHHFEEqQDBNNBGGBCCCBPB2DPPBjoBjoB15FCCBBBMCBOCBOCBOBB9kEBBkzdWBKBBoDBBxePPBniUniUBPB8bCCjF4g9B4g9BBDB", false)),
    Sm: () => new UnicodeRangeTable(decodeRanges("rBRRBBB+BCCuBFFmBgBgB-XwQwQBBB8xGOOoBCBOCBsEoBoBBDBHlClCBDBGBBFGDIgBgBBDDCgBgBBqIBhBBB7CffBXBpBFB2OKK3BHBwDxKxKBDBDeBLPBhIiEBX+BBFfBDhIBxBUBDFB9+zB5Z5ZCCBlFRRBBB+BCCkEHHBCBitDBBhrwBx+Bx+BagBgBagBgBagBgBagBgBat5Ft5FB-uC-uCBHB", false)),
    So: () => new UnicodeRangeTable(decodeRanges("mFDDFCCyerIrIBgEgEBvGvGLUUB4H4HkQ2L2LjEFBClElEwGqBqBoMCBQCCBBBDFBVECmEHBCFBCBBGDBmGBBxXJB0WzWzW+EhBBiLJBKIBksBBBCDBCBBLCCBHHBEBCECFMMBPPCBBC7B7BBKKBDBDDBCBBCBBCGBCeBDBBCCCBdBtIHBFTBDGBDwCBCdBanBBHnCBXKByCtCBX2FBCIBC1BBJuDBC3HBtBrBBhC-HBhQvBBWBBHmBBDpEBmHFBmLBBvBZBC4CBN1GBbPBFOOBNNWBBHBBxKBBFJBhBlBBKRRBdBMdBJQQBeBLmBBQ-JBhuG-BBx0V2BBibDBLBBC+R+RBBBqqUPBuLPBhCBB3BHBuBCBlPEEFBBOBB6JIB6BQBDCBCMBEwBwBBrBB7zBBBwSpgBpgBBGBnjC2kC2kCBGBFQBr6SDBG3qU3qUk7DvHBLCBEzNBHWBQPBhDzDB9B1HBLmBBD7BBGCBXBBIdBF8BBWhCBE7F7FB1CBqlB-PB4BDBzBHBCNBCBBp2B96C96CiEyWyWBqBBFjDBNOBDOBCOBCkBBYgFB5BcBOrBBFIBIBBPFB7E6HBG4WBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBB-B3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBC7CBLAB", false)),
    Z: () => new UnicodeRangeTable(decodeRanges("gBgEgEgvFgsCgsCBJBeBBGwBwBh9DAB", false)),
    Zl: () => new UnicodeRangeTable(decodeRanges("ohIA", true)),
    Zp: () => new UnicodeRangeTable(decodeRanges("phIA", true)),
    Zs: () => new UnicodeRangeTable(decodeRanges("gBgEgEgvFgsCgsCBJBlBwBwBh9DAB", false)),
    ASCII_Hex_Digit: () => new UnicodeRangeTable(decodeRanges("wBJIFbF", true)),
    Alphabetic: () => new UnicodeRangeTable(decodeRanges("hCZBHZBwBLLFGGBVBCeBCpOBFLBPEBICC3CeeBQBCBBDDBCHHCCBCCCBSBCyCBCqEBJlFBClBBDHHBnBBoBNBCCCBCCBCCJaBFDBeKBG3BBCGBPlDBCHBFHBFCBLCBDRRBuBBOkDBZgBBKBBFGGBWBDSBUYBIKBGXBCGBIJJBoBBLLBEGBHrCBCPBCCBFOBOSBCHBDBBDVBCGBCEEBCBEHBDBBDBBCJJFBBCEBNBBLFFBBBCFBFBBDVBCGBCBBCBBCBBFEBFBBDBBFIIBCBCSSBEBMCBCIBCCBCVBCGBCBBCEBEIBCCBCBBEQQBCBWDBFCBCHBDBBDVBCGBCBBCEBEHBDBBDBBKBBFBBCEBORRBCCBEBECBCDBEBBCCCBEEBEEBBBELBFEBECBCCBEHHpBMBCCBCWBCPBEHBCCBCCBJBBCCBCBBDDBdDBCHBCCBCWBCJBCEBEHBCCBCCBJBBGCBCDBOCBNMBCCBCoBBDHBCCBCCBCGGBCBIEBXFBCCBCRBEXBCIBCDDBFBJFBCCCBGBTBBO5BBGGBH0B0BBECBDBCXBCCCBRBCCBDEBCHHPDBhBgCgCBGBCjBBFSBFPBCjBBkC2BBCDDBDBR-BBLDBDlBBCGGDqBBCsKBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBmBPBR1CBDFBErTBDQBCZBGqCBEKBITBMUBNTBNMBCCBCBBNzBBDSBPFFkC4CBIqBBGlCBLeBCLBFIBYdBDEBMrBBFZB3BbBF+BBDTBzBYYBMMBBByBzBBCOBCHB0BpBBDDBLrBBCKBP2BBXCBLjBBDKBGqBBDCBqBDBCFBCBBEGGB+FBUhBBM1IBDFBDlBBDFBDHBCGCBdBD0BBCGBCEEBBBCGBEDBDFBFMBGCBCGB1DOORMBmDFFDJBCEEBDBHGCBCBCKBDDBGEBFSSBnBBuZzBB34BkHBHDBEBBNlBBCGGD3BBIRRBVBKGBCGBCGBCGBCGBCGBCGBCGBCfBwB2O2OBBBaIBIEBDEBF1CBHCBC5CBCDBGqBBC9CBSfBxBPBhQ-tGBhCs0VBkCtBBDsIBEPBLBBVuBBGHBEwDBoBIBDmDBDxCBVUBCgBBZzBBNjCBCtBtBBEBECCBBBLgBBGiBBOcBEyBBCLBQRRBOBLEBC2BBKNBTWBEkCBCCCZCBDPBDDBMFBDFBDFBKGBCGBCqBBCNBH6DBWj9KBNWBFwBBloItLBDpDBnBGBNEBGLBCMBCEBCCCBCCBCCBqDBiBqLBT-BBD1BBpBLB1DEBCmEBlBZBHZBM4CBEFBDFBDFBDCBkBLBCZBCSBCBBCOBDNBjB6DBmC0BBsIcBEwBBwBfBOdBGqBBGdBDjBBFHBCEBrB9EBTjBBFjBBFnBBJzBBNKBCOBCGBCBBCKBCOBCGBCBBEzBBN2JBKVBLHBZFBCpBBCIBmCFBDCCBqBBCBBEDDBVBLWBKeBiCSBCBBLVBLZBHZBnB3BBHBBhCDBCBBGHBCCBCcBrBcBEcBkBHBCbBc1BBLVBLSBORBvDoCB4ByBBOyBBOnBBjBbBEGGBVB7HpBBCBBEBBRFBzBCBEcBLJJBUBrBRBvBUBcWBKlCBsBEBL4BBKOOBXBYyBBSDBJiBBEKKB+BBCDBKBBLCCkBRBChBBDHHBCB-BGBCCCBCBCOBCJBI4BBYDBCHBDBBDVBCGBCBBCEBEHBDBBDBBEHHGGBdJBCDDClBBCJBCDDCDBCBBECCtBhCBCCBCDBVCBfhCBDBBC5F5FB0BBDGBaFBjB+BBCEE8B1BBDoCoCBZBDNBWGB6F4BBoD-BBgBHBDDDBGBCBBCdBCBBDBBDDB+CHBDtBBDFBCCCBccBxBBDJBSnCBGTTBnCBoDHB5CgBBgBIBCsBBCGBCyByBBcBDVBCNBqCGBCBBCrBBECCBCCBBBCDDBZZBEBCBBCkBBCBBCDBCYYBqBBlIWBKQBCoBBECBwDwCwCB4cBnDuDBSjGBtyCgDBQvhBBSFBa68DBGmSB61GuBBy2B4RBIeBSuCBSdBTvBBRDBgBUBGSBxNsBB0G-BBhBYBDYBtBqCBF4BBIQBhCBBCNNBFBK1mHBqBfBiDyDB+vIDBCGBCBBCiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBFi7Fi7FBzCBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDYBCYBCeBCYBCeBCYBCeBCYBCeBCYBCHB15BeBHFB2GGBCQBDGBCBBCEBG9BBiBxDxDBrBBLGBRiKiKBcBTrBBlPbBlHdBDwGwGBdBCVBJBBhHGBCDBCBBCOBCkGB8BjCBEEE1lBDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1TZBHZBHZB3zD-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
    Dash: () => new UnicodeRangeTable(decodeRanges("tB9qB9qB0BiyDiyDmgBqgCqgCBEB+BoBoBQnMnMlgDDDgBBBFdd-NUUwDxszBxszBBmBmBLqFqFhzD-J-J", false)),
    Emoji: () => new UnicodeRangeTable(decodeRanges("jBHHGJBwDFFu8HNN5GXX7CFBQBBwLBBNnFnFaKBFCBoGoHoHBLLK7B7BBCBCEBKGDBDDFDDCBBDIEBJJBBBGCCGLBMBBDCCBCCTDDBTTBEBCCCBEEBGGDBBFBBMBBGBBDGGBECBVVBGGBEBCDBDFFDDDBEBCDDCCCHEEHLLBQQDFFCFFBBBCMMBxBxBBBBKeP1LBBwOCBUBB0BFF7mBNN6SCCrrvDrGrGhFBBNBBPDDBIBsCZBCBBYVVDIBWBBvFhBBDvDBDBBCCBDyCBDCBCmIBC+BBMFBCXBIBBDHBNDDBCBDFFBOOBDDJBBKGGBBBNCBJCBDCCFHHEHHB0CBxBlCBGHBDDBEJBECCBEEDJBkHLBF8I8IBtBBCJBC4FBxDMBEKBE4BBCFFBOBDLBFJB", false)),
    Emoji_Component: () => new UnicodeRangeTable(decodeRanges("jBHHGJB0+H2G2Gsp3B3+8B3+8BBYB8PEBxtBDBtzhY-CB", false)),
    Emoji_Modifier: () => new UnicodeRangeTable(decodeRanges("7-8DE", true)),
    Emoji_Modifier_Base: () => new UnicodeRangeTable(decodeRanges("9wJ8G8GRDB4jzD9B9BBBBDDDBBB2DBBDKBWSBEFFBBBCCBICCZqGqGBFFWFFBvFvFBBBEEB0CRRBBBKMMgSDDJHBHKKBIBDCB5B+B+BBCCBCCSCBCMBmHCBrBIB", false)),
    Emoji_Presentation: () => new UnicodeRangeTable(decodeRanges("64IBBuGDBEDDqQBBWBBzBLBsBUUOJJBSSBGGBJJGWWIBBCFFDIIFBBdkBkBCFFBBBC+B+BBBBZPP8aBB0BFFvlxDrGrG-FDDBIBsCZBCZZVDDBDBCCBWBBvFgBBNIBClCBCVBNqBBFEBNQBEEEBlCBCCCB5FBD+BBODBCXBTbbBOO3C0CBxBlCBHEEBBBDDBEDBMBBIIBkHLBF8I8IBtBBCJBC4FBxDMBEKBE4BBCFFBOBDLBFJB", false)),
    Extended_Pictographic: () => new UnicodeRangeTable(decodeRanges("pFFFu8HNN5GXX7CFBQBBwLBBNnFnFaKBFCBoGoHoHBLLK7B7BBCBCEBKGDBDDFDDCBBDIEBJJBBBGCCGLBMBBDCCBCCTDDBTTBEBCCCBEEBGGDBBFBBMBBGBBDGGBECBVVBGGBEBCDBDFFDDDBEBCDDCCCHEEHLLBQQDFFCFFBBBCMMBxBxBBBBKeP1LBBwOCBUBB0BFF7mBNN6SCCrrvDoBoBBCBlDLBQBBQPPBmBmBBIBxDBBNBBPDDBIBU3BBcOBLVVDIBCDBKWBH7FBDvDBDBBCCBDyCBDCBCDBG9HBC+BBMFBCXBIBBDHBNDDBCBDFFBOOBDDJBBKGGBBBNCBJCBDCCFHHEHHB0CBxBlCBGHBDQBECCBEBDMB7GlBBNDB5BHBLFBpBHBfBBNDBDNBKmBBNuBBCJBC4FB5CHBPxEBhI9fB", false)),
    Hex_Digit: () => new UnicodeRangeTable(decodeRanges("wBJIFbFq1-BJIFbF", true)),
    Lowercase: () => new UnicodeRangeTable(decodeRanges("hDZBwBLLFlBlBBWBCHBC2BCBQCBuBCDECBBBDCCDEEBFFDEEBBBDDDCCCDCCBCCDEECDDBDDBBBHGDCOCBSCBDDCEEC4BCBFBDDDBCCFICBjCBDiBBIBBfEBhDsBsBCEEDDBTccBhBBCBBECBCWCBDBCGDB0B0BBuBBCgBCK0BCDMCBgDCxBoBBo6CqBBCDB5XFBjkCIBC2D2DB+FBiC0ECBHBCgDCBHBJFBLHBJHBJFBLHBJHBJNBDHBJHBJHBJEBCBBHEEBBBCBBJDBDBBJHBLCBCBB6DOORMBuDEEBEEcKFDBBJDBFiBiBBOBFsasaBYBn6BvBBCEEBGCFCCBCCBGBEiDCBIICFFNlBBCGG0oesBCUaCBBBmEMCBBBC8BCBIBCCCDICFCCDCCBBBCSCGGGCMCFCCDOCWDBCCCBBB2ZqBBCNBHvCBh6TGBNEBqhBZBumBnBBpEjBB8EKBCOBCGBCBBkODDBBBCpBBCIBmoByBB+DVB75CfBhsVfB8BYBnqZZBbGBCRBbZBbDBCCCBFBCKBbZBbZBbZBbZBbZBbZBbZBbZBbbBdYBCFBbYBCFBbYBCFBbYBCFBbYBCFBC15B15BBIBCTBHFBmI9BB1lChBB", false)),
    Math: () => new UnicodeRangeTable(decodeRanges("rBRRBBBgBeeCuBuBFmBmBgB5W5WBBBDbbBDDBBBwQCBuwGccBBBMEEOPPBCBWEBMEBiCMBFEEBFFBDBTFFDJBCDDBEBHEEBDDBCCBBBCFBENBClClCBWBCFBCBBFBBFfBCHHBPPBqIBJDBVBB7CffBZBCZZMGB+NBBNJBFFBFBBDBBEEBPCCDFBMHBGBB6BCCeDBKCBxK-BBhI-PBxBUBDFB9+zB4Z4ZBEBCjFjFRCBeCCeCCkEHHBCBitDBBhrwBwoBwoBBzCBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDjJBDxBBhwFDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1BBB-uCIB", false)),
    Quotation_Mark: () => new UnicodeRangeTable(decodeRanges("iBFFkEQQ96HHBaBBowDqOqOBCBOCBixzBDB+FFF7CBB", false)),
    Terminal_Punctuation: () => new UnicodeRangeTable(decodeRanges("hBLLCMMBEE-ZJJiQ6B6BpCPPCCB1FsBsBBJBCsHsHB3B3BBEBCHBgBmImIB1nB1nBBtFtFFFB4JBB2YHBmY9D9DBBBoCBB+ECBEoBoBBCBDBB7JBBjLDBjFBBLBBCCBeCB8FEB-BBBldYYBKKBBBwlDCBzJOOFLLCBBEBBtNBB8ndBBuICBkHEB-LBB3CBBgD4E4EBBB0ECBgERRB6H6HnxUDDB6B6BBBBCDBqFLLCMMBEEiCDD7hBxBxBnkBoGoG3JBB5EFBlCFB6CDB5dEBtBDB+FGBxDDBgECBiEBBHRRB5C5CBDBtDrJrJB2D2DBBBNBBnLDBEOBqDBB6HCBmQCC8HBB4CBBFBB-MCBuBmUmUBrCrCBspBspBBDB6vRBBmEiCiCBBBLqRqRBoJoJBnwTnwTovHDB", false)),
    Uppercase: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiB2BCDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIJDCMCDQCDDDCCBC4BCIBBCBBDCCBCBCGCiJCCEJJHCCBBBCCCBCCBPBCIBkBDDBBBEWCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBpCDBNDBNDBNEBMDBnIFFECBDCBDEEBDBHGCBCBDDBLBBGbbBOBUzZzZBYBx5BvBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoqZZBbZBbZBbCCBGDBDDBCBCHBbZBbBBCDBDHBCGBcBBCDBCEBCEEBFBcZBbZBbZBbZBbZBbZBfYBiBYBiBYBiBYBiBYBiB2pE2pEBgBBvgCZBHZBHZB", false)),
    White_Space: () => new UnicodeRangeTable(decodeRanges("JEBTlDlDbgvFgvFgsCKBeBBGwBwBh9DAB", false))
  });
  static SCRIPTS = new LazyMap({
    Adlam: () => new UnicodeRangeTable(decodeRanges("go6DrCFJFB", true)),
    Ahom: () => new UnicodeRangeTable(decodeRanges("g4lCaDOFW", true)),
    Anatolian_Hieroglyphs: () => new UnicodeRangeTable(decodeRanges("ggxCmS", true)),
    Arabic: () => new UnicodeRangeTable(decodeRanges("gwBEBCFBCNBCCBCfBCJBMZBCrDBChBBxCvBBxHhBBGqCBCcBxy8BtPBDvEBhBPBxDEBCmEBk7DeBkCFBJIBiBFBh43BDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1BBB", false)),
    Armenian: () => new UnicodeRangeTable(decodeRanges("xpBlBDxBDCks9BE", true)),
    Avestan: () => new UnicodeRangeTable(decodeRanges("g4iC1BEG", true)),
    Balinese: () => new UnicodeRangeTable(decodeRanges("g4GsCCxB", true)),
    Bamum: () => new UnicodeRangeTable(decodeRanges("g1pB3CpowB4R", true)),
    Bassa_Vah: () => new UnicodeRangeTable(decodeRanges("w26CdDF", true)),
    Batak: () => new UnicodeRangeTable(decodeRanges("g+GzBJD", true)),
    Bengali: () => new UnicodeRangeTable(decodeRanges("gsCDBCHBDBBDVBCGBCEEBCBDIBDBBDDBJFFBCCBDBDYB", false)),
    Beria_Erfe: () => new UnicodeRangeTable(decodeRanges("g17CYDY", true)),
    Bhaiksuki: () => new UnicodeRangeTable(decodeRanges("ggnCICsBCNLc", true)),
    Bopomofo: () => new UnicodeRangeTable(decodeRanges("qXB6wLqBxDf", true)),
    Brahmi: () => new UnicodeRangeTable(decodeRanges("ggkCtCFjBKA", true)),
    Braille: () => new UnicodeRangeTable(decodeRanges("ggK-H", true)),
    Buginese: () => new UnicodeRangeTable(decodeRanges("gwGbDB", true)),
    Buhid: () => new UnicodeRangeTable(decodeRanges("g6FT", true)),
    Canadian_Aboriginal: () => new UnicodeRangeTable(decodeRanges("ggF-TxRlC7tgCP", true)),
    Carian: () => new UnicodeRangeTable(decodeRanges("g1gCwB", true)),
    Caucasian_Albanian: () => new UnicodeRangeTable(decodeRanges("wphCzBMA", true)),
    Chakma: () => new UnicodeRangeTable(decodeRanges("gokC0BCR", true)),
    Cham: () => new UnicodeRangeTable(decodeRanges("gwqB2BKNDJDD", true)),
    Cherokee: () => new UnicodeRangeTable(decodeRanges("g9E1CDFz7lBvC", true)),
    Chorasmian: () => new UnicodeRangeTable(decodeRanges("w9jCb", true)),
    Common: () => new UnicodeRangeTable(decodeRanges("AgCBbFBbuBBCOBCEBYgBgBiOmBBGEBDTB1DKKHCC+THHPEEhB9E9ElQiEiEB6mB6mB2MDBjJwvBwvBBBBoCBBsGBBCumBumBOIIBCBCFBCCBDmYmYBKBD2CBCKBEKBCOBShBB-BlBBCCBDFBCaBCQBqBCBF5UBXKBW-cBhIzTBDpEBhQ9CBzMUBCCCBXBQHBFDB8CBBE7C7CB0E0EBOBhBlBBKxBxBB+BBgBwCBwB5C5CBmFBhuG-BBhoWhBBnDCBmFJB1HhFhFsMPPBzuUzuUBxGxGBIBXiBBCSBCDB0ECCBeBbFBbKBLuBuBBhChCBFBCGBLEBjICBFsBBEIBxCMB0BsBBlHaBltuBDB96D8HBEzNBHWBQQBgDzDB9B1HBLmBBD9BBEQBJBBIdBF8BB2GTBNTBN2CBKYBoE0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDjJBDxBByjFjCBtC8BBjWrBBFjDBNOBDOBCOBCkBBLtFB5BZBCBBOrBBFIBIBBPFB7E4eBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBBPIBoB3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBCmDBnghYffB+CB", false)),
    Coptic: () => new UnicodeRangeTable(decodeRanges("ifNxkKzDGG", true)),
    Cuneiform: () => new UnicodeRangeTable(decodeRanges("ggoC5cnDuDCEMjG", true)),
    Cypriot: () => new UnicodeRangeTable(decodeRanges("ggiCFBDCCBqBBCBBEDD", false)),
    Cypro_Minoan: () => new UnicodeRangeTable(decodeRanges("w8rCiD", true)),
    Cyrillic: () => new UnicodeRangeTable(decodeRanges("ggBkEBDoFBx6FKBhFtCtCojEfBhie-CBv8VBBhw4B9BBiBAB", false)),
    Deseret: () => new UnicodeRangeTable(decodeRanges("gghCvC", true)),
    Devanagari: () => new UnicodeRangeTable(decodeRanges("goCwCFODZh7nBfhwcJ", true)),
    Dives_Akuru: () => new UnicodeRangeTable(decodeRanges("gomCGBDDDBGBCBBCdBCBBDLBKJB", false)),
    Dogra: () => new UnicodeRangeTable(decodeRanges("ggmC7B", true)),
    Duployan: () => new UnicodeRangeTable(decodeRanges("ggvDqDGMEIIJDD", true)),
    Egyptian_Hieroglyphs: () => new UnicodeRangeTable(decodeRanges("ggsC1iBL68D", true)),
    Elbasan: () => new UnicodeRangeTable(decodeRanges("gohCnB", true)),
    Elymaic: () => new UnicodeRangeTable(decodeRanges("g-jCW", true)),
    Ethiopic: () => new UnicodeRangeTable(decodeRanges("gwEoCBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBDfBEZBnvGWBKGBCGBCGBCGBCGBCGBCGBCGBjpfFBDFBDFBKGBCGBylvCGBCDBCBBCOB", false)),
    Garay: () => new UnicodeRangeTable(decodeRanges("gqjClBEcJB", true)),
    Georgian: () => new UnicodeRangeTable(decodeRanges("glElBBCGGDqBBCDBx8CqBBDCBhiElBBCGG", false)),
    Glagolitic: () => new UnicodeRangeTable(decodeRanges("ggL-Ch9sDGCQDGCBCE", true)),
    Gothic: () => new UnicodeRangeTable(decodeRanges("w5gCa", true)),
    Grantha: () => new UnicodeRangeTable(decodeRanges("g4kCDBCHBDBBDVBCGBCBBCEBDIBDBBDCBDHHGGBDGBEEB", false)),
    Greek: () => new UnicodeRangeTable(decodeRanges("wbDBCCBDDBCFFCCCBBBCCCBSBC+BBPPBnpGEBzBEBFEB1ChKhKBUBDFBDlBBDFBDHBCGCBdBD0BBCOBCNBDFBCSBDCBCIBoJ-xiB-xiB7uVuCBSgj0Bgj0BBkCB", false)),
    Gujarati: () => new UnicodeRangeTable(decodeRanges("h0CCBCIBCCBCVBCGBCBBCEBDJBCCBCCBDQQBCBDLBIGB", false)),
    Gunjala_Gondi: () => new UnicodeRangeTable(decodeRanges("grnCFCBCkBCBCFIJ", true)),
    Gurmukhi: () => new UnicodeRangeTable(decodeRanges("hwCCBCFBFBBDVBCGBCBBCBBCBBDCCBDBFBBDCBEIIBCBCIIBPB", false)),
    Gurung_Khema: () => new UnicodeRangeTable(decodeRanges("go4C5B", true)),
    Han: () => new UnicodeRangeTable(decodeRanges("g0LZBC4CBN1GBwBCCaIBPDBle-tGBhC-vUBhoWtLBDpDBpodBBNGBqgkB-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
    Hangul: () => new UnicodeRangeTable(decodeRanges("goE-HvxHBiI9CyDeiCei3dckUj9KNWFwBl9JeEFDFDFDC", true)),
    Hanifi_Rohingya: () => new UnicodeRangeTable(decodeRanges("gojCnBJJ", true)),
    Hanunoo: () => new UnicodeRangeTable(decodeRanges("g5FU", true)),
    Hatran: () => new UnicodeRangeTable(decodeRanges("gniCSCBGE", true)),
    Hebrew: () => new UnicodeRangeTable(decodeRanges("xsB2BBJaBFFBpp9BZBCEBCCCBCCBCCBIB", false)),
    Hiragana: () => new UnicodeRangeTable(decodeRanges("hiM1CBHCBi7-C+IBTeeBBBulQAB", false)),
    Imperial_Aramaic: () => new UnicodeRangeTable(decodeRanges("giiCVCI", true)),
    Inherited: () => new UnicodeRangeTable(decodeRanges("gYvDB2IBBlOKBbhXhXBCB8qEtBBDLBlPCBCMBCGBFHHEBBnG-BBtQBBjGgBB65DDBsDBBmrzBPBRNBwejHjH7iEl+uBl+uBBsBBDWBhRCBSHBDGBfDBz6rYvHB", false)),
    Inscriptional_Pahlavi: () => new UnicodeRangeTable(decodeRanges("g7iCSGH", true)),
    Inscriptional_Parthian: () => new UnicodeRangeTable(decodeRanges("g6iCVDH", true)),
    Javanese: () => new UnicodeRangeTable(decodeRanges("gsqBtCDJFB", true)),
    Kaithi: () => new UnicodeRangeTable(decodeRanges("gkkCiCLA", true)),
    Kannada: () => new UnicodeRangeTable(decodeRanges("gkDMCCCWCJCEDICCCDIBGCCDDJCC", true)),
    Katakana: () => new UnicodeRangeTable(decodeRanges("hlM5CBDCBxHPBxGuBBC3CBvgzBJBCsBBzisBDBCGBCBBCgJgJBBBzBPPBCB", false)),
    Kawi: () => new UnicodeRangeTable(decodeRanges("g4nCQCoBEc", true)),
    Kayah_Li: () => new UnicodeRangeTable(decodeRanges("goqBtBCA", true)),
    Kharoshthi: () => new UnicodeRangeTable(decodeRanges("gwiCDCBGHCCCcDCFJII", true)),
    Khitan_Small_Script: () => new UnicodeRangeTable(decodeRanges("k-7C84G84GB0OBqBAB", false)),
    Khmer: () => new UnicodeRangeTable(decodeRanges("g8F9CDJHJnPf", true)),
    Khojki: () => new UnicodeRangeTable(decodeRanges("gwkCRCuB", true)),
    Khudawadi: () => new UnicodeRangeTable(decodeRanges("w1kC6BGJ", true)),
    Kirat_Rai: () => new UnicodeRangeTable(decodeRanges("gq7C5B", true)),
    Lao: () => new UnicodeRangeTable(decodeRanges("h0DBBCCCBDBCXBCCCBVBDEBCCCBFBCJBDDB", false)),
    Latin: () => new UnicodeRangeTable(decodeRanges("hCZBHZBwBQQGWBCeBCgOBoBEB8wGlBBHwBBGDBGMBClCBiC-HByLOORMBuEBBHccSoBB42CfBj1elDBExCBVOBxZqBBCIBCDB38TGB7gBZBHZBmhCFBCpBBCIBm61BeBHFB", false)),
    Lepcha: () => new UnicodeRangeTable(decodeRanges("ggH3BEOEC", true)),
    Limbu: () => new UnicodeRangeTable(decodeRanges("goGeBCLBFLBFEEBKB", false)),
    Linear_A: () => new UnicodeRangeTable(decodeRanges("gwhC2JKVLH", true)),
    Linear_B: () => new UnicodeRangeTable(decodeRanges("gggCLCZCSCBCODNjB6D", true)),
    Lisu: () => new UnicodeRangeTable(decodeRanges("wmpBvBx1eA", true)),
    Lycian: () => new UnicodeRangeTable(decodeRanges("g0gCc", true)),
    Lydian: () => new UnicodeRangeTable(decodeRanges("gpiCZGA", true)),
    Mahajani: () => new UnicodeRangeTable(decodeRanges("wqkCmB", true)),
    Makasar: () => new UnicodeRangeTable(decodeRanges("g3nCY", true)),
    Malayalam: () => new UnicodeRangeTable(decodeRanges("goDMCCCyBCCCFFPDZ", true)),
    Mandaic: () => new UnicodeRangeTable(decodeRanges("giCbDA", true)),
    Manichaean: () => new UnicodeRangeTable(decodeRanges("g2iCmBFL", true)),
    Marchen: () => new UnicodeRangeTable(decodeRanges("wjnCfDVCN", true)),
    Masaram_Gondi: () => new UnicodeRangeTable(decodeRanges("gonCGBCBBCrBBECCBCCBHBJJB", false)),
    Medefaidrin: () => new UnicodeRangeTable(decodeRanges("gy7C6C", true)),
    Meetei_Mayek: () => new UnicodeRangeTable(decodeRanges("g3qBWqGtBDJ", true)),
    Mende_Kikakui: () => new UnicodeRangeTable(decodeRanges("gg6DkGDP", true)),
    Meroitic_Cursive: () => new UnicodeRangeTable(decodeRanges("gtiCXFTDtB", true)),
    Meroitic_Hieroglyphs: () => new UnicodeRangeTable(decodeRanges("gsiCf", true)),
    Miao: () => new UnicodeRangeTable(decodeRanges("g47CqCF4BIQ", true)),
    Modi: () => new UnicodeRangeTable(decodeRanges("gwlCkCMJ", true)),
    Mongolian: () => new UnicodeRangeTable(decodeRanges("ggGBBDCCBSBH4CBIqBB2t-BMB", false)),
    Mro: () => new UnicodeRangeTable(decodeRanges("gy6CeCJFB", true)),
    Multani: () => new UnicodeRangeTable(decodeRanges("g0kCGBCCCBCBCOBCKB", false)),
    Myanmar: () => new UnicodeRangeTable(decodeRanges("ggE-EhqmBeiDfxibT", true)),
    Nabataean: () => new UnicodeRangeTable(decodeRanges("gkiCeJI", true)),
    Nag_Mundari: () => new UnicodeRangeTable(decodeRanges("wm5DpB", true)),
    Nandinagari: () => new UnicodeRangeTable(decodeRanges("gtmCHDtBDK", true)),
    New_Tai_Lue: () => new UnicodeRangeTable(decodeRanges("gsGrBFZHKEB", true)),
    Newa: () => new UnicodeRangeTable(decodeRanges("gglC7CCE", true)),
    Nko: () => new UnicodeRangeTable(decodeRanges("g+B6BDC", true)),
    Nushu: () => new UnicodeRangeTable(decodeRanges("h-7CvsQvsQBqMB", false)),
    Nyiakeng_Puachue_Hmong: () => new UnicodeRangeTable(decodeRanges("go4DsBENDJFB", true)),
    Ogham: () => new UnicodeRangeTable(decodeRanges("g0Fc", true)),
    Ol_Chiki: () => new UnicodeRangeTable(decodeRanges("wiHvB", true)),
    Ol_Onal: () => new UnicodeRangeTable(decodeRanges("wu5DqBFA", true)),
    Old_Hungarian: () => new UnicodeRangeTable(decodeRanges("gkjCyBOyBIF", true)),
    Old_Italic: () => new UnicodeRangeTable(decodeRanges("g4gCjBKC", true)),
    Old_North_Arabian: () => new UnicodeRangeTable(decodeRanges("g0iCf", true)),
    Old_Permic: () => new UnicodeRangeTable(decodeRanges("w6gCqB", true)),
    Old_Persian: () => new UnicodeRangeTable(decodeRanges("g9gCjBFN", true)),
    Old_Sogdian: () => new UnicodeRangeTable(decodeRanges("g4jCnB", true)),
    Old_South_Arabian: () => new UnicodeRangeTable(decodeRanges("gziCf", true)),
    Old_Turkic: () => new UnicodeRangeTable(decodeRanges("ggjCoC", true)),
    Old_Uyghur: () => new UnicodeRangeTable(decodeRanges("w7jCZ", true)),
    Oriya: () => new UnicodeRangeTable(decodeRanges("h4CCCHDBDVCGCBCEDIDBDCICFBCEDR", true)),
    Osage: () => new UnicodeRangeTable(decodeRanges("wlhCjBFjB", true)),
    Osmanya: () => new UnicodeRangeTable(decodeRanges("gkhCdDJ", true)),
    Pahawh_Hmong: () => new UnicodeRangeTable(decodeRanges("g46ClCLJCGCUGS", true)),
    Palmyrene: () => new UnicodeRangeTable(decodeRanges("gjiCf", true)),
    Pau_Cin_Hau: () => new UnicodeRangeTable(decodeRanges("g2mC4B", true)),
    Phags_Pa: () => new UnicodeRangeTable(decodeRanges("giqB3B", true)),
    Phoenician: () => new UnicodeRangeTable(decodeRanges("goiCbEA", true)),
    Psalter_Pahlavi: () => new UnicodeRangeTable(decodeRanges("g8iCRIDNG", true)),
    Rejang: () => new UnicodeRangeTable(decodeRanges("wpqBjBMA", true)),
    Runic: () => new UnicodeRangeTable(decodeRanges("g1FqCEK", true)),
    Samaritan: () => new UnicodeRangeTable(decodeRanges("ggCtBDO", true)),
    Saurashtra: () => new UnicodeRangeTable(decodeRanges("gkqBlCJL", true)),
    Sharada: () => new UnicodeRangeTable(decodeRanges("gskC-ChsCH", true)),
    Shavian: () => new UnicodeRangeTable(decodeRanges("wihCvB", true)),
    Siddham: () => new UnicodeRangeTable(decodeRanges("gslC1BDlB", true)),
    Sidetic: () => new UnicodeRangeTable(decodeRanges("gqiCZ", true)),
    SignWriting: () => new UnicodeRangeTable(decodeRanges("gg2DrUQECO", true)),
    Sinhala: () => new UnicodeRangeTable(decodeRanges("hsDCBCRBEXBCIBCDDBFBEFFBEBCCCBGBHJBDCBt-gCTB", false)),
    Sogdian: () => new UnicodeRangeTable(decodeRanges("w5jCpB", true)),
    Sora_Sompeng: () => new UnicodeRangeTable(decodeRanges("wmkCYIJ", true)),
    Soyombo: () => new UnicodeRangeTable(decodeRanges("wymCyC", true)),
    Sundanese: () => new UnicodeRangeTable(decodeRanges("g8G-BhIH", true)),
    Sunuwar: () => new UnicodeRangeTable(decodeRanges("g+mChBPJ", true)),
    Syloti_Nagri: () => new UnicodeRangeTable(decodeRanges("ggqBsB", true)),
    Syriac: () => new UnicodeRangeTable(decodeRanges("g4BNC7BDCxIK", true)),
    Tagalog: () => new UnicodeRangeTable(decodeRanges("g4FVKA", true)),
    Tagbanwa: () => new UnicodeRangeTable(decodeRanges("g7FMCCCB", true)),
    Tai_Le: () => new UnicodeRangeTable(decodeRanges("wqGdDE", true)),
    Tai_Tham: () => new UnicodeRangeTable(decodeRanges("gxG+BCcDKHJHN", true)),
    Tai_Viet: () => new UnicodeRangeTable(decodeRanges("g0qBiCZE", true)),
    Tai_Yo: () => new UnicodeRangeTable(decodeRanges("g25DeCVJB", true)),
    Takri: () => new UnicodeRangeTable(decodeRanges("g0lC5BHJ", true)),
    Tamil: () => new UnicodeRangeTable(decodeRanges("i8CBBCFBECBCDBEBBCCCBEEBEEBBBELBFEBECBCDBDHHPUBm+kCxBBOAB", false)),
    Tangsa: () => new UnicodeRangeTable(decodeRanges("wz6CuCCJ", true)),
    Tangut: () => new UnicodeRangeTable(decodeRanges("g-7CgBgBB+3GBhQeBiDyDB", false)),
    Telugu: () => new UnicodeRangeTable(decodeRanges("ggDMCCCWCPDICCCDIBCCCBDDDJII", true)),
    Thaana: () => new UnicodeRangeTable(decodeRanges("g8BxB", true)),
    Thai: () => new UnicodeRangeTable(decodeRanges("hwD5BGb", true)),
    Tibetan: () => new UnicodeRangeTable(decodeRanges("g4DnCCjBFmBCjBCOCGFB", true)),
    Tifinagh: () => new UnicodeRangeTable(decodeRanges("wpL3BIBPA", true)),
    Tirhuta: () => new UnicodeRangeTable(decodeRanges("gklCnCJJ", true)),
    Todhri: () => new UnicodeRangeTable(decodeRanges("guhCzB", true)),
    Tolong_Siki: () => new UnicodeRangeTable(decodeRanges("wtnCrBFJ", true)),
    Toto: () => new UnicodeRangeTable(decodeRanges("w04De", true)),
    Tulu_Tigalari: () => new UnicodeRangeTable(decodeRanges("g8kCJBCDDClBBCJBCDDCDBCJBCBBJBB", false)),
    Ugaritic: () => new UnicodeRangeTable(decodeRanges("g8gCdCA", true)),
    Unknown: () => new UnicodeRangeTable(decodeRanges("4bBBHDBICCVuMuMnBBBzBBBE4B4BBGBcDBHKBvI9B9BBmDmDBMB8BBByBBBQddBCCMEBjBEBuHJJBDDBXXICCBBBFBBKBBDBBFHBCDBDGGBaaBEEHDBDBBXIIDGDBCCGDBDBBECBCGBFCCBFBSJBEKKEXXIDDGBBLIEBCCBNBFBBNGBIEEJBBDBBXIIDGGBKKBDDBEEBFBEDBDGGBTTBIBDHHBBBEFFBBBDCCDCBDCBECBNDBGCBEFFBCCBEBCNBWEBOEEYRRBKKEFFBFBDEEDBBFBBLGBXEEYLLGBBKEEFGBDEBEFFBLLELBOEE0BEEHDBRBBbEETCBZKKCBBICBCDBHCCJFBLBBELB7BDBekBBDCCGZZCYYBGGCIILBBFfBpClBlBBCBoBlBlBQOOBjBBnGCCBDBCBB6LFFBIICFFBqBqBFBBiBFFBIICFFBQQ6BFFBkCkCBhBhBBBBbFB3CBBHBB+UCB6CGBXIBZIBVLBOEEDLB-CBBLFBLFBbFB6CGBsBEBnCJBgBNNBCBNDBCCBrBBBGKBtBDBbFBMCB-BBBiCeeBMMBEBLFBPBBvBBBNTBuCnFnFBGB9BCBQCB-BEBsBBBMHBsBEB3QBBHBBnBBBHBBJGCgBBB2BQQPBBHUUBEEKmDmDNBBcOOBBBjBNBiBOBtEDB7UVBMUB14BBB-LEBuBCCBDBCBB5BGBDNBZIBI4BI-DhBBb6C6CBKB3GZBxC3C3CBoDoDBDBsB-C-C3CIBxBuzcuzcBBB4BIB9KTB5FHB+GTB9BCBLFB5BHBnCHBNFB1DKBfCBvCMMBCBiB4B4BBHBPBBLBBoDXBdJBHBBHBBHIBIII9BDB-DBBLFBl9KLBYDByBjoIBvLBBrDlBBILBGEBbGGCGDrUfBrBFB0BUUFDBGoEoEBCC-FCBHBBHBBHBBECBIIIBIBGBBNbbUDDQBBPhBB8DEBEDBuBCB5COOBBBCuBBvBhEBeCByBOBdDBlBIBfEBsBEBfmBmBBCBPpBB-EBBLFBlBDBlBDBpBHB1BKBNQQIDDMQQIDDBBB1BLB4JIBXJBJXBHrBrBKkCBHBBCtBtBDCBCBBYpCpCBGBKvBBUDDBDBiBCBcEBclBB5BDBVBBzBDDBDBJEEeBBEDBLGBKGBhCfBoBDBNIB3BCBeBBcEBbGBFLBIvCBqC2BB0BMB0BGBvBHBLFBnBCBeHBDvGBgBrBrBEBBDPBHHBKgBBvBHBrBVBblBBdTBYIBvCDBlBIBlCJBCBBaGBLFB2BTTBGBoBIBhDVVBJBTwBwBB8BBICCFQQMFB8BEBLFBFJJBDDBXXIDDGLLBDDBEEBCCBEBCEBIBBICBGKBLCCBCCnBLLCBBCFFLDDBGBDcB9CGGBcBpCHBLlFB3BBBnBhBBmCKBLFBOSB7BFBLFBVbBcBBQDBY4FB9BjDB0CLBJBBCBBJDDfDDBNNBHBLlCBJBBvBBBMaBpCHB0CMBqCGBL1CBJ3CBjBNBLFBKuBuBPJBeCBhBBBXPPBnCBIDDtBCBCDDKHBLFBHDDmBDDHGBLFBtBDBL1HBaGBSqBqBBBBe0CBCOBzBMB8clDBwDGGBJBlGryCBkDMB3iBJB88DEBoS41GB7Bl2BB6RGBgBLLBCByCLLBEBfBBHJBnCJBLIIWEBUvNB7BlGB8CEBaBBarBBsCDB6BGBS-BBGKBIIB3mHoBBhBgDB0D8vIBFIIDkJkJBNBCcBEBBCNBFHBtMjoCBsDEBOCBKGBLBBJ76DB+HCB1NFBYOBSOBvBBBYIB1D7BB3HJBoBBBjGUBnC5DBVLBVLB4CIBamEB2CoCoCDBBCBBDBBFNNCIIiCFFBJJIddFGGCCBI1K1KBlJlJB-V-VBNBGQQBuiBBgBFBH0GBISSBIIDGGBDB-BgBBCvDBuBCBPBBLDBD-JBgBQB7BEBCvOBrB1GBsBDBC-FBgBXXBGBD-GBIFFDQQmGBBRoBBtCDBLDBDwYBlCrCB+BhGBFccDCCBCCLFFCCCBEBCDBCECEDDCBBCICDCCBFFIKFCLLSEBEGGSzBBDtIBtBDBlDLBQBBQQQmBJBvF3BBeMBtBDBKGBDNBH5EB6eCBSCBOCB7GFBNDBCOBNDB5BHBLFBpBHBfBBNDBDNBKmBB5KHBPBBOCBMCB6BCCBCBRBBNDBLGB0EoDoDBjgBBh3pBfB-oEBBv0FBBypHOBvThtCB-QhvBBs6EEBrpIm8yVBCdBhD-DBxHvw-FB", false)),
    Vai: () => new UnicodeRangeTable(decodeRanges("gopBrJ", true)),
    Vithkuqi: () => new UnicodeRangeTable(decodeRanges("wrhCKCOCGCBCKCOCGCB", true)),
    Wancho: () => new UnicodeRangeTable(decodeRanges("g24D5BGA", true)),
    Warang_Citi: () => new UnicodeRangeTable(decodeRanges("glmCyCNA", true)),
    Yezidi: () => new UnicodeRangeTable(decodeRanges("g0jCpBCCDB", true)),
    Yi: () => new UnicodeRangeTable(decodeRanges("ggoBskBE2B", true)),
    Zanabazar_Square: () => new UnicodeRangeTable(decodeRanges("gwmCnC", true))
  });
  static FOLD_CATEGORIES = new LazyMap({
    L: () => new UnicodeRangeTable(decodeRanges("laA", true)),
    LC: () => new UnicodeRangeTable(decodeRanges("laA", true)),
    Ll: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiBuBCEECDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIBBCBBCBBCOCDQCDBBCCCBBBC4BCIBBCBBDCCBCBCGC3HrBrBCEEJHHCCBCCCBCCBPBCIBkBJJCUCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBZHBJHBJHBJEBMEBMDBNEBMEBqJEEBHHxC9zC9zCBuBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoyehBB", false)),
    Lt: () => new UnicodeRangeTable(decodeRanges("kOCCBCCBCClBCCtsHHBJHBJHBMQQwBAB", false)),
    Lu: () => new UnicodeRangeTable(decodeRanges("hDZB7BqBqBBWBCHBCuBCEECDOCDsBCDECBBBDCCDEEGDDECBDDDCCCDFFDEECDDECCGBBCBBCBBCOCBSCDBBCEECkBCEQCJDDBCCFICBEBCBBCCCBEEBCCBCBCEBDCCBDDIDDCBBEFBGLLBnFnFsBCCEEEBBBvBDBCdBCBBECBCWCBDBCGD1BvBBCgBCK0BCDMCBgDCyBlBBq6CqBBDCB5XFBjkCIBCvHvHERRzD0ECGGGC8CCBHBJFBLHBJHBJFBMGCJHBJNBzBBBNSSBPPBEEpL2B2Bs1CvBBCEEBGCHDDLiDCJCCFNNBkBBCGG0oesBCUaCoEMCE8BCLCCDICFFFCBBDSCMOCFCCDOCb9a9advCBi8UZBumBnBBpEjBB8EKBCOBCGBCBBk4ByBB+DVB75CfBhsVfB8BYBvyehBB", false)),
    M: () => new UnicodeRangeTable(decodeRanges("5cgBgBlgHAB", false)),
    Mn: () => new UnicodeRangeTable(decodeRanges("5cgBgBlgHAB", false)),
    Emoji: () => new UnicodeRangeTable(decodeRanges("8mJA", true)),
    Extended_Pictographic: () => new UnicodeRangeTable(decodeRanges("8mJA", true)),
    Lowercase: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiBuBCEECDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIBBCBBCBBCOCDQCDBBCCCBBBC4BCIBBCBBDCCBCBCGCiJCCEJJHCCBBBCCCBCCBPBCIBkBJJCUCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBZHBJHBJHBJEBMEBMDBNEBMEBqJEEBHHuBPBUzZzZBYBx5BvBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoyehBB", false)),
    Math: () => new UnicodeRangeTable(decodeRanges("ycGDCHHFMMDDDCHHFAB", false)),
    Uppercase: () => new UnicodeRangeTable(decodeRanges("hDZB7BqBqBBWBCHBCuBCEECDOCDsBCDECBBBDCCDEEGDDECBDDDCCCDFFDEECDDECCGBBCBBCBBCOCBSCDBBCEECkBCEQCJDDBCCFICBEBCBBCCCBEEBCCBCBCEBDCCBDDIDDCBBEFBGLLBnFnFsBCCEEEBBBvBDBCdBCBBECBCWCBDBCGD1BvBBCgBCK0BCDMCBgDCyBlBBq6CqBBDCB5XFBjkCIBCvHvHERRzD0ECGGGC8CCBHBJFBLHBJHBJFBMGCJHBJNBzBBBNSSBPPBEEpLiBiBBOBFsasaBYBn6BvBBCEEBGCHDDLiDCJCCFNNBkBBCGG0oesBCUaCoEMCE8BCLCCDICFFFCBBDSCMOCFCCDOCb9a9advCBi8UZBumBnBBpEjBB8EKBCOBCGBCBBk4ByBB+DVB75CfBhsVfB8BYBvyehBB", false))
  });
  static FOLD_SCRIPT = new LazyMap({
    Common: () => new UnicodeRangeTable(decodeRanges("8cgBgB", false)),
    Greek: () => new UnicodeRangeTable(decodeRanges("1FwUwU", false)),
    Inherited: () => new UnicodeRangeTable(decodeRanges("5cgBgBlgHAB", false))
  });
};
var Unicode = class Unicode2 {
  static MAX_RUNE = 1114111;
  static RUNE_ERROR = 65533;
  static isUnsearchable(r) {
    return r === Unicode2.RUNE_ERROR || r >= Unicode2.MIN_HIGH_SURROGATE && r <= Unicode2.MAX_LOW_SURROGATE;
  }
  static MAX_ASCII = 127;
  static MAX_LATIN1 = 255;
  static MAX_BMP = 65535;
  static MIN_FOLD = 65;
  static MAX_FOLD = 125251;
  static MIN_HIGH_SURROGATE = 55296;
  static MAX_HIGH_SURROGATE = 56319;
  static MIN_LOW_SURROGATE = 56320;
  static MAX_LOW_SURROGATE = 57343;
  static MIN_SUPPLEMENTARY_CODE_POINT = 65536;
  static is32(ranges, r) {
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const m = lo + Math.floor((hi - lo) / 2);
      const rlo = ranges.getLo(m);
      const rhi = ranges.getHi(m);
      if (rlo <= r && r <= rhi) {
        const stride = ranges.getStride(m);
        return (r - rlo) % stride === 0;
      }
      if (r < rlo) hi = m;
      else lo = m + 1;
    }
    return false;
  }
  static is(ranges, r) {
    if (r <= Unicode2.MAX_LATIN1) {
      for (let i = 0; i < ranges.length; i++) {
        if (r > ranges.getHi(i)) continue;
        const rlo = ranges.getLo(i);
        if (r < rlo) return false;
        const stride = ranges.getStride(i);
        return (r - rlo) % stride === 0;
      }
      return false;
    }
    return ranges.length > 0 && r >= ranges.getLo(0) && Unicode2.is32(ranges, r);
  }
  static isPrint(r) {
    if (r <= Unicode2.MAX_LATIN1) return r >= 32 && r < Unicode2.MAX_ASCII || r >= 161 && r !== 173;
    return Unicode2.is(UnicodeTables.Print, r);
  }
  static simpleFold(r) {
    if (UnicodeTables.CASE_ORBIT.has(r)) return UnicodeTables.CASE_ORBIT.get(r);
    if (r <= Unicode2.MAX_ASCII) {
      const l = Codepoint.toLowerCase(r);
      return l !== r ? l : Codepoint.toUpperCase(r);
    }
    return r;
  }
  static equalsIgnoreCase(r1, r2) {
    if (r1 === r2) return true;
    if (r1 < 0 || r2 < 0) return false;
    if (r1 <= Unicode2.MAX_ASCII && r2 <= Unicode2.MAX_ASCII) {
      if (65 <= r1 && r1 <= 90) r1 |= 32;
      if (65 <= r2 && r2 <= 90) r2 |= 32;
      return r1 === r2;
    }
    for (let r = Unicode2.simpleFold(r1); r !== r1; r = Unicode2.simpleFold(r)) if (r === r2) return true;
    return false;
  }
};
var RE2JSException = class extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "RE2JSException";
  }
};
var RE2JSSyntaxException = class extends RE2JSException {
  /**
  * @param {string} error
  * @param {string|null} [input=null]
  */
  constructor(error, input2 = null) {
    let message = `error parsing regexp: ${error}`;
    if (input2) message += `: \`${input2}\``;
    super(message);
    this.name = "RE2JSSyntaxException";
    this.message = message;
    this.error = error;
    this.input = input2;
  }
  /**
  * Retrieves the description of the error.
  * @returns {string}
  */
  getDescription() {
    return this.error;
  }
  /**
  * Retrieves the erroneous regular-expression pattern.
  * @returns {string|null}
  */
  getPattern() {
    return this.input;
  }
};
var RE2JSCompileException = class extends RE2JSException {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "RE2JSCompileException";
  }
};
var RE2JSGroupException = class extends RE2JSException {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "RE2JSGroupException";
  }
};
var RE2JSFlagsException = class extends RE2JSException {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "RE2JSFlagsException";
  }
};
var RE2JSInternalException = class extends RE2JSException {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "RE2JSInternalException";
  }
};
var FAST_PATH_TABLE_SIZE = 256;
var WORD_RUNE_TABLE = new Uint8Array(FAST_PATH_TABLE_SIZE);
for (let i = 0; i < FAST_PATH_TABLE_SIZE; i++) WORD_RUNE_TABLE[i] = 97 <= i && i <= 122 || 65 <= i && i <= 90 || 48 <= i && i <= 57 || i === 95 ? 1 : 0;
var cachedNativeEncoder = null;
var cachedNativeDecoder = null;
var Utils = class Utils2 {
  static METACHARACTERS = "\\.+*?()|[]{}^$";
  static EMPTY_BEGIN_LINE = 1;
  static EMPTY_END_LINE = 2;
  static EMPTY_BEGIN_TEXT = 4;
  static EMPTY_END_TEXT = 8;
  static EMPTY_WORD_BOUNDARY = 16;
  static EMPTY_NO_WORD_BOUNDARY = 32;
  static EMPTY_ALL = -1;
  static emptyInts() {
    return [];
  }
  static isString(value) {
    return typeof value === "string" || Object.prototype.toString.call(value) === "[object String]";
  }
  static typeName(value) {
    if (value === null || typeof value !== "object" && typeof value !== "function") return value === null ? "null" : typeof value;
    return Object.prototype.toString.call(value).slice(8, -1);
  }
  static checkPattern(pattern) {
    if (!Utils2.isString(pattern)) throw new TypeError(`The pattern must be a string, not ${Utils2.typeName(pattern)} (RE2JS.translateRegExp() converts a RegExp)`);
  }
  static checkInput(input2) {
    if (!Utils2.isString(input2) && !Utils2.isByteArray(input2)) throw new TypeError(`The input must be a string or a byte array (Uint8Array or number[]), not ${Utils2.typeName(input2)}`);
  }
  static checkFlags(flags) {
    const known = PublicFlags.MULTILINE | PublicFlags.DOTALL | PublicFlags.CASE_INSENSITIVE | PublicFlags.DISABLE_UNICODE_GROUPS | PublicFlags.LONGEST_MATCH | PublicFlags.LOOKBEHINDS;
    if (!Number.isInteger(flags) || (flags & ~known) !== 0) throw new RE2JSFlagsException("Flags should only be a combination of MULTILINE, DOTALL, CASE_INSENSITIVE, DISABLE_UNICODE_GROUPS, LONGEST_MATCH, LOOKBEHINDS");
  }
  static isByteArray(input2) {
    return Array.isArray(input2) || Object.prototype.toString.call(input2) === "[object Uint8Array]";
  }
  static isalnum(c) {
    return Codepoint.CODES["0"] <= c && c <= Codepoint.CODES["9"] || Codepoint.CODES["a"] <= c && c <= Codepoint.CODES["z"] || Codepoint.CODES["A"] <= c && c <= Codepoint.CODES["Z"];
  }
  static unhex(c) {
    if (Codepoint.CODES["0"] <= c && c <= Codepoint.CODES["9"]) return c - Codepoint.CODES["0"];
    if (Codepoint.CODES["a"] <= c && c <= Codepoint.CODES["f"]) return c - Codepoint.CODES["a"] + 10;
    if (Codepoint.CODES["A"] <= c && c <= Codepoint.CODES["F"]) return c - Codepoint.CODES["A"] + 10;
    return -1;
  }
  static escapeRune(rune) {
    let out = "";
    if (Unicode.isPrint(rune)) {
      if (Utils2.METACHARACTERS.indexOf(String.fromCodePoint(rune)) >= 0) out += "\\";
      out += String.fromCodePoint(rune);
    } else switch (rune) {
      case Codepoint.CODES['"']:
        out += '\\"';
        break;
      case Codepoint.CODES["\\"]:
        out += "\\\\";
        break;
      case Codepoint.CODES["	"]:
        out += "\\t";
        break;
      case Codepoint.CODES["\n"]:
        out += "\\n";
        break;
      case Codepoint.CODES["\r"]:
        out += "\\r";
        break;
      case Codepoint.CODES["\b"]:
        out += "\\b";
        break;
      case Codepoint.CODES["\f"]:
        out += "\\f";
        break;
      default: {
        let s = rune.toString(16);
        if (rune < 256) {
          out += "\\x";
          if (s.length === 1) out += "0";
          out += s;
        } else out += `\\x{${s}}`;
        break;
      }
    }
    return out;
  }
  static stringToRunes(str) {
    const string = String(str);
    const runes = [];
    let i = 0;
    while (i < string.length) {
      const cp = string.codePointAt(i);
      runes.push(cp);
      i += cp > Unicode.MAX_BMP ? 2 : 1;
    }
    return new Int32Array(runes);
  }
  static runeToString(r) {
    return String.fromCodePoint(r);
  }
  static isWordRune(r) {
    return r < FAST_PATH_TABLE_SIZE ? WORD_RUNE_TABLE[r] === 1 : false;
  }
  static emptyOpContext(r1, r2) {
    let op = 0;
    if (r1 < 0) op |= Utils2.EMPTY_BEGIN_TEXT | Utils2.EMPTY_BEGIN_LINE;
    if (r1 === 10) op |= Utils2.EMPTY_BEGIN_LINE;
    if (r2 < 0) op |= Utils2.EMPTY_END_TEXT | Utils2.EMPTY_END_LINE;
    if (r2 === 10) op |= Utils2.EMPTY_END_LINE;
    if (Utils2.isWordRune(r1) !== Utils2.isWordRune(r2)) op |= Utils2.EMPTY_WORD_BOUNDARY;
    else op |= Utils2.EMPTY_NO_WORD_BOUNDARY;
    return op;
  }
  /**
  * Returns a string that quotes all regular expression metacharacters inside the argument text;
  * the returned string is a regular expression matching the literal text. For example,
  * {@code quoteMeta("[foo]").equals("\\[foo\\]")}.
  * @param {string} str
  * @returns {string}
  */
  static quoteMeta(str) {
    return str.split("").map((s) => {
      if (Utils2.METACHARACTERS.indexOf(s) >= 0) return `\\${s}`;
      return s;
    }).join("");
  }
  static charCount(codePoint) {
    return codePoint > Unicode.MAX_BMP ? 2 : 1;
  }
  /**
  * High-speed conversion from TypedArrays to standard JS Arrays.
  * Bypasses the expensive Symbol.iterator overhead of Array.from()
  */
  static toArray(typedArray) {
    const len = typedArray.length;
    const res = new Array(len);
    for (let i = 0; i < len; i++) res[i] = typedArray[i];
    return res;
  }
  static stringToUtf8ByteArray(str) {
    if (globalThis.TextEncoder) {
      if (!cachedNativeEncoder) cachedNativeEncoder = new TextEncoder();
      return cachedNativeEncoder.encode(str);
    } else {
      let out = [], p = 0;
      for (let i = 0; i < str.length; i++) {
        let c = str.charCodeAt(i);
        if (c < 128) out[p++] = c;
        else if (c < 2048) {
          out[p++] = c >> 6 | 192;
          out[p++] = c & 63 | 128;
        } else if ((c & 64512) === Unicode.MIN_HIGH_SURROGATE && i + 1 < str.length && (str.charCodeAt(i + 1) & 64512) === Unicode.MIN_LOW_SURROGATE) {
          c = Unicode.MIN_SUPPLEMENTARY_CODE_POINT + ((c & 1023) << 10) + (str.charCodeAt(++i) & 1023);
          out[p++] = c >> 18 | 240;
          out[p++] = c >> 12 & 63 | 128;
          out[p++] = c >> 6 & 63 | 128;
          out[p++] = c & 63 | 128;
        } else {
          out[p++] = c >> 12 | 224;
          out[p++] = c >> 6 & 63 | 128;
          out[p++] = c & 63 | 128;
        }
      }
      return out;
    }
  }
  static utf8ByteArrayToString(bytes) {
    if (globalThis.TextDecoder) {
      if (!cachedNativeDecoder) cachedNativeDecoder = new TextDecoder("utf-8");
      const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
      return cachedNativeDecoder.decode(view);
    } else {
      let out = [], pos = 0, c = 0;
      while (pos < bytes.length) {
        let c1 = bytes[pos++];
        if (c1 < 128) out[c++] = String.fromCharCode(c1);
        else if (c1 > 191 && c1 < 224) {
          let c2 = bytes[pos++];
          out[c++] = String.fromCharCode((c1 & 31) << 6 | c2 & 63);
        } else if (c1 > 239 && c1 < 365) {
          let c2 = bytes[pos++];
          let c3 = bytes[pos++];
          let c4 = bytes[pos++];
          let u = ((c1 & 7) << 18 | (c2 & 63) << 12 | (c3 & 63) << 6 | c4 & 63) - Unicode.MIN_SUPPLEMENTARY_CODE_POINT;
          out[c++] = String.fromCharCode(Unicode.MIN_HIGH_SURROGATE + (u >> 10));
          out[c++] = String.fromCharCode(Unicode.MIN_LOW_SURROGATE + (u & 1023));
        } else {
          let c2 = bytes[pos++];
          let c3 = bytes[pos++];
          out[c++] = String.fromCharCode((c1 & 15) << 12 | (c2 & 63) << 6 | c3 & 63);
        }
      }
      return out.join("");
    }
  }
};
var createEnum = (values = [], initNum = 0) => {
  const enumObject = /* @__PURE__ */ Object.create(null);
  for (let i = 0; i < values.length; i++) {
    const val = values[i];
    const keyVal = initNum + i;
    enumObject[val] = keyVal;
    enumObject[keyVal] = val;
  }
  return Object.freeze(enumObject);
};
var MatcherInputBase = class MatcherInputBase2 {
  static Encoding = createEnum(["UTF_16", "UTF_8"]);
  getEncoding() {
    throw Error("not implemented");
  }
  /** @returns {string} */
  asCharSequence() {
    throw Error("not implemented");
  }
  /** @returns {Uint8Array|number[]|null} */
  asBytes() {
    throw Error("not implemented");
  }
  /** @returns {number} */
  length() {
    throw Error("not implemented");
  }
  /**
  *
  * @returns {boolean}
  */
  isUTF8Encoding() {
    return this.getEncoding() === MatcherInputBase2.Encoding.UTF_8;
  }
  /**
  *
  * @returns {boolean}
  */
  isUTF16Encoding() {
    return this.getEncoding() === MatcherInputBase2.Encoding.UTF_16;
  }
};
var Utf8MatcherInput = class extends MatcherInputBase {
  /** @param {Uint8Array|number[]|null} bytes */
  constructor(bytes = null) {
    super();
    this.bytes = bytes;
  }
  getEncoding() {
    return MatcherInputBase.Encoding.UTF_8;
  }
  /**
  *
  * @returns {string}
  */
  asCharSequence() {
    return Utils.utf8ByteArrayToString(this.bytes);
  }
  /**
  *
  * @returns {Uint8Array|number[]|null}
  */
  asBytes() {
    return this.bytes;
  }
  /**
  *
  * @returns {number}
  */
  length() {
    return this.bytes.length;
  }
};
var Utf16MatcherInput = class extends MatcherInputBase {
  /** @param {string|null} charSequence */
  constructor(charSequence = null) {
    super();
    this.charSequence = charSequence;
  }
  getEncoding() {
    return MatcherInputBase.Encoding.UTF_16;
  }
  /**
  *
  * @returns {string}
  */
  asCharSequence() {
    return this.charSequence;
  }
  /**
  *
  * @returns {number[]}
  */
  asBytes() {
    return Utils.stringToUtf8ByteArray(this.charSequence.toString());
  }
  /**
  *
  * @returns {number}
  */
  length() {
    return this.charSequence.length;
  }
};
var MatcherInput = class {
  /**
  * Return the MatcherInput for UTF_16 encoding.
  * @returns {Utf16MatcherInput}
  */
  static utf16(charSequence) {
    Utils.checkInput(charSequence);
    return new Utf16MatcherInput(charSequence);
  }
  /**
  * Return the MatcherInput for UTF_8 encoding.
  * @returns {Utf8MatcherInput}
  */
  static utf8(input2) {
    if (Utils.isByteArray(input2)) return new Utf8MatcherInput(input2);
    return new Utf8MatcherInput(Utils.stringToUtf8ByteArray(input2));
  }
};
var MachineInputBase = class {
  static EOF() {
    return -8;
  }
  constructor() {
    this.start = 0;
    this.end = 0;
  }
  canCheckPrefix() {
    return true;
  }
  endPos() {
    return this.end - this.start;
  }
  hasString() {
    return false;
  }
  hasAnyString() {
    return false;
  }
  prefixLength() {
    return 0;
  }
};
var MachineUTF8Input = class MachineUTF8Input2 extends MachineInputBase {
  static RUNE_ERROR_STEP = Unicode.RUNE_ERROR << 3 | 1;
  constructor(bytes, start = 0, end = bytes.length) {
    super();
    this.bytes = bytes;
    this.start = start;
    this.end = end;
  }
  hasString(prefilter, pos) {
    const target = prefilter.bytes;
    if (target.length === 0) return true;
    const idx = this.indexOf(this.bytes, target, this.start + pos);
    return idx !== -1 && idx <= this.end - target.length;
  }
  hasAnyString(prefilter, pos) {
    return prefilter.automaton8().searchUTF8(this.bytes, this.start + pos, this.end);
  }
  step(pos) {
    pos += this.start;
    if (pos >= this.end) return MachineInputBase.EOF();
    const c = this.bytes[pos] & 255;
    if (c < 128) return c << 3 | 1;
    let size;
    let rune;
    let lo = 128;
    let hi = 191;
    if (c >= 194 && c <= 223) {
      size = 2;
      rune = c & 31;
    } else if (c >= 224 && c <= 239) {
      size = 3;
      rune = c & 15;
      if (c === 224) lo = 160;
      else if (c === 237) hi = 159;
    } else if (c >= 240 && c <= 244) {
      size = 4;
      rune = c & 7;
      if (c === 240) lo = 144;
      else if (c === 244) hi = 143;
    } else return MachineUTF8Input2.RUNE_ERROR_STEP;
    if (pos + size > this.end) return MachineUTF8Input2.RUNE_ERROR_STEP;
    const c1 = this.bytes[pos + 1] & 255;
    if (c1 < lo || c1 > hi) return MachineUTF8Input2.RUNE_ERROR_STEP;
    rune = rune << 6 | c1 & 63;
    if (size > 2) {
      const c2 = this.bytes[pos + 2] & 255;
      if ((c2 & 192) !== 128) return MachineUTF8Input2.RUNE_ERROR_STEP;
      rune = rune << 6 | c2 & 63;
      if (size > 3) {
        const c3 = this.bytes[pos + 3] & 255;
        if ((c3 & 192) !== 128) return MachineUTF8Input2.RUNE_ERROR_STEP;
        rune = rune << 6 | c3 & 63;
      }
    }
    return rune << 3 | size;
  }
  index(re2, pos) {
    pos += this.start;
    const i = this.indexOf(this.bytes, re2.prefixUTF8, pos);
    return i < 0 ? i : i - pos;
  }
  context(pos) {
    pos += this.start;
    let r1 = -1;
    if (pos > this.start && pos <= this.end) {
      let start = pos - 1;
      r1 = this.bytes[start--];
      if (r1 >= 128) {
        let lim = pos - 4;
        if (lim < this.start) lim = this.start;
        while (start >= lim && (this.bytes[start] & 192) === 128) start--;
        if (start < this.start) start = this.start;
        const r = this.step(start - this.start);
        r1 = start + (r & 7) === pos ? r >> 3 : Unicode.RUNE_ERROR;
      }
    }
    const r2 = pos < this.end ? this.step(pos - this.start) >> 3 : -1;
    return Utils.emptyOpContext(r1, r2);
  }
  indexOf(source, target, fromIndex = 0) {
    let targetLength = target.length;
    if (targetLength === 0) return fromIndex <= this.end ? fromIndex : -1;
    const firstByte = target[0];
    let limit = this.end - targetLength;
    const hasNativeIndexOf = typeof source.indexOf === "function";
    let i = fromIndex;
    while (i <= limit) {
      if (hasNativeIndexOf) {
        i = source.indexOf(firstByte, i);
        if (i === -1 || i > limit) return -1;
      } else {
        while (i <= limit && source[i] !== firstByte) i++;
        if (i > limit) return -1;
      }
      let match = true;
      for (let j = 1; j < targetLength; j++) if (source[i + j] !== target[j]) {
        match = false;
        break;
      }
      if (match) return i;
      i++;
    }
    return -1;
  }
  prefixLength(re2) {
    return re2.prefixUTF8.length;
  }
};
var MachineUTF16Input = class extends MachineInputBase {
  constructor(charSequence, start = 0, end = charSequence.length) {
    super();
    this.charSequence = charSequence;
    this.start = start;
    this.end = end;
  }
  hasString(prefilter, pos) {
    const idx = this.charSequence.indexOf(prefilter.str, this.start + pos);
    return idx !== -1 && idx <= this.end - prefilter.str.length;
  }
  hasAnyString(prefilter, pos) {
    return prefilter.automaton16().searchUTF16(this.charSequence, this.start + pos, this.end);
  }
  step(pos) {
    pos += this.start;
    if (pos >= this.end) return MachineInputBase.EOF();
    const c1 = this.charSequence.charCodeAt(pos);
    if (c1 < Unicode.MIN_HIGH_SURROGATE || c1 > Unicode.MAX_HIGH_SURROGATE || pos + 1 >= this.end) return c1 << 3 | 1;
    const c2 = this.charSequence.charCodeAt(pos + 1);
    if (c2 >= Unicode.MIN_LOW_SURROGATE && c2 <= Unicode.MAX_LOW_SURROGATE) return (c1 - Unicode.MIN_HIGH_SURROGATE) * 1024 + (c2 - Unicode.MIN_LOW_SURROGATE) + Unicode.MIN_SUPPLEMENTARY_CODE_POINT << 3 | 2;
    return c1 << 3 | 1;
  }
  index(re2, pos) {
    pos += this.start;
    const i = this.charSequence.indexOf(re2.prefix, pos);
    if (i < 0 || i > this.end - re2.prefix.length) return -1;
    return i - pos;
  }
  context(pos) {
    pos += this.start;
    const r1 = pos > this.start && pos <= this.end ? this.charSequence.charCodeAt(pos - 1) : -1;
    const r2 = pos < this.end ? this.charSequence.charCodeAt(pos) : -1;
    return Utils.emptyOpContext(r1, r2);
  }
  prefixLength(re2) {
    return re2.prefix.length;
  }
};
var MachineInput = class {
  static fromUTF8(bytes, start = 0, end = bytes.length) {
    return new MachineUTF8Input(bytes, start, end);
  }
  static fromUTF16(charSequence, start = 0, end = void 0) {
    Utils.checkInput(charSequence);
    return new MachineUTF16Input(charSequence, start, end ?? charSequence.length);
  }
};
var Matcher = class Matcher2 {
  /**
  * V8 and WebKit have historical hard limits on the number of arguments
  * that can be passed to a function. We cap replacer arguments to prevent
  * Call Stack Overflow (DoS) vulnerabilities on massive ASTs.
  */
  static MAX_REPLACER_ARGS = 65535;
  /**
  * Quotes '\' and '$' in {@code s}, so that the returned string could be used in
  * {@link #appendReplacement} as a literal replacement of {@code s}.
  *
  * @param {string} str the string to be quoted
  * @param {boolean} [javaMode=false] whether the replacement will be used in javaMode
  * @returns {string} the quoted string
  */
  static quoteReplacement(str, javaMode = false) {
    if (javaMode) {
      if (str.indexOf("\\") < 0 && str.indexOf("$") < 0) return str;
      return str.split("").map((s) => {
        const c = s.codePointAt(0);
        if (c === Codepoint.CODES["\\"] || c === Codepoint.CODES["$"]) return `\\${s}`;
        return s;
      }).join("");
    }
    if (str.indexOf("$") < 0) return str;
    return str.split("").map((s) => {
      if (s.codePointAt(0) === Codepoint.CODES["$"]) return "$$";
      return s;
    }).join("");
  }
  /**
  *
  * @param {import('./index.js').RE2JS} pattern
  * @param {string|number[]|Uint8Array|MatcherInputBase} input
  */
  constructor(pattern, input2) {
    if (pattern === null) throw new Error("pattern is null");
    this.patternInput = pattern;
    const re2 = this.patternInput.re2();
    this.patternGroupCount = re2.numberOfCapturingGroups();
    this.groups = [];
    this.namedGroups = re2.namedGroups;
    this.hasNamedGroups = Object.keys(this.namedGroups).length > 0;
    this.numberOfInstructions = re2.numberOfInstructions();
    this.lookbehindState = null;
    if (input2 instanceof MatcherInputBase) this.resetMatcherInput(input2);
    else if (Utils.isByteArray(input2)) this.resetMatcherInput(MatcherInput.utf8(input2));
    else this.resetMatcherInput(MatcherInput.utf16(input2));
  }
  /**
  * Returns the {@code RE2JS} associated with this {@code Matcher}.
  * @returns {import('./index.js').RE2JS}
  */
  pattern() {
    return this.patternInput;
  }
  /**
  * Resets the {@code Matcher}, rewinding input and discarding any match information.
  *
  * @returns {Matcher} the {@code Matcher} itself, for chained method calls
  */
  reset() {
    this.matcherInputLength = this.matcherInput.length();
    this.appendPos = 0;
    this.hasMatch = false;
    this.hasGroups = false;
    this.anchorFlag = 0;
    return this;
  }
  /**
  * Resets the {@code Matcher} and changes the input.
  * @param {string|number[]|Uint8Array|MatcherInputBase} input
  * @returns {Matcher} the {@code Matcher} itself, for chained method calls
  */
  resetMatcherInput(input2) {
    if (input2 === null) throw new Error("input is null");
    if (!(input2 instanceof MatcherInputBase)) {
      if (Utils.isByteArray(input2)) input2 = MatcherInput.utf8(input2);
      else input2 = MatcherInput.utf16(input2);
    }
    this.matcherInput = input2;
    if (this.lookbehindState !== null) this.lookbehindState.reset();
    else this.lookbehindState = this.patternInput.re2().createLookbehindState();
    this.reset();
    return this;
  }
  /**
  * Returns the start of the named group of the most recent match, or -1 if the group was not
  * matched.
  * @param {string|number} [group=0]
  * @returns {number}
  */
  start(group = 0) {
    if (typeof group === "string") {
      const groupInt = this.namedGroups[group];
      if (!Number.isFinite(groupInt)) throw new RE2JSGroupException(`group '${group}' not found`);
      group = groupInt;
    }
    this.loadGroup(group);
    return this.groups[2 * group];
  }
  /**
  * Returns the end of the named group of the most recent match, or -1 if the group was not
  * matched.
  * @param {string|number} [group=0]
  * @returns {number}
  */
  end(group = 0) {
    if (typeof group === "string") {
      const groupInt = this.namedGroups[group];
      if (!Number.isFinite(groupInt)) throw new RE2JSGroupException(`group '${group}' not found`);
      group = groupInt;
    }
    this.loadGroup(group);
    return this.groups[2 * group + 1];
  }
  /**
  * Returns the program size of this pattern.
  *
  * <p>
  * Similar to the C++ implementation, the program size is a very approximate measure of a regexp's
  * "cost". Larger numbers are more expensive than smaller numbers.
  * </p>
  *
  * @returns {number} the program size of this pattern
  */
  programSize() {
    return this.numberOfInstructions;
  }
  /**
  * Returns the named group of the most recent match, or {@code null} if the group was not matched.
  * @param {string|number} [group=0]
  * @returns {string|null}
  */
  group(group = 0) {
    if (typeof group === "string") {
      const groupInt = this.namedGroups[group];
      if (!Number.isFinite(groupInt)) throw new RE2JSGroupException(`group '${group}' not found`);
      group = groupInt;
    }
    const start = this.start(group);
    const end = this.end(group);
    if (start < 0 && end < 0) return null;
    return this.substring(start, end);
  }
  /**
  * Returns a dictionary map of all named capturing groups and their matched values.
  * If a group was not matched, its value will be `null`.
  * @returns {Record<string, string|null>}
  */
  getNamedGroups() {
    if (!this.hasMatch) throw new RE2JSGroupException("perhaps no match attempted");
    const result = /* @__PURE__ */ Object.create(null);
    for (const name of Object.keys(this.namedGroups)) result[name] = this.group(name);
    return result;
  }
  /**
  * Returns the number of subgroups in this pattern.
  *
  * @returns {number} the number of subgroups; the overall match (group 0) does not count
  */
  groupCount() {
    return this.patternGroupCount;
  }
  /**
  * Helper: finds subgroup information if needed for group.
  * @param {number} group
  * @private
  */
  loadGroup(group) {
    if (!Number.isInteger(group) || group < 0 || group > this.patternGroupCount) throw new RE2JSGroupException(`Group index out of bounds: ${group}`);
    if (!this.hasMatch) throw new RE2JSGroupException("perhaps no match attempted");
    if (group === 0 || this.hasGroups) return;
    const end = this.matcherInputLength;
    const res = this.patternInput.re2().matchMachineInput(this.matcherInput, this.groups[0], end, this.anchorFlag, 1 + this.patternGroupCount, this.lookbehindState);
    if (!res[0]) throw new RE2JSGroupException("inconsistency in matching group data");
    this.groups = res[1];
    this.hasGroups = true;
  }
  /**
  * Matches the entire input against the pattern (anchored start and end). If there is a match,
  * {@code matches} sets the match state to describe it.
  *
  * @returns {boolean} true if the entire input matches the pattern
  */
  matches() {
    return this.genMatch(0, RE2Flags.ANCHOR_BOTH);
  }
  /**
  * Matches the beginning of input against the pattern (anchored start). If there is a match,
  * {@code lookingAt} sets the match state to describe it.
  *
  * @returns {boolean} true if the beginning of the input matches the pattern
  */
  lookingAt() {
    return this.genMatch(0, RE2Flags.ANCHOR_START);
  }
  /**
  * Matches the input against the pattern (unanchored), starting at a specified position. If there
  * is a match, {@code find} sets the match state to describe it.
  *
  * @param {number|null} [start=null] the input position where the search begins
  * @returns {boolean} if it finds a match
  * @throws IndexOutOfBoundsException if start is not a valid input position
  */
  find(start = null) {
    if (start !== null) {
      if (!Number.isInteger(start) || start < 0 || start > this.matcherInputLength) throw new RE2JSGroupException(`start index out of bounds: ${start}`);
      this.reset();
      return this.genMatch(start, 0);
    }
    start = 0;
    if (this.hasMatch) {
      start = this.groups[1];
      if (this.groups[0] === this.groups[1]) {
        const r = (this.matcherInput.isUTF16Encoding() ? MachineInput.fromUTF16(this.matcherInput.asCharSequence(), 0, this.matcherInputLength) : MachineInput.fromUTF8(this.matcherInput.asBytes(), 0, this.matcherInputLength)).step(start);
        if (r < 0) start++;
        else start += r & 7;
      }
    }
    return this.genMatch(start, RE2Flags.UNANCHORED);
  }
  /**
  * Helper: does match starting at start, with RE2 anchor flag.
  * @param {number} startByte
  * @param {number} anchor
  * @returns {boolean}
  * @private
  */
  genMatch(startByte, anchor) {
    const res = this.patternInput.re2().matchMachineInput(this.matcherInput, startByte, this.matcherInputLength, anchor, 1, this.lookbehindState);
    if (!res[0]) {
      this.hasMatch = false;
      return false;
    }
    this.groups = res[1];
    this.hasMatch = true;
    this.hasGroups = this.patternGroupCount === 0;
    this.anchorFlag = anchor;
    return true;
  }
  /**
  * Helper: return substring for [start, end).
  * @param {number} start
  * @param {number} end
  * @returns {string}
  */
  substring(start, end) {
    if (this.matcherInput.isUTF8Encoding()) return Utils.utf8ByteArrayToString(this.matcherInput.asBytes().slice(start, end));
    return this.matcherInput.asCharSequence().substring(start, end).toString();
  }
  /**
  * Helper for Pattern: return input length.
  * @returns {number}
  */
  inputLength() {
    return this.matcherInputLength;
  }
  /**
  * Appends to result two strings: the text from the append position up to the beginning of the
  * most recent match, and then the replacement with submatch groups substituted for references to
  * them. It advances the append position to where the most recent match ended.
  *
  * By default the replacement is expanded as by String.prototype.replace (see
  * appendReplacementInternalJs). In Java mode it follows re2j / java.util.regex: $n takes as
  * many digits as still form a valid group number, ${name} is a named group, and a backslash
  * escapes the next character (so "\\$" in a JS string literal inserts a literal $).
  *
  * @param {string} replacement the replacement string
  * @param {boolean} [javaMode=false] activate java mode (different behaviour for capture groups and special characters)
  * @returns {string}
  * @throws IllegalStateException if there was no most recent match
  * @throws IndexOutOfBoundsException in Java mode, if replacement refers to an invalid group
  * @private
  */
  appendReplacement(replacement, javaMode = false) {
    let res = "";
    const s = this.start();
    const e = this.end();
    if (this.appendPos < s) res += this.substring(this.appendPos, s);
    this.appendPos = e;
    res += javaMode ? this.appendReplacementInternalJava(replacement) : this.appendReplacementInternalJs(replacement);
    return res;
  }
  /**
  * @param {string} replacement - the replacement string
  * @returns {string}
  * @private
  */
  appendReplacementInternalJava(replacement) {
    let res = "";
    let last = 0;
    const m = replacement.length;
    let i = 0;
    while (i < m) {
      const cCode = replacement.codePointAt(i);
      if (cCode === Codepoint.CODES["\\"]) {
        if (last < i) res += replacement.substring(last, i);
        i++;
        if (i >= m) throw new RE2JSGroupException("character to be escaped is missing");
        last = i;
        i++;
        continue;
      }
      if (cCode === Codepoint.CODES["$"]) {
        if (last < i) res += replacement.substring(last, i);
        if (i + 1 >= m) throw new RE2JSGroupException("Illegal group reference: group index is missing");
        const nextCode = replacement.codePointAt(i + 1);
        if (Codepoint.CODES["0"] <= nextCode && nextCode <= Codepoint.CODES["9"]) {
          let n = nextCode - Codepoint.CODES["0"];
          let j = i + 2;
          for (; j < m; j++) {
            const digit = replacement.codePointAt(j);
            if (digit < Codepoint.CODES["0"] || digit > Codepoint.CODES["9"] || n * 10 + digit - Codepoint.CODES["0"] > this.patternGroupCount) break;
            n = n * 10 + digit - Codepoint.CODES["0"];
          }
          if (n > this.patternGroupCount) throw new RE2JSGroupException(`n > number of groups: ${n}`);
          const group = this.group(n);
          if (group !== null) res += group;
          i = j;
          last = i;
        } else if (nextCode === Codepoint.CODES["{"]) {
          let j = i + 2;
          while (j < m && replacement.codePointAt(j) !== Codepoint.CODES["}"]) j++;
          if (j >= m) throw new RE2JSGroupException("named capture group is missing trailing '}'");
          const groupName = replacement.substring(i + 2, j);
          const groupVal = this.group(groupName);
          if (groupVal !== null) res += groupVal;
          i = j + 1;
          last = i;
        } else throw new RE2JSGroupException("Illegal group reference");
        continue;
      }
      i++;
    }
    if (last < m) res += replacement.substring(last, m);
    return res;
  }
  /**
  * Expands |replacement| for the current match by the rules of String.prototype.replace
  * (ECMAScript GetSubstitution): $$ is "$", $& the match, $` the text before it, $' the text
  * after it, $n and $nn a group (two digits only when they form a valid group number, so with
  * one group "$10" is group 1 then "0"; an unmatched group is empty), and $<name> a named group
  * (empty when no such group), only when the pattern has named groups. Anything else, such as
  * "$0" or "$<" without a closing ">", is kept as is.
  * @param {string} replacement - the replacement string
  * @returns {string}
  * @private
  */
  appendReplacementInternalJs(replacement) {
    const isDigit = (c) => c >= 48 && c <= 57;
    const groupCount = this.patternGroupCount;
    let res = "";
    let i = 0;
    while (i < replacement.length) {
      const dollar = replacement.indexOf("$", i);
      if (dollar < 0) break;
      res += replacement.substring(i, dollar);
      i = dollar;
      const c = replacement.charCodeAt(i + 1);
      if (c === Codepoint.CODES["$"]) {
        res += "$";
        i += 2;
      } else if (c === Codepoint.CODES["&"]) {
        res += this.group(0);
        i += 2;
      } else if (c === Codepoint.CODES["`"]) {
        res += this.substring(0, this.start(0));
        i += 2;
      } else if (c === Codepoint.CODES["'"]) {
        res += this.substring(this.end(0), this.matcherInputLength);
        i += 2;
      } else if (isDigit(c)) {
        let digits = 1;
        let index = c - 48;
        const c2 = replacement.charCodeAt(i + 2);
        if (isDigit(c2) && index * 10 + c2 - 48 <= groupCount) {
          digits = 2;
          index = index * 10 + c2 - 48;
        }
        if (index >= 1 && index <= groupCount) {
          const group = this.group(index);
          if (group !== null) res += group;
        } else res += replacement.substring(i, i + 1 + digits);
        i += 1 + digits;
      } else if (c === Codepoint.CODES["<"] && this.hasNamedGroups) {
        const gt = replacement.indexOf(">", i + 2);
        if (gt < 0) {
          res += "$<";
          i += 2;
        } else {
          const name = replacement.substring(i + 2, gt);
          if (Object.hasOwn(this.namedGroups, name)) {
            const group = this.group(name);
            if (group !== null) res += group;
          }
          i = gt + 1;
        }
      } else {
        res += "$";
        i += 1;
      }
    }
    return res + replacement.substring(i);
  }
  /**
  * Return the substring of the input from the append position to the end of the
  * input.
  * @returns {string}
  */
  appendTail() {
    return this.substring(this.appendPos, this.matcherInputLength);
  }
  /**
  * Returns the input with all matches replaced by {@code replacement}, interpreted as for
  * {@code appendReplacement}.
  *
  * @param {string|((...args: any[]) => string)} replacement - the replacement string or a replacer function
  * @param {boolean} [javaMode=false] - activate java mode (different behaviour for capture groups and special characters)
  * @returns {string} the input string with the matches replaced
  * @throws IndexOutOfBoundsException if replacement refers to an invalid group and javaMode is true
  */
  replaceAll(replacement, javaMode = false) {
    return this.replace(replacement, true, javaMode);
  }
  /**
  * Returns the input with the first match replaced by {@code replacement}, interpreted as for
  * {@code appendReplacement}.
  *
  * @param {string|((...args: any[]) => string)} replacement - the replacement string or a replacer function
  * @param {boolean} [javaMode=false] - activate java mode (different behaviour for capture groups and special characters)
  * @returns {string} the input string with the first match replaced
  * @throws IndexOutOfBoundsException if replacement refers to an invalid group and javaMode is true
  */
  replaceFirst(replacement, javaMode = false) {
    return this.replace(replacement, false, javaMode);
  }
  /**
  * Helper: replaceAll/replaceFirst hybrid.
  * @param {string|((...args: any[]) => string)} replacement - the replacement string or a replacer function
  * @param {boolean} [all=true] - replace all matches
  * @param {boolean} [javaMode=false] - activate java mode (different behaviour for capture groups and special characters)
  * @returns {string}
  * @private
  */
  replace(replacement, all = true, javaMode = false) {
    let res = "";
    this.reset();
    const isFunc = typeof replacement === "function";
    let originalInput = null;
    if (isFunc) {
      if (this.groupCount() >= Matcher2.MAX_REPLACER_ARGS) throw new RE2JSGroupException("Too many capture groups to safely invoke replacer function");
      originalInput = this.matcherInput.isUTF8Encoding() ? this.matcherInput.asBytes() : this.matcherInput.asCharSequence();
    }
    while (this.find()) {
      res += isFunc ? this.appendReplacementFunc(replacement, originalInput) : this.appendReplacement(replacement, javaMode);
      if (!all) break;
    }
    res += this.appendTail();
    return res;
  }
  /**
  * Evaluates a replacer function for the current match and appends the result,
  * along with any un-matched preceding text, advancing the append position.
  * @param {Function} replacer - the replacer function
  * @param {string|Uint8Array|number[]} originalInput - the cached original input reference
  * @returns {string} the evaluated string to append
  * @private
  */
  appendReplacementFunc(replacer, originalInput) {
    let res = "";
    const s = this.start();
    const e = this.end();
    if (this.appendPos < s) res += this.substring(this.appendPos, s);
    this.appendPos = e;
    const args = this.matchArray();
    args.push(s, originalInput);
    if (this.hasNamedGroups) args.push(this.namedGroupsObject());
    res += String(replacer(...args));
    return res;
  }
  /**
  * The match and its groups, as the elements of a JS RegExpExecArray: undefined for a group that
  * did not take part in the match. Used by exec(), matchAll() and replacer functions.
  * @returns {Array<string|undefined>}
  * @private
  */
  matchArray() {
    const result = [this.group(0)];
    for (let i = 1; i <= this.patternGroupCount; i++) {
      const group = this.group(i);
      result.push(group === null ? void 0 : group);
    }
    return result;
  }
  /**
  * The named groups, as the groups property of a JS RegExpExecArray: an object without a
  * prototype mapping each name to its group (undefined when it did not take part in the match),
  * or undefined when the pattern has no named groups.
  * @returns {Record<string, string|undefined>|undefined}
  * @private
  */
  namedGroupsObject() {
    if (!this.hasNamedGroups) return;
    const result = this.getNamedGroups();
    for (const name in result) if (result[name] === null) result[name] = void 0;
    return result;
  }
};
var Inst = class Inst2 {
  static ALT = 1;
  static ALT_MATCH = 2;
  static CAPTURE = 3;
  static EMPTY_WIDTH = 4;
  static FAIL = 5;
  static MATCH = 6;
  static NOP = 7;
  static RUNE = 8;
  static RUNE1 = 9;
  static RUNE_ANY = 10;
  static RUNE_ANY_NOT_NL = 11;
  static LB_WRITE = 12;
  static LB_CHECK = 13;
  static isRuneOp(op) {
    return Inst2.RUNE <= op && op <= Inst2.RUNE_ANY_NOT_NL;
  }
  static escapeRunes(runes) {
    let out = '"';
    for (let rune of runes) out += Utils.escapeRune(rune);
    out += '"';
    return out;
  }
  constructor(op) {
    this.op = op;
    this.out = 0;
    this.arg = 0;
    this.runes = /* @__PURE__ */ new Int32Array(0);
    this.next = null;
  }
  matchRune(r) {
    if (this.runes.length === 1) {
      const r0 = this.runes[0];
      if ((this.arg & RE2Flags.FOLD_CASE) !== 0) return Unicode.equalsIgnoreCase(r0, r);
      return r === r0;
    }
    const len = this.runes.length;
    if (len === 0) return false;
    if (len === 2 || len === 4 || len === 6 || len === 8) {
      for (let j = 0; j < len; j += 2) {
        if (r < this.runes[j]) return false;
        if (r <= this.runes[j + 1]) return true;
      }
      return false;
    }
    let base = 0;
    let n = len >> 1;
    while (n > 1) {
      const half = n >> 1;
      base += this.runes[base + half << 1] <= r ? half : 0;
      n -= half;
    }
    base += this.runes[base << 1] <= r ? 1 : 0;
    const m = base - 1;
    return m >= 0 && r <= this.runes[m << 1 | 1];
  }
  matchRunePos(r) {
    if (this.runes.length === 1) {
      const r0 = this.runes[0];
      if ((this.arg & RE2Flags.FOLD_CASE) !== 0) return Unicode.equalsIgnoreCase(r0, r) ? 0 : -1;
      return r === r0 ? 0 : -1;
    }
    const len = this.runes.length;
    if (len === 0) return -1;
    if (len === 2 || len === 4 || len === 6 || len === 8) {
      for (let j = 0; j < len; j += 2) {
        if (r < this.runes[j]) return -1;
        if (r <= this.runes[j + 1]) return Math.floor(j / 2);
      }
      return -1;
    }
    let base = 0;
    let n = len >> 1;
    while (n > 1) {
      const half = n >> 1;
      base += this.runes[base + half << 1] <= r ? half : 0;
      n -= half;
    }
    base += this.runes[base << 1] <= r ? 1 : 0;
    const m = base - 1;
    return m >= 0 && r <= this.runes[m << 1 | 1] ? m : -1;
  }
  /**
  *
  * @returns {string}
  */
  toString() {
    switch (this.op) {
      case Inst2.ALT:
        return `alt -> ${this.out}, ${this.arg}`;
      case Inst2.ALT_MATCH:
        return `altmatch -> ${this.out}, ${this.arg}`;
      case Inst2.CAPTURE:
        return `cap ${this.arg} -> ${this.out}`;
      case Inst2.EMPTY_WIDTH:
        return `empty ${this.arg} -> ${this.out}`;
      case Inst2.MATCH:
        return `match${this.arg !== 0 ? ` ${this.arg}` : ""}`;
      case Inst2.FAIL:
        return "fail";
      case Inst2.NOP:
        return `nop -> ${this.out}`;
      case Inst2.LB_WRITE:
        return `lbwrite ${this.arg} -> ${this.out}`;
      case Inst2.LB_CHECK:
        return `lbcheck ${this.arg} -> ${this.out}`;
      case Inst2.RUNE:
        if (this.runes === null) return "rune <null>";
        return [
          "rune ",
          Inst2.escapeRunes(this.runes),
          (this.arg & RE2Flags.FOLD_CASE) !== 0 ? "/i" : "",
          " -> ",
          this.out
        ].join("");
      case Inst2.RUNE1:
        return `rune1 ${Inst2.escapeRunes(this.runes)} -> ${this.out}`;
      case Inst2.RUNE_ANY:
        return `any -> ${this.out}`;
      case Inst2.RUNE_ANY_NOT_NL:
        return `anynotnl -> ${this.out}`;
      default:
        throw new Error("unhandled case in Inst.toString");
    }
  }
};
var Queue = class Queue2 {
  constructor(numInst) {
    this.sparse = new Int32Array(numInst);
    this.densePcs = new Int32Array(numInst);
    this.denseCaps = null;
    this.size = 0;
    this.ncap = 0;
    this.mainThreads = 0;
  }
  static INITIAL_THREADS = 32;
  init(ncap) {
    this.ncap = ncap;
    const needed = Math.min(this.densePcs.length, Queue2.INITIAL_THREADS) * ncap;
    if (!this.denseCaps || this.denseCaps.length < needed) this.denseCaps = new Int32Array(needed);
  }
  growCaps(needed) {
    const limit = this.densePcs.length * this.ncap;
    const grown = new Int32Array(Math.min(limit, Math.max(needed, 2 * this.denseCaps.length)));
    grown.set(this.denseCaps);
    this.denseCaps = grown;
  }
  contains(pc) {
    const j = this.sparse[pc];
    return j < this.size && this.densePcs[j] === pc;
  }
  isEmpty() {
    return this.size === 0;
  }
  add(pc) {
    const j = this.size++;
    this.sparse[pc] = j;
    this.densePcs[j] = pc;
    return j;
  }
  clear() {
    this.size = 0;
    this.mainThreads = 0;
  }
  toString() {
    let out = "{";
    for (let i = 0; i < this.size; i++) {
      if (i !== 0) out += ", ";
      out += this.densePcs[i];
    }
    out += "}";
    return out;
  }
};
var LookbehindState = class {
  constructor(prog) {
    this.pos = -1;
    this.pcs = new Int32Array(prog.numInst());
    this.size = 0;
    this.lbTable = new Int32Array(prog.numLb + 1);
  }
  reset() {
    this.pos = -1;
    this.size = 0;
  }
};
var Machine = class Machine2 {
  static fromRE2(re2) {
    const m = new Machine2();
    m.prog = re2.prog;
    m.re2 = re2;
    m.q0 = new Queue(m.prog.numInst());
    m.q1 = new Queue(m.prog.numInst());
    m.addStack = new Int32Array(2 * (m.prog.numInst() + 1));
    m.matched = false;
    m.matchcap = new Int32Array(m.prog.numCap < 2 ? 2 : m.prog.numCap);
    m.ncap = 0;
    return m;
  }
  constructor() {
    this.prog = null;
    this.re2 = null;
    this.q0 = null;
    this.q1 = null;
    this.addStack = null;
    this.matched = false;
    this.matchcap = null;
    this.ncap = 0;
    this.lbTable = null;
  }
  init(ncap) {
    this.ncap = ncap;
    if (ncap > this.matchcap.length) this.matchcap = new Int32Array(ncap).fill(-1);
    else this.matchcap.fill(-1);
    this.q0.init(ncap);
    this.q1.init(ncap);
    if (this.prog.numLb > 0) {
      if (!this.lbTable || this.lbTable.length < this.prog.numLb + 1) this.lbTable = new Int32Array(this.prog.numLb + 1);
      this.lbTable.fill(-1);
    }
  }
  submatches() {
    if (this.ncap === 0) return Utils.emptyInts();
    return Utils.toArray(this.matchcap.subarray(0, this.ncap));
  }
  match(input2, pos, anchor, lbState = null) {
    const startCond = this.re2.cond;
    if (startCond === Utils.EMPTY_ALL) return false;
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return false;
    this.matched = false;
    this.matchcap.fill(-1);
    const hasLookbehinds = this.prog.numLb > 0;
    const matchStartPos = pos;
    let currentPos = pos;
    let resumeLookbehinds = false;
    if (hasLookbehinds) {
      if (lbState !== null && lbState.pos >= 0 && lbState.pos <= pos) {
        currentPos = lbState.pos;
        resumeLookbehinds = true;
      } else currentPos = 0;
    }
    let saveLookbehinds = hasLookbehinds && lbState !== null;
    let runq = this.q0;
    let nextq = this.q1;
    let r = input2.step(currentPos);
    let rune = r >> 3;
    let width = r & 7;
    let rune1 = -1;
    let width1 = 0;
    if (r !== MachineInputBase.EOF()) {
      r = input2.step(currentPos + width);
      rune1 = r >> 3;
      width1 = r & 7;
    }
    let flag;
    if (currentPos === 0) flag = Utils.emptyOpContext(-1, rune);
    else flag = input2.context(currentPos);
    if (hasLookbehinds) {
      if (resumeLookbehinds) this.restoreLookbehinds(lbState, runq, flag);
      else this.spawnLookbehinds(runq, currentPos, flag);
    }
    while (true) {
      if (runq.mainThreads === 0) {
        if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 && currentPos !== 0) break;
        if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && currentPos !== 0) break;
        if (this.matched) break;
        if (this.prog.numLb === 0 && runq.isEmpty() && !(this.re2.prefix.length === 0) && rune1 !== this.re2.prefixRune && input2.canCheckPrefix()) {
          const advance = input2.index(this.re2, currentPos);
          if (advance < 0) break;
          currentPos += advance;
          r = input2.step(currentPos);
          rune = r >> 3;
          width = r & 7;
          r = input2.step(currentPos + width);
          rune1 = r >> 3;
          width1 = r & 7;
          flag = input2.context(currentPos);
        }
      }
      if (currentPos >= matchStartPos) {
        if (saveLookbehinds) {
          this.saveLookbehinds(lbState, runq, currentPos);
          saveLookbehinds = false;
        }
        if (!this.matched && (currentPos === 0 || anchor === RE2Flags.UNANCHORED)) {
          if (this.ncap > 0) this.matchcap[0] = currentPos;
          this.add(runq, this.prog.start, currentPos, this.matchcap, 0, flag);
        }
      }
      const nextPos = currentPos + width;
      flag = input2.context(nextPos);
      this.step(runq, nextq, currentPos, nextPos, rune, flag, anchor, currentPos === input2.endPos());
      if (width === 0) break;
      if (this.ncap === 0 && this.matched) break;
      currentPos += width;
      rune = rune1;
      width = width1;
      if (rune !== -1) {
        r = input2.step(currentPos + width);
        rune1 = r >> 3;
        width1 = r & 7;
      }
      const tmpq = runq;
      runq = nextq;
      nextq = tmpq;
    }
    runq.clear();
    nextq.clear();
    return this.matched;
  }
  matchSet(input2, pos, anchor) {
    const startCond = this.re2.cond;
    if (startCond === Utils.EMPTY_ALL) return [];
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return [];
    let currentPos = this.prog.numLb > 0 ? 0 : pos;
    let matchStartPos = pos;
    let runq = this.q0;
    let nextq = this.q1;
    let r = input2.step(currentPos);
    let rune = r >> 3;
    let width = r & 7;
    let rune1 = -1;
    let width1 = 0;
    if (r !== MachineInputBase.EOF()) {
      r = input2.step(currentPos + width);
      rune1 = r >> 3;
      width1 = r & 7;
    }
    let flag = currentPos === 0 ? Utils.emptyOpContext(-1, rune) : input2.context(currentPos);
    const matches = /* @__PURE__ */ new Set();
    if (this.prog.numLb > 0) this.spawnLookbehinds(runq, currentPos, flag);
    while (true) {
      if (runq.mainThreads === 0) {
        if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 && currentPos !== 0) break;
        if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && currentPos !== 0) break;
      }
      if (currentPos === 0 || anchor === RE2Flags.UNANCHORED) {
        if (currentPos >= matchStartPos) this.add(runq, this.prog.start, currentPos, this.matchcap, 0, flag);
      }
      const nextPos = currentPos + width;
      flag = input2.context(nextPos);
      for (let j = 0; j < runq.size; j++) {
        const pc = runq.densePcs[j];
        const i = this.prog.inst[pc];
        const capOffset = j * this.ncap;
        let add = false;
        switch (i.op) {
          case Inst.MATCH:
            if (anchor === RE2Flags.ANCHOR_BOTH && currentPos !== input2.endPos()) break;
            matches.add(i.arg);
            break;
          case Inst.RUNE:
            add = i.matchRune(rune);
            break;
          case Inst.RUNE1:
            add = rune === i.runes[0];
            break;
          case Inst.RUNE_ANY:
            add = true;
            break;
          case Inst.RUNE_ANY_NOT_NL:
            add = rune !== 10;
            break;
          default:
            continue;
        }
        if (add) this.add(nextq, i.out, nextPos, runq.denseCaps, capOffset, flag);
      }
      runq.clear();
      if (width === 0) break;
      currentPos += width;
      rune = rune1;
      width = width1;
      if (rune !== -1) {
        r = input2.step(currentPos + width);
        rune1 = r >> 3;
        width1 = r & 7;
      }
      const tmpq = runq;
      runq = nextq;
      nextq = tmpq;
    }
    nextq.clear();
    return Array.from(matches).sort((a, b) => a - b);
  }
  step(runq, nextq, pos, nextPos, c, nextCond, anchor, atEnd) {
    const longest = this.re2.longest;
    for (let j = 0; j < runq.size; j++) {
      const pc = runq.densePcs[j];
      const capOffset = j * this.ncap;
      if (longest && this.matched && this.ncap > 0 && this.matchcap[0] < runq.denseCaps[capOffset]) continue;
      const i = this.prog.inst[pc];
      let add = false;
      switch (i.op) {
        case Inst.MATCH:
          if (anchor === RE2Flags.ANCHOR_BOTH && !atEnd) break;
          if (this.ncap > 0 && (!longest || !this.matched || this.matchcap[1] < pos)) {
            runq.denseCaps[capOffset + 1] = pos;
            for (let k = 0; k < this.ncap; k++) this.matchcap[k] = runq.denseCaps[capOffset + k];
          }
          if (!longest) runq.size = 0;
          this.matched = true;
          break;
        case Inst.RUNE:
          add = i.matchRune(c);
          break;
        case Inst.RUNE1:
          add = c === i.runes[0];
          break;
        case Inst.RUNE_ANY:
          add = true;
          break;
        case Inst.RUNE_ANY_NOT_NL:
          add = c !== 10;
          break;
        default:
          continue;
      }
      if (add) this.add(nextq, i.out, nextPos, runq.denseCaps, capOffset, nextCond);
    }
    runq.clear();
  }
  spawnLookbehinds(q, pos, flag) {
    for (let i = 0; i < this.prog.lbStarts.length; i++) this.add(q, this.prog.lbStarts[i], pos, this.matchcap, 0, flag);
  }
  restoreLookbehinds(lbState, q, flag) {
    this.lbTable.set(lbState.lbTable);
    for (let j = 0; j < lbState.size; j++) this.add(q, lbState.pcs[j], lbState.pos, this.matchcap, 0, flag);
  }
  saveLookbehinds(lbState, q, pos) {
    let size = 0;
    for (let j = 0; j < q.size; j++) {
      const pc = q.densePcs[j];
      if (this.prog.lbInst[pc] === 1 && Inst.isRuneOp(this.prog.inst[pc].op)) lbState.pcs[size++] = pc;
    }
    lbState.size = size;
    lbState.pos = pos;
    lbState.lbTable.set(this.lbTable);
  }
  add(q, pc, pos, capArray, capOffset, cond) {
    const stk = this.addStack;
    let nstk = 0;
    for (; ; ) {
      while (pc !== 0 && !q.contains(pc)) {
        const d = q.add(pc);
        const inst = this.prog.inst[pc];
        switch (inst.op) {
          case Inst.FAIL:
            pc = 0;
            break;
          case Inst.ALT:
          case Inst.ALT_MATCH:
            stk[nstk++] = inst.arg;
            stk[nstk++] = 0;
            pc = inst.out;
            break;
          case Inst.EMPTY_WIDTH:
            pc = (inst.arg & ~cond) === 0 ? inst.out : 0;
            break;
          case Inst.NOP:
            pc = inst.out;
            break;
          case Inst.CAPTURE:
            if (inst.arg < this.ncap) {
              stk[nstk++] = -inst.arg - 1;
              stk[nstk++] = capArray[capOffset + inst.arg];
              capArray[capOffset + inst.arg] = pos;
            }
            pc = inst.out;
            break;
          case Inst.LB_WRITE:
            this.lbTable[Math.abs(inst.arg)] = pos;
            pc = inst.out;
            break;
          case Inst.LB_CHECK:
            if (inst.arg > 0) pc = this.lbTable[inst.arg] === pos ? inst.out : 0;
            else pc = this.lbTable[-inst.arg] !== pos ? inst.out : 0;
            break;
          case Inst.MATCH:
          case Inst.RUNE:
          case Inst.RUNE1:
          case Inst.RUNE_ANY:
          case Inst.RUNE_ANY_NOT_NL:
            if (this.prog.lbInst[pc] === 0) q.mainThreads++;
            if (this.ncap > 0) {
              const destOffset = d * this.ncap;
              if (destOffset + this.ncap > q.denseCaps.length) q.growCaps(destOffset + this.ncap);
              for (let c = 0; c < this.ncap; c++) q.denseCaps[destOffset + c] = capArray[capOffset + c];
            }
            pc = 0;
            break;
          default:
            throw new RE2JSInternalException("unhandled");
        }
      }
      if (nstk === 0) return;
      nstk -= 2;
      const entry = stk[nstk];
      if (entry < 0) {
        capArray[capOffset - entry - 1] = stk[nstk + 1];
        pc = 0;
      } else pc = entry;
    }
  }
};
var hashState = (pcs, flag, ids) => {
  let h = -2128831035;
  for (let i = 0; i < pcs.length; i++) {
    h ^= pcs[i];
    h = Math.imul(h, 16777619);
  }
  h ^= flag;
  h = Math.imul(h, 16777619);
  for (let i = 0; i < ids.length; i++) {
    h ^= ids[i];
    h = Math.imul(h, 16777619);
  }
  return h;
};
var arraysEqual = (a, b) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
var isState = (state, pcs, flag, ids) => state.flag === flag && arraysEqual(state.nfaStates, pcs) && arraysEqual(state.matchIDs, ids);
var NO_IDS = [];
var END_TEXT = -1;
var DFAState = class {
  constructor(nfaStates, flag, matchIDs) {
    this.nfaStates = nfaStates;
    this.flag = flag;
    this.isMatch = (flag & DFA.FLAG_MATCH) !== 0;
    this.matchIDs = matchIDs;
    this.next = null;
    this.nextAnchored = null;
  }
};
var DFA = class DFA2 {
  static FLAG_EMPTY_MASK = 255;
  static FLAG_MATCH = 256;
  static FLAG_LAST_WORD = 512;
  static FLAG_NEED_SHIFT = 16;
  static STATE_OVERHEAD = 150;
  static ARRAY_OVERHEAD = 40;
  static ELEMENT_SIZE = 8;
  static TABLE_OVERHEAD = 48;
  static PROGRESS_PER_STATE = 10;
  constructor(prog, maxMem = 8388608) {
    this.prog = prog;
    this.maxMem = maxMem;
    this.stateCache = /* @__PURE__ */ new Map();
    this.stateCount = 0;
    this.startStates = /* @__PURE__ */ new Map();
    this.failed = false;
    for (let pc = 0; pc < prog.numInst(); pc++) {
      const op = prog.getInst(pc).op;
      if (op === Inst.LB_WRITE || op === Inst.LB_CHECK) {
        this.failed = true;
        break;
      }
    }
    this.computeRuneClasses();
    this.stateBudget = maxMem;
    this.memBudget = maxMem;
  }
  computeRuneClasses() {
    const bounds = /* @__PURE__ */ new Set();
    const addRange = (lo, hi) => {
      bounds.add(lo);
      bounds.add(hi + 1);
    };
    for (let pc = 0; pc < this.prog.numInst(); pc++) {
      const inst = this.prog.getInst(pc);
      switch (inst.op) {
        case Inst.RUNE:
        case Inst.RUNE1:
          if (inst.runes.length === 1) {
            addRange(inst.runes[0], inst.runes[0]);
            if ((inst.arg & RE2Flags.FOLD_CASE) !== 0) for (let f = Unicode.simpleFold(inst.runes[0]); f !== inst.runes[0]; f = Unicode.simpleFold(f)) addRange(f, f);
          } else for (let j = 0; j < inst.runes.length; j += 2) addRange(inst.runes[j], inst.runes[j + 1]);
          break;
        case Inst.RUNE_ANY_NOT_NL:
          addRange(10, 10);
          break;
        case Inst.EMPTY_WIDTH:
          if ((inst.arg & (Utils.EMPTY_BEGIN_LINE | Utils.EMPTY_END_LINE)) !== 0) addRange(10, 10);
          if ((inst.arg & (Utils.EMPTY_WORD_BOUNDARY | Utils.EMPTY_NO_WORD_BOUNDARY)) !== 0) {
            addRange(48, 57);
            addRange(65, 90);
            addRange(95, 95);
            addRange(97, 122);
          }
      }
    }
    bounds.delete(0);
    this.classBounds = Int32Array.from(bounds).sort();
    this.numClasses = this.classBounds.length + 1;
    const latin1Class = new Int32Array(Unicode.MAX_LATIN1 + 1);
    for (let r = 0; r <= Unicode.MAX_LATIN1; r++) latin1Class[r] = this.searchClass(r);
    this.latin1Class = latin1Class;
  }
  runeClass(r) {
    if (r <= Unicode.MAX_LATIN1) return this.latin1Class[r];
    return this.searchClass(r);
  }
  searchClass(r) {
    const bounds = this.classBounds;
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (bounds[mid] <= r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  closure(pcs, flag) {
    const closure = /* @__PURE__ */ new Set();
    const stack = Array.from(pcs);
    let needflags = 0;
    while (stack.length > 0) {
      const pc = stack.pop();
      if (pc === 0 || closure.has(pc)) continue;
      closure.add(pc);
      const inst = this.prog.getInst(pc);
      switch (inst.op) {
        case Inst.ALT:
        case Inst.ALT_MATCH:
          stack.push(inst.out);
          stack.push(inst.arg);
          break;
        case Inst.NOP:
        case Inst.CAPTURE:
          stack.push(inst.out);
          break;
        case Inst.EMPTY_WIDTH:
          needflags |= inst.arg;
          if ((inst.arg & ~flag) === 0) stack.push(inst.out);
      }
    }
    return {
      pcs: Array.from(closure).sort((a, b) => a - b),
      needflags
    };
  }
  getState(pcs, flag, ids) {
    const hash = hashState(pcs, flag, ids);
    const cached = this.stateCache.get(hash);
    if (cached instanceof DFAState) {
      if (isState(cached, pcs, flag, ids)) return cached;
    } else if (cached !== void 0) {
      for (let i = 0; i < cached.length; i++) if (isState(cached[i], pcs, flag, ids)) return cached[i];
    }
    const cost = DFA2.stateCost(pcs, ids);
    if (this.memBudget < cost) return null;
    this.memBudget -= cost;
    const state = new DFAState(pcs, flag, ids);
    if (cached === void 0) this.stateCache.set(hash, state);
    else if (cached instanceof DFAState) this.stateCache.set(hash, [cached, state]);
    else cached.push(state);
    this.stateCount++;
    return state;
  }
  static stateCost(pcs, ids) {
    const idsCost = ids.length === 0 ? 0 : DFA2.ARRAY_OVERHEAD + DFA2.ELEMENT_SIZE * ids.length;
    return DFA2.STATE_OVERHEAD + DFA2.ELEMENT_SIZE * pcs.length + idsCost;
  }
  *cachedStates() {
    for (const cached of this.stateCache.values()) if (cached instanceof DFAState) yield cached;
    else yield* cached;
  }
  makeState(pcs, flag, ids) {
    const closure = this.closure(pcs, flag & DFA2.FLAG_EMPTY_MASK);
    let stateFlag = flag;
    if (closure.needflags === 0) stateFlag &= DFA2.FLAG_MATCH;
    stateFlag |= closure.needflags << DFA2.FLAG_NEED_SHIFT;
    return this.getState(closure.pcs, stateFlag, ids);
  }
  allocTable(state, anchor) {
    const size = this.numClasses + 1;
    const cost = DFA2.TABLE_OVERHEAD + DFA2.ELEMENT_SIZE * size;
    if (this.memBudget < cost) return null;
    this.memBudget -= cost;
    const table = new Array(size).fill(null);
    if (anchor === RE2Flags.UNANCHORED) state.next = table;
    else state.nextAnchored = table;
    return table;
  }
  clearCache() {
    this.stateCache.clear();
    this.stateCount = 0;
    this.startStates.clear();
    this.memBudget = this.stateBudget;
  }
  resetCache(current) {
    this.clearCache();
    return this.getState(current.nfaStates, current.flag, current.matchIDs);
  }
  step(state, cls, rune, anchor) {
    let table = anchor === RE2Flags.UNANCHORED ? state.next : state.nextAnchored;
    if (table !== null) {
      const cached = table[cls];
      if (cached !== null) return cached;
    } else {
      table = this.allocTable(state, anchor);
      if (table === null) return null;
    }
    const needflag = state.flag >>> DFA2.FLAG_NEED_SHIFT;
    const oldbeforeflag = state.flag & DFA2.FLAG_EMPTY_MASK;
    let beforeflag = oldbeforeflag;
    let afterflag = 0;
    if (rune === 10) {
      beforeflag |= Utils.EMPTY_END_LINE;
      afterflag |= Utils.EMPTY_BEGIN_LINE;
    }
    if (rune === END_TEXT) beforeflag |= Utils.EMPTY_END_LINE | Utils.EMPTY_END_TEXT;
    const islastword = (state.flag & DFA2.FLAG_LAST_WORD) !== 0;
    const isword = rune !== END_TEXT && Utils.isWordRune(rune);
    beforeflag |= isword === islastword ? Utils.EMPTY_NO_WORD_BOUNDARY : Utils.EMPTY_WORD_BOUNDARY;
    let pcs = state.nfaStates;
    if ((beforeflag & ~oldbeforeflag & needflag) !== 0) pcs = this.closure(pcs, beforeflag).pcs;
    const nextPCs = [];
    let ismatch = false;
    let ids = NO_IDS;
    for (let i = 0; i < pcs.length; i++) {
      const inst = this.prog.getInst(pcs[i]);
      if (inst.op === Inst.MATCH) {
        if (!ismatch) {
          ismatch = true;
          ids = [];
        }
        ids.push(inst.arg);
      } else if (rune !== END_TEXT && Inst.isRuneOp(inst.op) && inst.matchRune(rune)) nextPCs.push(inst.out);
    }
    if (ids.length > 1) ids.sort((a, b) => a - b);
    if (anchor === RE2Flags.UNANCHORED && rune !== END_TEXT) nextPCs.push(this.prog.start);
    let flag = afterflag;
    if (ismatch) flag |= DFA2.FLAG_MATCH;
    if (isword) flag |= DFA2.FLAG_LAST_WORD;
    const nextState = this.makeState(nextPCs, flag, ids);
    if (nextState === null) return null;
    table[cls] = nextState;
    return nextState;
  }
  start(input2, pos) {
    const context = input2.context(pos);
    let flags;
    if ((context & Utils.EMPTY_BEGIN_TEXT) !== 0) flags = Utils.EMPTY_BEGIN_TEXT | Utils.EMPTY_BEGIN_LINE;
    else if ((context & Utils.EMPTY_BEGIN_LINE) !== 0) flags = Utils.EMPTY_BEGIN_LINE;
    else {
      const r = input2.step(pos);
      const nextIsWord = r >= 0 && Utils.isWordRune(r >> 3);
      flags = (context & Utils.EMPTY_WORD_BOUNDARY) !== 0 !== nextIsWord ? DFA2.FLAG_LAST_WORD : 0;
    }
    let state = this.startStates.get(flags);
    if (state === void 0) {
      state = this.makeState([this.prog.start], flags, NO_IDS);
      if (state === null) {
        this.clearCache();
        state = this.makeState([this.prog.start], flags, NO_IDS);
        if (state === null) return null;
      }
      this.startStates.set(flags, state);
    }
    return state;
  }
  stepOrReset(state, cls, rune, anchor, pos, search) {
    let next = this.step(state, cls, rune, anchor);
    if (next !== null) return next;
    if (search.resetPos >= 0 && pos - search.resetPos < DFA2.PROGRESS_PER_STATE * this.stateCount) return null;
    search.resetPos = pos;
    const restored = this.resetCache(state);
    if (restored === null) return null;
    next = this.step(restored, cls, rune, anchor);
    return next;
  }
  run(input2, pos, anchor, state, onMatch) {
    const endPos = input2.endPos();
    const latin1Class = this.latin1Class;
    const unanchored = anchor === RE2Flags.UNANCHORED;
    const search = { resetPos: -1 };
    let i = pos;
    while (i < endPos) {
      const r = input2.step(i);
      const rune = r >> 3;
      const width = r & 7;
      if (width === 0) break;
      const cls = rune <= Unicode.MAX_LATIN1 ? latin1Class[rune] : this.runeClass(rune);
      let next = unanchored && state.next !== null ? state.next[cls] : null;
      if (next === null) {
        next = this.stepOrReset(state, cls, rune, anchor, i, search);
        if (next === null) return null;
      }
      state = next;
      if (state.isMatch && onMatch(state, false)) return true;
      if (!unanchored && state.nfaStates.length === 0) return false;
      i += width;
    }
    state = this.stepOrReset(state, this.numClasses, END_TEXT, anchor, i, search);
    if (state === null) return null;
    return state.isMatch && onMatch(state, true);
  }
  match(input2, pos, anchor) {
    if (this.failed) return null;
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return false;
    const startState = this.start(input2, pos);
    if (startState === null) return null;
    return this.run(input2, pos, anchor, startState, (state, atEnd) => anchor !== RE2Flags.ANCHOR_BOTH || atEnd);
  }
  matchSet(input2, pos, anchor) {
    if (this.failed) return null;
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return [];
    const startState = this.start(input2, pos);
    if (startState === null) return null;
    const matches = /* @__PURE__ */ new Set();
    const collect = (state, atEnd) => {
      if (anchor !== RE2Flags.ANCHOR_BOTH || atEnd) for (let k = 0; k < state.matchIDs.length; k++) matches.add(state.matchIDs[k]);
      return false;
    };
    if (this.run(input2, pos, anchor, startState, collect) === null) return null;
    return Array.from(matches).sort((a, b) => a - b);
  }
};
var VISITED_BITS = 32;
var MAX_BACKTRACK_PROG = 500;
var INITIAL_JOB_CAPACITY = 256;
var MAX_BACKTRACK_VECTOR = 262144;
var BitState = class {
  constructor() {
    this.end = 0;
    this.cap = /* @__PURE__ */ new Int32Array(0);
    this.matchcap = /* @__PURE__ */ new Int32Array(0);
    this.ncap = 0;
    this.jobPc = new Int32Array(INITIAL_JOB_CAPACITY);
    this.jobArg = new Uint8Array(INITIAL_JOB_CAPACITY);
    this.jobPos = new Int32Array(INITIAL_JOB_CAPACITY);
    this.jobLen = 0;
    this.visited = /* @__PURE__ */ new Uint32Array(0);
  }
  reset(prog, end, ncap) {
    this.end = end;
    this.jobLen = 0;
    this.ncap = ncap;
    const visitedSize = prog.numInst() * (end + 1) + VISITED_BITS - 1 >>> 5;
    if (this.visited.length < visitedSize) this.visited = new Uint32Array(visitedSize);
    else this.visited.fill(0, 0, visitedSize);
    if (this.cap.length < ncap) this.cap = new Int32Array(ncap).fill(-1);
    else this.cap.fill(-1, 0, ncap);
    if (this.matchcap.length < ncap) this.matchcap = new Int32Array(ncap).fill(-1);
    else this.matchcap.fill(-1, 0, ncap);
  }
  shouldVisit(pc, pos) {
    const n = pc * (this.end + 1) + pos;
    const idx = n >>> 5;
    const mask = 1 << (n & 31);
    if ((this.visited[idx] & mask) !== 0) return false;
    this.visited[idx] |= mask;
    return true;
  }
  push(re2, pc, pos, arg) {
    if (re2.prog.getInst(pc).op !== Inst.FAIL && (arg || this.shouldVisit(pc, pos))) {
      if (this.jobLen >= this.jobPc.length) {
        const newSize = this.jobPc.length * 2;
        const newPc = new Int32Array(newSize);
        newPc.set(this.jobPc);
        this.jobPc = newPc;
        const newArg = new Uint8Array(newSize);
        newArg.set(this.jobArg);
        this.jobArg = newArg;
        const newPos = new Int32Array(newSize);
        newPos.set(this.jobPos);
        this.jobPos = newPos;
      }
      this.jobPc[this.jobLen] = pc;
      this.jobArg[this.jobLen] = arg ? 1 : 0;
      this.jobPos[this.jobLen] = pos;
      this.jobLen++;
    }
  }
  tryBacktrack(re2, input2, pc, pos, anchor) {
    const longest = re2.longest;
    this.push(re2, pc, pos, false);
    while (this.jobLen > 0) {
      this.jobLen--;
      let currentPc = this.jobPc[this.jobLen];
      let arg = this.jobArg[this.jobLen] === 1;
      let currentPos = this.jobPos[this.jobLen];
      let skipShouldVisit = true;
      while (true) {
        if (!skipShouldVisit) {
          if (!this.shouldVisit(currentPc, currentPos)) break;
        }
        skipShouldVisit = false;
        const inst = re2.prog.getInst(currentPc);
        switch (inst.op) {
          case Inst.FAIL:
            break;
          case Inst.ALT:
            if (arg) {
              arg = false;
              currentPc = inst.arg;
              continue;
            } else {
              this.push(re2, currentPc, currentPos, true);
              currentPc = inst.out;
              continue;
            }
          case Inst.ALT_MATCH: {
            const outInst = re2.prog.getInst(inst.out);
            if (Inst.isRuneOp(outInst.op)) {
              this.push(re2, inst.arg, currentPos, false);
              currentPc = inst.arg;
              currentPos = this.end;
              continue;
            }
            this.push(re2, inst.out, this.end, false);
            currentPc = inst.out;
            continue;
          }
          case Inst.RUNE: {
            const r = input2.step(currentPos);
            if (r === MachineInputBase.EOF()) break;
            if (!inst.matchRune(r >> 3)) break;
            currentPos += r & 7;
            currentPc = inst.out;
            continue;
          }
          case Inst.RUNE1: {
            const r = input2.step(currentPos);
            if (r === MachineInputBase.EOF()) break;
            if (r >> 3 !== inst.runes[0]) break;
            currentPos += r & 7;
            currentPc = inst.out;
            continue;
          }
          case Inst.RUNE_ANY_NOT_NL: {
            const r = input2.step(currentPos);
            if (r === MachineInputBase.EOF()) break;
            if (r >> 3 === 10) break;
            currentPos += r & 7;
            currentPc = inst.out;
            continue;
          }
          case Inst.RUNE_ANY: {
            const r = input2.step(currentPos);
            if (r === MachineInputBase.EOF()) break;
            currentPos += r & 7;
            currentPc = inst.out;
            continue;
          }
          case Inst.CAPTURE:
            if (arg) {
              this.cap[inst.arg] = currentPos;
              break;
            } else {
              if (inst.arg < this.ncap) {
                this.push(re2, currentPc, this.cap[inst.arg], true);
                this.cap[inst.arg] = currentPos;
              }
              currentPc = inst.out;
              continue;
            }
          case Inst.EMPTY_WIDTH: {
            const flag = input2.context(currentPos);
            if ((inst.arg & ~flag) !== 0) break;
            currentPc = inst.out;
            continue;
          }
          case Inst.NOP:
            currentPc = inst.out;
            continue;
          case Inst.MATCH: {
            if (anchor === RE2Flags.ANCHOR_BOTH && currentPos !== this.end) break;
            if (this.ncap === 0) return true;
            if (this.ncap > 1) this.cap[1] = currentPos;
            const old = this.matchcap[1];
            if (old === -1 || longest && currentPos > 0 && currentPos > old) this.matchcap.set(this.cap);
            if (!longest) return true;
            if (currentPos === this.end) return true;
            break;
          }
          case Inst.LB_WRITE:
          case Inst.LB_CHECK:
            throw new RE2JSInternalException("Backtracker cannot evaluate Lookbehind instructions");
          default:
            throw new RE2JSInternalException("bad inst");
        }
        break;
      }
    }
    return longest && this.matchcap.length > 1 && this.matchcap[1] >= 0;
  }
};
var bitStatePool = [];
var Backtracker = class Backtracker2 {
  static shouldBacktrack(prog) {
    return prog.numInst() <= MAX_BACKTRACK_PROG;
  }
  static maxBitStateLen(prog) {
    if (!Backtracker2.shouldBacktrack(prog)) return 0;
    return Math.floor(MAX_BACKTRACK_VECTOR / prog.numInst());
  }
  static execute(re2, input2, pos, anchor, ncap) {
    const startCond = re2.cond;
    if (startCond === Utils.EMPTY_ALL) return null;
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return null;
    if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 && pos !== 0) return null;
    const b = bitStatePool.length > 0 ? bitStatePool.pop() : new BitState();
    const end = input2.endPos();
    b.reset(re2.prog, end, ncap);
    let matched = false;
    if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 || anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) {
      if (b.ncap > 0) b.cap[0] = pos;
      if (b.tryBacktrack(re2, input2, re2.prog.start, pos, anchor)) matched = true;
    } else {
      let width = -1;
      for (; pos <= end && width !== 0; pos += width) {
        if (re2.prefix.length > 0) {
          const advance = input2.index(re2, pos);
          if (advance < 0) break;
          pos += advance;
        }
        if (b.ncap > 0) b.cap[0] = pos;
        if (b.tryBacktrack(re2, input2, re2.prog.start, pos, anchor)) {
          matched = true;
          break;
        }
        const r = input2.step(pos);
        width = r === MachineInputBase.EOF() ? 0 : r & 7;
      }
    }
    if (!matched) {
      bitStatePool.push(b);
      return null;
    }
    const result = ncap === 0 ? [] : Utils.toArray(b.matchcap.subarray(0, ncap));
    bitStatePool.push(b);
    return result;
  }
};
var QueueOnePass = class {
  constructor(size) {
    this.sparse = new Uint32Array(size);
    this.dense = new Uint32Array(size);
    this.size = 0;
    this.nextIndex = 0;
  }
  empty() {
    return this.nextIndex >= this.size;
  }
  next() {
    return this.dense[this.nextIndex++];
  }
  clear() {
    this.size = 0;
    this.nextIndex = 0;
  }
  contains(u) {
    return u < this.sparse.length && this.sparse[u] < this.size && this.dense[this.sparse[u]] === u;
  }
  insert(u) {
    if (!this.contains(u)) this.insertNew(u);
  }
  insertNew(u) {
    if (u >= this.sparse.length) return;
    this.sparse[u] = this.size;
    this.dense[this.size] = u;
    this.size++;
  }
};
var mergeRuneSets = (leftRunes, rightRunes, leftPC, rightPC) => {
  const leftLen = leftRunes.length;
  const rightLen = rightRunes.length;
  let lx = 0, rx = 0;
  const merged = [];
  const next = [];
  let ok = true;
  let ix = -1;
  const extend = (isLeft) => {
    const newArray = isLeft ? leftRunes : rightRunes;
    const low = isLeft ? lx : rx;
    const pc = isLeft ? leftPC : rightPC;
    if (ix > 0 && newArray[low] <= merged[ix]) return false;
    merged.push(newArray[low], newArray[low + 1]);
    if (isLeft) lx += 2;
    else rx += 2;
    ix += 2;
    next.push(pc);
    return true;
  };
  while (lx < leftLen || rx < rightLen) {
    if (rx >= rightLen) ok = extend(true);
    else if (lx >= leftLen) ok = extend(false);
    else if (rightRunes[rx] < leftRunes[lx]) ok = extend(false);
    else ok = extend(true);
    if (!ok) return null;
  }
  return {
    merged,
    next
  };
};
var OnePassProg = class {
  constructor(prog) {
    this.start = prog.start;
    this.numCap = prog.numCap;
    this.inst = new Array(prog.inst.length);
    for (let i = 0; i < prog.inst.length; i++) {
      const orig = prog.inst[i];
      const inst = new Inst(orig.op);
      inst.out = orig.out;
      inst.arg = orig.arg;
      inst.runes = orig.runes ? new Int32Array(orig.runes) : /* @__PURE__ */ new Int32Array(0);
      inst.next = null;
      this.inst[i] = inst;
    }
  }
};
var onePassCopy = (prog) => {
  const p = new OnePassProg(prog);
  for (let pc = 0; pc < p.inst.length; pc++) {
    const inst = p.inst[pc];
    if (inst.op !== Inst.ALT && inst.op !== Inst.ALT_MATCH) continue;
    let pAOther = "out";
    let pAAlt = "arg";
    let instAlt = p.inst[inst[pAAlt]];
    if (instAlt.op !== Inst.ALT && instAlt.op !== Inst.ALT_MATCH) {
      pAOther = "arg";
      pAAlt = "out";
      instAlt = p.inst[inst[pAAlt]];
      if (instAlt.op !== Inst.ALT && instAlt.op !== Inst.ALT_MATCH) continue;
    }
    const instOther = p.inst[inst[pAOther]];
    if (instOther.op === Inst.ALT || instOther.op === Inst.ALT_MATCH) continue;
    let pBAlt = "out";
    let pBOther = "arg";
    let patch = false;
    if (instAlt.out === pc) patch = true;
    else if (instAlt.arg === pc) {
      patch = true;
      pBAlt = "arg";
      pBOther = "out";
    }
    if (patch) instAlt[pBAlt] = inst[pAOther];
    if (inst[pAOther] === instAlt[pBAlt]) inst[pAAlt] = instAlt[pBOther];
  }
  return p;
};
var makeOnePass = (p) => {
  if (p.inst.length >= 1e3) return null;
  const instQueue = new QueueOnePass(p.inst.length);
  const visitQueue = new QueueOnePass(p.inst.length);
  const onePassRunes = new Array(p.inst.length);
  const m = new Array(p.inst.length).fill(false);
  const check = (pc) => {
    let ok = true;
    const inst = p.inst[pc];
    if (visitQueue.contains(pc)) return true;
    visitQueue.insert(pc);
    switch (inst.op) {
      case Inst.ALT:
      case Inst.ALT_MATCH: {
        ok = check(inst.out) && check(inst.arg);
        let matchOut = m[inst.out];
        let matchArg = m[inst.arg];
        if (matchOut && matchArg) return false;
        if (matchArg) {
          const tempOut = inst.out;
          inst.out = inst.arg;
          inst.arg = tempOut;
          const tempMatch = matchOut;
          matchOut = matchArg;
          matchArg = tempMatch;
        }
        if (matchOut) {
          m[pc] = true;
          inst.op = Inst.ALT_MATCH;
        }
        const leftRunes = onePassRunes[inst.out] || [];
        const rightRunes = onePassRunes[inst.arg] || [];
        const mergeRes = mergeRuneSets(leftRunes, rightRunes, inst.out, inst.arg);
        if (!mergeRes) return false;
        onePassRunes[pc] = new Int32Array(mergeRes.merged);
        inst.next = new Uint32Array(mergeRes.next);
        break;
      }
      case Inst.CAPTURE:
      case Inst.EMPTY_WIDTH:
      case Inst.NOP:
        ok = check(inst.out);
        m[pc] = m[inst.out];
        onePassRunes[pc] = onePassRunes[inst.out] ? new Int32Array(onePassRunes[inst.out]) : /* @__PURE__ */ new Int32Array(0);
        inst.next = new Uint32Array(Math.floor(onePassRunes[pc].length / 2) + 1).fill(inst.out);
        break;
      case Inst.MATCH:
      case Inst.FAIL:
        m[pc] = inst.op === Inst.MATCH;
        break;
      case Inst.RUNE: {
        m[pc] = false;
        if (inst.next && inst.next.length > 0) break;
        instQueue.insert(inst.out);
        if (!inst.runes || inst.runes.length === 0) {
          onePassRunes[pc] = /* @__PURE__ */ new Int32Array(0);
          inst.next = new Uint32Array([inst.out]);
          break;
        }
        let runes = [];
        if (inst.runes.length === 1 && (inst.arg & RE2Flags.FOLD_CASE) !== 0) {
          const r0 = inst.runes[0];
          runes.push(r0, r0);
          for (let r1 = Unicode.simpleFold(r0); r1 !== r0; r1 = Unicode.simpleFold(r1)) runes.push(r1, r1);
          runes.sort((a, b) => a - b);
        } else for (let j = 0; j < inst.runes.length; j++) runes.push(inst.runes[j]);
        onePassRunes[pc] = new Int32Array(runes);
        inst.next = new Uint32Array(Math.floor(runes.length / 2) + 1).fill(inst.out);
        inst.op = Inst.RUNE;
        break;
      }
      case Inst.RUNE1: {
        m[pc] = false;
        if (inst.next && inst.next.length > 0) break;
        instQueue.insert(inst.out);
        let runes = [];
        if ((inst.arg & RE2Flags.FOLD_CASE) !== 0) {
          const r0 = inst.runes[0];
          runes.push(r0, r0);
          for (let r1 = Unicode.simpleFold(r0); r1 !== r0; r1 = Unicode.simpleFold(r1)) runes.push(r1, r1);
          runes.sort((a, b) => a - b);
        } else runes.push(inst.runes[0], inst.runes[0]);
        onePassRunes[pc] = new Int32Array(runes);
        inst.next = new Uint32Array(Math.floor(runes.length / 2) + 1).fill(inst.out);
        inst.op = Inst.RUNE;
        break;
      }
      case Inst.RUNE_ANY:
        m[pc] = false;
        if (inst.next && inst.next.length > 0) break;
        instQueue.insert(inst.out);
        onePassRunes[pc] = new Int32Array([0, Unicode.MAX_RUNE]);
        inst.next = new Uint32Array([inst.out]);
        break;
      case Inst.RUNE_ANY_NOT_NL:
        m[pc] = false;
        if (inst.next && inst.next.length > 0) break;
        instQueue.insert(inst.out);
        onePassRunes[pc] = new Int32Array([
          0,
          9,
          11,
          Unicode.MAX_RUNE
        ]);
        inst.next = new Uint32Array(Math.floor(onePassRunes[pc].length / 2) + 1).fill(inst.out);
    }
    return ok;
  };
  instQueue.clear();
  instQueue.insert(p.start);
  while (!instQueue.empty()) {
    visitQueue.clear();
    if (!check(instQueue.next())) return null;
  }
  for (let i = 0; i < p.inst.length; i++) if (onePassRunes[i]) p.inst[i].runes = onePassRunes[i];
  return p;
};
var cleanupOnePass = (p, original) => {
  for (let ix = 0; ix < original.inst.length; ix++) {
    const instOriginal = original.inst[ix];
    switch (instOriginal.op) {
      case Inst.ALT:
      case Inst.ALT_MATCH:
      case Inst.RUNE:
        break;
      case Inst.CAPTURE:
      case Inst.EMPTY_WIDTH:
      case Inst.NOP:
      case Inst.MATCH:
      case Inst.FAIL:
        p.inst[ix].next = null;
        break;
      case Inst.RUNE1:
      case Inst.RUNE_ANY:
      case Inst.RUNE_ANY_NOT_NL:
        p.inst[ix].next = null;
        p.inst[ix].op = instOriginal.op;
        p.inst[ix].runes = instOriginal.runes ? new Int32Array(instOriginal.runes) : /* @__PURE__ */ new Int32Array(0);
    }
  }
};
var OnePass = class OnePass2 {
  static compile(prog) {
    if (prog.start === 0) return null;
    if (prog.numLb > 0) return null;
    const startInst = prog.inst[prog.start];
    if (startInst.op !== Inst.EMPTY_WIDTH || (startInst.arg & Utils.EMPTY_BEGIN_TEXT) === 0) return null;
    let hasAlt = false;
    for (let i = 0; i < prog.inst.length; i++) if (prog.inst[i].op === Inst.ALT || prog.inst[i].op === Inst.ALT_MATCH) {
      hasAlt = true;
      break;
    }
    for (let i = 0; i < prog.inst.length; i++) {
      const inst = prog.inst[i];
      const opOut = prog.inst[inst.out].op;
      switch (inst.op) {
        case Inst.ALT:
        case Inst.ALT_MATCH:
          if (opOut === Inst.MATCH || prog.inst[inst.arg].op === Inst.MATCH) return null;
          break;
        case Inst.EMPTY_WIDTH:
          if (opOut === Inst.MATCH) {
            if ((inst.arg & Utils.EMPTY_END_TEXT) === Utils.EMPTY_END_TEXT) continue;
            return null;
          }
          break;
        default:
          if (opOut === Inst.MATCH && hasAlt) return null;
      }
    }
    let p = onePassCopy(prog);
    p = makeOnePass(p);
    if (p !== null) cleanupOnePass(p, prog);
    return p;
  }
  static next(inst, r) {
    const nextIdx = inst.matchRunePos(r);
    if (nextIdx >= 0) return inst.next[nextIdx];
    if (inst.op === Inst.ALT_MATCH) return inst.out;
    return 0;
  }
  static execute(re2, input2, pos, anchor, ncap) {
    const onepass = re2.onepass;
    if (!onepass) return null;
    const matchcap = new Int32Array(ncap).fill(-1);
    let matched = false;
    let r = input2.step(pos);
    let rune = r >> 3;
    let width = r & 7;
    let r1 = MachineInputBase.EOF();
    let rune1 = -1;
    let width1 = 0;
    if (r !== MachineInputBase.EOF()) {
      r1 = input2.step(pos + width);
      if (r1 !== MachineInputBase.EOF()) {
        rune1 = r1 >> 3;
        width1 = r1 & 7;
      }
    }
    let flag = pos === 0 ? Utils.emptyOpContext(-1, rune) : input2.context(pos);
    let pc = onepass.start;
    let inst;
    while (true) {
      inst = onepass.inst[pc];
      pc = inst.out;
      switch (inst.op) {
        case Inst.MATCH:
          if (anchor === RE2Flags.ANCHOR_BOTH && pos !== input2.endPos()) return null;
          matched = true;
          if (matchcap.length > 0) {
            matchcap[0] = 0;
            matchcap[1] = pos;
          }
          return ncap === 0 ? [] : Utils.toArray(matchcap);
        case Inst.RUNE:
          if (!inst.matchRune(rune)) return null;
          break;
        case Inst.RUNE1:
          if (rune !== inst.runes[0]) return null;
          break;
        case Inst.RUNE_ANY:
          break;
        case Inst.RUNE_ANY_NOT_NL:
          if (rune === 10) return null;
          break;
        case Inst.ALT:
        case Inst.ALT_MATCH:
          pc = OnePass2.next(inst, rune);
          continue;
        case Inst.FAIL:
          return null;
        case Inst.NOP:
          continue;
        case Inst.EMPTY_WIDTH:
          if ((inst.arg & ~flag) !== 0) return null;
          continue;
        case Inst.CAPTURE:
          if (inst.arg < matchcap.length) matchcap[inst.arg] = pos;
          continue;
        default:
          throw new RE2JSInternalException("bad inst");
      }
      if (width === 0) break;
      flag = Utils.emptyOpContext(rune, rune1);
      pos += width;
      rune = rune1;
      width = width1;
      if (rune !== -1) {
        r1 = input2.step(pos + width);
        if (r1 !== MachineInputBase.EOF()) {
          rune1 = r1 >> 3;
          width1 = r1 & 7;
        } else {
          rune1 = -1;
          width1 = 0;
        }
      }
    }
    if (!matched) return null;
    return ncap === 0 ? [] : Utils.toArray(matchcap);
  }
};
var Regexp = class Regexp2 {
  static Op = createEnum([
    "NO_MATCH",
    "EMPTY_MATCH",
    "LITERAL",
    "CHAR_CLASS",
    "ANY_CHAR_NOT_NL",
    "ANY_CHAR",
    "BEGIN_LINE",
    "END_LINE",
    "BEGIN_TEXT",
    "END_TEXT",
    "WORD_BOUNDARY",
    "NO_WORD_BOUNDARY",
    "CAPTURE",
    "STAR",
    "PLUS",
    "QUEST",
    "REPEAT",
    "CONCAT",
    "ALTERNATE",
    "PLB",
    "NLB",
    "LEFT_PAREN",
    "VERTICAL_BAR"
  ]);
  static isPseudoOp(op) {
    return op >= Regexp2.Op.LEFT_PAREN;
  }
  static emptySubs() {
    return [];
  }
  static quoteIfHyphen(rune) {
    if (rune === Codepoint.CODES["-"]) return "\\";
    return "";
  }
  static fromRegexp(re) {
    const regex = new Regexp2(re.op);
    regex.flags = re.flags;
    regex.subs = re.subs;
    regex.runes = re.runes;
    regex.cap = re.cap;
    regex.min = re.min;
    regex.max = re.max;
    regex.name = re.name;
    regex.namedGroups = re.namedGroups;
    regex.lb = re.lb;
    return regex;
  }
  constructor(op) {
    this.op = op;
    this.flags = 0;
    this.subs = Regexp2.emptySubs();
    this.runes = /* @__PURE__ */ new Int32Array(0);
    this.min = 0;
    this.max = 0;
    this.cap = 0;
    this.name = null;
    this.namedGroups = /* @__PURE__ */ Object.create(null);
    this.lb = 0;
  }
  reinit() {
    this.flags = 0;
    this.subs = Regexp2.emptySubs();
    this.runes = /* @__PURE__ */ new Int32Array(0);
    this.cap = 0;
    this.min = 0;
    this.max = 0;
    this.name = null;
    this.namedGroups = /* @__PURE__ */ Object.create(null);
    this.lb = 0;
  }
  toString() {
    return this.appendTo();
  }
  appendTo() {
    let out = "";
    switch (this.op) {
      case Regexp2.Op.NO_MATCH:
        out += "[^\\x00-\\x{10FFFF}]";
        break;
      case Regexp2.Op.EMPTY_MATCH:
        out += "(?:)";
        break;
      case Regexp2.Op.STAR:
      case Regexp2.Op.PLUS:
      case Regexp2.Op.QUEST:
      case Regexp2.Op.REPEAT: {
        const sub = this.subs[0];
        if (sub.op > Regexp2.Op.CAPTURE || sub.op === Regexp2.Op.LITERAL && sub.runes.length > 1) out += `(?:${sub.appendTo()})`;
        else out += sub.appendTo();
        switch (this.op) {
          case Regexp2.Op.STAR:
            out += "*";
            break;
          case Regexp2.Op.PLUS:
            out += "+";
            break;
          case Regexp2.Op.QUEST:
            out += "?";
            break;
          case Regexp2.Op.REPEAT:
            out += `{${this.min}`;
            if (this.min !== this.max) {
              out += ",";
              if (this.max >= 0) out += this.max;
            }
            out += "}";
        }
        if ((this.flags & RE2Flags.NON_GREEDY) !== 0) out += "?";
        break;
      }
      case Regexp2.Op.CONCAT:
        for (let sub of this.subs) if (sub.op === Regexp2.Op.ALTERNATE) out += `(?:${sub.appendTo()})`;
        else out += sub.appendTo();
        break;
      case Regexp2.Op.ALTERNATE: {
        let sep = "";
        for (let sub of this.subs) {
          out += sep;
          sep = "|";
          out += sub.appendTo();
        }
        break;
      }
      case Regexp2.Op.LITERAL:
        if ((this.flags & RE2Flags.FOLD_CASE) !== 0) out += "(?i:";
        for (let rune of this.runes) out += Utils.escapeRune(rune);
        if ((this.flags & RE2Flags.FOLD_CASE) !== 0) out += ")";
        break;
      case Regexp2.Op.ANY_CHAR_NOT_NL:
        out += "(?-s:.)";
        break;
      case Regexp2.Op.ANY_CHAR:
        out += "(?s:.)";
        break;
      case Regexp2.Op.PLB:
        out += `(?<=${this.subs[0].appendTo()})`;
        break;
      case Regexp2.Op.NLB:
        out += `(?<!${this.subs[0].appendTo()})`;
        break;
      case Regexp2.Op.CAPTURE:
        if (this.name === null || this.name.length === 0) out += "(";
        else out += `(?P<${this.name}>`;
        if (this.subs[0].op !== Regexp2.Op.EMPTY_MATCH) out += this.subs[0].appendTo();
        out += ")";
        break;
      case Regexp2.Op.BEGIN_TEXT:
        out += "\\A";
        break;
      case Regexp2.Op.END_TEXT:
        if ((this.flags & RE2Flags.WAS_DOLLAR) !== 0) out += "(?-m:$)";
        else out += "\\z";
        break;
      case Regexp2.Op.BEGIN_LINE:
        out += "^";
        break;
      case Regexp2.Op.END_LINE:
        out += "$";
        break;
      case Regexp2.Op.WORD_BOUNDARY:
        out += "\\b";
        break;
      case Regexp2.Op.NO_WORD_BOUNDARY:
        out += "\\B";
        break;
      case Regexp2.Op.CHAR_CLASS:
        if (this.runes.length % 2 !== 0) {
          out += "[invalid char class]";
          break;
        }
        out += "[";
        if (this.runes.length === 0) out += "^\\x00-\\x{10FFFF}";
        else if (this.runes[0] === 0 && this.runes[this.runes.length - 1] === Unicode.MAX_RUNE) {
          out += "^";
          for (let i = 1; i < this.runes.length - 1; i += 2) {
            const lo = this.runes[i] + 1;
            const hi = this.runes[i + 1] - 1;
            out += Regexp2.quoteIfHyphen(lo);
            out += Utils.escapeRune(lo);
            if (lo !== hi) {
              out += "-";
              out += Regexp2.quoteIfHyphen(hi);
              out += Utils.escapeRune(hi);
            }
          }
        } else for (let i = 0; i < this.runes.length; i += 2) {
          const lo = this.runes[i];
          const hi = this.runes[i + 1];
          out += Regexp2.quoteIfHyphen(lo);
          out += Utils.escapeRune(lo);
          if (lo !== hi) {
            out += "-";
            out += Regexp2.quoteIfHyphen(hi);
            out += Utils.escapeRune(hi);
          }
        }
        out += "]";
        break;
      default:
        out += this.op;
    }
    return out;
  }
  maxCap() {
    let m = 0;
    if (this.op === Regexp2.Op.CAPTURE) m = this.cap;
    if (this.subs !== null) for (let sub of this.subs) {
      const n = sub.maxCap();
      if (m < n) m = n;
    }
    return m;
  }
  equals(that) {
    if (!(that !== null && that instanceof Regexp2)) return false;
    if (this.op !== that.op) return false;
    switch (this.op) {
      case Regexp2.Op.END_TEXT:
        if ((this.flags & RE2Flags.WAS_DOLLAR) !== (that.flags & RE2Flags.WAS_DOLLAR)) return false;
        break;
      case Regexp2.Op.LITERAL:
      case Regexp2.Op.CHAR_CLASS:
        if ((this.flags & RE2Flags.FOLD_CASE) !== (that.flags & RE2Flags.FOLD_CASE)) return false;
        if (this.runes === null && that.runes === null) break;
        if (this.runes === null || that.runes === null) return false;
        if (this.runes.length !== that.runes.length) return false;
        for (let i = 0; i < this.runes.length; i++) if (this.runes[i] !== that.runes[i]) return false;
        break;
      case Regexp2.Op.ALTERNATE:
      case Regexp2.Op.CONCAT:
        if (this.subs.length !== that.subs.length) return false;
        for (let i = 0; i < this.subs.length; ++i) if (!this.subs[i].equals(that.subs[i])) return false;
        break;
      case Regexp2.Op.STAR:
      case Regexp2.Op.PLUS:
      case Regexp2.Op.QUEST:
        if ((this.flags & RE2Flags.NON_GREEDY) !== (that.flags & RE2Flags.NON_GREEDY) || !this.subs[0].equals(that.subs[0])) return false;
        break;
      case Regexp2.Op.REPEAT:
        if ((this.flags & RE2Flags.NON_GREEDY) !== (that.flags & RE2Flags.NON_GREEDY) || this.min !== that.min || this.max !== that.max || !this.subs[0].equals(that.subs[0])) return false;
        break;
      case Regexp2.Op.CAPTURE:
        if (this.cap !== that.cap || (this.name === null ? that.name !== null : this.name !== that.name) || !this.subs[0].equals(that.subs[0])) return false;
        break;
      case Regexp2.Op.PLB:
      case Regexp2.Op.NLB:
        if (this.lb !== that.lb || !this.subs[0].equals(that.subs[0])) return false;
    }
    return true;
  }
};
var RegexpWalker = class {
  static walk(root, handler) {
    const stack = [];
    let re = root;
    let result;
    for (; ; ) {
      if (re.subs.length === 0) result = handler.leaf(re);
      else {
        const state = handler.enter(re);
        if (state.result === void 0) {
          stack.push({
            re,
            state,
            i: 0
          });
          re = re.subs[0];
          continue;
        }
        result = state.result;
      }
      for (; ; ) {
        if (stack.length === 0) return result;
        const frame = stack[stack.length - 1];
        handler.child(frame.re, frame.state, result, frame.i);
        frame.i++;
        if (frame.state.result === void 0 && frame.i < frame.re.subs.length) {
          re = frame.re.subs[frame.i];
          break;
        }
        stack.pop();
        result = frame.state.result !== void 0 ? frame.state.result : handler.leave(frame.re, frame.state);
      }
    }
  }
};
var AhoCorasick = class {
  constructor(words, alphabetSize) {
    const edges = /* @__PURE__ */ new Map();
    const parent = [0];
    const unit = [0];
    const depth = [0];
    const terminal = [0];
    for (const word of words) {
      let node = 0;
      for (let i = 0; i < word.length; i++) {
        const key = node * alphabetSize + word[i];
        let child = edges.get(key);
        if (child === void 0) {
          child = parent.length;
          edges.set(key, child);
          parent.push(node);
          unit.push(word[i]);
          depth.push(depth[node] + 1);
          terminal.push(0);
        }
        node = child;
      }
      terminal[node] = 1;
    }
    const numNodes = parent.length;
    const children = new Int32Array(numNodes - 1);
    for (let c = 1; c < numNodes; c++) children[c - 1] = c;
    children.sort((a, b) => parent[a] - parent[b] || unit[a] - unit[b]);
    const childStart = new Int32Array(numNodes + 1);
    for (let c = 1; c < numNodes; c++) childStart[parent[c] + 1]++;
    for (let n = 0; n < numNodes; n++) childStart[n + 1] += childStart[n];
    const childUnit = new Int32Array(numNodes - 1);
    for (let k = 0; k < children.length; k++) childUnit[k] = unit[children[k]];
    this.childStart = childStart;
    this.childUnit = childUnit;
    this.childNode = children;
    const byDepth = new Int32Array(numNodes);
    for (let n = 0; n < numNodes; n++) byDepth[n] = n;
    byDepth.sort((a, b) => depth[a] - depth[b]);
    const fail = new Int32Array(numNodes);
    const match = Uint8Array.from(terminal);
    for (let k = 1; k < numNodes; k++) {
      const c = byDepth[k];
      const p = parent[c];
      if (p !== 0) {
        let f = fail[p];
        let next = this.next(f, unit[c]);
        while (next < 0 && f !== 0) {
          f = fail[f];
          next = this.next(f, unit[c]);
        }
        fail[c] = next >= 0 ? next : 0;
      }
      match[c] |= match[fail[c]];
    }
    this.fail = fail;
    this.match = match;
  }
  next(node, u) {
    let lo = this.childStart[node];
    let hi = this.childStart[node + 1];
    const units = this.childUnit;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      const m = units[mid];
      if (m === u) return this.childNode[mid];
      if (m < u) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }
  advance(node, u) {
    for (; ; ) {
      const next = this.next(node, u);
      if (next >= 0) return next;
      if (node === 0) return 0;
      node = this.fail[node];
    }
  }
  searchUTF16(charSeq, start, end) {
    let node = 0;
    for (let i = start; i < end; i++) {
      node = this.advance(node, charSeq.charCodeAt(i));
      if (this.match[node] === 1) return true;
    }
    return false;
  }
  searchUTF8(bytes, start, end) {
    let node = 0;
    for (let i = start; i < end; i++) {
      node = this.advance(node, bytes[i]);
      if (this.match[node] === 1) return true;
    }
    return false;
  }
};
var Prefilter = class Prefilter2 {
  static Type = {
    NONE: 0,
    EXACT: 1,
    AND: 2,
    OR: 3
  };
  static MAX_SCANS = 32;
  static MAX_AC_UNITS = 1 << 18;
  constructor(type) {
    this.type = type;
    this.subs = [];
    this.str = "";
    this.bytes = null;
    this.cost = type === Prefilter2.Type.EXACT ? 1 : 0;
    this.allExact = false;
    this.ac16 = null;
    this.ac8 = null;
  }
  automaton16() {
    if (this.ac16 === null) {
      const words = this.subs.map((s) => {
        const arr = new Array(s.str.length);
        for (let i = 0; i < s.str.length; i++) arr[i] = s.str.charCodeAt(i);
        return arr;
      });
      this.ac16 = new AhoCorasick(words, 65536);
    }
    return this.ac16;
  }
  automaton8() {
    if (this.ac8 === null) this.ac8 = new AhoCorasick(this.subs.map((s) => s.bytes), 256);
    return this.ac8;
  }
  eval(input2, pos) {
    switch (this.type) {
      case Prefilter2.Type.NONE:
        return true;
      case Prefilter2.Type.EXACT:
        return input2.hasString(this, pos);
      case Prefilter2.Type.AND:
        for (let i = 0; i < this.subs.length; i++) if (!this.subs[i].eval(input2, pos)) return false;
        return true;
      case Prefilter2.Type.OR:
        if (this.allExact) return input2.hasAnyString(this, pos);
        for (let i = 0; i < this.subs.length; i++) if (this.subs[i].eval(input2, pos)) return true;
        return false;
      default:
        return true;
    }
  }
};
var PrefilterTree = class PrefilterTree2 {
  static build(re) {
    if (!re) return new Prefilter(Prefilter.Type.NONE);
    return RegexpWalker.walk(re, PrefilterTree2.WALKER);
  }
  static WALKER = {
    leaf: (re) => PrefilterTree2.leaf(re),
    enter: (re) => PrefilterTree2.enter(re),
    child: (re, state, result) => PrefilterTree2.child(re, state, result),
    leave: (re, state) => PrefilterTree2.leave(re, state)
  };
  static leaf(re) {
    if (re.op !== Regexp.Op.LITERAL) return new Prefilter(Prefilter.Type.NONE);
    if (re.runes.length === 0 || (re.flags & RE2Flags.FOLD_CASE) !== 0) return new Prefilter(Prefilter.Type.NONE);
    let str = "";
    for (let i = 0; i < re.runes.length; i++) {
      if (Unicode.isUnsearchable(re.runes[i])) return new Prefilter(Prefilter.Type.NONE);
      str += String.fromCodePoint(re.runes[i]);
    }
    const pf = new Prefilter(Prefilter.Type.EXACT);
    pf.str = str;
    pf.bytes = Utils.stringToUtf8ByteArray(pf.str);
    return pf;
  }
  static enter(re) {
    switch (re.op) {
      case Regexp.Op.CAPTURE:
      case Regexp.Op.PLUS:
        return { sub: null };
      case Regexp.Op.REPEAT:
        if (re.min >= 1) return { sub: null };
        return { result: new Prefilter(Prefilter.Type.NONE) };
      case Regexp.Op.CONCAT:
        return {
          pf: new Prefilter(Prefilter.Type.AND),
          subs: []
        };
      case Regexp.Op.ALTERNATE:
        return {
          pf: new Prefilter(Prefilter.Type.OR),
          subs: []
        };
      default:
        return { result: new Prefilter(Prefilter.Type.NONE) };
    }
  }
  static child(re, state, s) {
    if (state.subs === void 0) {
      state.sub = s;
      return;
    }
    if (state.pf.type === Prefilter.Type.AND) {
      if (s.type === Prefilter.Type.NONE) return;
      if (s.type === Prefilter.Type.AND) {
        for (let j = 0; j < s.subs.length; j++) state.subs.push(s.subs[j]);
        return;
      }
      state.subs.push(s);
      return;
    }
    if (s.type === Prefilter.Type.NONE) {
      state.result = new Prefilter(Prefilter.Type.NONE);
      return;
    }
    if (s.type === Prefilter.Type.OR) {
      for (let j = 0; j < s.subs.length; j++) state.subs.push(s.subs[j]);
      return;
    }
    state.subs.push(s);
  }
  static leave(re, state) {
    if (state.subs === void 0) return state.sub;
    const pf = state.pf;
    const seen = /* @__PURE__ */ new Set();
    const subs = [];
    for (const sub of state.subs) {
      if (sub.type === Prefilter.Type.EXACT) {
        if (seen.has(sub.str)) continue;
        seen.add(sub.str);
      }
      subs.push(sub);
    }
    if (pf.type === Prefilter.Type.AND) {
      const kept = [];
      let cost2 = 0;
      for (const sub of subs) {
        if (cost2 + sub.cost > Prefilter.MAX_SCANS) continue;
        kept.push(sub);
        cost2 += sub.cost;
      }
      if (kept.length === 0) return new Prefilter(Prefilter.Type.NONE);
      if (kept.length === 1) return kept[0];
      pf.subs = kept;
      pf.cost = cost2;
      return pf;
    }
    if (subs.length === 0) return new Prefilter(Prefilter.Type.NONE);
    if (subs.length === 1) return subs[0];
    pf.subs = subs;
    let allExact = true;
    let cost = 0;
    let units = 0;
    for (const sub of subs) {
      if (sub.type !== Prefilter.Type.EXACT) allExact = false;
      else units += sub.bytes.length;
      cost += sub.cost;
    }
    if (allExact) {
      if (units > Prefilter.MAX_AC_UNITS) return new Prefilter(Prefilter.Type.NONE);
      pf.allExact = true;
      pf.cost = 1;
      return pf;
    }
    if (cost > Prefilter.MAX_SCANS) return new Prefilter(Prefilter.Type.NONE);
    pf.cost = cost;
    return pf;
  }
};
var PatchList = class {
  /**
  * @param {number} head - Encoded pointer to the start of the patch list.
  * @param {number} tail - Encoded pointer to the end of the patch list.
  */
  constructor(head = 0, tail = 0) {
    this.head = head;
    this.tail = tail;
  }
};
var Prog = class {
  constructor() {
    this.inst = [];
    this.start = 0;
    this.numCap = 2;
    this.lbStarts = [];
    this.numLb = 0;
    this.lbInst = null;
  }
  getInst(pc) {
    return this.inst[pc];
  }
  numInst() {
    return this.inst.length;
  }
  addInst(op) {
    this.inst.push(new Inst(op));
  }
  markLookbehindInsts() {
    const lbInst = new Uint8Array(this.inst.length);
    const pending = this.lbStarts.slice();
    while (pending.length > 0) {
      const pc = pending.pop();
      if (pc === 0 || lbInst[pc] === 1) continue;
      lbInst[pc] = 1;
      const i = this.inst[pc];
      switch (i.op) {
        case Inst.ALT:
        case Inst.ALT_MATCH:
          pending.push(i.out, i.arg);
          break;
        case Inst.MATCH:
        case Inst.FAIL:
          break;
        default:
          pending.push(i.out);
      }
    }
    this.lbInst = lbInst;
  }
  skipNop(pc) {
    let i = this.inst[pc];
    while (i.op === Inst.NOP || i.op === Inst.CAPTURE) {
      i = this.inst[pc];
      pc = i.out;
    }
    return i;
  }
  /** @returns {[boolean, string]} */
  prefix() {
    let prefix = "";
    let i = this.skipNop(this.start);
    if (!Inst.isRuneOp(i.op) || i.runes.length !== 1) return [i.op === Inst.MATCH, prefix];
    while (Inst.isRuneOp(i.op) && i.runes.length === 1 && (i.arg & RE2Flags.FOLD_CASE) === 0 && !Unicode.isUnsearchable(i.runes[0])) {
      prefix += String.fromCodePoint(i.runes[0]);
      i = this.skipNop(i.out);
    }
    return [i.op === Inst.MATCH, prefix];
  }
  startCond() {
    let flag = 0;
    let pc = this.start;
    loop: for (; ; ) {
      const i = this.inst[pc];
      switch (i.op) {
        case Inst.EMPTY_WIDTH:
          flag |= i.arg;
          break;
        case Inst.FAIL:
          return -1;
        case Inst.CAPTURE:
        case Inst.NOP:
          break;
        default:
          break loop;
      }
      pc = i.out;
    }
    return flag;
  }
  patch(l, val) {
    let head = l.head;
    while (head !== 0) {
      const i = this.inst[head >> 1];
      if ((head & 1) === 0) {
        head = i.out;
        i.out = val;
      } else {
        head = i.arg;
        i.arg = val;
      }
    }
  }
  append(l1, l2) {
    if (l1.head === 0) return l2;
    if (l2.head === 0) return l1;
    const i = this.inst[l1.tail >> 1];
    if ((l1.tail & 1) === 0) i.out = l2.head;
    else i.arg = l2.head;
    return new PatchList(l1.head, l2.tail);
  }
  /**
  *
  * @returns {string}
  */
  toString() {
    let out = "";
    for (let pc = 0; pc < this.inst.length; pc++) {
      const len = out.length;
      out += pc;
      if (pc === this.start) out += "*";
      out += "        ".substring(out.length - len);
      out += this.inst[pc];
      out += "\n";
    }
    return out;
  }
};
var ANY_RUNE_NOT_NL = new Int32Array([
  0,
  Codepoint.CODES["\n"] - 1,
  Codepoint.CODES["\n"] + 1,
  Unicode.MAX_RUNE
]);
var ANY_RUNE = new Int32Array([0, Unicode.MAX_RUNE]);
var Frag = class {
  constructor(i = 0, out = new PatchList(), nullable = false) {
    this.i = i;
    this.out = out;
    this.nullable = nullable;
  }
};
var Compiler = class Compiler2 {
  static compileRegexp(re) {
    const c = new Compiler2();
    const f = c.compile(re);
    c.prog.patch(f.out, c.newInst(Inst.MATCH).i);
    c.prog.start = f.i;
    c.prog.markLookbehindInsts();
    return c.prog;
  }
  static compileSet(regexps) {
    const c = new Compiler2();
    if (regexps.length === 0) {
      c.prog.start = c.newInst(Inst.FAIL).i;
      c.prog.markLookbehindInsts();
      return c.prog;
    }
    let starts = [];
    for (let i = 0; i < regexps.length; i++) {
      c.lbOffset = c.prog.numLb;
      const f = c.compile(regexps[i]);
      const m = c.newInst(Inst.MATCH);
      c.prog.getInst(m.i).arg = i;
      c.prog.patch(f.out, m.i);
      starts.push(f.i);
    }
    let start = starts[0];
    for (let i = 1; i < starts.length; i++) {
      const f = c.newInst(Inst.ALT);
      const inst = c.prog.getInst(f.i);
      inst.out = start;
      inst.arg = starts[i];
      start = f.i;
    }
    c.prog.start = start;
    c.prog.markLookbehindInsts();
    return c.prog;
  }
  constructor() {
    this.prog = new Prog();
    this.newInst(Inst.FAIL);
    this.lbOffset = 0;
    this.runeCache = /* @__PURE__ */ new Map();
    this.walker = {
      leaf: (re) => this.leaf(re),
      enter: (re) => this.enter(re),
      child: (re, state, result) => this.child(re, state, result),
      leave: (re, state) => this.leave(re, state)
    };
  }
  newInst(op) {
    this.prog.addInst(op);
    return new Frag(this.prog.numInst() - 1, new PatchList(), true);
  }
  nop() {
    const f = this.newInst(Inst.NOP);
    f.out = new PatchList(f.i << 1, f.i << 1);
    return f;
  }
  fail() {
    return new Frag();
  }
  cap(arg) {
    const f = this.newInst(Inst.CAPTURE);
    f.out = new PatchList(f.i << 1, f.i << 1);
    this.prog.getInst(f.i).arg = arg;
    if (this.prog.numCap < arg + 1) this.prog.numCap = arg + 1;
    return f;
  }
  cat(f1, f2) {
    if (f1.i === 0 || f2.i === 0) {
      this.prog.patch(f1.out, 0);
      this.prog.patch(f2.out, 0);
      return this.fail();
    }
    this.prog.patch(f1.out, f2.i);
    return new Frag(f1.i, f2.out, f1.nullable && f2.nullable);
  }
  alt(f1, f2) {
    if (f1.i === 0) return f2;
    if (f2.i === 0) return f1;
    const f = this.newInst(Inst.ALT);
    const i = this.prog.getInst(f.i);
    i.out = f1.i;
    i.arg = f2.i;
    f.out = this.prog.append(f1.out, f2.out);
    f.nullable = f1.nullable || f2.nullable;
    return f;
  }
  loop(f1, nongreedy) {
    const f = this.newInst(Inst.ALT);
    const i = this.prog.getInst(f.i);
    if (nongreedy) {
      i.arg = f1.i;
      f.out = new PatchList(f.i << 1, f.i << 1);
    } else {
      i.out = f1.i;
      f.out = new PatchList(f.i << 1 | 1, f.i << 1 | 1);
    }
    this.prog.patch(f1.out, f.i);
    return f;
  }
  quest(f1, nongreedy) {
    if (f1.i === 0) return this.nop();
    const f = this.newInst(Inst.ALT);
    const i = this.prog.getInst(f.i);
    if (nongreedy) {
      i.arg = f1.i;
      f.out = new PatchList(f.i << 1, f.i << 1);
    } else {
      i.out = f1.i;
      f.out = new PatchList(f.i << 1 | 1, f.i << 1 | 1);
    }
    f.out = this.prog.append(f.out, f1.out);
    return f;
  }
  star(f1, nongreedy) {
    if (f1.i === 0) return this.nop();
    if (f1.nullable) return this.quest(this.plus(f1, nongreedy), nongreedy);
    return this.loop(f1, nongreedy);
  }
  plus(f1, nongreedy) {
    if (f1.i === 0) return this.fail();
    return new Frag(f1.i, this.loop(f1, nongreedy).out, f1.nullable);
  }
  empty(op) {
    const f = this.newInst(Inst.EMPTY_WIDTH);
    this.prog.getInst(f.i).arg = op;
    f.out = new PatchList(f.i << 1, f.i << 1);
    return f;
  }
  rune(runes, flags) {
    const f = this.newInst(Inst.RUNE);
    f.nullable = false;
    const i = this.prog.getInst(f.i);
    i.runes = runes;
    flags &= RE2Flags.FOLD_CASE;
    if (runes.length !== 1 || Unicode.simpleFold(runes[0]) === runes[0]) flags &= ~RE2Flags.FOLD_CASE;
    i.arg = flags;
    f.out = new PatchList(f.i << 1, f.i << 1);
    if ((flags & RE2Flags.FOLD_CASE) === 0 && runes.length === 1 || runes.length === 2 && runes[0] === runes[1]) i.op = Inst.RUNE1;
    else if (runes.length === 2 && runes[0] === 0 && runes[1] === Unicode.MAX_RUNE) i.op = Inst.RUNE_ANY;
    else if (runes.length === 4 && runes[0] === 0 && runes[1] === Codepoint.CODES["\n"] - 1 && runes[2] === Codepoint.CODES["\n"] + 1 && runes[3] === Unicode.MAX_RUNE) i.op = Inst.RUNE_ANY_NOT_NL;
    return f;
  }
  lookBehind(a, parsedLb) {
    const lb = Math.sign(parsedLb) * (Math.abs(parsedLb) + this.lbOffset);
    const id = this.newInst(Inst.LB_WRITE);
    this.prog.getInst(id.i).arg = lb;
    const any = this.rune(ANY_RUNE, 0);
    const dotStar = this.star(any, true);
    const lbAutomaton = this.cat(dotStar, a);
    this.prog.patch(lbAutomaton.out, id.i);
    const checkId = this.newInst(Inst.LB_CHECK);
    this.prog.getInst(checkId.i).arg = lb;
    this.prog.lbStarts.push(lbAutomaton.i);
    if (Math.abs(lb) > this.prog.numLb) this.prog.numLb = Math.abs(lb);
    checkId.out = new PatchList(checkId.i << 1, checkId.i << 1);
    return checkId;
  }
  compile(re) {
    return RegexpWalker.walk(re, this.walker);
  }
  leaf(re) {
    switch (re.op) {
      case Regexp.Op.NO_MATCH:
        return this.fail();
      case Regexp.Op.EMPTY_MATCH:
        return this.nop();
      case Regexp.Op.LITERAL: {
        if (re.runes.length === 0) return this.nop();
        let f = null;
        for (let r of re.runes) {
          let singleRune = this.runeCache.get(r);
          if (singleRune === void 0) {
            singleRune = new Int32Array([r]);
            this.runeCache.set(r, singleRune);
          }
          const f1 = this.rune(singleRune, re.flags);
          f = f === null ? f1 : this.cat(f, f1);
        }
        return f;
      }
      case Regexp.Op.CHAR_CLASS:
        return this.rune(re.runes, re.flags);
      case Regexp.Op.ANY_CHAR_NOT_NL:
        return this.rune(ANY_RUNE_NOT_NL, 0);
      case Regexp.Op.ANY_CHAR:
        return this.rune(ANY_RUNE, 0);
      case Regexp.Op.BEGIN_LINE:
        return this.empty(Utils.EMPTY_BEGIN_LINE);
      case Regexp.Op.END_LINE:
        return this.empty(Utils.EMPTY_END_LINE);
      case Regexp.Op.BEGIN_TEXT:
        return this.empty(Utils.EMPTY_BEGIN_TEXT);
      case Regexp.Op.END_TEXT:
        return this.empty(Utils.EMPTY_END_TEXT);
      case Regexp.Op.WORD_BOUNDARY:
        return this.empty(Utils.EMPTY_WORD_BOUNDARY);
      case Regexp.Op.NO_WORD_BOUNDARY:
        return this.empty(Utils.EMPTY_NO_WORD_BOUNDARY);
      case Regexp.Op.CONCAT:
      case Regexp.Op.ALTERNATE:
        return this.nop();
      default:
        throw new RE2JSCompileException("regexp: unhandled case in compile");
    }
  }
  enter(re) {
    switch (re.op) {
      case Regexp.Op.PLB:
      case Regexp.Op.NLB:
      case Regexp.Op.STAR:
      case Regexp.Op.PLUS:
      case Regexp.Op.QUEST:
        return { sub: null };
      case Regexp.Op.CAPTURE:
        return {
          bra: this.cap(re.cap << 1),
          sub: null
        };
      case Regexp.Op.CONCAT:
      case Regexp.Op.ALTERNATE:
        return { f: null };
      default:
        throw new RE2JSCompileException("regexp: unhandled case in compile");
    }
  }
  child(re, state, f1) {
    if (re.op === Regexp.Op.CONCAT) state.f = state.f === null ? f1 : this.cat(state.f, f1);
    else if (re.op === Regexp.Op.ALTERNATE) state.f = state.f === null ? f1 : this.alt(state.f, f1);
    else state.sub = f1;
  }
  leave(re, state) {
    switch (re.op) {
      case Regexp.Op.PLB:
      case Regexp.Op.NLB:
        return this.lookBehind(state.sub, re.lb);
      case Regexp.Op.CAPTURE: {
        const ket = this.cap(re.cap << 1 | 1);
        return this.cat(this.cat(state.bra, state.sub), ket);
      }
      case Regexp.Op.STAR:
        return this.star(state.sub, (re.flags & RE2Flags.NON_GREEDY) !== 0);
      case Regexp.Op.PLUS:
        return this.plus(state.sub, (re.flags & RE2Flags.NON_GREEDY) !== 0);
      case Regexp.Op.QUEST:
        return this.quest(state.sub, (re.flags & RE2Flags.NON_GREEDY) !== 0);
      case Regexp.Op.CONCAT:
      case Regexp.Op.ALTERNATE:
        return state.f;
      default:
        throw new RE2JSCompileException("regexp: unhandled case in compile");
    }
  }
};
var Simplify = class Simplify2 {
  static simplify(re) {
    if (re === null) return null;
    return RegexpWalker.walk(re, Simplify2.WALKER);
  }
  static WALKER = {
    leaf: (re) => Simplify2.leaf(re),
    enter: (re) => Simplify2.enter(re),
    child: (re, state, result, i) => Simplify2.child(re, state, result, i),
    leave: (re, state) => Simplify2.leave(re, state)
  };
  static leaf(re) {
    if (re.op === Regexp.Op.CHAR_CLASS) {
      if (re.runes === null) return re;
      if (re.runes.length === 0) return new Regexp(Regexp.Op.NO_MATCH);
      if (re.runes.length === 2 && re.runes[0] === 0 && re.runes[1] === Unicode.MAX_RUNE) return new Regexp(Regexp.Op.ANY_CHAR);
      if (re.runes.length === 4 && re.runes[0] === 0 && re.runes[1] === Codepoint.CODES["\n"] - 1 && re.runes[2] === Codepoint.CODES["\n"] + 1 && re.runes[3] === Unicode.MAX_RUNE) return new Regexp(Regexp.Op.ANY_CHAR_NOT_NL);
    }
    return re;
  }
  static enter(re) {
    switch (re.op) {
      case Regexp.Op.PLB:
      case Regexp.Op.NLB:
      case Regexp.Op.CAPTURE:
      case Regexp.Op.STAR:
      case Regexp.Op.PLUS:
      case Regexp.Op.QUEST:
        return { sub: null };
      case Regexp.Op.CONCAT:
      case Regexp.Op.ALTERNATE:
        return {
          subs: [],
          changed: false
        };
      case Regexp.Op.REPEAT:
        if (re.min === 0 && re.max === 0) return { result: new Regexp(Regexp.Op.EMPTY_MATCH) };
        return { sub: null };
      default:
        return { result: re };
    }
  }
  static child(re, state, nsub, i) {
    if (state.subs === void 0) {
      state.sub = nsub;
      return;
    }
    if (nsub !== re.subs[i]) state.changed = true;
    if (re.op === Regexp.Op.CONCAT) {
      if (nsub.op === Regexp.Op.NO_MATCH) {
        state.result = new Regexp(Regexp.Op.NO_MATCH);
        return;
      }
      if (nsub.op === Regexp.Op.EMPTY_MATCH) {
        state.changed = true;
        return;
      }
      if (nsub.op === Regexp.Op.CONCAT) {
        state.changed = true;
        for (let j = 0; j < nsub.subs.length; j++) state.subs.push(nsub.subs[j]);
        return;
      }
    } else {
      if (nsub.op === Regexp.Op.NO_MATCH) {
        state.changed = true;
        return;
      }
      if (nsub.op === Regexp.Op.ALTERNATE) {
        state.changed = true;
        for (let j = 0; j < nsub.subs.length; j++) state.subs.push(nsub.subs[j]);
        return;
      }
    }
    state.subs.push(nsub);
  }
  static leave(re, state) {
    switch (re.op) {
      case Regexp.Op.PLB:
      case Regexp.Op.NLB:
      case Regexp.Op.CAPTURE: {
        const sub = state.sub;
        if (sub !== re.subs[0]) {
          const nre = Regexp.fromRegexp(re);
          nre.runes = /* @__PURE__ */ new Int32Array(0);
          nre.subs = [sub];
          return nre;
        }
        return re;
      }
      case Regexp.Op.CONCAT:
      case Regexp.Op.ALTERNATE:
        if (state.changed) {
          const newSubs = state.subs;
          if (newSubs.length === 0) return new Regexp(re.op === Regexp.Op.CONCAT ? Regexp.Op.EMPTY_MATCH : Regexp.Op.NO_MATCH);
          if (newSubs.length === 1) return newSubs[0];
          const nre = Regexp.fromRegexp(re);
          nre.runes = /* @__PURE__ */ new Int32Array(0);
          nre.subs = newSubs;
          return nre;
        }
        return re;
      case Regexp.Op.STAR:
      case Regexp.Op.PLUS:
      case Regexp.Op.QUEST:
        return Simplify2.simplify1(re.op, re.flags, state.sub, re);
      case Regexp.Op.REPEAT:
        return Simplify2.simplifyRepeat(re, state.sub);
      default:
        return re;
    }
  }
  static simplifyRepeat(re, sub) {
    if (re.max === -1) {
      if (re.min === 0) return Simplify2.simplify1(Regexp.Op.STAR, re.flags, sub, null);
      if (re.min === 1) return Simplify2.simplify1(Regexp.Op.PLUS, re.flags, sub, null);
      const subs = [];
      for (let i = 0; i < re.min - 1; i++) subs.push(sub);
      subs.push(Simplify2.simplify1(Regexp.Op.PLUS, re.flags, sub, null));
      return Simplify2.concat(subs);
    }
    if (re.min === 1 && re.max === 1) return sub;
    let prefixSubs = null;
    if (re.min > 0) {
      prefixSubs = [];
      for (let i = 0; i < re.min; i++) prefixSubs.push(sub);
    }
    if (re.max > re.min) {
      let suffix = Simplify2.simplify1(Regexp.Op.QUEST, re.flags, sub, null);
      for (let i = re.min + 1; i < re.max; i++) suffix = Simplify2.simplify1(Regexp.Op.QUEST, re.flags, Simplify2.concat([sub, suffix]), null);
      if (prefixSubs === null) return suffix;
      prefixSubs.push(suffix);
    }
    if (prefixSubs !== null) return Simplify2.concat(prefixSubs);
    return new Regexp(Regexp.Op.NO_MATCH);
  }
  static concat(subs) {
    const newSubs = [];
    for (let i = 0; i < subs.length; i++) {
      const sub = subs[i];
      if (sub.op === Regexp.Op.NO_MATCH) return new Regexp(Regexp.Op.NO_MATCH);
      if (sub.op === Regexp.Op.EMPTY_MATCH) continue;
      if (sub.op === Regexp.Op.CONCAT) {
        for (let j = 0; j < sub.subs.length; j++) newSubs.push(sub.subs[j]);
        continue;
      }
      newSubs.push(sub);
    }
    if (newSubs.length === 0) return new Regexp(Regexp.Op.EMPTY_MATCH);
    if (newSubs.length === 1) return newSubs[0];
    const nre = new Regexp(Regexp.Op.CONCAT);
    nre.subs = newSubs;
    return nre;
  }
  static simplify1(op, flags, sub, re) {
    if (sub.op === Regexp.Op.EMPTY_MATCH) return sub;
    if (sub.op === Regexp.Op.NO_MATCH) {
      if (op === Regexp.Op.PLUS) return sub;
      return new Regexp(Regexp.Op.EMPTY_MATCH);
    }
    if (op === sub.op && (flags & RE2Flags.NON_GREEDY) === (sub.flags & RE2Flags.NON_GREEDY)) return sub;
    if (re !== null && re.op === op && (re.flags & RE2Flags.NON_GREEDY) === (flags & RE2Flags.NON_GREEDY) && sub === re.subs[0]) return re;
    const nre = new Regexp(op);
    nre.flags = flags;
    nre.subs = [sub];
    return nre;
  }
};
var CharGroup = class {
  constructor(sign, cls) {
    this.sign = sign;
    this.cls = cls;
  }
};
var code1 = [48, 57];
var code2 = [
  9,
  10,
  12,
  13,
  32,
  32
];
var code3 = [
  48,
  57,
  65,
  90,
  95,
  95,
  97,
  122
];
var PERL_GROUPS = /* @__PURE__ */ new Map([
  ["\\d", new CharGroup(1, code1)],
  ["\\D", new CharGroup(-1, code1)],
  ["\\s", new CharGroup(1, code2)],
  ["\\S", new CharGroup(-1, code2)],
  ["\\w", new CharGroup(1, code3)],
  ["\\W", new CharGroup(-1, code3)]
]);
var code4 = [
  48,
  57,
  65,
  90,
  97,
  122
];
var code5 = [
  65,
  90,
  97,
  122
];
var code6 = [0, 127];
var code7 = [
  9,
  9,
  32,
  32
];
var code8 = [
  0,
  31,
  127,
  127
];
var code9 = [48, 57];
var code10 = [33, 126];
var code11 = [97, 122];
var code12 = [32, 126];
var code13 = [
  33,
  47,
  58,
  64,
  91,
  96,
  123,
  126
];
var code14 = [
  9,
  13,
  32,
  32
];
var code15 = [65, 90];
var code16 = [
  48,
  57,
  65,
  90,
  95,
  95,
  97,
  122
];
var code17 = [
  48,
  57,
  65,
  70,
  97,
  102
];
var POSIX_GROUPS = /* @__PURE__ */ new Map([
  ["[:alnum:]", new CharGroup(1, code4)],
  ["[:^alnum:]", new CharGroup(-1, code4)],
  ["[:alpha:]", new CharGroup(1, code5)],
  ["[:^alpha:]", new CharGroup(-1, code5)],
  ["[:ascii:]", new CharGroup(1, code6)],
  ["[:^ascii:]", new CharGroup(-1, code6)],
  ["[:blank:]", new CharGroup(1, code7)],
  ["[:^blank:]", new CharGroup(-1, code7)],
  ["[:cntrl:]", new CharGroup(1, code8)],
  ["[:^cntrl:]", new CharGroup(-1, code8)],
  ["[:digit:]", new CharGroup(1, code9)],
  ["[:^digit:]", new CharGroup(-1, code9)],
  ["[:graph:]", new CharGroup(1, code10)],
  ["[:^graph:]", new CharGroup(-1, code10)],
  ["[:lower:]", new CharGroup(1, code11)],
  ["[:^lower:]", new CharGroup(-1, code11)],
  ["[:print:]", new CharGroup(1, code12)],
  ["[:^print:]", new CharGroup(-1, code12)],
  ["[:punct:]", new CharGroup(1, code13)],
  ["[:^punct:]", new CharGroup(-1, code13)],
  ["[:space:]", new CharGroup(1, code14)],
  ["[:^space:]", new CharGroup(-1, code14)],
  ["[:upper:]", new CharGroup(1, code15)],
  ["[:^upper:]", new CharGroup(-1, code15)],
  ["[:word:]", new CharGroup(1, code16)],
  ["[:^word:]", new CharGroup(-1, code16)],
  ["[:xdigit:]", new CharGroup(1, code17)],
  ["[:^xdigit:]", new CharGroup(-1, code17)]
]);
var CharClass = class CharClass2 {
  static charClassToString(r, len) {
    let result = "[";
    for (let i = 0; i < len; i += 2) {
      if (i > 0) result += " ";
      const lo = r[i];
      const hi = r[i + 1];
      if (lo === hi) result += `0x${lo.toString(16)}`;
      else result += `0x${lo.toString(16)}-0x${hi.toString(16)}`;
    }
    result += "]";
    return result;
  }
  static sortRanges(array, len) {
    const n = len >> 1;
    const order = new Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => array[2 * a] - array[2 * b] || array[2 * b + 1] - array[2 * a + 1]);
    const sorted = array.slice(0, len);
    for (let i = 0; i < n; i++) {
      array[2 * i] = sorted[2 * order[i]];
      array[2 * i + 1] = sorted[2 * order[i] + 1];
    }
  }
  /**
  * @param {number[]|Int32Array} [r]
  */
  constructor(r = Utils.emptyInts()) {
    this.r = r;
    this.len = r.length;
  }
  toArray() {
    if (this.r instanceof Int32Array) return this.len === this.r.length ? this.r : this.r.subarray(0, this.len);
    return new Int32Array(this.len === this.r.length ? this.r : this.r.slice(0, this.len));
  }
  toGrowableArray() {
    if (Array.isArray(this.r)) {
      this.r.length = this.len;
      return this.r;
    }
    return Array.from(this.r.subarray(0, this.len));
  }
  cleanClass() {
    if (this.len < 4) return this;
    CharClass2.sortRanges(this.r, this.len);
    let w = 2;
    for (let i = 2; i < this.len; i += 2) {
      const lo = this.r[i];
      const hi = this.r[i + 1];
      if (lo <= this.r[w - 1] + 1) {
        if (hi > this.r[w - 1]) this.r[w - 1] = hi;
        continue;
      }
      this.r[w] = lo;
      this.r[w + 1] = hi;
      w += 2;
    }
    this.len = w;
    return this;
  }
  appendLiteral(x, flags) {
    return (flags & RE2Flags.FOLD_CASE) !== 0 ? this.appendFoldedRange(x, x) : this.appendRange(x, x);
  }
  appendRange(lo, hi) {
    if (this.len > 0) {
      for (let i = 2; i <= 4; i += 2) if (this.len >= i) {
        const rlo = this.r[this.len - i];
        const rhi = this.r[this.len - i + 1];
        if (lo <= rhi + 1 && rlo <= hi + 1) {
          if (lo < rlo) this.r[this.len - i] = lo;
          if (hi > rhi) this.r[this.len - i + 1] = hi;
          return this;
        }
      }
    }
    this.r[this.len++] = lo;
    this.r[this.len++] = hi;
    return this;
  }
  appendFoldedRange(lo, hi) {
    if (lo <= Unicode.MIN_FOLD && hi >= Unicode.MAX_FOLD) return this.appendRange(lo, hi);
    if (hi < Unicode.MIN_FOLD || lo > Unicode.MAX_FOLD) return this.appendRange(lo, hi);
    if (lo < Unicode.MIN_FOLD) {
      this.appendRange(lo, Unicode.MIN_FOLD - 1);
      lo = Unicode.MIN_FOLD;
    }
    if (hi > Unicode.MAX_FOLD) {
      this.appendRange(Unicode.MAX_FOLD + 1, hi);
      hi = Unicode.MAX_FOLD;
    }
    for (let c = lo; c <= hi; c++) {
      this.appendRange(c, c);
      for (let f = Unicode.simpleFold(c); f !== c; f = Unicode.simpleFold(f)) this.appendRange(f, f);
    }
    return this;
  }
  appendClass(x) {
    for (let i = 0; i < x.length; i += 2) this.appendRange(x[i], x[i + 1]);
    return this;
  }
  appendFoldedClass(x) {
    for (let i = 0; i < x.length; i += 2) this.appendFoldedRange(x[i], x[i + 1]);
    return this;
  }
  appendNegatedClass(x) {
    let nextLo = 0;
    for (let i = 0; i < x.length; i += 2) {
      const lo = x[i];
      const hi = x[i + 1];
      if (nextLo <= lo - 1) this.appendRange(nextLo, lo - 1);
      nextLo = hi + 1;
    }
    if (nextLo <= Unicode.MAX_RUNE) this.appendRange(nextLo, Unicode.MAX_RUNE);
    return this;
  }
  appendTable(table) {
    for (let i = 0; i < table.length; ++i) {
      const lo = table.getLo(i);
      const hi = table.getHi(i);
      const stride = table.getStride(i);
      if (stride === 1) {
        this.appendRange(lo, hi);
        continue;
      }
      for (let c = lo; c <= hi; c += stride) this.appendRange(c, c);
    }
    return this;
  }
  appendNegatedTable(table) {
    let nextLo = 0;
    for (let i = 0; i < table.length; ++i) {
      const lo = table.getLo(i);
      const hi = table.getHi(i);
      const stride = table.getStride(i);
      if (stride === 1) {
        if (nextLo <= lo - 1) this.appendRange(nextLo, lo - 1);
        nextLo = hi + 1;
        continue;
      }
      for (let c = lo; c <= hi; c += stride) {
        if (nextLo <= c - 1) this.appendRange(nextLo, c - 1);
        nextLo = c + 1;
      }
    }
    if (nextLo <= Unicode.MAX_RUNE) this.appendRange(nextLo, Unicode.MAX_RUNE);
    return this;
  }
  appendTableWithSign(table, sign) {
    return sign < 0 ? this.appendNegatedTable(table) : this.appendTable(table);
  }
  negateClass() {
    let nextLo = 0;
    let w = 0;
    for (let i = 0; i < this.len; i += 2) {
      const lo = this.r[i];
      const hi = this.r[i + 1];
      if (nextLo <= lo - 1) {
        this.r[w] = nextLo;
        this.r[w + 1] = lo - 1;
        w += 2;
      }
      nextLo = hi + 1;
    }
    this.len = w;
    if (nextLo <= Unicode.MAX_RUNE) {
      this.r[this.len++] = nextLo;
      this.r[this.len++] = Unicode.MAX_RUNE;
    }
    return this;
  }
  appendClassWithSign(x, sign) {
    return sign < 0 ? this.appendNegatedClass(x) : this.appendClass(x);
  }
  appendGroup(g, foldCase) {
    let cls = g.cls;
    if (foldCase) cls = new CharClass2().appendFoldedClass(cls).cleanClass().toArray();
    return this.appendClassWithSign(cls, g.sign);
  }
  toString() {
    return CharClass2.charClassToString(this.r, this.len);
  }
};
var StringIterator = class {
  constructor(str) {
    this.str = str;
    this.position = 0;
  }
  pos() {
    return this.position;
  }
  rewindTo(pos) {
    this.position = pos;
  }
  more() {
    return this.position < this.str.length;
  }
  peek() {
    return this.str.codePointAt(this.position);
  }
  skip(n) {
    this.position += n;
  }
  skipString(s) {
    this.position += s.length;
  }
  pop() {
    const r = this.str.codePointAt(this.position);
    this.position += Utils.charCount(r);
    return r;
  }
  lookingAt(s) {
    return this.str.startsWith(s, this.position);
  }
  rest() {
    return this.str.substring(this.position);
  }
  from(beforePos) {
    return this.str.substring(beforePos, this.position);
  }
  toString() {
    return this.rest();
  }
};
var Parser = class Parser2 {
  static ERR_INTERNAL_ERROR = "regexp/syntax: internal error";
  static ERR_INVALID_CHAR_RANGE = "invalid character class range";
  static ERR_INVALID_ESCAPE = "invalid escape sequence";
  static ERR_INVALID_NAMED_CAPTURE = "invalid named capture";
  static ERR_INVALID_PERL_OP = "invalid or unsupported Perl syntax";
  static ERR_INVALID_REPEAT_OP = "invalid nested repetition operator";
  static ERR_INVALID_REPEAT_SIZE = "invalid repeat count";
  static ERR_MISSING_BRACKET = "missing closing ]";
  static ERR_MISSING_PAREN = "missing closing )";
  static ERR_MISSING_REPEAT_ARGUMENT = "missing argument to repetition operator";
  static ERR_TRAILING_BACKSLASH = "trailing backslash at end of expression";
  static ERR_DUPLICATE_NAMED_CAPTURE = "duplicate capture group name";
  static ERR_UNEXPECTED_PAREN = "unexpected )";
  static ERR_NESTING_DEPTH = "expression nests too deeply";
  static ERR_LARGE = "expression too large";
  static ERR_INVALID_CAPTURE_IN_LOOKBEHIND = "invalid capture in lookbehind";
  static MAX_HEIGHT = 1e3;
  static MAX_SIZE = 1398101;
  static MAX_RUNES = 33554432;
  static ANY_TABLE = new UnicodeRangeTable(new Uint32Array([
    0,
    Unicode.MAX_RUNE,
    1
  ]));
  static ASCII_TABLE = new UnicodeRangeTable(new Uint32Array([
    0,
    127,
    1
  ]));
  static ASCII_FOLD_TABLE = new UnicodeRangeTable(new Uint32Array([
    0,
    127,
    1,
    383,
    383,
    1,
    8490,
    8490,
    1
  ]));
  static unicodeTable(name) {
    if (name === "Any") return {
      tab: Parser2.ANY_TABLE,
      fold: Parser2.ANY_TABLE,
      sign: 1
    };
    if (name === "Ascii") return {
      tab: Parser2.ASCII_TABLE,
      fold: Parser2.ASCII_FOLD_TABLE,
      sign: 1
    };
    if (name === "Assigned") return {
      tab: UnicodeTables.CATEGORIES.get("Cn"),
      fold: UnicodeTables.CATEGORIES.get("Cn"),
      sign: -1
    };
    if (name === "Lc") return {
      tab: UnicodeTables.CATEGORIES.get("LC"),
      fold: UnicodeTables.FOLD_CATEGORIES.get("LC"),
      sign: 1
    };
    if (UnicodeTables.CATEGORIES.has(name)) return {
      tab: UnicodeTables.CATEGORIES.get(name),
      fold: UnicodeTables.FOLD_CATEGORIES.get(name),
      sign: 1
    };
    if (UnicodeTables.SCRIPTS.has(name)) return {
      tab: UnicodeTables.SCRIPTS.get(name),
      fold: UnicodeTables.FOLD_SCRIPT.get(name),
      sign: 1
    };
    return null;
  }
  static minFoldRune(r) {
    if (r < Unicode.MIN_FOLD || r > Unicode.MAX_FOLD) return r;
    let min = r;
    const r0 = r;
    for (r = Unicode.simpleFold(r); r !== r0; r = Unicode.simpleFold(r)) if (min > r) min = r;
    return min;
  }
  static leadingRegexp(re) {
    if (re.op === Regexp.Op.EMPTY_MATCH) return null;
    if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) {
      const sub = re.subs[0];
      if (sub.op === Regexp.Op.EMPTY_MATCH) return null;
      return sub;
    }
    return re;
  }
  static literalRegexp(s, flags) {
    const re = new Regexp(Regexp.Op.LITERAL);
    re.flags = flags;
    re.runes = Utils.stringToRunes(s);
    return re;
  }
  /**
  * Parse regular expression pattern {@code pattern} with mode flags {@code flags}.
  * @param {string} pattern
  * @param {number} flags
  */
  static parse(pattern, flags) {
    return new Parser2(pattern, flags).parseInternal();
  }
  static parseRepeat(t) {
    const start = t.pos();
    if (!t.more() || !t.lookingAt("{")) return -1;
    t.skip(1);
    const min = Parser2.parseInt(t);
    if (min === -1) return -1;
    if (!t.more()) return -1;
    let max;
    if (!t.lookingAt(",")) max = min;
    else {
      t.skip(1);
      if (!t.more()) return -1;
      if (t.lookingAt("}")) max = -1;
      else if ((max = Parser2.parseInt(t)) === -1) return -1;
    }
    if (!t.more() || !t.lookingAt("}")) return -1;
    t.skip(1);
    if (min < 0 || min > 1e3 || max === -2 || max > 1e3 || max >= 0 && min > max) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_REPEAT_SIZE, t.from(start));
    return min << 16 | max & Unicode.MAX_BMP;
  }
  static isValidCaptureName(name) {
    if (name.length === 0) return false;
    for (let i = 0; i < name.length; i++) {
      const c = name.codePointAt(i);
      if (c !== Codepoint.CODES["_"] && !Utils.isalnum(c)) return false;
    }
    return true;
  }
  static parseInt(t) {
    const start = t.pos();
    while (t.more() && t.peek() >= Codepoint.CODES["0"] && t.peek() <= Codepoint.CODES["9"]) t.skip(1);
    const n = t.from(start);
    if (n.length === 0 || n.length > 1 && n.codePointAt(0) === Codepoint.CODES["0"]) return -1;
    if (n.length > 8) return -2;
    return parseInt(n, 10);
  }
  static isCharClass(re) {
    return re.op === Regexp.Op.LITERAL && re.runes.length === 1 || re.op === Regexp.Op.CHAR_CLASS || re.op === Regexp.Op.ANY_CHAR_NOT_NL || re.op === Regexp.Op.ANY_CHAR;
  }
  static matchRune(re, r) {
    switch (re.op) {
      case Regexp.Op.LITERAL:
        return re.runes.length === 1 && re.runes[0] === r;
      case Regexp.Op.CHAR_CLASS:
        for (let i = 0; i < re.runes.length; i += 2) if (re.runes[i] <= r && r <= re.runes[i + 1]) return true;
        return false;
      case Regexp.Op.ANY_CHAR_NOT_NL:
        return r !== Codepoint.CODES["\n"];
      case Regexp.Op.ANY_CHAR:
        return true;
    }
    return false;
  }
  static mergeCharClass(dst, src) {
    switch (dst.op) {
      case Regexp.Op.ANY_CHAR:
        break;
      case Regexp.Op.ANY_CHAR_NOT_NL:
        if (Parser2.matchRune(src, Codepoint.CODES["\n"])) dst.op = Regexp.Op.ANY_CHAR;
        break;
      case Regexp.Op.CHAR_CLASS: {
        const cc = new CharClass(Array.isArray(dst.runes) ? dst.runes : Array.from(dst.runes));
        if (src.op === Regexp.Op.LITERAL) cc.appendLiteral(src.runes[0], src.flags);
        else cc.appendClass(src.runes);
        dst.runes = cc.toGrowableArray();
        break;
      }
      case Regexp.Op.LITERAL:
        if (src.runes[0] === dst.runes[0] && src.flags === dst.flags) break;
        dst.op = Regexp.Op.CHAR_CLASS;
        dst.runes = new CharClass().appendLiteral(dst.runes[0], dst.flags).appendLiteral(src.runes[0], src.flags).toGrowableArray();
    }
  }
  static parseEscape(t) {
    const startPos = t.pos();
    t.skip(1);
    if (!t.more()) throw new RE2JSSyntaxException(Parser2.ERR_TRAILING_BACKSLASH);
    let c = t.pop();
    bigswitch: switch (c) {
      case Codepoint.CODES["1"]:
      case Codepoint.CODES["2"]:
      case Codepoint.CODES["3"]:
      case Codepoint.CODES["4"]:
      case Codepoint.CODES["5"]:
      case Codepoint.CODES["6"]:
      case Codepoint.CODES["7"]:
        if (!t.more() || t.peek() < Codepoint.CODES["0"] || t.peek() > Codepoint.CODES["7"]) break;
      case Codepoint.CODES["0"]: {
        let r = c - Codepoint.CODES["0"];
        for (let i = 1; i < 3; i++) {
          if (!t.more() || t.peek() < Codepoint.CODES["0"] || t.peek() > Codepoint.CODES["7"]) break;
          r = r * 8 + t.peek() - Codepoint.CODES["0"];
          t.skip(1);
        }
        return r;
      }
      case Codepoint.CODES["x"]: {
        if (!t.more()) break;
        c = t.pop();
        if (c === Codepoint.CODES["{"]) {
          let nhex = 0;
          let r = 0;
          while (true) {
            if (!t.more()) break bigswitch;
            c = t.pop();
            if (c === Codepoint.CODES["}"]) break;
            const v = Utils.unhex(c);
            if (v < 0) break bigswitch;
            r = r * 16 + v;
            if (r > Unicode.MAX_RUNE) break bigswitch;
            nhex++;
          }
          if (nhex === 0) break bigswitch;
          return r;
        }
        const x = Utils.unhex(c);
        if (!t.more()) break;
        c = t.pop();
        const y = Utils.unhex(c);
        if (x < 0 || y < 0) break;
        return x * 16 + y;
      }
      case Codepoint.CODES["a"]:
        return Codepoint.CODES["\x07"];
      case Codepoint.CODES["f"]:
        return Codepoint.CODES["\f"];
      case Codepoint.CODES["n"]:
        return Codepoint.CODES["\n"];
      case Codepoint.CODES["r"]:
        return Codepoint.CODES["\r"];
      case Codepoint.CODES["t"]:
        return Codepoint.CODES["	"];
      case Codepoint.CODES["v"]:
        return Codepoint.CODES["\v"];
      default:
        if (c <= Unicode.MAX_ASCII && !Utils.isalnum(c)) return c;
    }
    throw new RE2JSSyntaxException(Parser2.ERR_INVALID_ESCAPE, t.from(startPos));
  }
  static parseClassChar(t, wholeClassPos) {
    if (!t.more()) throw new RE2JSSyntaxException(Parser2.ERR_MISSING_BRACKET, t.from(wholeClassPos));
    if (t.lookingAt("\\")) return Parser2.parseEscape(t);
    return t.pop();
  }
  static hasCapture(re) {
    if (re === null) return false;
    if (re.op === Regexp.Op.CAPTURE) return true;
    if (re.subs) {
      for (let sub of re.subs) if (Parser2.hasCapture(sub)) return true;
    }
    return false;
  }
  constructor(wholeRegexp, flags = 0) {
    this.wholeRegexp = wholeRegexp;
    this.flags = flags;
    this.numCap = 0;
    this.namedGroups = /* @__PURE__ */ Object.create(null);
    this.stack = [];
    this.free = null;
    this.numRegexp = 0;
    this.numRunes = 0;
    this.repeats = 0;
    this.height = null;
    this.size = null;
    this.nlb = 0;
  }
  newRegexp(op) {
    let re = this.free;
    if (re !== null && re.subs !== null && re.subs.length > 0) {
      this.free = re.subs[0];
      re.reinit();
      re.op = op;
    } else {
      re = new Regexp(op);
      this.numRegexp += 1;
    }
    return re;
  }
  reuse(re) {
    if (this.height !== null && this.height.has(re)) this.height.delete(re);
    if (re.subs !== null && re.subs.length > 0) re.subs[0] = this.free;
    this.free = re;
  }
  checkLimits(re) {
    if (this.numRunes > Parser2.MAX_RUNES) throw new RE2JSSyntaxException(Parser2.ERR_LARGE);
    this.checkSize(re);
    this.checkHeight(re);
  }
  checkSize(re) {
    if (this.size === null) {
      if (this.repeats === 0) this.repeats = 1;
      if (re.op === Regexp.Op.REPEAT) {
        let n = re.max;
        if (n === -1) n = re.min;
        if (n <= 0) n = 1;
        if (n > Math.floor(Parser2.MAX_SIZE / this.repeats)) this.repeats = Parser2.MAX_SIZE;
        else this.repeats *= n;
      }
      if (this.numRegexp < Math.floor(Parser2.MAX_SIZE / this.repeats)) return;
      this.size = /* @__PURE__ */ new Map();
      for (let reEx of this.stack) this.checkSize(reEx);
    }
    if (this.calcSize(re, true) > Parser2.MAX_SIZE) throw new RE2JSSyntaxException(Parser2.ERR_LARGE);
  }
  calcSize(re, force = false) {
    if (!force && this.size !== null) {
      if (this.size.has(re)) return this.size.get(re);
    }
    let size = 0;
    switch (re.op) {
      case Regexp.Op.LITERAL:
        size = re.runes.length;
        break;
      case Regexp.Op.PLB:
      case Regexp.Op.NLB:
      case Regexp.Op.CAPTURE:
      case Regexp.Op.STAR:
        size = 2 + this.calcSize(re.subs[0]);
        break;
      case Regexp.Op.PLUS:
      case Regexp.Op.QUEST:
        size = 1 + this.calcSize(re.subs[0]);
        break;
      case Regexp.Op.CONCAT:
        for (let sub of re.subs) size = size + this.calcSize(sub);
        break;
      case Regexp.Op.ALTERNATE:
        for (let sub of re.subs) size = size + this.calcSize(sub);
        if (re.subs.length > 1) size = size + re.subs.length - 1;
        break;
      case Regexp.Op.REPEAT: {
        let sub = this.calcSize(re.subs[0]);
        if (re.max === -1) {
          if (re.min === 0) size = 2 + sub;
          else size = 1 + re.min * sub;
          break;
        }
        size = re.max * sub + (re.max - re.min);
        break;
      }
    }
    size = Math.max(1, size);
    if (this.size === null) this.size = /* @__PURE__ */ new Map();
    this.size.set(re, size);
    return size;
  }
  checkHeight(re) {
    if (this.numRegexp < Parser2.MAX_HEIGHT) return;
    if (this.height === null) {
      this.height = /* @__PURE__ */ new Map();
      for (let reEx of this.stack) this.checkHeight(reEx);
    }
    if (this.calcHeight(re, true) > Parser2.MAX_HEIGHT) throw new RE2JSSyntaxException(Parser2.ERR_NESTING_DEPTH);
  }
  calcHeight(re, force = false) {
    if (!force && this.height !== null) {
      if (this.height.has(re)) return this.height.get(re);
    }
    let h = 1;
    for (let sub of re.subs) {
      const hsub = this.calcHeight(sub);
      if (h < 1 + hsub) h = 1 + hsub;
    }
    if (this.height === null) this.height = /* @__PURE__ */ new Map();
    this.height.set(re, h);
    return h;
  }
  pop() {
    return this.stack.pop();
  }
  popToPseudo() {
    const n = this.stack.length;
    let i = n;
    while (i > 0 && !Regexp.isPseudoOp(this.stack[i - 1].op)) i--;
    return this.stack.splice(i, n - i);
  }
  push(re) {
    this.numRunes += re.runes.length;
    if (re.op === Regexp.Op.CHAR_CLASS && re.runes.length === 2 && re.runes[0] === re.runes[1]) {
      if (this.maybeConcat(re.runes[0], this.flags & ~RE2Flags.FOLD_CASE)) return null;
      re.op = Regexp.Op.LITERAL;
      re.runes = [re.runes[0]];
      re.flags = this.flags & ~RE2Flags.FOLD_CASE;
    } else if (re.op === Regexp.Op.CHAR_CLASS && re.runes.length === 4 && re.runes[0] === re.runes[1] && re.runes[2] === re.runes[3] && Unicode.simpleFold(re.runes[0]) === re.runes[2] && Unicode.simpleFold(re.runes[2]) === re.runes[0] || re.op === Regexp.Op.CHAR_CLASS && re.runes.length === 2 && re.runes[0] + 1 === re.runes[1] && Unicode.simpleFold(re.runes[0]) === re.runes[1] && Unicode.simpleFold(re.runes[1]) === re.runes[0]) {
      if (this.maybeConcat(re.runes[0], this.flags | RE2Flags.FOLD_CASE)) return null;
      re.op = Regexp.Op.LITERAL;
      re.runes = [re.runes[0]];
      re.flags = this.flags | RE2Flags.FOLD_CASE;
    } else this.maybeConcat(-1, 0);
    this.stack.push(re);
    this.checkLimits(re);
    return re;
  }
  maybeConcat(r, flags) {
    const n = this.stack.length;
    if (n < 2) return false;
    const re1 = this.stack[n - 1];
    const re2 = this.stack[n - 2];
    if (re1.op !== Regexp.Op.LITERAL || re2.op !== Regexp.Op.LITERAL || (re1.flags & RE2Flags.FOLD_CASE) !== (re2.flags & RE2Flags.FOLD_CASE)) return false;
    if (!Array.isArray(re2.runes)) re2.runes = Array.from(re2.runes);
    for (let i = 0; i < re1.runes.length; i++) re2.runes.push(re1.runes[i]);
    if (r >= 0) {
      re1.runes = [r];
      re1.flags = flags;
      return true;
    }
    this.pop();
    this.reuse(re1);
    return false;
  }
  newLiteral(r, flags) {
    const re = this.newRegexp(Regexp.Op.LITERAL);
    re.flags = flags;
    if ((flags & RE2Flags.FOLD_CASE) !== 0) r = Parser2.minFoldRune(r);
    re.runes = [r];
    return re;
  }
  literal(r) {
    this.push(this.newLiteral(r, this.flags));
  }
  op(op) {
    const re = this.newRegexp(op);
    re.flags = this.flags;
    return this.push(re);
  }
  repeat(op, min, max, beforePos, t, lastRepeatPos) {
    let flags = this.flags;
    if ((flags & RE2Flags.PERL_X) !== 0) {
      if (t.more() && t.lookingAt("?")) {
        t.skip(1);
        flags ^= RE2Flags.NON_GREEDY;
      }
      if (lastRepeatPos !== -1) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_REPEAT_OP, t.from(lastRepeatPos));
    }
    const n = this.stack.length;
    if (n === 0) throw new RE2JSSyntaxException(Parser2.ERR_MISSING_REPEAT_ARGUMENT, t.from(beforePos));
    const sub = this.stack[n - 1];
    if (Regexp.isPseudoOp(sub.op)) throw new RE2JSSyntaxException(Parser2.ERR_MISSING_REPEAT_ARGUMENT, t.from(beforePos));
    const re = this.newRegexp(op);
    re.min = min;
    re.max = max;
    re.flags = flags;
    re.subs = [sub];
    this.stack[n - 1] = re;
    this.checkLimits(re);
    if (op === Regexp.Op.REPEAT && (min >= 2 || max >= 2) && !this.repeatIsValid(re, 1e3)) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_REPEAT_SIZE, t.from(beforePos));
  }
  repeatIsValid(re, n) {
    if (re.op === Regexp.Op.REPEAT) {
      let m = re.max;
      if (m === 0) return true;
      if (m < 0) m = re.min;
      if (m > n) return false;
      if (m > 0) n = Math.trunc(n / m);
    }
    for (let sub of re.subs) if (!this.repeatIsValid(sub, n)) return false;
    return true;
  }
  concat() {
    this.maybeConcat(-1, 0);
    const subs = this.popToPseudo();
    if (subs.length === 0) return this.push(this.newRegexp(Regexp.Op.EMPTY_MATCH));
    return this.push(this.collapse(subs, Regexp.Op.CONCAT));
  }
  alternate() {
    const subs = this.popToPseudo();
    if (subs.length > 0) this.cleanAlt(subs[subs.length - 1]);
    if (subs.length === 0) return this.push(this.newRegexp(Regexp.Op.NO_MATCH));
    return this.push(this.collapse(subs, Regexp.Op.ALTERNATE));
  }
  cleanAlt(re) {
    if (re.op === Regexp.Op.CHAR_CLASS) {
      re.runes = new CharClass(Array.from(re.runes)).cleanClass().toArray();
      if (re.runes.length === 2 && re.runes[0] === 0 && re.runes[1] === Unicode.MAX_RUNE) {
        re.runes = /* @__PURE__ */ new Int32Array(0);
        re.op = Regexp.Op.ANY_CHAR;
      } else if (re.runes.length === 4 && re.runes[0] === 0 && re.runes[1] === Codepoint.CODES["\n"] - 1 && re.runes[2] === Codepoint.CODES["\n"] + 1 && re.runes[3] === Unicode.MAX_RUNE) {
        re.runes = /* @__PURE__ */ new Int32Array(0);
        re.op = Regexp.Op.ANY_CHAR_NOT_NL;
      }
    }
  }
  collapse(subs, op) {
    if (subs.length === 1) return subs[0];
    let len = 0;
    for (let sub of subs) len += sub.op === op ? sub.subs.length : 1;
    let newsubs = new Array(len).fill(null);
    let i = 0;
    for (let sub of subs) if (sub.op === op) {
      for (let j = 0; j < sub.subs.length; j++) newsubs[i++] = sub.subs[j];
      this.reuse(sub);
    } else newsubs[i++] = sub;
    let re = this.newRegexp(op);
    re.subs = newsubs;
    if (op === Regexp.Op.ALTERNATE) {
      re.subs = this.factor(re.subs);
      if (re.subs.length === 1) {
        const old = re;
        re = re.subs[0];
        this.reuse(old);
      }
    }
    return re;
  }
  factor(array) {
    if (array.length < 2) return array;
    let s = 0;
    let lensub = array.length;
    let lenout = 0;
    let str = null;
    let strlen = 0;
    let strflags = 0;
    let start = 0;
    for (let i = 0; i <= lensub; i++) {
      let istr = null;
      let istrlen = 0;
      let iflags = 0;
      if (i < lensub) {
        let re = array[s + i];
        if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) re = re.subs[0];
        if (re.op === Regexp.Op.LITERAL) {
          istr = re.runes;
          istrlen = re.runes.length;
          iflags = re.flags & RE2Flags.FOLD_CASE;
        }
        if (iflags === strflags) {
          let same = 0;
          while (same < strlen && same < istrlen && str[same] === istr[same]) same++;
          if (same > 0) {
            strlen = same;
            continue;
          }
        }
      }
      if (i === start) {
      } else if (i === start + 1) array[lenout++] = array[s + start];
      else {
        const prefix = this.newRegexp(Regexp.Op.LITERAL);
        prefix.flags = strflags;
        prefix.runes = str.slice(0, strlen);
        for (let j = start; j < i; j++) {
          array[s + j] = this.removeLeadingString(array[s + j], strlen);
          this.checkLimits(array[s + j]);
        }
        const suffix = this.collapse(array.slice(s + start, s + i), Regexp.Op.ALTERNATE);
        const re = this.newRegexp(Regexp.Op.CONCAT);
        re.subs = [prefix, suffix];
        array[lenout++] = re;
      }
      start = i;
      str = istr;
      strlen = istrlen;
      strflags = iflags;
    }
    lensub = lenout;
    s = 0;
    start = 0;
    lenout = 0;
    let first = null;
    for (let i = 0; i <= lensub; i++) {
      let ifirst = null;
      if (i < lensub) {
        ifirst = Parser2.leadingRegexp(array[s + i]);
        if (first !== null && first.equals(ifirst) && (Parser2.isCharClass(first) || first.op === Regexp.Op.REPEAT && first.min === first.max && Parser2.isCharClass(first.subs[0]))) continue;
      }
      if (i === start) {
      } else if (i === start + 1) array[lenout++] = array[s + start];
      else {
        const prefix = first;
        for (let j = start; j < i; j++) {
          const reuse = j !== start;
          array[s + j] = this.removeLeadingRegexp(array[s + j], reuse);
          this.checkLimits(array[s + j]);
        }
        const suffix = this.collapse(array.slice(s + start, s + i), Regexp.Op.ALTERNATE);
        const re = this.newRegexp(Regexp.Op.CONCAT);
        re.subs = [prefix, suffix];
        array[lenout++] = re;
      }
      start = i;
      first = ifirst;
    }
    lensub = lenout;
    s = 0;
    start = 0;
    lenout = 0;
    for (let i = 0; i <= lensub; i++) {
      if (i < lensub && Parser2.isCharClass(array[s + i])) continue;
      if (i === start) {
      } else if (i === start + 1) array[lenout++] = array[s + start];
      else {
        let max = start;
        for (let j = start + 1; j < i; j++) {
          const subMax = array[s + max];
          const subJ = array[s + j];
          if (subMax.op < subJ.op || subMax.op === subJ.op && (subMax.runes !== null ? subMax.runes.length : 0) < (subJ.runes !== null ? subJ.runes.length : 0)) max = j;
        }
        const tmp = array[s + start];
        array[s + start] = array[s + max];
        array[s + max] = tmp;
        for (let j = start + 1; j < i; j++) {
          Parser2.mergeCharClass(array[s + start], array[s + j]);
          this.reuse(array[s + j]);
        }
        this.cleanAlt(array[s + start]);
        array[lenout++] = array[s + start];
      }
      if (i < lensub) array[lenout++] = array[s + i];
      start = i + 1;
    }
    lensub = lenout;
    s = 0;
    start = 0;
    lenout = 0;
    for (let i = 0; i < lensub; ++i) {
      if (i + 1 < lensub && array[s + i].op === Regexp.Op.EMPTY_MATCH && array[s + i + 1].op === Regexp.Op.EMPTY_MATCH) continue;
      array[lenout++] = array[s + i];
    }
    lensub = lenout;
    s = 0;
    return array.slice(s, lensub);
  }
  removeLeadingString(re, n) {
    if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) {
      const sub = this.removeLeadingString(re.subs[0], n);
      re.subs[0] = sub;
      if (sub.op === Regexp.Op.EMPTY_MATCH) {
        this.reuse(sub);
        switch (re.subs.length) {
          case 0:
          case 1:
            re.op = Regexp.Op.EMPTY_MATCH;
            re.subs = Regexp.emptySubs();
            break;
          case 2: {
            const old = re;
            re = re.subs[1];
            this.reuse(old);
            break;
          }
          default:
            re.subs = re.subs.slice(1, re.subs.length);
        }
      }
      return re;
    }
    if (re.op === Regexp.Op.LITERAL) {
      re.runes = re.runes.slice(n, re.runes.length);
      if (re.runes.length === 0) re.op = Regexp.Op.EMPTY_MATCH;
    }
    return re;
  }
  removeLeadingRegexp(re, reuse) {
    if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) {
      if (reuse) this.reuse(re.subs[0]);
      re.subs = re.subs.slice(1, re.subs.length);
      switch (re.subs.length) {
        case 0:
          re.op = Regexp.Op.EMPTY_MATCH;
          re.subs = Regexp.emptySubs();
          break;
        case 1: {
          const old = re;
          re = re.subs[0];
          this.reuse(old);
          break;
        }
      }
      return re;
    }
    if (reuse) this.reuse(re);
    return this.newRegexp(Regexp.Op.EMPTY_MATCH);
  }
  parseInternal() {
    if ((this.flags & RE2Flags.LITERAL) !== 0) return Parser2.literalRegexp(this.wholeRegexp, this.flags);
    let lastRepeatPos = -1;
    let min = -1;
    let max = -1;
    const t = new StringIterator(this.wholeRegexp);
    while (t.more()) {
      let repeatPos = -1;
      bigswitch: switch (t.peek()) {
        case Codepoint.CODES["("]:
          if ((this.flags & RE2Flags.LOOKBEHIND) !== 0) {
            if (t.lookingAt("(?<=")) {
              this.parsePosLookBehind();
              t.skip(4);
              break;
            }
            if (t.lookingAt("(?<!")) {
              this.parseNegLookBehind();
              t.skip(4);
              break;
            }
          }
          if ((this.flags & RE2Flags.PERL_X) !== 0 && t.lookingAt("(?")) {
            this.parsePerlFlags(t);
            break;
          }
          this.op(Regexp.Op.LEFT_PAREN).cap = ++this.numCap;
          t.skip(1);
          break;
        case Codepoint.CODES["|"]:
          this.parseVerticalBar();
          t.skip(1);
          break;
        case Codepoint.CODES[")"]:
          this.parseRightParen();
          t.skip(1);
          break;
        case Codepoint.CODES["^"]:
          if ((this.flags & RE2Flags.ONE_LINE) !== 0) this.op(Regexp.Op.BEGIN_TEXT);
          else this.op(Regexp.Op.BEGIN_LINE);
          t.skip(1);
          break;
        case Codepoint.CODES["$"]:
          if ((this.flags & RE2Flags.ONE_LINE) !== 0) this.op(Regexp.Op.END_TEXT).flags |= RE2Flags.WAS_DOLLAR;
          else this.op(Regexp.Op.END_LINE);
          t.skip(1);
          break;
        case Codepoint.CODES["."]:
          if ((this.flags & RE2Flags.DOT_NL) !== 0) this.op(Regexp.Op.ANY_CHAR);
          else this.op(Regexp.Op.ANY_CHAR_NOT_NL);
          t.skip(1);
          break;
        case Codepoint.CODES["["]:
          this.parseClass(t);
          break;
        case Codepoint.CODES["*"]:
        case Codepoint.CODES["+"]:
        case Codepoint.CODES["?"]: {
          repeatPos = t.pos();
          let op = null;
          switch (t.pop()) {
            case Codepoint.CODES["*"]:
              op = Regexp.Op.STAR;
              break;
            case Codepoint.CODES["+"]:
              op = Regexp.Op.PLUS;
              break;
            case Codepoint.CODES["?"]:
              op = Regexp.Op.QUEST;
          }
          this.repeat(op, min, max, repeatPos, t, lastRepeatPos);
          break;
        }
        case Codepoint.CODES["{"]: {
          const before = t.pos();
          const minMax = Parser2.parseRepeat(t);
          if (minMax < 0) {
            t.rewindTo(before);
            this.literal(t.pop());
            break;
          }
          repeatPos = before;
          min = minMax >> 16;
          max = (minMax & Unicode.MAX_BMP) << 16 >> 16;
          this.repeat(Regexp.Op.REPEAT, min, max, repeatPos, t, lastRepeatPos);
          break;
        }
        case Codepoint.CODES["\\"]: {
          const savedPos = t.pos();
          t.skip(1);
          if ((this.flags & RE2Flags.PERL_X) !== 0 && t.more()) switch (t.pop()) {
            case Codepoint.CODES["A"]:
              this.op(Regexp.Op.BEGIN_TEXT);
              break bigswitch;
            case Codepoint.CODES["b"]:
              this.op(Regexp.Op.WORD_BOUNDARY);
              break bigswitch;
            case Codepoint.CODES["B"]:
              this.op(Regexp.Op.NO_WORD_BOUNDARY);
              break bigswitch;
            case Codepoint.CODES["C"]:
              throw new RE2JSSyntaxException(Parser2.ERR_INVALID_ESCAPE, "\\C");
            case Codepoint.CODES["Q"]: {
              let lit = t.rest();
              const i = lit.indexOf("\\E");
              if (i >= 0) {
                lit = lit.substring(0, i);
                t.skipString(lit);
                t.skipString("\\E");
              } else t.skipString(lit);
              let j = 0;
              while (j < lit.length) {
                const codepoint = lit.codePointAt(j);
                this.literal(codepoint);
                j += Utils.charCount(codepoint);
              }
              break bigswitch;
            }
            case Codepoint.CODES["z"]:
              this.op(Regexp.Op.END_TEXT);
              break bigswitch;
            default:
              t.rewindTo(savedPos);
          }
          else t.rewindTo(savedPos);
          const re = this.newRegexp(Regexp.Op.CHAR_CLASS);
          re.flags = this.flags;
          if (t.lookingAt("\\p") || t.lookingAt("\\P")) {
            const cc2 = new CharClass();
            if (this.parseUnicodeClass(t, cc2)) {
              re.runes = cc2.toArray();
              this.push(re);
              break bigswitch;
            }
          }
          const cc = new CharClass();
          if (this.parsePerlClassEscape(t, cc)) {
            re.runes = cc.toArray();
            this.push(re);
            break bigswitch;
          }
          t.rewindTo(savedPos);
          this.reuse(re);
          this.literal(Parser2.parseEscape(t));
          break;
        }
        default:
          this.literal(t.pop());
      }
      lastRepeatPos = repeatPos;
    }
    this.concat();
    if (this.swapVerticalBar()) this.pop();
    this.alternate();
    if (this.stack.length !== 1) throw new RE2JSSyntaxException(Parser2.ERR_MISSING_PAREN, this.wholeRegexp);
    this.stack[0].namedGroups = this.namedGroups;
    return this.stack[0];
  }
  parsePerlFlags(t) {
    const startPos = t.pos();
    const s = t.rest();
    if (s.startsWith("(?P<") || s.startsWith("(?<")) {
      const begin = s.charAt(2) === "P" ? 4 : 3;
      const end = s.indexOf(">");
      if (end < 0) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_NAMED_CAPTURE, s);
      const name = s.substring(begin, end);
      t.skipString(name);
      t.skip(begin + 1);
      if (!Parser2.isValidCaptureName(name)) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_NAMED_CAPTURE, s.substring(0, end + 1));
      const re = this.op(Regexp.Op.LEFT_PAREN);
      re.cap = ++this.numCap;
      if (this.namedGroups[name]) throw new RE2JSSyntaxException(Parser2.ERR_DUPLICATE_NAMED_CAPTURE, name);
      this.namedGroups[name] = this.numCap;
      re.name = name;
      return;
    }
    t.skip(2);
    let flags = this.flags;
    let sign = 1;
    let sawFlag = false;
    loop: while (t.more()) {
      const c = t.pop();
      switch (c) {
        case Codepoint.CODES["i"]:
          flags |= RE2Flags.FOLD_CASE;
          sawFlag = true;
          break;
        case Codepoint.CODES["m"]:
          flags &= ~RE2Flags.ONE_LINE;
          sawFlag = true;
          break;
        case Codepoint.CODES["s"]:
          flags |= RE2Flags.DOT_NL;
          sawFlag = true;
          break;
        case Codepoint.CODES["U"]:
          flags |= RE2Flags.NON_GREEDY;
          sawFlag = true;
          break;
        case Codepoint.CODES["-"]:
          if (sign < 0) break loop;
          sign = -1;
          flags = ~flags;
          sawFlag = false;
          break;
        case Codepoint.CODES[":"]:
        case Codepoint.CODES[")"]:
          if (sign < 0) {
            if (!sawFlag) break loop;
            flags = ~flags;
          }
          if (c === Codepoint.CODES[":"]) this.op(Regexp.Op.LEFT_PAREN);
          this.flags = flags;
          return;
        default:
          break loop;
      }
    }
    throw new RE2JSSyntaxException(Parser2.ERR_INVALID_PERL_OP, t.from(startPos));
  }
  parsePosLookBehind() {
    const re = this.newRegexp(Regexp.Op.LEFT_PAREN);
    re.flags = this.flags;
    re.lb = ++this.nlb;
    return this.push(re);
  }
  parseNegLookBehind() {
    const re = this.newRegexp(Regexp.Op.LEFT_PAREN);
    re.flags = this.flags;
    re.lb = -++this.nlb;
    return this.push(re);
  }
  parseVerticalBar() {
    this.concat();
    if (!this.swapVerticalBar()) this.op(Regexp.Op.VERTICAL_BAR);
  }
  swapVerticalBar() {
    const n = this.stack.length;
    if (n >= 3 && this.stack[n - 2].op === Regexp.Op.VERTICAL_BAR && Parser2.isCharClass(this.stack[n - 1]) && Parser2.isCharClass(this.stack[n - 3])) {
      let re1 = this.stack[n - 1];
      let re3 = this.stack[n - 3];
      if (re1.op > re3.op) {
        const tmp = re3;
        re3 = re1;
        re1 = tmp;
        this.stack[n - 3] = re3;
      }
      Parser2.mergeCharClass(re3, re1);
      this.reuse(re1);
      this.pop();
      return true;
    }
    if (n >= 2) {
      const re1 = this.stack[n - 1];
      const re2 = this.stack[n - 2];
      if (re2.op === Regexp.Op.VERTICAL_BAR) {
        if (n >= 3) this.cleanAlt(this.stack[n - 3]);
        this.stack[n - 2] = re1;
        this.stack[n - 1] = re2;
        return true;
      }
    }
    return false;
  }
  parseRightParen() {
    this.concat();
    if (this.swapVerticalBar()) this.pop();
    this.alternate();
    if (this.stack.length < 2) throw new RE2JSSyntaxException(Parser2.ERR_UNEXPECTED_PAREN, this.wholeRegexp);
    const re1 = this.pop();
    const re2 = this.pop();
    if (re2.op !== Regexp.Op.LEFT_PAREN) throw new RE2JSSyntaxException(Parser2.ERR_UNEXPECTED_PAREN, this.wholeRegexp);
    this.flags = re2.flags;
    if (re2.lb !== 0) {
      if (Parser2.hasCapture(re1)) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CAPTURE_IN_LOOKBEHIND, this.wholeRegexp);
      if (re2.lb > 0) re2.op = Regexp.Op.PLB;
      else re2.op = Regexp.Op.NLB;
      re2.subs = [re1];
      this.push(re2);
      return;
    }
    if (re2.cap === 0) this.push(re1);
    else {
      re2.op = Regexp.Op.CAPTURE;
      re2.subs = [re1];
      this.push(re2);
    }
  }
  parsePerlClassEscape(t, cc) {
    const beforePos = t.pos();
    if ((this.flags & RE2Flags.PERL_X) === 0 || !t.more() || t.pop() !== Codepoint.CODES["\\"] || !t.more()) return false;
    t.pop();
    const p = t.from(beforePos);
    const g = PERL_GROUPS.has(p) ? PERL_GROUPS.get(p) : null;
    if (g === null) return false;
    cc.appendGroup(g, (this.flags & RE2Flags.FOLD_CASE) !== 0);
    return true;
  }
  parseNamedClass(t, cc) {
    const cls = t.rest();
    const i = cls.indexOf(":]");
    if (i < 0) return false;
    const name = cls.substring(0, i + 2);
    t.skipString(name);
    const g = POSIX_GROUPS.has(name) ? POSIX_GROUPS.get(name) : null;
    if (g === null) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, name);
    cc.appendGroup(g, (this.flags & RE2Flags.FOLD_CASE) !== 0);
    return true;
  }
  parseUnicodeClass(t, cc) {
    const startPos = t.pos();
    if ((this.flags & RE2Flags.UNICODE_GROUPS) === 0 || !t.lookingAt("\\p") && !t.lookingAt("\\P")) return false;
    t.skip(1);
    let sign = 1;
    let c = t.pop();
    if (c === Codepoint.CODES["P"]) sign = -1;
    if (!t.more()) {
      t.rewindTo(startPos);
      throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, t.rest());
    }
    c = t.pop();
    let name;
    if (c !== Codepoint.CODES["{"]) name = Utils.runeToString(c);
    else {
      const rest = t.rest();
      const end = rest.indexOf("}");
      if (end < 0) {
        t.rewindTo(startPos);
        throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, t.rest());
      }
      name = rest.substring(0, end);
      t.skipString(name);
      t.skip(1);
    }
    if (!(name.length === 0) && name.codePointAt(0) === Codepoint.CODES["^"]) {
      sign = 0 - sign;
      name = name.substring(1);
    }
    const pair = Parser2.unicodeTable(name);
    if (pair === null) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, t.from(startPos));
    if (pair.sign < 0) sign = 0 - sign;
    const tab = pair.tab;
    const fold = pair.fold;
    if ((this.flags & RE2Flags.FOLD_CASE) === 0 || fold === null) cc.appendTableWithSign(tab, sign);
    else {
      const tmp = new CharClass().appendTable(tab).appendTable(fold).cleanClass().toArray();
      cc.appendClassWithSign(Array.from(tmp), sign);
    }
    return true;
  }
  parseClass(t) {
    const startPos = t.pos();
    t.skip(1);
    const re = this.newRegexp(Regexp.Op.CHAR_CLASS);
    re.flags = this.flags;
    const cc = new CharClass();
    let sign = 1;
    if (t.more() && t.lookingAt("^")) {
      sign = -1;
      t.skip(1);
      if ((this.flags & RE2Flags.CLASS_NL) === 0) cc.appendRange(Codepoint.CODES["\n"], Codepoint.CODES["\n"]);
    }
    let first = true;
    while (!t.more() || t.peek() !== Codepoint.CODES["]"] || first) {
      if (t.more() && t.lookingAt("-") && (this.flags & RE2Flags.PERL_X) === 0 && !first) {
        const s = t.rest();
        if (s === "-" || !s.startsWith("-]")) {
          t.rewindTo(startPos);
          throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, t.rest());
        }
      }
      first = false;
      const beforePos = t.pos();
      if (t.lookingAt("[:")) {
        if (this.parseNamedClass(t, cc)) continue;
        t.rewindTo(beforePos);
      }
      if (this.parseUnicodeClass(t, cc)) continue;
      if (this.parsePerlClassEscape(t, cc)) continue;
      t.rewindTo(beforePos);
      const lo = Parser2.parseClassChar(t, startPos);
      let hi = lo;
      if (t.more() && t.lookingAt("-")) {
        t.skip(1);
        if (t.more() && t.lookingAt("]")) t.skip(-1);
        else {
          hi = Parser2.parseClassChar(t, startPos);
          if (hi < lo) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, t.from(beforePos));
        }
      }
      if ((this.flags & RE2Flags.FOLD_CASE) === 0) cc.appendRange(lo, hi);
      else cc.appendFoldedRange(lo, hi);
    }
    t.skip(1);
    cc.cleanClass();
    if (sign < 0) cc.negateClass();
    re.runes = cc.toArray();
    this.push(re);
  }
};
var RE2 = class RE22 {
  static initTest(expr) {
    const re2 = RE22.compile(expr);
    const res = new RE22(re2.expr, re2.prog, re2.numSubexp, re2.longest);
    res.cond = re2.cond;
    res.prefix = re2.prefix;
    res.prefixUTF8 = re2.prefixUTF8;
    res.prefixComplete = re2.prefixComplete;
    res.prefixRune = re2.prefixRune;
    res.prefilter = re2.prefilter;
    res.namedGroups = re2.namedGroups;
    return res;
  }
  /**
  * Parses a regular expression and returns, if successful, an {@code RE2} instance that can be
  * used to match against text.
  *
  * When matching against text, the regexp returns a match that begins as early as possible in the
  * input (leftmost), and among those it chooses the one that a backtracking search would have
  * found first. This so-called leftmost-first matching is the same semantics that Perl, Python,
  * and other implementations use, although this package implements it without the expense of
  * backtracking. For POSIX leftmost-longest matching, see {@link #compilePOSIX}.
  */
  static compile(expr) {
    return RE22.compileImpl(expr, RE2Flags.PERL, false);
  }
  /**
  * {@code compilePOSIX} is like {@link #compile} but restricts the regular expression to POSIX ERE
  * (egrep) syntax and changes the match semantics to leftmost-longest.
  *
  * That is, when matching against text, the regexp returns a match that begins as early as
  * possible in the input (leftmost), and among those it chooses a match that is as long as
  * possible. This so-called leftmost-longest matching is the same semantics that early regular
  * expression implementations used and that POSIX specifies.
  *
  * However, there can be multiple leftmost-longest matches, with different submatch choices, and
  * here this package diverges from POSIX. Among the possible leftmost-longest matches, this
  * package chooses the one that a backtracking search would have found first, while POSIX
  * specifies that the match be chosen to maximize the length of the first subexpression, then the
  * second, and so on from left to right. The POSIX rule is computationally prohibitive and not
  * even well-defined. See http://swtch.com/~rsc/regexp/regexp2.html#posix
  */
  static compilePOSIX(expr) {
    return RE22.compileImpl(expr, RE2Flags.POSIX, true);
  }
  static compileImpl(expr, mode, longest) {
    let re = Parser.parse(expr, mode);
    const maxCap = re.maxCap();
    const namedGroups = re.namedGroups;
    re = Simplify.simplify(re);
    const prefilter = PrefilterTree.build(re);
    const prog = Compiler.compileRegexp(re);
    const re2 = new RE22(expr, prog, maxCap, longest);
    re2.prefilter = prefilter.type === Prefilter.Type.NONE ? null : prefilter;
    const [prefixCompl, prefixStr] = prog.prefix();
    re2.prefixComplete = prefixCompl;
    re2.prefix = prefixStr;
    re2.prefixUTF8 = Utils.stringToUtf8ByteArray(re2.prefix);
    if (re2.prefix.length > 0) re2.prefixRune = re2.prefix.codePointAt(0);
    re2.namedGroups = namedGroups;
    return re2;
  }
  /**
  * Returns true iff textual regular expression {@code pattern} matches string {@code s}.
  *
  * More complicated queries need to use {@link #compile} and the full {@code RE2} interface.
  */
  static match(pattern, s) {
    return RE22.compile(pattern).match(s);
  }
  constructor(expr, prog, numSubexp = 0, longest = 0) {
    this.expr = expr;
    this.prog = prog;
    this.numSubexp = numSubexp;
    this.longest = longest;
    this.cond = prog.startCond();
    this.prefix = null;
    this.prefixUTF8 = null;
    this.prefixComplete = false;
    this.prefixRune = 0;
    this.namedGroups = /* @__PURE__ */ Object.create(null);
    this.machinePool = [];
    this.lazyDFA = null;
    this.onepass = OnePass.compile(this.prog);
    this.prefilter = null;
  }
  get dfa() {
    if (this.lazyDFA === null) this.lazyDFA = new DFA(this.prog);
    return this.lazyDFA;
  }
  matchPrefixComplete(input2, pos, anchor, ncap) {
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return null;
    let matchStart = -1;
    let matchEnd = -1;
    const pLen = input2.prefixLength(this);
    if (anchor === RE2Flags.UNANCHORED) {
      const idx = input2.index(this, pos);
      if (idx < 0) return null;
      matchStart = pos + idx;
      matchEnd = matchStart + pLen;
    } else if (anchor === RE2Flags.ANCHOR_BOTH) {
      if (input2.endPos() !== pLen) return null;
      if (input2.index(this, 0) !== 0) return null;
      matchStart = 0;
      matchEnd = pLen;
    } else if (anchor === RE2Flags.ANCHOR_START) {
      if (input2.index(this, 0) !== 0) return null;
      matchStart = 0;
      matchEnd = pLen;
    }
    if (matchStart < 0) return null;
    if (ncap > 0) {
      const matchcap = new Int32Array(ncap).fill(-1);
      matchcap[0] = matchStart;
      matchcap[1] = matchEnd;
      return Array.from(matchcap);
    }
    return [];
  }
  createLookbehindState() {
    return this.prog.numLb > 0 ? new LookbehindState(this.prog) : null;
  }
  executeEngine(input2, pos, anchor, ncap, lbState = null) {
    if (this.prefixComplete && (ncap === 0 || this.numSubexp === 0)) return this.matchPrefixComplete(input2, pos, anchor, ncap);
    if (this.prefilter !== null && anchor === RE2Flags.UNANCHORED) {
      if (!this.prefilter.eval(input2, pos)) return null;
    }
    if (this.onepass !== null) return OnePass.execute(this, input2, pos, anchor, ncap);
    if (ncap > 0) {
      if (this.prog.numLb === 0 && input2.endPos() <= Backtracker.maxBitStateLen(this.prog)) return Backtracker.execute(this, input2, pos, anchor, ncap);
      return this.doExecuteNFA(input2, pos, anchor, ncap, lbState);
    }
    if (this.prog.numLb === 0) {
      const dfaResult = this.dfa.match(input2, pos, anchor);
      if (dfaResult !== null) return dfaResult ? [] : null;
      if (input2.endPos() <= Backtracker.maxBitStateLen(this.prog)) return Backtracker.execute(this, input2, pos, anchor, ncap);
    }
    return this.doExecuteNFA(input2, pos, anchor, ncap, lbState);
  }
  /**
  * Returns the number of parenthesized subexpressions in this regular expression.
  */
  numberOfCapturingGroups() {
    return this.numSubexp;
  }
  /**
  * Returns the number of instructions in this compiled regular expression program.
  */
  numberOfInstructions() {
    return this.prog.numInst();
  }
  get() {
    return this.machinePool.length > 0 ? this.machinePool.pop() : null;
  }
  reset() {
    this.machinePool.length = 0;
  }
  put(m) {
    this.machinePool.push(m);
  }
  toString() {
    return this.expr;
  }
  doExecuteNFA(input2, pos, anchor, ncap, lbState = null) {
    let m = this.get();
    if (!m) m = Machine.fromRE2(this);
    m.init(ncap);
    const cap = m.match(input2, pos, anchor, lbState) ? m.submatches() : null;
    this.put(m);
    return cap;
  }
  match(s) {
    return this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, 0) !== null;
  }
  /**
  * Matches the regular expression against input starting at position start and ending at position
  * end, with the given anchoring. Records the submatch boundaries in group, which is [start, end)
  * pairs of byte offsets. The number of boundaries needed is inferred from the size of the group
  * array. It is most efficient not to ask for submatch boundaries.
  *
  * @param input the input byte array
  * @param start the beginning position in the input
  * @param end the end position in the input
  * @param anchor the anchoring flag (UNANCHORED, ANCHOR_START, ANCHOR_BOTH)
  * @param group the array to fill with submatch positions
  * @param ngroup the number of array pairs to fill in
  * @param lbState optional state carried between successive matches over the same input (see
  *   createLookbehindState); omit it to evaluate lookbehinds from the beginning of the input
  * @returns true if a match was found
  */
  matchWithGroup(input2, start, end, anchor, ngroup, lbState = null) {
    if (!(input2 instanceof MatcherInputBase)) {
      if (Utils.isByteArray(input2)) input2 = MatcherInput.utf8(input2);
      else input2 = MatcherInput.utf16(input2);
    }
    return this.matchMachineInput(input2, start, end, anchor, ngroup, lbState);
  }
  matchMachineInput(input2, start, end, anchor, ngroup, lbState = null) {
    if (start > end) return [false, null];
    const machineInput = input2.isUTF16Encoding() ? MachineInput.fromUTF16(input2.asCharSequence(), 0, end) : MachineInput.fromUTF8(input2.asBytes(), 0, end);
    const groupMatch = this.executeEngine(machineInput, start, anchor, 2 * ngroup, lbState);
    if (groupMatch === null) return [false, null];
    return [true, groupMatch];
  }
  /**
  * Returns true iff this regexp matches the UTF-8 byte array {@code b}.
  */
  matchUTF8(b) {
    return this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, 0) !== null;
  }
  /**
  * Returns a copy of {@code src} in which all matches for this regexp have been replaced by
  * {@code repl}. No support is provided for expressions (e.g. {@code \1} or {@code $1}) in the
  * replacement string.
  */
  replaceAll(src, repl) {
    return this.replaceAllFunc(src, () => repl, 2 * src.length + 1);
  }
  /**
  * Returns a copy of {@code src} in which only the first match for this regexp has been replaced
  * by {@code repl}. No support is provided for expressions (e.g. {@code \1} or {@code $1}) in the
  * replacement string.
  */
  replaceFirst(src, repl) {
    return this.replaceAllFunc(src, () => repl, 1);
  }
  /**
  * Returns a copy of {@code src} in which at most {@code maxReplaces} matches for this regexp have
  * been replaced by the return value of of function {@code repl} (whose first argument is the
  * matched string). No support is provided for expressions (e.g. {@code \1} or {@code $1}) in the
  * replacement string.
  */
  replaceAllFunc(src, replFunc, maxReplaces) {
    let lastMatchEnd = 0;
    let searchPos = 0;
    let out = "";
    const input2 = MachineInput.fromUTF16(src);
    const lbState = this.createLookbehindState();
    let numReplaces = 0;
    while (searchPos <= src.length) {
      const a = this.executeEngine(input2, searchPos, RE2Flags.UNANCHORED, 2, lbState);
      if (a === null || a.length === 0) break;
      out += src.substring(lastMatchEnd, a[0]);
      if (a[1] > lastMatchEnd || a[0] === 0) {
        out += replFunc(src.substring(a[0], a[1]));
        numReplaces++;
      }
      lastMatchEnd = a[1];
      const width = input2.step(searchPos) & 7;
      if (searchPos + width > a[1]) searchPos += width;
      else if (searchPos + 1 > a[1]) searchPos++;
      else searchPos = a[1];
      if (numReplaces >= maxReplaces) break;
    }
    out += src.substring(lastMatchEnd);
    return out;
  }
  pad(a) {
    if (a === null) return null;
    let n = (1 + this.numSubexp) * 2;
    if (a.length < n) {
      let a2 = new Array(n).fill(-1);
      for (let i = 0; i < a.length; i++) a2[i] = a[i];
      a = a2;
    }
    return a;
  }
  allMatches(input2, n, deliverFun = (v) => v) {
    let result = [];
    const end = input2.endPos();
    if (n < 0) n = end + 1;
    let pos = 0;
    let i = 0;
    let prevMatchEnd = -1;
    const lbState = this.createLookbehindState();
    while (i < n && pos <= end) {
      const matches = this.executeEngine(input2, pos, RE2Flags.UNANCHORED, this.prog.numCap, lbState);
      if (matches === null || matches.length === 0) break;
      let accept = true;
      if (matches[1] === pos) {
        if (matches[0] === prevMatchEnd) accept = false;
        const r = input2.step(pos);
        if (r < 0) pos = end + 1;
        else pos += r & 7;
      } else pos = matches[1];
      prevMatchEnd = matches[1];
      if (accept) {
        result.push(deliverFun(this.pad(matches)));
        i++;
      }
    }
    return result;
  }
  /**
  * Returns an array holding the text of the leftmost match in {@code b} of this regular
  * expression.
  *
  * A return value of null indicates no match.
  */
  findUTF8(b) {
    const a = this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, 2);
    if (a === null) return null;
    return b.slice(a[0], a[1]);
  }
  /**
  * Returns a two-element array of integers defining the location of the leftmost match in
  * {@code b} of this regular expression. The match itself is at {@code b[loc[0]...loc[1]]}.
  *
  * A return value of null indicates no match.
  */
  findUTF8Index(b) {
    const a = this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, 2);
    if (a === null) return null;
    return a.slice(0, 2);
  }
  /**
  * Returns a string holding the text of the leftmost match in {@code s} of this regular
  * expression.
  *
  * If there is no match, the return value is an empty string, but it will also be empty if the
  * regular expression successfully matches an empty string. Use {@link #findIndex} or
  * {@link #findSubmatch} if it is necessary to distinguish these cases.
  */
  find(s) {
    const a = this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, 2);
    if (a === null) return "";
    return s.substring(a[0], a[1]);
  }
  /**
  * Returns a two-element array of integers defining the location of the leftmost match in
  * {@code s} of this regular expression. The match itself is at
  * {@code s.substring(loc[0], loc[1])}.
  *
  * A return value of null indicates no match.
  */
  findIndex(s) {
    return this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, 2);
  }
  /**
  * Returns an array of arrays the text of the leftmost match of the regular expression in
  * {@code b} and the matches, if any, of its subexpressions, as defined by the <a
  * href='#submatch'>Submatch</a> description above.
  *
  * A return value of null indicates no match.
  */
  findUTF8Submatch(b) {
    const a = this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, this.prog.numCap);
    if (a === null) return null;
    const ret = new Array(1 + this.numSubexp).fill(null);
    for (let i = 0; i < ret.length; i++) if (2 * i < a.length && a[2 * i] >= 0) ret[i] = b.slice(a[2 * i], a[2 * i + 1]);
    return ret;
  }
  /**
  * Returns an array holding the index pairs identifying the leftmost match of this regular
  * expression in {@code b} and the matches, if any, of its subexpressions, as defined by the the
  * <a href='#submatch'>Submatch</a> and <a href='#index'>Index</a> descriptions above.
  *
  * A return value of null indicates no match.
  */
  findUTF8SubmatchIndex(b) {
    return this.pad(this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, this.prog.numCap));
  }
  /**
  * Returns an array of strings holding the text of the leftmost match of the regular expression in
  * {@code s} and the matches, if any, of its subexpressions, as defined by the <a
  * href='#submatch'>Submatch</a> description above.
  *
  * A return value of null indicates no match.
  */
  findSubmatch(s) {
    const a = this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, this.prog.numCap);
    if (a === null) return null;
    const ret = new Array(1 + this.numSubexp).fill(null);
    for (let i = 0; i < ret.length; i++) if (2 * i < a.length && a[2 * i] >= 0) ret[i] = s.substring(a[2 * i], a[2 * i + 1]);
    return ret;
  }
  /**
  * Returns an array holding the index pairs identifying the leftmost match of this regular
  * expression in {@code s} and the matches, if any, of its subexpressions, as defined by the <a
  * href='#submatch'>Submatch</a> description above.
  *
  * A return value of null indicates no match.
  */
  findSubmatchIndex(s) {
    return this.pad(this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, this.prog.numCap));
  }
  /**
  * {@code findAllUTF8()} is the <a href='#all'>All</a> version of {@link #findUTF8}; it returns a
  * list of up to {@code n} successive matches of the expression, as defined by the <a
  * href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  *
  * TODO(adonovan): think about defining a byte slice view class, like a read-only Go slice backed
  * by |b|.
  */
  findAllUTF8(b, n) {
    const result = this.allMatches(MachineInput.fromUTF8(b), n, (match) => b.slice(match[0], match[1]));
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllUTF8Index} is the <a href='#all'>All</a> version of {@link #findUTF8Index}; it
  * returns a list of up to {@code n} successive matches of the expression, as defined by the <a
  * href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllUTF8Index(b, n) {
    const result = this.allMatches(MachineInput.fromUTF8(b), n, (match) => match.slice(0, 2));
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAll} is the <a href='#all'>All</a> version of {@link #find}; it returns a list of up
  * to {@code n} successive matches of the expression, as defined by the <a href='#all'>All</a>
  * description above.
  *
  * A return value of null indicates no match.
  */
  findAll(s, n) {
    const result = this.allMatches(MachineInput.fromUTF16(s), n, (match) => s.substring(match[0], match[1]));
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllIndex} is the <a href='#all'>All</a> version of {@link #findIndex}; it returns a
  * list of up to {@code n} successive matches of the expression, as defined by the <a
  * href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllIndex(s, n) {
    const result = this.allMatches(MachineInput.fromUTF16(s), n, (match) => match.slice(0, 2));
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllUTF8Submatch} is the <a href='#all'>All</a> version of {@link #findUTF8Submatch};
  * it returns a list of up to {@code n} successive matches of the expression, as defined by the <a
  * href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllUTF8Submatch(b, n) {
    const result = this.allMatches(MachineInput.fromUTF8(b), n, (match) => {
      let slice = new Array(match.length / 2 | 0).fill(null);
      for (let j = 0; j < slice.length; j++) if (match[2 * j] >= 0) slice[j] = b.slice(match[2 * j], match[2 * j + 1]);
      return slice;
    });
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllUTF8SubmatchIndex} is the <a href='#all'>All</a> version of
  * {@link #findUTF8SubmatchIndex}; it returns a list of up to {@code n} successive matches of the
  * expression, as defined by the <a href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllUTF8SubmatchIndex(b, n) {
    const result = this.allMatches(MachineInput.fromUTF8(b), n);
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllSubmatch} is the <a href='#all'>All</a> version of {@link #findSubmatch}; it
  * returns a list of up to {@code n} successive matches of the expression, as defined by the <a
  * href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllSubmatch(s, n) {
    const result = this.allMatches(MachineInput.fromUTF16(s), n, (match) => {
      let slice = new Array(match.length / 2 | 0).fill(null);
      for (let j = 0; j < slice.length; j++) if (match[2 * j] >= 0) slice[j] = s.substring(match[2 * j], match[2 * j + 1]);
      return slice;
    });
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllSubmatchIndex} is the <a href='#all'>All</a> version of
  * {@link #findSubmatchIndex}; it returns a list of up to {@code n} successive matches of the
  * expression, as defined by the <a href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllSubmatchIndex(s, n) {
    const result = this.allMatches(MachineInput.fromUTF16(s), n);
    if (result.length === 0) return null;
    return result;
  }
};
var RE2Set = class RE2Set2 {
  /** @type {number} */
  static UNANCHORED = RE2Flags.UNANCHORED;
  /** @type {number} */
  static ANCHOR_START = RE2Flags.ANCHOR_START;
  /** @type {number} */
  static ANCHOR_BOTH = RE2Flags.ANCHOR_BOTH;
  /**
  * Constructs a new RE2Set with the specified anchor mode and flags.
  * @param {number} [anchor=RE2Set.UNANCHORED] - The anchoring mode (e.g., RE2Set.UNANCHORED).
  * @param {number} [flags=0] - The public flags to apply to all patterns in the set.
  * @param {number} [maxMem=8388608] - The maximum memory in bytes to use for the DFA (default 8MB).
  */
  constructor(anchor = RE2Set2.UNANCHORED, flags = 0, maxMem = 8388608) {
    if (![
      RE2Set2.UNANCHORED,
      RE2Set2.ANCHOR_START,
      RE2Set2.ANCHOR_BOTH
    ].includes(anchor)) throw new RE2JSFlagsException("The anchor should be RE2Set.UNANCHORED, RE2Set.ANCHOR_START or RE2Set.ANCHOR_BOTH");
    Utils.checkFlags(flags);
    this.anchor = anchor;
    this.jsFlags = flags;
    this.maxMem = maxMem;
    let re2Flags = RE2Flags.PERL;
    if ((flags & PublicFlags.DISABLE_UNICODE_GROUPS) !== 0) re2Flags &= ~RE2Flags.UNICODE_GROUPS;
    if ((flags & PublicFlags.LOOKBEHINDS) !== 0) re2Flags |= RE2Flags.LOOKBEHIND;
    this.re2Flags = re2Flags;
    this.regexps = [];
    this.prog = null;
    this.dfa = null;
    this.dummyRe2 = null;
  }
  /**
  * Adds a new regular expression pattern to the set.
  * Patterns cannot be added after the set has been compiled.
  * @param {string} pattern - The regular expression pattern to add.
  * @returns {number} The integer index assigned to the added pattern.
  * @throws {RE2JSCompileException} If patterns are added after compilation.
  */
  add(pattern) {
    if (this.prog) throw new RE2JSCompileException("Cannot add patterns after compile");
    Utils.checkPattern(pattern);
    let fregex = pattern;
    if ((this.jsFlags & PublicFlags.CASE_INSENSITIVE) !== 0) fregex = `(?i)${fregex}`;
    if ((this.jsFlags & PublicFlags.DOTALL) !== 0) fregex = `(?s)${fregex}`;
    if ((this.jsFlags & PublicFlags.MULTILINE) !== 0) fregex = `(?m)${fregex}`;
    const re = Parser.parse(fregex, this.re2Flags);
    this.regexps.push(Simplify.simplify(re));
    return this.regexps.length - 1;
  }
  /**
  * Compiles the added patterns into a single state machine.
  * This is automatically called on the first match if not called explicitly.
  * @returns {void}
  */
  compile() {
    if (this.prog) return;
    const prog = Compiler.compileSet(this.regexps);
    if (prog.numInst() > Parser.MAX_SIZE) throw new RE2JSCompileException(`${Parser.ERR_LARGE}: the set compiles to ${prog.numInst()} instructions, more than ${Parser.MAX_SIZE}`);
    this.prog = prog;
    this.dfa = new DFA(this.prog, this.maxMem);
    this.dummyRe2 = {
      prog: this.prog,
      cond: this.prog.startCond(),
      prefix: "",
      prefixRune: 0,
      longest: false
    };
  }
  /**
  * Matches the input against the compiled set of regular expressions.
  * @param {string|number[]|Uint8Array} input - The input string or UTF-8 byte array to match against.
  * @returns {number[]} An array of indices representing the patterns that successfully matched the input.
  */
  match(input2) {
    if (!this.prog) this.compile();
    const machineInput = Utils.isByteArray(input2) ? MachineInput.fromUTF8(input2) : MachineInput.fromUTF16(input2);
    let internalAnchor = RE2Flags.UNANCHORED;
    if (this.anchor === RE2Set2.ANCHOR_START) internalAnchor = RE2Flags.ANCHOR_START;
    else if (this.anchor === RE2Set2.ANCHOR_BOTH) internalAnchor = RE2Flags.ANCHOR_BOTH;
    const dfaResult = this.dfa.matchSet(machineInput, 0, internalAnchor);
    if (dfaResult !== null) return dfaResult;
    const machine = Machine.fromRE2(this.dummyRe2);
    machine.init(0);
    return machine.matchSet(machineInput, 0, internalAnchor);
  }
};
var TranslateRegExpString = class TranslateRegExpString2 {
  static isHexadecimal(ch) {
    return "0" <= ch && ch <= "9" || "A" <= ch && ch <= "F" || "a" <= ch && ch <= "f";
  }
  static translate(data) {
    let prefixFlags = "";
    if (Object.prototype.toString.call(data) === "[object RegExp]") {
      if (data.ignoreCase) prefixFlags += "i";
      if (data.multiline) prefixFlags += "m";
      if (data.dotAll) prefixFlags += "s";
      data = data.source;
    }
    if (typeof data !== "string") return data;
    let result = "";
    let changed = false;
    let size = data.length;
    if (size === 0) {
      result = "(?:)";
      changed = true;
    }
    let inCharClass = false;
    let i = 0;
    while (i < size) {
      let ch = data[i];
      if (ch === "\\") {
        if (i + 1 < size) {
          ch = data[i + 1];
          switch (ch) {
            case "\\":
              result += "\\\\";
              i += 2;
              continue;
            case "c":
              if (i + 2 < size) {
                let code = data[i + 2].charCodeAt(0);
                if (code >= 65 && code <= 90 || code >= 97 && code <= 122) {
                  let val = code % 32;
                  result += "\\x";
                  result += (val >> 4).toString(16).toUpperCase();
                  result += (val & 15).toString(16).toUpperCase();
                  i += 3;
                  changed = true;
                  continue;
                }
              }
              result += "c";
              i += 2;
              changed = true;
              continue;
            case "u":
              if (i + 2 < size) {
                if (data[i + 2] === "{") {
                  let j = i + 3;
                  let hasHex = false;
                  let closed = false;
                  while (j < size) {
                    const hexChar = data[j];
                    if (hexChar === "}") {
                      closed = true;
                      break;
                    }
                    if (!TranslateRegExpString2.isHexadecimal(hexChar)) break;
                    hasHex = true;
                    j++;
                  }
                  if (closed && hasHex) {
                    result += "\\x";
                    i += 2;
                    changed = true;
                    continue;
                  }
                } else if (i + 5 < size) {
                  let isHex4 = true;
                  for (let j = 0; j < 4; j++) if (!TranslateRegExpString2.isHexadecimal(data[i + 2 + j])) {
                    isHex4 = false;
                    break;
                  }
                  if (isHex4) {
                    result += "\\x{" + data.substring(i + 2, i + 6) + "}";
                    i += 6;
                    changed = true;
                    continue;
                  }
                }
              }
              result += "u";
              i += 2;
              changed = true;
              continue;
            case "x": {
              let isValidHex = false;
              if (i + 2 < size && data[i + 2] === "{") {
                let j = i + 3;
                let hasHex = false;
                let closed = false;
                while (j < size) {
                  const hexChar = data[j];
                  if (hexChar === "}") {
                    closed = true;
                    break;
                  }
                  if (!TranslateRegExpString2.isHexadecimal(hexChar)) break;
                  hasHex = true;
                  j++;
                }
                if (closed && hasHex) isValidHex = true;
              } else if (i + 3 < size && TranslateRegExpString2.isHexadecimal(data[i + 2]) && TranslateRegExpString2.isHexadecimal(data[i + 3])) isValidHex = true;
              if (isValidHex) {
                result += "\\x";
                i += 2;
              } else {
                result += "x";
                i += 2;
                changed = true;
              }
              continue;
            }
            case "n":
            case "r":
            case "t":
            case "a":
            case "f":
            case "v":
            case "d":
            case "D":
            case "s":
            case "S":
            case "w":
            case "W":
            case "b":
            case "B":
            case "p":
            case "P":
            case "A":
            case "z":
            case "Q":
            case "E":
            case "0":
            case "1":
            case "2":
            case "3":
            case "4":
            case "5":
            case "6":
            case "7":
              result += "\\" + ch;
              i += 2;
              continue;
            default: {
              let cp2 = data.codePointAt(i + 1);
              if (cp2 >= 48 && cp2 <= 57 || cp2 >= 65 && cp2 <= 90 || cp2 >= 97 && cp2 <= 122) {
                let symSize2 = Utils.charCount(cp2);
                result += data.substring(i + 1, i + 1 + symSize2);
                i += symSize2 + 1;
                changed = true;
              } else {
                result += "\\";
                let symSize2 = Utils.charCount(cp2);
                result += data.substring(i + 1, i + 1 + symSize2);
                i += symSize2 + 1;
              }
              continue;
            }
          }
        }
      } else if (ch === "/") {
        result += "\\/";
        i += 1;
        changed = true;
        continue;
      } else if (ch === "[") {
        if (!inCharClass && data[i + 1] === "]") {
          result += "[^\\x00-\\x{10FFFF}]";
          i += 2;
          changed = true;
          continue;
        }
        if (!inCharClass && data[i + 1] === "^" && data[i + 2] === "]") {
          result += "[\\x00-\\x{10FFFF}]";
          i += 3;
          changed = true;
          continue;
        }
        inCharClass = true;
      } else if (ch === "]") inCharClass = false;
      else if (!inCharClass && ch === "(" && i + 2 < size && data[i + 1] === "?" && data[i + 2] === "<") {
        if (i + 3 < size && !"=!>)".includes(data[i + 3])) {
          result += "(?P<";
          i += 3;
          changed = true;
          continue;
        }
      }
      let cp = data.codePointAt(i);
      let symSize = Utils.charCount(cp);
      result += data.substring(i, i + symSize);
      i += symSize;
    }
    const finalResult = changed ? result : data;
    if (prefixFlags.length > 0) return `(?${prefixFlags})${finalResult}`;
    return finalResult;
  }
};
var execResult = (m, input2) => {
  const result = m.matchArray();
  result.index = m.start(0);
  result.input = input2;
  result.groups = m.namedGroupsObject();
  return result;
};
var RE2JS = class RE2JS2 {
  /**
  * Flag: case insensitive matching.
  */
  static CASE_INSENSITIVE = PublicFlags.CASE_INSENSITIVE;
  /**
  * Flag: dot ({@code .}) matches all characters, including newline.
  */
  static DOTALL = PublicFlags.DOTALL;
  /**
  * Flag: multiline matching: {@code ^} and {@code $} match at beginning and end of line, not just
  * beginning and end of input.
  */
  static MULTILINE = PublicFlags.MULTILINE;
  /**
  * Flag: Unicode groups (e.g. {@code \p\ Greek\} ) will be syntax errors.
  */
  static DISABLE_UNICODE_GROUPS = PublicFlags.DISABLE_UNICODE_GROUPS;
  /**
  * Flag: matches longest possible string.
  */
  static LONGEST_MATCH = PublicFlags.LONGEST_MATCH;
  /**
  * Flag: enable linear-time captureless lookbehinds.
  */
  static LOOKBEHINDS = PublicFlags.LOOKBEHINDS;
  /**
  * Returns a literal pattern string for the specified string.
  *
  * This method produces a string that can be used to create a <code>RE2JS</code> that would
  * match the string <code>s</code> as if it were a literal pattern.
  *
  * Metacharacters or escape sequences in the input sequence will be given no special meaning.
  *
  * @param {string} str The string to be literalized
  * @returns {string} A literal string replacement
  */
  static quote(str) {
    return Utils.quoteMeta(str);
  }
  /**
  * Quotes '\' and '$' in {@code str}, so that the returned string could be used in
  * replacement methods as a literal replacement of {@code str}.
  *
  * This is a convenience delegation to {@link Matcher.quoteReplacement}.
  *
  * @param {string} str the string to be quoted
  * @param {boolean} [javaMode=false] whether the replacement will be used in javaMode
  * @returns {string} the quoted string
  */
  static quoteReplacement(str, javaMode = false) {
    return Matcher.quoteReplacement(str, javaMode);
  }
  /**
  * Translates a given regular expression string to ensure compatibility with RE2JS.
  *
  * This function preprocesses the input regex string by applying necessary transformations,
  * such as escaping special characters (e.g., `/`), converting named capture groups to
  * RE2JS-compatible syntax, and handling Unicode sequences properly. It ensures that the
  * resulting regex is safe and properly formatted before compilation.
  *
  * @param {string|RegExp} expr - The regular expression string to be translated.
  * @returns {string} - The transformed regular expression string, ready for compilation.
  */
  static translateRegExp(expr) {
    return TranslateRegExpString.translate(expr);
  }
  /**
  * Helper: create new RE2JS with given regex and flags. Flregex is the regex with flags applied.
  * @param {string} regex
  * @param {number} [flags=0]
  * @returns {RE2JS}
  */
  static compile(regex, flags = 0) {
    Utils.checkPattern(regex);
    Utils.checkFlags(flags);
    let fregex = regex;
    if ((flags & RE2JS2.CASE_INSENSITIVE) !== 0) fregex = `(?i)${fregex}`;
    if ((flags & RE2JS2.DOTALL) !== 0) fregex = `(?s)${fregex}`;
    if ((flags & RE2JS2.MULTILINE) !== 0) fregex = `(?m)${fregex}`;
    let re2Flags = RE2Flags.PERL;
    if ((flags & RE2JS2.DISABLE_UNICODE_GROUPS) !== 0) re2Flags &= ~RE2Flags.UNICODE_GROUPS;
    if ((flags & RE2JS2.LOOKBEHINDS) !== 0) re2Flags |= RE2Flags.LOOKBEHIND;
    const p = new RE2JS2(regex, flags);
    p.re2Input = RE2.compileImpl(fregex, re2Flags, (flags & RE2JS2.LONGEST_MATCH) !== 0);
    return p;
  }
  /**
  * Matches a string against a regular expression.
  *
  * @param {string} regex the regular expression
  * @param {string|number[]|Uint8Array} input the input
  * @returns {boolean} true if the regular expression matches the entire input
  * @throws RE2JSSyntaxException if the regular expression is malformed
  */
  static matches(regex, input2) {
    return RE2JS2.compile(regex).testExact(input2);
  }
  /**
  * This is visible for testing.
  * @private
  */
  static initTest(pattern, flags, re2) {
    if (pattern == null) throw new Error("pattern is null");
    if (re2 == null) throw new Error("re2 is null");
    const p = new RE2JS2(pattern, flags);
    p.re2Input = re2;
    return p;
  }
  /**
  *
  * @param {string} pattern
  * @param {number} flags
  */
  constructor(pattern, flags) {
    this.patternInput = pattern;
    this.flagsInput = flags;
    this.re2Input = null;
  }
  /**
  * Releases memory used by internal caches associated with this pattern. Does not change the
  * observable behaviour. Useful for tests that detect memory leaks via allocation tracking.
  */
  reset() {
    this.re2Input.reset();
  }
  /**
  * Returns the flags used in the constructor.
  * @returns {number}
  */
  flags() {
    return this.flagsInput;
  }
  /**
  * Returns the pattern used in the constructor.
  * @returns {string}
  */
  pattern() {
    return this.patternInput;
  }
  re2() {
    return this.re2Input;
  }
  /**
  * Matches a string against a regular expression.
  *
  * @param {string|number[]|Uint8Array} input the input
  * @returns {boolean} true if the regular expression matches the entire input
  */
  matches(input2) {
    return this.testExact(input2);
  }
  /**
  * Creates a new {@code Matcher} matching the pattern against the input.
  *
  * @param {string|number[]|Uint8Array|MatcherInputBase} input the input string
  * @returns {Matcher}
  */
  matcher(input2) {
    if (Utils.isByteArray(input2)) input2 = MatcherInput.utf8(input2);
    return new Matcher(this, input2);
  }
  /**
  * Tests whether the regular expression matches any part of the input string.
  * Performance Note: This method is highly optimized. Because it only returns
  * a boolean and does not extract capture groups, it bypasses the `Matcher` overhead
  * and guarantees execution on the high-speed DFA engine whenever possible.
  *
  * @param {string|number[]|Uint8Array} input - The input string or UTF-8 byte array to test against.
  * @returns {boolean} `true` if the pattern is found anywhere in the input, `false` otherwise.
  */
  test(input2) {
    if (Utils.isByteArray(input2)) return this.re2Input.matchUTF8(input2);
    return this.re2Input.match(input2);
  }
  /**
  * Tests whether the regular expression matches the ENTIRE input string.
  * * **Performance Note:** This operates identically to `.matches()`, but is significantly
  * faster because it does not request capture group data. By requesting 0 capture groups,
  * it securely routes execution through the DFA fast-path.
  *
  * @param {string|number[]|Uint8Array} input - The input string or UTF-8 byte array to test against.
  * @returns {boolean} `true` if the exact input string fully matches the pattern, `false` otherwise.
  */
  testExact(input2) {
    const machineInput = Utils.isByteArray(input2) ? MachineInput.fromUTF8(input2) : MachineInput.fromUTF16(input2);
    return this.re2Input.executeEngine(machineInput, 0, RE2Flags.ANCHOR_BOTH, 0) !== null;
  }
  /**
  * Executes a search for a match in a specified string.
  * Returns a result array, or null if no match is found.
  * The returned array perfectly mirrors standard JavaScript `RegExpExecArray`,
  * including `.index`, `.input`, and `.groups` properties.
  *
  * @param {string|number[]|Uint8Array} input the input string or byte array
  * @returns {Array|null} the match array with index, input, and groups properties, or null
  */
  exec(input2) {
    const m = this.matcher(input2);
    return m.find() ? execResult(m, input2) : null;
  }
  /**
  * Splits input around instances of the regular expression. It returns an array giving the strings
  * that occur before, between, and after instances of the regular expression.
  *
  * If {@code limit <= 0}, there is no limit on the size of the returned array. If
  * {@code limit == 0}, empty strings that would occur at the end of the array are omitted. If
  * {@code limit > 0}, at most limit strings are returned. The final string contains the remainder
  * of the input, possibly including additional matches of the pattern.
  *
  * @param {string} input the input string to be split
  * @param {number} [limit=0] the limit
  * @returns {string[]} the split strings
  */
  split(input2, limit = 0) {
    const m = this.matcher(input2);
    const result = [];
    let emptiesSkipped = 0;
    let last = 0;
    while (m.find()) {
      if (last === 0 && m.end() === 0) {
        last = m.end();
        continue;
      }
      if (limit > 0 && result.length === limit - 1) break;
      if (last === m.start()) {
        if (limit === 0) {
          emptiesSkipped += 1;
          last = m.end();
          continue;
        }
      } else while (emptiesSkipped > 0) {
        result.push("");
        emptiesSkipped -= 1;
      }
      result.push(m.substring(last, m.start()));
      last = m.end();
    }
    if (limit === 0 && last !== m.inputLength()) {
      while (emptiesSkipped > 0) {
        result.push("");
        emptiesSkipped -= 1;
      }
      result.push(m.substring(last, m.inputLength()));
    }
    if (limit !== 0 || result.length === 0 && !(last === m.inputLength() && last > 0)) result.push(m.substring(last, m.inputLength()));
    return result;
  }
  /**
  * Returns an iterator of all results matching a string against the regular expression,
  * including capturing groups.
  *
  * @param {string|number[]|Uint8Array} input the input string or byte array
  * @returns {IterableIterator<RegExpMatchArray>}
  */
  *matchAll(input2) {
    const m = this.matcher(input2);
    while (m.find()) yield execResult(m, input2);
  }
  /**
  *
  * @returns {string}
  */
  toString() {
    return this.patternInput;
  }
  /**
  * Returns the program size of this pattern.
  *
  * <p>
  * Similar to the C++ implementation, the program size is a very approximate measure of a regexp's
  * "cost". Larger numbers are more expensive than smaller numbers.
  * </p>
  *
  * @returns {number} the program size of this pattern
  */
  programSize() {
    return this.re2Input.numberOfInstructions();
  }
  /**
  * Returns the number of capturing groups in this matcher's pattern. Group zero denotes the entire
  * pattern and is excluded from this count.
  *
  * @returns {number} the number of capturing groups in this pattern
  */
  groupCount() {
    return this.re2Input.numberOfCapturingGroups();
  }
  /**
  * Return a map of the capturing groups in this matcher's pattern, where key is the name and value
  * is the index of the group in the pattern.
  * @returns {Record<string, number>}
  */
  namedGroups() {
    return this.re2Input.namedGroups;
  }
  /**
  *
  * @param {*} other
  * @returns {boolean}
  */
  equals(other) {
    if (this === other) return true;
    if (other === null || this.constructor !== other.constructor) return false;
    return this.flagsInput === other.flagsInput && this.patternInput === other.patternInput;
  }
};

// src/regex.ts
var MAX_PROGRAM_SIZE = 2e3;
var CACHE_LIMIT = 100;
var PatternError = class extends Error {
  pattern;
  detail;
  constructor(pattern, detail, explanation2 = detail) {
    super(`${JSON.stringify(pattern)} is not a valid RE2 regular expression: ${explanation2}`);
    this.name = "PatternError";
    this.pattern = pattern;
    this.detail = detail;
  }
};
function compilePattern(pattern) {
  let re;
  try {
    re = RE2JS.compile(pattern);
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) throw error;
    const detail = error.input === null ? error.error : `${error.error}: \`${error.input}\``;
    throw new PatternError(pattern, detail, explain(error.input ?? "") ?? detail);
  }
  const size = re.programSize();
  if (size > MAX_PROGRAM_SIZE) {
    throw new PatternError(
      pattern,
      "expression too large",
      `too large: it compiles to ${size} instructions, more than ${MAX_PROGRAM_SIZE} (use smaller {n,m} repeat counts or fewer alternatives)`
    );
  }
  const names = Object.entries(re.namedGroups());
  return {
    programSize: size,
    test: (text) => re.test(text),
    testWhole: (text) => re.testExact(text),
    matchWhole(text) {
      const m = re.matcher(text);
      if (!m.matches()) return void 0;
      const numbered = [];
      for (let i = 0; i <= re.groupCount(); i++) numbered.push(m.group(i) ?? void 0);
      const groups = Object.fromEntries(names.map(([name, index]) => [name, numbered[index]]));
      return Object.assign(numbered, { groups });
    }
  };
}
function refinePattern(pattern, ctx) {
  try {
    compilePattern(pattern);
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    ctx.addIssue({ code: "custom", message: error.message });
  }
}
var patternText = external_exports.string().superRefine(refinePattern);
var cache = /* @__PURE__ */ new Map();
function cachedPattern(pattern) {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compilePattern(pattern);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}
function literalPattern(text) {
  return RE2JS.quote(text);
}
var NOT_LINEAR = "RE2 leaves out backreferences, lookarounds, atomic groups and possessive quantifiers so that matching takes linear time";
var REFUSED = [
  ["backreference", /^\\[1-9k]/],
  ["lookahead", /^\(\?[=!]/],
  ["lookbehind", /^\(\?<[=!]/],
  ["atomic group", /^\(\?>/],
  ["possessive quantifier", /^(?:[*+?]|\{[\d,]+\})\+$/]
];
function explain(quoted) {
  for (const [construct, pattern] of REFUSED) {
    const found = pattern.exec(quoted);
    if (found) return `${construct} \`${found[0]}\` is not supported: ${NOT_LINEAR}`;
  }
  return void 0;
}

// src/tool.ts
var TOOL_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;
var GATE_OUTPUT_KEYS = ["truncated", "redactions", "policy", "untrusted"];
var mutateArgs = {
  reason: external_exports.string().trim().min(3).max(2e3),
  dryRun: external_exports.boolean().default(false)
};
function defineTool(def) {
  const problems = [];
  if (!TOOL_NAME.test(def.name)) problems.push("name must be snake_case <area>_<resource>[_<verb>]");
  if (def.input._zod.def.catchall?._zod.def.type !== "never")
    problems.push("input must be z.object({...}).strict()");
  if ("approvalId" in def.input.shape)
    problems.push('"approvalId" is reserved for the gate (the re-call after approval)');
  for (const key of GATE_OUTPUT_KEYS) {
    if (key in def.output.shape) problems.push(`output key "${key}" is reserved for the gate`);
  }
  if (def.kind === "mutate") {
    for (const key of Object.keys(mutateArgs)) {
      if (!(key in def.input.shape))
        problems.push(`mutate tool input must include "${key}" (spread mutateArgs)`);
    }
    if (!def.impact) problems.push("mutate tool must declare impact()");
  } else if (def.kind !== "read") {
    problems.push(`kind must be "read" or "mutate", got ${JSON.stringify(def.kind)}`);
  }
  if (problems.length) throw new Error(`tool ${def.name}: ${problems.join("; ")}`);
  return def;
}

// src/backends/alertmanager/matchers.ts
var MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^"\s]*))\s*$/;
function parseMatcher(text) {
  const m = MATCHER.exec(text);
  if (!m) {
    throw new Error(
      `bad matcher ${JSON.stringify(text)}: expected name="value", name=~"regex", name!="value" or name!~"regex"`
    );
  }
  const [, name = "", op = "=", quoted, bare2] = m;
  const value = quoted !== void 0 ? quoted.replace(/\\(.)/g, "$1") : bare2 ?? "";
  const isRegex = op === "=~" || op === "!~";
  if (isRegex) {
    try {
      cachedPattern(value);
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
      throw new Error(`bad matcher ${JSON.stringify(text)}: invalid regex: ${err.message}`);
    }
  }
  return { name, value, isRegex, isEqual: op === "=" || op === "=~" };
}
function parseMatchers(texts) {
  return texts.map(parseMatcher);
}
function formatMatcher(m) {
  const op = m.isRegex ? m.isEqual ? "=~" : "!~" : m.isEqual ? "=" : "!=";
  return `${m.name}${op}${JSON.stringify(m.value)}`;
}
function matchesLabels(matchers, labels) {
  return matchers.every((m) => {
    const actual = labels[m.name] ?? "";
    const hit = m.isRegex ? cachedPattern(m.value).testWhole(actual) : actual === m.value;
    return hit === m.isEqual;
  });
}

// tools/alertmanager/common.ts
var matcherText = external_exports.string().superRefine((text, issue) => {
  try {
    parseMatcher(text);
  } catch (err) {
    issue.addIssue({ code: "custom", message: err.message });
  }
});
var matchersArg = external_exports.array(matcherText).min(1).max(20).describe('Each like alertname="X"');
function alertmanager(backends) {
  if (!backends.alertmanager) {
    throw new Error("Alertmanager is not configured: add an `alertmanager:` section (url) to opswarden.yaml");
  }
  return backends.alertmanager;
}
function equalValue(matchers, ...names) {
  return matchers.find((m) => names.includes(m.name) && m.isEqual && !m.isRegex)?.value;
}
function silenceTarget(matchers) {
  const service = equalValue(matchers, "service");
  const namespace = equalValue(matchers, "namespace");
  const name = equalValue(matchers, "alertname");
  const environment = equalValue(matchers, "environment", "env");
  return {
    kind: "Silence",
    ...name ? { name } : {},
    ...service ? { service } : {},
    ...namespace ? { namespace } : {},
    ...environment ? { environment } : {}
  };
}
function silenceTargetOf(texts) {
  return silenceTarget(parseMatchers(texts));
}
async function firingCaughtBy(backend, matchers) {
  const firing = await backend.alerts({
    active: true,
    silenced: false,
    inhibited: false,
    unprocessed: true
  });
  return { firing, caught: firing.filter((a) => matchesLabels(matchers, a.labels)) };
}
function alertBrief(alert) {
  return {
    alertname: alert.labels.alertname ?? "",
    labels: alert.labels,
    startsAt: alert.startsAt,
    ...alert.annotations.summary ? { summary: alert.annotations.summary } : {}
  };
}
var alertBriefSchema = external_exports.object({
  alertname: external_exports.string(),
  labels: external_exports.record(external_exports.string(), external_exports.string()),
  startsAt: external_exports.string(),
  summary: external_exports.string().optional()
});

// tools/alertmanager/am_alerts_list.ts
var MAX_ALERTS_PER_GROUP = 20;
function commonLabels(alerts) {
  const [first, ...rest] = alerts;
  if (!first) return {};
  return Object.fromEntries(
    Object.entries(first.labels).filter(([k, v]) => rest.every((a) => a.labels[k] === v))
  );
}
function stateOf(alert) {
  if (alert.status.silencedBy.length) return "silenced";
  if (alert.status.inhibitedBy.length) return "inhibited";
  return alert.status.state === "unprocessed" ? "unprocessed" : "firing";
}
var alertSchema = external_exports.object({
  labels: external_exports.record(external_exports.string(), external_exports.string()).describe("Labels not shared by the whole group"),
  startsAt: external_exports.string(),
  state: external_exports.enum(["firing", "silenced", "inhibited", "unprocessed"]),
  silencedBy: external_exports.array(external_exports.string()).optional().describe("Silence ids (see am_silences_list)"),
  summary: external_exports.string().optional()
});
var am_alerts_list_default = defineTool({
  name: "am_alerts_list",
  title: "Alertmanager: Alerts",
  description: "Alertmanager alerts by route group: shared and own labels, start, state (firing, silenced, inhibited). Next: am_silence_create.",
  kind: "read",
  untrusted: ["$.groups[*].labels", "$.groups[*].alerts[*].labels", "$.groups[*].alerts[*].summary"],
  input: external_exports.object({
    filter: external_exports.array(matcherText).max(20).optional().describe('Each like service="web"'),
    silenced: external_exports.boolean().default(true),
    inhibited: external_exports.boolean().default(true),
    receiver: patternText.min(1).optional().describe("RE2 regex")
  }).strict(),
  output: external_exports.object({
    groups: external_exports.array(
      external_exports.object({
        labels: external_exports.record(external_exports.string(), external_exports.string()).describe("Labels every alert of the group shares"),
        receiver: external_exports.string(),
        counts: external_exports.object({ firing: external_exports.number(), silenced: external_exports.number(), inhibited: external_exports.number() }),
        alerts: external_exports.array(alertSchema),
        omitted: external_exports.number().optional().describe("Alerts left out of this group; narrow the filter to see them")
      })
    ),
    total: external_exports.number(),
    message: external_exports.string().optional()
  }),
  target: () => ({ kind: "Alert" }),
  handler: async (ctx, args) => {
    const groups = await alertmanager(ctx.backends).alertGroups({
      ...args.filter ? { filter: args.filter } : {},
      active: true,
      silenced: args.silenced,
      inhibited: args.inhibited,
      ...args.receiver ? { receiver: args.receiver } : {}
    });
    const shaped = groups.filter((g) => g.alerts.length).map((g) => {
      const common = commonLabels(g.alerts);
      const alerts = g.alerts.map((a) => {
        const state = stateOf(a);
        return {
          labels: Object.fromEntries(Object.entries(a.labels).filter(([k]) => !(k in common))),
          startsAt: a.startsAt,
          state,
          ...state === "silenced" ? { silencedBy: a.status.silencedBy } : {},
          ...a.annotations.summary ? { summary: a.annotations.summary } : {}
        };
      });
      const count2 = (s) => alerts.filter((a) => a.state === s).length;
      return {
        labels: common,
        receiver: g.receiver.name,
        counts: { firing: count2("firing"), silenced: count2("silenced"), inhibited: count2("inhibited") },
        alerts: alerts.slice(0, MAX_ALERTS_PER_GROUP),
        ...alerts.length > MAX_ALERTS_PER_GROUP ? { omitted: alerts.length - MAX_ALERTS_PER_GROUP } : {}
      };
    });
    const total = shaped.reduce((n, g) => n + g.alerts.length + (g.omitted ?? 0), 0);
    return {
      groups: shaped,
      total,
      ...total === 0 ? {
        message: args.filter ? `no alerts match ${args.filter.join(", ")}; try a wider filter or none` : "no alerts in Alertmanager"
      } : {}
    };
  }
});

// tools/alertmanager/am_silence_create.ts
var MAX_DURATION_MS = 7 * 864e5;
var MAX_LISTED = 20;
var durationArg = external_exports.string().superRefine((text, issue) => {
  try {
    const ms2 = parseDuration(text);
    if (ms2 <= 0 || ms2 > MAX_DURATION_MS)
      issue.addIssue({ code: "custom", message: "must be more than 0 and at most 7d" });
  } catch (err) {
    issue.addIssue({ code: "custom", message: err.message });
  }
}).describe("e.g. 2h, at most 7d");
var am_silence_create_default = defineTool({
  name: "am_silence_create",
  title: "Alertmanager: Create silence",
  description: "Silence alerts matching all matchers for duration; reason is the comment. Broad matchers escalate. Undo: am_silence_expire.",
  kind: "mutate",
  untrusted: ["$.silences.alerts[*].labels", "$.silences.alerts[*].summary"],
  annotations: { destructive: false, idempotent: false, openWorld: true },
  input: external_exports.object({ matchers: matchersArg, duration: durationArg, ...mutateArgs }).strict(),
  output: external_exports.object({
    silenceId: external_exports.string().optional().describe("Absent on a dry run"),
    dryRun: external_exports.boolean(),
    matchers: external_exports.array(external_exports.string()),
    startsAt: external_exports.string(),
    endsAt: external_exports.string(),
    createdBy: external_exports.string(),
    silences: external_exports.object({
      count: external_exports.number().describe("Firing alerts it silences"),
      alerts: external_exports.array(alertBriefSchema),
      omitted: external_exports.number().optional()
    }),
    message: external_exports.string()
  }),
  target: (args) => silenceTargetOf(args.matchers),
  impact: async (args, ctx) => {
    const { firing, caught } = await firingCaughtBy(alertmanager(ctx.backends), parseMatchers(args.matchers));
    return {
      pods: 0,
      replicas: caught.length,
      fractionOfService: firing.length ? caught.length / firing.length : 0,
      reversible: true
    };
  },
  snapshot: async (args, ctx) => (await firingCaughtBy(alertmanager(ctx.backends), parseMatchers(args.matchers))).caught.map(alertBrief),
  handler: async (ctx, args) => {
    const backend = alertmanager(ctx.backends);
    const matchers = parseMatchers(args.matchers);
    const { caught } = await firingCaughtBy(backend, matchers);
    const startsAt = ctx.clock.now();
    const endsAt = new Date(startsAt.getTime() + parseDuration(args.duration));
    const createdBy = `opswarden:${ctx.principal.id}`;
    const silenceId = args.dryRun ? void 0 : await backend.createSilence({ matchers, startsAt, endsAt, createdBy, comment: args.reason });
    const texts = matchers.map(formatMatcher);
    return {
      ...silenceId ? { silenceId } : {},
      dryRun: args.dryRun,
      matchers: texts,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      createdBy,
      silences: {
        count: caught.length,
        alerts: caught.slice(0, MAX_LISTED).map(alertBrief),
        ...caught.length > MAX_LISTED ? { omitted: caught.length - MAX_LISTED } : {}
      },
      message: `${silenceId ? `created silence ${silenceId}` : "dry run: would create a silence"} for ${texts.join(", ")} until ${endsAt.toISOString()}; it ${silenceId ? "silences" : "would silence"} ${caught.length} firing alert(s)`
    };
  }
});

// tools/alertmanager/am_silence_expire.ts
async function alertsReleasedBy(backend, id) {
  const silenced = await backend.alerts({
    active: false,
    silenced: true,
    inhibited: false,
    unprocessed: false
  });
  return silenced.filter((a) => a.status.silencedBy.length === 1 && a.status.silencedBy[0] === id);
}
var am_silence_expire_default = defineTool({
  name: "am_silence_expire",
  title: "Alertmanager: Expire silence",
  description: "End a silence now: the alerts it held notify again (dryRun lists them).",
  kind: "mutate",
  untrusted: ["$.matchers", "$.notifyAgain.alerts[*].labels", "$.notifyAgain.alerts[*].summary"],
  annotations: { destructive: false, idempotent: true, openWorld: true },
  input: external_exports.object({ id: external_exports.string().min(1), ...mutateArgs }).strict(),
  output: external_exports.object({
    id: external_exports.string(),
    dryRun: external_exports.boolean(),
    matchers: external_exports.array(external_exports.string()),
    notifyAgain: external_exports.object({ count: external_exports.number(), alerts: external_exports.array(alertBriefSchema) }),
    message: external_exports.string()
  }),
  target: async (args, ctx) => ({
    ...silenceTarget((await alertmanager(ctx.backends).getSilence(args.id)).matchers),
    name: args.id
  }),
  impact: async (args, ctx) => {
    const released = await alertsReleasedBy(alertmanager(ctx.backends), args.id);
    return { pods: 0, replicas: released.length, reversible: true };
  },
  snapshot: (args, ctx) => alertmanager(ctx.backends).getSilence(args.id),
  handler: async (ctx, args) => {
    const backend = alertmanager(ctx.backends);
    const silence = await backend.getSilence(args.id);
    const matchers = silence.matchers.map(formatMatcher);
    if (silence.status.state === "expired") {
      throw new Error(`silence ${args.id} (${matchers.join(", ")}) has already expired`);
    }
    const released = await alertsReleasedBy(backend, args.id);
    if (!args.dryRun) await backend.expireSilence(args.id);
    return {
      id: args.id,
      dryRun: args.dryRun,
      matchers,
      notifyAgain: { count: released.length, alerts: released.slice(0, 20).map(alertBrief) },
      message: `${args.dryRun ? "dry run: would expire" : "expired"} silence ${args.id} (${matchers.join(", ")}); ${released.length} alert(s) ${args.dryRun ? "would notify" : "notify"} again`
    };
  }
});

// tools/alertmanager/am_silences_list.ts
var STATE_ORDER = { active: 0, pending: 1, expired: 2 };
var MAX_SILENCES = 50;
var am_silences_list_default = defineTool({
  name: "am_silences_list",
  title: "Alertmanager: Silences",
  description: "Silences: state, matchers, creator, comment, end; check before creating one. Ids for am_silence_expire.",
  kind: "read",
  untrusted: ["$.silences[*].matchers", "$.silences[*].createdBy", "$.silences[*].comment"],
  input: external_exports.object({
    state: external_exports.array(external_exports.enum(["active", "pending", "expired"])).min(1).default(["active", "pending"])
  }).strict(),
  output: external_exports.object({
    silences: external_exports.array(
      external_exports.object({
        id: external_exports.string(),
        state: external_exports.enum(["active", "pending", "expired"]),
        matchers: external_exports.array(external_exports.string()),
        createdBy: external_exports.string(),
        comment: external_exports.string(),
        startsAt: external_exports.string(),
        endsAt: external_exports.string()
      })
    ),
    omitted: external_exports.number().optional().describe("Silences left out; ask for fewer states"),
    message: external_exports.string().optional()
  }),
  target: () => ({ kind: "Silence" }),
  handler: async (ctx, args) => {
    const all = await alertmanager(ctx.backends).silences();
    const wanted = all.filter((s) => args.state.includes(s.status.state)).sort(
      (a, b) => STATE_ORDER[a.status.state] - STATE_ORDER[b.status.state] || b.endsAt.localeCompare(a.endsAt)
    );
    const silences = wanted.slice(0, MAX_SILENCES).map((s) => ({
      id: s.id,
      state: s.status.state,
      matchers: s.matchers.map(formatMatcher),
      createdBy: s.createdBy,
      comment: s.comment,
      startsAt: s.startsAt,
      endsAt: s.endsAt
    }));
    return {
      silences,
      ...wanted.length > MAX_SILENCES ? { omitted: wanted.length - MAX_SILENCES } : {},
      ...silences.length === 0 ? { message: `no ${args.state.join(" or ")} silences; state: ["expired"] lists past ones` } : {}
    };
  }
});

// tools/alertmanager/index.ts
var alertmanagerTools = [am_alerts_list_default, am_silences_list_default, am_silence_create_default, am_silence_expire_default];

// tools/approvals/approval_status.ts
var approval_status_default = defineTool({
  name: "approval_status",
  title: "Approvals: Status",
  description: "An approval's state (pending, approved, rejected, expired, used), who decided, when. Approved: re-call the tool with approvalId.",
  kind: "read",
  input: external_exports.object({
    id: external_exports.string().regex(/^apr_[A-Za-z0-9]+$/).describe("From approval_required")
  }).strict(),
  output: external_exports.object({
    approvalId: external_exports.string(),
    status: external_exports.enum(["pending", "approved", "rejected", "expired", "used"]),
    tool: external_exports.string(),
    requester: external_exports.string(),
    expiresAt: external_exports.string(),
    executeBy: external_exports.string().optional().describe("Approved: use it before this, or it expires"),
    decidedBy: external_exports.string().optional(),
    decidedAt: external_exports.string().optional(),
    comment: external_exports.string().optional(),
    next: external_exports.string()
  }),
  target: () => ({ kind: "Approval" }),
  handler: async (ctx, { id }) => {
    const found = ctx.backends.approvals.get(id);
    const a = found && canSee(found, ctx.principal) ? found : void 0;
    if (!a) throw new Error(`no approval with id ${id}; approval ids come from an approval_required result`);
    const next = {
      pending: `Still waiting for a human with role ${a.approvers.join(" or ")}; check again later.`,
      approved: `Approved: call ${a.tool} again with the same arguments and approvalId "${a.id}" before ${a.executeBy}. It can be used once, by its requester only.`,
      rejected: "Rejected: do not retry the same action; reconsider or ask the approver.",
      expired: `Expired: call ${a.tool} again without approvalId to request a new approval.`,
      used: "Already used: the action ran. Request a new approval to run it again."
    };
    return {
      approvalId: a.id,
      status: a.status,
      tool: a.tool,
      requester: a.requester,
      expiresAt: a.expiresAt,
      ...a.decidedBy ? { decidedBy: a.decidedBy } : {},
      ...a.decidedAt ? { decidedAt: a.decidedAt } : {},
      ...a.executeBy ? { executeBy: a.executeBy } : {},
      ...a.comment ? { comment: a.comment } : {},
      next: next[a.status]
    };
  }
});

// tools/approvals/index.ts
var approvalTools = [approval_status_default];

// src/shape/logs/clip.ts
var ELLIPSIS = "\u2026";
function clip(text, maxChars) {
  if (text.length <= maxChars) return text;
  let end = maxChars - ELLIPSIS.length;
  while (end > 0 && !isDelimiter(text.charCodeAt(end))) end--;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}
function isDelimiter(code) {
  return code <= 32 || DELIMITERS.has(code);
}
var DELIMITERS = new Set([...`,;"'()[]{}<>|`].map((c) => c.charCodeAt(0)));

// src/shape/logs/mask.ts
var HEX_DIGIT = "[0-9A-Fa-f]";
var TIMESTAMP = String.raw`\d{2}(?:\d{2}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?|/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2}(?: [+-]\d{4})?|:\d{2}:\d{2}(?:[.,]\d+)?)`;
var UUID = `${HEX_DIGIT}{8}-${HEX_DIGIT}{4}-${HEX_DIGIT}{4}-${HEX_DIGIT}{4}-${HEX_DIGIT}{12}`;
var IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?!\w|\.\d)`;
var IPV6_BODY = `(?:${HEX_DIGIT}{1,4}:){7}${HEX_DIGIT}{1,4}|(?:${HEX_DIGIT}{1,4}:){0,6}${HEX_DIGIT}{0,4}::(?:${HEX_DIGIT}{1,4}:){0,6}${HEX_DIGIT}{0,4}`;
var IPV6 = String.raw`\[(?:${IPV6_BODY})\](?::\d{1,5})?|(?<!:)(?=${HEX_DIGIT}{0,4}:${HEX_DIGIT}{0,4}:)(?=[:0-9A-Fa-f]*[0-9A-Fa-f])(?:${IPV6_BODY})(?![\w:.])`;
var BRACKETED = String.raw`\[ *(?=[\w.~+-]*\d)[\w.~+-]*\]`;
var DURATION = String.raw`(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+(?!\w)`;
var EMAIL_OR_TOKEN = String.raw`[\w.~+-]*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|\d(?:[\w.~+-]*[A-Za-z0-9])?)`;
var VARIABLE = new RegExp(
  String.raw`(?<![\w.~+-])(?:${TIMESTAMP}|${UUID}(?!\w)|${IPV4}|${IPV6}|${BRACKETED}|${DURATION}|${EMAIL_OR_TOKEN})|\s{2,}`,
  "g"
);
var TIMESTAMP_EXACT = new RegExp(`^(?:${TIMESTAMP})$`);
var UUID_EXACT = new RegExp(`^${UUID}$`);
var IPV4_EXACT = /^\d{1,3}(?:\.\d{1,3}){3}$/;
var DURATION_EXACT = new RegExp(`^${DURATION}$`);
var NUMBER = /^[-+]?\d+(?:\.\d+)*$/;
var UUID_INSIDE = new RegExp(UUID, "g");
var HEX = /^(?:0[xX][0-9A-Fa-f]+|[0-9A-Fa-f]{6,})$/;
var COUNTER = /^([A-Za-z]{1,8})\d{2,}$/;
var WITH_UNIT = /^\d+([A-Za-z%]{1,3})$/;
var LETTER = /[A-Za-z]/;
var PLACEHOLDER = /^<\w+>$/;
var NAME = /^(?:[a-z][a-z0-9]*|[A-Z][a-z]+)?$/;
var CREDENTIAL_MIN_CHARS = 16;
function templateOf(text) {
  return text.replace(VARIABLE, replace);
}
function replace(match) {
  if (isDigits(match)) return "<num>";
  const first = match.charCodeAt(0);
  if (match.trim() === "") return " ";
  if (match.includes("@")) return "<email>";
  if (match.includes(":")) return first === 91 || !TIMESTAMP_EXACT.test(match) ? "<ip>" : "<ts>";
  if (first === 91) {
    const inner = match.slice(1, -1).trim();
    const masked = replace(inner);
    return masked === inner ? match : PLACEHOLDER.test(masked) ? `[${masked}]` : "[<id>]";
  }
  if (match.length === 36 && UUID_EXACT.test(match)) return "<uuid>";
  if (IPV4_EXACT.test(match)) return "<ip>";
  if (DURATION_EXACT.test(match)) return "<dur>";
  return maskToken(match);
}
function maskToken(token) {
  if (NUMBER.test(token)) return "<num>";
  const text = token.length >= 36 ? token.replace(UUID_INSIDE, "") : token;
  const long = token.length >= CREDENTIAL_MIN_CHARS;
  let masked = false;
  let risky = false;
  let out = "";
  let start = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = text.charCodeAt(i);
    if (i < text.length && code !== 46 && code !== 95 && code !== 126 && code !== 43 && code !== 45) continue;
    const part = text.slice(start, i);
    parts++;
    const replaced = part === "" ? "<uuid>" : maskPart(part);
    if (replaced !== void 0) masked = true;
    else if (long && !NAME.test(part)) risky = true;
    out += (replaced ?? part) + (i < text.length ? text[i] : "");
    start = i + 1;
  }
  if (!masked) return token;
  if (risky || parts > 1 && out.startsWith("<") && LETTER.test(out.replace(/<\w+>/g, ""))) return "<id>";
  return out;
}
function maskPart(part) {
  let digits = 0;
  let transitions = 0;
  let previousIsDigit;
  for (let i = 0; i < part.length; i++) {
    const code = part.charCodeAt(i);
    const isDigit = code >= 48 && code <= 57;
    if (isDigit) digits++;
    if (previousIsDigit !== void 0 && isDigit !== previousIsDigit) transitions++;
    previousIsDigit = isDigit;
  }
  if (digits === 0) return void 0;
  if (digits === part.length) return "<num>";
  if (HEX.test(part)) return "<hex>";
  const counter = COUNTER.exec(part);
  if (counter) return `${counter[1]}<num>`;
  const unit = WITH_UNIT.exec(part);
  if (unit) return `<num>${unit[1]}`;
  if (transitions >= 4 || part.length >= 12 && digits >= 3) return "<id>";
  return void 0;
}
function isDigits(text) {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

// src/shape/logs/traces.ts
var FRAME_START = /^(?:\s+at\s|\s*\.\.\. \d+ (?:more|common frames omitted)|Caused by: |\s+Suppressed: )/;
var INDENTED = /^\s/;
var GO_FRAME = /^(?:\s|$|\[signal |goroutine \d+ \[|created by |exit status \d+$)/;
var GO_CALL = /^[\w./*()[\]-]+\(/;
var PYTHON_EXCEPTION = /^[A-Za-z_][\w.]*(?::|$)/;
var MAX_FRAMES = 50;
var MAX_FRAME_CHARS = 300;
var MAX_HEADER_CHARS = 500;
var MAX_TRACES = 200;
var NO_HEADER = "(trace begins before the first line read)";
function startsFrames(text) {
  return FRAME_START.test(text);
}
function tracesOpenedBy(text) {
  if (text.startsWith("Traceback (most recent call last)")) return "python";
  if (text.startsWith("panic: ") || text.startsWith("fatal error: ")) return "go";
  return void 0;
}
var OpenTrace = class {
  kind;
  header;
  frames = [];
  keyFrames = [];
  omittedFrames = 0;
  constructor(kind, header) {
    this.kind = kind;
    this.header = header;
  }
  /** Whether `text` continues this trace (a blank line does only inside a Go dump). */
  continuesWith(text) {
    if (this.kind === "go") return GO_FRAME.test(text) || text.endsWith(")") && GO_CALL.test(text);
    return INDENTED.test(text) || this.kind === "frames" && FRAME_START.test(text);
  }
  /** A Python traceback ends on its exception line, which then names the trace. */
  endsWith(text) {
    if (this.kind !== "python" || !PYTHON_EXCEPTION.test(text)) return false;
    this.header = text;
    return true;
  }
  addFrame(text) {
    if (this.frames.length < MAX_FRAMES) {
      const frame = clip(text, MAX_FRAME_CHARS);
      this.frames.push(frame);
      this.keyFrames.push(templateOf(frame));
    } else {
      this.omittedFrames++;
    }
  }
  /** Identical traces differ only in masked values (addresses, line numbers, ids). */
  key() {
    return `${templateOf(clip(this.header, MAX_HEADER_CHARS))}
${this.keyFrames.join("\n")}`;
  }
  toFrames() {
    return this.omittedFrames > 0 ? [...this.frames, `\u2026 ${this.omittedFrames} more lines`] : this.frames;
  }
};
function splitStack(stack) {
  const lines = stack.trimEnd().split("\n");
  if (lines[0].startsWith("Traceback ")) return { header: lines.at(-1).trim(), frames: lines.slice(1, -1) };
  return { header: lines[0].trim(), frames: lines.slice(1) };
}
function traceFromStack(stack) {
  const { header, frames } = splitStack(stack);
  const trace = new OpenTrace("frames", header);
  for (const frame of frames) if (frame.trim() !== "") trace.addFrame(frame);
  return trace;
}
var TraceBook = class {
  byKey = /* @__PURE__ */ new Map();
  overflow = 0;
  add(trace, order) {
    if (trace.frames.length === 0) return;
    const key = trace.key();
    const known = this.byKey.get(key);
    if (known) known.count++;
    else if (this.byKey.size >= MAX_TRACES) this.overflow++;
    else
      this.byKey.set(key, {
        header: clip(trace.header, MAX_HEADER_CHARS),
        frames: trace.toFrames(),
        count: 1,
        order
      });
  }
  /** Most frequent first, then first seen. */
  list() {
    return [...this.byKey.values()].sort((a, b) => b.count - a.count || a.order - b.order);
  }
};

// src/shape/logs/parse.ts
var LEVELS2 = ["error", "warn", "info", "debug", "unknown"];
var WORD_LEVEL = {
  trace: "debug",
  debug: "debug",
  info: "info",
  information: "info",
  notice: "info",
  warn: "warn",
  warning: "warn",
  error: "error",
  err: "error",
  fatal: "error",
  critical: "error",
  crit: "error",
  panic: "error",
  dpanic: "error",
  severe: "error",
  alert: "error",
  emerg: "error",
  emergency: "error"
};
var LEVEL_WORD = Object.keys(WORD_LEVEL).join("|");
var KLOG = /^([IWEF])\d{4} \d/;
var KLOG_LEVEL = { I: "info", W: "warn", E: "error", F: "error" };
var EXPLICIT = new RegExp(
  String.raw`\b(?:level|lvl|severity|loglevel)["']?\s*[=:]\s*["']?(${LEVEL_WORD})\b|\[(${LEVEL_WORD})\]|^(${LEVEL_WORD})\s*:`,
  "i"
);
var UPPER_WORD = new RegExp(String.raw`\b(${LEVEL_WORD.toUpperCase()})\b`);
var ERROR_HINT = /\bpanic:|\bfatal error:|\bTraceback \(most recent call last\)|\b\w*(?:Exception|Error)\b/;
var LEADING_TIME = /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)/;
var JSON_LEVEL_KEYS = ["level", "lvl", "severity", "levelname", "log.level", "@l"];
var JSON_MESSAGE_KEYS = ["msg", "message", "@m", "@mt", "event", "textPayload"];
var JSON_TIME_KEYS = ["time", "ts", "timestamp", "@timestamp", "@t", "datetime"];
var JSON_ERROR_KEYS = ["error", "err", "exception", "exc_info", "@x", "error.message"];
var JSON_STACK_KEYS = ["stack", "stacktrace", "stack_trace", "error.stack_trace"];
function parseLine(text) {
  if (text.charCodeAt(0) === 123 && text.charCodeAt(text.length - 1) === 125) {
    const parsed = parseJsonLine(text);
    if (parsed) return parsed;
  }
  const time = LEADING_TIME.exec(text)?.[1];
  return { level: textLevel(text), message: text, ...time ? { time } : {} };
}
function levelRank(level) {
  return level === "error" ? 3 : level === "warn" ? 2 : level === "debug" ? 0 : 1;
}
function textLevel(text) {
  const klog = KLOG.exec(text);
  if (klog) return KLOG_LEVEL[klog[1]];
  const explicit = EXPLICIT.exec(text);
  if (explicit) return WORD_LEVEL[(explicit[1] ?? explicit[2] ?? explicit[3]).toLowerCase()];
  const upper = UPPER_WORD.exec(text);
  if (upper) return WORD_LEVEL[upper[1].toLowerCase()];
  return ERROR_HINT.test(text) ? "error" : "unknown";
}
function parseJsonLine(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return void 0;
  }
  if (!isRecord(value)) return void 0;
  const error = field(value, JSON_ERROR_KEYS);
  const errorMessage = typeof error === "string" ? error : isRecord(error) ? error.message : void 0;
  const stack = [
    field(value, JSON_STACK_KEYS),
    isRecord(error) ? error.stack : void 0,
    typeof error === "string" ? error : void 0
  ].find((s) => typeof s === "string" && s.includes("\n"));
  const msg = field(value, JSON_MESSAGE_KEYS);
  let message = typeof msg === "string" ? msg : text;
  const errorHeadline = typeof errorMessage === "string" ? splitStack(errorMessage).header : stack ? splitStack(stack).header : "";
  if (errorHeadline !== "" && !message.includes(errorHeadline)) message = `${message}: ${errorHeadline}`;
  const level = jsonLevel(field(value, JSON_LEVEL_KEYS)) ?? (error || stack ? "error" : textLevel(message));
  const time = jsonTime(field(value, JSON_TIME_KEYS));
  return { level, message, ...time ? { time } : {}, ...stack ? { stack } : {} };
}
function field(record, keys) {
  for (const key of keys) {
    if (record[key] !== void 0) return record[key];
    const dot = key.indexOf(".");
    if (dot > 0) {
      const parent = record[key.slice(0, dot)];
      if (isRecord(parent) && parent[key.slice(dot + 1)] !== void 0) return parent[key.slice(dot + 1)];
    }
  }
  return void 0;
}
function jsonLevel(value) {
  if (typeof value === "string") return WORD_LEVEL[value.toLowerCase()];
  if (typeof value === "number")
    return value >= 50 ? "error" : value >= 40 ? "warn" : value >= 30 ? "info" : "debug";
  return void 0;
}
function jsonTime(value) {
  if (typeof value === "string") return value;
  if (typeof value !== "number" || !Number.isFinite(value)) return void 0;
  const date = new Date(value > 1e11 ? value : value * 1e3);
  return Number.isNaN(date.getTime()) ? void 0 : date.toISOString();
}
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// src/shape/logs/collect.ts
var MAX_TEMPLATES = 5e3;
var MAX_SOURCES_PER_TEMPLATE = 10;
var MAX_MESSAGE_CHARS = 2e3;
var MAX_TEMPLATE_CHARS = 500;
var MAX_EXAMPLE_CHARS = 1e3;
var MAX_RAW_CHARS = 2e3;
var CONTEXT_LINES = 5;
var MAX_FILTERED_CHARS = 16384;
var LogCollector = class {
  filter;
  minRank;
  rawBytes;
  totalLines = 0;
  matchedLines = 0;
  levels = Object.fromEntries(LEVELS2.map((l) => [l, 0]));
  templates = /* @__PURE__ */ new Map();
  traces = new TraceBook();
  sources = /* @__PURE__ */ new Map();
  ungrouped = { templates: 0, lines: 0 };
  head = [];
  tail = [];
  raw = [];
  rawWindowBytes = 0;
  rawOmitted = 0;
  constructor(options) {
    this.filter = options.filter;
    this.minRank = options.minLevel ? levelRank(options.minLevel) : 0;
    this.rawBytes = options.rawBytes;
  }
  add(line) {
    const lineNumber = ++this.totalLines;
    const text = line.text.endsWith("\r") ? line.text.slice(0, -1) : line.text;
    const source = line.source ?? "";
    let state = this.sources.get(source);
    if (!state) {
      state = { lastEntryKept: false };
      this.sources.set(source, state);
    }
    const time = explicitTime(line.time);
    if (this.continueTrace(state, text, lineNumber, line, time)) return;
    if (text.trim() === "") return;
    this.addEntry(state, text, lineNumber, line, time);
  }
  finish() {
    for (const state of this.sources.values()) this.closeTrace(state);
    const head = this.head;
    const firstTailIndex = head.length;
    return {
      totalLines: this.totalLines,
      matchedLines: this.matchedLines,
      levels: this.levels,
      templates: [...this.templates.values()],
      traces: this.traces.list(),
      head,
      tail: this.tail.filter((t) => t.index >= firstTailIndex).map((t) => t.text),
      rawLines: this.raw.map((r) => r.text),
      ungrouped: this.ungrouped,
      tracesOverLimit: this.traces.overflow,
      rawOmitted: this.rawOmitted,
      multipleSources: this.sources.size > 1
    };
  }
  /** True when the line is a frame of a trace (open, or opened now under the last entry). */
  continueTrace(state, text, lineNumber, line, time) {
    const open = state.trace?.open;
    if (open?.continuesWith(text)) {
      if (state.trace.kept) this.addFrame(open, text, line, time);
      return true;
    }
    if (open) {
      const endsTrace = open.endsWith(text);
      this.closeTrace(state);
      if (endsTrace) return false;
    }
    if (!startsFrames(text)) return false;
    const kept = state.lastEntry !== void 0 ? state.lastEntryKept : this.passes(text, "error");
    const trace = new OpenTrace("frames", state.lastEntry ?? NO_HEADER);
    state.trace = { open: trace, kept, order: lineNumber };
    if (kept) this.addFrame(trace, text, line, time);
    return true;
  }
  addFrame(trace, text, line, time) {
    if (text.trim() === "") return;
    this.matchedLines++;
    this.keepRaw(line, text, time);
    if (this.rawBytes === void 0) trace.addFrame(text);
  }
  closeTrace(state) {
    const trace = state.trace;
    if (!trace) return;
    state.trace = void 0;
    if (trace.kept && this.rawBytes === void 0) this.traces.add(trace.open, trace.order);
  }
  addEntry(state, text, lineNumber, line, time) {
    const parsed = parseLine(text);
    const kept = this.passes(text, parsed.level);
    state.lastEntry = text;
    state.lastEntryKept = kept;
    const opens = tracesOpenedBy(text);
    if (opens) state.trace = { open: new OpenTrace(opens, text), kept, order: lineNumber };
    if (!kept) return;
    this.matchedLines++;
    this.levels[parsed.level]++;
    this.keepRaw(line, text, time);
    if (this.rawBytes !== void 0) return;
    this.count(
      parsed.level,
      parsed.message,
      text,
      line.source,
      time ?? parsed.time ?? `line ${lineNumber}`,
      lineNumber
    );
    if (parsed.stack) this.traces.add(traceFromStack(parsed.stack), lineNumber);
  }
  passes(text, level) {
    return levelRank(level) >= this.minRank && (this.filter === void 0 || this.filter.test(text.slice(0, MAX_FILTERED_CHARS)));
  }
  count(level, message, text, source, when, order) {
    const template = clip(templateOf(clip(message, MAX_MESSAGE_CHARS)), MAX_TEMPLATE_CHARS);
    const key = `${level}\0${template}`;
    let stats = this.templates.get(key);
    if (!stats) {
      if (this.templates.size >= MAX_TEMPLATES && !this.evictFor(level)) {
        this.ungrouped.lines++;
        return;
      }
      stats = {
        // Shown from the redacted line: masking numbers and ids first could break a secret
        // into pieces no redaction pattern knows (the key above never leaves this object).
        template: clip(templateOf(clip(redactString(message).text, MAX_MESSAGE_CHARS)), MAX_TEMPLATE_CHARS),
        level,
        count: 0,
        first: when,
        last: when,
        example: clip(text, MAX_EXAMPLE_CHARS),
        sources: /* @__PURE__ */ new Set(),
        moreSources: false,
        order
      };
      this.templates.set(key, stats);
    }
    stats.count++;
    stats.last = when;
    if (source !== void 0 && !stats.sources.has(source)) {
      if (stats.sources.size < MAX_SOURCES_PER_TEMPLATE) stats.sources.add(source);
      else stats.moreSources = true;
    }
  }
  /**
   * At the cap, an error or warning template takes the place of the least frequent
   * info/debug/unknown one (the latest seen among equals); anything else is not grouped.
   */
  evictFor(level) {
    if (level !== "error" && level !== "warn") return false;
    let victimKey;
    let victim;
    for (const [key, stats] of this.templates) {
      if (stats.level === "error" || stats.level === "warn") continue;
      if (!victim || stats.count < victim.count || stats.count === victim.count && stats.order > victim.order) {
        victim = stats;
        victimKey = key;
      }
    }
    if (!victim) return false;
    this.templates.delete(victimKey);
    this.ungrouped.templates++;
    this.ungrouped.lines += victim.count;
    return true;
  }
  /** Head and tail context, or the raw window in raw mode. */
  keepRaw(line, text, time) {
    const formatted = clip(
      `${time ? `${time} ` : ""}${line.source !== void 0 ? `[${line.source}] ` : ""}${text}`,
      MAX_RAW_CHARS
    );
    if (this.rawBytes !== void 0) {
      const bytes = jsonBytes(formatted) + 1;
      this.raw.push({ text: formatted, bytes });
      this.rawWindowBytes += bytes;
      while (this.rawWindowBytes > this.rawBytes && this.raw.length > 0) {
        this.rawWindowBytes -= this.raw.shift().bytes;
        this.rawOmitted++;
      }
      return;
    }
    const index = this.matchedLines - 1;
    if (this.head.length < CONTEXT_LINES) this.head.push(formatted);
    this.tail.push({ index, text: formatted });
    if (this.tail.length > CONTEXT_LINES) this.tail.shift();
  }
};
function explicitTime(time) {
  if (time instanceof Date) return Number.isNaN(time.getTime()) ? void 0 : time.toISOString();
  return time === "" ? void 0 : time;
}

// src/shape/logs/fit.ts
var FULL = {
  exampleChars: Number.POSITIVE_INFINITY,
  templateChars: Number.POSITIVE_INFINITY,
  frames: Number.POSITIVE_INFINITY,
  frameChars: Number.POSITIVE_INFINITY,
  contextLines: Number.POSITIVE_INFINITY,
  contextChars: 500,
  sources: 10
};
var SHORTER = {
  exampleChars: 300,
  templateChars: 300,
  frames: 12,
  frameChars: 200,
  contextLines: 5,
  contextChars: 300,
  sources: 5
};
var SHORTEST = {
  exampleChars: 120,
  templateChars: 160,
  frames: 4,
  frameChars: 120,
  contextLines: 2,
  contextChars: 120,
  sources: 3
};
var NARROW = 'Narrow with filter (a regex), since (a shorter window) or minLevel ("warn", "error"), or read the lines themselves with raw: true and a filter.';
function fitToBudget(collected, maxBytes, raw) {
  return raw ? fitRaw(collected, maxBytes) : fitTemplates(collected, maxBytes);
}
function fitRaw(collected, maxBytes) {
  const lines = collected.rawLines;
  let omitted = collected.rawOmitted;
  const render = () => {
    const result2 = {
      ...counts(collected),
      templates: [],
      stackTraces: [],
      head: [],
      tail: [],
      lines
    };
    if (omitted > 0) {
      result2.omitted = {
        omittedTemplates: 0,
        omittedLines: omitted,
        hint: `raw keeps the newest lines that fit ${maxBytes} bytes; ${omitted} older matching lines were left out. ${NARROW}`
      };
    }
    return result2;
  };
  let result = render();
  while (jsonBytes(result) > maxBytes && lines.length > 0) {
    lines.shift();
    omitted++;
    result = render();
  }
  return result;
}
function fitTemplates(collected, maxBytes) {
  const templates = [...collected.templates].sort(byImportance);
  const dropped = /* @__PURE__ */ new Set();
  const kept = (items) => items.filter((t) => !dropped.has(t));
  let limits = FULL;
  const cuts = {
    templates: 0,
    lines: 0,
    errorTemplates: 0,
    traces: collected.tracesOverLimit,
    shortened: false,
    contextDropped: false
  };
  const { ungrouped, multipleSources } = collected;
  const templateJson = (t) => templateOut(t, limits, multipleSources);
  const render = (withTruncation) => {
    const result = {
      ...counts(collected),
      templates: kept(templates).map(templateJson),
      stackTraces: kept(collected.traces).map((t) => traceOut(t, limits)),
      head: cuts.contextDropped ? [] : contextOut(collected.head, limits, "head"),
      tail: cuts.contextDropped ? [] : contextOut(collected.tail, limits, "tail")
    };
    if (withTruncation) result.omitted = truncation(cuts, ungrouped);
    return result;
  };
  const untouched = render(ungrouped.lines > 0 || cuts.traces > 0);
  if (jsonBytes(untouched) <= maxBytes) return untouched;
  const budget = maxBytes - truncationReserve();
  const size = () => jsonBytes(render(false));
  const dropUntilFits = (candidates, itemBytes) => {
    let bytes = size();
    let next = 0;
    while (bytes > budget && next < candidates.length) {
      let estimate = bytes;
      while (estimate > budget && next < candidates.length) {
        const candidate = candidates[next++];
        dropped.add(candidate);
        estimate -= itemBytes(candidate) + 1;
      }
      bytes = size();
    }
    return candidates.slice(0, next);
  };
  const dropTemplates = (levels) => {
    const candidates = kept(templates).filter((t) => levels.includes(t.level)).sort(byExpendability);
    const gone = dropUntilFits(candidates, (t) => jsonBytes(templateJson(t)));
    cuts.templates += gone.length;
    cuts.lines += gone.reduce((sum, t) => sum + t.count, 0);
    return gone.length;
  };
  dropTemplates(["debug"]);
  dropTemplates(["info", "unknown"]);
  for (const shorter of [SHORTER, SHORTEST]) {
    if (size() <= budget) break;
    limits = shorter;
    cuts.shortened = true;
  }
  dropTemplates(["warn"]);
  const traces = [...collected.traces].sort((a, b) => a.count - b.count || b.order - a.order);
  cuts.traces += dropUntilFits(traces, (t) => jsonBytes(traceOut(t, limits))).length;
  cuts.errorTemplates = dropTemplates(["error"]);
  cuts.contextDropped = size() > budget;
  return render(true);
}
function byImportance(a, b) {
  return severity(b.level) - severity(a.level) || b.count - a.count || a.order - b.order;
}
function byExpendability(a, b) {
  return a.count - b.count || b.order - a.order;
}
function severity(level) {
  return level === "error" || level === "warn" ? levelRank(level) : 0;
}
function counts(collected) {
  return { totalLines: collected.totalLines, matchedLines: collected.matchedLines, levels: collected.levels };
}
function templateOut(stats, limits, withSources) {
  const out = {
    template: clip(stats.template, limits.templateChars),
    count: stats.count,
    level: stats.level,
    first: stats.first,
    last: stats.last,
    example: clip(stats.example, limits.exampleChars)
  };
  if (withSources && stats.sources.size > 0) out.sources = sourcesOut(stats, limits.sources);
  return out;
}
function sourcesOut(stats, limit) {
  const sorted = [...stats.sources].sort();
  const shown = sorted.slice(0, limit);
  const hidden = sorted.length - shown.length;
  if (stats.moreSources) shown.push(hidden > 0 ? `+${hidden} or more` : "+more");
  else if (hidden > 0) shown.push(`+${hidden} more`);
  return shown;
}
function traceOut(trace, limits) {
  const frames = trace.frames.slice(0, limits.frames).map((f) => clip(f, limits.frameChars));
  if (trace.frames.length > limits.frames) frames.push(`\u2026 ${trace.frames.length - limits.frames} more lines`);
  return { header: clip(trace.header, limits.templateChars), frames, count: trace.count };
}
function contextOut(lines, limits, end) {
  const kept = end === "head" ? lines.slice(0, limits.contextLines) : lines.slice(-limits.contextLines);
  return kept.map((line) => clip(line, limits.contextChars));
}
function truncation(cuts, ungrouped) {
  const notes = [];
  if (cuts.templates > 0) {
    notes.push(
      `${cuts.templates} templates (${cuts.lines} lines) left out, lowest levels and counts first` + (cuts.errorTemplates > 0 ? `, ${cuts.errorTemplates} of them errors` : "")
    );
  }
  if (ungrouped.lines > 0) {
    notes.push(`${ungrouped.lines} lines past the ${MAX_TEMPLATES}-template limit counted but not grouped`);
  }
  if (cuts.traces > 0) notes.push(`${cuts.traces} stack traces left out`);
  if (cuts.shortened) notes.push("examples, frames and context lines shortened");
  if (cuts.contextDropped) notes.push("head and tail left out");
  return {
    omittedTemplates: cuts.templates + ungrouped.templates,
    omittedLines: cuts.lines + ungrouped.lines,
    hint: `${notes.join("; ")}. ${NARROW}`
  };
}
function truncationReserve() {
  const big = 1e9;
  const note = truncation(
    { templates: big, lines: big, errorTemplates: big, traces: big, shortened: true, contextDropped: true },
    { templates: big, lines: big }
  );
  return jsonBytes(note) + ',"omitted":'.length;
}

// src/shape/pace.ts
var SLICE_MS = 10;
var Pacer = class {
  #signal;
  /** Items between two looks at the clock (reading it per log line would cost more than the line). */
  #checkEvery;
  #count = 0;
  #sliceStarted = performance.now();
  /** `checkEvery`: 1 when one item is itself big (a whole series), more when items are tiny (log lines). */
  constructor(signal, checkEvery = 256) {
    this.#signal = signal;
    this.#checkEvery = checkEvery;
    signal?.throwIfAborted();
  }
  /** True when the loop has used its slice and must `await pacer.yield()`. Cheap: call it per item. */
  due() {
    if (++this.#count < this.#checkEvery) return false;
    this.#count = 0;
    return performance.now() - this.#sliceStarted >= SLICE_MS;
  }
  /** Gives the event loop back, then throws the signal's reason if the call was stopped meanwhile. */
  async yield() {
    await new Promise((resolve) => setImmediate(resolve));
    this.#sliceStarted = performance.now();
    this.#signal?.throwIfAborted();
  }
};

// src/shape/logs.ts
var DEFAULT_LOG_BYTES = 12e3;
var MIN_LOG_BYTES = 1e3;
async function shapeLogs(lines, opts) {
  const { maxBytes } = opts;
  if (!Number.isInteger(maxBytes) || maxBytes < MIN_LOG_BYTES) {
    throw new RangeError(`shapeLogs: maxBytes must be an integer >= ${MIN_LOG_BYTES}, got ${maxBytes}`);
  }
  const collector = new LogCollector({
    ...opts.filter ? { filter: opts.filter } : {},
    ...opts.minLevel ? { minLevel: opts.minLevel } : {},
    ...opts.raw ? { rawBytes: maxBytes } : {}
  });
  const pacer = new Pacer(opts.signal);
  for (const line of maskSplitSecrets(lines)) {
    collector.add(line);
    if (pacer.due()) await pacer.yield();
  }
  return fitToBudget(collector.finish(), maxBytes, opts.raw === true);
}
var UNTRUSTED_LOG_PATHS = [
  "$.templates[*].template",
  "$.templates[*].example",
  "$.stackTraces",
  "$.head",
  "$.tail",
  "$.lines"
];
var shapedLogsSchema = external_exports.object({
  totalLines: external_exports.number().int().describe("Lines read."),
  matchedLines: external_exports.number().int().describe("Non-blank lines that passed filter and minLevel."),
  levels: external_exports.record(external_exports.enum(LEVELS2), external_exports.number().int()).describe("Log entries by detected level."),
  templates: external_exports.array(
    external_exports.object({
      template: external_exports.string().describe("The line with variable parts masked: <num> <id> <hex> <uuid> <ip> <ts>\u2026"),
      count: external_exports.number().int(),
      level: external_exports.string(),
      first: external_exports.string().describe("Time of the first occurrence, or `line <n>` when unknown."),
      last: external_exports.string().describe("Time of the last occurrence, or `line <n>` when unknown."),
      example: external_exports.string().describe("The first matching line, verbatim (untrusted)."),
      sources: external_exports.array(external_exports.string()).optional().describe("Pods or streams that logged it.")
    })
  ).describe("Lines grouped by template: errors, then warnings, then by count."),
  stackTraces: external_exports.array(external_exports.object({ header: external_exports.string(), frames: external_exports.array(external_exports.string()), count: external_exports.number().int() })).describe("Distinct stack traces, most frequent first."),
  head: external_exports.array(external_exports.string()).describe("First matching lines."),
  tail: external_exports.array(external_exports.string()).describe("Last matching lines."),
  lines: external_exports.array(external_exports.string()).optional().describe("raw mode: the newest matching lines, oldest first."),
  omitted: external_exports.object({ omittedTemplates: external_exports.number().int(), omittedLines: external_exports.number().int(), hint: external_exports.string() }).optional().describe("Present when something was left out to fit the budget: what, and how to narrow.")
});

// tools/prometheus/common.ts
var queryArg = external_exports.string().trim().min(1);
function prometheus(backends) {
  if (!backends.prometheus) {
    throw new Error(
      "Prometheus is not configured: add a `prometheus:` section with its url to opswarden.yaml"
    );
  }
  return backends.prometheus;
}
function promTarget(query) {
  const service = query?.match(/\bservice\s*=\s*"([^"]+)"/)?.[1];
  return { kind: "Prometheus", ...service ? { service } : {} };
}
var RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
function parseTime(text, now, field2) {
  const trimmed = text.trim();
  if (trimmed === "now") return now;
  if (trimmed.startsWith("-")) {
    try {
      return new Date(now.getTime() - parseDuration(trimmed.slice(1)));
    } catch {
    }
  } else if (RFC3339.test(trimmed) && !Number.isNaN(Date.parse(trimmed))) {
    return new Date(trimmed);
  }
  throw new Error(
    `invalid ${field2} ${JSON.stringify(text)}: expected now, a time before now like -1h or -30m, or RFC 3339 like 2026-04-25T14:00:00Z`
  );
}
function iso(date) {
  return new Date(date).toISOString().replace(".000Z", "Z");
}
var labelsSchema = external_exports.record(external_exports.string(), external_exports.string());
var shapedRangeFields = {
  seriesCount: external_exports.number().describe("Series the query returned"),
  commonLabels: labelsSchema.describe("Labels every series shares, listed once"),
  omittedSeries: external_exports.number().describe("Series not shown (those that moved least)"),
  series: external_exports.array(
    external_exports.object({
      labels: labelsSchema.describe("Labels that differ from commonLabels"),
      samples: external_exports.number(),
      stats: external_exports.object({
        first: external_exports.number(),
        last: external_exports.number(),
        min: external_exports.number(),
        max: external_exports.number(),
        mean: external_exports.number(),
        p95: external_exports.number()
      }).optional(),
      changePoints: external_exports.array(external_exports.object({ at: external_exports.string(), before: external_exports.number(), after: external_exports.number(), delta: external_exports.number() })).describe("Times the level shifted (mean before and after), at most 2"),
      shape: external_exports.string().describe("Sparkline from min to max over the range"),
      deviation: external_exports.number().describe("Largest shift in units of the series noise; the list is sorted by it"),
      // Not a z.tuple: its JSON Schema (prefixItems, items: false) reads as "no items" to the
      // draft-07 validators MCP clients use, so every raw point would fail the output schema.
      points: external_exports.array(external_exports.array(external_exports.number()).length(2)).optional().describe("Raw [unix seconds, value]")
    })
  ).describe("The series that moved most first"),
  rawTruncated: external_exports.boolean().optional().describe("Raw points were cut to the latest ones")
};

// tools/cloudwatch/common.ts
var startArg = external_exports.string().default("-1h").describe("-1h or RFC 3339");
var endArg = external_exports.string().default("now").describe("now, -5m or RFC 3339");
function cloudwatch(backends) {
  if (!backends.cloudwatch) {
    throw new Error(
      "CloudWatch Logs is not configured: add a `cloudwatch:` section with its region to opswarden.yaml"
    );
  }
  return backends.cloudwatch;
}
function logGroupsTarget(groups) {
  return { kind: "LogGroup", name: groups.join(",") };
}
function timeWindow(args, now, backend) {
  const start = parseTime(args.start, now, "start");
  const end = parseTime(args.end, now, "end");
  if (start >= end) throw new Error(`start ${iso(start)} is not before end ${iso(end)}`);
  const maxHours = backend.limits.maxRangeMs / 36e5;
  if (end.getTime() - start.getTime() > backend.limits.maxRangeMs) {
    throw new Error(
      `the window ${iso(start)} .. ${iso(end)} is longer than the ${maxHours}h limit (cloudwatch.limits.maxRange): narrow start/end, e.g. start: -1h`
    );
  }
  return { start, end };
}
function checkGroupCount(groups, backend) {
  if (groups.length > backend.limits.maxLogGroups) {
    throw new Error(
      `${groups.length} log groups in one query, the limit is ${backend.limits.maxLogGroups} (cloudwatch.limits.maxLogGroups): query fewer groups, e.g. the ones logs_cloudwatch_groups lists for the service`
    );
  }
}

// tools/cloudwatch/logs_cloudwatch_filter.ts
var logs_cloudwatch_filter_default = defineTool({
  name: "logs_cloudwatch_filter",
  title: "CloudWatch Logs: Filter Events",
  description: "A log group's events in a window by filter pattern, shaped like k8s_pod_logs. Counts over time: logs_cloudwatch_query.",
  kind: "read",
  untrusted: UNTRUSTED_LOG_PATHS,
  input: external_exports.object({
    group: external_exports.string().min(1),
    streams: external_exports.array(external_exports.string().min(1)).max(100).optional(),
    filterPattern: external_exports.string().max(1024).optional().describe("e.g. ERROR"),
    start: startArg,
    end: endArg,
    maxEvents: external_exports.number().int().min(1).max(1e4).default(5e3),
    minLevel: external_exports.enum(["debug", "info", "warn", "error"]).optional(),
    raw: external_exports.boolean().default(false).describe("Raw lines, not templates"),
    cursor: external_exports.string().min(1).optional()
  }).strict(),
  output: shapedLogsSchema.extend({
    group: external_exports.string(),
    start: external_exports.string(),
    end: external_exports.string(),
    events: external_exports.number().describe("Events read"),
    cursor: external_exports.string().optional().describe("More events remain: call again with the same arguments and this cursor"),
    hint: external_exports.string().optional()
  }),
  target: (args) => logGroupsTarget([args.group]),
  handler: async (ctx, args) => {
    const backend = cloudwatch(ctx.backends);
    const window = timeWindow(args, ctx.clock.now(), backend);
    const events = [];
    let nextToken = args.cursor;
    do {
      const page = await backend.filterLogEvents(
        {
          group: args.group,
          ...window,
          limit: args.maxEvents - events.length,
          ...args.streams ? { streams: args.streams } : {},
          ...args.filterPattern ? { filterPattern: args.filterPattern } : {},
          ...nextToken ? { nextToken } : {}
        },
        ctx.signal
      );
      events.push(...page.events);
      nextToken = page.nextToken;
    } while (nextToken && events.length < args.maxEvents);
    const shaped = await shapeLogs(eventLines(events), {
      maxBytes: DEFAULT_LOG_BYTES,
      raw: args.raw,
      signal: ctx.signal,
      ...args.minLevel ? { minLevel: args.minLevel } : {}
    });
    return {
      ...shaped,
      group: args.group,
      start: iso(window.start),
      end: iso(window.end),
      events: events.length,
      ...nextToken ? { cursor: nextToken } : {},
      ...events.length ? {} : {
        hint: `no events in ${args.group} between ${iso(window.start)} and ${iso(window.end)}${args.filterPattern ? ` matching ${JSON.stringify(args.filterPattern)}` : ""}; widen start or drop filterPattern`
      }
    };
  }
});
function* eventLines(events) {
  for (const event of events) {
    for (const text of event.message.split("\n")) yield { text, time: event.time, source: event.stream };
  }
}

// tools/cloudwatch/logs_cloudwatch_groups.ts
var logs_cloudwatch_groups_default = defineTool({
  name: "logs_cloudwatch_groups",
  title: "CloudWatch Logs: Log Groups",
  description: "CloudWatch log groups by name prefix: created, bytes, retention. Next: logs_cloudwatch_filter, logs_cloudwatch_query.",
  kind: "read",
  untrusted: ["$.groups[*].name"],
  input: external_exports.object({
    prefix: external_exports.string().min(1).optional().describe("e.g. /aws/rds/"),
    limit: external_exports.number().int().min(1).max(50).default(50),
    cursor: external_exports.string().min(1).optional()
  }).strict(),
  output: external_exports.object({
    groups: external_exports.array(
      external_exports.object({
        name: external_exports.string(),
        createdAt: external_exports.string().optional(),
        storedBytes: external_exports.number().optional(),
        retentionDays: external_exports.number().optional()
      })
    ),
    cursor: external_exports.string().optional().describe("More groups: call again with this cursor"),
    hint: external_exports.string().optional()
  }),
  target: (args) => ({ kind: "LogGroup", ...args.prefix ? { name: `${args.prefix}*` } : {} }),
  handler: async (ctx, args) => {
    const { groups, nextToken } = await cloudwatch(ctx.backends).describeLogGroups(
      {
        limit: args.limit,
        ...args.prefix ? { prefix: args.prefix } : {},
        ...args.cursor ? { nextToken: args.cursor } : {}
      },
      ctx.signal
    );
    return {
      groups,
      ...nextToken ? { cursor: nextToken } : {},
      ...groups.length || !args.prefix ? {} : { hint: `no log group starts with ${args.prefix}; call again without prefix to see every group` }
    };
  }
});

// tools/cloudwatch/logs_cloudwatch_query.ts
import { setTimeout as sleep } from "node:timers/promises";
var MAX_VALUE_CHARS = 500;
var FAILED = /* @__PURE__ */ new Set(["Failed", "Cancelled", "Timeout", "Unknown"]);
var logs_cloudwatch_query_default = defineTool({
  name: "logs_cloudwatch_query",
  title: "CloudWatch Logs: Insights Query",
  description: "Logs Insights query over log groups in a window; rows as a table. For counts and trends, e.g. stats count(*) by bin(5m).",
  kind: "read",
  untrusted: ["$.rows"],
  input: external_exports.object({
    query: external_exports.string().trim().min(1).max(1e4),
    groups: external_exports.array(external_exports.string().min(1)).min(1),
    start: startArg,
    end: endArg,
    limit: external_exports.number().int().min(1).max(1e3).default(100)
  }).strict(),
  output: external_exports.object({
    queryId: external_exports.string(),
    status: external_exports.string(),
    start: external_exports.string(),
    end: external_exports.string(),
    fields: external_exports.array(external_exports.string()).describe("Column names, in the order of each row"),
    rows: external_exports.array(external_exports.array(external_exports.string())).describe("One list of values per result row, aligned with fields"),
    recordsMatched: external_exports.number(),
    recordsScanned: external_exports.number(),
    hint: external_exports.string().optional()
  }),
  target: (args) => logGroupsTarget(args.groups),
  handler: async (ctx, args) => {
    const backend = cloudwatch(ctx.backends);
    checkGroupCount(args.groups, backend);
    const window = timeWindow(args, ctx.clock.now(), backend);
    const queryId = await backend.startQuery(
      { groups: args.groups, ...window, query: args.query, limit: args.limit },
      ctx.signal
    );
    let results;
    try {
      for (let poll = 1; ; poll++) {
        const current = await backend.getQueryResults(queryId, ctx.signal);
        if (current.status === "Complete") {
          results = current;
          break;
        }
        if (FAILED.has(current.status))
          throw new Error(`Logs Insights query ${queryId} ended ${current.status}`);
        await ctx.progress({ progress: poll, message: `query ${queryId} ${current.status} (poll ${poll})` });
        await sleep(backend.limits.pollIntervalMs, void 0, { signal: ctx.signal });
      }
    } finally {
      if (!results) await backend.stopQuery(queryId).catch(() => false);
    }
    const fields = [...new Set(results.rows.flatMap((row) => Object.keys(row)))];
    return {
      queryId,
      status: results.status,
      start: iso(window.start),
      end: iso(window.end),
      fields,
      rows: results.rows.map((row) => fields.map((field2) => clip(row[field2] ?? "", MAX_VALUE_CHARS))),
      recordsMatched: results.recordsMatched,
      recordsScanned: results.recordsScanned,
      ...results.rows.length ? {} : {
        hint: `no rows: ${results.recordsScanned} records scanned in ${args.groups.join(", ")}; widen start or loosen the filter`
      }
    };
  }
});

// tools/cloudwatch/index.ts
var cloudwatchTools = [logs_cloudwatch_groups_default, logs_cloudwatch_filter_default, logs_cloudwatch_query_default];

// tools/kubernetes/common.ts
var clusterArg = external_exports.string().min(1).optional();
var namespaceArg = external_exports.string().min(1);
var labelSelectorArg = external_exports.string().min(1).optional().describe("e.g. app=web");
function kubernetes(backends) {
  if (!backends.kubernetes) {
    throw new Error(
      "Kubernetes is not configured: add a `kubernetes:` section (kubeconfig or inCluster) to opswarden.yaml"
    );
  }
  return backends.kubernetes;
}
var NAMESPACE_TTL_MS = 6e4;
var namespaceCache = /* @__PURE__ */ new WeakMap();
async function namespaceEnvironment(backend, cluster, namespace) {
  if (!namespace) return void 0;
  const cache2 = namespaceCache.get(backend) ?? /* @__PURE__ */ new Map();
  namespaceCache.set(backend, cache2);
  const key = `${cluster ?? ""}/${namespace}`;
  const hit = cache2.get(key);
  if (hit && Date.now() - hit.at < NAMESPACE_TTL_MS) return hit.environment;
  let environment;
  try {
    const ns = await backend.get({ ...cluster ? { cluster } : {}, kind: "Namespace", name: namespace });
    environment = ns.metadata.labels?.environment;
  } catch {
    environment = void 0;
  }
  cache2.set(key, { ...environment ? { environment } : {}, at: Date.now() });
  return environment;
}
async function kubeTarget(backends, t) {
  const backend = kubernetes(backends);
  const cluster = t.cluster ?? backend.clusters()[0];
  const environment = await namespaceEnvironment(backend, t.cluster, t.namespace);
  return {
    ...cluster ? { cluster } : {},
    ...t.namespace ? { namespace: t.namespace } : {},
    kind: t.kind,
    ...t.name ? { name: t.name } : {},
    ...environment ? { environment } : {}
  };
}
function age(timestamp, now) {
  if (!timestamp) return void 0;
  const seconds3 = Math.max(0, Math.round((now.getTime() - Date.parse(timestamp)) / 1e3));
  if (seconds3 < 120) return `${seconds3}s`;
  if (seconds3 < 7200) return `${Math.round(seconds3 / 60)}m`;
  if (seconds3 < 172800) return `${Math.round(seconds3 / 3600)}h`;
  return `${Math.round(seconds3 / 86400)}d`;
}
function kubeRef(kind, args) {
  return {
    kind,
    name: args.name,
    ...args.namespace ? { namespace: args.namespace } : {},
    ...args.cluster ? { cluster: args.cluster } : {}
  };
}
function nodeTarget(backends, args) {
  const cluster = args.cluster ?? kubernetes(backends).clusters()[0];
  return { kind: "Node", ...args.name ? { name: args.name } : {}, ...cluster ? { cluster } : {} };
}
var nodeChangeInput = external_exports.object({ cluster: clusterArg, name: external_exports.string().min(1), ...mutateArgs }).strict();

// tools/deploys/timeline.ts
var CHANGE_TYPES = [
  "image",
  "config",
  "rollback",
  "restart",
  "deploy",
  "flag",
  "migration",
  "infrastructure",
  "sync",
  "third_party",
  "other"
];
var entrySchema = external_exports.object({
  time: external_exports.string().describe("RFC 3339"),
  source: external_exports.enum(["kubernetes", "argocd", "change-event"]),
  target: external_exports.string().describe(
    "What changed: Deployment/<ns>/<name>, Application/<ns>/<name>, Service/<name>, Namespace/<name>"
  ),
  ref: external_exports.string().optional().describe("Change/<id> of a change event: how to cite it"),
  change: external_exports.object({
    type: external_exports.enum(CHANGE_TYPES),
    summary: external_exports.string(),
    from: external_exports.string().optional(),
    to: external_exports.string().optional(),
    fields: external_exports.array(external_exports.string()).optional().describe("Pod-template fields that changed")
  }),
  by: external_exports.string().optional().describe("Who or what made the change, when the source says"),
  url: external_exports.string().optional()
});
function inWindow(time, window) {
  if (!time) return false;
  const t = Date.parse(time);
  return t >= window.since.getTime() && t <= window.until.getTime();
}
function unavailable(err) {
  return `unavailable: ${err.message}`;
}
var SERVICE_LABELS = ["app", "app.kubernetes.io/name"];
function serviceNames(workloads) {
  const names = /* @__PURE__ */ new Set();
  for (const { metadata } of workloads.deployments) {
    names.add(metadata.name);
    for (const label of SERVICE_LABELS) {
      const value = metadata.labels?.[label];
      if (value) names.add(value);
    }
  }
  return names;
}

// tools/deploys/argocd.ts
async function argoEntries(kube, scope, window, workloads) {
  let applications;
  try {
    applications = (await kube.list({ kind: "Application", ...scope.cluster ? { cluster: scope.cluster } : {} })).items;
  } catch (err) {
    if (err instanceof KubeError && err.status === 404) return { status: "not installed", entries: [] };
    return { status: unavailable(err), entries: [] };
  }
  const entries = applications.filter((app) => concerns2(app, scope, workloads)).flatMap((app) => syncEntries(app, window));
  return { status: "ok", entries };
}
function concerns2(app, scope, workloads) {
  const destination = app.spec?.destination?.namespace;
  const resources = app.status?.resources ?? [];
  if (scope.namespace && destination !== scope.namespace && !resources.some((r) => r.namespace === scope.namespace))
    return false;
  if (!scope.service) return true;
  const names = serviceNames(workloads).add(scope.service);
  return names.has(app.metadata.name) || resources.some(
    (r) => (r.kind === "Deployment" || r.kind === "Service") && r.name !== void 0 && names.has(r.name) && (!scope.namespace || r.namespace === scope.namespace)
  );
}
function syncEntries(app, window) {
  const history = [...app.status?.history ?? []].sort(
    (a, b) => Date.parse(a.deployedAt ?? "") - Date.parse(b.deployedAt ?? "")
  );
  const target = `Application/${app.metadata.namespace ?? ""}/${app.metadata.name}`;
  return history.flatMap((item, index) => {
    if (!inWindow(item.deployedAt, window)) return [];
    const to = revisionOf(item);
    const previous = history[index - 1];
    const from = previous && revisionOf(previous);
    const by = item.initiatedBy?.username ?? (item.initiatedBy?.automated ? "argocd (automated sync)" : void 0);
    return [
      {
        time: item.deployedAt,
        source: "argocd",
        target,
        change: {
          type: "sync",
          summary: `synced ${describeSource(item.source ?? item.sources?.[0])} to ${to}`,
          ...from ? { from } : {},
          to
        },
        ...by ? { by } : {}
      }
    ];
  });
}
function revisionOf(item) {
  const revisions = item.revisions ?? (item.revision ? [item.revision] : []);
  return revisions.map((r) => /^[0-9a-f]{40}$/.test(r) ? r.slice(0, 7) : r).join(", ") || "an unknown revision";
}
function describeSource(source) {
  if (!source?.repoURL) return "its source";
  const what = [source.repoURL, source.chart ?? source.path].filter(Boolean).join(" ");
  return source.targetRevision ? `${what} (${source.targetRevision})` : what;
}

// tools/deploys/change-events.ts
var CHANGE_TYPE = {
  deploy: "deploy",
  config: "config",
  feature_flag: "flag",
  database_migration: "migration",
  infrastructure: "infrastructure",
  third_party: "third_party",
  other: "other"
};
function changeEventEntries(reader, scope, window, workloads) {
  let events;
  try {
    events = reader.list({ since: window.since, until: window.until, limit: MAX_CHANGE_LIMIT });
  } catch (err) {
    return { status: unavailable(err), entries: [] };
  }
  const services = serviceNames(workloads);
  if (scope.service) services.add(scope.service);
  const namespaces = new Set(workloads.deployments.map((d) => d.metadata.namespace));
  const concerns3 = (e) => {
    if (scope.namespace && e.namespace && e.namespace !== scope.namespace) return false;
    if (scope.service) {
      if (e.service) return services.has(e.service);
      return !e.namespace || e.namespace === scope.namespace || namespaces.has(e.namespace);
    }
    if (scope.namespace && e.service && !e.namespace) return services.has(e.service);
    return true;
  };
  return { status: "ok", entries: events.filter(concerns3).map(toEntry) };
}
function toEntry(event) {
  const by = event.actor ?? event.source ?? event.recordedBy;
  return {
    time: event.at,
    source: "change-event",
    target: event.service ? `Service/${event.service}` : event.namespace ? `Namespace/${event.namespace}` : "Cluster",
    ref: `Change/${event.id}`,
    change: { type: CHANGE_TYPE[event.kind], summary: event.summary },
    by,
    ...event.url ? { url: event.url } : {}
  };
}

// tools/kubernetes/workloads.ts
async function ownedBy(kube, ref, workload, kind) {
  const selector = workload.spec.selector?.matchLabels ?? {};
  const labelSelector = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(",");
  const { items } = await kube.list({
    kind,
    namespace: ref.namespace,
    ...ref.cluster ? { cluster: ref.cluster } : {},
    ...labelSelector ? { labelSelector } : {}
  });
  return items.filter((item) => item.metadata.ownerReferences?.some((o) => o.uid === workload.metadata.uid));
}
function imagesOf(template) {
  return (template.spec?.containers ?? []).map((c) => c.image ?? "?");
}
async function deploymentRevisions(kube, ref) {
  const deployment = await kube.get({ ...ref, kind: "Deployment" });
  const current = Number(deployment.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0);
  const revisions = (await ownedBy(kube, ref, deployment, "ReplicaSet")).map((rs) => {
    const template = rs.spec.template ?? {};
    const revision = Number(rs.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0);
    const cause = rs.metadata.annotations?.["kubernetes.io/change-cause"];
    return {
      revision,
      replicaSet: rs.metadata.name,
      images: imagesOf(template),
      ...cause ? { changeCause: cause } : {},
      createdAt: rs.metadata.creationTimestamp,
      replicas: Number(rs.status?.replicas ?? 0),
      current: revision === current,
      template: stripHash(template)
    };
  }).sort((a, b) => a.revision - b.revision);
  return { deployment, revisions };
}
async function controllerRevisions(kube, ref) {
  const workload = await kube.get(ref);
  const [stored, pods] = await Promise.all([
    ownedBy(kube, ref, workload, "ControllerRevision"),
    ownedBy(kube, ref, workload, "Pod")
  ]);
  const highest = Math.max(0, ...stored.map((cr) => Number(cr.revision ?? 0)));
  const updateRevision = workload.status?.updateRevision;
  const isCurrent = (cr) => updateRevision ? cr.metadata.name === updateRevision : Number(cr.revision ?? 0) === highest;
  const revisions = stored.map((cr) => {
    const { $patch: _replace, ...template } = cr.data?.spec?.template ?? {};
    const hashes = [cr.metadata.name, cr.metadata.labels?.["controller.kubernetes.io/hash"]];
    const current = isCurrent(cr);
    const cause = cr.metadata.annotations?.["kubernetes.io/change-cause"] ?? (current ? workload.metadata.annotations?.["kubernetes.io/change-cause"] : void 0);
    return {
      revision: Number(cr.revision ?? 0),
      controllerRevision: cr.metadata.name,
      images: imagesOf(template),
      ...cause ? { changeCause: cause } : {},
      createdAt: cr.metadata.creationTimestamp,
      replicas: pods.filter((pod) => hashes.includes(pod.metadata.labels?.["controller-revision-hash"])).length,
      current,
      template
    };
  }).sort((a, b) => a.revision - b.revision);
  return { workload, revisions };
}
function stripHash(template) {
  const labels = { ...template.metadata?.labels };
  delete labels["pod-template-hash"];
  return { ...template, metadata: { ...template.metadata, labels } };
}
function diff(a, b, path = "") {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (v) => typeof v === "object" && v !== null;
  const namesSecret = (v) => isObject(v) && typeof v.name === "string" && secretName(v.name) !== void 0;
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b) && !namesSecret(a) && !namesSecret(b)) {
    const keys = [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap(
      (k) => diff(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k)
    );
  }
  return [
    {
      path: path || "(root)",
      ...a !== void 0 ? { from: a } : {},
      ...b !== void 0 ? { to: b } : {}
    }
  ];
}

// tools/deploys/rollouts.ts
var PARALLEL = 8;
var MAX_FIELDS = 8;
var RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
async function resolveDeployments(kube, scope) {
  const base = {
    kind: "Deployment",
    ...scope.cluster ? { cluster: scope.cluster } : {},
    ...scope.namespace ? { namespace: scope.namespace } : {}
  };
  if (!scope.service) return (await kube.list(base)).items;
  const lists = await Promise.all([
    kube.list({ ...base, fieldSelector: `metadata.name=${scope.service}` }),
    ...SERVICE_LABELS.map((label) => kube.list({ ...base, labelSelector: `${label}=${scope.service}` }))
  ]);
  const byUid = new Map(lists.flatMap((list) => list.items).map((d) => [d.metadata.uid, d]));
  return [...byUid.values()];
}
async function rolloutEntries(kube, deployments, scope, window) {
  const recent = deployments.filter((d) => mayHaveRolledOutSince(d, window.since));
  const entries = [];
  for (let i = 0; i < recent.length; i += PARALLEL) {
    const batch = recent.slice(i, i + PARALLEL);
    for (const found of await Promise.all(batch.map((d) => deploymentEntries(kube, d, scope, window))))
      entries.push(...found);
  }
  return entries;
}
function progressing(deployment) {
  const conditions = deployment.status?.conditions ?? [];
  return conditions.find((c) => c.type === "Progressing");
}
function mayHaveRolledOutSince(deployment, since) {
  const updated = progressing(deployment)?.lastUpdateTime;
  return !updated || Date.parse(updated) >= since.getTime();
}
async function deploymentEntries(kube, listed, scope, window) {
  const namespace = listed.metadata.namespace ?? "";
  const ref = { namespace, name: listed.metadata.name, ...scope.cluster ? { cluster: scope.cluster } : {} };
  let found;
  try {
    found = await deploymentRevisions(kube, ref);
  } catch (err) {
    if (err instanceof KubeError && err.status === 404) return [];
    throw err;
  }
  const { deployment, revisions } = found;
  const target = `Deployment/${namespace}/${deployment.metadata.name}`;
  const entries = revisions.flatMap((revision, index) => {
    const previous = revisions[index - 1] ?? createdBefore(revisions, revision);
    const rollback = previous !== void 0 && createdMs(revision) < createdMs(previous);
    const time = rollback ? rollbackTime(deployment, revision) : revision.createdAt;
    if (!inWindow(time, window)) return [];
    return [{ time, source: "kubernetes", target, change: describe(revision, previous, rollback) }];
  });
  return entries.reverse();
}
function createdBefore(revisions, revision) {
  return revisions.filter((r) => createdMs(r) < createdMs(revision)).sort((a, b) => createdMs(a) - createdMs(b)).at(-1);
}
var createdMs = (revision) => Date.parse(revision.createdAt);
function rollbackTime(deployment, revision) {
  const condition = progressing(deployment);
  return revision.current && condition?.message?.includes(`"${revision.replicaSet}"`) ? condition.lastUpdateTime : void 0;
}
function describe(revision, previous, rollback) {
  const images = revision.images.join(", ");
  const cause = revision.changeCause ? `; change-cause: ${revision.changeCause}` : "";
  const head = `revision ${revision.revision}`;
  if (!previous) return { type: "deploy", summary: `${head}: first revision, ${images}${cause}`, to: images };
  const fields = diff(previous.template, revision.template).map((c) => c.path);
  const before = previous.images.join(", ");
  const detail = fields.length ? { fields: fields.slice(0, MAX_FIELDS) } : {};
  if (rollback) {
    return {
      type: "rollback",
      summary: `${head}: rolled back to ReplicaSet ${revision.replicaSet} (${images})${cause}`,
      from: before,
      to: images,
      ...detail
    };
  }
  if (before !== images)
    return {
      type: "image",
      summary: `${head}: ${before} \u2192 ${images}${cause}`,
      from: before,
      to: images,
      ...detail
    };
  if (fields.length && diff(withoutRestartedAt(previous), withoutRestartedAt(revision)).length === 0)
    return { type: "restart", summary: `${head}: rollout restart${cause}` };
  if (fields.length)
    return {
      type: "config",
      summary: `${head}: pod template changed (${fields.slice(0, 3).join(", ")})${cause}`,
      ...detail
    };
  return {
    type: "other",
    summary: `${head}: no pod-template difference to revision ${previous.revision}${cause}`
  };
}
function withoutRestartedAt({ template }) {
  const metadata = template.metadata ?? {};
  const { [RESTARTED_AT]: _restartedAt, ...annotations } = metadata.annotations ?? {};
  return { ...template, metadata: { ...metadata, annotations } };
}

// tools/deploys/deploys_history.ts
var NAME2 = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
var deploys_history_default = defineTool({
  name: "deploys_history",
  title: "Deploys: History",
  description: "What changed, newest first, in a service, namespace or cluster: rollouts, Argo CD syncs, CI/CD and flag events. Next: k8s_rollout_history.",
  kind: "read",
  untrusted: ["$.entries[*].change", "$.entries[*].by"],
  input: external_exports.object({
    cluster: clusterArg,
    service: external_exports.string().regex(NAME2, "a service name such as checkout").optional().describe("Name or app label"),
    namespace: external_exports.string().regex(NAME2, "a namespace name").optional(),
    since: external_exports.string().default("24h").describe("e.g. 24h"),
    limit: external_exports.number().int().min(1).max(200).default(50)
  }).strict(),
  output: external_exports.object({
    window: external_exports.object({ since: external_exports.string(), until: external_exports.string() }),
    sources: external_exports.object({
      kubernetes: external_exports.string().describe("ok, not configured, or unavailable: why"),
      argocd: external_exports.string().describe("ok, not installed, not configured, or unavailable: why"),
      changeEvents: external_exports.string().describe("ok, or unavailable: why")
    }),
    total: external_exports.number().describe("Entries in the window"),
    entries: external_exports.array(entrySchema),
    hint: external_exports.string().optional()
  }),
  target: async (args, ctx) => {
    const name = args.service ?? args.namespace;
    const scope = {
      kind: args.service ? "Service" : args.namespace ? "Namespace" : "Cluster",
      ...args.cluster ? { cluster: args.cluster } : {},
      ...args.namespace ? { namespace: args.namespace } : {},
      ...name ? { name } : {}
    };
    const target = ctx.backends.kubernetes ? await kubeTarget(ctx.backends, scope) : scope;
    return { ...target, ...args.service ? { service: args.service } : {} };
  },
  handler: async (ctx, args) => {
    const until = ctx.clock.now();
    let since;
    try {
      since = parseSince(args.since, until);
    } catch (err) {
      throw new Error(`since: ${err.message}`);
    }
    const window = { since, until };
    const scope = {
      ...args.cluster ? { cluster: args.cluster } : {},
      ...args.service ? { service: args.service } : {},
      ...args.namespace ? { namespace: args.namespace } : {}
    };
    const kube = ctx.backends.kubernetes;
    const cluster = kube ? await clusterEntries(kube, scope, window) : notConfigured();
    const events = changeEventEntries(ctx.backends.changes, scope, window, cluster.workloads);
    const all = [...cluster.entries, ...events.entries].sort(
      (a, b) => Date.parse(b.time) - Date.parse(a.time) || a.target.localeCompare(b.target)
    );
    const entries = all.slice(0, args.limit);
    const unresolved = args.service !== void 0 && cluster.kubernetes === "ok" && !cluster.workloads.deployments.length;
    const hint = hintFor(args, all.length, entries.length, unresolved);
    return {
      window: { since: since.toISOString(), until: until.toISOString() },
      sources: { kubernetes: cluster.kubernetes, argocd: cluster.argocd, changeEvents: events.status },
      total: all.length,
      entries,
      ...hint ? { hint } : {}
    };
  }
});
function notConfigured() {
  return {
    kubernetes: "not configured",
    argocd: "not configured",
    workloads: { deployments: [] },
    entries: []
  };
}
async function clusterEntries(kube, scope, window) {
  let workloads;
  let rollouts;
  try {
    workloads = { deployments: await resolveDeployments(kube, scope) };
    rollouts = await rolloutEntries(kube, workloads.deployments, scope, window);
  } catch (err) {
    const why = unavailable(err);
    return { kubernetes: why, argocd: why, workloads: { deployments: [] }, entries: [] };
  }
  const argo = await argoEntries(kube, scope, window, workloads);
  return { kubernetes: "ok", argocd: argo.status, workloads, entries: [...rollouts, ...argo.entries] };
}
function hintFor(args, total, shown, unresolved) {
  if (total > shown) return `${total - shown} older entries not shown; raise limit or shorten since.`;
  const where = args.service ? `service ${args.service}` : args.namespace ? `namespace ${args.namespace}` : "the cluster";
  const noWorkload = unresolved ? ` No Deployment is named ${args.service} or labelled app=${args.service}${args.namespace ? ` in ${args.namespace}` : ""}; check the name with k8s_pods_list.` : "";
  if (total === 0) return `No changes to ${where} since ${args.since}; widen since (e.g. 7d).${noWorkload}`;
  return noWorkload.trim() || void 0;
}

// tools/deploys/index.ts
var deployTools = [deploys_history_default];

// src/incidents/correlate/gather/kube.ts
function configMapRef(configMap) {
  return `ConfigMap/${configMap.namespace}/${configMap.name}`;
}
async function gatherKube(kube, window, scope) {
  const inEach = async (kind, namespaces) => (await Promise.all(
    [...new Set(namespaces)].sort().map((namespace) => listAll(kube, { kind, namespace }))
  )).flat();
  const [pods, nodes, events, configMaps] = await Promise.all([
    inEach("Pod", scope.namespaces),
    listAll(kube, { kind: "Node" }),
    inEach("Event", scope.namespaces),
    inEach("ConfigMap", scope.configNamespaces)
  ]);
  return {
    pods: pods.map(podFacts).sort((a, b) => a.name.localeCompare(b.name)),
    nodes: nodes.map(nodeFacts).sort((a, b) => a.name.localeCompare(b.name)),
    events: events.map(eventFacts).filter((e) => e.at >= window.since && e.first <= window.until).sort(
      (a, b) => a.at - b.at || a.reason.localeCompare(b.reason) || a.object.name.localeCompare(b.object.name)
    ),
    configMaps: configMaps.map(configMapFacts).sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`))
  };
}
function podFacts(pod) {
  const namespace = pod.metadata.namespace ?? "";
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const main = status.containerStatuses?.[0];
  const ready = status.conditions?.find((c) => c.type === "Ready")?.status === "True";
  const problem = main?.state?.waiting?.reason ?? main?.state?.terminated?.reason;
  const last = main?.lastState?.terminated;
  const workload = workloadOfPod(pod);
  const started = main?.state?.running?.startedAt;
  return {
    name: pod.metadata.name,
    namespace,
    ...spec.nodeName ? { node: spec.nodeName } : {},
    ...workload ? { workload } : {},
    ready,
    ...problem && problem !== "Completed" ? { problem } : {},
    restarts: (status.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
    ...last?.finishedAt ? {
      lastRestart: {
        at: Date.parse(last.finishedAt),
        ...last.reason ? { reason: last.reason } : {},
        ...last.exitCode !== void 0 ? { exitCode: last.exitCode } : {}
      }
    } : {},
    ...started ? { startedAt: Date.parse(started) } : {},
    createdAt: Date.parse(pod.metadata.creationTimestamp) || 0,
    limits: Object.fromEntries(
      (spec.containers ?? []).map((c) => [
        c.name,
        {
          ...c.resources?.limits?.cpu ? { cpu: quantity(c.resources.limits.cpu) } : {},
          ...c.resources?.limits?.memory ? { memory: quantity(c.resources.limits.memory) } : {}
        }
      ])
    ),
    ...spec.containers?.[0] ? { firstContainer: spec.containers[0].name } : {},
    configMaps: configMapsRead(spec)
  };
}
function configMapsRead(spec) {
  const names = [
    ...[...spec.initContainers ?? [], ...spec.containers ?? []].flatMap((c) => [
      ...(c.envFrom ?? []).map((e) => e.configMapRef?.name),
      ...(c.env ?? []).map((e) => e.valueFrom?.configMapKeyRef?.name)
    ]),
    ...(spec.volumes ?? []).flatMap((v) => [
      v.configMap?.name,
      ...(v.projected?.sources ?? []).map((source) => source.configMap?.name)
    ])
  ];
  return [...new Set(names.filter((n) => Boolean(n)))].sort();
}
function configMapFacts(configMap) {
  const entries = configMap.metadata.managedFields ?? [];
  const writes = entries.flatMap((entry) => {
    const at = Date.parse(entry.time ?? "");
    const operation = entry.operation ?? "Update";
    if (!at || entry.subresource) return [];
    const fields = entry.fieldsV1;
    const wroteData = fields ? "f:data" in fields || "f:binaryData" in fields : operation === "Update";
    return wroteData ? [{ at, manager: entry.manager ?? "", operation, fieldsRecorded: fields !== void 0 }] : [];
  });
  const latest = writes.sort((a, b) => b.at - a.at || a.manager.localeCompare(b.manager))[0];
  const keysOf = (field2) => Object.keys(field2 ?? {});
  return {
    namespace: configMap.metadata.namespace ?? "",
    name: configMap.metadata.name,
    keys: [...keysOf(configMap.data), ...keysOf(configMap.binaryData)].sort(),
    ...latest ? { dataWrite: latest } : {}
  };
}
function workloadOfPod(pod) {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller !== false);
  const namespace = pod.metadata.namespace ?? "";
  if (!owner) return void 0;
  if (owner.kind === "StatefulSet" || owner.kind === "DaemonSet")
    return `${owner.kind}/${namespace}/${owner.name}`;
  const hash = pod.metadata.labels?.["pod-template-hash"];
  if (owner.kind === "ReplicaSet" && hash && owner.name.endsWith(`-${hash}`))
    return `Deployment/${namespace}/${owner.name.slice(0, -(hash.length + 1))}`;
  return void 0;
}
function podsOf(kube, workload) {
  const key = `${workload.kind}/${workload.namespace}/${workload.name}`;
  return kube.pods.filter((p) => p.workload === key);
}
var PRESSURE = /* @__PURE__ */ new Set(["MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable"]);
function nodeFacts(node) {
  const conditions = node.status?.conditions ?? [];
  const bad = conditions.filter((c) => c.type === "Ready" ? c.status !== "True" : PRESSURE.has(c.type) && c.status === "True").map((c) => ({
    type: c.type,
    status: c.status,
    since: Date.parse(c.lastTransitionTime ?? "") || 0,
    ...c.reason ? { reason: c.reason } : {},
    ...c.message ? { message: c.message } : {}
  })).sort((a, b) => a.since - b.since || a.type.localeCompare(b.type));
  return {
    name: node.metadata.name,
    unschedulable: Boolean(node.spec?.unschedulable),
    bad
  };
}
function eventFacts(event) {
  const e = event;
  const last = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp;
  const first = e.firstTimestamp ?? e.eventTime ?? last;
  return {
    at: Date.parse(last ?? "") || 0,
    first: Date.parse(first ?? "") || 0,
    type: e.type ?? "Normal",
    reason: e.reason ?? "",
    message: e.message ?? "",
    count: e.series?.count ?? e.count ?? 1,
    object: {
      kind: e.involvedObject?.kind ?? "",
      ...e.involvedObject?.namespace ? { namespace: e.involvedObject.namespace } : {},
      name: e.involvedObject?.name ?? ""
    }
  };
}
function quantity(text) {
  try {
    return parseQuantity(text);
  } catch {
    return void 0;
  }
}

// src/incidents/correlate/text.ts
function iso2(ms2) {
  return new Date(ms2).toISOString();
}
function round(value) {
  return Number(value.toPrecision(3));
}
function format(value) {
  const abs = Math.abs(value);
  if (abs !== 0 && abs < 0.01) return value.toExponential(1);
  return String(round(value));
}
function minutesBefore(at, onset) {
  const minutes = Math.round((onset - at) / 6e3) / 10;
  return minutes >= 0 ? `${minutes} min before the onset` : `${-minutes} min after the onset`;
}

// src/incidents/correlate/assess.ts
var DEGRADING = /* @__PURE__ */ new Set(["error", "latency"]);
function findOnset(facts, service) {
  const series = facts.metrics.get(service.name)?.series ?? [];
  const golden = series.filter((s) => (s.signal === "errorRatio" || s.signal === "latencyP99") && rising(s));
  const custom = series.filter((s) => s.metric && DEGRADING.has(s.kind) && rising(s));
  const first = earliestShift(golden.length ? golden : custom, facts.window.at);
  if (first?.shift)
    return { at: first.shift.at, signal: first.signal, from: first.shift.from, to: first.shift.to };
  const alert = facts.alerts.find((a) => a.labels.service === service.name);
  if (alert) return { at: alert.startsAt, signal: `alert ${alert.name}` };
  return { at: facts.window.at, signal: "the time asked about" };
}
function rising(s) {
  return s.shift?.direction === "up";
}
function earliestShift(series, until) {
  return series.filter((s) => s.shift && s.shift.at <= until).sort((a, b) => a.shift.at - b.shift.at || a.signal.localeCompare(b.signal))[0];
}
var DEPENDENCY_LEAD_MS = 30 * 6e4;
var ONSET_TOLERANCE_MS = 2 * 6e4;
var WARNING_REASONS = /BackOff|Unhealthy|Failed|OOM|Evict|Kill|Error|NotReady/i;
function degradationOf(facts, service, onset) {
  const from = onset - DEPENDENCY_LEAD_MS;
  const until = facts.window.at;
  const items = [];
  for (const s of facts.metrics.get(service.name)?.series ?? []) {
    const shift = s.shift;
    if (!shift || shift.at < from || shift.at > until) continue;
    const strength2 = metricStrength(s);
    if (!strength2) continue;
    items.push({
      strength: strength2,
      at: shift.at,
      evidence: metricEvidence(s, service.name),
      ...s.kind === "error" && shift.direction === "up" ? { signal: "high_error_rate" } : {},
      ...s.kind === "latency" && shift.direction === "up" ? { signal: "high_latency" } : {}
    });
  }
  const workload = workloadOf(service);
  if (workload && facts.kube) {
    for (const pod of podsOf(facts.kube, workload)) {
      const restart = pod.lastRestart;
      if (restart && restart.at >= from && restart.at <= until)
        items.push({
          strength: 0.6,
          at: restart.at,
          evidence: {
            kind: "event",
            at: iso2(restart.at),
            summary: `pod ${pod.name} restarted (${restart.reason ?? "exit"}${restart.exitCode !== void 0 ? `, exit code ${restart.exitCode}` : ""}); ${pod.restarts} restarts in all`,
            ref: `Pod/${pod.namespace}/${pod.name}`
          },
          signal: restart.reason === "OOMKilled" ? "oom_killed" : "crash_loop"
        });
      if (pod.problem)
        items.push({
          strength: 0.5,
          at: until,
          evidence: {
            kind: "event",
            summary: `pod ${pod.name} is ${pod.problem}`,
            ref: `Pod/${pod.namespace}/${pod.name}`
          },
          signal: /CrashLoop|Error/.test(pod.problem) ? "crash_loop" : "pod_not_running"
        });
    }
    const names = /* @__PURE__ */ new Set([workload.name, ...podsOf(facts.kube, workload).map((p) => p.name)]);
    for (const event of facts.kube.events) {
      if (event.object.namespace !== workload.namespace || !names.has(event.object.name)) continue;
      if (event.at < from || !(event.type === "Warning" || WARNING_REASONS.test(event.reason))) continue;
      if (event.type !== "Warning" && !/liveness|readiness|fail/i.test(event.message)) continue;
      items.push({
        strength: event.type === "Warning" ? 0.5 : 0.4,
        at: event.first >= from ? event.first : event.at,
        evidence: {
          kind: "event",
          at: iso2(event.first >= from ? event.first : event.at),
          summary: `${event.type} ${event.reason} on ${event.object.kind} ${event.object.name}: ${event.message}${event.count > 1 ? ` (\xD7${event.count})` : ""}`,
          ref: `${event.object.kind}/${workload.namespace}/${event.object.name}`
        }
      });
    }
  }
  for (const alert of facts.alerts) {
    if (!alertConcerns(alert.labels, service) || alert.startsAt < from) continue;
    items.push({
      strength: alert.severity === "info" ? 0.3 : 0.5,
      at: alert.startsAt,
      evidence: {
        kind: "alert",
        at: iso2(alert.startsAt),
        summary: `${alert.name} (${alert.severity || "no severity"}) firing: ${alert.summary}`
      }
    });
  }
  items.sort((a, b) => a.at - b.at || a.evidence.summary.localeCompare(b.evidence.summary));
  const strength = combine(items.map((i) => i.strength));
  return {
    strength,
    ...items.length ? { at: items[0].at } : {},
    evidence: items.map((i) => i.evidence),
    signals: [...new Set(items.flatMap((i) => i.signal ? [i.signal] : []))].sort()
  };
}
function metricStrength(s) {
  const up = s.shift?.direction === "up";
  if (s.kind === "error") return up ? s.metric ? 0.7 : 0.9 : 0;
  if (s.kind === "latency") return up ? s.metric ? 0.5 : 0.8 : 0;
  if (s.kind === "saturation") return up ? 0.4 : 0.1;
  return 0.2;
}
function alertConcerns(labels, service) {
  if (labels.service) return labels.service === service.name;
  const workload = workloadOf(service);
  return Boolean(
    workload && (labels.deployment === workload.name || labels.statefulset === workload.name || labels.horizontalpodautoscaler === workload.name) && (!labels.namespace || labels.namespace === workload.namespace)
  );
}
function metricEvidence(s, service) {
  const shift = s.shift;
  return {
    kind: "metric",
    at: iso2(shift.at),
    summary: `${service} ${s.signal} ${shift.direction === "up" ? "rose" : "fell"} from ${format(shift.from)} to ${format(shift.to)}`,
    value: { from: round(shift.from), to: round(shift.to) }
  };
}
function combine(strengths) {
  return 1 - strengths.reduce((p, s) => p * (1 - Math.min(1, Math.max(0, s))), 1);
}
function isFailing(pod, facts) {
  const logs = pod.workload ? facts.logs.get(pod.workload) : void 0;
  const newProblems = logs?.novelProblemsByPod[pod.name] ?? 0;
  const restarted = pod.lastRestart !== void 0 && pod.lastRestart.at >= facts.window.since;
  return pod.problem !== void 0 || !pod.ready || restarted || newProblems >= 3;
}
function follows(shiftAt, at) {
  return shiftAt >= at - 3e4 && shiftAt <= at + 5 * 6e4;
}
function alignment(at, series) {
  const after = series.filter((s) => follows(s.shiftAt, at));
  if (!after.length) return 0;
  const best = Math.max(...after.map((s) => s.weight * Math.exp(-Math.max(0, s.shiftAt - at) / 12e4)));
  return Math.min(1, best * (0.7 + 0.3 * Math.min(1, after.length / 3)));
}

// src/incidents/correlate/candidates/candidate.ts
var NOT_DEGRADED = { strength: 0, evidence: [], signals: [] };
function createContext(facts, onset, catalog, priors) {
  const inScope = new Map(facts.scope.map((s) => [s.name, s]));
  const degradations = /* @__PURE__ */ new Map();
  const byWorkload = new Map(catalog.flatMap((s) => s.workload ? [[s.workload, s]] : []));
  const services = [
    ...catalog.filter((s) => s.name !== facts.graph.symptomatic.name),
    facts.graph.symptomatic
  ].sort((a, b) => a.name.localeCompare(b.name));
  return {
    facts,
    onset,
    graph: facts.graph,
    degradation(name) {
      const service = inScope.get(name);
      if (!service) return NOT_DEGRADED;
      let found = degradations.get(name);
      if (!found) {
        found = degradationOf(facts, service, onset.at);
        degradations.set(name, found);
      }
      return found;
    },
    serviceOfWorkload: (workload) => byWorkload.get(workload),
    servicesIn: (namespace) => services.filter((s) => namespaceOf(s) === namespace),
    prior(category, ref, service, base) {
      const opinion = priors?.weigh({ category, ref, ...service ? { service } : {} });
      if (!opinion) return { value: base };
      const weight2 = Math.min(2, Math.max(0, opinion.weight));
      return {
        value: Math.min(1, base * weight2),
        evidence: { kind: "prior", summary: `prior from past incidents \xD7${weight2}: ${opinion.why}` }
      };
    }
  };
}

// src/incidents/correlate/changepoint.ts
var MIN_BASELINE = 4;
var MIN_POINTS = 8;
var CURRENT_POINTS = 4;
var MAX_GAP = 2;
var MIN_RUN = 3;
var MAD_TO_SIGMA = 1.4826;
function median(values) {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function finite(points) {
  return points.filter((p) => Number.isFinite(p.v)).sort((a, b) => a.t - b.t);
}
function detectShift(points, opts = {}) {
  const pts = finite(points);
  if (pts.length < MIN_POINTS) return void 0;
  const first = pts[0].t;
  const last = pts.at(-1).t;
  const baselineEnd = opts.baselineEnd ?? first + 0.4 * (last - first);
  const baseline = pts.filter((p) => p.t < baselineEnd).map((p) => p.v);
  if (baseline.length < MIN_BASELINE) return void 0;
  const level = median(baseline);
  const sigma = MAD_TO_SIGMA * median(baseline.map((v) => Math.abs(v - level)));
  const threshold = Math.max(
    (opts.sigmas ?? 4) * sigma,
    (opts.minRelative ?? 0.25) * Math.abs(level),
    opts.minAbsolute ?? 0,
    1e-9
  );
  const current = median(pts.slice(-CURRENT_POINTS).map((p) => p.v));
  if (!(Math.abs(current - level) > threshold)) return void 0;
  const sign = current > level ? 1 : -1;
  const out = (p) => sign * (p.v - level) > threshold;
  const firstAfterBaseline = pts.findIndex((p) => p.t >= baselineEnd);
  let start = pts.length - 1;
  let gap = 0;
  let inRun = 0;
  for (let i = pts.length - 1; i >= firstAfterBaseline && gap <= MAX_GAP; i--) {
    if (out(pts[i])) {
      start = i;
      gap = 0;
      inRun++;
    } else gap++;
  }
  if (inRun < MIN_RUN) return void 0;
  const rampFloor = Math.max(1.5 * sigma, 0.15 * threshold);
  const departed = (i) => i >= 0 && sign * (pts[i].v - level) > rampFloor;
  while (start - 1 >= firstAfterBaseline && departed(start - 1)) start--;
  if (start === firstAfterBaseline && departed(start - 1) && departed(start - 2)) return void 0;
  return {
    at: pts[start].t,
    from: level,
    to: current,
    direction: sign > 0 ? "up" : "down",
    magnitude: Math.abs(current - level) / Math.max(Math.abs(level), threshold)
  };
}
function linearTrend(points) {
  const pts = finite(points);
  if (pts.length < MIN_POINTS) return void 0;
  const t0 = pts[0].t;
  const n = pts.length;
  const xs = pts.map((p) => (p.t - t0) / 36e5);
  const ys = pts.map((p) => p.v);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0) return void 0;
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 0 : sxy * sxy / (sxx * syy);
  return { slopePerHour: slope, r2, from: my + slope * (xs[0] - mx), to: my + slope * (xs[n - 1] - mx) };
}
function crossingTime(points, level) {
  const pts = finite(points);
  if (!pts.length || (currentValue(pts) ?? -Infinity) < level) return void 0;
  let start = pts.length - 1;
  let gap = 0;
  for (let i = pts.length - 1; i >= 0 && gap <= MAX_GAP; i--) {
    if (pts[i].v >= level) {
      start = i;
      gap = 0;
    } else gap++;
  }
  return pts[start].t;
}
function currentValue(points) {
  const pts = finite(points);
  return pts.length ? median(pts.slice(-CURRENT_POINTS).map((p) => p.v)) : void 0;
}
function pointwiseMax(series) {
  const byTime = /* @__PURE__ */ new Map();
  for (const points of series)
    for (const p of points)
      if (Number.isFinite(p.v)) byTime.set(p.t, Math.max(byTime.get(p.t) ?? -Infinity, p.v));
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t, v }));
}

// src/incidents/correlate/score.ts
var WEIGHTS = { proximity: 1.5, graph: 2, evidence: 2.5, novelty: 1, prior: 1.5 };
var EXPLAINED_WEIGHT = 2;
var MAX_SCORE = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
var PROXIMITY_SCALE_MS = 30 * 6e4;
var LATE_MS = 10 * 6e4;
function scoreOf(raw, onset) {
  const weighted = {
    proximity: WEIGHTS.proximity * proximity(raw.at, onset),
    graph: WEIGHTS.graph * clamp(raw.graph),
    evidence: WEIGHTS.evidence * clamp(raw.evidence),
    novelty: WEIGHTS.novelty * clamp(raw.novelty),
    prior: WEIGHTS.prior * clamp(raw.prior)
  };
  const sum = Object.values(weighted).reduce((a, b) => a + b, 0);
  const parts = {
    ...weighted,
    timing: -(1 - timing(raw.at, onset)) * sum,
    explained: -EXPLAINED_WEIGHT * clamp(raw.explained ?? 0)
  };
  const rounded = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round3(v)]));
  const total = round3(Object.values(rounded).reduce((a, b) => a + b, 0));
  return { total, parts: rounded };
}
function confidenceOf(total) {
  return round3(clamp(total / MAX_SCORE));
}
function proximity(at, onset) {
  if (at === void 0) return 0.3;
  return Math.exp(-Math.max(0, onset - at) / PROXIMITY_SCALE_MS);
}
function timing(at, onset) {
  if (at === void 0 || at <= onset + ONSET_TOLERANCE_MS) return 1;
  return at <= onset + LATE_MS ? 0.3 : 0.05;
}
var UPSTREAM_BY_DEPTH = [1, 0.75, 0.6, 0.45];
function graphPosition(position) {
  if (!position) return 0.3;
  switch (position.kind) {
    case "self":
      return 1;
    case "upstream":
      return UPSTREAM_BY_DEPTH[Math.min(position.depth, UPSTREAM_BY_DEPTH.length - 1)];
    case "downstream":
      return 0.15;
    case "unrelated":
      return 0.1;
  }
}
function clamp(value) {
  return Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
}
function round3(value) {
  return Math.round(value * 1e3) / 1e3;
}

// src/incidents/correlate/mentions.ts
var GENERIC_WORDS = /* @__PURE__ */ new Set([
  "api",
  "app",
  "db",
  "svc",
  "service",
  "server",
  "web",
  "http",
  "https",
  "com",
  "www",
  "prod",
  "production",
  "cluster",
  "local",
  "internal",
  "example",
  "main",
  "primary",
  "default"
]);
function mentionsOf(name, ownWords) {
  const own = new Set([...ownWords].map((w) => w.toLowerCase()));
  const full = name.toLowerCase();
  const words = full.split(/[-_.]/).filter((w) => w.length >= 5 && !GENERIC_WORDS.has(w) && !own.has(w) && !/^\d+$/.test(w));
  return (text) => {
    const lower = text.toLowerCase();
    return lower.includes(full) || words.some((w) => lower.includes(w));
  };
}
function wordsOf(...names) {
  return names.flatMap((n) => n ? n.toLowerCase().split(/[-_.]/) : []);
}
var TIMEOUT = /time[ds]? ?out|timed out|deadline exceeded|etimedout|econnrefused|connection refused|connection reset|unavailable|\b50[234]\b|eai_again|name resolution|no route to host/i;
function speaksOfTimeouts(text) {
  return TIMEOUT.test(text);
}
var NAME_RESOLUTION = /eai_again|name resolution|no such host|nxdomain|servfail|unknownhostexception|could not resolve|dial tcp: lookup |:53: i\/o timeout/i;
function speaksOfNameResolution(text) {
  return NAME_RESOLUTION.test(text);
}
function isDnsService(name, workload) {
  return /(^|[-.])(kube-dns|coredns|dns)([-.]|$)/.test(name) || /\/(coredns|kube-dns)$/.test(workload ?? "");
}
var ERRORISH = /error|fail|fault|exception|timeout|timed_out|servfail|refused|reject|dropped|5xx|panic|retr(?:y|ies)|exceeded|unavailable/i;
var LATENCYISH = /duration|latency|_lag|lag_|seconds_bucket$|_sec$/i;
var SATURATIONISH = /throttl|in_use|inuse|inflight|in_flight|pending|queue|backlog|waiting|busy|saturat|utili[sz]ation|_used|usage/i;
var TRAFFICISH = /requests|queries|calls|messages|responses|operations|ops_|processed|throughput/i;
function signalKind(name, labels) {
  const values = Object.entries(labels).filter(([k]) => k !== "__name__" && k !== "service" && k !== "namespace").map(([, v]) => v);
  if (ERRORISH.test(name) || values.some((v) => ERRORISH.test(v))) return "error";
  if (LATENCYISH.test(name)) return "latency";
  if (SATURATIONISH.test(name)) return "saturation";
  if (TRAFFICISH.test(name)) return "traffic";
  return "neutral";
}
var CAPACITY_WORDS = /\bgc\b|garbage|heap|out of memory|outofmemory|oom|allocation fail|mark-compact|throttl|queue|saturat|busy|overload|shedding|backlog|too many/i;
function speaksOfCapacity(text) {
  return CAPACITY_WORDS.test(text);
}
var POOL_WORDS = /pool exhausted|connection is not available|acquiring connection|pool .*\d+\/\d+ in use/i;
function speaksOfPoolExhaustion(text) {
  return POOL_WORDS.test(text);
}

// src/incidents/correlate/candidates/log-evidence.ts
var NO_BASELINE_FACTOR = 0.6;
function isProblem(t) {
  return t.level === "error" || t.level === "warn";
}
function weight(t) {
  return t.count * (isProblem(t) ? 1 : 0.5);
}
function noveltyAfter(logs, at) {
  if (!logs?.novel.length) return 0;
  const total = logs.novel.reduce((n, t) => n + weight(t), 0);
  const after = logs.novel.filter((t) => t.first >= at - 6e4).reduce((n, t) => n + weight(t), 0);
  return after / total * (logs.hasBaseline ? 1 : NO_BASELINE_FACTOR);
}
function mentionShare(logs, mentions) {
  const problems = (logs?.novel ?? []).filter(isProblem);
  const total = problems.reduce((n, t) => n + t.count, 0);
  const naming = problems.filter((t) => mentions(t.example));
  const count2 = naming.reduce((n, t) => n + t.count, 0);
  return {
    share: total ? count2 / total * (logs.hasBaseline ? 1 : NO_BASELINE_FACTOR) : 0,
    timeouts: naming.some((t) => speaksOfTimeouts(t.example)),
    ...naming.length ? { first: Math.min(...naming.map((t) => t.first)) } : {},
    examples: naming.slice(0, 2)
  };
}
function capacityShare(logs) {
  const problems = (logs?.novel ?? []).filter(isProblem);
  const total = problems.reduce((n, t) => n + t.count, 0);
  const speaking = problems.filter((t) => speaksOfCapacity(t.example));
  return {
    share: total ? speaking.reduce((n, t) => n + t.count, 0) / total : 0,
    examples: speaking.slice(0, 2)
  };
}
function logSignals(logs) {
  const problems = (logs?.novel ?? []).filter(isProblem);
  return [
    ...problems.some((t) => speaksOfPoolExhaustion(t.example)) ? ["db_pool_exhausted"] : [],
    ...problems.some((t) => /\bgc\b|garbage|mark-compact|heap/i.test(t.example)) ? ["gc_thrash"] : [],
    ...problems.some((t) => speaksOfTimeouts(t.example)) ? ["upstream_timeouts"] : []
  ];
}
function templateEvidence(t, workload) {
  return {
    kind: "log",
    at: iso2(t.first),
    summary: `new ${t.level} log in ${workload} (\xD7${t.count} on ${t.pods.length} pod${t.pods.length === 1 ? "" : "s"}): ${t.example}`,
    ref: workload
  };
}
function topNovel(logs, limit, after = 0) {
  return (logs?.novel ?? []).filter((t) => t.first >= after - 6e4).sort(
    (a, b) => Number(isProblem(b)) - Number(isProblem(a)) || b.count - a.count || a.template.localeCompare(b.template)
  ).slice(0, limit);
}

// src/incidents/correlate/candidates/change-assessment.ts
function changeEvidence(common, specific) {
  return 0.45 * common.degraded + 0.4 * common.alignment + 0.15 * (specific ? 1 : 0);
}
var ALIGNED_KINDS = /* @__PURE__ */ new Set(["traffic", "error", "latency", "saturation"]);
function assessChange(ctx, service, at) {
  if (!service) return { graph: 0.1, degraded: 0, alignment: 0, novelty: 0, evidence: [], signals: [] };
  const position = ctx.graph.position(service.name);
  const degradation = ctx.degradation(service.name);
  const degraded = position.kind === "self" ? 1 : degradation.strength;
  const graph = graphPosition(position) * (position.kind === "upstream" ? 0.35 + 0.65 * degraded : 1);
  const own = ctx.facts.metrics.get(service.name)?.series ?? [];
  const onPath = position.kind === "self" || position.kind === "upstream";
  const dependencySeries = onPath ? ctx.graph.dependenciesOf(service.name).flatMap(
    (dep) => (ctx.facts.metrics.get(dep)?.series ?? []).filter((s) => ALIGNED_KINDS.has(s.kind)).map((s) => ({ dep, s }))
  ) : [];
  const shifted = [
    ...own.filter((s) => s.shift).map((s) => ({ name: service.name, s, weight: 1 })),
    ...dependencySeries.filter(({ s }) => s.shift).map(({ dep, s }) => ({ name: dep, s, weight: 0.6 }))
  ];
  const aligned = shifted.filter(({ s }) => follows(s.shift.at, at)).sort((a, b) => a.s.shift.at - b.s.shift.at || a.s.signal.localeCompare(b.s.signal));
  const workload = service.workload;
  const logs = workload ? ctx.facts.logs.get(workload) : void 0;
  const evidence = [
    {
      kind: "topology",
      summary: position.kind === "self" ? `${service.name} is the symptomatic service` : position.kind === "upstream" ? `${ctx.graph.pathTo(service.name).join(" \u2192 ")}: ${service.name} is a dependency, degraded ${format(degraded)}` : `${service.name} is ${position.kind === "downstream" ? `a caller of ${ctx.graph.symptomatic.name}` : `not on ${ctx.graph.symptomatic.name}'s dependency path`}`
    },
    ...aligned.slice(0, 3).map(({ name, s }) => ({
      kind: "metric",
      at: iso2(s.shift.at),
      summary: `${name} ${s.signal} ${s.shift.direction === "up" ? "rose" : "fell"} from ${format(s.shift.from)} to ${format(s.shift.to)} ${Math.round((s.shift.at - at) / 6e3) / 10} min after the change`,
      value: { from: s.shift.from, to: s.shift.to }
    })),
    ...workload ? topNovel(logs, 2, at).map((t) => templateEvidence(t, workload)) : [],
    ...position.kind === "upstream" ? degradation.evidence.slice(0, 2) : []
  ];
  return {
    graph,
    degraded,
    alignment: alignment(
      at,
      shifted.map(({ s, weight: weight2 }) => ({ shiftAt: s.shift.at, weight: weight2 }))
    ),
    novelty: noveltyAfter(logs, at),
    evidence,
    signals: [...onPath ? degradation.signals : [], ...logSignals(logs)]
  };
}

// src/incidents/correlate/candidates/config-writes.ts
var COINCIDENT_MS = 2 * 6e4;
var WRITING_ROLES = /* @__PURE__ */ new Set(["deploy", "config", "flag", "infrastructure", "other"]);
var WRITE_PRIOR = 0.7;
var NEW_LINES_READ = 20;
var GUESSED_SERVICE = 0.5;
var writesOf = /* @__PURE__ */ new WeakMap();
function configWrites(ctx) {
  let found = writesOf.get(ctx);
  if (!found) {
    found = findWrites(ctx);
    writesOf.set(ctx, found);
  }
  return found;
}
function findWrites(ctx) {
  const kube = ctx.facts.kube;
  if (!kube) return [];
  const { since, at } = ctx.facts.window;
  return kube.configMaps.flatMap((configMap) => {
    const write = configMap.dataWrite;
    if (!write || write.at < since || write.at > at) return [];
    const readers = [
      ...new Set(
        kube.pods.flatMap(
          (p) => p.namespace === configMap.namespace && p.workload && p.configMaps.includes(configMap.name) ? [p.workload] : []
        )
      )
    ].sort();
    const service = readers.length ? nearest(
      ctx,
      readers.flatMap((w) => ctx.serviceOfWorkload(w) ?? [])
    ) : nearest(ctx, ctx.servicesIn(configMap.namespace));
    const made = madeBy(ctx, configMap, write.at, readers);
    return [
      {
        ref: configMapRef(configMap),
        namespace: configMap.namespace,
        at: write.at,
        manager: write.manager,
        operation: write.operation,
        fieldsRecorded: write.fieldsRecorded,
        keys: configMap.keys,
        readers,
        ...service ? { service } : {},
        ...made ? { madeBy: made } : {}
      }
    ];
  });
}
function configWriteCandidates(ctx) {
  return configWrites(ctx).filter((w) => !w.madeBy).map((write) => writeCandidate(ctx, write));
}
function unrecordedWritesReadBy(ctx, service) {
  const workload = service?.workload;
  if (!workload) return [];
  return configWrites(ctx).filter((w) => !w.madeBy && w.readers.includes(workload));
}
function writeEvidence(write, how = "") {
  const fields = write.fieldsRecorded ? "" : ", fields not recorded";
  return {
    kind: "config",
    at: iso2(write.at),
    summary: `${write.ref} data written${how} by ${write.manager || "an unnamed manager"} (${write.operation}${fields})`,
    ref: write.ref
  };
}
function namesConfigMap(change, configMap) {
  return change.summary.includes(`${configMap.namespace}/${configMap.name}`);
}
function writeCandidate(ctx, write) {
  const { service } = write;
  const common = assessChange(ctx, service, write.at);
  const guessed = !write.readers.length;
  const namesIt = namedInNewLogs(ctx, write);
  const prior = ctx.prior("config", write.ref, service?.name, WRITE_PRIOR);
  return {
    ref: write.ref,
    category: "config",
    ...service ? { service: service.name } : {},
    summary: `${write.ref} data written ${minutesBefore(write.at, ctx.onset.at)} by ${write.manager || "an unnamed manager"}, with no change event recorded for it`,
    raw: {
      at: write.at,
      graph: common.graph * (guessed ? GUESSED_SERVICE : 1),
      evidence: changeEvidence(common, namesIt !== void 0),
      novelty: common.novelty,
      prior: prior.value
    },
    evidence: [
      writeEvidence(write),
      {
        kind: "topology",
        summary: guessed ? `no listed pod reads ${write.ref}${service ? `; ${service.name} is the nearest service of namespace ${write.namespace}` : ""}` : `read by the pods of ${write.readers.join(", ")}`,
        ref: write.ref
      },
      ...namesIt ? [namesIt] : [],
      ...common.evidence,
      ...prior.evidence ? [prior.evidence] : []
    ],
    signals: ["recent_config_change", ...common.signals]
  };
}
function namedInNewLogs(ctx, write) {
  const workload = write.service?.workload;
  if (!workload) return void 0;
  const name = write.ref.split("/").at(-1);
  const patterns = [name, ...write.keys].flatMap((key) => {
    const words = key.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    return words.length >= 2 ? [new RegExp(words.join("[-_. ]?"), "i")] : [];
  });
  const found = topNovel(ctx.facts.logs.get(workload), NEW_LINES_READ, write.at).find(
    (t) => patterns.some((p) => p.test(t.example))
  );
  return found && templateEvidence(found, workload);
}
function madeBy(ctx, configMap, at, readers) {
  const readBy = (workload) => !readers.length || workload !== void 0 && readers.includes(workload);
  const coincident = (t) => Math.abs(t - at) <= COINCIDENT_MS;
  const configMaps = ctx.facts.kube?.configMaps ?? [];
  const events = ctx.facts.changes.flatMap((change) => {
    const service = change.service ? ctx.graph.service(change.service) : void 0;
    const namespace = change.namespace ?? (service && namespaceOf(service));
    const named = configMaps.filter((c) => namesConfigMap(change, c));
    const fits = WRITING_ROLES.has(change.role) && coincident(change.at) && namespace === configMap.namespace && (!service || readBy(service.workload)) && (!named.length || named.includes(configMap));
    return fits ? [{ ref: `Change/${change.id}`, at: change.at }] : [];
  });
  const rollouts = ctx.facts.rollouts.flatMap((rollout) => {
    const namespace = rollout.workload.split("/")[1];
    const fits = coincident(rollout.at) && namespace === configMap.namespace && readBy(rollout.workload);
    return fits ? [{ ref: rollout.workload, at: rollout.at }] : [];
  });
  return [...events, ...rollouts].sort(
    (a, b) => Math.abs(a.at - at) - Math.abs(b.at - at) || a.ref.localeCompare(b.ref)
  )[0]?.ref;
}
function nearest(ctx, services) {
  return services.map((service) => ({ service, position: graphPosition(ctx.graph.position(service.name)) })).sort((a, b) => b.position - a.position || a.service.name.localeCompare(b.service.name))[0]?.service;
}

// src/incidents/correlate/candidates/explain.ts
var BEHAVIOUR_ROLES = /* @__PURE__ */ new Set(["deploy", "config", "flag"]);
function trafficGrowth(metrics) {
  return (metrics?.series ?? []).filter((s) => s.kind === "traffic" && s.shift?.direction === "up" && s.shift.magnitude >= 0.5).sort((a, b) => b.shift.magnitude - a.shift.magnitude || a.signal.localeCompare(b.signal))[0];
}
function surgeExplainedByChange(ctx, service) {
  const growth = trafficGrowth(ctx.facts.metrics.get(service));
  if (!growth || ctx.graph.position(service).kind !== "upstream") return void 0;
  const callers = new Set(ctx.graph.pathTo(service).slice(0, -1));
  const surge = growth.shift.at;
  const changes = [
    ...ctx.facts.rollouts.flatMap((r) => {
      const owner = ctx.serviceOfWorkload(r.workload);
      return owner && callers.has(owner.name) ? [{ at: r.at, what: `rollout of ${r.workload}` }] : [];
    }),
    ...ctx.facts.changes.filter((c) => BEHAVIOUR_ROLES.has(c.role) && c.service && callers.has(c.service)).map((c) => ({ at: c.at, what: `${c.kind} Change/${c.id}` })),
    ...[...callers].flatMap(
      (name) => unrecordedWritesReadBy(ctx, ctx.graph.service(name)).map((w) => ({
        at: w.at,
        what: `data write of ${w.ref}`
      }))
    )
  ].filter((c) => follows(surge, c.at));
  const closest = changes.sort(
    (a, b) => Math.abs(surge - a.at) - Math.abs(surge - b.at) || a.what.localeCompare(b.what)
  )[0];
  if (!closest) return void 0;
  return {
    strength: Math.exp(-Math.max(0, surge - closest.at) / 12e4),
    evidence: {
      kind: "change",
      at: iso2(closest.at),
      summary: `the traffic surge into ${service} (${growth.signal} \xD7${(growth.shift.to / Math.max(growth.shift.from, 1e-9)).toFixed(1)}) began right after the ${closest.what} upstream`
    }
  };
}

// src/incidents/correlate/candidates/capacity.ts
var PRIOR = 0.6;
var MIN_SATURATION = 0.15;
var CLUSTER_NAMESPACES = /* @__PURE__ */ new Set(["kube-system"]);
function capacityCandidates(ctx) {
  return ctx.facts.scope.flatMap((service) => {
    const metrics = ctx.facts.metrics.get(service.name);
    const workload = workloadOf(service);
    if (!metrics || !workload || !ctx.facts.kube) return [];
    const candidate = capacityOf(ctx, service, metrics, podsOf(ctx.facts.kube, workload));
    return candidate ? [candidate] : [];
  });
}
function capacityOf(ctx, service, metrics, pods) {
  const workload = service.workload;
  const { since, at: until } = ctx.facts.window;
  const cpu = cpuRatios(metrics, pods);
  const memory = pointwiseMax(metrics.memoryByPod.map((p) => p.points));
  const catalogSaturation = metrics.series.find((s) => s.signal === "saturation")?.points ?? [];
  const saturation = pointwiseMax([cpu, memory, catalogSaturation]);
  const levels = {
    cpu: currentValue(cpu) ?? 0,
    memory: currentValue(memory) ?? 0,
    other: currentValue(catalogSaturation) ?? 0
  };
  const busiest = Math.max(levels.cpu, levels.memory, levels.other);
  const throttled = metrics.series.find((s) => /throttl/i.test(s.signal) && s.shift?.direction === "up");
  const ooms = pods.filter(
    (p) => p.lastRestart?.reason === "OOMKilled" && p.lastRestart.at >= since || p.problem === "OOMKilled"
  );
  const saturated = Math.max(clamp2((busiest - 0.6) / 0.35), throttled ? 0.8 : 0);
  if (saturated < MIN_SATURATION && !ooms.length) return void 0;
  const growth = trafficGrowth(metrics);
  const rolledOut = ctx.facts.rollouts.some((r) => r.workload === workload);
  const trend = linearTrend(memory);
  const leak = trend && !rolledOut && trend.slopePerHour > 0 && trend.r2 >= 0.8 && trend.to - trend.from >= 0.1 ? trend : void 0;
  const driver = Math.max(growth ? Math.min(1, growth.shift.magnitude / 1.5) : 0, leak ? leak.r2 : 0);
  const crossing = crossingTime(saturation, Math.max(0.8, busiest - 0.1));
  const oomAt = ooms.map((p) => p.lastRestart?.at ?? until).sort((a, b) => a - b)[0];
  const at = crossing ?? growth?.shift?.at ?? oomAt;
  const logs = ctx.facts.logs.get(workload);
  const capacityLogs = capacityShare(logs);
  const explained = surgeExplainedByChange(ctx, service.name);
  const category = CLUSTER_NAMESPACES.has(workloadOf(service).namespace) ? "infrastructure" : "capacity";
  const prior = ctx.prior(category, workload, service.name, PRIOR);
  const resource2 = levels.cpu >= levels.memory && levels.cpu >= levels.other ? "CPU" : levels.memory >= levels.other ? "memory" : "saturation";
  const drivers = [
    ...growth ? [`traffic rose ${ratio2(growth)} (${growth.signal})`] : [],
    ...leak ? [
      `memory has grown steadily (+${Math.round(leak.slopePerHour * 100)}% of the limit per hour) with no rollout`
    ] : []
  ];
  const evidence = [
    {
      kind: "metric",
      ...crossing ? { at: iso2(crossing) } : {},
      summary: `${service.name} ${resource2} at ${Math.round(busiest * 100)}% of its limit (busiest pod)`,
      value: { cpu: round2(levels.cpu), memory: round2(levels.memory) }
    },
    ...throttled ? [shiftEvidence(service.name, throttled)] : [],
    ...growth ? [shiftEvidence(service.name, growth)] : [],
    ...leak ? [
      {
        kind: "metric",
        summary: `${service.name} memory grew from ${Math.round(leak.from * 100)}% to ${Math.round(leak.to * 100)}% of its limit over the window (r\xB2 ${leak.r2.toFixed(2)})`
      }
    ] : [],
    ...ooms.map((p) => ({
      kind: "event",
      ...p.lastRestart ? { at: iso2(p.lastRestart.at) } : {},
      summary: `pod ${p.name} was OOM-killed (${p.restarts} restarts)`,
      ref: `Pod/${p.namespace}/${p.name}`
    })),
    ...capacityLogs.examples.map((t) => templateEvidence(t, workload)),
    ...explained ? [explained.evidence] : [],
    ...prior.evidence ? [prior.evidence] : []
  ];
  return {
    ref: workload,
    category,
    service: service.name,
    summary: `${service.name} is running out of ${resource2 === "saturation" ? "capacity" : resource2}: ${Math.round(busiest * 100)}% of its limit${at !== void 0 ? ` since ${minutesBefore(at, ctx.onset.at)}` : ""}${drivers.length ? `; ${drivers.join("; ")}` : ""}${ooms.length ? `; ${ooms.length} pod(s) OOM-killed` : ""}`,
    raw: {
      at,
      graph: graphPosition(ctx.graph.position(service.name)),
      // Saturation alone is 40% of the evidence; with what drove it there (growth, a leak), all of it.
      evidence: Math.min(1, saturated * (0.4 + 0.6 * driver) + (ooms.length ? 0.2 : 0)),
      novelty: capacityLogs.share,
      prior: prior.value,
      explained: explained?.strength ?? 0
    },
    evidence,
    signals: [
      ...levels.memory >= 0.85 ? ["memory_near_limit"] : [],
      ...ooms.length ? ["oom_killed"] : [],
      ...throttled || levels.cpu >= 0.9 ? ["cpu_throttling"] : [],
      ...growth ? ["traffic_surge"] : [],
      ...leak ? ["memory_growth"] : [],
      ...capacityLogs.examples.some((t) => /gc|heap|mark-compact/i.test(t.example)) ? ["gc_thrash"] : []
    ]
  };
}
function cpuRatios(metrics, pods) {
  return pointwiseMax(
    metrics.cpuByPod.flatMap((series) => {
      const pod = pods.find((p) => p.name === series.pod);
      const limit = pod?.limits[series.container ?? pod.firstContainer ?? ""]?.cpu;
      return limit ? [series.points.map((p) => ({ t: p.t, v: p.v / limit }))] : [];
    })
  );
}
function shiftEvidence(service, s) {
  return {
    kind: "metric",
    at: iso2(s.shift.at),
    summary: `${service} ${s.signal} ${s.shift.direction === "up" ? "rose" : "fell"} ${ratio2(s)}`,
    value: { from: s.shift.from, to: s.shift.to }
  };
}
function ratio2(s) {
  const { from, to } = s.shift;
  return from > 0 ? `${(to / from).toFixed(1)}\xD7 (${round2(from)} \u2192 ${round2(to)})` : `from ${round2(from)} to ${round2(to)}`;
}
function clamp2(value) {
  return Math.min(1, Math.max(0, value));
}
function round2(value) {
  return Math.round(value * 100) / 100;
}

// src/incidents/correlate/candidates/changes.ts
var ROLLOUT_PRIOR = {
  image: 0.9,
  config: 0.8,
  created: 0.6,
  other: 0.5,
  rollback: 0.4,
  restart: 0.3
};
var CHANGE = {
  deploy: { category: "deploy", prior: 0.85 },
  config: { category: "config", prior: 0.8 },
  flag: { category: "config", prior: 0.8 },
  migration: { category: "dependency", prior: 0.6 },
  infrastructure: { category: "infrastructure", prior: 0.6 },
  other: { category: "config", prior: 0.4 }
};
function changeCandidates(ctx) {
  const writes = configWrites(ctx);
  const writesBy = (ref) => writes.filter((w) => w.madeBy === ref);
  return [
    ...ctx.facts.rollouts.map((rollout) => rolloutCandidate(ctx, rollout, writesBy(rollout.workload))),
    ...ctx.facts.changes.flatMap((change) => {
      const role = CHANGE[change.role];
      return role ? [eventCandidate(ctx, change, role.category, role.prior, writesBy(`Change/${change.id}`))] : [];
    })
  ];
}
function madeEvidence(writes, at) {
  return writes.map((w) => {
    const apart = Math.round((w.at - at) / 1e3);
    return writeEvidence(
      w,
      apart ? ` ${Math.abs(apart)} s ${apart < 0 ? "before" : "after"} it` : " with it"
    );
  });
}
function rolloutCandidate(ctx, rollout, writes) {
  const service = ctx.serviceOfWorkload(rollout.workload);
  const common = assessChange(ctx, service, rollout.at);
  const pods = service && ctx.facts.kube ? podsOf(ctx.facts.kube, workloadOf(service)) : [];
  const newPodsFailing = pods.some((p) => p.createdAt >= rollout.at - 6e4 && isFailing(p, ctx.facts));
  const prior = ctx.prior("deploy", rollout.workload, service?.name, ROLLOUT_PRIOR[rollout.kind]);
  const evidence = [
    {
      kind: "rollout",
      at: iso2(rollout.at),
      summary: `${rollout.workload} ${rollout.summary}`,
      ref: rollout.workload
    },
    ...newPodsFailing ? [
      {
        kind: "event",
        summary: `pods created by this rollout are failing`,
        ref: rollout.workload
      }
    ] : [],
    ...madeEvidence(writes, rollout.at),
    ...common.evidence,
    ...prior.evidence ? [prior.evidence] : []
  ];
  return {
    ref: rollout.workload,
    category: "deploy",
    ...service ? { service: service.name } : {},
    summary: `${rollout.workload} rolled out ${minutesBefore(rollout.at, ctx.onset.at)}: ${rollout.summary}`,
    raw: {
      at: rollout.at,
      graph: common.graph,
      evidence: changeEvidence(common, newPodsFailing),
      novelty: common.novelty,
      prior: prior.value
    },
    evidence,
    signals: ["recent_deploy", ...common.signals]
  };
}
function eventCandidate(ctx, change, category, basePrior, writes) {
  const service = change.service ? ctx.graph.service(change.service) : void 0;
  const common = assessChange(ctx, service, change.at);
  const configMap = change.role === "config" ? configMapOf(ctx, change, writes) : void 0;
  const ref = configMap ?? `Change/${change.id}`;
  const namesIt = namedInNewLogs2(ctx, change, service);
  const prior = ctx.prior(category, ref, service?.name, basePrior);
  const what = `${change.kind} ${change.id}${change.service ? ` on ${change.service}` : ""}`;
  return {
    ref,
    category,
    ...service ? { service: service.name } : {},
    summary: `${configMap ? `${configMap} changed by ${what}` : what} ${minutesBefore(change.at, ctx.onset.at)}: ${change.summary}`,
    raw: {
      at: change.at,
      graph: change.service ? common.graph : graphPosition(void 0),
      evidence: changeEvidence(common, namesIt !== void 0),
      novelty: common.novelty,
      prior: prior.value
    },
    evidence: [
      {
        kind: configMap ? "config" : "change",
        at: iso2(change.at),
        summary: `${what}: ${change.summary}`,
        ref: `Change/${change.id}`
      },
      ...madeEvidence(writes, change.at),
      ...namesIt ? [namesIt] : [],
      ...common.evidence,
      ...prior.evidence ? [prior.evidence] : []
    ],
    signals: [category === "config" ? "recent_config_change" : "recent_change", ...common.signals]
  };
}
function configMapOf(ctx, change, writes) {
  const named = (ctx.facts.kube?.configMaps ?? []).filter((c) => namesConfigMap(change, c));
  if (named.length === 1) return configMapRef(named[0]);
  return !named.length && writes.length === 1 ? writes[0].ref : void 0;
}
function namedInNewLogs2(ctx, change, service) {
  if (!service?.workload) return void 0;
  const words = change.id.toLowerCase().split(/[-_.:/]/).filter((w) => w.length >= 5 && /^[a-z]+$/.test(w));
  const found = topNovel(ctx.facts.logs.get(service.workload), 20, change.at).find(
    (t) => words.some((w) => t.example.toLowerCase().includes(w))
  );
  return found && templateEvidence(found, service.workload);
}

// src/incidents/correlate/gather/alerts.ts
async function gatherAlerts(source, at) {
  const raw = source.alertmanager ? (await source.alertmanager.alerts({ active: true, silenced: true, inhibited: true })).map((a) => ({
    labels: a.labels,
    annotations: a.annotations,
    startsAt: Date.parse(a.startsAt)
  })) : (await source.prometheus.alerts()).filter((a) => a.state === "firing").map((a) => ({
    labels: a.labels,
    annotations: a.annotations,
    startsAt: Date.parse(a.activeAt ?? "")
  }));
  return raw.filter((a) => !(a.startsAt > at)).map((a) => ({
    name: a.labels.alertname ?? "(unnamed)",
    severity: a.labels.severity ?? "",
    labels: a.labels,
    summary: a.annotations.summary ?? a.annotations.description ?? "",
    startsAt: a.startsAt || at
  })).sort((a, b) => a.startsAt - b.startsAt || a.name.localeCompare(b.name));
}
function alertText(alert) {
  return [alert.name, ...Object.values(alert.labels), alert.summary].join(" ");
}

// src/incidents/correlate/candidates/nodes.ts
var PRIOR2 = 0.7;
var CONDITION_STRENGTH = {
  Ready: 1,
  NetworkUnavailable: 0.9,
  PIDPressure: 0.8,
  MemoryPressure: 0.8,
  DiskPressure: 0.8
};
var CONDITION_SIGNAL = {
  Ready: "node_not_ready",
  PIDPressure: "node_pid_pressure",
  MemoryPressure: "node_memory_pressure",
  DiskPressure: "node_disk_pressure"
};
function localization(pods, node, failing) {
  const failed = pods.filter(failing);
  const failingOn = failed.filter((p) => p.node === node);
  const healthyElsewhere = pods.filter((p) => p.node !== node && !failing(p)).length;
  const share = failed.length ? failingOn.length / failed.length * (healthyElsewhere > 0 ? 1 : 0.5) : 0;
  return { share, failingOn, healthyElsewhere };
}
function nodeCandidates(ctx) {
  return (ctx.facts.kube?.nodes ?? []).filter((n) => n.bad.length).map((node) => nodeCandidate(ctx, node));
}
function nodeCandidate(ctx, node) {
  const kube = ctx.facts.kube;
  const failing = (p) => isFailing(p, ctx.facts);
  const workloads = ctx.facts.scope.flatMap((service) => {
    const workload = workloadOf(service);
    if (!workload) return [];
    const pods = podsOf(kube, workload);
    return [{ service, workload: service.workload, pods, where: localization(pods, node.name, failing) }];
  });
  const weighted = workloads.map((w) => ({
    ...w,
    weight: graphPosition(ctx.graph.position(w.service.name))
  }));
  const best = weighted.sort((a, b) => b.where.share * b.weight - a.where.share * a.weight)[0];
  const graph = best ? best.where.share * best.weight : 0;
  const share = Math.max(0, ...workloads.map((w) => w.where.share));
  const strength = Math.max(...node.bad.map((c) => CONDITION_STRENGTH[c.type] ?? 0.5));
  const onNode = new Set(kube.pods.filter((p) => p.node === node.name).map((p) => p.name));
  const problems = workloads.flatMap(
    (w) => Object.entries(ctx.facts.logs.get(w.workload)?.novelProblemsByPod ?? {})
  );
  const total = problems.reduce((n, [, count2]) => n + count2, 0);
  const fromNode = problems.filter(([pod]) => onNode.has(pod)).reduce((n, [, count2]) => n + count2, 0);
  const alerts = ctx.facts.alerts.filter((a) => alertText(a).includes(node.name));
  const since = node.bad[0].since;
  const prior = ctx.prior("infrastructure", `Node/${node.name}`, void 0, PRIOR2);
  const conditions = node.bad.map((c) => `${c.type}=${c.status}`).join(", ");
  const located = workloads.filter((w) => w.where.failingOn.length);
  const evidence = [
    ...node.bad.map((c) => ({
      kind: "node",
      at: iso2(c.since),
      summary: `${node.name} ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ""}${c.message ? `: ${c.message}` : ""}`,
      ref: `Node/${node.name}`
    })),
    ...located.map((w) => ({
      kind: "topology",
      summary: `${w.where.failingOn.length} failing pod(s) of ${w.workload} run on ${node.name} (${w.where.failingOn.map((p) => p.name).join(", ")}); ${w.where.healthyElsewhere} healthy elsewhere`,
      ref: w.workload
    })),
    ...alerts.map((a) => ({
      kind: "alert",
      at: iso2(a.startsAt),
      summary: `${a.name} (${a.severity || "no severity"}) firing: ${a.summary}`
    })),
    ...located.flatMap(
      (w) => (ctx.facts.logs.get(w.workload)?.novel ?? []).filter((t) => (t.level === "error" || t.level === "warn") && t.pods.every((p) => onNode.has(p))).slice(0, 1).map((t) => templateEvidence(t, w.workload))
    ),
    ...prior.evidence ? [prior.evidence] : []
  ];
  return {
    ref: `Node/${node.name}`,
    category: "infrastructure",
    summary: `Node ${node.name} reports ${conditions} since ${minutesBefore(since, ctx.onset.at)}${located.length ? `; ${located.map((w) => `${Math.round(w.where.share * 100)}% of ${w.service.name}'s failure sits on it`).join(", ")}` : "; none of the failing pods in scope run on it"}`,
    raw: {
      at: since,
      graph,
      evidence: Math.min(1, strength * (0.3 + 0.7 * share) + (alerts.length ? 0.1 : 0)),
      novelty: total ? fromNode / total : 0,
      prior: prior.value
    },
    evidence,
    signals: node.bad.flatMap((c) => CONDITION_SIGNAL[c.type] ? [CONDITION_SIGNAL[c.type]] : [])
  };
}

// src/incidents/correlate/candidates/dependencies.ts
var DEPENDENCY_PRIOR = 0.7;
var EXTERNAL_PRIOR = 0.6;
var CALLER_ONLY_CAP = 0.5;
function dependencyCandidates(ctx) {
  return ctx.graph.upstream.flatMap(({ service, depth }) => {
    const candidate = workloadOf(service) ? inClusterCandidate(ctx, service, depth) : externalCandidate(ctx, service, depth);
    return candidate ? [candidate] : [];
  });
}
function callersView(ctx, service) {
  return ctx.facts.scope.filter((s) => s.dependsOn.includes(service.name)).map((caller) => {
    const mentions = dependencyMentions(service, wordsOf(caller.name, namespaceOf(caller)));
    return {
      caller,
      logs: mentionShare(caller.workload ? ctx.facts.logs.get(caller.workload) : void 0, mentions)
    };
  });
}
function dependencyMentions(service, ownWords) {
  const names = mentionsOf(service.name, ownWords);
  if (isDnsService(service.name, service.workload))
    return (text) => names(text) || speaksOfNameResolution(text);
  return (text) => names(text) && !speaksOfNameResolution(text);
}
function bestView(views) {
  return [...views].sort(
    (a, b) => b.logs.share - a.logs.share || a.caller.name.localeCompare(b.caller.name)
  )[0];
}
function inClusterCandidate(ctx, service, depth) {
  const degradation = ctx.degradation(service.name);
  if (degradation.strength < 0.1) return void 0;
  const workload = service.workload;
  const view = bestView(callersView(ctx, service));
  const explained = explanation(ctx, service, degradation.at);
  const prior = ctx.prior("dependency", workload, service.name, DEPENDENCY_PRIOR);
  const path = ctx.graph.pathTo(service.name);
  return {
    ref: workload,
    category: "dependency",
    service: service.name,
    summary: `${service.name}, which ${path.at(-2)} depends on, is in trouble since ${degradation.at !== void 0 ? minutesBefore(degradation.at, ctx.onset.at) : "an unknown time"}: ${degradation.evidence[0]?.summary ?? ""}${view?.logs.share ? `; ${Math.round(view.logs.share * 100)}% of ${view.caller.name}'s new errors name it` : ""}`,
    raw: {
      at: degradation.at,
      graph: graphPosition({ kind: "upstream", depth }),
      evidence: degradation.strength,
      novelty: view?.logs.share ?? 0,
      prior: prior.value,
      explained: explained?.strength ?? 0
    },
    evidence: [
      { kind: "topology", summary: `${path.join(" \u2192 ")}: ${service.name} is a dependency at depth ${depth}` },
      ...degradation.evidence.slice(0, 6),
      ...view ? view.logs.examples.map((t) => templateEvidence(t, view.caller.workload ?? view.caller.name)) : [],
      ...explained ? [explained.evidence] : [],
      ...prior.evidence ? [prior.evidence] : []
    ],
    signals: [...degradation.signals, ...view?.logs.timeouts ? ["upstream_timeouts"] : []]
  };
}
function explanation(ctx, service, since) {
  const surge = surgeExplainedByChange(ctx, service.name);
  if (surge) return surge;
  const kube = ctx.facts.kube;
  if (kube) {
    const pods = podsOf(kube, workloadOf(service));
    for (const node of kube.nodes.filter((n) => n.bad.length)) {
      const where = localization(pods, node.name, (p) => isFailing(p, ctx.facts));
      if (where.share >= 0.99)
        return {
          strength: 1,
          evidence: {
            kind: "node",
            at: iso2(node.bad[0].since),
            summary: `its failing pods run on ${node.name}, which reports ${node.bad.map((c) => c.type).join(", ")}; its pods elsewhere are healthy`,
            ref: `Node/${node.name}`
          }
        };
    }
  }
  if (since === void 0) return void 0;
  const changed = ownChange(ctx, service, since);
  if (changed)
    return {
      strength: 0.7,
      evidence: {
        kind: "change",
        at: iso2(changed.at),
        summary: `its trouble began right after ${changed.what}`
      }
    };
  for (const name of [...service.dependsOn].sort()) {
    const dep = ctx.graph.service(name);
    const deeper = dep && !workloadOf(dep) ? externalView(ctx, dep) : ctx.degradation(name);
    if (deeper.strength >= 0.5 && deeper.at !== void 0 && deeper.at <= since + ONSET_TOLERANCE_MS)
      return {
        strength: 0.7,
        evidence: {
          kind: "topology",
          at: iso2(deeper.at),
          summary: `its own dependency ${name} was in trouble first (${deeper.evidence[0]?.summary ?? "degraded"})`
        }
      };
  }
  return void 0;
}
function ownChange(ctx, service, since) {
  return [
    ...ctx.facts.rollouts.filter((r) => r.workload === service.workload).map((r) => ({ at: r.at, what: `the rollout of ${r.workload}` })),
    ...ctx.facts.changes.filter((c) => c.service === service.name && BEHAVIOUR_ROLES.has(c.role)).map((c) => ({ at: c.at, what: `${c.kind} Change/${c.id}` })),
    ...unrecordedWritesReadBy(ctx, service).map((w) => ({ at: w.at, what: `the data write of ${w.ref}` }))
  ].filter((c) => follows(since, c.at)).sort((a, b) => b.at - a.at || a.what.localeCompare(b.what))[0];
}
function externalView(ctx, service) {
  const views = callersView(ctx, service);
  const view = bestView(views);
  const { onset } = ctx;
  const own = dependencyMentions(
    service,
    views.flatMap((v) => wordsOf(v.caller.name, namespaceOf(v.caller)))
  );
  const metrics = callerMetrics(
    ctx,
    views.map((v) => v.caller),
    own,
    onset.at - DEPENDENCY_LEAD_MS
  );
  const alerts = ctx.facts.alerts.filter(
    (a) => own(alertText(a)) && !views.some((v) => a.labels.service === v.caller.name)
  );
  const statusPosts = ctx.facts.changes.filter((c) => c.role === "third_party" && c.service === service.name);
  const logStrength = view ? view.logs.share * (view.logs.timeouts ? 1 : 0.7) : 0;
  const callerSide = combine([logStrength * 0.9, metrics.length ? 0.5 : 0]);
  const independent = combine([alerts.length ? 0.6 : 0, statusPosts.length ? 0.6 : 0]);
  const strength = independent > 0 ? combine([callerSide, independent]) : Math.min(CALLER_ONLY_CAP, callerSide);
  const dated = [
    ...view?.logs.first !== void 0 ? [view.logs.first] : [],
    ...metrics.map((m) => m.at),
    ...statusPosts.filter((c) => c.at <= onset.at).map((c) => c.at),
    ...alerts.map((a) => a.startsAt)
  ];
  const evidence = [
    ...view ? view.logs.examples.map((t) => templateEvidence(t, view.caller.workload ?? view.caller.name)) : [],
    ...metrics.slice(0, 3).map((m) => m.evidence),
    ...alerts.map((a) => ({
      kind: "alert",
      at: iso2(a.startsAt),
      summary: `${a.name} (${a.severity || "no severity"}) firing: ${a.summary}`
    })),
    ...statusPosts.map((c) => ({
      kind: "change",
      at: iso2(c.at),
      summary: `${c.kind} ${c.id}: ${c.summary}`,
      ref: `Change/${c.id}`
    }))
  ];
  return {
    strength,
    ...dated.length ? { at: Math.min(...dated) } : {},
    views,
    ...view ? { view } : {},
    metrics,
    alerts,
    statusPosts,
    evidence
  };
}
function externalCandidate(ctx, service, depth) {
  const seen = externalView(ctx, service);
  if (seen.strength < 0.05) return void 0;
  const { view, views, at } = seen;
  const ref = `Service/${service.name}`;
  const prior = ctx.prior("external", ref, service.name, EXTERNAL_PRIOR);
  const callers = views.map((v) => v.caller.name).join(", ");
  const said = [
    ...view?.logs.share ? [
      `${Math.round(view.logs.share * 100)}% of ${view.caller.name}'s new errors name it${view.logs.timeouts ? " and speak of timeouts" : ""}`
    ] : [],
    ...seen.metrics.length ? [`${seen.metrics.length} metric(s) labelled with it moved`] : [],
    ...seen.alerts.length ? [`${seen.alerts.length} alert(s) name it`] : [],
    ...seen.statusPosts.length ? [`status: ${seen.statusPosts.at(-1).summary}`] : []
  ];
  return {
    ref,
    category: "external",
    service: service.name,
    summary: `${service.name} (${service.kind === "external" ? "external" : "no workload"}, called by ${callers}) is failing its callers${at !== void 0 ? ` since ${minutesBefore(at, ctx.onset.at)}` : ""}: ${said.join("; ")}`,
    raw: {
      at,
      graph: graphPosition({ kind: "upstream", depth }),
      evidence: seen.strength,
      novelty: view?.logs.share ?? 0,
      prior: prior.value
    },
    evidence: [
      {
        kind: "topology",
        summary: `${ctx.graph.pathTo(service.name).join(" \u2192 ")}: ${service.name} is outside the cluster`
      },
      ...seen.evidence,
      ...prior.evidence ? [prior.evidence] : []
    ],
    signals: [
      ...view?.logs.timeouts ? ["upstream_timeouts"] : [],
      ...seen.statusPosts.length ? ["third_party_status"] : [],
      ...views.flatMap(
        (v) => ctx.degradation(v.caller.name).signals.filter((s) => s === "high_error_rate" || s === "high_latency")
      )
    ]
  };
}
function callerMetrics(ctx, callers, mentions, from) {
  return callers.flatMap(
    (caller) => (ctx.facts.metrics.get(caller.name)?.series ?? []).filter(
      (s) => s.metric && mentions(s.metric) && s.shift?.direction === "up" && s.kind !== "neutral" && s.kind !== "traffic" && s.shift.at >= from && s.shift.at <= ctx.facts.window.at
    ).map((s) => ({
      at: s.shift.at,
      evidence: {
        kind: "metric",
        at: iso2(s.shift.at),
        summary: `${caller.name} ${s.signal} rose from ${format(s.shift.from)} to ${format(s.shift.to)}`
      }
    }))
  );
}

// src/incidents/correlate/gather/changes.ts
var ROLE_BY_WORD = [
  [/third.?party|status|outage|provider|vendor/, "third_party"],
  [/campaign|marketing|promo|traffic|launch/, "demand"],
  [/flag|toggle|experiment/, "flag"],
  [/gitops|sync|config|setting/, "config"],
  [/migration|schema/, "migration"],
  [/deploy|release|rollout/, "deploy"],
  [/infra|node|cluster|network|scal/, "infrastructure"]
];
function gatherChanges(reader, window) {
  return reader.list({ since: new Date(window.since), until: new Date(window.until), limit: MAX_CHANGE_LIMIT }).map(changeFacts).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}
function changeFacts(event) {
  const posted = typeof event.data?.kind === "string" ? event.data.kind : void 0;
  const kind = event.kind === "other" && posted ? posted : event.kind;
  return {
    id: event.id,
    at: Date.parse(event.at),
    role: roleOf(kind),
    kind,
    ...event.service ? { service: event.service } : {},
    ...event.namespace ? { namespace: event.namespace } : {},
    summary: event.summary
  };
}
function roleOf(kind) {
  const known = Object.hasOwn(CHANGE_TYPE, kind) ? CHANGE_TYPE[kind] : void 0;
  if (known && known !== "other") return known;
  const lower = kind.toLowerCase();
  return ROLE_BY_WORD.find(([words]) => words.test(lower))?.[1] ?? "other";
}

// tools/kubernetes/log-lines.ts
var TIMESTAMPED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) (.*)$/;
function* timestampedLines(text, source) {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    start = end + 1;
    if (!raw) continue;
    const m = TIMESTAMPED.exec(raw);
    yield m ? { time: m[1], text: m[2], ...source ? { source } : {} } : { text: raw, ...source ? { source } : {} };
  }
}
function* mergeByTime(streams) {
  const heads = streams.map((s) => s[Symbol.iterator]());
  const current = heads.map((it) => it.next());
  for (; ; ) {
    let pick = -1;
    for (let i = 0; i < current.length; i++) {
      const c = current[i];
      if (c.done) continue;
      if (pick < 0 || String(c.value.time ?? "") < String(current[pick].value.time ?? ""))
        pick = i;
    }
    if (pick < 0) return;
    yield current[pick].value;
    current[pick] = heads[pick].next();
  }
}

// src/incidents/correlate/gather/logs.ts
var BASELINE_BYTES = 192 * 1024;
var FOCUS_BYTES = 384 * 1024;
var MAX_TEMPLATES2 = 2e3;
var MAX_EXAMPLE = 300;
var MAX_TEMPLATE = 400;
var LEAD_MS = 5 * 6e4;
var SHORT_LEAD_MS = 3e4;
async function gatherWorkloadLogs(kube, workload, pods, window, maxPods) {
  const sampled = [...pods].sort((a, b) => Number(isTroubled(b)) - Number(isTroubled(a)) || a.name.localeCompare(b.name)).slice(0, maxPods);
  const templates = /* @__PURE__ */ new Map();
  let earliest = Number.POSITIVE_INFINITY;
  for (const pod of sampled) {
    const [head, recent] = await Promise.all([
      readLog(kube, pod, window.now - window.since, BASELINE_BYTES),
      readLog(kube, pod, window.now - window.focusStart, FOCUS_BYTES)
    ]);
    const take = (text, from, to) => {
      for (const line of timestampedLines(text)) {
        const t = line.time instanceof Date ? line.time.getTime() : line.time ? Date.parse(line.time) : Number.NaN;
        if (!(t >= from && t < to) || t > window.until) continue;
        const parsed = parseLine(line.text);
        if (/^\s/.test(parsed.message) || !parsed.message) continue;
        earliest = Math.min(earliest, t);
        const template = templateOf(parsed.message).slice(0, MAX_TEMPLATE);
        const seen = templates.get(template);
        if (seen) {
          seen.count++;
          seen.first = Math.min(seen.first, t);
          seen.last = Math.max(seen.last, t);
          seen.byPod.set(pod.name, (seen.byPod.get(pod.name) ?? 0) + 1);
        } else if (templates.size < MAX_TEMPLATES2) {
          templates.set(template, {
            template,
            level: parsed.level,
            example: withoutPrefix(parsed.message).slice(0, MAX_EXAMPLE),
            count: 1,
            first: t,
            last: t,
            pods: [],
            byPod: /* @__PURE__ */ new Map([[pod.name, 1]])
          });
        }
      }
    };
    take(head, window.since, window.focusStart);
    take(recent, window.focusStart, Number.POSITIVE_INFINITY);
  }
  const cut = earliest < window.onset - LEAD_MS ? window.onset - LEAD_MS : window.onset - SHORT_LEAD_MS;
  const novel = [...templates.values()].filter((t) => t.first >= cut).map(({ byPod, ...t }) => ({ ...t, pods: [...byPod.keys()].sort() })).sort((a, b) => b.count - a.count || a.template.localeCompare(b.template));
  const novelProblemsByPod = Object.fromEntries(sampled.map((p) => [p.name, 0]));
  for (const t of templates.values()) {
    if (t.first < cut || t.level !== "error" && t.level !== "warn") continue;
    for (const [pod, count2] of t.byPod) novelProblemsByPod[pod] = (novelProblemsByPod[pod] ?? 0) + count2;
  }
  return {
    workload,
    pods: sampled.map((p) => p.name),
    hasBaseline: earliest < cut,
    novel,
    novelProblemsByPod
  };
}
var PREFIX = /^(?:\[?\d{4}-\d{2}-\d{2}[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?\]?\s+)?(?:(?:TRACE|DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|FATAL|CRITICAL)\s+)?/;
function withoutPrefix(message) {
  return message.replace(PREFIX, "");
}
function isTroubled(pod) {
  return !pod.ready || pod.problem !== void 0 || pod.restarts > 0;
}
async function readLog(kube, pod, backMs, limitBytes) {
  if (!pod.firstContainer || backMs <= 0) return "";
  try {
    return await kube.podLog({
      namespace: pod.namespace,
      pod: pod.name,
      container: pod.firstContainer,
      sinceSeconds: Math.max(1, Math.ceil(backMs / 1e3)),
      limitBytes
    });
  } catch {
    return "";
  }
}

// src/incidents/correlate/gather/metrics.ts
var STEP_SECONDS = 30;
var MAX_CUSTOM_METRICS = 24;
var MAX_SERIES_PER_METRIC = 12;
var PARALLEL2 = 6;
var STANDARD = /* @__PURE__ */ new Set([
  "http_requests_total",
  "http_request_duration_seconds_bucket",
  "http_request_duration_seconds_sum",
  "http_request_duration_seconds_count",
  "container_cpu_usage_seconds_total",
  "container_memory_working_set_bytes",
  "container_spec_memory_limit_bytes",
  "kube_pod_container_status_restarts_total",
  "kube_deployment_status_replicas_available",
  "up",
  "ALERTS",
  "ALERTS_FOR_STATE"
]);
var GOLDEN_SHIFTS = {
  errorRatio: { kind: "error", minAbsolute: 0.01, minRelative: 1 },
  latencyP99: { kind: "latency", minAbsolute: 0.05, minRelative: 0.5 },
  traffic: { kind: "traffic", minRelative: 0.3 },
  saturation: { kind: "saturation", minAbsolute: 0.1 },
  cpu: { kind: "saturation", minRelative: 0.3 },
  memory: { kind: "saturation", minAbsolute: 0.1 }
};
var CUSTOM_SHIFT = { minRelative: 0.5 };
async function gatherServiceMetrics(prometheus2, service, window) {
  const queries = queriesFor(service);
  const rangeMs = Math.min(window.until - window.since, prometheus2.limits.maxRangeMs);
  const start = new Date(window.until - rangeMs);
  const end = new Date(window.until);
  const step = chooseStep(rangeMs, prometheus2.limits.maxPoints, STEP_SECONDS);
  const problems = [];
  const range = async (query) => {
    try {
      return await prometheus2.rangeQuery(query, start, end, step);
    } catch (err) {
      problems.push(err.message);
      return [];
    }
  };
  const golden = ["errorRatio", "latencyP99", "traffic", "saturation"].flatMap((signal) => {
    const query = queries[signal];
    return query ? [{ signal, query }] : [];
  });
  const [goldenResults, cpu, memory, restarts, custom] = await Promise.all([
    inBatches(golden, ({ query }) => range(query)),
    queries.cpuByPod ? range(queries.cpuByPod) : Promise.resolve([]),
    queries.memoryByPod ? range(queries.memoryByPod) : Promise.resolve([]),
    queries.restartsByPod ? range(queries.restartsByPod) : Promise.resolve([]),
    customSeries(prometheus2, service, start, end, step, problems)
  ]);
  const cpuByPod = podSeries(cpu);
  const memoryByPod = podSeries(memory);
  const series = [
    ...golden.flatMap(({ signal }, i) => {
      const points = toPoints(goldenResults[i]?.[0]?.samples);
      return points.length ? [withShift({ signal, kind: GOLDEN_SHIFTS[signal].kind, labels: {}, points }, window)] : [];
    }),
    ...cpuByPod.length ? [withShift(resource("cpu", cpuByPod), window)] : [],
    ...memoryByPod.length ? [withShift(resource("memory", memoryByPod), window)] : [],
    ...custom.map((s) => withShift(s, window))
  ];
  return {
    service: service.name,
    series,
    cpuByPod,
    memoryByPod,
    restartsByPod: podSeries(restarts),
    problems
  };
}
function resource(signal, pods) {
  return { signal, kind: "saturation", labels: {}, points: pointwiseMax(pods.map((p) => p.points)) };
}
function withShift(series, window) {
  const options = GOLDEN_SHIFTS[series.signal] ?? CUSTOM_SHIFT;
  const shift = detectShift(series.points, { ...options, baselineEnd: window.baselineEnd });
  return shift ? { ...series, shift } : series;
}
function toPoints(samples) {
  return (samples ?? []).filter((s) => Number.isFinite(s.v)).map((s) => ({ t: s.t, v: s.v }));
}
function podSeries(result) {
  return result.filter((r) => r.labels.pod).map((r) => ({
    pod: r.labels.pod,
    ...r.labels.container ? { container: r.labels.container } : {},
    points: toPoints(r.samples)
  })).sort((a, b) => `${a.pod}/${a.container ?? ""}`.localeCompare(`${b.pod}/${b.container ?? ""}`));
}
function customSeriesQuery(name, service) {
  const sel = `${name}{service=${JSON.stringify(service)}}`;
  if (name.endsWith("_bucket"))
    return `histogram_quantile(0.99, sum without (pod, instance, container) (rate(${sel}[2m])))`;
  return /_(total|count|sum)$/.test(name) ? `sum without (pod, instance, container) (rate(${sel}[2m]))` : `max without (pod, container) (${sel})`;
}
async function customSeries(prometheus2, service, start, end, step, problems) {
  const namespace = namespaceOf(service);
  const selector = `{service=${JSON.stringify(service.name)}}`;
  let found;
  try {
    found = await prometheus2.series([selector], start, end);
  } catch (err) {
    problems.push(err.message);
    return [];
  }
  const names = [
    ...new Set(
      found.filter((labels) => !namespace || !labels.namespace || labels.namespace === namespace).map((labels) => labels.__name__ ?? "").filter((name) => name && !STANDARD.has(name))
    )
  ].sort();
  const histograms = new Set(names.filter((n) => n.endsWith("_bucket")).map((n) => n.slice(0, -7)));
  const metrics = names.filter((n) => !/_(sum|count)$/.test(n) || !histograms.has(n.replace(/_(sum|count)$/, ""))).slice(0, MAX_CUSTOM_METRICS);
  const results = await inBatches(metrics, async (name) => {
    const query = customSeriesQuery(name, service.name);
    try {
      return await prometheus2.rangeQuery(query, start, end, step);
    } catch (err) {
      problems.push(err.message);
      return [];
    }
  });
  return metrics.flatMap((name, i) => {
    const metric = name.replace(/_bucket$/, "");
    return (results[i] ?? []).filter((r) => !namespace || !r.labels.namespace || r.labels.namespace === namespace).map((r) => ({ labels: describedLabels(r.labels), points: toPoints(r.samples) })).filter((r) => r.points.length).sort((a, b) => labelText(a.labels).localeCompare(labelText(b.labels))).slice(0, MAX_SERIES_PER_METRIC).map(
      (r) => ({
        signal: `${metric}${labelText(r.labels)}`,
        kind: signalKind(metric, r.labels),
        metric: `${metric} ${Object.values(r.labels).join(" ")}`,
        labels: r.labels,
        points: r.points
      })
    );
  });
}
function describedLabels(labels) {
  const { __name__: _name, service: _service, namespace: _namespace, job: _job, ...rest } = labels;
  return rest;
}
function labelText(labels) {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${v}"`).join(",")}}` : "";
}
async function inBatches(items, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += PARALLEL2)
    out.push(...await Promise.all(items.slice(i, i + PARALLEL2).map(fn)));
  return out;
}

// src/incidents/correlate/gather/rollouts.ts
async function gatherRollouts(kube, window) {
  const range = { since: new Date(window.since), until: new Date(window.until) };
  const [deployments, revisions] = await Promise.all([
    resolveDeployments(kube, {}).then((found) => rolloutEntries(kube, found, {}, range)),
    kube.list({ kind: "ControllerRevision" })
  ]);
  const fromDeployments = deployments.map(
    (entry) => ({
      workload: entry.target,
      at: Date.parse(entry.time),
      kind: entry.change.type === "deploy" ? "created" : kindOf(entry.change.type),
      summary: entry.change.summary
    })
  );
  const fromControllerRevisions = revisions.items.flatMap((cr) => {
    const owner = cr.metadata.ownerReferences?.find((o) => o.controller !== false);
    const at = Date.parse(cr.metadata.creationTimestamp);
    const revision = Number(cr.revision ?? 0);
    if (!owner || revision <= 1 || at < window.since || at > window.until) return [];
    const cause = cr.metadata.annotations?.["kubernetes.io/change-cause"];
    return [
      {
        workload: `${owner.kind}/${cr.metadata.namespace ?? ""}/${owner.name}`,
        at,
        kind: "other",
        summary: `revision ${revision} (${cr.metadata.name})${cause ? `; change-cause: ${cause}` : ""}`
      }
    ];
  });
  return [...fromDeployments, ...fromControllerRevisions].sort(
    (a, b) => a.at - b.at || a.workload.localeCompare(b.workload)
  );
}
function kindOf(type) {
  return type === "image" || type === "config" || type === "rollback" || type === "restart" ? type : "other";
}

// src/incidents/correlate/gather/index.ts
var NOT_CONFIGURED = "not configured";
async function gatherFacts(backends, catalog, graph, window) {
  const scope = [graph.symptomatic, ...graph.upstream.map((u) => u.service)];
  const namespacesOf = (services) => services.flatMap((s) => {
    const namespace = namespaceOf(s);
    return namespace ? [namespace] : [];
  });
  const kubeScope = {
    namespaces: namespacesOf(scope),
    configNamespaces: namespacesOf([...catalog, graph.symptomatic])
  };
  const range = { since: window.since, until: window.at };
  const signals = [];
  const attempt = async (source, configured, fn, statusOf = () => "ok") => {
    if (!configured) {
      signals.push({ source, status: NOT_CONFIGURED });
      return void 0;
    }
    try {
      const value = await fn();
      signals.push({ source, status: statusOf(value) });
      return value;
    } catch (err) {
      signals.push({ source, status: `failed: ${err.message}` });
      return void 0;
    }
  };
  const { kubernetes: kubernetes2, prometheus: prometheus2, alertmanager: alertmanager2, changes } = backends;
  const [kube, rollouts, changeFacts2, alerts, metrics] = await Promise.all([
    attempt("kubernetes", Boolean(kubernetes2), () => gatherKube(kubernetes2, range, kubeScope)),
    attempt("kubernetes rollouts", Boolean(kubernetes2), () => gatherRollouts(kubernetes2, range)),
    attempt("changes", Boolean(changes), async () => gatherChanges(changes, range)),
    attempt(
      alertmanager2 ? "alertmanager" : "prometheus alerts",
      Boolean(alertmanager2 ?? prometheus2),
      () => gatherAlerts({ alertmanager: alertmanager2, prometheus: prometheus2 }, window.at)
    ),
    attempt(
      "prometheus",
      Boolean(prometheus2),
      async () => {
        const found = await inBatches(
          scope,
          (service) => gatherServiceMetrics(prometheus2, service, {
            since: window.since,
            until: window.at,
            baselineEnd: window.baselineEnd
          })
        );
        const problems = found.flatMap((m) => m.problems);
        if (problems.length && found.every((m) => !m.series.length)) throw new Error(problems[0]);
        return { byService: new Map(found.map((m) => [m.service, m])), problems };
      },
      ({ problems }) => problems.length ? `partial: ${problems.length} queries failed, the first with: ${problems[0]}` : "ok"
    )
  ]);
  signals.push({
    source: "cloudwatch",
    status: backends.cloudwatch ? "not read: the catalog links no log groups to services" : NOT_CONFIGURED
  });
  return {
    window,
    graph,
    scope,
    ...kube ? { kube } : {},
    rollouts: rollouts ?? [],
    changes: changeFacts2 ?? [],
    alerts: alerts ?? [],
    metrics: metrics?.byService ?? /* @__PURE__ */ new Map(),
    logs: /* @__PURE__ */ new Map(),
    signals: signals.sort((a, b) => a.source.localeCompare(b.source))
  };
}
async function gatherLogs(backends, facts, onset, targets) {
  const kubernetes2 = backends.kubernetes;
  const kube = facts.kube;
  if (!kubernetes2 || !kube) return;
  const logWindow = {
    since: facts.window.since,
    onset,
    focusStart: onset - 6 * 6e4,
    until: facts.window.at,
    now: facts.window.now
  };
  const found = await inBatches(targets, ({ workload, maxPods }) => {
    const pods = kube.pods.filter((p) => p.workload === workload);
    return gatherWorkloadLogs(kubernetes2, workload, pods, logWindow, maxPods);
  });
  for (const logs of found) facts.logs.set(logs.workload, logs);
  facts.signals.push({
    source: "kubernetes logs",
    status: `ok (${found.reduce((n, l) => n + l.pods.length, 0)} pods of ${found.length} workloads sampled)`
  });
  facts.signals.sort((a, b) => a.source.localeCompare(b.source));
}

// src/incidents/correlate/graph.ts
var MAX_DEPTH = 3;
function serviceGraph(catalog, symptomatic) {
  const byName = new Map(catalog.map((s) => [s.name, s]));
  byName.set(symptomatic.name, symptomatic);
  const depth = /* @__PURE__ */ new Map([[symptomatic.name, 0]]);
  const parent = /* @__PURE__ */ new Map();
  let frontier = [symptomatic.name];
  for (let d = 1; d <= MAX_DEPTH && frontier.length; d++) {
    const next = [];
    for (const name of frontier) {
      for (const dep of [...byName.get(name)?.dependsOn ?? []].sort()) {
        if (depth.has(dep) || !byName.has(dep)) continue;
        depth.set(dep, d);
        parent.set(dep, name);
        next.push(dep);
      }
    }
    frontier = next.sort();
  }
  const callers = /* @__PURE__ */ new Set();
  const stack = [symptomatic.name];
  while (stack.length) {
    const target = stack.pop();
    for (const s of catalog) {
      if (s.dependsOn.includes(target) && !callers.has(s.name) && s.name !== symptomatic.name) {
        callers.add(s.name);
        stack.push(s.name);
      }
    }
  }
  const upstream = [...depth.entries()].filter(([, d]) => d > 0).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([name, d]) => ({ service: byName.get(name), depth: d }));
  return {
    symptomatic,
    service: (name) => byName.get(name),
    upstream,
    position(name) {
      const d = depth.get(name);
      if (d === 0) return { kind: "self" };
      if (d !== void 0) return { kind: "upstream", depth: d };
      return callers.has(name) ? { kind: "downstream" } : { kind: "unrelated" };
    },
    dependenciesOf: (name) => byName.get(name)?.dependsOn ?? [],
    pathTo(name) {
      if (!depth.has(name)) return [];
      const path = [name];
      while (parent.has(path[0])) path.unshift(parent.get(path[0]));
      return path;
    }
  };
}

// src/incidents/correlate/rank.ts
var MAX_HYPOTHESES = 10;
var MAX_EVIDENCE = 12;
var MAX_RUNBOOKS = 3;
function rankHypotheses(candidates, onset, runbooks) {
  const byRef = /* @__PURE__ */ new Map();
  for (const candidate of candidates) {
    const scored = { candidate, score: scoreOf(candidate.raw, onset) };
    byRef.set(candidate.ref, [...byRef.get(candidate.ref) ?? [], scored]);
  }
  const merged = [...byRef.values()].map((readings) => {
    const sorted = readings.sort(
      (a, b) => b.score.total - a.score.total || a.candidate.category.localeCompare(b.candidate.category)
    );
    const best = sorted[0];
    const others = sorted.slice(1);
    const signals = [...new Set(sorted.flatMap((r) => r.candidate.signals))].sort();
    return {
      best,
      evidence: mergeEvidence([
        ...best.candidate.evidence,
        ...others.map(
          (o) => ({
            kind: "topology",
            summary: `also read as ${o.candidate.category} (score ${o.score.total}): ${o.candidate.summary}`
          })
        ),
        ...others.flatMap((o) => o.candidate.evidence)
      ]),
      signals
    };
  });
  const incidentSignals = [...new Set(merged.flatMap((m) => m.signals))].sort();
  return merged.filter((m) => m.best.score.total > 0).sort(
    (a, b) => b.best.score.total - a.best.score.total || a.best.candidate.ref.localeCompare(b.best.candidate.ref)
  ).slice(0, MAX_HYPOTHESES).map((m, index) => ({
    rank: index + 1,
    category: m.best.candidate.category,
    ref: m.best.candidate.ref,
    summary: m.best.candidate.summary,
    confidence: confidenceOf(m.best.score.total),
    score: m.best.score,
    evidence: m.evidence,
    suggestedRunbooks: suggestRunbooks(m.best.candidate.category, incidentSignals, runbooks)
  }));
}
function mergeEvidence(items) {
  const seen = /* @__PURE__ */ new Set();
  return items.filter((e) => {
    const key = `${e.kind}|${e.summary}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, MAX_EVIDENCE);
}
function suggestRunbooks(category, signals, runbooks) {
  const shown = new Set(signals);
  return runbooks.filter((r) => r.matches.categories.includes(category)).map((r) => ({
    name: r.name,
    overlap: r.matches.signals.filter((s) => shown.has(s)).length,
    any: !r.matches.signals.length
  })).filter((r) => r.overlap > 0 || r.any).sort((a, b) => b.overlap - a.overlap || a.name.localeCompare(b.name)).slice(0, MAX_RUNBOOKS).map((r) => r.name);
}

// src/incidents/correlate/timeline.ts
var MAX_ENTRIES = 60;
var NOVEL_PER_WORKLOAD = 3;
function buildTimeline(facts, onset) {
  const { since, at } = facts.window;
  const entries = [
    ...facts.rollouts.map((r) => ({
      t: r.at,
      kind: "rollout",
      summary: `${r.workload} ${r.summary}`,
      ref: r.workload
    })),
    ...facts.changes.map((c) => ({
      t: c.at,
      kind: "change",
      summary: `${c.kind}${c.service ? ` on ${c.service}` : ""}: ${c.summary}`,
      ref: `Change/${c.id}`
    })),
    ...(facts.kube?.configMaps ?? []).flatMap(
      (c) => c.dataWrite ? [
        {
          t: c.dataWrite.at,
          kind: "config",
          summary: `${configMapRef(c)} data written by ${c.dataWrite.manager || "an unnamed manager"}`,
          ref: configMapRef(c)
        }
      ] : []
    ),
    ...(facts.kube?.nodes ?? []).flatMap(
      (n) => n.bad.map((c) => ({
        t: c.since,
        kind: "node",
        summary: `${n.name} ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ""}`,
        ref: `Node/${n.name}`
      }))
    ),
    ...(facts.kube?.events ?? []).filter((e) => e.type === "Warning").map((e) => ({
      t: e.first >= since ? e.first : e.at,
      kind: "event",
      summary: `${e.reason} ${e.object.kind} ${e.object.namespace ? `${e.object.namespace}/` : ""}${e.object.name}: ${e.message}${e.count > 1 ? ` (\xD7${e.count})` : ""}`
    })),
    ...facts.scope.flatMap(
      (service) => (facts.metrics.get(service.name)?.series ?? []).filter((s) => s.shift).map((s) => ({
        t: s.shift.at,
        kind: "metric",
        summary: `${service.name} ${s.signal} ${s.shift.direction === "up" ? "rose" : "fell"} from ${format(s.shift.from)} to ${format(s.shift.to)}`
      }))
    ),
    ...[...facts.logs.values()].flatMap(
      (logs) => logs.novel.filter((t) => t.level === "error" || t.level === "warn").slice(0, NOVEL_PER_WORKLOAD).map((t) => ({
        t: t.first,
        kind: "log",
        summary: `new in ${logs.workload}: ${t.example}`,
        ref: logs.workload
      }))
    ),
    ...facts.alerts.map((a) => ({
      t: a.startsAt,
      kind: "alert",
      summary: `${a.name} (${a.severity || "no severity"}) fired: ${a.summary}`
    })),
    {
      t: onset.at,
      kind: "onset",
      summary: `${facts.graph.symptomatic.name} degraded: ${onset.signal}${onset.from !== void 0 ? ` ${format(onset.from)} \u2192 ${format(onset.to)}` : ""}`
    }
  ];
  const kept = entries.filter((e) => e.t >= since && e.t <= at).sort((a, b) => a.t - b.t || a.kind.localeCompare(b.kind) || a.summary.localeCompare(b.summary));
  return kept.slice(-MAX_ENTRIES).map(({ t, ...entry }) => ({ at: iso2(t), ...entry }));
}

// src/incidents/correlate/index.ts
var DEFAULT_LOOKBACK_MS = 2 * 36e5;
var BASELINE_FRACTION = 0.4;
async function correlate(req, deps) {
  const lookbackMs2 = req.lookbackMs ?? DEFAULT_LOOKBACK_MS;
  const now = deps.clock.now().getTime();
  const at = Math.min(req.at.getTime(), now);
  const since = at - lookbackMs2;
  const { service, known } = symptomaticService(req, deps);
  const graph = serviceGraph(deps.catalog, service);
  const facts = await gatherFacts(deps.backends, deps.catalog, graph, {
    since,
    at,
    now,
    baselineEnd: since + BASELINE_FRACTION * lookbackMs2
  });
  const onset = findOnset(facts, service);
  const ctx = createContext(facts, onset, deps.catalog, deps.priors);
  await gatherLogs(deps.backends, facts, onset.at, logTargets(ctx));
  const candidates = [
    ...changeCandidates(ctx),
    ...configWriteCandidates(ctx),
    ...capacityCandidates(ctx),
    ...nodeCandidates(ctx),
    ...dependencyCandidates(ctx)
  ];
  const signals = known ? facts.signals : [
    { source: "catalog", status: `no service "${req.service}" in the catalog: no dependencies known` },
    ...facts.signals
  ];
  return {
    request: {
      service: req.service,
      ...req.namespace ? { namespace: req.namespace } : {},
      at: iso2(at),
      lookbackMs: lookbackMs2
    },
    ...onset.from !== void 0 && onset.to !== void 0 ? { onset: { at: iso2(onset.at), signal: onset.signal, from: round(onset.from), to: round(onset.to) } } : {},
    hypotheses: rankHypotheses(candidates, onset.at, deps.runbooks ?? []),
    timeline: buildTimeline(facts, onset),
    signals
  };
}
var SYMPTOMATIC_PODS = 6;
var DEPENDENCY_PODS = 3;
var DEGRADED = 0.3;
function logTargets(ctx) {
  const changed = /* @__PURE__ */ new Set([
    ...ctx.facts.rollouts.map((r) => ctx.serviceOfWorkload(r.workload)?.name),
    ...ctx.facts.changes.map((c) => c.service),
    ...configWrites(ctx).map((w) => w.service?.name)
  ]);
  return ctx.facts.scope.flatMap((service, index) => {
    if (!service.workload) return [];
    if (index === 0) return [{ workload: service.workload, maxPods: SYMPTOMATIC_PODS }];
    const worthIt = ctx.degradation(service.name).strength >= DEGRADED || changed.has(service.name);
    return worthIt ? [{ workload: service.workload, maxPods: DEPENDENCY_PODS }] : [];
  });
}
function symptomaticService(req, deps) {
  const found = deps.catalog.find(
    (s) => s.name === req.service && (!req.namespace || namespaceOf(s) === req.namespace)
  );
  if (found) return { service: found, known: true };
  return {
    service: { name: req.service, ...req.namespace ? { namespace: req.namespace } : {}, dependsOn: [] },
    known: false
  };
}

// src/incidents/priors.ts
var DEFAULT_PRIOR_WINDOW_MS = 90 * 864e5;
var RECURRENCE_STEP = 0.25;
var RECURRENCE_MAX = 1.5;
var RESOLVED_RUN = 1.1;
var UNSUCCESSFUL_RUN = 0.95;
var RUNBOOK_MIN = 0.7;
var RUNBOOK_MAX = 1.5;
var INCIDENTS_NAMED = 3;
var CORRELATION_NOTE = /^correlation: most likely (\S+) (\S+) \(confidence /;
function historyPriors(backends, asOf, opts = {}) {
  const window = {
    since: new Date(asOf.getTime() - (opts.windowMs ?? DEFAULT_PRIOR_WINDOW_MS)),
    until: asOf
  };
  const { incidents, audit, runbooks } = backends;
  const recurrence2 = incidents ? recurrenceOpinions(incidents, window) : /* @__PURE__ */ new Map();
  const runs = audit && runbooks ? runbookOpinions(
    audit,
    window,
    backends.catalog ?? [],
    (name) => runbooks.get(name)?.matches.categories
  ) : /* @__PURE__ */ new Map();
  if (recurrence2.size === 0 && runs.size === 0) return void 0;
  return {
    weigh(query) {
      const opinions = [
        recurrence2.get(blameKey(query.category, query.ref)),
        query.service ? runs.get(runKey(query.service, query.category)) : void 0
      ].filter((o) => o !== void 0);
      if (opinions.length === 0) return void 0;
      const weight2 = opinions.reduce((w, o) => w * o.weight, 1);
      return {
        weight: round32(Math.min(2, Math.max(0, weight2))),
        why: opinions.map((o) => o.why).join("; ")
      };
    }
  };
}
var blameKey = (category, ref) => `${category} ${ref}`;
var runKey = (service, category) => `${service} ${category}`;
function recurrenceOpinions(store, window) {
  const blamed = /* @__PURE__ */ new Map();
  const resolved = store.list({ status: "resolved", since: window.since, limit: MAX_INCIDENT_LIMIT }).filter((i) => i.resolvedAt && Date.parse(i.resolvedAt) < window.until.getTime());
  for (const incident of resolved) {
    const note = store.timeline(incident.id).filter((e) => e.by === SYSTEM_PRINCIPAL).map((e) => CORRELATION_NOTE.exec(e.summary)).filter((m) => m !== null).at(-1);
    if (!note) continue;
    const key = blameKey(note[1], note[2]);
    blamed.set(key, [...blamed.get(key) ?? [], incident.id]);
  }
  return new Map([...blamed].map(([key, ids]) => [key, recurrenceOpinion(ids)]));
}
function recurrenceOpinion(ids) {
  const named = ids.slice(0, INCIDENTS_NAMED).join(", ");
  const more = ids.length > INCIDENTS_NAMED ? ` and ${ids.length - INCIDENTS_NAMED} more` : "";
  return {
    weight: Math.min(RECURRENCE_MAX, 1 + RECURRENCE_STEP * ids.length),
    why: `blamed in ${named}${more} (resolved)`
  };
}
function runbookOpinions(audit, window, catalog, categoriesOf) {
  const started = new Map(
    audit.query({ ...window, type: "runbook.started" }).map((r) => [String(r.data.execution), r])
  );
  const record = /* @__PURE__ */ new Map();
  for (const finished of audit.query({ ...window, type: "runbook.finished" })) {
    const outcome = finished.data.outcome;
    const counted = outcome === "resolved" || outcome === "failed" || outcome === "escalate";
    if (!counted || finished.data.dryRun === true) continue;
    const start = started.get(String(finished.data.execution));
    const runbook = runbookName2(finished);
    const categories = runbook ? categoriesOf(runbook) : void 0;
    if (!start || !runbook || !categories) continue;
    for (const service of servicesOfRun(start, catalog))
      for (const category of categories) {
        const key = runKey(service, category);
        const entry = record.get(key) ?? { service, byRunbook: /* @__PURE__ */ new Map() };
        const counts2 = entry.byRunbook.get(runbook) ?? { resolved: 0, unsuccessful: 0 };
        if (outcome === "resolved") counts2.resolved++;
        else counts2.unsuccessful++;
        entry.byRunbook.set(runbook, counts2);
        record.set(key, entry);
      }
  }
  return new Map(
    [...record].map(([key, { service, byRunbook }]) => [key, runbookOpinion(service, byRunbook)])
  );
}
function runbookOpinion(service, byRunbook) {
  const runbooks = [...byRunbook].sort(([a], [b]) => a.localeCompare(b));
  const weight2 = runbooks.reduce(
    (w, [, c]) => w * RESOLVED_RUN ** c.resolved * UNSUCCESSFUL_RUN ** c.unsuccessful,
    1
  );
  const told = runbooks.map(([name, c]) => {
    const outcomes = [
      c.resolved ? `${c.resolved} resolved` : "",
      c.unsuccessful ? `${c.unsuccessful} failed or escalated` : ""
    ];
    return `runbook ${name} on ${service}: ${outcomes.filter(Boolean).join(", ")}`;
  });
  return { weight: Math.min(RUNBOOK_MAX, Math.max(RUNBOOK_MIN, weight2)), why: told.join("; ") };
}
function runbookName2(record) {
  const name = record.data.runbook?.name;
  return typeof name === "string" ? name : void 0;
}
function servicesOfRun(start, catalog) {
  const params = start.data.params ?? {};
  const services = /* @__PURE__ */ new Set();
  if (typeof params.service === "string") services.add(params.service);
  const parts = String(start.data.target ?? "").split("/");
  if (parts[0] === "runbook") return services;
  const name = parts.at(-1);
  if (!name) return services;
  const namespaceFirst = parts.length === 2 && !/^[A-Z]/.test(parts[0]);
  const namespace = parts.length === 3 ? parts[1] : namespaceFirst ? parts[0] : typeof params.namespace === "string" ? params.namespace : void 0;
  const named = catalog.filter((s) => targetsService(s, name, namespace));
  for (const service of named) services.add(service.name);
  if (named.length === 0 && !catalog.some((s) => s.name === name)) services.add(name);
  return services;
}
function targetsService(service, name, namespace) {
  if (name !== service.name && name !== workloadOf(service)?.name) return false;
  const own = namespaceOf(service);
  return !namespace || !own || namespace === own;
}
function round32(n) {
  return Math.round(n * 1e3) / 1e3;
}

// src/incidents/symptom.ts
var SEVERITY_RANK = {
  critical: 4,
  page: 4,
  error: 3,
  high: 3,
  warning: 2,
  warn: 2,
  info: 1
};
function mostAlarming(symptoms) {
  return symptoms.toSorted(
    (a, b) => (SEVERITY_RANK[b.severity ?? ""] ?? 0) - (SEVERITY_RANK[a.severity ?? ""] ?? 0) || a.startsAt - b.startsAt || a.service.localeCompare(b.service) || a.alertname.localeCompare(b.alertname)
  )[0];
}

// src/incidents/correlate-deps.ts
function correlationDeps(backends, clock, historyUntil) {
  const priors = historyPriors(backends, historyUntil ?? clock.now());
  return {
    backends,
    catalog: backends.catalog ?? [],
    clock,
    runbooks: (backends.runbooks?.list() ?? []).map((r) => ({ name: r.name, matches: r.matches })),
    ...priors ? { priors } : {}
  };
}
function correlationRequestFor(incident, now) {
  const symptom = mostAlarming(
    incident.alerts.flatMap(
      (a) => a.service && a.status === "firing" ? [{ ...a, service: a.service, startsAt: Date.parse(a.startsAt), alert: a }] : []
    )
  )?.alert;
  const service = symptom?.service ?? incident.service ?? incident.services[0];
  if (!service)
    throw new Error(
      `incident ${incident.id} names no service (its alerts carry no service label); correlate by service and at instead`
    );
  const namespace = symptom?.namespace ?? incident.namespace;
  const ended = [incident.mitigatedAt, incident.resolvedAt].flatMap((t) => t ? [Date.parse(t)] : []);
  return {
    service,
    ...namespace ? { namespace } : {},
    at: new Date(Math.min(now.getTime(), ...ended))
  };
}

// src/incidents/postmortem/format.ts
function formatDuration2(ms2) {
  const total = Math.max(0, Math.round(ms2 / 1e3));
  const d = Math.floor(total / 86400);
  const h = Math.floor(total % 86400 / 3600);
  const m = Math.floor(total % 3600 / 60);
  const s = total % 60;
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`, s && `${s}s`].filter(Boolean).slice(0, 2);
  return parts.length ? parts.join(" ") : "0s";
}
function formatTime(at) {
  return `${new Date(at).toISOString().slice(0, 19).replace("T", " ")}Z`;
}
function between(from, to) {
  return formatDuration2(Date.parse(to) - Date.parse(from));
}
function cell(text, max = 200) {
  const flat = text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
  return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}
function percent(fraction) {
  return `${Math.round(fraction * 100)}%`;
}

// tools/incidents/common.ts
var KIND_SET = {
  alert: true,
  "alert.resolved": true,
  status: true,
  note: true,
  change: true,
  action: true,
  approval: true,
  runbook: true,
  correlation: true
};
var TIMELINE_KINDS = Object.keys(KIND_SET);
function incidentStore(backends) {
  if (!backends.incidents) throw new Error("incidents are not available on this server");
  return backends.incidents;
}
function requireIncident(backends, id) {
  const incident = incidentStore(backends).get(id);
  if (!incident) throw new Error(`no incident with id ${id}; incident_list shows the ids`);
  return incident;
}
var incidentIdArg = external_exports.string().regex(/^INC-\d{4}-\d{2}-\d{2}-\d{3,}$/, "an incident id such as INC-2026-05-12-001");
var statusArg = external_exports.enum(INCIDENT_STATUSES);
async function incidentTarget(backends, id) {
  const incident = backends.incidents?.get(id);
  const environment = incident?.namespace && backends.kubernetes ? await namespaceEnvironment(backends.kubernetes, void 0, incident.namespace) : void 0;
  return {
    kind: "Incident",
    name: id,
    ...incident?.namespace ? { namespace: incident.namespace } : {},
    ...incident?.service ? { service: incident.service } : {},
    ...environment ? { environment } : {}
  };
}
var incidentRowSchema = external_exports.object({
  id: external_exports.string(),
  title: external_exports.string(),
  status: statusArg,
  severity: external_exports.enum(["critical", "major", "minor"]),
  service: external_exports.string().optional(),
  namespace: external_exports.string().optional(),
  services: external_exports.array(external_exports.string()).describe("Every service with an alert in the incident"),
  detectedAt: external_exports.string(),
  resolvedAt: external_exports.string().optional(),
  duration: external_exports.string().describe("Detection to resolution, or to now while not resolved"),
  alerts: external_exports.object({ total: external_exports.number(), firing: external_exports.number() })
});
function incidentRow(incident, now) {
  const end = incident.resolvedAt ? Date.parse(incident.resolvedAt) : now.getTime();
  return {
    id: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    ...incident.service ? { service: incident.service } : {},
    ...incident.namespace ? { namespace: incident.namespace } : {},
    services: incident.services,
    detectedAt: incident.detectedAt,
    ...incident.resolvedAt ? { resolvedAt: incident.resolvedAt } : {},
    duration: formatDuration2(end - Date.parse(incident.detectedAt)),
    alerts: {
      total: incident.alerts.length,
      firing: incident.alerts.filter((a) => a.status === "firing").length
    }
  };
}
var timelineEntrySchema = external_exports.object({
  at: external_exports.string(),
  kind: external_exports.enum(TIMELINE_KINDS),
  summary: external_exports.string().describe("Untrusted where it quotes alerts, logs or notes"),
  ref: external_exports.string().optional(),
  by: external_exports.string().optional()
});

// tools/incidents/incident_correlate.ts
var EVIDENCE_SHOWN = 6;
var TIMELINE_SHOWN = 30;
var NOTE_PREFIX = "correlation: ";
var NAME3 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var evidenceSchema = external_exports.object({
  kind: external_exports.string(),
  at: external_exports.string().optional(),
  summary: external_exports.string().describe("Quotes logs and events"),
  ref: external_exports.string().optional(),
  value: external_exports.unknown().optional()
});
var incident_correlate_default = defineTool({
  name: "incident_correlate",
  title: "Incidents: Correlate",
  description: "Likely causes of an incident, or of a service degrading at a time, ranked with confidence, evidence and runbooks. Next: runbook_plan.",
  kind: "read",
  untrusted: ["$.hypotheses[*].summary", "$.hypotheses[*].evidence[*].summary", "$.timeline[*].summary"],
  input: external_exports.object({
    incident: incidentIdArg.optional(),
    service: external_exports.string().regex(NAME3, "a service name such as checkout").optional().describe("Or this service"),
    namespace: external_exports.string().regex(NAME3, "a namespace name").optional(),
    at: external_exports.string().optional().describe("With service: e.g. 10m"),
    lookback: external_exports.string().default("2h"),
    hypotheses: external_exports.number().int().min(1).max(10).default(5)
  }).strict(),
  output: external_exports.object({
    request: external_exports.object({
      service: external_exports.string(),
      namespace: external_exports.string().optional(),
      at: external_exports.string(),
      lookbackMs: external_exports.number()
    }),
    incident: external_exports.string().optional(),
    onset: external_exports.object({ at: external_exports.string(), signal: external_exports.string(), from: external_exports.number(), to: external_exports.number() }).optional().describe("When the service degraded: the first sustained change in its errors or latency"),
    hypotheses: external_exports.array(
      external_exports.object({
        rank: external_exports.number(),
        category: external_exports.enum(ROOT_CAUSE_CATEGORIES),
        ref: external_exports.string(),
        summary: external_exports.string(),
        confidence: external_exports.number().describe("0..1"),
        score: external_exports.object({ total: external_exports.number(), parts: external_exports.record(external_exports.string(), external_exports.number()) }),
        evidence: external_exports.array(evidenceSchema),
        evidenceOmitted: external_exports.number().optional(),
        suggestedRunbooks: external_exports.array(external_exports.string())
      })
    ),
    timeline: external_exports.array(
      external_exports.object({ at: external_exports.string(), kind: external_exports.string(), summary: external_exports.string(), ref: external_exports.string().optional() })
    ),
    timelineOmitted: external_exports.number().optional().describe("Earlier timeline entries not shown"),
    signals: external_exports.array(external_exports.object({ source: external_exports.string(), status: external_exports.string() })),
    next: external_exports.string()
  }),
  target: (args, ctx) => args.incident ? incidentTarget(ctx.backends, args.incident) : {
    kind: "Service",
    ...args.service ? { name: args.service, service: args.service } : {},
    ...args.namespace ? { namespace: args.namespace } : {}
  },
  handler: async (ctx, args) => {
    const incident = args.incident ? requireIncident(ctx.backends, args.incident) : void 0;
    const request = { ...requestFor(args, incident, ctx.clock.now()), lookbackMs: lookbackMs(args.lookback) };
    const historyUntil = incident ? new Date(incident.detectedAt) : void 0;
    const correlation = await correlate(request, correlationDeps(ctx.backends, ctx.clock, historyUntil));
    if (incident) noteTopHypothesis(incidentStore(ctx.backends), incident, correlation);
    const hypotheses = correlation.hypotheses.slice(0, args.hypotheses).map((h) => ({
      ...h,
      evidence: h.evidence.slice(0, EVIDENCE_SHOWN),
      ...h.evidence.length > EVIDENCE_SHOWN ? { evidenceOmitted: h.evidence.length - EVIDENCE_SHOWN } : {}
    }));
    const timeline = correlation.timeline.slice(-TIMELINE_SHOWN);
    return {
      request: correlation.request,
      ...incident ? { incident: incident.id } : {},
      ...correlation.onset ? { onset: correlation.onset } : {},
      hypotheses,
      timeline,
      ...correlation.timeline.length > timeline.length ? { timelineOmitted: correlation.timeline.length - timeline.length } : {},
      signals: correlation.signals,
      next: nextStep(correlation)
    };
  }
});
function requestFor(args, incident, now) {
  if (incident) {
    if (args.service || args.namespace || args.at)
      throw new Error("give either incident, or service (with namespace and at): not both");
    return correlationRequestFor(incident, now);
  }
  if (!args.service) throw new Error("give incident (an incident id), or service (with at) to correlate");
  let at = now;
  try {
    if (args.at) at = parseSince(args.at, now);
  } catch (err) {
    throw new Error(`at: ${err.message}`);
  }
  return { service: args.service, ...args.namespace ? { namespace: args.namespace } : {}, at };
}
function lookbackMs(text) {
  try {
    return parseDuration(text);
  } catch (err) {
    throw new Error(`lookback: ${err.message}`);
  }
}
function noteTopHypothesis(store, incident, correlation) {
  const top = correlation.hypotheses[0];
  if (!top) return;
  const text = `${NOTE_PREFIX}most likely ${top.category} ${top.ref} (confidence ${Math.round(top.confidence * 100)}%): ${top.summary}`;
  const last = store.timeline(incident.id).filter((e) => e.by === SYSTEM_PRINCIPAL && e.summary.includes(NOTE_PREFIX)).at(-1);
  if (!last?.summary.includes(text)) store.note(incident.id, text, SYSTEM_PRINCIPAL);
}
function nextStep(correlation) {
  const top = correlation.hypotheses[0];
  if (!top)
    return "No candidate cause found in the window: widen lookback, check the signals list for sources that could not be read, or look at logs (k8s_pod_logs) directly.";
  const runbook = top.suggestedRunbooks[0];
  return runbook ? `Confirm the evidence for ${top.ref}, then runbook_plan {"runbook": "${runbook}"} to see what it would do and what the policy would decide.` : `Confirm the evidence for ${top.ref} (deploys_history, k8s_rollout_history, k8s_pod_logs); no runbook fits, so a fix is a manual change through the gate (dry run first).`;
}

// tools/incidents/incident_get.ts
var RECENT_ENTRIES = 10;
var ALERTS_PER_SERVICE = 20;
var alertSchema2 = external_exports.object({
  fingerprint: external_exports.string(),
  alertname: external_exports.string(),
  severity: external_exports.string(),
  status: external_exports.enum(["firing", "resolved"]),
  startsAt: external_exports.string(),
  endsAt: external_exports.string().optional(),
  summary: external_exports.string().optional().describe("The alert annotation"),
  explainedBy: external_exports.object({ fingerprint: external_exports.string(), alertname: external_exports.string(), service: external_exports.string().optional() }).optional().describe("A dependency's alert that explains this one")
});
var incident_get_default = defineTool({
  name: "incident_get",
  title: "Incidents: Get",
  description: "One incident: alerts by service (explainedBy: their cause), context gathered at open, latest timeline. Next: incident_correlate.",
  kind: "read",
  untrusted: [
    "$.incident.title",
    "$.alerts[*].alerts[*].summary",
    "$.context.recentDeployments[*].summary",
    "$.recent[*].summary"
  ],
  input: external_exports.object({ incident: incidentIdArg }).strict(),
  output: external_exports.object({
    incident: incidentRowSchema.extend({
      openedAt: external_exports.string(),
      mitigatedAt: external_exports.string().optional()
    }),
    alerts: external_exports.array(
      external_exports.object({
        service: external_exports.string().describe("The service label, or (none)"),
        alerts: external_exports.array(alertSchema2),
        omitted: external_exports.number().optional().describe("Alerts of this service not shown")
      })
    ),
    context: external_exports.object({
      gatheredAt: external_exports.string().optional(),
      recentDeployments: external_exports.array(external_exports.object({ at: external_exports.string(), ref: external_exports.string(), summary: external_exports.string() })),
      metricSpike: external_exports.object({
        signal: external_exports.string(),
        service: external_exports.string(),
        from: external_exports.number(),
        to: external_exports.number(),
        summary: external_exports.string(),
        onset: external_exports.string().optional()
      }).optional(),
      downstreamImpact: external_exports.array(external_exports.string()),
      gaps: external_exports.array(external_exports.string())
    }),
    recent: external_exports.array(timelineEntrySchema).describe(`The latest ${RECENT_ENTRIES} timeline entries, newest first`),
    next: external_exports.string()
  }),
  target: (args, ctx) => incidentTarget(ctx.backends, args.incident),
  handler: async (ctx, args) => {
    const incident = requireIncident(ctx.backends, args.incident);
    const timeline = incidentStore(ctx.backends).timeline(incident.id);
    return {
      incident: {
        ...incidentRow(incident, ctx.clock.now()),
        openedAt: incident.openedAt,
        ...incident.mitigatedAt ? { mitigatedAt: incident.mitigatedAt } : {}
      },
      alerts: groupAlerts(incident),
      context: incident.context,
      recent: timeline.slice(-RECENT_ENTRIES).reverse(),
      next: incident.status === "resolved" ? `Resolved. postmortem_draft {"incident": "${incident.id}"} drafts the postmortem.` : `incident_correlate {"incident": "${incident.id}"} ranks likely causes with evidence and suggested runbooks.`
    };
  }
});
function groupAlerts(incident) {
  const byFingerprint = new Map(incident.alerts.map((a) => [a.fingerprint, a]));
  const groups = /* @__PURE__ */ new Map();
  for (const alert of incident.alerts) {
    const key = alert.service ?? "(none)";
    groups.set(key, [...groups.get(key) ?? [], alert]);
  }
  return [...groups].map(([service, alerts]) => ({
    service,
    alerts: alerts.slice(0, ALERTS_PER_SERVICE).map((a) => {
      const cause = a.explainedBy ? byFingerprint.get(a.explainedBy) : void 0;
      return {
        fingerprint: a.fingerprint,
        alertname: a.alertname,
        severity: a.severity,
        status: a.status,
        startsAt: a.startsAt,
        ...a.endsAt ? { endsAt: a.endsAt } : {},
        ...a.annotations.summary ? { summary: a.annotations.summary } : {},
        ...a.explainedBy ? {
          explainedBy: {
            fingerprint: a.explainedBy,
            alertname: cause?.alertname ?? "unknown",
            ...cause?.service ? { service: cause.service } : {}
          }
        } : {}
      };
    }),
    ...alerts.length > ALERTS_PER_SERVICE ? { omitted: alerts.length - ALERTS_PER_SERVICE } : {}
  }));
}

// tools/incidents/incident_list.ts
var incident_list_default = defineTool({
  name: "incident_list",
  title: "Incidents: List",
  description: "Incidents from firing alerts, newest first: id, title, status, severity, service, duration. Next: incident_get.",
  kind: "read",
  untrusted: ["$.incidents[*].title"],
  input: external_exports.object({
    status: statusArg.optional(),
    service: external_exports.string().min(1).optional(),
    since: external_exports.string().default("7d").describe("e.g. 24h"),
    limit: external_exports.number().int().min(1).max(100).default(20)
  }).strict(),
  output: external_exports.object({
    incidents: external_exports.array(incidentRowSchema),
    more: external_exports.boolean().describe("More incidents match than were returned"),
    hint: external_exports.string().optional()
  }),
  target: (args) => ({ kind: "Incident", ...args.service ? { service: args.service } : {} }),
  handler: async (ctx, args) => {
    const now = ctx.clock.now();
    let since;
    try {
      since = parseSince(args.since, now);
    } catch (err) {
      throw new Error(`since: ${err.message}`);
    }
    const found = incidentStore(ctx.backends).list({
      ...args.status ? { status: args.status } : {},
      ...args.service ? { service: args.service } : {},
      since,
      limit: args.limit + 1
    });
    const more = found.length > args.limit;
    const incidents = found.slice(0, args.limit).map((i) => incidentRow(i, now));
    const filters = [args.status, args.service && `service ${args.service}`].filter(Boolean).join(", ");
    const hint = more ? `More incidents match; raise limit (max 100) or narrow with status, service or since.` : incidents.length ? void 0 : `No incidents${filters ? ` (${filters})` : ""} detected since ${args.since}; widen since (e.g. 30d)${filters ? " or drop a filter" : ""}. Firing alerts not yet posted to opswarden: am_alerts_list.`;
    return { incidents, more, ...hint ? { hint } : {} };
  }
});

// tools/incidents/incident_note.ts
var incident_note_default = defineTool({
  name: "incident_note",
  title: "Incidents: Add note",
  description: "Add a note (findings, decisions, hand-over) to an incident's timeline, as you; permanent.",
  kind: "mutate",
  untrusted: ["$.entry.summary"],
  annotations: { destructive: false, idempotent: false },
  input: external_exports.object({
    incident: incidentIdArg,
    text: external_exports.string().trim().min(1).max(4e3),
    ...mutateArgs
  }).strict(),
  output: external_exports.object({
    incident: external_exports.string(),
    dryRun: external_exports.boolean(),
    entry: timelineEntrySchema.describe("The entry added (or, in a dry run, that would be added)")
  }),
  target: (args, ctx) => incidentTarget(ctx.backends, args.incident),
  impact: () => ({ pods: 0, fractionOfService: 0 }),
  handler: async (ctx, args) => {
    const incident = requireIncident(ctx.backends, args.incident);
    const entry = args.dryRun ? { at: ctx.clock.now().toISOString(), kind: "note", summary: args.text, by: ctx.principal.id } : incidentStore(ctx.backends).note(incident.id, args.text, ctx.principal.id);
    return { incident: incident.id, dryRun: args.dryRun, entry };
  }
});

// tools/incidents/incident_timeline.ts
var incident_timeline_default = defineTool({
  name: "incident_timeline",
  title: "Incidents: Timeline",
  description: "An incident's timeline: alerts, status changes, notes, changes, actions, approvals, runbook runs, correlations.",
  kind: "read",
  untrusted: ["$.entries[*].summary"],
  input: external_exports.object({
    incident: incidentIdArg,
    order: external_exports.enum(["newest", "oldest"]).default("newest"),
    kinds: external_exports.array(external_exports.enum(TIMELINE_KINDS)).min(1).optional(),
    since: external_exports.string().optional().describe("e.g. 2h"),
    limit: external_exports.number().int().min(1).max(500).default(50)
  }).strict(),
  output: external_exports.object({
    incident: external_exports.string(),
    order: external_exports.enum(["newest", "oldest"]),
    total: external_exports.number().describe("Entries matching the filters"),
    entries: external_exports.array(timelineEntrySchema),
    hint: external_exports.string().optional()
  }),
  target: (args, ctx) => incidentTarget(ctx.backends, args.incident),
  handler: async (ctx, args) => {
    const incident = requireIncident(ctx.backends, args.incident);
    let since;
    try {
      since = args.since ? parseSince(args.since, ctx.clock.now()).getTime() : void 0;
    } catch (err) {
      throw new Error(`since: ${err.message}`);
    }
    const kinds2 = args.kinds && new Set(args.kinds);
    const matching = incidentStore(ctx.backends).timeline(incident.id).filter((e) => (!kinds2 || kinds2.has(e.kind)) && (since === void 0 || Date.parse(e.at) >= since)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const ordered = args.order === "newest" ? matching.reverse() : matching;
    const entries = ordered.slice(0, args.limit);
    const hint = matching.length > entries.length ? `${matching.length - entries.length} ${args.order === "newest" ? "older" : "newer"} entries not shown; raise limit, filter by kinds, or ${args.order === "newest" ? "set since" : "use order newest"}.` : entries.length ? void 0 : "No entries match; drop kinds or since.";
    return {
      incident: incident.id,
      order: args.order,
      total: matching.length,
      entries,
      ...hint ? { hint } : {}
    };
  }
});

// tools/incidents/incident_update_status.ts
var incident_update_status_default = defineTool({
  name: "incident_update_status",
  title: "Incidents: Update status",
  description: "Set an incident mitigated (impact stopped), resolved or open again; the reason goes in its timeline.",
  kind: "mutate",
  untrusted: ["$.incident.title"],
  annotations: { destructive: false, idempotent: true },
  input: external_exports.object({
    incident: incidentIdArg,
    status: statusArg,
    ...mutateArgs
  }).strict(),
  output: external_exports.object({
    incident: incidentRowSchema,
    from: statusArg,
    to: statusArg,
    dryRun: external_exports.boolean(),
    message: external_exports.string()
  }),
  target: (args, ctx) => incidentTarget(ctx.backends, args.incident),
  impact: () => ({ pods: 0, fractionOfService: 0, reversible: true }),
  handler: async (ctx, args) => {
    const before = requireIncident(ctx.backends, args.incident);
    checkTransition(before, args.status);
    const after = args.dryRun ? before : incidentStore(ctx.backends).setStatus(before.id, args.status, ctx.principal.id, args.reason);
    const next = args.status === "resolved" && !args.dryRun ? `; postmortem_draft {"incident": "${before.id}"} drafts the postmortem` : "";
    return {
      incident: incidentRow(after, ctx.clock.now()),
      from: before.status,
      to: args.status,
      dryRun: args.dryRun,
      message: `${args.dryRun ? "would set" : "set"} ${before.id} ${before.status} \u2192 ${args.status}${next}`
    };
  }
});

// tools/incidents/ops_kpis.ts
var ratio3 = external_exports.number().nullable().describe("0..1; null when there is nothing to divide by");
var seconds2 = external_exports.number().nullable().describe("Seconds; null when there is no data");
var ops_kpis_default = defineTool({
  name: "ops_kpis",
  title: "Ops: KPIs",
  description: "On-call KPIs over a window: MTTA, MTTR, false action rate, approval latency and acceptance, recurrence, runbook success.",
  kind: "read",
  input: external_exports.object({
    window: external_exports.string().default("7d").describe("e.g. 7d")
  }).strict(),
  output: external_exports.object({
    window: external_exports.object({ since: external_exports.string(), until: external_exports.string() }),
    incidents: external_exports.object({ total: external_exports.number(), open: external_exports.number(), mitigated: external_exports.number(), resolved: external_exports.number() }),
    mttaSeconds: seconds2,
    mttrSeconds: seconds2,
    actions: external_exports.object({
      executed: external_exports.number(),
      false: external_exports.number(),
      falseRatio: ratio3,
      examples: external_exports.array(
        external_exports.object({ callId: external_exports.string(), tool: external_exports.string(), ref: external_exports.string(), at: external_exports.string(), why: external_exports.string() })
      )
    }),
    approvals: external_exports.object({
      requested: external_exports.number(),
      granted: external_exports.number(),
      rejected: external_exports.number(),
      expired: external_exports.number(),
      pending: external_exports.number(),
      acceptanceRatio: ratio3.describe("granted / (granted + rejected + expired)"),
      latencySeconds: external_exports.object({ median: seconds2, p90: seconds2 })
    }),
    recurrence: external_exports.object({
      recurring: external_exports.number(),
      ratio: ratio3,
      examples: external_exports.array(external_exports.object({ incident: external_exports.string(), why: external_exports.string() }))
    }),
    runbooks: external_exports.object({
      finished: external_exports.number(),
      resolved: external_exports.number(),
      successRatio: ratio3,
      byRunbook: external_exports.array(external_exports.object({ name: external_exports.string(), finished: external_exports.number(), resolved: external_exports.number() }))
    })
  }),
  target: () => ({ kind: "Incident" }),
  handler: async (ctx, args) => {
    let windowMs;
    try {
      windowMs = parseDuration(args.window);
    } catch (err) {
      throw new Error(`window: ${err.message}`);
    }
    const until = ctx.clock.now();
    return readKpis(ctx.backends, { since: new Date(until.getTime() - windowMs), until });
  }
});

// src/incidents/postmortem/fix.ts
var MAX_FIX_ACTIONS = 5;
function whatFixedIt(incident, trail) {
  const recoveredAt = recoveryTime(incident);
  const wrong = new Map(falseActions(trail).map((f) => [f.callId, f]));
  const before = (at) => !recoveredAt || Date.parse(at) <= Date.parse(recoveredAt);
  const run = trail.runs.filter((r) => r.outcome === "resolved" && before(r.startedAt)).at(-1);
  const helped = trail.actions.filter(
    (a) => a.outcome === "executed" && !wrong.has(a.callId) && (run ? a.runbook?.execution === run.execution : before(a.at))
  );
  return {
    ...recoveredAt ? { recoveredAt } : {},
    ...run ? { run } : {},
    actions: helped.slice(-MAX_FIX_ACTIONS),
    didNotHelp: trail.actions.flatMap((action) => {
      const f = wrong.get(action.callId);
      return f ? [{ ...f, action }] : [];
    })
  };
}
function recoveryTime(incident) {
  const alerts = incident.alerts;
  if (alerts.length && alerts.every((a) => a.status === "resolved" && a.endsAt)) {
    return alerts.map((a) => a.endsAt).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
  }
  return incident.mitigatedAt ?? incident.resolvedAt;
}

// src/incidents/postmortem/improve.ts
var SLOW_APPROVAL_MS = 5 * 6e4;
var SLOW_RESPONSE_MS = 15 * 6e4;
var CHANGE_CATEGORIES = /* @__PURE__ */ new Set(["deploy", "config"]);
function improvements(input2) {
  return [
    ...fromCause(input2),
    ...fromApprovals(input2.trail),
    ...input2.fix.didNotHelp.map(
      (f) => `${f.tool} on ${f.ref} did not help (${f.why}): note what pointed to it, so the next responder checks that first.`
    ),
    ...fromExplainedAlerts(input2.incident),
    ...fromRunbooks(input2),
    ...input2.firstResponseMs !== void 0 && input2.firstResponseMs > SLOW_RESPONSE_MS ? [
      `The first response came ${formatDuration2(input2.firstResponseMs)} after detection: check the page reached someone (routing, escalation policy).`
    ] : [],
    ...input2.incident.status !== "resolved" ? [
      `The incident is still ${input2.incident.status}: resolve it with incident_update_status once it is over.`
    ] : [],
    ...input2.incident.context.gaps.map(
      (gap) => `Context could not be gathered (${gap}): fix that source so the next incident starts with it.`
    )
  ];
}
function fromCause({ correlation }) {
  const top = correlation?.hypotheses[0];
  if (!top)
    return [
      "No cause was identified from the signals: record the cause the team found, and the signal that would have shown it."
    ];
  if (!CHANGE_CATEGORIES.has(top.category)) return [];
  const onset = correlation.onset;
  const signal = onset ? ` a check of ${onset.signal} after each change (it moved from ${onset.from} to ${onset.to})` : " a post-change check";
  return [
    `The cause was a ${top.category} change (${top.ref}): gate such changes with a canary and${signal}.`
  ];
}
function fromApprovals(trail) {
  const items = [];
  const slow = trail.approvals.filter((a) => a.decidedAt && Date.parse(a.decidedAt) - Date.parse(a.requestedAt) > SLOW_APPROVAL_MS).map((a) => `${a.tool} (${between(a.requestedAt, a.decidedAt)})`);
  if (slow.length)
    items.push(
      `Approvals were slow: ${slow.join(", ")}. Check the approvers were reachable, or pre-approve this runbook's changes for this kind of incident.`
    );
  const refused = trail.approvals.filter((a) => a.status === "rejected" || a.status === "expired");
  if (refused.length)
    items.push(
      `${refused.length} approval request(s) were ${[...new Set(refused.map((a) => a.status))].join(" or ")} (${refused.map((a) => a.tool).join(", ")}): record why, so the agent proposes the accepted fix first.`
    );
  return items;
}
function fromExplainedAlerts(incident) {
  const byFingerprint = new Map(incident.alerts.map((a) => [a.fingerprint, a]));
  const echoes = incident.alerts.filter((a) => a.explainedBy);
  if (!echoes.length) return [];
  const causes = [
    ...new Set(echoes.map((a) => byFingerprint.get(a.explainedBy)?.alertname ?? a.explainedBy))
  ];
  return [
    `${echoes.length} alert(s) (${[...new Set(echoes.map((a) => a.alertname))].join(", ")}) only echoed ${causes.join(", ")} on a dependency: an Alertmanager inhibition rule would page once, for the cause.`
  ];
}
function fromRunbooks({ trail, fix, correlation, runbooks, incident }) {
  if (fix.run) return [];
  const ended = trail.runs.filter((r) => r.outcome && r.outcome !== "resolved");
  if (ended.length)
    return ended.map(
      (r) => `Runbook ${r.runbook} ended ${r.outcome}${r.decidedBy ? ` at step ${r.decidedBy}` : ""}: review its steps against what fixed the incident.`
    );
  const top = correlation?.hypotheses[0];
  const fitting = top?.suggestedRunbooks.length ? top.suggestedRunbooks : runbooks.filter((r) => top && r.matches.categories.includes(top.category)).map((r) => r.name);
  if (fitting.length)
    return [
      `Runbook(s) ${fitting.join(", ")} fit this cause but none ran: suggest them earlier (they appear in incident_correlate).`
    ];
  const what = top ? `${top.category} causes` : "this incident";
  return [
    `No runbook covers ${what} on ${incident.service ?? "this service"}: write one from the steps that fixed it.`
  ];
}

// src/incidents/postmortem/timeline.ts
var FROM_TRAIL = /* @__PURE__ */ new Set(["action", "approval", "runbook"]);
var ORDER = { alert: 0, change: 1, runbook: 2, approval: 3, action: 4 };
function postmortemTimeline(timeline, trail) {
  const own = timeline.filter((e) => !FROM_TRAIL.has(e.kind)).map((e) => ({ at: e.at, kind: e.kind, what: e.summary, ...e.by ? { by: e.by } : {} }));
  const approvals = new Set(trail.actions.flatMap((a) => a.approval ? [a.approval.id] : []));
  const events = [
    ...own,
    ...trail.approvals.flatMap((a) => approvalEvents(a, approvals.has(a.id))),
    ...trail.actions.map(actionEvent),
    ...trail.runs.flatMap(runEvents)
  ];
  return events.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || (ORDER[a.kind] ?? 9) - (ORDER[b.kind] ?? 9)
  );
}
function describeAction(a) {
  const what = `${a.tool} ${a.ref}`;
  const args = changedArgs(a);
  return a.outcome === "executed" ? `${what}${args ? ` (${args})` : ""} executed` : `${what} failed: ${a.error ?? "no error recorded"}`;
}
function actionEvent(a) {
  const approved = a.approval?.decidedBy ? `, approved by ${a.approval.decidedBy}` : "";
  const step = a.runbook ? ` [runbook ${a.runbook.name} step ${a.runbook.step}]` : "";
  return { at: a.at, kind: "action", what: `${describeAction(a)}${approved}${step}`, by: a.by };
}
function approvalEvents(a, ran) {
  const rules = a.rules.length ? ` (rules: ${a.rules.join(", ")})` : "";
  const events = [
    {
      at: a.requestedAt,
      kind: "approval",
      what: `approval ${a.id} requested for ${a.tool}${rules}`,
      by: a.requester
    }
  ];
  if (a.decidedAt) {
    const after = ` ${between(a.requestedAt, a.decidedAt)} after the request`;
    const unused = a.status === "granted" && !ran ? "; the change did not run" : "";
    events.push({
      at: a.decidedAt,
      kind: "approval",
      what: `approval ${a.id} ${a.status}${after}${a.comment ? `: ${a.comment}` : ""}${unused}`,
      ...a.decidedBy ? { by: a.decidedBy } : {}
    });
  }
  return events;
}
function runEvents(r) {
  const events = [
    {
      at: r.startedAt,
      kind: "runbook",
      what: `runbook ${r.runbook} started (${r.execution}) on ${r.target}: ${r.reason}`,
      by: r.by
    },
    ...r.steps.filter((s) => s.kind === "check").map((s) => ({
      at: s.at,
      kind: "runbook",
      what: `runbook ${r.runbook} check ${s.step}: ${s.outcome}${s.message ? ` (${s.message})` : ""}`
    }))
  ];
  if (r.endedAt && r.outcome) {
    const at = r.decidedBy ? ` at step ${r.decidedBy}` : "";
    events.push({
      at: r.endedAt,
      kind: "runbook",
      what: `runbook ${r.runbook} ended ${r.outcome}${at}${r.message && r.outcome !== "resolved" ? `: ${r.message}` : ""}`
    });
  }
  return events;
}
function changedArgs(a) {
  const data = a.args.data;
  if (data && typeof data === "object")
    return Object.entries(data).map(([k, v]) => `${k}=${v === null ? "(removed)" : String(v)}`).join(", ");
  if (typeof a.args.replicas === "number") return `replicas=${a.args.replicas}`;
  return "";
}

// src/incidents/postmortem/index.ts
var TIMELINE_HEAD = 10;
var TIMELINE_TAIL = 30;
var EVIDENCE_SHOWN2 = 6;
var OTHER_HYPOTHESES = 2;
function buildPostmortem(input2) {
  const { incident, trail, correlation } = input2;
  const fix = whatFixedIt(incident, trail);
  const firstResponse = firstResponseMs(incident, input2.timeline, trail);
  const improve = improvements({
    incident,
    trail,
    fix,
    runbooks: input2.runbooks,
    ...correlation ? { correlation } : {},
    ...firstResponse !== void 0 ? { firstResponseMs: firstResponse } : {}
  });
  const end = incident.resolvedAt ?? fix.recoveredAt;
  const top = correlation?.hypotheses[0];
  const facts = {
    incident: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    detectedAt: incident.detectedAt,
    ...fix.recoveredAt ? { recoveredAt: fix.recoveredAt } : {},
    ...incident.resolvedAt ? { resolvedAt: incident.resolvedAt } : {},
    durationSeconds: end ? Math.round((Date.parse(end) - Date.parse(incident.detectedAt)) / 1e3) : null,
    firstResponseSeconds: firstResponse === void 0 ? null : Math.round(firstResponse / 1e3),
    ...top ? {
      rootCause: {
        category: top.category,
        ref: top.ref,
        summary: top.summary,
        confidence: top.confidence
      }
    } : {},
    ...fix.run ? {
      runbook: {
        name: fix.run.runbook,
        execution: fix.run.execution,
        outcome: fix.run.outcome ?? "running",
        ...fix.run.decidedBy ? { decidedBy: fix.run.decidedBy } : {}
      }
    } : {},
    fixedBy: fix.actions.map((a) => ({
      tool: a.tool,
      ref: a.ref,
      at: a.at,
      by: a.by,
      ...a.approval?.decidedBy ? { approvedBy: a.approval.decidedBy } : {},
      ...a.runbook ? { runbookStep: a.runbook.step } : {}
    })),
    improvements: improve
  };
  const markdown = [
    `# Postmortem draft: ${incident.title}`,
    `${incident.id} \xB7 ${incident.severity} \xB7 ${incident.status} \xB7 drafted by opswarden from the incident record, its timeline and the audit log. Review before publishing.`,
    section("Summary", summary(input2, fix, end)),
    section("Impact", impact(incident, fix, firstResponse, correlation)),
    section("Timeline", timelineTable(postmortemTimeline(input2.timeline, trail), incident.id)),
    section("Root cause", rootCause(correlation, input2.correlationGap)),
    section("What fixed it", fixedIt(fix)),
    section("What to improve", improve.map((i) => `- ${i}`).join("\n"))
  ].join("\n\n");
  return { markdown: `${markdown}
`, facts };
}
function section(title, body) {
  return `## ${title}

${body}`;
}
function summary(input2, fix, end) {
  const { incident, correlation } = input2;
  const where = incident.service ? `${incident.service}${incident.namespace ? ` (${incident.namespace})` : ""}` : "an unnamed service";
  const lasted = end ? `lasted ${between(incident.detectedAt, end)} until it ${incident.resolvedAt ? "was resolved" : "recovered"}` : `is still ${incident.status} after ${between(incident.detectedAt, input2.generatedAt.toISOString())}`;
  const top = correlation?.hypotheses[0];
  const cause = top ? ` Most likely cause (${percent(top.confidence)} confidence): ${sentence(top.summary)}` : " No cause was identified from the signals.";
  const fixed = fix.run ? ` Runbook ${fix.run.runbook} ${fix.run.outcome === "resolved" ? "resolved it" : `ended ${fix.run.outcome}`}${fix.actions.length ? ` by ${fix.actions.map((a) => `${a.tool} on ${a.ref}`).join(", then ")}` : ""}.` : fix.actions.length ? ` It recovered after ${fix.actions.map((a) => `${a.tool} on ${a.ref}`).join(", then ")}.` : "";
  return `A ${incident.severity} incident on ${where}: ${incident.title}. Detected ${formatTime(incident.detectedAt)}, it ${lasted}.${cause}${fixed}`;
}
function impact(incident, fix, firstResponse, correlation) {
  const lines = [
    `- Duration: detected ${formatTime(incident.detectedAt)}${incident.resolvedAt ? `, resolved ${formatTime(incident.resolvedAt)} (${between(incident.detectedAt, incident.resolvedAt)})` : `, not resolved yet (${incident.status})`}.`
  ];
  if (fix.recoveredAt)
    lines.push(
      `- Recovered: ${formatTime(fix.recoveredAt)}, ${between(incident.detectedAt, fix.recoveredAt)} after detection.`
    );
  if (firstResponse !== void 0)
    lines.push(`- First response: ${formatDuration2(firstResponse)} after detection.`);
  lines.push(`- Severity: ${incident.severity}.`);
  lines.push(`- Services affected: ${incident.services.join(", ") || "none named"}.`);
  if (incident.context.downstreamImpact.length)
    lines.push(`- Downstream impact: ${incident.context.downstreamImpact.join(", ")}.`);
  const spike = incident.context.metricSpike;
  if (spike)
    lines.push(`- Metric spike: ${spike.summary}${spike.onset ? ` (from ${formatTime(spike.onset)})` : ""}.`);
  else if (correlation?.onset)
    lines.push(
      `- Onset: ${correlation.onset.signal} moved from ${correlation.onset.from} to ${correlation.onset.to} at ${formatTime(correlation.onset.at)}.`
    );
  lines.push(`- Alerts (${incident.alerts.length}): ${alertList(incident)}.`);
  return lines.join("\n");
}
function alertList(incident) {
  const names = new Map(incident.alerts.map((a) => [a.fingerprint, a.alertname]));
  return incident.alerts.map((a) => {
    const echo = a.explainedBy ? `, explained by ${names.get(a.explainedBy) ?? a.explainedBy}` : "";
    return `${a.alertname} on ${a.service ?? a.namespace ?? "no service"} (${a.severity}, ${a.status}${echo})`;
  }).join("; ");
}
function timelineTable(events, id) {
  if (!events.length) return "No events recorded.";
  const row = (e) => `| ${formatTime(e.at)} | ${e.kind} | ${cell(e.what)} | ${cell(e.by ?? "")} |`;
  const cut = events.length > TIMELINE_HEAD + TIMELINE_TAIL;
  const rows = cut ? [
    ...events.slice(0, TIMELINE_HEAD).map(row),
    `| \u2026 | | ${events.length - TIMELINE_HEAD - TIMELINE_TAIL} events omitted: incident_timeline {"incident": "${id}"} has them all | |`,
    ...events.slice(-TIMELINE_TAIL).map(row)
  ] : events.map(row);
  return ["| Time (UTC) | Kind | Event | By |", "|---|---|---|---|", ...rows].join("\n");
}
function rootCause(correlation, gap) {
  const [top, ...others] = correlation?.hypotheses ?? [];
  if (!top)
    return `Not identified from the signals${gap ? ` (${gap})` : ""}. Record the cause the team found.`;
  const evidence = top.evidence.slice(0, EVIDENCE_SHOWN2).map(
    (e) => `- ${e.at ? `${formatTime(e.at)} ` : ""}${e.kind}: ${cell(e.summary, 300)}${e.ref ? ` (${e.ref})` : ""}`
  );
  const lines = [
    `**${top.category}: ${top.ref}** (${percent(top.confidence)} confidence). ${sentence(top.summary)}`,
    "",
    "Evidence:",
    ...evidence
  ];
  if (top.evidence.length > EVIDENCE_SHOWN2)
    lines.push(`- \u2026 ${top.evidence.length - EVIDENCE_SHOWN2} more in incident_correlate.`);
  if (others.length) {
    lines.push("", "Also considered:");
    for (const h of others.slice(0, OTHER_HYPOTHESES))
      lines.push(`- #${h.rank} ${h.category}: ${h.ref} (${percent(h.confidence)}): ${cell(h.summary, 300)}`);
  }
  return lines.join("\n");
}
function fixedIt(fix) {
  const blocks = [];
  if (fix.run) {
    const decided = fix.run.decidedBy ? `, decided by step ${fix.run.decidedBy}` : "";
    const check = fix.run.steps.findLast((s) => s.step === fix.run?.decidedBy);
    blocks.push(
      `Runbook **${fix.run.runbook}** (${fix.run.execution}), started by ${fix.run.by} at ${formatTime(fix.run.startedAt)}, ended ${fix.run.outcome}${decided}${check ? ` (${check.kind} ${check.outcome} at ${formatTime(check.at)})` : ""}.`
    );
  }
  if (fix.actions.length) {
    const changes = fix.actions.map((a) => {
      const approval = a.approval?.decidedAt ? `, approved by ${a.approval.decidedBy ?? "unknown"} ${between(a.approval.requestedAt, a.approval.decidedAt)} after the request` : "";
      return `- ${formatTime(a.at)} ${describeAction(a)} by ${a.by}${approval}${a.reason ? `: ${cell(a.reason, 300)}` : ""}`;
    });
    blocks.push([fix.run ? "Its changes:" : "The changes that preceded recovery:", ...changes].join("\n"));
  }
  if (!blocks.length)
    blocks.push("No change was made through opswarden before recovery; record what the team did.");
  if (fix.recoveredAt) blocks.push(`Recovered at ${formatTime(fix.recoveredAt)}.`);
  if (fix.didNotHelp.length)
    blocks.push(
      [
        "Did not help:",
        ...fix.didNotHelp.map((f) => `- ${formatTime(f.at)} ${describeAction(f.action)}: ${f.why}`)
      ].join("\n")
    );
  return blocks.join("\n\n");
}
function sentence(text) {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

// src/incidents/postmortem/read.ts
var AFTER_RESOLVED_MS = 36e5;
async function draftPostmortem(backends, clock, id, opts) {
  const store = backends.incidents;
  if (!store) throw new Error("incidents are not available on this server");
  if (!backends.audit) throw new Error("the audit log is not readable on this server");
  const incident = store.get(id);
  if (!incident) throw new Error(`no incident with id ${id}; incident_list shows the ids`);
  const now = clock.now();
  const until = incident.resolvedAt ? new Date(Math.min(Date.parse(incident.resolvedAt) + AFTER_RESOLVED_MS, now.getTime())) : now;
  const trail = trailOfIncident(
    readAuditTrail(backends.audit, { since: new Date(incident.detectedAt), until }),
    scopeOf(incident, backends.catalog)
  );
  let correlation;
  let status = "skipped";
  if (opts.correlate) {
    try {
      correlation = await correlate(
        correlationRequestFor(incident, clock.now()),
        // Weighed by history from before the incident, not by its own conclusion and fix.
        correlationDeps(backends, clock, new Date(incident.detectedAt))
      );
      status = "ok";
    } catch (err) {
      status = `failed: ${err.message}`;
    }
  }
  const draft = buildPostmortem({
    incident,
    timeline: store.timeline(id),
    trail,
    ...correlation ? { correlation } : { correlationGap: `correlation ${status}` },
    runbooks: backends.runbooks?.list() ?? [],
    generatedAt: now
  });
  return { ...draft, correlation: status };
}

// tools/incidents/postmortem_draft.ts
var postmortem_draft_default = defineTool({
  name: "postmortem_draft",
  title: "Incidents: Postmortem draft",
  description: "Draft an incident's postmortem (markdown and facts): impact, timeline, approvals, root cause with evidence, fix, follow-ups.",
  kind: "read",
  untrusted: ["$.markdown", "$.facts.title", "$.facts.rootCause.summary", "$.correlation"],
  input: external_exports.object({
    incident: incidentIdArg,
    correlate: external_exports.boolean().default(true).describe("Find the root cause")
  }).strict(),
  output: external_exports.object({
    incident: external_exports.string(),
    markdown: external_exports.string(),
    facts: external_exports.object({
      title: external_exports.string(),
      status: statusArg,
      severity: external_exports.enum(["critical", "major", "minor"]),
      detectedAt: external_exports.string(),
      recoveredAt: external_exports.string().optional().describe("All alerts resolved (else mitigated or resolved)"),
      resolvedAt: external_exports.string().optional(),
      durationSeconds: external_exports.number().nullable().describe("Detection to resolution (or recovery)"),
      firstResponseSeconds: external_exports.number().nullable(),
      rootCause: external_exports.object({ category: external_exports.string(), ref: external_exports.string(), summary: external_exports.string(), confidence: external_exports.number() }).optional(),
      runbook: external_exports.object({
        name: external_exports.string(),
        execution: external_exports.string(),
        outcome: external_exports.string(),
        decidedBy: external_exports.string().optional()
      }).optional().describe("The runbook run that resolved it"),
      fixedBy: external_exports.array(
        external_exports.object({
          tool: external_exports.string(),
          ref: external_exports.string(),
          at: external_exports.string(),
          by: external_exports.string(),
          approvedBy: external_exports.string().optional(),
          runbookStep: external_exports.string().optional()
        })
      ),
      improvements: external_exports.array(external_exports.string())
    }),
    correlation: external_exports.string().describe("ok, skipped, or why it failed")
  }),
  target: (args, ctx) => incidentTarget(ctx.backends, args.incident),
  handler: async (ctx, args) => {
    const draft = await draftPostmortem(ctx.backends, ctx.clock, args.incident, {
      correlate: args.correlate
    });
    const { incident, ...facts } = draft.facts;
    return { incident, markdown: draft.markdown, facts, correlation: draft.correlation };
  }
});

// tools/incidents/index.ts
var incidentTools = [
  incident_list_default,
  incident_get_default,
  incident_timeline_default,
  incident_correlate_default,
  incident_note_default,
  incident_update_status_default,
  postmortem_draft_default,
  ops_kpis_default
];

// tools/kubernetes/k8s_configmap_patch.ts
var k8s_configmap_patch_default = defineTool({
  name: "k8s_configmap_patch",
  title: "ConfigMaps: Patch",
  description: "Set keys of a ConfigMap (null removes one); shows before/after and the Deployments using it (they see it after k8s_rollout_restart).",
  kind: "mutate",
  untrusted: ["$.changes[*].from"],
  annotations: { destructive: true, idempotent: true },
  input: external_exports.object({
    cluster: clusterArg,
    namespace: namespaceArg,
    name: external_exports.string().min(1),
    data: external_exports.record(external_exports.string().min(1), external_exports.string().nullable()).refine((d) => Object.keys(d).length > 0, "give at least one key"),
    ...mutateArgs
  }).strict(),
  output: external_exports.object({
    configMap: external_exports.string(),
    dryRun: external_exports.boolean(),
    changes: external_exports.array(external_exports.object({ key: external_exports.string(), from: external_exports.string().nullable(), to: external_exports.string().nullable() })),
    usedBy: external_exports.array(external_exports.string()).describe("Deployments that mount or read it"),
    needsRestart: external_exports.boolean(),
    message: external_exports.string()
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: "ConfigMap" }),
  impact: async (args, ctx) => ({
    pods: 0,
    reversible: true,
    replicas: (await consumers(ctx.backends, args)).length
  }),
  snapshot: (args, ctx) => kubernetes(ctx.backends).get(kubeRef("ConfigMap", args)),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const before = (await kube.get(kubeRef("ConfigMap", args))).data ?? {};
    await kube.patch(kubeRef("ConfigMap", args), { data: args.data }, "merge", { dryRun: args.dryRun });
    const changes = Object.entries(args.data).filter(([key, to]) => (before[key] ?? null) !== to).map(([key, to]) => ({ key, from: before[key] ?? null, to }));
    const usedBy = await consumers(ctx.backends, args);
    const restart = usedBy.length ? `; ${usedBy.join(", ")} read it at start: restart them to apply` : "";
    return {
      configMap: `${args.namespace}/${args.name}`,
      dryRun: args.dryRun,
      changes,
      usedBy,
      needsRestart: usedBy.length > 0 && changes.length > 0,
      message: `${args.dryRun ? "dry run: would change" : "changed"} ${changes.length} key(s)${restart}`
    };
  }
});
async function consumers(backends, args) {
  const { items } = await kubernetes(backends).list({
    kind: "Deployment",
    namespace: args.namespace,
    ...args.cluster ? { cluster: args.cluster } : {}
  });
  return items.filter((d) => usesConfigMap(d, args.name)).map((d) => `Deployment/${d.metadata.name}`);
}
var CONFIGMAP_REFERENCES = /* @__PURE__ */ new Set(["configMap", "configMapRef", "configMapKeyRef"]);
function usesConfigMap(deployment, name) {
  return referencesConfigMap(deployment.spec.template?.spec, name);
}
function referencesConfigMap(value, name) {
  if (Array.isArray(value)) return value.some((item) => referencesConfigMap(item, name));
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(
    ([key, child]) => CONFIGMAP_REFERENCES.has(key) && child?.name === name || referencesConfigMap(child, name)
  );
}

// tools/kubernetes/rollout-state.ts
function rolloutState(deployment) {
  const spec = deployment.spec ?? {};
  const s = deployment.status ?? {};
  const desired = spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const progressing2 = s.conditions?.find((c) => c.type === "Progressing");
  const stale = (s.observedGeneration ?? 0) < (deployment.metadata.generation ?? 0);
  const counts2 = {
    desired,
    updated,
    ready: s.readyReplicas ?? 0,
    available,
    conditions: (s.conditions ?? []).map(({ type, status, reason, message: message2 }) => ({
      type,
      status,
      ...reason ? { reason } : {},
      ...message2 ? { message: message2 } : {}
    }))
  };
  if (spec.paused) return { state: "paused", message: "rollout is paused", ...counts2 };
  if (progressing2?.reason === "ProgressDeadlineExceeded") {
    return {
      state: "stuck",
      message: `stuck: ${progressing2.message ?? "progress deadline exceeded"}`,
      ...counts2
    };
  }
  if (!stale && updated >= desired && available >= desired && (s.replicas ?? 0) <= desired) {
    return {
      state: "complete",
      message: `successfully rolled out: ${available}/${desired} available`,
      ...counts2
    };
  }
  const message = stale ? "waiting for the controller to observe the latest spec" : `${updated}/${desired} updated, ${available}/${desired} available`;
  return { state: "progressing", message, ...counts2 };
}
async function deploymentContext(args, ctx) {
  const deployment = await kubernetes(ctx.backends).get(kubeRef("Deployment", args));
  return { rolloutInProgress: rolloutState(deployment).state === "progressing" };
}

// tools/kubernetes/k8s_deployment_scale.ts
var k8s_deployment_scale_default = defineTool({
  name: "k8s_deployment_scale",
  title: "Deployments: Scale",
  description: "Set a Deployment's replicas; a large cut escalates. Next: k8s_rollout_status.",
  kind: "mutate",
  annotations: { destructive: true, idempotent: true },
  input: external_exports.object({
    cluster: clusterArg,
    namespace: namespaceArg,
    name: external_exports.string().min(1),
    replicas: external_exports.number().int().min(0).max(1e3),
    ...mutateArgs
  }).strict(),
  output: external_exports.object({
    deployment: external_exports.string(),
    dryRun: external_exports.boolean(),
    replicasBefore: external_exports.number(),
    replicas: external_exports.number(),
    message: external_exports.string()
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: "Deployment" }),
  context: deploymentContext,
  impact: async (args, ctx) => {
    const current = await currentReplicas(ctx.backends, args);
    return {
      pods: Math.abs(current - args.replicas),
      replicas: args.replicas,
      fractionOfService: current ? Math.max(0, current - args.replicas) / current : 0,
      reversible: true
    };
  },
  snapshot: (args, ctx) => kubernetes(ctx.backends).get(kubeRef("Deployment", args)),
  handler: async (ctx, args) => {
    const before = await currentReplicas(ctx.backends, args);
    await kubernetes(ctx.backends).patch(
      kubeRef("Deployment", args),
      { spec: { replicas: args.replicas } },
      "merge",
      { dryRun: args.dryRun }
    );
    const what = `${args.namespace}/${args.name} from ${before} to ${args.replicas} replicas`;
    return {
      deployment: `${args.namespace}/${args.name}`,
      dryRun: args.dryRun,
      replicasBefore: before,
      replicas: args.replicas,
      message: args.dryRun ? `dry run: would scale ${what}; nothing changed` : `scaled ${what}`
    };
  }
});
async function currentReplicas(backends, args) {
  const d = await kubernetes(backends).get(kubeRef("Deployment", args));
  return d.spec.replicas ?? 1;
}

// tools/kubernetes/k8s_events_list.ts
var eventSchema = external_exports.object({
  type: external_exports.string(),
  reason: external_exports.string(),
  object: external_exports.string().describe("Kind/name of the involved object"),
  message: external_exports.string(),
  count: external_exports.number(),
  firstSeen: external_exports.string().optional(),
  lastSeen: external_exports.string().optional()
});
var k8s_events_list_default = defineTool({
  name: "k8s_events_list",
  title: "Events: List",
  description: "Events of a namespace or object, repeats merged, warnings first. Next: k8s_pod_logs, k8s_rollout_history.",
  kind: "read",
  untrusted: ["$.events[*].reason", "$.events[*].message"],
  input: external_exports.object({
    cluster: clusterArg,
    namespace: external_exports.string().min(1),
    kind: external_exports.string().min(1).optional().describe("e.g. Pod"),
    name: external_exports.string().min(1).optional(),
    type: external_exports.enum(["Normal", "Warning"]).optional(),
    since: external_exports.string().default("1h"),
    limit: external_exports.number().int().min(1).max(200).default(50)
  }).strict(),
  output: external_exports.object({
    namespace: external_exports.string(),
    since: external_exports.string(),
    total: external_exports.number().describe("Merged rows in the window"),
    warnings: external_exports.number(),
    events: external_exports.array(eventSchema),
    hint: external_exports.string().optional()
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: args.kind ?? "Event" }),
  handler: async (ctx, args) => {
    const windowMs = parseDuration(args.since);
    const from = ctx.clock.now().getTime() - windowMs;
    const fieldSelector = [
      args.kind ? `involvedObject.kind=${args.kind}` : "",
      args.name ? `involvedObject.name=${args.name}` : "",
      args.type ? `type=${args.type}` : ""
    ].filter(Boolean).join(",");
    const { items } = await kubernetes(ctx.backends).list({
      kind: "Event",
      namespace: args.namespace,
      ...args.cluster ? { cluster: args.cluster } : {},
      ...fieldSelector ? { fieldSelector } : {}
    });
    const merged = /* @__PURE__ */ new Map();
    for (const raw of items) {
      const last = raw.lastTimestamp ?? raw.eventTime ?? raw.metadata.creationTimestamp;
      if (last && Date.parse(last) < from) continue;
      const object = `${raw.involvedObject?.kind ?? "?"}/${raw.involvedObject?.name ?? "?"}`;
      const key = [raw.type, raw.reason, object, raw.message].join("\0");
      const first = raw.firstTimestamp ?? raw.eventTime ?? raw.metadata.creationTimestamp;
      const row = merged.get(key);
      if (!row) {
        merged.set(key, {
          type: raw.type ?? "Normal",
          reason: raw.reason ?? "",
          object,
          message: raw.message ?? "",
          count: raw.count ?? 1,
          ...first ? { firstSeen: first } : {},
          ...last ? { lastSeen: last } : {}
        });
        continue;
      }
      row.count += raw.count ?? 1;
      if (first && (!row.firstSeen || first < row.firstSeen)) row.firstSeen = first;
      if (last && (!row.lastSeen || last > row.lastSeen)) row.lastSeen = last;
    }
    const rows = [...merged.values()].sort(
      (a, b) => Number(b.type === "Warning") - Number(a.type === "Warning") || (b.lastSeen ?? "").localeCompare(a.lastSeen ?? "")
    );
    const scope = args.name ? `${args.kind ?? "object"} ${args.name}` : `namespace ${args.namespace}`;
    return {
      namespace: args.namespace,
      since: args.since,
      total: rows.length,
      warnings: rows.filter((r) => r.type === "Warning").length,
      events: rows.slice(0, args.limit),
      ...rows.length ? rows.length > args.limit ? { hint: `${rows.length - args.limit} more rows; narrow with kind/name or type: Warning.` } : {} : {
        hint: `No events for ${scope} in the last ${args.since}; widen since (events expire after about an hour) or drop filters.`
      }
    };
  }
});

// tools/kubernetes/nodes.ts
function nodeSchedulingTool(action) {
  const unschedulable = action === "cordon";
  return defineTool({
    name: `k8s_node_${action}`,
    title: `Nodes: ${action === "cordon" ? "Cordon" : "Uncordon"}`,
    description: unschedulable ? "Mark a node unschedulable; its pods stay. Before k8s_node_drain, or on disk/memory pressure." : "Make a cordoned or drained node schedulable again, once fixed.",
    kind: "mutate",
    annotations: { destructive: unschedulable, idempotent: true },
    input: nodeChangeInput,
    output: external_exports.object({
      node: external_exports.string(),
      dryRun: external_exports.boolean(),
      schedulable: external_exports.boolean(),
      message: external_exports.string()
    }),
    target: (args, ctx) => nodeTarget(ctx.backends, args),
    impact: () => ({ pods: 0, reversible: true }),
    snapshot: (args, ctx) => kubernetes(ctx.backends).get(kubeRef("Node", args)),
    handler: async (ctx, args) => {
      await kubernetes(ctx.backends).patch(kubeRef("Node", args), { spec: { unschedulable } }, "merge", {
        dryRun: args.dryRun
      });
      return {
        node: args.name,
        dryRun: args.dryRun,
        schedulable: !unschedulable,
        message: `${args.dryRun ? "dry run: would mark" : "marked"} node ${args.name} ${unschedulable ? "unschedulable" : "schedulable"}`
      };
    }
  });
}

// tools/kubernetes/k8s_node_cordon.ts
var k8s_node_cordon_default = nodeSchedulingTool("cordon");

// tools/kubernetes/k8s_node_drain.ts
var controllerOf = (pod) => pod.metadata.ownerReferences?.find((o) => o.controller);
async function podsOnNode(backends, args) {
  const { items } = await kubernetes(backends).list({
    kind: "Pod",
    fieldSelector: `spec.nodeName=${args.name}`,
    ...args.cluster ? { cluster: args.cluster } : {}
  });
  const stays = (p) => controllerOf(p)?.kind === "DaemonSet" || Boolean(p.metadata.annotations?.["kubernetes.io/config.mirror"]);
  const moving = items.filter((p) => !stays(p));
  return {
    evictable: moving.filter((p) => controllerOf(p)),
    unmanaged: moving.filter((p) => !controllerOf(p)),
    skipped: items.filter(stays)
  };
}
var k8s_node_drain_default = defineTool({
  name: "k8s_node_drain",
  title: "Nodes: Drain",
  description: "Cordon a node and evict its pods (not DaemonSets) via the Eviction API; pods a PodDisruptionBudget guards are reported, never forced.",
  kind: "mutate",
  untrusted: ["$.blocked[*].reason"],
  annotations: { destructive: true, idempotent: true },
  input: nodeChangeInput,
  output: external_exports.object({
    node: external_exports.string(),
    dryRun: external_exports.boolean(),
    evicted: external_exports.array(external_exports.string()),
    blocked: external_exports.array(external_exports.object({ pod: external_exports.string(), reason: external_exports.string() })),
    skipped: external_exports.array(external_exports.string()).describe("DaemonSet and mirror pods, left in place"),
    message: external_exports.string()
  }),
  target: (args, ctx) => nodeTarget(ctx.backends, args),
  impact: async (args, ctx) => {
    const { evictable } = await podsOnNode(ctx.backends, args);
    const perOwner = /* @__PURE__ */ new Map();
    for (const pod of evictable) {
      const owner = controllerOf(pod);
      const key = `${pod.metadata.namespace}/${owner?.kind}/${owner?.name ?? pod.metadata.name}`;
      perOwner.set(key, (perOwner.get(key) ?? 0) + 1);
    }
    let fraction = 0;
    for (const [key, count2] of perOwner) {
      const [namespace, kind, name] = key.split("/");
      if (kind !== "ReplicaSet") {
        fraction = 1;
        continue;
      }
      const rs = await kubernetes(ctx.backends).get(
        kubeRef("ReplicaSet", { cluster: args.cluster, namespace, name })
      );
      fraction = Math.max(fraction, count2 / (rs.spec.replicas || 1));
    }
    return { pods: evictable.length, fractionOfService: Math.min(1, fraction), reversible: true };
  },
  snapshot: async (args, ctx) => ({
    node: await kubernetes(ctx.backends).get(kubeRef("Node", args)),
    pods: (await podsOnNode(ctx.backends, args)).evictable.map(
      (p) => `${p.metadata.namespace}/${p.metadata.name}`
    )
  }),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    await kube.patch(kubeRef("Node", args), { spec: { unschedulable: true } }, "merge", {
      dryRun: args.dryRun
    });
    const { evictable, unmanaged, skipped } = await podsOnNode(ctx.backends, args);
    const evicted = [];
    const blocked = unmanaged.map((p) => ({
      pod: `${p.metadata.namespace}/${p.metadata.name}`,
      reason: "no controller would recreate it: delete it deliberately with k8s_pod_delete if it must go"
    }));
    for (const pod of evictable) {
      const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
      try {
        await kube.evict(
          kubeRef("Pod", { ...args, namespace: pod.metadata.namespace, name: pod.metadata.name }),
          { dryRun: args.dryRun }
        );
        evicted.push(id);
      } catch (err) {
        blocked.push({ pod: id, reason: err.message });
      }
    }
    const verb = args.dryRun ? "dry run: would evict" : "evicted";
    return {
      node: args.name,
      dryRun: args.dryRun,
      evicted,
      blocked,
      skipped: skipped.map((p) => `${p.metadata.namespace}/${p.metadata.name}`),
      message: `${verb} ${evicted.length} pod(s) from ${args.name}${blocked.length ? `; ${blocked.length} blocked (see blocked[].reason): retry later, scale up first, or handle them one by one` : ""}`
    };
  }
});

// tools/kubernetes/k8s_node_uncordon.ts
var k8s_node_uncordon_default = nodeSchedulingTool("uncordon");

// tools/kubernetes/k8s_nodes_list.ts
var k8s_nodes_list_default = defineTool({
  name: "k8s_nodes_list",
  title: "Nodes: List",
  description: "Nodes: conditions, cordoned, allocatable, pod count; problems first. Next: k8s_pods_list with fieldSelector spec.nodeName=<node>.",
  kind: "read",
  input: external_exports.object({
    cluster: clusterArg,
    labelSelector: external_exports.string().min(1).optional()
  }).strict(),
  output: external_exports.object({
    nodes: external_exports.array(
      external_exports.object({
        name: external_exports.string(),
        ready: external_exports.boolean(),
        schedulable: external_exports.boolean(),
        problems: external_exports.array(external_exports.string()),
        allocatable: external_exports.record(external_exports.string(), external_exports.string()),
        pods: external_exports.number(),
        zone: external_exports.string().optional()
      })
    )
  }),
  target: (args, ctx) => nodeTarget(ctx.backends, args),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const cluster = args.cluster ? { cluster: args.cluster } : {};
    const [nodes, pods] = await Promise.all([
      kube.list({
        kind: "Node",
        ...cluster,
        ...args.labelSelector ? { labelSelector: args.labelSelector } : {}
      }),
      kube.list({ kind: "Pod", ...cluster, fieldSelector: "status.phase!=Succeeded,status.phase!=Failed" })
    ]);
    const podsPerNode = /* @__PURE__ */ new Map();
    for (const pod of pods.items) {
      const node = pod.spec?.nodeName;
      if (node) podsPerNode.set(node, (podsPerNode.get(node) ?? 0) + 1);
    }
    const rows = nodes.items.map((node) => {
      const status = node.status ?? {};
      const conditions = status.conditions ?? [];
      const ready = conditions.find((c) => c.type === "Ready")?.status === "True";
      const schedulable = !node.spec?.unschedulable;
      const problems = [
        ...ready ? [] : ["NotReady"],
        ...conditions.filter((c) => c.type !== "Ready" && c.status === "True").map((c) => c.type),
        ...schedulable ? [] : ["SchedulingDisabled"]
      ];
      const zone = node.metadata.labels?.["topology.kubernetes.io/zone"];
      return {
        name: node.metadata.name,
        ready,
        schedulable,
        problems,
        allocatable: status.allocatable ?? {},
        pods: podsPerNode.get(node.metadata.name) ?? 0,
        ...zone ? { zone } : {}
      };
    });
    rows.sort((a, b) => b.problems.length - a.problems.length || a.name.localeCompare(b.name));
    return { nodes: rows };
  }
});

// tools/kubernetes/pod-owner.ts
var controllerOf2 = (object) => object.metadata.ownerReferences?.find((o) => o.controller);
async function podOwner(kube, args) {
  const pod = await kube.get(kubeRef("Pod", args));
  const owner = controllerOf2(pod);
  if (!owner) return { pod };
  if (owner.kind !== "ReplicaSet") return { pod, workload: { kind: owner.kind, name: owner.name } };
  const replicaSet = await kube.get(kubeRef("ReplicaSet", { ...args, name: owner.name }));
  const deployment = controllerOf2(replicaSet) ?? owner;
  return { pod, replicaSet, workload: { kind: deployment.kind, name: deployment.name } };
}

// tools/kubernetes/k8s_pod_delete.ts
var k8s_pod_delete_default = defineTool({
  name: "k8s_pod_delete",
  title: "Pods: Delete",
  description: "Delete a pod for its controller to replace; its crash state goes too (k8s_pod_logs previous: true first). No controller: gone for good.",
  kind: "mutate",
  annotations: { destructive: true, idempotent: false },
  input: external_exports.object({
    cluster: clusterArg,
    namespace: namespaceArg,
    name: external_exports.string().min(1),
    gracePeriodSeconds: external_exports.number().int().min(0).max(3600).optional(),
    ...mutateArgs
  }).strict(),
  output: external_exports.object({
    pod: external_exports.string(),
    dryRun: external_exports.boolean(),
    owner: external_exports.string().optional().describe("Controller that will replace it"),
    message: external_exports.string()
  }),
  target: async (args, ctx) => {
    const { workload } = await podOwner(kubernetes(ctx.backends), args);
    return {
      ...await kubeTarget(ctx.backends, { ...args, kind: "Pod" }),
      ...workload ? { workload } : {}
    };
  },
  impact: async (args, ctx) => {
    const { replicaSet, workload } = await podOwner(kubernetes(ctx.backends), args);
    if (!replicaSet) return { pods: 1, reversible: Boolean(workload) };
    const replicas = replicaSet.spec.replicas ?? 1;
    return { pods: 1, replicas, fractionOfService: replicas ? 1 / replicas : 1, reversible: true };
  },
  snapshot: (args, ctx) => kubernetes(ctx.backends).get(kubeRef("Pod", args)),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const pod = await kube.get(kubeRef("Pod", args));
    const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
    await kube.delete(kubeRef("Pod", args), {
      dryRun: args.dryRun,
      ...args.gracePeriodSeconds !== void 0 ? { gracePeriodSeconds: args.gracePeriodSeconds } : {}
    });
    const replaced = owner ? `; ${owner.kind}/${owner.name} will replace it` : "; it has no controller and will not come back";
    return {
      pod: `${args.namespace}/${args.name}`,
      dryRun: args.dryRun,
      ...owner ? { owner: `${owner.kind}/${owner.name}` } : {},
      message: `${args.dryRun ? "dry run: would delete" : "deleted"} pod ${args.namespace}/${args.name}${replaced}`
    };
  }
});

// tools/kubernetes/k8s_pod_logs.ts
var MAX_LOG_BYTES = 32 * 1024 * 1024;
var MAX_CALL_LOG_BYTES = 64 * 1024 * 1024;
var SHAPED_BUDGET = 12e3;
var k8s_pod_logs_default = defineTool({
  name: "k8s_pod_logs",
  title: "Pods: Logs",
  description: "Logs of a pod or of the pods labelSelector matches, shaped: repeats collapsed, lines grouped by template, errors kept. Crashed: previous: true.",
  kind: "read",
  untrusted: UNTRUSTED_LOG_PATHS,
  input: external_exports.object({
    cluster: clusterArg,
    namespace: namespaceArg,
    pod: external_exports.string().min(1).optional(),
    labelSelector: external_exports.string().min(1).optional().describe("Instead of pod"),
    container: external_exports.string().min(1).optional(),
    previous: external_exports.boolean().default(false),
    since: external_exports.string().optional().describe("e.g. 15m"),
    sinceTime: external_exports.iso.datetime({ offset: true }).optional(),
    tailLines: external_exports.number().int().min(1).max(1e6).optional(),
    filter: patternText.min(1).max(200).optional().describe("RE2 regex"),
    minLevel: external_exports.enum(["debug", "info", "warn", "error"]).optional(),
    raw: external_exports.boolean().default(false).describe("Raw lines, not templates"),
    maxPods: external_exports.number().int().min(1).max(50).default(10)
  }).strict().refine((a) => Boolean(a.pod) !== Boolean(a.labelSelector), {
    message: "give exactly one of pod or labelSelector",
    path: ["pod"]
  }).refine((a) => !(a.since && a.sinceTime), {
    message: "give since or sinceTime, not both",
    path: ["sinceTime"]
  }),
  output: shapedLogsSchema.extend({
    pods: external_exports.array(external_exports.string()).describe("Pods read"),
    skippedPods: external_exports.number().optional().describe("Matching pods not read (raise maxPods)")
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: "Pod", ...args.pod ? { name: args.pod } : {} }),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const cluster = args.cluster ? { cluster: args.cluster } : {};
    const filter = args.filter === void 0 ? void 0 : compilePattern(args.filter);
    let pods = args.pod ? [args.pod] : [];
    let skippedPods = 0;
    if (args.labelSelector) {
      const { items } = await kube.list({
        kind: "Pod",
        namespace: args.namespace,
        labelSelector: args.labelSelector,
        ...cluster
      });
      const names = items.map((p) => p.metadata.name).sort();
      if (!names.length)
        throw new Error(
          `no pods match ${args.labelSelector} in namespace ${args.namespace}; check the labels with k8s_pods_list`
        );
      pods = names.slice(0, args.maxPods);
      skippedPods = names.length - pods.length;
    }
    const sinceMs = args.sinceTime ? ctx.clock.now().getTime() - Date.parse(args.sinceTime) : args.since ? parseDuration(args.since) : void 0;
    const sinceSeconds = sinceMs === void 0 ? void 0 : Math.max(1, Math.ceil(sinceMs / 1e3));
    const texts = await Promise.all(
      pods.map(
        (pod) => kube.podLog({
          namespace: args.namespace,
          pod,
          ...cluster,
          ...args.container ? { container: args.container } : {},
          ...args.previous ? { previous: true } : {},
          ...sinceSeconds !== void 0 ? { sinceSeconds } : {},
          ...args.tailLines !== void 0 ? { tailLines: args.tailLines } : {},
          limitBytes: Math.min(MAX_LOG_BYTES, Math.floor(MAX_CALL_LOG_BYTES / pods.length))
        })
      )
    );
    const streams = texts.map((text, i) => timestampedLines(text, pods.length > 1 ? pods[i] : void 0));
    const shaped = await shapeLogs(streams.length === 1 ? streams[0] : mergeByTime(streams), {
      maxBytes: SHAPED_BUDGET,
      signal: ctx.signal,
      ...filter ? { filter } : {},
      ...args.minLevel ? { minLevel: args.minLevel } : {},
      raw: args.raw
    });
    return { ...shaped, pods, ...skippedPods ? { skippedPods } : {} };
  }
});

// tools/kubernetes/pods.ts
var podSummarySchema = external_exports.object({
  name: external_exports.string(),
  namespace: external_exports.string(),
  phase: external_exports.string(),
  ready: external_exports.string().describe("ready/total containers"),
  restarts: external_exports.number(),
  lastTermination: external_exports.object({ reason: external_exports.string().optional(), exitCode: external_exports.number().optional(), at: external_exports.string().optional() }).optional(),
  node: external_exports.string().optional(),
  age: external_exports.string().optional(),
  problem: external_exports.string().optional().describe("One line on what is wrong, when something is")
});
function summarizePod(pod, now) {
  const status = pod.status ?? {};
  const spec = pod.spec ?? {};
  const containers = status.containerStatuses ?? [];
  const total = containers.length || spec.containers?.length || 0;
  const last = containers.map((c) => c.lastState?.terminated).filter((t) => t !== void 0).sort((a, b) => (b.finishedAt ?? "").localeCompare(a.finishedAt ?? ""))[0];
  const summary2 = {
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? "",
    phase: status.phase ?? "Unknown",
    ready: `${containers.filter((c) => c.ready).length}/${total}`,
    restarts: containers.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    ...last ? {
      lastTermination: {
        ...last.reason ? { reason: last.reason } : {},
        ...last.exitCode !== void 0 ? { exitCode: last.exitCode } : {},
        ...last.finishedAt ? { at: last.finishedAt } : {}
      }
    } : {},
    ...spec.nodeName ? { node: spec.nodeName } : {}
  };
  const podAge = age(pod.metadata.creationTimestamp, now);
  if (podAge) summary2.age = podAge;
  const problem = podProblem(status, containers, last);
  if (problem) summary2.problem = problem;
  return summary2;
}
function podProblem(status, containers, last) {
  for (const c of containers) {
    const waiting = c.state?.waiting?.reason;
    if (waiting && waiting !== "ContainerCreating" && waiting !== "PodInitializing") {
      const why = last?.reason ? ` (last exit: ${last.reason}, code ${last.exitCode ?? "?"})` : "";
      return `${c.name}: ${waiting}${why}, ${c.restartCount ?? 0} restarts`;
    }
    const terminated = c.state?.terminated;
    if (terminated && terminated.exitCode !== 0)
      return `${c.name}: terminated ${terminated.reason ?? ""} (exit ${terminated.exitCode})`;
  }
  if (status.phase === "Pending") {
    const unscheduled = status.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
    return `Pending${unscheduled ? `: ${unscheduled.reason ?? ""} ${unscheduled.message ?? ""}`.trimEnd() : ""}`;
  }
  if (status.phase === "Failed") return "Failed";
  if (last?.reason === "OOMKilled") return `restarted after OOMKilled (exit ${last.exitCode ?? 137})`;
  const notReady = containers.filter((c) => !c.ready).map((c) => c.name);
  if (status.phase === "Running" && notReady.length) return `not ready: ${notReady.join(", ")}`;
  return void 0;
}

// tools/kubernetes/k8s_pods_list.ts
var MAX_PODS_SCANNED = 5e3;
var k8s_pods_list_default = defineTool({
  name: "k8s_pods_list",
  title: "Pods: List",
  description: "Pods: phase, readiness, restarts, last exit reason, node, problem; problems first. Next: k8s_pod_logs, k8s_events_list.",
  kind: "read",
  untrusted: ["$.pods[*].problem"],
  input: external_exports.object({
    cluster: clusterArg,
    namespace: external_exports.string().min(1).optional().describe("Omit for all"),
    labelSelector: labelSelectorArg,
    fieldSelector: external_exports.string().min(1).optional().describe("e.g. spec.nodeName=n1"),
    onlyProblems: external_exports.boolean().default(false),
    limit: external_exports.number().int().min(1).max(200).default(50),
    cursor: external_exports.string().optional()
  }).strict(),
  output: external_exports.object({
    cluster: external_exports.string(),
    namespace: external_exports.string().describe('"*" for all namespaces'),
    total: external_exports.number().describe("Pods matching the query"),
    withProblems: external_exports.number(),
    pods: external_exports.array(podSummarySchema),
    nextCursor: external_exports.string().optional(),
    hint: external_exports.string().optional()
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: "Pod" }),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const now = ctx.clock.now();
    const items = [];
    let continueToken;
    do {
      const page = await kube.list({
        kind: "Pod",
        ...args.cluster ? { cluster: args.cluster } : {},
        ...args.namespace ? { namespace: args.namespace } : {},
        ...args.labelSelector ? { labelSelector: args.labelSelector } : {},
        ...args.fieldSelector ? { fieldSelector: args.fieldSelector } : {},
        limit: 500,
        ...continueToken ? { continueToken } : {}
      });
      items.push(...page.items);
      continueToken = page.continueToken;
    } while (continueToken && items.length < MAX_PODS_SCANNED);
    const all = items.map((pod) => summarizePod(pod, now)).sort(
      (a, b) => Number(!!b.problem) - Number(!!a.problem) || b.restarts - a.restarts || a.name.localeCompare(b.name)
    );
    const matching = args.onlyProblems ? all.filter((p) => p.problem) : all;
    const offset = args.cursor ? decodeCursor(args.cursor) : 0;
    const pods = matching.slice(offset, offset + args.limit);
    const next = offset + args.limit < matching.length ? encodeCursor(offset + args.limit) : void 0;
    const where = args.namespace ?? "*";
    const hint = !matching.length ? `No pods match in ${args.namespace ? `namespace ${args.namespace}` : "any namespace"}${args.labelSelector ? ` with ${args.labelSelector}` : ""}; check the namespace (k8s_resource_get kind Namespace) or drop the selector.` : continueToken ? `Only the first ${MAX_PODS_SCANNED} pods were scanned; narrow with namespace or labelSelector.` : void 0;
    return {
      cluster: args.cluster ?? kube.clusters()[0] ?? "",
      namespace: where,
      total: matching.length,
      withProblems: all.filter((p) => p.problem).length,
      pods,
      ...next ? { nextCursor: next } : {},
      ...hint ? { hint } : {}
    };
  }
});
function encodeCursor(offset) {
  return Buffer.from(JSON.stringify({ offset })).toString("base64url");
}
function decodeCursor(cursor) {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
  }
  throw new Error(`cursor "${cursor}" is not a cursor from k8s_pods_list; call again without it`);
}

// tools/kubernetes/k8s_resource_get.ts
var HIDDEN_KINDS = /* @__PURE__ */ new Set(["Event", "ControllerRevision"]);
var kinds = Object.keys(KUBE_KINDS).filter((k) => !HIDDEN_KINDS.has(k));
var k8s_resource_get_default = defineTool({
  name: "k8s_resource_get",
  title: "Resources: Get",
  description: "One Kubernetes object (managedFields stripped) with a status summary; never Secrets. Next: k8s_events_list.",
  kind: "read",
  untrusted: ["$.object"],
  input: external_exports.object({
    cluster: clusterArg,
    kind: external_exports.enum(kinds),
    namespace: external_exports.string().min(1).optional(),
    name: external_exports.string().min(1)
  }).strict(),
  output: external_exports.object({
    kind: external_exports.string(),
    name: external_exports.string(),
    namespace: external_exports.string().optional(),
    summary: external_exports.string(),
    object: external_exports.record(external_exports.string(), external_exports.unknown())
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, args),
  handler: async (ctx, args) => {
    if (KUBE_KINDS[args.kind].namespaced && !args.namespace)
      throw new Error(`${args.kind} ${args.name}: namespace is required`);
    const object = stripNoise(
      await kubernetes(ctx.backends).get({
        kind: args.kind,
        name: args.name,
        ...args.namespace ? { namespace: args.namespace } : {},
        ...args.cluster ? { cluster: args.cluster } : {}
      })
    );
    return {
      kind: args.kind,
      name: args.name,
      ...args.namespace ? { namespace: args.namespace } : {},
      summary: statusSummary(object),
      object
    };
  }
});
function stripNoise(object) {
  const { managedFields: _m, ...metadata } = object.metadata;
  const annotations = Object.fromEntries(
    Object.entries(metadata.annotations ?? {}).filter(
      ([k]) => k !== "kubectl.kubernetes.io/last-applied-configuration"
    )
  );
  return {
    ...object,
    metadata: { ...metadata, ...Object.keys(annotations).length ? { annotations } : {} }
  };
}
function statusSummary(object) {
  const s = object.status ?? {};
  const spec = object.spec ?? {};
  const conditions = s.conditions ?? [];
  const failing = conditions.filter(
    (c) => c.type === "Ready" || c.type === "Available" ? c.status !== "True" : c.status === "True" && /Pressure|Unavailable/.test(c.type)
  );
  switch (object.kind) {
    case "Deployment":
    case "StatefulSet":
    case "ReplicaSet":
      return `${s.readyReplicas ?? 0}/${spec.replicas ?? 0} ready, ${s.updatedReplicas ?? 0} updated, ${s.availableReplicas ?? 0} available${failing.length ? `; ${failing.map((c) => `${c.type}=${c.status} ${c.reason ?? ""}`.trim()).join(", ")}` : ""}`;
    case "Node":
      return `${spec.unschedulable ? "SchedulingDisabled; " : ""}${failing.length ? failing.map((c) => `${c.type}=${c.status}`).join(", ") : "Ready"}`;
    case "Pod":
      return `${s.phase ?? "Unknown"}${failing.length ? `; ${failing.map((c) => `${c.type}=${c.status}`).join(", ")}` : ""}`;
    case "ConfigMap":
      return configMapKeys(object);
    default:
      return conditions.length ? conditions.map((c) => `${c.type}=${c.status}`).join(", ") : "no status conditions";
  }
}
var LISTED_KEYS = 10;
function configMapKeys(configMap) {
  const keys = Object.keys({ ...configMap.data, ...configMap.binaryData }).sort();
  const listed = keys.slice(0, LISTED_KEYS).join(", ");
  const more = keys.length > LISTED_KEYS ? `, and ${keys.length - LISTED_KEYS} more` : "";
  return `${keys.length} key${keys.length === 1 ? "" : "s"}${keys.length ? `: ${listed}${more}` : ""}`;
}

// tools/kubernetes/k8s_rollout_history.ts
var KINDS = ["Deployment", "StatefulSet", "DaemonSet"];
var k8s_rollout_history_default = defineTool({
  name: "k8s_rollout_history",
  title: "Rollouts: History",
  description: "A workload's revisions (images, change-cause) and the pod-template diff of two (default: last two). Next: k8s_rollout_undo.",
  kind: "read",
  untrusted: ["$.revisions[*].changeCause", "$.diff.changes[*].from", "$.diff.changes[*].to"],
  input: external_exports.object({
    cluster: clusterArg,
    namespace: namespaceArg,
    kind: external_exports.enum(KINDS).default("Deployment"),
    name: external_exports.string().min(1),
    compare: external_exports.object({
      from: external_exports.number().int().min(1),
      to: external_exports.number().int().min(1)
    }).strict().optional().describe("Default: last two")
  }).strict(),
  output: external_exports.object({
    workload: external_exports.string().describe("Kind/namespace/name"),
    currentRevision: external_exports.number(),
    revisions: external_exports.array(
      external_exports.object({
        revision: external_exports.number(),
        replicaSet: external_exports.string().optional().describe("Deployments: the ReplicaSet of this revision"),
        controllerRevision: external_exports.string().optional().describe("StatefulSets and DaemonSets: the ControllerRevision of this revision"),
        images: external_exports.array(external_exports.string()),
        changeCause: external_exports.string().optional(),
        createdAt: external_exports.string(),
        replicas: external_exports.number(),
        current: external_exports.boolean()
      })
    ),
    diff: external_exports.object({
      from: external_exports.number(),
      to: external_exports.number(),
      changes: external_exports.array(
        external_exports.object({ path: external_exports.string(), from: external_exports.unknown().optional(), to: external_exports.unknown().optional() })
      )
    }).optional()
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, args),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const { kind, ...ref } = args;
    const { revisions } = kind === "Deployment" ? await deploymentRevisions(kube, ref) : await controllerRevisions(kube, { ...ref, kind });
    const current = revisions.find((r) => r.current)?.revision ?? revisions.at(-1)?.revision ?? 0;
    const pair = args.compare ?? (revisions.length >= 2 ? { from: revisions.at(-2).revision, to: current } : void 0);
    let changes;
    if (pair) {
      const from = revisions.find((r) => r.revision === pair.from);
      const to = revisions.find((r) => r.revision === pair.to);
      const known = revisions.map((r) => r.revision).join(", ");
      if (!from || !to)
        throw new Error(
          `revision ${!from ? pair.from : pair.to} of ${kind} ${args.namespace}/${args.name} does not exist (known: ${known})`
        );
      changes = { from: pair.from, to: pair.to, changes: diff(from.template, to.template) };
    }
    return {
      workload: `${kind}/${args.namespace}/${args.name}`,
      currentRevision: current,
      revisions: revisions.map(({ template: _t, ...r }) => r),
      ...changes ? { diff: changes } : {}
    };
  }
});

// tools/kubernetes/impact.ts
function rollingImpact(deployment) {
  const spec = deployment.spec ?? {};
  const replicas = spec.replicas ?? 1;
  if (spec.strategy?.type === "Recreate")
    return { pods: replicas, replicas, fractionOfService: 1, reversible: true };
  const unavailable2 = resolveIntOrPercent(
    spec.strategy?.rollingUpdate?.maxUnavailable ?? "25%",
    replicas,
    "down"
  );
  return {
    pods: replicas,
    replicas,
    fractionOfService: replicas ? Math.min(1, unavailable2 / replicas) : 0,
    reversible: true
  };
}
function resolveIntOrPercent(value, total, round5) {
  if (typeof value === "number") return value;
  const percent2 = Number.parseFloat(value);
  if (Number.isNaN(percent2)) throw new Error(`not an int or percentage: ${value}`);
  const raw = percent2 / 100 * total;
  return round5 === "down" ? Math.floor(raw) : Math.ceil(raw);
}

// tools/kubernetes/k8s_rollout_restart.ts
var RESTARTED_AT2 = "kubectl.kubernetes.io/restartedAt";
var input = external_exports.object({
  cluster: clusterArg,
  namespace: namespaceArg,
  name: external_exports.string().min(1),
  ...mutateArgs
}).strict();
var deploymentRef = (args) => kubeRef("Deployment", args);
var k8s_rollout_restart_default = defineTool({
  name: "k8s_rollout_restart",
  title: "Rollouts: Restart",
  description: "Rolling restart of a Deployment: for a stuck process or a leak, not a bad release (k8s_rollout_undo). Loops are denied.",
  kind: "mutate",
  annotations: { destructive: true, idempotent: false },
  input,
  output: external_exports.object({
    deployment: external_exports.string(),
    dryRun: external_exports.boolean(),
    restartedAt: external_exports.string(),
    replicas: external_exports.number(),
    message: external_exports.string()
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: "Deployment" }),
  context: deploymentContext,
  impact: async (args, ctx) => rollingImpact(await kubernetes(ctx.backends).get(deploymentRef(args))),
  snapshot: (args, ctx) => kubernetes(ctx.backends).get(deploymentRef(args)),
  handler: async (ctx, args) => {
    const restartedAt = ctx.clock.now().toISOString();
    const patched = await kubernetes(ctx.backends).patch(
      deploymentRef(args),
      { spec: { template: { metadata: { annotations: { [RESTARTED_AT2]: restartedAt } } } } },
      "strategic",
      { dryRun: args.dryRun }
    );
    const replicas = patched.spec.replicas ?? 1;
    return {
      deployment: `${args.namespace}/${args.name}`,
      dryRun: args.dryRun,
      restartedAt,
      replicas,
      message: args.dryRun ? `dry run: would replace ${replicas} pods of ${args.namespace}/${args.name}; nothing changed` : `restart of ${replicas} pods started; follow with k8s_rollout_status`
    };
  }
});

// tools/kubernetes/k8s_rollout_status.ts
var k8s_rollout_status_default = defineTool({
  name: "k8s_rollout_status",
  title: "Rollouts: Status",
  description: "A Deployment's rollout: complete, progressing or stuck, with replica counts and conditions. Stuck: k8s_pods_list.",
  kind: "read",
  untrusted: ["$.message", "$.conditions[*].message"],
  input: external_exports.object({
    cluster: clusterArg,
    namespace: namespaceArg,
    name: external_exports.string().min(1)
  }).strict(),
  output: external_exports.object({
    deployment: external_exports.string(),
    state: external_exports.enum(["complete", "progressing", "stuck", "paused"]),
    message: external_exports.string(),
    desired: external_exports.number(),
    updated: external_exports.number(),
    ready: external_exports.number(),
    available: external_exports.number(),
    conditions: external_exports.array(
      external_exports.object({
        type: external_exports.string(),
        status: external_exports.string(),
        reason: external_exports.string().optional(),
        message: external_exports.string().optional()
      })
    )
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: "Deployment" }),
  handler: async (ctx, args) => ({
    deployment: `${args.namespace}/${args.name}`,
    ...rolloutState(await kubernetes(ctx.backends).get(kubeRef("Deployment", args)))
  })
});

// tools/kubernetes/merge-patch.ts
function mergePatch(from, to) {
  const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(from) || !isObject(to)) return to;
  const patch = {};
  for (const key of /* @__PURE__ */ new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (!(key in to)) patch[key] = null;
    else if (JSON.stringify(from[key]) !== JSON.stringify(to[key]))
      patch[key] = mergePatch(from[key], to[key]);
  }
  return patch;
}

// tools/kubernetes/k8s_rollout_undo.ts
var k8s_rollout_undo_default = defineTool({
  name: "k8s_rollout_undo",
  title: "Rollouts: Undo",
  description: "Roll a Deployment back (default: one revision): the fix for a bad release. Check k8s_rollout_history first.",
  kind: "mutate",
  untrusted: ["$.changes[*].from", "$.changes[*].to"],
  annotations: { destructive: true, idempotent: false },
  input: external_exports.object({
    cluster: clusterArg,
    namespace: namespaceArg,
    name: external_exports.string().min(1),
    toRevision: external_exports.number().int().min(1).optional(),
    ...mutateArgs
  }).strict(),
  output: external_exports.object({
    deployment: external_exports.string(),
    dryRun: external_exports.boolean(),
    fromRevision: external_exports.number(),
    toRevision: external_exports.number(),
    images: external_exports.array(external_exports.string()),
    changes: external_exports.array(
      external_exports.object({ path: external_exports.string(), from: external_exports.unknown().optional(), to: external_exports.unknown().optional() })
    ),
    message: external_exports.string()
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: "Deployment" }),
  context: deploymentContext,
  impact: async (args, ctx) => rollingImpact(await kubernetes(ctx.backends).get(kubeRef("Deployment", args))),
  snapshot: async (args, ctx) => (await deploymentRevisions(kubernetes(ctx.backends), args)).deployment,
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const { deployment, revisions } = await deploymentRevisions(kube, args);
    const current = revisions.find((r) => r.current) ?? revisions.at(-1);
    if (!current) throw new Error(`${args.namespace}/${args.name} has no revisions to roll back to`);
    const target = args.toRevision ? revisions.find((r) => r.revision === args.toRevision) : revisions.filter((r) => r.revision < current.revision).at(-1);
    const known = revisions.map((r) => r.revision).join(", ");
    if (!target) {
      throw new Error(
        args.toRevision ? `revision ${args.toRevision} of ${args.namespace}/${args.name} does not exist (known: ${known})` : `${args.namespace}/${args.name} has no revision before ${current.revision} (known: ${known})`
      );
    }
    if (target.revision === current.revision)
      throw new Error(`${args.namespace}/${args.name} is already at revision ${target.revision}`);
    const liveTemplate = deployment.spec.template ?? {};
    await kube.patch(
      kubeRef("Deployment", args),
      { spec: { template: mergePatch(liveTemplate, target.template) } },
      "merge",
      { dryRun: args.dryRun }
    );
    return {
      deployment: `${args.namespace}/${args.name}`,
      dryRun: args.dryRun,
      fromRevision: current.revision,
      toRevision: target.revision,
      images: target.images,
      changes: diff(liveTemplate, target.template),
      message: args.dryRun ? `dry run: would roll back from revision ${current.revision} to ${target.revision} (${target.images.join(", ")}); nothing changed` : `rolling back to revision ${target.revision} (${target.images.join(", ")}); follow with k8s_rollout_status`
    };
  }
});

// tools/kubernetes/index.ts
var kubernetesTools = [
  k8s_pods_list_default,
  k8s_pod_logs_default,
  k8s_events_list_default,
  k8s_resource_get_default,
  k8s_rollout_history_default,
  k8s_rollout_status_default,
  k8s_nodes_list_default,
  k8s_rollout_restart_default,
  k8s_rollout_undo_default,
  k8s_deployment_scale_default,
  k8s_pod_delete_default,
  k8s_configmap_patch_default,
  k8s_node_cordon_default,
  k8s_node_uncordon_default,
  k8s_node_drain_default
];

// tools/prometheus/prom_alerts_list.ts
var prom_alerts_list_default = defineTool({
  name: "prom_alerts_list",
  title: "Prometheus: Alerts",
  description: "Prometheus' firing and pending alerts: labels, summary, since, rule. Next: prom_query_range, am_alerts_list.",
  kind: "read",
  untrusted: ["$.alerts[*].labels", "$.alerts[*].annotations"],
  input: external_exports.object({
    state: external_exports.enum(["firing", "pending"]).optional(),
    name: external_exports.string().min(1).optional().describe("Name contains"),
    labels: labelsSchema.optional()
  }).strict(),
  output: external_exports.object({
    firing: external_exports.number(),
    pending: external_exports.number(),
    alerts: external_exports.array(
      external_exports.object({
        name: external_exports.string(),
        state: external_exports.enum(["firing", "pending"]),
        activeAt: external_exports.string().optional(),
        value: external_exports.string().optional(),
        labels: labelsSchema.describe("Labels besides alertname"),
        annotations: labelsSchema,
        rule: external_exports.object({ group: external_exports.string(), query: external_exports.string(), forSeconds: external_exports.number().optional() })
      })
    ),
    hint: external_exports.string().optional()
  }),
  target: (args) => ({ ...promTarget(), ...args.labels?.service ? { service: args.labels.service } : {} }),
  handler: async (ctx, args) => {
    const rules = await prometheus(ctx.backends).rules({ signal: ctx.signal });
    const alerts = rules.filter((r) => r.type === "alerting" && (!args.name || r.name.includes(args.name))).flatMap(
      (r) => r.alerts.filter(
        (a) => a.state === "firing" || a.state === "pending"
      ).filter((a) => !args.state || a.state === args.state).filter((a) => Object.entries(args.labels ?? {}).every(([k, v]) => a.labels[k] === v)).map((a) => {
        const { alertname: _name, ...labels } = a.labels;
        return {
          name: r.name,
          state: a.state,
          ...a.activeAt ? { activeAt: a.activeAt } : {},
          ...a.value ? { value: a.value } : {},
          labels,
          annotations: a.annotations,
          rule: { group: r.group, query: r.query, ...r.forSeconds ? { forSeconds: r.forSeconds } : {} }
        };
      })
    ).sort(
      (a, b) => Number(b.state === "firing") - Number(a.state === "firing") || (a.activeAt ?? "").localeCompare(b.activeAt ?? "") || a.name.localeCompare(b.name)
    );
    const firing = alerts.filter((a) => a.state === "firing").length;
    return {
      firing,
      pending: alerts.length - firing,
      alerts,
      ...alerts.length === 0 ? {
        hint: "No alert is firing or pending with these filters; prom_rules_list shows every alerting rule and its health."
      } : {}
    };
  }
});

// tools/prometheus/prom_metrics_search.ts
var TOP_VALUES = 10;
var prom_metrics_search_default = defineTool({
  name: "prom_metrics_search",
  title: "Prometheus: Metrics Search",
  description: "Metric names by substring or /regex/ with type and help; with metric, its labels and top values. Next: prom_query.",
  kind: "read",
  untrusted: ["$.metrics[*].help", "$.labels[*].values[*].value"],
  input: external_exports.object({
    match: external_exports.string().min(1).superRefine((match, ctx) => {
      const regex = slashedRegex(match);
      if (regex !== void 0) refinePattern(regex, ctx);
    }).optional().describe("Substring or /RE2/"),
    metric: external_exports.string().min(1).optional().describe("Show its labels"),
    window: external_exports.string().default("1h"),
    limit: external_exports.number().int().min(1).max(500).default(100)
  }).strict(),
  output: external_exports.object({
    total: external_exports.number().describe("Matching metric names, or series of `metric`"),
    metrics: external_exports.array(
      external_exports.object({
        name: external_exports.string(),
        type: external_exports.string().describe('From metadata, else inferred from the name (then ends in "?")'),
        help: external_exports.string().optional(),
        unit: external_exports.string().optional()
      })
    ).optional(),
    labels: external_exports.array(
      external_exports.object({
        name: external_exports.string(),
        cardinality: external_exports.number().describe("Distinct values"),
        values: external_exports.array(external_exports.object({ value: external_exports.string(), series: external_exports.number() })).describe("Most common first")
      })
    ).optional(),
    hint: external_exports.string().optional()
  }),
  target: () => promTarget(),
  handler: async (ctx, args) => {
    const backend = prometheus(ctx.backends);
    const opts = { signal: ctx.signal };
    if (args.metric) {
      const end = ctx.clock.now();
      const start = new Date(end.getTime() - parseDuration(args.window));
      const series = await backend.series([args.metric], start, end, opts);
      const byLabel = /* @__PURE__ */ new Map();
      for (const labels2 of series) {
        for (const [name, value] of Object.entries(labels2)) {
          if (name === "__name__") continue;
          const values = byLabel.get(name) ?? /* @__PURE__ */ new Map();
          byLabel.set(name, values.set(value, (values.get(value) ?? 0) + 1));
        }
      }
      const labels = [...byLabel.entries()].map(([name, values]) => ({
        name,
        cardinality: values.size,
        values: [...values.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_VALUES).map(([value, count2]) => ({ value, series: count2 }))
      })).sort((a, b) => a.name.localeCompare(b.name));
      return {
        total: series.length,
        labels,
        ...series.length === 0 ? {
          hint: `No series of ${args.metric} in the last ${args.window}; find the name with prom_metrics_search match, or widen window.`
        } : {}
      };
    }
    const test = matcher(args.match);
    const [names, metadata] = await Promise.all([
      backend.labelValues("__name__", void 0, opts),
      backend.metadata(void 0, opts)
    ]);
    const found = names.filter(test).sort();
    return {
      total: found.length,
      metrics: found.slice(0, args.limit).map((name) => describeMetric(name, metadata[name])),
      ...found.length === 0 ? {
        hint: `No metric name matches ${JSON.stringify(args.match)}; try a shorter substring, e.g. "http" or "cpu".`
      } : found.length > args.limit ? { hint: `${found.length - args.limit} more names; narrow match or raise limit.` } : {}
    };
  }
});
function matcher(match) {
  if (!match) return () => true;
  const regex = slashedRegex(match);
  if (regex !== void 0) {
    const pattern = compilePattern(regex);
    return (name) => pattern.test(name);
  }
  const needle = match.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}
function slashedRegex(match) {
  return match?.match(/^\/(.+)\/$/)?.[1];
}
function describeMetric(name, meta) {
  if (meta)
    return {
      name,
      type: meta.type,
      ...meta.help ? { help: meta.help } : {},
      ...meta.unit ? { unit: meta.unit } : {}
    };
  return { name, type: inferType(name) };
}
function inferType(name) {
  if (name.endsWith("_total")) return "counter?";
  if (/_(bucket|sum|count)$/.test(name)) return "histogram?";
  return "unknown";
}

// src/shape/series.ts
var SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
var MIN_EFFECT = 3;
var MIN_SCORE = 8;
var MAX_CHANGE_POINTS = 2;
function round4(x) {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}
async function shapeRange(input2, opts) {
  const { common, differing } = splitLabels(input2.map((s) => s.labels));
  const pacer = new Pacer(opts.signal, 1);
  const summaries = [];
  for (const [i, s] of input2.entries()) {
    summaries.push({ ...summarizeSeries(s.samples, opts.shapeWidth ?? 24), labels: differing[i] });
    if (pacer.due()) await pacer.yield();
  }
  const order = summaries.map((s, i) => ({ s, i })).sort((a, b) => b.s.deviation - a.s.deviation || a.i - b.i).slice(0, opts.topK);
  const shown = order.map(({ s }) => s);
  let rawTruncated = false;
  if (opts.raw) {
    const perSeries = Math.max(1, Math.floor((opts.maxRawPoints ?? 1e3) / Math.max(1, shown.length)));
    for (const { s, i } of order) {
      const samples = input2[i].samples.filter((p) => Number.isFinite(p.v));
      if (samples.length > perSeries) rawTruncated = true;
      s.points = samples.slice(-perSeries).map((p) => [p.t / 1e3, round4(p.v)]);
    }
  }
  return {
    seriesCount: input2.length,
    commonLabels: common,
    omittedSeries: input2.length - shown.length,
    series: shown,
    ...rawTruncated ? { rawTruncated } : {}
  };
}
function summarizeSeries(samples, shapeWidth = 24) {
  const finite2 = samples.filter((p) => Number.isFinite(p.v));
  if (finite2.length === 0)
    return { labels: {}, samples: samples.length, changePoints: [], shape: "", deviation: 0 };
  const values = finite2.map((p) => p.v);
  const noise = noiseOf(values);
  const found = findChangePoints(values, noise);
  return {
    labels: {},
    samples: samples.length,
    stats: statsOf(values),
    changePoints: found.map(({ index, before, after }) => ({
      at: new Date(finite2[index].t).toISOString().replace(".000Z", "Z"),
      before: round4(before),
      after: round4(after),
      delta: round4(after - before)
    })),
    shape: sparkline(finite2, shapeWidth),
    deviation: round4(deviationOf(values, noise))
  };
}
function statsOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    first: round4(values[0]),
    last: round4(values[values.length - 1]),
    min: round4(sorted[0]),
    max: round4(sorted[sorted.length - 1]),
    mean: round4(mean2(values)),
    p95: round4(sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)])
  };
}
function noiseOf(values) {
  const diffs = values.slice(1).map((v, i) => Math.abs(v - values[i]));
  const typical = median2(diffs) * 1.4826 || mean2(diffs) * Math.sqrt(Math.PI) / 2;
  const sigma = typical / Math.SQRT2;
  const level = median2(values.map(Math.abs));
  return Math.max(sigma, level * 1e-6, 1e-12);
}
function mean2(values) {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
function median2(values) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function bestSplit(values, prefix, from, to, noise) {
  const n = to - from;
  const minSegment = Math.max(2, Math.floor(values.length / 50));
  let best;
  for (let k = from + minSegment; k <= to - minSegment; k++) {
    const left = k - from;
    const right = to - k;
    const before = (prefix[k] - prefix[from]) / left;
    const after = (prefix[to] - prefix[k]) / right;
    const effect = Math.abs(after - before) / noise;
    const score = effect * Math.sqrt(left * right / n);
    if (!best || score > best.score) best = { index: k, before, after, score, effect };
  }
  return best;
}
function findChangePoints(values, noise) {
  const prefix = [0];
  for (const v of values) prefix.push(prefix[prefix.length - 1] + v);
  const significant = (s) => !!s && s.effect >= MIN_EFFECT && s.score >= MIN_SCORE;
  const first = bestSplit(values, prefix, 0, values.length, noise);
  if (!significant(first)) return [];
  const second = [
    bestSplit(values, prefix, 0, first.index, noise),
    bestSplit(values, prefix, first.index, values.length, noise)
  ].filter(significant).sort((a, b) => b.score - a.score)[0];
  const cuts = (second ? [first.index, second.index] : [first.index]).sort((a, b) => a - b);
  const bounds = [0, ...cuts, values.length];
  const segmentMean = (i) => (prefix[bounds[i + 1]] - prefix[bounds[i]]) / (bounds[i + 1] - bounds[i]);
  return cuts.slice(0, MAX_CHANGE_POINTS).map((index, i) => ({ index, before: segmentMean(i), after: segmentMean(i + 1) }));
}
function deviationOf(values, noise) {
  if (values.length < 4) return 0;
  const prefix = [0];
  for (const v of values) prefix.push(prefix[prefix.length - 1] + v);
  const scale = Math.max(noise, 0.01 * median2(values.map(Math.abs)), 1e-12);
  const split = bestSplit(values, prefix, 0, values.length, scale);
  return split ? split.effect : 0;
}
function sparkline(points, width) {
  if (points.length === 0) return "";
  const t0 = points[0].t;
  const span = points[points.length - 1].t - t0;
  const spacing = median2(points.slice(1).map((p, i) => p.t - points[i].t));
  const buckets = Math.max(1, Math.min(width, spacing > 0 ? Math.round(span / spacing) + 1 : 1));
  const sums = new Array(buckets).fill(0);
  const counts2 = new Array(buckets).fill(0);
  for (const p of points) {
    const b = span === 0 ? 0 : Math.min(buckets - 1, Math.floor((p.t - t0) / span * buckets));
    sums[b] += p.v;
    counts2[b] += 1;
  }
  const means = sums.map((s, i) => counts2[i] ? s / counts2[i] : Number.NaN);
  const present = means.filter((m) => !Number.isNaN(m));
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return means.map((m) => {
    if (Number.isNaN(m)) return " ";
    if (hi === lo) return SPARKS[3];
    return SPARKS[Math.min(SPARKS.length - 1, Math.floor((m - lo) / (hi - lo) * SPARKS.length))];
  }).join("");
}
function splitLabels(all) {
  if (all.length <= 1) return { common: {}, differing: all.map((l) => ({ ...l })) };
  const common = {};
  for (const [key, value] of Object.entries(all[0])) {
    if (all.every((l) => l[key] === value)) common[key] = value;
  }
  const differing = all.map((l) => Object.fromEntries(Object.entries(l).filter(([k]) => !(k in common))));
  return { common, differing };
}

// tools/prometheus/prom_query.ts
var prom_query_default = defineTool({
  name: "prom_query",
  title: "Prometheus: Instant Query",
  description: "PromQL instant query (now or at time): series by value, shared labels once. Next: prom_query_range, prom_metrics_search.",
  kind: "read",
  untrusted: ["$.commonLabels", "$.series[*].labels"],
  input: external_exports.object({
    query: queryArg,
    time: external_exports.string().default("now").describe("now, -30m or RFC 3339"),
    limit: external_exports.number().int().min(1).max(200).default(50)
  }).strict(),
  output: external_exports.object({
    query: external_exports.string(),
    time: external_exports.string(),
    resultType: external_exports.enum(["vector", "scalar", "string"]),
    seriesCount: external_exports.number(),
    commonLabels: labelsSchema.describe("Labels every series shares, listed once"),
    series: external_exports.array(
      external_exports.object({
        labels: labelsSchema.describe("Labels beyond commonLabels"),
        value: external_exports.union([external_exports.number(), external_exports.enum(["NaN", "+Inf", "-Inf"])])
      })
    ),
    value: external_exports.union([external_exports.number(), external_exports.string()]).optional().describe("The result of a scalar or string query"),
    omittedSeries: external_exports.number(),
    hint: external_exports.string().optional()
  }),
  target: (args) => promTarget(args.query),
  handler: async (ctx, args) => {
    const backend = prometheus(ctx.backends);
    const time = parseTime(args.time, ctx.clock.now(), "time");
    const result = await backend.instantQuery(args.query, time, { signal: ctx.signal });
    const base = { query: args.query, time: iso(time), resultType: result.type };
    if (result.type !== "vector") {
      const value = typeof result.sample.v === "number" ? promValue(result.sample.v) : result.sample.v;
      return { ...base, seriesCount: 0, commonLabels: {}, series: [], value, omittedSeries: 0 };
    }
    checkSeriesCount(result.series.length, args.query, backend.limits);
    const sorted = [...result.series].sort((a, b) => byValueDesc(a.sample.v, b.sample.v));
    const shown = sorted.slice(0, args.limit);
    const { common, differing } = splitLabels(shown.map((s) => s.labels));
    return {
      ...base,
      seriesCount: result.series.length,
      commonLabels: common,
      series: shown.map((s, i) => ({ labels: differing[i], value: promValue(s.sample.v) })),
      omittedSeries: result.series.length - shown.length,
      ...result.series.length === 0 ? {
        hint: `No series for ${args.query} at ${iso(time)}; check names with prom_metrics_search, or try prom_query_range over a wider window.`
      } : result.series.length > shown.length ? {
        hint: `${result.series.length - shown.length} smaller series omitted; raise limit or aggregate with sum by (...).`
      } : {}
    };
  }
});
function byValueDesc(a, b) {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return b - a;
}
function promValue(v) {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "+Inf" : "-Inf";
  return round4(v);
}

// tools/prometheus/prom_query_range.ts
var MAX_RAW_POINTS = 1e3;
var prom_query_range_default = defineTool({
  name: "prom_query_range",
  title: "Prometheus: Range Query",
  description: "PromQL range query, per series: stats, change points, sparkline; most-moved first, to see what changed when. Next: k8s_rollout_history.",
  kind: "read",
  untrusted: ["$.commonLabels", "$.series[*].labels"],
  input: external_exports.object({
    query: queryArg,
    start: external_exports.string().default("-1h").describe("-6h or RFC 3339"),
    end: external_exports.string().default("now").describe("now, -5m or RFC 3339"),
    step: external_exports.string().optional().describe("e.g. 1m"),
    topK: external_exports.number().int().min(1).max(50).default(10),
    raw: external_exports.boolean().default(false)
  }).strict(),
  output: external_exports.object({
    query: external_exports.string(),
    start: external_exports.string(),
    end: external_exports.string(),
    step: external_exports.string(),
    stepNote: external_exports.string().optional().describe("Why the step differs from the one asked for"),
    ...shapedRangeFields,
    hint: external_exports.string().optional()
  }),
  target: (args) => promTarget(args.query),
  handler: async (ctx, args) => {
    const backend = prometheus(ctx.backends);
    const now = ctx.clock.now();
    const start = parseTime(args.start, now, "start");
    const end = parseTime(args.end, now, "end");
    checkRange(start, end, backend.limits);
    const requested = args.step === void 0 ? void 0 : parseDuration(args.step) / 1e3;
    if (requested !== void 0 && requested <= 0)
      throw new Error(`invalid step ${JSON.stringify(args.step)}: must be positive`);
    const stepSeconds = chooseStep(end.getTime() - start.getTime(), backend.limits.maxPoints, requested);
    const series = await backend.rangeQuery(args.query, start, end, stepSeconds, { signal: ctx.signal });
    checkSeriesCount(series.length, args.query, backend.limits);
    const shaped = await shapeRange(series, {
      topK: args.topK,
      raw: args.raw,
      maxRawPoints: MAX_RAW_POINTS,
      signal: ctx.signal
    });
    const step = formatDuration(stepSeconds * 1e3);
    return {
      query: args.query,
      start: iso(start),
      end: iso(end),
      step,
      ...requested !== void 0 && requested !== stepSeconds ? {
        stepNote: `step ${args.step} raised to ${step} to stay within ${backend.limits.maxPoints} points per series`
      } : {},
      ...shaped,
      ...series.length === 0 ? {
        hint: `No series for ${args.query} between ${iso(start)} and ${iso(end)}; check metric and label names with prom_metrics_search, or widen start.`
      } : shaped.omittedSeries > 0 ? {
        hint: `${shaped.omittedSeries} series that moved less are omitted; raise topK or narrow with a label matcher or sum by (...).`
      } : {}
    };
  }
});

// tools/prometheus/prom_rules_list.ts
var prom_rules_list_default = defineTool({
  name: "prom_rules_list",
  title: "Prometheus: Rules",
  description: "Recording and alerting rules by group: query, health, last error, active alerts; unhealthy first. Next: prom_alerts_list.",
  kind: "read",
  untrusted: ["$.rules[*].lastError"],
  input: external_exports.object({
    type: external_exports.enum(["alerting", "recording"]).optional(),
    name: external_exports.string().min(1).optional().describe("Name contains"),
    unhealthyOnly: external_exports.boolean().default(false),
    limit: external_exports.number().int().min(1).max(500).default(100)
  }).strict(),
  output: external_exports.object({
    total: external_exports.number(),
    unhealthy: external_exports.number(),
    rules: external_exports.array(
      external_exports.object({
        group: external_exports.string(),
        type: external_exports.enum(["alerting", "recording"]),
        name: external_exports.string(),
        query: external_exports.string(),
        health: external_exports.string(),
        lastError: external_exports.string().optional(),
        forSeconds: external_exports.number().optional(),
        firing: external_exports.number(),
        pending: external_exports.number()
      })
    ),
    hint: external_exports.string().optional()
  }),
  target: () => promTarget(),
  handler: async (ctx, args) => {
    const all = await prometheus(ctx.backends).rules({ signal: ctx.signal });
    const rules = all.filter((r) => !args.type || r.type === args.type).filter((r) => !args.name || r.name.includes(args.name)).filter((r) => !args.unhealthyOnly || r.health !== "ok").map((r) => ({
      group: r.group,
      type: r.type,
      name: r.name,
      query: r.query,
      health: r.health,
      ...r.lastError ? { lastError: r.lastError } : {},
      ...r.forSeconds ? { forSeconds: r.forSeconds } : {},
      firing: r.alerts.filter((a) => a.state === "firing").length,
      pending: r.alerts.filter((a) => a.state === "pending").length
    })).sort((a, b) => Number(a.health === "ok") - Number(b.health === "ok"));
    return {
      total: rules.length,
      unhealthy: rules.filter((r) => r.health !== "ok").length,
      rules: rules.slice(0, args.limit),
      ...rules.length === 0 ? {
        hint: all.length ? "No rule matches these filters; drop name or type." : "Prometheus has no rules loaded."
      } : rules.length > args.limit ? { hint: `${rules.length - args.limit} more rules; filter by type or name.` } : {}
    };
  }
});

// tools/prometheus/prom_targets_health.ts
var prom_targets_health_default = defineTool({
  name: "prom_targets_health",
  title: "Prometheus: Targets Health",
  description: "Scrape targets per pool: up/down counts; each down target's URL, labels, last error.",
  kind: "read",
  untrusted: ["$.unhealthy[*].labels", "$.unhealthy[*].lastError"],
  input: external_exports.object({
    pool: external_exports.string().min(1).optional().describe("Usually the job")
  }).strict(),
  output: external_exports.object({
    total: external_exports.number(),
    up: external_exports.number(),
    down: external_exports.number(),
    pools: external_exports.array(external_exports.object({ pool: external_exports.string(), up: external_exports.number(), down: external_exports.number() })),
    unhealthy: external_exports.array(
      external_exports.object({
        pool: external_exports.string(),
        url: external_exports.string(),
        health: external_exports.string(),
        labels: labelsSchema,
        lastError: external_exports.string(),
        lastScrape: external_exports.string()
      })
    ),
    hint: external_exports.string().optional()
  }),
  target: () => promTarget(),
  handler: async (ctx, args) => {
    const targets = (await prometheus(ctx.backends).targets({ signal: ctx.signal })).filter(
      (t) => !args.pool || t.scrapePool === args.pool
    );
    const pools = /* @__PURE__ */ new Map();
    for (const t of targets) {
      const row = pools.get(t.scrapePool) ?? { pool: t.scrapePool, up: 0, down: 0 };
      if (t.health === "up") row.up += 1;
      else row.down += 1;
      pools.set(t.scrapePool, row);
    }
    const unhealthy = targets.filter((t) => t.health !== "up").map((t) => ({
      pool: t.scrapePool,
      url: t.scrapeUrl,
      health: t.health,
      labels: t.labels,
      lastError: t.lastError,
      lastScrape: t.lastScrape
    }));
    return {
      total: targets.length,
      up: targets.length - unhealthy.length,
      down: unhealthy.length,
      pools: [...pools.values()].sort((a, b) => b.down - a.down || a.pool.localeCompare(b.pool)),
      unhealthy,
      ...targets.length === 0 ? {
        hint: args.pool ? `No targets in pool ${args.pool}; call without pool to see every pool.` : "Prometheus has no active scrape targets."
      } : {}
    };
  }
});

// tools/prometheus/index.ts
var prometheusTools = [
  prom_query_default,
  prom_query_range_default,
  prom_metrics_search_default,
  prom_alerts_list_default,
  prom_rules_list_default,
  prom_targets_health_default
];

// tools/runbooks/common.ts
function runbookService(backends) {
  if (!backends.runbooks) throw new Error("runbooks are not available on this server");
  return backends.runbooks;
}
var runbookNameArg = external_exports.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
var executionIdArg = external_exports.string().regex(/^rbx_[A-Za-z0-9]+$/);
var paramsArg = external_exports.record(external_exports.string(), external_exports.union([external_exports.string(), external_exports.number()])).default({}).describe("Parameter values by name");
var waitSecondsArg = external_exports.number().int().min(0).max(300).optional().describe("Follow the run this long");
var targetSchema = external_exports.object({
  key: external_exports.string().describe("One execution per key runs at a time"),
  kind: external_exports.string().optional(),
  namespace: external_exports.string().optional(),
  name: external_exports.string().optional()
});
var stepStatusSchema = external_exports.object({
  seq: external_exports.number().describe("Order in which steps ran, from 1"),
  id: external_exports.string(),
  title: external_exports.string(),
  kind: external_exports.enum(["action", "check", "approval", "wait"]),
  attempt: external_exports.number(),
  state: external_exports.enum(["running", "awaiting_approval", "done"]),
  outcome: external_exports.string().optional(),
  next: external_exports.string().optional(),
  startedAt: external_exports.string(),
  endedAt: external_exports.string().optional(),
  durationMs: external_exports.number().optional(),
  callIds: external_exports.array(external_exports.string()).describe("Audit log call ids (opswarden audit query --call-id)"),
  approvalId: external_exports.string().optional(),
  evidence: external_exports.record(external_exports.string(), external_exports.unknown()).describe("Decisions (effect, rules) per call, check values, approval decisions"),
  message: external_exports.string().optional()
});
var executionStatusFields = {
  id: external_exports.string(),
  runbook: external_exports.object({ name: external_exports.string(), version: external_exports.string(), digest: external_exports.string() }),
  params: external_exports.record(external_exports.string(), external_exports.union([external_exports.string(), external_exports.number()])),
  target: targetSchema,
  requester: external_exports.string(),
  reason: external_exports.string(),
  dryRun: external_exports.boolean(),
  state: external_exports.enum(["running", "finished"]),
  currentStep: external_exports.string().optional(),
  outcome: external_exports.enum(["resolved", "escalate", "failed", "cancelled"]).optional(),
  decidedBy: external_exports.string().optional().describe("The step that decided the outcome"),
  message: external_exports.string().optional(),
  cancelledBy: external_exports.string().optional(),
  startedAt: external_exports.string(),
  endedAt: external_exports.string().optional(),
  durationMs: external_exports.number(),
  steps: external_exports.array(stepStatusSchema),
  pendingApproval: external_exports.object({
    approvalId: external_exports.string(),
    step: external_exports.string(),
    approvers: external_exports.array(external_exports.string()),
    expiresAt: external_exports.string(),
    howToApprove: external_exports.array(external_exports.string())
  }).optional().describe("The human decision the run waits for; you cannot give it"),
  next: external_exports.string().describe("What to do now")
};
var executionStatusOutput = external_exports.object(executionStatusFields);
function withNext(s) {
  return { ...s, next: nextHint(s) };
}
function nextHint(s) {
  const follow = `Follow it with runbook_status {"id": "${s.id}", "waitSeconds": 60}.`;
  if (s.state === "running") {
    if (s.pendingApproval) {
      const a = s.pendingApproval;
      return `Waiting at step ${a.step} for a human with role ${a.approvers.join(" or ")} to approve ${a.approvalId} (expires ${a.expiresAt}). You cannot approve; tell the user. The run continues by itself once decided. ${follow}`;
    }
    return `Running step ${s.currentStep ?? "(starting)"}. ${follow}`;
  }
  const at = s.decidedBy ? ` at step ${s.decidedBy}` : "";
  switch (s.outcome) {
    case "resolved":
      return `Resolved${at}${s.dryRun ? " (dry run: nothing changed; checks, approvals and waits were skipped)" : ""}. Confirm with the metrics or alerts that paged.`;
    case "escalate":
      return `Ended escalate${at}: ${s.message ?? "a human must take over"}. Hand over to the on-call human; do not re-run it to get around a denial or rejection.`;
    case "failed":
      return `Failed${at}: ${s.message ?? "see the step evidence"}. Read the step's evidence and the audit records of its callIds before trying anything else.`;
    default:
      return `Cancelled${s.cancelledBy ? ` by ${s.cancelledBy}` : ""}${at}. Steps that already executed are not undone.`;
  }
}
async function runbookTarget(backends, runbook, target) {
  const environment = backends.kubernetes ? await namespaceEnvironment(backends.kubernetes, void 0, target.namespace) : void 0;
  return {
    kind: "Runbook",
    ...target.namespace ? { namespace: target.namespace } : {},
    name: target.name ?? runbook,
    labels: { runbook, target: target.key },
    ...environment ? { environment } : {}
  };
}
async function waitForRun(ctx, id, waitSeconds) {
  const runbooks = runbookService(ctx.backends);
  const current = runbooks.status(id);
  if (!current) throw new Error(`no runbook execution with id ${id}`);
  if (!waitSeconds || current.state === "finished" || current.pendingApproval) return current;
  const atApproval = new AbortController();
  let sent = 0;
  return runbooks.wait(id, {
    timeoutMs: waitSeconds * 1e3,
    signal: AbortSignal.any([ctx.signal, atApproval.signal]),
    onChange: (s) => {
      const progress = s.steps.length + s.steps.filter((x) => x.state === "done").length;
      if (progress > sent) {
        sent = progress;
        ctx.progress({ progress, message: progressMessage(s) }).catch(() => {
        });
      }
      if (s.pendingApproval) atApproval.abort();
    }
  });
}
function progressMessage(s) {
  const last = s.steps.at(-1);
  if (!last) return `${s.runbook.name}: starting`;
  const where = `${s.runbook.name} step ${last.seq} ${last.id} (${last.kind})`;
  if (last.state === "done") return `${where}: ${last.outcome}${last.next ? ` \u2192 ${last.next}` : ""}`;
  return `${where}: ${last.state === "awaiting_approval" ? "waiting for approval" : "running"}`;
}

// tools/runbooks/runbook_cancel.ts
var runbook_cancel_default = defineTool({
  name: "runbook_cancel",
  title: "Runbooks: Cancel",
  description: "Cancel a runbook execution: no further step starts; done steps stay done.",
  kind: "mutate",
  annotations: { destructive: false, idempotent: false },
  input: external_exports.object({ id: executionIdArg, ...mutateArgs }).strict(),
  output: executionStatusOutput,
  target: (args, ctx) => {
    const status = runbookService(ctx.backends).status(args.id);
    if (!status) throw new Error(`no runbook execution with id ${args.id}`);
    return runbookTarget(ctx.backends, status.runbook.name, status.target);
  },
  impact: () => ({}),
  handler: async (ctx, args) => {
    const runbooks = runbookService(ctx.backends);
    if (args.dryRun) {
      const status = runbooks.status(args.id);
      if (!status) throw new Error(`no runbook execution with id ${args.id}`);
      return {
        ...withNext(status),
        next: `dry run: would cancel ${args.id} at step ${status.currentStep ?? "-"}; nothing changed`
      };
    }
    return withNext(runbooks.cancel(args.id, ctx.principal, args.reason));
  }
});

// tools/runbooks/runbook_get.ts
function stepView(step) {
  const base = { id: step.id, title: step.title, kind: step.kind };
  switch (step.kind) {
    case "action":
      return {
        ...base,
        tool: step.tool,
        args: step.args,
        transitions: { executed: step.next, failed: step.onFailure }
      };
    case "check":
      return {
        ...base,
        check: {
          ...step.condition,
          forMs: step.forMs,
          intervalMs: step.intervalMs,
          timeoutMs: step.timeoutMs
        },
        transitions: { passed: step.onSuccess, timed_out: step.onFailure }
      };
    case "approval":
      return {
        ...base,
        approval: { message: step.message, approvers: step.approvers, ttlMs: step.ttlMs },
        transitions: { approved: step.next, rejected: step.onReject }
      };
    case "wait":
      return { ...base, wait: { durationMs: step.durationMs }, transitions: { waited: step.next } };
  }
}
var runbook_get_default = defineTool({
  name: "runbook_get",
  title: "Runbooks: Get",
  description: "One runbook: parameters, what it matches, its steps (tool and templated args, checks, approvals, waits). Next: runbook_plan.",
  kind: "read",
  input: external_exports.object({ name: runbookNameArg }).strict(),
  output: external_exports.object({
    name: external_exports.string(),
    version: external_exports.string(),
    digest: external_exports.string(),
    title: external_exports.string(),
    description: external_exports.string(),
    matches: external_exports.object({ categories: external_exports.array(external_exports.string()), signals: external_exports.array(external_exports.string()) }),
    params: external_exports.array(external_exports.record(external_exports.string(), external_exports.unknown())),
    steps: external_exports.array(
      external_exports.object({
        id: external_exports.string(),
        title: external_exports.string(),
        kind: external_exports.enum(["action", "check", "approval", "wait"]),
        tool: external_exports.string().optional(),
        args: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
        check: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
        approval: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
        wait: external_exports.object({ durationMs: external_exports.number() }).optional(),
        transitions: external_exports.record(external_exports.string(), external_exports.string())
      })
    )
  }),
  target: (args) => ({ kind: "Runbook", name: args.name }),
  handler: async (ctx, args) => {
    const service = runbookService(ctx.backends);
    const runbook = service.get(args.name);
    const unavailable2 = service.unavailable(args.name);
    if (unavailable2) throw new Error(`runbook ${args.name} cannot run here: ${unavailable2}`);
    if (!runbook) {
      const known = service.list().map((r) => r.name);
      throw new Error(`no runbook named ${args.name} (known: ${known.join(", ") || "none"})`);
    }
    return {
      name: runbook.name,
      version: runbook.version,
      digest: runbook.digest,
      title: runbook.title,
      description: runbook.description,
      matches: runbook.matches,
      params: runbook.params.map((p) => ({ ...p })),
      steps: runbook.steps.map(stepView)
    };
  }
});

// tools/runbooks/runbook_list.ts
var runbook_list_default = defineTool({
  name: "runbook_list",
  title: "Runbooks: List",
  description: "Runbooks this server can run: what they match (categories, signals), parameters, track record. Next: runbook_get, runbook_plan.",
  kind: "read",
  input: external_exports.object({
    category: external_exports.string().min(1).optional().describe("e.g. deploy"),
    signal: external_exports.string().min(1).optional().describe("e.g. db_pool_exhausted")
  }).strict(),
  output: external_exports.object({
    runbooks: external_exports.array(
      external_exports.object({
        name: external_exports.string(),
        version: external_exports.string(),
        title: external_exports.string(),
        description: external_exports.string(),
        matches: external_exports.object({ categories: external_exports.array(external_exports.string()), signals: external_exports.array(external_exports.string()) }),
        params: external_exports.array(
          external_exports.object({
            name: external_exports.string(),
            type: external_exports.string(),
            required: external_exports.boolean(),
            default: external_exports.union([external_exports.string(), external_exports.number()]).optional(),
            description: external_exports.string()
          })
        ),
        runs: external_exports.object({
          total: external_exports.number(),
          resolved: external_exports.number(),
          escalated: external_exports.number(),
          failed: external_exports.number()
        }),
        successRate: external_exports.number().nullable().describe("resolved / finished real runs; null before the first")
      })
    ),
    hint: external_exports.string().optional()
  }),
  target: () => ({ kind: "Runbook" }),
  handler: async (ctx, args) => {
    const all = runbookService(ctx.backends).list();
    const runbooks = all.filter((r) => !args.category || r.matches.categories.includes(args.category)).filter((r) => !args.signal || r.matches.signals.includes(args.signal)).map((r) => ({
      ...r,
      params: r.params.map((p) => ({
        name: p.name,
        type: p.type,
        required: p.required,
        ...p.default !== void 0 ? { default: p.default } : {},
        description: p.description
      }))
    }));
    const hint = !all.length ? "No runbooks are loaded (config: runbooks.dir)." : !runbooks.length ? `No runbook matches; known signals: ${[...new Set(all.flatMap((r) => r.matches.signals))].join(", ")}` : void 0;
    return { runbooks, ...hint ? { hint } : {} };
  }
});

// tools/runbooks/runbook_plan.ts
var runbook_plan_default = defineTool({
  name: "runbook_plan",
  title: "Runbooks: Plan",
  description: "What a run would do, without running: params, target, each step's arguments and today's policy decision. Next: runbook_run.",
  kind: "read",
  input: external_exports.object({ runbook: runbookNameArg, params: paramsArg }).strict(),
  output: external_exports.object({
    runbook: external_exports.object({ name: external_exports.string(), version: external_exports.string(), digest: external_exports.string(), title: external_exports.string() }),
    params: external_exports.record(external_exports.string(), external_exports.union([external_exports.string(), external_exports.number()])),
    target: external_exports.object({
      key: external_exports.string(),
      kind: external_exports.string().optional(),
      namespace: external_exports.string().optional(),
      name: external_exports.string().optional()
    }),
    steps: external_exports.array(
      external_exports.object({
        id: external_exports.string(),
        title: external_exports.string(),
        kind: external_exports.enum(["action", "check", "approval", "wait"]),
        transitions: external_exports.record(external_exports.string(), external_exports.string()),
        action: external_exports.object({
          tool: external_exports.string(),
          args: external_exports.record(external_exports.string(), external_exports.unknown()),
          effect: external_exports.enum(["allow", "escalate", "deny"]).optional(),
          rules: external_exports.array(external_exports.string()).optional(),
          impact: external_exports.object({
            pods: external_exports.number().optional(),
            replicas: external_exports.number().optional(),
            fractionOfService: external_exports.number().optional(),
            estimatedCostUsd: external_exports.number().optional(),
            reversible: external_exports.boolean().optional()
          }).optional(),
          approval: external_exports.object({ approvers: external_exports.array(external_exports.string()), channels: external_exports.array(external_exports.string()), ttlMs: external_exports.number() }).optional()
        }).optional(),
        check: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
        approval: external_exports.object({ message: external_exports.string(), approvers: external_exports.array(external_exports.string()), ttlMs: external_exports.number() }).optional(),
        wait: external_exports.object({ durationMs: external_exports.number() }).optional(),
        error: external_exports.string().optional()
      })
    ),
    needsApproval: external_exports.array(external_exports.string()).describe("Steps that will wait for a human"),
    denied: external_exports.array(external_exports.string()).describe("Steps the policy denies now: the run would end escalate there"),
    errors: external_exports.array(external_exports.object({ step: external_exports.string(), message: external_exports.string() }))
  }),
  target: (args) => ({ kind: "Runbook", name: args.runbook }),
  handler: async (ctx, args) => runbookService(ctx.backends).plan(args.runbook, args.params, ctx.principal)
});

// tools/runbooks/runbook_run.ts
var runbook_run_default = defineTool({
  name: "runbook_run",
  title: "Runbooks: Run",
  description: "Start a runbook; each action is gated on its own; a denied or rejected one ends the run. waitSeconds follows it. Next: runbook_status.",
  kind: "mutate",
  annotations: { destructive: true, idempotent: false },
  input: external_exports.object({
    runbook: runbookNameArg,
    params: paramsArg,
    waitSeconds: waitSecondsArg,
    ...mutateArgs
  }).strict(),
  output: executionStatusOutput,
  target: (args, ctx) => runbookTarget(
    ctx.backends,
    args.runbook,
    runbookService(ctx.backends).targetOf(args.runbook, args.params)
  ),
  // The run's own actions carry their impact to the policy, one by one.
  impact: () => ({}),
  handler: async (ctx, args) => {
    const started = runbookService(ctx.backends).start(args.runbook, args.params, {
      principal: ctx.principal,
      reason: args.reason,
      dryRun: args.dryRun
    });
    return withNext(await waitForRun(ctx, started.id, args.waitSeconds ?? 0));
  }
});

// tools/runbooks/runbook_status.ts
var runbook_status_default = defineTool({
  name: "runbook_status",
  title: "Runbooks: Status",
  description: "A runbook execution: state, steps with outcome and evidence, the approval it waits for. waitSeconds follows it.",
  kind: "read",
  input: external_exports.object({ id: executionIdArg, waitSeconds: waitSecondsArg }).strict(),
  output: executionStatusOutput,
  target: () => ({ kind: "Runbook" }),
  handler: async (ctx, args) => withNext(await waitForRun(ctx, args.id, args.waitSeconds ?? 0))
});

// tools/runbooks/index.ts
var runbookTools = [runbook_list_default, runbook_get_default, runbook_plan_default, runbook_run_default, runbook_status_default, runbook_cancel_default];

// tools/index.ts
var toolsets = {
  approvals: approvalTools,
  kubernetes: kubernetesTools,
  deploys: deployTools,
  alertmanager: alertmanagerTools,
  prometheus: prometheusTools,
  cloudwatch: cloudwatchTools,
  runbooks: runbookTools,
  incidents: incidentTools
};
var allTools = Object.values(toolsets).flat();

// src/approvals/result.ts
var approvalRequiredSchema = external_exports.object({
  status: external_exports.literal("approval_required"),
  approvalId: external_exports.string().describe("Pass this as approvalId when re-calling the same tool with the same arguments"),
  expiresAt: external_exports.string().describe("RFC 3339; after this the request is void and must be made again"),
  tool: external_exports.string(),
  matchedRules: external_exports.array(external_exports.object({ name: external_exports.string(), message: external_exports.string().optional() })),
  approvers: external_exports.array(external_exports.string()).describe("Roles that may approve (never the requester)"),
  howToApprove: external_exports.array(external_exports.string()).describe("Commands or endpoints a human approver uses"),
  next: external_exports.string().describe("What the agent should do now")
});
function howToApprove(approvalId, approvers) {
  return [
    `opswarden approvals approve ${approvalId} --token-file <approver token file> (server over HTTP), or --key <approver signing key> (on the store)`,
    `POST /v1/approvals/${approvalId}/approve (bearer token of a human with role ${approvers.join(" or ")})`
  ];
}

// src/published-schema.ts
var OUTPUT_LEVELS = 1;
var SAFE_INTEGER_BOUND = Number.MAX_SAFE_INTEGER;
function inputJsonSchema(input2) {
  return tidy(external_exports.toJSONSchema(input2, { io: "input" }), Number.POSITIVE_INFINITY, false);
}
function fullOutputJsonSchema(output) {
  const { $schema: _, ...schema } = external_exports.toJSONSchema(output, { io: "output" });
  return schema;
}
function outputJsonSchema(full) {
  return tidy(full, OUTPUT_LEVELS, true);
}
function bare(schema) {
  return JSON.parse(
    JSON.stringify(
      schema,
      (key, value) => key === "description" && typeof value === "string" ? void 0 : value
    )
  );
}
var FIELD_KEYS = /* @__PURE__ */ new Set(["properties", "required", "propertyNames", "additionalProperties"]);
function tidy(node, levels, output) {
  const kept = {};
  for (const [key, value] of Object.entries(node)) {
    if (isNoise(key, value, node, output)) continue;
    if (FIELD_KEYS.has(key) && levels <= 0) continue;
    if (key === "items" && levels <= 0) continue;
    kept[key] = tidyValue(key, value, levels, output);
  }
  return kept;
}
function isNoise(key, value, node, output) {
  switch (key) {
    case "$schema":
      return true;
    case "minimum":
    case "maximum":
      return Math.abs(value) === SAFE_INTEGER_BOUND;
    case "pattern":
      return typeof node.format === "string";
    case "minLength":
      return value === 1 && !output;
    case "type":
      return value === "string" && (Array.isArray(node.enum) || "const" in node);
    case "propertyNames":
      return JSON.stringify(value) === '{"type":"string"}';
    case "additionalProperties":
      return output && typeof value !== "object";
    default:
      return false;
  }
}
function tidyValue(key, value, levels, output) {
  if (key === "properties") {
    return Object.fromEntries(
      Object.entries(value).map(([name, schema]) => [
        name,
        tidy(schema, levels - 1, output)
      ])
    );
  }
  if (key === "items" || key === "additionalProperties" || key === "not") {
    return typeof value === "object" && value !== null ? tidy(value, levels, output) : value;
  }
  if (key === "anyOf" || key === "oneOf" || key === "allOf" || key === "prefixItems") {
    return value.map((alternative) => tidy(alternative, levels, output));
  }
  return value;
}

// src/shape/index.ts
var shapedOutputFields = {
  truncated: external_exports.object({
    originalBytes: external_exports.number().int(),
    keptBytes: external_exports.number().int(),
    omitted: external_exports.array(
      external_exports.object({
        path: external_exports.string(),
        items: external_exports.number().int().optional(),
        chars: external_exports.number().int().optional()
      })
    ),
    hint: external_exports.string()
  }).optional().describe(
    "Present when the output was cut to fit the byte budget: what was cut and how to get the rest."
  ),
  redactions: external_exports.number().int().optional().describe("Number of secrets masked in this output, when any.")
};
function shapeOutput(value, opts) {
  if (Array.isArray(value)) throw new TypeError("shapeOutput: tool output must be an object, got an array");
  const { value: masked, redactions } = redact(value);
  const counted = redactions > 0 ? { ...masked, redactions } : masked;
  const marker = opts.untrusted?.length ? { [UNTRUSTED_KEY]: [...opts.untrusted] } : {};
  const markerBytes = opts.untrusted?.length ? jsonBytes(marker) - 1 : 0;
  const { value: kept, truncated } = applyBudget(counted, opts.maxBytes - markerBytes);
  const shaped = { ...marker, ...kept, ...truncated ? { truncated } : {} };
  return { value: shaped, redactions, bytes: jsonBytes(shaped) };
}

// src/registry.ts
var approvalIdArg = external_exports.string().optional();
var dryRunPolicyField = external_exports.object({
  effect: external_exports.enum(["allow", "escalate", "deny"]),
  rules: external_exports.array(external_exports.string()),
  bundle: external_exports.string()
}).optional().describe("Dry runs: what the policy would decide for the real action");
var gateFields = bare(
  outputJsonSchema(fullOutputJsonSchema(external_exports.object({ ...shapedOutputFields, policy: dryRunPolicyField })))
).properties;
var pendingSchema = bare(outputJsonSchema(fullOutputJsonSchema(approvalRequiredSchema)));
function createRegistry(tools, opts = {}) {
  const byName = /* @__PURE__ */ new Map();
  for (const tool of tools) {
    if (byName.has(tool.name)) throw new Error(`duplicate tool name: ${tool.name}`);
    byName.set(tool.name, tool);
  }
  const withheld = new Map(opts.withheld);
  if (opts.readOnly) {
    for (const [name, tool] of byName) {
      if (tool.kind === "read") continue;
      byName.delete(name);
      withheld.set(name, { tool, by: "server.readOnly" });
    }
  }
  const described = [...byName.values()].map((tool) => ({ kind: tool.kind, listed: describeTool(tool) }));
  const listed = described.map((d) => d.listed);
  return {
    get: (name) => byName.get(name),
    tools: () => [...byName.values()],
    list: (kinds2) => kinds2 ? described.filter((d) => kinds2.has(d.kind)).map((d) => d.listed) : listed,
    withheld: (name) => byName.has(name) ? void 0 : withheld.get(name)
  };
}
function describeTool(tool) {
  const untrusted = tool.untrusted?.length ? [...tool.untrusted] : void 0;
  const mutate = tool.kind === "mutate";
  const input2 = mutate ? tool.input.extend({ approvalId: approvalIdArg }) : tool.input;
  const full = fullOutputJsonSchema(
    untrusted ? tool.output.extend({ [UNTRUSTED_KEY]: external_exports.array(external_exports.string()) }) : tool.output
  );
  const problems = untrusted ? untrustedPathProblems(untrusted, full) : [];
  if (problems.length) throw new Error(`tool ${tool.name}: ${problems.join("; ")}`);
  const own = outputJsonSchema(full);
  const { truncated, redactions, policy } = gateFields;
  const success = {
    ...own,
    properties: { ...own.properties, truncated, redactions, ...mutate ? { policy } : {} }
  };
  return {
    name: tool.name,
    title: tool.title,
    description: untrusted ? `${tool.description} ${UNTRUSTED_NOTE}` : tool.description,
    inputSchema: inputJsonSchema(input2),
    // Only mutate tools publish approval_required; a read held for approval answers a tool error (escalation.ts).
    outputSchema: mutate ? { type: "object", anyOf: [untyped(success), untyped(pendingSchema)] } : success,
    annotations: {
      title: tool.title,
      readOnlyHint: !mutate,
      ...mutate ? {
        destructiveHint: tool.annotations?.destructive ?? true,
        idempotentHint: tool.annotations?.idempotent ?? false
      } : {},
      openWorldHint: tool.annotations?.openWorld ?? false
    },
    ...untrusted ? { _meta: { [UNTRUSTED_META]: untrusted } } : {}
  };
}
function untyped({ type: _, ...schema }) {
  return schema;
}

// src/toolsets.ts
var CONFIG_SOURCES = {
  toolsets: "tools.toolsets",
  enable: "tools.enable",
  disable: "tools.disable"
};
function selectTools(toolsets2, extra, choice, sources = CONFIG_SOURCES) {
  const catalog = [...Object.values(toolsets2).flat(), ...extra];
  const toolNames = catalog.map((t) => t.name);
  const twin = toolNames.find((name, i) => toolNames.indexOf(name) !== i);
  if (twin) throw new Error(`duplicate tool name: ${twin}`);
  const problems = [
    ...unknownNames(choice.toolsets ?? [], Object.keys(toolsets2), sources.toolsets, "toolset"),
    ...unknownNames(choice.enable, toolNames, sources.enable, "tool"),
    ...unknownNames(choice.disable, toolNames, sources.disable, "tool"),
    ...choice.enable.filter((name) => choice.disable.includes(name)).map((name) => `${sources.enable} and ${sources.disable} both name ${name}`)
  ];
  if (problems.length) throw new ConfigError(problems.join("; "));
  const inToolsets = new Set(
    choice.toolsets === void 0 ? toolNames : [
      ...choice.toolsets.flatMap((set) => (toolsets2[set] ?? []).map((t) => t.name)),
      ...extra.map((t) => t.name)
    ]
  );
  const served = [];
  const withheld = /* @__PURE__ */ new Map();
  for (const tool of catalog) {
    if (choice.disable.includes(tool.name)) withheld.set(tool.name, { tool, by: sources.disable });
    else if (inToolsets.has(tool.name) || choice.enable.includes(tool.name)) served.push(tool);
    else withheld.set(tool.name, { tool, by: sources.toolsets });
  }
  if (!served.length)
    throw new ConfigError(
      `no tool is served: ${sources.toolsets} [${choice.toolsets?.join(", ")}] and ${sources.enable} select none`
    );
  return { served, withheld };
}
function unknownNames(names, known, source, what) {
  return names.flatMap((name, i) => {
    if (known.includes(name)) return [];
    const likely = closestName(name, known);
    const hint = likely ? `did you mean "${likely}"?` : `known: ${known.join(", ")}`;
    const place = source.startsWith("--") ? source : `${source}[${i}]`;
    return [`${place}: unknown ${what} "${name}" (${hint})`];
  });
}
function servedRegistry(toolsets2, extra, config) {
  const { served, withheld } = selectTools(toolsets2, extra, config.tools);
  return createRegistry(served, { readOnly: config.server.readOnly, withheld });
}
var TOOL_FLAG_OPTIONS = {
  toolsets: { type: "string" },
  "enable-tools": { type: "string" },
  "disable-tools": { type: "string" }
};
var TOOL_FLAGS_HELP = `  --toolsets <a,b>   Serve only these toolsets (kubernetes, prometheus, alertmanager,
                     cloudwatch, incidents, runbooks, deploys, approvals); replaces tools.toolsets
  --enable-tools <t,u>
                     Serve these tools too, by name; replaces tools.enable
  --disable-tools <t,u>
                     Never serve these tools; replaces tools.disable`;
function withToolFlags(tools, flags, toolsets2, extra = []) {
  const list = (text) => text.split(",").map((name) => name.trim()).filter(Boolean);
  const merged = {
    ...tools,
    ...flags.toolsets !== void 0 ? { toolsets: list(flags.toolsets) } : {},
    ...flags["enable-tools"] !== void 0 ? { enable: list(flags["enable-tools"]) } : {},
    ...flags["disable-tools"] !== void 0 ? { disable: list(flags["disable-tools"]) } : {}
  };
  selectTools(toolsets2, extra, merged, {
    toolsets: flags.toolsets !== void 0 ? "--toolsets" : CONFIG_SOURCES.toolsets,
    enable: flags["enable-tools"] !== void 0 ? "--enable-tools" : CONFIG_SOURCES.enable,
    disable: flags["disable-tools"] !== void 0 ? "--disable-tools" : CONFIG_SOURCES.disable
  });
  return merged;
}

export {
  PatternError,
  compilePattern,
  cachedPattern,
  literalPattern,
  parseMatcher,
  parseMatchers,
  matchesLabels,
  resolveDeployments,
  rolloutEntries,
  ERROR_RATIO_SIGNAL,
  incidentScope,
  concernsChange,
  topologyOf,
  IncidentRecords,
  kpisForMetrics,
  openIncidentCount,
  rolloutState,
  toolsets,
  allTools,
  howToApprove,
  shapeOutput,
  selectTools,
  servedRegistry,
  TOOL_FLAG_OPTIONS,
  TOOL_FLAGS_HELP,
  withToolFlags
};
/*! Bundled license information:

re2js/build/index.js:
  (*!
  * re2js
  * RE2JS is the JavaScript port of RE2, a regular expression engine that provides linear time matching
  *
  * @version v2.10.0
  * @author Oleksii Vasyliev
  * @homepage https://github.com/le0pard/re2js#readme
  * @repository [object Object]
  * @license MIT
  *)
*/

import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  describeIssues
} from "./chunk-C45OCBOW.js";
import {
  external_exports
} from "./chunk-ERFH3KHH.js";

// src/incidents/records/payload.ts
var MAX_ALERTS_PER_POST = 1e4;
var time = external_exports.iso.datetime({
  offset: true,
  error: "expected an RFC 3339 time such as 2026-04-25T14:08:00Z"
});
var labels = external_exports.record(external_exports.string(), external_exports.string());
var genericAlertSchema = external_exports.object({
  fingerprint: external_exports.string().min(1).max(128).optional(),
  labels: labels.refine((l) => Boolean(l.alertname), {
    error: "needs an alertname label (the name of the rule that fired)"
  }),
  annotations: labels.optional(),
  status: external_exports.enum(["firing", "resolved"]).default("firing"),
  startsAt: time,
  endsAt: time.optional(),
  generatorURL: external_exports.string().optional()
}).strict();
var genericBatchSchema = external_exports.object({ alerts: external_exports.array(genericAlertSchema).min(1).max(MAX_ALERTS_PER_POST) }).strict();
var webhookAlertSchema = external_exports.object({
  status: external_exports.enum(["firing", "resolved"]),
  labels: labels.refine((l) => Object.keys(l).length > 0, { error: "needs at least one label" }),
  annotations: labels.default({}),
  startsAt: time,
  endsAt: time.optional(),
  generatorURL: external_exports.string().optional(),
  fingerprint: external_exports.string().min(1).max(128).optional()
});
var webhookSchema = external_exports.object({
  version: external_exports.literal("4", { error: 'expected "4" (Alertmanager webhook payload version 4)' }),
  groupKey: external_exports.string().optional(),
  status: external_exports.enum(["firing", "resolved"]).optional(),
  receiver: external_exports.string().optional(),
  groupLabels: labels.optional(),
  commonLabels: labels.optional(),
  commonAnnotations: labels.optional(),
  externalURL: external_exports.string().optional(),
  truncatedAlerts: external_exports.number().int().nonnegative().optional(),
  alerts: external_exports.array(webhookAlertSchema).max(MAX_ALERTS_PER_POST)
});
var AlertPayloadError = class extends Error {
  name = "AlertPayloadError";
};
function parseAlertmanagerWebhook(body) {
  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success) throw new AlertPayloadError(describeIssues(parsed.error.issues, 5));
  const { alerts, groupKey, receiver, truncatedAlerts } = parsed.data;
  return {
    alerts: alerts.map(({ generatorURL, fingerprint, endsAt, ...alert }) => ({
      ...alert,
      ...endsAt ? { endsAt } : {},
      ...generatorURL ? { generatorURL } : {},
      ...fingerprint ? { fingerprint } : {}
    })),
    ...groupKey ? { groupKey } : {},
    ...receiver ? { receiver } : {},
    truncatedAlerts: truncatedAlerts ?? 0
  };
}
function parseGenericAlerts(body) {
  const batch = typeof body === "object" && body !== null && "alerts" in body;
  const parsed = batch ? genericBatchSchema.safeParse(body) : genericAlertSchema.safeParse(body);
  if (!parsed.success) throw new AlertPayloadError(describeIssues(parsed.error.issues, 5));
  return "alerts" in parsed.data ? parsed.data.alerts : [parsed.data];
}

// src/changes/event.ts
var CHANGE_KINDS = [
  "deploy",
  "config",
  "feature_flag",
  "database_migration",
  "infrastructure",
  "third_party",
  "other"
];
var MAX_EVENTS_PER_POST = 500;
var ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
var MAX_DATA_DEPTH = 16;
function nestedDeeperThan(value, limit) {
  if (value === null || typeof value !== "object") return false;
  if (limit === 0) return true;
  return Object.values(value).some((item) => nestedDeeperThan(item, limit - 1));
}
var changeEventInputSchema = external_exports.object({
  id: external_exports.string().regex(ID, "letters, digits and . _ : / - (at most 128), starting with a letter or digit").optional().describe("Your id for the change (e.g. flag-4411); re-posting an id replaces that event"),
  at: external_exports.iso.datetime({ offset: true, error: "expected an RFC 3339 time such as 2026-04-25T14:08:00Z" }).optional().describe("RFC 3339 time of the change; when it was received if omitted"),
  kind: external_exports.enum(CHANGE_KINDS).describe("What sort of change"),
  service: external_exports.string().min(1).max(253).optional().describe("The service it concerns"),
  namespace: external_exports.string().min(1).max(63).optional().describe("The Kubernetes namespace it concerns"),
  summary: external_exports.string().trim().min(1).max(1e3).describe("One line a human reads"),
  actor: external_exports.string().min(1).max(200).optional().describe("Who or what made the change"),
  source: external_exports.string().min(1).max(200).optional().describe("The posting system, e.g. github-actions"),
  url: external_exports.url({ protocol: /^https?$/, error: "expected an http(s) URL" }).optional().describe("Where to read more (pipeline run, flag)"),
  data: external_exports.record(external_exports.string(), external_exports.unknown()).refine((data) => !nestedDeeperThan(data, MAX_DATA_DEPTH), {
    error: `nested deeper than ${MAX_DATA_DEPTH} levels`
  }).optional().describe("Anything else, kept as posted")
}).strict();
var batchSchema = external_exports.object({ events: external_exports.array(changeEventInputSchema).min(1).max(MAX_EVENTS_PER_POST) }).strict();
var ChangeEventError = class extends Error {
  name = "ChangeEventError";
};
function parseChangeEvents(body) {
  const batch = typeof body === "object" && body !== null && "events" in body;
  const parsed = batch ? batchSchema.safeParse(body) : changeEventInputSchema.safeParse(body);
  if (!parsed.success) throw new ChangeEventError(describeIssues(parsed.error.issues));
  return "events" in parsed.data ? parsed.data.events : [parsed.data];
}

export {
  AlertPayloadError,
  parseAlertmanagerWebhook,
  parseGenericAlerts,
  CHANGE_KINDS,
  ChangeEventError,
  parseChangeEvents
};

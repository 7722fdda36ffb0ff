import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  CHANGE_KINDS
} from "./chunk-G3YMTDM4.js";

// src/sandbox/run/aws-credentials.ts
function useSandboxAwsCredentials() {
  process.env.AWS_ACCESS_KEY_ID ??= "opswarden-sandbox";
  process.env.AWS_SECRET_ACCESS_KEY ??= "opswarden-sandbox";
}

// src/sandbox/run/changes.ts
function scenarioChangeEvents(scenario) {
  const known = new Set(CHANGE_KINDS);
  return scenario.spec.changes.map((change) => ({
    id: change.id,
    at: change.at.toISOString(),
    kind: known.has(change.kind) ? change.kind : "other",
    ...change.service ? { service: change.service } : {},
    summary: change.summary,
    source: "opswarden-sandbox",
    ...known.has(change.kind) ? {} : { data: { kind: change.kind } }
  }));
}

export {
  useSandboxAwsCredentials,
  scenarioChangeEvents
};

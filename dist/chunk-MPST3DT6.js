import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  redactString
} from "./chunk-7MTLSPUB.js";

// src/dispatch/result.ts
var ProtocolError = class extends Error {
  name = "ProtocolError";
};
function success(callId, payload, outcome, effect) {
  return {
    isError: false,
    structuredContent: payload,
    text: JSON.stringify(payload),
    callId,
    outcome,
    effect
  };
}
function failure(callId, message, outcome, effect) {
  const text = redactString(message).text;
  return { isError: true, text, callId, outcome, ...effect ? { effect } : {} };
}

export {
  ProtocolError,
  success,
  failure
};

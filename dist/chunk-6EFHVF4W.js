import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  CheckpointStore,
  checkpointDigest,
  keyIdOf,
  parseCheckpointLine,
  signCheckpoint,
  signatureProblem
} from "./chunk-23ILXJAD.js";
import {
  package_default
} from "./chunk-VVI6NIWC.js";
import {
  createBackends,
  loadOnce
} from "./chunk-W6PWXQFJ.js";
import {
  AuditLog,
  migrateAudit
} from "./chunk-JF3SIGD5.js";
import {
  ERROR_RATIO_SIGNAL,
  IncidentRecords,
  PatternError,
  allTools,
  cachedPattern,
  concernsChange,
  howToApprove,
  incidentScope,
  kpisForMetrics,
  openIncidentCount,
  resolveDeployments,
  rolloutEntries,
  rolloutState,
  servedRegistry,
  shapeOutput,
  toolsets,
  topologyOf
} from "./chunk-BCXWD7VT.js";
import {
  buildPolicyInput,
  historyFor,
  inChangeFreeze,
  resolveEnvironment,
  targetKey,
  workloadKey
} from "./chunk-EXTBH5EI.js";
import {
  DEFAULT_APPROVAL,
  bundleSchema,
  describeIssues,
  loadBundleFile,
  requiredMessage
} from "./chunk-NLPXBWST.js";
import {
  closestName
} from "./chunk-GFKUMQPK.js";
import {
  ROOT_CAUSE_CATEGORIES
} from "./chunk-SAMT74J2.js";
import {
  ProtocolError,
  failure,
  success
} from "./chunk-MPST3DT6.js";
import {
  ApprovalError,
  ApprovalStore,
  ChangeStore,
  MAX_CHANGE_LIMIT,
  requesterOf
} from "./chunk-BWUYPZKP.js";
import {
  inImmediateTransaction,
  maskEchoes,
  migrate,
  openDatabase,
  redact,
  redactString,
  removedSecrets
} from "./chunk-7MTLSPUB.js";
import {
  ACCESS_RULE,
  ConfigError,
  entryModuleUrl,
  queriesFor,
  toolAccessDenial
} from "./chunk-IMRIVU32.js";
import {
  sealFromConfig
} from "./chunk-HI7OID35.js";
import {
  yamlPath
} from "./chunk-C45OCBOW.js";
import {
  canonicalJson,
  parseDuration,
  sha256Hex
} from "./chunk-E2EGGSXF.js";
import {
  external_exports
} from "./chunk-ERFH3KHH.js";
import {
  yaml
} from "./chunk-QXZT5HPF.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-PB6ZSKJE.js";

// node_modules/pino-std-serializers/lib/err-helpers.js
var require_err_helpers = __commonJS({
  "node_modules/pino-std-serializers/lib/err-helpers.js"(exports, module) {
    "use strict";
    var isErrorLike = (err) => {
      return err && typeof err.message === "string";
    };
    var getErrorCause = (err) => {
      if (!err) return;
      const cause = err.cause;
      if (typeof cause === "function") {
        const causeResult = err.cause();
        return isErrorLike(causeResult) ? causeResult : void 0;
      } else {
        return isErrorLike(cause) ? cause : void 0;
      }
    };
    var _stackWithCauses = (err, seen) => {
      if (!isErrorLike(err)) return "";
      const stack = err.stack || "";
      if (seen.has(err)) {
        return stack + "\ncauses have become circular...";
      }
      const cause = getErrorCause(err);
      if (cause) {
        seen.add(err);
        return stack + "\ncaused by: " + _stackWithCauses(cause, seen);
      } else {
        return stack;
      }
    };
    var stackWithCauses = (err) => _stackWithCauses(err, /* @__PURE__ */ new Set());
    var _messageWithCauses = (err, seen, skip) => {
      if (!isErrorLike(err)) return "";
      const message = skip ? "" : err.message || "";
      if (seen.has(err)) {
        return message + ": ...";
      }
      const cause = getErrorCause(err);
      if (cause) {
        seen.add(err);
        const skipIfVErrorStyleCause = typeof err.cause === "function";
        return message + (skipIfVErrorStyleCause ? "" : ": ") + _messageWithCauses(cause, seen, skipIfVErrorStyleCause);
      } else {
        return message;
      }
    };
    var messageWithCauses = (err) => _messageWithCauses(err, /* @__PURE__ */ new Set());
    module.exports = {
      isErrorLike,
      getErrorCause,
      stackWithCauses,
      messageWithCauses
    };
  }
});

// node_modules/pino-std-serializers/lib/err-proto.js
var require_err_proto = __commonJS({
  "node_modules/pino-std-serializers/lib/err-proto.js"(exports, module) {
    "use strict";
    var seen = /* @__PURE__ */ Symbol("circular-ref-tag");
    var rawSymbol = /* @__PURE__ */ Symbol("pino-raw-err-ref");
    var pinoErrProto = Object.create({}, {
      type: {
        enumerable: true,
        writable: true,
        value: void 0
      },
      message: {
        enumerable: true,
        writable: true,
        value: void 0
      },
      stack: {
        enumerable: true,
        writable: true,
        value: void 0
      },
      aggregateErrors: {
        enumerable: true,
        writable: true,
        value: void 0
      },
      raw: {
        enumerable: false,
        get: function() {
          return this[rawSymbol];
        },
        set: function(val) {
          this[rawSymbol] = val;
        }
      }
    });
    Object.defineProperty(pinoErrProto, rawSymbol, {
      writable: true,
      value: {}
    });
    module.exports = {
      pinoErrProto,
      pinoErrorSymbols: {
        seen,
        rawSymbol
      }
    };
  }
});

// node_modules/pino-std-serializers/lib/err.js
var require_err = __commonJS({
  "node_modules/pino-std-serializers/lib/err.js"(exports, module) {
    "use strict";
    module.exports = errSerializer;
    var { messageWithCauses, stackWithCauses, isErrorLike } = require_err_helpers();
    var { pinoErrProto, pinoErrorSymbols } = require_err_proto();
    var { seen } = pinoErrorSymbols;
    var { toString } = Object.prototype;
    function errSerializer(err) {
      if (!isErrorLike(err)) {
        return err;
      }
      err[seen] = void 0;
      const _err = Object.create(pinoErrProto);
      _err.type = toString.call(err.constructor) === "[object Function]" ? err.constructor.name : err.name;
      _err.message = messageWithCauses(err);
      _err.stack = stackWithCauses(err);
      if (Array.isArray(err.errors)) {
        _err.aggregateErrors = err.errors.map((err2) => errSerializer(err2));
      }
      for (const key in err) {
        if (_err[key] === void 0) {
          const val = err[key];
          if (isErrorLike(val)) {
            if (key !== "cause" && !Object.prototype.hasOwnProperty.call(val, seen)) {
              _err[key] = errSerializer(val);
            }
          } else {
            _err[key] = val;
          }
        }
      }
      delete err[seen];
      _err.raw = err;
      return _err;
    }
  }
});

// node_modules/pino-std-serializers/lib/err-with-cause.js
var require_err_with_cause = __commonJS({
  "node_modules/pino-std-serializers/lib/err-with-cause.js"(exports, module) {
    "use strict";
    module.exports = errWithCauseSerializer;
    var { isErrorLike } = require_err_helpers();
    var { pinoErrProto, pinoErrorSymbols } = require_err_proto();
    var { seen } = pinoErrorSymbols;
    var { toString } = Object.prototype;
    function errWithCauseSerializer(err) {
      if (!isErrorLike(err)) {
        return err;
      }
      err[seen] = void 0;
      const _err = Object.create(pinoErrProto);
      _err.type = toString.call(err.constructor) === "[object Function]" ? err.constructor.name : err.name;
      _err.message = err.message;
      _err.stack = err.stack;
      if (Array.isArray(err.errors)) {
        _err.aggregateErrors = err.errors.map((err2) => errWithCauseSerializer(err2));
      }
      if (isErrorLike(err.cause) && !Object.prototype.hasOwnProperty.call(err.cause, seen)) {
        _err.cause = errWithCauseSerializer(err.cause);
      }
      for (const key in err) {
        if (_err[key] === void 0) {
          const val = err[key];
          if (isErrorLike(val)) {
            if (!Object.prototype.hasOwnProperty.call(val, seen)) {
              _err[key] = errWithCauseSerializer(val);
            }
          } else {
            _err[key] = val;
          }
        }
      }
      delete err[seen];
      _err.raw = err;
      return _err;
    }
  }
});

// node_modules/pino-std-serializers/lib/req.js
var require_req = __commonJS({
  "node_modules/pino-std-serializers/lib/req.js"(exports, module) {
    "use strict";
    module.exports = {
      mapHttpRequest,
      reqSerializer
    };
    var rawSymbol = /* @__PURE__ */ Symbol("pino-raw-req-ref");
    var pinoReqProto = Object.create({}, {
      id: {
        enumerable: true,
        writable: true,
        value: ""
      },
      method: {
        enumerable: true,
        writable: true,
        value: ""
      },
      url: {
        enumerable: true,
        writable: true,
        value: ""
      },
      query: {
        enumerable: true,
        writable: true,
        value: ""
      },
      params: {
        enumerable: true,
        writable: true,
        value: ""
      },
      headers: {
        enumerable: true,
        writable: true,
        value: {}
      },
      remoteAddress: {
        enumerable: true,
        writable: true,
        value: ""
      },
      remotePort: {
        enumerable: true,
        writable: true,
        value: ""
      },
      raw: {
        enumerable: false,
        get: function() {
          return this[rawSymbol];
        },
        set: function(val) {
          this[rawSymbol] = val;
        }
      }
    });
    Object.defineProperty(pinoReqProto, rawSymbol, {
      writable: true,
      value: {}
    });
    function reqSerializer(req) {
      const connection = req.info || req.socket;
      const _req = Object.create(pinoReqProto);
      _req.id = typeof req.id === "function" ? req.id() : req.id || (req.info ? req.info.id : void 0);
      _req.method = req.method;
      if (req.originalUrl) {
        _req.url = req.originalUrl;
      } else {
        const path = req.path;
        _req.url = typeof path === "string" ? path : req.url ? req.url.path || req.url : void 0;
      }
      if (req.query) {
        _req.query = req.query;
      }
      if (req.params) {
        _req.params = req.params;
      }
      _req.headers = req.headers;
      _req.remoteAddress = connection && connection.remoteAddress;
      _req.remotePort = connection && connection.remotePort;
      _req.raw = req.raw || req;
      return _req;
    }
    function mapHttpRequest(req) {
      return {
        req: reqSerializer(req)
      };
    }
  }
});

// node_modules/pino-std-serializers/lib/res.js
var require_res = __commonJS({
  "node_modules/pino-std-serializers/lib/res.js"(exports, module) {
    "use strict";
    module.exports = {
      mapHttpResponse,
      resSerializer
    };
    var rawSymbol = /* @__PURE__ */ Symbol("pino-raw-res-ref");
    var pinoResProto = Object.create({}, {
      statusCode: {
        enumerable: true,
        writable: true,
        value: 0
      },
      headers: {
        enumerable: true,
        writable: true,
        value: ""
      },
      raw: {
        enumerable: false,
        get: function() {
          return this[rawSymbol];
        },
        set: function(val) {
          this[rawSymbol] = val;
        }
      }
    });
    Object.defineProperty(pinoResProto, rawSymbol, {
      writable: true,
      value: {}
    });
    function resSerializer(res) {
      const _res = Object.create(pinoResProto);
      _res.statusCode = res.headersSent ? res.statusCode : null;
      _res.headers = res.getHeaders ? res.getHeaders() : res._headers;
      _res.raw = res;
      return _res;
    }
    function mapHttpResponse(res) {
      return {
        res: resSerializer(res)
      };
    }
  }
});

// node_modules/pino-std-serializers/index.js
var require_pino_std_serializers = __commonJS({
  "node_modules/pino-std-serializers/index.js"(exports, module) {
    "use strict";
    var errSerializer = require_err();
    var errWithCauseSerializer = require_err_with_cause();
    var reqSerializers = require_req();
    var resSerializers = require_res();
    module.exports = {
      err: errSerializer,
      errWithCause: errWithCauseSerializer,
      mapHttpRequest: reqSerializers.mapHttpRequest,
      mapHttpResponse: resSerializers.mapHttpResponse,
      req: reqSerializers.reqSerializer,
      res: resSerializers.resSerializer,
      wrapErrorSerializer: function wrapErrorSerializer(customSerializer) {
        if (customSerializer === errSerializer) return customSerializer;
        return function wrapErrSerializer(err) {
          return customSerializer(errSerializer(err));
        };
      },
      wrapRequestSerializer: function wrapRequestSerializer(customSerializer) {
        if (customSerializer === reqSerializers.reqSerializer) return customSerializer;
        return function wrappedReqSerializer(req) {
          return customSerializer(reqSerializers.reqSerializer(req));
        };
      },
      wrapResponseSerializer: function wrapResponseSerializer(customSerializer) {
        if (customSerializer === resSerializers.resSerializer) return customSerializer;
        return function wrappedResSerializer(res) {
          return customSerializer(resSerializers.resSerializer(res));
        };
      }
    };
  }
});

// node_modules/pino/lib/caller.js
var require_caller = __commonJS({
  "node_modules/pino/lib/caller.js"(exports, module) {
    "use strict";
    var util = __require("node:util");
    var getCallSites = util.getCallSites ?? util.getCallSite;
    function noOpPrepareStackTrace(_, stack) {
      return stack;
    }
    module.exports = function getCallers() {
      if (getCallSites) {
        return getCallSites().slice(2).map((callSite) => callSite.scriptName);
      }
      const originalPrepare = Error.prepareStackTrace;
      Error.prepareStackTrace = noOpPrepareStackTrace;
      const stack = new Error().stack;
      Error.prepareStackTrace = originalPrepare;
      if (!Array.isArray(stack)) {
        return void 0;
      }
      const entries = stack.slice(2);
      const fileNames = [];
      for (const entry of entries) {
        if (!entry) {
          continue;
        }
        fileNames.push(entry.getFileName());
      }
      return fileNames;
    };
  }
});

// node_modules/@pinojs/redact/index.js
var require_redact = __commonJS({
  "node_modules/@pinojs/redact/index.js"(exports, module) {
    "use strict";
    function deepClone(obj) {
      if (obj === null || typeof obj !== "object") {
        return obj;
      }
      if (obj instanceof Date) {
        return new Date(obj.getTime());
      }
      if (obj instanceof Array) {
        const cloned = [];
        for (let i = 0; i < obj.length; i++) {
          cloned[i] = deepClone(obj[i]);
        }
        return cloned;
      }
      if (typeof obj === "object") {
        const cloned = Object.create(Object.getPrototypeOf(obj));
        for (const key in obj) {
          if (Object.prototype.hasOwnProperty.call(obj, key)) {
            cloned[key] = deepClone(obj[key]);
          }
        }
        return cloned;
      }
      return obj;
    }
    function parsePath(path) {
      const parts = [];
      let current = "";
      let inBrackets = false;
      let inQuotes = false;
      let quoteChar = "";
      for (let i = 0; i < path.length; i++) {
        const char = path[i];
        if (!inBrackets && char === ".") {
          if (current) {
            parts.push(current);
            current = "";
          }
        } else if (char === "[") {
          if (current) {
            parts.push(current);
            current = "";
          }
          inBrackets = true;
        } else if (char === "]" && inBrackets) {
          parts.push(current);
          current = "";
          inBrackets = false;
          inQuotes = false;
        } else if ((char === '"' || char === "'") && inBrackets) {
          if (!inQuotes) {
            inQuotes = true;
            quoteChar = char;
          } else if (char === quoteChar) {
            inQuotes = false;
            quoteChar = "";
          } else {
            current += char;
          }
        } else {
          current += char;
        }
      }
      if (current) {
        parts.push(current);
      }
      return parts;
    }
    function setValue(obj, parts, value) {
      let current = obj;
      for (let i = 0; i < parts.length - 1; i++) {
        const key = parts[i];
        if (typeof current !== "object" || current === null || !(key in current)) {
          return false;
        }
        if (typeof current[key] !== "object" || current[key] === null) {
          return false;
        }
        current = current[key];
      }
      const lastKey = parts[parts.length - 1];
      if (lastKey === "*") {
        if (Array.isArray(current)) {
          for (let i = 0; i < current.length; i++) {
            current[i] = value;
          }
        } else if (typeof current === "object" && current !== null) {
          for (const key in current) {
            if (Object.prototype.hasOwnProperty.call(current, key)) {
              current[key] = value;
            }
          }
        }
      } else {
        if (typeof current === "object" && current !== null && lastKey in current && Object.prototype.hasOwnProperty.call(current, lastKey)) {
          current[lastKey] = value;
        }
      }
      return true;
    }
    function removeKey(obj, parts) {
      let current = obj;
      for (let i = 0; i < parts.length - 1; i++) {
        const key = parts[i];
        if (typeof current !== "object" || current === null || !(key in current)) {
          return false;
        }
        if (typeof current[key] !== "object" || current[key] === null) {
          return false;
        }
        current = current[key];
      }
      const lastKey = parts[parts.length - 1];
      if (lastKey === "*") {
        if (Array.isArray(current)) {
          for (let i = 0; i < current.length; i++) {
            current[i] = void 0;
          }
        } else if (typeof current === "object" && current !== null) {
          for (const key in current) {
            if (Object.prototype.hasOwnProperty.call(current, key)) {
              delete current[key];
            }
          }
        }
      } else {
        if (typeof current === "object" && current !== null && lastKey in current && Object.prototype.hasOwnProperty.call(current, lastKey)) {
          delete current[lastKey];
        }
      }
      return true;
    }
    var PATH_NOT_FOUND = /* @__PURE__ */ Symbol("PATH_NOT_FOUND");
    function getValueIfExists(obj, parts) {
      let current = obj;
      for (const part of parts) {
        if (current === null || current === void 0) {
          return PATH_NOT_FOUND;
        }
        if (typeof current !== "object" || current === null) {
          return PATH_NOT_FOUND;
        }
        if (!(part in current)) {
          return PATH_NOT_FOUND;
        }
        current = current[part];
      }
      return current;
    }
    function getValue(obj, parts) {
      let current = obj;
      for (const part of parts) {
        if (current === null || current === void 0) {
          return void 0;
        }
        if (typeof current !== "object" || current === null) {
          return void 0;
        }
        current = current[part];
      }
      return current;
    }
    function redactPaths(obj, paths, censor, remove = false) {
      for (const path of paths) {
        const parts = parsePath(path);
        if (parts.includes("*")) {
          redactWildcardPath(obj, parts, censor, path, remove);
        } else {
          if (remove) {
            removeKey(obj, parts);
          } else {
            const value = getValueIfExists(obj, parts);
            if (value === PATH_NOT_FOUND) {
              continue;
            }
            const actualCensor = typeof censor === "function" ? censor(value, parts) : censor;
            setValue(obj, parts, actualCensor);
          }
        }
      }
    }
    function redactWildcardPath(obj, parts, censor, originalPath, remove = false) {
      const wildcardIndex = parts.indexOf("*");
      if (wildcardIndex === parts.length - 1) {
        const parentParts = parts.slice(0, -1);
        let current = obj;
        for (const part of parentParts) {
          if (current === null || current === void 0) return;
          if (typeof current !== "object" || current === null) return;
          current = current[part];
        }
        if (Array.isArray(current)) {
          if (remove) {
            for (let i = 0; i < current.length; i++) {
              current[i] = void 0;
            }
          } else {
            for (let i = 0; i < current.length; i++) {
              const indexPath = [...parentParts, i.toString()];
              const actualCensor = typeof censor === "function" ? censor(current[i], indexPath) : censor;
              current[i] = actualCensor;
            }
          }
        } else if (typeof current === "object" && current !== null) {
          if (remove) {
            const keysToDelete = [];
            for (const key in current) {
              if (Object.prototype.hasOwnProperty.call(current, key)) {
                keysToDelete.push(key);
              }
            }
            for (const key of keysToDelete) {
              delete current[key];
            }
          } else {
            for (const key in current) {
              const keyPath = [...parentParts, key];
              const actualCensor = typeof censor === "function" ? censor(current[key], keyPath) : censor;
              current[key] = actualCensor;
            }
          }
        }
      } else {
        redactIntermediateWildcard(obj, parts, censor, wildcardIndex, originalPath, remove);
      }
    }
    function redactIntermediateWildcard(obj, parts, censor, wildcardIndex, originalPath, remove = false) {
      const beforeWildcard = parts.slice(0, wildcardIndex);
      const afterWildcard = parts.slice(wildcardIndex + 1);
      const pathArray = [];
      function traverse(current, pathLength) {
        if (pathLength === beforeWildcard.length) {
          if (Array.isArray(current)) {
            for (let i = 0; i < current.length; i++) {
              pathArray[pathLength] = i.toString();
              traverse(current[i], pathLength + 1);
            }
          } else if (typeof current === "object" && current !== null) {
            for (const key in current) {
              pathArray[pathLength] = key;
              traverse(current[key], pathLength + 1);
            }
          }
        } else if (pathLength < beforeWildcard.length) {
          const nextKey = beforeWildcard[pathLength];
          if (current && typeof current === "object" && current !== null && nextKey in current) {
            pathArray[pathLength] = nextKey;
            traverse(current[nextKey], pathLength + 1);
          }
        } else {
          if (afterWildcard.includes("*")) {
            const wrappedCensor = typeof censor === "function" ? (value, path) => {
              const fullPath = [...pathArray.slice(0, pathLength), ...path];
              return censor(value, fullPath);
            } : censor;
            redactWildcardPath(current, afterWildcard, wrappedCensor, originalPath, remove);
          } else {
            if (remove) {
              removeKey(current, afterWildcard);
            } else {
              const actualCensor = typeof censor === "function" ? censor(getValue(current, afterWildcard), [...pathArray.slice(0, pathLength), ...afterWildcard]) : censor;
              setValue(current, afterWildcard, actualCensor);
            }
          }
        }
      }
      if (beforeWildcard.length === 0) {
        traverse(obj, 0);
      } else {
        let current = obj;
        for (let i = 0; i < beforeWildcard.length; i++) {
          const part = beforeWildcard[i];
          if (current === null || current === void 0) return;
          if (typeof current !== "object" || current === null) return;
          current = current[part];
          pathArray[i] = part;
        }
        if (current !== null && current !== void 0) {
          traverse(current, beforeWildcard.length);
        }
      }
    }
    function buildPathStructure(pathsToClone) {
      if (pathsToClone.length === 0) {
        return null;
      }
      const pathStructure = /* @__PURE__ */ new Map();
      for (const path of pathsToClone) {
        const parts = parsePath(path);
        let current = pathStructure;
        for (let i = 0; i < parts.length; i++) {
          const part = parts[i];
          if (!current.has(part)) {
            current.set(part, /* @__PURE__ */ new Map());
          }
          current = current.get(part);
        }
      }
      return pathStructure;
    }
    function selectiveClone(obj, pathStructure) {
      if (!pathStructure) {
        return obj;
      }
      function cloneSelectively(source, pathMap, depth = 0) {
        if (!pathMap || pathMap.size === 0) {
          return source;
        }
        if (source === null || typeof source !== "object") {
          return source;
        }
        if (source instanceof Date) {
          return new Date(source.getTime());
        }
        if (Array.isArray(source)) {
          const cloned2 = [];
          for (let i = 0; i < source.length; i++) {
            const indexStr = i.toString();
            if (pathMap.has(indexStr) || pathMap.has("*")) {
              cloned2[i] = cloneSelectively(source[i], pathMap.get(indexStr) || pathMap.get("*"));
            } else {
              cloned2[i] = source[i];
            }
          }
          return cloned2;
        }
        const cloned = Object.create(Object.getPrototypeOf(source));
        for (const key in source) {
          if (Object.prototype.hasOwnProperty.call(source, key)) {
            if (pathMap.has(key) || pathMap.has("*")) {
              cloned[key] = cloneSelectively(source[key], pathMap.get(key) || pathMap.get("*"));
            } else {
              cloned[key] = source[key];
            }
          }
        }
        return cloned;
      }
      return cloneSelectively(obj, pathStructure);
    }
    function validatePath(path) {
      if (typeof path !== "string") {
        throw new Error("Paths must be (non-empty) strings");
      }
      if (path === "") {
        throw new Error("Invalid redaction path ()");
      }
      if (path.includes("..")) {
        throw new Error(`Invalid redaction path (${path})`);
      }
      if (path.includes(",")) {
        throw new Error(`Invalid redaction path (${path})`);
      }
      let bracketCount = 0;
      let inQuotes = false;
      let quoteChar = "";
      for (let i = 0; i < path.length; i++) {
        const char = path[i];
        if ((char === '"' || char === "'") && bracketCount > 0) {
          if (!inQuotes) {
            inQuotes = true;
            quoteChar = char;
          } else if (char === quoteChar) {
            inQuotes = false;
            quoteChar = "";
          }
        } else if (char === "[" && !inQuotes) {
          bracketCount++;
        } else if (char === "]" && !inQuotes) {
          bracketCount--;
          if (bracketCount < 0) {
            throw new Error(`Invalid redaction path (${path})`);
          }
        }
      }
      if (bracketCount !== 0) {
        throw new Error(`Invalid redaction path (${path})`);
      }
    }
    function validatePaths(paths) {
      if (!Array.isArray(paths)) {
        throw new TypeError("paths must be an array");
      }
      for (const path of paths) {
        validatePath(path);
      }
    }
    function slowRedact(options = {}) {
      const {
        paths = [],
        censor = "[REDACTED]",
        serialize = JSON.stringify,
        strict = true,
        remove = false
      } = options;
      validatePaths(paths);
      const pathStructure = buildPathStructure(paths);
      return function redact2(obj) {
        if (strict && (obj === null || typeof obj !== "object")) {
          if (obj === null || obj === void 0) {
            return serialize ? serialize(obj) : obj;
          }
          if (typeof obj !== "object") {
            return serialize ? serialize(obj) : obj;
          }
        }
        const cloned = selectiveClone(obj, pathStructure);
        const original = obj;
        let actualCensor = censor;
        if (typeof censor === "function") {
          actualCensor = censor;
        }
        redactPaths(cloned, paths, actualCensor, remove);
        if (serialize === false) {
          cloned.restore = function() {
            return deepClone(original);
          };
          return cloned;
        }
        if (typeof serialize === "function") {
          return serialize(cloned);
        }
        return JSON.stringify(cloned);
      };
    }
    module.exports = slowRedact;
  }
});

// node_modules/pino/lib/symbols.js
var require_symbols = __commonJS({
  "node_modules/pino/lib/symbols.js"(exports, module) {
    "use strict";
    var setLevelSym = /* @__PURE__ */ Symbol("pino.setLevel");
    var getLevelSym = /* @__PURE__ */ Symbol("pino.getLevel");
    var levelValSym = /* @__PURE__ */ Symbol("pino.levelVal");
    var levelCompSym = /* @__PURE__ */ Symbol("pino.levelComp");
    var useLevelLabelsSym = /* @__PURE__ */ Symbol("pino.useLevelLabels");
    var useOnlyCustomLevelsSym = /* @__PURE__ */ Symbol("pino.useOnlyCustomLevels");
    var mixinSym = /* @__PURE__ */ Symbol("pino.mixin");
    var lsCacheSym = /* @__PURE__ */ Symbol("pino.lsCache");
    var chindingsSym = /* @__PURE__ */ Symbol("pino.chindings");
    var asJsonSym = /* @__PURE__ */ Symbol("pino.asJson");
    var writeSym = /* @__PURE__ */ Symbol("pino.write");
    var redactFmtSym = /* @__PURE__ */ Symbol("pino.redactFmt");
    var timeSym = /* @__PURE__ */ Symbol("pino.time");
    var timeSliceIndexSym = /* @__PURE__ */ Symbol("pino.timeSliceIndex");
    var streamSym = /* @__PURE__ */ Symbol("pino.stream");
    var stringifySym = /* @__PURE__ */ Symbol("pino.stringify");
    var stringifySafeSym = /* @__PURE__ */ Symbol("pino.stringifySafe");
    var stringifiersSym = /* @__PURE__ */ Symbol("pino.stringifiers");
    var endSym = /* @__PURE__ */ Symbol("pino.end");
    var formatOptsSym = /* @__PURE__ */ Symbol("pino.formatOpts");
    var messageKeySym = /* @__PURE__ */ Symbol("pino.messageKey");
    var errorKeySym = /* @__PURE__ */ Symbol("pino.errorKey");
    var nestedKeySym = /* @__PURE__ */ Symbol("pino.nestedKey");
    var nestedKeyStrSym = /* @__PURE__ */ Symbol("pino.nestedKeyStr");
    var mixinMergeStrategySym = /* @__PURE__ */ Symbol("pino.mixinMergeStrategy");
    var msgPrefixSym = /* @__PURE__ */ Symbol("pino.msgPrefix");
    var wildcardFirstSym = /* @__PURE__ */ Symbol("pino.wildcardFirst");
    var serializersSym = /* @__PURE__ */ Symbol.for("pino.serializers");
    var formattersSym = /* @__PURE__ */ Symbol.for("pino.formatters");
    var hooksSym = /* @__PURE__ */ Symbol.for("pino.hooks");
    var needsMetadataGsym = /* @__PURE__ */ Symbol.for("pino.metadata");
    var transportUsesMultistreamSym = /* @__PURE__ */ Symbol.for("pino.transport.usesMultistream");
    module.exports = {
      setLevelSym,
      getLevelSym,
      levelValSym,
      levelCompSym,
      useLevelLabelsSym,
      mixinSym,
      lsCacheSym,
      chindingsSym,
      asJsonSym,
      writeSym,
      serializersSym,
      redactFmtSym,
      timeSym,
      timeSliceIndexSym,
      streamSym,
      stringifySym,
      stringifySafeSym,
      stringifiersSym,
      endSym,
      formatOptsSym,
      messageKeySym,
      errorKeySym,
      nestedKeySym,
      wildcardFirstSym,
      needsMetadataGsym,
      useOnlyCustomLevelsSym,
      formattersSym,
      hooksSym,
      nestedKeyStrSym,
      mixinMergeStrategySym,
      msgPrefixSym,
      transportUsesMultistreamSym
    };
  }
});

// node_modules/pino/lib/redaction.js
var require_redaction = __commonJS({
  "node_modules/pino/lib/redaction.js"(exports, module) {
    "use strict";
    var Redact = require_redact();
    var { redactFmtSym, wildcardFirstSym } = require_symbols();
    var rx = /[^.[\]]+|\[([^[\]]*?)\]/g;
    var CENSOR = "[Redacted]";
    var strict = false;
    function redaction(opts, serialize) {
      const { paths, censor, remove } = handle(opts);
      const shape = paths.reduce((o, str) => {
        rx.lastIndex = 0;
        const first = rx.exec(str);
        const next2 = rx.exec(str);
        let ns = first[1] !== void 0 ? first[1].replace(/^(?:"|'|`)(.*)(?:"|'|`)$/, "$1") : first[0];
        if (ns === "*") {
          ns = wildcardFirstSym;
        }
        if (next2 === null) {
          o[ns] = null;
          return o;
        }
        if (o[ns] === null) {
          return o;
        }
        const { index } = next2;
        const nextPath = `${str.substr(index, str.length - 1)}`;
        o[ns] = o[ns] || [];
        if (ns !== wildcardFirstSym && o[ns].length === 0) {
          o[ns].push(...o[wildcardFirstSym] || []);
        }
        if (ns === wildcardFirstSym) {
          Object.keys(o).forEach(function(k) {
            if (o[k]) {
              o[k].push(nextPath);
            }
          });
        }
        o[ns].push(nextPath);
        return o;
      }, /* @__PURE__ */ Object.create(null));
      const result = Object.assign(/* @__PURE__ */ Object.create(null), {
        [redactFmtSym]: Redact({ paths, censor, serialize, strict, remove })
      });
      const topCensor = (...args) => {
        return typeof censor === "function" ? serialize(censor(...args)) : serialize(censor);
      };
      return [...Object.keys(shape), ...Object.getOwnPropertySymbols(shape)].reduce((o, k) => {
        if (shape[k] === null) {
          o[k] = (value) => topCensor(value, [k]);
        } else {
          const wrappedCensor = typeof censor === "function" ? (value, path) => {
            return censor(value, [k, ...path]);
          } : censor;
          o[k] = Redact({
            paths: shape[k],
            censor: wrappedCensor,
            serialize,
            strict,
            remove
          });
        }
        return o;
      }, result);
    }
    function handle(opts) {
      if (Array.isArray(opts)) {
        opts = { paths: opts, censor: CENSOR };
        return opts;
      }
      let { paths, censor = CENSOR, remove } = opts;
      if (Array.isArray(paths) === false) {
        throw Error("pino \u2013 redact must contain an array of strings");
      }
      if (remove === true) censor = void 0;
      return { paths, censor, remove };
    }
    module.exports = redaction;
  }
});

// node_modules/pino/lib/time.js
var require_time = __commonJS({
  "node_modules/pino/lib/time.js"(exports, module) {
    "use strict";
    var nullTime = () => "";
    var epochTime = () => `,"time":${Date.now()}`;
    var unixTime = () => `,"time":${Math.round(Date.now() / 1e3)}`;
    var isoTime = () => `,"time":"${new Date(Date.now()).toISOString()}"`;
    var NS_PER_MS = 1000000n;
    var NS_PER_SEC = 1000000000n;
    var startWallTimeNs = BigInt(Date.now()) * NS_PER_MS;
    var startHrTime = process.hrtime.bigint();
    var isoTimeNano = () => {
      const elapsedNs = process.hrtime.bigint() - startHrTime;
      const currentTimeNs = startWallTimeNs + elapsedNs;
      const secondsSinceEpoch = currentTimeNs / NS_PER_SEC;
      const nanosWithinSecond = currentTimeNs % NS_PER_SEC;
      const msSinceEpoch = Number(secondsSinceEpoch * 1000n + nanosWithinSecond / 1000000n);
      const date = new Date(msSinceEpoch);
      const year = date.getUTCFullYear();
      const month = (date.getUTCMonth() + 1).toString().padStart(2, "0");
      const day = date.getUTCDate().toString().padStart(2, "0");
      const hours = date.getUTCHours().toString().padStart(2, "0");
      const minutes = date.getUTCMinutes().toString().padStart(2, "0");
      const seconds3 = date.getUTCSeconds().toString().padStart(2, "0");
      return `,"time":"${year}-${month}-${day}T${hours}:${minutes}:${seconds3}.${nanosWithinSecond.toString().padStart(9, "0")}Z"`;
    };
    module.exports = { nullTime, epochTime, unixTime, isoTime, isoTimeNano };
  }
});

// node_modules/quick-format-unescaped/index.js
var require_quick_format_unescaped = __commonJS({
  "node_modules/quick-format-unescaped/index.js"(exports, module) {
    "use strict";
    function tryStringify(o) {
      try {
        return JSON.stringify(o);
      } catch (e) {
        return '"[Circular]"';
      }
    }
    module.exports = format;
    function format(f, args, opts) {
      var ss = opts && opts.stringify || tryStringify;
      var offset = 1;
      if (typeof f === "object" && f !== null) {
        var len = args.length + offset;
        if (len === 1) return f;
        var objects = new Array(len);
        objects[0] = ss(f);
        for (var index = 1; index < len; index++) {
          objects[index] = ss(args[index]);
        }
        return objects.join(" ");
      }
      if (typeof f !== "string") {
        return f;
      }
      var argLen = args.length;
      if (argLen === 0) return f;
      var str = "";
      var a = 1 - offset;
      var lastPos = -1;
      var flen = f && f.length || 0;
      for (var i = 0; i < flen; ) {
        if (f.charCodeAt(i) === 37 && i + 1 < flen) {
          lastPos = lastPos > -1 ? lastPos : 0;
          switch (f.charCodeAt(i + 1)) {
            case 100:
            // 'd'
            case 102:
              if (a >= argLen)
                break;
              if (args[a] == null) break;
              if (lastPos < i)
                str += f.slice(lastPos, i);
              str += Number(args[a]);
              lastPos = i + 2;
              i++;
              break;
            case 105:
              if (a >= argLen)
                break;
              if (args[a] == null) break;
              if (lastPos < i)
                str += f.slice(lastPos, i);
              str += Math.floor(Number(args[a]));
              lastPos = i + 2;
              i++;
              break;
            case 79:
            // 'O'
            case 111:
            // 'o'
            case 106:
              if (a >= argLen)
                break;
              if (args[a] === void 0) break;
              if (lastPos < i)
                str += f.slice(lastPos, i);
              var type = typeof args[a];
              if (type === "string") {
                str += "'" + args[a] + "'";
                lastPos = i + 2;
                i++;
                break;
              }
              if (type === "function") {
                str += args[a].name || "<anonymous>";
                lastPos = i + 2;
                i++;
                break;
              }
              str += ss(args[a]);
              lastPos = i + 2;
              i++;
              break;
            case 115:
              if (a >= argLen)
                break;
              if (lastPos < i)
                str += f.slice(lastPos, i);
              str += String(args[a]);
              lastPos = i + 2;
              i++;
              break;
            case 37:
              if (lastPos < i)
                str += f.slice(lastPos, i);
              str += "%";
              lastPos = i + 2;
              i++;
              a--;
              break;
          }
          ++a;
        }
        ++i;
      }
      if (lastPos === -1)
        return f;
      else if (lastPos < flen) {
        str += f.slice(lastPos);
      }
      return str;
    }
  }
});

// node_modules/atomic-sleep/index.js
var require_atomic_sleep = __commonJS({
  "node_modules/atomic-sleep/index.js"(exports, module) {
    "use strict";
    if (typeof SharedArrayBuffer !== "undefined" && typeof Atomics !== "undefined") {
      let sleep3 = function(ms) {
        const valid = ms > 0 && ms < Infinity;
        if (valid === false) {
          if (typeof ms !== "number" && typeof ms !== "bigint") {
            throw TypeError("sleep: ms must be a number");
          }
          throw RangeError("sleep: ms must be a number that is greater than 0 but less than Infinity");
        }
        Atomics.wait(nil, 0, 0, Number(ms));
      };
      const nil = new Int32Array(new SharedArrayBuffer(4));
      module.exports = sleep3;
    } else {
      let sleep3 = function(ms) {
        const valid = ms > 0 && ms < Infinity;
        if (valid === false) {
          if (typeof ms !== "number" && typeof ms !== "bigint") {
            throw TypeError("sleep: ms must be a number");
          }
          throw RangeError("sleep: ms must be a number that is greater than 0 but less than Infinity");
        }
        const target = Date.now() + Number(ms);
        while (target > Date.now()) {
        }
      };
      module.exports = sleep3;
    }
  }
});

// node_modules/sonic-boom/index.js
var require_sonic_boom = __commonJS({
  "node_modules/sonic-boom/index.js"(exports, module) {
    "use strict";
    var fs = __require("fs");
    var EventEmitter2 = __require("events");
    var inherits = __require("util").inherits;
    var path = __require("path");
    var sleep3 = require_atomic_sleep();
    var assert = __require("assert");
    var BUSY_WRITE_TIMEOUT = 100;
    var kEmptyBuffer = Buffer.allocUnsafe(0);
    var MAX_WRITE = 16 * 1024;
    var kContentModeBuffer = "buffer";
    var kContentModeUtf8 = "utf8";
    var [major, minor] = (process.versions.node || "0.0").split(".").map(Number);
    var kCopyBuffer = major >= 22 && minor >= 7;
    function openFile(file, sonic) {
      sonic._opening = true;
      sonic._writing = true;
      sonic._asyncDrainScheduled = false;
      function fileOpened(err, fd) {
        if (err) {
          sonic._reopening = false;
          sonic._writing = false;
          sonic._opening = false;
          if (sonic.sync) {
            process.nextTick(() => {
              if (sonic.listenerCount("error") > 0) {
                sonic.emit("error", err);
              }
            });
          } else {
            sonic.emit("error", err);
          }
          return;
        }
        const reopening = sonic._reopening;
        sonic.fd = fd;
        sonic.file = file;
        sonic._reopening = false;
        sonic._opening = false;
        sonic._writing = false;
        if (sonic.sync) {
          process.nextTick(() => sonic.emit("ready"));
        } else {
          sonic.emit("ready");
        }
        if (sonic.destroyed) {
          return;
        }
        if (!sonic._writing && sonic._len > sonic.minLength || sonic._flushPending) {
          sonic._actualWrite();
        } else if (reopening) {
          process.nextTick(() => sonic.emit("drain"));
        }
      }
      const flags = sonic.append ? "a" : "w";
      const mode = sonic.mode;
      if (sonic.sync) {
        try {
          if (sonic.mkdir) fs.mkdirSync(path.dirname(file), { recursive: true });
          const fd = fs.openSync(file, flags, mode);
          fileOpened(null, fd);
        } catch (err) {
          fileOpened(err);
          throw err;
        }
      } else if (sonic.mkdir) {
        fs.mkdir(path.dirname(file), { recursive: true }, (err) => {
          if (err) return fileOpened(err);
          fs.open(file, flags, mode, fileOpened);
        });
      } else {
        fs.open(file, flags, mode, fileOpened);
      }
    }
    function SonicBoom(opts) {
      if (!(this instanceof SonicBoom)) {
        return new SonicBoom(opts);
      }
      let { fd, dest, minLength, maxLength, maxWrite, periodicFlush, sync, append = true, mkdir, retryEAGAIN, fsync, contentMode, mode } = opts || {};
      fd = fd || dest;
      this._len = 0;
      this.fd = -1;
      this._bufs = [];
      this._lens = [];
      this._writing = false;
      this._ending = false;
      this._reopening = false;
      this._asyncDrainScheduled = false;
      this._flushPending = false;
      this._hwm = Math.max(minLength || 0, 16387);
      this.file = null;
      this.destroyed = false;
      this.minLength = minLength || 0;
      this.maxLength = maxLength || 0;
      this.maxWrite = maxWrite || MAX_WRITE;
      this._periodicFlush = periodicFlush || 0;
      this._periodicFlushTimer = void 0;
      this.sync = sync || false;
      this.writable = true;
      this._fsync = fsync || false;
      this.append = append || false;
      this.mode = mode;
      this.retryEAGAIN = retryEAGAIN || (() => true);
      this.mkdir = mkdir || false;
      let fsWriteSync;
      let fsWrite;
      if (contentMode === kContentModeBuffer) {
        this._writingBuf = kEmptyBuffer;
        this.write = writeBuffer;
        this.flush = flushBuffer;
        this.flushSync = flushBufferSync;
        this._actualWrite = actualWriteBuffer;
        fsWriteSync = () => fs.writeSync(this.fd, this._writingBuf);
        fsWrite = () => fs.write(this.fd, this._writingBuf, this.release);
      } else if (contentMode === void 0 || contentMode === kContentModeUtf8) {
        this._writingBuf = "";
        this.write = write;
        this.flush = flush;
        this.flushSync = flushSync;
        this._actualWrite = actualWrite;
        fsWriteSync = () => {
          if (Buffer.isBuffer(this._writingBuf)) {
            return fs.writeSync(this.fd, this._writingBuf);
          }
          return fs.writeSync(this.fd, this._writingBuf, "utf8");
        };
        fsWrite = () => {
          if (Buffer.isBuffer(this._writingBuf)) {
            return fs.write(this.fd, this._writingBuf, this.release);
          }
          return fs.write(this.fd, this._writingBuf, "utf8", this.release);
        };
      } else {
        throw new Error(`SonicBoom supports "${kContentModeUtf8}" and "${kContentModeBuffer}", but passed ${contentMode}`);
      }
      if (typeof fd === "number") {
        this.fd = fd;
        process.nextTick(() => this.emit("ready"));
      } else if (typeof fd === "string") {
        openFile(fd, this);
      } else {
        throw new Error("SonicBoom supports only file descriptors and files");
      }
      if (this.minLength >= this.maxWrite) {
        throw new Error(`minLength should be smaller than maxWrite (${this.maxWrite})`);
      }
      this.release = (err, n) => {
        if (err) {
          if ((err.code === "EAGAIN" || err.code === "EBUSY") && this.retryEAGAIN(err, this._writingBuf.length, this._len - this._writingBuf.length)) {
            if (this.sync) {
              try {
                sleep3(BUSY_WRITE_TIMEOUT);
                this.release(void 0, 0);
              } catch (err2) {
                this.release(err2);
              }
            } else {
              setTimeout(fsWrite, BUSY_WRITE_TIMEOUT);
            }
          } else {
            this._writing = false;
            this.emit("error", err);
          }
          return;
        }
        this.emit("write", n);
        const releasedBufObj = releaseWritingBuf(this._writingBuf, this._len, n);
        this._len = releasedBufObj.len;
        this._writingBuf = releasedBufObj.writingBuf;
        if (this._writingBuf.length) {
          if (!this.sync) {
            fsWrite();
            return;
          }
          try {
            do {
              const n2 = fsWriteSync();
              const releasedBufObj2 = releaseWritingBuf(this._writingBuf, this._len, n2);
              this._len = releasedBufObj2.len;
              this._writingBuf = releasedBufObj2.writingBuf;
            } while (this._writingBuf.length);
          } catch (err2) {
            this.release(err2);
            return;
          }
        }
        if (this._fsync) {
          fs.fsyncSync(this.fd);
        }
        const len = this._len;
        if (this._reopening) {
          this._writing = false;
          this._reopening = false;
          this.reopen();
        } else if (len > this.minLength) {
          this._actualWrite();
        } else if (this._ending) {
          if (len > 0) {
            this._actualWrite();
          } else {
            this._writing = false;
            actualClose(this);
          }
        } else {
          this._writing = false;
          if (this.sync) {
            if (!this._asyncDrainScheduled) {
              this._asyncDrainScheduled = true;
              process.nextTick(emitDrain, this);
            }
          } else {
            this.emit("drain");
          }
        }
      };
      this.on("newListener", function(name2) {
        if (name2 === "drain") {
          this._asyncDrainScheduled = false;
        }
      });
      if (this._periodicFlush !== 0) {
        this._periodicFlushTimer = setInterval(() => this.flush(null), this._periodicFlush);
        this._periodicFlushTimer.unref();
      }
    }
    function releaseWritingBuf(writingBuf, len, n) {
      if (typeof writingBuf === "string") {
        writingBuf = Buffer.from(writingBuf);
      }
      len = Math.max(len - n, 0);
      writingBuf = writingBuf.subarray(n);
      return { writingBuf, len };
    }
    function emitDrain(sonic) {
      const hasListeners = sonic.listenerCount("drain") > 0;
      if (!hasListeners) return;
      sonic._asyncDrainScheduled = false;
      sonic.emit("drain");
    }
    inherits(SonicBoom, EventEmitter2);
    function mergeBuf(bufs, len) {
      if (bufs.length === 0) {
        return kEmptyBuffer;
      }
      if (bufs.length === 1) {
        return bufs[0];
      }
      return Buffer.concat(bufs, len);
    }
    function write(data) {
      if (this.destroyed) {
        throw new Error("SonicBoom destroyed");
      }
      data = "" + data;
      const dataLen = Buffer.byteLength(data);
      const len = this._len + dataLen;
      const bufs = this._bufs;
      if (this.maxLength && len > this.maxLength) {
        this.emit("drop", data);
        return this._len < this._hwm;
      }
      if (bufs.length === 0 || Buffer.byteLength(bufs[bufs.length - 1]) + dataLen > this.maxWrite) {
        bufs.push(data);
      } else {
        bufs[bufs.length - 1] += data;
      }
      this._len = len;
      if (!this._writing && this._len >= this.minLength) {
        this._actualWrite();
      }
      return this._len < this._hwm;
    }
    function writeBuffer(data) {
      if (this.destroyed) {
        throw new Error("SonicBoom destroyed");
      }
      const len = this._len + data.length;
      const bufs = this._bufs;
      const lens = this._lens;
      if (this.maxLength && len > this.maxLength) {
        this.emit("drop", data);
        return this._len < this._hwm;
      }
      if (bufs.length === 0 || lens[lens.length - 1] + data.length > this.maxWrite) {
        bufs.push([data]);
        lens.push(data.length);
      } else {
        bufs[bufs.length - 1].push(data);
        lens[lens.length - 1] += data.length;
      }
      this._len = len;
      if (!this._writing && this._len >= this.minLength) {
        this._actualWrite();
      }
      return this._len < this._hwm;
    }
    function callFlushCallbackOnDrain(cb) {
      this._flushPending = true;
      const onDrain = () => {
        if (!this._fsync) {
          try {
            fs.fsync(this.fd, (err) => {
              this._flushPending = false;
              cb(err);
            });
          } catch (err) {
            cb(err);
          }
        } else {
          this._flushPending = false;
          cb();
        }
        this.off("error", onError);
      };
      const onError = (err) => {
        this._flushPending = false;
        cb(err);
        this.off("drain", onDrain);
      };
      this.once("drain", onDrain);
      this.once("error", onError);
    }
    function flush(cb) {
      if (cb != null && typeof cb !== "function") {
        throw new Error("flush cb must be a function");
      }
      if (this.destroyed) {
        const error = new Error("SonicBoom destroyed");
        if (cb) {
          cb(error);
          return;
        }
        throw error;
      }
      if (this.minLength <= 0) {
        cb?.();
        return;
      }
      if (cb) {
        callFlushCallbackOnDrain.call(this, cb);
      }
      if (this._writing) {
        return;
      }
      if (this._bufs.length === 0) {
        this._bufs.push("");
      }
      this._actualWrite();
    }
    function flushBuffer(cb) {
      if (cb != null && typeof cb !== "function") {
        throw new Error("flush cb must be a function");
      }
      if (this.destroyed) {
        const error = new Error("SonicBoom destroyed");
        if (cb) {
          cb(error);
          return;
        }
        throw error;
      }
      if (this.minLength <= 0) {
        cb?.();
        return;
      }
      if (cb) {
        callFlushCallbackOnDrain.call(this, cb);
      }
      if (this._writing) {
        return;
      }
      if (this._bufs.length === 0) {
        this._bufs.push([]);
        this._lens.push(0);
      }
      this._actualWrite();
    }
    SonicBoom.prototype.reopen = function(file) {
      if (this.destroyed) {
        throw new Error("SonicBoom destroyed");
      }
      if (this._opening) {
        this.once("ready", () => {
          this.reopen(file);
        });
        return;
      }
      if (this._ending) {
        return;
      }
      if (!this.file) {
        throw new Error("Unable to reopen a file descriptor, you must pass a file to SonicBoom");
      }
      if (file) {
        this.file = file;
      }
      this._reopening = true;
      if (this._writing) {
        return;
      }
      const fd = this.fd;
      this.once("ready", () => {
        if (fd !== this.fd) {
          fs.close(fd, (err) => {
            if (err) {
              return this.emit("error", err);
            }
          });
        }
      });
      openFile(this.file, this);
    };
    SonicBoom.prototype.end = function() {
      if (this.destroyed) {
        throw new Error("SonicBoom destroyed");
      }
      if (this._opening) {
        this.once("ready", () => {
          this.end();
        });
        return;
      }
      if (this._ending) {
        return;
      }
      this._ending = true;
      if (this._writing) {
        return;
      }
      if (this._len > 0 && this.fd >= 0) {
        this._actualWrite();
      } else {
        actualClose(this);
      }
    };
    function flushSync() {
      if (this.destroyed) {
        throw new Error("SonicBoom destroyed");
      }
      if (this.fd < 0) {
        throw new Error("sonic boom is not ready yet");
      }
      if (!this._writing && this._writingBuf.length > 0) {
        this._bufs.unshift(this._writingBuf);
        this._writingBuf = "";
      }
      let buf = "";
      while (this._bufs.length || buf.length) {
        if (buf.length <= 0) {
          buf = this._bufs[0];
        }
        try {
          const n = Buffer.isBuffer(buf) ? fs.writeSync(this.fd, buf) : fs.writeSync(this.fd, buf, "utf8");
          const releasedBufObj = releaseWritingBuf(buf, this._len, n);
          buf = releasedBufObj.writingBuf;
          this._len = releasedBufObj.len;
          if (buf.length <= 0) {
            this._bufs.shift();
          }
        } catch (err) {
          const shouldRetry = err.code === "EAGAIN" || err.code === "EBUSY";
          if (shouldRetry && !this.retryEAGAIN(err, buf.length, this._len - buf.length)) {
            throw err;
          }
          sleep3(BUSY_WRITE_TIMEOUT);
        }
      }
      try {
        fs.fsyncSync(this.fd);
      } catch {
      }
    }
    function flushBufferSync() {
      if (this.destroyed) {
        throw new Error("SonicBoom destroyed");
      }
      if (this.fd < 0) {
        throw new Error("sonic boom is not ready yet");
      }
      if (!this._writing && this._writingBuf.length > 0) {
        this._bufs.unshift([this._writingBuf]);
        this._writingBuf = kEmptyBuffer;
      }
      let buf = kEmptyBuffer;
      while (this._bufs.length || buf.length) {
        if (buf.length <= 0) {
          buf = mergeBuf(this._bufs[0], this._lens[0]);
        }
        try {
          const n = fs.writeSync(this.fd, buf);
          buf = buf.subarray(n);
          this._len = Math.max(this._len - n, 0);
          if (buf.length <= 0) {
            this._bufs.shift();
            this._lens.shift();
          }
        } catch (err) {
          const shouldRetry = err.code === "EAGAIN" || err.code === "EBUSY";
          if (shouldRetry && !this.retryEAGAIN(err, buf.length, this._len - buf.length)) {
            throw err;
          }
          sleep3(BUSY_WRITE_TIMEOUT);
        }
      }
    }
    SonicBoom.prototype.destroy = function() {
      if (this.destroyed) {
        return;
      }
      actualClose(this);
    };
    function actualWrite() {
      const release = this.release;
      this._writing = true;
      this._writingBuf = this._writingBuf.length ? this._writingBuf : this._bufs.shift() || "";
      if (this.sync) {
        try {
          const written = Buffer.isBuffer(this._writingBuf) ? fs.writeSync(this.fd, this._writingBuf) : fs.writeSync(this.fd, this._writingBuf, "utf8");
          release(null, written);
        } catch (err) {
          release(err);
        }
      } else {
        fs.write(this.fd, this._writingBuf, release);
      }
    }
    function actualWriteBuffer() {
      const release = this.release;
      this._writing = true;
      this._writingBuf = this._writingBuf.length ? this._writingBuf : mergeBuf(this._bufs.shift(), this._lens.shift());
      if (this.sync) {
        try {
          const written = fs.writeSync(this.fd, this._writingBuf);
          release(null, written);
        } catch (err) {
          release(err);
        }
      } else {
        if (kCopyBuffer) {
          this._writingBuf = Buffer.from(this._writingBuf);
        }
        fs.write(this.fd, this._writingBuf, release);
      }
    }
    function actualClose(sonic) {
      if (sonic.fd === -1) {
        sonic.once("ready", actualClose.bind(null, sonic));
        return;
      }
      if (sonic._periodicFlushTimer !== void 0) {
        clearInterval(sonic._periodicFlushTimer);
      }
      sonic.destroyed = true;
      sonic._bufs = [];
      sonic._lens = [];
      assert(typeof sonic.fd === "number", `sonic.fd must be a number, got ${typeof sonic.fd}`);
      try {
        fs.fsync(sonic.fd, closeWrapped);
      } catch {
      }
      function closeWrapped() {
        if (sonic.fd !== 1 && sonic.fd !== 2) {
          fs.close(sonic.fd, done);
        } else {
          done();
        }
      }
      function done(err) {
        if (err) {
          sonic.emit("error", err);
          return;
        }
        if (sonic._ending && !sonic._writing) {
          sonic.emit("finish");
        }
        sonic.emit("close");
      }
    }
    SonicBoom.SonicBoom = SonicBoom;
    SonicBoom.default = SonicBoom;
    module.exports = SonicBoom;
  }
});

// node_modules/on-exit-leak-free/index.js
var require_on_exit_leak_free = __commonJS({
  "node_modules/on-exit-leak-free/index.js"(exports, module) {
    "use strict";
    var refs = {
      exit: [],
      beforeExit: []
    };
    var functions = {
      exit: onExit,
      beforeExit: onBeforeExit
    };
    var registry;
    function ensureRegistry() {
      if (registry === void 0) {
        registry = new FinalizationRegistry(clear);
      }
    }
    function install(event) {
      if (refs[event].length > 0) {
        return;
      }
      process.on(event, functions[event]);
    }
    function uninstall(event) {
      if (refs[event].length > 0) {
        return;
      }
      process.removeListener(event, functions[event]);
      if (refs.exit.length === 0 && refs.beforeExit.length === 0) {
        registry = void 0;
      }
    }
    function onExit() {
      callRefs("exit");
    }
    function onBeforeExit() {
      callRefs("beforeExit");
    }
    function callRefs(event) {
      for (const ref of refs[event]) {
        const obj = ref.deref();
        const fn2 = ref.fn;
        if (obj !== void 0) {
          fn2(obj, event);
        }
      }
      refs[event] = [];
    }
    function clear(ref) {
      for (const event of ["exit", "beforeExit"]) {
        const index = refs[event].indexOf(ref);
        refs[event].splice(index, index + 1);
        uninstall(event);
      }
    }
    function _register(event, obj, fn2) {
      if (obj === void 0) {
        throw new Error("the object can't be undefined");
      }
      install(event);
      const ref = new WeakRef(obj);
      ref.fn = fn2;
      ensureRegistry();
      registry.register(obj, ref);
      refs[event].push(ref);
    }
    function register(obj, fn2) {
      _register("exit", obj, fn2);
    }
    function registerBeforeExit(obj, fn2) {
      _register("beforeExit", obj, fn2);
    }
    function unregister(obj) {
      if (registry === void 0) {
        return;
      }
      registry.unregister(obj);
      for (const event of ["exit", "beforeExit"]) {
        refs[event] = refs[event].filter((ref) => {
          const _obj = ref.deref();
          return _obj && _obj !== obj;
        });
        uninstall(event);
      }
    }
    module.exports = {
      register,
      registerBeforeExit,
      unregister
    };
  }
});

// node_modules/thread-stream/package.json
var require_package = __commonJS({
  "node_modules/thread-stream/package.json"(exports, module) {
    module.exports = {
      name: "thread-stream",
      version: "4.2.1",
      description: "A streaming way to send data to a Node.js Worker Thread",
      main: "index.js",
      types: "index.d.ts",
      engines: {
        node: ">=20"
      },
      dependencies: {
        "real-require": "^1.0.0"
      },
      devDependencies: {
        "@types/node": "^26.1.1",
        "@yao-pkg/pkg": "^6.0.0",
        borp: "^1.0.0",
        desm: "^1.3.0",
        eslint: "^9.39.1",
        fastbench: "^1.0.1",
        neostandard: "^0.13.0",
        "pino-elasticsearch": "^9.0.0",
        "sonic-boom": "^5.0.0",
        "ts-node": "^10.8.0",
        tsd: "^0.33.0",
        typescript: "~5.7.3"
      },
      scripts: {
        build: "tsc --noEmit",
        lint: "eslint",
        test: 'npm run lint && npm run build && npm run test:types && npm run transpile && borp --expose-gc --pattern "test/*.test.{js,mjs}"',
        "test:ci": 'npm run lint && npm run test:types && npm run transpile && borp --expose-gc --pattern "test/*.test.{js,mjs}"',
        "test:types": "tsd",
        "test:yarn": 'npm run transpile && borp --expose-gc --pattern "test/*.test.js"',
        transpile: "sh ./test/ts/transpile.sh"
      },
      tsd: {
        directory: "test/types"
      },
      repository: {
        type: "git",
        url: "git+https://github.com/mcollina/thread-stream.git"
      },
      keywords: [
        "worker",
        "thread",
        "threads",
        "stream"
      ],
      author: "Matteo Collina <hello@matteocollina.com>",
      license: "MIT",
      bugs: {
        url: "https://github.com/mcollina/thread-stream/issues"
      },
      homepage: "https://github.com/mcollina/thread-stream#readme"
    };
  }
});

// node_modules/thread-stream/lib/wait.js
var require_wait = __commonJS({
  "node_modules/thread-stream/lib/wait.js"(exports, module) {
    "use strict";
    var WAIT_MS = 1e4;
    function wait(state, index, expected, timeout, done) {
      const max = timeout === Infinity ? Infinity : Date.now() + timeout;
      const check = (previous) => {
        const current = Atomics.load(state, index);
        if (current >= expected) {
          done(null, "ok");
          return;
        }
        if (previous !== void 0 && current !== previous) {
          done(null, "not-equal");
          return;
        }
        if (max !== Infinity && Date.now() > max) {
          done(null, "timed-out");
          return;
        }
        const remaining = max === Infinity ? WAIT_MS : Math.min(WAIT_MS, Math.max(1, max - Date.now()));
        const result = Atomics.waitAsync(state, index, current, remaining);
        if (result.async) {
          result.value.then((res) => {
            if (res === "ok") {
              const latest = Atomics.load(state, index);
              done(null, latest >= expected ? "ok" : "not-equal");
              return;
            }
            check(current);
          });
        } else {
          setImmediate(done, null, "not-equal");
        }
      };
      check();
    }
    function waitDiff(state, index, expected, timeout, done) {
      const max = timeout === Infinity ? Infinity : Date.now() + timeout;
      const check = () => {
        const current = Atomics.load(state, index);
        if (current !== expected) {
          done(null, "ok");
          return;
        }
        if (max !== Infinity && Date.now() > max) {
          done(null, "timed-out");
          return;
        }
        const remaining = max === Infinity ? WAIT_MS : Math.min(WAIT_MS, Math.max(1, max - Date.now()));
        const result = Atomics.waitAsync(state, index, expected, remaining);
        if (result.async) {
          result.value.then((res) => {
            if (res === "ok") {
              done(null, "ok");
              return;
            }
            check();
          });
        } else {
          setImmediate(check);
        }
      };
      check();
    }
    module.exports = { wait, waitDiff };
  }
});

// node_modules/thread-stream/lib/indexes.js
var require_indexes = __commonJS({
  "node_modules/thread-stream/lib/indexes.js"(exports, module) {
    "use strict";
    var SEQ_INDEX = 2;
    var WRITE_INDEX = 4;
    var READ_INDEX = 8;
    module.exports = {
      WRITE_INDEX,
      READ_INDEX,
      SEQ_INDEX
    };
  }
});

// node_modules/thread-stream/index.js
var require_thread_stream = __commonJS({
  "node_modules/thread-stream/index.js"(exports, module) {
    "use strict";
    var { version } = require_package();
    var { EventEmitter: EventEmitter2 } = __require("events");
    var { Worker: Worker2 } = __require("worker_threads");
    var { join: join3 } = __require("path");
    var { pathToFileURL } = __require("url");
    var { wait } = require_wait();
    var {
      WRITE_INDEX,
      READ_INDEX,
      SEQ_INDEX
    } = require_indexes();
    var buffer = __require("buffer");
    var assert = __require("assert");
    var kImpl = /* @__PURE__ */ Symbol("kImpl");
    var MAX_STRING = buffer.constants.MAX_STRING_LENGTH;
    function noop() {
    }
    function updateState(stream, fn2) {
      Atomics.add(stream[kImpl].state, SEQ_INDEX, 1);
      fn2();
      Atomics.add(stream[kImpl].state, SEQ_INDEX, 1);
      Atomics.notify(stream[kImpl].state, SEQ_INDEX);
    }
    function resetIndexes(stream) {
      updateState(stream, () => {
        Atomics.store(stream[kImpl].state, READ_INDEX, 0);
        Atomics.store(stream[kImpl].state, WRITE_INDEX, 0);
      });
      Atomics.notify(stream[kImpl].state, READ_INDEX);
    }
    var FakeWeakRef = class {
      constructor(value) {
        this._value = value;
      }
      deref() {
        return this._value;
      }
    };
    var FakeFinalizationRegistry = class {
      register() {
      }
      unregister() {
      }
    };
    var FinalizationRegistry2 = process.env.NODE_V8_COVERAGE ? FakeFinalizationRegistry : global.FinalizationRegistry || FakeFinalizationRegistry;
    var WeakRef2 = process.env.NODE_V8_COVERAGE ? FakeWeakRef : global.WeakRef || FakeWeakRef;
    var registry = new FinalizationRegistry2((worker) => {
      if (worker.exited) {
        return;
      }
      worker.terminate();
    });
    function createWorker(stream, opts) {
      const { filename, workerData } = opts;
      const bundlerOverrides = "__bundlerPathsOverrides" in globalThis ? globalThis.__bundlerPathsOverrides : {};
      const toExecute = bundlerOverrides["thread-stream-worker"] || join3(__dirname, "lib", "worker.js");
      const worker = new Worker2(toExecute, {
        ...opts.workerOpts,
        name: opts.workerOpts?.name || "thread-stream",
        trackUnmanagedFds: false,
        workerData: {
          filename: filename.indexOf("file://") === 0 ? filename : pathToFileURL(filename).href,
          dataBuf: stream[kImpl].dataBuf,
          stateBuf: stream[kImpl].stateBuf,
          workerData: {
            $context: {
              threadStreamVersion: version
            },
            ...workerData
          }
        }
      });
      worker.stream = new FakeWeakRef(stream);
      worker.on("message", onWorkerMessage);
      worker.on("exit", onWorkerExit);
      registry.register(stream, worker);
      return worker;
    }
    function drain(stream) {
      assert(!stream[kImpl].sync);
      if (stream[kImpl].needDrain) {
        stream[kImpl].needDrain = false;
        stream.emit("drain");
      }
    }
    function nextFlush(stream) {
      while (true) {
        const writeIndex = Atomics.load(stream[kImpl].state, WRITE_INDEX);
        if (stream.destroyed || writeIndex < 0) {
          return;
        }
        const leftover = stream[kImpl].data.length - writeIndex;
        if (leftover > 0) {
          if (stream[kImpl].bufLen === 0) {
            stream[kImpl].flushing = false;
            if (stream[kImpl].ending) {
              end(stream);
            } else if (stream[kImpl].needDrain) {
              process.nextTick(drain, stream);
            }
            return;
          }
          write(stream, leftover, noop);
          continue;
        }
        if (leftover === 0) {
          if (writeIndex === 0 && stream[kImpl].bufLen === 0) {
            return;
          }
          waitForRead(stream, () => {
            if (stream.destroyed) {
              return;
            }
            resetIndexes(stream);
            nextFlush(stream);
          });
          return;
        }
        destroy(stream, new Error("overwritten"));
        return;
      }
    }
    function onWorkerMessage(msg) {
      const stream = this.stream.deref();
      if (stream === void 0) {
        this.exited = true;
        this.terminate();
        return;
      }
      if (msg?.code == null) {
        return;
      }
      switch (msg.code) {
        case "READY":
          if (!stream[kImpl].ending) {
            this.stream = new WeakRef2(stream);
          }
          waitForRead(stream, () => {
            stream[kImpl].ready = true;
            stream.emit("ready");
          });
          break;
        case "ERROR":
          destroy(stream, msg.err);
          break;
        case "EVENT":
          if (Array.isArray(msg.args)) {
            stream.emit(msg.name, ...msg.args);
          } else {
            stream.emit(msg.name, msg.args);
          }
          break;
        case "FLUSHED": {
          if (msg.context !== "thread-stream") {
            destroy(stream, new Error("this should not happen: " + msg.code));
            break;
          }
          const cb = stream[kImpl].flushCallbacks.get(msg.id);
          if (cb) {
            stream[kImpl].flushCallbacks.delete(msg.id);
            process.nextTick(cb);
          }
          break;
        }
        case "WARNING":
          process.emitWarning(msg.err);
          break;
        default:
          destroy(stream, new Error("this should not happen: " + msg.code));
      }
    }
    function onWorkerExit(code) {
      const stream = this.stream.deref();
      if (stream === void 0) {
        return;
      }
      registry.unregister(stream);
      stream.worker.exited = true;
      stream.worker.off("exit", onWorkerExit);
      destroy(stream, code !== 0 ? new Error("the worker thread exited") : null);
    }
    var ThreadStream = class extends EventEmitter2 {
      constructor(opts = {}) {
        super();
        if (opts.bufferSize < 4) {
          throw new Error("bufferSize must at least fit a 4-byte utf-8 char");
        }
        this[kImpl] = {};
        this[kImpl].stateBuf = new SharedArrayBuffer(128);
        this[kImpl].state = new Int32Array(this[kImpl].stateBuf);
        this[kImpl].dataBuf = new SharedArrayBuffer(opts.bufferSize || 4 * 1024 * 1024);
        this[kImpl].data = Buffer.from(this[kImpl].dataBuf);
        this[kImpl].sync = opts.sync || false;
        this[kImpl].ending = false;
        this[kImpl].ended = false;
        this[kImpl].needDrain = false;
        this[kImpl].destroyed = false;
        this[kImpl].flushing = false;
        this[kImpl].ready = false;
        this[kImpl].finished = false;
        this[kImpl].errored = null;
        this[kImpl].closed = false;
        this[kImpl].buf = [];
        this[kImpl].bufHead = 0;
        this[kImpl].bufLen = 0;
        this[kImpl].flushCallbacks = /* @__PURE__ */ new Map();
        this[kImpl].nextFlushId = 0;
        this[kImpl].flushRetainCount = 0;
        this[kImpl].userRef = true;
        this.worker = createWorker(this, opts);
        this.on("message", (message, transferList) => {
          this.worker.postMessage(message, transferList);
        });
      }
      write(data) {
        const dataBuf = Buffer.isBuffer(data) ? data : Buffer.from(data);
        if (this[kImpl].destroyed) {
          error(this, new Error("the worker has exited"));
          return false;
        }
        if (this[kImpl].ending) {
          error(this, new Error("the worker is ending"));
          return false;
        }
        if (this[kImpl].flushing && this[kImpl].bufLen + dataBuf.length >= MAX_STRING) {
          try {
            writeSync(this);
            this[kImpl].flushing = true;
          } catch (err) {
            destroy(this, err);
            return false;
          }
        }
        this[kImpl].buf.push(dataBuf);
        this[kImpl].bufLen += dataBuf.length;
        if (this[kImpl].sync) {
          try {
            writeSync(this);
            return true;
          } catch (err) {
            destroy(this, err);
            return false;
          }
        }
        if (!this[kImpl].flushing) {
          this[kImpl].flushing = true;
          setImmediate(nextFlush, this);
        }
        this[kImpl].needDrain = this[kImpl].data.length - this[kImpl].bufLen - Atomics.load(this[kImpl].state, WRITE_INDEX) <= 0;
        return !this[kImpl].needDrain;
      }
      end() {
        if (this[kImpl].destroyed) {
          return;
        }
        this[kImpl].ending = true;
        this.worker.stream = new FakeWeakRef(this);
        end(this);
      }
      flush(cb) {
        const userCb = typeof cb === "function" ? cb : null;
        cb = userCb || noop;
        if (userCb) {
          retainWorkerForPendingFlush(this);
        }
        let finished = false;
        const done = (err) => {
          if (finished) {
            return;
          }
          finished = true;
          if (userCb) {
            releaseWorkerForPendingFlush(this);
          }
          cb(err);
        };
        flushBuffer(this, (err) => {
          if (err) {
            process.nextTick(done, err);
            return;
          }
          requestWorkerFlush(this, done);
        });
      }
      flushSync() {
        if (this[kImpl].destroyed) {
          return;
        }
        writeSync(this);
        flushSync(this);
      }
      unref() {
        this[kImpl].userRef = false;
        if (this[kImpl].flushRetainCount === 0) {
          this.worker.unref();
        }
      }
      ref() {
        this[kImpl].userRef = true;
        this.worker.ref();
      }
      get ready() {
        return this[kImpl].ready;
      }
      get destroyed() {
        return this[kImpl].destroyed;
      }
      get closed() {
        return this[kImpl].closed;
      }
      get writable() {
        return !this[kImpl].destroyed && !this[kImpl].ending;
      }
      get writableEnded() {
        return this[kImpl].ending;
      }
      get writableFinished() {
        return this[kImpl].finished;
      }
      get writableNeedDrain() {
        return this[kImpl].needDrain;
      }
      get writableObjectMode() {
        return false;
      }
      get writableErrored() {
        return this[kImpl].errored;
      }
    };
    function flushBuffer(stream, cb) {
      if (stream[kImpl].destroyed) {
        process.nextTick(cb, new Error("the worker has exited"));
        return;
      }
      if (!stream[kImpl].sync && (stream[kImpl].flushing || stream[kImpl].bufLen > 0)) {
        setImmediate(flushBuffer, stream, cb);
        return;
      }
      waitForRead(stream, cb);
    }
    function waitForRead(stream, cb) {
      const writeIndex = Atomics.load(stream[kImpl].state, WRITE_INDEX);
      wait(stream[kImpl].state, READ_INDEX, writeIndex, Infinity, (err, res) => {
        if (err) {
          destroy(stream, err);
          cb(err);
          return;
        }
        if (res !== "ok") {
          waitForRead(stream, cb);
          return;
        }
        cb();
      });
    }
    function retainWorkerForPendingFlush(stream) {
      if (stream[kImpl].flushRetainCount === 0) {
        stream.worker.ref();
      }
      stream[kImpl].flushRetainCount++;
    }
    function releaseWorkerForPendingFlush(stream) {
      if (stream[kImpl].flushRetainCount === 0) {
        return;
      }
      stream[kImpl].flushRetainCount--;
      if (stream[kImpl].flushRetainCount === 0 && !stream[kImpl].userRef) {
        stream.worker.unref();
      }
    }
    function requestWorkerFlush(stream, cb) {
      if (stream[kImpl].destroyed) {
        process.nextTick(cb, new Error("the worker has exited"));
        return;
      }
      if (!stream[kImpl].ready) {
        const onReady = () => {
          cleanup();
          requestWorkerFlush(stream, cb);
        };
        const onClose = () => {
          cleanup();
          process.nextTick(cb, new Error("the worker has exited"));
        };
        const cleanup = () => {
          stream.off("ready", onReady);
          stream.off("close", onClose);
        };
        stream.once("ready", onReady);
        stream.once("close", onClose);
        return;
      }
      const id = ++stream[kImpl].nextFlushId;
      stream[kImpl].flushCallbacks.set(id, cb);
      try {
        stream.worker.postMessage({
          code: "FLUSH",
          context: "thread-stream",
          id
        });
      } catch (err) {
        stream[kImpl].flushCallbacks.delete(id);
        destroy(stream, err);
        process.nextTick(cb, err);
      }
    }
    function failPendingFlushCallbacks(stream, err) {
      const callbacks = stream[kImpl].flushCallbacks;
      if (callbacks.size === 0) {
        return;
      }
      const flushErr = err || new Error("the worker has exited");
      for (const cb of callbacks.values()) {
        process.nextTick(cb, flushErr);
      }
      callbacks.clear();
    }
    function error(stream, err) {
      setImmediate(() => {
        stream.emit("error", err);
      });
    }
    function destroy(stream, err) {
      if (stream[kImpl].destroyed) {
        return;
      }
      stream[kImpl].destroyed = true;
      failPendingFlushCallbacks(stream, err);
      if (err) {
        stream[kImpl].errored = err;
        error(stream, err);
      }
      if (!stream.worker.exited) {
        stream.worker.terminate().catch(() => {
        }).then(() => {
          stream[kImpl].closed = true;
          stream.emit("close");
        });
      } else {
        setImmediate(() => {
          stream[kImpl].closed = true;
          stream.emit("close");
        });
      }
    }
    function write(stream, maxBytes, cb) {
      const current = Atomics.load(stream[kImpl].state, WRITE_INDEX);
      let offset = current;
      let remaining = maxBytes;
      while (remaining > 0 && stream[kImpl].bufLen !== 0) {
        const head = stream[kImpl].bufHead;
        const buf = stream[kImpl].buf[head];
        if (buf.length <= remaining) {
          buf.copy(stream[kImpl].data, offset);
          offset += buf.length;
          remaining -= buf.length;
          stream[kImpl].bufLen -= buf.length;
          stream[kImpl].bufHead = head + 1;
          if (stream[kImpl].bufHead === stream[kImpl].buf.length) {
            stream[kImpl].buf.length = 0;
            stream[kImpl].bufHead = 0;
          } else if (stream[kImpl].bufHead >= 1024 && stream[kImpl].bufHead * 2 >= stream[kImpl].buf.length) {
            stream[kImpl].buf.splice(0, stream[kImpl].bufHead);
            stream[kImpl].bufHead = 0;
          }
          continue;
        }
        buf.copy(stream[kImpl].data, offset, 0, remaining);
        stream[kImpl].buf[head] = buf.subarray(remaining);
        stream[kImpl].bufLen -= remaining;
        offset += remaining;
        remaining = 0;
      }
      updateState(stream, () => {
        Atomics.store(stream[kImpl].state, WRITE_INDEX, offset);
      });
      cb();
      return true;
    }
    function end(stream) {
      if (stream[kImpl].ended || !stream[kImpl].ending || stream[kImpl].flushing) {
        return;
      }
      stream[kImpl].ended = true;
      try {
        stream.flushSync();
        let readIndex = Atomics.load(stream[kImpl].state, READ_INDEX);
        updateState(stream, () => {
          Atomics.store(stream[kImpl].state, WRITE_INDEX, -1);
        });
        let spins = 0;
        while (readIndex !== -1) {
          Atomics.wait(stream[kImpl].state, READ_INDEX, readIndex, 1e3);
          readIndex = Atomics.load(stream[kImpl].state, READ_INDEX);
          if (readIndex === -2) {
            destroy(stream, new Error("end() failed"));
            return;
          }
          if (++spins === 10) {
            destroy(stream, new Error("end() took too long (10s)"));
            return;
          }
        }
        process.nextTick(() => {
          stream[kImpl].finished = true;
          stream.emit("finish");
        });
      } catch (err) {
        destroy(stream, err);
      }
    }
    function writeSync(stream) {
      const cb = () => {
        if (stream[kImpl].ending) {
          end(stream);
        } else if (stream[kImpl].needDrain) {
          process.nextTick(drain, stream);
        }
      };
      stream[kImpl].flushing = false;
      while (stream[kImpl].bufLen !== 0) {
        const writeIndex = Atomics.load(stream[kImpl].state, WRITE_INDEX);
        if (writeIndex < 0) {
          throw new Error("_writeSync failed");
        }
        const leftover = stream[kImpl].data.length - writeIndex;
        if (leftover === 0) {
          flushSync(stream);
          resetIndexes(stream);
          continue;
        } else if (leftover < 0) {
          throw new Error("overwritten");
        }
        write(stream, leftover, cb);
      }
    }
    function flushSync(stream) {
      if (stream[kImpl].flushing) {
        throw new Error("unable to flush while flushing");
      }
      const writeIndex = Atomics.load(stream[kImpl].state, WRITE_INDEX);
      let spins = 0;
      while (true) {
        const readIndex = Atomics.load(stream[kImpl].state, READ_INDEX);
        if (readIndex === -2) {
          throw Error("_flushSync failed");
        }
        if (readIndex !== writeIndex) {
          Atomics.wait(stream[kImpl].state, READ_INDEX, readIndex, 1e3);
        } else {
          break;
        }
        if (++spins === 10) {
          throw new Error("_flushSync took too long (10s)");
        }
      }
    }
    module.exports = ThreadStream;
  }
});

// node_modules/pino/lib/transport.js
var require_transport = __commonJS({
  "node_modules/pino/lib/transport.js"(exports, module) {
    "use strict";
    var { createRequire } = __require("module");
    var { existsSync } = __require("node:fs");
    var getCallers = require_caller();
    var { join: join3, isAbsolute: isAbsolute2, sep: sep2 } = __require("node:path");
    var { fileURLToPath } = __require("node:url");
    var sleep3 = require_atomic_sleep();
    var onExit = require_on_exit_leak_free();
    var ThreadStream = require_thread_stream();
    var { transportUsesMultistreamSym } = require_symbols();
    function setupOnExit(stream) {
      onExit.register(stream, autoEnd);
      onExit.registerBeforeExit(stream, flush);
      stream.on("close", function() {
        onExit.unregister(stream);
      });
    }
    function hasPreloadFlags() {
      const execArgv = process.execArgv;
      for (let i = 0; i < execArgv.length; i++) {
        const arg = execArgv[i];
        if (arg === "--import" || arg === "--require" || arg === "-r") {
          return true;
        }
        if (arg.startsWith("--import=") || arg.startsWith("--require=") || arg.startsWith("-r=")) {
          return true;
        }
      }
      return false;
    }
    function sanitizeNodeOptions(nodeOptions) {
      const tokens = nodeOptions.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g);
      if (!tokens) {
        return nodeOptions;
      }
      const sanitized = [];
      let changed = false;
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token === "--require" || token === "-r" || token === "--import") {
          const next2 = tokens[i + 1];
          if (next2 && shouldDropPreload(next2)) {
            changed = true;
            i++;
            continue;
          }
          sanitized.push(token);
          if (next2) {
            sanitized.push(next2);
            i++;
          }
          continue;
        }
        if (token.startsWith("--require=") || token.startsWith("-r=") || token.startsWith("--import=")) {
          const value = token.slice(token.indexOf("=") + 1);
          if (shouldDropPreload(value)) {
            changed = true;
            continue;
          }
        }
        sanitized.push(token);
      }
      return changed ? sanitized.join(" ") : nodeOptions;
    }
    function shouldDropPreload(value) {
      const unquoted = stripQuotes(value);
      if (!unquoted) {
        return false;
      }
      let path = unquoted;
      if (path.startsWith("file://")) {
        try {
          path = fileURLToPath(path);
        } catch {
          return false;
        }
      }
      return isAbsolute2(path) && !existsSync(path);
    }
    function stripQuotes(value) {
      const first = value[0];
      const last = value[value.length - 1];
      if (first === '"' && last === '"' || first === "'" && last === "'") {
        return value.slice(1, -1);
      }
      return value;
    }
    function buildStream(filename, workerData, workerOpts, sync, name2) {
      if (!workerOpts.execArgv && hasPreloadFlags() && __require.main === void 0) {
        workerOpts = {
          ...workerOpts,
          execArgv: []
        };
      }
      if (!workerOpts.env && process.env.NODE_OPTIONS) {
        const nodeOptions = sanitizeNodeOptions(process.env.NODE_OPTIONS);
        if (nodeOptions !== process.env.NODE_OPTIONS) {
          workerOpts = {
            ...workerOpts,
            env: {
              ...process.env,
              NODE_OPTIONS: nodeOptions
            }
          };
        }
      }
      workerOpts = { ...workerOpts, name: name2 };
      const stream = new ThreadStream({
        filename,
        workerData,
        workerOpts,
        sync
      });
      stream.on("ready", onReady);
      stream.on("close", function() {
        process.removeListener("exit", onExit2);
      });
      process.on("exit", onExit2);
      function onReady() {
        process.removeListener("exit", onExit2);
        stream.unref();
        if (workerOpts.autoEnd !== false) {
          setupOnExit(stream);
        }
      }
      function onExit2() {
        if (stream.closed) {
          return;
        }
        stream.flushSync();
        sleep3(100);
        stream.end();
      }
      return stream;
    }
    function autoEnd(stream) {
      stream.ref();
      stream.flushSync();
      stream.end();
      stream.once("close", function() {
        stream.unref();
      });
    }
    function flush(stream) {
      stream.flushSync();
    }
    function transport(fullOptions) {
      const { pipeline, targets, levels, dedupe, worker = {}, caller = getCallers(), sync = false } = fullOptions;
      const options = {
        ...fullOptions.options
      };
      let usesMultistream = false;
      const callers = typeof caller === "string" ? [caller] : caller;
      const bundlerOverrides = typeof globalThis === "object" && Object.prototype.hasOwnProperty.call(globalThis, "__bundlerPathsOverrides") && globalThis.__bundlerPathsOverrides && typeof globalThis.__bundlerPathsOverrides === "object" ? globalThis.__bundlerPathsOverrides : /* @__PURE__ */ Object.create(null);
      let target = fullOptions.target;
      if (target && targets) {
        throw new Error("only one of target or targets can be specified");
      }
      if (targets) {
        target = bundlerOverrides["pino-worker"] || join3(__dirname, "worker.js");
        options.targets = targets.filter((dest) => dest.target).map((dest) => {
          return {
            ...dest,
            target: fixTarget(dest.target)
          };
        });
        options.pipelines = targets.filter((dest) => dest.pipeline).map((dest) => {
          return dest.pipeline.map((t2) => {
            return {
              ...t2,
              level: dest.level,
              // duplicate the pipeline `level` property defined in the upper level
              target: fixTarget(t2.target)
            };
          });
        });
        const targetsHaveLevel = options.targets.some((t2) => t2.level != null);
        const pipelinesHaveLevel = options.pipelines.some((p) => p.some((t2) => t2.level != null));
        usesMultistream = options.targets.length + options.pipelines.length > 1 || targetsHaveLevel || pipelinesHaveLevel;
      } else if (pipeline) {
        target = bundlerOverrides["pino-worker"] || join3(__dirname, "worker.js");
        options.pipelines = [pipeline.map((dest) => {
          return {
            ...dest,
            target: fixTarget(dest.target)
          };
        })];
      }
      if (levels) {
        options.levels = levels;
      }
      if (dedupe) {
        options.dedupe = dedupe;
      }
      options.pinoWillSendConfig = true;
      const name2 = targets || pipeline ? "pino.transport" : target;
      const stream = buildStream(fixTarget(target), options, worker, sync, name2);
      if (usesMultistream) {
        stream[transportUsesMultistreamSym] = true;
      }
      return stream;
      function fixTarget(origin) {
        origin = bundlerOverrides[origin] || origin;
        if (isAbsolute2(origin) || origin.indexOf("file://") === 0) {
          return origin;
        }
        if (origin === "pino/file") {
          return join3(__dirname, "..", "file.js");
        }
        let fixTarget2;
        for (const filePath of callers) {
          try {
            const context = filePath === "node:repl" ? process.cwd() + sep2 : filePath;
            fixTarget2 = createRequire(context).resolve(origin);
            break;
          } catch (err) {
            continue;
          }
        }
        if (!fixTarget2) {
          throw new Error(`unable to determine transport target for "${origin}"`);
        }
        return fixTarget2;
      }
    }
    module.exports = transport;
  }
});

// node_modules/pino/lib/tools.js
var require_tools = __commonJS({
  "node_modules/pino/lib/tools.js"(exports, module) {
    "use strict";
    var diagChan = __require("node:diagnostics_channel");
    var format = require_quick_format_unescaped();
    var { mapHttpRequest, mapHttpResponse } = require_pino_std_serializers();
    var SonicBoom = require_sonic_boom();
    var onExit = require_on_exit_leak_free();
    var {
      lsCacheSym,
      chindingsSym,
      writeSym,
      serializersSym,
      formatOptsSym,
      endSym,
      stringifiersSym,
      stringifySym,
      stringifySafeSym,
      wildcardFirstSym,
      nestedKeySym,
      formattersSym,
      messageKeySym,
      errorKeySym,
      nestedKeyStrSym,
      msgPrefixSym
    } = require_symbols();
    var { isMainThread } = __require("worker_threads");
    var transport = require_transport();
    var [nodeMajor] = process.versions.node.split(".").map((v) => Number(v));
    var asJsonChan = diagChan.tracingChannel("pino_asJson");
    var asString = nodeMajor >= 25 ? (str) => JSON.stringify(str) : _asString;
    function noop() {
    }
    function genLog(level, hook) {
      if (!hook) return LOG;
      return function hookWrappedLog(...args) {
        hook.call(this, args, LOG, level);
      };
      function LOG(o, ...n) {
        if (typeof o === "object") {
          let msg = o;
          if (o !== null) {
            if (o.method && o.headers && o.socket) {
              o = mapHttpRequest(o);
            } else if (typeof o.setHeader === "function") {
              o = mapHttpResponse(o);
            }
          }
          let formatParams;
          if (msg === null && n.length === 0) {
            formatParams = [null];
          } else {
            msg = n.shift();
            formatParams = n;
          }
          if (typeof this[msgPrefixSym] === "string" && msg !== void 0 && msg !== null) {
            msg = this[msgPrefixSym] + msg;
          }
          this[writeSym](o, format(msg, formatParams, this[formatOptsSym]), level);
        } else {
          let msg = o === void 0 ? n.shift() : o;
          if (typeof this[msgPrefixSym] === "string" && msg !== void 0 && msg !== null) {
            msg = this[msgPrefixSym] + msg;
          }
          this[writeSym](null, format(msg, n, this[formatOptsSym]), level);
        }
      }
    }
    function _asString(str) {
      let result = "";
      let last = 0;
      let found = false;
      let point = 255;
      const l = str.length;
      if (l > 100) {
        return JSON.stringify(str);
      }
      for (var i = 0; i < l && point >= 32; i++) {
        point = str.charCodeAt(i);
        if (point === 34 || point === 92) {
          result += str.slice(last, i) + "\\";
          last = i;
          found = true;
        }
      }
      if (!found) {
        result = str;
      } else {
        result += str.slice(last);
      }
      return point < 32 ? JSON.stringify(str) : '"' + result + '"';
    }
    function asJson(obj, msg, num, time) {
      if (asJsonChan.hasSubscribers === false) {
        return _asJson.call(this, obj, msg, num, time);
      }
      const store = { instance: this, arguments };
      return asJsonChan.traceSync(_asJson, store, this, obj, msg, num, time);
    }
    function _asJson(obj, msg, num, time) {
      const stringify2 = this[stringifySym];
      const stringifySafe = this[stringifySafeSym];
      const stringifiers = this[stringifiersSym];
      const end = this[endSym];
      const chindings = this[chindingsSym];
      const serializers = this[serializersSym];
      const formatters = this[formattersSym];
      const messageKey = this[messageKeySym];
      const errorKey = this[errorKeySym];
      let data = this[lsCacheSym][num] + time;
      data = data + chindings;
      let value;
      if (formatters.log) {
        obj = formatters.log(obj);
      }
      const wildcardStringifier = stringifiers[wildcardFirstSym];
      let propStr = "";
      for (const key in obj) {
        value = obj[key];
        if (Object.prototype.hasOwnProperty.call(obj, key) && value !== void 0) {
          if (serializers[key]) {
            value = serializers[key](value);
          } else if (key === errorKey && serializers.err) {
            value = serializers.err(value);
          }
          const stringifier = stringifiers[key] || wildcardStringifier;
          switch (typeof value) {
            case "undefined":
            case "function":
              continue;
            case "number":
              if (Number.isFinite(value) === false) {
                value = null;
              }
            // this case explicitly falls through to the next one
            case "boolean":
              if (stringifier) value = stringifier(value);
              break;
            case "string":
              value = (stringifier || asString)(value);
              break;
            default:
              value = (stringifier || stringify2)(value, stringifySafe);
          }
          if (value === void 0) continue;
          const strKey = asString(key);
          propStr += "," + strKey + ":" + value;
        }
      }
      let msgStr = "";
      if (msg !== void 0) {
        value = serializers[messageKey] ? serializers[messageKey](msg) : msg;
        const stringifier = stringifiers[messageKey] || wildcardStringifier;
        switch (typeof value) {
          case "function":
            break;
          case "number":
            if (Number.isFinite(value) === false) {
              value = null;
            }
          // this case explicitly falls through to the next one
          case "boolean":
            if (stringifier) value = stringifier(value);
            msgStr = ',"' + messageKey + '":' + value;
            break;
          case "string":
            value = (stringifier || asString)(value);
            msgStr = ',"' + messageKey + '":' + value;
            break;
          default:
            value = (stringifier || stringify2)(value, stringifySafe);
            msgStr = ',"' + messageKey + '":' + value;
        }
      }
      if (this[nestedKeySym] && propStr) {
        return data + this[nestedKeyStrSym] + propStr.slice(1) + "}" + msgStr + end;
      } else {
        return data + propStr + msgStr + end;
      }
    }
    function asChindings(instance, bindings) {
      let value;
      let data = instance[chindingsSym];
      const stringify2 = instance[stringifySym];
      const stringifySafe = instance[stringifySafeSym];
      const stringifiers = instance[stringifiersSym];
      const wildcardStringifier = stringifiers[wildcardFirstSym];
      const serializers = instance[serializersSym];
      const formatter = instance[formattersSym].bindings;
      bindings = formatter(bindings);
      for (const key in bindings) {
        value = bindings[key];
        const valid = (key.length < 5 || key !== "level" && key !== "serializers" && key !== "formatters" && key !== "customLevels") && bindings.hasOwnProperty(key) && value !== void 0;
        if (valid === true) {
          value = serializers[key] ? serializers[key](value) : value;
          value = (stringifiers[key] || wildcardStringifier || stringify2)(value, stringifySafe);
          if (value === void 0) continue;
          data += "," + asString(key) + ":" + value;
        }
      }
      return data;
    }
    function hasBeenTampered(stream) {
      return stream.write !== stream.constructor.prototype.write;
    }
    function buildSafeSonicBoom(opts) {
      const stream = new SonicBoom(opts);
      stream.on("error", filterBrokenPipe);
      if (!opts.sync && isMainThread) {
        onExit.register(stream, autoEnd);
        stream.on("close", function() {
          onExit.unregister(stream);
        });
      }
      return stream;
      function filterBrokenPipe(err) {
        if (err.code === "EPIPE") {
          stream.write = noop;
          stream.end = noop;
          stream.flushSync = noop;
          stream.destroy = noop;
          return;
        }
        stream.removeListener("error", filterBrokenPipe);
        stream.emit("error", err);
      }
    }
    function autoEnd(stream, eventName) {
      if (stream.destroyed) {
        return;
      }
      if (eventName === "beforeExit") {
        stream.flush();
        stream.on("drain", function() {
          stream.end();
        });
      } else {
        stream.flushSync();
      }
    }
    function createArgsNormalizer(defaultOptions) {
      return function normalizeArgs(instance, caller, opts = {}, stream) {
        if (typeof opts === "string") {
          stream = buildSafeSonicBoom({ dest: opts });
          opts = {};
        } else if (typeof stream === "string") {
          if (opts && opts.transport) {
            throw Error("only one of option.transport or stream can be specified");
          }
          stream = buildSafeSonicBoom({ dest: stream });
        } else if (opts instanceof SonicBoom || opts.writable || opts._writableState) {
          stream = opts;
          opts = {};
        } else if (opts.transport) {
          if (opts.transport instanceof SonicBoom || opts.transport.writable || opts.transport._writableState) {
            throw Error("option.transport do not allow stream, please pass to option directly. e.g. pino(transport)");
          }
          if (opts.transport.targets && opts.transport.targets.length && opts.formatters && typeof opts.formatters.level === "function") {
            throw Error("option.transport.targets do not allow custom level formatters");
          }
          let customLevels;
          if (opts.customLevels) {
            customLevels = opts.useOnlyCustomLevels ? opts.customLevels : Object.assign({}, opts.levels, opts.customLevels);
          }
          stream = transport({ caller, ...opts.transport, levels: customLevels });
        }
        opts = Object.assign({}, defaultOptions, opts);
        opts.serializers = Object.assign(/* @__PURE__ */ Object.create(null), defaultOptions.serializers, opts.serializers);
        opts.formatters = Object.assign({}, defaultOptions.formatters, opts.formatters);
        if (opts.prettyPrint) {
          throw new Error("prettyPrint option is no longer supported, see the pino-pretty package (https://github.com/pinojs/pino-pretty)");
        }
        const { enabled, onChild } = opts;
        if (enabled === false) opts.level = "silent";
        if (!onChild) opts.onChild = noop;
        if (!stream) {
          if (!hasBeenTampered(process.stdout)) {
            stream = buildSafeSonicBoom({ fd: process.stdout.fd || 1 });
          } else {
            stream = process.stdout;
          }
        }
        return { opts, stream };
      };
    }
    function stringify(obj, stringifySafeFn) {
      try {
        return JSON.stringify(obj);
      } catch (_) {
        try {
          const stringify2 = stringifySafeFn || this[stringifySafeSym];
          return stringify2(obj);
        } catch (_2) {
          return '"[unable to serialize, circular reference is too complex to analyze]"';
        }
      }
    }
    function buildFormatters(level, bindings, log) {
      return {
        level,
        bindings,
        log
      };
    }
    function normalizeDestFileDescriptor(destination) {
      const fd = Number(destination);
      if (typeof destination === "string" && Number.isFinite(fd)) {
        return fd;
      }
      if (destination === void 0) {
        return 1;
      }
      return destination;
    }
    module.exports = {
      noop,
      buildSafeSonicBoom,
      asChindings,
      asJson,
      genLog,
      createArgsNormalizer,
      stringify,
      buildFormatters,
      normalizeDestFileDescriptor
    };
  }
});

// node_modules/pino/lib/constants.js
var require_constants = __commonJS({
  "node_modules/pino/lib/constants.js"(exports, module) {
    var DEFAULT_LEVELS = {
      trace: 10,
      debug: 20,
      info: 30,
      warn: 40,
      error: 50,
      fatal: 60
    };
    var SORTING_ORDER = {
      ASC: "ASC",
      DESC: "DESC"
    };
    module.exports = {
      DEFAULT_LEVELS,
      SORTING_ORDER
    };
  }
});

// node_modules/pino/lib/levels.js
var require_levels = __commonJS({
  "node_modules/pino/lib/levels.js"(exports, module) {
    "use strict";
    var {
      lsCacheSym,
      levelValSym,
      useOnlyCustomLevelsSym,
      streamSym,
      formattersSym,
      hooksSym,
      levelCompSym
    } = require_symbols();
    var { noop, genLog } = require_tools();
    var { DEFAULT_LEVELS, SORTING_ORDER } = require_constants();
    var levelMethods = {
      fatal: (hook) => {
        const logFatal = genLog(DEFAULT_LEVELS.fatal, hook);
        return function(...args) {
          const stream = this[streamSym];
          logFatal.call(this, ...args);
          if (typeof stream.flushSync === "function") {
            try {
              stream.flushSync();
            } catch (e) {
            }
          }
        };
      },
      error: (hook) => genLog(DEFAULT_LEVELS.error, hook),
      warn: (hook) => genLog(DEFAULT_LEVELS.warn, hook),
      info: (hook) => genLog(DEFAULT_LEVELS.info, hook),
      debug: (hook) => genLog(DEFAULT_LEVELS.debug, hook),
      trace: (hook) => genLog(DEFAULT_LEVELS.trace, hook)
    };
    var nums = Object.keys(DEFAULT_LEVELS).reduce((o, k) => {
      o[DEFAULT_LEVELS[k]] = k;
      return o;
    }, {});
    var initialLsCache = Object.keys(nums).reduce((o, k) => {
      o[k] = '{"level":' + Number(k);
      return o;
    }, {});
    function genLsCache(instance) {
      const formatter = instance[formattersSym].level;
      const { labels } = instance.levels;
      const cache = {};
      for (const label in labels) {
        const level = formatter(labels[label], Number(label));
        cache[label] = JSON.stringify(level).slice(0, -1);
      }
      instance[lsCacheSym] = cache;
      return instance;
    }
    function isStandardLevel(level, useOnlyCustomLevels) {
      if (useOnlyCustomLevels) {
        return false;
      }
      switch (level) {
        case "fatal":
        case "error":
        case "warn":
        case "info":
        case "debug":
        case "trace":
          return true;
        default:
          return false;
      }
    }
    function setLevel(level) {
      const { labels, values } = this.levels;
      if (typeof level === "number") {
        if (labels[level] === void 0) throw Error("unknown level value" + level);
        level = labels[level];
      }
      if (values[level] === void 0) throw Error("unknown level " + level);
      const preLevelVal = this[levelValSym];
      const levelVal = this[levelValSym] = values[level];
      const useOnlyCustomLevelsVal = this[useOnlyCustomLevelsSym];
      const levelComparison = this[levelCompSym];
      const hook = this[hooksSym].logMethod;
      for (const key in values) {
        if (levelComparison(values[key], levelVal) === false) {
          this[key] = noop;
          continue;
        }
        this[key] = isStandardLevel(key, useOnlyCustomLevelsVal) ? levelMethods[key](hook) : genLog(values[key], hook);
      }
      this.emit(
        "level-change",
        level,
        levelVal,
        labels[preLevelVal],
        preLevelVal,
        this
      );
    }
    function getLevel(level) {
      const { levels, levelVal } = this;
      return levels && levels.labels ? levels.labels[levelVal] : "";
    }
    function isLevelEnabled(logLevel) {
      const { values } = this.levels;
      const logLevelVal = values[logLevel];
      return logLevelVal !== void 0 && this[levelCompSym](logLevelVal, this[levelValSym]);
    }
    function compareLevel(direction, current, expected) {
      if (direction === SORTING_ORDER.DESC) {
        return current <= expected;
      }
      return current >= expected;
    }
    function genLevelComparison(levelComparison) {
      if (typeof levelComparison === "string") {
        return compareLevel.bind(null, levelComparison);
      }
      return levelComparison;
    }
    function mappings(customLevels = null, useOnlyCustomLevels = false) {
      const customNums = customLevels ? Object.keys(customLevels).reduce((o, k) => {
        o[customLevels[k]] = k;
        return o;
      }, {}) : null;
      const labels = Object.assign(
        Object.create(Object.prototype, { Infinity: { value: "silent" } }),
        useOnlyCustomLevels ? null : nums,
        customNums
      );
      const values = Object.assign(
        Object.create(Object.prototype, { silent: { value: Infinity } }),
        useOnlyCustomLevels ? null : DEFAULT_LEVELS,
        customLevels
      );
      return { labels, values };
    }
    function assertDefaultLevelFound(defaultLevel, customLevels, useOnlyCustomLevels) {
      if (typeof defaultLevel === "number") {
        const values = [].concat(
          Object.keys(customLevels || {}).map((key) => customLevels[key]),
          useOnlyCustomLevels ? [] : Object.keys(nums).map((level) => +level),
          Infinity
        );
        if (!values.includes(defaultLevel)) {
          throw Error(`default level:${defaultLevel} must be included in custom levels`);
        }
        return;
      }
      const labels = Object.assign(
        Object.create(Object.prototype, { silent: { value: Infinity } }),
        useOnlyCustomLevels ? null : DEFAULT_LEVELS,
        customLevels
      );
      if (!(defaultLevel in labels)) {
        throw Error(`default level:${defaultLevel} must be included in custom levels`);
      }
    }
    function assertNoLevelCollisions(levels, customLevels) {
      const { labels, values } = levels;
      for (const k in customLevels) {
        if (k in values) {
          throw Error("levels cannot be overridden");
        }
        if (customLevels[k] in labels) {
          throw Error("pre-existing level values cannot be used for new levels");
        }
      }
    }
    function assertLevelComparison(levelComparison) {
      if (typeof levelComparison === "function") {
        return;
      }
      if (typeof levelComparison === "string" && Object.values(SORTING_ORDER).includes(levelComparison)) {
        return;
      }
      throw new Error('Levels comparison should be one of "ASC", "DESC" or "function" type');
    }
    module.exports = {
      initialLsCache,
      genLsCache,
      levelMethods,
      getLevel,
      setLevel,
      isLevelEnabled,
      mappings,
      assertNoLevelCollisions,
      assertDefaultLevelFound,
      genLevelComparison,
      assertLevelComparison
    };
  }
});

// node_modules/pino/lib/meta.js
var require_meta = __commonJS({
  "node_modules/pino/lib/meta.js"(exports, module) {
    "use strict";
    module.exports = { version: "10.4.0" };
  }
});

// node_modules/pino/lib/proto.js
var require_proto = __commonJS({
  "node_modules/pino/lib/proto.js"(exports, module) {
    "use strict";
    var { EventEmitter: EventEmitter2 } = __require("node:events");
    var {
      lsCacheSym,
      levelValSym,
      setLevelSym,
      getLevelSym,
      chindingsSym,
      mixinSym,
      asJsonSym,
      writeSym,
      mixinMergeStrategySym,
      timeSym,
      timeSliceIndexSym,
      streamSym,
      serializersSym,
      formattersSym,
      errorKeySym,
      messageKeySym,
      useOnlyCustomLevelsSym,
      needsMetadataGsym,
      redactFmtSym,
      stringifySym,
      formatOptsSym,
      stringifiersSym,
      msgPrefixSym,
      hooksSym
    } = require_symbols();
    var {
      getLevel,
      setLevel,
      isLevelEnabled,
      mappings,
      initialLsCache,
      genLsCache,
      assertNoLevelCollisions
    } = require_levels();
    var {
      asChindings,
      asJson,
      buildFormatters,
      stringify,
      noop
    } = require_tools();
    var {
      version
    } = require_meta();
    var redaction = require_redaction();
    var constructor = class Pino {
    };
    var prototype = {
      constructor,
      child,
      bindings,
      setBindings,
      flush,
      isLevelEnabled,
      version,
      get level() {
        return this[getLevelSym]();
      },
      set level(lvl) {
        this[setLevelSym](lvl);
      },
      get levelVal() {
        return this[levelValSym];
      },
      set levelVal(n) {
        throw Error("levelVal is read-only");
      },
      get msgPrefix() {
        return this[msgPrefixSym];
      },
      get [Symbol.toStringTag]() {
        return "Pino";
      },
      [lsCacheSym]: initialLsCache,
      [writeSym]: write,
      [asJsonSym]: asJson,
      [getLevelSym]: getLevel,
      [setLevelSym]: setLevel
    };
    Object.setPrototypeOf(prototype, EventEmitter2.prototype);
    module.exports = function() {
      return Object.create(prototype);
    };
    var resetChildingsFormatter = (bindings2) => bindings2;
    function child(bindings2, options) {
      if (!bindings2) {
        throw Error("missing bindings for child Pino");
      }
      const serializers = this[serializersSym];
      const formatters = this[formattersSym];
      const instance = Object.create(this);
      if (options == null) {
        if (instance[formattersSym].bindings !== resetChildingsFormatter) {
          instance[formattersSym] = buildFormatters(
            formatters.level,
            resetChildingsFormatter,
            formatters.log
          );
        }
        instance[chindingsSym] = asChindings(instance, bindings2);
        if (this.onChild !== noop) {
          this.onChild(instance);
        }
        return instance;
      }
      if (options.hasOwnProperty("serializers") === true) {
        instance[serializersSym] = /* @__PURE__ */ Object.create(null);
        for (const k in serializers) {
          instance[serializersSym][k] = serializers[k];
        }
        const parentSymbols = Object.getOwnPropertySymbols(serializers);
        for (var i = 0; i < parentSymbols.length; i++) {
          const ks = parentSymbols[i];
          instance[serializersSym][ks] = serializers[ks];
        }
        for (const bk in options.serializers) {
          instance[serializersSym][bk] = options.serializers[bk];
        }
        const bindingsSymbols = Object.getOwnPropertySymbols(options.serializers);
        for (var bi = 0; bi < bindingsSymbols.length; bi++) {
          const bks = bindingsSymbols[bi];
          instance[serializersSym][bks] = options.serializers[bks];
        }
      } else instance[serializersSym] = serializers;
      if (options.hasOwnProperty("formatters")) {
        const { level, bindings: chindings, log } = options.formatters;
        instance[formattersSym] = buildFormatters(
          level || formatters.level,
          chindings || resetChildingsFormatter,
          log || formatters.log
        );
      } else {
        instance[formattersSym] = buildFormatters(
          formatters.level,
          resetChildingsFormatter,
          formatters.log
        );
      }
      if (options.hasOwnProperty("customLevels") === true) {
        assertNoLevelCollisions(this.levels, options.customLevels);
        instance.levels = mappings(options.customLevels, instance[useOnlyCustomLevelsSym]);
        genLsCache(instance);
      }
      if (typeof options.redact === "object" && options.redact !== null || Array.isArray(options.redact)) {
        instance.redact = options.redact;
        const stringifiers = redaction(instance.redact, stringify);
        const formatOpts = { stringify: stringifiers[redactFmtSym] };
        instance[stringifySym] = stringify;
        instance[stringifiersSym] = stringifiers;
        instance[formatOptsSym] = formatOpts;
      }
      if (typeof options.msgPrefix === "string") {
        instance[msgPrefixSym] = (this[msgPrefixSym] || "") + options.msgPrefix;
      }
      instance[chindingsSym] = asChindings(instance, bindings2);
      if (options.level !== void 0 && options.level !== this.level || options.hasOwnProperty("customLevels")) {
        const childLevel = options.level || this.level;
        instance[setLevelSym](childLevel);
      }
      this.onChild(instance);
      return instance;
    }
    function bindings() {
      const chindings = this[chindingsSym];
      const chindingsJson = `{${chindings.substr(1)}}`;
      const bindingsFromJson = JSON.parse(chindingsJson);
      delete bindingsFromJson.pid;
      delete bindingsFromJson.hostname;
      return bindingsFromJson;
    }
    function setBindings(newBindings) {
      const chindings = asChindings(this, newBindings);
      this[chindingsSym] = chindings;
    }
    function defaultMixinMergeStrategy(mergeObject, mixinObject) {
      return Object.assign(mixinObject, mergeObject);
    }
    function write(_obj, msg, num) {
      const t2 = this[timeSym]();
      const mixin = this[mixinSym];
      const errorKey = this[errorKeySym];
      const messageKey = this[messageKeySym];
      const mixinMergeStrategy = this[mixinMergeStrategySym] || defaultMixinMergeStrategy;
      let obj;
      const streamWriteHook = this[hooksSym].streamWrite;
      if (_obj === void 0 || _obj === null) {
        obj = {};
      } else if (_obj instanceof Error) {
        obj = { [errorKey]: _obj };
        if (msg === void 0) {
          msg = _obj.message;
        }
      } else {
        obj = _obj;
        if (msg === void 0 && _obj[messageKey] === void 0 && _obj[errorKey]) {
          msg = _obj[errorKey].message;
        }
      }
      if (mixin) {
        obj = mixinMergeStrategy(obj, mixin(obj, num, this));
      }
      const s = this[asJsonSym](obj, msg, num, t2);
      const stream = this[streamSym];
      if (stream[needsMetadataGsym] === true) {
        stream.lastLevel = num;
        stream.lastObj = obj;
        stream.lastMsg = msg;
        stream.lastTime = t2.slice(this[timeSliceIndexSym]);
        stream.lastLogger = this;
      }
      stream.write(streamWriteHook ? streamWriteHook(s) : s);
    }
    function flush(cb) {
      if (cb != null && typeof cb !== "function") {
        throw Error("callback must be a function");
      }
      const stream = this[streamSym];
      if (typeof stream.flush === "function") {
        stream.flush(cb || noop);
      } else if (cb) cb();
    }
  }
});

// node_modules/safe-stable-stringify/index.js
var require_safe_stable_stringify = __commonJS({
  "node_modules/safe-stable-stringify/index.js"(exports, module) {
    "use strict";
    var { hasOwnProperty } = Object.prototype;
    var stringify = configure();
    stringify.configure = configure;
    stringify.stringify = stringify;
    stringify.default = stringify;
    exports.stringify = stringify;
    exports.configure = configure;
    module.exports = stringify;
    var strEscapeSequencesRegExp = /[\u0000-\u001f\u0022\u005c\ud800-\udfff]/;
    function strEscape(str) {
      if (str.length < 5e3 && !strEscapeSequencesRegExp.test(str)) {
        return `"${str}"`;
      }
      return JSON.stringify(str);
    }
    function sort(array, comparator) {
      if (array.length > 200 || comparator) {
        return array.sort(comparator);
      }
      for (let i = 1; i < array.length; i++) {
        const currentValue = array[i];
        let position = i;
        while (position !== 0 && array[position - 1] > currentValue) {
          array[position] = array[position - 1];
          position--;
        }
        array[position] = currentValue;
      }
      return array;
    }
    var typedArrayPrototypeGetSymbolToStringTag = Object.getOwnPropertyDescriptor(
      Object.getPrototypeOf(
        Object.getPrototypeOf(
          new Int8Array()
        )
      ),
      Symbol.toStringTag
    ).get;
    function isTypedArrayWithEntries(value) {
      return typedArrayPrototypeGetSymbolToStringTag.call(value) !== void 0 && value.length !== 0;
    }
    function stringifyTypedArray(array, separator, maximumBreadth) {
      if (array.length < maximumBreadth) {
        maximumBreadth = array.length;
      }
      const whitespace = separator === "," ? "" : " ";
      let res = `"0":${whitespace}${array[0]}`;
      for (let i = 1; i < maximumBreadth; i++) {
        res += `${separator}"${i}":${whitespace}${array[i]}`;
      }
      return res;
    }
    function getCircularValueOption(options) {
      if (hasOwnProperty.call(options, "circularValue")) {
        const circularValue = options.circularValue;
        if (typeof circularValue === "string") {
          return `"${circularValue}"`;
        }
        if (circularValue == null) {
          return circularValue;
        }
        if (circularValue === Error || circularValue === TypeError) {
          return {
            toString() {
              throw new TypeError("Converting circular structure to JSON");
            }
          };
        }
        throw new TypeError('The "circularValue" argument must be of type string or the value null or undefined');
      }
      return '"[Circular]"';
    }
    function getDeterministicOption(options) {
      let value;
      if (hasOwnProperty.call(options, "deterministic")) {
        value = options.deterministic;
        if (typeof value !== "boolean" && typeof value !== "function") {
          throw new TypeError('The "deterministic" argument must be of type boolean or comparator function');
        }
      }
      return value === void 0 ? true : value;
    }
    function getBooleanOption(options, key) {
      let value;
      if (hasOwnProperty.call(options, key)) {
        value = options[key];
        if (typeof value !== "boolean") {
          throw new TypeError(`The "${key}" argument must be of type boolean`);
        }
      }
      return value === void 0 ? true : value;
    }
    function getPositiveIntegerOption(options, key) {
      let value;
      if (hasOwnProperty.call(options, key)) {
        value = options[key];
        if (typeof value !== "number") {
          throw new TypeError(`The "${key}" argument must be of type number`);
        }
        if (!Number.isInteger(value)) {
          throw new TypeError(`The "${key}" argument must be an integer`);
        }
        if (value < 1) {
          throw new RangeError(`The "${key}" argument must be >= 1`);
        }
      }
      return value === void 0 ? Infinity : value;
    }
    function getItemCount(number2) {
      if (number2 === 1) {
        return "1 item";
      }
      return `${number2} items`;
    }
    function getUniqueReplacerSet(replacerArray) {
      const replacerSet = /* @__PURE__ */ new Set();
      for (const value of replacerArray) {
        if (typeof value === "string" || typeof value === "number") {
          replacerSet.add(String(value));
        }
      }
      return replacerSet;
    }
    function getStrictOption(options) {
      if (hasOwnProperty.call(options, "strict")) {
        const value = options.strict;
        if (typeof value !== "boolean") {
          throw new TypeError('The "strict" argument must be of type boolean');
        }
        if (value) {
          return (value2) => {
            let message = `Object can not safely be stringified. Received type ${typeof value2}`;
            if (typeof value2 !== "function") message += ` (${value2.toString()})`;
            throw new Error(message);
          };
        }
      }
    }
    function configure(options) {
      options = { ...options };
      const fail = getStrictOption(options);
      if (fail) {
        if (options.bigint === void 0) {
          options.bigint = false;
        }
        if (!("circularValue" in options)) {
          options.circularValue = Error;
        }
      }
      const circularValue = getCircularValueOption(options);
      const bigint = getBooleanOption(options, "bigint");
      const deterministic = getDeterministicOption(options);
      const comparator = typeof deterministic === "function" ? deterministic : void 0;
      const maximumDepth = getPositiveIntegerOption(options, "maximumDepth");
      const maximumBreadth = getPositiveIntegerOption(options, "maximumBreadth");
      function stringifyFnReplacer(key, parent, stack, replacer, spacer, indentation) {
        let value = parent[key];
        if (typeof value === "object" && value !== null && typeof value.toJSON === "function") {
          value = value.toJSON(key);
        }
        value = replacer.call(parent, key, value);
        switch (typeof value) {
          case "string":
            return strEscape(value);
          case "object": {
            if (value === null) {
              return "null";
            }
            if (stack.indexOf(value) !== -1) {
              return circularValue;
            }
            let res = "";
            let join3 = ",";
            const originalIndentation = indentation;
            if (Array.isArray(value)) {
              if (value.length === 0) {
                return "[]";
              }
              if (maximumDepth < stack.length + 1) {
                return '"[Array]"';
              }
              stack.push(value);
              if (spacer !== "") {
                indentation += spacer;
                res += `
${indentation}`;
                join3 = `,
${indentation}`;
              }
              const maximumValuesToStringify = Math.min(value.length, maximumBreadth);
              let i = 0;
              for (; i < maximumValuesToStringify - 1; i++) {
                const tmp2 = stringifyFnReplacer(String(i), value, stack, replacer, spacer, indentation);
                res += tmp2 !== void 0 ? tmp2 : "null";
                res += join3;
              }
              const tmp = stringifyFnReplacer(String(i), value, stack, replacer, spacer, indentation);
              res += tmp !== void 0 ? tmp : "null";
              if (value.length - 1 > maximumBreadth) {
                const removedKeys = value.length - maximumBreadth - 1;
                res += `${join3}"... ${getItemCount(removedKeys)} not stringified"`;
              }
              if (spacer !== "") {
                res += `
${originalIndentation}`;
              }
              stack.pop();
              return `[${res}]`;
            }
            let keys = Object.keys(value);
            const keyLength = keys.length;
            if (keyLength === 0) {
              return "{}";
            }
            if (maximumDepth < stack.length + 1) {
              return '"[Object]"';
            }
            let whitespace = "";
            let separator = "";
            if (spacer !== "") {
              indentation += spacer;
              join3 = `,
${indentation}`;
              whitespace = " ";
            }
            const maximumPropertiesToStringify = Math.min(keyLength, maximumBreadth);
            if (deterministic && !isTypedArrayWithEntries(value)) {
              keys = sort(keys, comparator);
            }
            stack.push(value);
            for (let i = 0; i < maximumPropertiesToStringify; i++) {
              const key2 = keys[i];
              const tmp = stringifyFnReplacer(key2, value, stack, replacer, spacer, indentation);
              if (tmp !== void 0) {
                res += `${separator}${strEscape(key2)}:${whitespace}${tmp}`;
                separator = join3;
              }
            }
            if (keyLength > maximumBreadth) {
              const removedKeys = keyLength - maximumBreadth;
              res += `${separator}"...":${whitespace}"${getItemCount(removedKeys)} not stringified"`;
              separator = join3;
            }
            if (spacer !== "" && separator.length > 1) {
              res = `
${indentation}${res}
${originalIndentation}`;
            }
            stack.pop();
            return `{${res}}`;
          }
          case "number":
            return isFinite(value) ? String(value) : fail ? fail(value) : "null";
          case "boolean":
            return value === true ? "true" : "false";
          case "undefined":
            return void 0;
          case "bigint":
            if (bigint) {
              return String(value);
            }
          // fallthrough
          default:
            return fail ? fail(value) : void 0;
        }
      }
      function stringifyArrayReplacer(key, value, stack, replacer, spacer, indentation) {
        if (typeof value === "object" && value !== null && typeof value.toJSON === "function") {
          value = value.toJSON(key);
        }
        switch (typeof value) {
          case "string":
            return strEscape(value);
          case "object": {
            if (value === null) {
              return "null";
            }
            if (stack.indexOf(value) !== -1) {
              return circularValue;
            }
            const originalIndentation = indentation;
            let res = "";
            let join3 = ",";
            if (Array.isArray(value)) {
              if (value.length === 0) {
                return "[]";
              }
              if (maximumDepth < stack.length + 1) {
                return '"[Array]"';
              }
              stack.push(value);
              if (spacer !== "") {
                indentation += spacer;
                res += `
${indentation}`;
                join3 = `,
${indentation}`;
              }
              const maximumValuesToStringify = Math.min(value.length, maximumBreadth);
              let i = 0;
              for (; i < maximumValuesToStringify - 1; i++) {
                const tmp2 = stringifyArrayReplacer(String(i), value[i], stack, replacer, spacer, indentation);
                res += tmp2 !== void 0 ? tmp2 : "null";
                res += join3;
              }
              const tmp = stringifyArrayReplacer(String(i), value[i], stack, replacer, spacer, indentation);
              res += tmp !== void 0 ? tmp : "null";
              if (value.length - 1 > maximumBreadth) {
                const removedKeys = value.length - maximumBreadth - 1;
                res += `${join3}"... ${getItemCount(removedKeys)} not stringified"`;
              }
              if (spacer !== "") {
                res += `
${originalIndentation}`;
              }
              stack.pop();
              return `[${res}]`;
            }
            stack.push(value);
            let whitespace = "";
            if (spacer !== "") {
              indentation += spacer;
              join3 = `,
${indentation}`;
              whitespace = " ";
            }
            let separator = "";
            for (const key2 of replacer) {
              const tmp = stringifyArrayReplacer(key2, value[key2], stack, replacer, spacer, indentation);
              if (tmp !== void 0) {
                res += `${separator}${strEscape(key2)}:${whitespace}${tmp}`;
                separator = join3;
              }
            }
            if (spacer !== "" && separator.length > 1) {
              res = `
${indentation}${res}
${originalIndentation}`;
            }
            stack.pop();
            return `{${res}}`;
          }
          case "number":
            return isFinite(value) ? String(value) : fail ? fail(value) : "null";
          case "boolean":
            return value === true ? "true" : "false";
          case "undefined":
            return void 0;
          case "bigint":
            if (bigint) {
              return String(value);
            }
          // fallthrough
          default:
            return fail ? fail(value) : void 0;
        }
      }
      function stringifyIndent(key, value, stack, spacer, indentation) {
        switch (typeof value) {
          case "string":
            return strEscape(value);
          case "object": {
            if (value === null) {
              return "null";
            }
            if (typeof value.toJSON === "function") {
              value = value.toJSON(key);
              if (typeof value !== "object") {
                return stringifyIndent(key, value, stack, spacer, indentation);
              }
              if (value === null) {
                return "null";
              }
            }
            if (stack.indexOf(value) !== -1) {
              return circularValue;
            }
            const originalIndentation = indentation;
            if (Array.isArray(value)) {
              if (value.length === 0) {
                return "[]";
              }
              if (maximumDepth < stack.length + 1) {
                return '"[Array]"';
              }
              stack.push(value);
              indentation += spacer;
              let res2 = `
${indentation}`;
              const join4 = `,
${indentation}`;
              const maximumValuesToStringify = Math.min(value.length, maximumBreadth);
              let i = 0;
              for (; i < maximumValuesToStringify - 1; i++) {
                const tmp2 = stringifyIndent(String(i), value[i], stack, spacer, indentation);
                res2 += tmp2 !== void 0 ? tmp2 : "null";
                res2 += join4;
              }
              const tmp = stringifyIndent(String(i), value[i], stack, spacer, indentation);
              res2 += tmp !== void 0 ? tmp : "null";
              if (value.length - 1 > maximumBreadth) {
                const removedKeys = value.length - maximumBreadth - 1;
                res2 += `${join4}"... ${getItemCount(removedKeys)} not stringified"`;
              }
              res2 += `
${originalIndentation}`;
              stack.pop();
              return `[${res2}]`;
            }
            let keys = Object.keys(value);
            const keyLength = keys.length;
            if (keyLength === 0) {
              return "{}";
            }
            if (maximumDepth < stack.length + 1) {
              return '"[Object]"';
            }
            indentation += spacer;
            const join3 = `,
${indentation}`;
            let res = "";
            let separator = "";
            let maximumPropertiesToStringify = Math.min(keyLength, maximumBreadth);
            if (isTypedArrayWithEntries(value)) {
              res += stringifyTypedArray(value, join3, maximumBreadth);
              keys = keys.slice(value.length);
              maximumPropertiesToStringify -= value.length;
              separator = join3;
            }
            if (deterministic) {
              keys = sort(keys, comparator);
            }
            stack.push(value);
            for (let i = 0; i < maximumPropertiesToStringify; i++) {
              const key2 = keys[i];
              const tmp = stringifyIndent(key2, value[key2], stack, spacer, indentation);
              if (tmp !== void 0) {
                res += `${separator}${strEscape(key2)}: ${tmp}`;
                separator = join3;
              }
            }
            if (keyLength > maximumBreadth) {
              const removedKeys = keyLength - maximumBreadth;
              res += `${separator}"...": "${getItemCount(removedKeys)} not stringified"`;
              separator = join3;
            }
            if (separator !== "") {
              res = `
${indentation}${res}
${originalIndentation}`;
            }
            stack.pop();
            return `{${res}}`;
          }
          case "number":
            return isFinite(value) ? String(value) : fail ? fail(value) : "null";
          case "boolean":
            return value === true ? "true" : "false";
          case "undefined":
            return void 0;
          case "bigint":
            if (bigint) {
              return String(value);
            }
          // fallthrough
          default:
            return fail ? fail(value) : void 0;
        }
      }
      function stringifySimple(key, value, stack) {
        switch (typeof value) {
          case "string":
            return strEscape(value);
          case "object": {
            if (value === null) {
              return "null";
            }
            if (typeof value.toJSON === "function") {
              value = value.toJSON(key);
              if (typeof value !== "object") {
                return stringifySimple(key, value, stack);
              }
              if (value === null) {
                return "null";
              }
            }
            if (stack.indexOf(value) !== -1) {
              return circularValue;
            }
            let res = "";
            const hasLength = value.length !== void 0;
            if (hasLength && Array.isArray(value)) {
              if (value.length === 0) {
                return "[]";
              }
              if (maximumDepth < stack.length + 1) {
                return '"[Array]"';
              }
              stack.push(value);
              const maximumValuesToStringify = Math.min(value.length, maximumBreadth);
              let i = 0;
              for (; i < maximumValuesToStringify - 1; i++) {
                const tmp2 = stringifySimple(String(i), value[i], stack);
                res += tmp2 !== void 0 ? tmp2 : "null";
                res += ",";
              }
              const tmp = stringifySimple(String(i), value[i], stack);
              res += tmp !== void 0 ? tmp : "null";
              if (value.length - 1 > maximumBreadth) {
                const removedKeys = value.length - maximumBreadth - 1;
                res += `,"... ${getItemCount(removedKeys)} not stringified"`;
              }
              stack.pop();
              return `[${res}]`;
            }
            let keys = Object.keys(value);
            const keyLength = keys.length;
            if (keyLength === 0) {
              return "{}";
            }
            if (maximumDepth < stack.length + 1) {
              return '"[Object]"';
            }
            let separator = "";
            let maximumPropertiesToStringify = Math.min(keyLength, maximumBreadth);
            if (hasLength && isTypedArrayWithEntries(value)) {
              res += stringifyTypedArray(value, ",", maximumBreadth);
              keys = keys.slice(value.length);
              maximumPropertiesToStringify -= value.length;
              separator = ",";
            }
            if (deterministic) {
              keys = sort(keys, comparator);
            }
            stack.push(value);
            for (let i = 0; i < maximumPropertiesToStringify; i++) {
              const key2 = keys[i];
              const tmp = stringifySimple(key2, value[key2], stack);
              if (tmp !== void 0) {
                res += `${separator}${strEscape(key2)}:${tmp}`;
                separator = ",";
              }
            }
            if (keyLength > maximumBreadth) {
              const removedKeys = keyLength - maximumBreadth;
              res += `${separator}"...":"${getItemCount(removedKeys)} not stringified"`;
            }
            stack.pop();
            return `{${res}}`;
          }
          case "number":
            return isFinite(value) ? String(value) : fail ? fail(value) : "null";
          case "boolean":
            return value === true ? "true" : "false";
          case "undefined":
            return void 0;
          case "bigint":
            if (bigint) {
              return String(value);
            }
          // fallthrough
          default:
            return fail ? fail(value) : void 0;
        }
      }
      function stringify2(value, replacer, space) {
        if (arguments.length > 1) {
          let spacer = "";
          if (typeof space === "number") {
            spacer = " ".repeat(Math.min(space, 10));
          } else if (typeof space === "string") {
            spacer = space.slice(0, 10);
          }
          if (replacer != null) {
            if (typeof replacer === "function") {
              return stringifyFnReplacer("", { "": value }, [], replacer, spacer, "");
            }
            if (Array.isArray(replacer)) {
              return stringifyArrayReplacer("", value, [], getUniqueReplacerSet(replacer), spacer, "");
            }
          }
          if (spacer.length !== 0) {
            return stringifyIndent("", value, [], spacer, "");
          }
        }
        return stringifySimple("", value, []);
      }
      return stringify2;
    }
  }
});

// node_modules/pino/lib/multistream.js
var require_multistream = __commonJS({
  "node_modules/pino/lib/multistream.js"(exports, module) {
    "use strict";
    var metadata = /* @__PURE__ */ Symbol.for("pino.metadata");
    var { DEFAULT_LEVELS } = require_constants();
    var DEFAULT_INFO_LEVEL = DEFAULT_LEVELS.info;
    function multistream(streamsArray, opts) {
      streamsArray = streamsArray || [];
      opts = opts || { dedupe: false };
      const streamLevels = Object.create(DEFAULT_LEVELS);
      streamLevels.silent = Infinity;
      if (opts.levels && typeof opts.levels === "object") {
        Object.keys(opts.levels).forEach((i) => {
          streamLevels[i] = opts.levels[i];
        });
      }
      const res = {
        write,
        add,
        remove,
        emit,
        flushSync,
        end,
        minLevel: 0,
        lastId: 0,
        streams: [],
        clone,
        [metadata]: true,
        streamLevels
      };
      if (Array.isArray(streamsArray)) {
        streamsArray.forEach(add, res);
      } else {
        add.call(res, streamsArray);
      }
      streamsArray = null;
      return res;
      function write(data) {
        let dest;
        const level = typeof this.lastLevel === "string" ? (this.streamLevels || streamLevels)[this.lastLevel] : this.lastLevel;
        const { streams } = this;
        let recordedLevel = 0;
        let stream;
        for (let i = initLoopVar(streams.length, opts.dedupe); checkLoopVar(i, streams.length, opts.dedupe); i = adjustLoopVar(i, opts.dedupe)) {
          dest = streams[i];
          if (dest.level <= level) {
            if (recordedLevel !== 0 && recordedLevel !== dest.level) {
              break;
            }
            stream = dest.stream;
            if (stream[metadata]) {
              const { lastTime, lastMsg, lastObj, lastLogger } = this;
              stream.lastLevel = level;
              stream.lastTime = lastTime;
              stream.lastMsg = lastMsg;
              stream.lastObj = lastObj;
              stream.lastLogger = lastLogger;
            }
            stream.write(data);
            if (opts.dedupe) {
              recordedLevel = dest.level;
            }
          } else if (!opts.dedupe) {
            break;
          }
        }
      }
      function emit(...args) {
        for (const { stream } of this.streams) {
          if (typeof stream.emit === "function") {
            stream.emit(...args);
          }
        }
      }
      function flushSync() {
        for (const { stream } of this.streams) {
          if (typeof stream.flushSync === "function") {
            stream.flushSync();
          }
        }
      }
      function add(dest) {
        if (!dest) {
          return this;
        }
        const isStream = typeof dest.write === "function" || dest.stream;
        const stream_ = dest.write ? dest : dest.stream;
        if (!isStream) {
          throw Error("stream object needs to implement either StreamEntry or DestinationStream interface");
        }
        const { streams, streamLevels: streamLevels2 } = this;
        let level;
        if (typeof dest.levelVal === "number") {
          level = dest.levelVal;
        } else if (typeof dest.level === "string") {
          level = streamLevels2[dest.level];
        } else if (typeof dest.level === "number") {
          level = dest.level;
        } else {
          level = DEFAULT_INFO_LEVEL;
        }
        const dest_ = {
          stream: stream_,
          level,
          levelVal: void 0,
          id: ++res.lastId
        };
        streams.unshift(dest_);
        streams.sort(compareByLevel);
        this.minLevel = streams[0].level;
        return this;
      }
      function remove(id) {
        const { streams } = this;
        const index = streams.findIndex((s) => s.id === id);
        if (index >= 0) {
          streams.splice(index, 1);
          streams.sort(compareByLevel);
          this.minLevel = streams.length > 0 ? streams[0].level : -1;
        }
        return this;
      }
      function end() {
        for (const { stream } of this.streams) {
          if (typeof stream.flushSync === "function") {
            stream.flushSync();
          }
          stream.end();
        }
      }
      function clone(level) {
        const streams = new Array(this.streams.length);
        for (let i = 0; i < streams.length; i++) {
          streams[i] = {
            level,
            stream: this.streams[i].stream
          };
        }
        return {
          write,
          add,
          remove,
          emit,
          flushSync,
          end,
          minLevel: level,
          streams,
          clone,
          [metadata]: true,
          streamLevels
        };
      }
    }
    function compareByLevel(a, b) {
      return a.level - b.level;
    }
    function initLoopVar(length, dedupe) {
      return dedupe ? length - 1 : 0;
    }
    function adjustLoopVar(i, dedupe) {
      return dedupe ? i - 1 : i + 1;
    }
    function checkLoopVar(i, length, dedupe) {
      return dedupe ? i >= 0 : i < length;
    }
    module.exports = multistream;
  }
});

// node_modules/pino/pino.js
var require_pino = __commonJS({
  "node_modules/pino/pino.js"(exports, module) {
    "use strict";
    var os = __require("node:os");
    var stdSerializers = require_pino_std_serializers();
    var caller = require_caller();
    var redaction = require_redaction();
    var time = require_time();
    var proto = require_proto();
    var symbols = require_symbols();
    var { configure } = require_safe_stable_stringify();
    var { assertDefaultLevelFound, mappings, genLsCache, genLevelComparison, assertLevelComparison } = require_levels();
    var { DEFAULT_LEVELS, SORTING_ORDER } = require_constants();
    var {
      createArgsNormalizer,
      asChindings,
      buildSafeSonicBoom,
      buildFormatters,
      stringify,
      normalizeDestFileDescriptor,
      noop
    } = require_tools();
    var { version } = require_meta();
    var {
      chindingsSym,
      redactFmtSym,
      serializersSym,
      timeSym,
      timeSliceIndexSym,
      streamSym,
      stringifySym,
      stringifySafeSym,
      stringifiersSym,
      setLevelSym,
      endSym,
      formatOptsSym,
      messageKeySym,
      errorKeySym,
      nestedKeySym,
      mixinSym,
      levelCompSym,
      useOnlyCustomLevelsSym,
      formattersSym,
      hooksSym,
      nestedKeyStrSym,
      mixinMergeStrategySym,
      msgPrefixSym,
      transportUsesMultistreamSym
    } = symbols;
    var { epochTime, nullTime } = time;
    var { pid } = process;
    var hostname2 = os.hostname();
    var defaultErrorSerializer = stdSerializers.err;
    var defaultOptions = {
      level: "info",
      levelComparison: SORTING_ORDER.ASC,
      levels: DEFAULT_LEVELS,
      messageKey: "msg",
      errorKey: "err",
      nestedKey: null,
      enabled: true,
      base: { pid, hostname: hostname2 },
      serializers: Object.assign(/* @__PURE__ */ Object.create(null), {
        err: defaultErrorSerializer
      }),
      formatters: Object.assign(/* @__PURE__ */ Object.create(null), {
        bindings(bindings) {
          return bindings;
        },
        level(label, number2) {
          return { level: number2 };
        }
      }),
      hooks: {
        logMethod: void 0,
        streamWrite: void 0
      },
      timestamp: epochTime,
      name: void 0,
      redact: null,
      customLevels: null,
      useOnlyCustomLevels: false,
      depthLimit: 5,
      edgeLimit: 100
    };
    var normalize = createArgsNormalizer(defaultOptions);
    var serializers = Object.assign(/* @__PURE__ */ Object.create(null), stdSerializers);
    function pino2(...args) {
      const instance = {};
      const { opts, stream } = normalize(instance, caller(), ...args);
      if (opts.level && typeof opts.level === "string" && DEFAULT_LEVELS[opts.level.toLowerCase()] !== void 0) opts.level = opts.level.toLowerCase();
      const {
        redact: redact2,
        crlf,
        serializers: serializers2,
        timestamp,
        messageKey,
        errorKey,
        nestedKey,
        base,
        name: name2,
        level,
        customLevels,
        levelComparison,
        mixin,
        mixinMergeStrategy,
        useOnlyCustomLevels,
        formatters,
        hooks,
        depthLimit,
        edgeLimit,
        onChild,
        msgPrefix
      } = opts;
      const stringifySafe = configure({
        maximumDepth: depthLimit,
        maximumBreadth: edgeLimit
      });
      const allFormatters = buildFormatters(
        formatters.level,
        formatters.bindings,
        formatters.log
      );
      const stringifyFn = stringify.bind({
        [stringifySafeSym]: stringifySafe
      });
      const stringifiers = redact2 ? Object.assign(/* @__PURE__ */ Object.create(null), redaction(redact2, stringifyFn)) : /* @__PURE__ */ Object.create(null);
      const formatOpts = redact2 ? { stringify: stringifiers[redactFmtSym] } : { stringify: stringifyFn };
      const end = "}" + (crlf ? "\r\n" : "\n");
      const coreChindings = asChindings.bind(null, {
        [chindingsSym]: "",
        [serializersSym]: serializers2,
        [stringifiersSym]: stringifiers,
        [stringifySym]: stringify,
        [stringifySafeSym]: stringifySafe,
        [formattersSym]: allFormatters
      });
      let chindings = "";
      if (base !== null) {
        if (name2 === void 0) {
          chindings = coreChindings(base);
        } else {
          chindings = coreChindings(Object.assign({}, base, { name: name2 }));
        }
      }
      const time2 = timestamp instanceof Function ? timestamp : timestamp ? epochTime : nullTime;
      const timeSliceIndex = time2().indexOf(":") + 1;
      if (useOnlyCustomLevels && !customLevels) throw Error("customLevels is required if useOnlyCustomLevels is set true");
      if (mixin && typeof mixin !== "function") throw Error(`Unknown mixin type "${typeof mixin}" - expected "function"`);
      if (msgPrefix && typeof msgPrefix !== "string") throw Error(`Unknown msgPrefix type "${typeof msgPrefix}" - expected "string"`);
      assertDefaultLevelFound(level, customLevels, useOnlyCustomLevels);
      const levels = mappings(customLevels, useOnlyCustomLevels);
      if (stream && stream[transportUsesMultistreamSym] === true) {
        let sampleLabel = typeof level === "string" ? level : void 0;
        if (!sampleLabel || levels[sampleLabel] === void 0) {
          sampleLabel = Object.keys(levels)[0];
        }
        const sampleNumber = levels[sampleLabel];
        let ok = false;
        try {
          const formatted = formatters.level(sampleLabel, sampleNumber);
          ok = formatted && typeof formatted === "object" && formatted.level === sampleNumber;
        } catch {
          ok = false;
        }
        if (!ok) {
          process.emitWarning(
            'custom formatters.level detected with multiple transport targets/pipelines; ensure logs include a numeric "level" field or they may be dropped',
            { code: "PINO_TRANSPORT_MULTI_TARGETS_LEVEL_FORMATTER" }
          );
        }
      }
      if (typeof stream.emit === "function") {
        stream.emit("message", { code: "PINO_CONFIG", config: { levels, messageKey, errorKey } });
      }
      assertLevelComparison(levelComparison);
      const levelCompFunc = genLevelComparison(levelComparison);
      Object.assign(instance, {
        levels,
        [levelCompSym]: levelCompFunc,
        [useOnlyCustomLevelsSym]: useOnlyCustomLevels,
        [streamSym]: stream,
        [timeSym]: time2,
        [timeSliceIndexSym]: timeSliceIndex,
        [stringifySym]: stringify,
        [stringifySafeSym]: stringifySafe,
        [stringifiersSym]: stringifiers,
        [endSym]: end,
        [formatOptsSym]: formatOpts,
        [messageKeySym]: messageKey,
        [errorKeySym]: errorKey,
        [nestedKeySym]: nestedKey,
        // protect against injection
        [nestedKeyStrSym]: nestedKey ? `,${JSON.stringify(nestedKey)}:{` : "",
        [serializersSym]: serializers2,
        [mixinSym]: mixin,
        [mixinMergeStrategySym]: mixinMergeStrategy,
        [chindingsSym]: chindings,
        [formattersSym]: allFormatters,
        [hooksSym]: hooks,
        silent: noop,
        onChild,
        [msgPrefixSym]: msgPrefix
      });
      Object.setPrototypeOf(instance, proto());
      genLsCache(instance);
      instance[setLevelSym](level);
      return instance;
    }
    module.exports = pino2;
    module.exports.destination = (dest = process.stdout.fd) => {
      if (typeof dest === "object") {
        dest.dest = normalizeDestFileDescriptor(dest.dest || process.stdout.fd);
        return buildSafeSonicBoom(dest);
      } else {
        return buildSafeSonicBoom({ dest: normalizeDestFileDescriptor(dest), minLength: 0 });
      }
    };
    module.exports.transport = require_transport();
    module.exports.multistream = require_multistream();
    module.exports.levels = mappings();
    module.exports.stdSerializers = serializers;
    module.exports.stdTimeFunctions = Object.assign({}, time);
    module.exports.symbols = symbols;
    module.exports.version = version;
    module.exports.default = pino2;
    module.exports.pino = pino2;
  }
});

// src/app.ts
var import_pino = __toESM(require_pino(), 1);

// src/audit/signing/key.ts
import { createPrivateKey, createPublicKey } from "node:crypto";
import { readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
var KEY = "audit.checkpoints.keyFile";
function loadCheckpointKey(keyFile, logFiles) {
  let mode;
  try {
    mode = statSync(keyFile).mode;
  } catch (err) {
    const missing = err.code === "ENOENT";
    throw new ConfigError(
      `${KEY} ${keyFile}: ${missing ? `no such file; make one with \`opswarden audit keygen --out ${keyFile}\`` : err.message}`
    );
  }
  const logDir = logDirectoryHolding(keyFile, logFiles);
  if (logDir) {
    throw new ConfigError(
      `${KEY} ${keyFile} is inside ${logDir}: whoever can rewrite the log could read it; move it elsewhere`
    );
  }
  if ((mode & 63) !== 0) {
    throw new ConfigError(
      `${KEY} ${keyFile} is readable by group or others (mode ${(mode & 511).toString(8)}); run: chmod 600 ${keyFile}`
    );
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(readFileSync(keyFile, "utf8"));
  } catch (err) {
    throw new ConfigError(`${KEY} ${keyFile} is not a private key: ${err.message}`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new ConfigError(
      `${KEY} ${keyFile} must be an Ed25519 key (\`opswarden audit keygen\`), got ${privateKey.asymmetricKeyType}`
    );
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}
function logDirectoryHolding(path, logFiles) {
  for (const [what, file] of [
    ["the store's", logFiles.storePath],
    ["the audit mirror's", logFiles.jsonlPath]
  ]) {
    if (file === ":memory:") continue;
    const dir = realOrResolved(dirname(file));
    const rel = relative(dir, realOrResolved(path));
    if (rel === "" || rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
      return `${what} directory ${dir}`;
  }
  return void 0;
}
function realOrResolved(path) {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(resolve(path));
    return parent === resolve(path) ? parent : join(realOrResolved(parent), basename(path));
  }
}

// src/audit/signing/shipper.ts
import { setTimeout as sleep } from "node:timers/promises";
var DEFAULT_RETRY = { initialMs: 1e3, maxMs: 6e4 };
var BATCH = 100;
var SinkShipper = class {
  #sink;
  #store;
  #ownKey;
  #logger;
  #retry;
  #stop = new AbortController();
  #loop;
  #woken = false;
  #wakeUp;
  #caughtUp = [];
  constructor(sink, deps) {
    this.#sink = sink;
    this.#store = deps.store;
    this.#ownKey = deps.ownKey;
    this.#logger = deps.logger.child({ sink: sink.id });
    this.#retry = deps.retry;
    this.#loop = this.#run();
  }
  get id() {
    return this.#sink.id;
  }
  /** New checkpoints are in the store. */
  wake() {
    this.#woken = true;
    this.#wakeUp?.();
  }
  /** Resolves true once every stored checkpoint is delivered, false when `timeoutMs` passes first. */
  async drain(timeoutMs) {
    const caughtUp = new Promise((resolve2) => this.#caughtUp.push(() => resolve2(true)));
    const timer = new AbortController();
    this.wake();
    try {
      return await Promise.race([caughtUp, sleep(timeoutMs, false, { signal: timer.signal })]);
    } finally {
      timer.abort();
    }
  }
  /** Stops delivering (an attempt under way is aborted); the store keeps what is left. */
  async stop() {
    this.#stop.abort();
    this.#wakeUp?.();
    await this.#loop;
  }
  async #run() {
    const signal = this.#stop.signal;
    let failures = 0;
    while (!signal.aborted) {
      this.#woken = false;
      try {
        const rows = this.#store.rowsAfter(this.#store.shippedTo(this.id), BATCH);
        if (!rows.length) {
          for (const resolve2 of this.#caughtUp.splice(0)) resolve2();
          await this.#nextWake();
          continue;
        }
        for (const row of rows) {
          const checkpoint = this.#checked(row);
          if (checkpoint) await this.#sink.send(checkpoint, row.line, signal);
          this.#store.markShipped(this.id, row.n);
          failures = 0;
        }
      } catch (err) {
        if (signal.aborted) return;
        failures++;
        const retryInMs = Math.min(this.#retry.initialMs * 2 ** (failures - 1), this.#retry.maxMs);
        this.#logger.warn(
          { err, attempt: failures, retryInMs },
          "audit checkpoint not delivered; will retry"
        );
        await sleep(retryInMs, void 0, { signal, ref: false }).catch(() => {
        });
      }
    }
  }
  #nextWake() {
    if (this.#woken || this.#stop.signal.aborted) return Promise.resolve();
    return new Promise((resolve2) => {
      this.#wakeUp = () => {
        this.#wakeUp = void 0;
        resolve2();
      };
    });
  }
  #checked(row) {
    let problem;
    let checkpoint;
    try {
      checkpoint = parseCheckpointLine(row.line);
      problem = checkpoint ? signatureProblem(checkpoint, this.#ownKey) : "it is not a checkpoint";
    } catch (err) {
      problem = err.message;
    }
    if (!problem) return checkpoint;
    this.#logger.error(
      { checkpoint: row.n },
      `not shipping stored checkpoint #${row.n}: ${problem} (was it written into the database?)`
    );
    return void 0;
  }
};

// src/audit/signing/sinks.ts
import { createSocket } from "node:dgram";
import { appendFileSync, mkdirSync } from "node:fs";
import { connect, isIPv6 } from "node:net";
import { hostname } from "node:os";
import { dirname as dirname2 } from "node:path";
function createSinks(configs, logFiles) {
  return configs.map((config, i) => {
    if (config.type === "webhook")
      return webhookSink(config.url, config.bearerToken, parseDuration(config.timeout));
    if (config.type === "syslog") return syslogSink(config);
    const logDir = logDirectoryHolding(config.path, logFiles);
    if (logDir) {
      throw new ConfigError(
        `audit.checkpoints.sinks[${i}].path ${config.path} is inside ${logDir}: whoever rewrites the log would rewrite it too; put it elsewhere`
      );
    }
    return fileSink(config.path);
  });
}
function fileSink(path) {
  return {
    id: `file:${path}`,
    async send(_checkpoint, line) {
      mkdirSync(dirname2(path), { recursive: true });
      appendFileSync(path, `${line}
`);
    }
  };
}
function webhookSink(url, bearerToken, timeoutMs) {
  const headers = { "content-type": "application/json" };
  if (bearerToken) headers.authorization = `Bearer ${bearerToken}`;
  return {
    id: `webhook:${url}`,
    async send(_checkpoint, line, signal) {
      const res = await fetch(url, {
        method: "POST",
        headers,
        body: line,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`the webhook answered ${res.status} ${res.statusText}`);
    }
  };
}
var SEVERITY_INFO = 6;
function syslogSink(config) {
  const { host, port, protocol, facility } = config;
  const origin = hostname().replace(/[^\x21-\x7e]/g, "") || "-";
  const message = (checkpoint, line) => `<${facility * 8 + SEVERITY_INFO}>1 ${checkpoint.ts} ${origin} opswarden ${process.pid} audit-checkpoint - ${line}`;
  return {
    id: `syslog:${protocol}://${host}:${port}`,
    send(checkpoint, line, signal) {
      const text2 = message(checkpoint, line);
      return protocol === "udp" ? sendDatagram(host, port, text2) : sendFrame(host, port, `${Buffer.byteLength(text2)} ${text2}`, signal);
    }
  };
}
function sendDatagram(host, port, text2) {
  return new Promise((resolve2, reject) => {
    const socket = createSocket(isIPv6(host) ? "udp6" : "udp4");
    socket.send(text2, port, host, (err) => {
      socket.close();
      if (err) reject(err);
      else resolve2();
    });
  });
}
var TCP_TIMEOUT_MS = 1e4;
function sendFrame(host, port, frame, signal) {
  return new Promise((resolve2, reject) => {
    const socket = connect({ host, port, signal, timeout: TCP_TIMEOUT_MS });
    socket.once("timeout", () => socket.destroy(new Error(`syslog ${host}:${port} timed out`)));
    socket.once("error", reject);
    socket.end(frame, () => {
      socket.destroy();
      resolve2();
    });
  });
}

// src/audit/signing/signer.ts
var CLOSE_DRAIN_MS = 5e3;
function planCheckpoints(config, logFiles) {
  return {
    key: loadCheckpointKey(config.keyFile, logFiles),
    sinks: createSinks(config.sinks, logFiles),
    every: config.every,
    intervalMs: parseDuration(config.interval)
  };
}
function startCheckpointSigning(plan, deps) {
  const { db, clock } = deps;
  const { key } = plan;
  const logger = deps.logger.child({ component: "audit-checkpoints", keyId: key.keyId });
  migrateAudit(db);
  const store = new CheckpointStore(db);
  const ownKey = /* @__PURE__ */ new Map([[key.keyId, key.publicKey]]);
  const lastRecord = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  const recordHash = db.prepare("SELECT hash FROM audit_log WHERE seq = ?");
  const shippers = plan.sinks.map(
    (sink) => new SinkShipper(sink, { store, ownKey, logger, retry: deps.retry ?? DEFAULT_RETRY })
  );
  let signedSeq = 0;
  let scheduled = false;
  let closed = false;
  function warnIfRewritten(latest) {
    const problem = signatureProblem(latest, ownKey);
    if (problem) logger.error(`the newest checkpoint in the store, #${latest.n}, is suspect: ${problem}`);
    const at = recordHash.get(latest.seq);
    if (at?.hash !== latest.hash) {
      logger.error(
        `audit record #${latest.seq} ${at ? "no longer has the hash" : "is gone, though"} checkpoint #${latest.n} signed: the log was rewritten or truncated; run \`opswarden audit verify --public-key\``
      );
    }
  }
  function sign() {
    return inImmediateTransaction(db, () => {
      const latest = store.latest();
      if (latest) warnIfRewritten(latest);
      const head = lastRecord.get();
      signedSeq = Math.max(signedSeq, latest?.seq ?? 0);
      if (!head || head.seq <= (latest?.seq ?? 0)) return void 0;
      const checkpoint2 = signCheckpoint(
        {
          n: (latest?.n ?? 0) + 1,
          seq: head.seq,
          hash: head.hash,
          ts: clock.now().toISOString(),
          prev: latest ? checkpointDigest(latest) : null
        },
        key
      );
      store.add(checkpoint2);
      signedSeq = checkpoint2.seq;
      return checkpoint2;
    });
  }
  function checkpoint() {
    let signed;
    try {
      signed = sign();
    } catch (err) {
      logger.error({ err }, "audit checkpoint could not be signed; will try again");
      return void 0;
    }
    if (signed) {
      logger.info({ checkpoint: signed.n, seq: signed.seq }, "audit checkpoint signed");
      for (const shipper of shippers) shipper.wake();
    }
    return signed;
  }
  const timer = setInterval(checkpoint, plan.intervalMs).unref();
  return {
    appended(seq) {
      if (scheduled || seq - signedSeq < plan.every) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (!closed) checkpoint();
      });
    },
    checkpoint,
    async close() {
      clearInterval(timer);
      checkpoint();
      closed = true;
      const drained = await Promise.all(shippers.map((s) => s.drain(CLOSE_DRAIN_MS)));
      shippers.forEach((shipper, i) => {
        if (!drained[i]) {
          logger.warn(
            { sink: shipper.id },
            "audit checkpoints not yet delivered; they will be at the next start"
          );
        }
      });
      await Promise.all(shippers.map((s) => s.stop()));
    }
  };
}

// src/dispatch/dispatcher.ts
import { randomUUID } from "node:crypto";

// src/dispatch/escalation.ts
var APPROVE_SCHEMA = {
  type: "object",
  properties: {
    approve: {
      type: "boolean",
      title: "Approve this action",
      description: "Tick to approve; leave unticked to reject"
    },
    comment: { type: "string", title: "Comment", description: "Optional note kept in the audit log" }
  },
  required: ["approve"]
};
async function escalate(req) {
  const { approvals, tool, callId } = req;
  const stillPending = (ticket2) => {
    const pending = pendingResult(ticket2.id, ticket2.expiresAt, req);
    const outcome = tool.kind === "mutate" ? success(callId, pending, "approval_required", "escalate") : failure(callId, heldReadMessage(pending), "approval_required", "escalate");
    return { outcome: { ...outcome, approvalId: ticket2.id } };
  };
  if (req.approvalId) {
    try {
      const ticket2 = approvals.get(req.approvalId);
      if (ticket2?.status === "pending" && ticket2.actionHash === req.actionHash && ticket2.requester === req.input.principal.id)
        return stillPending(ticket2);
      const used = approvals.consume(req.approvalId, req.actionHash, callId, req.input.principal);
      return { approvedBy: used.decidedBy ?? "unknown" };
    } catch (err) {
      if (err instanceof ApprovalError)
        return { outcome: failure(callId, `${tool.name} not executed: ${err.message}`, "error", "escalate") };
      throw err;
    }
  }
  const requirement = req.decision.approval ?? DEFAULT_APPROVAL;
  const inClient = req.elicit !== void 0 && mayConfirmInClient(requirement, req.input.principal);
  const ticket = approvals.create({
    actionHash: req.actionHash,
    tool: tool.name,
    args: req.redactedArgs,
    target: req.input.target,
    impact: req.input.impact,
    reason: redactString(req.input.request.reason).text,
    ...requesterOf(req.input.principal),
    callId,
    matchedRules: req.decision.matched.filter((m) => m.effect === "escalate"),
    approvers: requirement.approvers,
    channels: inClient ? ["elicitation"] : ["out-of-band"],
    ttlMs: requirement.ttlMs,
    executionWindowMs: requirement.executionWindowMs
  });
  if (!inClient || !req.elicit) return stillPending(ticket);
  let answer;
  try {
    answer = await req.elicit(
      { message: elicitationMessage(req), requestedSchema: APPROVE_SCHEMA },
      { signal: req.signal, timeoutMs: req.elicitTimeoutMs }
    );
  } catch (err) {
    answer = { action: "cancel", content: { comment: `no answer: ${err.message}` } };
  }
  const approved = answer.action === "accept" && answer.content?.approve === true;
  const comment2 = typeof answer.content?.comment === "string" ? answer.content.comment : void 0;
  const decided = approvals.decideInClient(
    ticket.id,
    req.input.principal,
    requirement.inClientApprovers,
    approved ? "approve" : "reject",
    comment2 ?? `elicitation ${answer.action}`
  );
  if (!approved) {
    return {
      outcome: failure(
        callId,
        `${tool.name} not executed: the approval request was ${answer.action === "accept" ? "rejected" : answer.action === "decline" ? "declined" : "cancelled"} in the client`,
        "error",
        "escalate"
      )
    };
  }
  approvals.consume(ticket.id, req.actionHash, callId, req.input.principal);
  return { approvedBy: decided.decidedBy ?? req.input.principal.id };
}
function mayConfirmInClient(requirement, principal) {
  return requirement.channels.includes("elicitation") && principal.type === "human" && requirement.inClientApprovers.some((role) => principal.roles.includes(role));
}
function elicitationMessage(req) {
  const t2 = req.input.target;
  const where = [t2.environment, t2.namespace, t2.kind && t2.name ? `${t2.kind}/${t2.name}` : t2.name].filter(Boolean).join(" / ");
  const rules = req.decision.matched.filter((m) => m.effect === "escalate");
  return [
    `Approve ${req.tool.name} on ${where || "its target"}?`,
    `Reason given: ${req.input.request.reason || "(none)"}`,
    `Arguments: ${JSON.stringify(req.redactedArgs)}`,
    ...rules.map((r) => `Policy rule ${r.name}: ${r.message ?? ""}`)
  ].join("\n");
}
function heldReadMessage(pending) {
  return `approval_required: ${pending.tool} waits for a human approval. ${pending.next}
${JSON.stringify(pending)}`;
}
function pendingResult(approvalId, expiresAt, req) {
  const rules = req.decision.matched.filter((m) => m.effect === "escalate");
  const approvers = (req.decision.approval ?? DEFAULT_APPROVAL).approvers;
  return {
    status: "approval_required",
    approvalId,
    expiresAt,
    tool: req.tool.name,
    matchedRules: rules.map((r) => ({ name: r.name, ...r.message ? { message: r.message } : {} })),
    approvers,
    howToApprove: howToApprove(approvalId, approvers),
    next: `Nothing was executed. Ask a human with role ${approvers.join(" or ")} to approve ${approvalId}, then call ${req.tool.name} again with the same arguments plus approvalId "${approvalId}" (or check approval_status). Only you can use it, once, soon after it is granted; the request expires at ${expiresAt}.`
  };
}

// src/dispatch/records.ts
function callRecords(f, decision) {
  const common = { callId: f.callId, principal: f.input.principal.id, tool: f.tool, targetKey: f.targetKey };
  return [
    {
      ...common,
      type: "tool.call",
      data: {
        kind: f.input.request.kind,
        args: f.redactedArgs,
        argsDigest: sha256Hex(canonicalJson(f.args)),
        target: f.input.target,
        impact: f.input.impact,
        principal: f.input.principal,
        ...f.approvalId ? { approvalId: f.approvalId } : {},
        ...f.context ? { context: f.context } : {}
      }
    },
    {
      ...common,
      type: "decision",
      effect: decision.effect,
      data: {
        effect: decision.effect,
        decidedEffect: decision.decidedEffect,
        mode: decision.mode,
        rules: decision.matched,
        defaulted: decision.defaulted,
        bundle: decision.bundle,
        ...decision.error ? { error: decision.error } : {}
      }
    }
  ];
}
function refusalRecords(r) {
  const common = { callId: r.callId, principal: r.principal.id, tool: r.tool };
  const rule = { name: r.rule, effect: "deny", message: r.message };
  const args = recordable(r.args ?? {}, MAX_RECORDED_DEPTH);
  return [
    {
      ...common,
      type: "tool.call",
      data: {
        kind: r.kind,
        args: redact(args).value,
        argsDigest: sha256Hex(canonicalJson(args)),
        principal: r.principal,
        ...r.context ? { context: r.context } : {}
      }
    },
    {
      ...common,
      type: "decision",
      effect: "deny",
      data: { effect: "deny", decidedEffect: "deny", rules: [rule], refusedBy: r.refusedBy }
    }
  ];
}
var MAX_RECORDED_DEPTH = 32;
function recordable(value, depth) {
  if (value === null || typeof value !== "object") return value;
  if (depth === 0) return `[nested deeper than ${MAX_RECORDED_DEPTH} levels: not recorded]`;
  if (Array.isArray(value)) return value.map((item) => recordable(item, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, recordable(item, depth - 1)]));
}
function outcomeRecord(f, type, mutation, data) {
  const fraction = f.input.impact.fractionOfService;
  return {
    type,
    callId: f.callId,
    principal: f.input.principal.id,
    tool: f.tool,
    ...mutation ? { targetKey: f.targetKey, workloadKey: f.workloadKey } : {},
    data: {
      kind: f.input.request.kind,
      dryRun: f.input.request.dryRun,
      ...mutation && fraction !== void 0 ? { fractionOfService: fraction } : {},
      ...data
    }
  };
}
function denyMessage(tool, d) {
  const bundle = `${d.bundle.name}@${d.bundle.version}`;
  if (d.error)
    return `${tool} denied: policy ${bundle} could not be evaluated (${d.error}); denying (fail closed)`;
  const denying = d.matched.filter((m) => m.effect === "deny");
  if (!denying.length) return `${tool} denied by policy ${bundle}: the default for this kind of call is deny`;
  return denying.map((m) => `${tool} denied by policy ${bundle} rule "${m.name}": ${m.message ?? "no message"}`).join("\n");
}
function formatZodIssues(error) {
  return error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      return `unknown argument(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    }
    return `${issue.path.join(".") || "(arguments)"}: ${issue.message}`;
  }).join("; ");
}

// src/dispatch/dispatcher.ts
function createDispatcher(deps) {
  const { registry, audit, config, clock } = deps;
  const worldClock = deps.worldClock ?? clock;
  const toolTimeoutMs = parseDuration(config.limits.toolTimeout);
  const elicitTimeoutMs = parseDuration(config.approvals.elicitationTimeout);
  function record(events, logger) {
    try {
      audit.appendAll(events);
      return void 0;
    } catch (err) {
      logger.error({ err }, "audit append failed");
      return err.message;
    }
  }
  function recordRefusal(tool, req, callId, refusal, logger) {
    logger.warn({ outcome: "denied", rule: refusal.rule }, refusal.message);
    const { args, principal, context } = req;
    const records = refusalRecords({
      callId,
      tool: tool.name,
      kind: tool.kind,
      args,
      principal,
      ...refusal,
      ...context ? { context } : {}
    });
    const failed = record(records, logger);
    return failed ? `${refusal.message}; the refusal could not be audited (${failed})` : refusal.message;
  }
  function unknownTool(req) {
    const withheld = registry.withheld(req.tool);
    if (!withheld) return new ProtocolError(`unknown tool: ${req.tool}`);
    const callId = req.callId ?? randomUUID();
    const logger = deps.logger.child({ callId, tool: req.tool, principal: req.principal.id });
    const message = `unknown tool: ${req.tool} (this server does not serve it: ${withheld.by})`;
    const refusal = { message, rule: withheld.by, refusedBy: "tools" };
    return new ProtocolError(recordRefusal(withheld.tool, req, callId, refusal, logger));
  }
  async function call(req) {
    const tool = registry.get(req.tool);
    if (!tool) throw unknownTool(req);
    const callId = req.callId ?? randomUUID();
    const logger = deps.logger.child({ callId, tool: tool.name, principal: req.principal.id });
    const noAccess = toolAccessDenial(req.principal, tool.kind, config.access);
    if (noAccess) {
      const refusal = { message: noAccess, rule: ACCESS_RULE, refusedBy: "access" };
      return failure(callId, recordRefusal(tool, req, callId, refusal, logger), "denied", "deny");
    }
    const { approvalId, rawArgs } = splitApprovalId(req.args);
    const parsed = tool.input.safeParse(rawArgs);
    if (!parsed.success) {
      logger.info({ outcome: "invalid" }, "invalid arguments");
      return failure(
        callId,
        `Invalid arguments for ${tool.name}: ${formatZodIssues(parsed.error)}`,
        "invalid"
      );
    }
    const args = parsed.data;
    const redactedArgs = redact(args).value;
    const echoes = removedSecrets(args, redactedArgs);
    const resolveCtx = {
      backends: deps.backendsFor?.(req.principal) ?? deps.backends,
      clock: worldClock,
      logger: deps.logger
    };
    let input;
    try {
      input = await policyInputFor(tool, args, req.principal, resolveCtx);
    } catch (err) {
      logger.warn({ err: maskEchoes(err, echoes) }, "target resolution failed");
      return failure(
        callId,
        maskEchoes(`${tool.name}: could not resolve the target: ${err.message}`, echoes),
        "error"
      );
    }
    const bundle = deps.policy.current();
    const decision = bundle.evaluate(input);
    logger.info({ effect: decision.effect, rules: decision.matched.map((m) => m.name) }, "policy decision");
    const facts = {
      callId,
      tool: tool.name,
      input,
      args,
      redactedArgs,
      echoes,
      targetKey: targetKey(input.target),
      workloadKey: workloadKey(input.target),
      approvalId,
      ...req.context ? { context: req.context } : {}
    };
    const mutation = tool.kind === "mutate" && !input.request.dryRun;
    let pending = callRecords(facts, decision);
    if (decision.effect !== "allow" || mutation) {
      const failed = record(pending, logger);
      if (failed)
        return failure(
          callId,
          `${tool.name} refused: the audit log could not be written (${failed})`,
          "error"
        );
      pending = [];
    }
    if (decision.effect === "deny")
      return failure(callId, denyMessage(tool.name, decision), "denied", "deny");
    let approvedBy;
    if (decision.effect === "escalate") {
      const gate = await escalate({
        approvals: deps.approvals,
        tool,
        callId,
        actionHash: sha256Hex(canonicalJson({ tool: tool.name, args, target: input.target })),
        approvalId,
        decision,
        input,
        redactedArgs: facts.redactedArgs,
        elicit: req.elicit,
        signal: req.signal,
        elicitTimeoutMs
      });
      if ("outcome" in gate) return gate.outcome;
      approvedBy = gate.approvedBy;
    }
    return execute(tool, req, {
      facts,
      resolveCtx,
      logger,
      effect: decision.effect,
      pending,
      ...approvedBy ? { approvedBy } : {},
      ...input.request.dryRun ? { dryRunPolicy: wouldDecide(bundle, input) } : {}
    });
  }
  async function policyInputFor(tool, args, principal, resolveCtx) {
    const target = resolveEnvironment(
      await tool.target(args, resolveCtx),
      config.environments,
      resolveCtx.backends.kubernetes?.clusters()[0]
    );
    const impact = tool.kind === "mutate" && tool.impact ? await tool.impact(args, resolveCtx) : {};
    const targetContext = tool.context ? await tool.context(args, resolveCtx) : {};
    const now = clock.now();
    return buildPolicyInput({
      tool: tool.name,
      kind: tool.kind,
      args,
      target,
      impact,
      principal,
      history: historyFor(audit, tool.name, target, principal, now),
      now,
      changeFreeze: inChangeFreeze(config, now),
      ...targetContext.rolloutInProgress !== void 0 ? { rolloutInProgress: targetContext.rolloutInProgress } : {}
    });
  }
  async function execute(tool, req, x) {
    const { facts, logger, resolveCtx } = x;
    const mutation = tool.kind === "mutate" && !facts.input.request.dryRun;
    const approved = x.approvedBy ? { approvedBy: x.approvedBy } : {};
    if (mutation && tool.snapshot) {
      let failed2;
      try {
        const before = redact(await tool.snapshot(facts.args, resolveCtx)).value;
        failed2 = record([outcomeRecord(facts, "snapshot", mutation, { before })], logger);
      } catch (err) {
        failed2 = err.message;
      }
      if (failed2) {
        logger.error({ err: failed2 }, "pre-action snapshot failed; mutation aborted");
        return failure(
          facts.callId,
          `${tool.name} aborted before any change: pre-action snapshot failed: ${failed2}`,
          "error",
          x.effect
        );
      }
    }
    const timeout = AbortSignal.timeout(toolTimeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const started = performance.now();
    let output;
    try {
      const running = tool.handler(
        {
          backends: resolveCtx.backends,
          signal,
          logger,
          clock: worldClock,
          callId: facts.callId,
          principal: req.principal,
          progress: req.progress ?? (async () => {
          }),
          releaseStream: req.releaseStream ?? (() => {
          })
        },
        facts.args
      );
      const raw = await (mutation ? running : untilAborted(running, signal));
      output = maskEchoes(tool.output.parse(raw), facts.echoes);
    } catch (err) {
      const reason = timeout.aborted ? `timed out after ${config.limits.toolTimeout} (limits.toolTimeout)` : signal.aborted ? "cancelled before it finished (the client went away or the server is stopping)" : err.message;
      const message = maskEchoes(reason, facts.echoes);
      logger.warn(
        { err: maskEchoes(err, facts.echoes), durationMs: performance.now() - started },
        "tool failed"
      );
      record(
        [...x.pending, outcomeRecord(facts, "action.failed", mutation, { error: message, ...approved })],
        logger
      );
      return failure(facts.callId, `${tool.name} failed: ${message}`, "error", x.effect);
    }
    const shaped = shapeOutput(x.dryRunPolicy ? { ...output, policy: x.dryRunPolicy } : output, {
      maxBytes: config.output.maxBytes,
      ...tool.untrusted ? { untrusted: tool.untrusted } : {}
    });
    const executed = outcomeRecord(facts, "action.executed", mutation, {
      durationMs: Math.round(performance.now() - started),
      bytes: shaped.bytes,
      redactions: shaped.redactions,
      ...shaped.value.truncated ? { truncated: true } : {},
      ...approved
    });
    const failed = record([...x.pending, executed], logger);
    if (failed) {
      const what = mutation ? "ran, but its audit record could not be written" : "result withheld: the audit log could not be written";
      return failure(facts.callId, `${tool.name} ${what}: ${failed}`, "error", x.effect);
    }
    if (mutation) notifyExecuted(facts, tool.name, req.principal, logger);
    return success(facts.callId, shaped.value, "ok", x.effect);
  }
  function notifyExecuted(facts, tool, principal, logger) {
    try {
      deps.onExecuted?.({
        callId: facts.callId,
        tool,
        args: facts.args,
        target: facts.input.target,
        principal,
        at: worldClock.now()
      });
    } catch (err) {
      logger.error({ err }, "an onExecuted listener failed; the change itself is done and audited");
    }
  }
  async function preview(req) {
    const tool = registry.get(req.tool);
    if (!tool) throw new ProtocolError(`unknown tool: ${req.tool}`);
    const parsed = tool.input.safeParse(splitApprovalId(req.args).rawArgs);
    if (!parsed.success) {
      throw new ProtocolError(`Invalid arguments for ${tool.name}: ${formatZodIssues(parsed.error)}`);
    }
    const resolveCtx = {
      backends: deps.backendsFor?.(req.principal) ?? deps.backends,
      clock: worldClock,
      logger: deps.logger
    };
    const input = await policyInputFor(
      tool,
      parsed.data,
      req.principal,
      resolveCtx
    );
    if (toolAccessDenial(req.principal, tool.kind, config.access)) {
      const { target, impact } = input;
      return { tool: tool.name, kind: tool.kind, effect: "deny", rules: [ACCESS_RULE], target, impact };
    }
    const decision = deps.policy.current().evaluate(input);
    return {
      tool: tool.name,
      kind: tool.kind,
      effect: decision.effect,
      rules: decision.matched.map((m) => m.name),
      ...decision.error ? { error: decision.error } : {},
      target: input.target,
      impact: input.impact,
      ...decision.approval ? { approval: decision.approval } : {}
    };
  }
  return { call, preview };
}
function wouldDecide(bundle, input) {
  const real = bundle.evaluate({ ...input, request: { ...input.request, dryRun: false } });
  return {
    effect: real.decidedEffect,
    rules: real.matched.map((m) => m.name),
    bundle: `${real.bundle.name}@${real.bundle.version}`
  };
}
function untilAborted(work, signal) {
  work.catch(() => {
  });
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve2, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve2, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
function splitApprovalId(args) {
  if (!args || typeof args !== "object" || Array.isArray(args) || !("approvalId" in args)) {
    return { rawArgs: args ?? {} };
  }
  const { approvalId, ...rest } = args;
  return typeof approvalId === "string" ? { approvalId, rawArgs: rest } : { rawArgs: args };
}

// src/incidents/postmortem/audit-view.ts
function worldTimeAudit(audit, clocks) {
  if (clocks.clock === clocks.worldClock && clocks.timeScale === 1) return audit;
  const toWorld = (gateMs) => {
    const gateNow = clocks.clock.now().getTime();
    return clocks.worldClock.now().getTime() - (gateNow - gateMs) * clocks.timeScale;
  };
  const toGate = (world) => {
    const worldNow = clocks.worldClock.now().getTime();
    return new Date(clocks.clock.now().getTime() - (worldNow - world.getTime()) / clocks.timeScale);
  };
  return {
    query(filter) {
      const records = audit.query({
        ...filter,
        ...filter.since ? { since: toGate(filter.since) } : {},
        ...filter.until ? { until: toGate(filter.until) } : {}
      });
      return records.map((r) => ({ ...r, ts: new Date(toWorld(Date.parse(r.ts))).toISOString() }));
    }
  };
}

// src/incidents/records/spike.ts
var RECENT_MS = 15 * 6e4;
var BASELINE_MS = 60 * 6e4;
var STEP_SECONDS = 60;
var percent = (v) => {
  const p = v * 100;
  return `${p < 1 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
};
var seconds = (v) => v < 1 ? `${Math.round(v * 1e3)}ms` : `${v.toFixed(1)}s`;
function signalsFor(service) {
  const queries = queriesFor(service);
  const signals = [
    {
      name: ERROR_RATIO_SIGNAL,
      query: queries.errorRatio,
      missingBaseline: 0,
      significant: (from, to) => to >= 0.01 && to - from >= 0.01 && to >= 2 * from,
      format: percent
    },
    {
      name: "p99 latency",
      query: queries.latencyP99,
      significant: (from, to) => to >= 1.5 * from && to - from >= 0.05,
      format: seconds
    }
  ];
  if (queries.saturation)
    signals.push({
      name: "saturation",
      query: queries.saturation,
      significant: (from, to) => to >= 0.8 && to - from >= 0.1,
      format: percent
    });
  return signals;
}
function spikeIn(signal, service, series, now) {
  const split = now.getTime() - RECENT_MS;
  let best;
  for (const { samples } of series) {
    const usable = samples.filter((s) => Number.isFinite(s.v));
    const before = usable.filter((s) => s.t < split);
    const recent = usable.filter((s) => s.t >= split);
    if (!recent.length) continue;
    const from = before.length ? median(before) : signal.missingBaseline;
    if (from === void 0) continue;
    const to = Math.max(...recent.map((s) => s.v));
    if (!signal.significant(from, to) || best && to - from <= best.to - best.from) continue;
    const onset = usable.find((s) => s.v > from + (to - from) / 2);
    best = {
      signal: signal.name,
      service,
      from,
      to,
      summary: `${service} ${signal.name} from ${signal.format(from)} to ${signal.format(to)}`,
      ...onset ? { onset: new Date(onset.t).toISOString() } : {}
    };
  }
  return best;
}
function median(samples) {
  const values = samples.map((s) => s.v).sort((a, b) => a - b);
  const middle = Math.floor(values.length / 2);
  return values.length % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// src/incidents/records/enrich.ts
var DEPLOYMENT_LOOKBACK_MS = 24 * 60 * 6e4;
var MAX_DEPLOYMENTS = 20;
var MAX_SPIKE_SERVICES = 4;
function createEnricher(deps) {
  const topology = topologyOf(deps.catalog);
  return async (incident) => {
    const now = deps.clock.now();
    const scope = incidentScope(incident, topology);
    const gaps = [];
    const [rollouts, changes, metricSpike] = await Promise.all([
      rolloutsIn(deps.backends, scope, now, gaps),
      Promise.resolve(changesFor(deps.backends, scope, now, gaps)),
      spikeOf(deps, incident, now, gaps)
    ]);
    const recentDeployments = [...rollouts, ...changes].sort((a, b) => b.at.localeCompare(a.at)).slice(0, MAX_DEPLOYMENTS);
    return {
      gatheredAt: now.toISOString(),
      recentDeployments,
      ...metricSpike ? { metricSpike } : {},
      downstreamImpact: incident.context.downstreamImpact,
      gaps
    };
  };
}
async function rolloutsIn(backends, scope, now, gaps) {
  const kube2 = backends.kubernetes;
  if (!kube2) {
    gaps.push("recent deployments: Kubernetes is not configured, so rollouts are not listed");
    return [];
  }
  if (!scope.namespaces.size) {
    gaps.push("recent deployments: the alerts name no namespace, so rollouts are not listed");
    return [];
  }
  const window = { since: new Date(now.getTime() - DEPLOYMENT_LOOKBACK_MS), until: now };
  const found = await Promise.all(
    [...scope.namespaces].map(async (namespace) => {
      try {
        const deployments = await resolveDeployments(kube2, { namespace });
        return await rolloutEntries(kube2, deployments, { namespace }, window);
      } catch (err) {
        gaps.push(`recent deployments in ${namespace}: Kubernetes: ${err.message}`);
        return [];
      }
    })
  );
  return found.flat().map((e) => ({ at: e.time, ref: e.target, summary: e.change.summary }));
}
function changesFor(backends, scope, now, gaps) {
  if (!backends.changes) return [];
  const since = new Date(now.getTime() - DEPLOYMENT_LOOKBACK_MS);
  try {
    return backends.changes.list({ since, until: now, limit: MAX_CHANGE_LIMIT }).filter((e) => concernsChange(scope, e)).map((e) => ({
      at: e.at,
      ref: `Change/${e.id}`,
      summary: `${e.kind}${e.service ? ` of ${e.service}` : ""}: ${e.summary}`
    }));
  } catch (err) {
    gaps.push(`recent deployments: change events: ${err.message}`);
    return [];
  }
}
async function spikeOf(deps, incident, now, gaps) {
  const prometheus = deps.backends.prometheus;
  if (!prometheus) {
    gaps.push("metric spike: Prometheus is not configured");
    return void 0;
  }
  const ordered = [.../* @__PURE__ */ new Set([incident.service, ...incident.services])].filter(
    (s) => s !== void 0
  );
  const services = ordered.map((name2) => deps.catalog.find((s) => s.name === name2)).filter((s) => s !== void 0).slice(0, MAX_SPIKE_SERVICES);
  if (!services.length) {
    gaps.push(
      `metric spike: no affected service is in the catalog (${ordered.join(", ") || "none named"}), so no golden signals to read`
    );
    return void 0;
  }
  const start = new Date(now.getTime() - RECENT_MS - BASELINE_MS);
  for (const service of services) {
    const spikes = await Promise.all(
      signalsFor(service).map(async (signal) => {
        try {
          const series = await prometheus.rangeQuery(signal.query, start, now, STEP_SECONDS);
          return spikeIn(signal, service.name, series, now);
        } catch (err) {
          gaps.push(`metric spike: ${service.name} ${signal.name}: ${err.message}`);
          return void 0;
        }
      })
    );
    const spike = spikes.find((s) => s !== void 0);
    if (spike) return spike;
  }
  return void 0;
}

// src/policy/store.ts
import { watch } from "node:fs";
import { basename as basename2, dirname as dirname3 } from "node:path";
var PolicyStore = class _PolicyStore {
  path;
  #bundle;
  #options;
  #watcher;
  #timer;
  constructor(path, bundle, options) {
    this.path = path;
    this.#bundle = bundle;
    this.#options = options;
  }
  /** Loads the bundle at `path`; throws PolicyError when it does not compile. */
  static open(path, options = {}) {
    const store = new _PolicyStore(path, loadBundleFile(path), options);
    store.#announce();
    return store;
  }
  current() {
    return this.#bundle;
  }
  /** Re-reads the file. Unchanged content (same digest) is not announced again. */
  reload() {
    let next2;
    try {
      next2 = loadBundleFile(this.path);
    } catch (error) {
      const err = error;
      this.#options.logger?.warn(
        { path: this.path, error: err.message, keeping: this.#bundle.ref },
        "policy bundle refused; the previous bundle stays in force"
      );
      this.#options.onRefused?.(this.path, err);
      return { ok: false, error: err.message };
    }
    if (next2.ref.digest === this.#bundle.ref.digest)
      return { ok: true, bundle: this.#bundle, changed: false };
    this.#bundle = next2;
    this.#announce();
    return { ok: true, bundle: next2, changed: true };
  }
  /** Reloads when the file changes. Watches the directory, so editors that replace the file are seen too. */
  watch() {
    if (this.#watcher) return;
    const file = basename2(this.path);
    this.#watcher = watch(dirname3(this.path), (_event, filename) => {
      if (filename && filename !== file) return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#reloadFromWatch(), this.#options.debounceMs ?? 100);
      this.#timer.unref();
    });
    this.#watcher.unref();
  }
  close() {
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = void 0;
  }
  #reloadFromWatch() {
    try {
      this.reload();
    } catch (error) {
      this.#options.logger?.error(
        { path: this.path, error: error.message },
        "policy reload failed"
      );
    }
  }
  #announce() {
    const { ref, mode, rules } = this.#bundle;
    this.#options.logger?.info(
      { path: this.path, bundle: ref, mode, rules: rules.length },
      "policy bundle loaded"
    );
    this.#options.onLoaded?.(this.#bundle);
  }
};

// src/runbooks/load.ts
import { readdirSync, readFileSync as readFileSync2 } from "node:fs";
import { basename as basename3, join as join2 } from "node:path";

// src/runbooks/error.ts
var RunbookError = class extends Error {
  name = "RunbookError";
  /** One line per problem, each starting with the file and YAML path (or parameter) it is about. */
  problems;
  constructor(problems, what = "invalid runbook") {
    super(
      problems.length === 1 ? problems[0] : `${what}: ${problems.length} problems:
  ${problems.join("\n  ")}`
    );
    this.problems = problems;
  }
};
function problemLines(source, problems) {
  return problems.map((p) => `${source}: ${yamlPath(p.path)}: ${p.message}`);
}
function didYouMean(name2, candidates) {
  const best = closestName(name2, candidates);
  return best ? ` (did you mean "${best}"?)` : "";
}

// src/runbooks/template.ts
var TEMPLATE = /\{\{(.*?)\}\}/gs;
var WHOLE_TEMPLATE = /^\{\{((?:(?!\}\}).)*)\}\}$/s;
var REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;
var FIELDS = {
  runbook: ["name", "version"],
  execution: ["id"]
};
var ROOTS = ["params", ...Object.keys(FIELDS)];
var SHAPE = "params.<name>, runbook.name, runbook.version or execution.id";
function wholeParamTemplate(text2) {
  const inner = WHOLE_TEMPLATE.exec(text2)?.[1];
  const match = inner === void 0 ? null : REFERENCE.exec(inner.trim());
  return match?.[1] === "params" ? match[2] : void 0;
}
function templateProblems(value, path, params) {
  const problems = [];
  walkStrings(value, path, (text2, at) => {
    for (const message of stringProblems(text2, params)) problems.push({ path: at, message });
  });
  return problems;
}
function stringProblems(text2, params) {
  const problems = [];
  for (const [whole, inner] of text2.matchAll(TEMPLATE)) {
    const match = REFERENCE.exec(inner.trim());
    if (!match) {
      problems.push(`template "${whole}" is not one of ${SHAPE}`);
      continue;
    }
    const [, root, field] = match;
    if (root === "params") {
      const param = params.find((p) => p.name === field);
      const names = params.map((p) => p.name);
      if (!param) problems.push(`unknown parameter "${field}"${didYouMean(field, names)}`);
      else if (!param.required && param.default === void 0)
        problems.push(`parameter "${field}" is optional with no default: a template needs a value`);
    } else if (!FIELDS[root]) {
      problems.push(`unknown template root "${root}"${didYouMean(root, ROOTS)} (known: ${SHAPE})`);
    } else if (!FIELDS[root].includes(field)) {
      problems.push(
        `unknown field "${root}.${field}" (known: ${FIELDS[root].map((f) => `${root}.${f}`).join(", ")})`
      );
    }
  }
  if (text2.replace(TEMPLATE, "").includes("{{")) problems.push('"{{" without a closing "}}"');
  return problems;
}
function renderTemplate(value, scope) {
  const problems = [];
  const rendered = render(value, scope, problems);
  if (problems.length) throw new RunbookError([...new Set(problems)], "cannot render the runbook");
  return rendered;
}
function render(value, scope, problems) {
  if (typeof value === "string") return renderString(value, scope, problems);
  if (Array.isArray(value)) return value.map((item) => render(item, scope, problems));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        String(renderString(key, scope, problems, true)),
        render(child, scope, problems)
      ])
    );
  }
  return value;
}
function renderString(text2, scope, problems, asText = false) {
  const whole = WHOLE_TEMPLATE.exec(text2)?.[1];
  if (whole !== void 0 && !asText) return lookup(whole, scope, problems);
  return text2.replace(TEMPLATE, (_, inner) => String(lookup(inner, scope, problems)));
}
function lookup(inner, scope, problems) {
  const match = REFERENCE.exec(inner.trim());
  const value = match ? scope[match[1]]?.[match[2]] : void 0;
  if (typeof value === "string" || typeof value === "number") return value;
  problems.push(`{{${inner}}}: ${match ? "has no value" : `is not one of ${SHAPE}`}`);
  return "";
}
function walkStrings(value, path, visit) {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      walkStrings(item, [...path, i], visit);
    });
  } else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      visit(key, [...path, key]);
      walkStrings(child, [...path, key], visit);
    }
  }
}

// src/runbooks/load-steps.ts
var DEFAULT_CHECK_INTERVAL = "30s";
var TIMEOUT_AFTER_FOR_MS = 10 * 6e4;
function durationOf(text2, params) {
  const name2 = wholeParamTemplate(text2);
  if (name2 === void 0 && text2.includes("{{"))
    return { problem: 'a templated duration must be exactly one "{{ params.<duration parameter> }}"' };
  if (name2 !== void 0) {
    const param = params.find((p) => p.name === name2);
    if (param?.type !== "duration")
      return { problem: `"${name2}" is not a duration parameter: a duration template names one` };
    if (typeof param.default !== "string")
      return { problem: `duration parameter "${name2}" needs a default to stand in for a duration` };
    text2 = param.default;
  }
  try {
    return { ms: parseDuration(text2), ...name2 ? { param: name2 } : {} };
  } catch (error) {
    return { problem: error.message };
  }
}
function buildSteps(steps, params) {
  const problems = [];
  const built = steps.map((step, i) => {
    const following = steps[i + 1]?.id ?? "resolved";
    const bound = {};
    const ms = (field, path, text2, least) => {
      const result = durationOf(text2, params);
      const problem = "problem" in result ? result.problem : result.ms < least ? "must be longer than 0" : void 0;
      if (problem) problems.push({ path: ["spec", "steps", i, ...path], message: problem });
      if ("param" in result && result.param) bound[field] = result.param;
      return "ms" in result ? result.ms : 0;
    };
    const base = { id: step.id, title: step.title };
    const withBindings = (plain) => Object.keys(bound).length ? { ...plain, durationParams: bound } : plain;
    if (step.action) {
      return withBindings({
        ...base,
        kind: "action",
        tool: step.action.tool,
        args: step.action.args,
        next: step.next ?? following,
        onFailure: step.onFailure ?? "failed"
      });
    }
    if (step.check) {
      const { check } = step;
      const forMs = ms("forMs", ["check", "for"], check.for ?? "0s", 0);
      const timeoutMs = check.timeout ? ms("timeoutMs", ["check", "timeout"], check.timeout, 1) : forMs + TIMEOUT_AFTER_FOR_MS;
      if (!check.timeout && bound.forMs) bound.timeoutFollowsFor = true;
      if (timeoutMs < forMs)
        problems.push({
          path: ["spec", "steps", i, "check", "timeout"],
          message: `the check must hold ${check.for} but times out after ${check.timeout}`
        });
      return withBindings({
        ...base,
        kind: "check",
        condition: conditionOf(check),
        forMs,
        intervalMs: ms("intervalMs", ["check", "interval"], check.interval ?? DEFAULT_CHECK_INTERVAL, 1),
        timeoutMs,
        onSuccess: step.onSuccess ?? following,
        onFailure: step.onFailure ?? "failed"
      });
    }
    if (step.approval) {
      return withBindings({
        ...base,
        kind: "approval",
        message: step.approval.message,
        approvers: step.approval.approvers,
        ttlMs: step.approval.ttl ? ms("ttlMs", ["approval", "ttl"], step.approval.ttl, 1) : DEFAULT_APPROVAL.ttlMs,
        next: step.next ?? following,
        onReject: step.onReject ?? "escalate"
      });
    }
    return withBindings({
      ...base,
      kind: "wait",
      durationMs: ms("durationMs", ["wait"], step.wait, 1),
      next: step.next ?? following
    });
  });
  return { steps: built, problems };
}
function transitionsOf(step) {
  switch (step.kind) {
    case "action":
      return [step.next, step.onFailure];
    case "check":
      return [step.onSuccess, step.onFailure];
    case "approval":
      return [step.next, step.onReject];
    case "wait":
      return [step.next];
  }
}
function conditionOf(check) {
  if (check.promql !== void 0) return { type: "promql", query: check.promql };
  const { rolloutComplete: rolloutComplete2, podsReady: podsReady2 } = check.kubernetes;
  return rolloutComplete2 ? { type: "rolloutComplete", ...rolloutComplete2 } : { type: "podsReady", ...podsReady2 };
}
function resolveStep(step, scope) {
  const { durationParams: bound = {}, ...plain } = step;
  const problems = [];
  const ms = (field, loaded) => {
    const name2 = bound[field];
    if (!name2) return loaded;
    const value = scope.params[name2];
    try {
      const resolved2 = parseDuration(String(value));
      if (resolved2 > 0 || field === "forMs") return resolved2;
    } catch {
    }
    problems.push(
      `step ${step.id}: {{ params.${name2} }} must be a duration longer than 0, got ${JSON.stringify(value)}`
    );
    return loaded;
  };
  const resolved = resolveKind(plain, scope, ms, bound);
  if (resolved.kind === "check" && resolved.timeoutMs < resolved.forMs)
    problems.push(
      `step ${step.id}: the check must hold ${resolved.forMs / 1e3}s but times out after ${resolved.timeoutMs / 1e3}s`
    );
  if (problems.length) throw new RunbookError(problems, "cannot resolve the step");
  return resolved;
}
function resolveKind(step, scope, ms, bound) {
  switch (step.kind) {
    case "action":
      return { ...step, args: renderTemplate(step.args, scope) };
    case "check": {
      const forMs = ms("forMs", step.forMs);
      return {
        ...step,
        condition: renderTemplate(step.condition, scope),
        forMs,
        intervalMs: ms("intervalMs", step.intervalMs),
        timeoutMs: bound.timeoutFollowsFor ? forMs + TIMEOUT_AFTER_FOR_MS : ms("timeoutMs", step.timeoutMs)
      };
    }
    case "approval":
      return {
        ...step,
        message: String(renderTemplate(step.message, scope)),
        ttlMs: ms("ttlMs", step.ttlMs)
      };
    case "wait":
      return { ...step, durationMs: ms("durationMs", step.durationMs) };
  }
}

// src/sandbox/promql/ast.ts
var COMPARISON_OPS = /* @__PURE__ */ new Set(["==", "!=", ">", "<", ">=", "<="]);
var SET_OPS = /* @__PURE__ */ new Set(["and", "or", "unless"]);
function typeOf(expr) {
  switch (expr.kind) {
    case "number":
      return "scalar";
    case "string":
      return "string";
    case "vectorSelector":
    case "aggregate":
      return "vector";
    case "matrixSelector":
    case "subquery":
      return "matrix";
    case "paren":
    case "unary":
      return typeOf(expr.expr);
    case "binary":
      return typeOf(expr.lhs) === "scalar" && typeOf(expr.rhs) === "scalar" ? "scalar" : "vector";
    case "call":
      return expr.func.returns;
  }
}
function unwrapParens(expr) {
  return expr.kind === "paren" ? unwrapParens(expr.expr) : expr;
}

// node_modules/@lezer/common/dist/index.js
var DefaultBufferLength = 1024;
var nextPropID = 0;
var Range = class {
  constructor(from, to) {
    this.from = from;
    this.to = to;
  }
};
var NodeProp = class {
  /**
  Create a new node prop type.
  */
  constructor(config = {}) {
    this.id = nextPropID++;
    this.perNode = !!config.perNode;
    this.deserialize = config.deserialize || (() => {
      throw new Error("This node type doesn't define a deserialize function");
    });
    this.combine = config.combine || null;
  }
  /**
  This is meant to be used with
  [`NodeSet.extend`](#common.NodeSet.extend) or
  [`LRParser.configure`](#lr.ParserConfig.props) to compute
  prop values for each node type in the set. Takes a [match
  object](#common.NodeType^match) or function that returns undefined
  if the node type doesn't get this prop, and the prop's value if
  it does.
  */
  add(match) {
    if (this.perNode)
      throw new RangeError("Can't add per-node props to node types");
    if (typeof match != "function")
      match = NodeType.match(match);
    return (type) => {
      let result = match(type);
      return result === void 0 ? null : [this, result];
    };
  }
};
NodeProp.closedBy = new NodeProp({ deserialize: (str) => str.split(" ") });
NodeProp.openedBy = new NodeProp({ deserialize: (str) => str.split(" ") });
NodeProp.group = new NodeProp({ deserialize: (str) => str.split(" ") });
NodeProp.isolate = new NodeProp({ deserialize: (value) => {
  if (value && value != "rtl" && value != "ltr" && value != "auto")
    throw new RangeError("Invalid value for isolate: " + value);
  return value || "auto";
} });
NodeProp.contextHash = new NodeProp({ perNode: true });
NodeProp.lookAhead = new NodeProp({ perNode: true });
NodeProp.mounted = new NodeProp({ perNode: true });
var MountedTree = class {
  constructor(tree, overlay, parser2, bracketed = false) {
    this.tree = tree;
    this.overlay = overlay;
    this.parser = parser2;
    this.bracketed = bracketed;
  }
  /**
  @internal
  */
  static get(tree) {
    return tree && tree.props && tree.props[NodeProp.mounted.id];
  }
};
var noProps = /* @__PURE__ */ Object.create(null);
var NodeType = class _NodeType {
  /**
  @internal
  */
  constructor(name2, props, id, flags = 0) {
    this.name = name2;
    this.props = props;
    this.id = id;
    this.flags = flags;
  }
  /**
  Define a node type.
  */
  static define(spec) {
    let props = spec.props && spec.props.length ? /* @__PURE__ */ Object.create(null) : noProps;
    let flags = (spec.top ? 1 : 0) | (spec.skipped ? 2 : 0) | (spec.error ? 4 : 0) | (spec.name == null ? 8 : 0);
    let type = new _NodeType(spec.name || "", props, spec.id, flags);
    if (spec.props)
      for (let src of spec.props) {
        if (!Array.isArray(src))
          src = src(type);
        if (src) {
          if (src[0].perNode)
            throw new RangeError("Can't store a per-node prop on a node type");
          props[src[0].id] = src[1];
        }
      }
    return type;
  }
  /**
  Retrieves a node prop for this type. Will return `undefined` if
  the prop isn't present on this node.
  */
  prop(prop) {
    return this.props[prop.id];
  }
  /**
  True when this is the top node of a grammar.
  */
  get isTop() {
    return (this.flags & 1) > 0;
  }
  /**
  True when this node is produced by a skip rule.
  */
  get isSkipped() {
    return (this.flags & 2) > 0;
  }
  /**
  Indicates whether this is an error node.
  */
  get isError() {
    return (this.flags & 4) > 0;
  }
  /**
  When true, this node type doesn't correspond to a user-declared
  named node, for example because it is used to cache repetition.
  */
  get isAnonymous() {
    return (this.flags & 8) > 0;
  }
  /**
  Returns true when this node's name or one of its
  [groups](#common.NodeProp^group) matches the given string.
  */
  is(name2) {
    if (typeof name2 == "string") {
      if (this.name == name2)
        return true;
      let group = this.prop(NodeProp.group);
      return group ? group.indexOf(name2) > -1 : false;
    }
    return this.id == name2;
  }
  /**
  Create a function from node types to arbitrary values by
  specifying an object whose property names are node or
  [group](#common.NodeProp^group) names. Often useful with
  [`NodeProp.add`](#common.NodeProp.add). You can put multiple
  names, separated by spaces, in a single property name to map
  multiple node names to a single value.
  */
  static match(map) {
    let direct = /* @__PURE__ */ Object.create(null);
    for (let prop in map)
      for (let name2 of prop.split(" "))
        direct[name2] = map[prop];
    return (node) => {
      for (let groups = node.prop(NodeProp.group), i = -1; i < (groups ? groups.length : 0); i++) {
        let found = direct[i < 0 ? node.name : groups[i]];
        if (found)
          return found;
      }
    };
  }
};
NodeType.none = new NodeType(
  "",
  /* @__PURE__ */ Object.create(null),
  0,
  8
  /* NodeFlag.Anonymous */
);
var NodeSet = class _NodeSet {
  /**
  Create a set with the given types. The `id` property of each
  type should correspond to its position within the array.
  */
  constructor(types) {
    this.types = types;
    for (let i = 0; i < types.length; i++)
      if (types[i].id != i)
        throw new RangeError("Node type ids should correspond to array positions when creating a node set");
  }
  /**
  Create a copy of this set with some node properties added. The
  arguments to this method can be created with
  [`NodeProp.add`](#common.NodeProp.add).
  */
  extend(...props) {
    let newTypes = [];
    for (let type of this.types) {
      let newProps = null;
      for (let source of props) {
        let add = source(type);
        if (add) {
          if (!newProps)
            newProps = Object.assign({}, type.props);
          let value = add[1], prop = add[0];
          if (prop.combine && prop.id in newProps)
            value = prop.combine(newProps[prop.id], value);
          newProps[prop.id] = value;
        }
      }
      newTypes.push(newProps ? new NodeType(type.name, newProps, type.id, type.flags) : type);
    }
    return new _NodeSet(newTypes);
  }
};
var CachedNode = /* @__PURE__ */ new WeakMap();
var CachedInnerNode = /* @__PURE__ */ new WeakMap();
var IterMode;
(function(IterMode2) {
  IterMode2[IterMode2["ExcludeBuffers"] = 1] = "ExcludeBuffers";
  IterMode2[IterMode2["IncludeAnonymous"] = 2] = "IncludeAnonymous";
  IterMode2[IterMode2["IgnoreMounts"] = 4] = "IgnoreMounts";
  IterMode2[IterMode2["IgnoreOverlays"] = 8] = "IgnoreOverlays";
  IterMode2[IterMode2["EnterBracketed"] = 16] = "EnterBracketed";
})(IterMode || (IterMode = {}));
var Tree = class _Tree {
  /**
  Construct a new tree. See also [`Tree.build`](#common.Tree^build).
  */
  constructor(type, children, positions, length, props) {
    this.type = type;
    this.children = children;
    this.positions = positions;
    this.length = length;
    this.props = null;
    if (props && props.length) {
      this.props = /* @__PURE__ */ Object.create(null);
      for (let [prop, value] of props)
        this.props[typeof prop == "number" ? prop : prop.id] = value;
    }
  }
  /**
  @internal
  */
  toString() {
    let mounted = MountedTree.get(this);
    if (mounted && !mounted.overlay)
      return mounted.tree.toString();
    let children = "";
    for (let ch of this.children) {
      let str = ch.toString();
      if (str) {
        if (children)
          children += ",";
        children += str;
      }
    }
    return !this.type.name ? children : (/\W/.test(this.type.name) && !this.type.isError ? JSON.stringify(this.type.name) : this.type.name) + (children.length ? "(" + children + ")" : "");
  }
  /**
  Get a [tree cursor](#common.TreeCursor) positioned at the top of
  the tree. Mode can be used to [control](#common.IterMode) which
  nodes the cursor visits.
  */
  cursor(mode = 0) {
    return new TreeCursor(this.topNode, mode);
  }
  /**
  Get a [tree cursor](#common.TreeCursor) pointing into this tree
  at the given position and side (see
  [`moveTo`](#common.TreeCursor.moveTo).
  */
  cursorAt(pos, side = 0, mode = 0) {
    let scope = CachedNode.get(this) || this.topNode;
    let cursor = new TreeCursor(scope);
    cursor.moveTo(pos, side);
    CachedNode.set(this, cursor._tree);
    return cursor;
  }
  /**
  Get a [syntax node](#common.SyntaxNode) object for the top of the
  tree.
  */
  get topNode() {
    return new TreeNode(this, 0, 0, null);
  }
  /**
  Get the [syntax node](#common.SyntaxNode) at the given position.
  If `side` is -1, this will move into nodes that end at the
  position. If 1, it'll move into nodes that start at the
  position. With 0, it'll only enter nodes that cover the position
  from both sides.
  
  Note that this will not enter
  [overlays](#common.MountedTree.overlay), and you often want
  [`resolveInner`](#common.Tree.resolveInner) instead.
  */
  resolve(pos, side = 0) {
    let node = resolveNode(CachedNode.get(this) || this.topNode, pos, side, false);
    CachedNode.set(this, node);
    return node;
  }
  /**
  Like [`resolve`](#common.Tree.resolve), but will enter
  [overlaid](#common.MountedTree.overlay) nodes, producing a syntax node
  pointing into the innermost overlaid tree at the given position
  (with parent links going through all parent structure, including
  the host trees).
  */
  resolveInner(pos, side = 0) {
    let node = resolveNode(CachedInnerNode.get(this) || this.topNode, pos, side, true);
    CachedInnerNode.set(this, node);
    return node;
  }
  /**
  In some situations, it can be useful to iterate through all
  nodes around a position, including those in overlays that don't
  directly cover the position. This method gives you an iterator
  that will produce all nodes, from small to big, around the given
  position.
  */
  resolveStack(pos, side = 0) {
    return stackIterator(this, pos, side);
  }
  /**
  Iterate over the tree and its children, calling `enter` for any
  node that touches the `from`/`to` region (if given) before
  running over such a node's children, and `leave` (if given) when
  leaving the node. When `enter` returns `false`, that node will
  not have its children iterated over (or `leave` called).
  */
  iterate(spec) {
    let { enter, leave, from = 0, to = this.length } = spec;
    let mode = spec.mode || 0, anon = (mode & IterMode.IncludeAnonymous) > 0;
    for (let c = this.cursor(mode | IterMode.IncludeAnonymous); ; ) {
      let entered = false;
      if (c.from <= to && c.to >= from && (!anon && c.type.isAnonymous || enter(c) !== false)) {
        if (c.firstChild())
          continue;
        entered = true;
      }
      for (; ; ) {
        if (entered && leave && (anon || !c.type.isAnonymous))
          leave(c);
        if (c.nextSibling())
          break;
        if (!c.parent())
          return;
        entered = true;
      }
    }
  }
  /**
  Get the value of the given [node prop](#common.NodeProp) for this
  node. Works with both per-node and per-type props.
  */
  prop(prop) {
    return !prop.perNode ? this.type.prop(prop) : this.props ? this.props[prop.id] : void 0;
  }
  /**
  Returns the node's [per-node props](#common.NodeProp.perNode) in a
  format that can be passed to the [`Tree`](#common.Tree)
  constructor.
  */
  get propValues() {
    let result = [];
    if (this.props)
      for (let id in this.props)
        result.push([+id, this.props[id]]);
    return result;
  }
  /**
  Balance the direct children of this tree, producing a copy of
  which may have children grouped into subtrees with type
  [`NodeType.none`](#common.NodeType^none).
  */
  balance(config = {}) {
    return this.children.length <= 8 ? this : balanceRange(NodeType.none, this.children, this.positions, 0, this.children.length, 0, this.length, (children, positions, length) => new _Tree(this.type, children, positions, length, this.propValues), config.makeTree || ((children, positions, length) => new _Tree(NodeType.none, children, positions, length)));
  }
  /**
  Build a tree from a postfix-ordered buffer of node information,
  or a cursor over such a buffer.
  */
  static build(data) {
    return buildTree(data);
  }
};
Tree.empty = new Tree(NodeType.none, [], [], 0);
var FlatBufferCursor = class _FlatBufferCursor {
  constructor(buffer, index) {
    this.buffer = buffer;
    this.index = index;
  }
  get id() {
    return this.buffer[this.index - 4];
  }
  get start() {
    return this.buffer[this.index - 3];
  }
  get end() {
    return this.buffer[this.index - 2];
  }
  get size() {
    return this.buffer[this.index - 1];
  }
  get pos() {
    return this.index;
  }
  next() {
    this.index -= 4;
  }
  fork() {
    return new _FlatBufferCursor(this.buffer, this.index);
  }
};
var TreeBuffer = class _TreeBuffer {
  /**
  Create a tree buffer.
  */
  constructor(buffer, length, set) {
    this.buffer = buffer;
    this.length = length;
    this.set = set;
  }
  /**
  @internal
  */
  get type() {
    return NodeType.none;
  }
  /**
  @internal
  */
  toString() {
    let result = [];
    for (let index = 0; index < this.buffer.length; ) {
      result.push(this.childString(index));
      index = this.buffer[index + 3];
    }
    return result.join(",");
  }
  /**
  @internal
  */
  childString(index) {
    let id = this.buffer[index], endIndex = this.buffer[index + 3];
    let type = this.set.types[id], result = type.name;
    if (/\W/.test(result) && !type.isError)
      result = JSON.stringify(result);
    index += 4;
    if (endIndex == index)
      return result;
    let children = [];
    while (index < endIndex) {
      children.push(this.childString(index));
      index = this.buffer[index + 3];
    }
    return result + "(" + children.join(",") + ")";
  }
  /**
  @internal
  */
  findChild(startIndex, endIndex, dir, pos, side) {
    let { buffer } = this, pick = -1;
    for (let i = startIndex; i != endIndex; i = buffer[i + 3]) {
      if (checkSide(side, pos, buffer[i + 1], buffer[i + 2])) {
        pick = i;
        if (dir > 0)
          break;
      }
    }
    return pick;
  }
  /**
  @internal
  */
  slice(startI, endI, from) {
    let b = this.buffer;
    let copy = new Uint16Array(endI - startI), len = 0;
    for (let i = startI, j = 0; i < endI; ) {
      copy[j++] = b[i++];
      copy[j++] = b[i++] - from;
      let to = copy[j++] = b[i++] - from;
      copy[j++] = b[i++] - startI;
      len = Math.max(len, to);
    }
    return new _TreeBuffer(copy, len, this.set);
  }
};
function checkSide(side, pos, from, to) {
  switch (side) {
    case -2:
      return from < pos;
    case -1:
      return to >= pos && from < pos;
    case 0:
      return from < pos && to > pos;
    case 1:
      return from <= pos && to > pos;
    case 2:
      return to > pos;
    case 4:
      return true;
  }
}
function resolveNode(node, pos, side, overlays) {
  var _a;
  while (node.from == node.to || (side < 1 ? node.from >= pos : node.from > pos) || (side > -1 ? node.to <= pos : node.to < pos)) {
    let parent = !overlays && node instanceof TreeNode && node.index < 0 ? null : node.parent;
    if (!parent)
      return node;
    node = parent;
  }
  let mode = overlays ? 0 : IterMode.IgnoreOverlays;
  if (overlays)
    for (let scan = node, parent = scan.parent; parent; scan = parent, parent = scan.parent) {
      if (scan instanceof TreeNode && scan.index < 0 && ((_a = parent.enter(pos, side, mode)) === null || _a === void 0 ? void 0 : _a.from) != scan.from)
        node = parent;
    }
  for (; ; ) {
    let inner = node.enter(pos, side, mode);
    if (!inner)
      return node;
    node = inner;
  }
}
var BaseNode = class {
  cursor(mode = 0) {
    return new TreeCursor(this, mode);
  }
  getChild(type, before = null, after = null) {
    let r = getChildren(this, type, before, after);
    return r.length ? r[0] : null;
  }
  getChildren(type, before = null, after = null) {
    return getChildren(this, type, before, after);
  }
  resolve(pos, side = 0) {
    return resolveNode(this, pos, side, false);
  }
  resolveInner(pos, side = 0) {
    return resolveNode(this, pos, side, true);
  }
  matchContext(context) {
    return matchNodeContext(this.parent, context);
  }
  enterUnfinishedNodesBefore(pos) {
    let scan = this.childBefore(pos), node = this;
    while (scan) {
      let last = scan.lastChild;
      if (!last || last.to != scan.to)
        break;
      if (last.type.isError && last.from == last.to) {
        node = scan;
        scan = last.prevSibling;
      } else {
        scan = last;
      }
    }
    return node;
  }
  get node() {
    return this;
  }
  get next() {
    return this.parent;
  }
};
var TreeNode = class _TreeNode extends BaseNode {
  constructor(_tree, from, index, _parent) {
    super();
    this._tree = _tree;
    this.from = from;
    this.index = index;
    this._parent = _parent;
  }
  get type() {
    return this._tree.type;
  }
  get name() {
    return this._tree.type.name;
  }
  get to() {
    return this.from + this._tree.length;
  }
  nextChild(i, dir, pos, side, mode = 0) {
    for (let parent = this; ; ) {
      for (let { children, positions } = parent._tree, e = dir > 0 ? children.length : -1; i != e; i += dir) {
        let next2 = children[i], start = positions[i] + parent.from, mounted;
        if (!(mode & IterMode.EnterBracketed && next2 instanceof Tree && (mounted = MountedTree.get(next2)) && !mounted.overlay && mounted.bracketed && pos >= start && pos <= start + next2.length) && !checkSide(side, pos, start, start + next2.length))
          continue;
        if (next2 instanceof TreeBuffer) {
          if (mode & IterMode.ExcludeBuffers)
            continue;
          let index = next2.findChild(0, next2.buffer.length, dir, pos - start, side);
          if (index > -1)
            return new BufferNode(new BufferContext(parent, next2, i, start), null, index);
        } else if (mode & IterMode.IncludeAnonymous || (!next2.type.isAnonymous || hasChild(next2))) {
          let mounted2;
          if (!(mode & IterMode.IgnoreMounts) && (mounted2 = MountedTree.get(next2)) && !mounted2.overlay)
            return new _TreeNode(mounted2.tree, start, i, parent);
          let inner = new _TreeNode(next2, start, i, parent);
          return mode & IterMode.IncludeAnonymous || !inner.type.isAnonymous ? inner : inner.nextChild(dir < 0 ? next2.children.length - 1 : 0, dir, pos, side, mode);
        }
      }
      if (mode & IterMode.IncludeAnonymous || !parent.type.isAnonymous)
        return null;
      if (parent.index >= 0)
        i = parent.index + dir;
      else
        i = dir < 0 ? -1 : parent._parent._tree.children.length;
      parent = parent._parent;
      if (!parent)
        return null;
    }
  }
  get firstChild() {
    return this.nextChild(
      0,
      1,
      0,
      4
      /* Side.DontCare */
    );
  }
  get lastChild() {
    return this.nextChild(
      this._tree.children.length - 1,
      -1,
      0,
      4
      /* Side.DontCare */
    );
  }
  childAfter(pos) {
    return this.nextChild(
      0,
      1,
      pos,
      2
      /* Side.After */
    );
  }
  childBefore(pos) {
    return this.nextChild(
      this._tree.children.length - 1,
      -1,
      pos,
      -2
      /* Side.Before */
    );
  }
  prop(prop) {
    return this._tree.prop(prop);
  }
  enter(pos, side, mode = 0) {
    let mounted;
    if (!(mode & IterMode.IgnoreOverlays) && (mounted = MountedTree.get(this._tree)) && mounted.overlay) {
      let rPos = pos - this.from, enterBracketed = mode & IterMode.EnterBracketed && mounted.bracketed;
      for (let { from, to } of mounted.overlay) {
        if ((side > 0 || enterBracketed ? from <= rPos : from < rPos) && (side < 0 || enterBracketed ? to >= rPos : to > rPos))
          return new _TreeNode(mounted.tree, mounted.overlay[0].from + this.from, -1, this);
      }
    }
    return this.nextChild(0, 1, pos, side, mode);
  }
  nextSignificantParent() {
    let val = this;
    while (val.type.isAnonymous && val._parent)
      val = val._parent;
    return val;
  }
  get parent() {
    return this._parent ? this._parent.nextSignificantParent() : null;
  }
  get nextSibling() {
    return this._parent && this.index >= 0 ? this._parent.nextChild(
      this.index + 1,
      1,
      0,
      4
      /* Side.DontCare */
    ) : null;
  }
  get prevSibling() {
    return this._parent && this.index >= 0 ? this._parent.nextChild(
      this.index - 1,
      -1,
      0,
      4
      /* Side.DontCare */
    ) : null;
  }
  get tree() {
    return this._tree;
  }
  toTree() {
    return this._tree;
  }
  /**
  @internal
  */
  toString() {
    return this._tree.toString();
  }
};
function getChildren(node, type, before, after) {
  let cur = node.cursor(), result = [];
  if (!cur.firstChild())
    return result;
  if (before != null)
    for (let found = false; !found; ) {
      found = cur.type.is(before);
      if (!cur.nextSibling())
        return result;
    }
  for (; ; ) {
    if (after != null && cur.type.is(after))
      return result;
    if (cur.type.is(type))
      result.push(cur.node);
    if (!cur.nextSibling())
      return after == null ? result : [];
  }
}
function matchNodeContext(node, context, i = context.length - 1) {
  for (let p = node; i >= 0; p = p.parent) {
    if (!p)
      return false;
    if (!p.type.isAnonymous) {
      if (context[i] && context[i] != p.name)
        return false;
      i--;
    }
  }
  return true;
}
var BufferContext = class {
  constructor(parent, buffer, index, start) {
    this.parent = parent;
    this.buffer = buffer;
    this.index = index;
    this.start = start;
  }
};
var BufferNode = class _BufferNode extends BaseNode {
  get name() {
    return this.type.name;
  }
  get from() {
    return this.context.start + this.context.buffer.buffer[this.index + 1];
  }
  get to() {
    return this.context.start + this.context.buffer.buffer[this.index + 2];
  }
  constructor(context, _parent, index) {
    super();
    this.context = context;
    this._parent = _parent;
    this.index = index;
    this.type = context.buffer.set.types[context.buffer.buffer[index]];
  }
  child(dir, pos, side) {
    let { buffer } = this.context;
    let index = buffer.findChild(this.index + 4, buffer.buffer[this.index + 3], dir, pos - this.context.start, side);
    return index < 0 ? null : new _BufferNode(this.context, this, index);
  }
  get firstChild() {
    return this.child(
      1,
      0,
      4
      /* Side.DontCare */
    );
  }
  get lastChild() {
    return this.child(
      -1,
      0,
      4
      /* Side.DontCare */
    );
  }
  childAfter(pos) {
    return this.child(
      1,
      pos,
      2
      /* Side.After */
    );
  }
  childBefore(pos) {
    return this.child(
      -1,
      pos,
      -2
      /* Side.Before */
    );
  }
  prop(prop) {
    return this.type.prop(prop);
  }
  enter(pos, side, mode = 0) {
    if (mode & IterMode.ExcludeBuffers)
      return null;
    let { buffer } = this.context;
    let index = buffer.findChild(this.index + 4, buffer.buffer[this.index + 3], side > 0 ? 1 : -1, pos - this.context.start, side);
    return index < 0 ? null : new _BufferNode(this.context, this, index);
  }
  get parent() {
    return this._parent || this.context.parent.nextSignificantParent();
  }
  externalSibling(dir) {
    return this._parent ? null : this.context.parent.nextChild(
      this.context.index + dir,
      dir,
      0,
      4
      /* Side.DontCare */
    );
  }
  get nextSibling() {
    let { buffer } = this.context;
    let after = buffer.buffer[this.index + 3];
    if (after < (this._parent ? buffer.buffer[this._parent.index + 3] : buffer.buffer.length))
      return new _BufferNode(this.context, this._parent, after);
    return this.externalSibling(1);
  }
  get prevSibling() {
    let { buffer } = this.context;
    let parentStart = this._parent ? this._parent.index + 4 : 0;
    if (this.index == parentStart)
      return this.externalSibling(-1);
    return new _BufferNode(this.context, this._parent, buffer.findChild(
      parentStart,
      this.index,
      -1,
      0,
      4
      /* Side.DontCare */
    ));
  }
  get tree() {
    return null;
  }
  toTree() {
    let children = [], positions = [];
    let { buffer } = this.context;
    let startI = this.index + 4, endI = buffer.buffer[this.index + 3];
    if (endI > startI) {
      let from = buffer.buffer[this.index + 1];
      children.push(buffer.slice(startI, endI, from));
      positions.push(0);
    }
    return new Tree(this.type, children, positions, this.to - this.from);
  }
  /**
  @internal
  */
  toString() {
    return this.context.buffer.childString(this.index);
  }
};
function iterStack(heads) {
  if (!heads.length)
    return null;
  let pick = 0, picked = heads[0];
  for (let i = 1; i < heads.length; i++) {
    let node = heads[i];
    if (node.from > picked.from || node.to < picked.to) {
      picked = node;
      pick = i;
    }
  }
  let next2 = picked instanceof TreeNode && picked.index < 0 ? null : picked.parent;
  let newHeads = heads.slice();
  if (next2)
    newHeads[pick] = next2;
  else
    newHeads.splice(pick, 1);
  return new StackIterator(newHeads, picked);
}
var StackIterator = class {
  constructor(heads, node) {
    this.heads = heads;
    this.node = node;
  }
  get next() {
    return iterStack(this.heads);
  }
};
function stackIterator(tree, pos, side) {
  let inner = tree.resolveInner(pos, side), layers = null;
  for (let scan = inner instanceof TreeNode ? inner : inner.context.parent; scan; scan = scan.parent) {
    if (scan.index < 0) {
      let parent = scan.parent;
      (layers || (layers = [inner])).push(parent.resolve(pos, side));
      scan = parent;
    } else {
      let mount = MountedTree.get(scan.tree);
      if (mount && mount.overlay && mount.overlay[0].from <= pos && mount.overlay[mount.overlay.length - 1].to >= pos) {
        let root = new TreeNode(mount.tree, mount.overlay[0].from + scan.from, -1, scan);
        (layers || (layers = [inner])).push(resolveNode(root, pos, side, false));
      }
    }
  }
  return layers ? iterStack(layers) : inner;
}
var TreeCursor = class {
  /**
  Shorthand for `.type.name`.
  */
  get name() {
    return this.type.name;
  }
  /**
  @internal
  */
  constructor(node, mode = 0) {
    this.buffer = null;
    this.stack = [];
    this.index = 0;
    this.bufferNode = null;
    this.mode = mode & ~IterMode.EnterBracketed;
    if (node instanceof TreeNode) {
      this.yieldNode(node);
    } else {
      this._tree = node.context.parent;
      this.buffer = node.context;
      for (let n = node._parent; n; n = n._parent)
        this.stack.unshift(n.index);
      this.bufferNode = node;
      this.yieldBuf(node.index);
    }
  }
  yieldNode(node) {
    if (!node)
      return false;
    this._tree = node;
    this.type = node.type;
    this.from = node.from;
    this.to = node.to;
    return true;
  }
  yieldBuf(index, type) {
    this.index = index;
    let { start, buffer } = this.buffer;
    this.type = type || buffer.set.types[buffer.buffer[index]];
    this.from = start + buffer.buffer[index + 1];
    this.to = start + buffer.buffer[index + 2];
    return true;
  }
  /**
  @internal
  */
  yield(node) {
    if (!node)
      return false;
    if (node instanceof TreeNode) {
      this.buffer = null;
      return this.yieldNode(node);
    }
    this.buffer = node.context;
    return this.yieldBuf(node.index, node.type);
  }
  /**
  @internal
  */
  toString() {
    return this.buffer ? this.buffer.buffer.childString(this.index) : this._tree.toString();
  }
  /**
  @internal
  */
  enterChild(dir, pos, side) {
    if (!this.buffer)
      return this.yield(this._tree.nextChild(dir < 0 ? this._tree._tree.children.length - 1 : 0, dir, pos, side, this.mode));
    let { buffer } = this.buffer;
    let index = buffer.findChild(this.index + 4, buffer.buffer[this.index + 3], dir, pos - this.buffer.start, side);
    if (index < 0)
      return false;
    this.stack.push(this.index);
    return this.yieldBuf(index);
  }
  /**
  Move the cursor to this node's first child. When this returns
  false, the node has no child, and the cursor has not been moved.
  */
  firstChild() {
    return this.enterChild(
      1,
      0,
      4
      /* Side.DontCare */
    );
  }
  /**
  Move the cursor to this node's last child.
  */
  lastChild() {
    return this.enterChild(
      -1,
      0,
      4
      /* Side.DontCare */
    );
  }
  /**
  Move the cursor to the first child that ends after `pos`.
  */
  childAfter(pos) {
    return this.enterChild(
      1,
      pos,
      2
      /* Side.After */
    );
  }
  /**
  Move to the last child that starts before `pos`.
  */
  childBefore(pos) {
    return this.enterChild(
      -1,
      pos,
      -2
      /* Side.Before */
    );
  }
  /**
  Move the cursor to the child around `pos`. If side is -1 the
  child may end at that position, when 1 it may start there. This
  will also enter [overlaid](#common.MountedTree.overlay)
  [mounted](#common.NodeProp^mounted) trees unless `overlays` is
  set to false.
  */
  enter(pos, side, mode = this.mode) {
    if (!this.buffer)
      return this.yield(this._tree.enter(pos, side, mode));
    return mode & IterMode.ExcludeBuffers ? false : this.enterChild(1, pos, side);
  }
  /**
  Move to the node's parent node, if this isn't the top node.
  */
  parent() {
    if (!this.buffer)
      return this.yieldNode(this.mode & IterMode.IncludeAnonymous ? this._tree._parent : this._tree.parent);
    if (this.stack.length)
      return this.yieldBuf(this.stack.pop());
    let parent = this.mode & IterMode.IncludeAnonymous ? this.buffer.parent : this.buffer.parent.nextSignificantParent();
    this.buffer = null;
    return this.yieldNode(parent);
  }
  /**
  @internal
  */
  sibling(dir) {
    if (!this.buffer)
      return !this._tree._parent ? false : this.yield(this._tree.index < 0 ? null : this._tree._parent.nextChild(this._tree.index + dir, dir, 0, 4, this.mode));
    let { buffer } = this.buffer, d = this.stack.length - 1;
    if (dir < 0) {
      let parentStart = d < 0 ? 0 : this.stack[d] + 4;
      if (this.index != parentStart)
        return this.yieldBuf(buffer.findChild(
          parentStart,
          this.index,
          -1,
          0,
          4
          /* Side.DontCare */
        ));
    } else {
      let after = buffer.buffer[this.index + 3];
      if (after < (d < 0 ? buffer.buffer.length : buffer.buffer[this.stack[d] + 3]))
        return this.yieldBuf(after);
    }
    return d < 0 ? this.yield(this.buffer.parent.nextChild(this.buffer.index + dir, dir, 0, 4, this.mode)) : false;
  }
  /**
  Move to this node's next sibling, if any.
  */
  nextSibling() {
    return this.sibling(1);
  }
  /**
  Move to this node's previous sibling, if any.
  */
  prevSibling() {
    return this.sibling(-1);
  }
  atLastNode(dir) {
    let index, parent, { buffer } = this;
    if (buffer) {
      if (dir > 0) {
        if (this.index < buffer.buffer.buffer.length)
          return false;
      } else {
        for (let i = 0; i < this.index; i++)
          if (buffer.buffer.buffer[i + 3] < this.index)
            return false;
      }
      ({ index, parent } = buffer);
    } else {
      ({ index, _parent: parent } = this._tree);
    }
    for (; parent; { index, _parent: parent } = parent) {
      if (index > -1)
        for (let i = index + dir, e = dir < 0 ? -1 : parent._tree.children.length; i != e; i += dir) {
          let child = parent._tree.children[i];
          if (this.mode & IterMode.IncludeAnonymous || child instanceof TreeBuffer || !child.type.isAnonymous || hasChild(child))
            return false;
        }
    }
    return true;
  }
  move(dir, enter) {
    if (enter && this.enterChild(
      dir,
      0,
      4
      /* Side.DontCare */
    ))
      return true;
    for (; ; ) {
      if (this.sibling(dir))
        return true;
      if (this.atLastNode(dir) || !this.parent())
        return false;
    }
  }
  /**
  Move to the next node in a
  [pre-order](https://en.wikipedia.org/wiki/Tree_traversal#Pre-order,_NLR)
  traversal, going from a node to its first child or, if the
  current node is empty or `enter` is false, its next sibling or
  the next sibling of the first parent node that has one.
  */
  next(enter = true) {
    return this.move(1, enter);
  }
  /**
  Move to the next node in a last-to-first pre-order traversal. A
  node is followed by its last child or, if it has none, its
  previous sibling or the previous sibling of the first parent
  node that has one.
  */
  prev(enter = true) {
    return this.move(-1, enter);
  }
  /**
  Move the cursor to the innermost node that covers `pos`. If
  `side` is -1, it will enter nodes that end at `pos`. If it is 1,
  it will enter nodes that start at `pos`.
  */
  moveTo(pos, side = 0) {
    while (this.from == this.to || (side < 1 ? this.from >= pos : this.from > pos) || (side > -1 ? this.to <= pos : this.to < pos))
      if (!this.parent())
        break;
    while (this.enterChild(1, pos, side)) {
    }
    return this;
  }
  /**
  Get a [syntax node](#common.SyntaxNode) at the cursor's current
  position.
  */
  get node() {
    if (!this.buffer)
      return this._tree;
    let cache = this.bufferNode, result = null, depth = 0;
    if (cache && cache.context == this.buffer) {
      scan: for (let index = this.index, d = this.stack.length; d >= 0; ) {
        for (let c = cache; c; c = c._parent)
          if (c.index == index) {
            if (index == this.index)
              return c;
            result = c;
            depth = d + 1;
            break scan;
          }
        index = this.stack[--d];
      }
    }
    for (let i = depth; i < this.stack.length; i++)
      result = new BufferNode(this.buffer, result, this.stack[i]);
    return this.bufferNode = new BufferNode(this.buffer, result, this.index);
  }
  /**
  Get the [tree](#common.Tree) that represents the current node, if
  any. Will return null when the node is in a [tree
  buffer](#common.TreeBuffer).
  */
  get tree() {
    return this.buffer ? null : this._tree._tree;
  }
  /**
  Iterate over the current node and all its descendants, calling
  `enter` when entering a node and `leave`, if given, when leaving
  one. When `enter` returns `false`, any children of that node are
  skipped, and `leave` isn't called for it.
  */
  iterate(enter, leave) {
    for (let depth = 0; ; ) {
      let mustLeave = false;
      if (this.type.isAnonymous || enter(this) !== false) {
        if (this.firstChild()) {
          depth++;
          continue;
        }
        if (!this.type.isAnonymous)
          mustLeave = true;
      }
      for (; ; ) {
        if (mustLeave && leave)
          leave(this);
        mustLeave = this.type.isAnonymous;
        if (!depth)
          return;
        if (this.nextSibling())
          break;
        this.parent();
        depth--;
        mustLeave = true;
      }
    }
  }
  /**
  Test whether the current node matches a given context—a sequence
  of direct parent node names. Empty strings in the context array
  are treated as wildcards.
  */
  matchContext(context) {
    if (!this.buffer)
      return matchNodeContext(this.node.parent, context);
    let { buffer } = this.buffer, { types } = buffer.set;
    for (let i = context.length - 1, d = this.stack.length - 1; i >= 0; d--) {
      if (d < 0)
        return matchNodeContext(this._tree, context, i);
      let type = types[buffer.buffer[this.stack[d]]];
      if (!type.isAnonymous) {
        if (context[i] && context[i] != type.name)
          return false;
        i--;
      }
    }
    return true;
  }
};
function hasChild(tree) {
  return tree.children.some((ch) => ch instanceof TreeBuffer || !ch.type.isAnonymous || hasChild(ch));
}
function buildTree(data) {
  var _a;
  let { buffer, nodeSet, maxBufferLength = DefaultBufferLength, reused = [], minRepeatType = nodeSet.types.length } = data;
  let cursor = Array.isArray(buffer) ? new FlatBufferCursor(buffer, buffer.length) : buffer;
  let types = nodeSet.types;
  let contextHash = 0, lookAhead = 0;
  function takeNode(parentStart, minPos, children2, positions2, inRepeat, depth) {
    let { id, start, end, size } = cursor;
    let lookAheadAtStart = lookAhead, contextAtStart = contextHash;
    if (size < 0) {
      cursor.next();
      if (size == -1) {
        let node2 = reused[id];
        children2.push(node2);
        positions2.push(start - parentStart);
        return;
      } else if (size == -3) {
        contextHash = id;
        return;
      } else if (size == -4) {
        lookAhead = id;
        return;
      } else {
        throw new RangeError(`Unrecognized record size: ${size}`);
      }
    }
    let type = types[id], node, buffer2;
    let startPos = start - parentStart;
    if (end - start <= maxBufferLength && (buffer2 = findBufferSize(cursor.pos - minPos, inRepeat))) {
      let data2 = new Uint16Array(buffer2.size - buffer2.skip);
      let endPos = cursor.pos - buffer2.size, index = data2.length;
      while (cursor.pos > endPos)
        index = copyToBuffer(buffer2.start, data2, index);
      node = new TreeBuffer(data2, end - buffer2.start, nodeSet);
      startPos = buffer2.start - parentStart;
    } else {
      let endPos = cursor.pos - size;
      cursor.next();
      let localChildren = [], localPositions = [];
      let localInRepeat = id >= minRepeatType ? id : -1;
      let lastGroup = 0, lastEnd = end, groupLookAhead = lookAheadAtStart;
      while (cursor.pos > endPos) {
        if (localInRepeat >= 0 && cursor.id == localInRepeat && cursor.size >= 0) {
          if (cursor.end <= lastEnd - maxBufferLength) {
            makeRepeatLeaf(localChildren, localPositions, start, lastGroup, cursor.end, lastEnd, localInRepeat, groupLookAhead, contextAtStart);
            lastGroup = localChildren.length;
            lastEnd = cursor.end;
            groupLookAhead = lookAhead;
          }
          cursor.next();
        } else if (depth > 2500) {
          takeFlatNode(start, endPos, localChildren, localPositions);
        } else {
          if (localInRepeat >= 0 && cursor.size == -1 && reused[cursor.id].type == nodeSet.types[localInRepeat]) {
            if (lastGroup < localChildren.length)
              makeRepeatLeaf(localChildren, localPositions, start, lastGroup, cursor.end, lastEnd, localInRepeat, groupLookAhead, contextAtStart);
            lastGroup = localChildren.length + 1;
            lastEnd = cursor.start;
            groupLookAhead = lookAhead;
          }
          takeNode(start, endPos, localChildren, localPositions, localInRepeat, depth + 1);
        }
      }
      if (localInRepeat >= 0 && lastGroup > 0 && lastGroup < localChildren.length)
        makeRepeatLeaf(localChildren, localPositions, start, lastGroup, start, lastEnd, localInRepeat, groupLookAhead, contextAtStart);
      localChildren.reverse();
      localPositions.reverse();
      if (localInRepeat > -1 && lastGroup > 0) {
        let make = makeBalanced(type, contextAtStart);
        node = balanceRange(type, localChildren, localPositions, 0, localChildren.length, 0, end - start, make, make);
      } else {
        node = makeTree(type, localChildren, localPositions, end - start, lookAheadAtStart - end, contextAtStart);
      }
    }
    children2.push(node);
    positions2.push(startPos);
  }
  function takeFlatNode(parentStart, minPos, children2, positions2) {
    let nodes = [];
    let nodeCount = 0, stopAt = -1;
    while (cursor.pos > minPos) {
      let { id, start, end, size } = cursor;
      if (size > 4) {
        cursor.next();
      } else if (stopAt > -1 && start < stopAt) {
        break;
      } else {
        if (stopAt < 0)
          stopAt = end - maxBufferLength;
        nodes.push(id, start, end);
        nodeCount++;
        cursor.next();
      }
    }
    if (nodeCount) {
      let buffer2 = new Uint16Array(nodeCount * 4);
      let start = nodes[nodes.length - 2];
      for (let i = nodes.length - 3, j = 0; i >= 0; i -= 3) {
        buffer2[j++] = nodes[i];
        buffer2[j++] = nodes[i + 1] - start;
        buffer2[j++] = nodes[i + 2] - start;
        buffer2[j++] = j;
      }
      children2.push(new TreeBuffer(buffer2, nodes[2] - start, nodeSet));
      positions2.push(start - parentStart);
    }
  }
  function makeBalanced(type, contextHash2) {
    return (children2, positions2, length2) => {
      let lookAhead2 = 0, lastI = children2.length - 1, last, lookAheadProp;
      if (lastI >= 0 && (last = children2[lastI]) instanceof Tree) {
        if (!lastI && last.type == type && last.length == length2)
          return last;
        if (lookAheadProp = last.prop(NodeProp.lookAhead))
          lookAhead2 = positions2[lastI] + last.length + lookAheadProp - length2;
      }
      return makeTree(type, children2, positions2, length2, lookAhead2, contextHash2);
    };
  }
  function makeRepeatLeaf(children2, positions2, base, i, from, to, type, lookAhead2, contextHash2) {
    let localChildren = [], localPositions = [];
    while (children2.length > i) {
      localChildren.push(children2.pop());
      localPositions.push(positions2.pop() + base - from);
    }
    children2.push(makeTree(nodeSet.types[type], localChildren, localPositions, to - from, lookAhead2 - to, contextHash2));
    positions2.push(from - base);
  }
  function makeTree(type, children2, positions2, length2, lookAhead2, contextHash2, props) {
    if (contextHash2) {
      let pair2 = [NodeProp.contextHash, contextHash2];
      props = props ? [pair2].concat(props) : [pair2];
    }
    if (lookAhead2 > 25) {
      let pair2 = [NodeProp.lookAhead, lookAhead2];
      props = props ? [pair2].concat(props) : [pair2];
    }
    return new Tree(type, children2, positions2, length2, props);
  }
  function findBufferSize(maxSize, inRepeat) {
    let fork = cursor.fork();
    let size = 0, start = 0, skip = 0, minStart = fork.end - maxBufferLength;
    let result = { size: 0, start: 0, skip: 0 };
    scan: for (let minPos = fork.pos - maxSize; fork.pos > minPos; ) {
      let nodeSize2 = fork.size;
      if (fork.id == inRepeat && nodeSize2 >= 0) {
        result.size = size;
        result.start = start;
        result.skip = skip;
        skip += 4;
        size += 4;
        fork.next();
        continue;
      }
      let startPos = fork.pos - nodeSize2;
      if (nodeSize2 < 0 || startPos < minPos || fork.start < minStart)
        break;
      let localSkipped = fork.id >= minRepeatType ? 4 : 0;
      let nodeStart = fork.start;
      fork.next();
      while (fork.pos > startPos) {
        if (fork.size < 0) {
          if (fork.size == -3 || fork.size == -4)
            localSkipped += 4;
          else
            break scan;
        } else if (fork.id >= minRepeatType) {
          localSkipped += 4;
        }
        fork.next();
      }
      start = nodeStart;
      size += nodeSize2;
      skip += localSkipped;
    }
    if (inRepeat < 0 || size == maxSize) {
      result.size = size;
      result.start = start;
      result.skip = skip;
    }
    return result.size > 4 ? result : void 0;
  }
  function copyToBuffer(bufferStart, buffer2, index) {
    let { id, start, end, size } = cursor;
    cursor.next();
    if (size >= 0 && id < minRepeatType) {
      let startIndex = index;
      if (size > 4) {
        let endPos = cursor.pos - (size - 4);
        while (cursor.pos > endPos)
          index = copyToBuffer(bufferStart, buffer2, index);
      }
      buffer2[--index] = startIndex;
      buffer2[--index] = end - bufferStart;
      buffer2[--index] = start - bufferStart;
      buffer2[--index] = id;
    } else if (size == -3) {
      contextHash = id;
    } else if (size == -4) {
      lookAhead = id;
    }
    return index;
  }
  let children = [], positions = [];
  while (cursor.pos > 0)
    takeNode(data.start || 0, data.bufferStart || 0, children, positions, -1, 0);
  let length = (_a = data.length) !== null && _a !== void 0 ? _a : children.length ? positions[0] + children[0].length : 0;
  return new Tree(types[data.topID], children.reverse(), positions.reverse(), length);
}
var nodeSizeCache = /* @__PURE__ */ new WeakMap();
function nodeSize(balanceType, node) {
  if (!balanceType.isAnonymous || node instanceof TreeBuffer || node.type != balanceType)
    return 1;
  let size = nodeSizeCache.get(node);
  if (size == null) {
    size = 1;
    for (let child of node.children) {
      if (child.type != balanceType || !(child instanceof Tree)) {
        size = 1;
        break;
      }
      size += nodeSize(balanceType, child);
    }
    nodeSizeCache.set(node, size);
  }
  return size;
}
function balanceRange(balanceType, children, positions, from, to, start, length, mkTop, mkTree) {
  let total = 0;
  for (let i = from; i < to; i++)
    total += nodeSize(balanceType, children[i]);
  let maxChild = Math.ceil(
    total * 1.5 / 8
    /* Balance.BranchFactor */
  );
  let localChildren = [], localPositions = [];
  function divide(children2, positions2, from2, to2, offset) {
    for (let i = from2; i < to2; ) {
      let groupFrom = i, groupStart = positions2[i], groupSize = nodeSize(balanceType, children2[i]);
      i++;
      for (; i < to2; i++) {
        let nextSize = nodeSize(balanceType, children2[i]);
        if (groupSize + nextSize >= maxChild)
          break;
        groupSize += nextSize;
      }
      if (i == groupFrom + 1) {
        if (groupSize > maxChild) {
          let only = children2[groupFrom];
          divide(only.children, only.positions, 0, only.children.length, positions2[groupFrom] + offset);
          continue;
        }
        localChildren.push(children2[groupFrom]);
      } else {
        let length2 = positions2[i - 1] + children2[i - 1].length - groupStart;
        localChildren.push(balanceRange(balanceType, children2, positions2, groupFrom, i, groupStart, length2, null, mkTree));
      }
      localPositions.push(groupStart + offset - start);
    }
  }
  divide(children, positions, from, to, 0);
  return (mkTop || mkTree)(localChildren, localPositions, length);
}
var Parser = class {
  /**
  Start a parse, returning a [partial parse](#common.PartialParse)
  object. [`fragments`](#common.TreeFragment) can be passed in to
  make the parse incremental.
  
  By default, the entire input is parsed. You can pass `ranges`,
  which should be a sorted array of non-empty, non-overlapping
  ranges, to parse only those ranges. The tree returned in that
  case will start at `ranges[0].from`.
  */
  startParse(input, fragments, ranges) {
    if (typeof input == "string")
      input = new StringInput(input);
    ranges = !ranges ? [new Range(0, input.length)] : ranges.length ? ranges.map((r) => new Range(r.from, r.to)) : [new Range(0, 0)];
    return this.createParse(input, fragments || [], ranges);
  }
  /**
  Run a full parse, returning the resulting tree.
  */
  parse(input, fragments, ranges) {
    let parse = this.startParse(input, fragments, ranges);
    for (; ; ) {
      let done = parse.advance();
      if (done)
        return done;
    }
  }
};
var StringInput = class {
  constructor(string2) {
    this.string = string2;
  }
  get length() {
    return this.string.length;
  }
  chunk(from) {
    return this.string.slice(from);
  }
  get lineChunks() {
    return false;
  }
  read(from, to) {
    return this.string.slice(from, to);
  }
};
var stoppedInner = new NodeProp({ perNode: true });

// node_modules/@lezer/lr/dist/index.js
var Stack = class _Stack {
  /**
  @internal
  */
  constructor(p, stack, state, reducePos, pos, score, buffer, bufferBase, curContext, lookAhead = 0, parent) {
    this.p = p;
    this.stack = stack;
    this.state = state;
    this.reducePos = reducePos;
    this.pos = pos;
    this.score = score;
    this.buffer = buffer;
    this.bufferBase = bufferBase;
    this.curContext = curContext;
    this.lookAhead = lookAhead;
    this.parent = parent;
  }
  /**
  @internal
  */
  toString() {
    return `[${this.stack.filter((_, i) => i % 3 == 0).concat(this.state)}]@${this.pos}${this.score ? "!" + this.score : ""}`;
  }
  // Start an empty stack
  /**
  @internal
  */
  static start(p, state, pos = 0) {
    let cx = p.parser.context;
    return new _Stack(p, [], state, pos, pos, 0, [], 0, cx ? new StackContext(cx, cx.start) : null, 0, null);
  }
  /**
  The stack's current [context](#lr.ContextTracker) value, if
  any. Its type will depend on the context tracker's type
  parameter, or it will be `null` if there is no context
  tracker.
  */
  get context() {
    return this.curContext ? this.curContext.context : null;
  }
  // Push a state onto the stack, tracking its start position as well
  // as the buffer base at that point.
  /**
  @internal
  */
  pushState(state, start) {
    this.stack.push(this.state, start, this.bufferBase + this.buffer.length);
    this.state = state;
  }
  // Apply a reduce action
  /**
  @internal
  */
  reduce(action) {
    var _a;
    let depth = action >> 19, type = action & 65535;
    let { parser: parser2 } = this.p;
    let lookaheadRecord = this.reducePos < this.pos - 25 && this.setLookAhead(this.pos);
    let dPrec = parser2.dynamicPrecedence(type);
    if (dPrec)
      this.score += dPrec;
    if (depth == 0) {
      if (type < parser2.minRepeatTerm && this.reducePos < this.pos)
        this.reducePos = this.pos;
      this.pushState(parser2.getGoto(this.state, type, true), this.reducePos);
      if (type < parser2.minRepeatTerm)
        this.storeNode(type, this.reducePos, this.reducePos, lookaheadRecord ? 8 : 4, true);
      this.reduceContext(type, this.reducePos);
      return;
    }
    let base = this.stack.length - (depth - 1) * 3 - (action & 262144 ? 6 : 0);
    let start = base ? this.stack[base - 2] : this.p.ranges[0].from;
    if (type < parser2.minRepeatTerm && start == this.reducePos && this.reducePos < this.pos)
      this.reducePos = this.pos;
    let size = this.reducePos - start;
    if (size >= 2e3 && !((_a = this.p.parser.nodeSet.types[type]) === null || _a === void 0 ? void 0 : _a.isAnonymous)) {
      if (start == this.p.lastBigReductionStart) {
        this.p.bigReductionCount++;
        this.p.lastBigReductionSize = size;
      } else if (this.p.lastBigReductionSize < size) {
        this.p.bigReductionCount = 1;
        this.p.lastBigReductionStart = start;
        this.p.lastBigReductionSize = size;
      }
    }
    let bufferBase = base ? this.stack[base - 1] : 0, count = this.bufferBase + this.buffer.length - bufferBase;
    if (type < parser2.minRepeatTerm || action & 131072) {
      let pos = parser2.stateFlag(
        this.state,
        1
        /* StateFlag.Skipped */
      ) ? this.pos : this.reducePos;
      this.storeNode(type, start, pos, count + 4, true);
    }
    if (action & 262144) {
      this.state = this.stack[base];
    } else {
      let baseStateID = this.stack[base - 3];
      this.state = parser2.getGoto(baseStateID, type, true);
    }
    while (this.stack.length > base)
      this.stack.pop();
    this.reduceContext(type, start);
  }
  // Shift a value into the buffer
  /**
  @internal
  */
  storeNode(term, start, end, size = 4, mustSink = false) {
    if (term == 0 && (!this.stack.length || this.stack[this.stack.length - 1] < this.buffer.length + this.bufferBase)) {
      let top = this.buffer.length;
      if (top > 0 && this.buffer[top - 4] == 0 && this.buffer[top - 1] > -1) {
        if (start == end)
          return;
        if (this.buffer[top - 2] >= start) {
          this.buffer[top - 2] = end;
          return;
        }
      }
    }
    if (!mustSink || this.pos == end) {
      this.buffer.push(term, start, end, size);
    } else {
      let index = this.buffer.length;
      if (index > 0 && (this.buffer[index - 4] != 0 || this.buffer[index - 1] < 0)) {
        let mustMove = false;
        for (let scan = index; scan > 0 && this.buffer[scan - 2] > end; scan -= 4) {
          if (this.buffer[scan - 1] >= 0) {
            mustMove = true;
            break;
          }
        }
        if (mustMove)
          while (index > 0 && this.buffer[index - 2] > end) {
            this.buffer[index] = this.buffer[index - 4];
            this.buffer[index + 1] = this.buffer[index - 3];
            this.buffer[index + 2] = this.buffer[index - 2];
            this.buffer[index + 3] = this.buffer[index - 1];
            index -= 4;
            if (size > 4)
              size -= 4;
          }
      }
      this.buffer[index] = term;
      this.buffer[index + 1] = start;
      this.buffer[index + 2] = end;
      this.buffer[index + 3] = size;
    }
  }
  // Apply a shift action
  /**
  @internal
  */
  shift(action, type, start, end) {
    if (action & 131072) {
      this.pushState(action & 65535, this.pos);
    } else if ((action & 262144) == 0) {
      let nextState = action, { parser: parser2 } = this.p;
      this.pos = end;
      let skipped = parser2.stateFlag(
        nextState,
        1
        /* StateFlag.Skipped */
      );
      if (!skipped && (end > start || type <= parser2.maxNode))
        this.reducePos = end;
      this.pushState(nextState, skipped ? start : Math.min(start, this.reducePos));
      this.shiftContext(type, start);
      if (type <= parser2.maxNode)
        this.buffer.push(type, start, end, 4);
    } else {
      this.pos = end;
      this.shiftContext(type, start);
      if (type <= this.p.parser.maxNode)
        this.buffer.push(type, start, end, 4);
    }
  }
  // Apply an action
  /**
  @internal
  */
  apply(action, next2, nextStart, nextEnd) {
    if (action & 65536)
      this.reduce(action);
    else
      this.shift(action, next2, nextStart, nextEnd);
  }
  // Add a prebuilt (reused) node into the buffer.
  /**
  @internal
  */
  useNode(value, next2, start) {
    let index = this.p.reused.length - 1;
    if (index < 0 || this.p.reused[index] != value) {
      this.p.reused.push(value);
      index++;
    }
    let end = this.reducePos = this.pos = start + value.length;
    this.pushState(next2, start);
    this.buffer.push(
      index,
      start,
      end,
      -1
      /* size == -1 means this is a reused value */
    );
    if (this.curContext)
      this.updateContext(this.curContext.tracker.reuse(this.curContext.context, value, this, this.p.stream.reset(this.pos - value.length)));
  }
  // Split the stack. Due to the buffer sharing and the fact
  // that `this.stack` tends to stay quite shallow, this isn't very
  // expensive.
  /**
  @internal
  */
  split() {
    let parent = this;
    let off = parent.buffer.length;
    if (off && parent.buffer[off - 4] == 0)
      off -= 4;
    while (off > 0 && parent.buffer[off - 2] > parent.reducePos)
      off -= 4;
    let buffer = parent.buffer.slice(off), base = parent.bufferBase + off;
    while (parent && base == parent.bufferBase)
      parent = parent.parent;
    return new _Stack(this.p, this.stack.slice(), this.state, this.reducePos, this.pos, this.score, buffer, base, this.curContext, this.lookAhead, parent);
  }
  // Try to recover from an error by 'deleting' (ignoring) one token.
  /**
  @internal
  */
  recoverByDelete(next2, nextEnd) {
    let isNode = next2 <= this.p.parser.maxNode;
    if (isNode)
      this.storeNode(next2, this.pos, nextEnd, 4);
    this.storeNode(0, this.pos, nextEnd, isNode ? 8 : 4);
    this.pos = this.reducePos = nextEnd;
    this.score -= 190;
  }
  /**
  Check if the given term would be able to be shifted (optionally
  after some reductions) on this stack. This can be useful for
  external tokenizers that want to make sure they only provide a
  given token when it applies.
  */
  canShift(term) {
    for (let sim = new SimulatedStack(this); ; ) {
      let action = this.p.parser.stateSlot(
        sim.state,
        4
        /* ParseState.DefaultReduce */
      ) || this.p.parser.hasAction(sim.state, term);
      if (action == 0)
        return false;
      if ((action & 65536) == 0)
        return true;
      sim.reduce(action);
    }
  }
  // Apply up to Recover.MaxNext recovery actions that conceptually
  // inserts some missing token or rule.
  /**
  @internal
  */
  recoverByInsert(next2) {
    if (this.stack.length >= 300)
      return [];
    let nextStates = this.p.parser.nextStates(this.state);
    if (nextStates.length > 4 << 1 || this.stack.length >= 120) {
      let best = [];
      for (let i = 0, s; i < nextStates.length; i += 2) {
        if ((s = nextStates[i + 1]) != this.state && this.p.parser.hasAction(s, next2))
          best.push(nextStates[i], s);
      }
      if (this.stack.length < 120)
        for (let i = 0; best.length < 4 << 1 && i < nextStates.length; i += 2) {
          let s = nextStates[i + 1];
          if (!best.some((v, i2) => i2 & 1 && v == s))
            best.push(nextStates[i], s);
        }
      nextStates = best;
    }
    let result = [];
    for (let i = 0; i < nextStates.length && result.length < 4; i += 2) {
      let s = nextStates[i + 1];
      if (s == this.state)
        continue;
      let stack = this.split();
      stack.pushState(s, this.pos);
      stack.storeNode(0, stack.pos, stack.pos, 4, true);
      stack.shiftContext(nextStates[i], this.pos);
      stack.reducePos = this.pos;
      stack.score -= 200;
      result.push(stack);
    }
    return result;
  }
  // Force a reduce, if possible. Return false if that can't
  // be done.
  /**
  @internal
  */
  forceReduce() {
    let { parser: parser2 } = this.p;
    let reduce = parser2.stateSlot(
      this.state,
      5
      /* ParseState.ForcedReduce */
    );
    if ((reduce & 65536) == 0)
      return false;
    if (!parser2.validAction(this.state, reduce)) {
      let depth = reduce >> 19, term = reduce & 65535;
      let target = this.stack.length - depth * 3;
      if (target < 0 || parser2.getGoto(this.stack[target], term, false) < 0) {
        let backup = this.findForcedReduction();
        if (backup == null)
          return false;
        reduce = backup;
      }
      this.storeNode(0, this.pos, this.pos, 4, true);
      this.score -= 100;
    }
    this.reducePos = this.pos;
    this.reduce(reduce);
    return true;
  }
  /**
  Try to scan through the automaton to find some kind of reduction
  that can be applied. Used when the regular ForcedReduce field
  isn't a valid action. @internal
  */
  findForcedReduction() {
    let { parser: parser2 } = this.p, seen = [];
    let explore = (state, depth) => {
      if (seen.includes(state))
        return;
      seen.push(state);
      return parser2.allActions(state, (action) => {
        if (action & (262144 | 131072)) ;
        else if (action & 65536) {
          let rDepth = (action >> 19) - depth;
          if (rDepth > 1) {
            let term = action & 65535, target = this.stack.length - rDepth * 3;
            if (target >= 0 && parser2.getGoto(this.stack[target], term, false) >= 0)
              return rDepth << 19 | 65536 | term;
          }
        } else {
          let found = explore(action, depth + 1);
          if (found != null)
            return found;
        }
      });
    };
    return explore(this.state, 0);
  }
  /**
  @internal
  */
  forceAll() {
    while (!this.p.parser.stateFlag(
      this.state,
      2
      /* StateFlag.Accepting */
    )) {
      if (!this.forceReduce()) {
        this.storeNode(0, this.pos, this.pos, 4, true);
        break;
      }
    }
    return this;
  }
  /**
  Check whether this state has no further actions (assumed to be a direct descendant of the
  top state, since any other states must be able to continue
  somehow). @internal
  */
  get deadEnd() {
    if (this.stack.length != 3)
      return false;
    let { parser: parser2 } = this.p;
    return parser2.data[parser2.stateSlot(
      this.state,
      1
      /* ParseState.Actions */
    )] == 65535 && !parser2.stateSlot(
      this.state,
      4
      /* ParseState.DefaultReduce */
    );
  }
  /**
  Restart the stack (put it back in its start state). Only safe
  when this.stack.length == 3 (state is directly below the top
  state). @internal
  */
  restart() {
    this.storeNode(0, this.pos, this.pos, 4, true);
    this.state = this.stack[0];
    this.stack.length = 0;
  }
  /**
  @internal
  */
  sameState(other) {
    if (this.state != other.state || this.stack.length != other.stack.length)
      return false;
    for (let i = 0; i < this.stack.length; i += 3)
      if (this.stack[i] != other.stack[i])
        return false;
    return true;
  }
  /**
  Get the parser used by this stack.
  */
  get parser() {
    return this.p.parser;
  }
  /**
  Test whether a given dialect (by numeric ID, as exported from
  the terms file) is enabled.
  */
  dialectEnabled(dialectID) {
    return this.p.parser.dialect.flags[dialectID];
  }
  shiftContext(term, start) {
    if (this.curContext)
      this.updateContext(this.curContext.tracker.shift(this.curContext.context, term, this, this.p.stream.reset(start)));
  }
  reduceContext(term, start) {
    if (this.curContext)
      this.updateContext(this.curContext.tracker.reduce(this.curContext.context, term, this, this.p.stream.reset(start)));
  }
  /**
  @internal
  */
  emitContext() {
    let last = this.buffer.length - 1;
    if (last < 0 || this.buffer[last] != -3)
      this.storeNode(this.curContext.hash, this.reducePos, this.reducePos, -3, true);
  }
  /**
  @internal
  */
  emitLookAhead() {
    let last = this.buffer.length - 1;
    if (last < 0 || this.buffer[last] != -4)
      this.buffer.push(this.lookAhead, this.pos, this.pos, -4);
  }
  updateContext(context) {
    if (context != this.curContext.context) {
      let newCx = new StackContext(this.curContext.tracker, context);
      if (newCx.hash != this.curContext.hash)
        this.emitContext();
      this.curContext = newCx;
    }
  }
  /**
  @internal
  */
  setLookAhead(lookAhead) {
    if (lookAhead <= this.lookAhead)
      return false;
    this.emitLookAhead();
    this.lookAhead = lookAhead;
    return true;
  }
  /**
  @internal
  */
  close() {
    if (this.curContext && this.curContext.tracker.strict)
      this.emitContext();
    if (this.lookAhead > 0)
      this.emitLookAhead();
  }
};
var StackContext = class {
  constructor(tracker, context) {
    this.tracker = tracker;
    this.context = context;
    this.hash = tracker.strict ? tracker.hash(context) : 0;
  }
};
var SimulatedStack = class {
  constructor(start) {
    this.start = start;
    this.state = start.state;
    this.stack = start.stack;
    this.base = this.stack.length;
  }
  reduce(action) {
    let term = action & 65535, depth = action >> 19;
    if (depth == 0) {
      if (this.stack == this.start.stack)
        this.stack = this.stack.slice();
      this.stack.push(this.state, 0, 0);
      this.base += 3;
    } else {
      this.base -= (depth - 1) * 3;
    }
    let goto = this.start.p.parser.getGoto(this.stack[this.base - 3], term, true);
    this.state = goto;
  }
};
var StackBufferCursor = class _StackBufferCursor {
  constructor(stack, pos, index) {
    this.stack = stack;
    this.pos = pos;
    this.index = index;
    this.buffer = stack.buffer;
    if (this.index == 0)
      this.maybeNext();
  }
  static create(stack, pos = stack.bufferBase + stack.buffer.length) {
    return new _StackBufferCursor(stack, pos, pos - stack.bufferBase);
  }
  maybeNext() {
    let next2 = this.stack.parent;
    if (next2 != null) {
      this.index = this.stack.bufferBase - next2.bufferBase;
      this.stack = next2;
      this.buffer = next2.buffer;
    }
  }
  get id() {
    return this.buffer[this.index - 4];
  }
  get start() {
    return this.buffer[this.index - 3];
  }
  get end() {
    return this.buffer[this.index - 2];
  }
  get size() {
    return this.buffer[this.index - 1];
  }
  next() {
    this.index -= 4;
    this.pos -= 4;
    if (this.index == 0)
      this.maybeNext();
  }
  fork() {
    return new _StackBufferCursor(this.stack, this.pos, this.index);
  }
};
function decodeArray(input, Type = Uint16Array) {
  if (typeof input != "string")
    return input;
  let array = null;
  for (let pos = 0, out = 0; pos < input.length; ) {
    let value = 0;
    for (; ; ) {
      let next2 = input.charCodeAt(pos++), stop = false;
      if (next2 == 126) {
        value = 65535;
        break;
      }
      if (next2 >= 92)
        next2--;
      if (next2 >= 34)
        next2--;
      let digit = next2 - 32;
      if (digit >= 46) {
        digit -= 46;
        stop = true;
      }
      value += digit;
      if (stop)
        break;
      value *= 46;
    }
    if (array)
      array[out++] = value;
    else
      array = new Type(value);
  }
  return array;
}
var CachedToken = class {
  constructor() {
    this.start = -1;
    this.value = -1;
    this.end = -1;
    this.extended = -1;
    this.lookAhead = 0;
    this.mask = 0;
    this.context = 0;
  }
};
var nullToken = new CachedToken();
var InputStream = class {
  /**
  @internal
  */
  constructor(input, ranges) {
    this.input = input;
    this.ranges = ranges;
    this.chunk = "";
    this.chunkOff = 0;
    this.chunk2 = "";
    this.chunk2Pos = 0;
    this.next = -1;
    this.token = nullToken;
    this.rangeIndex = 0;
    this.pos = this.chunkPos = ranges[0].from;
    this.range = ranges[0];
    this.end = ranges[ranges.length - 1].to;
    this.readNext();
  }
  /**
  @internal
  */
  resolveOffset(offset, assoc) {
    let range = this.range, index = this.rangeIndex;
    let pos = this.pos + offset;
    while (pos < range.from) {
      if (!index)
        return null;
      let next2 = this.ranges[--index];
      pos -= range.from - next2.to;
      range = next2;
    }
    while (assoc < 0 ? pos > range.to : pos >= range.to) {
      if (index == this.ranges.length - 1)
        return null;
      let next2 = this.ranges[++index];
      pos += next2.from - range.to;
      range = next2;
    }
    return pos;
  }
  /**
  @internal
  */
  clipPos(pos) {
    if (pos >= this.range.from && pos < this.range.to)
      return pos;
    for (let range of this.ranges)
      if (range.to > pos)
        return Math.max(pos, range.from);
    return this.end;
  }
  /**
  Look at a code unit near the stream position. `.peek(0)` equals
  `.next`, `.peek(-1)` gives you the previous character, and so
  on.
  
  Note that looking around during tokenizing creates dependencies
  on potentially far-away content, which may reduce the
  effectiveness incremental parsing—when looking forward—or even
  cause invalid reparses when looking backward more than 25 code
  units, since the library does not track lookbehind.
  */
  peek(offset) {
    let idx = this.chunkOff + offset, pos, result;
    if (idx >= 0 && idx < this.chunk.length) {
      pos = this.pos + offset;
      result = this.chunk.charCodeAt(idx);
    } else {
      let resolved = this.resolveOffset(offset, 1);
      if (resolved == null)
        return -1;
      pos = resolved;
      if (pos >= this.chunk2Pos && pos < this.chunk2Pos + this.chunk2.length) {
        result = this.chunk2.charCodeAt(pos - this.chunk2Pos);
      } else {
        let i = this.rangeIndex, range = this.range;
        while (range.to <= pos)
          range = this.ranges[++i];
        this.chunk2 = this.input.chunk(this.chunk2Pos = pos);
        if (pos + this.chunk2.length > range.to)
          this.chunk2 = this.chunk2.slice(0, range.to - pos);
        result = this.chunk2.charCodeAt(0);
      }
    }
    if (pos >= this.token.lookAhead)
      this.token.lookAhead = pos + 1;
    return result;
  }
  /**
  Accept a token. By default, the end of the token is set to the
  current stream position, but you can pass an offset (relative to
  the stream position) to change that.
  */
  acceptToken(token, endOffset = 0) {
    let end = endOffset ? this.resolveOffset(endOffset, -1) : this.pos;
    if (end == null || end < this.token.start)
      throw new RangeError("Token end out of bounds");
    this.token.value = token;
    this.token.end = end;
  }
  /**
  Accept a token ending at a specific given position.
  */
  acceptTokenTo(token, endPos) {
    this.token.value = token;
    this.token.end = endPos;
  }
  getChunk() {
    if (this.pos >= this.chunk2Pos && this.pos < this.chunk2Pos + this.chunk2.length) {
      let { chunk, chunkPos } = this;
      this.chunk = this.chunk2;
      this.chunkPos = this.chunk2Pos;
      this.chunk2 = chunk;
      this.chunk2Pos = chunkPos;
      this.chunkOff = this.pos - this.chunkPos;
    } else {
      this.chunk2 = this.chunk;
      this.chunk2Pos = this.chunkPos;
      let nextChunk = this.input.chunk(this.pos);
      let end = this.pos + nextChunk.length;
      this.chunk = end > this.range.to ? nextChunk.slice(0, this.range.to - this.pos) : nextChunk;
      this.chunkPos = this.pos;
      this.chunkOff = 0;
    }
  }
  readNext() {
    if (this.chunkOff >= this.chunk.length) {
      this.getChunk();
      if (this.chunkOff == this.chunk.length)
        return this.next = -1;
    }
    return this.next = this.chunk.charCodeAt(this.chunkOff);
  }
  /**
  Move the stream forward N (defaults to 1) code units. Returns
  the new value of [`next`](#lr.InputStream.next).
  */
  advance(n = 1) {
    this.chunkOff += n;
    while (this.pos + n >= this.range.to) {
      if (this.rangeIndex == this.ranges.length - 1)
        return this.setDone();
      n -= this.range.to - this.pos;
      this.range = this.ranges[++this.rangeIndex];
      this.pos = this.range.from;
    }
    this.pos += n;
    if (this.pos >= this.token.lookAhead)
      this.token.lookAhead = this.pos + 1;
    return this.readNext();
  }
  setDone() {
    this.pos = this.chunkPos = this.end;
    this.range = this.ranges[this.rangeIndex = this.ranges.length - 1];
    this.chunk = "";
    return this.next = -1;
  }
  /**
  @internal
  */
  reset(pos, token) {
    if (token) {
      this.token = token;
      token.start = pos;
      token.lookAhead = pos + 1;
      token.value = token.extended = -1;
    } else {
      this.token = nullToken;
    }
    if (this.pos != pos) {
      this.pos = pos;
      if (pos == this.end) {
        this.setDone();
        return this;
      }
      while (pos < this.range.from)
        this.range = this.ranges[--this.rangeIndex];
      while (pos >= this.range.to)
        this.range = this.ranges[++this.rangeIndex];
      if (pos >= this.chunkPos && pos < this.chunkPos + this.chunk.length) {
        this.chunkOff = pos - this.chunkPos;
      } else {
        this.chunk = "";
        this.chunkOff = 0;
      }
      this.readNext();
    }
    return this;
  }
  /**
  @internal
  */
  read(from, to) {
    if (from >= this.chunkPos && to <= this.chunkPos + this.chunk.length)
      return this.chunk.slice(from - this.chunkPos, to - this.chunkPos);
    if (from >= this.chunk2Pos && to <= this.chunk2Pos + this.chunk2.length)
      return this.chunk2.slice(from - this.chunk2Pos, to - this.chunk2Pos);
    if (from >= this.range.from && to <= this.range.to)
      return this.input.read(from, to);
    let result = "";
    for (let r of this.ranges) {
      if (r.from >= to)
        break;
      if (r.to > from)
        result += this.input.read(Math.max(r.from, from), Math.min(r.to, to));
    }
    return result;
  }
};
var TokenGroup = class {
  constructor(data, id) {
    this.data = data;
    this.id = id;
  }
  token(input, stack) {
    let { parser: parser2 } = stack.p;
    readToken(this.data, input, stack, this.id, parser2.data, parser2.tokenPrecTable);
  }
};
TokenGroup.prototype.contextual = TokenGroup.prototype.fallback = TokenGroup.prototype.extend = false;
var LocalTokenGroup = class {
  constructor(data, precTable, elseToken) {
    this.precTable = precTable;
    this.elseToken = elseToken;
    this.data = typeof data == "string" ? decodeArray(data) : data;
  }
  token(input, stack) {
    let start = input.pos, skipped = 0;
    for (; ; ) {
      let atEof = input.next < 0, nextPos = input.resolveOffset(1, 1);
      readToken(this.data, input, stack, 0, this.data, this.precTable);
      if (input.token.value > -1)
        break;
      if (this.elseToken == null)
        return;
      if (!atEof)
        skipped++;
      if (nextPos == null)
        break;
      input.reset(nextPos, input.token);
    }
    if (skipped) {
      input.reset(start, input.token);
      input.acceptToken(this.elseToken, skipped);
    }
  }
};
LocalTokenGroup.prototype.contextual = TokenGroup.prototype.fallback = TokenGroup.prototype.extend = false;
function readToken(data, input, stack, group, precTable, precOffset) {
  let state = 0, groupMask = 1 << group, { dialect } = stack.p.parser;
  scan: for (; ; ) {
    if ((groupMask & data[state]) == 0)
      break;
    let accEnd = data[state + 1];
    for (let i = state + 3; i < accEnd; i += 2)
      if ((data[i + 1] & groupMask) > 0) {
        let term = data[i];
        if (dialect.allows(term) && (input.token.value == -1 || input.token.value == term || overrides(term, input.token.value, precTable, precOffset))) {
          input.acceptToken(term);
          break;
        }
      }
    let next2 = input.next, low = 0, high = data[state + 2];
    if (input.next < 0 && high > low && data[accEnd + high * 3 - 3] == 65535) {
      state = data[accEnd + high * 3 - 1];
      continue scan;
    }
    for (; low < high; ) {
      let mid = low + high >> 1;
      let index = accEnd + mid + (mid << 1);
      let from = data[index], to = data[index + 1] || 65536;
      if (next2 < from)
        high = mid;
      else if (next2 >= to)
        low = mid + 1;
      else {
        state = data[index + 2];
        input.advance();
        continue scan;
      }
    }
    break;
  }
}
function findOffset(data, start, term) {
  for (let i = start, next2; (next2 = data[i]) != 65535; i++)
    if (next2 == term)
      return i - start;
  return -1;
}
function overrides(token, prev, tableData, tableOffset) {
  let iPrev = findOffset(tableData, tableOffset, prev);
  return iPrev < 0 || findOffset(tableData, tableOffset, token) < iPrev;
}
var verbose = typeof process != "undefined" && process.env && /\bparse\b/.test(process.env.LOG);
var stackIDs = null;
function cutAt(tree, pos, side) {
  let cursor = tree.cursor(IterMode.IncludeAnonymous);
  cursor.moveTo(pos);
  for (; ; ) {
    if (!(side < 0 ? cursor.childBefore(pos) : cursor.childAfter(pos)))
      for (; ; ) {
        if ((side < 0 ? cursor.to < pos : cursor.from > pos) && !cursor.type.isError)
          return side < 0 ? Math.max(0, Math.min(
            cursor.to - 1,
            pos - 25
            /* Lookahead.Margin */
          )) : Math.min(tree.length, Math.max(
            cursor.from + 1,
            pos + 25
            /* Lookahead.Margin */
          ));
        if (side < 0 ? cursor.prevSibling() : cursor.nextSibling())
          break;
        if (!cursor.parent())
          return side < 0 ? 0 : tree.length;
      }
  }
}
var FragmentCursor = class {
  constructor(fragments, minRepeat) {
    this.fragments = fragments;
    this.minRepeat = minRepeat;
    this.i = 0;
    this.fragment = null;
    this.safeFrom = -1;
    this.safeTo = -1;
    this.trees = [];
    this.start = [];
    this.index = [];
    this.lastRepeat = null;
    this.lastRepeatPos = -1;
    this.nextFragment();
  }
  nextFragment() {
    let fr = this.fragment = this.i == this.fragments.length ? null : this.fragments[this.i++];
    if (fr) {
      this.safeFrom = fr.openStart ? cutAt(fr.tree, fr.from + fr.offset, 1) - fr.offset : fr.from;
      this.safeTo = fr.openEnd ? cutAt(fr.tree, fr.to + fr.offset, -1) - fr.offset : fr.to;
      while (this.trees.length) {
        this.trees.pop();
        this.start.pop();
        this.index.pop();
      }
      this.trees.push(fr.tree);
      this.start.push(-fr.offset);
      this.index.push(0);
      this.nextStart = this.safeFrom;
    } else {
      this.nextStart = 1e9;
    }
  }
  // `pos` must be >= any previously given `pos` for this cursor
  nodeAt(pos) {
    if (pos < this.nextStart)
      return null;
    while (this.fragment && this.safeTo <= pos)
      this.nextFragment();
    if (!this.fragment)
      return null;
    for (; ; ) {
      let last = this.trees.length - 1;
      if (last < 0) {
        this.nextFragment();
        return null;
      }
      if (pos < this.safeFrom)
        return null;
      let top = this.trees[last], index = this.index[last];
      if (index == top.children.length) {
        this.trees.pop();
        this.start.pop();
        this.index.pop();
        continue;
      }
      let next2 = top.children[index];
      let start = this.start[last] + top.positions[index];
      if (start > pos) {
        this.nextStart = start;
        return null;
      }
      if (next2 instanceof Tree) {
        let storeRepeat = start > this.lastRepeatPos && next2.type.id >= this.minRepeat;
        if (start == pos || storeRepeat) {
          let end = start + next2.length, lookahead;
          if (start >= this.safeFrom && end <= this.safeTo && (!(lookahead = next2.prop(NodeProp.lookAhead)) || end + lookahead < this.fragment.to)) {
            if (storeRepeat) {
              this.lastRepeat = next2;
              this.lastRepeatPos = start;
            }
            if (start == pos)
              return next2;
          }
        }
        this.index[last]++;
        if (start + next2.length >= Math.max(this.safeFrom, pos)) {
          this.trees.push(next2);
          this.start.push(start);
          this.index.push(0);
        }
      } else {
        this.index[last]++;
        this.nextStart = start + next2.length;
      }
    }
  }
};
var TokenCache = class {
  constructor(parser2, stream) {
    this.stream = stream;
    this.tokens = [];
    this.mainToken = null;
    this.actions = [];
    this.tokens = parser2.tokenizers.map((_) => new CachedToken());
  }
  getActions(stack) {
    let actionIndex = 0;
    let main = null;
    let { parser: parser2 } = stack.p, { tokenizers } = parser2;
    let mask = parser2.stateSlot(
      stack.state,
      3
      /* ParseState.TokenizerMask */
    );
    let context = stack.curContext ? stack.curContext.hash : 0;
    let lookAhead = 0;
    for (let i = 0; i < tokenizers.length; i++) {
      if ((1 << i & mask) == 0)
        continue;
      let tokenizer = tokenizers[i], token = this.tokens[i];
      if (main && !tokenizer.fallback)
        continue;
      if (tokenizer.contextual || token.start != stack.pos || token.mask != mask || token.context != context) {
        this.updateCachedToken(token, tokenizer, stack);
        token.mask = mask;
        token.context = context;
      }
      if (token.lookAhead > token.end + 25)
        lookAhead = Math.max(token.lookAhead, lookAhead);
      if (token.value != 0) {
        let startIndex = actionIndex;
        if (token.extended > -1)
          actionIndex = this.addActions(stack, token.extended, token.end, actionIndex);
        actionIndex = this.addActions(stack, token.value, token.end, actionIndex);
        if (!tokenizer.extend) {
          main = token;
          if (actionIndex > startIndex)
            break;
        }
      }
    }
    while (this.actions.length > actionIndex)
      this.actions.pop();
    if (lookAhead)
      stack.setLookAhead(lookAhead);
    if (!main && stack.pos == this.stream.end) {
      main = new CachedToken();
      main.value = stack.p.parser.eofTerm;
      main.start = main.end = stack.pos;
      actionIndex = this.addActions(stack, main.value, main.end, actionIndex);
    }
    this.mainToken = main;
    return this.actions;
  }
  getMainToken(stack) {
    if (this.mainToken)
      return this.mainToken;
    let main = new CachedToken(), { pos, p } = stack;
    main.start = pos;
    main.end = Math.min(pos + 1, p.stream.end);
    main.value = pos == p.stream.end ? p.parser.eofTerm : 0;
    return main;
  }
  updateCachedToken(token, tokenizer, stack) {
    let start = this.stream.clipPos(stack.pos);
    tokenizer.token(this.stream.reset(start, token), stack);
    if (token.value > -1) {
      let { parser: parser2 } = stack.p;
      for (let i = 0; i < parser2.specialized.length; i++)
        if (parser2.specialized[i] == token.value) {
          let result = parser2.specializers[i](this.stream.read(token.start, token.end), stack);
          if (result >= 0 && stack.p.parser.dialect.allows(result >> 1)) {
            if ((result & 1) == 0)
              token.value = result >> 1;
            else
              token.extended = result >> 1;
            break;
          }
        }
    } else {
      token.value = 0;
      token.end = this.stream.clipPos(start + 1);
    }
  }
  putAction(action, token, end, index) {
    for (let i = 0; i < index; i += 3)
      if (this.actions[i] == action)
        return index;
    this.actions[index++] = action;
    this.actions[index++] = token;
    this.actions[index++] = end;
    return index;
  }
  addActions(stack, token, end, index) {
    let { state } = stack, { parser: parser2 } = stack.p, { data } = parser2;
    for (let set = 0; set < 2; set++) {
      for (let i = parser2.stateSlot(
        state,
        set ? 2 : 1
        /* ParseState.Actions */
      ); ; i += 3) {
        if (data[i] == 65535) {
          if (data[i + 1] == 1) {
            i = pair(data, i + 2);
          } else {
            if (index == 0 && data[i + 1] == 2)
              index = this.putAction(pair(data, i + 2), token, end, index);
            break;
          }
        }
        if (data[i] == token)
          index = this.putAction(pair(data, i + 1), token, end, index);
      }
    }
    return index;
  }
};
var Parse = class {
  constructor(parser2, input, fragments, ranges) {
    this.parser = parser2;
    this.input = input;
    this.ranges = ranges;
    this.recovering = 0;
    this.nextStackID = 9812;
    this.minStackPos = 0;
    this.reused = [];
    this.stoppedAt = null;
    this.lastBigReductionStart = -1;
    this.lastBigReductionSize = 0;
    this.bigReductionCount = 0;
    this.stream = new InputStream(input, ranges);
    this.tokens = new TokenCache(parser2, this.stream);
    this.topTerm = parser2.top[1];
    let { from } = ranges[0];
    this.stacks = [Stack.start(this, parser2.top[0], from)];
    this.fragments = fragments.length && this.stream.end - from > parser2.bufferLength * 4 ? new FragmentCursor(fragments, parser2.minRepeatTerm) : null;
  }
  get parsedPos() {
    return this.minStackPos;
  }
  // Move the parser forward. This will process all parse stacks at
  // `this.pos` and try to advance them to a further position. If no
  // stack for such a position is found, it'll start error-recovery.
  //
  // When the parse is finished, this will return a syntax tree. When
  // not, it returns `null`.
  advance() {
    let stacks = this.stacks, pos = this.minStackPos;
    let newStacks = this.stacks = [];
    let stopped, stoppedTokens;
    if (this.bigReductionCount > 300 && stacks.length == 1) {
      let [s] = stacks;
      while (s.forceReduce() && s.stack.length && s.stack[s.stack.length - 2] >= this.lastBigReductionStart) {
      }
      this.bigReductionCount = this.lastBigReductionSize = 0;
    }
    for (let i = 0; i < stacks.length; i++) {
      let stack = stacks[i];
      for (; ; ) {
        this.tokens.mainToken = null;
        if (stack.pos > pos) {
          newStacks.push(stack);
        } else if (this.advanceStack(stack, newStacks, stacks)) {
          continue;
        } else {
          if (!stopped) {
            stopped = [];
            stoppedTokens = [];
          }
          stopped.push(stack);
          let tok = this.tokens.getMainToken(stack);
          stoppedTokens.push(tok.value, tok.end);
        }
        break;
      }
    }
    if (!newStacks.length) {
      let finished = stopped && findFinished(stopped);
      if (finished) {
        if (verbose)
          console.log("Finish with " + this.stackID(finished));
        return this.stackToTree(finished);
      }
      if (this.parser.strict) {
        if (verbose && stopped)
          console.log("Stuck with token " + (this.tokens.mainToken ? this.parser.getName(this.tokens.mainToken.value) : "none"));
        throw new SyntaxError("No parse at " + pos);
      }
      if (!this.recovering)
        this.recovering = 5;
    }
    if (this.recovering && stopped) {
      let finished = this.stoppedAt != null && stopped[0].pos > this.stoppedAt ? stopped[0] : this.runRecovery(stopped, stoppedTokens, newStacks);
      if (finished) {
        if (verbose)
          console.log("Force-finish " + this.stackID(finished));
        return this.stackToTree(finished.forceAll());
      }
    }
    if (this.recovering) {
      let maxRemaining = this.recovering == 1 ? 1 : this.recovering * 3;
      if (newStacks.length > maxRemaining) {
        newStacks.sort((a, b) => b.score - a.score);
        while (newStacks.length > maxRemaining)
          newStacks.pop();
      }
      if (newStacks.some((s) => s.reducePos > pos))
        this.recovering--;
    } else if (newStacks.length > 1) {
      outer: for (let i = 0; i < newStacks.length - 1; i++) {
        let stack = newStacks[i];
        for (let j = i + 1; j < newStacks.length; j++) {
          let other = newStacks[j];
          if (stack.sameState(other) || stack.buffer.length > 500 && other.buffer.length > 500) {
            if ((stack.score - other.score || stack.buffer.length - other.buffer.length) > 0) {
              newStacks.splice(j--, 1);
            } else {
              newStacks.splice(i--, 1);
              continue outer;
            }
          }
        }
      }
      if (newStacks.length > 12) {
        newStacks.sort((a, b) => b.score - a.score);
        newStacks.splice(
          12,
          newStacks.length - 12
          /* Rec.MaxStackCount */
        );
      }
    }
    this.minStackPos = newStacks[0].pos;
    for (let i = 1; i < newStacks.length; i++)
      if (newStacks[i].pos < this.minStackPos)
        this.minStackPos = newStacks[i].pos;
    return null;
  }
  stopAt(pos) {
    if (this.stoppedAt != null && this.stoppedAt < pos)
      throw new RangeError("Can't move stoppedAt forward");
    this.stoppedAt = pos;
  }
  // See if a given tree, or a descendant right at its start, can be
  // reused in the given stack.
  tryReuse(stack, start, tree, repeatOnly) {
    if (!tree)
      return null;
    let strictCx = stack.curContext && stack.curContext.tracker.strict, cxHash = strictCx ? stack.curContext.hash : 0;
    for (; tree; ) {
      let match = this.parser.nodeSet.types[tree.type.id] != tree.type ? -1 : this.parser.getGoto(stack.state, tree.type.id);
      if (match > -1 && tree.length && (!strictCx || (tree.prop(NodeProp.contextHash) || 0) == cxHash)) {
        stack.useNode(tree, match, start);
        return tree;
      }
      if (tree.children.length == 0 || tree.positions[0] > 0)
        break;
      let inner = tree.children[0];
      if (inner instanceof Tree && (!repeatOnly || inner.type.id >= this.parser.minRepeatTerm))
        tree = inner;
      else
        break;
    }
    return null;
  }
  // Returns an updated version of the given stack, or null if the
  // stack can't advance normally. When `split` and `stacks` are
  // given, stacks split off by ambiguous operations will be pushed to
  // `split`, or added to `stacks` if they move `pos` forward.
  advanceStack(stack, stacks, split) {
    let start = stack.pos, { parser: parser2 } = this;
    let base = verbose ? this.stackID(stack) + " -> " : "";
    if (this.stoppedAt != null && start > this.stoppedAt)
      return stack.forceReduce() ? stack : null;
    if (this.fragments) {
      let reused = stack.reducePos < start && stack.buffer.length && stack.buffer[stack.buffer.length - 2] <= stack.reducePos && this.fragments.lastRepeatPos == stack.reducePos && this.tryReuse(stack, stack.reducePos, this.fragments.lastRepeat, true) || this.tryReuse(stack, start, this.fragments.nodeAt(start), false);
      if (reused) {
        if (verbose)
          console.log(base + this.stackID(stack) + ` (via reuse of ${parser2.getName(reused.type.id)})`);
        return true;
      }
    }
    let defaultReduce = parser2.stateSlot(
      stack.state,
      4
      /* ParseState.DefaultReduce */
    );
    if (defaultReduce > 0) {
      stack.reduce(defaultReduce);
      if (verbose)
        console.log(base + this.stackID(stack) + ` (via always-reduce ${parser2.getName(
          defaultReduce & 65535
          /* Action.ValueMask */
        )})`);
      return true;
    }
    if (stack.stack.length >= 8400) {
      while (stack.stack.length > 6e3 && stack.forceReduce()) {
      }
    }
    let actions = this.tokens.getActions(stack);
    for (let i = 0; i < actions.length; ) {
      let action = actions[i++], term = actions[i++], end = actions[i++];
      let last = i == actions.length || !split;
      let localStack = last ? stack : stack.split();
      let main = this.tokens.mainToken;
      localStack.apply(action, term, main ? main.start : localStack.pos, end);
      if (verbose)
        console.log(base + this.stackID(localStack) + ` (via ${(action & 65536) == 0 ? "shift" : `reduce of ${parser2.getName(
          action & 65535
          /* Action.ValueMask */
        )}`} for ${parser2.getName(term)} @ ${start}${localStack == stack ? "" : ", split"})`);
      if (last)
        return true;
      else if (localStack.pos > start)
        stacks.push(localStack);
      else
        split.push(localStack);
    }
    return false;
  }
  // Advance a given stack forward as far as it will go. Returns the
  // (possibly updated) stack if it got stuck, or null if it moved
  // forward and was given to `pushStackDedup`.
  advanceFully(stack, newStacks) {
    let pos = stack.pos;
    for (; ; ) {
      if (!this.advanceStack(stack, null, null))
        return false;
      if (stack.pos > pos) {
        pushStackDedup(stack, newStacks);
        return true;
      }
    }
  }
  runRecovery(stacks, tokens, newStacks) {
    let finished = null, restarted = false;
    for (let i = 0; i < stacks.length; i++) {
      let stack = stacks[i], token = tokens[i << 1], tokenEnd = tokens[(i << 1) + 1];
      let base = verbose ? this.stackID(stack) + " -> " : "";
      if (stack.deadEnd) {
        if (restarted)
          continue;
        restarted = true;
        stack.restart();
        if (verbose)
          console.log(base + this.stackID(stack) + " (restarted)");
        let done = this.advanceFully(stack, newStacks);
        if (done)
          continue;
      }
      let force = stack.split(), forceBase = base;
      for (let j = 0; j < 10 && force.forceReduce(); j++) {
        if (verbose)
          console.log(forceBase + this.stackID(force) + " (via force-reduce)");
        let done = this.advanceFully(force, newStacks);
        if (done)
          break;
        if (verbose)
          forceBase = this.stackID(force) + " -> ";
      }
      for (let insert of stack.recoverByInsert(token)) {
        if (verbose)
          console.log(base + this.stackID(insert) + " (via recover-insert)");
        this.advanceFully(insert, newStacks);
      }
      if (this.stream.end > stack.pos) {
        if (tokenEnd == stack.pos) {
          tokenEnd++;
          token = 0;
        }
        stack.recoverByDelete(token, tokenEnd);
        if (verbose)
          console.log(base + this.stackID(stack) + ` (via recover-delete ${this.parser.getName(token)})`);
        pushStackDedup(stack, newStacks);
      } else if (!finished || finished.score < force.score) {
        finished = force;
      }
    }
    return finished;
  }
  // Convert the stack's buffer to a syntax tree.
  stackToTree(stack) {
    stack.close();
    return Tree.build({
      buffer: StackBufferCursor.create(stack),
      nodeSet: this.parser.nodeSet,
      topID: this.topTerm,
      maxBufferLength: this.parser.bufferLength,
      reused: this.reused,
      start: this.ranges[0].from,
      length: stack.pos - this.ranges[0].from,
      minRepeatType: this.parser.minRepeatTerm
    });
  }
  stackID(stack) {
    let id = (stackIDs || (stackIDs = /* @__PURE__ */ new WeakMap())).get(stack);
    if (!id)
      stackIDs.set(stack, id = String.fromCodePoint(this.nextStackID++));
    return id + stack;
  }
};
function pushStackDedup(stack, newStacks) {
  for (let i = 0; i < newStacks.length; i++) {
    let other = newStacks[i];
    if (other.pos == stack.pos && other.sameState(stack)) {
      if (newStacks[i].score < stack.score)
        newStacks[i] = stack;
      return;
    }
  }
  newStacks.push(stack);
}
var Dialect = class {
  constructor(source, flags, disabled) {
    this.source = source;
    this.flags = flags;
    this.disabled = disabled;
  }
  allows(term) {
    return !this.disabled || this.disabled[term] == 0;
  }
};
var LRParser = class _LRParser extends Parser {
  /**
  @internal
  */
  constructor(spec) {
    super();
    this.wrappers = [];
    if (spec.version != 14)
      throw new RangeError(`Parser version (${spec.version}) doesn't match runtime version (${14})`);
    let nodeNames = spec.nodeNames.split(" ");
    this.minRepeatTerm = nodeNames.length;
    for (let i = 0; i < spec.repeatNodeCount; i++)
      nodeNames.push("");
    let topTerms = Object.keys(spec.topRules).map((r) => spec.topRules[r][1]);
    let nodeProps = [];
    for (let i = 0; i < nodeNames.length; i++)
      nodeProps.push([]);
    function setProp(nodeID, prop, value) {
      nodeProps[nodeID].push([prop, prop.deserialize(String(value))]);
    }
    if (spec.nodeProps)
      for (let propSpec of spec.nodeProps) {
        let prop = propSpec[0];
        if (typeof prop == "string")
          prop = NodeProp[prop];
        for (let i = 1; i < propSpec.length; ) {
          let next2 = propSpec[i++];
          if (next2 >= 0) {
            setProp(next2, prop, propSpec[i++]);
          } else {
            let value = propSpec[i + -next2];
            for (let j = -next2; j > 0; j--)
              setProp(propSpec[i++], prop, value);
            i++;
          }
        }
      }
    this.nodeSet = new NodeSet(nodeNames.map((name2, i) => NodeType.define({
      name: i >= this.minRepeatTerm ? void 0 : name2,
      id: i,
      props: nodeProps[i],
      top: topTerms.indexOf(i) > -1,
      error: i == 0,
      skipped: spec.skippedNodes && spec.skippedNodes.indexOf(i) > -1
    })));
    if (spec.propSources)
      this.nodeSet = this.nodeSet.extend(...spec.propSources);
    this.strict = false;
    this.bufferLength = DefaultBufferLength;
    let tokenArray = decodeArray(spec.tokenData);
    this.context = spec.context;
    this.specializerSpecs = spec.specialized || [];
    this.specialized = new Uint16Array(this.specializerSpecs.length);
    for (let i = 0; i < this.specializerSpecs.length; i++)
      this.specialized[i] = this.specializerSpecs[i].term;
    this.specializers = this.specializerSpecs.map(getSpecializer);
    this.states = decodeArray(spec.states, Uint32Array);
    this.data = decodeArray(spec.stateData);
    this.goto = decodeArray(spec.goto);
    this.maxTerm = spec.maxTerm;
    this.tokenizers = spec.tokenizers.map((value) => typeof value == "number" ? new TokenGroup(tokenArray, value) : value);
    this.topRules = spec.topRules;
    this.dialects = spec.dialects || {};
    this.dynamicPrecedences = spec.dynamicPrecedences || null;
    this.tokenPrecTable = spec.tokenPrec;
    this.termNames = spec.termNames || null;
    this.maxNode = this.nodeSet.types.length - 1;
    this.dialect = this.parseDialect();
    this.top = this.topRules[Object.keys(this.topRules)[0]];
  }
  createParse(input, fragments, ranges) {
    let parse = new Parse(this, input, fragments, ranges);
    for (let w of this.wrappers)
      parse = w(parse, input, fragments, ranges);
    return parse;
  }
  /**
  Get a goto table entry @internal
  */
  getGoto(state, term, loose = false) {
    let table = this.goto;
    if (term >= table[0])
      return -1;
    for (let pos = table[term + 1]; ; ) {
      let groupTag = table[pos++], last = groupTag & 1;
      let target = table[pos++];
      if (last && loose)
        return target;
      for (let end = pos + (groupTag >> 1); pos < end; pos++)
        if (table[pos] == state)
          return target;
      if (last)
        return -1;
    }
  }
  /**
  Check if this state has an action for a given terminal @internal
  */
  hasAction(state, terminal) {
    let data = this.data;
    for (let set = 0; set < 2; set++) {
      for (let i = this.stateSlot(
        state,
        set ? 2 : 1
        /* ParseState.Actions */
      ), next2; ; i += 3) {
        if ((next2 = data[i]) == 65535) {
          if (data[i + 1] == 1)
            next2 = data[i = pair(data, i + 2)];
          else if (data[i + 1] == 2)
            return pair(data, i + 2);
          else
            break;
        }
        if (next2 == terminal || next2 == 0)
          return pair(data, i + 1);
      }
    }
    return 0;
  }
  /**
  @internal
  */
  stateSlot(state, slot) {
    return this.states[state * 6 + slot];
  }
  /**
  @internal
  */
  stateFlag(state, flag) {
    return (this.stateSlot(
      state,
      0
      /* ParseState.Flags */
    ) & flag) > 0;
  }
  /**
  @internal
  */
  validAction(state, action) {
    return !!this.allActions(state, (a) => a == action ? true : null);
  }
  /**
  @internal
  */
  allActions(state, action) {
    let deflt = this.stateSlot(
      state,
      4
      /* ParseState.DefaultReduce */
    );
    let result = deflt ? action(deflt) : void 0;
    for (let i = this.stateSlot(
      state,
      1
      /* ParseState.Actions */
    ); result == null; i += 3) {
      if (this.data[i] == 65535) {
        if (this.data[i + 1] == 1)
          i = pair(this.data, i + 2);
        else
          break;
      }
      result = action(pair(this.data, i + 1));
    }
    return result;
  }
  /**
  Get the states that can follow this one through shift actions or
  goto jumps. @internal
  */
  nextStates(state) {
    let result = [];
    for (let i = this.stateSlot(
      state,
      1
      /* ParseState.Actions */
    ); ; i += 3) {
      if (this.data[i] == 65535) {
        if (this.data[i + 1] == 1)
          i = pair(this.data, i + 2);
        else
          break;
      }
      if ((this.data[i + 2] & 65536 >> 16) == 0) {
        let value = this.data[i + 1];
        if (!result.some((v, i2) => i2 & 1 && v == value))
          result.push(this.data[i], value);
      }
    }
    return result;
  }
  /**
  Configure the parser. Returns a new parser instance that has the
  given settings modified. Settings not provided in `config` are
  kept from the original parser.
  */
  configure(config) {
    let copy = Object.assign(Object.create(_LRParser.prototype), this);
    if (config.props)
      copy.nodeSet = this.nodeSet.extend(...config.props);
    if (config.top) {
      let info = this.topRules[config.top];
      if (!info)
        throw new RangeError(`Invalid top rule name ${config.top}`);
      copy.top = info;
    }
    if (config.tokenizers)
      copy.tokenizers = this.tokenizers.map((t2) => {
        let found = config.tokenizers.find((r) => r.from == t2);
        return found ? found.to : t2;
      });
    if (config.specializers) {
      copy.specializers = this.specializers.slice();
      copy.specializerSpecs = this.specializerSpecs.map((s, i) => {
        let found = config.specializers.find((r) => r.from == s.external);
        if (!found)
          return s;
        let spec = Object.assign(Object.assign({}, s), { external: found.to });
        copy.specializers[i] = getSpecializer(spec);
        return spec;
      });
    }
    if (config.contextTracker)
      copy.context = config.contextTracker;
    if (config.dialect)
      copy.dialect = this.parseDialect(config.dialect);
    if (config.strict != null)
      copy.strict = config.strict;
    if (config.wrap)
      copy.wrappers = copy.wrappers.concat(config.wrap);
    if (config.bufferLength != null)
      copy.bufferLength = config.bufferLength;
    return copy;
  }
  /**
  Tells you whether any [parse wrappers](#lr.ParserConfig.wrap)
  are registered for this parser.
  */
  hasWrappers() {
    return this.wrappers.length > 0;
  }
  /**
  Returns the name associated with a given term. This will only
  work for all terms when the parser was generated with the
  `--names` option. By default, only the names of tagged terms are
  stored.
  */
  getName(term) {
    return this.termNames ? this.termNames[term] : String(term <= this.maxNode && this.nodeSet.types[term].name || term);
  }
  /**
  The eof term id is always allocated directly after the node
  types. @internal
  */
  get eofTerm() {
    return this.maxNode + 1;
  }
  /**
  The type of top node produced by the parser.
  */
  get topNode() {
    return this.nodeSet.types[this.top[1]];
  }
  /**
  @internal
  */
  dynamicPrecedence(term) {
    let prec = this.dynamicPrecedences;
    return prec == null ? 0 : prec[term] || 0;
  }
  /**
  @internal
  */
  parseDialect(dialect) {
    let values = Object.keys(this.dialects), flags = values.map(() => false);
    if (dialect)
      for (let part of dialect.split(" ")) {
        let id = values.indexOf(part);
        if (id >= 0)
          flags[id] = true;
      }
    let disabled = null;
    for (let i = 0; i < values.length; i++)
      if (!flags[i]) {
        for (let j = this.dialects[values[i]], id; (id = this.data[j++]) != 65535; )
          (disabled || (disabled = new Uint8Array(this.maxTerm + 1)))[id] = 1;
      }
    return new Dialect(dialect, flags, disabled);
  }
  /**
  Used by the output of the parser generator. Not available to
  user code. @hide
  */
  static deserialize(spec) {
    return new _LRParser(spec);
  }
};
function pair(data, off) {
  return data[off] | data[off + 1] << 16;
}
function findFinished(stacks) {
  let best = null;
  for (let stack of stacks) {
    let stopped = stack.p.stoppedAt;
    if ((stack.pos == stack.p.stream.end || stopped != null && stack.pos > stopped) && stack.p.parser.stateFlag(
      stack.state,
      2
      /* StateFlag.Accepting */
    ) && (!best || best.score < stack.score))
      best = stack;
  }
  return best;
}
function getSpecializer(spec) {
  if (spec.external) {
    let mask = spec.extend ? 1 : 0;
    return (value, stack) => spec.external(value, stack) << 1 | mask;
  }
  return spec.get;
}

// node_modules/@lezer/highlight/dist/index.js
var nextTagID = 0;
var Tag = class _Tag {
  /**
  @internal
  */
  constructor(name2, set, base, modified) {
    this.name = name2;
    this.set = set;
    this.base = base;
    this.modified = modified;
    this.id = nextTagID++;
  }
  toString() {
    let { name: name2 } = this;
    for (let mod of this.modified)
      if (mod.name)
        name2 = `${mod.name}(${name2})`;
    return name2;
  }
  static define(nameOrParent, parent) {
    let name2 = typeof nameOrParent == "string" ? nameOrParent : "?";
    if (nameOrParent instanceof _Tag)
      parent = nameOrParent;
    if (parent === null || parent === void 0 ? void 0 : parent.base)
      throw new Error("Can not derive from a modified tag");
    let tag = new _Tag(name2, [], null, []);
    tag.set.push(tag);
    if (parent)
      for (let t2 of parent.set)
        tag.set.push(t2);
    return tag;
  }
  /**
  Define a tag _modifier_, which is a function that, given a tag,
  will return a tag that is a subtag of the original. Applying the
  same modifier to a twice tag will return the same value (`m1(t1)
  == m1(t1)`) and applying multiple modifiers will, regardless or
  order, produce the same tag (`m1(m2(t1)) == m2(m1(t1))`).
  
  When multiple modifiers are applied to a given base tag, each
  smaller set of modifiers is registered as a parent, so that for
  example `m1(m2(m3(t1)))` is a subtype of `m1(m2(t1))`,
  `m1(m3(t1)`, and so on.
  */
  static defineModifier(name2) {
    let mod = new Modifier(name2);
    return (tag) => {
      if (tag.modified.indexOf(mod) > -1)
        return tag;
      return Modifier.get(tag.base || tag, tag.modified.concat(mod).sort((a, b) => a.id - b.id));
    };
  }
};
var nextModifierID = 0;
var Modifier = class _Modifier {
  constructor(name2) {
    this.name = name2;
    this.instances = [];
    this.id = nextModifierID++;
  }
  static get(base, mods) {
    if (!mods.length)
      return base;
    let exists = mods[0].instances.find((t2) => t2.base == base && sameArray(mods, t2.modified));
    if (exists)
      return exists;
    let set = [], tag = new Tag(base.name, set, base, mods);
    for (let m of mods)
      m.instances.push(tag);
    let configs = powerSet(mods);
    for (let parent of base.set)
      if (!parent.modified.length)
        for (let config of configs)
          set.push(_Modifier.get(parent, config));
    return tag;
  }
};
function sameArray(a, b) {
  return a.length == b.length && a.every((x, i) => x == b[i]);
}
function powerSet(array) {
  let sets = [[]];
  for (let i = 0; i < array.length; i++) {
    for (let j = 0, e = sets.length; j < e; j++) {
      sets.push(sets[j].concat(array[i]));
    }
  }
  return sets.sort((a, b) => b.length - a.length);
}
function styleTags(spec) {
  let byName = /* @__PURE__ */ Object.create(null);
  for (let prop in spec) {
    let tags2 = spec[prop];
    if (!Array.isArray(tags2))
      tags2 = [tags2];
    for (let part of prop.split(" "))
      if (part) {
        let pieces = [], mode = 2, rest = part;
        for (let pos = 0; ; ) {
          if (rest == "..." && pos > 0 && pos + 3 == part.length) {
            mode = 1;
            break;
          }
          let m = /^"(?:[^"\\]|\\.)*?"|[^\/!]+/.exec(rest);
          if (!m)
            throw new RangeError("Invalid path: " + part);
          pieces.push(m[0] == "*" ? "" : m[0][0] == '"' ? JSON.parse(m[0]) : m[0]);
          pos += m[0].length;
          if (pos == part.length)
            break;
          let next2 = part[pos++];
          if (pos == part.length && next2 == "!") {
            mode = 0;
            break;
          }
          if (next2 != "/")
            throw new RangeError("Invalid path: " + part);
          rest = part.slice(pos);
        }
        let last = pieces.length - 1, inner = pieces[last];
        if (!inner)
          throw new RangeError("Invalid path: " + part);
        let rule = new Rule(tags2, mode, last > 0 ? pieces.slice(0, last) : null);
        byName[inner] = rule.sort(byName[inner]);
      }
  }
  return ruleNodeProp.add(byName);
}
var ruleNodeProp = new NodeProp({
  combine(a, b) {
    let cur, root, take;
    while (a || b) {
      if (!a || b && a.depth <= b.depth) {
        take = b;
        b = b.next;
      } else {
        take = a;
        a = a.next;
      }
      if (cur && cur.mode == take.mode && !take.context && !cur.context)
        continue;
      let copy = new Rule(take.tags, take.mode, take.context);
      if (cur)
        cur.next = copy;
      else
        root = copy;
      cur = copy;
    }
    return root;
  }
});
var Rule = class {
  constructor(tags2, mode, context, next2) {
    this.tags = tags2;
    this.mode = mode;
    this.context = context;
    this.next = next2;
  }
  get opaque() {
    return this.mode == 0;
  }
  get inherit() {
    return this.mode == 1;
  }
  sort(other) {
    if (!other || other.depth < this.depth) {
      this.next = other;
      return this;
    }
    other.next = this.sort(other.next);
    return other;
  }
  get depth() {
    return this.context ? this.context.length : 0;
  }
};
Rule.empty = new Rule([], 2, null);
function tagHighlighter(tags2, options) {
  let map = /* @__PURE__ */ Object.create(null);
  for (let style of tags2) {
    if (!Array.isArray(style.tag))
      map[style.tag.id] = style.class;
    else
      for (let tag of style.tag)
        map[tag.id] = style.class;
  }
  let { scope, all = null } = options || {};
  return {
    style: (tags3) => {
      let cls = all;
      for (let tag of tags3) {
        for (let sub of tag.set) {
          let tagClass = map[sub.id];
          if (tagClass) {
            cls = cls ? cls + " " + tagClass : tagClass;
            break;
          }
        }
      }
      return cls;
    },
    scope
  };
}
var t = Tag.define;
var comment = t();
var name = t();
var typeName = t(name);
var propertyName = t(name);
var literal = t();
var string = t(literal);
var number = t(literal);
var content = t();
var heading = t(content);
var keyword = t();
var operator = t();
var punctuation = t();
var bracket = t(punctuation);
var meta = t();
var tags = {
  /**
  A comment.
  */
  comment,
  /**
  A line [comment](#highlight.tags.comment).
  */
  lineComment: t(comment),
  /**
  A block [comment](#highlight.tags.comment).
  */
  blockComment: t(comment),
  /**
  A documentation [comment](#highlight.tags.comment).
  */
  docComment: t(comment),
  /**
  Any kind of identifier.
  */
  name,
  /**
  The [name](#highlight.tags.name) of a variable.
  */
  variableName: t(name),
  /**
  A type [name](#highlight.tags.name).
  */
  typeName,
  /**
  A tag name (subtag of [`typeName`](#highlight.tags.typeName)).
  */
  tagName: t(typeName),
  /**
  A property or field [name](#highlight.tags.name).
  */
  propertyName,
  /**
  An attribute name (subtag of [`propertyName`](#highlight.tags.propertyName)).
  */
  attributeName: t(propertyName),
  /**
  The [name](#highlight.tags.name) of a class.
  */
  className: t(name),
  /**
  A label [name](#highlight.tags.name).
  */
  labelName: t(name),
  /**
  A namespace [name](#highlight.tags.name).
  */
  namespace: t(name),
  /**
  The [name](#highlight.tags.name) of a macro.
  */
  macroName: t(name),
  /**
  A literal value.
  */
  literal,
  /**
  A string [literal](#highlight.tags.literal).
  */
  string,
  /**
  A documentation [string](#highlight.tags.string).
  */
  docString: t(string),
  /**
  A character literal (subtag of [string](#highlight.tags.string)).
  */
  character: t(string),
  /**
  An attribute value (subtag of [string](#highlight.tags.string)).
  */
  attributeValue: t(string),
  /**
  A number [literal](#highlight.tags.literal).
  */
  number,
  /**
  An integer [number](#highlight.tags.number) literal.
  */
  integer: t(number),
  /**
  A floating-point [number](#highlight.tags.number) literal.
  */
  float: t(number),
  /**
  A boolean [literal](#highlight.tags.literal).
  */
  bool: t(literal),
  /**
  Regular expression [literal](#highlight.tags.literal).
  */
  regexp: t(literal),
  /**
  An escape [literal](#highlight.tags.literal), for example a
  backslash escape in a string.
  */
  escape: t(literal),
  /**
  A color [literal](#highlight.tags.literal).
  */
  color: t(literal),
  /**
  A URL [literal](#highlight.tags.literal).
  */
  url: t(literal),
  /**
  A language keyword.
  */
  keyword,
  /**
  The [keyword](#highlight.tags.keyword) for the self or this
  object.
  */
  self: t(keyword),
  /**
  The [keyword](#highlight.tags.keyword) for null.
  */
  null: t(keyword),
  /**
  A [keyword](#highlight.tags.keyword) denoting some atomic value.
  */
  atom: t(keyword),
  /**
  A [keyword](#highlight.tags.keyword) that represents a unit.
  */
  unit: t(keyword),
  /**
  A modifier [keyword](#highlight.tags.keyword).
  */
  modifier: t(keyword),
  /**
  A [keyword](#highlight.tags.keyword) that acts as an operator.
  */
  operatorKeyword: t(keyword),
  /**
  A control-flow related [keyword](#highlight.tags.keyword).
  */
  controlKeyword: t(keyword),
  /**
  A [keyword](#highlight.tags.keyword) that defines something.
  */
  definitionKeyword: t(keyword),
  /**
  A [keyword](#highlight.tags.keyword) related to defining or
  interfacing with modules.
  */
  moduleKeyword: t(keyword),
  /**
  An operator.
  */
  operator,
  /**
  An [operator](#highlight.tags.operator) that dereferences something.
  */
  derefOperator: t(operator),
  /**
  Arithmetic-related [operator](#highlight.tags.operator).
  */
  arithmeticOperator: t(operator),
  /**
  Logical [operator](#highlight.tags.operator).
  */
  logicOperator: t(operator),
  /**
  Bit [operator](#highlight.tags.operator).
  */
  bitwiseOperator: t(operator),
  /**
  Comparison [operator](#highlight.tags.operator).
  */
  compareOperator: t(operator),
  /**
  [Operator](#highlight.tags.operator) that updates its operand.
  */
  updateOperator: t(operator),
  /**
  [Operator](#highlight.tags.operator) that defines something.
  */
  definitionOperator: t(operator),
  /**
  Type-related [operator](#highlight.tags.operator).
  */
  typeOperator: t(operator),
  /**
  Control-flow [operator](#highlight.tags.operator).
  */
  controlOperator: t(operator),
  /**
  Program or markup punctuation.
  */
  punctuation,
  /**
  [Punctuation](#highlight.tags.punctuation) that separates
  things.
  */
  separator: t(punctuation),
  /**
  Bracket-style [punctuation](#highlight.tags.punctuation).
  */
  bracket,
  /**
  Angle [brackets](#highlight.tags.bracket) (usually `<` and `>`
  tokens).
  */
  angleBracket: t(bracket),
  /**
  Square [brackets](#highlight.tags.bracket) (usually `[` and `]`
  tokens).
  */
  squareBracket: t(bracket),
  /**
  Parentheses (usually `(` and `)` tokens). Subtag of
  [bracket](#highlight.tags.bracket).
  */
  paren: t(bracket),
  /**
  Braces (usually `{` and `}` tokens). Subtag of
  [bracket](#highlight.tags.bracket).
  */
  brace: t(bracket),
  /**
  Content, for example plain text in XML or markup documents.
  */
  content,
  /**
  [Content](#highlight.tags.content) that represents a heading.
  */
  heading,
  /**
  A level 1 [heading](#highlight.tags.heading).
  */
  heading1: t(heading),
  /**
  A level 2 [heading](#highlight.tags.heading).
  */
  heading2: t(heading),
  /**
  A level 3 [heading](#highlight.tags.heading).
  */
  heading3: t(heading),
  /**
  A level 4 [heading](#highlight.tags.heading).
  */
  heading4: t(heading),
  /**
  A level 5 [heading](#highlight.tags.heading).
  */
  heading5: t(heading),
  /**
  A level 6 [heading](#highlight.tags.heading).
  */
  heading6: t(heading),
  /**
  A prose [content](#highlight.tags.content) separator (such as a horizontal rule).
  */
  contentSeparator: t(content),
  /**
  [Content](#highlight.tags.content) that represents a list.
  */
  list: t(content),
  /**
  [Content](#highlight.tags.content) that represents a quote.
  */
  quote: t(content),
  /**
  [Content](#highlight.tags.content) that is emphasized.
  */
  emphasis: t(content),
  /**
  [Content](#highlight.tags.content) that is styled strong.
  */
  strong: t(content),
  /**
  [Content](#highlight.tags.content) that is part of a link.
  */
  link: t(content),
  /**
  [Content](#highlight.tags.content) that is styled as code or
  monospace.
  */
  monospace: t(content),
  /**
  [Content](#highlight.tags.content) that has a strike-through
  style.
  */
  strikethrough: t(content),
  /**
  Inserted text in a change-tracking format.
  */
  inserted: t(),
  /**
  Deleted text.
  */
  deleted: t(),
  /**
  Changed text.
  */
  changed: t(),
  /**
  An invalid or unsyntactic element.
  */
  invalid: t(),
  /**
  Metadata or meta-instruction.
  */
  meta,
  /**
  [Metadata](#highlight.tags.meta) that applies to the entire
  document.
  */
  documentMeta: t(meta),
  /**
  [Metadata](#highlight.tags.meta) that annotates or adds
  attributes to a given syntactic element.
  */
  annotation: t(meta),
  /**
  Processing instruction or preprocessor directive. Subtag of
  [meta](#highlight.tags.meta).
  */
  processingInstruction: t(meta),
  /**
  [Modifier](#highlight.Tag^defineModifier) that indicates that a
  given element is being defined. Expected to be used with the
  various [name](#highlight.tags.name) tags.
  */
  definition: Tag.defineModifier("definition"),
  /**
  [Modifier](#highlight.Tag^defineModifier) that indicates that
  something is constant. Mostly expected to be used with
  [variable names](#highlight.tags.variableName).
  */
  constant: Tag.defineModifier("constant"),
  /**
  [Modifier](#highlight.Tag^defineModifier) used to indicate that
  a [variable](#highlight.tags.variableName) or [property
  name](#highlight.tags.propertyName) is being called or defined
  as a function.
  */
  function: Tag.defineModifier("function"),
  /**
  [Modifier](#highlight.Tag^defineModifier) that can be applied to
  [names](#highlight.tags.name) to indicate that they belong to
  the language's standard environment.
  */
  standard: Tag.defineModifier("standard"),
  /**
  [Modifier](#highlight.Tag^defineModifier) that indicates a given
  [names](#highlight.tags.name) is local to some scope.
  */
  local: Tag.defineModifier("local"),
  /**
  A generic variant [modifier](#highlight.Tag^defineModifier) that
  can be used to tag language-specific alternative variants of
  some common tag. It is recommended for themes to define special
  forms of at least the [string](#highlight.tags.string) and
  [variable name](#highlight.tags.variableName) tags, since those
  come up a lot.
  */
  special: Tag.defineModifier("special")
};
for (let name2 in tags) {
  let val = tags[name2];
  if (val instanceof Tag)
    val.name = name2;
}
var classHighlighter = tagHighlighter([
  { tag: tags.link, class: "tok-link" },
  { tag: tags.heading, class: "tok-heading" },
  { tag: tags.emphasis, class: "tok-emphasis" },
  { tag: tags.strong, class: "tok-strong" },
  { tag: tags.keyword, class: "tok-keyword" },
  { tag: tags.atom, class: "tok-atom" },
  { tag: tags.bool, class: "tok-bool" },
  { tag: tags.url, class: "tok-url" },
  { tag: tags.labelName, class: "tok-labelName" },
  { tag: tags.inserted, class: "tok-inserted" },
  { tag: tags.deleted, class: "tok-deleted" },
  { tag: tags.literal, class: "tok-literal" },
  { tag: tags.string, class: "tok-string" },
  { tag: tags.number, class: "tok-number" },
  { tag: [tags.regexp, tags.escape, tags.special(tags.string)], class: "tok-string2" },
  { tag: tags.variableName, class: "tok-variableName" },
  { tag: tags.local(tags.variableName), class: "tok-variableName tok-local" },
  { tag: tags.definition(tags.variableName), class: "tok-variableName tok-definition" },
  { tag: tags.special(tags.variableName), class: "tok-variableName2" },
  { tag: tags.definition(tags.propertyName), class: "tok-propertyName tok-definition" },
  { tag: tags.typeName, class: "tok-typeName" },
  { tag: tags.namespace, class: "tok-namespace" },
  { tag: tags.className, class: "tok-className" },
  { tag: tags.macroName, class: "tok-macroName" },
  { tag: tags.propertyName, class: "tok-propertyName" },
  { tag: tags.operator, class: "tok-operator" },
  { tag: tags.comment, class: "tok-comment" },
  { tag: tags.meta, class: "tok-meta" },
  { tag: tags.invalid, class: "tok-invalid" },
  { tag: tags.punctuation, class: "tok-punctuation" }
]);

// node_modules/@prometheus-io/lezer-promql/dist/index.es.js
var inf$1 = 188;
var nan$1 = 189;
var Bool$1 = 1;
var Ignoring$1 = 2;
var On$1 = 3;
var GroupLeft$1 = 4;
var GroupRight$1 = 5;
var Offset$1 = 6;
var Atan2$1 = 7;
var Avg$1 = 8;
var Bottomk$1 = 9;
var Count$1 = 10;
var CountValues$1 = 11;
var Group$1 = 12;
var Max$1 = 13;
var Min$1 = 14;
var Quantile$1 = 15;
var LimitK$1 = 16;
var LimitRatio$1 = 17;
var Stddev$1 = 18;
var Stdvar$1 = 19;
var Sum$1 = 20;
var Topk$1 = 21;
var By$1 = 22;
var Without$1 = 23;
var And$1 = 24;
var Or$1 = 25;
var Unless$1 = 26;
var StartFn$1 = 27;
var EndFn$1 = 28;
var AtStart$1 = 29;
var AtEnd$1 = 30;
var Smoothed$1 = 31;
var Anchored$1 = 32;
var Fill$1 = 33;
var FillLeft$1 = 34;
var FillRight$1 = 35;
var keywordTokens = {
  inf: inf$1,
  nan: nan$1,
  bool: Bool$1,
  ignoring: Ignoring$1,
  on: On$1,
  group_left: GroupLeft$1,
  group_right: GroupRight$1,
  offset: Offset$1
};
var specializeIdentifier = (value, stack) => {
  return keywordTokens[value.toLowerCase()] || -1;
};
var contextualKeywordTokens = {
  avg: Avg$1,
  atan2: Atan2$1,
  bottomk: Bottomk$1,
  count: Count$1,
  count_values: CountValues$1,
  group: Group$1,
  max: Max$1,
  min: Min$1,
  quantile: Quantile$1,
  limitk: LimitK$1,
  limit_ratio: LimitRatio$1,
  stddev: Stddev$1,
  stdvar: Stdvar$1,
  sum: Sum$1,
  topk: Topk$1,
  by: By$1,
  without: Without$1,
  and: And$1,
  or: Or$1,
  unless: Unless$1,
  smoothed: Smoothed$1,
  anchored: Anchored$1,
  fill: Fill$1,
  fill_left: FillLeft$1,
  fill_right: FillRight$1
};
var extendIdentifier = (value, stack) => {
  if (value === "start" && stack.canShift(StartFn$1)) {
    return StartFn$1;
  }
  if (value === "end" && stack.canShift(EndFn$1)) {
    return EndFn$1;
  }
  if (value.toLowerCase() === "start" && stack.canShift(AtStart$1)) {
    return AtStart$1;
  }
  if (value.toLowerCase() === "end" && stack.canShift(AtEnd$1)) {
    return AtEnd$1;
  }
  const token = contextualKeywordTokens[value.toLowerCase()];
  if (token !== void 0 && stack.canShift(token)) {
    return token;
  }
  return -1;
};
var promQLHighLight = styleTags({
  LineComment: tags.comment,
  LabelName: tags.labelName,
  StringLiteral: tags.string,
  NumberDurationLiteral: tags.number,
  NumberDurationLiteralInDurationContext: tags.number,
  Identifier: tags.variableName,
  "Abs Absent AbsentOverTime Acos Acosh Asin Asinh Atan Atanh AvgOverTime Ceil Changes Clamp ClampMax ClampMin Cos Cosh CountOverTime DaysInMonth DayOfMonth DayOfWeek DayOfYear Deg Delta Deriv EndFn Exp Floor HistogramAvg HistogramCount HistogramFraction HistogramQuantile HistogramSum DoubleExponentialSmoothing Hour Idelta Increase Irate LabelReplace LabelJoin LastOverTime Ln Log10 Log2 MaxOverTime MinOverTime Minute Month Pi PredictLinear PresentOverTime QuantileOverTime Rad Range Rate Resets Round Scalar Sgn Sin Sinh Sort SortDesc SortByLabel SortByLabelDesc Sqrt StartFn Step StddevOverTime StdvarOverTime SumOverTime Tan Tanh Time Timestamp Vector Year": tags.function(tags.variableName),
  "Avg Bottomk Count Count_values Group LimitK LimitRatio Max Min Quantile Stddev Stdvar Sum Topk": tags.operatorKeyword,
  "AtModifierPreprocessors By Without Bool On Ignoring GroupLeft GroupRight Offset Smoothed Anchored": tags.modifier,
  "DurationExpr/DurationStep DurationExpr/DurationRange DurationExpr/DurationMinOf DurationExpr/DurationMaxOf OffsetDurationExpr/DurationStep OffsetDurationExpr/DurationRange OffsetDurationExpr/DurationMinOf OffsetDurationExpr/DurationMaxOf": tags.function(tags.variableName),
  "And Unless Or": tags.logicOperator,
  "Sub Add Mul Mod Div Atan2 Eql Neq Lte Lss Gte Gtr EqlRegex EqlSingle NeqRegex Pow At": tags.operator,
  UnaryOp: tags.arithmeticOperator,
  "( )": tags.paren,
  "[ ]": tags.squareBracket,
  "{ }": tags.brace,
  "\u26A0": tags.invalid
});
var spec_Identifier = { __proto__: null, absent_over_time: 401, absent: 403, abs: 405, acos: 407, acosh: 409, asin: 411, asinh: 413, atan: 415, atanh: 417, avg_over_time: 419, ceil: 421, changes: 423, clamp: 425, clamp_max: 427, clamp_min: 429, cos: 431, cosh: 433, count_over_time: 435, days_in_month: 437, day_of_month: 439, day_of_week: 441, day_of_year: 443, deg: 445, delta: 447, deriv: 449, exp: 451, first_over_time: 453, floor: 455, histogram_count: 457, histogram_fraction: 459, histogram_quantile: 461, histogram_quantiles: 463, histogram_stddev: 465, histogram_stdvar: 467, histogram_sum: 469, histogram_avg: 471, double_exponential_smoothing: 473, hour: 475, idelta: 477, increase: 479, info: 481, irate: 483, label_replace: 485, label_join: 487, last_over_time: 489, ln: 491, log10: 493, log2: 495, mad_over_time: 497, max_over_time: 499, min_over_time: 501, ts_of_first_over_time: 503, ts_of_max_over_time: 505, ts_of_min_over_time: 507, ts_of_last_over_time: 509, minute: 511, month: 513, pi: 515, predict_linear: 517, present_over_time: 519, quantile_over_time: 521, rad: 523, rate: 525, resets: 527, round: 529, scalar: 531, sgn: 533, sin: 535, sinh: 537, sort: 539, sort_desc: 541, sort_by_label: 543, sort_by_label_desc: 545, start_timestamp: 547, range: 549, step: 551, sqrt: 553, stddev_over_time: 555, stdvar_over_time: 557, sum_over_time: 559, tan: 561, tanh: 563, timestamp: 565, time: 567, vector: 569, year: 571, min_of: 575, max_of: 577 };
var parser = LRParser.deserialize({
  version: 14,
  states: "BnOYQPOOO(gQPOOOOQO'#DT'#DTO(lQPO'#DSOOQO'#Db'#DbO(wQPO'#FqQ0_QQOOOOQO'#Ds'#DsO(rQPO'#DrOYQPO'#F{OYQPO'#F}O1xQSO'#GPO2TQQO'#GOOOQO'#GO'#GOOOQO'#Gd'#GdOOQO'#Dt'#DtOOQO'#Dv'#DvOOQO'#Dw'#DwOOQO'#Dx'#DxOOQO'#Dy'#DyOOQO'#Dz'#DzOOQO'#D{'#D{OOQO'#D|'#D|OOQO'#D}'#D}OOQO'#EO'#EOOOQO'#EP'#EPOOQO'#EQ'#EQOOQO'#ER'#EROOQO'#ES'#ESOOQO'#ET'#ETOOQO'#EU'#EUOOQO'#EV'#EVOOQO'#EW'#EWOOQO'#EX'#EXOOQO'#EY'#EYOOQO'#EZ'#EZOOQO'#E['#E[OOQO'#E]'#E]OOQO'#E^'#E^OOQO'#E_'#E_OOQO'#E`'#E`OOQO'#Ea'#EaOOQO'#Eb'#EbOOQO'#Ec'#EcOOQO'#Ed'#EdOOQO'#Ee'#EeOOQO'#Ef'#EfOOQO'#Eg'#EgOOQO'#Eh'#EhOOQO'#Ei'#EiOOQO'#Ej'#EjOOQO'#Ek'#EkOOQO'#El'#ElOOQO'#Em'#EmOOQO'#En'#EnOOQO'#Eo'#EoOOQO'#Ep'#EpOOQO'#Eq'#EqOOQO'#Er'#ErOOQO'#Es'#EsOOQO'#Et'#EtOOQO'#Eu'#EuOOQO'#Ev'#EvOOQO'#Ew'#EwOOQO'#Ex'#ExOOQO'#Ey'#EyOOQO'#Ez'#EzOOQO'#E{'#E{OOQO'#E|'#E|OOQO'#E}'#E}OOQO'#FO'#FOOOQO'#FP'#FPOOQO'#FQ'#FQOOQO'#FR'#FROOQO'#FS'#FSOOQO'#FT'#FTOOQO'#FU'#FUOOQO'#FV'#FVOOQO'#FW'#FWOOQO'#FX'#FXOOQO'#FY'#FYOOQO'#FZ'#FZOOQO'#F['#F[OOQO'#F]'#F]OOQO'#F^'#F^OOQO'#F_'#F_OOQO'#F`'#F`OOQO'#Fa'#FaOOQO'#Fb'#FbOOQO'#Fc'#FcOOQO'#Fd'#FdOOQO'#Fe'#FeOOQO'#Ff'#FfOOQO'#Fg'#FgOOQO'#Fh'#FhOOQO'#Fi'#FiOOQO'#Fj'#FjOOQO'#Fk'#FkOOQO'#Fl'#FlOOQO'#Fm'#FmOOQO'#Fn'#FnQOQPOOO3zQPO'#DUO4PQPO'#DZO(rQPO,59nO4WQQO,59nOOQO,59|,59|O6QQPO,59vO6QQPO,59vO6QQPO,59vO6QQPO,59vO6QQPO,59vO=qQPO,5<ZO>cQPO,5<cOOQO,5<e,5<eOOQO,5<f,5<fO?fQPO,5<rOOQO,5:^,5:^O?pQQO,5<gO?wQQO,5<iOOQO'#DX'#DXOAkQPO'#GQOAyQPO,5<kOOQO,5<k,5<kOBVQPO,5<kOOQO,5<j,5<jOB_QSO'#DVOOQO,59p,59pOOQO,59u,59uOBjQQO,59uOOQO1G/Y1G/YOOQO'#D^'#D^O3zQPO'#D_OBtQPO'#DaOByQPO'#DcOCOQPO'#DdOOQO'#D`'#D`OJbQPO'#D`OJiQPO'#D`OOQO'#Gh'#GhOJpQPO'#GhO!$WQPO'#GhOYQPO1G/bOYQPO1G/bOYQPO1G/bOYQPO1G/bOYQPO1G/bOOQO'#Fq'#FqOOQO'#Fv'#FvO!$bQSO1G1uO=qQPO'#FpOOQO'#Fr'#FrOOQO'#Fs'#FsOOQO'#Ft'#FtOOQO'#Fu'#FuO!$|QPO'#FpO!%RQPO'#FpO=qQPO'#FpOOQO'#Fp'#FpO>cQPO'#FxOOQO1G1}1G1}O!%WQPO'#FxO!%]QPO'#FxO=qQPO'#FxOOQO'#Fx'#FxO!%bQPO'#DbOOQO'#GY'#GYOOQO1G2^1G2^O!%mQPO1G2^OOQO1G2R1G2ROOQO'#GR'#GRO!%rQPO,5<lO!%wQPO,5<qO!%|QSO1G2VO!&XQPO1G2VOOQO1G2V1G2VOOQO,59q,59qO!&aQPO,59qOYQPO'#G]O!&iQPO1G/aOOQO1G/a1G/aO!&qQPO,59yO?TQPO,59{O?TQPO,59}O?TQPO,5:OOOQO,59z,59zOOQO,5=S,5=SO!._QPO,5=SO!7]QQO7+$|O!7mQQO7+$|O!9XQQO7+$|O!9uQQO7+$|O!;jQQO7+$|O=qQPO,5<[O=qQPO,5<[OOQO7+'a7+'aO!<ZQPO7+'nO!<vQSO,5<[O!=QQPO,5<[O=qQPO,5<[O!=kQQO,5<[OOQO,5<d,5<dO!=rQPO,5<dO=qQPO,5<dO!=wQQO,5<dO!>OQPO7+'xOOQO1G2W1G2WOOQO1G2]1G2]O!>TQPO,5<xOOQO,5<x,5<xOOQO7+'q7+'qO!>iQSO7+'qOOQO-E:[-E:[O!>tQSO1G/]O!?PQPO1G/]OOQO1G/]1G/]O!?XQQO,5<wOOQO-E:Z-E:ZOOQO7+${7+${O!?cQPO1G/eO!FyQPO1G/gO!GOQPO1G/iO!GTQPO1G/jOOQO1G2n1G2nO!GnQSO1G1vO!GxQSO1G1vO!HdQQO<<KYOOQO<<KY<<KYOOQO1G1v1G1vO!HkQQO1G1vO!HrQQO,5<[OOQO1G2O1G2OO!IPQQO1G2OOOQO<<Kd<<KdOOQO<<K]<<K]P!IWQSO'#G^OOQO,5<v,5<vOOQO7+$w7+$wO!I`QSO7+$wOOQO-E:Y-E:YOOQO7+%P7+%POOQO7+%R7+%ROOQO7+%T7+%TOOQO7+%U7+%UOOQOAN@tAN@tO=qQPO7+'bO!IkQQO1G1vO!IxQQO1G1vO=qQPO7+'jOOQO<<Hc<<HcP!JgQSO'#G[O!JoQQO<<J|O!JvQQO<<KUOOQOAN@hAN@hOOQOAN@pAN@pO=qQPO'#FpO=qQPO,5<[O=qQPO,5<[",
  stateData: "!J}~O%VOStOS~OWQOXQOYQOZQO[QO]QO^QO_QO`QOaQObQOcQOdQOeQOkVOlVO|^O!i[O%SSO%TSO%XXO%]TO%^TO%_SO%`_O%a`O%baO%cbO%dcO%edO%feO%gfO%hgO%ihO%jiO%kjO%lkO%mlO%nmO%onO%poO%qpO%rqO%srO%tsO%utO%vuO%wvO%xwO%yxO%zyO%{zO%|{O%}|O&O}O&P!OO&Q!PO&R!QO&S!RO&T!SO&U!TO&V!UO&W!VO&X!WO&Y!XO&Z!YO&[!ZO&]![O&^!]O&_!^O&`!_O&a!`O&b!aO&c!bO&d!cO&e!dO&f!eO&g!fO&h!gO&i!hO&j!iO&k!jO&l!kO&m!lO&n!mO&o!nO&p!oO&q!pO&r!qO&s!rO&t!sO&u!tO&v!uO&w!vO&x!wO&y!xO&z!yO&{!zO&|!{O&}!|O'O!}O'P#OO'Q#PO'R#QO'S#RO'T#SO'U#TO'V#UO'W#VO'X#WO'_ZO~O!i#XO~Of#YOg#YO%X#ZO~O%S#^O%T#^O%_#^OW$eXX$eXY$eXZ$eX[$eX]$eX^$eX_$eX`$eXa$eXb$eXc$eXd$eXe$eXk$eXl$eX|$eX!i$eX%S$eX%T$eX%X$eX%]$eX%^$eX%_$eX%`$eX%a$eX%b$eX%c$eX%d$eX%e$eX%f$eX%g$eX%h$eX%i$eX%j$eX%k$eX%l$eX%m$eX%n$eX%o$eX%p$eX%q$eX%r$eX%s$eX%t$eX%u$eX%v$eX%w$eX%x$eX%y$eX%z$eX%{$eX%|$eX%}$eX&O$eX&P$eX&Q$eX&R$eX&S$eX&T$eX&U$eX&V$eX&W$eX&X$eX&Y$eX&Z$eX&[$eX&]$eX&^$eX&_$eX&`$eX&a$eX&b$eX&c$eX&d$eX&e$eX&f$eX&g$eX&h$eX&i$eX&j$eX&k$eX&l$eX&m$eX&n$eX&o$eX&p$eX&q$eX&r$eX&s$eX&t$eX&u$eX&v$eX&w$eX&x$eX&y$eX&z$eX&{$eX&|$eX&}$eX'O$eX'P$eX'Q$eX'R$eX'S$eX'T$eX'U$eX'V$eX'W$eX'X$eX'_$eX~OU#eOV#_Oh#bOi#cOj#bOo#gOp#fO!P#_O!X#_O!Y#_O!Z#_O![#`O!]#`O!^#aO!_#aO!`#aO!a#aO!b#aO!c#aO!d#aO!e#aO${#hO'Y#dO~Oz#mO|#lO'`#oO~O'_ZOU$rXV$rXh$rXi$rXj$rXo$rXp$rX!P$rX!X$rX!Y$rX!Z$rX![$rX!]$rX!^$rX!_$rX!`$rX!a$rX!b$rX!c$rX!d$rX!e$rX${$rX%R$rX'Y$rX%Z$rX%Y$rX~O%X#rO~O%Z#tO~PYOf#YOg#YOUvaVvahvaivajvaovapva!Pva!Xva!Yva!Zva![va!]va!^va!_va!`va!ava!bva!cva!dva!eva${va%Rva'Yva%Zva%Yva~OP#wOQ#xOR#xOq#yOr#zOs#{OW%[PX%[PY%[PZ%[P[%[P]%[P^%[P_%[P`%[Pa%[Pb%[Pc%[Pd%[Pe%[Pk%[Pl%[P|%[P!i%[P%S%[P%T%[P%X%[P%]%[P%^%[P%_%[P%`%[P%a%[P%b%[P%c%[P%d%[P%e%[P%f%[P%g%[P%h%[P%i%[P%j%[P%k%[P%l%[P%m%[P%n%[P%o%[P%p%[P%q%[P%r%[P%s%[P%t%[P%u%[P%v%[P%w%[P%x%[P%y%[P%z%[P%{%[P%|%[P%}%[P&O%[P&P%[P&Q%[P&R%[P&S%[P&T%[P&U%[P&V%[P&W%[P&X%[P&Y%[P&Z%[P&[%[P&]%[P&^%[P&_%[P&`%[P&a%[P&b%[P&c%[P&d%[P&e%[P&f%[P&g%[P&h%[P&i%[P&j%[P&k%[P&l%[P&m%[P&n%[P&o%[P&p%[P&q%[P&r%[P&s%[P&t%[P&u%[P&v%[P&w%[P&x%[P&y%[P&z%[P&{%[P&|%[P&}%[P'O%[P'P%[P'Q%[P'R%[P'S%[P'T%[P'U%[P'V%[P'W%[P'X%[P'_%[P~O%S$YO%T$YO%X$cO%]$XO%^$XO%_$YO&|$^O&}$]O'Z$_O'[$`O~O%S$YO%T$YO%X$iO%]$XO%^$XO%_$YO&|$^O&}$]O'Z$_O'[$`O~O%SSO%TSO%]$kO%^$kO%_SO~Om$lOn$lO~P?TO%Z$oO~P0_O!P#_OU$qaV$qah$qai$qaj$qao$qap$qa!X$qa!Y$qa!Z$qa![$qa!]$qa!^$qa!_$qa!`$qa!a$qa!b$qa!c$qa!d$qa!e$qa${$qa%R$qa'Y$qa%Z$qa%Y$qa~O!e$pO$v$pO$w$pO$x$pO~O!e$pO$v$pO$w$pO$x$pO%Y$sO'`$uO~Oz$wO|#lO%Z$vO~O%Y$xO%Z$zO~P0_O%X$|O~O%X$}O~O%X%OO~OW!SXX!SXY!SXZ!SX[!SX]!SX^!SX_!SX`!SXa!SXb!SXc!SXd!SXe!SXk!SXl!SX|!SX!i!SX%S!SX%T!SX%X!SX%]!SX%^!SX%_!SX%`!SX%a!SX%b!SX%c!SX%d!SX%e!SX%f!SX%g!SX%h!SX%i!SX%j!SX%k!SX%l!SX%m!SX%n!SX%o!SX%p!SX%q!SX%r!SX%s!SX%t!SX%u!SX%v!SX%w!SX%x!SX%y!SX%z!SX%{!SX%|!SX%}!SX&O!SX&P!SX&Q!SX&R!SX&S!SX&T!SX&U!SX&V!SX&W!SX&X!SX&Y!SX&Z!SX&[!SX&]!SX&^!SX&_!SX&`!SX&a!SX&b!SX&c!SX&d!SX&e!SX&f!SX&g!SX&h!SX&i!SX&j!SX&k!SX&l!SX&m!SX&n!SX&o!SX&p!SX&q!SX&r!SX&s!SX&t!SX&u!SX&v!SX&w!SX&x!SX&y!SX&z!SX&{!SX&|!SX&}!SX'O!SX'P!SX'Q!SX'R!SX'S!SX'T!SX'U!SX'V!SX'W!SX'X!SX'_!SX~Os#{O~PCTOr#zO~PCTOq#yOr#zOs#{OW%[XX%[XY%[XZ%[X[%[X]%[X^%[X_%[X`%[Xa%[Xb%[Xc%[Xd%[Xe%[Xk%[Xl%[X|%[X!i%[X%S%[X%T%[X%X%[X%]%[X%^%[X%_%[X%`%[X%a%[X%b%[X%c%[X%d%[X%e%[X%f%[X%g%[X%h%[X%i%[X%j%[X%k%[X%l%[X%m%[X%n%[X%o%[X%p%[X%q%[X%r%[X%s%[X%t%[X%u%[X%v%[X%w%[X%x%[X%y%[X%z%[X%{%[X%|%[X%}%[X&O%[X&P%[X&Q%[X&R%[X&S%[X&T%[X&U%[X&V%[X&W%[X&X%[X&Y%[X&Z%[X&[%[X&]%[X&^%[X&_%[X&`%[X&a%[X&b%[X&c%[X&d%[X&e%[X&f%[X&g%[X&h%[X&i%[X&j%[X&k%[X&l%[X&m%[X&n%[X&o%[X&p%[X&q%[X&r%[X&s%[X&t%[X&u%[X&v%[X&w%[X&x%[X&y%[X&z%[X&{%[X&|%[X&}%[X'O%[X'P%[X'Q%[X'R%[X'S%[X'T%[X'U%[X'V%[X'W%[X'X%[X'_%[X~OQ#xOR#xO~PJpO!P%XO!X%XO!Y%XO!Z%XO![%YO!]%YO']%ZO'^%[O~O%X%^O~O%X%_O~O%X%bO~O%X%cO~O%S#^O%T#^O%_#^O~O%X%eO~O|%fO~O|%gO~Oz#mO|#lO'`%jO~O%Y%kO'`%jO~O%Y%mO%Z%oO~O%Y$xO%Z%rO~OS%sOT%sOW!RaX!RaY!RaZ!Ra[!Ra]!Ra^!Ra_!Ra`!Raa!Rab!Rac!Rad!Rae!Rak!Ral!Raq!Rar!Ras!Ra|!Ra!i!Ra%S!Ra%T!Ra%X!Ra%]!Ra%^!Ra%_!Ra%`!Ra%a!Ra%b!Ra%c!Ra%d!Ra%e!Ra%f!Ra%g!Ra%h!Ra%i!Ra%j!Ra%k!Ra%l!Ra%m!Ra%n!Ra%o!Ra%p!Ra%q!Ra%r!Ra%s!Ra%t!Ra%u!Ra%v!Ra%w!Ra%x!Ra%y!Ra%z!Ra%{!Ra%|!Ra%}!Ra&O!Ra&P!Ra&Q!Ra&R!Ra&S!Ra&T!Ra&U!Ra&V!Ra&W!Ra&X!Ra&Y!Ra&Z!Ra&[!Ra&]!Ra&^!Ra&_!Ra&`!Ra&a!Ra&b!Ra&c!Ra&d!Ra&e!Ra&f!Ra&g!Ra&h!Ra&i!Ra&j!Ra&k!Ra&l!Ra&m!Ra&n!Ra&o!Ra&p!Ra&q!Ra&r!Ra&s!Ra&t!Ra&u!Ra&v!Ra&w!Ra&x!Ra&y!Ra&z!Ra&{!Ra&|!Ra&}!Ra'O!Ra'P!Ra'Q!Ra'R!Ra'S!Ra'T!Ra'U!Ra'V!Ra'W!Ra'X!Ra'_!Ra~Oq#yOr#zOs#{OW%[aX%[aY%[aZ%[a[%[a]%[a^%[a_%[a`%[aa%[ab%[ac%[ad%[ae%[ak%[al%[a|%[a!i%[a%S%[a%T%[a%X%[a%]%[a%^%[a%_%[a%`%[a%a%[a%b%[a%c%[a%d%[a%e%[a%f%[a%g%[a%h%[a%i%[a%j%[a%k%[a%l%[a%m%[a%n%[a%o%[a%p%[a%q%[a%r%[a%s%[a%t%[a%u%[a%v%[a%w%[a%x%[a%y%[a%z%[a%{%[a%|%[a%}%[a&O%[a&P%[a&Q%[a&R%[a&S%[a&T%[a&U%[a&V%[a&W%[a&X%[a&Y%[a&Z%[a&[%[a&]%[a&^%[a&_%[a&`%[a&a%[a&b%[a&c%[a&d%[a&e%[a&f%[a&g%[a&h%[a&i%[a&j%[a&k%[a&l%[a&m%[a&n%[a&o%[a&p%[a&q%[a&r%[a&s%[a&t%[a&u%[a&v%[a&w%[a&x%[a&y%[a&z%[a&{%[a&|%[a&}%[a'O%[a'P%[a'Q%[a'R%[a'S%[a'T%[a'U%[a'V%[a'W%[a'X%[a'_%[a~O!P#_OU!Oqh!Oqi!Oqj!Oqo!Oqp!Oq![!Oq!]!Oq!^!Oq!_!Oq!`!Oq!a!Oq!b!Oq!c!Oq!d!Oq!e!Oq${!Oq%R!Oq'Y!Oq%Z!Oq%Y!Oq~OV!Oq!X!Oq!Y!Oq!Z!Oq~P!5uOV#_O!X#_O!Y#_O!Z#_O~P!5uOV#_O!P#_O!X#_O!Y#_O!Z#_O![#`O!]#`OU!Oqh!Oqi!Oqj!Oqo!Oqp!Oq${!Oq%R!Oq'Y!Oq%Z!Oq%Y!Oq~O!^!Oq!_!Oq!`!Oq!a!Oq!b!Oq!c!Oq!d!Oq!e!Oq~P!7}O!^#aO!_#aO!`#aO!a#aO!b#aO!c#aO!d#aO!e#aO~P!7}OV#_Oh#bOj#bO!P#_O!X#_O!Y#_O!Z#_O![#`O!]#`O!^#aO!_#aO!`#aO!a#aO!b#aO!c#aO!d#aO!e#aO~OU!Oqi!Oqo!Oqp!Oq${!Oq%R!Oq'Y!Oq%Z!Oq%Y!Oq~P!:cO']%{O~P=qO!X$da!Y$da!Z$da![$da!]$da']$da~O!P%XO'^$da~P!<bO%Z%|O~O!P&jO!X&jO!Y&jO!Z&jO![&kO!]&kO~O%Z%|O~P!=VO%Z&PO~O%Z&PO~P!=VO%Z&RO~O!e$pO$v$pO$w$pO$x$pO%Y%Qa'`%Qa~Oz#mO|#lO'`&SO~Oz&UO|#lO%Z&VO~O%Y&WO%Z&VO~O%Y%Pa%Z%Pa~P0_O%X#rOW!RiX!RiY!RiZ!Ri[!Ri]!Ri^!Ri_!Ri`!Ria!Rib!Ric!Rid!Rie!Rik!Ril!Riq!Rir!Ris!Ri|!Ri!i!Ri%S!Ri%T!Ri%]!Ri%^!Ri%_!Ri%`!Ri%a!Ri%b!Ri%c!Ri%d!Ri%e!Ri%f!Ri%g!Ri%h!Ri%i!Ri%j!Ri%k!Ri%l!Ri%m!Ri%n!Ri%o!Ri%p!Ri%q!Ri%r!Ri%s!Ri%t!Ri%u!Ri%v!Ri%w!Ri%x!Ri%y!Ri%z!Ri%{!Ri%|!Ri%}!Ri&O!Ri&P!Ri&Q!Ri&R!Ri&S!Ri&T!Ri&U!Ri&V!Ri&W!Ri&X!Ri&Y!Ri&Z!Ri&[!Ri&]!Ri&^!Ri&_!Ri&`!Ri&a!Ri&b!Ri&c!Ri&d!Ri&e!Ri&f!Ri&g!Ri&h!Ri&i!Ri&j!Ri&k!Ri&l!Ri&m!Ri&n!Ri&o!Ri&p!Ri&q!Ri&r!Ri&s!Ri&t!Ri&u!Ri&v!Ri&w!Ri&x!Ri&y!Ri&z!Ri&{!Ri&|!Ri&}!Ri'O!Ri'P!Ri'Q!Ri'R!Ri'S!Ri'T!Ri'U!Ri'V!Ri'W!Ri'X!Ri'_!Ri~O%Z&ZO~O%Z&[O~O%Z&]O~O!X$di!Y$di!Z$di![$di!]$di']$di~O!P%XO'^$di~P!GYO!P%XO!X%XO!Y%XO!Z%XO![$di!]$di']$di'^$di~O']&^O~P!=VO%Y&_O~P!=VO!P&jO%Z$da%Y$da~P!<bO%Y&bO~P!=VOz#mO|#lO~Oz&UO|#lO%Z&cO~O!P&jO%Z$di%Y$di~P!GYO!P&jO!X&jO!Y&jO!Z&jO![$di!]$di%Z$di']$di%Y$di~Oz&UO|#lO~O%Z&gO~P!=VO%Z&hO~P!=VO",
  goto: ".b%]PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP%^%j%v%|P&VP&g%^P&p&w'R'a'k(T(bPPPPPPPPPPPPP%^(o({P({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({({%^)X*T*w*w+]+]+q%^,V%^%^%^%^%^%^,],l,tPPP,l%^P,{P-O-U-[PPPPP-cPPP.Re^OXY#Z$S$T$U$V$W$xeROXY#Z$S$T$U$V$W$xQ#[RR#v#]Q#s#YQ${#xR&Y%sQ#nZQ$w#rU%h$s%k&TV&U%m&W&dQ#]RQ#iWR#v#[Z$R#_#`#a#b#cY$Q#_#`#a#b#cR%R$RY$P#_#`#a#b#cS%Q$Q$RR%w%Ra#|#_#`#a#b#c$Q$R%Rd^OXY#Z$S$T$U$V$W$xQ$m#hQ%t$|Q%u$}R%v%O`#}#_#`#a#b#c$Q$R%RR%P$O`$O#_#`#a#b#c$Q$R%RR%P#}eWOXY#Z$S$T$U$V$W$xeVOXY#Z$S$T$U$V$W$xQ$Z#dQ%]$[Q%`$cQ%d$iQ%x%XQ%y%YQ%z%[Q%}%_Q&O&iQ&Q%cQ&`&jQ&a&kQ&e&_R&f&bdYOXY#Z$S$T$U$V$W$xW$[#d$[%X%YS$e#e$ee&i$c$i%[%_%c&_&b&i&j&kl$a#d$[$c$i%X%Y%[%_%c&_&b&i&j&kT$g#e$el$b#d$[$c$i%X%Y%[%_%c&_&b&i&j&kT$h#e$el$d#d$[$c$i%X%Y%[%_%c&_&b&i&j&kT$j#e$eQ$f#eR%a$ed]OXY#Z$S$T$U$V$W$xR#q[Q#pZV%i$s%k&TQ$q#mT$r#n%hR$n#hQ%n$wR&X%nQ$y#uR%q$yS$t#n#pR%l$tQUOQ#jXQ#kYQ#u#ZQ%S$SQ%T$TQ%U$UQ%V$VQ%W$WR%p$xQ$S#_Q$T#`Q$U#aQ$V#bR$W#c",
  nodeNames: "\u26A0 Bool Ignoring On GroupLeft GroupRight Offset Atan2 Avg Bottomk Count CountValues Group Max Min Quantile LimitK LimitRatio Stddev Stdvar Sum Topk By Without And Or Unless StartFn EndFn AtStart AtEnd Smoothed Anchored Fill FillLeft FillRight LineComment PromQL AggregateExpr AggregateOp AggregateModifier GroupingLabels LabelName QuotedLabelName StringLiteral FunctionCallBody BinaryExpr Pow BoolModifier MatchingModifierClause FillModifier FillClause NumberDurationLiteral FillLeftClause FillRightClause Mul Div Mod Add Sub Eql Gte Gtr TrimUpper TrimLower Lte Lss Neq FunctionCall FunctionIdentifier AbsentOverTime Identifier Absent Abs Acos Acosh Asin Asinh Atan Atanh AvgOverTime Ceil Changes Clamp ClampMax ClampMin Cos Cosh CountOverTime DaysInMonth DayOfMonth DayOfWeek DayOfYear Deg Delta Deriv Exp FirstOverTime Floor HistogramCount HistogramFraction HistogramQuantile HistogramQuantiles HistogramStdDev HistogramStdVar HistogramSum HistogramAvg DoubleExponentialSmoothing Hour Idelta Increase Info Irate LabelReplace LabelJoin LastOverTime Ln Log10 Log2 MadOverTime MaxOverTime MinOverTime TsOfFirstOverTime TsOfMaxOverTime TsOfMinOverTime TsOfLastOverTime Minute Month Pi PredictLinear PresentOverTime QuantileOverTime Rad Rate Resets Round Scalar Sgn Sin Sinh Sort SortDesc SortByLabel SortByLabelDesc StartTimestamp Range Step Sqrt StddevOverTime StdvarOverTime SumOverTime Tan Tanh Timestamp Time Vector Year MatrixSelector DurationExpr UnaryOp DurationStep DurationRange DurationMinOf DurationMaxOf NumberDurationLiteralInDurationContext OffsetExpr OffsetDurationExpr AnchoredExpr SmoothedExpr ParenExpr SubqueryExpr UnaryExpr VectorSelector LabelMatchers UnquotedLabelMatcher MatchOp EqlSingle EqlRegex NeqRegex QuotedLabelMatcher StepInvariantExpr At AtModifierPreprocessors MetricName",
  maxTerm: 292,
  nodeProps: [
    ["group", -14, 38, 44, 46, 52, 68, 157, 165, 167, 168, 169, 170, 171, 172, 180, "Expr"]
  ],
  propSources: [promQLHighLight],
  skippedNodes: [0, 36],
  repeatNodeCount: 3,
  tokenData: "4{~RwX^#lpq#lqr$ars$tst&luv'Twx'Yxy({yz)Qz{)V{|)[|})c}!O)h!O!P)o!P!Q*u!Q!R*z!R![+u![!]1O!^!_1z!_!`2a!`!a2v!b!c3]!c!}3b!}#O3x#P#Q3}#Q#R4S#R#S3b#S#T4X#T#o3b#o#p4q#q#r4v#y#z#l$f$g#l#BY#BZ#l$IS$I_#l$I|$JO#l$JT$JU#l$KV$KW#l&FU&FV#l~#qY%V~X^#lpq#l#y#z#l$f$g#l#BY#BZ#l$IS$I_#l$I|$JO#l$JT$JU#l$KV$KW#l&FU&FV#l~$dQ!_!`$j#r#s$o~$oO!e~~$tO$x~~$yW|~OY$tZr$trs%cs#O$t#O#P%h#P;'S$t;'S;=`&f<%lO$t~%hO|~~%kRO;'S$t;'S;=`%t;=`O$t~%yX|~OY$tZr$trs%cs#O$t#O#P%h#P;'S$t;'S;=`&f;=`<%l$t<%lO$t~&iP;=`<%l$t~&qSt~OY&lZ;'S&l;'S;=`&}<%lO&l~'QP;=`<%l&l~'YO!Z~~'_W|~OY'YZw'Ywx%cx#O'Y#O#P'w#P;'S'Y;'S;=`(u<%lO'Y~'zRO;'S'Y;'S;=`(T;=`O'Y~(YX|~OY'YZw'Ywx%cx#O'Y#O#P'w#P;'S'Y;'S;=`(u;=`<%l'Y<%lO'Y~(xP;=`<%l'Y~)QO%X~~)VO%Z~~)[O!X~V)cO%^P![U~)hO%Y~V)oO%]P!]U~)rP!Q![)u~)zS%_~!Q![)u!g!h*W#R#S)o#X#Y*W~*ZR{|*d}!O*d!Q![*j~*gP!Q![*j~*oQ%_~!Q![*j#R#S*d~*zO!Y~~+P[%_~!O!P)o!Q![+u!g!h*W#R#S,m#W#X-X#X#Y*W#[#]-p#a#b.U#g#h.x#k#l/Z#l#m0d#m#n/u~+zZ%_~!O!P)o!Q![+u!g!h*W#R#S,m#W#X-X#X#Y*W#[#]-p#a#b.U#g#h.x#k#l/Z#m#n/u~,pP!Q![,s~,xT%_~!O!P)o!Q![,s!g!h*W#R#S,m#X#Y*W~-^P%_~!Q![-a~-dS!Q![-a#[#]-p#a#b.U#g#h.x~-uP%_~!Q![-x~-{R!Q![-x#a#b.U#g#h.x~.ZQ%_~!Q![.a#g#h.s~.dR!Q![.a#a#b.m#g#h.x~.pP#g#h.s~.xO%_~~.}P%_~!Q![/Q~/TQ!Q![/Q#a#b.m~/`P%_~!Q![/c~/fT!Q![/c#W#X-X#[#]-p#a#b.U#g#h.x~/zP%_~!Q![/}~0QU!Q![/}#W#X-X#[#]-p#a#b.U#g#h.x#k#l/Z~0gR!Q![0p!c!i0p#T#Z0p~0uR%_~!Q![0p!c!i0p#T#Z0pV1VT'^S!iR!Q![1f![!]1f!c!}1f#R#S1f#T#o1fR1kT!iR!Q![1f![!]1f!c!}1f#R#S1f#T#o1f~2PQ!d~!P!Q2V!_!`2[~2[O!a~~2aO!c~~2fQ$vP!_!`2l#r#s2qQ2qO!^Q~2vO$w~~2{Q!`~!P!Q3R!_!`3W~3WO!b~~3]O!_~~3bO${~V3iT!iRzS!Q![3b![!]1f!c!}3b#R#S3b#T#o3b~3}O'Y~~4SO']~~4XO!P~~4[TO#S4X#S#T%c#T;'S4X;'S;=`4k<%lO4X~4nP;=`<%l4X~4vO'_~~4{O'`~",
  tokenizers: [0, 1, 2],
  topRules: { "PromQL": [0, 37], "MetricName": [1, 183] },
  specialized: [{ term: 71, get: (value, stack) => specializeIdentifier(value) << 1, external: specializeIdentifier }, { term: 71, get: (value, stack) => extendIdentifier(value, stack) << 1 | 1, external: extendIdentifier, extend: true }, { term: 71, get: (value) => spec_Identifier[value] || -1 }],
  tokenPrec: 0
});

// src/sandbox/promql/errors.ts
var PromqlError = class extends Error {
  errorType;
  constructor(errorType, message) {
    super(message);
    this.name = "PromqlError";
    this.errorType = errorType;
  }
};
function parseError(line, column, message) {
  return new PromqlError("bad_data", `${line}:${column}: parse error: ${message}`);
}
function unsupported(feature) {
  return new PromqlError("bad_data", `unsupported ${feature} in the opswarden sandbox`);
}
function timedOut() {
  return new PromqlError("timeout", "query timed out in expression evaluation");
}
function executionError(message) {
  return new PromqlError("execution", message);
}

// src/sandbox/promql/functions.ts
var V = "vector";
var M = "matrix";
var S = "scalar";
var STR = "string";
function fn(name2, args, returns = V, variadic = 0, supported = true) {
  return { name: name2, args, variadic, returns, supported };
}
var MATH = [
  "abs",
  "ceil",
  "floor",
  "exp",
  "sqrt",
  "ln",
  "log2",
  "log10",
  "sgn",
  "deg",
  "rad",
  "sin",
  "cos",
  "tan",
  "asin",
  "acos",
  "atan",
  "sinh",
  "cosh",
  "tanh",
  "asinh",
  "acosh",
  "atanh"
];
var DATE = [
  "day_of_month",
  "day_of_week",
  "day_of_year",
  "days_in_month",
  "hour",
  "minute",
  "month",
  "year"
];
var OVER_TIME = [
  "avg_over_time",
  "min_over_time",
  "max_over_time",
  "sum_over_time",
  "count_over_time",
  "last_over_time",
  "stddev_over_time",
  "stdvar_over_time",
  "present_over_time",
  "absent_over_time"
];
var RATES = ["rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets"];
var FUNCTIONS = new Map(
  [
    ...MATH.map((name2) => fn(name2, [V])),
    ...DATE.map((name2) => fn(name2, [V], V, 1)),
    ...OVER_TIME.map((name2) => fn(name2, [M])),
    ...RATES.map((name2) => fn(name2, [M])),
    fn("absent", [V]),
    fn("clamp", [V, S, S]),
    fn("clamp_max", [V, S]),
    fn("clamp_min", [V, S]),
    fn("round", [V, S], V, 1),
    fn("histogram_quantile", [S, V]),
    fn("label_replace", [V, STR, STR, STR, STR]),
    fn("label_join", [V, STR, STR, STR], V, -1),
    fn("predict_linear", [M, S]),
    fn("quantile_over_time", [S, M]),
    fn("scalar", [V], S),
    fn("vector", [S]),
    fn("time", [], S),
    fn("pi", [], S),
    fn("timestamp", [V]),
    fn("sort", [V]),
    fn("sort_desc", [V]),
    // Known to Prometheus 2.42, not evaluated by the sandbox.
    fn("holt_winters", [M, S, S], V, 0, false),
    fn("histogram_count", [V], V, 0, false),
    fn("histogram_sum", [V], V, 0, false),
    fn("histogram_fraction", [S, S, V], V, 0, false)
  ].map((def) => [def.name, def])
);
function lookupFunction(name2) {
  return FUNCTIONS.get(name2);
}

// src/sandbox/promql/literals.ts
var DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
var UNIT_MS = [365 * 864e5, 7 * 864e5, 864e5, 36e5, 6e4, 1e3, 1];
function isDurationText(text2) {
  return text2 !== "" && DURATION.test(text2) && /\D/.test(text2);
}
function parseDuration2(text2) {
  if (text2 === "0") return 0;
  const match = DURATION.exec(text2);
  if (!text2 || !match) throw new SyntaxError(`not a valid duration string: ${JSON.stringify(text2)}`);
  return UNIT_MS.reduce((total, unit, i) => total + Number(match[i + 1] ?? 0) * unit, 0);
}
function parseNumber(text2) {
  const signed = /^([+-])\s*(.*)$/s.exec(text2);
  if (signed) {
    const magnitude = parseNumber(signed[2]);
    return signed[1] === "-" ? -magnitude : magnitude;
  }
  if (/^inf$/i.test(text2)) return Number.POSITIVE_INFINITY;
  if (/^nan$/i.test(text2)) return Number.NaN;
  if (/^0[xX][0-9a-fA-F]+$/.test(text2)) return Number.parseInt(text2.slice(2), 16);
  if (/^0[0-7]+$/.test(text2)) return Number.parseInt(text2, 8);
  if (/^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text2)) return Number(text2);
  if (isDurationText(text2)) throw new SyntaxError(`unexpected duration ${JSON.stringify(text2)}`);
  throw new SyntaxError(`bad number or duration syntax: ${JSON.stringify(text2)}`);
}
var SIMPLE_ESCAPES = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "	",
  v: "\v",
  "\\": "\\",
  '"': '"',
  "'": "'"
};
function unquote(text2) {
  const quote = text2[0];
  if (text2.length < 2 || text2[text2.length - 1] !== quote || !`"'\``.includes(quote ?? "")) {
    throw new SyntaxError(`unterminated quoted string ${text2}`);
  }
  const body = text2.slice(1, -1);
  if (quote === "`") return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char !== "\\") {
      out += char;
      continue;
    }
    const escaped = body[++i] ?? "";
    const simple = SIMPLE_ESCAPES[escaped];
    if (simple !== void 0) {
      out += simple;
      continue;
    }
    const [digits, base] = escaped === "x" ? [2, 16] : escaped === "u" ? [4, 16] : escaped === "U" ? [8, 16] : /[0-7]/.test(escaped) ? [3, 8] : [0, 0];
    const code = base === 8 ? body.slice(i, i + 3) : body.slice(i + 1, i + 1 + digits);
    const valid = base === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
    if (!digits || code.length !== digits || !valid.test(code)) {
      throw new SyntaxError(`unknown escape sequence ${JSON.stringify(`\\${escaped}`)}`);
    }
    out += String.fromCodePoint(Number.parseInt(code, base));
    i += base === 8 ? 2 : digits;
  }
  return out;
}

// src/sandbox/promql/regex.ts
function promRegex(pattern) {
  try {
    return cachedPattern(pattern);
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    throw new PromqlError(
      "bad_data",
      `invalid regular expression ${JSON.stringify(pattern)}: ${error.detail}`
    );
  }
}

// src/sandbox/promql/matcher.ts
function matcherAccepts(matcher, value) {
  switch (matcher.type) {
    case "=":
      return value === matcher.value;
    case "!=":
      return value !== matcher.value;
    case "=~":
      return promRegex(matcher.value).testWhole(value);
    case "!~":
      return !promRegex(matcher.value).testWhole(value);
  }
}
function labelsMatch(matchers, labels) {
  return matchers.every((matcher) => matcherAccepts(matcher, labels[matcher.name] ?? ""));
}

// src/sandbox/promql/operators.ts
var BINARY_OPS = {
  Add: "+",
  Sub: "-",
  Mul: "*",
  Div: "/",
  Mod: "%",
  Pow: "^",
  Atan2: "atan2",
  Eql: "==",
  Neq: "!=",
  Gtr: ">",
  Lss: "<",
  Gte: ">=",
  Lte: "<=",
  And: "and",
  Or: "or",
  Unless: "unless"
};
var PRECEDENCE = {
  or: 1,
  and: 2,
  unless: 2,
  "==": 3,
  "!=": 3,
  ">": 3,
  "<": 3,
  ">=": 3,
  "<=": 3,
  "+": 4,
  "-": 4,
  "*": 5,
  "/": 5,
  "%": 5,
  atan2: 5,
  "^": 6
};

// src/sandbox/promql/syntax-reader.ts
var TYPE_NAMES = {
  scalar: "scalar",
  vector: "instant vector",
  matrix: "range vector",
  string: "string"
};
var SyntaxReader = class {
  text;
  constructor(text2) {
    this.text = text2;
  }
  error(pos, message) {
    const before = this.text.slice(0, pos).split("\n");
    return parseError(before.length, before[before.length - 1].length + 1, message);
  }
  children(node) {
    const out = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name !== "LineComment") out.push(child);
    }
    return out;
  }
  textOf(node) {
    return this.text.slice(node.from, node.to);
  }
  /** The token at `pos`, described as Prometheus's parser names what it did not expect. */
  describe(pos) {
    const rest = this.text.slice(pos).trimStart();
    if (!rest) return "end of input";
    const token = /^(?:[a-zA-Z_:][\w:]*|\d[\w.]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|[=!<>]=|=~|!~|.)/s.exec(
      rest
    )[0];
    if (/^["'`]/.test(token)) return `string ${token}`;
    if (isDurationText(token)) return `duration ${JSON.stringify(token)}`;
    if (/^[\d.]/.test(token)) return `number ${JSON.stringify(token)}`;
    if (/^[a-zA-Z_]/.test(token)) return `identifier ${JSON.stringify(token)}`;
    return JSON.stringify(token);
  }
  /** The first place lezer could not parse, reported as Prometheus would. */
  rejectErrorNodes(top) {
    const cursor = top.cursor();
    let errorAt;
    do {
      if (cursor.type.isError) {
        errorAt = cursor.from;
        break;
      }
    } while (cursor.next());
    if (errorAt === void 0) return;
    const before = this.text.slice(0, errorAt);
    const call = /([a-zA-Z_][\w]*)\s*$/.exec(before);
    if (call && this.text.slice(errorAt).trimStart().startsWith("(")) {
      if (lookupFunction(call[1])) throw unsupported(`function ${JSON.stringify(call[1])}`);
      throw this.error(call.index, `unknown function with name ${JSON.stringify(call[1])}`);
    }
    const unclosed = (before.match(/\(/g)?.length ?? 0) > (before.match(/\)/g)?.length ?? 0);
    if (errorAt >= this.text.trimEnd().length && unclosed) {
      throw this.error(this.text.length, "unclosed left parenthesis");
    }
    throw this.error(errorAt, `unexpected ${this.describe(errorAt)}`);
  }
  /** Runs `read`, turning a literal's SyntaxError into a parse error at `node`. */
  literal(node, read) {
    try {
      return read(this.textOf(node));
    } catch (error) {
      if (error instanceof SyntaxError) throw this.error(node.from, error.message);
      throw error;
    }
  }
  expectType(node, expr, want, context) {
    const got = typeOf(expr);
    if (got !== want) {
      throw this.error(node.from, `expected type ${TYPE_NAMES[want]} in ${context}, got ${TYPE_NAMES[got]}`);
    }
  }
};

// src/sandbox/promql/parse.ts
var AGGREGATE_OPS = /* @__PURE__ */ new Set([
  "sum",
  "avg",
  "min",
  "max",
  "count",
  "group",
  "stddev",
  "stdvar",
  "topk",
  "bottomk",
  "quantile",
  "count_values"
]);
var MATCH_TYPES = {
  EqlSingle: "=",
  Neq: "!=",
  EqlRegex: "=~",
  NeqRegex: "!~"
};
function parseExpr(text2) {
  const tree = parser.parse(text2);
  const syntax = new Syntax(text2);
  syntax.rejectErrorNodes(tree.topNode);
  const [first, ...rest] = syntax.children(tree.topNode);
  if (!first) throw parseError(1, 1, "no expression found in input");
  if (rest.length > 0) throw syntax.error(rest[0].from, `unexpected ${syntax.describe(rest[0].from)}`);
  return syntax.expr(first);
}
function parseSelectorMatchers(text2) {
  const expr = parseExpr(text2);
  if (expr.kind !== "vectorSelector" || expr.offsetMs !== 0 || expr.at) {
    throw parseError(1, 1, `expected a series selector such as up{job="api"}, got ${JSON.stringify(text2)}`);
  }
  return expr.matchers;
}
var Syntax = class extends SyntaxReader {
  expr(node) {
    switch (node.name) {
      case "NumberDurationLiteral":
        return { kind: "number", value: this.literal(node, parseNumber) };
      case "StringLiteral":
        return { kind: "string", value: this.literal(node, unquote) };
      case "ParenExpr":
        return { kind: "paren", expr: this.expr(this.only(node)) };
      case "VectorSelector":
        return this.vectorSelector(node);
      case "MatrixSelector":
        return this.matrixSelector(node);
      case "SubqueryExpr":
        return this.subquery(node);
      case "OffsetExpr":
      case "StepInvariantExpr":
      case "BinaryExpr":
        return this.chain(node);
      case "UnaryExpr":
        return this.unary(node);
      case "FunctionCall":
        return this.call(node);
      case "AggregateExpr":
        return this.aggregate(node);
      default:
        throw this.error(node.from, `unexpected ${this.describe(node.from)}`);
    }
  }
  only(node) {
    const [child] = this.children(node);
    if (!child) throw this.error(node.to, `unexpected ${this.describe(node.to)}`);
    return child;
  }
  vectorSelector(node) {
    const matchers = [];
    let metricName;
    for (const child of this.children(node)) {
      if (child.name === "Identifier") metricName = this.textOf(child);
      else if (child.name === "LabelMatchers") {
        for (const matcher of this.children(child)) matchers.push(this.labelMatcher(matcher));
      } else throw this.error(child.from, `unexpected ${this.describe(child.from)}`);
    }
    if (metricName !== void 0) {
      const named = matchers.find((m) => m.name === "__name__");
      if (named) {
        throw this.error(
          node.from,
          `metric name must not be set twice: ${JSON.stringify(metricName)} or ${JSON.stringify(named.value)}`
        );
      }
      matchers.unshift({ name: "__name__", type: "=", value: metricName });
    }
    if (!matchers.some((m) => !matcherAccepts(m, ""))) {
      throw this.error(node.from, "vector selector must contain at least one non-empty matcher");
    }
    return { kind: "vectorSelector", matchers, offsetMs: 0 };
  }
  labelMatcher(node) {
    if (node.name !== "UnquotedLabelMatcher") {
      throw this.error(
        node.from,
        `unexpected ${this.describe(node.from)} in label matching, expected identifier or "}"`
      );
    }
    const [name2, op, value] = this.children(node);
    const type = MATCH_TYPES[op?.firstChild?.name ?? ""];
    if (!name2 || !type || !value) throw this.error(node.from, "unexpected label matcher");
    const matcher = { name: this.textOf(name2), type, value: this.literal(value, unquote) };
    if (type === "=~" || type === "!~") {
      try {
        promRegex(matcher.value);
      } catch (error) {
        throw this.error(value.from, `error parsing regexp: ${error.message}`);
      }
    }
    return matcher;
  }
  duration(node, context, positive) {
    if (!node) throw this.error(this.text.length, `unexpected end of input in ${context}`);
    const literal2 = node.name === "DurationExpr" || node.name === "OffsetDurationExpr" ? node.firstChild : node;
    if (literal2?.name !== "NumberDurationLiteralInDurationContext" || literal2.nextSibling) {
      throw this.error(node.from, `unexpected ${this.describe(node.from)} in ${context}, expected duration`);
    }
    const text2 = this.textOf(literal2);
    if (/^[\d.]+(?:[eE][+-]?\d+)?$/.test(text2) && text2 !== "0") {
      throw this.error(
        node.from,
        `unexpected number ${JSON.stringify(text2)} in ${context}, expected duration`
      );
    }
    const ms = this.literal(literal2, parseDuration2);
    if (positive && ms <= 0) throw this.error(node.from, "duration must be greater than 0");
    return ms;
  }
  matrixSelector(node) {
    const [inner, range] = this.children(node);
    if (inner?.name === "OffsetExpr") throw this.error(node.from, "no offset modifiers allowed before range");
    if (inner?.name === "StepInvariantExpr")
      throw this.error(node.from, "no @ modifiers allowed before range");
    if (inner?.name !== "VectorSelector") {
      throw this.error(range?.from ?? node.from, "ranges only allowed for vector selectors");
    }
    const rangeMs = this.duration(range, "range", true);
    return { kind: "matrixSelector", selector: this.vectorSelector(inner), rangeMs };
  }
  subquery(node) {
    const [inner, range, step] = this.children(node);
    let top = inner;
    while (top?.name === "OffsetExpr" || top?.name === "StepInvariantExpr") top = top.firstChild ?? void 0;
    if (top?.name === "BinaryExpr") {
      throw this.error(node.from, "binary expression must contain only scalar and instant vector types");
    }
    if (top?.name === "UnaryExpr") {
      throw this.error(
        node.from,
        'unary expression only allowed on expressions of type scalar or instant vector, got "range vector"'
      );
    }
    const expr = this.expr(inner);
    if (typeOf(expr) !== "vector") {
      throw this.error(
        node.from,
        `subquery is only allowed on instant vector, got ${TYPE_NAMES[typeOf(expr)]} in ${JSON.stringify(this.textOf(node))} instead`
      );
    }
    const rangeMs = this.duration(range, "subquery range", true);
    const stepMs = step ? this.duration(step, "subquery step", true) : void 0;
    return { kind: "subquery", expr, rangeMs, ...stepMs === void 0 ? {} : { stepMs }, offsetMs: 0 };
  }
  /** The selector or subquery an `offset` or `@` modifies (of a range selector: its vector selector). */
  modifiable(from, expr, modifier) {
    if (expr.kind === "vectorSelector" || expr.kind === "subquery") return expr;
    if (expr.kind === "matrixSelector") return expr.selector;
    if (expr.kind === "unary") return this.modifiable(from, expr.expr, modifier);
    throw this.error(
      from,
      `${modifier} modifier must be preceded by an instant vector selector or range vector selector or a subquery`
    );
  }
  offsetDuration(node) {
    const [sign, rest] = node ? this.children(node) : [];
    if (sign?.name === "UnaryOp" && rest) {
      const magnitude = this.offsetDuration(rest);
      return this.textOf(sign) === "-" ? -magnitude : magnitude;
    }
    return this.duration(node, "offset", false);
  }
  atModifier(node) {
    if (node?.name === "AtModifierPreprocessors") {
      return { kind: node.firstChild?.name === "AtStart" ? "start" : "end" };
    }
    if (node?.name !== "NumberDurationLiteral") {
      throw this.error(
        node?.from ?? this.text.length,
        "unexpected token in @ modifier, expected number or start() or end()"
      );
    }
    const seconds3 = this.literal(node, parseNumber);
    const ms = Math.round(seconds3 * 1e3);
    if (!Number.isFinite(seconds3) || !Number.isSafeInteger(ms)) {
      throw this.error(
        node.from,
        `timestamp out of bounds for @ modifier: ${seconds3 > 0 ? "+Inf" : seconds3}`
      );
    }
    return { kind: "time", ms };
  }
  unary(node) {
    const [op, inner] = this.children(node);
    const sign = this.textOf(op) === "-" ? "-" : "+";
    const expr = this.expr(inner);
    if (expr.kind === "number") return { kind: "number", value: sign === "-" ? -expr.value : expr.value };
    const type = typeOf(expr);
    if (type !== "scalar" && type !== "vector") {
      throw this.error(
        node.from,
        `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(TYPE_NAMES[type])}`
      );
    }
    return { kind: "unary", op: sign, expr };
  }
  /**
   * A run of binary operators and `offset` / `@` modifiers. lezer nests these by its own
   * precedence (it applies `offset` to a whole `a - b`, and reads `-2 ^ 2` as (-2)^2), so
   * the run is read back in source order, each modifier applied to the operand before it,
   * and rebuilt with Prometheus's precedence: or < and unless < comparisons < + - <
   * * / % atan2 < unary minus < ^ (right-associative).
   */
  chain(node) {
    const items = [];
    this.collectChain(node, items);
    const operands = [];
    const ops = [];
    for (const item of items) {
      if (item.kind === "operand") operands.push(this.operand(item.node));
      else if (item.kind === "operator") ops.push(item);
      else this.applyModifier(item, operands[operands.length - 1]);
    }
    let cursor = 0;
    const pending = () => cursor > 0 ? ops[cursor - 1] : void 0;
    const level = (minPrecedence) => {
      let lhs = operands[cursor++];
      const { negate } = lhs;
      if (negate !== void 0) {
        lhs = { expr: lhs.expr, from: lhs.from };
        while (pending()?.op === "^") lhs = this.combine(lhs, pending(), level(PRECEDENCE["^"]));
        if (negate) {
          lhs = {
            expr: lhs.expr.kind === "number" ? { kind: "number", value: -lhs.expr.value } : { kind: "unary", op: "-", expr: lhs.expr },
            from: lhs.from
          };
        }
      }
      for (let op = pending(); op && PRECEDENCE[op.op] >= minPrecedence; op = pending()) {
        const rhs = level(op.op === "^" ? PRECEDENCE["^"] : PRECEDENCE[op.op] + 1);
        lhs = this.combine(lhs, op, rhs);
      }
      return lhs;
    };
    return level(0).expr;
  }
  collectChain(node, items) {
    const parts = this.children(node);
    if (node.name === "BinaryExpr") {
      const opNode = parts[1];
      const op = BINARY_OPS[opNode.name];
      if (!op) throw this.error(opNode.from, `unexpected ${this.describe(opNode.from)}`);
      const modifiers = parts.slice(2, -1);
      const other = modifiers.find((m) => m.name !== "BoolModifier" && m.name !== "MatchingModifierClause");
      if (other) throw this.error(other.from, `unexpected ${this.describe(other.from)}`);
      this.collectChain(parts[0], items);
      items.push({
        kind: "operator",
        node: opNode,
        op,
        returnBool: modifiers.some((m) => m.name === "BoolModifier"),
        clause: modifiers.find((m) => m.name === "MatchingModifierClause")
      });
      this.collectChain(parts[parts.length - 1], items);
    } else if (node.name === "OffsetExpr" || node.name === "StepInvariantExpr") {
      this.collectChain(parts[0], items);
      items.push({ kind: node.name === "OffsetExpr" ? "offset" : "at", node, value: parts[2] });
    } else items.push({ kind: "operand", node });
  }
  operand(node) {
    const text2 = this.textOf(node);
    if (node.name === "NumberDurationLiteral" && /^[+-]/.test(text2)) {
      const magnitude = this.literal(node, (t2) => Math.abs(parseNumber(t2)));
      return { expr: { kind: "number", value: magnitude }, from: node.from, negate: text2.startsWith("-") };
    }
    return { expr: this.expr(node), from: node.from };
  }
  applyModifier(item, operand) {
    const modifier = item.kind === "offset" ? "offset" : "@";
    const target = this.modifiable(operand.from, operand.expr, modifier);
    if (item.kind === "offset") {
      if (target.offsetMs !== 0) throw this.error(operand.from, "offset may not be set multiple times");
      target.offsetMs = this.offsetDuration(item.value);
    } else {
      if (target.at) throw this.error(operand.from, "@ <timestamp> may not be set multiple times");
      target.at = this.atModifier(item.value);
    }
  }
  combine(lhs, op, rhs) {
    const expr = { kind: "binary", op: op.op, lhs: lhs.expr, rhs: rhs.expr, returnBool: op.returnBool };
    this.checkBinary(lhs.from, op.node, expr, op.clause);
    return { expr, from: lhs.from };
  }
  /** Prometheus's checks of a binary expression; sets its vector matching when both sides are vectors. */
  checkBinary(from, opNode, expr, clause) {
    const { op, returnBool } = expr;
    const matching = this.matching(clause, op);
    if (returnBool && !COMPARISON_OPS.has(op)) {
      throw this.error(opNode.from, "bool modifier can only be used on comparison operators");
    }
    const lt = typeOf(expr.lhs);
    const rt = typeOf(expr.rhs);
    if (COMPARISON_OPS.has(op) && !returnBool && lt === "scalar" && rt === "scalar") {
      throw this.error(opNode.from, "comparisons between scalars must use BOOL modifier");
    }
    for (const label of matching.labels) {
      if (matching.on && matching.include.includes(label)) {
        throw this.error(
          opNode.from,
          `label ${JSON.stringify(label)} must not occur in ON and GROUP clause at once`
        );
      }
    }
    if (lt !== "scalar" && lt !== "vector" || rt !== "scalar" && rt !== "vector") {
      throw this.error(from, "binary expression must contain only scalar and instant vector types");
    }
    if (lt !== "vector" || rt !== "vector") {
      if (matching.labels.length > 0) {
        throw this.error(from, "vector matching only allowed between instant vectors");
      }
      if (SET_OPS.has(op)) {
        throw this.error(from, `set operator ${JSON.stringify(op)} not allowed in binary scalar expression`);
      }
      return;
    }
    if (SET_OPS.has(op) && (matching.card === "one-to-many" || matching.card === "many-to-one")) {
      throw this.error(from, `no grouping allowed for ${JSON.stringify(op)} operation`);
    }
    expr.matching = matching;
  }
  matching(clause, op) {
    let card = SET_OPS.has(op) ? "many-to-many" : "one-to-one";
    const matching = { card, on: false, labels: [], include: [] };
    if (!clause) return matching;
    const parts = this.children(clause);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const labels = parts[i + 1]?.name === "GroupingLabels" ? this.groupingLabels(parts[++i]) : [];
      if (part.name === "On" || part.name === "Ignoring") {
        matching.on = part.name === "On";
        matching.labels = labels;
      } else if (part.name === "GroupLeft" || part.name === "GroupRight") {
        card = part.name === "GroupLeft" ? "many-to-one" : "one-to-many";
        matching.card = card;
        matching.include = labels;
      } else throw this.error(part.from, `unexpected ${this.describe(part.from)}`);
    }
    return matching;
  }
  groupingLabels(node) {
    return this.children(node).map((label) => {
      if (label.name !== "LabelName") {
        throw this.error(
          label.from,
          `unexpected ${this.describe(label.from)} in grouping opts, expected label`
        );
      }
      return this.textOf(label);
    });
  }
  call(node) {
    const [identifier, body] = this.children(node);
    const name2 = this.textOf(identifier);
    const func = lookupFunction(name2);
    if (!func) throw this.error(node.from, `unknown function with name ${JSON.stringify(name2)}`);
    const argNodes = body ? this.children(body) : [];
    const args = argNodes.map((arg) => this.expr(arg));
    const declared = func.args.length;
    if (func.variadic === 0 && declared !== args.length) {
      throw this.error(
        node.from,
        `expected ${declared} argument(s) in call to ${JSON.stringify(name2)}, got ${args.length}`
      );
    }
    if (func.variadic !== 0 && args.length < declared - 1) {
      throw this.error(
        node.from,
        `expected at least ${declared - 1} argument(s) in call to ${JSON.stringify(name2)}, got ${args.length}`
      );
    }
    if (func.variadic > 0 && args.length > declared - 1 + func.variadic) {
      throw this.error(
        node.from,
        `expected at most ${declared - 1 + func.variadic} argument(s) in call to ${JSON.stringify(name2)}, got ${args.length}`
      );
    }
    args.forEach((arg, i) => {
      const want = func.args[Math.min(i, declared - 1)];
      this.expectType(argNodes[i], arg, want, `call to function ${JSON.stringify(name2)}`);
    });
    if (!func.supported) throw unsupported(`function ${JSON.stringify(name2)}`);
    return { kind: "call", func, args };
  }
  aggregate(node) {
    let op;
    let body;
    let grouping = [];
    let without = false;
    let modifiers = 0;
    for (const part of this.children(node)) {
      if (part.name === "AggregateOp") op = this.textOf(part).toLowerCase();
      else if (part.name === "FunctionCallBody") body = part;
      else if (part.name === "AggregateModifier") {
        if (++modifiers > 1) throw this.error(part.from, `unexpected ${this.describe(part.from)}`);
        const [kind, labels] = this.children(part);
        without = kind?.name === "Without";
        grouping = labels ? this.groupingLabels(labels) : [];
      } else throw this.error(part.from, `unexpected ${this.describe(part.from)}`);
    }
    if (!op || !AGGREGATE_OPS.has(op)) {
      throw this.error(node.from, `unknown function with name ${JSON.stringify(op ?? "")}`);
    }
    const argNodes = body ? this.children(body) : [];
    const withParam = op === "topk" || op === "bottomk" || op === "quantile" || op === "count_values";
    const wanted = withParam ? 2 : 1;
    if (argNodes.length !== wanted) {
      throw this.error(
        node.from,
        `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${argNodes.length}`
      );
    }
    const exprNode = argNodes[wanted - 1];
    const expr = this.expr(exprNode);
    this.expectType(exprNode, expr, "vector", "aggregation expression");
    if (!withParam) return { kind: "aggregate", op, expr, grouping, without };
    const param = this.expr(argNodes[0]);
    this.expectType(
      argNodes[0],
      param,
      op === "count_values" ? "string" : "scalar",
      "aggregation parameter"
    );
    return { kind: "aggregate", op, expr, param, grouping, without };
  }
};

// src/runbooks/params.ts
var NAME = /^[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?$/;
var DIGITS = /^\d+$/;
var CLUSTER_SCOPED = /* @__PURE__ */ new Set([
  "Node",
  "Namespace",
  "PersistentVolume",
  "StorageClass",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition"
]);
var NAMESPACE_PARAM = "namespace";
function paramValue(param, value) {
  const text2 = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  switch (param.type) {
    case "integer":
      if (typeof value === "number" && Number.isInteger(value)) return { value };
      if (typeof value === "string" && DIGITS.test(value.trim())) return { value: Number(value.trim()) };
      return { problem: `expected a whole number such as 40, got ${JSON.stringify(value)}` };
    case "string":
      if (typeof text2 === "string" && text2.trim()) return { value: text2 };
      return { problem: `expected non-empty text, got ${JSON.stringify(value)}` };
    case "duration":
      if (typeof value !== "string")
        return { problem: `expected a duration such as 5m, got ${JSON.stringify(value)}` };
      try {
        parseDuration(value);
        return { value: value.trim() };
      } catch (error) {
        return { problem: error.message };
      }
    case "enum":
      if (typeof text2 === "string" && param.values?.includes(text2)) return { value: text2 };
      return {
        problem: `expected one of ${(param.values ?? []).join(", ")}, got ${JSON.stringify(value)}${typeof text2 === "string" ? didYouMean(text2, param.values ?? []) : ""}`
      };
    case "ref": {
      const ref = typeof value === "string" ? parseRef(value, param.kind) : void 0;
      if (!ref) {
        const shape = CLUSTER_SCOPED.has(param.kind ?? "") ? "name" : "name or namespace/name";
        return { problem: `expected a ${param.kind ?? "object"} ${shape}, got ${JSON.stringify(value)}` };
      }
      return { value: ref.name };
    }
  }
}
function parseRef(text2, kind) {
  const parts = text2.trim().split("/");
  if (!parts.every((part) => NAME.test(part))) return void 0;
  if (parts.length === 1) return { name: parts[0] };
  if (parts.length === 2 && !CLUSTER_SCOPED.has(kind ?? "")) return { namespace: parts[0], name: parts[1] };
  return void 0;
}
function resolveParams(runbook, given) {
  const { values, problems } = checkParams(runbook.params, given);
  if (problems.length) {
    throw new RunbookError(
      problems.map((p) => `${p.path.join(".")}: ${p.message}`),
      `invalid parameters for runbook ${runbook.name}`
    );
  }
  return values;
}
function checkParams(params, given) {
  const declared = params.map((p) => p.name);
  const problems = Object.keys(given).filter((name2) => !declared.includes(name2)).map((name2) => ({
    path: ["params", name2],
    message: `unknown parameter${didYouMean(name2, declared)} (known: ${declared.join(", ") || "none"})`
  }));
  const effective = { ...given };
  for (const param of params) {
    const problem = placeRefNamespace(params, param, given, effective);
    if (problem) problems.push({ path: ["params", param.name], message: problem });
  }
  const values = {};
  for (const param of params) {
    const raw = effective[param.name] ?? param.default;
    if (raw === void 0 || raw === null) {
      if (param.required)
        problems.push({ path: ["params", param.name], message: `required: ${param.description}` });
      continue;
    }
    const result = paramValue(param, raw);
    if ("problem" in result) problems.push({ path: ["params", param.name], message: result.problem });
    else values[param.name] = result.value;
  }
  return { values, problems };
}
function placeRefNamespace(params, param, given, effective) {
  const value = given[param.name];
  const namespace = param.type === "ref" && typeof value === "string" ? parseRef(value, param.kind)?.namespace : void 0;
  if (!namespace) return void 0;
  if (!params.some((p) => p.name === NAMESPACE_PARAM && p.type === "string"))
    return `give the name only: this runbook has no "${NAMESPACE_PARAM}" parameter to take "${namespace}"`;
  const stated = effective[NAMESPACE_PARAM];
  if (stated !== void 0 && stated !== namespace)
    return `names namespace "${namespace}" but the ${NAMESPACE_PARAM} parameter is ${JSON.stringify(stated)}`;
  effective[NAMESPACE_PARAM] = namespace;
  return void 0;
}

// src/runbooks/types.ts
var END_STATES = ["resolved", "escalate", "failed"];

// src/runbooks/load-validate.ts
var TRANSITIONS = {
  action: ["next", "onFailure"],
  check: ["onSuccess", "onFailure"],
  approval: ["next", "onReject"],
  wait: ["next"]
};
var ALL_TRANSITIONS = ["next", "onSuccess", "onFailure", "onReject"];
var RUNBOOK_TOOLS = "runbook_";
function paramsOf(docs) {
  const problems = [];
  const at = (i, field, message) => problems.push({ path: ["spec", "params", i, field], message });
  const first = /* @__PURE__ */ new Map();
  const params = docs.map((doc, i) => {
    const earlier = first.get(doc.name);
    if (earlier === void 0) first.set(doc.name, i);
    else at(i, "name", `duplicate parameter "${doc.name}" (first at spec.params[${earlier}])`);
    if (doc.type === "enum" && !doc.values) at(i, "values", "required for an enum parameter");
    if (doc.type !== "enum" && doc.values) at(i, "values", "only enum parameters take values");
    if (doc.type === "ref" && !doc.kind) at(i, "kind", "required for a ref parameter (e.g. Deployment)");
    if (doc.type !== "ref" && doc.kind) at(i, "kind", "only ref parameters take a kind");
    const param = {
      name: doc.name,
      type: doc.type,
      description: doc.description,
      required: doc.required,
      ...doc.values ? { values: doc.values } : {},
      ...doc.kind ? { kind: doc.kind } : {}
    };
    if (doc.default === void 0) return param;
    if (doc.required) at(i, "default", "a required parameter has no default: drop one of the two");
    const value = paramValue(param, doc.default);
    if ("problem" in value) at(i, "default", value.problem);
    return { ...param, default: "value" in value ? value.value : doc.default };
  });
  return { params, problems };
}
function stepProblems(doc, steps, params, tools) {
  const ids = steps.map((step) => step.id);
  const problems = [];
  const first = /* @__PURE__ */ new Map();
  doc.spec.steps.forEach((stepDoc, i) => {
    const at = (path, message) => problems.push({ path: ["spec", "steps", i, ...path], message });
    const step = steps[i];
    const earlier = first.get(step.id);
    if (earlier === void 0) first.set(step.id, i);
    else at(["id"], `duplicate step id "${step.id}" (first at spec.steps[${earlier}])`);
    if (END_STATES.includes(step.id))
      at(["id"], `"${step.id}" is an end state, not a step id`);
    if (step.title.includes("{{"))
      at(["title"], "titles are shown as written: templates are not rendered here");
    for (const key of ALL_TRANSITIONS) {
      const target = stepDoc[key];
      if (target === void 0) continue;
      if (!TRANSITIONS[step.kind].includes(key))
        at(
          [key],
          `${article(step.kind)} ${step.kind} step has no ${key} (it takes ${TRANSITIONS[step.kind].join(", ")})`
        );
      else if (!ids.includes(target) && !END_STATES.includes(target))
        at(
          [key],
          `"${target}" is neither a step id nor an end state (${END_STATES.join(", ")})${didYouMean(target, [...ids, ...END_STATES])}`
        );
    }
    problems.push(
      ...contentProblems(doc, stepDoc, step, params, tools).map((p) => ({
        ...p,
        path: ["spec", "steps", i, ...p.path]
      }))
    );
  });
  return [...problems, ...unreachable(steps)];
}
var article = (word) => /^[aeiou]/.test(word) ? "an" : "a";
function contentProblems(doc, stepDoc, step, params, tools) {
  if (stepDoc.action) {
    return [
      ...toolProblems(stepDoc.action, tools),
      ...templateProblems(stepDoc.action.args, ["action", "args"], params)
    ];
  }
  if (stepDoc.approval) return templateProblems(stepDoc.approval.message, ["approval", "message"], params);
  if (!stepDoc.check) return [];
  const problems = [
    ...templateProblems(stepDoc.check.kubernetes, ["check", "kubernetes"], params),
    ...templateProblems(stepDoc.check.promql, ["check", "promql"], params)
  ];
  if (step.kind === "check" && step.condition.type === "promql" && !problems.length) {
    const message = promqlProblem(String(renderTemplate(step.condition.query, sampleScope(doc, params))));
    if (message) problems.push({ path: ["check", "promql"], message });
  }
  return problems;
}
function toolProblems(action, tools) {
  const tool = tools.find((t2) => t2.name === action.tool);
  if (!tool) {
    const names = tools.map((t2) => t2.name);
    return [
      { path: ["action", "tool"], message: `unknown tool "${action.tool}"${didYouMean(action.tool, names)}` }
    ];
  }
  if (tool.name.startsWith(RUNBOOK_TOOLS))
    return [
      { path: ["action", "tool"], message: `${tool.name}: a runbook step does not drive other runbooks` }
    ];
  const shape = tool.input.shape;
  const known = Object.keys(shape);
  const unknown = Object.keys(action.args).filter((key) => !known.includes(key)).map((key) => ({
    path: ["action", "args", key],
    message: `${tool.name} takes no argument "${key}"${didYouMean(key, known)} (it takes ${known.join(", ")})`
  }));
  const missing = known.filter((key) => !(key in action.args) && !shape[key].safeParse(void 0).success).map((key) => ({ path: ["action", "args"], message: `${tool.name} needs the argument "${key}"` }));
  return [...unknown, ...missing];
}
function promqlProblem(query) {
  try {
    const type = typeOf(parseExpr(query));
    if (type === "vector") return void 0;
    return `must be an instant vector that is non-empty while the condition holds (e.g. ratio < 0.1), got a ${type}`;
  } catch (error) {
    return `not valid PromQL (${error.message}) in: ${query}`;
  }
}
function sampleScope(doc, params) {
  const standIn = {
    string: () => "example",
    integer: () => 1,
    duration: () => "5m",
    enum: (p) => p.values?.[0] ?? "example",
    ref: () => "example"
  };
  return {
    params: Object.fromEntries(params.map((p) => [p.name, p.default ?? standIn[p.type](p)])),
    runbook: { name: doc.metadata.name, version: doc.metadata.version },
    execution: { id: "example" }
  };
}
function unreachable(steps) {
  const reached = /* @__PURE__ */ new Set();
  const queue = steps.length ? [steps[0].id] : [];
  while (queue.length) {
    const id = queue.shift();
    if (reached.has(id)) continue;
    reached.add(id);
    const step = steps.find((s) => s.id === id);
    if (step) queue.push(...transitionsOf(step));
  }
  return steps.flatMap(
    (step, i) => reached.has(step.id) ? [] : [
      {
        path: ["spec", "steps", i],
        message: `step "${step.id}" cannot be reached from the first step "${steps[0].id}"`
      }
    ]
  );
}

// src/runbooks/schema.ts
var STEP_KINDS = ["action", "check", "approval", "wait"];
var KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
var SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
var PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
var semver = bundleSchema.shape.metadata.shape.version;
var text = external_exports.string().trim().min(1, "must not be empty");
var duration = external_exports.string();
var next = external_exports.string();
function exactlyOne(keys, what) {
  return (value, ctx) => {
    const present = keys.filter((key) => value[key] !== void 0);
    if (present.length === 1) return;
    ctx.addIssue({
      code: "custom",
      message: present.length ? `${what} has exactly one of ${keys.join(", ")}; found ${present.join(" and ")}` : `${what} needs one of ${keys.join(", ")}`
    });
  };
}
var paramSchema = external_exports.object({
  name: external_exports.string().regex(PARAM_NAME, 'must be letters, digits and "_", starting with a letter (e.g. poolSize)'),
  type: external_exports.enum(["string", "integer", "duration", "enum", "ref"]),
  description: text,
  required: external_exports.boolean().default(false),
  default: external_exports.union([external_exports.string(), external_exports.number()]).optional(),
  values: external_exports.array(text).min(1).optional(),
  kind: external_exports.string().regex(/^[A-Z][A-Za-z0-9]*$/, "must be a Kubernetes kind such as Deployment").optional()
}).strict();
var actionSchema = external_exports.object({ tool: text, args: external_exports.record(external_exports.string(), external_exports.unknown()).default({}) }).strict();
var kubernetesConditionSchema = external_exports.object({
  rolloutComplete: external_exports.object({ namespace: text, name: text }).strict().optional(),
  podsReady: external_exports.object({ namespace: text, selector: text }).strict().optional()
}).strict().superRefine(exactlyOne(["rolloutComplete", "podsReady"], "a kubernetes check"));
var checkSchema = external_exports.object({
  promql: text.optional(),
  kubernetes: kubernetesConditionSchema.optional(),
  for: duration.optional(),
  interval: duration.optional(),
  timeout: duration.optional()
}).strict().superRefine(exactlyOne(["promql", "kubernetes"], "a check"));
var approvalSchema = external_exports.object({ message: text, approvers: external_exports.array(text).min(1), ttl: duration.optional() }).strict();
var stepSchema = external_exports.object({
  id: external_exports.string().regex(KEBAB, "must be kebab-case, e.g. raise-pool"),
  title: text,
  action: actionSchema.optional(),
  check: checkSchema.optional(),
  approval: approvalSchema.optional(),
  wait: duration.optional(),
  next: next.optional(),
  onSuccess: next.optional(),
  onFailure: next.optional(),
  onReject: next.optional()
}).strict().superRefine(exactlyOne(STEP_KINDS, "a step"));
var runbookDocumentSchema = external_exports.object({
  apiVersion: external_exports.literal("opswarden.dev/v1"),
  kind: external_exports.literal("Runbook"),
  metadata: external_exports.object({
    name: external_exports.string().regex(KEBAB, "must be kebab-case, e.g. rollback-deployment"),
    version: semver,
    title: text
  }).strict(),
  spec: external_exports.object({
    description: text,
    matches: external_exports.object({
      categories: external_exports.array(external_exports.enum(ROOT_CAUSE_CATEGORIES)).default([]),
      signals: external_exports.array(external_exports.string().regex(SNAKE, "must be snake_case, e.g. high_error_rate")).default([])
    }).strict().default({ categories: [], signals: [] }),
    params: external_exports.array(paramSchema).default([]),
    steps: external_exports.array(stepSchema).min(1, "a runbook needs at least one step")
  }).strict()
}).strict();

// src/runbooks/load.ts
function isRunbookFile(file) {
  return file.endsWith(".yaml") && !file.endsWith(".test.yaml");
}
function loadRunbook(path, options = {}) {
  let text2;
  try {
    text2 = readFileSync2(path, "utf8");
  } catch (error) {
    throw new RunbookError([`${path}: cannot read the runbook: ${error.message}`]);
  }
  return parseRunbook(text2, path, options);
}
function loadRunbooks(dir, options = {}) {
  let files;
  try {
    files = readdirSync(dir).filter(isRunbookFile).sort();
  } catch (error) {
    throw new RunbookError([`${dir}: cannot list runbooks: ${error.message}`]);
  }
  const runbooks = [];
  const problems = [];
  for (const file of files) {
    try {
      runbooks.push(loadRunbook(join2(dir, file), options));
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new RunbookError(problems, `invalid runbooks in ${dir}`);
  return runbooks;
}
function parseRunbook(text2, source, options = {}) {
  let raw;
  try {
    raw = yaml.load(text2, { filename: source, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new RunbookError([`${source}: not valid YAML: ${error.message}`]);
  }
  const parsed = runbookDocumentSchema.safeParse(raw ?? {}, { error: requiredMessage });
  if (!parsed.success)
    throw new RunbookError(describeIssues(parsed.error).map((line) => `${source}: ${line}`));
  const doc = parsed.data;
  const { params, problems: paramProblems } = paramsOf(doc.spec.params);
  const { steps, problems: durationProblems } = buildSteps(doc.spec.steps, params);
  const problems = [
    ...paramProblems,
    ...durationProblems,
    ...stepProblems(doc, steps, params, options.tools ?? allTools)
  ];
  const fileName = basename3(source);
  if (fileName.endsWith(".yaml") && fileName !== `${doc.metadata.name}.yaml`)
    problems.push({
      path: ["metadata", "name"],
      message: `"${doc.metadata.name}" must match the file name ${fileName}`
    });
  if (problems.length) throw new RunbookError(problemLines(source, problems));
  return {
    name: doc.metadata.name,
    version: doc.metadata.version,
    title: doc.metadata.title,
    description: doc.spec.description,
    matches: doc.spec.matches,
    params,
    steps,
    source,
    digest: sha256Hex(text2)
  };
}

// src/runbooks/service.ts
import { EventEmitter } from "node:events";

// src/runbooks/action.ts
import { randomUUID as randomUUID2 } from "node:crypto";

// src/runbooks/run-context.ts
import { setTimeout as delay } from "node:timers/promises";
function wallMs(ctx, worldMs) {
  return worldMs / ctx.deps.timeScale;
}
function sleep2(ctx, ms) {
  return delay(Math.max(0, ms), void 0, { signal: ctx.signal });
}
function save(ctx, visit) {
  ctx.deps.store.updateStep(visit);
  ctx.deps.changed(ctx.exec.id);
}
function runbookRef(exec) {
  return { name: exec.runbook, version: exec.version, digest: exec.digest };
}

// src/runbooks/action.ts
var RESULT_CHARS = 400;
async function runAction(ctx, step, visit) {
  const { deps, exec } = ctx;
  const tool = deps.registry.get(step.tool);
  if (!tool) {
    return {
      outcome: "failed",
      next: step.onFailure,
      message: `tool ${step.tool} is not served here (${deps.registry.withheld(step.tool)?.by ?? "not in the catalog"})`
    };
  }
  const args = exec.dryRun && tool.kind === "mutate" ? { ...step.args, dryRun: true } : step.args;
  let approvalId = visit.approvalId;
  let callId;
  const previous = visit.callIds.at(-1);
  if (previous) {
    const fate = callFate(ctx, previous);
    ctx.logger.info({ callId: previous, fate }, "resuming an action step from its last call");
    if (fate.kind === "executed") return { outcome: "executed", next: step.next };
    if (fate.kind === "failed") return { outcome: "failed", next: step.onFailure, message: fate.error };
    if (fate.kind === "denied")
      return denied(step, `${step.tool} denied by policy rule(s) ${fate.rules.join(", ")}`);
    if (fate.kind === "interrupted") {
      return {
        outcome: "interrupted",
        next: "escalate",
        message: `the server stopped while ${step.tool} (call ${previous}) was running; whether it took effect is unknown \u2014 check before running anything else`
      };
    }
    if (fate.kind === "escalated") approvalId = fate.approvalId;
    else callId = previous;
  }
  for (; ; ) {
    if (approvalId) {
      const ticket = await awaitDecision(ctx, visit, approvalId);
      if (ticket.status === "rejected" || ticket.status === "expired") {
        return {
          outcome: ticket.status,
          next: "escalate",
          message: `${step.tool} was not approved: approval ${ticket.id} ${ticket.status}${ticket.decidedBy ? ` by ${ticket.decidedBy}` : ""}${ticket.comment ? ` (${ticket.comment})` : ""}`
        };
      }
    }
    callId ??= randomUUID2();
    visit.callIds.push(callId);
    save(ctx, visit);
    const outcome = await deps.call({
      tool: step.tool,
      args: approvalId ? { ...args, approvalId } : args,
      principal: exec.principal,
      callId,
      context: { runbook: { ...runbookRef(exec), execution: exec.id, step: step.id } }
    }).catch((err) => {
      if (err instanceof ProtocolError) return void 0;
      throw err;
    });
    const decision = decisionOf(ctx, callId);
    const calls = visit.evidence.calls ?? [];
    visit.evidence.calls = [...calls, { callId, outcome: outcome?.outcome ?? "invalid", ...decision }];
    callId = void 0;
    if (!outcome) return { outcome: "failed", next: step.onFailure, message: `unknown tool ${step.tool}` };
    switch (outcome.outcome) {
      case "ok":
        visit.evidence.result = summary(outcome.structuredContent);
        return { outcome: "executed", next: step.next };
      case "approval_required":
        approvalId = outcome.approvalId;
        continue;
      case "denied":
        return denied(step, outcome.text);
      default:
        return { outcome: "failed", next: step.onFailure, message: outcome.text };
    }
  }
}
function denied(step, message) {
  return { outcome: "denied", next: "escalate", message: `step ${step.id}: ${message}` };
}
async function awaitDecision(ctx, visit, approvalId) {
  if (visit.state !== "awaiting_approval" || visit.approvalId !== approvalId) {
    visit.state = "awaiting_approval";
    visit.approvalId = approvalId;
    save(ctx, visit);
  }
  for (; ; ) {
    const ticket = ctx.deps.approvals.get(approvalId);
    if (!ticket)
      throw new ApprovalError("not_found", `approval ${approvalId} has disappeared from the store`);
    if (ticket.status !== "pending") {
      visit.state = "running";
      visit.evidence.approval = {
        approvalId,
        status: ticket.status,
        ...ticket.decidedBy ? { decidedBy: ticket.decidedBy } : {},
        ...ticket.comment ? { comment: ticket.comment } : {}
      };
      save(ctx, visit);
      return ticket;
    }
    await sleep2(ctx, ctx.deps.pollIntervalMs);
  }
}
function callFate(ctx, callId) {
  const records = ctx.deps.audit.query({ callId });
  const find = (type) => records.findLast((r) => r.type === type);
  if (find("action.executed")) return { kind: "executed" };
  const failed = find("action.failed");
  if (failed) return { kind: "failed", error: String(failed.data.error ?? "failed") };
  const decision = find("decision");
  if (decision?.effect === "deny") return { kind: "denied", rules: ruleNames(decision.data.rules, "deny") };
  const requested = find("approval.requested");
  if (requested) return { kind: "escalated", approvalId: String(requested.data.approvalId) };
  return find("tool.call") ? { kind: "interrupted" } : { kind: "none" };
}
function decisionOf(ctx, callId) {
  const decision = ctx.deps.audit.query({ callId, type: "decision" }).at(-1);
  if (!decision) return {};
  const effect = String(decision.data.effect);
  return { effect, rules: ruleNames(decision.data.rules, effect) };
}
function ruleNames(rules, effect) {
  const matched = Array.isArray(rules) ? rules : [];
  const deciding = matched.filter((r) => r.effect === effect);
  return (deciding.length ? deciding : matched).map((r) => r.name);
}
function summary(result) {
  if (!result) return void 0;
  if (typeof result.message === "string") return result.message;
  const text2 = JSON.stringify(result);
  return text2.length > RESULT_CHARS ? `${text2.slice(0, RESULT_CHARS)}\u2026` : result;
}

// src/runbooks/engine-steps.ts
import { randomUUID as randomUUID3 } from "node:crypto";

// src/runbooks/checks.ts
var SHOWN = 5;
async function evaluateCondition(condition, deps) {
  switch (condition.type) {
    case "promql":
      return promql(condition.query, deps);
    case "rolloutComplete":
      return rolloutComplete(condition, deps.backends);
    case "podsReady":
      return podsReady(condition, deps.backends);
  }
}
async function promql(query, { backends, worldClock, signal }) {
  if (!backends.prometheus)
    throw new Error("Prometheus is not configured: add a `prometheus:` section to opswarden.yaml");
  const at = worldClock.now();
  const result = await backends.prometheus.instantQuery(query, at, signal ? { signal } : {});
  if (result.type === "vector") {
    return {
      ok: result.series.length > 0,
      value: {
        at: at.toISOString(),
        series: result.series.length,
        values: result.series.slice(0, SHOWN).map((s) => ({ labels: s.labels, value: s.sample.v }))
      }
    };
  }
  const v = result.sample.v;
  return { ok: typeof v === "number" ? v !== 0 : v !== "", value: { at: at.toISOString(), scalar: v } };
}
function kube(backends) {
  if (!backends.kubernetes)
    throw new Error("Kubernetes is not configured: add a `kubernetes:` section to opswarden.yaml");
  return backends.kubernetes;
}
async function rolloutComplete(c, backends) {
  const deployment = await kube(backends).get({ kind: "Deployment", namespace: c.namespace, name: c.name });
  const s = rolloutState(deployment);
  return {
    ok: s.state === "complete",
    value: {
      deployment: `${c.namespace}/${c.name}`,
      state: s.state,
      message: s.message,
      desired: s.desired,
      updated: s.updated,
      available: s.available
    }
  };
}
async function podsReady(c, backends) {
  const { items } = await kube(backends).list({
    kind: "Pod",
    namespace: c.namespace,
    labelSelector: c.selector
  });
  const notReady = items.filter((pod) => {
    const conditions = pod.status?.conditions;
    return !conditions?.some((x) => x.type === "Ready" && x.status === "True");
  }).map((pod) => pod.metadata.name);
  return {
    ok: items.length > 0 && notReady.length === 0,
    value: {
      selector: `${c.namespace}/${c.selector}`,
      pods: items.length,
      ready: items.length - notReady.length,
      ...notReady.length ? { notReady: notReady.slice(0, SHOWN) } : {}
    }
  };
}

// src/runbooks/engine-steps.ts
var SKIPPED = "skipped";
async function runCheck(ctx, step, visit) {
  if (ctx.exec.dryRun) return { outcome: SKIPPED, next: step.onSuccess, message: "dry run: not evaluated" };
  const deadline = visit.startedWallMs + wallMs(ctx, step.timeoutMs);
  const holdFor = wallMs(ctx, step.forMs);
  let heldSince;
  let evaluations = Number(visit.evidence.evaluations ?? 0);
  for (; ; ) {
    let ok = false;
    try {
      const evaluation = await evaluateCondition(step.condition, {
        backends: ctx.deps.backends,
        worldClock: ctx.deps.worldClock,
        signal: ctx.signal
      });
      ok = evaluation.ok;
      visit.evidence.last = evaluation.value;
      delete visit.evidence.lastError;
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      visit.evidence.lastError = err.message;
    }
    heldSince = ok ? heldSince ?? Date.now() : void 0;
    const heldWall = heldSince === void 0 ? 0 : Date.now() - heldSince;
    visit.evidence.evaluations = ++evaluations;
    visit.evidence.holds = ok;
    visit.evidence.heldMs = Math.round(heldWall * ctx.deps.timeScale);
    visit.evidence.forMs = step.forMs;
    save(ctx, visit);
    if (ok && heldWall >= holdFor) return { outcome: "passed", next: step.onSuccess };
    const left = deadline - Date.now();
    if (left <= 0) {
      return {
        outcome: "timed_out",
        next: step.onFailure,
        message: `${step.id}: the condition did not hold for ${seconds2(step.forMs)} within ${seconds2(step.timeoutMs)} (world time)`
      };
    }
    const untilHeld = ok ? holdFor - heldWall : Number.POSITIVE_INFINITY;
    await sleep2(ctx, Math.min(wallMs(ctx, step.intervalMs), left, untilHeld));
  }
}
async function runApproval(ctx, step, visit) {
  const { exec, deps } = ctx;
  if (exec.dryRun) return { outcome: SKIPPED, next: step.next, message: "dry run: no approval requested" };
  if (!visit.approvalId) {
    const callId = randomUUID3();
    visit.callIds.push(callId);
    const ticket2 = deps.approvals.create({
      actionHash: sha256Hex(canonicalJson({ execution: exec.id, step: step.id, seq: visit.seq })),
      tool: "runbook_run",
      args: { runbook: exec.runbook, execution: exec.id, step: step.id, message: step.message },
      target: policyTarget(exec.target),
      impact: {},
      reason: `${step.message} (runbook ${exec.runbook} ${exec.version}, execution ${exec.id}: ${exec.reason})`,
      ...requesterOf(exec.principal),
      callId,
      matchedRules: [
        { name: `runbook ${exec.runbook} step ${step.id}`, effect: "escalate", message: step.message }
      ],
      approvers: step.approvers,
      channels: ["out-of-band"],
      ttlMs: Math.max(1, Math.round(wallMs(ctx, step.ttlMs))),
      executionWindowMs: DEFAULT_APPROVAL.executionWindowMs
    });
    visit.approvalId = ticket2.id;
  }
  const ticket = await awaitDecision(ctx, visit, visit.approvalId);
  if (ticket.status === "used") return { outcome: "approved", next: step.next };
  if (ticket.status === "approved") {
    try {
      deps.approvals.consume(
        ticket.id,
        ticket.actionHash,
        visit.callIds.at(-1) ?? ticket.callId,
        exec.principal
      );
      return { outcome: "approved", next: step.next };
    } catch (err) {
      if (!(err instanceof ApprovalError)) throw err;
      return { outcome: "failed", next: "escalate", message: err.message };
    }
  }
  return {
    outcome: ticket.status,
    next: step.onReject,
    message: `approval ${ticket.id} ${ticket.status}${ticket.decidedBy ? ` by ${ticket.decidedBy}` : ""}${ticket.comment ? `: ${ticket.comment}` : ""}`
  };
}
async function runWait(ctx, step, visit) {
  if (ctx.exec.dryRun) return { outcome: SKIPPED, next: step.next, message: "dry run: not waited" };
  visit.evidence.waitMs = step.durationMs;
  save(ctx, visit);
  await sleep2(ctx, visit.startedWallMs + wallMs(ctx, step.durationMs) - Date.now());
  return { outcome: "waited", next: step.next };
}
function seconds2(ms) {
  return `${Math.round(ms / 1e3)}s`;
}
function policyTarget(target) {
  const { key: _key, ...rest } = target;
  return rest;
}

// src/runbooks/engine.ts
var MAX_VISITS = 100;
async function runExecution(ctx) {
  const { deps, exec, runbook } = ctx;
  if (runbook.digest !== exec.digest) {
    finishExecution(ctx, "escalate", {
      message: `runbook ${runbook.name} changed since this run started (digest ${exec.digest.slice(0, 12)} \u2192 ${runbook.digest.slice(0, 12)}); not resuming it \u2014 start it again`
    });
    return;
  }
  const visits = deps.store.steps(exec.id);
  let visit;
  const last = visits.at(-1);
  if (!last) visit = openVisit(ctx, runbook.steps[0]);
  else if (last.state !== "done") visit = last;
  else if (isEnd(last.next)) {
    finishExecution(ctx, last.next, {
      decidedBy: last.step,
      ...last.message ? { message: last.message } : {}
    });
    return;
  } else visit = openVisit(ctx, stepById(ctx, last.next));
  for (; ; ) {
    const step = stepById(ctx, visit.step);
    let result;
    try {
      result = await runStep(ctx, step, visit);
    } catch (err) {
      if (ctx.signal.aborted) return;
      ctx.logger.error({ err, step: step.id }, "runbook step failed unexpectedly");
      result = { outcome: "failed", next: "failed", message: `step ${step.id}: ${err.message}` };
    }
    closeVisit(ctx, visit, result);
    if (isEnd(result.next)) {
      finishExecution(ctx, result.next, {
        decidedBy: step.id,
        ...result.message ? { message: result.message } : {}
      });
      return;
    }
    if (ctx.signal.aborted || deps.store.get(exec.id)?.state !== "running") return;
    if (visit.seq >= MAX_VISITS) {
      finishExecution(ctx, "failed", {
        decidedBy: step.id,
        message: `stopped after ${MAX_VISITS} steps: the runbook loops (last: ${step.id} \u2192 ${result.next})`
      });
      return;
    }
    visit = openVisit(ctx, stepById(ctx, result.next));
  }
}
function runStep(ctx, step, visit) {
  const scope = {
    params: ctx.exec.params,
    runbook: { name: ctx.runbook.name, version: ctx.runbook.version },
    execution: { id: ctx.exec.id }
  };
  const resolved = resolveStep(step, scope);
  switch (resolved.kind) {
    case "action":
      return runAction(ctx, resolved, visit);
    case "check":
      return runCheck(ctx, resolved, visit);
    case "approval":
      return runApproval(ctx, resolved, visit);
    case "wait":
      return runWait(ctx, resolved, visit);
  }
}
function isEnd(next2) {
  return END_STATES.includes(next2 ?? "");
}
function stepById(ctx, id) {
  const step = ctx.runbook.steps.find((s) => s.id === id);
  if (!step) throw new Error(`runbook ${ctx.runbook.name} has no step "${id}"`);
  return step;
}
function openVisit(ctx, step) {
  const visit = ctx.deps.store.startStep(ctx.exec.id, step, {
    startedAt: ctx.deps.clock.now().toISOString(),
    startedWallMs: Date.now()
  });
  ctx.deps.changed(ctx.exec.id);
  return visit;
}
function closeVisit(ctx, visit, result) {
  const { deps, exec } = ctx;
  Object.assign(visit, {
    state: "done",
    outcome: result.outcome,
    next: result.next,
    endedAt: deps.clock.now().toISOString(),
    durationMs: Date.now() - visit.startedWallMs,
    ...result.message ? { message: result.message } : {}
  });
  deps.store.updateStep(visit);
  const callId = visit.callIds.at(-1);
  deps.audit.append({
    type: "runbook.step",
    principal: exec.principal.id,
    ...callId ? { callId } : {},
    data: {
      runbook: runbookRef(exec),
      execution: exec.id,
      step: visit.step,
      kind: visit.kind,
      seq: visit.seq,
      attempt: visit.attempt,
      outcome: result.outcome,
      next: result.next,
      durationMs: visit.durationMs,
      dryRun: exec.dryRun,
      callIds: visit.callIds,
      ...visit.approvalId ? { approvalId: visit.approvalId } : {},
      evidence: visit.evidence,
      ...result.message ? { message: result.message } : {}
    }
  });
  deps.changed(exec.id);
}
function finishExecution(ctx, outcome, how) {
  const { deps, exec } = ctx;
  const durationMs = Date.now() - exec.startedWallMs;
  const finished = deps.store.finish(exec.id, {
    outcome,
    endedAt: deps.clock.now().toISOString(),
    durationMs,
    ...how
  });
  if (!finished) return false;
  deps.audit.append({
    type: "runbook.finished",
    principal: how.cancelledBy ?? exec.principal.id,
    data: {
      runbook: runbookRef(exec),
      execution: exec.id,
      outcome,
      durationMs,
      dryRun: exec.dryRun,
      requester: exec.principal.id,
      ...how
    }
  });
  deps.changed(exec.id);
  return true;
}

// src/runbooks/target.ts
function executionTarget(runbook, params, firstActionArgs) {
  const ref = runbook.params.find((p) => p.type === "ref" && params[p.name] !== void 0);
  if (ref) {
    const value = String(params[ref.name]);
    const slash = value.indexOf("/");
    const fallbackNamespace = typeof params.namespace === "string" ? params.namespace : void 0;
    const namespace = slash >= 0 ? value.slice(0, slash) : fallbackNamespace;
    const name3 = slash >= 0 ? value.slice(slash + 1) : value;
    const kind = ref.kind ?? "Object";
    return {
      key: [kind, namespace, name3].filter(Boolean).join("/"),
      kind,
      ...namespace ? { namespace } : {},
      name: name3
    };
  }
  const name2 = firstActionArgs?.name;
  if (typeof name2 === "string" && name2) {
    const namespace = typeof firstActionArgs?.namespace === "string" ? firstActionArgs.namespace : void 0;
    return { key: [namespace, name2].filter(Boolean).join("/"), ...namespace ? { namespace } : {}, name: name2 };
  }
  return { key: `runbook/${runbook.name}` };
}

// src/runbooks/plan.ts
var PLAN_EXECUTION_ID = "planned";
async function planRunbook(runbook, given, principal, preview) {
  const params = resolveParams(runbook, given);
  const scope = {
    params,
    runbook: { name: runbook.name, version: runbook.version },
    execution: { id: PLAN_EXECUTION_ID }
  };
  const steps = runbook.steps.map((s) => resolveStep(s, scope));
  const firstAction = steps.find((s) => s.kind === "action");
  const planned = await Promise.all(steps.map((s) => planStep(s, principal, preview)));
  return {
    runbook: { name: runbook.name, version: runbook.version, digest: runbook.digest, title: runbook.title },
    params,
    target: executionTarget(runbook, params, firstAction?.kind === "action" ? firstAction.args : void 0),
    steps: planned,
    needsApproval: planned.filter((s) => s.kind === "approval" || s.action?.effect === "escalate").map((s) => s.id),
    denied: planned.filter((s) => s.action?.effect === "deny").map((s) => s.id),
    errors: planned.flatMap((s) => s.error ? [{ step: s.id, message: s.error }] : [])
  };
}
async function planStep(step, principal, preview) {
  const base = { id: step.id, title: step.title, kind: step.kind };
  switch (step.kind) {
    case "action": {
      const transitions = { executed: step.next, failed: step.onFailure, denied: "escalate" };
      try {
        const p = await preview({ tool: step.tool, args: step.args, principal });
        return {
          ...base,
          transitions,
          action: {
            tool: step.tool,
            args: step.args,
            effect: p.effect,
            rules: p.rules,
            impact: p.impact,
            ...p.approval ? { approval: p.approval } : {}
          },
          ...p.error ? { error: `policy could not be evaluated: ${p.error}` } : {}
        };
      } catch (err) {
        return {
          ...base,
          transitions,
          action: { tool: step.tool, args: step.args },
          error: `step ${step.id}: ${err.message}`
        };
      }
    }
    case "check":
      return {
        ...base,
        transitions: { passed: step.onSuccess, timed_out: step.onFailure },
        check: {
          condition: step.condition,
          forMs: step.forMs,
          intervalMs: step.intervalMs,
          timeoutMs: step.timeoutMs
        }
      };
    case "approval":
      return {
        ...base,
        transitions: { approved: step.next, rejected: step.onReject },
        approval: { message: step.message, approvers: step.approvers, ttlMs: step.ttlMs }
      };
    case "wait":
      return { ...base, transitions: { waited: step.next }, wait: { durationMs: step.durationMs } };
  }
}

// src/runbooks/status.ts
function executionStatus(exec, steps, runbook, approvals) {
  const titles = new Map(runbook?.steps.map((s) => [s.id, s.title]));
  const waiting = steps.findLast((s) => s.state === "awaiting_approval" && s.approvalId);
  const ticket = waiting?.approvalId && exec.state === "running" ? approvals.get(waiting.approvalId) : void 0;
  return {
    id: exec.id,
    runbook: { name: exec.runbook, version: exec.version, digest: exec.digest },
    params: exec.params,
    target: exec.target,
    requester: exec.principal.id,
    reason: exec.reason,
    dryRun: exec.dryRun,
    state: exec.state,
    ...exec.currentStep && exec.state === "running" ? { currentStep: exec.currentStep } : {},
    ...exec.outcome ? { outcome: exec.outcome } : {},
    ...exec.decidedBy ? { decidedBy: exec.decidedBy } : {},
    ...exec.message ? { message: exec.message } : {},
    ...exec.cancelledBy ? { cancelledBy: exec.cancelledBy } : {},
    startedAt: exec.startedAt,
    ...exec.endedAt ? { endedAt: exec.endedAt } : {},
    durationMs: exec.durationMs ?? Date.now() - exec.startedWallMs,
    steps: steps.map((s) => ({
      seq: s.seq,
      id: s.step,
      title: titles.get(s.step) ?? s.step,
      kind: s.kind,
      attempt: s.attempt,
      state: s.state,
      ...s.outcome ? { outcome: s.outcome } : {},
      ...s.next ? { next: s.next } : {},
      startedAt: s.startedAt,
      ...s.endedAt ? { endedAt: s.endedAt } : {},
      ...s.durationMs !== void 0 ? { durationMs: s.durationMs } : {},
      callIds: s.callIds,
      ...s.approvalId ? { approvalId: s.approvalId } : {},
      evidence: s.evidence,
      ...s.message ? { message: s.message } : {}
    })),
    ...ticket?.status === "pending" && waiting ? {
      pendingApproval: {
        approvalId: ticket.id,
        step: waiting.step,
        approvers: ticket.approvers,
        expiresAt: ticket.expiresAt,
        howToApprove: howToApprove(ticket.id, ticket.approvers)
      }
    } : {}
  };
}

// src/runbooks/store.ts
import { randomBytes } from "node:crypto";
var TargetBusyError = class extends Error {
  name = "TargetBusyError";
  running;
  constructor(running) {
    super(
      `execution ${running.id} of runbook ${running.runbook} is already running on ${running.target.key} (started ${running.startedAt} by ${running.principal.id}); wait for it or cancel it with runbook_cancel`
    );
    this.running = running;
  }
};
var ExecutionStore = class {
  #db;
  constructor(db) {
    this.#db = db;
    migrate(db, "runbook-executions-1", [
      `CREATE TABLE IF NOT EXISTS runbook_executions (
        id TEXT PRIMARY KEY, runbook TEXT NOT NULL, target TEXT NOT NULL, state TEXT NOT NULL,
        dry_run INTEGER NOT NULL, outcome TEXT, started_at TEXT NOT NULL, body TEXT NOT NULL)`,
      `CREATE UNIQUE INDEX IF NOT EXISTS runbook_executions_one_per_target
        ON runbook_executions(target) WHERE state = 'running'`,
      "CREATE INDEX IF NOT EXISTS runbook_executions_runbook ON runbook_executions(runbook, outcome)",
      `CREATE TABLE IF NOT EXISTS runbook_steps (
        execution TEXT NOT NULL REFERENCES runbook_executions(id), seq INTEGER NOT NULL,
        step TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (execution, seq))`
    ]);
  }
  /** Records a new running execution; throws TargetBusyError when its target is taken. */
  insert(input) {
    const record = {
      ...input,
      id: `rbx_${randomBytes(9).toString("base64url").replace(/[-_]/g, "x")}`,
      state: "running"
    };
    return inImmediateTransaction(this.#db, () => {
      const busy = this.runningOn(record.target.key);
      if (busy) throw new TargetBusyError(busy);
      this.#db.prepare(
        "INSERT INTO runbook_executions (id, runbook, target, state, dry_run, outcome, started_at, body) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)"
      ).run(
        record.id,
        record.runbook,
        record.target.key,
        record.state,
        record.dryRun ? 1 : 0,
        record.startedAt,
        JSON.stringify(record)
      );
      return record;
    });
  }
  get(id) {
    const row = this.#db.prepare("SELECT id, body FROM runbook_executions WHERE id = ?").get(id);
    return row ? JSON.parse(row.body) : void 0;
  }
  runningOn(target) {
    const row = this.#db.prepare("SELECT id, body FROM runbook_executions WHERE target = ? AND state = 'running'").get(target);
    return row ? JSON.parse(row.body) : void 0;
  }
  running() {
    const rows = this.#db.prepare("SELECT id, body FROM runbook_executions WHERE state = 'running' ORDER BY started_at").all();
    return rows.map((r) => JSON.parse(r.body));
  }
  /** Finished real (not dry) runs per runbook name. */
  counts() {
    const rows = this.#db.prepare(
      "SELECT runbook, outcome, count(*) AS n FROM runbook_executions WHERE state = 'finished' AND dry_run = 0 GROUP BY runbook, outcome"
    ).all();
    const counts = /* @__PURE__ */ new Map();
    for (const { runbook, outcome, n } of rows) {
      const c = counts.get(runbook) ?? { total: 0, resolved: 0, escalated: 0, failed: 0, cancelled: 0 };
      c.total += Number(n);
      const key = outcome === "escalate" ? "escalated" : outcome;
      c[key] += Number(n);
      counts.set(runbook, c);
    }
    return counts;
  }
  /** Moves a running execution on; false when it is no longer running (cancelled meanwhile). */
  update(id, patch) {
    return inImmediateTransaction(this.#db, () => {
      const current = this.get(id);
      if (current?.state !== "running") return false;
      this.#write({ ...current, ...patch });
      return true;
    });
  }
  /**
   * Ends a running execution once: false when it had already ended (two enders, e.g. a
   * cancel racing the last step, cannot both win).
   */
  finish(id, end) {
    return inImmediateTransaction(this.#db, () => {
      const current = this.get(id);
      if (current?.state !== "running") return void 0;
      const finished = { ...current, ...end, state: "finished" };
      this.#write(finished);
      return finished;
    });
  }
  #write(record) {
    this.#db.prepare("UPDATE runbook_executions SET state = ?, outcome = ?, body = ? WHERE id = ?").run(record.state, record.outcome ?? null, JSON.stringify(record), record.id);
  }
  /** Opens the next visit of a step and makes it the execution's current step. */
  startStep(execution, step, at) {
    return inImmediateTransaction(this.#db, () => {
      const visits = this.steps(execution);
      const record = {
        execution,
        seq: visits.length + 1,
        step: step.id,
        kind: step.kind,
        attempt: visits.filter((v) => v.step === step.id).length + 1,
        state: "running",
        ...at,
        callIds: [],
        evidence: {}
      };
      this.#db.prepare("INSERT INTO runbook_steps (execution, seq, step, body) VALUES (?, ?, ?, ?)").run(execution, record.seq, record.step, JSON.stringify(record));
      const current = this.get(execution);
      if (current) this.#write({ ...current, currentStep: step.id });
      return record;
    });
  }
  updateStep(record) {
    this.#db.prepare("UPDATE runbook_steps SET body = ? WHERE execution = ? AND seq = ?").run(JSON.stringify(record), record.execution, record.seq);
  }
  steps(execution) {
    const rows = this.#db.prepare("SELECT body FROM runbook_steps WHERE execution = ? ORDER BY seq").all(execution);
    return rows.map((r) => JSON.parse(r.body));
  }
};

// src/runbooks/service.ts
var CLOSE_GRACE_MS = 5e3;
function createRunbookService(deps) {
  const byName = /* @__PURE__ */ new Map();
  for (const runbook of deps.runbooks) {
    const twin = byName.get(runbook.name);
    if (twin)
      throw new RunbookError([
        `duplicate runbook name ${runbook.name}: ${twin.source} and ${runbook.source}`
      ]);
    byName.set(runbook.name, runbook);
  }
  const unavailable = unservedSteps(byName.values(), deps.registry);
  if (unavailable.size)
    deps.logger.warn(
      { runbooks: Object.fromEntries(unavailable) },
      "runbooks hidden: a step calls a tool this server does not serve"
    );
  const store = new ExecutionStore(deps.db);
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const runs = /* @__PURE__ */ new Map();
  const engine = {
    store,
    audit: deps.audit,
    approvals: deps.approvals,
    call: deps.call,
    registry: deps.registry,
    backends: deps.backends,
    clock: deps.clock,
    worldClock: deps.worldClock,
    timeScale: deps.timeScale ?? 1,
    pollIntervalMs: deps.pollIntervalMs ?? 1e3,
    logger: deps.logger,
    changed: (id) => events.emit(id)
  };
  let closed = false;
  function runbookNamed(name2, evenUnavailable = false) {
    const runbook = byName.get(name2);
    const why = unavailable.get(name2);
    if (why && !evenUnavailable) throw new RunbookError([`runbook ${name2} cannot run here: ${why}`]);
    if (!runbook) {
      const known = [...byName.keys()].filter((n) => !unavailable.has(n)).join(", ") || "none loaded";
      throw new RunbookError([`unknown runbook "${name2}" (known: ${known})`]);
    }
    return runbook;
  }
  function status(id) {
    const exec = store.get(id);
    if (!exec) return void 0;
    return executionStatus(exec, store.steps(id), byName.get(exec.runbook), deps.approvals);
  }
  function launch(id) {
    const exec = store.get(id);
    if (exec?.state !== "running" || runs.has(id) || closed) return;
    const runbook = byName.get(exec.runbook);
    const controller = new AbortController();
    const logger = deps.logger.child({ execution: id, runbook: exec.runbook });
    if (!runbook) {
      finishExecution({ deps: engine, exec }, "escalate", {
        message: `runbook ${exec.runbook} is no longer loaded; not resuming this run`
      });
      return;
    }
    const done = runExecution({ deps: engine, exec, runbook, signal: controller.signal, logger }).catch((err) => {
      logger.error({ err }, "runbook execution stopped: could not record its progress");
    }).finally(() => runs.delete(id));
    runs.set(id, { controller, done });
  }
  function checkActions(runbook, params, dryRun) {
    const scope = {
      params,
      runbook: { name: runbook.name, version: runbook.version },
      execution: { id: "check" }
    };
    const problems = [];
    let firstActionArgs;
    for (const step of runbook.steps.map((s) => resolveStep(s, scope))) {
      if (step.kind !== "action") continue;
      firstActionArgs ??= step.args;
      const tool = deps.registry.get(step.tool);
      if (!tool) continue;
      const args = dryRun && tool.kind === "mutate" ? { ...step.args, dryRun: true } : step.args;
      const parsed = tool.input.safeParse(args);
      if (!parsed.success)
        problems.push(
          `step ${step.id}: invalid arguments for ${step.tool}: ${formatZodIssues(parsed.error)}`
        );
    }
    if (problems.length) throw new RunbookError(problems, `runbook ${runbook.name} cannot run`);
    return firstActionArgs;
  }
  return {
    list() {
      const counts = store.counts();
      return [...byName.values()].filter((r) => !unavailable.has(r.name)).map((r) => {
        const c = counts.get(r.name);
        const runs2 = {
          total: c?.total ?? 0,
          resolved: c?.resolved ?? 0,
          escalated: c?.escalated ?? 0,
          failed: c?.failed ?? 0
        };
        const decided = runs2.resolved + runs2.escalated + runs2.failed;
        return {
          name: r.name,
          version: r.version,
          title: r.title,
          description: r.description,
          matches: r.matches,
          params: r.params,
          runs: runs2,
          successRate: decided ? runs2.resolved / decided : null
        };
      });
    },
    get: (name2) => unavailable.has(name2) ? void 0 : byName.get(name2),
    unavailable: (name2) => unavailable.get(name2),
    plan: (name2, params, principal) => planRunbook(runbookNamed(name2), params, principal, deps.preview),
    targetOf(name2, params) {
      const runbook = runbookNamed(name2, true);
      const resolved = resolveParams(runbook, params);
      return executionTarget(runbook, resolved, checkActions(runbook, resolved, false));
    },
    start(name2, given, opts) {
      if (closed) throw new Error("the runbook service is shutting down");
      const runbook = runbookNamed(name2);
      const params = resolveParams(runbook, given);
      const target = executionTarget(runbook, params, checkActions(runbook, params, opts.dryRun));
      const exec = store.insert({
        runbook: runbook.name,
        version: runbook.version,
        digest: runbook.digest,
        params,
        principal: opts.principal,
        reason: opts.reason,
        dryRun: opts.dryRun,
        target,
        startedAt: deps.clock.now().toISOString(),
        startedWallMs: Date.now()
      });
      try {
        deps.audit.append({
          type: "runbook.started",
          principal: opts.principal.id,
          data: {
            runbook: { name: runbook.name, version: runbook.version, digest: runbook.digest },
            execution: exec.id,
            params,
            target: target.key,
            reason: opts.reason,
            dryRun: opts.dryRun
          }
        });
      } catch (err) {
        store.finish(exec.id, {
          outcome: "failed",
          endedAt: deps.clock.now().toISOString(),
          durationMs: 0,
          message: `not started: ${err.message}`
        });
        throw err;
      }
      launch(exec.id);
      return status(exec.id);
    },
    status,
    cancel(id, principal, reason) {
      const exec = store.get(id);
      if (!exec) throw new RunbookError([`no runbook execution with id ${id}`]);
      if (exec.state !== "running") {
        throw new RunbookError([
          `execution ${id} already ended: ${exec.outcome}${exec.decidedBy ? ` at step ${exec.decidedBy}` : ""}`
        ]);
      }
      finishExecution({ deps: engine, exec }, "cancelled", {
        ...exec.currentStep ? { decidedBy: exec.currentStep } : {},
        message: `cancelled by ${principal.id}: ${reason}`,
        cancelledBy: principal.id
      });
      for (const visit of store.steps(id).filter((v) => v.state !== "done")) {
        store.updateStep({
          ...visit,
          state: "done",
          outcome: "cancelled",
          endedAt: deps.clock.now().toISOString()
        });
      }
      runs.get(id)?.controller.abort(new Error("cancelled"));
      return status(id);
    },
    wait(id, opts) {
      const first = status(id);
      if (!first) return Promise.reject(new RunbookError([`no runbook execution with id ${id}`]));
      if (first.state === "finished" || opts.signal?.aborted) return Promise.resolve(first);
      return new Promise((resolve2) => {
        const settle = () => {
          clearTimeout(timer);
          events.off(id, onEvent);
          opts.signal?.removeEventListener("abort", settle);
          resolve2(status(id));
        };
        const onEvent = () => {
          const now = status(id);
          opts.onChange?.(now);
          if (now.state === "finished") settle();
        };
        const timer = setTimeout(settle, opts.timeoutMs);
        events.on(id, onEvent);
        opts.signal?.addEventListener("abort", settle, { once: true });
      });
    },
    resume() {
      for (const exec of store.running()) {
        deps.logger.info(
          { execution: exec.id, runbook: exec.runbook, step: exec.currentStep },
          "resuming runbook execution"
        );
        launch(exec.id);
      }
    },
    async close() {
      closed = true;
      const pending = [...runs.values()];
      for (const run of pending) run.controller.abort(new Error("shutting down"));
      await Promise.race([
        Promise.all(pending.map((r) => r.done)),
        new Promise((r) => setTimeout(r, CLOSE_GRACE_MS).unref())
      ]);
      events.removeAllListeners();
    }
  };
}
function unservedSteps(runbooks, registry) {
  const unavailable = /* @__PURE__ */ new Map();
  for (const runbook of runbooks) {
    const step = runbook.steps.find((s) => s.kind === "action" && !registry.get(s.tool));
    if (step?.kind !== "action") continue;
    const by = registry.withheld(step.tool)?.by ?? "not in the catalog";
    unavailable.set(
      runbook.name,
      `step ${step.id} calls ${step.tool}, which this server does not serve (${by})`
    );
  }
  return unavailable;
}

// src/server/metrics-on-demand.ts
function metricsOnDemand(sources, logger) {
  const metrics = loadOnce(async () => (await import("./chunk-BM6WKLMS.js")).createMetrics(sources));
  return {
    recordCall({ tool, effect, outcome, seconds: seconds3 }) {
      metrics().then(
        (m) => {
          m.callDuration.observe({ tool }, seconds3);
          m.toolCalls.inc({ tool, effect, outcome });
        },
        (err) => logger.error({ err }, "metrics: prom-client did not load; call not counted")
      );
    },
    render: async () => (await metrics()).render()
  };
}

// src/store/checkpointer.ts
import { Worker } from "node:worker_threads";
function startCheckpointer(db, path, logger, intervalMs = 1e3) {
  if (path === ":memory:") return { stop: async () => {
  } };
  db.exec("PRAGMA wal_autocheckpoint = 0");
  let stopping = false;
  let running;
  const starting = setTimeout(() => {
    running = startWorker();
  }, intervalMs).unref();
  function startWorker() {
    const worker = new Worker(entryModuleUrl("store/checkpoint-worker"), {
      workerData: { path, intervalMs }
    });
    const exited = new Promise((resolve2) => worker.once("exit", () => resolve2()));
    worker.on("message", (m) => {
      if (m.error) logger.warn({ err: m.error }, "WAL checkpoint failed; will retry");
    });
    worker.on("error", (err) => {
      if (stopping || !db.isOpen) return;
      logger.error({ err }, "WAL checkpointer stopped; falling back to automatic checkpoints");
      db.exec("PRAGMA wal_autocheckpoint = 1000");
    });
    worker.unref();
    return { worker, exited };
  }
  return {
    async stop() {
      stopping = true;
      clearTimeout(starting);
      if (!running) return;
      running.worker.ref();
      running.worker.postMessage("stop");
      await running.exited;
    }
  };
}

// src/app.ts
var systemClock = { now: () => /* @__PURE__ */ new Date() };
var INCIDENT_SWEEP_MS = 3e4;
function createLogger(level, destination = import_pino.default.destination(2)) {
  return (0, import_pino.default)(
    { level, base: { service: "opswarden" }, hooks: { streamWrite: (line) => redactString(line).text } },
    destination
  );
}
function createApp(opts) {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const worldClock = opts.worldClock ?? clock;
  const logger = opts.logger ?? createLogger(config.logging.level);
  const runbookList = [...loadRunbooks(config.runbooks.dir), ...opts.extraRunbooks ?? []];
  const registry = servedRegistry(toolsets, opts.extraTools ?? [], config);
  const checkpointPlan = config.audit.checkpoints && planCheckpoints(config.audit.checkpoints, {
    storePath: config.store.path,
    jsonlPath: config.audit.jsonl
  });
  const db = openDatabase(config.store.path);
  const checkpointer = startCheckpointer(db, config.store.path, logger);
  const signing = checkpointPlan && startCheckpointSigning(checkpointPlan, { db, logger, clock });
  const audit = AuditLog.open(db, {
    jsonlPath: config.audit.jsonl,
    clock,
    ...signing ? { onAppended: (records) => signing.appended(records.at(-1).seq) } : {}
  });
  const policy = PolicyStore.open(config.policy.bundle, {
    logger,
    onLoaded: (b) => audit.append({ type: "policy.loaded", data: { bundle: b.ref, path: config.policy.bundle } }),
    onRefused: (path, error) => audit.append({
      type: "policy.refused",
      data: { path, error: error.message, keeping: policy.current().ref }
    })
  });
  if (config.policy.watch) policy.watch();
  const approvals = new ApprovalStore(db, audit, clock, sealFromConfig(config));
  const changes = new ChangeStore(db, audit, clock);
  const backends = {
    approvals,
    changes,
    audit: worldTimeAudit(audit, { clock, worldClock, timeScale: opts.timeScale ?? 1 }),
    catalog: config.services,
    ...createBackends(config),
    ...opts.backends
  };
  const kubernetes = backends.kubernetes;
  const backendsFor = config.kubernetes?.impersonate && kubernetes ? (p) => p.transport === "http" ? { ...backends, kubernetes: kubernetes.impersonate(p.id) } : backends : void 0;
  const dispatcher = createDispatcher({
    registry,
    policy,
    audit,
    approvals,
    backends,
    config,
    logger,
    clock,
    worldClock,
    ...backendsFor ? { backendsFor } : {},
    ...opts.onExecuted ? { onExecuted: opts.onExecuted } : {}
  });
  const metrics = metricsOnDemand(
    {
      approvalsPending: () => approvals.countPending(),
      auditAppends: () => audit.stats().appends,
      incidentsOpen: () => openIncidentCount(backends),
      kpis: kpisForMetrics(backends, worldClock, logger)
    },
    logger
  );
  async function call(req) {
    const started = performance.now();
    const outcome = await dispatcher.call(req);
    const seconds3 = (performance.now() - started) / 1e3;
    metrics.recordCall({
      tool: req.tool,
      effect: outcome.effect ?? "none",
      outcome: outcome.outcome,
      seconds: seconds3
    });
    return outcome;
  }
  const runbooks = createRunbookService({
    db,
    audit,
    approvals,
    call,
    preview: (req) => dispatcher.preview(req),
    registry,
    backends,
    clock,
    worldClock,
    ...opts.timeScale ? { timeScale: opts.timeScale } : {},
    runbooks: runbookList,
    logger
  });
  backends.runbooks = runbooks;
  runbooks.resume();
  const incidents = new IncidentRecords(db, audit, worldClock, {
    catalog: config.services,
    groupWindowMs: parseDuration(config.incidents.groupWindow),
    autoResolveAfterMs: parseDuration(config.incidents.autoResolveAfter),
    enrich: createEnricher({ backends, catalog: config.services, clock: worldClock }),
    changes,
    ...backends.audit ? { auditReader: backends.audit } : {},
    logger
  });
  backends.incidents = incidents;
  const sweeper = setInterval(() => {
    try {
      incidents.sweep(worldClock.now());
    } catch (err) {
      logger.error({ err }, "incident auto-resolve sweep failed");
    }
  }, INCIDENT_SWEEP_MS).unref();
  signing?.checkpoint();
  return {
    config,
    db,
    version: package_default.version,
    registry,
    policy,
    audit,
    approvals,
    changes,
    runbooks,
    incidents,
    clock,
    worldClock,
    logger,
    metrics,
    call,
    preview: (req) => dispatcher.preview(req),
    async close() {
      clearInterval(sweeper);
      await incidents.close();
      await runbooks.close();
      policy.close();
      await signing?.close();
      await checkpointer.stop();
      db.close();
    }
  };
}

export {
  require_pino,
  RunbookError,
  problemLines,
  didYouMean,
  COMPARISON_OPS,
  SET_OPS,
  typeOf,
  unwrapParens,
  PromqlError,
  timedOut,
  executionError,
  promRegex,
  matcherAccepts,
  labelsMatch,
  parseExpr,
  parseSelectorMatchers,
  checkParams,
  END_STATES,
  KEBAB,
  loadRunbook,
  loadRunbooks,
  systemClock,
  createLogger,
  createApp
};

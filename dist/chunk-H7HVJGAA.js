import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  external_exports
} from "./chunk-ERFH3KHH.js";

// src/config/environments.ts
var PRODUCTION = "production";
var BUILTIN_ENVIRONMENT_ALIASES = {
  production: ["production", "prod", "prd", "live"],
  staging: ["staging", "stage", "stg", "preprod", "pre-prod", "uat"],
  development: ["development", "dev", "test", "qa", "sandbox"]
};
var normalize = (value) => value.trim().toLowerCase();
function lookup(value, aliases) {
  const wanted = normalize(value);
  return Object.entries(aliases).find(([, values]) => values.includes(wanted))?.[0];
}
function canonicalEnvironment(value, aliases) {
  return value !== void 0 && lookup(value, aliases) || PRODUCTION;
}
var CANONICAL_NAME = /^[a-z0-9][a-z0-9-]*$/;
var environmentValue = external_exports.string().min(1);
var namespaceMapping = external_exports.record(external_exports.string(), environmentValue).default({}).describe("Namespace -> environment: a canonical name or one of its aliases");
var environmentsSchema = external_exports.object({
  aliases: external_exports.record(
    external_exports.string(),
    external_exports.array(external_exports.string().regex(/\S/, "a non-empty value")).describe(
      "Values meaning this environment (case-insensitive, trimmed); the name itself always counts"
    )
  ).default({}).describe(
    "Canonical environment -> the values that mean it. A name listed here replaces its built-in aliases, names left out keep theirs; a value in no list is production"
  ),
  namespaces: namespaceMapping,
  default: environmentValue.default(PRODUCTION).describe("Environment of a target nothing else maps"),
  clusters: external_exports.record(
    external_exports.string().min(1),
    external_exports.object({
      namespaces: namespaceMapping,
      default: environmentValue.optional().describe("Environment of this cluster's targets that neither mapping nor label names")
    }).strict()
  ).default({}).describe(
    "Cluster name -> its own namespace mapping (and default), which wins over the global one for targets in that cluster, the default cluster included"
  )
}).strict().transform((raw, ctx) => {
  const aliases = aliasTable(raw.aliases, ctx);
  const canonical = (value, path) => {
    const name = lookup(value, aliases);
    if (name) return name;
    ctx.addIssue({
      code: "custom",
      path,
      message: `"${value}" is not an environment: use one of ${Object.keys(aliases).join(", ")} or an alias of one (environments.aliases)`
    });
    return value;
  };
  const mapping = (namespaces, path) => Object.fromEntries(Object.entries(namespaces).map(([ns, env]) => [ns, canonical(env, [...path, ns])]));
  return {
    aliases,
    namespaces: mapping(raw.namespaces, ["namespaces"]),
    default: canonical(raw.default, ["default"]),
    clusters: Object.fromEntries(
      Object.entries(raw.clusters).map(([cluster, c]) => [
        cluster,
        {
          namespaces: mapping(c.namespaces, ["clusters", cluster, "namespaces"]),
          ...c.default !== void 0 ? { default: canonical(c.default, ["clusters", cluster, "default"]) } : {}
        }
      ])
    )
  };
}).prefault({});
var DEFAULT_ENVIRONMENTS = environmentsSchema.parse(void 0);
function aliasTable(configured, ctx) {
  const table = { ...BUILTIN_ENVIRONMENT_ALIASES, ...configured };
  const owner = /* @__PURE__ */ new Map();
  const isConfigured = (name) => Object.hasOwn(configured, name);
  const where = (name) => isConfigured(name) ? `environments.aliases.${name}` : `the built-in aliases of ${name}`;
  return Object.fromEntries(
    Object.entries(table).map(([name, values]) => {
      if (!CANONICAL_NAME.test(name))
        ctx.addIssue({
          code: "custom",
          path: ["aliases", name],
          message: "the key must be a lowercase environment name such as production or staging"
        });
      const normalized = [.../* @__PURE__ */ new Set([name, ...values.map(normalize)])];
      for (const value of normalized) {
        const first = owner.get(value);
        if (first === void 0) owner.set(value, name);
        else
          ctx.addIssue({
            code: "custom",
            path: ["aliases", isConfigured(name) ? name : first],
            message: `"${value}" is listed under both ${first} (${where(first)}) and ${name} (${where(name)}): an alias means one environment`
          });
      }
      return [name, normalized];
    })
  );
}

export {
  canonicalEnvironment,
  environmentsSchema,
  DEFAULT_ENVIRONMENTS
};

// How environments are named: a table of canonical names (production, staging,
// development, plus any the config adds), each with the values that mean it. A namespace
// label, a silence matcher or a config mapping is looked up in the table, trimmed and
// ignoring case; a value in no list is production (fail closed), so a namespace labelled
// `prod`, ` PRD `, `live` or `blue` is gated like production, never waved through.

import { z } from 'zod';

export const PRODUCTION = 'production';

/** Canonical environment name -> every value (normalized) that means it. */
export type EnvironmentAliases = Readonly<Record<string, readonly string[]>>;

/**
 * The built-in table. Only values that unmistakably mean "not production" are listed
 * under staging and development; a value missing from the table costs an approval, a
 * wrong one here would let changes through unapproved.
 */
export const BUILTIN_ENVIRONMENT_ALIASES: EnvironmentAliases = {
  production: ['production', 'prod', 'prd', 'live'],
  staging: ['staging', 'stage', 'stg', 'preprod', 'pre-prod', 'uat'],
  development: ['development', 'dev', 'test', 'qa', 'sandbox'],
};

const normalize = (value: string): string => value.trim().toLowerCase();

/** The canonical name whose list holds `value`, if any. */
function lookup(value: string, aliases: EnvironmentAliases): string | undefined {
  const wanted = normalize(value);
  return Object.entries(aliases).find(([, values]) => values.includes(wanted))?.[0];
}

/** The canonical name `value` means; anything not in the table, or nothing, is production. */
export function canonicalEnvironment(value: string | undefined, aliases: EnvironmentAliases): string {
  return (value !== undefined && lookup(value, aliases)) || PRODUCTION;
}

const CANONICAL_NAME = /^[a-z0-9][a-z0-9-]*$/;
const environmentValue = z.string().min(1);
const namespaceMapping = z
  .record(z.string(), environmentValue)
  .default({})
  .describe('Namespace -> environment: a canonical name or one of its aliases');

export const environmentsSchema = z
  .object({
    aliases: z
      .record(
        z.string(),
        z
          .array(z.string().regex(/\S/, 'a non-empty value'))
          .describe(
            'Values meaning this environment (case-insensitive, trimmed); the name itself always counts',
          ),
      )
      .default({})
      .describe(
        'Canonical environment -> the values that mean it. A name listed here replaces its built-in ' +
          'aliases, names left out keep theirs; a value in no list is production',
      ),
    namespaces: namespaceMapping,
    default: environmentValue.default(PRODUCTION).describe('Environment of a target nothing else maps'),
    clusters: z
      .record(
        z.string().min(1),
        z
          .object({
            namespaces: namespaceMapping,
            default: environmentValue
              .optional()
              .describe("Environment of this cluster's targets that neither mapping nor label names"),
          })
          .strict(),
      )
      .default({})
      .describe(
        'Cluster name -> its own namespace mapping (and default), which wins over the global one ' +
          'for targets in that cluster, the default cluster included',
      ),
  })
  .strict()
  .transform((raw, ctx) => {
    const aliases = aliasTable(raw.aliases, ctx);
    const canonical = (value: string, path: (string | number)[]): string => {
      const name = lookup(value, aliases);
      if (name) return name;
      ctx.addIssue({
        code: 'custom',
        path,
        message: `"${value}" is not an environment: use one of ${Object.keys(aliases).join(', ')} or an alias of one (environments.aliases)`,
      });
      return value;
    };
    const mapping = (namespaces: Record<string, string>, path: string[]) =>
      Object.fromEntries(Object.entries(namespaces).map(([ns, env]) => [ns, canonical(env, [...path, ns])]));
    return {
      aliases,
      namespaces: mapping(raw.namespaces, ['namespaces']),
      default: canonical(raw.default, ['default']),
      clusters: Object.fromEntries(
        Object.entries(raw.clusters).map(([cluster, c]) => [
          cluster,
          {
            namespaces: mapping(c.namespaces, ['clusters', cluster, 'namespaces']),
            ...(c.default !== undefined
              ? { default: canonical(c.default, ['clusters', cluster, 'default']) }
              : {}),
          },
        ]),
      ),
    };
  })
  .prefault({});

export type EnvironmentsConfig = z.output<typeof environmentsSchema>;

declare module '../backends/types.ts' {
  interface Backends {
    /** How targets map to environments, for tools that show it (k8s_namespaces_list). */
    environments?: EnvironmentsConfig;
  }
}

/** The built-in table with no mappings: what `opswarden policy test` resolves cases through. */
export const DEFAULT_ENVIRONMENTS: EnvironmentsConfig = environmentsSchema.parse(undefined);

/**
 * The built-in table with the config's names laid over it, every value normalized and each
 * name listed as its own alias. A value under two names is an error naming both.
 */
function aliasTable(configured: Record<string, string[]>, ctx: z.RefinementCtx): Record<string, string[]> {
  const table = { ...BUILTIN_ENVIRONMENT_ALIASES, ...configured };
  const owner = new Map<string, string>();
  const isConfigured = (name: string) => Object.hasOwn(configured, name);
  const where = (name: string) =>
    isConfigured(name) ? `environments.aliases.${name}` : `the built-in aliases of ${name}`;
  return Object.fromEntries(
    Object.entries(table).map(([name, values]) => {
      if (!CANONICAL_NAME.test(name))
        ctx.addIssue({
          code: 'custom',
          path: ['aliases', name],
          message: 'the key must be a lowercase environment name such as production or staging',
        });
      const normalized = [...new Set([name, ...values.map(normalize)])];
      for (const value of normalized) {
        const first = owner.get(value);
        if (first === undefined) owner.set(value, name);
        else
          ctx.addIssue({
            code: 'custom',
            path: ['aliases', isConfigured(name) ? name : first],
            message: `"${value}" is listed under both ${first} (${where(first)}) and ${name} (${where(name)}): an alias means one environment`,
          });
      }
      return [name, normalized];
    }),
  );
}

// The one config file (opswarden.yaml), validated by zod at start. Every key is described
// so `opswarden config check` and errors can point at it. Secrets come from `${VAR}`
// references, expanded by the loader before validation.

import { z } from 'zod';
import { parsePublicKey } from '../approvals/proof.ts';
import { checkpointsConfigSchema } from '../audit/signing/config.ts';
import { accessConfigSchema } from '../dispatch/access.ts';
import { serviceCatalogSchema } from '../incidents/catalog.ts';
import { oncallConfigSchema } from '../oncall/config.ts';
import { packagePath } from '../package-paths.ts';
import { authConfigSchema } from '../server/auth/config.ts';
import { metricsTokenSchema } from '../server/metrics-token.ts';
import { DEFAULT_MAX_BYTES } from '../shape/budget.ts';
import { telemetryConfigSchema } from '../telemetry/config.ts';
import { environmentsSchema } from './environments.ts';
import { limitsConfigSchema } from './limits.ts';
import { toolsConfigSchema } from './tools.ts';

/** The bundle shipped with opswarden, used when the config names none. */
export const BUILTIN_POLICY = packagePath('policies/default.yaml');
/** The runbooks shipped with opswarden, used when the config names no directory. */
export const BUILTIN_RUNBOOKS = packagePath('runbooks');

const duration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration like 90s, 15m, 1h or 7d');

/** SQLite (the default, one process) or PostgreSQL (`url`: several replicas on one database). */
const storeConfigSchema = z
  .object({
    path: z.string().default('.opswarden/opswarden.db').describe('SQLite file (when no url is set)'),
    url: z
      .string()
      .regex(
        /^postgres(ql)?:\/\/[^/]+\/[^/?#]+/,
        'a PostgreSQL URL like postgres://user@db.internal:5432/opswarden',
      )
      .refine((url) => URL.canParse(url), {
        message:
          'not a valid URL: percent-encode reserved characters in the user or password (/ as %2F, @ as %40)',
      })
      .optional()
      .describe(
        'PostgreSQL database for team mode; replicas on the same url share one store. Take the password from an environment variable reference, not the file',
      ),
    tls: z
      .object({
        ca: z.string().optional().describe("PEM file of the CA that signed the server's certificate"),
        cert: z.string().optional().describe('PEM client certificate file, for certificate auth'),
        key: z.string().optional().describe("PEM file of the client certificate's key"),
        servername: z
          .string()
          .optional()
          .describe('Name to check the server certificate against, when not the URL host'),
        rejectUnauthorized: z
          .boolean()
          .default(true)
          .describe('Refuse a server certificate the CA did not sign (turn off only to test)'),
      })
      .strict()
      .optional()
      .describe('TLS to PostgreSQL; without it the connection is plain (fine on loopback only)'),
    statementTimeout: duration
      .default('5s')
      .describe('Longest a statement or a wait for the write lock may take'),
    lease: duration
      .default('15s')
      .describe(
        'How long a replica holds a runbook run without renewing; another replica takes it over after',
      ),
  })
  .strict()
  .refine((s) => !s.tls || s.url, { message: 'tls is for a PostgreSQL url; set store.url', path: ['tls'] })
  .default({ path: '.opswarden/opswarden.db', statementTimeout: '5s', lease: '15s' });

/** How opswarden authenticates to an HTTP backend (Prometheus, Alertmanager): one or neither. */
const httpAuthFields = {
  basicAuth: z
    .object({
      username: z.string().min(1).describe('Basic auth user'),
      password: z.string().min(1).describe('Basic auth password, from an environment variable reference'),
    })
    .strict()
    .optional()
    .describe('HTTP basic auth'),
  bearerToken: z.string().min(1).optional().describe('Bearer token, from an environment variable reference'),
};
const oneAuth = (c: { basicAuth?: unknown; bearerToken?: unknown }) => !(c.basicAuth && c.bearerToken);

export const principalSchema = z
  .object({
    id: z.string().min(1).describe('Principal id recorded in the audit log'),
    type: z.enum(['human', 'agent', 'service']).describe('Who is behind the client'),
    roles: z.array(z.string()).default([]).describe('Roles the policy and approvals see'),
    publicKey: z
      .string()
      .superRefine((text, ctx) => {
        try {
          parsePublicKey(text);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      })
      .optional()
      .describe(
        'Ed25519 public key (the line `opswarden approvals keygen` prints): lets this approver decide with `approvals approve --key`',
      ),
  })
  .strict();

export const configSchema = z
  .object({
    server: z
      .object({
        name: z.string().default('opswarden').describe('Server name reported to MCP clients'),
        readOnly: z.boolean().default(false).describe('List and serve read tools only'),
        http: z
          .object({
            host: z.string().default('127.0.0.1').describe('Bind address for --http'),
            port: z.number().int().min(0).max(65535).default(8787).describe('Port for --http'),
            stateless: z.boolean().default(false).describe('No MCP sessions: each POST stands alone'),
            allowedHosts: z.array(z.string()).default([]).describe('Host headers accepted besides loopback'),
            allowedOrigins: z.array(z.string()).default([]).describe('Browser origins accepted'),
            publicUrl: z.string().url().optional().describe('External URL of /mcp, for auth metadata'),
            metricsToken: metricsTokenSchema.optional(),
          })
          .strict()
          .default({
            host: '127.0.0.1',
            port: 8787,
            stateless: false,
            allowedHosts: [],
            allowedOrigins: [],
          }),
      })
      .strict()
      .default({
        name: 'opswarden',
        readOnly: false,
        http: { host: '127.0.0.1', port: 8787, stateless: false, allowedHosts: [], allowedOrigins: [] },
      }),
    principal: principalSchema
      .default({ id: 'local-user', type: 'human', roles: [] })
      .describe('Who is calling over stdio (HTTP callers authenticate)'),
    principals: z
      .array(principalSchema)
      .default([])
      .describe(
        'Approvers who decide from the CLI on the store (`opswarden approvals approve <id> --key <file>`), each with a publicKey',
      ),
    auth: authConfigSchema.optional(),
    access: accessConfigSchema.prefault({}),
    tools: toolsConfigSchema.prefault({}),
    policy: z
      .object({
        bundle: z.string().default(BUILTIN_POLICY).describe('Policy bundle file (default: the built-in one)'),
        watch: z.boolean().default(true).describe('Reload the bundle when the file changes'),
        changeFreeze: z
          .array(
            z
              .object({
                start: z.iso.datetime({ offset: true }).describe('RFC 3339 start'),
                end: z.iso.datetime({ offset: true }).describe('RFC 3339 end'),
                reason: z.string().optional(),
              })
              .strict(),
          )
          .default([])
          .describe('Windows in which context.changeFreeze is true'),
      })
      .strict()
      .default({ bundle: BUILTIN_POLICY, watch: true, changeFreeze: [] }),
    services: serviceCatalogSchema
      .default([])
      .describe(
        'The service catalog: workloads, dependencies and golden-signal queries (incidents, correlation)',
      ),
    incidents: z
      .object({
        groupWindow: duration
          .default('15m')
          .describe('Alerts this close in time on connected services join the same incident'),
        autoResolveAfter: duration
          .default('10m')
          .describe('An incident resolves once all its alerts have been resolved this long'),
      })
      .strict()
      .default({ groupWindow: '15m', autoResolveAfter: '10m' }),
    runbooks: z
      .object({
        dir: z
          .string()
          .default(BUILTIN_RUNBOOKS)
          .describe('Directory of runbooks (<name>.yaml, tests beside them); default: the built-in ones'),
      })
      .strict()
      .default({ dir: BUILTIN_RUNBOOKS }),
    environments: environmentsSchema.describe(
      "How a target's environment is found: mappings, the namespace label, aliases; unknown is production",
    ),
    kubernetes: z
      .object({
        kubeconfig: z
          .string()
          .optional()
          .describe('kubeconfig file (default $KUBECONFIG, then ~/.kube/config)'),
        inCluster: z
          .boolean()
          .default(false)
          .describe("Use the pod's service account instead of a kubeconfig"),
        clusters: z
          .record(z.string(), z.object({ context: z.string().min(1) }).strict())
          .optional()
          .describe('cluster name -> kubeconfig context (default: every context, by name)'),
        defaultCluster: z.string().optional().describe('Cluster used when a call names none'),
        impersonate: z
          .boolean()
          .default(false)
          .describe(
            'HTTP callers act as their principal id (Impersonate-User), so cluster RBAC applies to them',
          ),
      })
      .strict()
      .optional()
      .describe('Kubernetes access; the Kubernetes tools report "not configured" without it'),
    alertmanager: z
      .object({
        url: z.url().describe('Alertmanager base URL, e.g. http://alertmanager:9093 (API v2)'),
        ...httpAuthFields,
        timeout: duration.default('30s').describe('Timeout of one API request'),
      })
      .strict()
      .refine(oneAuth, 'set basicAuth or bearerToken, not both')
      .optional()
      .describe('Alertmanager access; the am_* tools report "not configured" without it'),
    prometheus: z
      .object({
        url: z.url().describe('Prometheus (or compatible API) base URL, e.g. http://prometheus:9090'),
        ...httpAuthFields,
        tls: z
          .object({
            caFile: z.string().optional().describe('PEM file of the CA that signed the server certificate'),
            insecureSkipVerify: z.boolean().default(false).describe('Do not verify the server certificate'),
          })
          .strict()
          .optional(),
        limits: z
          .object({
            maxRange: duration.default('7d').describe('Longest range one query may span'),
            maxSeries: z.number().int().min(1).default(500).describe('Most series one query may return'),
            maxPoints: z
              .number()
              .int()
              .min(100)
              .default(11_000)
              .describe('Most points per series of a range query'),
            timeout: duration.default('30s').describe('Timeout of one API request'),
          })
          .strict()
          .default({ maxRange: '7d', maxSeries: 500, maxPoints: 11_000, timeout: '30s' }),
      })
      .strict()
      .refine(oneAuth, 'set basicAuth or bearerToken, not both')
      .optional()
      .describe('Prometheus access; the prom_* tools report "not configured" without it'),
    cloudwatch: z
      .object({
        region: z.string().min(1).describe('AWS region of the log groups, e.g. eu-west-1'),
        endpoint: z
          .url()
          .optional()
          .describe('Endpoint override (a VPC endpoint, or the sandbox CloudWatch Logs endpoint)'),
        profile: z
          .string()
          .optional()
          .describe('Shared-config profile (default: the default credential chain)'),
        limits: z
          .object({
            maxRange: duration.default('24h').describe('Longest time range one query may cover'),
            maxLogGroups: z
              .number()
              .int()
              .min(1)
              .max(50)
              .default(10)
              .describe('Log groups one query may read'),
            pollInterval: duration.default('1s').describe('How often a Logs Insights query is polled'),
          })
          .strict()
          .default({ maxRange: '24h', maxLogGroups: 10, pollInterval: '1s' }),
      })
      .strict()
      .optional()
      .describe('CloudWatch Logs access; the CloudWatch tools report "not configured" without it'),
    store: storeConfigSchema,
    audit: z
      .object({
        jsonl: z.string().default('.opswarden/audit.jsonl').describe('JSON-lines mirror of the audit log'),
        checkpoints: checkpointsConfigSchema.optional(),
      })
      .strict()
      .default({ jsonl: '.opswarden/audit.jsonl' }),
    approvals: z
      .object({
        elicitationTimeout: duration.default('5m').describe('How long to wait for an in-client answer'),
        signingSecret: z
          .string()
          .min(32, 'at least 32 characters (e.g. `openssl rand -base64 32`)')
          .optional()
          .describe(
            'Secret that seals decisions made through this server, from an environment variable reference; set the same one on every replica (and to keep granted approvals across a restart). Default: random per process',
          ),
      })
      .strict()
      .default({ elicitationTimeout: '5m' }),
    output: z
      .object({
        maxBytes: z
          .number()
          .int()
          .min(1024)
          .default(DEFAULT_MAX_BYTES)
          .describe('Byte budget of one tool result'),
      })
      .strict()
      .default({ maxBytes: DEFAULT_MAX_BYTES }),
    limits: limitsConfigSchema,
    logging: z
      .object({
        level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
      })
      .strict()
      .default({ level: 'info' }),
    telemetry: telemetryConfigSchema.optional(),
    oncall: oncallConfigSchema.prefault({}),
  })
  .strict();

export type Config = z.output<typeof configSchema>;

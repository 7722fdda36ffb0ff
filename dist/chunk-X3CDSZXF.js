import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  createBackends
} from "./chunk-W6PWXQFJ.js";
import {
  verifyAudit
} from "./chunk-JF3SIGD5.js";
import {
  servedRegistry,
  toolsets
} from "./chunk-BCXWD7VT.js";
import {
  loadBundleFile
} from "./chunk-NLPXBWST.js";
import "./chunk-GFKUMQPK.js";
import "./chunk-SAMT74J2.js";
import "./chunk-BWUYPZKP.js";
import {
  openDatabase,
  redactString
} from "./chunk-7MTLSPUB.js";
import {
  printable
} from "./chunk-B7URVGV7.js";
import "./chunk-AOVEPBOJ.js";
import {
  ConfigError,
  loadConfig,
  resolveConfigPath
} from "./chunk-IMRIVU32.js";
import "./chunk-HI7OID35.js";
import "./chunk-H7HVJGAA.js";
import "./chunk-C45OCBOW.js";
import "./chunk-E2EGGSXF.js";
import "./chunk-ERFH3KHH.js";
import {
  contextKubeConfig,
  loadKubeContexts
} from "./chunk-VVOPCFSB.js";
import "./chunk-S7KEFJET.js";
import {
  BackendError
} from "./chunk-RLB2M3XB.js";
import "./chunk-QXZT5HPF.js";
import {
  PromError
} from "./chunk-P66QBBFG.js";
import "./chunk-PB6ZSKJE.js";

// src/cli/doctor.ts
import { parseArgs } from "node:util";

// src/doctor/check.ts
var passed = (subject, detail) => ({ ok: true, subject, detail });
var failed = (subject, detail, fix) => ({
  ok: false,
  subject,
  detail,
  fix
});
function shownUrl(text) {
  try {
    const url = new URL(text);
    url.username = "";
    url.password = "";
    return url.toString().replace(/\/$/, "");
  } catch {
    return "(not a URL)";
  }
}
function errorText(err) {
  const message = err instanceof Error ? err.message : String(err);
  const first = message.split("\n")[0] ?? "";
  return printable(redactString(first).text);
}
function formatCheck(check) {
  const line = `${check.ok ? "\u2713" : "\u2717"} ${check.subject}: ${check.detail}`;
  return check.fix ? `${line} \u2192 ${check.fix}` : line;
}

// src/doctor/http-backends.ts
async function probeChecks(probe) {
  const { subject } = probe;
  try {
    const said = await probe.read();
    return [passed(subject, "reachable"), passed(subject, `credentials accepted (${said})`)];
  } catch (err) {
    const status = probe.statusOf(err);
    if (status === void 0)
      return [failed(subject, `unreachable: ${errorText(err)}`, probe.fixUnreachable)];
    const reached = passed(subject, `reachable (HTTP ${status})`);
    if (status === 401 || status === 403)
      return [reached, failed(subject, `credentials refused (HTTP ${status})`, probe.fixCredentials)];
    return [reached, failed(subject, `answered with an error: ${errorText(err)}`, probe.fixOther)];
  }
}
var credentialsFix = (section) => `set ${section}.basicAuth or ${section}.bearerToken (as \${VAR} references) to credentials it accepts`;
async function httpBackendChecks(config) {
  const backends = createBackends({ ...config, kubernetes: void 0 });
  const probes = [];
  if (backends.prometheus && config.prometheus) {
    const prometheus = backends.prometheus;
    probes.push({
      subject: `prometheus ${shownUrl(config.prometheus.url)}`,
      read: async () => `${(await prometheus.labelNames()).length} label names`,
      statusOf: (err) => err instanceof PromError ? err.httpStatus : void 0,
      fixUnreachable: "start Prometheus (or its port-forward), or fix prometheus.url",
      fixCredentials: credentialsFix("prometheus"),
      fixOther: "point prometheus.url at the API base, e.g. http://prometheus:9090"
    });
  }
  if (backends.alertmanager && config.alertmanager) {
    const alertmanager = backends.alertmanager;
    probes.push({
      subject: `alertmanager ${shownUrl(config.alertmanager.url)}`,
      read: async () => `version ${(await alertmanager.status()).versionInfo.version ?? "unknown"}`,
      statusOf: (err) => err instanceof BackendError ? err.status : void 0,
      fixUnreachable: "start Alertmanager (or its port-forward), or fix alertmanager.url",
      fixCredentials: credentialsFix("alertmanager"),
      fixOther: "point alertmanager.url at the base URL (API v2), e.g. http://alertmanager:9093"
    });
  }
  const checks = (await Promise.all(probes.map(probeChecks))).flat();
  if (backends.cloudwatch && config.cloudwatch) {
    const subject = `cloudwatch ${config.cloudwatch.region}`;
    try {
      await backends.cloudwatch.describeLogGroups({ limit: 1 });
      checks.push(passed(subject, "reachable, credentials accepted (DescribeLogGroups)"));
    } catch (err) {
      checks.push(
        failed(
          subject,
          `DescribeLogGroups failed: ${errorText(err)}`,
          "check the AWS credentials (environment, profile) and cloudwatch.region / cloudwatch.endpoint"
        )
      );
    }
  }
  return checks;
}

// src/doctor/kubernetes.ts
import { ApiException, AuthorizationV1Api, VersionApi } from "@kubernetes/client-node";

// src/doctor/kube-access.ts
function parseKubeAccess(text) {
  const match = /^([a-z]+) ([a-z]+)(?:\.([a-z0-9.-]+))?(?:\/([a-z]+))?$/.exec(text);
  if (!match)
    throw new Error(`access ${JSON.stringify(text)}: expected "verb resource[.group][/subresource]"`);
  const [, verb, resource, group, subresource] = match;
  return {
    text,
    verb,
    resource,
    group: group ?? "",
    ...subresource ? { subresource } : {}
  };
}
var TARGET = ["get namespaces"];
var READ_DEPLOYMENT = ["get deployments.apps"];
var CHANGE_DEPLOYMENT = [...READ_DEPLOYMENT, "patch deployments.apps"];
var CHANGE_NODE = ["get nodes", "patch nodes"];
var TOOL_ACCESS = {
  k8s_pods_list: [...TARGET, "list pods"],
  k8s_pod_logs: [...TARGET, "get pods", "list pods", "get pods/log"],
  k8s_events_list: [...TARGET, "list events"],
  k8s_nodes_list: ["list nodes", "list pods"],
  k8s_resource_get: [
    ...TARGET,
    ...["pods", "configmaps", "services", "nodes", "namespaces"].map((r) => `get ${r}`),
    ...["deployments", "statefulsets", "daemonsets", "replicasets"].map((r) => `get ${r}.apps`),
    "get ingresses.networking.k8s.io",
    "get horizontalpodautoscalers.autoscaling",
    "get poddisruptionbudgets.policy",
    "get jobs.batch",
    "get cronjobs.batch",
    "get applications.argoproj.io"
  ],
  k8s_rollout_status: [...TARGET, ...READ_DEPLOYMENT],
  k8s_rollout_history: [
    ...TARGET,
    ...READ_DEPLOYMENT,
    "list replicasets.apps",
    "get statefulsets.apps",
    "get daemonsets.apps",
    "list controllerrevisions.apps",
    "list pods"
  ],
  k8s_rollout_restart: [...TARGET, ...CHANGE_DEPLOYMENT],
  k8s_rollout_undo: [...TARGET, ...CHANGE_DEPLOYMENT, "list replicasets.apps"],
  k8s_deployment_scale: [...TARGET, ...CHANGE_DEPLOYMENT],
  k8s_pod_delete: [...TARGET, "get pods", "get replicasets.apps", "delete pods"],
  k8s_configmap_patch: [...TARGET, "get configmaps", "patch configmaps", "list deployments.apps"],
  k8s_node_cordon: CHANGE_NODE,
  k8s_node_uncordon: CHANGE_NODE,
  k8s_node_drain: [...CHANGE_NODE, "list pods", "create pods/eviction"],
  deploys_history: ["list deployments.apps", "list replicasets.apps", "list applications.argoproj.io"],
  incident_correlate: [
    "list pods",
    "list nodes",
    "list events",
    "list configmaps",
    "list deployments.apps",
    "list replicasets.apps",
    "list controllerrevisions.apps",
    "get pods/log"
  ],
  runbook_run: [...READ_DEPLOYMENT, "list pods"]
};
var KUBERNETES_TOOLS = new Set(Object.keys(TOOL_ACCESS));
function kubeAccessFor(toolNames) {
  const byText = /* @__PURE__ */ new Map();
  for (const tool of toolNames) {
    for (const text of TOOL_ACCESS[tool] ?? []) {
      const entry = byText.get(text) ?? { access: parseKubeAccess(text), tools: [] };
      entry.tools.push(tool);
      byText.set(text, entry);
    }
  }
  return [...byText.values()];
}

// src/doctor/kubernetes.ts
var statusOf = (err) => err instanceof ApiException ? err.code : void 0;
async function allowed(authz, access) {
  const review = await authz.createSelfSubjectAccessReview({
    body: {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      spec: {
        resourceAttributes: {
          verb: access.verb,
          group: access.group,
          resource: access.resource,
          ...access.subresource ? { subresource: access.subresource } : {}
        }
      }
    }
  });
  return review.status?.allowed === true;
}
async function clusterChecks(cluster, kc, needed) {
  const subject = `kubernetes ${cluster}`;
  const server = shownUrl(kc.getCurrentCluster()?.server ?? "");
  const user = kc.getCurrentUser()?.name ?? "the service account";
  let reachable;
  try {
    const version = await kc.makeApiClient(VersionApi).getCode();
    reachable = passed(subject, `reachable at ${server} (Kubernetes ${version.gitVersion})`);
  } catch (err) {
    const status = statusOf(err);
    if (status === void 0) {
      return [
        failed(
          subject,
          `unreachable at ${server}: ${errorText(err)}`,
          "check the context's server in the kubeconfig, the VPN or tunnel, and that the cluster is up"
        )
      ];
    }
    reachable = passed(subject, `reachable at ${server} (HTTP ${status} on /version)`);
  }
  const authz = kc.makeApiClient(AuthorizationV1Api);
  let answers;
  try {
    answers = await Promise.all(
      needed.map(async (need) => ({ need, allowed: await allowed(authz, need.access) }))
    );
  } catch (err) {
    const status = statusOf(err);
    const fix = status === 401 ? `renew the credentials of kubeconfig user ${user} (expired token or certificate?)` : "the API server refused access reviews; check its authorization setup";
    return [reachable, failed(subject, `credentials refused: ${errorText(err)}`, fix)];
  }
  const credentials = passed(subject, `credentials of ${user} accepted`);
  const missing = answers.filter((a) => !a.allowed);
  if (missing.length === 0) {
    const tools2 = new Set(needed.flatMap((n) => n.tools)).size;
    return [
      reachable,
      credentials,
      passed(subject, `RBAC grants all ${needed.length} permissions ${tools2} enabled tools need`)
    ];
  }
  const tools = [...new Set(missing.flatMap((m) => m.need.tools))].sort();
  return [
    reachable,
    credentials,
    failed(
      subject,
      `RBAC missing: ${missing.map((m) => m.need.access.text).join(", ")} (needed by ${tools.join(", ")})`,
      `grant them to ${user} (a ClusterRole and binding), or set server.readOnly: true to serve read tools only`
    )
  ];
}
async function kubernetesChecks(config, toolNames) {
  const k = config.kubernetes;
  if (!k) return [];
  let loaded;
  try {
    loaded = loadKubeContexts(
      {
        inCluster: k.inCluster,
        ...k.kubeconfig ? { kubeconfig: k.kubeconfig } : {},
        ...k.clusters ? { clusters: k.clusters } : {},
        ...k.defaultCluster ? { defaultCluster: k.defaultCluster } : {}
      },
      process.env,
      ""
    );
  } catch (err) {
    return [
      failed(
        "kubernetes",
        errorText(err),
        "fix the kubernetes section: kubeconfig, clusters (contexts from `kubectl config get-contexts`), defaultCluster"
      )
    ];
  }
  const needed = [
    ...kubeAccessFor(toolNames),
    ...k.impersonate ? [{ access: parseKubeAccess("impersonate users"), tools: ["kubernetes.impersonate"] }] : []
  ];
  const perCluster = await Promise.all(
    [...loaded.contexts].map(
      ([cluster, context]) => clusterChecks(cluster, contextKubeConfig(loaded.base, context), needed)
    )
  );
  return perCluster.flat();
}

// src/doctor/local.ts
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
function policyCheck(config) {
  const path = config.policy.bundle;
  try {
    const bundle = loadBundleFile(path);
    return passed(
      "policy",
      `bundle ${bundle.ref.name} v${bundle.ref.version} loads, ${bundle.rules.length} rules (${path})`
    );
  } catch (err) {
    return failed(
      "policy",
      `bundle ${path} does not load: ${errorText(err)}`,
      `run \`opswarden policy lint ${path}\` and fix what it names, or point policy.bundle at another file`
    );
  }
}
function nearestDirectory(path) {
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
function storeCheck(config) {
  const path = config.store.path;
  const subject = `store ${path}`;
  const dir = nearestDirectory(path);
  const fix = `make ${dir} writable for the user opswarden runs as, or set store.path to a writable place`;
  try {
    if (!statSync(dir).isDirectory()) return failed(subject, `${dir} is not a directory`, fix);
    const probe = join(dir, `.opswarden-doctor-${randomBytes(6).toString("hex")}`);
    closeSync(openSync(probe, "wx", 384));
    rmSync(probe);
    if (existsSync(path)) closeSync(openSync(path, "r+"));
  } catch (err) {
    return failed(subject, `cannot write in ${dir}: ${errorText(err)}`, fix);
  }
  if (existsSync(path)) return passed(subject, "writable");
  const created = dir === dirname(path) ? "the file" : `${dirname(path)} and the file`;
  return passed(subject, `writable (${created} created at first start)`);
}
function auditCheck(config) {
  const path = config.store.path;
  if (!existsSync(path)) return passed("audit log", "no records yet (the store does not exist yet)");
  let db;
  try {
    db = openDatabase(path);
    const result = verifyAudit(db, { jsonlPath: config.audit.jsonl });
    if (result.ok) return passed("audit log", `hash chain intact: ${result.count} records`);
    return failed(
      "audit log",
      `TAMPERED at record #${result.firstBad.seq}: ${result.firstBad.reason}`,
      "the log was edited or cut short: keep the store for investigation (`opswarden audit verify`) and start a new one"
    );
  } catch (err) {
    return failed(
      "audit log",
      `cannot verify: ${errorText(err)}`,
      `check that ${path} is an opswarden store`
    );
  } finally {
    db?.close();
  }
}

// src/cli/doctor.ts
var DOCTOR_HELP = `Usage: opswarden doctor [--config <file>]

Checks that opswarden can do its job, and says what to fix where it cannot:
  config        the file loads and validates
  policy        the policy bundle compiles
  store         its directory takes writes
  audit log     the hash chain verifies (as \`opswarden audit verify\`)
  kubernetes    per cluster: API server reachable, credentials accepted, and the RBAC
                permissions the enabled tools need (asked with SelfSubjectAccessReview)
  prometheus, alertmanager, cloudwatch
                reachable, credentials accepted

One line per check (\u2713 or \u2717 with the fix). Exit 0 when all pass, 1 when any fails.
Tokens, keys and passwords are never printed.`;
function configCheck(path) {
  const subject = `config ${path ?? "(none found)"}`;
  try {
    const { config } = loadConfig(path);
    const enabled = servedRegistry(toolsets, [], config).tools().map((tool) => tool.name);
    return { check: passed(subject, path ? "valid" : "none found, so built-in defaults"), config, enabled };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const detail = err.message.split("\n").map((line) => errorText(new Error(line.trim()))).join("; ");
    return { check: failed(subject, detail, "fix the keys named (`opswarden config check` shows the same)") };
  }
}
async function doctorCommand(argv, configFlag) {
  const { values } = parseArgs({
    args: argv,
    options: { help: { type: "boolean", short: "h", default: false } }
  });
  if (values.help) {
    console.log(DOCTOR_HELP);
    return 0;
  }
  const { check, config, enabled } = configCheck(resolveConfigPath(configFlag));
  const checks = [check];
  if (config && enabled) {
    const remote = await Promise.all([kubernetesChecks(config, enabled), httpBackendChecks(config)]);
    checks.push(policyCheck(config), storeCheck(config), auditCheck(config), ...remote.flat());
    if (!config.kubernetes && !config.prometheus && !config.alertmanager && !config.cloudwatch) {
      checks.push(
        failed("backends", "none configured", "run `opswarden init` to write a config from your kubeconfig")
      );
    }
  }
  for (const c of checks) console.log(formatCheck(c));
  const failures = checks.filter((c) => !c.ok).length;
  console.log(
    failures ? `
${failures} of ${checks.length} checks failed.` : `
All ${checks.length} checks passed.`
  );
  return failures ? 1 : 0;
}
export {
  DOCTOR_HELP,
  doctorCommand
};

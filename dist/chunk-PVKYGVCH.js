import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  printable
} from "./chunk-B7URVGV7.js";
import {
  cliServer,
  mcpClientConfigLines
} from "./chunk-JFS7PPQI.js";
import {
  listAll
} from "./chunk-AOVEPBOJ.js";
import {
  ConfigError,
  parseConfig
} from "./chunk-IMRIVU32.js";
import "./chunk-HI7OID35.js";
import "./chunk-H7HVJGAA.js";
import "./chunk-C45OCBOW.js";
import "./chunk-E2EGGSXF.js";
import "./chunk-ERFH3KHH.js";
import {
  createKubernetesBackend
} from "./chunk-VVOPCFSB.js";
import {
  kubeconfigFile
} from "./chunk-S7KEFJET.js";
import "./chunk-RLB2M3XB.js";
import {
  yaml
} from "./chunk-QXZT5HPF.js";
import "./chunk-PB6ZSKJE.js";

// src/cli/init.ts
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { KubeConfig } from "@kubernetes/client-node";

// src/init/discover.ts
var MONITORING_PORTS = {
  prometheus: 9090,
  alertmanager: 9093
};
var LOOK_ALIKES = /exporter|operator|pushgateway|adapter|grafana|kube-state-metrics|blackbox|webhook|config-reloader/;
var IDENTITY_LABELS = ["app.kubernetes.io/name", "app", "k8s-app"];
function score(service, system) {
  const { name, labels = {} } = service.metadata;
  const names = [name, ...IDENTITY_LABELS.map((key) => labels[key]).filter((v) => !!v)];
  if (!names.some((n) => n.includes(system))) return void 0;
  if (names.some((n) => LOOK_ALIKES.test(n))) return void 0;
  if (system === "prometheus" && names.some((n) => n.includes("alertmanager"))) return void 0;
  const wanted = MONITORING_PORTS[system];
  const ports = service.spec?.ports ?? [];
  const port = ports.find((p) => p.port === wanted) ?? ports.find((p) => p.targetPort === wanted);
  if (!port) return void 0;
  const headless = service.spec.clusterIP === "None";
  return {
    port: port.port,
    score: (labels["app.kubernetes.io/name"] === system ? 4 : 0) + (name === system || name.endsWith(`-${system}`) || name === `${system}-server` ? 2 : 0) + (port.port === wanted ? 1 : 0) - (headless ? 3 : 0)
  };
}
function pickMonitoringServices(services) {
  const found = {};
  const others = {};
  for (const system of Object.keys(MONITORING_PORTS)) {
    const ranked = services.flatMap((service) => {
      const match = score(service, system);
      if (!match) return [];
      const { name, namespace = "default" } = service.metadata;
      return [{ ...match, service: { namespace, name, port: match.port } }];
    }).sort(
      (a, b) => b.score - a.score || `${a.service.namespace}/${a.service.name}`.localeCompare(
        `${b.service.namespace}/${b.service.name}`
      )
    );
    if (ranked[0]) found[system] = ranked[0].service;
    if (ranked.length > 1) others[system] = ranked.slice(1).map((r) => r.service);
  }
  return { found, others };
}
function inClusterUrl(service) {
  return `http://${service.name}.${service.namespace}.svc:${service.port}`;
}

// src/init/draft.ts
import { dirname } from "node:path";
var TITLES = { prometheus: "Prometheus", alertmanager: "Alertmanager" };
var FLAGS = {
  prometheus: "--prometheus-url",
  alertmanager: "--alertmanager-url"
};
function kubernetesSection(input) {
  const { kube } = input;
  if (!kube) return void 0;
  if (input.inCluster) {
    return { inCluster: true, ...kube.current ? { defaultCluster: kube.current } : {} };
  }
  return {
    kubeconfig: kube.path,
    clusters: Object.fromEntries(kube.contexts.map((context) => [context, { context }])),
    ...kube.current ? { defaultCluster: kube.current } : {}
  };
}
function monitoringUrl(system, source, input) {
  const title = TITLES[system];
  if (source.kind === "flag") return { url: source.url, note: `${title}: ${source.url} (${FLAGS[system]})` };
  if (source.kind === "missing") {
    return { note: `${title}: not configured: ${source.why}; rerun with ${FLAGS[system]} <url> to add it` };
  }
  const { service, others } = source;
  const also = others.length ? ` (also found: ${others.map((o) => `${o.namespace}/${o.name}`).join(", ")})` : "";
  const where = `Service ${service.namespace}/${service.name} port ${service.port}${also}`;
  if (input.inCluster) {
    const url = inClusterUrl(service);
    return { url, note: `${title}: ${url}, the in-cluster address of ${where}` };
  }
  const local = MONITORING_PORTS[system];
  const context = input.kube?.current ? `--context ${input.kube.current} ` : "";
  return {
    url: `http://127.0.0.1:${local}`,
    note: `${title}: found ${where}; opswarden runs on this machine, so keep a port-forward open: kubectl ${context}-n ${service.namespace} port-forward svc/${service.name} ${local}:${service.port}`
  };
}
function draftConfig(input) {
  const found = [];
  const kubernetes = kubernetesSection(input);
  if (input.kube) {
    const { contexts, current, path } = input.kube;
    found.push(
      input.inCluster ? `Kubernetes: in-cluster (the pod's service account), cluster name ${current ?? "in-cluster"}` : `Kubernetes: ${contexts.length} context(s) of ${path} as clusters, default ${current ?? contexts[0]}`
    );
  } else {
    found.push("Kubernetes: no kubeconfig found, so no kubernetes section (rerun with --kubeconfig <file>)");
  }
  const urls = {};
  for (const system of Object.keys(TITLES)) {
    const { url, note } = monitoringUrl(system, input.monitoring[system], input);
    if (url) urls[system] = url;
    found.push(note);
  }
  const notes = found.map(printable);
  const raw = {
    principal: { id: "assistant", type: "agent", roles: [] },
    ...kubernetes ? { kubernetes } : {},
    ...urls.prometheus ? { prometheus: { url: urls.prometheus } } : {},
    ...urls.alertmanager ? { alertmanager: { url: urls.alertmanager } } : {},
    store: { path: ".opswarden/opswarden.db" },
    audit: { jsonl: ".opswarden/audit.jsonl" }
  };
  parseConfig(raw, input.path, {}, dirname(input.path));
  const header = [
    `Written by \`opswarden init\` on ${input.now.toISOString().slice(0, 10)}. Check it: opswarden doctor`,
    ...notes,
    'The AI calling over stdio is the agent "assistant". Escalated actions wait for a human approver:',
    "make a key with `opswarden approvals keygen --out <file>` and list yourself under `principals`",
    "with roles [sre-oncall] and the printed publicKey."
  ];
  const text = `${header.map((line) => `# ${line}`).join("\n")}
${yaml.dump(raw, { lineWidth: 120 })}`;
  return { raw, notes, text };
}

// src/init/write-config.ts
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync
} from "node:fs";
import { basename, dirname as dirname2, join } from "node:path";
var ConfigFileError = class extends Error {
  name = "ConfigFileError";
};
function configTargetProblem(path, replace) {
  const dir = dirname2(path);
  let dirStat;
  try {
    dirStat = statSync(dir);
  } catch {
    return `directory ${dir} does not exist; create it first or choose another --config`;
  }
  if (!dirStat.isDirectory()) return `${dir} is not a directory`;
  let existing;
  try {
    existing = lstatSync(path);
  } catch {
    return void 0;
  }
  if (existing.isSymbolicLink()) return `${path} is a symbolic link; refusing to write through it`;
  if (!existing.isFile()) return `${path} exists and is not a regular file`;
  if (!replace) return `${path} already exists; pass --force to replace it, or --config <another file>`;
  return void 0;
}
function writeConfigFile(path, text, opts) {
  const problem = configTargetProblem(path, opts.replace);
  if (problem) throw new ConfigFileError(problem);
  const temp = join(dirname2(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(temp, "wx", 384);
  try {
    try {
      fchmodSync(fd, 384);
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (opts.replace) renameSync(temp, path);
    else linkSync(temp, path);
  } catch (err) {
    const code = err.code;
    if (code === "EEXIST") throw new ConfigFileError(`${path} appeared while writing; nothing replaced`);
    throw new ConfigFileError(`cannot write ${path}: ${err.message}`);
  } finally {
    rmSync(temp, { force: true });
  }
}

// src/cli/init.ts
var INIT_HELP = `Usage: opswarden init [options]

Writes a working opswarden.yaml: every context of your kubeconfig as a cluster (the
current one is the default), and the Prometheus and Alertmanager it finds in the current
cluster (Services named or labelled prometheus / alertmanager on port 9090 / 9093). It
shows the config and asks before writing; then prints the MCP client config for Claude
Desktop, Claude Code, VS Code and Kiro.

  --config <file>            Where to write (default $OPSWARDEN_CONFIG, else ./opswarden.yaml)
  --kubeconfig <file>        The kubeconfig to read (default $KUBECONFIG, else ~/.kube/config)
  --in-cluster               opswarden will run in a pod of the current cluster: use its
                             service account and the Services' in-cluster URLs (default:
                             it runs here, and init says which port-forwards to keep open)
  --prometheus-url <url>     Use this Prometheus instead of looking for one
  --alertmanager-url <url>   Use this Alertmanager instead of looking for one
  -y, --yes                  Write without asking (for scripts)
  --force                    Replace an existing file
  -h, --help                 This help

Without a terminal and without --yes, the config goes to stdout and nothing is written.
The file is written mode 600. Next: opswarden doctor --config <file>.`;
var DISCOVERY_TIMEOUT_MS = 15e3;
function flagUrl(flag, text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${flag}: not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError(`${flag}: expected an http or https URL, got ${url.protocol}`);
  if (url.username || url.password) {
    throw new ConfigError(
      `${flag}: the URL carries credentials; pass it without them and set basicAuth or bearerToken in the config with \${VAR} references`
    );
  }
  return text;
}
function readKubeconfig(path) {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (err) {
    throw new ConfigError(`cannot read kubeconfig ${path}: ${err.message}`);
  }
  const contexts = kc.getContexts().map((c) => c.name);
  if (contexts.length === 0) throw new ConfigError(`kubeconfig ${path} has no contexts`);
  const current = kc.getCurrentContext();
  return { path, contexts, current: contexts.includes(current) ? current : void 0 };
}
async function discover(kube) {
  const missing = (why) => ({
    prometheus: { kind: "missing", why },
    alertmanager: { kind: "missing", why }
  });
  if (!kube?.current) return missing("no current kubeconfig context to look in");
  const cluster = kube.current;
  let timer;
  try {
    const backend = createKubernetesBackend({
      kubeconfig: kube.path,
      clusters: { [cluster]: { context: cluster } },
      defaultCluster: cluster
    });
    const services = await Promise.race([
      listAll(backend, { cluster, kind: "Service" }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer in ${DISCOVERY_TIMEOUT_MS / 1e3}s`)),
          DISCOVERY_TIMEOUT_MS
        );
      })
    ]);
    const { found, others } = pickMonitoringServices(services);
    const source = (system) => {
      const service = found[system];
      return service ? { kind: "found", service, others: others[system] ?? [] } : { kind: "missing", why: `no Service in cluster ${cluster} looks like ${system}` };
    };
    return { prometheus: source("prometheus"), alertmanager: source("alertmanager") };
  } catch (err) {
    return missing(`could not list Services in cluster ${cluster}: ${err.message}`);
  } finally {
    clearTimeout(timer);
  }
}
async function confirm(question) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
async function initCommand(argv, configFlag) {
  const env = process.env;
  const { values } = parseArgs({
    args: argv,
    options: {
      kubeconfig: { type: "string" },
      "in-cluster": { type: "boolean", default: false },
      "prometheus-url": { type: "string" },
      "alertmanager-url": { type: "string" },
      yes: { type: "boolean", short: "y", default: false },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false }
    }
  });
  if (values.help) {
    console.log(INIT_HELP);
    return 0;
  }
  const path = resolve(configFlag ?? env.OPSWARDEN_CONFIG ?? "opswarden.yaml");
  const flags = {
    ...values["prometheus-url"] ? { prometheus: flagUrl("--prometheus-url", values["prometheus-url"]) } : {},
    ...values["alertmanager-url"] ? { alertmanager: flagUrl("--alertmanager-url", values["alertmanager-url"]) } : {}
  };
  const interactive = !values.yes && process.stdin.isTTY === true;
  const mayWrite = values.yes || interactive;
  const targetProblem = configTargetProblem(path, values.force);
  if (mayWrite && targetProblem) {
    console.error(`opswarden init: ${targetProblem}`);
    return 1;
  }
  const kubeconfigPath = resolve(kubeconfigFile(values.kubeconfig, env));
  if (values.kubeconfig && !existsSync(kubeconfigPath))
    throw new ConfigError(`--kubeconfig ${kubeconfigPath}: no such file`);
  const kube = existsSync(kubeconfigPath) ? readKubeconfig(kubeconfigPath) : void 0;
  const discovered = flags.prometheus && flags.alertmanager ? void 0 : await discover(kube);
  const source = (system) => {
    const url = flags[system];
    return url ? { kind: "flag", url } : discovered[system];
  };
  const draft = draftConfig({
    kube,
    inCluster: values["in-cluster"],
    monitoring: { prometheus: source("prometheus"), alertmanager: source("alertmanager") },
    path,
    now: /* @__PURE__ */ new Date()
  });
  if (!mayWrite) {
    console.log(draft.text.trimEnd());
    console.error(
      `opswarden init: not a terminal and no --yes: nothing written. Save the config above as ${path}, or rerun with --yes.`
    );
    printNextSteps(console.error, draft.notes, path);
    return 0;
  }
  if (interactive) {
    console.log(draft.text);
    if (!await confirm(`Write this config to ${path}? [y/N] `)) {
      console.log("Nothing written.");
      return 1;
    }
  }
  try {
    writeConfigFile(path, draft.text, { replace: values.force });
  } catch (err) {
    if (!(err instanceof ConfigFileError)) throw err;
    console.error(`opswarden init: ${err.message}`);
    return 1;
  }
  console.log(`Wrote ${path} (mode 600).`);
  printNextSteps(console.log, draft.notes, path);
  return 0;
}
function printNextSteps(print, notes, path) {
  print(
    [
      "",
      ...notes.map((note) => `  ${note}`),
      "",
      `Check it:  opswarden doctor --config ${path}`,
      "",
      "MCP client config:",
      ...mcpClientConfigLines({ stdio: cliServer(["serve", "--config", path]) })
    ].join("\n")
  );
}
export {
  INIT_HELP,
  initCommand
};

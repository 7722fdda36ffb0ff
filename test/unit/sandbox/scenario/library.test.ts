// The scenario library in scenarios/: every file loads, renders a world with pods and a
// firing alert, names a root cause that exists in that world, uses only real opswarden tools
// in its fixes and remediations, and renders identically every time. Together the files cover
// every root-cause category and the noise a drill needs to be more than a lookup.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../../src/canonical.ts';
import { generateSeries } from '../../../../src/sandbox/metrics/generate.ts';
import { writeOpenMetrics } from '../../../../src/sandbox/metrics/openmetrics.ts';
import { renderKubeWorld } from '../../../../src/sandbox/scenario/kube.ts';
import { loadScenario } from '../../../../src/sandbox/scenario/load.ts';
import { parseRef } from '../../../../src/sandbox/scenario/refs.ts';
import { isHealthy, renderScenarioSummary } from '../../../../src/sandbox/scenario/render.ts';
import { ROOT_CAUSE_CATEGORIES, type Scenario } from '../../../../src/sandbox/scenario/schema.ts';
import { allTools } from '../../../../tools/index.ts';
import { REPO } from '../../../helpers/world.ts';

const DIR = join(REPO, 'scenarios');
const files = readdirSync(DIR)
  .filter((file) => file.endsWith('.yaml'))
  .sort();
const load = (file: string) => loadScenario(join(DIR, file));
const library = files.map(load);
const summaries = new Map(library.map((scenario) => [scenario, renderScenarioSummary(scenario)]));
const summaryOf = (scenario: Scenario) => summaries.get(scenario)!;
const TOOL_NAMES = new Set(allTools.map((tool) => tool.name));
const HOUR = 3_600_000;

/** Whether `ref` names a served Kubernetes object, a catalog service or a change of `scenario`. */
function refExists(scenario: Scenario, ref: string): boolean {
  const { kind, namespace, name, index } = parseRef(ref);
  const { spec } = scenario;
  if (kind === 'Change') return spec.changes.some((change) => change.id === name);
  if (kind === 'Service' && namespace === undefined) return spec.services.some((s) => s.name === name);
  const world = renderKubeWorld(scenario, { now: () => spec.now });
  if (kind === 'Pod' && index !== undefined) {
    const workload = [...spec.kubernetes.deployments, ...spec.kubernetes.statefulsets].find(
      (w) => w.namespace === namespace && w.name === name,
    );
    return workload !== undefined && index < workload.replicas;
  }
  return world.objects.some(
    (o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace,
  );
}

async function openMetricsDigest(scenario: Scenario): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeOpenMetrics(generateSeries(scenario), out);
  return sha256Hex(Buffer.concat(chunks).toString());
}

describe.each(files)('scenario %s', (file) => {
  const scenario = library[files.indexOf(file)]!;
  const summary = summaryOf(scenario);

  it('loads with its ground truth and sandbox reactions', () => {
    expect(scenario.truth).toBeDefined();
    expect(scenario.resolution?.fixes.length).toBeGreaterThan(0);
  });

  it('renders pods and at least one firing alert at spec.now', () => {
    expect(summary.pods.length).toBeGreaterThan(0);
    expect(summary.alerts.length).toBeGreaterThan(0);
    expect(summary.movers.length).toBeGreaterThan(0);
  });

  it('names a root cause, fix targets and remediation targets that exist in the scenario', () => {
    expect(refExists(scenario, scenario.truth!.rootCause.ref)).toBe(true);
    const targets = [
      ...scenario.resolution!.fixes,
      ...scenario.resolution!.transient,
      ...scenario.truth!.remediation.acceptable,
      ...scenario.truth!.remediation.harmful,
    ].flatMap((action) => (action.target ? [action.target] : []));
    for (const target of targets) expect(refExists(scenario, target), target).toBe(true);
  });

  it('uses only tools opswarden has in fixes, transient actions and remediations', () => {
    const tools = [
      ...scenario.resolution!.fixes,
      ...scenario.resolution!.transient,
      ...scenario.truth!.remediation.acceptable,
      ...scenario.truth!.remediation.harmful,
    ].flatMap((action) => (action.tool ? [action.tool] : []));
    for (const tool of tools) expect(TOOL_NAMES, tool).toContain(tool);
  });

  it('stays a moderate size: at most 15 services, 15 s steps, at most 6 hours of history', () => {
    expect(scenario.spec.services.length).toBeLessThanOrEqual(15);
    expect(scenario.spec.step).toBe(15_000);
    expect(scenario.spec.now.getTime() - scenario.spec.history.getTime()).toBeLessThanOrEqual(6 * HOUR);
  });

  it('wires services together with dependsOn and logs to pods and to CloudWatch', () => {
    expect(scenario.spec.services.some((s) => s.dependsOn.length > 0)).toBe(true);
    expect(scenario.spec.logs.some((entry) => typeof entry.source === 'string')).toBe(true);
    expect(scenario.spec.logs.some((entry) => typeof entry.source === 'object')).toBe(true);
  });

  it('renders the same summary and byte-identical series when loaded again', async () => {
    const again = load(file);
    expect(canonicalJson(renderScenarioSummary(again))).toBe(canonicalJson(summary));
    expect(await openMetricsDigest(again)).toBe(await openMetricsDigest(scenario));
  });

  it('renders the same summary without its truth and resolution', () => {
    expect(renderScenarioSummary({ ...scenario, truth: undefined, resolution: undefined })).toEqual(summary);
  });
});

describe('the library as a whole', () => {
  it('has at least ten scenarios covering every root-cause category', () => {
    expect(library.length).toBeGreaterThanOrEqual(10);
    expect(new Set(library.map((s) => s.truth!.rootCause.category))).toEqual(new Set(ROOT_CAUSE_CATEGORIES));
  });

  it('shows alerts that were firing long before the incident in several scenarios', () => {
    const withOldNoise = library.filter((s) =>
      summaryOf(s).alerts.some(
        (alert) => Date.parse(alert.since) < s.resolution!.incidentStart.getTime() - HOUR,
      ),
    );
    expect(withOldNoise.length).toBeGreaterThanOrEqual(5);
  });

  it('has scenarios where another service was deployed shortly before the incident', () => {
    const withUnrelatedDeploy = library.filter((s) =>
      summaryOf(s).changes.some(
        (change) =>
          change.kind === 'rollout' &&
          change.ref !== s.truth!.rootCause.ref &&
          Date.parse(change.at!) > s.spec.now.getTime() - 3 * HOUR,
      ),
    );
    expect(withUnrelatedDeploy.length).toBeGreaterThanOrEqual(5);
  });

  it('has a slow memory leak with no change behind it', () => {
    const leak = library.find((s) => {
      const { ref } = s.truth!.rootCause;
      const service = s.spec.services.find((svc) => svc.workload === ref);
      const leaking = service?.memory?.some((segment) => (segment.growth ?? 0) > 0);
      const recentRollout = summaryOf(s).changes.some((change) => change.ref === ref);
      return leaking && !recentRollout && s.spec.changes.length === 0;
    });
    expect(leak?.name).toBe('report-api-memory-leak');
  });

  it('has a node failure whose pods fail with application-looking errors', () => {
    const scenario = library.find((s) => s.truth!.rootCause.ref.startsWith('Node/'))!;
    const node = parseRef(scenario.truth!.rootCause.ref).name;
    const summary = summaryOf(scenario);
    expect(scenario.truth!.rootCause.category).toBe('infrastructure');
    expect(summary.nodes.map((n) => n.name)).toEqual([node]);
    const failingHere = summary.pods.filter((pod) => !isHealthy(pod));
    expect(failingHere.length).toBeGreaterThan(0);
    expect(failingHere.every((pod) => pod.node === node)).toBe(true);
    const appErrors = scenario.spec.logs.flatMap((entry) =>
      typeof entry.source === 'string' ? entry.lines.map((line) => line.text) : [],
    );
    expect(appErrors.join('\n')).toMatch(/unable to create native thread|failed to create new OS thread/);
  });

  it('has a third-party outage seen only through timeouts', () => {
    const scenario = library.find((s) => s.truth!.rootCause.category === 'external')!;
    const external = parseRef(scenario.truth!.rootCause.ref).name;
    expect(scenario.spec.services.find((s) => s.name === external)?.kind).toBe('external');
    expect(scenario.spec.changes.map((c) => c.kind)).toContain('third_party_status');
    const logText = scenario.spec.logs.flatMap((entry) => entry.lines.map((line) => line.text)).join('\n');
    expect(logText).toMatch(/timed out/i);
    expect(summaryOf(scenario).pods.every(isHealthy)).toBe(true);
  });

  it('keeps the customer-etl story: 2.3.1 exhausts the pool ten minutes after deploy, 2% to 78% failures', () => {
    const etl = library.find((s) => s.name === 'customer-etl')!;
    const summary = summaryOf(etl);
    const rollout = summary.changes.find((c) => c.ref === 'Deployment/data/customer-etl')!;
    expect(rollout.summary).toContain('customer-etl:2.3.0 → 2.3.1');
    expect(rollout.summary).toContain('DB_POOL_MAX 40 → 8');
    const failures = etl.spec.services.find((s) => s.name === 'customer-etl')!.errors!;
    expect(failures.map((segment) => segment.ratio)).toEqual([0.02, 0.78]);
    expect(failures[1]!.from.getTime() - Date.parse(rollout.at!)).toBe(10 * 60_000);
    const blocked = etl.spec.services.filter((s) => s.dependsOn.includes('customer-etl')).map((s) => s.name);
    expect(blocked).toEqual(['billing-export', 'crm-sync', 'report-builder']);
    expect(etl.truth!.rootCause).toMatchObject({ category: 'deploy', ref: 'Deployment/data/customer-etl' });
  });
});

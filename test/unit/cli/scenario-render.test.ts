// `opswarden scenario render` run as a user runs it: the world at spec.now as text (the pods
// in trouble, the firing alerts, what moved and what changed) or as JSON, never the ground
// truth, and errors that name the file and the YAML path at fault.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/sandbox/scenario/load.ts';
import { isHealthy, renderScenarioSummary } from '../../../src/sandbox/scenario/render.ts';
import { runCli } from '../../helpers/spawn.ts';
import { REPO } from '../../helpers/world.ts';
import { baseSpec, document } from '../sandbox/scenario/helpers.ts';

const ETL = 'scenarios/customer-etl.yaml';

describe('opswarden scenario render', () => {
  it('shows the crash-looping pod, the firing alerts, what moved and what changed, and no ground truth', () => {
    const res = runCli(['scenario', 'render', ETL]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const etl = loadScenario(join(REPO, ETL));
    const crashing = renderScenarioSummary(etl).pods.filter((p) => !isHealthy(p));
    expect(crashing.map((p) => p.status)).toEqual(['CrashLoopBackOff']);
    expect(res.stdout).toMatch(
      new RegExp(`${crashing[0]!.name}\\s+CrashLoopBackOff\\s+0/1\\s+3 \\(3m ago\\)`),
    );
    expect(res.stdout).toContain('critical  ETLTaskFailureRateHigh  since 10m ago');
    expect(res.stdout).toContain('customer-etl task failure rate is 78% (threshold 20%)');
    expect(res.stdout).toMatch(/rate\s+etl_task_failures_total\{namespace="data",service="customer-etl"\}/);
    expect(res.stdout).toMatch(/25m ago\s+rollout\s+Deployment\/data\/customer-etl\s+revision 2/);
    expect(res.stdout).not.toContain(etl.truth!.rootCause.summary.slice(0, 40));
    expect(res.stdout).not.toContain(etl.resolution!.fixes[0]!.tool);
  });

  it('prints the same summary as one JSON object with --json', () => {
    const res = runCli(['scenario', 'render', ETL, '--json']);
    expect(res.code).toBe(0);
    const summary = renderScenarioSummary(loadScenario(ETL));
    expect(JSON.parse(res.stdout)).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(Object.keys(JSON.parse(res.stdout))).toEqual([
      'scenario',
      'source',
      'cluster',
      'now',
      'pods',
      'alerts',
      'movers',
      'changes',
      'nodes',
    ]);
  });

  it('names a file it cannot read', () => {
    const res = runCli(['scenario', 'render', 'scenarios/no-such-scenario.yaml']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^scenarios\/no-such-scenario\.yaml: cannot read scenario: ENOENT/);
    expect(res.stdout).toBe('');
  });

  it('names the file and the YAML path of every problem in a bad scenario', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opswarden-render-'));
    const spec = baseSpec();
    spec.kubernetes.deployments[0].replcas = 3;
    spec.alerts = [{ name: 'HighErrorRate', startsAt: 'yesterday' }];
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, yaml.dump(document(spec)));
    const res = runCli(['scenario', 'render', bad]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${bad}: spec.kubernetes.deployments[0].replcas: unknown key`);
    expect(res.stderr).toContain(`${bad}: spec.alerts[0].startsAt: invalid time "yesterday"`);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'spec:\n  now: [unclosed\n');
    expect(runCli(['scenario', 'render', broken]).stderr).toContain(`${broken}: invalid YAML:`);
  });

  it('rejects bad usage with exit 2 and lists render in its help', () => {
    expect(runCli(['scenario', 'render'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('opswarden scenario render: expected one scenario file'),
    });
    expect(runCli(['scenario', 'validate', ETL, '--json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('opswarden scenario validate: --json is only for render'),
    });
    expect(runCli(['scenario', 'render', ETL, '-o', 'out.om'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('opswarden scenario render: -o is only for export-openmetrics'),
    });
    const help = runCli(['scenario', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('render <file> [--json]');
  });
});

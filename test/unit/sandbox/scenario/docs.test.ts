// docs/scenarios.md is what users write scenarios from: its complete example must load as
// written, and the project must not send readers to documents it does not ship. The
// README's account of the scenario library (how many, which root-cause categories, the
// drill score's denominator) must match scenarios/.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from '../../../../src/sandbox/scenario/load.ts';
import { REPO } from '../../../helpers/world.ts';

const DOC = join(REPO, 'docs/scenarios.md');

describe('docs/scenarios.md', () => {
  it('its complete example is a valid scenario, with truth and resolution', () => {
    const text = readFileSync(DOC, 'utf8');
    const section = text.slice(text.indexOf('## A complete scenario'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toContain('kind: Scenario');
    const scenario = parseScenario(example as string, 'docs/scenarios.md');
    expect(scenario.name).toBe('orders-bad-config');
    expect(scenario.truth?.rootCause.ref).toBe('ConfigMap/shop/orders-config');
    expect(scenario.resolution?.fixes).toHaveLength(1);
  });

  it('nothing in the project points at documents outside it', () => {
    // The design notes the project was built from live beside the repository, not in it.
    const outside = new RegExp(
      ['\\.\\./shared', '(?<![/@\\w-])shared/', '(?<![\\w/])(SCENARIOS|DESIGN)\\.md'].join('|'),
    );
    const offenders = projectFiles(['README.md', 'docs', 'src', 'tools', 'policies', 'runbooks', 'scenarios'])
      .filter((file) => outside.test(readFileSync(file, 'utf8')))
      .map((file) => relative(REPO, file));
    expect(offenders).toEqual([]);
  });
});

const NUMBER_WORDS =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
    ' ',
  );

describe('README.md on the scenario library', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const files = readdirSync(join(REPO, 'scenarios')).filter(
    (file) => file.endsWith('.yaml') && !file.endsWith('.test.yaml'),
  );

  it('counts the scenarios in scenarios/ and names the root-cause categories they cover', () => {
    const claim =
      /`scenarios\/` holds the scenario library: (\w+) incidents covering the (\w+) root-cause\s+categories \(([^)]*)\)/.exec(
        readme,
      );
    expect(claim, 'the README sentence that describes scenarios/').not.toBeNull();
    const [, incidents, count, listed] = claim!;
    expect(files.length).toBeGreaterThan(0);
    expect({ incidents }).toEqual({ incidents: NUMBER_WORDS[files.length] });
    const categories = new Set(
      files.map((file) => loadScenario(join(REPO, 'scenarios', file)).truth!.rootCause.category),
    );
    expect(new Set(listed!.split(/,\s*/))).toEqual(categories);
    expect({ count }).toEqual({ count: NUMBER_WORDS[categories.size] });
  });

  it('gives the drill score over every scenario', () => {
    const score = /On `scenarios\/` it prints `top1 (\d+)\/(\d+) top3 (\d+)\/(\d+)`/.exec(readme);
    expect(score, 'the README sentence with the drill score').not.toBeNull();
    expect([score![2], score![4]].map(Number)).toEqual([files.length, files.length]);
  });
});

function projectFiles(roots: string[]): string[] {
  return roots.flatMap((root) => {
    const path = join(REPO, root);
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { recursive: true, encoding: 'utf8' })
      .map((name) => join(path, name))
      .filter((file) => statSync(file).isFile());
  });
}

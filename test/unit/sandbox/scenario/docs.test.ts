// docs/scenarios.md is what users write scenarios from: its complete example must load as
// written, and the project must not send readers to documents it does not ship.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../src/sandbox/scenario/load.ts';
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

function projectFiles(roots: string[]): string[] {
  return roots.flatMap((root) => {
    const path = join(REPO, root);
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { recursive: true, encoding: 'utf8' })
      .map((name) => join(path, name))
      .filter((file) => statSync(file).isFile());
  });
}

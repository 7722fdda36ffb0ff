// The correlation engine against the whole scenario library, each scenario running as a
// sandbox behind the real backends: the true cause ranks first in at least 90% of the
// scenarios and in the top three in all of them. And what a scenario is called, the order
// its lists are written in, and its ground truth change nothing the engine concludes.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateScenario } from '../helpers/correlate-drill.ts';
import { expectCorrelationInvariant, INVARIANCE_TIMEOUT } from '../helpers/correlate-invariance.ts';
import { REPO } from '../helpers/world.ts';

const SCENARIOS = join(REPO, 'scenarios');
const FILES = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const TIMEOUT = 120_000;

describe('correlation over the scenario library', () => {
  const ranks = new Map<string, number | null>();
  const table: string[] = [];

  afterAll(() => {
    console.log(`scenario | true ref | rank | top hypothesis\n${table.join('\n')}`);
  });

  it.each(FILES)(
    '%s: the true cause is among the top three',
    async (file) => {
      const result = await evaluateScenario(join(SCENARIOS, file));
      ranks.set(file, result.rank);
      const top = result.top[0];
      table.push(
        `${result.scenario} | ${result.truthRef} | ${result.rank ?? '-'} | ${top ? `${top.category} ${top.ref} (${top.confidence})` : '-'}`,
      );
      expect(result.rank, `hypotheses: ${result.top.map((h) => h.ref).join(', ')}`).not.toBeNull();
      expect(result.rank!).toBeLessThanOrEqual(3);
      expect(result.top[0]!.score.total).toBeCloseTo(
        Object.values(result.top[0]!.score.parts).reduce((a, b) => a + b, 0),
        2,
      );
    },
    TIMEOUT,
  );

  it('ranks the true cause first in at least 90% of the scenarios', () => {
    expect(ranks.size, 'every scenario was evaluated').toBe(FILES.length);
    const first = [...ranks.values()].filter((rank) => rank === 1).length;
    expect(first / FILES.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe.each(FILES)('correlating %s does not depend on', (file) => {
  it(
    'its name, the order of its lists, or its truth and resolution',
    () => expectCorrelationInvariant(readFileSync(join(SCENARIOS, file), 'utf8'), file),
    INVARIANCE_TIMEOUT,
  );
});

// The correlation engine against the whole scenario library, each scenario running as a
// sandbox behind the real backends: the true cause ranks first in at least 90% of the
// scenarios and in the top three in all of them. And what a scenario is called, the order
// its lists are written in, and its ground truth change nothing the engine concludes.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { Correlation } from '../../src/incidents/correlate/types.ts';
import { parseScenario } from '../../src/sandbox/scenario/load.ts';
import { seedFromName } from '../../src/sandbox/scenario/random.ts';
import { correlateScenario, evaluateScenario } from '../helpers/correlate-drill.ts';
import { REPO } from '../helpers/world.ts';

const SCENARIOS = join(REPO, 'scenarios');
const FILES = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const TIMEOUT = 120_000;

interface Raw {
  metadata: { name: string };
  spec: Record<string, unknown>;
}

function raw(file: string): Raw {
  return yaml.load(readFileSync(join(SCENARIOS, file), 'utf8'), { schema: yaml.CORE_SCHEMA }) as Raw;
}

async function correlateVariant(file: string, variant: Raw): Promise<Correlation> {
  return (await correlateScenario(parseScenario(yaml.dump(variant), `${file} (variant)`))).correlation;
}

/** What a hypothesis concludes, without the numbers the scenario's noise moves. */
function conclusions(correlation: Correlation) {
  return correlation.hypotheses.map(({ rank, category, ref }) => ({ rank, category, ref }));
}

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
    async () => {
      const original = raw(file);
      const { truth: _truth, resolution: _resolution, ...served } = original.spec;
      const seed = (original.spec.seed as number | undefined) ?? seedFromName(original.metadata.name);
      const reversed = Object.fromEntries(
        ['services', 'alerts', 'changes', 'logs'].map((key) => [
          key,
          [...((original.spec[key] as unknown[]) ?? [])].reverse(),
        ]),
      );
      const [base, stripped, renamedSameSeed, renamed, shuffled] = await Promise.all([
        correlateVariant(file, original),
        correlateVariant(file, { ...original, spec: served }),
        correlateVariant(file, {
          ...original,
          metadata: { ...original.metadata, name: 'renamed-drill' },
          spec: { ...original.spec, seed },
        }),
        correlateVariant(file, { ...original, metadata: { ...original.metadata, name: 'renamed-drill' } }),
        correlateVariant(file, { ...original, spec: { ...original.spec, ...reversed } }),
      ]);
      // Same world, served the same way: byte for byte the same answer.
      expect(stripped.hypotheses).toEqual(base.hypotheses);
      expect(stripped.timeline).toEqual(base.timeline);
      expect(renamedSameSeed.hypotheses).toEqual(base.hypotheses);
      // A new name reseeds the noise and placeholders; reversed lists renumber log streams:
      // the values move a little, the conclusions do not.
      expect(conclusions(renamed)).toEqual(conclusions(base));
      expect(conclusions(shuffled)).toEqual(conclusions(base));
    },
    TIMEOUT,
  );
});

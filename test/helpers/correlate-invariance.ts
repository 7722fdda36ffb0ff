// What correlating a scenario must not depend on, for the invariance tests of the library and
// of generated scenarios: what the scenario is called, the order its lists are written in,
// and its ground truth and resolution. Correlates the scenario as written and four variants
// of its YAML side by side (the engine alone, test/helpers/correlate-drill.ts) and expects
// the same answer from each.

import yaml from 'js-yaml';
import { expect } from 'vitest';
import type { Correlation } from '../../src/incidents/correlate/types.ts';
import { parseScenario } from '../../src/sandbox/scenario/load.ts';
import { seedFromName } from '../../src/sandbox/scenario/random.ts';
import { correlateScenario } from './correlate-drill.ts';

/** Correlating the scenario and its variants, five sandboxes at once. */
export const INVARIANCE_TIMEOUT = 120_000;

interface Raw {
  metadata: { name: string };
  spec: Record<string, unknown>;
}

/** The lists whose order says nothing: reversed in the shuffled variant. */
const LISTS = ['services', 'alerts', 'changes', 'logs'];

async function correlateVariant(source: string, variant: Raw): Promise<Correlation> {
  return (await correlateScenario(parseScenario(yaml.dump(variant), `${source} (variant)`))).correlation;
}

/** What a hypothesis concludes, without the numbers the scenario's noise moves. */
function conclusions(correlation: Correlation) {
  return correlation.hypotheses.map(({ rank, category, ref }) => ({ rank, category, ref }));
}

/** Expects the scenario in `text` (from `source`) to correlate the same renamed, reordered and without truth. */
export async function expectCorrelationInvariant(text: string, source: string): Promise<void> {
  const original = yaml.load(text, { schema: yaml.CORE_SCHEMA }) as Raw;
  const { truth: _truth, resolution: _resolution, ...served } = original.spec;
  const seed = (original.spec.seed as number | undefined) ?? seedFromName(original.metadata.name);
  const reversed = Object.fromEntries(
    LISTS.map((key) => [key, [...((original.spec[key] as unknown[]) ?? [])].reverse()]),
  );
  const [base, stripped, renamedSameSeed, renamed, shuffled] = await Promise.all([
    correlateVariant(source, original),
    correlateVariant(source, { ...original, spec: served }),
    correlateVariant(source, {
      ...original,
      metadata: { ...original.metadata, name: 'renamed-drill' },
      spec: { ...original.spec, seed },
    }),
    correlateVariant(source, { ...original, metadata: { ...original.metadata, name: 'renamed-drill' } }),
    correlateVariant(source, { ...original, spec: { ...original.spec, ...reversed } }),
  ]);
  // Same world, served the same way: byte for byte the same answer.
  expect(stripped.hypotheses).toEqual(base.hypotheses);
  expect(stripped.timeline).toEqual(base.timeline);
  expect(renamedSameSeed.hypotheses).toEqual(base.hypotheses);
  // A new name reseeds the noise and placeholders; reversed lists renumber log streams:
  // the values move a little, the conclusions do not.
  expect(conclusions(renamed)).toEqual(conclusions(base));
  expect(conclusions(shuffled)).toEqual(conclusions(base));
}

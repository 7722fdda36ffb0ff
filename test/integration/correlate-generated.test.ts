// The library's invariance checks on generated scenarios: what a generated scenario is
// called, the order its lists are written in, and its truth and resolution change nothing
// the engine concludes. A fixed sample, chosen before any result was seen: the first six of
// seed 1, one per truth category (the generator rotates through them), the first six the
// drill sample plays (test/integration/drill-generated.test.ts).

import { describe, it } from 'vitest';
import { generateScenarios } from '../../src/sandbox/scenario/generate/index.ts';
import { ROOT_CAUSE_CATEGORIES } from '../../src/sandbox/scenario/schema.ts';
import { expectCorrelationInvariant, INVARIANCE_TIMEOUT } from '../helpers/correlate-invariance.ts';

const SAMPLE = generateScenarios({ seed: 1, count: ROOT_CAUSE_CATEGORIES.length });

describe.each(SAMPLE.map((g) => [g.name, g.category, g.yaml] as const))(
  'correlating generated %s (%s) does not depend on',
  (name, _category, text) => {
    it(
      'its name, the order of its lists, or its truth and resolution',
      () => expectCorrelationInvariant(text, `${name} (generated, seed 1)`),
      INVARIANCE_TIMEOUT,
    );
  },
);

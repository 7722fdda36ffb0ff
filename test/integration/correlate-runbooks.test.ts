// The runbooks incident_correlate suggests are ready to act on: for every library scenario,
// paged into opswarden as Alertmanager would, every runbook suggested for a hypothesis,
// with the parameters the hypothesis filled in, passes runbook_plan as given (no bad,
// missing or unknown parameter, no step whose arguments do not render). Which runbooks fit
// which targets is test/unit/incidents/correlate-runbooks.test.ts.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageAndCorrelate } from '../helpers/page-correlate.ts';
import { REPO } from '../helpers/world.ts';

const SCENARIOS = join(REPO, 'scenarios');
const FILES = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const TIMEOUT = 120_000;

describe('suggested runbooks pass runbook_plan as given', () => {
  it.each(FILES)(
    '%s',
    async (file) => {
      const { hypotheses, plans } = await pageAndCorrelate(join(SCENARIOS, file));
      expect(hypotheses.length).toBeGreaterThan(0);
      for (const plan of plans) {
        const what = `${plan.ref}: ${plan.runbook.name} ${JSON.stringify(plan.runbook.params)}`;
        expect(plan.ok, `${what}: ${plan.text}`).toBe(true);
        expect(plan.out.errors, what).toEqual([]);
      }
      // The top suggestion on customer-etl needed a selector the agent had to guess.
      if (file === 'customer-etl.yaml')
        expect(hypotheses[0]!.suggestedRunbooks[0]).toEqual({
          name: 'crashloop-after-deploy',
          params: { namespace: 'data', deployment: 'customer-etl', selector: 'app=customer-etl,tier=batch' },
        });
    },
    TIMEOUT,
  );
});

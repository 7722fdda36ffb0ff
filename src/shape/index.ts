// The last step before a result leaves the dispatcher (DESIGN §1 step 6): secrets are
// masked first (so a cut can never expose half a secret's context unmasked), then the
// byte budget is applied. Both leave a trace at the top level: `redactions` when anything
// was masked, `truncated` when anything was cut. A tool's untrusted paths go first, outside
// the cut (src/shape/untrusted.ts).

import { z } from 'zod';
import { applyBudget, jsonBytes, type Truncation } from './budget.ts';
import { redact } from './redact.ts';
import { UNTRUSTED_KEY } from './untrusted.ts';

export { applyBudget, DEFAULT_MAX_BYTES, type Omission, type Truncation } from './budget.ts';
export { redact, redactString } from './redact.ts';

export type Shaped<T> = T & { truncated?: Truncation; redactions?: number; untrusted?: string[] };

/** Spread into a tool's output schema so shaped results still validate against it. */
export const shapedOutputFields = {
  truncated: z
    .object({
      originalBytes: z.number().int(),
      keptBytes: z.number().int(),
      omitted: z.array(
        z.object({
          path: z.string(),
          items: z.number().int().optional(),
          chars: z.number().int().optional(),
        }),
      ),
      hint: z.string(),
    })
    .optional()
    .describe(
      'Present when the output was cut to fit the byte budget: what was cut and how to get the rest.',
    ),
  redactions: z.number().int().optional().describe('Number of secrets masked in this output, when any.'),
};

export function shapeOutput<T extends object>(
  value: T,
  opts: { maxBytes: number; untrusted?: readonly string[] },
): { value: Shaped<T>; redactions: number; bytes: number } {
  if (Array.isArray(value)) throw new TypeError('shapeOutput: tool output must be an object, got an array');
  const { value: masked, redactions } = redact(value);
  // The count is part of the budgeted object: it is a number, so never cut.
  const counted = redactions > 0 ? { ...masked, redactions } : masked;
  // The untrusted marker is never cut either: its bytes (`"untrusted":[…],`) come off the budget.
  const marker = opts.untrusted?.length ? { [UNTRUSTED_KEY]: [...opts.untrusted] } : {};
  const markerBytes = opts.untrusted?.length ? jsonBytes(marker) - 1 : 0;
  const { value: kept, truncated } = applyBudget(counted, opts.maxBytes - markerBytes);
  const shaped = { ...marker, ...kept, ...(truncated ? { truncated } : {}) } as Shaped<T>;
  return { value: shaped, redactions, bytes: jsonBytes(shaped) };
}

// Helpers shared by the approval store tests.

import { expect } from 'vitest';
import { ApprovalError } from '../../../src/approvals/store.ts';

/** Runs `act` and returns the ApprovalError it threw; fails the test on anything else. */
export function refusal(act: () => unknown): ApprovalError {
  try {
    act();
  } catch (err) {
    expect(err).toBeInstanceOf(ApprovalError);
    return err as ApprovalError;
  }
  throw new Error('expected an ApprovalError, nothing was thrown');
}

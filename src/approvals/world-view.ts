// Approval tickets as tools read them (`ctx.backends.approvals`): read-only, with their
// times in the world's clock (world-time.ts), like every other answer. The store keeps and
// enforces them on the gate's clock.

import type { ApprovalReader } from '../backends/types.ts';
import type { WorldTime } from '../world-time.ts';
import type { Approval } from './store.ts';

const TIMES = ['createdAt', 'expiresAt', 'decidedAt', 'executeBy', 'usedAt'] as const;

export function worldTimeApprovals(approvals: ApprovalReader, time: WorldTime): ApprovalReader {
  if (time.same) return approvals;
  return {
    get(id) {
      const approval = approvals.get(id);
      if (!approval) return undefined;
      const mapped: Approval = { ...approval };
      for (const field of TIMES) {
        const value = approval[field];
        if (value !== undefined) mapped[field] = time.isoToWorld(value);
      }
      return mapped;
    },
  };
}

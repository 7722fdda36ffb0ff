// The backends a tool handler can reach, through ctx.backends only. Each system adds
// its interface here (src/backends/<system>/types.ts) with a real and, where needed, a
// sandbox implementation. Tests add their fake systems by declaration merging.

import type { Approval } from '../approvals/store.ts';

/** Read-only view of approval tickets: no tool can decide one. */
export interface ApprovalReader {
  get(id: string): Approval | undefined;
}

export interface Backends {
  approvals: ApprovalReader;
}

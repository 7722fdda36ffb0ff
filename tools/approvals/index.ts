// Tools of the approvals area: looking at tickets only.
import approvalStatus from './approval_status.ts';

export const approvalTools = [approvalStatus];

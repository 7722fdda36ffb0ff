// Tools of the runbooks area: find, read, plan, run, follow and cancel runbooks.
import runbookCancel from './runbook_cancel.ts';
import runbookGet from './runbook_get.ts';
import runbookList from './runbook_list.ts';
import runbookPlan from './runbook_plan.ts';
import runbookRun from './runbook_run.ts';
import runbookStatus from './runbook_status.ts';

export const runbookTools = [runbookList, runbookGet, runbookPlan, runbookRun, runbookStatus, runbookCancel];

// Tools of the incidents area: find, read and correlate incidents, keep their record
// (notes, status), draft the postmortem, and the on-call KPIs.
import incidentCorrelate from './incident_correlate.ts';
import incidentGet from './incident_get.ts';
import incidentList from './incident_list.ts';
import incidentNote from './incident_note.ts';
import incidentTimeline from './incident_timeline.ts';
import incidentUpdateStatus from './incident_update_status.ts';
import opsKpis from './ops_kpis.ts';
import postmortemDraft from './postmortem_draft.ts';

export const incidentTools = [
  incidentList,
  incidentGet,
  incidentTimeline,
  incidentCorrelate,
  incidentNote,
  incidentUpdateStatus,
  postmortemDraft,
  opsKpis,
];

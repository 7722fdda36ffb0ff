// Tools of the Alertmanager area: what is firing and who silenced what, and the two
// changes an on-call engineer makes there (silence, and end a silence).
import amAlertsList from './am_alerts_list.ts';
import amSilenceCreate from './am_silence_create.ts';
import amSilenceExpire from './am_silence_expire.ts';
import amSilencesList from './am_silences_list.ts';

export const alertmanagerTools = [amAlertsList, amSilencesList, amSilenceCreate, amSilenceExpire];

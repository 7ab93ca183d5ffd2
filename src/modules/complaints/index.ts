/** Public surface of the complaints module (投诉/信访): other modules import only from here. */
export { ComplaintsModule } from './complaints.module';
export { ComplaintsFacade } from './complaints.facade';
export type { ComplaintDashboardFigures, ComplaintOverdueRow } from './complaints.types';
export { ComplaintCategory, ComplaintChannel } from './complaint.enums';
export type { Routing } from './routing';
export { maskName, maskPhone } from './masking';
/** The complaint type, for other modules' links to a complaint (`PrepaidRefund.complaint`). */
export { ComplaintObject } from './graphql/complaints.objects';

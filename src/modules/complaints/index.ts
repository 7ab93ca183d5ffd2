/** Public surface of the complaints module (投诉/信访): other modules import only from here. */
export { ComplaintsModule } from './complaints.module';
export { ComplaintsFacade } from './complaints.facade';
export type {
  ComplaintIntake,
  ComplaintFilter,
  ComplaintDashboardFigures,
  ComplaintOverdueRow,
} from './complaints.types';
export { ComplaintCategory, ComplaintChannel, ComplaintStatus, Satisfaction } from './complaint.enums';
export type { ComplaintDeadline } from './complaint.enums';
export { COMPLAINT_ROUTING } from './routing';
export type { Routing } from './routing';
export { maskName, maskPhone } from './masking';

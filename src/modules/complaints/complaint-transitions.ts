import { ComplaintStatus } from './complaint.enums';

/** The complaint commands that move its status, by the verb a refusal names. */
export type ComplaintCommand =
  | 'accept'
  | 'refuse'
  | 'assign'
  | 'reassign'
  | 'investigate'
  | 'reply to'
  | 'close'
  | 'reopen'
  | 'request a review of'
  | 'decide the review of';

/**
 * The statuses each command may start from: RECEIVED → ACCEPTED / NOT_ACCEPTED → ASSIGNED → INVESTIGATING →
 * REPLIED → CLOSED (reopen → INVESTIGATING); REPLIED / CLOSED → UNDER_REVIEW (复查) → decided. Re-routing
 * (reassign) is possible until the reply. Any other status refuses with INVALID_COMPLAINT_TRANSITION.
 */
export const COMPLAINT_COMMAND_FROM: Record<ComplaintCommand, ComplaintStatus[]> = {
  accept: [ComplaintStatus.RECEIVED],
  refuse: [ComplaintStatus.RECEIVED],
  assign: [ComplaintStatus.ACCEPTED],
  reassign: [
    ComplaintStatus.RECEIVED,
    ComplaintStatus.ACCEPTED,
    ComplaintStatus.ASSIGNED,
    ComplaintStatus.INVESTIGATING,
  ],
  investigate: [ComplaintStatus.ASSIGNED],
  'reply to': [ComplaintStatus.INVESTIGATING],
  close: [ComplaintStatus.REPLIED],
  reopen: [ComplaintStatus.CLOSED],
  'request a review of': [ComplaintStatus.REPLIED, ComplaintStatus.CLOSED],
  'decide the review of': [ComplaintStatus.UNDER_REVIEW],
};

/** Whether a complaint in `status` accepts `command`. */
export function complaintCommandAllowed(command: ComplaintCommand, status: ComplaintStatus): boolean {
  return COMPLAINT_COMMAND_FROM[command].includes(status);
}

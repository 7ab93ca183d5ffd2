import { addDays, businessDate, localToInstant } from '../../platform/clock/business-time';
import { ComplaintDeadline, ComplaintStatus } from './complaint.enums';
import { Complaint } from './entities/complaint.entity';

/**
 * 《信访工作条例》 (2022): route within 15 days (Art. 22), decide acceptance within 15 days (Art. 23), handle
 * within 60 days (Art. 34), one extension of at most 30 days. The service reads the periods from
 * configuration (COMPLAINT_*_DAYS, these are the defaults); the demo seed and the input's bound use them.
 */
export const ROUTE_DAYS = 15;
export const ACCEPT_DAYS = 15;
export const HANDLE_DAYS = 60;
export const MAX_EXTENSION_DAYS = 30;

/**
 * The deadline `days` calendar days after `from`, in the county's time zone: the starting day does not
 * count and the period ends at the end of its last day (so received on 1 March at any hour, 15 days →
 * due by the end of 16 March, i.e. the instant 17 March 00:00 local). Returns the due date and instant.
 */
export function calendarDeadline(from: Date, days: number, timeZone: string): { dueDate: string; dueAt: Date } {
  const dueDate = addDays(businessDate(from, timeZone), days);
  return { dueDate, dueAt: localToInstant(addDays(dueDate, 1), '00:00', timeZone) };
}

/** Moves a due instant by whole calendar days (an extension). */
export function extendDeadline(dueAt: Date, days: number, timeZone: string): Date {
  const lastDay = addDays(businessDate(dueAt, timeZone), -1);
  return localToInstant(addDays(lastDay, days + 1), '00:00', timeZone);
}

/** The statutory deadlines pending and past at `now` (the `overdue` flag and filter). */
export function overdueDeadlines(
  c: Pick<Complaint, 'status' | 'routeDueAt' | 'acceptDueAt' | 'handleDueAt' | 'reviewDueAt'>,
  now: Date,
): ComplaintDeadline[] {
  const out: ComplaintDeadline[] = [];
  if ((c.status === ComplaintStatus.RECEIVED || c.status === ComplaintStatus.ACCEPTED) && c.routeDueAt <= now)
    out.push('ROUTE');
  if (c.status === ComplaintStatus.RECEIVED && c.acceptDueAt <= now) out.push('ACCEPT');
  if (HANDLING.includes(c.status) && c.handleDueAt && c.handleDueAt <= now) out.push('HANDLE');
  if (c.status === ComplaintStatus.UNDER_REVIEW && c.reviewDueAt && c.reviewDueAt <= now) out.push('REVIEW');
  return out;
}

/** The statuses in which a complaint is being handled (the HANDLE deadline runs). */
export const HANDLING = [ComplaintStatus.ACCEPTED, ComplaintStatus.ASSIGNED, ComplaintStatus.INVESTIGATING];

import { Conflict, NotFound, TooManyRequests } from '../../platform/errors/domain-error';

export const complaintNotFound = (): NotFound => new NotFound('Complaint', 'COMPLAINT_NOT_FOUND');

/** The command does not apply to the complaint's current status. */
export const invalidComplaintTransition = (command: string, status: string): Conflict =>
  new Conflict('INVALID_COMPLAINT_TRANSITION', `Cannot ${command} a complaint that is ${status}`);

export const deadlineAlreadyExtended = (): Conflict =>
  new Conflict(
    'DEADLINE_ALREADY_EXTENDED',
    'The handling deadline has already been extended once (《信访工作条例》 Art. 34)',
  );

/** A complaint is reviewed (复查) once. */
export const reviewAlreadyRequested = (): Conflict =>
  new Conflict(
    'REVIEW_ALREADY_REQUESTED',
    'A review of this complaint has already been requested (复查 is once; 《信访工作条例》 Art. 35)',
  );

/** The 30 days after the written reply have passed. */
export const reviewWindowClosed = (lastDay: string): Conflict =>
  new Conflict(
    'REVIEW_WINDOW_CLOSED',
    `A review had to be requested within 30 days of the reply, by ${lastDay} (《信访工作条例》 Art. 35)`,
  );

export { institutionNotFound } from '../registry';

/** Too many public submissions from one client address. */
export const tooManySubmissions = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_REQUESTS',
    `Too many complaints submitted from this address; retry after ${retryAfterSeconds} s`,
    retryAfterSeconds,
  );

/** Too many public progress look-ups (complaintStatus) from one client address. */
export const tooManyStatusLookups = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_REQUESTS',
    `Too many complaint progress look-ups from this address; retry after ${retryAfterSeconds} s`,
    retryAfterSeconds,
  );

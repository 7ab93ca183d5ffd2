import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';

export class ComplaintNotFound extends NotFound {
  constructor() {
    super('Complaint', 'COMPLAINT_NOT_FOUND');
  }
}

/** The command does not apply to the complaint's current status. */
export class InvalidComplaintTransition extends Conflict {
  constructor(command: string, status: string) {
    super('INVALID_COMPLAINT_TRANSITION', `Cannot ${command} a complaint that is ${status}`);
  }
}

export class DeadlineAlreadyExtended extends Conflict {
  constructor() {
    super(
      'DEADLINE_ALREADY_EXTENDED',
      'The handling deadline has already been extended once (《信访工作条例》 Art. 34)',
    );
  }
}

/** A complaint is reviewed (复查) once. */
export class ReviewAlreadyRequested extends Conflict {
  constructor() {
    super(
      'REVIEW_ALREADY_REQUESTED',
      'A review of this complaint has already been requested (复查 is once; 《信访工作条例》 Art. 35)',
    );
  }
}

/** The 30 days after the written reply have passed. */
export class ReviewWindowClosed extends Conflict {
  constructor(lastDay: string) {
    super(
      'REVIEW_WINDOW_CLOSED',
      `A review had to be requested within 30 days of the reply, by ${lastDay} (《信访工作条例》 Art. 35)`,
    );
  }
}

export { institutionNotFound } from '../registry';

/** Too many public submissions from one client address. */
export class TooManyRequests extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'TOO_MANY_REQUESTS',
      `Too many complaints submitted from this address; retry after ${retryAfterSeconds} s`,
      429,
    );
  }
}

/** Too many public progress look-ups (complaintStatus) from one client address. */
export class TooManyStatusLookups extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'TOO_MANY_REQUESTS',
      `Too many complaint progress look-ups from this address; retry after ${retryAfterSeconds} s`,
      429,
    );
  }
}

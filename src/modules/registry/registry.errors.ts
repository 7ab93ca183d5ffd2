import {
  Conflict,
  DomainError,
  Forbidden,
  FieldProblem,
  NotFound,
  TooManyRequests,
  ValidationFailed,
} from '../../platform/errors/domain-error';

/**
 * INSTITUTION_NOT_FOUND is defined here only; other modules throw it through the registry index. Without a
 * reference (a public form naming an institution the caller must not learn about) the message names none.
 */
export const institutionNotFound = (ref?: string): NotFound =>
  new NotFound(ref === undefined ? 'Institution' : `Institution ${ref}`, 'INSTITUTION_NOT_FOUND');
export const premisesNotFound = (id: string): NotFound => new NotFound(`Premises ${id}`, 'PREMISES_NOT_FOUND');
export const courseNotFound = (id: string): NotFound => new NotFound(`Course ${id}`, 'COURSE_NOT_FOUND');
export const materialNotFound = (id: string): NotFound => new NotFound(`Training material ${id}`, 'MATERIAL_NOT_FOUND');
export const leadNotFound = (id: string): NotFound => new NotFound(`Unlicensed-training lead ${id}`, 'LEAD_NOT_FOUND');

/** A wrong unified social credit code: the message names the wrong character and its position. */
export const invalidCreditCode = (message: string): ValidationFailed =>
  new ValidationFailed([{ path: 'creditCode', message }], message);

/** Too many public searches from one client address (searchInstitutionsPublic). */
export const tooManySearches = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_REQUESTS',
    `Too many searches from this address; retry after ${retryAfterSeconds} s`,
    retryAfterSeconds,
  );

export const creditCodeTaken = (code: string): Conflict =>
  new Conflict('CREDIT_CODE_TAKEN', `An institution with credit code ${code} is already registered`);

/** A lifecycle command the current state does not allow; the message names the current state. */
export const illegalTransition = (command: string, current: string, allowed: readonly string[]): Conflict =>
  new Conflict(
    'ILLEGAL_TRANSITION',
    `Cannot ${command}: the institution is ${current} (allowed from ${allowed.join(' or ')})`,
  );

export const noNewSubjectInstitutions = (): DomainError =>
  new DomainError(
    'NO_NEW_SUBJECT_INSTITUTIONS',
    'No new subject-type (学科类) institution may be approved for preschool, compulsory-education or senior high students',
    422,
  );

export const subjectCourseNotAllowed = (topic: string): DomainError =>
  new DomainError(
    'SUBJECT_COURSE_NOT_ALLOWED',
    `A non-subject institution may not run subject courses (topic ${topic} is a school subject)`,
    422,
  );

export const fireAcceptanceRequired = (): DomainError =>
  new DomainError(
    'FIRE_ACCEPTANCE_REQUIRED',
    'The institution has no premises whose fire acceptance (消防验收) passed; it cannot start operating',
    422,
  );

export const fireDesignReviewRequired = (): DomainError =>
  new DomainError(
    'FIRE_DESIGN_REVIEW_REQUIRED',
    'Fire acceptance can pass only after the fire design review (消防设计审查) passed',
    422,
  );

export const notSubjectInstitution = (command: string, detail: string): DomainError =>
  new DomainError('NOT_A_SUBJECT_INSTITUTION', `Cannot ${command}: ${detail}`, 422);

export const subjectCoursesRemain = (count: number): DomainError =>
  new DomainError(
    'SUBJECT_COURSES_REMAIN',
    `The institution still has ${count} subject course(s) whose term has not ended; it can be converted once they end`,
    422,
  );

export const trainingTimeViolation = (problems: FieldProblem[]): DomainError =>
  new DomainError(
    'TRAINING_TIME_VIOLATION',
    `The schedule breaks the training-time rules: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    422,
    problems,
  );

export const staffAlreadyRegistered = (): Conflict =>
  new Conflict(
    'STAFF_ALREADY_REGISTERED',
    'A staff member with this ID number is already registered at this institution',
  );

export const materialAlreadyReviewed = (status: string): Conflict =>
  new Conflict('MATERIAL_ALREADY_REVIEWED', `The material was already reviewed (${status})`);

export const checklistMissing = (year: number): DomainError =>
  new DomainError(
    'ANNUAL_REVIEW_CHECKLIST_MISSING',
    `No annual review checklist is set for ${year}; set one first (setAnnualReviewChecklist)`,
    422,
  );

export const annualReviewExists = (year: number): Conflict =>
  new Conflict('ANNUAL_REVIEW_EXISTS', `The institution's annual review for ${year} is already recorded`);

export const institutionClosed = (status: string): DomainError =>
  new DomainError('INSTITUTION_NOT_ACTIVE', `The institution is ${status}; its records can no longer change`, 422);

export const leadOutsideTownship = (): DomainError =>
  new DomainError('LEAD_OUTSIDE_TOWNSHIP', 'A township officer records leads in their own township only', 403);

export const illegalLeadTransition = (command: string, current: string, allowed: readonly string[]): Conflict =>
  new Conflict(
    'ILLEGAL_TRANSITION',
    `Cannot ${command}: the lead is ${current} (allowed from ${allowed.join(' or ')})`,
  );

export const staffNotFound = (id: string): NotFound => new NotFound(`Staff member ${id}`, 'STAFF_NOT_FOUND');

/**
 * An institution's township is not changed in place: escrow accounts and alerts, credit records and list
 * entries, supervision tasks and complaints keep copies of it that no event would update. A move to
 * another township is a deregistration here and a new registration there.
 */
export const townshipChangeNotSupported = (from: string, to: string): DomainError =>
  new DomainError(
    'TOWNSHIP_CHANGE_NOT_SUPPORTED',
    `The institution is registered in township ${from}; it cannot be moved to ${to} by an update (other records keep its township): deregister it and register it in the new township`,
    422,
    [{ path: 'townshipCode', message: 'a township change is not an update' }],
  );

export const staffAlreadyLeft = (endedOn: string | null): Conflict =>
  new Conflict('STAFF_ALREADY_LEFT', `The staff member's employment already ended${endedOn ? ` on ${endedOn}` : ''}`);

export const courseAlreadyEnded = (termEnd: string): Conflict =>
  new Conflict('COURSE_ALREADY_ENDED', `The course already ended on ${termEnd}`);

// ---- staff blacklist (从业人员黑名单) ----
export const staffBarNotFound = (ref: string, code = 'STAFF_BAR_NOT_FOUND'): NotFound =>
  new NotFound(`Staff bar ${ref}`, code);
export const staffAlreadyBarred = (until: string | null): Conflict =>
  new Conflict(
    'STAFF_ALREADY_BARRED',
    `The person is already on the staff blacklist (${until ? `until ${until}` : 'for life'})`,
  );
export const staffBarLifted = (): Conflict => new Conflict('STAFF_BAR_LIFTED', 'The bar has already been lifted');
/** Registering a person on the staff blacklist as staff. */
export const staffBarred = (until: string | null): DomainError =>
  new DomainError(
    'STAFF_BARRED',
    `The person is on the staff blacklist (从业人员黑名单) ${until ? `until ${until}` : 'for life'} and may not work in off-campus training`,
    422,
  );

/** A township officer asked for the registry dashboard of another township (the KPI dashboard refuses the same). */
export const registryDashboardOutOfScope = (townshipCode: string): Forbidden =>
  new Forbidden(`A township officer sees only their own township's registry dashboard, not ${townshipCode}`);

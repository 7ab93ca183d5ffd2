import {
  Conflict,
  DomainError,
  Forbidden,
  FieldProblem,
  NotFound,
  TooManyRequests,
  ValidationFailed,
} from '../../platform/errors/domain-error';
import { Text, text } from '../../platform/i18n/text';

/**
 * INSTITUTION_NOT_FOUND is defined here only; other modules throw it through the registry index. Without a
 * reference (a public form naming an institution the caller must not learn about) the message names none.
 */
export const institutionNotFound = (ref?: string): NotFound =>
  new NotFound(
    ref === undefined ? text('Institution', '校外培训机构') : text(`Institution ${ref}`, `校外培训机构 ${ref}`),
    'INSTITUTION_NOT_FOUND',
  );
export const premisesNotFound = (id: string): NotFound =>
  new NotFound(text(`Premises ${id}`, `培训场所 ${id}`), 'PREMISES_NOT_FOUND');
export const courseNotFound = (id: string): NotFound =>
  new NotFound(text(`Course ${id}`, `课程 ${id}`), 'COURSE_NOT_FOUND');
export const materialNotFound = (id: string): NotFound =>
  new NotFound(text(`Training material ${id}`, `培训材料 ${id}`), 'MATERIAL_NOT_FOUND');
export const leadNotFound = (id: string): NotFound =>
  new NotFound(text(`Unlicensed-training lead ${id}`, `无证培训线索 ${id}`), 'LEAD_NOT_FOUND');

/** A wrong unified social credit code: the message names the wrong character and its position. */
export const invalidCreditCode = (message: Text): ValidationFailed =>
  new ValidationFailed([{ path: 'creditCode', message }], message);

/** Too many public searches from one client address (searchInstitutionsPublic). */
export const tooManySearches = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_REQUESTS',
    text(
      `Too many searches from this address; retry after ${retryAfterSeconds} s`,
      `该地址查询过于频繁，请 ${retryAfterSeconds} 秒后重试`,
    ),
    retryAfterSeconds,
  );

export const creditCodeTaken = (code: string): Conflict =>
  new Conflict(
    'CREDIT_CODE_TAKEN',
    text(`An institution with credit code ${code} is already registered`, `统一社会信用代码为 ${code} 的机构已登记`),
  );

/** A lifecycle command the current state does not allow; the message names the current state. */
export const illegalTransition = (command: string, current: string, allowed: readonly string[]): Conflict =>
  new Conflict(
    'ILLEGAL_TRANSITION',
    text(
      `Cannot ${command}: the institution is ${current} (allowed from ${allowed.join(' or ')})`,
      `无法执行 ${command}：机构当前状态为 ${current}（仅可从 ${allowed.join(' 或 ')} 状态执行）`,
    ),
  );

export const noNewSubjectInstitutions = (): DomainError =>
  new DomainError(
    'NO_NEW_SUBJECT_INSTITUTIONS',
    text(
      'No new subject-type (学科类) institution may be approved for preschool, compulsory-education or senior high students',
      '不再审批新的面向学龄前儿童、义务教育阶段和普通高中学生的学科类校外培训机构',
    ),
    422,
  );

export const subjectCourseNotAllowed = (topic: string): DomainError =>
  new DomainError(
    'SUBJECT_COURSE_NOT_ALLOWED',
    text(
      `A non-subject institution may not run subject courses (topic ${topic} is a school subject)`,
      `非学科类机构不得开设学科类课程（${topic} 属于学科类）`,
    ),
    422,
  );

export const fireAcceptanceRequired = (): DomainError =>
  new DomainError(
    'FIRE_ACCEPTANCE_REQUIRED',
    text(
      'The institution has no premises whose fire acceptance (消防验收) passed; it cannot start operating',
      '该机构没有通过消防验收的培训场所，不能开始营业',
    ),
    422,
  );

export const fireDesignReviewRequired = (): DomainError =>
  new DomainError(
    'FIRE_DESIGN_REVIEW_REQUIRED',
    text(
      'Fire acceptance can pass only after the fire design review (消防设计审查) passed',
      '消防设计审查通过后才能通过消防验收',
    ),
    422,
  );

export const notSubjectInstitution = (command: string, detail: Text): DomainError =>
  new DomainError(
    'NOT_A_SUBJECT_INSTITUTION',
    text(`Cannot ${command}: ${detail.en}`, `无法执行 ${command}：${detail.zh}`),
    422,
  );

export const subjectCoursesRemain = (count: number): DomainError =>
  new DomainError(
    'SUBJECT_COURSES_REMAIN',
    text(
      `The institution still has ${count} subject course(s) whose term has not ended; it can be converted once they end`,
      `该机构仍有 ${count} 门学科类课程尚未结课，结课后才能转型`,
    ),
    422,
  );

export const trainingTimeViolation = (problems: FieldProblem[]): DomainError =>
  new DomainError(
    'TRAINING_TIME_VIOLATION',
    text(
      `The schedule breaks the training-time rules: ${problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`,
      `培训时间安排不符合规定：${problems.map((p) => `${p.path} ${p.message.zh}`).join('；')}`,
    ),
    422,
    problems,
  );

export const staffAlreadyRegistered = (): Conflict =>
  new Conflict(
    'STAFF_ALREADY_REGISTERED',
    text(
      'A staff member with this ID number is already registered at this institution',
      '该身份证号码的从业人员已在本机构登记',
    ),
  );

export const materialAlreadyReviewed = (status: string): Conflict =>
  new Conflict(
    'MATERIAL_ALREADY_REVIEWED',
    text(`The material was already reviewed (${status})`, `该培训材料已审核（${status}）`),
  );

export const checklistMissing = (year: number): DomainError =>
  new DomainError(
    'ANNUAL_REVIEW_CHECKLIST_MISSING',
    text(
      `No annual review checklist is set for ${year}; set one first (setAnnualReviewChecklist)`,
      `尚未设置 ${year} 年度的年检清单，请先设置（setAnnualReviewChecklist）`,
    ),
    422,
  );

export const annualReviewExists = (year: number): Conflict =>
  new Conflict(
    'ANNUAL_REVIEW_EXISTS',
    text(`The institution's annual review for ${year} is already recorded`, `该机构 ${year} 年度的年检已登记`),
  );

export const institutionClosed = (status: string): DomainError =>
  new DomainError(
    'INSTITUTION_NOT_ACTIVE',
    text(
      `The institution is ${status}; its records can no longer change`,
      `该机构状态为 ${status}，其登记信息不能再变更`,
    ),
    422,
  );

export const leadOutsideTownship = (): DomainError =>
  new DomainError(
    'LEAD_OUTSIDE_TOWNSHIP',
    text('A township officer records leads in their own township only', '乡镇工作人员只能登记本乡镇的线索'),
    403,
  );

export const illegalLeadTransition = (command: string, current: string, allowed: readonly string[]): Conflict =>
  new Conflict(
    'ILLEGAL_TRANSITION',
    text(
      `Cannot ${command}: the lead is ${current} (allowed from ${allowed.join(' or ')})`,
      `无法执行 ${command}：线索当前状态为 ${current}（仅可从 ${allowed.join(' 或 ')} 状态执行）`,
    ),
  );

export const staffNotFound = (id: string): NotFound =>
  new NotFound(text(`Staff member ${id}`, `从业人员 ${id}`), 'STAFF_NOT_FOUND');

/**
 * An institution's township is not changed in place: escrow accounts and alerts, credit records and list
 * entries, supervision tasks and complaints keep copies of it that no event would update. A move to
 * another township is a deregistration here and a new registration there.
 */
export const townshipChangeNotSupported = (from: string, to: string): DomainError =>
  new DomainError(
    'TOWNSHIP_CHANGE_NOT_SUPPORTED',
    text(
      `The institution is registered in township ${from}; it cannot be moved to ${to} by an update (other records keep its township): deregister it and register it in the new township`,
      `该机构登记在乡镇 ${from}，不能通过修改登记信息迁至 ${to}（其他记录保存了其所属乡镇）：请先注销，再在新乡镇重新登记`,
    ),
    422,
    [{ path: 'townshipCode', message: text('a township change is not an update', '变更所属乡镇不能通过修改完成') }],
  );

export const staffAlreadyLeft = (endedOn: string | null): Conflict =>
  new Conflict(
    'STAFF_ALREADY_LEFT',
    text(
      `The staff member's employment already ended${endedOn ? ` on ${endedOn}` : ''}`,
      `该从业人员已${endedOn ? `于 ${endedOn} ` : ''}离职`,
    ),
  );

export const courseAlreadyEnded = (termEnd: string): Conflict =>
  new Conflict('COURSE_ALREADY_ENDED', text(`The course already ended on ${termEnd}`, `该课程已于 ${termEnd} 结课`));

// ---- staff blacklist (从业人员黑名单) ----
export const staffBarNotFound = (ref: string, code = 'STAFF_BAR_NOT_FOUND'): NotFound =>
  new NotFound(text(`Staff bar ${ref}`, `从业禁止记录 ${ref}`), code);
export const staffAlreadyBarred = (until: string | null): Conflict =>
  new Conflict(
    'STAFF_ALREADY_BARRED',
    text(
      `The person is already on the staff blacklist (${until ? `until ${until}` : 'for life'})`,
      `此人已列入从业人员黑名单（${until ? `至 ${until}` : '终身'}）`,
    ),
  );
export const staffBarLifted = (): Conflict =>
  new Conflict('STAFF_BAR_LIFTED', text('The bar has already been lifted', '该从业禁止已解除'));
/** Registering a person on the staff blacklist as staff. */
export const staffBarred = (until: string | null): DomainError =>
  new DomainError(
    'STAFF_BARRED',
    text(
      `The person is on the staff blacklist (从业人员黑名单) ${until ? `until ${until}` : 'for life'} and may not work in off-campus training`,
      `此人已列入从业人员黑名单（${until ? `至 ${until}` : '终身'}），不得从事校外培训工作`,
    ),
    422,
  );

/** A township officer asked for the registry dashboard of another township (the KPI dashboard refuses the same). */
export const registryDashboardOutOfScope = (townshipCode: string): Forbidden =>
  new Forbidden(
    text(
      `A township officer sees only their own township's registry dashboard, not ${townshipCode}`,
      `乡镇工作人员只能查看本乡镇的机构登记看板，不能查看 ${townshipCode}`,
    ),
  );

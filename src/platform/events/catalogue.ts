/**
 * The event catalogue: every domain event's name, version and payload type, in one place. Names are
 * `module.thing.happened`. A payload change that breaks readers gets a new version; subscribers see the
 * version on every event. Publishing an unknown name does not compile; a subscriber naming an unknown
 * event stops start-up.
 */
export interface EventDefinition<P> {
  version: number;
  /** Phantom field carrying the payload type; never set at run time. */
  readonly payload?: P;
}

function event<P>(version: number): EventDefinition<P> {
  return { version };
}

/** Payload of every registry.institution.* lifecycle event (fromStatus null for a new record). */
export interface InstitutionTransitionPayload {
  institutionId: string;
  creditCode: string;
  name: string;
  townshipCode: string;
  category: 'SUBJECT' | 'NON_SUBJECT';
  fromStatus: string | null;
  toStatus: string;
  reason: string;
}

/** registry.unlicensed_lead.* payload. */
export interface UnlicensedLeadPayload {
  leadId: string;
  townshipCode: string;
  kind: string;
  source: string;
}

/** escrow.alert.* payload: account fields are null for NO_ESCROW_ACCOUNT (the institution has none). */
export interface EscrowAlertPayload {
  alertId: string;
  accountId: string | null;
  accountNo: string | null;
  institutionId: string;
  bankCode: string | null;
  type: string;
  details: Record<string, unknown>;
}

/**
 * escrow.instruction.* payload (outcome once a bank has acknowledged). RELEASE / REFUND (一课一消, additive in
 * version 1) carry the amount in fen as a decimal string and the prepaid contracts covered; a REFUND its payee.
 */
export interface EscrowInstructionPayload {
  instructionId: string;
  accountId: string;
  institutionId: string;
  bankCode: string;
  action: 'FREEZE' | 'UNFREEZE' | 'RELEASE' | 'REFUND';
  outcome?: 'EXECUTED' | 'REFUSED';
  amountFen?: string;
  contractIds?: string[];
  payeeRef?: string;
  /** The bank's note with its acknowledgement (e.g. why it refused), when it gave one. */
  note?: string | null;
}

/** escrow.account.* payload. */
export interface EscrowAccountPayload {
  accountId: string;
  accountNo: string;
  institutionId: string;
  bankCode: string;
  status: string;
}

/** escrow.risk_reserve.* payload (amount in fen as a decimal string; validUntil null = no end date). */
export interface EscrowRiskReservePayload {
  reserveId: string;
  institutionId: string;
  amountFen: string;
  validUntil: string | null;
  status: string;
}

/** One money movement of an escrow.transactions.posted event (amountFen: fen as a decimal string). */
export interface EscrowPostedItem {
  txnId: string;
  type: 'DEPOSIT' | 'RELEASE' | 'REFUND' | 'REVERSAL';
  amountFen: string;
  /** ISO 8601 instant (UTC). */
  bookedAt: string;
  payerRef: string | null;
  /** The prepaid contract code a DEPOSIT names, as the bank sent it (not checked against contracts here). */
  contractRef: string | null;
  /** For a REVERSAL, the txnId it undoes (always a DEPOSIT, RELEASE or REFUND of the same account). */
  reversalOf: string | null;
}

/** The money items of one bank batch newly stored on one account (an account of escrow.transactions.posted). */
export interface EscrowPostedAccount {
  accountId: string;
  institutionId: string;
  townshipCode: string | null;
  items: EscrowPostedItem[];
}

/**
 * escrow.transactions.posted payload (version 2): one event per bank batch with new money movements; per
 * account (in the order of the account's first item in the batch) its newly stored money items, in batch
 * order. Resends (DUPLICATE) are not in it, nor INTEREST, FEE or a REVERSAL of one of those (they do not
 * move the custody owed for prepaid lessons). A batch without such items publishes nothing.
 */
export interface EscrowTransactionsPostedPayload {
  bankCode: string;
  /** The ingest batch (escrow_transaction.batch_id of every item in it). */
  batchId: string;
  accounts: EscrowPostedAccount[];
}

/**
 * escrow.transactions.posted version 1, one event per (batch, account): no longer published, but the outbox
 * of an upgraded deployment may still hold some, so subscribers accept both (see postedAccounts).
 */
export interface EscrowTransactionsPostedV1Payload extends EscrowPostedAccount {
  bankCode: string;
}

/** The accounts of an escrow.transactions.posted event of either version (v1 carries one). */
export function postedAccounts(event: {
  version: number;
  payload: EscrowTransactionsPostedPayload | EscrowTransactionsPostedV1Payload;
}): EscrowPostedAccount[] {
  if (event.version >= 2) return (event.payload as EscrowTransactionsPostedPayload).accounts;
  const { accountId, institutionId, townshipCode, items } = event.payload as EscrowTransactionsPostedV1Payload;
  return [{ accountId, institutionId, townshipCode, items }];
}

/** credit.blacklist|whitelist.published payload (expiresOn null = permanent). */
export interface CreditListEntryPayload {
  entryId: string;
  institutionId: string;
  creditCode: string;
  name: string;
  reason: string;
  effectiveOn: string;
  expiresOn: string | null;
}

/** prepaid.refund.* payload (amount in fen as a decimal string). */
export interface PrepaidRefundPayload {
  refundId: string;
  contractId: string;
  institutionId: string;
  amountFen: string;
  status: string;
  /** Who moved it: 'PARENT', 'INSTITUTION', 'SILENCE', 'BANK', 'SWEEP' or a staff username. */
  by: string;
}

/** schools.burden_demand.* payload: a non-teaching demand on a school (教师负担), teacher-hours as a one-decimal string. */
export interface TeacherBurdenDemandPayload {
  demandId: string;
  schoolId: string;
  townshipCode: string;
  kind: 'INSPECTION' | 'EVALUATION' | 'FORM_FILLING' | 'CAMPUS_ACTIVITY' | 'OTHER';
  title: string;
  /** The requesting department's code, or null for a named outside body (`requesterName`). */
  requesterDepartmentCode: string | null;
  requesterName: string | null;
  startsOn: string;
  endsOn: string;
  teacherHours: string;
  approvalStatus: 'DECLARED' | 'NONE' | 'DISPUTED';
}

/** after_school.homework.breach_threshold_reached payload. */
export interface HomeworkBreachAlertPayload {
  alertId: string;
  schoolId: string;
  townshipCode: string;
  breaches: number;
  threshold: number;
  periodDays: number;
  windowFrom: string;
  windowTo: string;
}

/**
 * schools.exam.violation_found payload: a breach of the national exam rules (考试管理) found in a school's
 * term plan (source PLAN, planId) or an exam held and its results (source EXAM, examId). `kind` is an
 * ExamViolationKind of the schools module; `description` says what is wrong in both languages.
 */
export interface ExamViolationPayload {
  violationId: string;
  schoolId: string;
  townshipCode: string;
  /** YYYY-1 (autumn) or YYYY-2 (spring). */
  term: string;
  grade: number;
  kind: string;
  source: 'PLAN' | 'EXAM';
  planId: string | null;
  examId: string | null;
  description: { en: string; zh: string };
}

/**
 * schools.teacher_case.* payload: a case against a serving teacher who tutors for pay (在职教师有偿补课). The
 * teacher by roster id (the roster keeps only a keyed hash of the ID number; no ID number in events).
 */
export interface TeacherCasePayload {
  caseId: string;
  teacherId: string;
  schoolId: string;
  townshipCode: string;
  source: 'ROSTER_MATCH' | 'COMPLAINT';
  /** ROSTER_MATCH: the institution where the teacher was found on the staff. */
  institutionId: string | null;
  /** COMPLAINT: the paid-tutoring complaint. */
  complaintId: string | null;
}

/**
 * enforcement.penalty.* payload: an administrative penalty decision (行政处罚决定, MOE Order No. 53) as the
 * credit-sharing platform and the public profile show it. Money in fen as decimal strings.
 */
export interface PenaltyDecisionPayload {
  penaltyId: string;
  /** The decision's document number (行政处罚决定书文号). */
  decisionNumber: string;
  /** The institution punished, or null for an unlicensed operator found through a lead. */
  institutionId: string | null;
  leadId: string | null;
  /** The party's name as the decision states it. */
  subjectName: string;
  /** Unified social credit code (统一社会信用代码), when the party has one. */
  creditCode: string | null;
  /** PenaltyKind values: WARNING, PUBLIC_CRITICISM, FINE, CONFISCATION, ENROLMENT_SUSPENDED, STOP_OPERATING, LICENCE_REVOKED, PRACTICE_RESTRICTED. */
  kinds: string[];
  fineFen: string | null;
  confiscatedFen: string | null;
  /** The legal basis as cited in the decision. */
  legalBasis: string;
  /** The facts, in one paragraph, as published. */
  facts: string;
  decidingDepartmentCode: string;
  /** YYYY-MM-DD */
  decidedOn: string;
  /** Last day the decision stays published (YYYY-MM-DD), or null when it is not published. */
  publishedUntil: string | null;
}

/** schools.quality.below_county payload: a school whose median band is below the county's in a published round. */
export interface QualityBelowCountyPayload {
  schoolId: string;
  schoolName: string;
  townshipCode: string;
  year: number;
  grade: number;
  /** The subjects below the county, with the school's and the county's median band (EXCELLENT, GOOD, PASS, IMPROVE). */
  subjects: { subject: string; schoolBand: string; countyBand: string }[];
}

/** schools.enrolment.plan_* payload. */
export interface EnrolmentPlanPayload {
  planId: string;
  schoolId: string;
  townshipCode: string;
  year: number;
  sector: 'PUBLIC' | 'PRIVATE';
  status: 'SUBMITTED' | 'APPROVED' | 'RETURNED';
}

export const EVENT_CATALOGUE = {
  // escrow
  'escrow.alert.raised': event<EscrowAlertPayload>(1),
  'escrow.alert.resolved': event<EscrowAlertPayload>(1),
  /** An officer acknowledged an open alert (someone follows it up); it still resolves by itself. */
  'escrow.alert.acknowledged': event<EscrowAlertPayload>(1),
  'escrow.instruction.issued': event<EscrowInstructionPayload>(1),
  'escrow.instruction.acknowledged': event<EscrowInstructionPayload>(1),
  /** A bank has not acknowledged an instruction within the county rule escrow.instruction_ack_hours (supervision opens a task). */
  'escrow.instruction.unacknowledged': event<EscrowInstructionPayload & { issuedAt: string; reason: string }>(1),
  'escrow.account.opened': event<EscrowAccountPayload>(1),
  'escrow.account.frozen': event<EscrowAccountPayload>(1),
  'escrow.account.unfrozen': event<EscrowAccountPayload>(1),
  'escrow.account.closed': event<EscrowAccountPayload>(1),
  /** A risk reserve (风险保证金) registered: the institution is covered by that route. */
  'escrow.risk_reserve.registered': event<EscrowRiskReservePayload>(1),
  'escrow.risk_reserve.released': event<EscrowRiskReservePayload>(1),
  /**
   * A bank batch stored new money movements: one event per batch, every account's items in it (v2; v1 was
   * one event per batch and account, see postedAccounts); prepaid matches deposits and follows releases and refunds.
   */
  'escrow.transactions.posted': event<EscrowTransactionsPostedPayload>(2),
  // registry
  'registry.institution.applied': event<InstitutionTransitionPayload>(1),
  'registry.institution.approved': event<InstitutionTransitionPayload>(1),
  'registry.institution.rejected': event<InstitutionTransitionPayload>(1),
  'registry.institution.operating': event<InstitutionTransitionPayload>(1),
  'registry.institution.suspended': event<InstitutionTransitionPayload>(1),
  'registry.institution.resumed': event<InstitutionTransitionPayload>(1),
  'registry.institution.deregistered': event<InstitutionTransitionPayload>(1),
  'registry.institution.revoked': event<InstitutionTransitionPayload>(1),
  /** A subject institution reduced (压减): category is the one after conversion; status unchanged. */
  'registry.institution.converted': event<
    InstitutionTransitionPayload & {
      convertedTo: 'NON_SUBJECT' | 'NON_PROFIT';
      previousCategory: 'SUBJECT' | 'NON_SUBJECT';
      nonSubjectKind: string | null;
      legalForm: string;
    }
  >(1),
  /** 变更登记: an institution's details changed (status unchanged); only the changed fields, before and after. */
  'registry.institution.updated': event<
    InstitutionTransitionPayload & {
      changed: string[];
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }
  >(1),
  'registry.annual_review.completed': event<{
    institutionId: string;
    year: number;
    result: 'PASS' | 'BASIC_PASS' | 'FAIL';
    score: number;
  }>(1),
  /** A person was put on the staff blacklist (从业人员黑名单); `institutionIds`: where they work now. */
  'registry.staff.barred': event<{
    barId: string;
    barredFrom: string;
    barredUntil: string | null;
    institutionIds: string[];
  }>(1),
  /** A bar decided by mistake was lifted. */
  'registry.staff.bar_lifted': event<{ barId: string; reason: string }>(1),
  'registry.staff.in_service_teacher_found': event<{
    institutionId: string;
    staffId: string;
    teacherId: string;
    schoolId: string;
    townshipCode: string;
  }>(1),
  'registry.unlicensed_lead.opened': event<UnlicensedLeadPayload>(1),
  'registry.unlicensed_lead.closed': event<UnlicensedLeadPayload>(1),
  'registry.unlicensed_lead.regularised': event<UnlicensedLeadPayload>(1),
  'registry.unlicensed_lead.unfounded': event<UnlicensedLeadPayload>(1),
  // after-school
  'after_school.plan.submitted': event<{ planId: string; schoolId: string; semester: string }>(1),
  'after_school.plan.approved': event<{ planId: string; schoolId: string; semester: string }>(1),
  'after_school.plan.returned': event<{ planId: string; schoolId: string; semester: string; reason: string }>(1),
  'after_school.homework.limit_exceeded': event<{
    schoolId: string;
    classId: string;
    grade: number;
    date: string;
    minutes: number;
    limit: number;
  }>(1),
  /** A school did not publish homework for every class on a school day (`missingClasses`: grade/class; absent in events before per-class checks). */
  'after_school.homework.publication_missing': event<{
    schoolId: string;
    townshipCode: string;
    date: string;
    missingClasses?: string[];
  }>(1),
  /**
   * A school's homework breaches (class-days over the time limit) in the county's rolling period reached the
   * county's threshold (after_school.homework_breach_*); the breaches counted end at `windowTo` and never count again.
   */
  'after_school.homework.breach_threshold_reached': event<HomeworkBreachAlertPayload>(1),
  'after_school.institution.removed_from_plans': event<{
    institutionId: string;
    planIds: string[];
    schoolIds: string[];
    reason: string;
  }>(1),
  // complaints
  /**
   * A statutory deadline passed, or its lateness reached a higher escalation level (once per level); the
   * supervision escalation ladder reads it. `level`/`previousLevel` are absent from events published
   * before complaints climbed the ladder (the subscriber then derives the level from `dueAt`).
   */
  'complaints.complaint.overdue': event<{
    complaintId: string;
    trackingNumber: string;
    deadline: 'ROUTE' | 'ACCEPT' | 'HANDLE' | 'REVIEW';
    dueAt: string;
    leadDepartmentCode: string;
    townshipCode: string;
    level?: number;
    previousLevel?: number;
  }>(1),
  /** A complaint came in (any channel); it waits to be routed. */
  'complaints.complaint.received': event<{
    complaintId: string;
    trackingNumber: string;
    category: string;
    leadDepartmentCode: string;
    townshipCode: string;
  }>(1),
  /**
   * A command changed a complaint (routed, assigned, accepted, replied, extended, closed, reopened, reviewed, …):
   * `command` as in complaint-transitions.ts, the status before and after (equal when only details changed).
   */
  'complaints.complaint.changed': event<{
    complaintId: string;
    command: string;
    fromStatus: string;
    toStatus: string;
    leadDepartmentCode: string;
    townshipCode: string;
  }>(1),
  /** Closed as substantiated against an institution: the credit module records a violation. */
  'complaints.complaint.substantiated': event<{
    complaintId: string;
    institutionId: string;
    category: string;
    closedAt: string;
    summary: string;
  }>(1),
  /** An officer asked supervision for an investigation task. */
  'complaints.investigation.requested': event<{
    complaintId: string;
    institutionId?: string;
    townshipCode: string;
    leadDepartmentCode: string;
    category: string;
  }>(1),
  /** The institution a complaint is about replied (机构说明) for the handling officers; no status change. */
  'complaints.institution.replied': event<{
    complaintId: string;
    replyId: string;
    institutionId: string;
    trackingNumber: string;
    leadDepartmentCode: string;
    townshipCode: string;
  }>(1),
  /** An unlicensed-training (无证办学) complaint came in: the registry may open an unlicensed lead. */
  'complaints.unlicensed_training.reported': event<{
    complaintId: string;
    trackingNumber: string;
    townshipCode: string;
    address: string | null;
    description: string;
    institutionName: string | null;
  }>(1),
  // credit (黑白名单)
  'credit.record.created': event<{ recordId: string; institutionId: string; source: string; severity: string | null }>(
    1,
  ),
  /** A published black-list entry, for export to the credit information sharing platform (信用信息共享平台). */
  'credit.blacklist.published': event<CreditListEntryPayload>(1),
  'credit.whitelist.published': event<CreditListEntryPayload>(1),
  'credit.entry.removed': event<{ entryId: string; institutionId: string; kind: string; grounds: string }>(1),
  'credit.entry.expired': event<{ entryId: string; institutionId: string; kind: string; expiresOn: string }>(1),
  /** An item was appended to the credit feed the credit-sharing platform pulls (信用信息共享平台; ADR 0030). */
  'credit.feed.appended': event<{ itemId: string; sequence: string; kind: string; subjectId: string }>(1),
  // schools: teacher burden (教师负担)
  'schools.burden_demand.recorded': event<TeacherBurdenDemandPayload>(1),
  /** A demand without the county's approval: recorded without a reference, or its reference disputed by the county. */
  'schools.burden_demand.unapproved': event<
    TeacherBurdenDemandPayload & { reason: 'NO_APPROVAL' | 'APPROVAL_DISPUTED' }
  >(1),
  'schools.burden_demand.withdrawn': event<TeacherBurdenDemandPayload & { reason: string }>(1),
  // schools: exam management (考试管理)
  /** A school's exam plan for a term was recorded (a new version when recorded again). */
  'schools.exam_plan.recorded': event<{
    planId: string;
    schoolId: string;
    townshipCode: string;
    term: string;
    version: number;
    violations: number;
  }>(1),
  /** An exam held was recorded (with its results when given at once). */
  'schools.exam.recorded': event<{
    examId: string;
    schoolId: string;
    townshipCode: string;
    term: string;
    grade: number;
    kind: string;
    date: string;
    violations: number;
  }>(1),
  /** An exam's aggregate results were recorded (or corrected). */
  'schools.exam.results_recorded': event<{
    examId: string;
    schoolId: string;
    townshipCode: string;
    term: string;
    violations: number;
  }>(1),
  /** A breach of the national exam rules was found; supervision opens (or adds to) the school's inspection. */
  'schools.exam.violation_found': event<ExamViolationPayload>(1),
  // schools (校内): cases against serving teachers who tutor for pay
  /** A case against a serving teacher opened (a roster match, or a paid-tutoring complaint); once per teacher and source. */
  'schools.teacher_case.opened': event<TeacherCasePayload & { decisionDueOn: string }>(1),
  /** The Education Bureau recorded the outcome; SANCTION_REFERRED goes to the discipline commission (纪委监委). */
  'schools.teacher_case.decided': event<
    TeacherCasePayload & { outcome: 'DISMISSED' | 'WARNING' | 'SANCTION_REFERRED' }
  >(1),
  // enforcement (行政处罚)
  /** A penalty decision was recorded (every decision, published or not). */
  'enforcement.penalty.decided': event<PenaltyDecisionPayload>(1),
  /** A decision the law requires to be made public: shown on the public profile and sent to the credit-sharing platform. */
  'enforcement.penalty.published': event<PenaltyDecisionPayload>(1),
  /** A decision withdrawn (revoked on review or in court, or its publication period over): taken off the profile and the feed. */
  'enforcement.penalty.withdrawn': event<PenaltyDecisionPayload & { reason: string }>(1),
  // prepaid (预付费 一课一消); money in fen as decimal strings
  'prepaid.contract.registered': event<{
    contractId: string;
    institutionId: string;
    townshipCode: string;
    courseId: string;
    lessonsBought: number;
    totalFen: string;
    paymentRoute: 'ESCROW_ACCOUNT' | 'RISK_RESERVE';
    escrowAccountId: string | null;
    source: 'INSTITUTION' | 'PLATFORM';
  }>(1),
  'prepaid.lesson.recorded': event<{
    lessonId: string;
    contractId: string;
    institutionId: string;
    taughtOn: string;
    lessons: number;
    confirmDueOn: string;
  }>(1),
  /** Lessons of one contract confirmed together: by the parent, or by the daily auto-confirm (AUTO). */
  'prepaid.lesson.confirmed': event<{
    contractId: string;
    institutionId: string;
    lessonIds: string[];
    lessons: number;
    by: 'PARENT' | 'AUTO';
  }>(1),
  /** The parent objected on a contract and since then prepaid.auto_confirms_after_objection records were auto-confirmed (the credit module records it). */
  'prepaid.objections.overridden': event<{
    contractId: string;
    institutionId: string;
    objections: number;
    autoConfirmedAfterObjection: number;
  }>(1),
  'prepaid.lesson.objected': event<{
    lessonId: string;
    contractId: string;
    institutionId: string;
    complaintId: string;
  }>(1),
  'prepaid.release.instructed': event<{
    releaseId: string;
    accountId: string;
    institutionId: string;
    amountFen: string;
    contractIds: string[];
    instructionId: string;
  }>(1),
  /** The bank posted the RELEASE of an instructed release (一课一消). */
  'prepaid.release.executed': event<{
    releaseId: string;
    accountId: string;
    institutionId: string;
    amountFen: string;
    txnId: string;
  }>(1),
  /** The bank refused a RELEASE instruction: its amount is releasable again (the next release run may instruct it). */
  'prepaid.release.refused': event<{
    releaseId: string;
    accountId: string;
    institutionId: string;
    amountFen: string;
    contractIds: string[];
    instructionId: string;
    note: string | null;
  }>(1),
  'prepaid.refund.requested': event<PrepaidRefundPayload>(1),
  'prepaid.refund.approved': event<PrepaidRefundPayload>(1),
  'prepaid.refund.disputed': event<PrepaidRefundPayload & { complaintId: string | null }>(1),
  'prepaid.refund.instructed': event<PrepaidRefundPayload & { instructionId: string }>(1),
  'prepaid.refund.executed': event<PrepaidRefundPayload & { txnId: string }>(1),
  'prepaid.refund.overdue': event<PrepaidRefundPayload & { executionDueOn: string }>(1),
  /** The bank refused a REFUND instruction: the case is APPROVED again and the next sweep instructs it again. */
  'prepaid.refund.refused': event<PrepaidRefundPayload & { instructionId: string; note: string | null }>(1),
  'prepaid.deposit.matched': event<{
    contractId: string;
    txnId: string;
    accountId: string;
    institutionId: string;
    amountFen: string;
    by: 'CONTRACT_REF' | 'PAYER_AMOUNT';
  }>(1),
  'prepaid.deposit.unmatched': event<{
    txnId: string;
    accountId: string;
    institutionId: string;
    amountFen: string;
    bookedAt: string;
  }>(1),
  // supervision
  'supervision.task.created': event<{
    taskId: string;
    type: string;
    targetKind: string;
    targetId: string;
    leadDepartmentCode: string;
    townshipCode: string | null;
    dueAt: string;
  }>(1),
  /**
   * A command changed a task (assigned, started, submitted, accepted, returned, closed, cancelled): the
   * command's verb, the status before and after (equal for a re-assignment).
   */
  'supervision.task.changed': event<{
    taskId: string;
    command: string;
    fromStatus: string;
    toStatus: string;
    leadDepartmentCode: string;
    townshipCode: string | null;
  }>(1),
  /** The sweep raised an overdue task's or rectification order's escalation level (1, 2 or 3). */
  'supervision.task.escalated': event<{
    taskId?: string;
    orderId?: string;
    level: number;
    overdueDays: number;
    leadDepartmentCode: string;
    townshipCode: string | null;
  }>(1),
  /** A finding recorded a violation by an institution (the credit module records it). */
  'supervision.finding.violation_recorded': event<{
    findingId: string;
    taskId: string;
    institutionId: string;
    severity: 'MINOR' | 'SERIOUS' | 'GRAVE';
    description: string;
    kind: string;
  }>(1),
  'supervision.rectification.issued': event<{
    orderId: string;
    findingId: string;
    taskId: string;
    institutionId: string | null;
    deadlineAt: string;
  }>(1),
  'supervision.rectification.completed': event<{
    orderId: string;
    taskId: string;
    institutionId: string | null;
    recheckTaskId: string;
  }>(1),
  /** A level-3 escalation opened an accountability case (问责) against a department or township. */
  'supervision.accountability.opened': event<{
    caseId: string;
    partyKind: 'DEPARTMENT' | 'TOWNSHIP';
    partyCode: string;
    items: { itemKind: 'TASK' | 'ORDER' | 'COMPLAINT'; itemId: string }[];
    statementDueAt: string;
    decisionDueAt: string;
  }>(1),
  /** Later level-3 items of the same party joined its case while it was still OPEN. */
  'supervision.accountability.items_added': event<{
    caseId: string;
    partyKind: 'DEPARTMENT' | 'TOWNSHIP';
    partyCode: string;
    items: { itemKind: 'TASK' | 'ORDER' | 'COMPLAINT'; itemId: string }[];
  }>(1),
  /** The party held to account gave its statement (情况说明). */
  'supervision.accountability.statement_received': event<{
    caseId: string;
    partyKind: 'DEPARTMENT' | 'TOWNSHIP';
    partyCode: string;
    late: boolean;
  }>(1),
  /** The discipline supervisor decided the case (约谈, 通报批评, 问责 with its level, or no action). */
  'supervision.accountability.decided': event<{
    caseId: string;
    partyKind: 'DEPARTMENT' | 'TOWNSHIP';
    partyCode: string;
    decisionKind: 'INTERVIEW' | 'CIRCULATED' | 'ACCOUNTABILITY' | 'NO_ACTION';
    accountabilityLevel: 'ADMONISHMENT' | 'ORGANISATIONAL' | 'DISCIPLINARY_REFERRAL' | null;
    late: boolean;
  }>(1),
  'supervision.report.generated': event<{ reportId: string; kind: 'MONTHLY' | 'QUARTERLY'; period: string }>(1),
  /** A stored report was sent: SPECIAL (专报) to the county government, BRIEFING (简报) to the departments listed. */
  'supervision.report.dispatched': event<{
    reportId: string;
    dispatchId: string;
    kind: 'SPECIAL' | 'BRIEFING';
    departmentCodes: string[];
  }>(1),
  // reference
  /** A school's teacher roster was imported (counts only, never ID data): the registry re-checks its staff against it. */
  'reference.teacher_roster.imported': event<{
    schoolId: string;
    townshipCode: string;
    added: number;
    updated: number;
    deactivated: number;
  }>(1),
  // notifications
  'notifications.notification.created': event<{
    notificationId: string;
    kind: string;
    title: string;
    targets: string[];
  }>(1),
  // identity
  'identity.user.created': event<{ userId: string; username: string; role: string }>(1),
  'identity.user.disabled': event<{ userId: string; username: string }>(1),
  // A county rule's new version was approved (policy store); value as written ("20:30", "4000.00", "30").
  'policy.rule.changed': event<{
    changeId: string;
    key: string;
    value: string;
    previousValue: string;
    effectiveOn: string;
    proposedBy: string;
    approvedBy: string;
    reason: string;
  }>(1),
  // schools: academic quality monitoring (学业质量监测) and enrolment (招生入学)
  'schools.quality.result_recorded': event<{
    resultId: string;
    schoolId: string;
    townshipCode: string;
    year: number;
    grade: number;
    subject: string;
  }>(1),
  /** A monitoring round (year and grade) published: county bands computed, schools below them flagged. */
  'schools.quality.round_published': event<{
    year: number;
    grade: number;
    schools: number;
    flaggedSchoolIds: string[];
  }>(1),
  /** A school below the county band in a published round: supervision opens a teaching-research visit. */
  'schools.quality.below_county': event<QualityBelowCountyPayload>(1),
  'schools.enrolment.calendar_set': event<{
    year: number;
    registrationStart: string;
    registrationEnd: string;
    admissionDate: string;
  }>(1),
  'schools.enrolment.sector_set': event<{ schoolId: string; townshipCode: string; sector: 'PUBLIC' | 'PRIVATE' }>(1),
  /** A school's service area (服务范围) for a year was published or changed. */
  'schools.enrolment.service_area_set': event<{
    schoolId: string;
    townshipCode: string;
    year: number;
    townshipCodes: string[];
    gridCellCodes: string[];
  }>(1),
  'schools.enrolment.plan_recorded': event<EnrolmentPlanPayload>(1),
  'schools.enrolment.plan_reviewed': event<EnrolmentPlanPayload & { comment: string | null }>(1),
} as const;

export type EventName = keyof typeof EVENT_CATALOGUE;
export type EventPayload<N extends EventName> =
  (typeof EVENT_CATALOGUE)[N] extends EventDefinition<infer P> ? P : never;

/** What a subscriber receives: the payload and the facts of its publication. */
export interface DomainEvent<N extends EventName = EventName> {
  eventId: string;
  name: N;
  version: number;
  occurredAt: string;
  requestId: string | null;
  /** W3C trace context of the publishing change (absent when tracing was off), continued by the subscriber. */
  traceContext?: { traceparent: string; tracestate?: string } | null;
  payload: EventPayload<N>;
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, name);
}

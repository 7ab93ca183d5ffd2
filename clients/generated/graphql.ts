/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Complaint category (投诉类别); it picks the lead and co-operating departments (routing by duty). */
export type ComplaintCategory =
  /** School enrolment and admission (招生入学): service areas, exams, dates, lotteries. */
  | 'ENROLMENT'
  /** False advertising (虚假宣传). */
  | 'FALSE_ADVERTISING'
  /** Fire safety (消防安全). */
  | 'FIRE_SAFETY'
  /** Health and food safety (卫生与食品安全). */
  | 'HEALTH_FOOD_SAFETY'
  /** Homework burden at school (作业负担). */
  | 'HOMEWORK_BURDEN'
  /** Anything else (其他). */
  | 'OTHER'
  /** Refusal to refund prepaid fees, or an institution absconding (退费/卷钱跑路). */
  | 'PREPAID_FEE_REFUND'
  /** Fees and pricing (收费). */
  | 'PRICING'
  /** Subject training against the rules (违规学科类培训). */
  | 'SUBJECT_TRAINING_VIOLATION'
  /** Paid tutoring by an in-service teacher (在职教师有偿补课). */
  | 'TEACHER_PAID_TUTORING'
  /** Training without a licence (无证办学). */
  | 'UNLICENSED_TRAINING';

/** A complaint (投诉): category, what happened, where, and a contact unless anonymous */
export type ComplaintIntakeInput = {
  /** Address of what happened, 1–300 characters, plain text. */
  address?: string | null | undefined;
  /** Anonymous (匿名): no contact is given */
  anonymous?: boolean | null | undefined;
  /** Category (投诉类别); it picks the departments that handle the complaint. */
  category: ComplaintCategory;
  /** Complainant name, stored encrypted */
  contactName?: string | null | undefined;
  /** Complainant phone, stored encrypted */
  contactPhone?: string | null | undefined;
  /** What happened, 1–5000 characters, plain text */
  description: string;
  /** … or by unified social credit code (统一社会信用代码) */
  institutionCreditCode?: string | null | undefined;
  /** Institution in the registry, by id … */
  institutionId?: string | number | null | undefined;
  /** Name of an institution not in the registry (e.g. unlicensed), free text */
  institutionName?: string | null | undefined;
  /** Township (乡镇/街道) of the address; defaults to the institution’s */
  townshipCode?: string | null | undefined;
};

/** Complaint status: RECEIVED → ACCEPTED / NOT_ACCEPTED → ASSIGNED → INVESTIGATING → REPLIED → CLOSED; REPLIED / CLOSED → UNDER_REVIEW → CLOSED (upheld) or INVESTIGATING (overturned). */
export type ComplaintStatus =
  /** Accepted (已受理): the 60-day handling period runs. */
  | 'ACCEPTED'
  /** Assigned (已交办) to the routed departments and township. */
  | 'ASSIGNED'
  /** Closed (已办结). */
  | 'CLOSED'
  /** Being investigated (调查中). */
  | 'INVESTIGATING'
  /** Not accepted (不予受理); the complainant was told why. */
  | 'NOT_ACCEPTED'
  /** Received and registered (已登记); acceptance not yet decided. */
  | 'RECEIVED'
  /** Replied to the complainant (已答复). */
  | 'REPLIED'
  /** Under review (复查中) at the complainant’s request. */
  | 'UNDER_REVIEW';

/** How a course is taught. */
export type CourseMode =
  /** In person at the premises (线下). */
  | 'OFFLINE'
  /** Online (线上). */
  | 'ONLINE';

/** Topic of a course: a school subject (学科类: 道德与法治, 语文, 历史, 地理, 数学, 外语, 物理, 化学, 生物) or a non-subject area (非学科类: 体育, 艺术, 综合实践活动). */
export type CourseTopic =
  /** Arts (艺术); non-subject. */
  | 'ARTS'
  /** Biology (生物); a subject. */
  | 'BIOLOGY'
  /** Chemistry (化学); a subject. */
  | 'CHEMISTRY'
  /** Chinese (语文); a subject. */
  | 'CHINESE'
  /** Comprehensive practice (综合实践活动), science and technology included; non-subject. */
  | 'COMPREHENSIVE_PRACTICE'
  /** Foreign language (外语); a subject. */
  | 'FOREIGN_LANGUAGE'
  /** Geography (地理); a subject. */
  | 'GEOGRAPHY'
  /** History (历史); a subject. */
  | 'HISTORY'
  /** Mathematics (数学); a subject. */
  | 'MATHEMATICS'
  /** Morality and law (道德与法治); a subject. */
  | 'MORALITY_AND_LAW'
  /** Sports (体育); non-subject. */
  | 'PHYSICAL_EDUCATION'
  /** Physics (物理); a subject. */
  | 'PHYSICS';

/** An institution’s public standing (信用状态): on the black, white or grey list, or none. */
export type CreditStanding =
  /** On the black list (黑名单); it wins over the others. */
  | 'BLACK'
  /** On the grey list (灰名单, 重点关注). */
  | 'GREY'
  /** On no list. */
  | 'NONE'
  /** On the white list (白名单). */
  | 'WHITE';

/** Narrows the escrow accounts (监管账户) listed; every field given must match. */
export type EscrowAccountFilter = {
  /** Only the accounts at this partner bank (合作银行) code. */
  bankCode?: string | null | undefined;
  /** Only the accounts of this institution (校外培训机构). */
  institutionId?: string | number | null | undefined;
  /** Only accounts in this status. */
  status?: EscrowAccountStatus | null | undefined;
  /** Only the accounts of institutions in this township (乡镇/街道) code. */
  townshipCode?: string | null | undefined;
};

/** Status of an escrow account (监管账户状态). */
export type EscrowAccountStatus =
  /** In use: deposits are taken and released (正常). */
  | 'ACTIVE'
  /** Closed (注销); kept for the record. */
  | 'CLOSED'
  /** Frozen by the bank on a FREEZE instruction (冻结); nothing is paid out. */
  | 'FROZEN';

/** Narrows the escrow alerts (资金监管预警) listed; every field given must match. */
export type EscrowAlertFilter = {
  /** Only alerts of this escrow account. */
  accountId?: string | number | null | undefined;
  /** Only alerts in this status. */
  status?: EscrowAlertStatus | null | undefined;
  /** Only alerts of institutions in this township (乡镇/街道) code. */
  townshipCode?: string | null | undefined;
  /** Only alerts of this type. */
  type?: EscrowAlertType | null | undefined;
};

/** Where an escrow alert stands: OPEN → ACKNOWLEDGED → RESOLVED. */
export type EscrowAlertStatus =
  /** Someone follows it up (已认领); it still resolves by itself. */
  | 'ACKNOWLEDGED'
  /** Raised and not yet followed up (待处置). */
  | 'OPEN'
  /** Its condition cleared (已解除). */
  | 'RESOLVED';

/** What an escrow alert (资金监管预警) is about. */
export type EscrowAlertType =
  /** Releases in 24 hours above the county share of custody (异常划转). */
  | 'ABNORMAL_RELEASE'
  /** A deposit no registered prepaid contract matches (入账未匹配合同). */
  | 'DEPOSIT_UNMATCHED'
  /** An operating institution with neither an escrow account nor a valid risk reserve (未开设监管账户). */
  | 'NO_ESCROW_ACCOUNT'
  /** A deposit above the county prepaid caps in yuan, lesson hours or months (超限预收费). */
  | 'PREPAID_LIMIT_EXCEEDED'
  /** Opening balance plus the day's movements is not the closing balance (对账不符). */
  | 'RECONCILIATION_MISMATCH'
  /** An approved refund the bank did not pay in time (退费逾期未执行). */
  | 'REFUND_OVERDUE'
  /** A release above what confirmed lessons earned (划转超过已消课金额). */
  | 'RELEASE_OVER_RELEASABLE'
  /** The reported balance is below the required custody (余额不足). */
  | 'SHORTFALL'
  /** The bank did not post the statement by the county deadline (未按时报送). */
  | 'STALE_REPORT';

/** Category of an institution: subject (学科类) or non-subject (非学科类) training. */
export type InstitutionCategory =
  /** Non-subject training (非学科类): sports, arts, science and technology, other. */
  | 'NON_SUBJECT'
  /** Subject training (学科类): school subjects of compulsory education. */
  | 'SUBJECT';

/** Narrows the institution list; absent fields do not narrow it. */
export type InstitutionFilter = {
  /** Only institutions of this category. */
  category?: InstitutionCategory | null | undefined;
  /** Part of the name, or the whole credit code (统一社会信用代码). */
  search?: string | null | undefined;
  /** Only institutions in this state. */
  status?: InstitutionStatus | null | undefined;
  /** Only institutions registered in this township (乡镇/街道 code). */
  townshipCode?: string | null | undefined;
};

/** Legal form of an institution: for-profit (营利性) or non-profit (非营利性). */
export type InstitutionLegalForm =
  /** For-profit (营利性), registered with market regulation (市场监管局). */
  | 'FOR_PROFIT'
  /** Non-profit (非营利性), registered with civil affairs (民政局). */
  | 'NON_PROFIT';

/** Licence lifecycle of an institution: APPLIED → APPROVED / REJECTED → OPERATING ⇄ SUSPENDED → DEREGISTERED / REVOKED. */
export type InstitutionStatus =
  /** Applied for a school-running licence (申请办学许可), not yet decided. */
  | 'APPLIED'
  /** Licence issued (办学许可证), not yet operating. */
  | 'APPROVED'
  /** Deregistered (注销); final. */
  | 'DEREGISTERED'
  /** Licensed and operating (正常办学). */
  | 'OPERATING'
  /** Application refused; final. */
  | 'REJECTED'
  /** Licence revoked (吊销办学许可证); final. */
  | 'REVOKED'
  /** Suspended for rectification (停业整顿); may resume operating. */
  | 'SUSPENDED';

/** A username and password to log in with (登录) */
export type LoginInput = {
  /** The password */
  password: string;
  /** The username (any case) */
  username: string;
};

/** Mark one of my notifications read. */
export type MarkNotificationReadInput = {
  /** Id of the notification. */
  id: string | number;
};

/** Kind of a non-subject institution (非学科类). */
export type NonSubjectKind =
  /** Culture and arts (文化艺术). */
  | 'ARTS'
  /** Another non-subject kind. */
  | 'OTHER'
  /** Science and technology (科技). */
  | 'SCIENCE_TECH'
  /** Sports (体育). */
  | 'SPORTS';

/** Narrows my notifications; absent fields do not narrow them. */
export type NotificationFilter = {
  /** Only notifications I have not read yet. */
  unreadOnly?: boolean | null | undefined;
};

/** Result of one check of premises (fire, health). */
export type PremisesCheckStatus =
  /** Failed (不合格). */
  | 'FAILED'
  /** Passed (合格). */
  | 'PASSED'
  /** Not yet checked, or no result recorded. */
  | 'PENDING';

/** Status of a rectification order (整改通知). */
export type RectificationStatus =
  /** Completed (已整改); a re-check task (整改复查) was opened. */
  | 'COMPLETED'
  /** Open (整改中): the rectification is still owed. */
  | 'OPEN';

/** Role of a user (角色) */
export type Role =
  /** County leading-group office (县"双减"工作领导小组办公室): everything */
  | 'COUNTY_ADMIN'
  /** Member department officer (成员单位); scope: a department code */
  | 'DEPARTMENT_OFFICER'
  /** Discipline supervisor (县纪委县监委): reads everything, including the audit log */
  | 'DISCIPLINE_SUPERVISOR'
  /** Inspector (督导/执法人员); scope: a department code */
  | 'INSPECTOR'
  /** Institution administrator (机构端): its own institution’s records, contracts, refunds and complaints about it; scope: an institution id */
  | 'INSTITUTION_ADMIN'
  /** School administrator (学校); scope: a school id */
  | 'SCHOOL_ADMIN'
  /** Township or street officer, grid worker (乡镇/街道, 网格员); scope: a township code */
  | 'TOWNSHIP_OFFICER';

/** State of a staff member’s background check (背景审查). */
export type StaffBackgroundCheck =
  /** Completed with nothing found (审查通过). */
  | 'CLEARED'
  /** Completed with a disqualifying finding (审查未通过). */
  | 'FAILED'
  /** Not yet completed. */
  | 'PENDING';

/** Position of a staff member (从业人员岗位). */
export type StaffPosition =
  /** Manager or administrator (管理人员). */
  | 'MANAGER'
  /** Other staff (其他人员). */
  | 'OTHER'
  /** Teacher (教师). */
  | 'TEACHER';

/** What a supervision task is about (检查对象); `targetId` holds its id, or a township code. */
export type SupervisionTargetKind =
  /** A complaint (投诉). */
  | 'COMPLAINT'
  /** A member department (成员单位), by its code: the inspection office (督办督查局) or the county office holds it to account; its officers read the task. */
  | 'DEPARTMENT'
  /** An escrow alert (资金监管预警). */
  | 'ESCROW_ALERT'
  /** An off-campus training institution (校外培训机构) of the registry. */
  | 'INSTITUTION'
  /** Premises (培训场所) of an institution. */
  | 'PREMISES'
  /** A primary or secondary school (中小学校). */
  | 'SCHOOL'
  /** A township or street (乡镇/街道), by its code. */
  | 'TOWNSHIP'
  /** A lead about unlicensed training (无证办学线索). */
  | 'UNLICENSED_LEAD';

/** Which supervision tasks (督导检查任务) to list; every field narrows the list. */
export type SupervisionTaskFilter = {
  /** My tasks: true, only tasks I am assigned to; false, only those I am not (within what I may see). */
  assignedToMe?: boolean | null | undefined;
  /** Only tasks this user is assigned to (within what I may see). */
  assigneeId?: string | number | null | undefined;
  /** Only tasks of this campaign (专项行动). */
  campaignId?: string | number | null | undefined;
  /** Only tasks with this lead or co-operating department (by code). */
  departmentCode?: string | null | undefined;
  /** Only tasks at this escalation level (督办级别), 0–3. */
  escalationLevel?: number | null | undefined;
  /** True: only overdue tasks; false: only those not overdue. */
  overdue?: boolean | null | undefined;
  /** Only tasks in this status. */
  status?: SupervisionTaskStatus | null | undefined;
  /** Only tasks of this township (乡镇/街道), by its 9–12 digit code. */
  townshipCode?: string | null | undefined;
  /** Only tasks of this type. */
  type?: SupervisionTaskType | null | undefined;
};

/** Where a supervision task is: ASSIGNED → IN_PROGRESS → SUBMITTED → ACCEPTED / RETURNED (→ IN_PROGRESS) → CLOSED, or CANCELLED. */
export type SupervisionTaskStatus =
  /** Accepted (已验收) by the lead department; waiting to be closed. */
  | 'ACCEPTED'
  /** Assigned (已派发): waiting for an assignee to start it. */
  | 'ASSIGNED'
  /** Cancelled (已撤销) with a reason. */
  | 'CANCELLED'
  /** Closed (已办结). */
  | 'CLOSED'
  /** In progress (检查中): findings are being recorded. */
  | 'IN_PROGRESS'
  /** Returned (已退回) with a reason; the assignees work on it again. */
  | 'RETURNED'
  /** Submitted (已提交): waiting for the lead department to accept or return it. */
  | 'SUBMITTED';

/** Supervision task type (督导检查类型): what kind of inspection or follow-up the task is. */
export type SupervisionTaskType =
  /** Annual review inspection (年审年检), also opened by a failed annual review. */
  | 'ANNUAL_REVIEW_INSPECTION'
  /** Investigation of a complaint (投诉调查), opened at the complaint handler’s request. */
  | 'COMPLAINT_INVESTIGATION'
  /** Follow-up of an escrow alert (资金预警核查), opened by the alert. */
  | 'ESCROW_ALERT_FOLLOW_UP'
  /** Inspection of a school’s exam management (考试管理督查), opened by an exam-rule violation. */
  | 'EXAM_MANAGEMENT_INSPECTION'
  /** Fire-safety or health inspection (消防/卫生检查). */
  | 'FIRE_HEALTH_INSPECTION'
  /** Inspection of a school’s homework burden (作业负担督查), opened by repeated homework-limit breaches. */
  | 'HOMEWORK_BURDEN_INSPECTION'
  /** Joint enforcement (联合执法) by several departments and the township. */
  | 'JOINT_ENFORCEMENT'
  /** Re-check of a completed rectification order (整改复查), opened when the order is completed. */
  | 'RECTIFICATION_RECHECK'
  /** Routine inspection (日常检查). */
  | 'ROUTINE_INSPECTION'
  /** Special inspection (专项督导), often within a campaign. */
  | 'SPECIAL_INSPECTION'
  /** Review of a non-teaching demand placed on a school without county approval (教师负担核查). */
  | 'TEACHER_BURDEN_REVIEW'
  /** Teaching-research visit (教研视导) to a school below the county’s academic-quality band. */
  | 'TEACHING_RESEARCH_VISIT'
  /** Investigation of an unlicensed training site (无证办学排查), opened by an unlicensed lead. */
  | 'UNLICENSED_SITE_INVESTIGATION';

export type SubmitComplaintMutationVariables = Exact<{
  input: ComplaintIntakeInput;
}>;


export type SubmitComplaintMutation = { submitComplaint: { trackingNumber: string, receivedAt: string } };

export type ComplaintStatusQueryVariables = Exact<{
  trackingNumber: string;
}>;


export type ComplaintStatusQuery = { complaintStatus: { trackingNumber: string, category: ComplaintCategory, status: ComplaintStatus, receivedAt: string, timeline: Array<{ status: ComplaintStatus, occurredAt: string, reply: string | null }> } };

export type DashboardQueryVariables = Exact<{
  townshipCode?: string | null | undefined;
}>;


export type DashboardQuery = { dashboard: { asOf: string, periodFrom: string, townshipCode: string | null, complaints: { received: number, closed: number, overdue: number, pendingOverdue: number, satisfactionRate: number | null }, escrow: { totalCustody: string, coverage: { numerator: number, denominator: number, rate: number | null, target: number }, openAlertsByType: Array<{ type: EscrowAlertType, count: number }> }, supervision: { open: number, overdueByLevel: Array<{ level: number, count: number }> }, registry: { subjectInstitutionsRemaining: number, unlicensedLeadsOpen: number, unlicensedLeadsOverdue: number }, credit: { black: number, grey: number, white: number } } };

export type EscrowAccountsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: EscrowAccountFilter | null | undefined;
}>;


export type EscrowAccountsQuery = { escrowAccounts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, accountNo: string, bankCode: string, status: EscrowAccountStatus, openedOn: string, lastStatementDate: string | null, requiredCustody: string, custody: { required: string, latestBalance: string | null, latestStatementDate: string | null, shortfall: string | null }, institution: { id: string, name: string, creditCode: string } | null } }> } };

export type EscrowAlertsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: EscrowAlertFilter | null | undefined;
}>;


export type EscrowAlertsQuery = { escrowAlerts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: EscrowAlertType, status: EscrowAlertStatus, raisedAt: string, accountId: string | null, accountNo: string | null, bankCode: string | null, details: unknown, acknowledgedAt: string | null, resolvedAt: string | null, institution: { id: string, name: string, creditCode: string, category: InstitutionCategory, nonSubjectKind: NonSubjectKind | null, status: InstitutionStatus, townshipCode: string, township: { code: string, name: string } } | null } }> } };

export type PageInfoFieldsFragment = { hasNextPage: boolean, endCursor: string | null };

export type CurrentUserFragment = { id: string, username: string, displayName: string, role: Role, departmentCode: string | null, townshipCode: string | null, schoolId: string | null, institutionId: string | null };

export type InstitutionListItemFragment = { id: string, name: string, creditCode: string, category: InstitutionCategory, nonSubjectKind: NonSubjectKind | null, status: InstitutionStatus, townshipCode: string, township: { code: string, name: string } };

export type TaskListItemFragment = { id: string, title: string, type: SupervisionTaskType, status: SupervisionTaskStatus, targetKind: SupervisionTargetKind, targetId: string, leadDepartmentCode: string, townshipCode: string | null, dueAt: string, overdue: boolean, escalationLevel: number, institution: { id: string, name: string, creditCode: string, category: InstitutionCategory, nonSubjectKind: NonSubjectKind | null, status: InstitutionStatus, townshipCode: string, township: { code: string, name: string } } | null };

export type InstitutionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: InstitutionFilter | null | undefined;
}>;


export type InstitutionsQuery = { institutions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, creditCode: string, category: InstitutionCategory, nonSubjectKind: NonSubjectKind | null, status: InstitutionStatus, townshipCode: string, township: { code: string, name: string } } }> } };

export type InstitutionDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type InstitutionDetailQuery = { institution: { address: string, legalForm: InstitutionLegalForm, legalRepresentative: string, contactPhone: string, competentDepartmentCode: string, licenceNumber: string | null, licenceValidFrom: string | null, licenceValidUntil: string | null, partyOrganisationCovered: boolean, partyWorkCovered: boolean, openEscrowAlertCount: number, openTaskCount: number, id: string, name: string, creditCode: string, category: InstitutionCategory, nonSubjectKind: NonSubjectKind | null, status: InstitutionStatus, townshipCode: string, creditStanding: { standing: CreditStanding, effectiveOn: string | null, expiresOn: string | null }, escrowAccount: { id: string, accountNo: string, bankCode: string, status: EscrowAccountStatus } | null, premises: Array<{ id: string, address: string, floorAreaM2: number, fireInspection: PremisesCheckStatus, healthInspection: PremisesCheckStatus }>, staff: Array<{ id: string, name: string, position: StaffPosition, active: boolean, backgroundCheck: StaffBackgroundCheck }>, courses: Array<{ id: string, name: string, topic: CourseTopic, mode: CourseMode, lessonMinutes: number, pricePerHour: string, termStart: string, termEnd: string }>, township: { code: string, name: string } } | null };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { accessToken: string, expiresAt: string, user: { id: string, username: string, displayName: string, role: Role, departmentCode: string | null, townshipCode: string | null, schoolId: string | null, institutionId: string | null } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, username: string, displayName: string, role: Role, departmentCode: string | null, townshipCode: string | null, schoolId: string | null, institutionId: string | null } };

export type NotificationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: NotificationFilter | null | undefined;
}>;


export type NotificationsQuery = { unreadNotificationCount: number, notifications: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, kind: string, title: string, body: string, entityType: string | null, entityId: string | null, read: boolean, createdAt: string } }> } };

export type MarkNotificationReadMutationVariables = Exact<{
  input: MarkNotificationReadInput;
}>;


export type MarkNotificationReadMutation = { markNotificationRead: { id: string, read: boolean } };

export type MarkAllNotificationsReadMutationVariables = Exact<{ [key: string]: never; }>;


export type MarkAllNotificationsReadMutation = { markAllNotificationsRead: number };

export type SupervisionTasksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: SupervisionTaskFilter | null | undefined;
}>;


export type SupervisionTasksQuery = { supervisionTasks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, type: SupervisionTaskType, status: SupervisionTaskStatus, targetKind: SupervisionTargetKind, targetId: string, leadDepartmentCode: string, townshipCode: string | null, dueAt: string, overdue: boolean, escalationLevel: number, institution: { id: string, name: string, creditCode: string, category: InstitutionCategory, nonSubjectKind: NonSubjectKind | null, status: InstitutionStatus, townshipCode: string, township: { code: string, name: string } } | null } }> } };

export type SupervisionTaskDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type SupervisionTaskDetailQuery = { supervisionTask: { description: string, assigneeIds: Array<string>, cooperatingDepartmentCodes: Array<string>, campaignId: string | null, createdAt: string, updatedAt: string, closedAt: string | null, returnReason: string | null, cancelReason: string | null, id: string, title: string, type: SupervisionTaskType, status: SupervisionTaskStatus, targetKind: SupervisionTargetKind, targetId: string, leadDepartmentCode: string, townshipCode: string | null, dueAt: string, overdue: boolean, escalationLevel: number, checklist: Array<{ code: string, label: string }>, findings: Array<{ id: string, summary: string, recordedAt: string, recordedBy: string }>, rectificationOrders: Array<{ id: string, status: RectificationStatus, requirements: string, deadlineAt: string, overdue: boolean }>, escalations: Array<{ level: number, escalatedAt: string, overdueDays: number }>, institution: { id: string, name: string, creditCode: string, category: InstitutionCategory, nonSubjectKind: NonSubjectKind | null, status: InstitutionStatus, townshipCode: string, township: { code: string, name: string } } | null } | null };

export const PageInfoFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<PageInfoFieldsFragment, unknown>;
export const CurrentUserFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CurrentUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"departmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"schoolId"}},{"kind":"Field","name":{"kind":"Name","value":"institutionId"}}]}}]} as unknown as DocumentNode<CurrentUserFragment, unknown>;
export const InstitutionListItemFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InstitutionListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Institution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"nonSubjectKind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"township"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<InstitutionListItemFragment, unknown>;
export const TaskListItemFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionTask"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"targetKind"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"leadDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"escalationLevel"}},{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InstitutionListItem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InstitutionListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Institution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"nonSubjectKind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"township"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<TaskListItemFragment, unknown>;
export const SubmitComplaintDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitComplaint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ComplaintIntakeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitComplaint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}}]}}]}}]} as unknown as DocumentNode<SubmitComplaintMutation, SubmitComplaintMutationVariables>;
export const ComplaintStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ComplaintStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trackingNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"complaintStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"trackingNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trackingNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"reply"}}]}}]}}]}}]} as unknown as DocumentNode<ComplaintStatusQuery, ComplaintStatusQueryVariables>;
export const DashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"townshipCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"townshipCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"townshipCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"periodFrom"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"complaints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"received"}},{"kind":"Field","name":{"kind":"Name","value":"closed"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"pendingOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"satisfactionRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"escrow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCustody"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"numerator"}},{"kind":"Field","name":{"kind":"Name","value":"denominator"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openAlertsByType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"supervision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"open"}},{"kind":"Field","name":{"kind":"Name","value":"overdueByLevel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subjectInstitutionsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"unlicensedLeadsOpen"}},{"kind":"Field","name":{"kind":"Name","value":"unlicensedLeadsOverdue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"credit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"black"}},{"kind":"Field","name":{"kind":"Name","value":"grey"}},{"kind":"Field","name":{"kind":"Name","value":"white"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const EscrowAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EscrowAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EscrowAccountFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"escrowAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountNo"}},{"kind":"Field","name":{"kind":"Name","value":"bankCode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"openedOn"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatementDate"}},{"kind":"Field","name":{"kind":"Name","value":"requiredCustody"}},{"kind":"Field","name":{"kind":"Name","value":"custody"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"latestBalance"}},{"kind":"Field","name":{"kind":"Name","value":"latestStatementDate"}},{"kind":"Field","name":{"kind":"Name","value":"shortfall"}}]}},{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<EscrowAccountsQuery, EscrowAccountsQueryVariables>;
export const EscrowAlertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EscrowAlerts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EscrowAlertFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"escrowAlerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"accountNo"}},{"kind":"Field","name":{"kind":"Name","value":"bankCode"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InstitutionListItem"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InstitutionListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Institution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"nonSubjectKind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"township"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<EscrowAlertsQuery, EscrowAlertsQueryVariables>;
export const InstitutionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Institutions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InstitutionFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"institutions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InstitutionListItem"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InstitutionListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Institution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"nonSubjectKind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"township"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<InstitutionsQuery, InstitutionsQueryVariables>;
export const InstitutionDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InstitutionDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"institution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InstitutionListItem"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"legalForm"}},{"kind":"Field","name":{"kind":"Name","value":"legalRepresentative"}},{"kind":"Field","name":{"kind":"Name","value":"contactPhone"}},{"kind":"Field","name":{"kind":"Name","value":"competentDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"licenceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"licenceValidFrom"}},{"kind":"Field","name":{"kind":"Name","value":"licenceValidUntil"}},{"kind":"Field","name":{"kind":"Name","value":"partyOrganisationCovered"}},{"kind":"Field","name":{"kind":"Name","value":"partyWorkCovered"}},{"kind":"Field","name":{"kind":"Name","value":"openEscrowAlertCount"}},{"kind":"Field","name":{"kind":"Name","value":"openTaskCount"}},{"kind":"Field","name":{"kind":"Name","value":"creditStanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"standing"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveOn"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"escrowAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountNo"}},{"kind":"Field","name":{"kind":"Name","value":"bankCode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"premises"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"floorAreaM2"}},{"kind":"Field","name":{"kind":"Name","value":"fireInspection"}},{"kind":"Field","name":{"kind":"Name","value":"healthInspection"}}]}},{"kind":"Field","name":{"kind":"Name","value":"staff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"backgroundCheck"}}]}},{"kind":"Field","name":{"kind":"Name","value":"courses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"topic"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"lessonMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"pricePerHour"}},{"kind":"Field","name":{"kind":"Name","value":"termStart"}},{"kind":"Field","name":{"kind":"Name","value":"termEnd"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InstitutionListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Institution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"nonSubjectKind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"township"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<InstitutionDetailQuery, InstitutionDetailQueryVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CurrentUser"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CurrentUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"departmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"schoolId"}},{"kind":"Field","name":{"kind":"Name","value":"institutionId"}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CurrentUser"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CurrentUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"departmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"schoolId"}},{"kind":"Field","name":{"kind":"Name","value":"institutionId"}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const NotificationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Notifications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}},{"kind":"Field","name":{"kind":"Name","value":"notifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<NotificationsQuery, NotificationsQueryVariables>;
export const MarkNotificationReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkNotificationRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MarkNotificationReadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markNotificationRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"read"}}]}}]}}]} as unknown as DocumentNode<MarkNotificationReadMutation, MarkNotificationReadMutationVariables>;
export const MarkAllNotificationsReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkAllNotificationsRead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markAllNotificationsRead"}}]}}]} as unknown as DocumentNode<MarkAllNotificationsReadMutation, MarkAllNotificationsReadMutationVariables>;
export const SupervisionTasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SupervisionTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionTaskFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supervisionTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskListItem"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InstitutionListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Institution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"nonSubjectKind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"township"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionTask"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"targetKind"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"leadDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"escalationLevel"}},{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InstitutionListItem"}}]}}]}}]} as unknown as DocumentNode<SupervisionTasksQuery, SupervisionTasksQueryVariables>;
export const SupervisionTaskDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SupervisionTaskDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supervisionTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskListItem"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeIds"}},{"kind":"Field","name":{"kind":"Name","value":"cooperatingDepartmentCodes"}},{"kind":"Field","name":{"kind":"Name","value":"campaignId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"returnReason"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}},{"kind":"Field","name":{"kind":"Name","value":"checklist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}},{"kind":"Field","name":{"kind":"Name","value":"recordedBy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rectificationOrders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"requirements"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"escalations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"escalatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdueDays"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InstitutionListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Institution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"nonSubjectKind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"township"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionTask"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"targetKind"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"leadDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"townshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"escalationLevel"}},{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InstitutionListItem"}}]}}]}}]} as unknown as DocumentNode<SupervisionTaskDetailQuery, SupervisionTaskDetailQueryVariables>;
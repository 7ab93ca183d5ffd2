import { registerEnumType } from '@nestjs/graphql';

export enum TaskType {
  SPECIAL_INSPECTION = 'SPECIAL_INSPECTION', // 专项督导
  JOINT_ENFORCEMENT = 'JOINT_ENFORCEMENT', // 联合执法
  ROUTINE_INSPECTION = 'ROUTINE_INSPECTION', // 日常检查
  ANNUAL_REVIEW_INSPECTION = 'ANNUAL_REVIEW_INSPECTION', // 年审年检
  FIRE_HEALTH_INSPECTION = 'FIRE_HEALTH_INSPECTION', // 消防/卫生检查
  ESCROW_ALERT_FOLLOW_UP = 'ESCROW_ALERT_FOLLOW_UP', // 资金预警核查
  COMPLAINT_INVESTIGATION = 'COMPLAINT_INVESTIGATION', // 投诉调查
  UNLICENSED_SITE_INVESTIGATION = 'UNLICENSED_SITE_INVESTIGATION', // 无证办学排查
  RECTIFICATION_RECHECK = 'RECTIFICATION_RECHECK', // 整改复查
  EXAM_MANAGEMENT_INSPECTION = 'EXAM_MANAGEMENT_INSPECTION', // 考试管理督查
  TEACHING_RESEARCH_VISIT = 'TEACHING_RESEARCH_VISIT', // 教研视导
  HOMEWORK_BURDEN_INSPECTION = 'HOMEWORK_BURDEN_INSPECTION', // 作业负担督查
  TEACHER_BURDEN_REVIEW = 'TEACHER_BURDEN_REVIEW', // 教师负担核查
}

export enum TaskStatus {
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

/** Statuses in which the assignees still owe work: a task in one of them past its due date is overdue. */
export const OPEN_STATUSES: readonly TaskStatus[] = [TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.RETURNED];
export const OPEN_STATUS_SQL = `('ASSIGNED','IN_PROGRESS','RETURNED')`;

export enum TargetKind {
  INSTITUTION = 'INSTITUTION',
  PREMISES = 'PREMISES',
  SCHOOL = 'SCHOOL',
  TOWNSHIP = 'TOWNSHIP',
  UNLICENSED_LEAD = 'UNLICENSED_LEAD',
  COMPLAINT = 'COMPLAINT',
  ESCROW_ALERT = 'ESCROW_ALERT',
  DEPARTMENT = 'DEPARTMENT',
}

export enum ViolationSeverity {
  MINOR = 'MINOR',
  SERIOUS = 'SERIOUS',
  GRAVE = 'GRAVE',
}

export enum ChecklistResult {
  PASS = 'PASS',
  FAIL = 'FAIL',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

export enum RectificationStatus {
  OPEN = 'OPEN',
  COMPLETED = 'COMPLETED',
}

/** What an inspector found wrong (违规行为类别): the credit module records each violation under its kind. */
export enum ViolationKind {
  SUBJECT_TRAINING = 'SUBJECT_TRAINING', // 违规开展学科类培训
  DISGUISED_SUBJECT_TRAINING = 'DISGUISED_SUBJECT_TRAINING', // 隐形变异学科类培训
  UNLICENSED = 'UNLICENSED', // 无证无照办学
  IN_SERVICE_TEACHER = 'IN_SERVICE_TEACHER', // 聘用在职中小学教师
  TRAINING_HOURS = 'TRAINING_HOURS', // 违规时间培训
  PREPAID_FEES = 'PREPAID_FEES', // 违规收取预收费
  FALSE_ADVERTISING = 'FALSE_ADVERTISING', // 虚假宣传
  MATERIALS = 'MATERIALS', // 培训材料违规
  STAFF_QUALIFICATION = 'STAFF_QUALIFICATION', // 从业人员资质不符
  FIRE_SAFETY = 'FIRE_SAFETY', // 消防安全隐患
  HEALTH_SAFETY = 'HEALTH_SAFETY', // 卫生与食品安全
  PREMISES = 'PREMISES', // 办学场所不符合要求
  OTHER = 'OTHER', // 其他违规行为
}

export enum ReportKind {
  MONTHLY = 'MONTHLY', // 一月一调度
  QUARTERLY = 'QUARTERLY', // 一季一总结
}

/** How a report came to be: by the monthly or quarterly scheduler, or asked for with generateSupervisionReport. */
export const ReportTrigger = { SCHEDULED: 'SCHEDULED', ON_DEMAND: 'ON_DEMAND' } as const;
export type ReportTrigger = keyof typeof ReportTrigger;

registerEnumType(TaskType, {
  name: 'SupervisionTaskType',
  description: 'Supervision task type (督导检查类型): what kind of inspection or follow-up the task is.',
  valuesMap: {
    SPECIAL_INSPECTION: { description: 'Special inspection (专项督导), often within a campaign.' },
    JOINT_ENFORCEMENT: { description: 'Joint enforcement (联合执法) by several departments and the township.' },
    ROUTINE_INSPECTION: { description: 'Routine inspection (日常检查).' },
    ANNUAL_REVIEW_INSPECTION: {
      description: 'Annual review inspection (年审年检), also opened by a failed annual review.',
    },
    FIRE_HEALTH_INSPECTION: { description: 'Fire-safety or health inspection (消防/卫生检查).' },
    ESCROW_ALERT_FOLLOW_UP: { description: 'Follow-up of an escrow alert (资金预警核查), opened by the alert.' },
    COMPLAINT_INVESTIGATION: {
      description: 'Investigation of a complaint (投诉调查), opened at the complaint handler’s request.',
    },
    UNLICENSED_SITE_INVESTIGATION: {
      description: 'Investigation of an unlicensed training site (无证办学排查), opened by an unlicensed lead.',
    },
    RECTIFICATION_RECHECK: {
      description: 'Re-check of a completed rectification order (整改复查), opened when the order is completed.',
    },
    EXAM_MANAGEMENT_INSPECTION: {
      description: 'Inspection of a school’s exam management (考试管理督查), opened by an exam-rule violation.',
    },
    TEACHING_RESEARCH_VISIT: {
      description: 'Teaching-research visit (教研视导) to a school below the county’s academic-quality band.',
    },
    HOMEWORK_BURDEN_INSPECTION: {
      description:
        'Inspection of a school’s homework burden (作业负担督查), opened by repeated homework-limit breaches.',
    },
    TEACHER_BURDEN_REVIEW: {
      description: 'Review of a non-teaching demand placed on a school without county approval (教师负担核查).',
    },
  },
});
registerEnumType(TaskStatus, {
  name: 'SupervisionTaskStatus',
  description:
    'Where a supervision task is: ASSIGNED → IN_PROGRESS → SUBMITTED → ACCEPTED / RETURNED (→ IN_PROGRESS) → CLOSED, or CANCELLED.',
  valuesMap: {
    ASSIGNED: { description: 'Assigned (已派发): waiting for an assignee to start it.' },
    IN_PROGRESS: { description: 'In progress (检查中): findings are being recorded.' },
    SUBMITTED: { description: 'Submitted (已提交): waiting for the lead department to accept or return it.' },
    ACCEPTED: { description: 'Accepted (已验收) by the lead department; waiting to be closed.' },
    RETURNED: { description: 'Returned (已退回) with a reason; the assignees work on it again.' },
    CLOSED: { description: 'Closed (已办结).' },
    CANCELLED: { description: 'Cancelled (已撤销) with a reason.' },
  },
});
registerEnumType(TargetKind, {
  name: 'SupervisionTargetKind',
  description: 'What a supervision task is about (检查对象); `targetId` holds its id, or a township code.',
  valuesMap: {
    INSTITUTION: { description: 'An off-campus training institution (校外培训机构) of the registry.' },
    PREMISES: { description: 'Premises (培训场所) of an institution.' },
    SCHOOL: { description: 'A primary or secondary school (中小学校).' },
    TOWNSHIP: { description: 'A township or street (乡镇/街道), by its code.' },
    UNLICENSED_LEAD: { description: 'A lead about unlicensed training (无证办学线索).' },
    COMPLAINT: { description: 'A complaint (投诉).' },
    ESCROW_ALERT: { description: 'An escrow alert (资金监管预警).' },
    DEPARTMENT: {
      description:
        'A member department (成员单位), by its code: the inspection office (督办督查局) or the county office holds it to account; its officers read the task.',
    },
  },
});
registerEnumType(ViolationSeverity, {
  name: 'ViolationSeverity',
  description: 'How serious a violation is (违规情节); the credit record takes the same severity.',
  valuesMap: {
    MINOR: { description: 'Minor (一般).' },
    SERIOUS: { description: 'Serious (较重).' },
    GRAVE: { description: 'Grave (严重).' },
  },
});
registerEnumType(ViolationKind, {
  name: 'SupervisionViolationKind',
  description: 'Kind of violation found by an inspection (违规行为类别).',
  valuesMap: {
    SUBJECT_TRAINING: { description: 'Subject training against the rules (违规开展学科类培训).' },
    DISGUISED_SUBJECT_TRAINING: {
      description: 'Subject training disguised as something else (隐形变异学科类培训), e.g. as home tutoring or camps.',
    },
    UNLICENSED: { description: 'Training without a licence (无证无照办学).' },
    IN_SERVICE_TEACHER: { description: 'Employing an in-service primary or secondary school teacher (聘用在职教师).' },
    TRAINING_HOURS: {
      description: 'Training at forbidden times (违规时间培训), e.g. on school days’ evenings past the limit.',
    },
    PREPAID_FEES: {
      description: 'Prepaid fees against the rules (违规收取预收费): over the cap or outside fund escrow.',
    },
    FALSE_ADVERTISING: { description: 'False advertising (虚假宣传).' },
    MATERIALS: { description: 'Training materials not filed or beyond the syllabus (培训材料违规).' },
    STAFF_QUALIFICATION: { description: 'Staff without the required qualification (从业人员资质不符).' },
    FIRE_SAFETY: { description: 'Fire-safety hazard (消防安全隐患).' },
    HEALTH_SAFETY: { description: 'Health or food-safety problem (卫生与食品安全).' },
    PREMISES: { description: 'Premises not meeting the requirements (办学场所不符合要求).' },
    OTHER: { description: 'Another violation (其他违规行为), told in the description.' },
  },
});
registerEnumType(ChecklistResult, {
  name: 'ChecklistResult',
  description: 'Result of one checklist item (检查结果).',
  valuesMap: {
    PASS: { description: 'Passed (合格).' },
    FAIL: { description: 'Failed (不合格).' },
    NOT_APPLICABLE: { description: 'Does not apply to this target (不适用).' },
  },
});
registerEnumType(RectificationStatus, {
  name: 'RectificationStatus',
  description: 'Status of a rectification order (整改通知).',
  valuesMap: {
    OPEN: { description: 'Open (整改中): the rectification is still owed.' },
    COMPLETED: { description: 'Completed (已整改); a re-check task (整改复查) was opened.' },
  },
});
registerEnumType(ReportKind, {
  name: 'SupervisionReportKind',
  description: 'Kind of supervision report (督导报告), by the period it covers.',
  valuesMap: {
    MONTHLY: { description: 'Monthly dispatch (一月一调度), period YYYY-MM.' },
    QUARTERLY: { description: 'Quarterly summary (一季一总结), period YYYY-Qn.' },
  },
});
registerEnumType(ReportTrigger, {
  name: 'SupervisionReportTrigger',
  description: 'How a supervision report was generated.',
  valuesMap: {
    SCHEDULED: { description: 'By the scheduler, at the start of the next month or quarter.' },
    ON_DEMAND: { description: 'On demand, with generateSupervisionReport.' },
  },
});

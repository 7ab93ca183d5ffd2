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

export enum ReportKind {
  MONTHLY = 'MONTHLY', // 一月一调度
  QUARTERLY = 'QUARTERLY', // 一季一总结
}

registerEnumType(TaskType, { name: 'SupervisionTaskType', description: 'Supervision task type (督导检查类型)' });
registerEnumType(TaskStatus, { name: 'SupervisionTaskStatus' });
registerEnumType(TargetKind, { name: 'SupervisionTargetKind' });
registerEnumType(ViolationSeverity, { name: 'ViolationSeverity' });
registerEnumType(ChecklistResult, { name: 'ChecklistResult' });
registerEnumType(RectificationStatus, { name: 'RectificationStatus' });
registerEnumType(ReportKind, {
  name: 'SupervisionReportKind',
  description: 'MONTHLY (一月一调度) or QUARTERLY (一季一总结)',
});

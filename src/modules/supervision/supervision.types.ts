import { EvidenceReference } from './entities/supervision-finding.entity';
import {
  ChecklistResult,
  RectificationStatus,
  TargetKind,
  TaskStatus,
  TaskType,
  ViolationKind,
  ViolationSeverity,
} from './supervision.enums';

export { UUID } from '../../platform/ids/uuid';

export interface SupervisionDashboardFigures {
  open: number;
  overdueByLevel: { level: number; count: number }[];
  openByDepartment: { departmentCode: string; count: number }[];
}

/** Overdue items counted per township (null: county-level), lead department and escalation level. */
export interface OverdueBreakdownRow {
  townshipCode: string | null;
  departmentCode: string;
  level: number;
  count: number;
}

export interface TaskFilter {
  status?: TaskStatus;
  type?: TaskType;
  departmentCode?: string;
  townshipCode?: string;
  overdue?: boolean;
  escalationLevel?: number;
  campaignId?: string;
  /** true: only tasks the caller is assigned to; false: only those they are not. */
  assignedToMe?: boolean;
  assigneeId?: string;
}

export interface OrderFilter {
  status?: RectificationStatus;
  overdue?: boolean;
  townshipCode?: string;
  institutionId?: string;
}

/** Whom a task (or a task being planned) could have as assignees; the department and township narrow it. */
export interface AssignableUsersQuery {
  taskId?: string;
  departmentCode?: string;
  townshipCode?: string;
  search?: string;
  first?: number;
}

export interface CreateTaskCommand {
  type: TaskType;
  title: string;
  description?: string;
  targetKind: TargetKind;
  targetId: string;
  townshipCode?: string;
  leadDepartmentCode: string;
  cooperatingDepartmentCodes?: string[];
  assigneeIds?: string[];
  dueAt: Date;
  campaignId?: string;
}

/** A task a subscriber (or a completed order) opens: one per source reference. */
export interface SourcedTask {
  sourceRef: string;
  type: TaskType;
  title: string;
  description: string;
  targetKind: TargetKind;
  targetId: string;
  institutionId: string | null;
  townshipCode: string | null;
  leadDepartmentCode: string;
  cooperatingDepartmentCodes: string[];
  assigneeIds?: string[];
}

export interface RecordFindingCommand {
  summary: string;
  checklistResults: { code: string; result: ChecklistResult; note?: string }[];
  evidence: EvidenceReference[];
  violations: { severity: ViolationSeverity; kind: ViolationKind; description: string; institutionId?: string }[];
}

export interface IssueOrderCommand {
  requirements: string;
  deadlineAt: Date;
  institutionId?: string;
}

/** Tasks of one area (a lead department or a township; null: county-level) counted over a report period. */
export interface ReportAreaCounts {
  code: string | null;
  opened: number;
  closed: number;
  overdue: number;
}

/** Escalations recorded in a report period, by level and by kind of item. */
export interface ReportEscalationCounts {
  level1: number;
  level2: number;
  level3: number;
  tasks: number;
  orders: number;
  complaints: number;
}

/** Rectification orders of a report period: issued, completed, and those due by its end (completed by then). */
export interface ReportRectificationCounts {
  issued: number;
  completed: number;
  dueByEnd: number;
  completedByEnd: number;
}

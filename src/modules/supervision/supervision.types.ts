import { EvidenceReference } from './entities/supervision-finding.entity';
import {
  ChecklistResult,
  RectificationStatus,
  TargetKind,
  TaskStatus,
  TaskType,
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
  violations: { severity: ViolationSeverity; kind: string; description: string; institutionId?: string }[];
}

export interface IssueOrderCommand {
  requirements: string;
  deadlineAt: Date;
  institutionId?: string;
}

import { PlanTargetSectionObject } from './report.objects';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { NodeInterface } from '../../../platform/graphql/node';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { Role } from '../../../platform/auth/role';
import {
  ChecklistResult,
  RectificationStatus,
  ReportKind,
  ReportTrigger,
  TargetKind,
  TaskStatus,
  TaskType,
  ViolationKind,
  ViolationSeverity,
} from '../supervision.enums';

@ObjectType('ChecklistItem', { description: 'One item of a checklist (检查清单).' })
export class ChecklistItemObject {
  @Field({ description: 'Code of the item, unique in its checklist (e.g. LICENCE).' })
  code!: string;

  @Field({ description: 'What the inspector checks, as shown to them (e.g. 办学许可证在有效期内).' })
  label!: string;
}

@ObjectType('ChecklistTemplate', {
  description: 'The checklist (检查清单) and default deadline of a task type; the county office edits it.',
})
export class ChecklistTemplateObject {
  @Field(() => TaskType, { description: 'The task type the template is for.' })
  taskType!: TaskType;

  @Field(() => [ChecklistItemObject], { description: 'Items a new task of the type gets as its checklist.' })
  items!: ChecklistItemObject[];

  @Field(() => Int, { description: 'Days from creation to the due date of a new task of the type.' })
  defaultDueDays!: number;
}

@ObjectType('SupervisionEscalation', {
  description: 'One step up the escalation ladder (督办) of an overdue item, with who was notified.',
})
export class EscalationObject {
  @Field(() => Int, {
    description: 'Level reached: 1 overdue, 2 leading-group office (领导小组办公室), 3 督办督查局 and 纪委监委.',
  })
  level!: number;

  @Field(() => Int, { description: 'Days past the due date when the item was escalated.' })
  overdueDays!: number;

  @Field(() => GraphQLISODateTime, { description: 'When the escalation sweep raised the item.' })
  escalatedAt!: Date;

  @Field(() => [String], {
    description:
      'Addresses notified, each KIND:value, e.g. USER:<id>, DEPARTMENT:EDU, TOWNSHIP:520122001, ROLE:COUNTY_ADMIN.',
  })
  notified!: string[];
}

@ObjectType('SupervisionTask', {
  implements: () => [NodeInterface],
  description: 'Supervision task (督导检查任务): an inspection or follow-up assigned to departments’ staff.',
})
export class SupervisionTaskObject {
  @Field(() => ID, { description: 'Id of the task.' })
  id!: string;

  @Field(() => TaskType, { description: 'Type of the task (督导检查类型).' })
  type!: TaskType;

  @Field(() => TaskStatus, { description: 'Where the task is in its lifecycle.' })
  status!: TaskStatus;

  @Field({ description: 'Short title (任务名称).' })
  title!: string;

  @Field({ description: 'What to do, plain text; empty when none was given.' })
  description!: string;

  @Field(() => TargetKind, { description: 'What the task is about (检查对象).' })
  targetKind!: TargetKind;

  @Field({ description: 'Id of the target, or a township code when the target is a township.' })
  targetId!: string;

  @Field(() => ID, { nullable: true, description: 'The institution concerned, when the target is or belongs to one.' })
  institutionId!: string | null;

  @Field(() => String, { nullable: true, description: 'Township (乡镇/街道) concerned; null for a county-level task.' })
  townshipCode!: string | null;

  @Field({ description: 'Lead department (牵头单位), by code (e.g. EDU).' })
  leadDepartmentCode!: string;

  @Field(() => [String], { description: 'Co-operating departments (配合单位), by code.' })
  cooperatingDepartmentCodes!: string[];

  @Field(() => [ID], { description: 'Users assigned to the task (inspectors, department or township officers).' })
  assigneeIds!: string[];

  @Field(() => GraphQLISODateTime, { description: 'When the work is due (办结时限).' })
  dueAt!: Date;

  @Field({ description: 'Past its due date while work is still owed (ASSIGNED, IN_PROGRESS or RETURNED).' })
  overdue!: boolean;

  @Field(() => Int, {
    description: 'Escalation level (督办级别): 0 none, 1 overdue, 2 leading-group office, 3 督办督查局 and 纪委监委.',
  })
  escalationLevel!: number;

  @Field(() => ID, { nullable: true, description: 'The campaign (专项行动) the task belongs to, if any.' })
  campaignId!: string | null;

  @Field(() => [ChecklistItemObject], { description: 'The checklist, copied from its type’s template at creation.' })
  checklist!: ChecklistItemObject[];

  @Field(() => String, { nullable: true, description: 'Why the task was last returned (退回原因), if it was.' })
  returnReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the task was cancelled (撤销原因), if it was.' })
  cancelReason!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the task was created.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the task last changed.' })
  updatedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the task was closed; null while not closed.' })
  closedAt!: Date | null;
}

@ObjectType('ChecklistResultEntry', { description: 'The result of one checklist item in a finding.' })
export class ChecklistResultObject {
  @Field({ description: 'Code of the checklist item.' })
  code!: string;

  @Field(() => ChecklistResult, { description: 'Passed, failed or not applicable.' })
  result!: ChecklistResult;

  @Field(() => String, { nullable: true, description: 'The inspector’s note on the item, if any.' })
  note!: string | null;
}

@ObjectType('EvidenceReference', {
  description: 'Evidence (证据材料): a stored file’s metadata; the file itself is kept in the document store.',
})
export class EvidenceObject {
  @Field({ description: 'File name as uploaded.' })
  fileName!: string;

  @Field({ description: 'Media type (e.g. image/jpeg).' })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the file, 64 lowercase hexadecimal digits.' })
  sha256!: string;

  @Field({ description: 'Where the file is kept (object key or URL of the document store).' })
  storageRef!: string;
}

@ObjectType('SupervisionViolation', {
  description: 'A violation found (违规行为) by an inspection; the credit module records it.',
})
export class ViolationObject {
  @Field(() => ID, { description: 'Id of the violation.' })
  id!: string;

  @Field(() => ID, { description: 'The institution that committed it.' })
  institutionId!: string;

  @Field(() => ViolationSeverity, { description: 'How serious it is (违规情节).' })
  severity!: ViolationSeverity;

  @Field(() => ViolationKind, { description: 'Kind of violation (违规行为类别).' })
  kind!: ViolationKind;

  @Field({ description: 'What was found, plain text.' })
  description!: string;
}

@ObjectType('SupervisionFinding', {
  description: 'Inspection finding (检查结果): checklist results, evidence and violations recorded on a task.',
})
export class FindingObject {
  @Field(() => ID, { description: 'Id of the finding.' })
  id!: string;

  @Field(() => ID, { description: 'The task it was recorded on.' })
  taskId!: string;

  @Field({ description: 'Summary of the inspection, plain text.' })
  summary!: string;

  @Field(() => [ChecklistResultObject], { description: 'Results of the task’s checklist items.' })
  checklistResults!: ChecklistResultObject[];

  @Field(() => [EvidenceObject], { description: 'Evidence files (metadata only).' })
  evidence!: EvidenceObject[];

  @Field({ description: 'Who recorded it (username).' })
  recordedBy!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was recorded.' })
  recordedAt!: Date;
}

@ObjectType('RectificationOrder', {
  implements: () => [NodeInterface],
  description: 'Rectification order (整改通知) issued from a finding, with a deadline.',
})
export class RectificationOrderObject {
  @Field(() => ID, { description: 'Id of the order.' })
  id!: string;

  @Field(() => ID, { description: 'The finding it was issued from.' })
  findingId!: string;

  @Field(() => ID, { description: 'The task of that finding.' })
  taskId!: string;

  @Field(() => ID, { nullable: true, description: 'The institution that must rectify, if any.' })
  institutionId!: string | null;

  @Field({ description: 'What must be rectified (整改要求), plain text.' })
  requirements!: string;

  @Field(() => GraphQLISODateTime, { description: 'Rectification deadline (整改期限).' })
  deadlineAt!: Date;

  @Field(() => RectificationStatus, { description: 'Open or completed.' })
  status!: RectificationStatus;

  @Field(() => Int, { description: 'Escalation level (督办级别) reached while overdue, 0–3 like tasks.' })
  escalationLevel!: number;

  @Field(() => String, { nullable: true, description: 'What was done (整改情况), recorded on completion.' })
  completionNote!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was completed; null while open.' })
  completedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The re-check task (整改复查) opened on completion.' })
  recheckTaskId!: string | null;

  @Field(() => String, { nullable: true, description: 'Township (乡镇/街道) concerned (the task’s).' })
  townshipCode!: string | null;

  @Field({ description: 'Lead department (牵头单位) (the task’s).' })
  leadDepartmentCode!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was issued.' })
  createdAt!: Date;
}

@ObjectType('AssignableUser', {
  description: 'A user who could be assigned to a supervision task: directory fields only.',
})
export class AssignableUserObject {
  @Field(() => ID, { description: 'Id of the user (what assignTask takes).' })
  id!: string;

  @Field({ description: 'Display name.' })
  displayName!: string;

  @Field(() => Role, { description: 'Role of the user (inspector, department officer or township officer).' })
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Department of an inspector or department officer.' })
  departmentCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Township of a township officer.' })
  townshipCode!: string | null;
}

@ObjectType('SupervisionCampaign', {
  implements: () => [NodeInterface],
  description: 'Campaign (专项行动) grouping supervision tasks over a period.',
})
export class CampaignObject {
  @Field(() => ID, { description: 'Id of the campaign.' })
  id!: string;

  @Field({ description: 'Name of the campaign (e.g. 暑期专项治理).' })
  name!: string;

  @Field({ description: 'What the campaign is about, plain text; empty when none was given.' })
  description!: string;

  @Field(() => DateScalar, { description: 'First day of the campaign (YYYY-MM-DD).' })
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Last day of the campaign, inclusive (YYYY-MM-DD).' })
  endsOn!: string;
}

@ObjectType('SupervisionReport', {
  description: 'Supervision report: monthly dispatch (一月一调度) or quarterly summary (一季一总结).',
})
export class ReportObject {
  @Field(() => ID, { description: 'Id of the report.' })
  id!: string;

  @Field(() => ReportKind, { description: 'Monthly or quarterly.' })
  kind!: ReportKind;

  @Field({
    description: 'The period covered: YYYY-MM for a monthly report, YYYY-Qn (e.g. 2026-Q4) for a quarterly one.',
  })
  period!: string;

  @Field(() => ReportTrigger, { description: 'Whether the scheduler or a person generated it.' })
  trigger!: ReportTrigger;

  @Field({
    description:
      'The figures as a JSON document (tasks, orders, escalations of the period, and the plan targets, version and document number as stored).',
  })
  figures!: string;

  @Field({ description: 'Path of the CSV download; GET it with a bearer token.' })
  csvPath!: string;

  @Field({ description: 'Path of the XLSX download; GET it with a bearer token.' })
  xlsxPath!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Path of the printable document (DOCX, 简报 edition for the departments); GET it with a bearer token. Null for reports stored before documents existed.',
  })
  docxPath!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Path of the printable document in its special-report edition (DOCX, 专报 for the county government). Null for reports stored before documents existed.',
  })
  specialDocxPath!: string | null;

  @Field(() => Int, {
    description: 'Version within the period (版本): regenerating a period stores the next one, never changes this one.',
  })
  version!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Document number (文号), e.g. 息双减办〔2026〕12号; null for reports stored before it existed.',
  })
  documentNumber!: string | null;

  @Field(() => [PlanTargetSectionObject], {
    description:
      "The plan's targets (计划目标) as stored in the report, section by section; the dashboard's targets for the period's last day show the same figures.",
  })
  targets!: PlanTargetSectionObject[];

  @Field(() => GraphQLISODateTime, { description: 'When it was generated.' })
  generatedAt!: Date;
}

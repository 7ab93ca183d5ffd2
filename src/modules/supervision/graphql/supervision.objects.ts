import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { NodeInterface } from '../../../platform/graphql/node';
import { Role } from '../../../platform/auth/role';
import {
  ChecklistResult,
  RectificationStatus,
  ReportKind,
  TargetKind,
  TaskStatus,
  TaskType,
  ViolationSeverity,
} from '../supervision.enums';

@ObjectType('ChecklistItem', { description: 'One item of a checklist (检查清单)' })
export class ChecklistItemObject {
  @Field()
  code!: string;

  @Field()
  label!: string;
}

@ObjectType('ChecklistTemplate', { description: 'The checklist and default deadline of a task type (configurable)' })
export class ChecklistTemplateObject {
  @Field(() => TaskType)
  taskType!: TaskType;

  @Field(() => [ChecklistItemObject])
  items!: ChecklistItemObject[];

  @Field(() => Int)
  defaultDueDays!: number;
}

@ObjectType('SupervisionEscalation', { description: 'One step up the escalation ladder (督办), with who was notified' })
export class EscalationObject {
  @Field(() => Int)
  level!: number;

  @Field(() => Int)
  overdueDays!: number;

  @Field(() => GraphQLISODateTime)
  escalatedAt!: Date;

  @Field(() => [String], { description: 'Addresses notified, e.g. USER:…, DEPARTMENT:EDU, ROLE:COUNTY_ADMIN' })
  notified!: string[];
}

@ObjectType('SupervisionTask', {
  implements: () => [NodeInterface],
  description: 'Supervision task (督导检查任务)',
})
export class SupervisionTaskObject {
  @Field(() => ID)
  id!: string;

  @Field(() => TaskType)
  type!: TaskType;

  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => TargetKind)
  targetKind!: TargetKind;

  @Field()
  targetId!: string;

  @Field(() => ID, { nullable: true })
  institutionId!: string | null;

  @Field(() => String, { nullable: true })
  townshipCode!: string | null;

  @Field({ description: 'Lead department (牵头单位)' })
  leadDepartmentCode!: string;

  @Field(() => [String], { description: 'Co-operating departments (配合单位)' })
  cooperatingDepartmentCodes!: string[];

  @Field(() => [ID])
  assigneeIds!: string[];

  @Field(() => GraphQLISODateTime)
  dueAt!: Date;

  @Field({ description: 'Past its due date while work is still owed' })
  overdue!: boolean;

  @Field(() => Int, { description: '0 none; 1 overdue; 2 leading-group office; 3 督办督查局 and 纪委监委' })
  escalationLevel!: number;

  @Field(() => ID, { nullable: true })
  campaignId!: string | null;

  @Field(() => [ChecklistItemObject])
  checklist!: ChecklistItemObject[];

  @Field(() => String, { nullable: true })
  returnReason!: string | null;

  @Field(() => String, { nullable: true })
  cancelReason!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt!: Date | null;
}

@ObjectType('ChecklistResultEntry')
export class ChecklistResultObject {
  @Field()
  code!: string;

  @Field(() => ChecklistResult)
  result!: ChecklistResult;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType('EvidenceReference', { description: 'A stored file (metadata only; storage is elsewhere)' })
export class EvidenceObject {
  @Field()
  fileName!: string;

  @Field()
  contentType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field()
  sha256!: string;

  @Field()
  storageRef!: string;
}

@ObjectType('SupervisionViolation', { description: 'A violation found (违规行为); the credit module records it' })
export class ViolationObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  institutionId!: string;

  @Field(() => ViolationSeverity)
  severity!: ViolationSeverity;

  @Field()
  kind!: string;

  @Field()
  description!: string;
}

@ObjectType('SupervisionFinding', { description: 'Inspection finding (检查结果)' })
export class FindingObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  taskId!: string;

  @Field()
  summary!: string;

  @Field(() => [ChecklistResultObject])
  checklistResults!: ChecklistResultObject[];

  @Field(() => [EvidenceObject])
  evidence!: EvidenceObject[];

  @Field()
  recordedBy!: string;

  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;
}

@ObjectType('RectificationOrder', {
  implements: () => [NodeInterface],
  description: 'Rectification order (整改通知)',
})
export class RectificationOrderObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  findingId!: string;

  @Field(() => ID)
  taskId!: string;

  @Field(() => ID, { nullable: true })
  institutionId!: string | null;

  @Field()
  requirements!: string;

  @Field(() => GraphQLISODateTime)
  deadlineAt!: Date;

  @Field(() => RectificationStatus)
  status!: RectificationStatus;

  @Field(() => Int)
  escalationLevel!: number;

  @Field(() => String, { nullable: true })
  completionNote!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  completedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The re-check task (整改复查) opened on completion' })
  recheckTaskId!: string | null;

  @Field(() => String, { nullable: true, description: 'Township concerned (the task’s)' })
  townshipCode!: string | null;

  @Field({ description: 'Lead department (the task’s)' })
  leadDepartmentCode!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('AssignableUser', {
  description: 'A user who could be assigned to a supervision task: directory fields only',
})
export class AssignableUserObject {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Department of an inspector or department officer' })
  departmentCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Township of a township officer' })
  townshipCode!: string | null;
}

@ObjectType('SupervisionCampaign', {
  implements: () => [NodeInterface],
  description: 'Campaign (专项行动) grouping tasks',
})
export class CampaignObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field()
  startsOn!: string;

  @Field()
  endsOn!: string;
}

@ObjectType('SupervisionReport', { description: 'Monthly dispatch (一月一调度) or quarterly summary (一季一总结)' })
export class ReportObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ReportKind)
  kind!: ReportKind;

  @Field({ description: 'YYYY-MM or YYYY-Qn' })
  period!: string;

  @Field({ description: 'SCHEDULED or ON_DEMAND' })
  trigger!: string;

  @Field({ description: 'The figures as JSON' })
  figures!: string;

  @Field({ description: 'GET with a bearer token' })
  csvPath!: string;

  @Field({ description: 'GET with a bearer token' })
  xlsxPath!: string;

  @Field(() => GraphQLISODateTime)
  generatedAt!: Date;
}

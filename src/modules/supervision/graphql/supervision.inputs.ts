import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { PageArgs } from '../../../platform/graphql/pagination';
import {
  ChecklistResult,
  RectificationStatus,
  TargetKind,
  TaskStatus,
  TaskType,
  ViolationKind,
  ViolationSeverity,
} from '../supervision.enums';

const CODE = /^[A-Z0-9_]{1,32}$/;
const TOWNSHIP = /^\d{9,12}$/;

@InputType({ description: 'Which supervision tasks (督导检查任务) to list; every field narrows the list.' })
export class SupervisionTaskFilter {
  @Field(() => TaskStatus, { nullable: true, description: 'Only tasks in this status.' })
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus;

  @Field(() => TaskType, { nullable: true, description: 'Only tasks of this type.' })
  @IsOptional()
  @IsEnum(TaskType)
  type?: TaskType;

  @Field({ nullable: true, description: 'Only tasks with this lead or co-operating department (by code).' })
  @IsOptional()
  @Matches(CODE)
  departmentCode?: string;

  @Field({ nullable: true, description: 'Only tasks of this township (乡镇/街道), by its 9–12 digit code.' })
  @IsOptional()
  @Matches(TOWNSHIP)
  townshipCode?: string;

  @Field({ nullable: true, description: 'True: only overdue tasks; false: only those not overdue.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field(() => Int, { nullable: true, description: 'Only tasks at this escalation level (督办级别), 0–3.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3)
  escalationLevel?: number;

  @Field(() => ID, { nullable: true, description: 'Only tasks of this campaign (专项行动).' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @Field({
    nullable: true,
    description: 'My tasks: true, only tasks I am assigned to; false, only those I am not (within what I may see).',
  })
  @IsOptional()
  @IsBoolean()
  assignedToMe?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only tasks this user is assigned to (within what I may see).' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
}

@ArgsType()
export class SupervisionTasksArgs extends PageArgs {
  @Field(() => SupervisionTaskFilter, { nullable: true, description: 'Which tasks to list; none: all I may see.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SupervisionTaskFilter)
  filter?: SupervisionTaskFilter;
}

@InputType({ description: 'A new supervision task (督导检查任务), assigned at once.' })
export class CreateSupervisionTaskInput {
  @Field(() => TaskType, { description: 'Type of the task; it picks the checklist and default deadline.' })
  @IsEnum(TaskType)
  type!: TaskType;

  @Field({ description: 'Short title (任务名称), 1–200 characters.' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @Field({ nullable: true, description: 'What to do, plain text, at most 5000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => TargetKind, { description: 'What the task is about (检查对象).' })
  @IsEnum(TargetKind)
  targetKind!: TargetKind;

  @Field({
    description:
      'Id of the target (institution, premises, school, lead, complaint, alert), a township code, or a department code (target DEPARTMENT: the county office and the inspection office only).',
  })
  @IsString()
  @Length(1, 64)
  targetId!: string;

  @Field({
    nullable: true,
    description: 'Township (乡镇/街道) concerned (derived for institution, school and township targets).',
  })
  @IsOptional()
  @Matches(TOWNSHIP)
  townshipCode?: string;

  @Field({ description: 'Lead department (牵头单位), by code (e.g. EDU).' })
  @Matches(CODE)
  leadDepartmentCode!: string;

  @Field(() => [String], { nullable: true, description: 'Co-operating departments (配合单位), by code; at most 21.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(21)
  @Matches(CODE, { each: true })
  cooperatingDepartmentCodes?: string[];

  @Field(() => [ID], { nullable: true, description: 'Users to assign, at most 50 (see assignableUsers).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  assigneeIds?: string[];

  @Field(() => GraphQLISODateTime, { description: 'When the work is due (办结时限).' })
  @Type(() => Date)
  @IsDate()
  dueAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The campaign (专项行动) the task belongs to, if any.' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}

@InputType({ description: 'The result of one checklist item.' })
export class ChecklistResultInput {
  @Field({ description: 'Code of an item on the task’s checklist.' })
  @IsString()
  @Length(1, 40)
  code!: string;

  @Field(() => ChecklistResult, { description: 'Passed, failed or not applicable.' })
  @IsEnum(ChecklistResult)
  result!: ChecklistResult;

  @Field({ nullable: true, description: 'A note on the item, at most 2000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@InputType({ description: 'Evidence (证据材料): metadata of a file already stored in the document store.' })
export class EvidenceInput {
  @Field({ description: 'File name, 1–255 characters.' })
  @IsString()
  @Length(1, 255)
  fileName!: string;

  @Field({ description: 'Media type (e.g. image/jpeg).' })
  @Matches(/^[\w.+-]+\/[\w.+-]+$/)
  @MaxLength(100)
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @IsInt()
  @Min(0)
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the file, 64 lowercase hexadecimal digits.' })
  @Matches(/^[0-9a-f]{64}$/)
  sha256!: string;

  @Field({ description: 'Where the file is kept (object key or URL of the document store).' })
  @IsString()
  @Length(1, 500)
  storageRef!: string;
}

@InputType({ description: 'A violation found (违规行为); the credit module records it.' })
export class ViolationInput {
  @Field(() => ViolationSeverity, { description: 'How serious it is (违规情节).' })
  @IsEnum(ViolationSeverity)
  severity!: ViolationSeverity;

  @Field(() => ViolationKind, { description: 'Kind of violation (违规行为类别).' })
  @IsEnum(ViolationKind)
  kind!: ViolationKind;

  @Field({ description: 'What was found, plain text, 1–2000 characters.' })
  @IsString()
  @Length(1, 2000)
  description!: string;

  @Field(() => ID, { nullable: true, description: 'The institution that committed it; defaults to the task’s.' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

@InputType({ description: 'A finding (检查结果) to record on an IN_PROGRESS task.' })
export class RecordFindingInput {
  @Field(() => ID, { description: 'The task, IN_PROGRESS.' })
  @IsUUID()
  taskId!: string;

  @Field({ description: 'Summary of the inspection, plain text, 1–5000 characters.' })
  @IsString()
  @Length(1, 5000)
  summary!: string;

  @Field(() => [ChecklistResultInput], {
    defaultValue: [],
    description: 'Results of checklist items of the task, each item at most once (at most 100).',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChecklistResultInput)
  checklistResults!: ChecklistResultInput[];

  @Field(() => [EvidenceInput], { defaultValue: [], description: 'Evidence files, at most 50.' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInput)
  evidence!: EvidenceInput[];

  @Field(() => [ViolationInput], { defaultValue: [], description: 'Violations found, at most 20.' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ViolationInput)
  violations!: ViolationInput[];
}

@InputType({ description: 'A rectification order (整改通知) to issue from a finding.' })
export class IssueRectificationOrderInput {
  @Field(() => ID, { description: 'The finding the order is issued from.' })
  @IsUUID()
  findingId!: string;

  @Field({ description: 'What must be rectified (整改要求), plain text, 1–5000 characters.' })
  @IsString()
  @Length(1, 5000)
  requirements!: string;

  @Field(() => GraphQLISODateTime, { description: 'Rectification deadline (整改期限), in the future.' })
  @Type(() => Date)
  @IsDate()
  deadlineAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The institution that must rectify; defaults to the task’s.' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

@InputType({ description: 'A new campaign (专项行动).' })
export class CreateCampaignInput {
  @Field({ description: 'Name of the campaign, 1–200 characters.' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @Field({ nullable: true, description: 'What the campaign is about, plain text, at most 5000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => DateScalar, { description: 'First day of the campaign (YYYY-MM-DD).' })
  @IsString()
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Last day of the campaign, inclusive (YYYY-MM-DD); not before startsOn.' })
  @IsString()
  endsOn!: string;
}

@InputType({ description: 'One item of a checklist template.' })
export class ChecklistItemInput {
  @Field({ description: 'Code of the item, 1–40 characters, unique in the checklist.' })
  @IsString()
  @Length(1, 40)
  code!: string;

  @Field({ description: 'What the inspector checks, 1–200 characters.' })
  @IsString()
  @Length(1, 200)
  label!: string;
}

@InputType({ description: 'A task type’s new checklist and default deadline (tasks already created keep theirs).' })
export class UpdateChecklistTemplateInput {
  @Field(() => TaskType, { description: 'The task type whose template changes.' })
  @IsEnum(TaskType)
  taskType!: TaskType;

  @Field(() => [ChecklistItemInput], { description: 'The checklist items, at most 100.' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemInput)
  items!: ChecklistItemInput[];

  @Field(() => Int, { description: 'Days from creation to the due date of a new task, 1–365.' })
  @IsInt()
  @Min(1)
  @Max(365)
  defaultDueDays!: number;
}

@InputType({ description: 'Which rectification orders (整改通知) to list; every field narrows the list.' })
export class RectificationOrderFilter {
  @Field(() => RectificationStatus, { nullable: true, description: 'Only orders in this status.' })
  @IsOptional()
  @IsEnum(RectificationStatus)
  status?: RectificationStatus;

  @Field({ nullable: true, description: 'True: only orders open past the deadline; false: the others.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field({ nullable: true, description: 'Only orders of this township (乡镇/街道), by its 9–12 digit code.' })
  @IsOptional()
  @Matches(TOWNSHIP)
  townshipCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only orders to this institution.' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

@ArgsType()
export class RectificationOrdersArgs extends PageArgs {
  @Field(() => RectificationOrderFilter, {
    nullable: true,
    description: 'Which orders to list; none: all I may see.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RectificationOrderFilter)
  filter?: RectificationOrderFilter;
}

@InputType({
  description: 'Whom assignableUsers lists: the users a task (or a task being planned) could be assigned to.',
})
export class AssignableUserFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'The task to assign; without it, the departmentCode and/or townshipCode of a task being planned.',
  })
  @IsOptional()
  @IsUUID()
  taskId?: string;

  @Field({
    nullable: true,
    description: "Only this department's inspectors and officers (with a task: one of its departments).",
  })
  @IsOptional()
  @Matches(CODE)
  departmentCode?: string;

  @Field({ nullable: true, description: "Only this township's officers (with a task: its township)." })
  @IsOptional()
  @Matches(TOWNSHIP)
  townshipCode?: string;

  @Field({ nullable: true, description: 'Part of the display name, at most 100 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class AssignableUsersArgs {
  @Field(() => AssignableUserFilter, {
    nullable: true,
    description: 'Whom to list: a task, or the department and/or township of a task being planned (one is needed).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AssignableUserFilter)
  filter?: AssignableUserFilter;

  @Field(() => Int, { nullable: true, description: 'At most this many, 1–100 (default 20).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number;
}

@InputType({ description: 'Replaces the assignees of a task.' })
export class AssignTaskInput {
  @Field(() => ID, { description: 'The task.' })
  @IsUUID()
  id!: string;

  @Field(() => [ID], {
    description:
      'The new assignees, at most 50: inspectors or officers of the task’s departments, township officers of its township.',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  assigneeIds!: string[];
}

@InputType({ description: 'Starts work on an ASSIGNED or RETURNED task.' })
export class StartTaskInput {
  @Field(() => ID, { description: 'The task.' })
  @IsUUID()
  id!: string;
}

@InputType({ description: 'Submits an IN_PROGRESS task with at least one finding for acceptance.' })
export class SubmitTaskInput {
  @Field(() => ID, { description: 'The task.' })
  @IsUUID()
  id!: string;
}

@InputType({ description: 'Accepts a SUBMITTED task (验收).' })
export class AcceptTaskInput {
  @Field(() => ID, { description: 'The task.' })
  @IsUUID()
  id!: string;
}

@InputType({ description: 'Returns a SUBMITTED task to its assignees (退回), with the reason.' })
export class ReturnTaskInput {
  @Field(() => ID, { description: 'The task.' })
  @IsUUID()
  id!: string;

  @Field({ description: 'Why it is returned (退回原因), plain text, not blank.' })
  @IsString()
  @MaxLength(5000)
  reason!: string;
}

@InputType({ description: 'Closes an ACCEPTED task (办结).' })
export class CloseTaskInput {
  @Field(() => ID, { description: 'The task.' })
  @IsUUID()
  id!: string;
}

@InputType({ description: 'Cancels an open task (撤销), with the reason.' })
export class CancelTaskInput {
  @Field(() => ID, { description: 'The task.' })
  @IsUUID()
  id!: string;

  @Field({ description: 'Why it is cancelled (撤销原因), plain text, not blank.' })
  @IsString()
  @MaxLength(5000)
  reason!: string;
}

@InputType({ description: 'Records that an open rectification order was carried out (整改完成).' })
export class CompleteRectificationOrderInput {
  @Field(() => ID, { description: 'The rectification order.' })
  @IsUUID()
  id!: string;

  @Field({ description: 'What was done (整改情况), plain text, not blank.' })
  @IsString()
  @MaxLength(5000)
  note!: string;
}

@InputType({ description: 'The period of a supervision report to generate now.' })
export class GenerateSupervisionReportInput {
  @Field({
    description:
      'YYYY-MM for a monthly dispatch (一月一调度) or YYYY-Qn (e.g. 2026-Q4) for a quarterly summary (一季一总结); the period must have begun.',
  })
  @IsString()
  @MaxLength(20)
  period!: string;
}

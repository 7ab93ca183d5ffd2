import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsISO8601,
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
import { PageArgs } from '../../../platform/graphql/pagination';
import {
  ChecklistResult,
  RectificationStatus,
  TargetKind,
  TaskStatus,
  TaskType,
  ViolationSeverity,
} from '../supervision.enums';

const CODE = /^[A-Z0-9_]{1,32}$/;

@InputType()
export class SupervisionTaskFilter {
  @Field(() => TaskStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus;

  @Field(() => TaskType, { nullable: true })
  @IsOptional()
  @IsEnum(TaskType)
  type?: TaskType;

  @Field({ nullable: true, description: 'Lead or co-operating department' })
  @IsOptional()
  @Matches(CODE)
  departmentCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{9,12}$/)
  townshipCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3)
  escalationLevel?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @Field({
    nullable: true,
    description: 'My tasks: true, only tasks I am assigned to; false, only those I am not (within what I may see)',
  })
  @IsOptional()
  @IsBoolean()
  assignedToMe?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only tasks this user is assigned to (within what I may see)' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
}

@ArgsType()
export class SupervisionTasksArgs extends PageArgs {
  @Field(() => SupervisionTaskFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SupervisionTaskFilter)
  filter?: SupervisionTaskFilter;
}

@InputType()
export class CreateSupervisionTaskInput {
  @Field(() => TaskType)
  @IsEnum(TaskType)
  type!: TaskType;

  @Field()
  @IsString()
  @Length(1, 200)
  title!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => TargetKind)
  @IsEnum(TargetKind)
  targetKind!: TargetKind;

  @Field({ description: 'Id of the target (institution, premises, school, lead, complaint, alert) or a township code' })
  @IsString()
  @Length(1, 64)
  targetId!: string;

  @Field({ nullable: true, description: 'Township concerned (derived for institution, school and township targets)' })
  @IsOptional()
  @Matches(/^\d{9,12}$/)
  townshipCode?: string;

  @Field()
  @Matches(CODE)
  leadDepartmentCode!: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(21)
  @Matches(CODE, { each: true })
  cooperatingDepartmentCodes?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  assigneeIds?: string[];

  @Field(() => GraphQLISODateTime)
  @Type(() => Date)
  @IsDate()
  dueAt!: Date;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}

@InputType()
export class ChecklistResultInput {
  @Field()
  @IsString()
  @Length(1, 40)
  code!: string;

  @Field(() => ChecklistResult)
  @IsEnum(ChecklistResult)
  result!: ChecklistResult;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@InputType()
export class EvidenceInput {
  @Field()
  @IsString()
  @Length(1, 255)
  fileName!: string;

  @Field()
  @Matches(/^[\w.+-]+\/[\w.+-]+$/)
  @MaxLength(100)
  contentType!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  sizeBytes!: number;

  @Field()
  @Matches(/^[0-9a-f]{64}$/)
  sha256!: string;

  @Field({ description: 'Where the file is kept (object key or URL of the document store)' })
  @IsString()
  @Length(1, 500)
  storageRef!: string;
}

@InputType()
export class ViolationInput {
  @Field(() => ViolationSeverity)
  @IsEnum(ViolationSeverity)
  severity!: ViolationSeverity;

  @Field({ description: 'e.g. SUBJECT_TRAINING, UNLICENSED, IN_SERVICE_TEACHER, FIRE_SAFETY' })
  @Matches(/^[A-Z0-9_]{1,64}$/)
  kind!: string;

  @Field()
  @IsString()
  @Length(1, 2000)
  description!: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to the task’s institution' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

@InputType()
export class RecordFindingInput {
  @Field()
  @IsString()
  @Length(1, 5000)
  summary!: string;

  @Field(() => [ChecklistResultInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChecklistResultInput)
  checklistResults!: ChecklistResultInput[];

  @Field(() => [EvidenceInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInput)
  evidence!: EvidenceInput[];

  @Field(() => [ViolationInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ViolationInput)
  violations!: ViolationInput[];
}

@InputType()
export class IssueRectificationOrderInput {
  @Field()
  @IsString()
  @Length(1, 5000)
  requirements!: string;

  @Field(() => GraphQLISODateTime)
  @Type(() => Date)
  @IsDate()
  deadlineAt!: Date;

  @Field(() => ID, { nullable: true, description: 'Defaults to the task’s institution' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

@InputType()
export class CreateCampaignInput {
  @Field()
  @IsString()
  @Length(1, 200)
  name!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  startsOn!: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  endsOn!: string;
}

@InputType()
export class ChecklistItemInput {
  @Field()
  @IsString()
  @Length(1, 40)
  code!: string;

  @Field()
  @IsString()
  @Length(1, 200)
  label!: string;
}

@InputType()
export class UpdateChecklistTemplateInput {
  @Field(() => TaskType)
  @IsEnum(TaskType)
  taskType!: TaskType;

  @Field(() => [ChecklistItemInput])
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemInput)
  items!: ChecklistItemInput[];

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(365)
  defaultDueDays!: number;
}

@InputType({ description: 'Which rectification orders (整改通知) to list' })
export class RectificationOrderFilter {
  @Field(() => RectificationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(RectificationStatus)
  status?: RectificationStatus;

  @Field({ nullable: true, description: 'true: open past the deadline; false: the others' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{9,12}$/)
  townshipCode?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

@ArgsType()
export class RectificationOrdersArgs extends PageArgs {
  @Field(() => RectificationOrderFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RectificationOrderFilter)
  filter?: RectificationOrderFilter;
}

@ArgsType()
export class AssignableUsersArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'The task to assign; without it, the departmentCode and/or townshipCode of a task being planned',
  })
  @IsOptional()
  @IsUUID()
  taskId?: string;

  @Field({
    nullable: true,
    description: "Only this department's inspectors and officers (with a task: one of its departments)",
  })
  @IsOptional()
  @Matches(CODE)
  departmentCode?: string;

  @Field({ nullable: true, description: "Only this township's officers (with a task: its township)" })
  @IsOptional()
  @Matches(/^\d{9,12}$/)
  townshipCode?: string;

  @Field({ nullable: true, description: 'Part of the display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => Int, { nullable: true, description: 'At most this many, 1–100 (default 20)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number;
}

import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { PageArgs } from '../../../platform/graphql/pagination';
import { MONEY_INPUT_PATTERN } from '../../../platform/database/money';
import { SEMESTER_PATTERN, TIME_PATTERN } from '../after-school.rules';
import { StaffKind } from '../entities/after-school-plan-staff.entity';
import { PlanStatus } from '../entities/after-school-plan.entity';
import { FamilySessionKind } from '../family-education.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEMESTER_MESSAGE = 'semester must be YYYY-1 (autumn) or YYYY-2 (spring)';

@InputType({ description: 'A weekly service time slot (课后服务时段)' })
class TimeSlotInput {
  @Field(() => Int, { description: 'Day of the week: 1 = Monday … 7 = Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @Field({ description: 'Start time, HH:MM local time' })
  @Matches(TIME_PATTERN, { message: 'start must be HH:MM' })
  start!: string;

  @Field({ description: 'End time, HH:MM local time' })
  @Matches(TIME_PATTERN, { message: 'end must be HH:MM' })
  end!: string;
}

@InputType({ description: 'Who delivers the plan (课后服务人员): a roster teacher, a volunteer or an institution' })
class PlanStaffInput {
  @Field(() => StaffKind, { description: 'Teacher, volunteer or institution; says which other field is needed' })
  @IsEnum(StaffKind)
  kind!: StaffKind;

  @Field(() => ID, { nullable: true, description: 'TEACHER: a teacher on the school roster' })
  @IsOptional()
  @IsUUID()
  teacherId?: string;

  @Field(() => ID, { nullable: true, description: 'INSTITUTION: a NON_SUBJECT, OPERATING institution of the registry' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field({ nullable: true, description: "VOLUNTEER: the volunteer's name" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}

@InputType({ description: "A school's one-school-one-plan (一校一案) for a semester, as a draft" })
export class SavePlanInput {
  @Field(() => ID, { description: 'The school' })
  @IsUUID()
  schoolId!: string;

  @Field({ description: 'YYYY-1 (autumn term) or YYYY-2 (spring term)' })
  @Matches(SEMESTER_PATTERN, { message: SEMESTER_MESSAGE })
  semester!: string;

  @Field(() => [TimeSlotInput], {
    description: '5 days a week, ≥ 2 hours a day, ending no earlier than the local off-work time',
  })
  @ValidateNested({ each: true })
  @Type(() => TimeSlotInput)
  @ArrayMaxSize(35)
  timeSlots!: TimeSlotInput[];

  @Field({ description: 'Basic care (基础托管)' })
  @IsString()
  @Length(1, 2000)
  basicCare!: string;

  @Field(() => [String], { description: 'Customised services (培优提质, 兴趣培育)' })
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @ArrayMaxSize(50)
  customisedServices!: string[];

  @Field(() => [PlanStaffInput], { description: 'Who delivers it (at most 500)' })
  @ValidateNested({ each: true })
  @Type(() => PlanStaffInput)
  @ArrayMaxSize(500)
  staff!: PlanStaffInput[];
}

@InputType('AfterSchoolPlanFilter', { description: 'Narrows the list of plans; every field given must match' })
export class PlanFilterInput {
  @Field(() => ID, { nullable: true, description: 'Plans of this school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field({ nullable: true, description: 'Plans of schools in this township (9-digit division code)' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;

  @Field({ nullable: true, description: 'Plans of this semester: YYYY-1 (autumn term) or YYYY-2 (spring term)' })
  @IsOptional()
  @Matches(SEMESTER_PATTERN, { message: SEMESTER_MESSAGE })
  semester?: string;

  @Field(() => PlanStatus, { nullable: true, description: 'Plans in this status' })
  @IsOptional()
  @IsEnum(PlanStatus)
  status?: PlanStatus;
}

@ArgsType()
export class PlansArgs extends PageArgs {
  @Field(() => PlanFilterInput, { nullable: true, description: "Which plans; none: every plan in the caller's scope" })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanFilterInput)
  filter?: PlanFilterInput;
}

@InputType({ description: 'Which plan to submit to the Education Bureau' })
export class SubmitAfterSchoolPlanInput {
  @Field(() => ID, { description: 'The plan' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

@InputType({ description: 'Approval of a submitted plan, with an optional comment' })
export class ApproveAfterSchoolPlanInput {
  @Field(() => ID, { description: 'The plan' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @Field(() => String, { nullable: true, description: "The reviewer's comment (at most 2000 characters are kept)" })
  @IsOptional()
  @IsString()
  comment?: string | null;
}

@InputType({ description: 'Return of a submitted plan to the school, with the reason' })
export class ReturnAfterSchoolPlanInput {
  @Field(() => ID, { description: 'The plan' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @Field({ description: 'Why it is returned, what to change (at most 2000 characters are kept)' })
  @IsString()
  reason!: string;
}

@InputType({ description: "A class's after-school participation (课后服务参与) in a semester" })
export class ParticipationInput {
  @Field(() => ID, { description: 'The school' })
  @IsUUID()
  schoolId!: string;

  @Field({ description: 'The semester: YYYY-1 (autumn term) or YYYY-2 (spring term)' })
  @Matches(SEMESTER_PATTERN, { message: SEMESTER_MESSAGE })
  semester!: string;

  @Field(() => Int, { description: 'Grade (年级), 1–9' })
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;

  @Field({ description: 'The class (班级), e.g. 三(2)班' })
  @IsString()
  @Length(1, 50)
  className!: string;

  @Field(() => Int, { description: 'Students in the class' })
  @IsInt()
  @Min(0)
  @Max(10000)
  enrolled!: number;

  @Field(() => Int, { description: 'Students who asked for the service (有需求)' })
  @IsInt()
  @Min(0)
  @Max(10000)
  asked!: number;

  @Field(() => Int, { description: 'Students served (参加)' })
  @IsInt()
  @Min(0)
  @Max(10000)
  served!: number;
}

@InputType({ description: "A roster teacher's after-school service minutes on a day (教师参与课后服务)" })
export class TeacherHoursInput {
  @Field(() => ID, { description: 'The school' })
  @IsUUID()
  schoolId!: string;

  @Field(() => ID, { description: "A teacher on the school's roster" })
  @IsUUID()
  teacherId!: string;

  @Field(() => DateScalar, { description: 'The day (YYYY-MM-DD)' })
  @IsString()
  date!: string;

  @Field(() => Int, { description: 'Minutes of service that day, 1–600' })
  @IsInt()
  @Min(1)
  @Max(600)
  minutes!: number;
}

@InputType({ description: 'The homework of one subject' })
class HomeworkSubjectInput {
  @Field({ description: 'Subject (学科), e.g. 语文' })
  @IsString()
  @Length(1, 50)
  subject!: string;

  @Field(() => Int, { description: 'Estimated minutes' })
  @IsInt()
  @Min(0)
  @Max(600)
  minutes!: number;
}

@InputType({ description: "A class's homework of a school day, made public (作业公示)" })
export class PublishHomeworkInput {
  @Field(() => ID, { description: 'The school' })
  @IsUUID()
  schoolId!: string;

  @Field(() => Int, { description: 'Grade (年级), 1–9' })
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;

  @Field({ description: 'The class (班级), e.g. 三(2)班' })
  @IsString()
  @Length(1, 50)
  className!: string;

  @Field(() => DateScalar, { description: 'The day (YYYY-MM-DD), a school day' })
  @IsString()
  date!: string;

  @Field(() => [HomeworkSubjectInput], { description: 'Empty: no written homework' })
  @ValidateNested({ each: true })
  @Type(() => HomeworkSubjectInput)
  @ArrayMaxSize(20)
  subjects!: HomeworkSubjectInput[];
}

@InputType({ description: 'How long a published homework took the class (作业时长)' })
export class ReportHomeworkInput {
  @Field(() => ID, { description: 'The school' })
  @IsUUID()
  schoolId!: string;

  @Field(() => Int, { description: 'Grade (年级), 1–9' })
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;

  @Field({ description: 'The class (班级), e.g. 三(2)班' })
  @IsString()
  @Length(1, 50)
  className!: string;

  @Field(() => DateScalar, { description: 'The day (YYYY-MM-DD) of the published homework' })
  @IsString()
  date!: string;

  @Field(() => Int, { description: 'Average minutes the class spent' })
  @IsInt()
  @Min(0)
  @Max(600)
  minutes!: number;
}

/**
 * A period of days and optionally a school or township: the GraphQL filter `AfterSchoolPeriodFilter`, and
 * the query parameters of GET /api/after-school/teacher-hours.csv (hence the string checks the scalar repeats).
 */
@InputType('AfterSchoolPeriodFilter', {
  description: 'Which records: the days of a period (both inclusive), optionally of one school or township',
})
export class PeriodArgs {
  @Field(() => DateScalar, { description: 'First day (YYYY-MM-DD), inclusive' })
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from!: string;

  @Field(() => DateScalar, { description: 'Last day (YYYY-MM-DD), inclusive' })
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to!: string;

  @Field(() => ID, { nullable: true, description: 'Only this school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field({ nullable: true, description: 'Only schools of this township (9-digit division code)' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;
}

@ArgsType()
export class PeriodFilterArgs {
  @Field(() => PeriodArgs, { description: 'Which period (required), school or township' })
  @ValidateNested()
  @Type(() => PeriodArgs)
  filter!: PeriodArgs;
}

@InputType('AfterSchoolSemesterFilter', {
  description: 'Which records: those of a semester, optionally of one school or township',
})
export class SemesterFilterInput {
  @Field({ description: 'The semester (required): YYYY-1 (autumn term) or YYYY-2 (spring term)' })
  @Matches(SEMESTER_PATTERN, { message: SEMESTER_MESSAGE })
  semester!: string;

  @Field(() => ID, { nullable: true, description: 'Only this school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field({ nullable: true, description: 'Only schools of this township (9-digit division code)' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;
}

@ArgsType()
export class SemesterArgs {
  @Field(() => SemesterFilterInput, { description: 'Which semester (required), school or township' })
  @ValidateNested()
  @Type(() => SemesterFilterInput)
  filter!: SemesterFilterInput;
}

@InputType({ description: 'An approved customised-service fee standard (课后服务收费标准)' })
export class FeeStandardInput {
  @Field({ description: 'Stable code, 2–32 characters A-Z, 0-9, _ or -' })
  @Matches(/^[A-Z0-9_-]{2,32}$/, { message: 'code must be 2–32 characters A-Z, 0-9, _ or -' })
  code!: string;

  @Field({ description: 'Name of the standard (e.g. 兴趣培育), 1–100 characters' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @Field({ description: 'Yuan per student per semester, two decimals ("150.00")' })
  @Matches(MONEY_INPUT_PATTERN, {
    message: 'feePerSemester must be an amount with two decimals and at most 11 integer digits, e.g. "150.00"',
  })
  feePerSemester!: string;
}

@InputType({ description: 'Students of a school taking a customised service at a fee standard in a semester' })
export class FeeChargeInput {
  @Field(() => ID, { description: 'The school' })
  @IsUUID()
  schoolId!: string;

  @Field({ description: 'The semester: YYYY-1 (autumn term) or YYYY-2 (spring term)' })
  @Matches(SEMESTER_PATTERN, { message: SEMESTER_MESSAGE })
  semester!: string;

  @Field({ description: 'The code of the approved fee standard' })
  @IsString()
  @MaxLength(32)
  feeStandardCode!: string;

  @Field(() => Int, { description: 'Students taking the service at this standard' })
  @IsInt()
  @Min(0)
  @Max(100000)
  students!: number;

  @Field(() => Int, { description: 'Of them, exempted (families in difficulty)' })
  @IsInt()
  @Min(0)
  @Max(100000)
  exemptedStudents!: number;
}

@InputType({ description: 'A parent-school session (家长学校): guidance or public consultation' })
export class FamilySessionInput {
  @Field(() => ID, { description: 'The school' })
  @IsUUID()
  schoolId!: string;

  @Field(() => FamilySessionKind, { description: 'Guidance or consultation' })
  @IsEnum(FamilySessionKind)
  kind!: FamilySessionKind;

  @Field(() => DateScalar, { description: 'The day (YYYY-MM-DD)' })
  @IsString()
  date!: string;

  @Field(() => Int, { description: 'Length in minutes, 1–1440' })
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes!: number;

  @Field({ description: 'Topic (主题), 1–200 characters' })
  @IsString()
  @Length(1, 200)
  topic!: string;
}

@InputType({ description: "A class's mentor home visits (家访) of a school year" })
export class HomeVisitInput {
  @Field(() => ID, { description: 'The school' })
  @IsUUID()
  schoolId!: string;

  @Field(() => Int, { description: 'The autumn year the school year starts in' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear!: number;

  @Field(() => Int, { description: 'Grade (年级), 1–9' })
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;

  @Field({ description: 'The class (班级), e.g. 三(2)班' })
  @IsString()
  @Length(1, 50)
  className!: string;

  @Field(() => Int, { description: 'Students in the class' })
  @IsInt()
  @Min(0)
  @Max(10000)
  students!: number;

  @Field(() => Int, { description: 'Students visited at home or met' })
  @IsInt()
  @Min(0)
  @Max(10000)
  visited!: number;
}

@InputType('FamilyEducationFilter', {
  description: 'Which family-education figures: those of a school year, optionally of one school or township',
})
export class SchoolYearFilterInput {
  @Field(() => Int, { description: 'The school year (required): the autumn year it starts in, 2000–2100' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear!: number;

  @Field(() => ID, { nullable: true, description: 'Only this school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field({ nullable: true, description: 'Only schools of this township (9-digit division code)' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;
}

@ArgsType()
export class SchoolYearArgs {
  @Field(() => SchoolYearFilterInput, { description: 'Which school year (required), school or township' })
  @ValidateNested()
  @Type(() => SchoolYearFilterInput)
  filter!: SchoolYearFilterInput;
}

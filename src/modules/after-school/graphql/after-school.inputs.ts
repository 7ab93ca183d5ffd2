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
import { PageArgs } from '../../../platform/graphql/pagination';
import { MONEY_INPUT_PATTERN } from '../../../platform/database/money';
import { SEMESTER_PATTERN, TIME_PATTERN } from '../after-school.rules';
import { StaffKind } from '../entities/after-school-plan-staff.entity';
import { PlanStatus } from '../entities/after-school-plan.entity';
import { FamilySessionKind } from '../family-education.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEMESTER_MESSAGE = 'semester must be YYYY-1 (autumn) or YYYY-2 (spring)';

@InputType()
class TimeSlotInput {
  @Field(() => Int, { description: '1 = Monday … 7 = Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @Field({ description: 'HH:MM' })
  @Matches(TIME_PATTERN, { message: 'start must be HH:MM' })
  start!: string;

  @Field({ description: 'HH:MM' })
  @Matches(TIME_PATTERN, { message: 'end must be HH:MM' })
  end!: string;
}

@InputType()
class PlanStaffInput {
  @Field(() => StaffKind)
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

@InputType()
export class SavePlanInput {
  @Field(() => ID)
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

  @Field(() => [PlanStaffInput])
  @ValidateNested({ each: true })
  @Type(() => PlanStaffInput)
  @ArrayMaxSize(500)
  staff!: PlanStaffInput[];
}

@ArgsType()
export class PlansArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(SEMESTER_PATTERN, { message: SEMESTER_MESSAGE })
  semester?: string;

  @Field(() => PlanStatus, { nullable: true })
  @IsOptional()
  @IsEnum(PlanStatus)
  status?: PlanStatus;
}

@InputType()
export class ParticipationInput {
  @Field(() => ID)
  @IsUUID()
  schoolId!: string;

  @Field()
  @Matches(SEMESTER_PATTERN, { message: SEMESTER_MESSAGE })
  semester!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;

  @Field({ description: 'e.g. 三(2)班' })
  @IsString()
  @Length(1, 50)
  className!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(10000)
  enrolled!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(10000)
  asked!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(10000)
  served!: number;
}

@InputType()
export class TeacherHoursInput {
  @Field(() => ID)
  @IsUUID()
  schoolId!: string;

  @Field(() => ID)
  @IsUUID()
  teacherId!: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(600)
  minutes!: number;
}

@InputType()
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

@InputType()
export class PublishHomeworkInput {
  @Field(() => ID)
  @IsUUID()
  schoolId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;

  @Field()
  @IsString()
  @Length(1, 50)
  className!: string;

  @Field({ description: 'YYYY-MM-DD, a school day' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date!: string;

  @Field(() => [HomeworkSubjectInput], { description: 'Empty: no written homework' })
  @ValidateNested({ each: true })
  @Type(() => HomeworkSubjectInput)
  @ArrayMaxSize(20)
  subjects!: HomeworkSubjectInput[];
}

@InputType()
export class ReportHomeworkInput {
  @Field(() => ID)
  @IsUUID()
  schoolId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;

  @Field()
  @IsString()
  @Length(1, 50)
  className!: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date!: string;

  @Field(() => Int, { description: 'Average minutes the class spent' })
  @IsInt()
  @Min(0)
  @Max(600)
  minutes!: number;
}

@ArgsType()
export class PeriodArgs {
  @Field({ description: 'YYYY-MM-DD, inclusive' })
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from!: string;

  @Field({ description: 'YYYY-MM-DD, inclusive' })
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;
}

@ArgsType()
export class SemesterArgs {
  @Field()
  @Matches(SEMESTER_PATTERN, { message: SEMESTER_MESSAGE })
  semester!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;
}

@InputType()
export class FeeStandardInput {
  @Field()
  @Matches(/^[A-Z0-9_-]{2,32}$/, { message: 'code must be 2–32 characters A-Z, 0-9, _ or -' })
  code!: string;

  @Field()
  @IsString()
  @Length(1, 100)
  name!: string;

  @Field({ description: 'Yuan per student per semester, two decimals ("150.00")' })
  @Matches(MONEY_INPUT_PATTERN, {
    message: 'feePerSemester must be an amount with two decimals and at most 11 integer digits, e.g. "150.00"',
  })
  feePerSemester!: string;
}

@InputType()
export class FeeChargeInput {
  @Field(() => ID)
  @IsUUID()
  schoolId!: string;

  @Field()
  @Matches(SEMESTER_PATTERN, { message: SEMESTER_MESSAGE })
  semester!: string;

  @Field()
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

@InputType()
export class FamilySessionInput {
  @Field(() => ID)
  @IsUUID()
  schoolId!: string;

  @Field(() => FamilySessionKind)
  @IsEnum(FamilySessionKind)
  kind!: FamilySessionKind;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes!: number;

  @Field()
  @IsString()
  @Length(1, 200)
  topic!: string;
}

@InputType()
export class HomeVisitInput {
  @Field(() => ID)
  @IsUUID()
  schoolId!: string;

  @Field(() => Int, { description: 'The autumn year the school year starts in' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;

  @Field()
  @IsString()
  @Length(1, 50)
  className!: string;

  @Field(() => Int)
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

@ArgsType()
export class SchoolYearArgs {
  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear!: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;
}

import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../../platform/graphql/pagination';
import { TeacherCaseOutcome, TeacherCaseSource, TeacherCaseStatus } from '../entities/teacher-case.entity';

/** The roster's keyed hash: 64 lower-case hex characters. */
export const ROSTER_HASH = /^[0-9a-f]{64}$/;
const ROSTER_HASH_MESSAGE = 'rosterHash must be 64 lower-case hex characters';

@InputType('TeacherCaseFilter', { description: 'Narrows the list of teacher cases; every field given must match.' })
export class TeacherCaseFilterInput {
  @Field(() => TeacherCaseStatus, { nullable: true, description: 'Cases in this status.' })
  @IsOptional()
  @IsEnum(TeacherCaseStatus)
  status?: TeacherCaseStatus;

  @Field(() => TeacherCaseOutcome, { nullable: true, description: 'Decided cases with this outcome.' })
  @IsOptional()
  @IsEnum(TeacherCaseOutcome)
  outcome?: TeacherCaseOutcome;

  @Field(() => TeacherCaseSource, { nullable: true, description: 'Cases from this source.' })
  @IsOptional()
  @IsEnum(TeacherCaseSource)
  source?: TeacherCaseSource;

  @Field(() => ID, { nullable: true, description: 'Cases of teachers of this school (学校).' })
  @IsOptional()
  @IsUUID('all', { message: 'schoolId must be a UUID' })
  schoolId?: string;

  @Field({ nullable: true, description: 'Cases of schools in this township (9-digit division code).' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;

  @Field(() => ID, { nullable: true, description: 'Cases of this roster teacher (在职教师).' })
  @IsOptional()
  @IsUUID('all', { message: 'teacherId must be a UUID' })
  teacherId?: string;

  @Field({ nullable: true, description: 'Cases of the teacher with this roster hash (名册哈希), 64 hex characters.' })
  @IsOptional()
  @Matches(ROSTER_HASH, { message: ROSTER_HASH_MESSAGE })
  rosterHash?: string;

  @Field(() => ID, { nullable: true, description: 'Roster-match cases at this institution (培训机构).' })
  @IsOptional()
  @IsUUID('all', { message: 'institutionId must be a UUID' })
  institutionId?: string;

  @Field(() => ID, { nullable: true, description: 'Cases opened from this complaint (投诉).' })
  @IsOptional()
  @IsUUID('all', { message: 'complaintId must be a UUID' })
  complaintId?: string;

  @Field({
    nullable: true,
    description: 'true: open cases past their decision day (逾期未处理); false: every other case.',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

@ArgsType()
export class TeacherCasesArgs extends PageArgs {
  @Field(() => TeacherCaseFilterInput, {
    nullable: true,
    description: "Which cases; none: every case in the caller's scope.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TeacherCaseFilterInput)
  filter?: TeacherCaseFilterInput;
}

@ArgsType()
export class TeacherRecordArgs {
  @Field(() => ID, { nullable: true, description: 'The roster teacher (在职教师); give this or rosterHash.' })
  @IsOptional()
  @IsUUID('all', { message: 'teacherId must be a UUID' })
  teacherId?: string;

  @Field({
    nullable: true,
    description: "The roster hash of the teacher's ID number (名册哈希); give this or teacherId.",
  })
  @IsOptional()
  @Matches(ROSTER_HASH, { message: ROSTER_HASH_MESSAGE })
  rosterHash?: string;
}

@InputType({ description: "The Education Bureau's outcome of an open teacher case, with its reasons (处理决定)." })
export class RecordTeacherCaseOutcomeInput {
  @Field(() => ID, { description: 'The case.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @Field(() => TeacherCaseOutcome, { description: 'The outcome (处理结果).' })
  @IsEnum(TeacherCaseOutcome)
  outcome!: TeacherCaseOutcome;

  @Field({ description: 'The reasons (处理理由), at most 2000 characters.' })
  @IsString()
  reason!: string;
}

@InputType({
  description: 'Opens a case against a roster teacher from an accepted paid-tutoring complaint (投诉立案).',
})
export class OpenTeacherCaseInput {
  @Field(() => ID, { description: 'The complaint, of category TEACHER_PAID_TUTORING and accepted.' })
  @IsUUID('all', { message: 'complaintId must be a UUID' })
  complaintId!: string;

  @Field(() => ID, { description: 'The roster teacher (在职教师) the complaint is about.' })
  @IsUUID('all', { message: 'teacherId must be a UUID' })
  teacherId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the officer notes on opening (立案说明), at most 2000 characters.',
  })
  @IsOptional()
  @IsString()
  note?: string | null;
}

import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  IsInt,
} from 'class-validator';
import { DateScalar } from '../../../../platform/graphql/date.scalar';
import { PageArgs } from '../../../../platform/graphql/pagination';
import { BurdenApprovalStatus, BurdenDemandKind } from '../teacher-burden.enums';

const CODE = /^[A-Z0-9_]{1,32}$/;
const TOWNSHIP = /^\d{9,12}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

@InputType({ description: 'Which teacher-burden demands (教师负担事项) to list; every field narrows the list.' })
export class TeacherBurdenDemandFilter {
  @Field(() => ID, { nullable: true, description: 'Only demands on this school (学校).' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field({
    nullable: true,
    description: 'Only demands on schools of this township (乡镇/街道), by its 9–12 digit code.',
  })
  @IsOptional()
  @Matches(TOWNSHIP)
  townshipCode?: string;

  @Field(() => BurdenDemandKind, { nullable: true, description: 'Only demands of this kind.' })
  @IsOptional()
  @IsEnum(BurdenDemandKind)
  kind?: BurdenDemandKind;

  @Field(() => BurdenApprovalStatus, { nullable: true, description: 'Only demands with this approval status.' })
  @IsOptional()
  @IsEnum(BurdenApprovalStatus)
  approvalStatus?: BurdenApprovalStatus;

  @Field({ nullable: true, description: 'Only demands made by this department (提出部门), by its code.' })
  @IsOptional()
  @Matches(CODE)
  requesterDepartmentCode?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Only demands starting on or after this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsString()
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Only demands starting on or before this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsString()
  to?: string;

  @Field({ nullable: true, description: 'True: withdrawn demands too (default: only demands in force).' })
  @IsOptional()
  @IsBoolean()
  includeWithdrawn?: boolean;
}

@ArgsType()
export class TeacherBurdenDemandsArgs extends PageArgs {
  @Field(() => TeacherBurdenDemandFilter, {
    nullable: true,
    description: 'Which demands to list; none: all I may see.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TeacherBurdenDemandFilter)
  filter?: TeacherBurdenDemandFilter;
}

@InputType({ description: 'Which month and schools the teacher-burden figures (教师负担统计) are for.' })
export class TeacherBurdenBySchoolFilter {
  @Field({ description: 'The month, written YYYY-MM (e.g. 2026-11); demands count in the month they start.' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month!: string;

  @Field({ nullable: true, description: 'Only schools of this township (乡镇/街道), by its 9–12 digit code.' })
  @IsOptional()
  @Matches(TOWNSHIP)
  townshipCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only this school (学校).' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

@ArgsType()
export class TeacherBurdenBySchoolArgs {
  @Field(() => TeacherBurdenBySchoolFilter, { description: 'The month, and optionally a township or school.' })
  @ValidateNested()
  @Type(() => TeacherBurdenBySchoolFilter)
  filter!: TeacherBurdenBySchoolFilter;
}

@InputType({
  description:
    'A non-teaching demand placed on the school (教师负担事项), recorded by its administrator. Give exactly one requester: a department code or an outside body.',
})
export class RecordTeacherBurdenDemandInput {
  @Field(() => ID, { description: 'The school (学校) the demand was placed on: the administrator’s own.' })
  @IsUUID()
  schoolId!: string;

  @Field(() => BurdenDemandKind, { description: 'What the demand is.' })
  @IsEnum(BurdenDemandKind)
  kind!: BurdenDemandKind;

  @Field({ description: 'Short title (事项名称), 1–200 characters, e.g. 安全知识竞赛进校园.' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @Field({ nullable: true, description: 'What was asked of the school, plain text, at most 2000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @Field({
    nullable: true,
    description: 'The requesting department (提出部门) by its code in the reference data, e.g. HEALTH.',
  })
  @IsOptional()
  @Matches(CODE)
  requesterDepartmentCode?: string;

  @Field({
    nullable: true,
    description:
      'The requesting outside body (提出单位) by name, when it is not a county department, 1–200 characters.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  requesterName?: string;

  @Field(() => DateScalar, { description: 'First day of the demand (YYYY-MM-DD), within a year of today.' })
  @IsString()
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Last day of the demand (YYYY-MM-DD), at most 183 days after the first.' })
  @IsString()
  endsOn!: string;

  @Field(() => Int, { description: 'Teachers involved (参与教师人数), 1–10000.' })
  @IsInt()
  @Min(1)
  @Max(10000)
  teachersInvolved!: number;

  @Field(() => Float, {
    description:
      'Teacher-hours in all (占用教师工时): the hours each involved teacher spent, summed; in tenths of an hour, at most 12 per teacher and day.',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(1_000_000)
  teacherHours!: number;

  @Field({
    nullable: true,
    description:
      'The county approval reference (审批文号), e.g. the number on the county’s 进校园事项 list, 1–100 characters; none: not approved.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  approvalReference?: string;
}

@InputType({ description: 'Withdraws a teacher-burden demand recorded by mistake (撤回); it leaves the figures.' })
export class WithdrawTeacherBurdenDemandInput {
  @Field(() => ID, { description: 'The demand.' })
  @IsUUID()
  id!: string;

  @Field({ description: 'Why it is withdrawn (撤回理由), 1–1000 characters.' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

@InputType({
  description: 'The county disputes a declared approval reference (审批文号存疑): the demand counts as unapproved.',
})
export class DisputeTeacherBurdenApprovalInput {
  @Field(() => ID, { description: 'The demand.' })
  @IsUUID()
  id!: string;

  @Field({ description: 'Why the reference does not hold (异议理由), 1–1000 characters.' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

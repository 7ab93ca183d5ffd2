import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
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
import { PageArgs } from '../../../platform/graphql/pagination';
import { NullClears } from '../../../platform/graphql/query-limits';
import { CalendarPeriodKind } from '../entities/calendar-period.entity';
import { SchoolStage } from '../entities/school.entity';

const DIVISION = /^\d{6,12}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

@InputType()
export class CreateSchoolInput {
  @Field({ description: 'School code (学校标识码), unique' })
  @Matches(CODE, { message: 'code is 1–32 letters, digits, - or _' })
  code!: string;
  @Field() @IsString() @Length(1, 200) name!: string;
  @Field() @Matches(DIVISION, { message: 'townshipCode must be a division code' }) townshipCode!: string;
  @Field(() => SchoolStage) @IsEnum(SchoolStage) stage!: SchoolStage;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(300) address?: string | null;
}

@InputType()
export class UpdateSchoolInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 200) name?: string;
  @Field(() => SchoolStage, { nullable: true }) @IsOptional() @IsEnum(SchoolStage) stage?: SchoolStage;
  @NullClears()
  @Field(() => String, { nullable: true, description: 'null clears the address' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string | null;
  @Field({
    nullable: true,
    description: 'Must equal the current township: a school cannot move (SCHOOL_TOWNSHIP_IMMUTABLE)',
  })
  @IsOptional()
  @Matches(DIVISION, { message: 'townshipCode must be a division code' })
  townshipCode?: string;
}

@InputType()
export class TeacherRosterRowInput {
  @Field() @IsString() @MaxLength(100) name!: string;
  @Field({ description: 'Resident ID number (18 characters, check character verified); only its keyed hash is stored' })
  @IsString()
  @MaxLength(32)
  idNumber!: string;
}

@ArgsType()
export class ImportTeacherRosterArgs {
  @Field(() => ID) @IsUUID('all', { message: 'schoolId must be a UUID' }) schoolId!: string;

  @Field(() => [TeacherRosterRowInput])
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => TeacherRosterRowInput)
  teachers!: TeacherRosterRowInput[];

  @Field({
    defaultValue: false,
    description: "Mark the school's teachers missing from the list inactive (left service)",
  })
  @IsBoolean()
  replace!: boolean;
}

@ArgsType()
export class TeachersArgs extends PageArgs {
  @Field(() => ID) @IsUUID('all', { message: 'schoolId must be a UUID' }) schoolId!: string;
}

@ArgsType()
export class CreateGridCellArgs {
  @Field() @Matches(DIVISION, { message: 'townshipCode must be a division code' }) townshipCode!: string;
  @Field() @Matches(CODE, { message: 'code is 1–32 letters, digits, - or _' }) code!: string;
  @Field() @IsString() @Length(1, 100) name!: string;
}

@ArgsType()
export class RenameGridCellArgs {
  @Field() @IsString() @Length(1, 32) code!: string;
  @Field() @IsString() @Length(1, 100) name!: string;
}

@ArgsType()
export class CalendarPeriodsArgs {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year!: number;
}

@InputType()
export class CalendarPeriodInput {
  @Field(() => ID, { nullable: true, description: 'The period to change; none creates a period' })
  @IsOptional()
  @IsUUID('all', { message: 'id must be a UUID' })
  id?: string | null;
  @Field(() => CalendarPeriodKind) @IsEnum(CalendarPeriodKind) kind!: CalendarPeriodKind;
  @Field() @IsString() @Length(1, 100) name!: string;
  @Field({ description: 'YYYY-MM-DD' }) @IsString() @MaxLength(10) startDate!: string;
  @Field({
    description: 'YYYY-MM-DD, inclusive; at most 62 days after start; equal to startDate for an adjusted workday',
  })
  @IsString()
  @MaxLength(10)
  endDate!: string;
}

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
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { PageArgs } from '../../../platform/graphql/pagination';
import { NullClears } from '../../../platform/graphql/query-limits';
import { CalendarPeriodKind } from '../entities/calendar-period.entity';
import { SchoolStage } from '../entities/school.entity';

const DIVISION = /^\d{6,12}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

@InputType({ description: 'A new compulsory-education school (义务教育学校)' })
export class CreateSchoolInput {
  @Field({ description: 'School code (学校标识码), unique: 1–32 letters, digits, - or _' })
  @Matches(CODE, { message: 'code is 1–32 letters, digits, - or _' })
  code!: string;
  @Field({ description: 'Full name of the school (学校名称), 1–200 characters' })
  @IsString()
  @Length(1, 200)
  name!: string;
  @Field({
    description: 'Division code of the township or street (乡镇/街道) the school is in; it cannot change later',
  })
  @Matches(DIVISION, { message: 'townshipCode must be a division code' })
  townshipCode!: string;
  @Field(() => SchoolStage, { description: 'School stage (学段)' })
  @IsEnum(SchoolStage)
  stage!: SchoolStage;
  @Field(() => String, { nullable: true, description: 'Address (地址), at most 300 characters' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string | null;
}

@InputType({ description: "Changes to a school's name, stage or address; fields left out stay as they are" })
export class UpdateSchoolInput {
  @Field(() => ID, { description: 'The school to change' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
  @Field({ nullable: true, description: 'New name (学校名称), 1–200 characters' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
  @Field(() => SchoolStage, { nullable: true, description: 'New school stage (学段)' })
  @IsOptional()
  @IsEnum(SchoolStage)
  stage?: SchoolStage;
  @NullClears()
  @Field(() => String, { nullable: true, description: 'New address, at most 300 characters; null clears it' })
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

@InputType({ description: 'One teacher of a roster import (在职教师名册)' })
export class TeacherRosterRowInput {
  @Field({ description: "The teacher's name (姓名), at most 100 characters" })
  @IsString()
  @MaxLength(100)
  name!: string;
  @Field({ description: 'Resident ID number (18 characters, check character verified); only its keyed hash is stored' })
  @IsString()
  @MaxLength(32)
  idNumber!: string;
}

@InputType({ description: "A school's in-service teacher roster (在职教师名册), loaded all or nothing" })
export class ImportTeacherRosterInput {
  @Field(() => ID, { description: 'The school whose roster this is' })
  @IsUUID('all', { message: 'schoolId must be a UUID' })
  schoolId!: string;

  @Field(() => [TeacherRosterRowInput], { description: 'The teachers, at most 5000; every ID number is checked' })
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

@InputType('TeacherFilter', { description: "Whose teacher roster: one school's" })
export class TeacherFilterInput {
  @Field(() => ID, { description: 'The school' })
  @IsUUID('all', { message: 'schoolId must be a UUID' })
  schoolId!: string;
}

@ArgsType()
export class TeachersArgs extends PageArgs {
  @Field(() => TeacherFilterInput, { description: 'Which roster (a school is required)' })
  @ValidateNested()
  @Type(() => TeacherFilterInput)
  filter!: TeacherFilterInput;
}

@InputType('SchoolFilter', { description: 'Narrows the list of schools; every field given must match' })
export class SchoolFilterInput {
  @Field({ nullable: true, description: 'Division code of the township or street (乡镇/街道)' })
  @IsOptional()
  @Matches(DIVISION, { message: 'townshipCode must be a division code' })
  townshipCode?: string;

  @Field({ nullable: true, description: 'Part of the school name, at most 50 characters' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  search?: string;
}

@ArgsType()
export class SchoolsArgs extends PageArgs {
  @Field(() => SchoolFilterInput, {
    nullable: true,
    description: 'Which schools; none: every school the caller may see',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SchoolFilterInput)
  filter?: SchoolFilterInput;
}

@InputType({ description: 'A new grid cell (网格) of a township' })
export class CreateGridCellInput {
  @Field({ description: 'Division code of the township or street (乡镇/街道) the cell belongs to' })
  @Matches(DIVISION, { message: 'townshipCode must be a division code' })
  townshipCode!: string;
  @Field({ description: 'Grid cell code, unique: 1–32 letters, digits, - or _ (e.g. 520122001-G04)' })
  @Matches(CODE, { message: 'code is 1–32 letters, digits, - or _' })
  code!: string;
  @Field({ description: 'Name of the cell (e.g. 第4网格), 1–100 characters' })
  @IsString()
  @Length(1, 100)
  name!: string;
}

@InputType({ description: 'A new name for a grid cell (网格)' })
export class RenameGridCellInput {
  @Field({ description: 'The code of the grid cell' })
  @IsString()
  @Length(1, 32)
  code!: string;
  @Field({ description: 'The new name, 1–100 characters' })
  @IsString()
  @Length(1, 100)
  name!: string;
}

@InputType('CalendarPeriodFilter', { description: 'Which calendar periods: those touching a year' })
export class CalendarPeriodFilterInput {
  @Field(() => Int, { description: 'The calendar year (2000–2100), required: periods touching it are listed' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

@ArgsType()
export class CalendarPeriodsArgs {
  @Field(() => CalendarPeriodFilterInput, { description: 'Which year (required)' })
  @ValidateNested()
  @Type(() => CalendarPeriodFilterInput)
  filter!: CalendarPeriodFilterInput;
}

@InputType({ description: 'A period of the county school calendar (校历), new or changed; dates inclusive' })
export class CalendarPeriodInput {
  @Field(() => ID, { nullable: true, description: 'The period to change; none creates a period' })
  @IsOptional()
  @IsUUID('all', { message: 'id must be a UUID' })
  id?: string | null;
  @Field(() => CalendarPeriodKind, { description: 'Kind of period' })
  @IsEnum(CalendarPeriodKind)
  kind!: CalendarPeriodKind;
  @Field({ description: 'Name of the period (e.g. 2027年元旦), 1–100 characters' })
  @IsString()
  @Length(1, 100)
  name!: string;
  @Field(() => DateScalar, { description: 'First day (YYYY-MM-DD)' })
  @IsString()
  startDate!: string;
  @Field(() => DateScalar, {
    description:
      'Last day (YYYY-MM-DD), inclusive; at most 62 days after start; equal to startDate for an adjusted workday',
  })
  @IsString()
  endDate!: string;
}

@InputType({ description: 'Which calendar period to delete' })
export class DeleteCalendarPeriodInput {
  @Field(() => ID, { description: 'The calendar period' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

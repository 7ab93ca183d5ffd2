import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
import { DateScalar } from '../../../../platform/graphql/date.scalar';
import { PageArgs } from '../../../../platform/graphql/pagination';
import { AdmissionMethod, EnrolmentPlanDecision, EnrolmentPlanStatus, SchoolSector } from '../enrolment.enums';

const TOWNSHIP = /^\d{9}$/;
const GRID = /^[A-Za-z0-9-]{1,32}$/;

@InputType({ isAbstract: true })
class YearInput {
  @Field(() => Int, { description: 'The enrolment year (招生年度), 2000–2100.' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

@InputType({
  description: "The county's enrolment calendar of a year (全县招生日程); every school's plan must use these dates.",
})
export class SetEnrolmentCalendarInput extends YearInput {
  @Field(() => DateScalar, { description: 'First day of registration (报名开始日期), in the year.' })
  @IsString()
  registrationStart!: string;

  @Field(() => DateScalar, { description: 'Last day of registration (报名截止日期), not before the first.' })
  @IsString()
  registrationEnd!: string;

  @Field(() => DateScalar, {
    description: 'Day admissions and lotteries are decided (录取日期), not before registration ends.',
  })
  @IsString()
  admissionDate!: string;
}

@InputType({ description: "A school's sector (办学性质) as the Education Bureau records it." })
export class SetSchoolSectorInput {
  @Field(() => ID, { description: 'The school (学校).' })
  @IsUUID()
  schoolId!: string;

  @Field(() => SchoolSector, { description: 'Public or private (公办/民办).' })
  @IsEnum(SchoolSector)
  sector!: SchoolSector;
}

@InputType({
  description: "A public school's service area (服务范围) for a year: townships served whole and single grid cells.",
})
export class SetServiceAreaInput extends YearInput {
  @Field(() => ID, { description: 'The public school (公办学校).' })
  @IsUUID()
  schoolId!: string;

  @Field(() => [String], {
    description: 'Townships or streets served whole (乡镇/街道), 9-digit division codes; at most 30.',
  })
  @ArrayMaxSize(30)
  @Matches(TOWNSHIP, { each: true, message: 'each township code must be 9 digits' })
  townshipCodes!: string[];

  @Field(() => [String], { description: 'Single grid cells served (网格), by code; at most 300.' })
  @ArrayMaxSize(300)
  @Matches(GRID, { each: true, message: 'each grid cell code must be 1–32 letters, digits or hyphens' })
  gridCellCodes!: string[];
}

@InputType({ description: 'Places in one entry grade (起始年级招生计划).' })
class EntryGradePlacesInput {
  @Field(() => Int, {
    description: 'The entry grade (起始年级): 1 (primary) or 7 (junior secondary), one the school enrols.',
  })
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;

  @Field(() => Int, { description: 'Places offered (计划招生人数), 1–5000.' })
  @IsInt()
  @Min(1)
  @Max(5000)
  places!: number;
}

@InputType({
  description:
    "A school's enrolment plan (招生计划) for a year, recorded by its administrator; checked against the enrolment rules (公民同招, 免试就近入学).",
})
export class RecordEnrolmentPlanInput extends YearInput {
  @Field(() => ID, { description: "The school (学校): the administrator's own." })
  @IsUUID()
  schoolId!: string;

  @Field(() => [EntryGradePlacesInput], { description: 'Places per entry grade (分年级招生计划).' })
  @ValidateNested({ each: true })
  @Type(() => EntryGradePlacesInput)
  @ArrayMaxSize(2)
  places!: EntryGradePlacesInput[];

  @Field(() => DateScalar, { description: "First day of registration (报名开始日期): the county's." })
  @IsString()
  registrationStart!: string;

  @Field(() => DateScalar, { description: "Last day of registration (报名截止日期): the county's." })
  @IsString()
  registrationEnd!: string;

  @Field(() => DateScalar, { description: "Day admissions are decided (录取日期): the county's." })
  @IsString()
  admissionDate!: string;

  @Field(() => AdmissionMethod, {
    description:
      'How the school admits (招生方式): SERVICE_AREA for public schools, LOTTERY_WHEN_OVERSUBSCRIBED for private.',
  })
  @IsEnum(AdmissionMethod)
  admissionMethod!: AdmissionMethod;

  @Field(() => String, {
    nullable: true,
    description:
      'What the school tells families (招生简章要点), plain text, at most 2000 characters; no selection by exam, test or interview.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

@InputType({ description: "The Education Bureau's review of a submitted enrolment plan (招生计划审核)." })
export class ReviewEnrolmentPlanInput {
  @Field(() => ID, { description: 'The plan.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @Field(() => EnrolmentPlanDecision, { description: 'Approve or return.' })
  @IsEnum(EnrolmentPlanDecision)
  decision!: EnrolmentPlanDecision;

  @Field(() => String, {
    nullable: true,
    description: 'A comment; required when returning (退回理由), at most 2000 characters.',
  })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

@InputType('EnrolmentPlanFilter', { description: 'Narrows the list of enrolment plans; every field given must match.' })
export class EnrolmentPlanFilterInput {
  @Field(() => Int, { nullable: true, description: 'Plans of this enrolment year (招生年度).' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @Field(() => ID, { nullable: true, description: 'Plans of this school (学校).' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field({ nullable: true, description: 'Plans of schools in this township (乡镇/街道), 9-digit division code.' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;

  @Field(() => EnrolmentPlanStatus, { nullable: true, description: 'Plans in this status.' })
  @IsOptional()
  @IsEnum(EnrolmentPlanStatus)
  status?: EnrolmentPlanStatus;
}

@ArgsType()
export class EnrolmentPlansArgs extends PageArgs {
  @Field(() => EnrolmentPlanFilterInput, {
    nullable: true,
    description: "Which plans; none: every plan in the caller's scope.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => EnrolmentPlanFilterInput)
  filter?: EnrolmentPlanFilterInput;
}

@InputType('ServiceAreaFilter', {
  description: 'Which service areas (服务范围) of a year: those serving a township or grid cell, or one school’s.',
})
export class ServiceAreaFilterInput extends YearInput {
  @Field({
    nullable: true,
    description: 'Areas serving this township or street (乡镇/街道), whole or in part; 9-digit code.',
  })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;

  @Field({
    nullable: true,
    description: 'Areas serving this grid cell (网格), by code: where a family living there enrols.',
  })
  @IsOptional()
  @Matches(GRID, { message: 'gridCellCode must be 1–32 letters, digits or hyphens' })
  gridCellCode?: string;

  @Field(() => ID, { nullable: true, description: "This school's area (学校)." })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

@ArgsType()
export class ServiceAreasArgs extends PageArgs {
  @Field(() => ServiceAreaFilterInput, { description: 'The year, and a township, grid cell or school.' })
  @ValidateNested()
  @Type(() => ServiceAreaFilterInput)
  filter!: ServiceAreaFilterInput;
}

import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
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
import { CourseMode } from '../entities/course.entity';
import { InstitutionCategory, InstitutionStatus, LegalForm, NonSubjectKind } from '../entities/institution.entity';
import { CheckStatus } from '../entities/premises.entity';
import { BackgroundCheck, StaffPosition } from '../entities/staff.entity';
import { MaterialKind, ReviewStatus } from '../entities/training-material.entity';
import { LeadKind, LeadSource, LeadStatus } from '../entities/unlicensed-lead.entity';
import { PremisesCheck } from '../records.types';
import { COURSE_TOPICS } from '../topics';
import { CourseTopic } from './registry.enums';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const REASON = { description: 'Why (recorded in the audit log and the event)' };

@InputType()
export class InstitutionDetailsInput {
  @Field() @IsString() @Length(1, 200) name!: string;
  @Field({ description: '统一社会信用代码 (GB 32100-2015, check character verified)' })
  @IsString()
  @MaxLength(40)
  creditCode!: string;
  @Field(() => InstitutionCategory) @IsEnum(InstitutionCategory) category!: InstitutionCategory;
  @Field(() => NonSubjectKind, { nullable: true })
  @IsOptional()
  @IsEnum(NonSubjectKind)
  nonSubjectKind?: NonSubjectKind | null;
  @Field(() => LegalForm) @IsEnum(LegalForm) legalForm!: LegalForm;
  @Field({ description: '主管部门 code, e.g. EDU' }) @IsString() @Length(1, 32) competentDepartmentCode!: string;
  @Field() @IsString() @Length(1, 12) townshipCode!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(32) gridCode?: string | null;
  @Field() @IsString() @Length(1, 300) address!: string;
  @Field() @IsString() @Length(1, 100) legalRepresentative!: string;
  @Field()
  @IsString()
  @Matches(/^[0-9+\- ]{5,32}$/, { message: 'contactPhone must be a phone number' })
  contactPhone!: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() partyOrganisationCovered?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() partyWorkCovered?: boolean;
}

@InputType()
export class LicenceInput {
  @Field({ description: '办学许可证 number' }) @IsString() @Length(1, 64) licenceNumber!: string;
  @Field() @Matches(DATE, { message: 'licenceValidFrom must be YYYY-MM-DD' }) licenceValidFrom!: string;
  @Field() @Matches(DATE, { message: 'licenceValidUntil must be YYYY-MM-DD' }) licenceValidUntil!: string;
}

@InputType()
export class ApplyForLicenceInput {
  @Field(() => InstitutionDetailsInput)
  @ValidateNested()
  @Type(() => InstitutionDetailsInput)
  institution!: InstitutionDetailsInput;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType()
export class RegisterExistingInstitutionInput {
  @Field(() => InstitutionDetailsInput)
  @ValidateNested()
  @Type(() => InstitutionDetailsInput)
  institution!: InstitutionDetailsInput;
  @Field(() => LicenceInput) @ValidateNested() @Type(() => LicenceInput) licence!: LicenceInput;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType()
export class ApproveInstitutionInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => LicenceInput) @ValidateNested() @Type(() => LicenceInput) licence!: LicenceInput;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType({ description: 'A lifecycle command on an institution, with its reason' })
export class InstitutionCommandInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType()
export class ConvertToNonSubjectInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => NonSubjectKind) @IsEnum(NonSubjectKind) nonSubjectKind!: NonSubjectKind;
  @Field({ nullable: true, description: 'New competent department, if it changes' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  competentDepartmentCode?: string;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType({ description: '变更登记: the details to change; absent fields stay as they are' })
export class InstitutionUpdateInput {
  @Field({ nullable: true, description: 'New registered name (名称变更)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 300) address?: string;
  @Field({
    nullable: true,
    description: 'Must be the current township: a township change is refused (TOWNSHIP_CHANGE_NOT_SUPPORTED)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 12)
  townshipCode?: string;
  @NullClears()
  @Field(() => String, { nullable: true, description: "A grid (网格) of the institution's township; null clears it" })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  gridCode?: string | null;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 100) legalRepresentative?: string;
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9+\- ]{5,32}$/, { message: 'contactPhone must be a phone number' })
  contactPhone?: string;
  @Field({ nullable: true, description: '党的组织覆盖' }) @IsOptional() @IsBoolean() partyOrganisationCovered?: boolean;
  @Field({ nullable: true, description: '党的工作覆盖' }) @IsOptional() @IsBoolean() partyWorkCovered?: boolean;
  @Field({ nullable: true, description: '主管部门 code, e.g. EDU' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  competentDepartmentCode?: string;
}

@InputType()
export class UpdateInstitutionInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => InstitutionUpdateInput)
  @ValidateNested()
  @Type(() => InstitutionUpdateInput)
  changes!: InstitutionUpdateInput;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType()
export class InstitutionFilterInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(12) townshipCode?: string;
  @Field(() => InstitutionCategory, { nullable: true })
  @IsOptional()
  @IsEnum(InstitutionCategory)
  category?: InstitutionCategory;
  @Field(() => InstitutionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InstitutionStatus)
  status?: InstitutionStatus;
  @Field({ nullable: true, description: 'Part of the name, or the whole credit code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class InstitutionsArgs extends PageArgs {
  @Field(() => InstitutionFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => InstitutionFilterInput)
  filter?: InstitutionFilterInput;
}

@ArgsType()
export class PublicInstitutionSearchArgs {
  @Field({ description: 'Part of the institution’s name, 2–50 characters' }) @IsString() @MaxLength(50) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Only institutions registered in this township (乡镇/街道 code)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  townshipCode?: string | null;
  @Field(() => Int, { nullable: true, defaultValue: 10, description: 'At most this many (1–20)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  first?: number;
}

@InputType()
export class AddPremisesInput {
  @Field(() => ID) @IsUUID() institutionId!: string;
  @Field() @IsString() @Length(1, 300) address!: string;
  @Field(() => Int, { description: 'Floor area in m²' }) @IsInt() @Min(1) @Max(1_000_000) floorAreaM2!: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() securityGuards?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() physicalProtection?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() technicalProtection?: boolean;
}

@InputType()
export class RecordPremisesCheckInput {
  @Field(() => ID) @IsUUID() premisesId!: string;
  @Field(() => PremisesCheck) @IsEnum(PremisesCheck) check!: PremisesCheck;
  @Field(() => CheckStatus) @IsEnum(CheckStatus) result!: CheckStatus;
  @Field(() => String, { nullable: true, description: 'Date of the check, YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  date?: string | null;
}

@InputType()
export class PremisesSafetyInput {
  @Field(() => ID) @IsUUID() premisesId!: string;
  @Field({ description: '人防' }) @IsBoolean() securityGuards!: boolean;
  @Field({ description: '物防' }) @IsBoolean() physicalProtection!: boolean;
  @Field({ description: '技防' }) @IsBoolean() technicalProtection!: boolean;
}

@InputType()
export class AddStaffInput {
  @Field(() => ID) @IsUUID() institutionId!: string;
  @Field() @IsString() @Length(1, 100) name!: string;
  @Field({ description: 'Resident ID number; stored hashed and encrypted, shown masked' })
  @IsString()
  @Length(15, 20)
  idNumber!: string;
  @Field(() => StaffPosition) @IsEnum(StaffPosition) position!: StaffPosition;
  @Field(() => String, { nullable: true, description: 'Qualification, e.g. teacher certificate number' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  qualification?: string | null;
  @Field(() => BackgroundCheck, { nullable: true })
  @IsOptional()
  @IsEnum(BackgroundCheck)
  backgroundCheck?: BackgroundCheck;
}

@InputType()
export class CourseWeeklySlotInput {
  @Field(() => Int, { description: '1 = Monday … 7 = Sunday' }) @IsInt() weekday!: number;
  @Field({ description: 'HH:MM' }) @Matches(TIME, { message: 'start must be HH:MM' }) start!: string;
  @Field({ description: 'HH:MM' }) @Matches(TIME, { message: 'end must be HH:MM' }) end!: string;
}

@InputType()
export class CourseExtraSessionInput {
  @Field() @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) date!: string;
  @Field() @Matches(TIME, { message: 'start must be HH:MM' }) start!: string;
  @Field() @Matches(TIME, { message: 'end must be HH:MM' }) end!: string;
}

@InputType()
export class AddCourseInput {
  @Field(() => ID) @IsUUID() institutionId!: string;
  @Field() @IsString() @Length(1, 200) name!: string;
  @Field(() => CourseTopic) @IsIn(COURSE_TOPICS) topic!: string;
  @Field(() => [Int], { description: 'Grades 1–12' })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  targetGrades!: number[];
  @Field(() => CourseMode) @IsEnum(CourseMode) mode!: CourseMode;
  @Field(() => Int) @IsInt() @Min(1) @Max(480) lessonMinutes!: number;
  @Field({ description: 'Price per lesson hour in yuan, two decimals, e.g. "120.00"' })
  @IsString()
  @MaxLength(20)
  pricePerHour!: string;
  @Field() @Matches(DATE, { message: 'termStart must be YYYY-MM-DD' }) termStart!: string;
  @Field() @Matches(DATE, { message: 'termEnd must be YYYY-MM-DD' }) termEnd!: string;
  @Field(() => [CourseWeeklySlotInput])
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CourseWeeklySlotInput)
  weeklySlots!: CourseWeeklySlotInput[];
  @Field(() => [CourseExtraSessionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CourseExtraSessionInput)
  extraSessions?: CourseExtraSessionInput[];
}

@InputType()
export class SubmitMaterialInput {
  @Field(() => ID) @IsUUID() institutionId!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() courseId?: string | null;
  @Field(() => MaterialKind) @IsEnum(MaterialKind) kind!: MaterialKind;
  @Field() @IsString() @Length(1, 200) title!: string;
  @Field() @IsString() @Length(1, 20000) content!: string;
}

@InputType()
export class ReviewMaterialInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => ReviewStatus, { description: 'APPROVED or REJECTED' })
  @IsIn([ReviewStatus.APPROVED, ReviewStatus.REJECTED], { message: 'decision must be APPROVED or REJECTED' })
  decision!: ReviewStatus.APPROVED | ReviewStatus.REJECTED;
  @Field(() => String, { nullable: true, description: 'Required for a rejection' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reasons?: string | null;
}

@InputType()
export class AnnualReviewChecklistItemInput {
  @Field() @Matches(/^[A-Z0-9_]{1,32}$/, { message: 'code must be 1–32 characters A-Z, 0-9, _' }) code!: string;
  @Field() @IsString() @Length(1, 200) title!: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(1000) maxScore!: number;
}

@InputType()
export class SetAnnualReviewChecklistInput {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field(() => [AnnualReviewChecklistItemInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AnnualReviewChecklistItemInput)
  items!: AnnualReviewChecklistItemInput[];
  @Field(() => Int) @IsInt() @Min(0) passScore!: number;
  @Field(() => Int) @IsInt() @Min(0) basicPassScore!: number;
}

@InputType()
export class AnnualReviewScoreInput {
  @Field() @IsString() @MaxLength(32) code!: string;
  @Field(() => Int) @IsInt() score!: number;
}

@InputType()
export class RecordAnnualReviewInput {
  @Field(() => ID) @IsUUID() institutionId!: string;
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field(() => [AnnualReviewScoreInput])
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AnnualReviewScoreInput)
  scores!: AnnualReviewScoreInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) remarks?: string | null;
}

@InputType()
export class RecordLeadInput {
  @Field() @IsString() @Length(1, 12) townshipCode!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(32) gridCode?: string | null;
  @Field({ description: 'Where: address or description of the place' }) @IsString() @Length(1, 300) location!: string;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLatitude() latitude?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLongitude() longitude?: number | null;
  @Field(() => LeadKind) @IsEnum(LeadKind) kind!: LeadKind;
  @Field(() => LeadSource) @IsEnum(LeadSource) source!: LeadSource;
  @Field() @IsString() @Length(1, 5000) description!: string;
}

@InputType()
export class StartLeadInvestigationInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field({ description: 'Who investigates and how' }) @IsString() @Length(1, 2000) note!: string;
}

@InputType()
export class ResolveLeadInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => LeadStatus, { description: 'CLOSED (取缔), REGULARISED or UNFOUNDED' })
  @IsIn([LeadStatus.CLOSED, LeadStatus.REGULARISED, LeadStatus.UNFOUNDED], {
    message: 'outcome must be CLOSED, REGULARISED or UNFOUNDED',
  })
  outcome!: LeadStatus.CLOSED | LeadStatus.REGULARISED | LeadStatus.UNFOUNDED;
  @Field() @IsString() @Length(1, 5000) findings!: string;
  @Field(() => ID, { nullable: true, description: 'The registered institution a regularised lead became' })
  @IsOptional()
  @IsUUID()
  institutionId?: string | null;
}

@InputType()
export class LeadFilterInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(12) townshipCode?: string;
  @Field(() => LeadStatus, { nullable: true }) @IsOptional() @IsEnum(LeadStatus) status?: LeadStatus;
  @Field({ nullable: true, description: 'Only leads open past the clearance deadline' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

@ArgsType()
export class LeadsArgs extends PageArgs {
  @Field(() => LeadFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeadFilterInput)
  filter?: LeadFilterInput;
}

@InputType()
export class UpdateStaffBackgroundCheckInput {
  @Field(() => ID) @IsUUID() staffId!: string;
  @Field(() => BackgroundCheck, { description: 'CLEARED or FAILED' })
  @IsIn([BackgroundCheck.CLEARED, BackgroundCheck.FAILED], { message: 'result must be CLEARED or FAILED' })
  result!: BackgroundCheck;
  @Field({ description: 'Day the check was completed, YYYY-MM-DD (not in the future)' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  date!: string;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType()
export class EndStaffEmploymentInput {
  @Field(() => ID) @IsUUID() staffId!: string;
  @Field({ description: 'Last day of employment (离职), YYYY-MM-DD (not in the future)' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  date!: string;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType()
export class EndCourseInput {
  @Field(() => ID) @IsUUID() courseId!: string;
  @Field({ description: "The course's new last day, YYYY-MM-DD (not after its planned term end)" })
  @Matches(DATE, { message: 'endDate must be YYYY-MM-DD' })
  endDate!: string;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

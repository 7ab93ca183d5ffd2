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
import { DateScalar } from '../../../platform/graphql/date.scalar';
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

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const REASON = { description: 'Why, in a sentence or two (recorded in the audit log and the event).' };

@InputType({
  description: 'The registered details of an institution, as on its business or legal-person registration.',
})
export class InstitutionDetailsInput {
  @Field({ description: 'Registered name (机构名称), 1–200 characters.' }) @IsString() @Length(1, 200) name!: string;
  @Field({
    description:
      'Unified social credit code (统一社会信用代码), 18 characters; the GB 32100-2015 check character is verified.',
  })
  @IsString()
  @MaxLength(40)
  creditCode!: string;
  @Field(() => InstitutionCategory, { description: 'Subject (学科类) or non-subject (非学科类).' })
  @IsEnum(InstitutionCategory)
  category!: InstitutionCategory;
  @Field(() => NonSubjectKind, {
    nullable: true,
    description: 'Kind of a non-subject institution; null for a subject one.',
  })
  @IsOptional()
  @IsEnum(NonSubjectKind)
  nonSubjectKind?: NonSubjectKind | null;
  @Field(() => LegalForm, { description: 'For-profit (营利性) or non-profit (非营利性).' })
  @IsEnum(LegalForm)
  legalForm!: LegalForm;
  @Field({ description: 'Code of the competent department (主管部门), e.g. EDU.' })
  @IsString()
  @Length(1, 32)
  competentDepartmentCode!: string;
  @Field({ description: 'Code of the township (乡镇/街道) the institution is registered in.' })
  @IsString()
  @Length(1, 12)
  townshipCode!: string;
  @Field(() => String, { nullable: true, description: 'Code of a grid (网格) of that township, if known.' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  gridCode?: string | null;
  @Field({ description: 'Registered address (住所).' }) @IsString() @Length(1, 300) address!: string;
  @Field({ description: 'Name of the legal representative (法定代表人).' })
  @IsString()
  @Length(1, 100)
  legalRepresentative!: string;
  @Field({ description: 'Contact phone number (联系电话): digits, spaces, + and -.' })
  @IsString()
  @Matches(/^[0-9+\- ]{5,32}$/, { message: 'contactPhone must be a phone number' })
  contactPhone!: string;
  @Field({ nullable: true, description: 'Covered by a party organisation (党的组织覆盖); false when absent.' })
  @IsOptional()
  @IsBoolean()
  partyOrganisationCovered?: boolean;
  @Field({ nullable: true, description: 'Covered by party work (党的工作覆盖); false when absent.' })
  @IsOptional()
  @IsBoolean()
  partyWorkCovered?: boolean;
}

@InputType({ description: 'A school-running licence (办学许可证): its number and validity.' })
export class LicenceInput {
  @Field({ description: 'Number of the school-running licence (办学许可证编号).' })
  @IsString()
  @Length(1, 64)
  licenceNumber!: string;
  @Field(() => DateScalar, { description: 'First day the licence is valid, YYYY-MM-DD.' })
  @IsString()
  licenceValidFrom!: string;
  @Field(() => DateScalar, { description: 'Last day the licence is valid, YYYY-MM-DD.' })
  @IsString()
  licenceValidUntil!: string;
}

@InputType({ description: 'Apply for a school-running licence (申请办学许可) for a new non-subject institution.' })
export class ApplyForLicenceInput {
  @Field(() => InstitutionDetailsInput, { description: 'The institution applying.' })
  @ValidateNested()
  @Type(() => InstitutionDetailsInput)
  institution!: InstitutionDetailsInput;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType({ description: 'Enter an already licensed institution into the register, with its licence.' })
export class RegisterExistingInstitutionInput {
  @Field(() => InstitutionDetailsInput, { description: 'The institution as registered.' })
  @ValidateNested()
  @Type(() => InstitutionDetailsInput)
  institution!: InstitutionDetailsInput;
  @Field(() => LicenceInput, { description: 'The licence it already holds.' })
  @ValidateNested()
  @Type(() => LicenceInput)
  licence!: LicenceInput;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType({ description: 'Approve an application, issuing the licence (办学许可证).' })
export class ApproveInstitutionInput {
  @Field(() => ID, { description: 'Id of the APPLIED institution.' }) @IsUUID() id!: string;
  @Field(() => LicenceInput, { description: 'The licence issued.' })
  @ValidateNested()
  @Type(() => LicenceInput)
  licence!: LicenceInput;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType({
  description:
    'A lifecycle command on an institution (reject, start operating, suspend, resume, deregister, revoke, convert to non-profit), with its reason.',
})
export class InstitutionCommandInput {
  @Field(() => ID, { description: 'Id of the institution.' }) @IsUUID() id!: string;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType({ description: 'Convert a subject institution to non-subject (压减, 学科转非学科).' })
export class ConvertToNonSubjectInput {
  @Field(() => ID, { description: 'Id of the subject institution.' }) @IsUUID() id!: string;
  @Field(() => NonSubjectKind, { description: 'The non-subject kind it becomes.' })
  @IsEnum(NonSubjectKind)
  nonSubjectKind!: NonSubjectKind;
  @Field({ nullable: true, description: 'Code of the new competent department (主管部门), if it changes.' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  competentDepartmentCode?: string;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType({ description: 'Details to change (变更登记); absent fields stay as they are.' })
export class InstitutionUpdateInput {
  @Field({ nullable: true, description: 'New registered name (名称变更).' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
  @Field({ nullable: true, description: 'New registered address (住所).' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  address?: string;
  @Field({
    nullable: true,
    description: 'Must be the current township: a township change is refused (TOWNSHIP_CHANGE_NOT_SUPPORTED).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 12)
  townshipCode?: string;
  @NullClears()
  @Field(() => String, { nullable: true, description: "A grid (网格) of the institution's township; null clears it." })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  gridCode?: string | null;
  @Field({ nullable: true, description: 'New legal representative (法定代表人).' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  legalRepresentative?: string;
  @Field({ nullable: true, description: 'New contact phone number (联系电话).' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9+\- ]{5,32}$/, { message: 'contactPhone must be a phone number' })
  contactPhone?: string;
  @Field({ nullable: true, description: 'Covered by a party organisation (党的组织覆盖).' })
  @IsOptional()
  @IsBoolean()
  partyOrganisationCovered?: boolean;
  @Field({ nullable: true, description: 'Covered by party work (党的工作覆盖).' })
  @IsOptional()
  @IsBoolean()
  partyWorkCovered?: boolean;
  @Field({ nullable: true, description: 'Code of the new competent department (主管部门), e.g. EDU.' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  competentDepartmentCode?: string;
}

@InputType({ description: 'Change an institution’s registered details (变更登记), with a reason.' })
export class UpdateInstitutionInput {
  @Field(() => ID, { description: 'Id of the institution.' }) @IsUUID() id!: string;
  @Field(() => InstitutionUpdateInput, { description: 'The details to change.' })
  @ValidateNested()
  @Type(() => InstitutionUpdateInput)
  changes!: InstitutionUpdateInput;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType({ description: 'Narrows the institution list; absent fields do not narrow it.' })
export class InstitutionFilter {
  @Field({ nullable: true, description: 'Only institutions registered in this township (乡镇/街道 code).' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  townshipCode?: string;
  @Field(() => InstitutionCategory, { nullable: true, description: 'Only institutions of this category.' })
  @IsOptional()
  @IsEnum(InstitutionCategory)
  category?: InstitutionCategory;
  @Field(() => InstitutionStatus, { nullable: true, description: 'Only institutions in this state.' })
  @IsOptional()
  @IsEnum(InstitutionStatus)
  status?: InstitutionStatus;
  @Field({ nullable: true, description: 'Part of the name, or the whole credit code (统一社会信用代码).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class InstitutionsArgs extends PageArgs {
  @Field(() => InstitutionFilter, {
    nullable: true,
    description: 'Narrows the list; absent: every institution in scope.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => InstitutionFilter)
  filter?: InstitutionFilter;
}

@InputType({ description: 'What the public search (机构查询) looks for.' })
export class PublicInstitutionSearchFilter {
  @Field({ description: 'Part of the institution’s name, 2–50 characters.' }) @IsString() @MaxLength(50) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Only institutions registered in this township (乡镇/街道 code).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  townshipCode?: string | null;
}

@ArgsType()
export class PublicInstitutionSearchArgs {
  @Field(() => PublicInstitutionSearchFilter, { description: 'The name to look for and, optionally, the township.' })
  @ValidateNested()
  @Type(() => PublicInstitutionSearchFilter)
  filter!: PublicInstitutionSearchFilter;
  @Field(() => Int, { nullable: true, defaultValue: 10, description: 'At most this many, 1–20 (default 10).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  first?: number;
}

@InputType({ description: 'Add premises (办学场所) to an institution; its checks start PENDING.' })
export class AddPremisesInput {
  @Field(() => ID, { description: 'Id of the institution.' }) @IsUUID() institutionId!: string;
  @Field({ description: 'Address of the premises (办学地址).' }) @IsString() @Length(1, 300) address!: string;
  @Field(() => Int, { description: 'Floor area in square metres (m²).' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  floorAreaM2!: number;
  @Field({ nullable: true, description: 'Security guards on duty (人防); false when absent.' })
  @IsOptional()
  @IsBoolean()
  securityGuards?: boolean;
  @Field({ nullable: true, description: 'Physical protection in place (物防); false when absent.' })
  @IsOptional()
  @IsBoolean()
  physicalProtection?: boolean;
  @Field({
    nullable: true,
    description: 'Technical protection in place (技防), e.g. video surveillance; false when absent.',
  })
  @IsOptional()
  @IsBoolean()
  technicalProtection?: boolean;
}

@InputType({
  description: 'The result of one check of premises (fire design review, fire acceptance, fire or health inspection).',
})
export class RecordPremisesCheckInput {
  @Field(() => ID, { description: 'Id of the premises.' }) @IsUUID() premisesId!: string;
  @Field(() => PremisesCheck, { description: 'Which check.' }) @IsEnum(PremisesCheck) check!: PremisesCheck;
  @Field(() => CheckStatus, { description: 'Its result.' }) @IsEnum(CheckStatus) result!: CheckStatus;
  @Field(() => DateScalar, { nullable: true, description: 'Day of the check, YYYY-MM-DD.' })
  @IsOptional()
  @IsString()
  date?: string | null;
}

@InputType({ description: 'The safety measures of premises (人防/物防/技防), all three given.' })
export class PremisesSafetyInput {
  @Field(() => ID, { description: 'Id of the premises.' }) @IsUUID() premisesId!: string;
  @Field({ description: 'Security guards on duty (人防).' }) @IsBoolean() securityGuards!: boolean;
  @Field({ description: 'Physical protection in place (物防).' }) @IsBoolean() physicalProtection!: boolean;
  @Field({ description: 'Technical protection in place (技防), e.g. video surveillance.' })
  @IsBoolean()
  technicalProtection!: boolean;
}

@InputType({ description: 'Register a staff member (从业人员) of an institution.' })
export class AddStaffInput {
  @Field(() => ID, { description: 'Id of the institution.' }) @IsUUID() institutionId!: string;
  @Field({ description: 'Full name of the person.' }) @IsString() @Length(1, 100) name!: string;
  @Field({ description: 'Resident ID number (身份证号); stored hashed and encrypted, shown masked.' })
  @IsString()
  @Length(15, 20)
  idNumber!: string;
  @Field(() => StaffPosition, { description: 'Position at the institution.' })
  @IsEnum(StaffPosition)
  position!: StaffPosition;
  @Field(() => String, {
    nullable: true,
    description: 'Qualification, e.g. a teacher certificate number (教师资格证).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  qualification?: string | null;
  @Field(() => BackgroundCheck, {
    nullable: true,
    description: 'Background check state (背景审查); PENDING when absent.',
  })
  @IsOptional()
  @IsEnum(BackgroundCheck)
  backgroundCheck?: BackgroundCheck;
}

@InputType({ description: 'A weekly lesson of a course, in local time (China Standard Time).' })
export class CourseWeeklySlotInput {
  @Field(() => Int, { description: 'Day of the week: 1 = Monday … 7 = Sunday.' }) @IsInt() weekday!: number;
  @Field({ description: 'Start time, HH:MM.' }) @Matches(TIME, { message: 'start must be HH:MM' }) start!: string;
  @Field({ description: 'End time, HH:MM.' }) @Matches(TIME, { message: 'end must be HH:MM' }) end!: string;
}

@InputType({ description: 'A one-off lesson of a course on a day (补课), in local time.' })
export class CourseExtraSessionInput {
  @Field(() => DateScalar, { description: 'Day of the lesson, YYYY-MM-DD.' }) @IsString() date!: string;
  @Field({ description: 'Start time, HH:MM.' }) @Matches(TIME, { message: 'start must be HH:MM' }) start!: string;
  @Field({ description: 'End time, HH:MM.' }) @Matches(TIME, { message: 'end must be HH:MM' }) end!: string;
}

@InputType({ description: 'Add a course (课程) with its schedule, checked against the training-time rules.' })
export class AddCourseInput {
  @Field(() => ID, { description: 'Id of the institution.' }) @IsUUID() institutionId!: string;
  @Field({ description: 'Name of the course.' }) @IsString() @Length(1, 200) name!: string;
  @Field(() => CourseTopic, { description: 'Topic; a subject topic makes it a subject course (学科类).' })
  @IsIn(COURSE_TOPICS)
  topic!: string;
  @Field(() => [Int], { description: 'Grades taught, 1–12 (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  targetGrades!: number[];
  @Field(() => CourseMode, { description: 'In person or online.' }) @IsEnum(CourseMode) mode!: CourseMode;
  @Field(() => Int, { description: 'Length of one lesson in minutes, 1–480.' })
  @IsInt()
  @Min(1)
  @Max(480)
  lessonMinutes!: number;
  @Field({ description: 'Price per lesson hour in yuan, two decimals, e.g. "120.00".' })
  @IsString()
  @MaxLength(20)
  pricePerHour!: string;
  @Field(() => DateScalar, { description: 'First day of the term, YYYY-MM-DD.' }) @IsString() termStart!: string;
  @Field(() => DateScalar, { description: 'Last day of the term, YYYY-MM-DD.' }) @IsString() termEnd!: string;
  @Field(() => [CourseWeeklySlotInput], { description: 'Weekly lessons (may be empty).' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CourseWeeklySlotInput)
  weeklySlots!: CourseWeeklySlotInput[];
  @Field(() => [CourseExtraSessionInput], { nullable: true, description: 'One-off lessons (补课); none when absent.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CourseExtraSessionInput)
  extraSessions?: CourseExtraSessionInput[];
}

@InputType({ description: 'Submit training material (培训材料) or an enrolment ad (招生广告) for review.' })
export class SubmitMaterialInput {
  @Field(() => ID, { description: 'Id of the institution.' }) @IsUUID() institutionId!: string;
  @Field(() => ID, { nullable: true, description: 'Id of the course it belongs to, if any.' })
  @IsOptional()
  @IsUUID()
  courseId?: string | null;
  @Field(() => MaterialKind, { description: 'Training material or enrolment ad.' })
  @IsEnum(MaterialKind)
  kind!: MaterialKind;
  @Field({ description: 'Title, 1–200 characters.' }) @IsString() @Length(1, 200) title!: string;
  @Field({ description: 'The text reviewed, 1–20,000 characters.' }) @IsString() @Length(1, 20000) content!: string;
}

@InputType({ description: 'The decision on submitted material or an enrolment ad.' })
export class ReviewMaterialInput {
  @Field(() => ID, { description: 'Id of the submitted material.' }) @IsUUID() id!: string;
  @Field(() => ReviewStatus, { description: 'APPROVED or REJECTED.' })
  @IsIn([ReviewStatus.APPROVED, ReviewStatus.REJECTED], { message: 'decision must be APPROVED or REJECTED' })
  decision!: ReviewStatus.APPROVED | ReviewStatus.REJECTED;
  @Field(() => String, { nullable: true, description: 'Why it was rejected; required for a rejection.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reasons?: string | null;
}

@InputType({ description: 'One scored item of an annual review checklist.' })
export class AnnualReviewChecklistItemInput {
  @Field({ description: 'Stable code of the item, 1–32 characters A-Z, 0-9 and _.' })
  @Matches(/^[A-Z0-9_]{1,32}$/, { message: 'code must be 1–32 characters A-Z, 0-9, _' })
  code!: string;
  @Field({ description: 'What is assessed.' }) @IsString() @Length(1, 200) title!: string;
  @Field(() => Int, { description: 'Highest score of the item, 1–1000.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  maxScore!: number;
}

@InputType({ description: 'The scored checklist of a year (年审年检评分表) and its pass marks.' })
export class SetAnnualReviewChecklistInput {
  @Field(() => Int, { description: 'The year, 2000–2100.' }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field(() => [AnnualReviewChecklistItemInput], { description: 'The items, 1–100.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AnnualReviewChecklistItemInput)
  items!: AnnualReviewChecklistItemInput[];
  @Field(() => Int, { description: 'Lowest total score of a PASS (合格).' }) @IsInt() @Min(0) passScore!: number;
  @Field(() => Int, { description: 'Lowest total score of a BASIC_PASS (基本合格).' })
  @IsInt()
  @Min(0)
  basicPassScore!: number;
}

@InputType({ description: 'The score given for one checklist item.' })
export class AnnualReviewScoreInput {
  @Field({ description: 'Code of the checklist item.' }) @IsString() @MaxLength(32) code!: string;
  @Field(() => Int, { description: 'Score, 0 to the item’s highest score.' }) @IsInt() score!: number;
}

@InputType({ description: 'Score an institution against the year’s checklist (年审年检).' })
export class RecordAnnualReviewInput {
  @Field(() => ID, { description: 'Id of the institution.' }) @IsUUID() institutionId!: string;
  @Field(() => Int, { description: 'The year reviewed, 2000–2100.' }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field(() => [AnnualReviewScoreInput], { description: 'A score for each checklist item.' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AnnualReviewScoreInput)
  scores!: AnnualReviewScoreInput[];
  @Field(() => String, { nullable: true, description: 'Remarks of the reviewers (评语).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  remarks?: string | null;
}

@InputType({ description: 'Record a lead on unlicensed or variant training (非法/变异培训线索).' })
export class RecordLeadInput {
  @Field({ description: 'Code of the township (乡镇/街道) where the training takes place.' })
  @IsString()
  @Length(1, 12)
  townshipCode!: string;
  @Field(() => String, { nullable: true, description: 'Code of the grid (网格) of that township, if known.' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  gridCode?: string | null;
  @Field({ description: 'Where: the address or a description of the place.' })
  @IsString()
  @Length(1, 300)
  location!: string;
  @Field(() => Float, { nullable: true, description: 'Latitude of the place, degrees (WGS 84).' })
  @IsOptional()
  @IsLatitude()
  latitude?: number | null;
  @Field(() => Float, { nullable: true, description: 'Longitude of the place, degrees (WGS 84).' })
  @IsOptional()
  @IsLongitude()
  longitude?: number | null;
  @Field(() => LeadKind, { description: 'What kind of training is reported.' }) @IsEnum(LeadKind) kind!: LeadKind;
  @Field(() => LeadSource, { description: 'Where the lead came from.' }) @IsEnum(LeadSource) source!: LeadSource;
  @Field({ description: 'What was seen or reported, 1–5,000 characters.' })
  @IsString()
  @Length(1, 5000)
  description!: string;
}

@InputType({ description: 'Start investigating an open lead (OPEN → INVESTIGATING).' })
export class StartLeadInvestigationInput {
  @Field(() => ID, { description: 'Id of the lead.' }) @IsUUID() id!: string;
  @Field({ description: 'Who investigates and how.' }) @IsString() @Length(1, 2000) note!: string;
}

@InputType({ description: 'Resolve a lead with its outcome and findings.' })
export class ResolveLeadInput {
  @Field(() => ID, { description: 'Id of the lead.' }) @IsUUID() id!: string;
  @Field(() => LeadStatus, { description: 'The outcome: CLOSED (取缔), REGULARISED or UNFOUNDED.' })
  @IsIn([LeadStatus.CLOSED, LeadStatus.REGULARISED, LeadStatus.UNFOUNDED], {
    message: 'outcome must be CLOSED, REGULARISED or UNFOUNDED',
  })
  outcome!: LeadStatus.CLOSED | LeadStatus.REGULARISED | LeadStatus.UNFOUNDED;
  @Field({ description: 'What the investigation found, 1–5,000 characters.' })
  @IsString()
  @Length(1, 5000)
  findings!: string;
  @Field(() => ID, { nullable: true, description: 'Id of the registered institution a regularised lead became.' })
  @IsOptional()
  @IsUUID()
  institutionId?: string | null;
}

@InputType({ description: 'Narrows the lead list; absent fields do not narrow it.' })
export class UnlicensedLeadFilter {
  @Field({ nullable: true, description: 'Only leads in this township (乡镇/街道 code).' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  townshipCode?: string;
  @Field(() => LeadStatus, { nullable: true, description: 'Only leads in this state.' })
  @IsOptional()
  @IsEnum(LeadStatus)
  status?: LeadStatus;
  @Field({
    nullable: true,
    description: 'Only leads open past the clearance deadline (true) or only the others (false).',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

@ArgsType()
export class LeadsArgs extends PageArgs {
  @Field(() => UnlicensedLeadFilter, { nullable: true, description: 'Narrows the list; absent: every lead in scope.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UnlicensedLeadFilter)
  filter?: UnlicensedLeadFilter;
}

@InputType({ description: 'Complete or correct a staff member’s background check (背景审查).' })
export class UpdateStaffBackgroundCheckInput {
  @Field(() => ID, { description: 'Id of the staff record.' }) @IsUUID() staffId!: string;
  @Field(() => BackgroundCheck, { description: 'The result: CLEARED or FAILED.' })
  @IsIn([BackgroundCheck.CLEARED, BackgroundCheck.FAILED], { message: 'result must be CLEARED or FAILED' })
  result!: BackgroundCheck;
  @Field(() => DateScalar, { description: 'Day the check was completed, YYYY-MM-DD (not in the future).' })
  @IsString()
  date!: string;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType({ description: 'End a staff member’s employment (离职).' })
export class EndStaffEmploymentInput {
  @Field(() => ID, { description: 'Id of the staff record.' }) @IsUUID() staffId!: string;
  @Field(() => DateScalar, { description: 'Last day of employment (离职), YYYY-MM-DD (not in the future).' })
  @IsString()
  date!: string;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

@InputType({ description: 'End a course early: its term ends on endDate.' })
export class EndCourseInput {
  @Field(() => ID, { description: 'Id of the course.' }) @IsUUID() courseId!: string;
  @Field(() => DateScalar, { description: "The course's new last day, YYYY-MM-DD (not after its planned term end)." })
  @IsString()
  endDate!: string;
  @Field(REASON) @IsString() @Length(1, 500) reason!: string;
}

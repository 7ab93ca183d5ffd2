import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
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
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { Type } from 'class-transformer';
import { PageArgs } from '../../../platform/graphql/pagination';
import { ComplaintCategory, ComplaintChannel, ComplaintStatus, ReviewDecision, Satisfaction } from '../complaint.enums';
import { MAX_EXTENSION_DAYS } from '../deadlines';
import { INSTITUTION_REPLY_MAX } from '../complaint-institution-reply.service';

const DESCRIPTION_MAX = 5000;
const REPLY_MAX = 5000;

/**
 * Text is stored exactly as written and never rendered as HTML by the service; text containing a
 * `<script` tag is refused outright (VALIDATION_FAILED naming the field) rather than stored or altered.
 */
function NoScriptTag(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'noScriptTag',
      validator: {
        validate: (v) => typeof v !== 'string' || !/<\s*script/i.test(v),
        defaultMessage: (a) => `${a?.property} must not contain a <script> tag`,
      },
    },
    options,
  );
}

const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;

@InputType({ description: 'A complaint (投诉): category, what happened, where, and a contact unless anonymous' })
export class ComplaintIntakeInput {
  @Field(() => ComplaintCategory, {
    description: 'Category (投诉类别); it picks the departments that handle the complaint.',
  })
  @IsEnum(ComplaintCategory)
  category!: ComplaintCategory;

  @Field({ description: `What happened, 1–${DESCRIPTION_MAX} characters, plain text` })
  @IsString()
  @Length(1, DESCRIPTION_MAX)
  @NoScriptTag()
  description!: string;

  @Field(() => ID, { nullable: true, description: 'Institution in the registry, by id …' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field(() => String, { nullable: true, description: '… or by unified social credit code (统一社会信用代码)' })
  @IsOptional()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/i, {
    message: 'institutionCreditCode must be 18 characters of a unified social credit code',
  })
  institutionCreditCode?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Name of an institution not in the registry (e.g. unlicensed), free text',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoScriptTag()
  institutionName?: string;

  @Field(() => String, { nullable: true, description: 'Address of what happened, 1–300 characters, plain text.' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  @NoScriptTag()
  address?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Township (乡镇/街道) of the address; defaults to the institution’s',
  })
  @IsOptional()
  @Matches(/^[0-9]{9,12}$/, { message: 'townshipCode must be a township code such as 520122001' })
  townshipCode?: string;

  @Field({ nullable: true, defaultValue: false, description: 'Anonymous (匿名): no contact is given' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @Field(() => String, { nullable: true, description: 'Complainant name, stored encrypted' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @NoScriptTag()
  contactName?: string;

  @Field(() => String, { nullable: true, description: 'Complainant phone, stored encrypted' })
  @IsOptional()
  @Matches(PHONE, { message: 'contactPhone must be a phone number (digits, spaces, dashes, optional +)' })
  contactPhone?: string;
}

@InputType({ description: 'A complaint received through another channel (12345, 信访, 12315, 舆情, 网格)' })
export class RegisterComplaintInput extends ComplaintIntakeInput {
  @Field(() => ComplaintChannel, { description: 'Where the complaint came in (受理渠道).' })
  @IsEnum(ComplaintChannel)
  channel!: ComplaintChannel;
}

@InputType('ComplaintFilter', { description: 'Which complaints (投诉/信访) to list; every field narrows the list.' })
export class ComplaintListFilter {
  @Field(() => ComplaintStatus, { nullable: true, description: 'Only complaints in this status.' })
  @IsOptional()
  @IsEnum(ComplaintStatus)
  status?: ComplaintStatus;

  @Field(() => ComplaintCategory, { nullable: true, description: 'Only complaints of this category.' })
  @IsOptional()
  @IsEnum(ComplaintCategory)
  category?: ComplaintCategory;

  @Field(() => String, { nullable: true, description: 'Only complaints of this township (乡镇/街道), by its code.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  townshipCode?: string;

  @Field(() => String, { nullable: true, description: 'Only complaints with this lead or co-operating department.' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  departmentCode?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only overdue (true) or only not overdue (false) complaints.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

@ArgsType()
export class ComplaintsArgs extends PageArgs {
  @Field(() => ComplaintListFilter, { nullable: true, description: 'Which complaints to list; none: all I may see.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplaintListFilter)
  filter?: ComplaintListFilter;
}

@InputType({ description: 'A step of a complaint’s handling, with an optional public reply.' })
export class ComplaintReplyInput {
  @Field(() => ID, { description: 'The complaint.' })
  @IsUUID()
  complaintId!: string;

  @Field(() => String, { nullable: true, description: 'Shown on the public timeline as written (plain text)' })
  @IsOptional()
  @IsString()
  @Length(1, REPLY_MAX)
  @NoScriptTag()
  publicReply?: string;
}

@InputType({
  description: 'Refuses a complaint (不予受理), with the internal reason and what the complainant is told.',
})
export class NotAcceptComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  @IsUUID()
  complaintId!: string;

  @Field({ description: 'Internal reason (不予受理理由)' })
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  reason!: string;

  @Field({ description: 'What the complainant is told (告知)' })
  @IsString()
  @Length(1, REPLY_MAX)
  @NoScriptTag()
  publicReply!: string;
}

@InputType({ description: 'Changes the departments handling a complaint (改派).' })
export class ReassignComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  @IsUUID()
  complaintId!: string;

  @Field({ description: 'The new lead department (牵头单位), by code.' })
  @IsString()
  @Length(1, 32)
  leadDepartmentCode!: string;

  @Field(() => [String], { description: 'The new co-operating departments (配合单位), by code; at most 22.' })
  @ArrayMaxSize(22)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  coDepartmentCodes!: string[];

  @Field({ description: 'Why the departments change (改派理由), 1–1000 characters.' })
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  reason!: string;
}

@InputType({ description: 'The reply to the complainant (答复) and the internal findings.' })
export class ReplyComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  @IsUUID()
  complaintId!: string;

  @Field({ description: 'The reply to the complainant (答复意见), shown on the public timeline' })
  @IsString()
  @Length(1, REPLY_MAX)
  @NoScriptTag()
  publicReply!: string;

  @Field(() => String, { nullable: true, description: 'Internal findings' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  @NoScriptTag()
  findings?: string;
}

@InputType({ description: 'The institution’s reply (机构说明) to a complaint about it, for the handling officers' })
export class InstitutionComplaintReplyInput {
  @Field(() => ID, { description: 'The complaint, open and about the caller’s institution.' })
  @IsUUID()
  complaintId!: string;

  @Field({ description: `Plain text, 1–${INSTITUTION_REPLY_MAX} characters; not shown to the complainant` })
  @IsString()
  @Length(1, INSTITUTION_REPLY_MAX)
  @NoScriptTag()
  text!: string;
}

@InputType({ description: 'Extends the handling deadline (延期), once per complaint.' })
export class ExtendComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  @IsUUID()
  complaintId!: string;

  @Field(() => Int, { description: `Days, 1–${MAX_EXTENSION_DAYS}; once per complaint` })
  @IsInt()
  @Min(1)
  @Max(MAX_EXTENSION_DAYS)
  days!: number;

  @Field({ description: 'Why the deadline is extended (延期理由), 1–1000 characters.' })
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  reason!: string;
}

@InputType({ description: 'Closes a complaint (办结) with the return visit (满意度回访).' })
export class CloseComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  @IsUUID()
  complaintId!: string;

  @Field({ description: 'Substantiated (属实): against a registered institution it becomes a credit violation' })
  @IsBoolean()
  substantiated!: boolean;

  @Field({ description: 'Closing summary (办结意见), internal' })
  @IsString()
  @Length(1, 2000)
  @NoScriptTag()
  summary!: string;

  @Field(() => Satisfaction, {
    nullable: true,
    description: 'Return visit (满意度回访); none when the complainant could not be reached',
  })
  @IsOptional()
  @IsEnum(Satisfaction)
  satisfaction?: Satisfaction;

  @Field(() => String, { nullable: true, description: 'A last reply shown on the public timeline, plain text.' })
  @IsOptional()
  @IsString()
  @Length(1, REPLY_MAX)
  @NoScriptTag()
  publicReply?: string;
}

@InputType({ description: 'Reopens a closed complaint, with the reason.' })
export class ReopenComplaintInput {
  @Field(() => ID, { description: 'The complaint, closed.' })
  @IsUUID()
  complaintId!: string;

  @Field({ description: 'Why (e.g. 不满意 at the return visit)' })
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the complainant is told on the public timeline, plain text.',
  })
  @IsOptional()
  @IsString()
  @Length(1, REPLY_MAX)
  @NoScriptTag()
  publicReply?: string;
}

@InputType({ description: 'A review request (复查申请) by the complainant, with the tracking number (查询码)' })
export class RequestComplaintReviewInput {
  @Field({ description: 'Tracking number (查询码) of the complaint.' })
  @IsString()
  @Length(1, 40)
  trackingNumber!: string;

  @Field({ description: 'Why the reply is not accepted' })
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  reason!: string;
}

@InputType({ description: 'A review request received by letter or visit, registered by an officer' })
export class RegisterComplaintReviewInput {
  @Field(() => ID, { description: 'The complaint, replied or closed.' })
  @IsUUID()
  complaintId!: string;

  @Field({ description: 'Why the complainant does not accept the reply, as received, 1–1000 characters.' })
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  reason!: string;
}

@InputType({ description: 'The county office’s decision on a review (复查意见).' })
export class DecideComplaintReviewInput {
  @Field(() => ID, { description: 'The complaint, under review.' })
  @IsUUID()
  complaintId!: string;

  @Field(() => ReviewDecision, { description: 'Upheld (the complaint closes) or overturned (handled again).' })
  @IsEnum(ReviewDecision)
  decision!: ReviewDecision;

  @Field({ description: 'The review opinion (复查意见), told to the complainant on the public timeline' })
  @IsString()
  @Length(1, REPLY_MAX)
  @NoScriptTag()
  opinion!: string;
}

@InputType({ description: 'Asks supervision for an investigation task (督导检查) on a complaint.' })
export class RequestInvestigationTaskInput {
  @Field(() => ID, { description: 'The complaint.' })
  @IsUUID()
  complaintId!: string;

  @Field(() => String, { nullable: true, description: 'What the inspectors should look at, 1–1000 characters.' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  note?: string;
}

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
  ValidationOptions,
  ValidateBy,
} from 'class-validator';
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
  @Field(() => ComplaintCategory)
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

  @Field(() => String, { nullable: true })
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
  @Field(() => ComplaintChannel)
  @IsEnum(ComplaintChannel)
  channel!: ComplaintChannel;
}

@ArgsType()
export class ComplaintsArgs extends PageArgs {
  @Field(() => ComplaintStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ComplaintStatus)
  status?: ComplaintStatus;

  @Field(() => ComplaintCategory, { nullable: true })
  @IsOptional()
  @IsEnum(ComplaintCategory)
  category?: ComplaintCategory;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  townshipCode?: string;

  @Field(() => String, { nullable: true, description: 'Lead or co-operating department' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  departmentCode?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only overdue (true) or only not overdue (false)' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

@InputType()
export class ComplaintReplyInput {
  @Field(() => ID)
  @IsUUID()
  complaintId!: string;

  @Field(() => String, { nullable: true, description: 'Shown on the public timeline as written (plain text)' })
  @IsOptional()
  @IsString()
  @Length(1, REPLY_MAX)
  @NoScriptTag()
  publicReply?: string;
}

@InputType()
export class NotAcceptComplaintInput {
  @Field(() => ID)
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

@InputType()
export class ReassignComplaintInput {
  @Field(() => ID)
  @IsUUID()
  complaintId!: string;

  @Field()
  @IsString()
  @Length(1, 32)
  leadDepartmentCode!: string;

  @Field(() => [String])
  @ArrayMaxSize(22)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  coDepartmentCodes!: string[];

  @Field()
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  reason!: string;
}

@InputType()
export class ReplyComplaintInput {
  @Field(() => ID)
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
  @Field(() => ID)
  @IsUUID()
  complaintId!: string;

  @Field({ description: `Plain text, 1–${INSTITUTION_REPLY_MAX} characters; not shown to the complainant` })
  @IsString()
  @Length(1, INSTITUTION_REPLY_MAX)
  @NoScriptTag()
  text!: string;
}

@InputType()
export class ExtendComplaintInput {
  @Field(() => ID)
  @IsUUID()
  complaintId!: string;

  @Field(() => Int, { description: `Days, 1–${MAX_EXTENSION_DAYS}; once per complaint` })
  @IsInt()
  @Min(1)
  @Max(MAX_EXTENSION_DAYS)
  days!: number;

  @Field()
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  reason!: string;
}

@InputType()
export class CloseComplaintInput {
  @Field(() => ID)
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

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, REPLY_MAX)
  @NoScriptTag()
  publicReply?: string;
}

@InputType()
export class ReopenComplaintInput {
  @Field(() => ID)
  @IsUUID()
  complaintId!: string;

  @Field({ description: 'Why (e.g. 不满意 at the return visit)' })
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  reason!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, REPLY_MAX)
  @NoScriptTag()
  publicReply?: string;
}

@InputType({ description: 'A review request (复查申请) by the complainant, with the tracking number (查询码)' })
export class RequestComplaintReviewInput {
  @Field()
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
  @Field(() => ID)
  @IsUUID()
  complaintId!: string;

  @Field()
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  reason!: string;
}

@InputType()
export class DecideComplaintReviewInput {
  @Field(() => ID)
  @IsUUID()
  complaintId!: string;

  @Field(() => ReviewDecision)
  @IsEnum(ReviewDecision)
  decision!: ReviewDecision;

  @Field({ description: 'The review opinion (复查意见), told to the complainant on the public timeline' })
  @IsString()
  @Length(1, REPLY_MAX)
  @NoScriptTag()
  opinion!: string;
}

@InputType()
export class RequestInvestigationTaskInput {
  @Field(() => ID)
  @IsUUID()
  complaintId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  @NoScriptTag()
  note?: string;
}

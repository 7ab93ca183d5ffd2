import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { MONEY_INPUT_PATTERN } from '../../../platform/database/money';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { PageArgs } from '../../../platform/graphql/pagination';
import { PenaltyKind, PenaltyStatus, WithdrawalGround } from '../enforcement.enums';

const MONEY_MESSAGE = 'must be yuan with two decimals, e.g. "5000.00"';
const MAX_FACT_LINKS = 50;

@InputType({
  description: 'An administrative penalty decision (行政处罚决定) to record, as the decision document states it.',
})
export class DecidePenaltyInput {
  @Field({ description: 'Document number (行政处罚决定书文号), 1–100 characters, unique in the county.' })
  @IsString()
  @Length(1, 100)
  decisionNumber!: string;

  @Field(() => ID, { nullable: true, description: 'The institution punished; give this or `leadId`, not both.' })
  @IsOptional()
  @IsUUID()
  institutionId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The lead (无证培训线索) of the unlicensed operator punished; give this or `institutionId`.',
  })
  @IsOptional()
  @IsUUID()
  leadId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The party (当事人) as the decision names it, 1–200 characters; required for an unlicensed operator, the registered name by default.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subjectName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Unified social credit code (统一社会信用代码) of an unlicensed operator, when it has one.',
  })
  @IsOptional()
  @IsString()
  @Length(18, 18)
  creditCode?: string | null;

  @Field(() => [PenaltyKind], { description: 'The kinds of penalty imposed (处罚种类), 1–8, each once.' })
  @IsEnum(PenaltyKind, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  kinds!: PenaltyKind[];

  @Field(() => String, { nullable: true, description: 'The fine (罚款), yuan with two decimals; exactly with FINE.' })
  @IsOptional()
  @Matches(MONEY_INPUT_PATTERN, { message: MONEY_MESSAGE })
  fine?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Illegal income confiscated (没收违法所得), yuan with two decimals; exactly with CONFISCATION.',
  })
  @IsOptional()
  @Matches(MONEY_INPUT_PATTERN, { message: MONEY_MESSAGE })
  confiscated?: string | null;

  @Field({ description: 'The legal basis as cited (法律依据), 1–2000 characters.' })
  @IsString()
  @Length(1, 2000)
  legalBasis!: string;

  @Field({ description: 'The facts found (违法事实), one paragraph as published, 1–5000 characters.' })
  @IsString()
  @Length(1, 5000)
  facts!: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Supervision findings (检查结果) the facts rest on, about the same party (at most 50).',
  })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(MAX_FACT_LINKS)
  findingIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Complaints (投诉) the facts rest on, about the same party (at most 50).',
  })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(MAX_FACT_LINKS)
  complaintIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Escrow alerts (资金监管预警) the facts rest on, about the same institution (at most 50).',
  })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(MAX_FACT_LINKS)
  alertIds?: string[] | null;

  @Field({
    description:
      'Code of the deciding department (作出决定的部门), one with penalty powers; a department officer gives their own.',
  })
  @IsString()
  @Length(1, 32)
  decidingDepartmentCode!: string;

  @Field(() => DateScalar, {
    description: 'Day the prior notice (行政处罚事先告知书) was served, on or before the decision.',
  })
  @IsString()
  noticeServedOn!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Day the hearing (听证) was held, between notice and decision; without one, a decision with a hearing right comes after the request window.',
  })
  @IsOptional()
  @IsString()
  hearingHeldOn?: string | null;

  @Field(() => DateScalar, {
    description: 'Day of the decision (决定日期), not in the future; taken as the day served.',
  })
  @IsString()
  decidedOn!: string;
}

@InputType({ description: 'A penalty decision carried out by the party (履行完毕).' })
export class CarryOutPenaltyInput {
  @Field(() => ID, { description: 'The decision, DECIDED.' })
  @IsUUID()
  id!: string;

  @Field(() => DateScalar, { description: 'Day it was carried out, between the decision and today.' })
  @IsString()
  carriedOutOn!: string;
}

@InputType({ description: 'A penalty decision withdrawn (撤销) on review, in court or by the department.' })
export class WithdrawPenaltyInput {
  @Field(() => ID, { description: 'The decision, DECIDED or CARRIED_OUT.' })
  @IsUUID()
  id!: string;

  @Field(() => WithdrawalGround, { description: 'Why it is withdrawn (撤销原因).' })
  @IsEnum(WithdrawalGround)
  ground!: WithdrawalGround;

  @Field({ description: 'The reason, e.g. the review decision’s number (1–500 characters).' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @Field(() => DateScalar, { description: 'Day it was withdrawn, between the decision and today.' })
  @IsString()
  withdrawnOn!: string;
}

@InputType('PenaltyDecisionFilter', {
  description: 'Narrows the list of penalty decisions; every field given must match.',
})
export class PenaltyFilterInput {
  @Field(() => ID, { nullable: true, description: 'Decisions against this institution.' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field(() => ID, { nullable: true, description: 'Decisions against the operator of this lead (无证培训线索).' })
  @IsOptional()
  @IsUUID()
  leadId?: string;

  @Field({ nullable: true, description: 'Decisions in this township (乡镇/街道) code, 6–12 digits.' })
  @IsOptional()
  @Matches(/^\d{6,12}$/)
  townshipCode?: string;

  @Field(() => PenaltyKind, { nullable: true, description: 'Decisions imposing this kind of penalty.' })
  @IsOptional()
  @IsEnum(PenaltyKind)
  kind?: PenaltyKind;

  @Field(() => PenaltyStatus, { nullable: true, description: 'Decisions in this state.' })
  @IsOptional()
  @IsEnum(PenaltyStatus)
  status?: PenaltyStatus;

  @Field({ nullable: true, description: 'Decisions of this deciding department (作出决定的部门), by code.' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  decidingDepartmentCode?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Decisions decided on or after this day.' })
  @IsOptional()
  @IsString()
  decidedFrom?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Decisions decided on or before this day.' })
  @IsOptional()
  @IsString()
  decidedTo?: string;

  @Field({
    nullable: true,
    description: 'True: only decisions against unlicensed operators (无证无照); false: only against institutions.',
  })
  @IsOptional()
  @IsBoolean()
  unlicensed?: boolean;
}

@ArgsType()
export class PenaltiesArgs extends PageArgs {
  @Field(() => PenaltyFilterInput, {
    nullable: true,
    description: 'What to list; every decision in scope when left out.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PenaltyFilterInput)
  filter?: PenaltyFilterInput;
}

import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { MONEY_INPUT_PATTERN } from '../../../platform/database/money';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { PageArgs } from '../../../platform/graphql/pagination';
import {
  EscrowAccountStatusEnum,
  EscrowAlertStatusEnum,
  EscrowAlertTypeEnum,
  InstructionActionEnum,
} from './escrow.objects';

@InputType({ description: 'Opens an escrow account (开设监管账户) for an institution.' })
export class OpenEscrowAccountInput {
  @Field(() => ID, { description: 'Id of the approved or operating institution (校外培训机构).' })
  @IsUUID()
  institutionId!: string;

  @Field({ description: 'Partner bank (合作银行) code, 2–32 characters.' })
  @IsString()
  @Length(2, 32)
  bankCode!: string;

  @Field({ description: 'Account number at the bank: 1–34 characters 0-9, A-Z, a-z or -.' })
  @Matches(/^[0-9A-Za-z-]{1,34}$/, { message: 'accountNo must be 1–34 characters 0-9, A-Z, a-z or -' })
  accountNo!: string;
}

@InputType({ description: 'Registers a risk reserve (风险保证金) an institution deposited.' })
export class RegisterRiskReserveInput {
  @Field(() => ID, { description: 'Id of the approved or operating institution (校外培训机构).' })
  @IsUUID()
  institutionId!: string;

  @Field({
    description: 'Amount deposited, yuan with two decimals (at least the county rule escrow.risk_reserve_min_fen).',
  })
  @Matches(MONEY_INPUT_PATTERN, {
    message: 'amount must be an amount with two decimals and at most 11 integer digits, e.g. "50000.00"',
  })
  amount!: string;

  @Field({ description: 'Where the reserve is held (bank and branch, free text, 1–100 characters).' })
  @IsString()
  @Length(1, 100)
  bankName!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Account number at that bank: 1–34 characters 0-9, A-Z, a-z or -.',
  })
  @IsOptional()
  @Matches(/^[0-9A-Za-z-]{1,34}$/, { message: 'accountNo must be 1–34 characters 0-9, A-Z, a-z or -' })
  accountNo?: string | null;

  @Field(() => DateScalar, { description: 'Business day of the deposit (缴存日期), not in the future.' })
  @IsString()
  depositedOn!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Last day the reserve counts (inclusive): today or later, and not before depositedOn; omitted: no end date.',
  })
  @IsOptional()
  @IsString()
  validUntil?: string | null;
}

@InputType({ description: 'Releases (退还) a risk reserve.' })
export class ReleaseRiskReserveInput {
  @Field(() => ID, { description: 'Id of the ACTIVE risk reserve.' })
  @IsUUID()
  id!: string;

  @Field({ description: 'Why it is released (free text, 1–500 characters).' })
  @IsString()
  reason!: string;
}

@InputType({ description: 'Closes an escrow account (注销监管账户).' })
export class CloseEscrowAccountInput {
  @Field(() => ID, { description: 'Id of the escrow account.' })
  @IsUUID()
  accountId!: string;

  @Field({ description: 'Why it is closed (free text, 1–500 characters).' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

@InputType({ description: 'Instructs the bank to freeze or unfreeze an account (监管指令).' })
export class IssueBankInstructionInput {
  @Field(() => ID, { description: 'Id of the escrow account.' })
  @IsUUID()
  accountId!: string;

  @Field(() => InstructionActionEnum, {
    description: 'FREEZE or UNFREEZE (RELEASE and REFUND come from prepaid contracts).',
  })
  @IsIn([InstructionActionEnum.FREEZE, InstructionActionEnum.UNFREEZE])
  action!: 'FREEZE' | 'UNFREEZE';

  @Field({ description: 'Why (free text, 1–500 characters); the bank sees it.' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

@InputType({ description: 'Acknowledges an escrow alert (认领预警): someone follows it up.' })
export class AcknowledgeEscrowAlertInput {
  @Field(() => ID, { description: 'Id of the alert.' })
  @IsUUID()
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What is being done about it (free text, kept to 500 characters).',
  })
  @IsOptional()
  @IsString()
  note?: string | null;
}

@InputType({ description: 'Narrows the escrow accounts (监管账户) listed; every field given must match.' })
export class EscrowAccountFilter {
  @Field(() => EscrowAccountStatusEnum, { nullable: true, description: 'Only accounts in this status.' })
  @IsOptional()
  @IsIn(Object.values(EscrowAccountStatusEnum))
  status?: 'ACTIVE' | 'FROZEN' | 'CLOSED';

  @Field(() => ID, { nullable: true, description: 'Only the accounts of this institution (校外培训机构).' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field({ nullable: true, description: 'Only the accounts at this partner bank (合作银行) code.' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  bankCode?: string;

  @Field({ nullable: true, description: 'Only the accounts of institutions in this township (乡镇/街道) code.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  townshipCode?: string;
}

@InputType({ description: 'Narrows the escrow alerts (资金监管预警) listed; every field given must match.' })
export class EscrowAlertFilter {
  @Field(() => EscrowAlertStatusEnum, { nullable: true, description: 'Only alerts in this status.' })
  @IsOptional()
  @IsIn(Object.values(EscrowAlertStatusEnum))
  status?: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

  @Field(() => EscrowAlertTypeEnum, { nullable: true, description: 'Only alerts of this type.' })
  @IsOptional()
  @IsIn(Object.values(EscrowAlertTypeEnum))
  type?: keyof typeof EscrowAlertTypeEnum;

  @Field({ nullable: true, description: 'Only alerts of institutions in this township (乡镇/街道) code.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  townshipCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only alerts of this escrow account.' })
  @IsOptional()
  @IsUUID()
  accountId?: string;
}

@ArgsType()
export class EscrowAccountsArgs extends PageArgs {
  @Field(() => EscrowAccountFilter, {
    nullable: true,
    description: 'What to list; all accounts in scope when left out.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => EscrowAccountFilter)
  filter?: EscrowAccountFilter;
}

@ArgsType()
export class EscrowAlertsArgs extends PageArgs {
  @Field(() => EscrowAlertFilter, { nullable: true, description: 'What to list; all alerts in scope when left out.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => EscrowAlertFilter)
  filter?: EscrowAlertFilter;
}

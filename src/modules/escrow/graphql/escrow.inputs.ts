import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { MONEY_INPUT_PATTERN } from '../../../platform/database/money';
import { PageArgs } from '../../../platform/graphql/pagination';
import {
  EscrowAccountStatusEnum,
  EscrowAlertStatusEnum,
  EscrowAlertTypeEnum,
  InstructionActionEnum,
} from './escrow.objects';

@InputType()
export class OpenEscrowAccountInput {
  @Field(() => ID)
  @IsUUID()
  institutionId!: string;

  @Field({ description: 'Partner bank (合作银行) code' })
  @IsString()
  @Length(2, 32)
  bankCode!: string;

  @Field({ description: 'Account number at the bank' })
  @Matches(/^[0-9A-Za-z-]{1,34}$/, { message: 'accountNo must be 1–34 characters 0-9, A-Z, a-z or -' })
  accountNo!: string;
}

@InputType()
export class RegisterRiskReserveInput {
  @Field(() => ID)
  @IsUUID()
  institutionId!: string;

  @Field({
    description: 'Amount deposited, yuan with two decimals (at least the county rule escrow.risk_reserve_min_fen)',
  })
  @Matches(MONEY_INPUT_PATTERN, {
    message: 'amount must be an amount with two decimals and at most 11 integer digits, e.g. "50000.00"',
  })
  amount!: string;

  @Field({ description: 'Where the reserve is held (bank and branch, free text)' })
  @IsString()
  @Length(1, 100)
  bankName!: string;

  @Field(() => String, { nullable: true, description: 'Account number at that bank' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z-]{1,34}$/, { message: 'accountNo must be 1–34 characters 0-9, A-Z, a-z or -' })
  accountNo?: string | null;

  @Field({ description: 'Business date of the deposit (YYYY-MM-DD), not in the future' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsDateString({ strict: true })
  depositedOn!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Last day the reserve counts (YYYY-MM-DD, inclusive); omitted: no end date',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsDateString({ strict: true })
  validUntil?: string | null;
}

@InputType()
export class CloseEscrowAccountInput {
  @Field(() => ID)
  @IsUUID()
  accountId!: string;

  @Field()
  @IsString()
  @Length(1, 500)
  reason!: string;
}

@InputType()
export class IssueBankInstructionInput {
  @Field(() => ID)
  @IsUUID()
  accountId!: string;

  @Field(() => InstructionActionEnum, {
    description: 'FREEZE or UNFREEZE (RELEASE and REFUND come from prepaid contracts)',
  })
  @IsIn([InstructionActionEnum.FREEZE, InstructionActionEnum.UNFREEZE])
  action!: 'FREEZE' | 'UNFREEZE';

  @Field()
  @IsString()
  @Length(1, 500)
  reason!: string;
}

@InputType()
export class EscrowAccountFilter {
  @Field(() => EscrowAccountStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(EscrowAccountStatusEnum))
  status?: 'ACTIVE' | 'FROZEN' | 'CLOSED';

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  bankCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  townshipCode?: string;
}

@InputType()
export class EscrowAlertFilter {
  @Field(() => EscrowAlertStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(EscrowAlertStatusEnum))
  status?: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

  @Field(() => EscrowAlertTypeEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(EscrowAlertTypeEnum))
  type?: keyof typeof EscrowAlertTypeEnum;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  townshipCode?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  accountId?: string;
}

@ArgsType()
export class EscrowAccountsArgs extends PageArgs {
  @Field(() => EscrowAccountFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EscrowAccountFilter)
  filter?: EscrowAccountFilter;
}

@ArgsType()
export class EscrowAlertsArgs extends PageArgs {
  @Field(() => EscrowAlertFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EscrowAlertFilter)
  filter?: EscrowAlertFilter;
}

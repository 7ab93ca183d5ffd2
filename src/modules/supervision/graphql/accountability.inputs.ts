import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PageArgs } from '../../../platform/graphql/pagination';
import {
  AccountabilityCaseStatus,
  AccountabilityDecisionKind,
  AccountabilityLevel,
  AccountabilityPartyKind,
} from '../accountability/accountability.enums';
import { ValidateNested } from 'class-validator';

@InputType({ description: 'Which accountability cases (问责案件) to list; every field narrows the list.' })
export class AccountabilityCaseFilter {
  @Field(() => AccountabilityCaseStatus, { nullable: true, description: 'Only cases in this status.' })
  @IsOptional()
  @IsEnum(AccountabilityCaseStatus)
  status?: AccountabilityCaseStatus;

  @Field(() => AccountabilityPartyKind, {
    nullable: true,
    description: 'Only cases against a department, or a township.',
  })
  @IsOptional()
  @IsEnum(AccountabilityPartyKind)
  partyKind?: AccountabilityPartyKind;

  @Field({ nullable: true, description: 'Only cases against this department or township (问责对象), by code.' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,32}$/)
  partyCode?: string;

  @Field(() => AccountabilityDecisionKind, { nullable: true, description: 'Only cases decided so (处理决定).' })
  @IsOptional()
  @IsEnum(AccountabilityDecisionKind)
  decisionKind?: AccountabilityDecisionKind;

  @Field({
    nullable: true,
    description: 'True: only undecided cases past their decision deadline (处理决定逾期); false: the others.',
  })
  @IsOptional()
  @IsBoolean()
  decisionOverdue?: boolean;
}

@ArgsType()
export class AccountabilityCasesArgs extends PageArgs {
  @Field(() => AccountabilityCaseFilter, { nullable: true, description: 'Which cases to list; none: all I may see.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccountabilityCaseFilter)
  filter?: AccountabilityCaseFilter;
}

@InputType({ description: 'The statement (情况说明) of the party held to account.' })
export class RecordAccountabilityStatementInput {
  @Field(() => ID, { description: 'The accountability case.' })
  @IsUUID()
  id!: string;

  @Field({ description: 'The party’s explanation (情况说明), plain text, not blank, at most 10000 characters.' })
  @IsString()
  @MaxLength(10000)
  statement!: string;
}

@InputType({ description: 'The decision (处理决定) of a discipline supervisor on an accountability case.' })
export class RecordAccountabilityDecisionInput {
  @Field(() => ID, { description: 'The accountability case.' })
  @IsUUID()
  id!: string;

  @Field(() => AccountabilityDecisionKind, { description: 'The decision: 约谈, 通报批评, 问责 or 不予问责.' })
  @IsEnum(AccountabilityDecisionKind)
  kind!: AccountabilityDecisionKind;

  @Field(() => AccountabilityLevel, {
    nullable: true,
    description: 'Level of accountability (问责方式): required with ACCOUNTABILITY, not given with the others.',
  })
  @IsOptional()
  @IsEnum(AccountabilityLevel)
  accountabilityLevel?: AccountabilityLevel;

  @Field({ description: 'Reasons of the decision (处理理由), plain text, not blank, 1–5000 characters.' })
  @IsString()
  @Length(1, 5000)
  reasons!: string;
}

import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../platform/graphql/pagination';
import { PrepaidRefundStatus } from '../entities/prepaid-refund.entity';

@InputType()
export class PrepaidRefundFilter {
  @Field(() => PrepaidRefundStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(PrepaidRefundStatus))
  status?: PrepaidRefundStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  contractId?: string;
}

@ArgsType()
export class PrepaidRefundsArgs extends PageArgs {
  @Field(() => PrepaidRefundFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrepaidRefundFilter)
  filter?: PrepaidRefundFilter;
}

@InputType()
export class PrepaidReleaseFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

@ArgsType()
export class PrepaidReleasesArgs extends PageArgs {
  @Field(() => PrepaidReleaseFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrepaidReleaseFilter)
  filter?: PrepaidReleaseFilter;
}

@InputType()
export class RegisterPrepaidRefundInput {
  @Field(() => ID)
  @IsUUID()
  contractId!: string;

  @Field(() => String, { nullable: true, description: 'How the request arrived (letter, visit) and what it says' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

@InputType()
export class AnswerPrepaidRefundInput {
  @Field(() => ID)
  @IsUUID()
  refundId!: string;

  @Field({ description: 'true approves (a REFUND instruction follows); false disputes (a complaint follows)' })
  @IsBoolean()
  approve!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

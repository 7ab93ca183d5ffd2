import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../platform/graphql/pagination';
import { PrepaidRefundStatus } from '../entities/prepaid-refund.entity';

@InputType({ description: 'Narrows the refund cases (退费) listed; every field given must match.' })
export class PrepaidRefundFilter {
  @Field(() => PrepaidRefundStatus, { nullable: true, description: 'Only cases in this status.' })
  @IsOptional()
  @IsIn(Object.values(PrepaidRefundStatus))
  status?: PrepaidRefundStatus;

  @Field(() => ID, { nullable: true, description: 'Only cases of this institution (校外培训机构).' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field(() => ID, { nullable: true, description: 'Only cases of this prepaid contract.' })
  @IsOptional()
  @IsUUID()
  contractId?: string;
}

@ArgsType()
export class PrepaidRefundsArgs extends PageArgs {
  @Field(() => PrepaidRefundFilter, { nullable: true, description: 'What to list; all cases in scope when left out.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrepaidRefundFilter)
  filter?: PrepaidRefundFilter;
}

@InputType({ description: 'Narrows the releases (一课一消划转) listed.' })
export class PrepaidReleaseFilter {
  @Field(() => ID, { nullable: true, description: 'Only releases to this institution (校外培训机构).' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

@ArgsType()
export class PrepaidReleasesArgs extends PageArgs {
  @Field(() => PrepaidReleaseFilter, {
    nullable: true,
    description: 'What to list; all releases in scope when left out.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrepaidReleaseFilter)
  filter?: PrepaidReleaseFilter;
}

@InputType({ description: "Registers a parent's refund request received by letter or visit." })
export class RegisterPrepaidRefundInput {
  @Field(() => ID, { description: 'Id of the prepaid contract.' })
  @IsUUID()
  contractId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'How the request arrived (letter, visit) and what it says, at most 1000 characters.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

@InputType({ description: "The institution's answer to a refund request." })
export class AnswerPrepaidRefundInput {
  @Field(() => ID, { description: 'Id of the refund case.' })
  @IsUUID()
  refundId!: string;

  @Field({ description: 'true approves (a REFUND instruction follows); false disputes (a complaint follows).' })
  @IsBoolean()
  approve!: boolean;

  @Field(() => String, { nullable: true, description: 'A note with the answer, at most 1000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { DateScalar } from '../../../platform/graphql/date.scalar';

@InputType({
  description: 'A proposed new value of a county rule (规则调整), decided by a second county administrator',
})
export class ProposePolicyChangeInput {
  @Field({ description: 'Rule key, e.g. escrow.prepaid_max_fen (see policies)' })
  @IsString()
  @Length(1, 80)
  key!: string;

  @Field({ description: 'New value as written: "20:30" (time of day), "4000.00" (yuan), "30" (days, minutes, …)' })
  @IsString()
  @Length(1, 20)
  value!: string;

  @Field(() => DateScalar, {
    description: 'Business day (YYYY-MM-DD, China Standard Time) from which it is in force; today or later',
  })
  @IsString()
  effectiveOn!: string;

  @Field({ description: 'Why (the county decision it carries out)' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

@InputType({ description: 'Approval of a proposed rule change (批准)' })
export class ApprovePolicyChangeInput {
  @Field(() => ID, { description: 'The proposed change' })
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true, description: 'A note on the decision, at most 2000 characters' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: 'Rejection of a proposed rule change (驳回), with the reason' })
export class RejectPolicyChangeInput {
  @Field(() => ID, { description: 'The proposed change' })
  @IsUUID()
  id!: string;

  @Field({ description: 'Why it is rejected' })
  @IsString()
  @Length(1, 2000)
  note!: string;
}

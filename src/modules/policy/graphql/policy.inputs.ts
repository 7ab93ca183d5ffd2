import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

@InputType()
export class ProposePolicyChangeInput {
  @Field({ description: 'Rule key, e.g. escrow.prepaid_max_fen (see policies)' })
  @IsString()
  @Length(1, 80)
  key!: string;

  @Field({ description: 'New value as written: "20:30" (time of day), "4000.00" (yuan), "30" (days, minutes, …)' })
  @IsString()
  @Length(1, 20)
  value!: string;

  @Field({ description: 'Business date (YYYY-MM-DD, Asia/Shanghai) from which it is in force; today or later' })
  @IsString()
  @Length(10, 10)
  effectiveOn!: string;

  @Field({ description: 'Why (the county decision it carries out)' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

@InputType()
export class ApprovePolicyChangeInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType()
export class RejectPolicyChangeInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ description: 'Why it is rejected' })
  @IsString()
  @Length(1, 2000)
  note!: string;
}

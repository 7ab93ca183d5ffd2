import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PolicyChangeStatus } from '../entities/policy-change.entity';

registerEnumType(PolicyChangeStatus, {
  name: 'PolicyChangeStatus',
  description: 'PROPOSED (待审批), APPROVED (已批准, a version of the rule), REJECTED (已驳回)',
});

@ObjectType('PolicyChange', {
  description: 'A proposed change to a county rule (规则调整); approved changes are its versions',
})
export class PolicyChangeObject {
  @Field(() => ID) id!: string;
  @Field() key!: string;
  @Field({ description: 'The value as written: "20:30", "4000.00" (yuan), "30"' }) value!: string;
  @Field({ description: 'Business date (Asia/Shanghai) from which it is in force' }) effectiveOn!: string;
  @Field() reason!: string;
  @Field(() => PolicyChangeStatus) status!: PolicyChangeStatus;
  @Field() proposedBy!: string;
  @Field() proposedAt!: Date;
  @Field(() => String, { nullable: true }) decidedBy!: string | null;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true }) decisionNote!: string | null;
}

@ObjectType('PolicyRule', {
  description: 'A county rule (县级规则): national default, bounds, legal source, value in force and history',
})
export class PolicyRuleObject {
  @Field() key!: string;
  @Field({ description: 'What it decides (中文)' }) title!: string;
  @Field({ description: 'DAYS, HOURS, MINUTES, FEN (shown in yuan), PERCENT, COUNT or TIME_OF_DAY (HH:MM)' })
  kind!: string;
  @Field({ description: 'The module whose behaviour it drives' }) usedBy!: string;
  @Field({ description: 'National default (全国标准), as written' }) nationalDefault!: string;
  @Field({ description: 'Smallest value allowed, as written' }) min!: string;
  @Field({ description: 'Largest value allowed, as written' }) max!: string;
  @Field({ description: 'Which direction is stricter: LOWER, HIGHER or NONE; a county may be stricter, never looser' })
  stricter!: string;
  @Field({ description: 'Legal source (法规依据)' }) source!: string;
  @Field({ description: 'Value in force today, as written' }) currentValue!: string;
  @Field(() => Int, {
    description: 'Value in force today as an integer in the unit (fen, minutes after midnight, days, …)',
  })
  currentAmount!: number;
  @Field(() => String, {
    nullable: true,
    description: 'Effective date of the version in force; null while the national default applies',
  })
  currentSince!: string | null;
  @Field(() => [PolicyChangeObject], {
    description:
      'Approved versions (history), latest effective date first (the later approval first on one date), including ones still to take effect',
  })
  history!: PolicyChangeObject[];
  @Field(() => [PolicyChangeObject], { description: 'Proposals awaiting a second administrator' })
  pending!: PolicyChangeObject[];
}

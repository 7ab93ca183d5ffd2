import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { PolicyChangeStatus } from '../entities/policy-change.entity';
import { PolicyKind, PolicyRule, PolicyStricter } from '../policy.catalogue';

registerEnumType(PolicyChangeStatus, {
  name: 'PolicyChangeStatus',
  description: 'Where a proposed rule change is: PROPOSED (待审批), APPROVED (已批准), REJECTED (已驳回)',
  valuesMap: {
    PROPOSED: { description: 'Awaiting the decision of a second county administrator (待审批)' },
    APPROVED: { description: 'Approved (已批准): a version of the rule, in force from its effective day' },
    REJECTED: { description: 'Rejected (已驳回), with the reason in the decision note' },
  },
});

/** How a rule's value is written (the catalogue's PolicyKind), as a GraphQL enum. */
export const PolicyKindEnum = {
  DAYS: 'DAYS',
  MONTHS: 'MONTHS',
  HOURS: 'HOURS',
  MINUTES: 'MINUTES',
  FEN: 'FEN',
  PERCENT: 'PERCENT',
  COUNT: 'COUNT',
  TIME_OF_DAY: 'TIME_OF_DAY',
} as const satisfies { [K in PolicyKind]: K };

registerEnumType(PolicyKindEnum, {
  name: 'PolicyKind',
  description: 'The unit of a county rule’s value (规则取值单位)',
  valuesMap: {
    DAYS: { description: 'A number of calendar days' },
    MONTHS: { description: 'A number of calendar months (a deadline falls on the same day of the month)' },
    HOURS: { description: 'A number of hours' },
    MINUTES: { description: 'A number of minutes' },
    FEN: { description: 'An amount of money, held in fen and written in yuan with two decimals ("4000.00")' },
    PERCENT: { description: 'A percentage (0–100)' },
    COUNT: { description: 'A count (times, sessions, people …)' },
    TIME_OF_DAY: { description: 'A time of day written HH:MM (held as minutes after midnight)' },
  },
});

/** Which direction of a rule is stricter (the catalogue's PolicyStricter), as a GraphQL enum. */
export const PolicyStricterEnum = {
  LOWER: 'LOWER',
  HIGHER: 'HIGHER',
  NONE: 'NONE',
} as const satisfies { [K in PolicyStricter]: K };

registerEnumType(PolicyStricterEnum, {
  name: 'PolicyStricter',
  description:
    'Which direction of a county rule is stricter; a county may be stricter than the national rule, never looser',
  valuesMap: {
    LOWER: { description: 'A lower value is stricter (a shorter deadline, a smaller cap)' },
    HIGHER: { description: 'A higher value is stricter (a longer break)' },
    NONE: { description: 'No national direction: a county decision within the bounds' },
  },
});

/** The module whose behaviour a rule drives (the catalogue's usedBy), as a GraphQL enum. */
export const PolicyModuleEnum = {
  COMPLAINTS: 'complaints',
  ESCROW: 'escrow',
  REGISTRY: 'registry',
  AFTER_SCHOOL: 'after-school',
  CREDIT: 'credit',
  SUPERVISION: 'supervision',
  PREPAID: 'prepaid',
  SCHOOLS: 'schools',
  ENFORCEMENT: 'enforcement',
} as const satisfies Record<string, PolicyRule['usedBy']>;

registerEnumType(PolicyModuleEnum, {
  name: 'PolicyModule',
  description: 'The part of the service whose behaviour a county rule drives',
  valuesMap: {
    COMPLAINTS: { description: 'Complaints and petitions (投诉/信访)' },
    ESCROW: { description: 'Escrow of prepaid fees (预收费资金监管)' },
    REGISTRY: { description: 'The registry of institutions (机构登记)' },
    AFTER_SCHOOL: { description: 'After-school services, homework and family education (课后服务)' },
    CREDIT: { description: 'Credit records of institutions (信用监管)' },
    SUPERVISION: { description: 'Supervision tasks and inspections (督导检查)' },
    PREPAID: { description: 'Prepaid contracts, lessons, refunds and releases (预付费合同)' },
    SCHOOLS: { description: 'Inside schools: exams, teacher burden and cases against serving teachers (校内管理)' },
    ENFORCEMENT: { description: 'Administrative penalties (行政处罚)' },
  },
});

@ObjectType('PolicyChange', {
  description: 'A proposed change to a county rule (规则调整); approved changes are its versions',
})
export class PolicyChangeObject {
  @Field(() => ID, { description: 'The id (a UUID) of the change' })
  id!: string;
  @Field({ description: 'The rule key, e.g. escrow.prepaid_max_fen' })
  key!: string;
  @Field({ description: 'The value as written: "20:30", "4000.00" (yuan), "30"' })
  value!: string;
  @Field(() => DateScalar, { description: 'Business day (YYYY-MM-DD, China Standard Time) from which it is in force' })
  effectiveOn!: string;
  @Field({ description: 'Why (the county decision it carries out)' })
  reason!: string;
  @Field(() => PolicyChangeStatus, { description: 'Proposed, approved or rejected' })
  status!: PolicyChangeStatus;
  @Field({ description: 'Name of the county administrator who proposed it' })
  proposedBy!: string;
  @Field({ description: 'When it was proposed' })
  proposedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Name of the administrator who decided; null while proposed' })
  decidedBy!: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was decided; null while proposed' })
  decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The note of the decision (the reason of a rejection)' })
  decisionNote!: string | null;
}

@ObjectType('PolicyRule', {
  description: 'A county rule (县级规则): national default, bounds, legal source, value in force and history',
})
export class PolicyRuleObject {
  @Field({ description: 'The rule key, e.g. escrow.prepaid_max_fen' })
  key!: string;
  @Field({ description: 'What it decides (中文)' })
  title!: string;
  @Field(() => PolicyKindEnum, { description: 'The unit of the value' })
  kind!: PolicyKind;
  @Field(() => PolicyModuleEnum, { description: 'The part of the service whose behaviour it drives' })
  usedBy!: PolicyRule['usedBy'];
  @Field({ description: 'National default (全国标准), as written' })
  nationalDefault!: string;
  @Field({ description: 'Smallest value allowed, as written' })
  min!: string;
  @Field({ description: 'Largest value allowed, as written' })
  max!: string;
  @Field(() => PolicyStricterEnum, {
    description: 'Which direction is stricter; a county may be stricter than the national rule, never looser',
  })
  stricter!: PolicyStricter;
  @Field({ description: 'Legal source (法规依据), the text of the law or decision it rests on' })
  source!: string;
  @Field({ description: 'Value in force today, as written' })
  currentValue!: string;
  @Field(() => Int, {
    description: 'Value in force today as an integer in the unit (fen, minutes after midnight, days, …)',
  })
  currentAmount!: number;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Effective day (YYYY-MM-DD) of the version in force; null while the national default applies',
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

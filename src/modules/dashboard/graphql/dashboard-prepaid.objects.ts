import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EscrowAlertTypeEnum } from '../../escrow';
import { PrepaidConfirmedBy, PrepaidRefundStatus } from '../../prepaid';

export const PrepaidExitReasonEnum = {
  DEREGISTERED: 'DEREGISTERED',
  REVOKED: 'REVOKED',
  BLACKLISTED: 'BLACKLISTED',
} as const;
registerEnumType(PrepaidExitReasonEnum, {
  name: 'PrepaidExitReason',
  description: 'Why an institution left the market (退出市场), opening refund cases for its contracts.',
  valuesMap: {
    DEREGISTERED: { description: 'Deregistered (注销).' },
    REVOKED: { description: 'Licence revoked (吊销).' },
    BLACKLISTED: { description: 'Put on the black list (列入黑名单).' },
  },
});

@ObjectType('DashboardPrepaidCustody', {
  description:
    'Money of ACTIVE prepaid contracts (预付费合同), yuan (two decimals): custody held for them (资金监管) against their unconsumed value (未消课金额)',
})
export class PrepaidCustodyObject {
  @Field(() => Int, { description: 'Contracts being taught (履行中)' }) contractsActive!: number;
  @Field({
    description:
      'In custody for them: per contract with a matched deposit, its total less what was released and refunded (unmatched: 0)',
  })
  custody!: string;
  @Field({ description: 'Unconsumed value (未消课金额): lessons bought and not yet confirmed × price per lesson' })
  unconsumed!: string;
  @Field({
    description:
      'The gap, money at risk (风险敞口): per contract the unconsumed value not covered by its custody, summed (a surplus on one contract covers no other)',
  })
  gap!: string;
}

@ObjectType('DashboardPrepaidTownship', { description: 'Prepaid custody against unconsumed value in one township' })
export class PrepaidTownshipObject extends PrepaidCustodyObject {
  @Field({ description: 'The township (乡镇/街道).' }) townshipCode!: string;
}

@ObjectType('DashboardPrepaidInstitution', { description: 'An institution by its prepaid gap (money at risk)' })
export class PrepaidInstitutionObject extends PrepaidCustodyObject {
  @Field(() => ID, { description: 'The institution (校外培训机构).' }) institutionId!: string;
  @Field(() => String, { nullable: true, description: 'Its registered name' }) name!: string | null;
  @Field({ description: 'Its township (乡镇/街道).' }) townshipCode!: string;
}

@ObjectType('DashboardPrepaidConfirmations', {
  description:
    'Lessons confirmed (消课确认) in the period: by the parent (家长确认) or automatically after the window (超期自动确认)',
})
export class PrepaidConfirmationsObject {
  @Field(() => PrepaidConfirmedBy, { description: 'Who confirmed: the parent or the automatic confirmation.' })
  by!: PrepaidConfirmedBy;
  @Field(() => Int, { description: 'Lessons' }) lessons!: number;
  @Field(() => Int, { description: 'Lesson records (one day of lessons of one contract)' }) records!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Share of the lessons confirmed in the period (4 decimals); null when none was',
  })
  share!: number | null;
}

@ObjectType('DashboardPrepaidRefunds', { description: 'Refund cases (退费) in one status, now' })
export class PrepaidRefundCountObject {
  @Field(() => PrepaidRefundStatus, { description: 'The refund status.' }) status!: PrepaidRefundStatus;
  @Field(() => Int, { description: 'Refund cases in the status.' }) count!: number;
  @Field({ description: 'Their amounts, yuan (two decimals)' }) amount!: string;
}

@ObjectType('DashboardPrepaidAlertCount', { description: 'Prepaid alerts (预付费预警) not yet resolved, of one type' })
export class PrepaidAlertCountObject {
  @Field(() => EscrowAlertTypeEnum, { description: 'The prepaid alert type.' }) type!: keyof typeof EscrowAlertTypeEnum;
  @Field(() => Int, { description: 'Alerts of the type not yet resolved.' }) count!: number;
}

@ObjectType('DashboardPrepaidExitRisk', {
  description:
    'Refund cases opened because the institution left the market (注销/吊销/黑名单) and not yet executed: money families still wait for',
})
export class PrepaidExitRiskObject {
  @Field(() => PrepaidExitReasonEnum, { description: 'Why the institution left the market.' })
  reason!: keyof typeof PrepaidExitReasonEnum;
  @Field(() => Int, { description: 'Refund cases not yet executed.' }) count!: number;
  @Field({ description: 'Yuan (two decimals)' }) amount!: string;
}

@ObjectType('DashboardPrepaid', {
  description:
    'Prepaid fees lesson by lesson (预付费 一课一消): contracts, custody against unconsumed value, confirmations, refunds, alerts',
})
export class PrepaidSectionObject {
  @Field(() => PrepaidCustodyObject, { description: 'The county or the township, now' }) total!: PrepaidCustodyObject;
  @Field(() => [PrepaidTownshipObject], {
    description: 'By township with active contracts (a township officer: their own), now',
  })
  byTownship!: PrepaidTownshipObject[];
  @Field(() => [PrepaidInstitutionObject], {
    description: 'The 10 institutions with the largest gap (above 0), largest first, now',
  })
  topInstitutionsByGap!: PrepaidInstitutionObject[];
  @Field(() => [PrepaidConfirmationsObject], { description: 'Lessons confirmed in the period, PARENT and AUTO' })
  lessonsConfirmed!: PrepaidConfirmationsObject[];
  @Field(() => [PrepaidRefundCountObject], { description: 'Every refund case by its status (all statuses), now' })
  refundsByStatus!: PrepaidRefundCountObject[];
  @Field(() => Int, { description: 'Refunds the bank executed in the period' }) refundsExecuted!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Median working days (工作日) from request to execution of the refunds executed in the period; null when none was',
  })
  refundMedianWorkingDays!: number | null;
  @Field(() => [PrepaidAlertCountObject], {
    description: 'RELEASE_OVER_RELEASABLE, DEPOSIT_UNMATCHED, REFUND_OVERDUE not yet resolved, now',
  })
  openAlerts!: PrepaidAlertCountObject[];
  @Field(() => [PrepaidExitRiskObject], {
    description: 'Money at risk of institutions deregistered, revoked or black-listed: their refunds not executed, now',
  })
  exitRefundsOpen!: PrepaidExitRiskObject[];
}

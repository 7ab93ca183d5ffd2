import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { Paginated } from '../../../platform/graphql/pagination';
import { PrepaidRefundStatus } from '../entities/prepaid-refund.entity';
import { PrepaidReleaseStatus } from '../entities/prepaid-release.entity';

registerEnumType(PrepaidRefundStatus, {
  name: 'PrepaidRefundStatus',
  description: 'Where a refund case (退费) stands: REQUESTED → APPROVED → INSTRUCTED → EXECUTED; DISPUTED; OVERDUE.',
  valuesMap: {
    REQUESTED: { description: "Requested (已申请), awaiting the institution's answer." },
    APPROVED: { description: 'Approved by the institution, or by its silence past answerDueOn (已同意).' },
    DISPUTED: { description: 'The institution disputes it: a complaint is open (有争议).' },
    INSTRUCTED: { description: 'A REFUND instruction went to the bank (已下达指令).' },
    EXECUTED: { description: "The bank's REFUND transaction closed it (已退款)." },
    OVERDUE: { description: 'Not paid by executionDueOn: an alert and a task follow (逾期未执行).' },
  },
});
registerEnumType(PrepaidReleaseStatus, {
  name: 'PrepaidReleaseStatus',
  description: 'Where a release (一课一消划转) stands: INSTRUCTED → EXECUTED, or REFUSED.',
  valuesMap: {
    INSTRUCTED: { description: 'A RELEASE instruction went to the bank (已下达指令).' },
    EXECUTED: { description: 'The bank posted the RELEASE (已划转).' },
    REFUSED: { description: 'The bank refused the instruction (已拒绝).' },
  },
});

@ObjectType('PrepaidRefund', {
  description: 'A refund case (退费) of a prepaid contract: the lessons not taught, at the contract price.',
})
export class PrepaidRefundObject {
  @Field(() => ID, { description: 'Id of the refund case.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the prepaid contract (预付费合同).' })
  contractId!: string;

  @Field(() => ID, { description: 'Id of the institution (校外培训机构) that sold it.' })
  institutionId!: string;

  @Field({ description: 'When the refund was requested.' })
  requestedAt!: Date;

  @Field({
    description:
      'PARENT, the staff member who registered it, or why the service opened it (DEREGISTERED, REVOKED, BLACKLISTED).',
  })
  requestedBy!: string;

  @Field(() => Int, { description: 'Lessons refunded (the ones not taught).' })
  lessonsRefunded!: number;

  @Field({ description: 'Amount, yuan with two decimals ("123.45").' })
  amount!: string;

  @Field(() => PrepaidRefundStatus, { description: 'Where the refund case stands.' })
  status!: PrepaidRefundStatus;

  @Field(() => DateScalar, {
    description: 'The institution answers by this business day (stored when requested); silence approves.',
  })
  answerDueOn!: string;

  @Field(() => Date, { nullable: true, description: 'When the institution answered; null if it has not.' })
  answeredAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The institution's note with its answer, if any." })
  answerNote!: string | null;

  @Field(() => String, { nullable: true, description: 'INSTITUTION, SILENCE, or why the service approved it.' })
  approvedBy!: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the REFUND instruction to the bank, once instructed.' })
  instructionId!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The bank pays by this business day (stored when instructed); null before.',
  })
  executionDueOn!: string | null;

  @Field(() => ID, { nullable: true, description: 'The complaint opened when the institution disputed the request.' })
  complaintId!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the bank last refused the REFUND (the case is instructed again).',
  })
  refusedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The bank’s note with its last refusal.' })
  refusalNote!: string | null;
}

@ObjectType('PrepaidRelease', {
  description: 'A release (一课一消划转) of custody earned by confirmed lessons, per escrow account.',
})
export class PrepaidReleaseObject {
  @Field(() => ID, { description: 'Id of the release.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the escrow account (监管账户) paid out of.' })
  accountId!: string;

  @Field(() => ID, { description: 'Id of the institution (校外培训机构) paid.' })
  institutionId!: string;

  @Field({ description: 'Amount, yuan with two decimals ("123.45").' })
  amount!: string;

  @Field(() => [ID], { description: 'Ids of the prepaid contracts whose confirmed lessons it pays for.' })
  contractIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Id of the RELEASE instruction to the bank.' })
  instructionId!: string | null;

  @Field(() => PrepaidReleaseStatus, { description: 'Where the release stands.' })
  status!: PrepaidReleaseStatus;

  @Field({ description: 'When the release was instructed.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the bank posted it; null until EXECUTED.' })
  executedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The bank’s note when it refused the instruction (status REFUSED).',
  })
  refusalNote!: string | null;
}

export const PrepaidRefundConnection = Paginated(PrepaidRefundObject, 'PrepaidRefund');
export const PrepaidReleaseConnection = Paginated(PrepaidReleaseObject, 'PrepaidRelease');

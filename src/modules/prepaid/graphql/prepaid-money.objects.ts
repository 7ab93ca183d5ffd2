import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Paginated } from '../../../platform/graphql/pagination';
import { PrepaidRefundStatus } from '../entities/prepaid-refund.entity';
import { PrepaidReleaseStatus } from '../entities/prepaid-release.entity';

registerEnumType(PrepaidRefundStatus, {
  name: 'PrepaidRefundStatus',
  description:
    'REQUESTED → APPROVED (by the institution or its silence) → INSTRUCTED (REFUND to the bank) → EXECUTED (the bank paid); DISPUTED (a complaint); OVERDUE (not paid in time: alert and task)',
});
registerEnumType(PrepaidReleaseStatus, {
  name: 'PrepaidReleaseStatus',
  description: 'INSTRUCTED (RELEASE to the bank) → EXECUTED (the bank posted it); REFUSED',
});

@ObjectType('PrepaidRefund', {
  description: 'A refund case (退费) of a prepaid contract: the lessons not taught, at the contract price',
})
export class PrepaidRefundObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  contractId!: string;

  @Field(() => ID)
  institutionId!: string;

  @Field()
  requestedAt!: Date;

  @Field({
    description:
      'PARENT, the staff member who registered it, or why the service opened it (DEREGISTERED, REVOKED, BLACKLISTED)',
  })
  requestedBy!: string;

  @Field(() => Int)
  lessonsRefunded!: number;

  @Field({ description: 'Amount in yuan ("123.45")' })
  amount!: string;

  @Field(() => PrepaidRefundStatus)
  status!: PrepaidRefundStatus;

  @Field({ description: 'The institution answers by this business date (stored when requested); silence approves' })
  answerDueOn!: string;

  @Field(() => Date, { nullable: true })
  answeredAt!: Date | null;

  @Field(() => String, { nullable: true })
  answerNote!: string | null;

  @Field(() => String, { nullable: true, description: 'INSTITUTION, SILENCE, or why the service approved it' })
  approvedBy!: string | null;

  @Field(() => ID, { nullable: true })
  instructionId!: string | null;

  @Field(() => String, { nullable: true, description: 'The bank pays by this business date (stored when instructed)' })
  executionDueOn!: string | null;

  @Field(() => ID, { nullable: true, description: 'The complaint opened when the institution disputed the request' })
  complaintId!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the bank last refused the REFUND (the case is instructed again)',
  })
  refusedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The bank’s note with its last refusal' })
  refusalNote!: string | null;
}

@ObjectType('PrepaidRelease', {
  description: 'A release (一课一消划转) of custody earned by confirmed lessons, per escrow account',
})
export class PrepaidReleaseObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  accountId!: string;

  @Field(() => ID)
  institutionId!: string;

  @Field({ description: 'Amount in yuan ("123.45")' })
  amount!: string;

  @Field(() => [ID])
  contractIds!: string[];

  @Field(() => ID, { nullable: true })
  instructionId!: string | null;

  @Field(() => PrepaidReleaseStatus)
  status!: PrepaidReleaseStatus;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  executedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The bank’s note when it refused the instruction (status REFUSED)',
  })
  refusalNote!: string | null;
}

export const PrepaidRefundConnection = Paginated(PrepaidRefundObject, 'PrepaidRefund');
export const PrepaidReleaseConnection = Paginated(PrepaidReleaseObject, 'PrepaidRelease');

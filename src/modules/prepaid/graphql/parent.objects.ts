import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PrepaidRefundStatus } from '../entities/prepaid-refund.entity';
import './prepaid-money.objects'; // registers the PrepaidRefundStatus enum

@ObjectType('ParentPrepaidLesson', { description: 'A lesson record (消课记录) of the contract, as the parent sees it' })
export class ParentPrepaidLessonObject {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The day taught' })
  taughtOn!: string;

  @Field(() => Int)
  lessons!: number;

  @Field({ description: 'PENDING (answer by confirmDueOn), CONFIRMED or OBJECTED' })
  status!: string;

  @Field({ description: 'Confirmed automatically on this business date unless the parent answers first' })
  confirmDueOn!: string;

  @Field(() => String, { nullable: true, description: 'PARENT or AUTO' })
  confirmedBy!: string | null;

  @Field(() => Date, { nullable: true })
  confirmedAt!: Date | null;
}

@ObjectType('ParentPrepaidRefund', { description: 'A refund case (退费) of the contract, as the parent sees it' })
export class ParentPrepaidRefundObject {
  @Field()
  requestedAt!: Date;

  @Field(() => Int)
  lessonsRefunded!: number;

  @Field({ description: 'Amount in yuan ("123.45")' })
  amount!: string;

  @Field(() => PrepaidRefundStatus)
  status!: PrepaidRefundStatus;

  @Field({ description: 'The institution answers by this business date; silence approves' })
  answerDueOn!: string;

  @Field(() => String, { nullable: true, description: 'The bank pays it by this business date once instructed' })
  executionDueOn!: string | null;
}

@ObjectType('ParentPrepaidContract', {
  description:
    'A prepaid contract as its parent sees it (家长端): what is printed on the contract, the lessons, the money; personal data masked',
})
export class ParentPrepaidContractObject {
  @Field({ description: 'The contract code as printed' })
  contractCode!: string;

  @Field()
  institutionName!: string;

  @Field()
  courseName!: string;

  @Field({ description: 'Masked (张*)' })
  studentName!: string;

  @Field({ description: 'Masked (138****1234)' })
  payerPhone!: string;

  @Field({ description: 'The model text (示范文本) the contract follows, GF-2021-2604' })
  modelTextVersion!: string;

  @Field({ description: 'ACTIVE, COMPLETED, REFUNDING, REFUNDED or CANCELLED' })
  status!: string;

  @Field()
  periodStart!: string;

  @Field()
  periodEnd!: string;

  @Field(() => Int)
  lessonsBought!: number;

  @Field(() => Int, { description: 'Recorded by the institution (objected records not counted)' })
  lessonsTaught!: number;

  @Field(() => Int, { description: 'Confirmed by the parent or automatically' })
  lessonsConfirmed!: number;

  @Field(() => Int, { description: 'Bought and not yet taught' })
  lessonsLeft!: number;

  @Field(() => Int)
  lessonMinutes!: number;

  @Field({ description: 'Yuan per lesson ("80.00")' })
  pricePerLesson!: string;

  @Field({ description: 'Yuan' })
  total!: string;

  @Field({ description: 'ESCROW_ACCOUNT (资金监管账户) or RISK_RESERVE (风险保证金)' })
  paymentRoute!: string;

  @Field({ description: "Whether the bank has reported the family's payment into the escrow account" })
  depositReceived!: boolean;

  @Field({ description: 'Yuan still held in custody for this contract (资金监管)' })
  inCustody!: string;

  @Field({ description: 'Yuan released to the institution for confirmed lessons (一课一消)' })
  released!: string;

  @Field({ description: 'Yuan refunded to the family' })
  refunded!: string;

  @Field(() => [ParentPrepaidLessonObject])
  lessons!: ParentPrepaidLessonObject[];

  @Field(() => [ParentPrepaidRefundObject])
  refunds!: ParentPrepaidRefundObject[];
}

@ObjectType('PrepaidObjectionReceipt', { description: 'The objection is a complaint: follow it with complaintStatus' })
export class PrepaidObjectionReceiptObject {
  @Field(() => ParentPrepaidContractObject)
  contract!: ParentPrepaidContractObject;

  @Field({ description: 'Tracking number (查询码) of the complaint the objection opened' })
  complaintTrackingNumber!: string;
}

import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { PrepaidContractStatus, PrepaidPaymentRoute } from '../entities/prepaid-contract.entity';
import { PrepaidConfirmedBy, PrepaidLessonStatus } from '../entities/prepaid-lesson.entity';
import { PrepaidRefundStatus } from '../entities/prepaid-refund.entity';
import './prepaid-money.objects'; // registers the PrepaidRefundStatus enum
import './prepaid.objects'; // registers the contract and lesson enums

@ObjectType('ParentPrepaidLesson', {
  description: 'A lesson record (消课记录) of the contract, as the parent sees it.',
})
export class ParentPrepaidLessonObject {
  @Field(() => ID, { description: 'Id of the lesson record, to confirm or object to.' })
  id!: string;

  @Field(() => DateScalar, { description: 'The day taught (上课日期).' })
  taughtOn!: string;

  @Field(() => Int, { description: 'Lessons taught that day.' })
  lessons!: number;

  @Field(() => PrepaidLessonStatus, { description: 'PENDING (answer by confirmDueOn), CONFIRMED or OBJECTED.' })
  status!: string;

  @Field(() => DateScalar, {
    description: 'Confirmed automatically on this business day unless the parent answers first.',
  })
  confirmDueOn!: string;

  @Field(() => PrepaidConfirmedBy, { nullable: true, description: 'Who confirmed it; null while unconfirmed.' })
  confirmedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was confirmed; null while unconfirmed.' })
  confirmedAt!: Date | null;
}

@ObjectType('ParentPrepaidRefund', { description: 'A refund case (退费) of the contract, as the parent sees it.' })
export class ParentPrepaidRefundObject {
  @Field({ description: 'When the refund was requested.' })
  requestedAt!: Date;

  @Field(() => Int, { description: 'Lessons refunded (the ones not taught).' })
  lessonsRefunded!: number;

  @Field({ description: 'Amount, yuan with two decimals ("123.45").' })
  amount!: string;

  @Field(() => PrepaidRefundStatus, { description: 'Where the refund stands.' })
  status!: PrepaidRefundStatus;

  @Field(() => DateScalar, { description: 'The institution answers by this business day; silence approves.' })
  answerDueOn!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The bank pays it by this business day once instructed; null before.',
  })
  executionDueOn!: string | null;
}

@ObjectType('ParentPrepaidContract', {
  description:
    'A prepaid contract as its parent sees it (家长端): what is printed on the contract, the lessons, the money; personal data masked.',
})
export class ParentPrepaidContractObject {
  @Field({ description: 'The contract code (合同码) as printed.' })
  contractCode!: string;

  @Field({ description: 'Name of the institution (机构名称).' })
  institutionName!: string;

  @Field({ description: 'Name of the course (课程名称).' })
  courseName!: string;

  @Field({ description: 'Student name, masked (张*).' })
  studentName!: string;

  @Field({ description: 'Paying phone, masked (138****1234).' })
  payerPhone!: string;

  @Field({ description: 'The model text (示范文本) the contract follows, GF-2021-2604.' })
  modelTextVersion!: string;

  @Field(() => PrepaidContractStatus, { description: 'Where the contract stands.' })
  status!: string;

  @Field(() => DateScalar, { description: 'First day of the contract period.' })
  periodStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the contract period.' })
  periodEnd!: string;

  @Field(() => Int, { description: 'Lessons bought (购买课时).' })
  lessonsBought!: number;

  @Field(() => Int, { description: 'Recorded by the institution (objected records not counted).' })
  lessonsTaught!: number;

  @Field(() => Int, { description: 'Confirmed by the parent or automatically.' })
  lessonsConfirmed!: number;

  @Field(() => Int, { description: 'Bought and not yet taught.' })
  lessonsLeft!: number;

  @Field(() => Int, { description: 'Minutes per lesson.' })
  lessonMinutes!: number;

  @Field({ description: 'Price per lesson, yuan with two decimals ("80.00").' })
  pricePerLesson!: string;

  @Field({ description: 'Total paid, yuan with two decimals.' })
  total!: string;

  @Field(() => PrepaidPaymentRoute, {
    description: 'ESCROW_ACCOUNT (资金监管账户) or RISK_RESERVE (风险保证金).',
  })
  paymentRoute!: string;

  @Field({ description: "Whether the bank has reported the family's payment into the escrow account." })
  depositReceived!: boolean;

  @Field({ description: 'Still held in custody for this contract (资金监管), yuan with two decimals.' })
  inCustody!: string;

  @Field({ description: 'Released to the institution for confirmed lessons (一课一消), yuan with two decimals.' })
  released!: string;

  @Field({ description: 'Refunded to the family (退费), yuan with two decimals.' })
  refunded!: string;

  @Field(() => [ParentPrepaidLessonObject], { description: 'The lesson records, in the order taught.' })
  lessons!: ParentPrepaidLessonObject[];

  @Field(() => [ParentPrepaidRefundObject], { description: 'The refund cases of the contract.' })
  refunds!: ParentPrepaidRefundObject[];
}

@ObjectType('PrepaidObjectionReceipt', {
  description: 'The objection is a complaint (投诉): follow it with complaintStatus.',
})
export class PrepaidObjectionReceiptObject {
  @Field(() => ParentPrepaidContractObject, { description: 'The contract after the objection.' })
  contract!: ParentPrepaidContractObject;

  @Field({ description: 'Tracking number (查询码) of the complaint the objection opened.' })
  complaintTrackingNumber!: string;
}

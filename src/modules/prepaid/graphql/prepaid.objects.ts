import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { NodeInterface } from '../../../platform/graphql/node';
import { Paginated } from '../../../platform/graphql/pagination';
import { PrepaidContractSource, PrepaidContractStatus, PrepaidPaymentRoute } from '../entities/prepaid-contract.entity';
import { PrepaidConfirmedBy, PrepaidLessonStatus } from '../entities/prepaid-lesson.entity';

registerEnumType(PrepaidContractStatus, {
  name: 'PrepaidContractStatus',
  description: 'Where a prepaid contract (预付费合同) stands.',
  valuesMap: {
    ACTIVE: { description: 'Being taught (履行中).' },
    COMPLETED: { description: 'Every lesson bought taught and confirmed (已完成).' },
    REFUNDING: { description: 'A refund case is open (退费处理中).' },
    REFUNDED: { description: 'The lessons not taught were refunded (已退费).' },
    CANCELLED: { description: 'Cancelled (已撤销).' },
  },
});
registerEnumType(PrepaidPaymentRoute, {
  name: 'PrepaidPaymentRoute',
  description: 'Where the family pays: the escrow account (银行托管) or the risk-reserve route (风险保证金).',
  valuesMap: {
    ESCROW_ACCOUNT: { description: "Into the institution's escrow account (资金监管账户)." },
    RISK_RESERVE: { description: 'To the institution, covered by its risk reserve (风险保证金).' },
  },
});
registerEnumType(PrepaidContractSource, {
  name: 'PrepaidContractSource',
  description: 'Where a contract was registered.',
  valuesMap: {
    INSTITUTION: { description: 'Registered here, by the institution or by staff on its behalf (机构端).' },
    PLATFORM: { description: 'Arrived from the national or provincial platform (监管平台).' },
  },
});
registerEnumType(PrepaidLessonStatus, {
  name: 'PrepaidLessonStatus',
  description: 'Where a lesson record (消课记录) stands: PENDING → CONFIRMED / OBJECTED.',
  valuesMap: {
    PENDING: { description: "Waiting for the parent's answer until confirmDueOn (待确认)." },
    CONFIRMED: { description: 'Confirmed by the parent or automatically (已确认).' },
    OBJECTED: { description: 'The parent objected (家长异议): a complaint is open and it does not count.' },
  },
});
registerEnumType(PrepaidConfirmedBy, {
  name: 'PrepaidConfirmedBy',
  description: 'Who confirmed a lesson record.',
  valuesMap: {
    PARENT: { description: 'The parent (家长确认).' },
    AUTO: { description: 'The service, on confirmDueOn without an answer (自动确认).' },
  },
});

@ObjectType('PrepaidLesson', { description: 'Lessons taught on a day against a contract (消课记录).' })
export class PrepaidLessonObject {
  @Field(() => ID, { description: 'Id of the lesson record.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the prepaid contract.' })
  contractId!: string;

  @Field(() => DateScalar, { description: 'Business day taught (上课日期).' })
  taughtOn!: string;

  @Field(() => Int, { description: 'Lessons taught that day.' })
  lessons!: number;

  @Field({ description: 'When the record was made.' })
  recordedAt!: Date;

  @Field({ description: 'Who recorded it.' })
  recordedBy!: string;

  @Field(() => PrepaidLessonStatus, { description: 'Where the record stands.' })
  status!: PrepaidLessonStatus;

  @Field(() => DateScalar, {
    description: 'Confirmed automatically on this business day without the parent’s answer (stored).',
  })
  confirmDueOn!: string;

  @Field(() => Date, { nullable: true, description: 'When it was confirmed; null while PENDING or OBJECTED.' })
  confirmedAt!: Date | null;

  @Field(() => PrepaidConfirmedBy, { nullable: true, description: 'Who confirmed it; null while unconfirmed.' })
  confirmedBy!: PrepaidConfirmedBy | null;

  @Field(() => ID, { nullable: true, description: 'The complaint the parent’s objection opened.' })
  objectionComplaintId!: string | null;
}

@ObjectType('PrepaidContract', {
  implements: () => [NodeInterface],
  description: 'A prepaid training contract (预付费合同, model text GF-2021-2604); personal data masked.',
})
export class PrepaidContractObject {
  @Field(() => ID, { description: 'Id of the contract.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the institution (校外培训机构) that sold it.' })
  institutionId!: string;

  @Field({ description: 'Township (乡镇/街道) code of the institution when registered.' })
  townshipCode!: string;

  @Field(() => ID, { description: 'Id of the course (课程) bought.' })
  courseId!: string;

  @Field({ description: 'Student name, masked (张*).' })
  studentName!: string;

  @Field({ description: 'Payer name, masked (李*).' })
  payerName!: string;

  @Field({ description: 'Paying phone, masked (138****1234).' })
  payerPhone!: string;

  @Field(() => Int, { description: 'Lessons bought (购买课时).' })
  lessonsBought!: number;

  @Field(() => Int, { description: 'Minutes per lesson.' })
  lessonMinutes!: number;

  @Field({ description: 'Price per lesson, yuan with two decimals.' })
  pricePerLesson!: string;

  @Field({ description: 'Total paid, yuan with two decimals.' })
  total!: string;

  @Field(() => DateScalar, { description: 'First day of the contract period.' })
  periodStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the contract period.' })
  periodEnd!: string;

  @Field(() => PrepaidPaymentRoute, { description: 'Where the family pays.' })
  paymentRoute!: PrepaidPaymentRoute;

  @Field(() => ID, { nullable: true, description: 'Id of the escrow account paid into (ESCROW_ACCOUNT route).' })
  escrowAccountId!: string | null;

  @Field({ description: 'The refund terms (退费条款) written into the contract.' })
  refundTerms!: string;

  @Field({ description: 'The model text (示范文本) the contract follows, e.g. GF-2021-2604.' })
  modelTextVersion!: string;

  @Field(() => PrepaidContractStatus, { description: 'Where the contract stands.' })
  status!: PrepaidContractStatus;

  @Field(() => PrepaidContractSource, { description: 'Where it was registered.' })
  source!: PrepaidContractSource;

  @Field({ description: 'When it was registered.' })
  createdAt!: Date;

  @Field({ description: 'Who registered it (a person, or the platform).' })
  createdBy!: string;

  @Field({ description: 'Whether a bank deposit was matched to the contract.' })
  depositMatched!: boolean;

  @Field(() => Int, { description: 'Lessons recorded and not objected (pending + confirmed).' })
  lessonsTaught!: number;

  @Field(() => Int, { description: 'Lessons confirmed by the parent or automatically.' })
  lessonsConfirmed!: number;

  @Field(() => Int, { description: 'Lessons bought less those taught.' })
  lessonsLeft!: number;

  @Field({ description: 'Released from custody for this contract (一课一消), yuan with two decimals.' })
  released!: string;

  @Field({ description: 'Refunded to the payer (退费), yuan with two decimals.' })
  refunded!: string;
}

export const PrepaidContractConnection = Paginated(PrepaidContractObject, 'PrepaidContract');

@ObjectType('RegisteredPrepaidContract', {
  description: 'A contract just registered, with its contract code: shown this once, to print on the contract.',
})
export class RegisteredPrepaidContractObject {
  @Field({ description: 'The contract code (合同码) XXXX-XXXX-XXXX-XXXX; never shown again.' })
  contractCode!: string;

  @Field(() => PrepaidContractObject, { description: 'The contract as registered.' })
  contract!: PrepaidContractObject;
}
